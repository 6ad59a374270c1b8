"""The debugger's own CPU time per step, its start-up, and `nnviz --help`.

    python bench/bench_app.py [--steps 60] [--size 120x40]

The app runs as a user runs it: a child process on a pseudo-terminal of the
given size, with Textual's real driver writing every frame to the terminal
(the bench reads it and throws it away). One step is the key n and
everything the app does until its screen is drawn and the terminal falls
quiet. The CPU is that of the whole child, every thread (the UI, the input
thread, any worker, numpy's), read from the kernel's per-thread run time
(/proc/PID/task/*/schedstat, nanoseconds) before the key and after the quiet;
no harness runs inside the app, so nothing of Pilot's is counted.

Measured on the bundled digits scenario (64-32-10, batches of 32) and on an
MNIST-sized 784-128-64-10 network with random data (784 features, batches of
64), from the first step on, so batch boundaries (where the Session computes
the next batch) are included; the median and the 90th percentile are over
every step, and the slowest kinds of step are named. The floor, a key bound
to nothing pressed as often in the same app, is printed beside as the
baseline: what any key costs the app and its driver.

The child sets itself up as `nnviz open` does (nnviz.cli.app.settle_for_stepping).

Start-up: wall time from spawning the child to the first screen on the terminal,
for binary-example (what `nnviz` with no argument opens), the fastest of three,
with the bytecode cached as an installed package has it.
`nnviz --help`: bench_cli.py's ratio to a bare Python start.

Targets (issue 8): step median ≤ 30 ms CPU at 120×40; start-up ≤ 1.5 s; --help ≤ 4x a bare Python (issue 9).
"""

from __future__ import annotations

import argparse
import fcntl
import glob
import os
import select
import statistics
import struct
import subprocess
import sys
import termios
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

import bench_cli  # this folder: python bench/bench_app.py

TARGETS = {"step": 30.0, "startup": 1.5}
UNBOUND = b"z"  # a key the debugger does nothing with
QUIET = 0.05  # s without output: the frame is written
FIRST_SCREEN = b"first step"  # the status line before any step: "before the first step"


def mnist_sized(m: int = 512, seed: int = 0):
    """784-128-64-10 relu/softmax on random pixels and labels."""
    from nnviz.engine.config import TrainingConfig
    from nnviz.engine.network import build_network
    from nnviz.scenario import Scenario

    rng = np.random.default_rng(seed)
    network = build_network([784, 128, 64, 10], ["relu", "relu", "softmax"], "he", seed)
    X = rng.random((784, m))
    Y = np.eye(10)[:, rng.integers(0, 10, m)]
    training = TrainingConfig("cross_entropy", 0.05, batch_size=64, epochs=2, shuffle=True, seed=seed)
    return Scenario(network, X, Y, training, name="MNIST-sized 784-128-64-10 (random data)")


def child(name: str) -> None:
    """The app, as `nnviz open NAME` runs it (the MNIST-sized network has no file: it is built here)."""
    from nnviz.cli.app import settle_for_stepping
    from nnviz.scenario import load_scenario
    from nnviz.tui.app import make_app

    scenario = mnist_sized() if name == "mnist-sized" else load_scenario(name)
    settle_for_stepping()
    make_app(scenario).run()


class App:
    """The app in a child process on a pseudo-terminal of ``size`` (columns, rows)."""

    def __init__(self, name: str, size: tuple[int, int]) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        # Bytecode is cached as in any installed package (pip compiles it at install), even
        # where the environment says not to write it: start-up then measures the app, not the compiler.
        env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.started = time.perf_counter()
        self.process = subprocess.Popen([sys.executable, __file__, "--child", name], stdin=slave, stdout=slave,
                                        stderr=slave, env=env, start_new_session=True)
        os.close(slave)
        self.master = master

    def read(self, timeout: float) -> bytes:
        """What the app wrote within ``timeout`` s (b"" if nothing)."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return b""
        try:
            return os.read(self.master, 1 << 16)
        except OSError:  # the child has gone
            return b""

    def wait_for(self, text: bytes, timeout: float = 30.0) -> float:
        """Wall s from spawning until ``text`` was written."""
        seen = b""
        deadline = time.perf_counter() + timeout
        while text not in seen:
            if time.perf_counter() > deadline or self.process.poll() is not None:
                raise SystemExit(f"the app did not draw its first screen: {seen[-400:]!r}")
            seen = seen[-4096:] + self.read(0.1)
        return time.perf_counter() - self.started

    def settle(self, first_output: float = 1.0) -> None:
        """Read until the terminal is quiet (after some output, or ``first_output`` s of none)."""
        if not self.read(first_output):
            return
        while self.read(QUIET):
            pass

    def cpu(self) -> float:
        """ms of CPU the child has used, all its threads."""
        total = 0
        for path in glob.glob(f"/proc/{self.process.pid}/task/*/schedstat"):
            try:
                total += int(Path(path).read_text().split()[0])
            except (OSError, ValueError, IndexError):  # a thread that just ended
                pass
        return total / 1e6

    def press(self, key: bytes, expect_output: bool = True) -> float:
        """CPU ms of one key and all it caused."""
        before = self.cpu()
        os.write(self.master, key)
        self.settle(1.0 if expect_output else 0.15)
        return self.cpu() - before

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self.master)


def measure(name: str, steps: int, size: tuple[int, int]) -> tuple[list[float], list[float]]:
    """([CPU ms] of ``steps`` presses of n, [CPU ms] of as many presses of a key bound to nothing)."""
    app = App(name, size)
    try:
        app.wait_for(FIRST_SCREEN)
        app.settle()
        floor = [app.press(UNBOUND, expect_output=False) for _ in range(steps)]
        stepped = [app.press(b"n") for _ in range(steps)]
    finally:
        app.close()
    return stepped, floor


def startup(name: str = "binary-example", runs: int = 3) -> float:
    """Wall s from spawning the app to its first screen, the fastest of ``runs``."""
    times = []
    for _ in range(runs):
        app = App(name, (120, 40))
        try:
            times.append(app.wait_for(FIRST_SCREEN))
        finally:
            app.close()
    return min(times)


def step_kinds(name: str, count: int) -> list[str]:
    """The labels of the first ``count`` steps ('F1 (a new batch)', 'F2', 'L', …), from the Session."""
    from nnviz.scenario import load_scenario
    from nnviz.session import Session

    session = Session(mnist_sized() if name == "mnist-sized" else load_scenario(name))
    labels = []
    for _ in range(count):
        step = session.step()
        labels.append(step.label + (" (a new batch)" if step.index % session.steps_per_batch == 0 else ""))
    return labels


def slowest(labelled: list[tuple[str, float]], count: int = 3) -> str:
    """The kinds of step with the highest median: 'F1 (a new batch) 41.2, L 33.0, …'."""
    by_kind = defaultdict(list)
    for label, ms in labelled:
        by_kind[label].append(ms)
    medians = sorted(((statistics.median(v), k) for k, v in by_kind.items()), reverse=True)
    return ", ".join(f"{kind} {ms:.1f}" for ms, kind in medians[:count])


def verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "OVER TARGET"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--size", default="120x40")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child)
    if args.steps < 40:
        parser.error("--steps: at least 40, for a median and a 90th percentile worth reading")
    size = tuple(int(n) for n in args.size.split("x"))
    for name, title in (("digits", "digits 64-32-10"), ("mnist-sized", "784-128-64-10")):
        times, floor = measure(name, args.steps, size)
        median = statistics.median(times)
        print(f"step, {title}: median {median:.1f} ms CPU, p90 {np.percentile(times, 90):.1f} ms, "
              f"max {max(times):.1f} ms over {len(times)} steps at {args.size} "
              f"(target ≤ {TARGETS['step']:.0f} ms: {verdict(median, TARGETS['step'])})")
        print(f"    floor, a key bound to nothing in the same app: median {statistics.median(floor):.1f} ms")
        labels = step_kinds(name, len(times))
        print(f"    slowest kinds of step (median ms): {slowest(list(zip(labels, times)))}")
    wall = startup()
    print(f"start-up of binary-example to the first screen on the terminal: {wall:.2f} s wall, the fastest of 3 "
          f"(target ≤ {TARGETS['startup']} s: {verdict(wall, TARGETS['startup'])})")
    print(bench_cli.report())


if __name__ == "__main__":
    main()
