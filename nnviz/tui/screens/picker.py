"""Open another scenario: a bundled one from the list, or a file by path."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from ...scenario import Scenario, ScenarioError, bundled_summaries, load_scenario


class PickerScreen(ModalScreen[Scenario | None]):
    BINDINGS = [Binding("escape", "dismiss", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="picker", classes="dialog") as box:
            box.border_title = "Open a scenario"
            box.border_subtitle = "enter opens · esc cancels"
            options = [Option(Text.assemble((name, "bold"), "  ", (title, "dim")), id=name)
                       for name, title in bundled_summaries()]
            yield OptionList(*options, id="picker-list")
            yield Input(placeholder="or a path to a .toml file", id="picker-path")
            yield Label("", id="picker-error", classes="error")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option.id)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self._open(event.value.strip())

    def _open(self, source: str) -> None:
        try:
            scenario = load_scenario(source)
        except ScenarioError as err:
            self.query_one("#picker-error", Label).update(str(err))
            return
        self.dismiss(scenario)
