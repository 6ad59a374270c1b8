"""Go to a step by number: 1..N, or 0 for before the first step."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.validation import Integer
from textual.widgets import Input, Label


class GotoScreen(ModalScreen[int | None]):
    BINDINGS = [Binding("escape", "dismiss", "Cancel")]

    def __init__(self, total: int, current: int) -> None:
        super().__init__()
        self.total = total
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="goto", classes="dialog") as box:
            box.border_title = "Go to step"
            yield Label(f"Step number, 0 to {self.total} (0 = before the first step; now {self.current}):")
            # Any text may be typed (an integer-only box would drop the '.' of '1.5' and go to 15);
            # the validator says what is wrong with it.
            yield Input(placeholder="type a number, enter goes", validators=[Integer(0, self.total)],
                        validate_on=["submitted"], id="goto-input")
            yield Label("", id="goto-error", classes="error")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#goto-error", Label).update("")  # an old error says nothing about new text

    def on_input_submitted(self, event: Input.Submitted) -> None:
        result = event.validation_result
        if result is not None and not result.is_valid:
            self.query_one("#goto-error", Label).update(f"Expected a whole number from 0 to {self.total}.")
            return
        self.dismiss(int(event.value))
