"""Test ordering for pytest-xdist, and Pilot's waits made short and deterministic.

Ordering: the longest tests start first, so that the two workers do not end with one
of them running a long test alone (longest first is the classic way to balance jobs of
unequal length)."""

from __future__ import annotations

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
# under 5% of it on the CPU (textual._wait): 40 ms of sleep a key at the least, and up to 1 s
# a wait while a worker trains (the CPU never goes idle then). Windows of 5 ms with the same
# 5% test, and at most 0.25 s a wait, take a third of the suite's sleep. What a test reads
# never rests on that guess: Pilot then waits for every message already sent to be handled,
# and (below) each key ends with the screen's pending layout and repaint done, as pause() does,
# instead of whenever the screen's next frame falls.
assert hasattr(textual._wait, "SLEEP_GRANULARITY") and hasattr(textual._wait, "SLEEP_IDLE")
textual._wait.SLEEP_GRANULARITY = 0.005
textual._wait.SLEEP_IDLE = textual._wait.SLEEP_GRANULARITY / 20
_wait_for_idle = textual._wait.wait_for_idle


async def _wait_at_most_a_quarter_second(min_sleep: float = 0.005, max_sleep: float = 1) -> None:
    await _wait_for_idle(min_sleep, min(max_sleep, 0.25))


textual.app.wait_for_idle = textual.pilot.wait_for_idle = _wait_at_most_a_quarter_second
_press = Pilot.press


async def _press_then_lay_out(self: Pilot, *keys: str) -> None:
    await _press(self, *keys)
    try:
        screen = self.app.screen
    except Exception:  # the keys closed the app
        return
    screen._on_timer_update()


Pilot.press = _press_then_lay_out
