"""Long runs in a worker thread, and playback: the debugger's moves that take time.

A mixin of DebuggerScreen. A run owns the Session until it ends: the worker
thread steps it, the UI thread only reads ``_progress`` (and the networks
the run hands to the boundary) from a timer; every other action that would
touch the Session waits (``_idle``). Playback steps on the UI thread.
"""

from __future__ import annotations

from textual import work
from textual.widgets import ProgressBar
from textual.worker import Worker, WorkerState

SPEEDS = (1, 2, 5, 10, 20, 50)  # steps per second when playing
RUNS = {"batch": {"batch_end": True}, "epoch": {"epoch_end": True}, "end": {}}


class RunsAndPlayback:
    """Mixin for DebuggerScreen: ``b``, ``e``, ``c``, ``esc``, ``space``, ``+`` and ``-``."""

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

        def interrupt() -> bool:
            self._progress = session.index + 1
            self.capture_live(session)
            return self._stop.is_set()

        return session.run_until(interrupt=interrupt, **RUNS[kind])

    def _show_progress(self) -> None:
        self.query_one(ProgressBar).update(progress=self._progress)
        self.show_live()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is not self._run_worker or event.state in (WorkerState.PENDING, WorkerState.RUNNING):
            return
        self._progress_timer.stop()
        self.query_one(ProgressBar).remove_class("-shown")
        self._say()
        if event.state == WorkerState.ERROR:
            self.notify(f"The run failed: {event.worker.error}", severity="error", timeout=10)
        if self._stop.is_set():
            self.notify(f"Stopped at step {self.session.index + 1}.", timeout=2)
        self.refresh_frame()

    def action_interrupt(self) -> None:
        self._stop.set()
        self.stop_playing()

    # ---- playing ----------------------------------------------------------
    def action_play(self) -> None:
        if self._play_timer is not None:
            self.stop_playing()
        elif self._idle():
            self._play_timer = self.set_interval(1 / SPEEDS[self._speed], self._tick)
            self._show_play()

    def stop_playing(self) -> None:
        if self._play_timer is not None:
            self._play_timer.stop()
            self._play_timer = None
            self._say()

    def _tick(self) -> None:
        if self.running:
            return
        step = self._take_step()
        if step is None or self.session.hit is not None:
            self.stop_playing()

    def action_speed(self, change: int) -> None:
        self._speed = min(max(self._speed + change, 0), len(SPEEDS) - 1)
        if self._play_timer is not None:
            self._play_timer.stop()
            self._play_timer = self.set_interval(1 / SPEEDS[self._speed], self._tick)
            self._show_play()
        else:
            self.notify(f"Playback speed: {SPEEDS[self._speed]} steps/s", timeout=2)

    def _show_play(self) -> None:
        self._say(f"▶ playing {SPEEDS[self._speed]} steps/s (space pauses, +/- speed)")
