"""`nnviz --help` against a bare Python start, side by side in the same run.

    python bench/bench_cli.py [--runs 11]

Both are spawned as fresh processes of this interpreter, alternately, so that
the machine's load falls on both alike; each figure is the median wall time.
The bare start is `python -c pass` (with site, as every command has it).
Target (issue 9): `nnviz --help` at most 4x the bare start: the package loads
its modules lazily and no NumPy is imported for --help.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET_RATIO = 4.0


def nnviz_command() -> str:
    return shutil.which("nnviz") or str(Path(sys.executable).with_name("nnviz"))


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, capture_output=True, check=True)
    return time.perf_counter() - start


def help_against_bare(runs: int = 11) -> tuple[float, float]:
    """(median s of `nnviz --help`, median s of a bare Python start), measured alternately."""
    bare, helped = [], []
    for _ in range(runs):
        bare.append(wall([sys.executable, "-c", "pass"]))
        helped.append(wall([nnviz_command(), "--help"]))
    return statistics.median(helped), statistics.median(bare)


def report(runs: int = 11) -> str:
    helped, bare = help_against_bare(runs)
    ratio = helped / bare
    verdict = "ok" if ratio <= TARGET_RATIO else "OVER TARGET"
    return (f"nnviz --help: {helped * 1000:.0f} ms wall, bare python: {bare * 1000:.0f} ms, "
            f"ratio {ratio:.2f} (median of {runs}; target <= {TARGET_RATIO:g}x: {verdict})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    print(report(parser.parse_args().runs))


if __name__ == "__main__":
    main()
