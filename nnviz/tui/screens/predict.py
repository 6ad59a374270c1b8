"""Predict mode: before the next step is shown, the learner types its headline number.

The debugger takes the step, keeps the panels on the step before, and asks
through ``PredictScreen``; the answer is judged by nnviz.predict (which also
chose the number), then the step is shown with the right value and the score.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from ...predict import Headline, Score, headline, parse_number, parse_tolerance
from ...textfmt import number
from ..frame import read_frame


class PredictScreen(ModalScreen[tuple[float, float] | None]):
    """Asks for ``head``'s value; dismisses with (guess, tolerance), or None to skip."""

    BINDINGS = [Binding("escape", "dismiss", "Skip")]

    def __init__(self, head: Headline, formula: str, tolerance: float) -> None:
        super().__init__()
        self.head, self.formula, self.tolerance = head, formula, tolerance

    def compose(self) -> ComposeResult:
        with Vertical(id="predict", classes="dialog") as box:
            box.border_title = "Predict the next number"
            box.border_subtitle = "enter answers · esc skips"
            yield Label(self.formula, classes="formula")
            yield Label(f"What is {self.head.symbol}, {self.head.meaning}?")
            yield Input(placeholder=f"{self.head.symbol} = ?", id="predict-guess")
            with Horizontal(id="predict-tolerance-row"):
                yield Label("counts when within ")
                yield Input(f"{self.tolerance * 100:g}%", id="predict-tolerance")
            yield Label("", id="predict-error", classes="error")

    def on_mount(self) -> None:
        self.query_one("#predict-guess").focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            guess = parse_number(self.query_one("#predict-guess", Input).value)
            tolerance = parse_tolerance(self.query_one("#predict-tolerance", Input).value)
        except ValueError as err:
            self.query_one("#predict-error", Label).update(f"Type a number, and a tolerance such as 1%: {err}")
            return
        self.dismiss((guess, tolerance))


class PredictMode:
    """The debugger's share of predict mode: the toggle, asking, and the score."""

    predicting = False
    score: Score | None = None  # made on the first toggle, kept when predict mode is off

    def action_predict(self) -> None:
        self.predicting = not self.predicting
        if self.score is None:
            self.score = Score()
        self.notify("Predict mode: n asks for the next step's number first" if self.predicting
                    else "Predict mode off", timeout=3)
        self.activity = self.score.describe() if self.predicting else ""

    def predict_next(self) -> None:
        """Take the next step, but ask for its headline number before showing it."""
        step = self.session.step()
        if step is None:
            self.notify("End of training.", timeout=2)
            return
        self.session.hit = self.session.check(step)
        pick = read_frame(self.session).select(self.selected_layer, self._pick)
        head = headline(step, pick.row, pick.col, pick.example, pick.array)
        self.app.push_screen(PredictScreen(head, step.formula, self.score.tolerance),
                             lambda answer: self._answered(head, answer))

    def _answered(self, head: Headline, answer: tuple[float, float] | None) -> None:
        self.refresh_frame()
        digits = self.precision + 1
        if answer is None:
            self.notify(f"Skipped: {head.symbol} = {number(head.value, digits)}", timeout=4)
            return
        guess, self.score.tolerance = answer
        verdict = self.score.answer(guess, head)
        self.notify(verdict.describe(head.symbol, digits), timeout=6,
                    severity="information" if verdict.within else "warning")
        self.activity = self.score.describe()
