"""CPU time to compute and render the decision-boundary heatmap at 120×40.

The issue's target: at most 50 ms of CPU (time.process_time) on a 2-16-16-1
network, for the grid (one forward pass over 120 × 80 points) plus the
half-block rich Text with 200 training points on top. The ANSI string that
`nnviz boundary` prints is timed as well, as a separate figure.

process_time counts the CPU of every thread, so a multi-threaded BLAS that
spins its threads on the forward pass's small matrix products shows up in
the grid figure; OPENBLAS_NUM_THREADS=1 gives the single-thread cost.

    python bench/bench_boundary.py
"""

from __future__ import annotations

import io
import statistics
import time

import numpy as np
from rich.console import Console

from nnviz.engine import build_network
from nnviz.engine.boundary import boundary_grid
from nnviz.render.boundary import boundary_text

WIDTH, HEIGHT = 120, 40
TARGET_MS = 50.0
RUNS = 30


def cpu_ms(work, runs: int = RUNS) -> float:
    """Median CPU milliseconds of ``work()`` over ``runs`` calls, after one warm-up."""
    work()
    times = []
    for _ in range(runs):
        start = time.process_time()
        work()
        times.append(1000 * (time.process_time() - start))
    return statistics.median(times)


def main() -> None:
    rng = np.random.default_rng(0)
    network = build_network([2, 16, 16, 1], ["relu", "relu", "sigmoid"], init="he", seed=0)
    X = rng.uniform(-1, 1, size=(2, 200))
    labels = (X[0] * X[1] > 0).astype(np.int64)

    def compute():
        return boundary_grid(network, X, cols=WIDTH, rows=2 * HEIGHT)

    grid = compute()

    def render():
        return boundary_text(grid, X, labels, color=True)

    def both():
        return boundary_text(compute(), X, labels, color=True)

    text = render()

    def ansi():
        console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor", width=10_000)
        with console.capture() as captured:
            console.print(text, end="", soft_wrap=True)
        return captured.get()

    compute_ms, render_ms, total_ms, ansi_ms = cpu_ms(compute), cpu_ms(render), cpu_ms(both), cpu_ms(ansi)
    plain_ms = cpu_ms(lambda: boundary_text(grid, X, labels, color=False))
    print(f"boundary heatmap {WIDTH}×{HEIGHT} (grid {WIDTH}×{2 * HEIGHT}), 2-16-16-1 network, {X.shape[1]} points, "
          f"median of {RUNS} runs, CPU time")
    print(f"  grid (one forward pass)     {compute_ms:6.2f} ms")
    print(f"  render (half-block Text)    {render_ms:6.2f} ms   ({len(text.spans)} spans)")
    print(f"  compute + render            {total_ms:6.2f} ms   target {TARGET_MS:.0f} ms, "
          f"ratio {total_ms / TARGET_MS:.2f} of the target")
    print(f"  plain-text fallback render  {plain_ms:6.2f} ms")
    print(f"  to ANSI (what the CLI prints) {ansi_ms:4.2f} ms   (not part of the target: Textual draws the Text itself)")


if __name__ == "__main__":
    main()
