"""The debugger's own CPU time per step, its start-up, and `nnviz --help`.

    python bench/bench_app.py [--steps 60] [--size 120x40]

Step: the app runs headless under Pilot at 120×40; one step is a press of n
and the screen refresh that follows (Pilot's pause runs the compositor).
time.process_time around it counts the CPU of the whole process (the UI
thread, any worker, numpy's threads) and none of Pilot's waiting. Measured
on the bundled digits scenario (64-32-10, batches of 32) and on an
MNIST-sized 784-128-64-10 network with random data (784 features, batches
of 64), from the first step on, so batch boundaries (where the Session
computes the next batch) are included in the sample; the median and the
90th percentile are over every step, the slowest kinds of step are named.

Pilot's floor, the CPU of a press of a key bound to nothing and the same
pause, is measured in the same app and printed beside: it is part of every
step's figure, and nothing is subtracted from it.

The process is set up as `nnviz open` sets it up, no more and no less
(nnviz.cli.app.settle_for_stepping: numpy's OpenBLAS on one thread, the
start-up's objects frozen out of the garbage collector).

Start-up: a fresh interpreter opens the app on binary-example headless and
stops at the first painted screen; wall time from spawning it, and its CPU.
`nnviz --help`: bench_cli.py's ratio to a bare Python start.

Targets (issue 4): step median ≤ 30 ms CPU; start-up ≤ 1.5 s; --help ≤ 4x a bare Python (issue 9).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
from collections import defaultdict

import numpy as np

import bench_cli  # this folder: python bench/bench_app.py

from nnviz.cli.app import settle_for_stepping
from nnviz.engine.config import TrainingConfig
from nnviz.engine.network import build_network
from nnviz.scenario import Scenario, load_scenario
from nnviz.tui.app import make_app

TARGETS = {"step": 30.0, "startup": 1.5}
UNBOUND = "z"  # a key the debugger does nothing with: Pilot's own cost
STARTUP = """
import asyncio, time
from nnviz.cli.app import settle_for_stepping
from nnviz.tui.app import make_app

async def main():
    settle_for_stepping()
    app = make_app("binary-example")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        print(time.time(), time.process_time())

asyncio.run(main())
"""


def mnist_sized(m: int = 512, seed: int = 0) -> Scenario:
    """784-128-64-10 relu/softmax on random pixels and labels."""
    rng = np.random.default_rng(seed)
    network = build_network([784, 128, 64, 10], ["relu", "relu", "softmax"], "he", seed)
    X = rng.random((784, m))
    Y = np.eye(10)[:, rng.integers(0, 10, m)]
    training = TrainingConfig("cross_entropy", 0.05, batch_size=64, epochs=2, shuffle=True, seed=seed)
    return Scenario(network, X, Y, training, name="MNIST-sized 784-128-64-10 (random data)")


async def press_times(pilot, key: str, count: int) -> list[float]:
    """CPU milliseconds of each of ``count`` presses of ``key``, each with the refresh after it."""
    times = []
    for _ in range(count):
        start = time.process_time()
        await pilot.press(key)
        await pilot.pause()
        times.append((time.process_time() - start) * 1000)
    return times


async def measure(scenario: Scenario, steps: int, size: tuple[int, int]) -> tuple[list[tuple[str, float]], list[float]]:
    """([(step label, CPU ms)] for ``steps`` presses of n, [CPU ms] of as many presses of a key bound to nothing)."""
    app = make_app(scenario)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        floor = await press_times(pilot, UNBOUND, steps)
        labelled = []
        for _ in range(steps):
            ms = (await press_times(pilot, "n", 1))[0]
            step = app.debugger.session.current
            first = step.index % app.debugger.session.steps_per_batch == 0
            labelled.append((step.label + (" (a new batch)" if first else ""), ms))
    return labelled, floor


def startup() -> tuple[float, float]:
    """(wall s, CPU s) from spawning a fresh interpreter to the first painted screen."""
    start = time.time()
    out = subprocess.run([sys.executable, "-c", STARTUP], capture_output=True, text=True, check=True).stdout
    painted, cpu = map(float, out.split())
    return painted - start, cpu


def verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "OVER TARGET"


def slowest(labelled: list[tuple[str, float]], count: int = 3) -> str:
    """The kinds of step with the highest median: 'F1 (a new batch) 41.2, L 33.0, …'."""
    by_kind = defaultdict(list)
    for label, ms in labelled:
        by_kind[label].append(ms)
    medians = sorted(((statistics.median(v), k) for k, v in by_kind.items()), reverse=True)
    return ", ".join(f"{kind} {ms:.1f}" for ms, kind in medians[:count])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--size", default="120x40")
    args = parser.parse_args()
    if args.steps < 40:
        parser.error("--steps: at least 40, for a median and a 90th percentile worth reading")
    size = tuple(int(n) for n in args.size.split("x"))
    print(f"as `nnviz open` runs: {settle_for_stepping()}")
    for scenario in (load_scenario("digits"), mnist_sized()):
        labelled, floor = asyncio.run(measure(scenario, args.steps, size))
        times = [ms for _, ms in labelled]
        median = statistics.median(times)
        print(f"step, {scenario.title}: median {median:.1f} ms CPU, p90 {np.percentile(times, 90):.1f} ms, "
              f"max {max(times):.1f} ms over {len(times)} steps at {args.size} "
              f"(target ≤ {TARGETS['step']:.0f} ms: {verdict(median, TARGETS['step'])})")
        print(f"    Pilot's floor, included above (a key bound to nothing): median {statistics.median(floor):.1f} ms, "
              f"p90 {np.percentile(floor, 90):.1f} ms")
        print(f"    slowest kinds of step (median ms): {slowest(labelled)}")
    wall, cpu = startup()
    print(f"start-up to the first painted screen: {wall:.2f} s wall, {cpu:.2f} s CPU "
          f"(target ≤ {TARGETS['startup']} s: {verdict(wall, TARGETS['startup'])})")
    print(bench_cli.report())


if __name__ == "__main__":
    main()
