"""Memory of what-if branches: 20 branches of the digits run against one run.

    python bench/bench_branches.py [--branches 20]

Both sessions walk the whole run (10 epochs of 45 batches, 64-32-10) and go
back to its middle; the branched one then makes each branch at a different
step (edits of weights, inputs and the learning rate, a mistake toggled),
runs every branch to its end, and switches through them all. Prints the
memory each session holds afterwards (tracemalloc, after a collection), the
ratio, and the cost per branch in parameter sets of the network. Target: each
branch costs about one network (its root) plus a float per batch, never a copy
of the history: the ratio stays near 1 + branches / max_checkpoints.
"""

from __future__ import annotations

import argparse
import gc
import tracemalloc

import numpy as np

from nnviz import Session, load_scenario


def held(build) -> tuple[int, int]:
    """Bytes still allocated once ``build()``'s session is made and walked (the session kept
    alive), and the peak on the way."""
    gc.collect()
    tracemalloc.start()
    session = build()
    gc.collect()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del session
    return current, peak


def walk(session: Session) -> None:
    session.run()
    session.goto(session.total_steps // 2)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--branches", type=int, default=20)
    args = parser.parse_args()
    scenario = load_scenario("digits")
    rng = np.random.default_rng(0)

    def one_run():
        session = Session(scenario)
        walk(session)
        return session

    def branched():
        session = Session(scenario)
        walk(session)
        per = session.steps_per_batch
        for k in range(args.branches):
            session.switch(session.branches[int(rng.integers(len(session.branches)))])
            session.goto(int(rng.integers(session.total_steps // per)) * per + 1)
            kind = k % 4
            if kind == 0:
                session.edit("W1", (int(rng.integers(32)), int(rng.integers(64))), float(rng.normal()))
            elif kind == 1:
                session.edit("learning_rate", value=float(rng.uniform(0.01, 0.5)))
            elif kind == 2:
                session.edit("X", (int(rng.integers(64)), int(session.current.examples[0])), 16.0)
            else:
                session.toggle_mistake("no_mean")
            session.run()
        for branch in session.branches:
            session.switch(branch)
            session.goto(session.total_steps // 2)
        walk(session)  # as the one run: every checkpoint of the active branch filled
        return session

    base, base_peak = held(one_run)
    more, more_peak = held(branched)
    network_bytes = sum(layer.W.nbytes + layer.b.nbytes for layer in scenario.network.layers)
    per_branch = (more - base) / args.branches
    print(f"one run: {base / 2**20:.2f} MiB held (peak {base_peak / 2**20:.2f}); {args.branches} branches: "
          f"{more / 2**20:.2f} MiB held (peak {more_peak / 2**20:.2f}); ratio {more / base:.2f}")
    print(f"per branch: {per_branch / 1024:.1f} KiB = {per_branch / network_bytes:.2f} networks "
          f"of {network_bytes / 1024:.1f} KiB (target: about 1, never the history's "
          f"{Session(scenario).total_batches} networks)")


if __name__ == "__main__":
    main()
