"""The debugger's model: the Session it steps and the Frames read from it. No Textual.

The debugger screen owns one Controller and calls it from one thread at a
time: the UI thread, or the run worker while a run owns it. The Controller
keeps the Session being stepped (the scenario's, or one example's alone, see
``step_alone``), and through it the breakpoints and the hit (``Session.hit``
is the one place a fired breakpoint is kept).
"""

from __future__ import annotations

from typing import Callable

from ..analysis import ScenarioAnalysis
from ..breakpoints import Breakpoint
from ..engine.network import Network
from ..engine.step import Step
from ..scenario import Scenario
from ..session import Session
from .frame import Frame, read_frame

RUNS = {"batch": {"batch_end": True}, "epoch": {"epoch_end": True}, "end": {}}
WAVE = ("backward", "update")  # the phases the backward-only pace plays


class Controller:
    """Moves the Session and reads Frames from it."""

    def __init__(self, scenario: Scenario, breakpoints: list[Breakpoint] | None = None) -> None:
        self.scenario = scenario  # the one opened; an example stepped alone has a scenario of its own
        self.analysis = ScenarioAnalysis(scenario)  # its histograms, kept for every frame
        self.session = Session(scenario, breakpoints=[Breakpoint.non_finite(), *(breakpoints or [])])
        self._main: Session | None = None  # the scenario's session while one example is stepped
        self.example: tuple[str, int] | None = None  # (split, index) of the example stepped alone

    def frame(self) -> Frame:
        return read_frame(self.session, self.analysis)

    # ---- moving ---------------------------------------------------------------
    def step(self) -> Step | None:
        """The next step (None at the end), checked against the breakpoints."""
        session = self.session
        step = session.step()
        if step is not None:
            session.hit = session.check(step)
        return step

    def step_wave(self) -> Step | None:
        """The next backward or update step, jumping over the forward steps and the
        loss (their breakpoints still fire); None at the end."""
        index = self.session.index
        step = self.session.run_until(predicate=lambda s: s.phase in WAVE)
        return None if step is None or step.index == index else step

    def back(self) -> None:
        self.session.back()

    def restart(self) -> None:
        self.session.restart()

    def goto(self, number: int) -> None:
        """Stand after step ``number`` (1-based; 0 is before the first); IndexError past the end."""
        if number == 0:
            self.session.restart()
        else:
            self.session.goto(number - 1)

    def run(self, kind: str, interrupt: Callable[[], bool]) -> Step | None:
        """Run to the end of the batch, the epoch or training ('batch', 'epoch', 'end')."""
        return self.session.run_until(interrupt=interrupt, **RUNS[kind])

    # ---- one example alone ------------------------------------------------------
    def step_alone(self, split: str, index: int, network: Network) -> None:
        """Step example ``index`` of ``split`` alone, from ``network``; the scenario's session waits."""
        main = self._main if self._main is not None else self.session
        self._main = main
        self.example = (split, index)
        scenario = self.scenario.one_example(index, network, split)
        self.session = Session(scenario, breakpoints=list(main.breakpoints))

    def all_data(self) -> bool:
        """Back to the scenario's session where it stood; False when it is the one stepped."""
        if self._main is None:
            return False
        self.session, self._main, self.example = self._main, None, None
        return True

    # ---- breakpoints --------------------------------------------------------------
    @property
    def breakpoints(self) -> list[Breakpoint]:
        return self.session.breakpoints

    def set_breakpoints(self, breakpoints: list[Breakpoint]) -> bool:
        """Replace the breakpoints; False when nothing changed."""
        if breakpoints == self.session.breakpoints:
            return False
        self.session.breakpoints = list(breakpoints)
        return True

    def add_breakpoint(self, breakpoint: Breakpoint) -> None:
        self.session.breakpoints.append(breakpoint)

    def remove_breakpoint(self, breakpoint: Breakpoint) -> bool:
        if breakpoint not in self.session.breakpoints:
            return False
        self.session.breakpoints.remove(breakpoint)
        return True
