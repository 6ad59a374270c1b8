"""The debugger's own CPU time per step, its start-up, and `nnviz --help`.

    python bench/bench_app.py [--steps 60] [--size 120x40]

Step: the app runs headless under Pilot at 120×40; one step is a press of n
and the screen refresh that follows (Pilot's pause runs the compositor).
time.process_time around it counts the CPU of the whole process (the UI
thread, any worker, numpy's threads) and none of Pilot's waiting. Measured
on the bundled digits scenario (64-32-10, batches of 32) and on an
MNIST-sized 784-128-64-10 network with random data (784 features, batches
of 64), from the first step on, so batch boundaries (where the Session
computes the next batch) are included in the median's sample.

Start-up: a fresh interpreter opens the app on binary-example headless and
stops at the first painted screen; wall time from spawning it, and its CPU.
`nnviz --help`: wall time of the command, median of 5.

Targets (issue 4): step median ≤ 30 ms CPU; start-up ≤ 1.5 s; --help ≤ 0.3 s.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from nnviz.engine.config import TrainingConfig
from nnviz.engine.network import build_network
from nnviz.scenario import Scenario, load_scenario
from nnviz.tui.app import make_app

TARGETS = {"step": 30.0, "startup": 1.5, "help": 0.3}
STARTUP = """
import asyncio, time
from nnviz.tui.app import make_app

async def main():
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


async def step_times(scenario: Scenario, steps: int, size: tuple[int, int]) -> list[float]:
    """CPU milliseconds of each of ``steps`` presses of n."""
    app = make_app(scenario)
    times = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for _ in range(steps):
            start = time.process_time()
            await pilot.press("n")
            await pilot.pause()
            times.append((time.process_time() - start) * 1000)
    return times


def startup() -> tuple[float, float]:
    """(wall s, CPU s) from spawning a fresh interpreter to the first painted screen."""
    start = time.time()
    out = subprocess.run([sys.executable, "-c", STARTUP], capture_output=True, text=True, check=True).stdout
    painted, cpu = map(float, out.split())
    return painted - start, cpu


def help_time() -> float:
    """Median wall seconds of `nnviz --help`."""
    command = shutil.which("nnviz") or str(Path(sys.executable).with_name("nnviz"))
    times = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([command, "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "OVER TARGET"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--size", default="120x40")
    args = parser.parse_args()
    size = tuple(int(n) for n in args.size.split("x"))
    for scenario in (load_scenario("digits"), mnist_sized()):
        times = asyncio.run(step_times(scenario, args.steps, size))
        median = statistics.median(times)
        print(f"step, {scenario.title}: median {median:.1f} ms CPU, p90 {np.percentile(times, 90):.1f} ms, "
              f"max {max(times):.1f} ms over {len(times)} steps at {args.size} "
              f"(target ≤ {TARGETS['step']:.0f} ms: {verdict(median, TARGETS['step'])})")
    wall, cpu = startup()
    print(f"start-up to the first painted screen: {wall:.2f} s wall, {cpu:.2f} s CPU "
          f"(target ≤ {TARGETS['startup']} s: {verdict(wall, TARGETS['startup'])})")
    seconds = help_time()
    print(f"nnviz --help: {seconds * 1000:.0f} ms wall, median of 5 "
          f"(target ≤ {TARGETS['help'] * 1000:.0f} ms: {verdict(seconds, TARGETS['help'])})")


if __name__ == "__main__":
    main()
