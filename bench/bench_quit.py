"""How long q takes to quit the app while the comparison's worker and the histograms' thread train.

    python bench/bench_quit.py [--runs 5] [--epochs 500]

The app runs headless under Pilot on digits at 200x60 (every panel on screen, so the
histograms worker starts), with its epochs raised so that both workers are still
training when q comes; C starts the comparison's worker. Once both threads are in the
engine, q closes the comparison and q (sent once the debugger is back) quits: the wall time from the first q until the
app has exited, its worker threads included (asyncio.run waits for the executor's
threads, as `nnviz open`'s does; the histograms' thread, nnviz.analysis's own, is told to stop
when the screen goes and ends within a batch). Beside it, the same quit from the idle app (no worker),
measured in the same run. Median over the runs. Target (issue 9): within 0.3 s.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from dataclasses import replace

from nnviz.cli.app import settle_for_stepping
from nnviz.scenario import load_scenario
from nnviz.tui.app import make_app

TARGET = 0.3  # seconds


def engine_threads() -> int:
    """Threads whose stack is in nnviz's engine (the workers' training)."""
    count = 0
    for frame in sys._current_frames().values():
        while frame is not None:
            if "/nnviz/engine/" in frame.f_code.co_filename.replace("\\", "/"):
                count += 1
                break
            frame = frame.f_back
    return count


async def quit_time(scenario, workers: bool) -> float:
    """Seconds from the first q to the end of the app's Pilot run."""
    app = make_app(scenario)
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        if workers:
            await pilot.press("C")
            for _ in range(400):
                if engine_threads() == 2:
                    break
                await pilot.pause(0.02)
            else:
                raise SystemExit("the two workers never ran together: raise --epochs")
        # The keys as a terminal sends them, not pilot.press: Pilot waits after each key until
        # the process's CPU idles (up to 2 s), which it never does while a worker trains.
        start = time.perf_counter()
        app.simulate_key("q")
        if workers:
            while app.screen is not app.debugger:
                await asyncio.sleep(0.001)
            app.simulate_key("q")
    return start


def trial(scenario, workers: bool) -> float:
    """asyncio.run returns once the loop's executor threads (Textual's thread workers) have ended."""
    start = asyncio.run(quit_time(scenario, workers))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=500)
    args = parser.parse_args()
    settle_for_stepping()
    s = load_scenario("digits")
    scenario = replace(s, training=replace(s.training, epochs=args.epochs))
    idle = [trial(scenario, workers=False) for _ in range(args.runs)]
    busy = [trial(scenario, workers=True) for _ in range(args.runs)]
    idle_s, busy_s = statistics.median(idle), statistics.median(busy)
    print(f"quit, digits at 200x60, median of {args.runs} runs, wall time from q to the app's exit:")
    print(f"  idle app (q)                                   {idle_s * 1000:7.0f} ms    1.00x")
    print(f"  compare + histograms training (q q)            {busy_s * 1000:7.0f} ms    {busy_s / idle_s:.2f}x "
          f"(max {max(busy) * 1000:.0f} ms)")
    print(f"target: within {TARGET * 1000:.0f} ms: {'ok' if busy_s <= TARGET else 'OVER TARGET'}")


if __name__ == "__main__":
    main()
