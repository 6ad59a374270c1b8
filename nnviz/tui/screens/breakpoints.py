"""The breakpoints panel: list, add and remove. Closing it hands the list back."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label
from textual.widgets.option_list import Option

from ...breakpoints import Breakpoint
from ...engine.step import PHASES
from ..widgets.lists import OptionList, Select

KIND_LABELS = {
    "step": "phase and layer", "loss_above": "loss above", "loss_below": "loss below",
    "non_finite": "NaN or Inf", "grad_norm_above": "‖dW‖ above", "grad_norm_below": "‖dW‖ below",
    "epoch_end": "end of each epoch",
}
NEEDS_THRESHOLD = ("loss_above", "loss_below", "grad_norm_above", "grad_norm_below")
TAKES_LAYER = ("step", "grad_norm_above", "grad_norm_below")


def layer_error(layer: int | None, depth: int, phase: str | None = None) -> str | None:
    """Why a breakpoint on ``layer`` (of ``phase``) could never fire in a network of
    ``depth`` layers, or None if it can."""
    if layer is None:
        return None
    if phase == "loss":
        return "the loss step has no layer"
    if not 1 <= layer <= depth:
        return f"the network has layers 1 to {depth}"
    return None


def build(kind: str, phase: str | None, layer: str, threshold: str, depth: int) -> Breakpoint:
    """A Breakpoint from the form's fields; ValueError says what to fix."""
    layer_number = None
    if layer.strip() and kind in TAKES_LAYER:
        try:
            layer_number = int(layer)
        except ValueError:
            raise ValueError(f"layer: expected a whole number from 1 to {depth}") from None
        error = layer_error(layer_number, depth, phase if kind == "step" else None)
        if error:
            raise ValueError(f"layer: {error}")
    value = None
    if kind in NEEDS_THRESHOLD:
        try:
            value = float(threshold)
        except ValueError:
            raise ValueError("threshold: expected a number, such as 0.5 or 1e3") from None
    if kind == "step":
        return Breakpoint.at(phase, layer_number)
    if kind in ("grad_norm_above", "grad_norm_below"):
        return Breakpoint(kind, layer=layer_number, threshold=value)
    return Breakpoint(kind, threshold=value)


class BreakpointsScreen(ModalScreen[list[Breakpoint]]):
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("delete,backspace", "remove", "Remove", show=False),
    ]

    def __init__(self, breakpoints: list[Breakpoint], depth: int, kind: str | None = None) -> None:
        super().__init__()
        self.breakpoints = list(breakpoints)
        self.depth = depth
        self.kind = kind or "loss_above"

    def compose(self) -> ComposeResult:
        with Vertical(id="breakpoints", classes="dialog") as box:
            box.border_title = "Breakpoints"
            box.border_subtitle = "del removes · esc closes"
            yield OptionList(id="breakpoint-list")
            with Horizontal(id="breakpoint-form"):
                yield Select([(label, kind) for kind, label in KIND_LABELS.items()], value=self.kind,
                             allow_blank=False, id="breakpoint-kind")
                yield Select([(phase, phase) for phase in PHASES], prompt="any phase", id="breakpoint-phase")
                yield Input(placeholder="layer", id="breakpoint-layer")
                yield Input(placeholder="threshold", id="breakpoint-threshold")
                yield Button("Add", id="breakpoint-add", variant="primary")
            yield Label("", id="breakpoint-error", classes="error")

    def on_mount(self) -> None:
        self._show_list()
        self._show_fields()
        self.query_one("#breakpoint-kind").focus()

    def _show_list(self) -> None:
        listing = self.query_one(OptionList)
        listing.clear_options()
        if not self.breakpoints:
            listing.add_option(Option("no breakpoints", disabled=True))
        listing.add_options(Option(bp.describe()) for bp in self.breakpoints)

    def _show_fields(self) -> None:
        kind = self.query_one("#breakpoint-kind", Select).value
        self.query_one("#breakpoint-phase").display = kind == "step"
        self.query_one("#breakpoint-layer").display = kind in TAKES_LAYER
        self.query_one("#breakpoint-threshold").display = kind in NEEDS_THRESHOLD

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "breakpoint-kind":
            self._show_fields()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.add()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.add()

    def add(self) -> None:
        phase = self.query_one("#breakpoint-phase", Select).value
        try:
            breakpoint = build(
                self.query_one("#breakpoint-kind", Select).value,
                None if phase is Select.NULL else phase,
                self.query_one("#breakpoint-layer", Input).value,
                self.query_one("#breakpoint-threshold", Input).value,
                self.depth,
            )
        except ValueError as err:
            self.query_one("#breakpoint-error", Label).update(str(err))
            return
        self.query_one("#breakpoint-error", Label).update("")
        if breakpoint not in self.breakpoints:
            self.breakpoints.append(breakpoint)
        self._show_list()

    def action_remove(self) -> None:
        listing = self.query_one(OptionList)
        if not listing.has_focus or listing.highlighted is None or not self.breakpoints:
            return
        del self.breakpoints[listing.highlighted]
        self._show_list()

    def action_close(self) -> None:
        self.dismiss(self.breakpoints)
