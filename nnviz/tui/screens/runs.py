"""Long runs in a worker thread, and playback: the debugger's moves that take time.

A mixin of DebuggerScreen. A run owns the Session until it ends: the worker
thread moves it through the screen's ``controller``, the UI thread only reads
``_progress`` (and the networks the run hands to the boundary) from a timer;
every other action that would touch the Session waits (``_idle``). Playback
steps on the UI thread, and the status says the rate it reaches, measured,
next to the one asked for. The backward-only pace plays B_L..B_1 and U_L..U_1
and jumps over the forward steps, so the wave from the output back to the
input can be watched.
"""

from __future__ import annotations

import time
from collections import deque

from textual import work
from textual.widgets import ProgressBar
from textual.worker import Worker, WorkerState, get_current_worker

SPEEDS = (1, 2, 5, 10, 20)  # steps per second when playing; 20 is the cap
WAVE_SPEED = 2  # steps per second of the backward-only pace
RATE_WINDOW = 2.0  # seconds of ticks the reached rate is measured over


class RunsAndPlayback:
    """Mixin for DebuggerScreen: ``b``, ``e``, ``c``, ``esc``, ``space``, ``w``, ``+`` and ``-``."""

    def init_playback(self) -> None:
        self._speed = 2
        self._play_timer = None
        self._wave = False  # playing the backward-only pace
        self._ticks: deque[float] = deque()  # when each played step was shown
        self._shown_rate = ""

    def action_run(self, kind: str) -> None:
        if not self._idle():
            return
        self.stop_playing()
        self._stop.clear()
        self._progress = self.session.index + 1
        bar = self.query_one(ProgressBar)
        bar.update(total=self.session.total_steps, progress=self._progress)
        bar.add_class("-shown")
        self._say(f"running to the {'end of training' if kind == 'end' else 'end of the ' + kind}… esc stops")
        self._progress_timer = self.set_interval(0.1, self._show_progress)
        self.capture_live(self.session)  # the boundary starts from here, not from the last run
        self._run_worker = self._run(kind)

    @work(thread=True, exclusive=True, exit_on_error=False, group="run")
    def _run(self, kind: str):
        session = self.session
        worker = get_current_worker()

        def interrupt() -> bool:
            self._progress = session.index + 1
            self.capture_live(session)
            return self._stop.is_set() or worker.is_cancelled  # esc, or the app quitting

        return self.controller.run(kind, interrupt)

    def _show_progress(self) -> None:
        self.query_one(ProgressBar).update(progress=self._progress)
        self.show_live()

    def run_ended(self, worker: Worker) -> None:
        self._progress_timer.stop()
        self.query_one(ProgressBar).remove_class("-shown")
        self._say()
        if worker.state == WorkerState.ERROR:
            self.notify(f"The run failed: {worker.error}", severity="error", timeout=10)
        if self._stop.is_set():
            self.notify(f"Stopped at step {self.session.index + 1}.", timeout=2)
        self.refresh_frame()

    def action_interrupt(self) -> None:
        self._stop.set()
        self.stop_playing()

    # ---- playing ----------------------------------------------------------
    def action_play(self) -> None:
        self._toggle_play(wave=False)

    def action_play_wave(self) -> None:
        self._toggle_play(wave=True)

    def _toggle_play(self, wave: bool) -> None:
        if self._play_timer is not None and self._wave == wave:
            self.stop_playing()
        elif self._idle():
            self._wave = wave
            self._start_timer()

    def _start_timer(self) -> None:
        if self._play_timer is not None:
            self._play_timer.stop()
        self._ticks.clear()
        self._play_timer = self.set_interval(1 / self._asked_rate, self._tick)
        self._show_play()

    @property
    def _asked_rate(self) -> int:
        return WAVE_SPEED if self._wave else SPEEDS[self._speed]

    def stop_playing(self) -> None:
        if self._play_timer is not None:
            self._play_timer.stop()
            self._play_timer = None
            self._say()

    def _tick(self) -> None:
        if self.running:
            return
        step = self._take_step(wave=self._wave)
        if step is None or self.session.hit is not None:
            self.stop_playing()
            return
        now = time.monotonic()
        self._ticks.append(now)
        while self._ticks and self._ticks[0] < now - RATE_WINDOW:
            self._ticks.popleft()
        self._show_play()

    def reached_rate(self) -> float | None:
        """Steps per second actually played over the last RATE_WINDOW seconds (None until measured)."""
        ticks = self._ticks
        if len(ticks) < 3:
            return None
        return (len(ticks) - 1) / (ticks[-1] - ticks[0])

    def action_speed(self, change: int) -> None:
        self._speed = min(max(self._speed + change, 0), len(SPEEDS) - 1)
        if self._play_timer is not None and not self._wave:
            self._start_timer()
        else:
            cap = " (the most)" if self._speed == len(SPEEDS) - 1 else ""
            self.notify(f"Playback speed: {SPEEDS[self._speed]} steps/s{cap}", timeout=2)

    def _show_play(self) -> None:
        rate = self.reached_rate()
        reached = "measuring…" if rate is None else f"{rate:.0f} reached"
        what = "backward wave" if self._wave else "playing"
        text = f"▶ {what} {self._asked_rate} steps/s, {reached}"
        if text != self._shown_rate:  # the status changes only when the text does
            self._shown_rate = text
            self._say(text)
