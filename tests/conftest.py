"""Test ordering for pytest-xdist, and Pilot's waits made short and deterministic.

Ordering: the longest tests start first, so that the two workers do not end with one
of them running a long test alone (longest first is the classic way to balance jobs of
unequal length)."""

from __future__ import annotations

import asyncio
import time

import textual._wait
import textual.app
import textual.pilot
from textual.pilot import Pilot

LONGEST_FIRST = ("tests/tui/test_nothing_cut.py", "tests/browser/", "tests/tui/test_random_keys.py",
                 "tests/tui/test_app.py", "tests/tui/test_analysis_panels.py")


def pytest_collection_modifyitems(items) -> None:
    def rank(item) -> int:
        path = item.nodeid
        return next((i for i, prefix in enumerate(LONGEST_FIRST) if path.startswith(prefix)), len(LONGEST_FIRST))

    items.sort(key=rank)  # stable: the order within a file stays


# Pilot waits for the app to go idle by sleeping in windows of 20 ms until one passes with
# under 1 ms of CPU (textual._wait): 40 ms of sleep a key at the least, up to 1 s a wait while
# a worker trains (the CPU never idles then), and on a loaded machine a window in which the
# process only waited for a CPU passes for idle. This one sleeps in windows of 10 ms (an idle
# app costs 0.3 ms of CPU a wake-up), at most 0.25 s a wait, and a window is idle if the process
# ran under 1 ms of it and did not wait half of it in the run queue. What a test reads never
# rests on the guess alone: Pilot then waits for every message already sent to be handled, and
# (below) each key ends with the screen's pending layout and repaint done, as pause() does, not
# whenever the screen's next frame falls.
WINDOW = 0.01


def _run_queue_wait() -> float:
    """Seconds this thread has been ready to run but waiting for a CPU (Linux; 0 elsewhere)."""
    try:
        with open("/proc/thread-self/schedstat") as stats:
            return int(stats.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


async def _wait_for_idle(min_sleep: float = 0.0, max_sleep: float = 1) -> None:
    start = time.monotonic()
    while True:
        waited = _run_queue_wait()  # (read outside the CPU time measured: a read costs about 0.3 ms)
        cpu = time.process_time()
        await asyncio.sleep(WINDOW)
        cpu = time.process_time() - cpu
        waited = _run_queue_wait() - waited
        elapsed = time.monotonic() - start
        if elapsed >= min(max_sleep, 0.25) or (elapsed > min_sleep and cpu < WINDOW / 10 and waited < WINDOW / 2):
            return


assert textual.app.wait_for_idle is textual.pilot.wait_for_idle is textual._wait.wait_for_idle
textual.app.wait_for_idle = textual.pilot.wait_for_idle = _wait_for_idle
_press = Pilot.press


async def _press_then_lay_out(self: Pilot, *keys: str) -> None:
    await _press(self, *keys)
    try:
        screen = self.app.screen
    except Exception:  # the keys closed the app
        return
    screen._on_timer_update()


Pilot.press = _press_then_lay_out
