"""Open another scenario: a bundled one from the list, or a file by path.

Served to a browser (``nnviz serve``), it offers only the bundled scenarios
and the files under the folder the server was given, and refuses any path
that leaves that folder: a browser never browses the server's file system."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from ...scenario import Scenario, ScenarioError, bundled_names, bundled_summaries, load_scenario
from ...serving import ScenarioFolder

FOLDER = "folder:"  # the option id of a file under the served folder


class PickerScreen(ModalScreen[Scenario | None]):
    BINDINGS = [Binding("escape", "dismiss", "Cancel")]

    def __init__(self, folder: ScenarioFolder | None = None, served: bool = False) -> None:
        super().__init__()
        self.folder = folder
        self.served = served

    def compose(self) -> ComposeResult:
        with Vertical(id="picker", classes="dialog") as box:
            box.border_title = "Open a scenario"
            box.border_subtitle = "enter opens · esc cancels"
            options = [Option(Text.assemble((name, "bold"), "  ", (title, "dim")), id=name)
                       for name, title in bundled_summaries()]
            if self.served and self.folder is not None:
                options += [Option(Text.assemble((name, "bold"), "  ", (f"in {self.folder.root.name}/", "dim")),
                                   id=FOLDER + name) for name in self.folder.names()]
            yield OptionList(*options, id="picker-list")
            if not self.served:
                yield Input(placeholder="or a path to a .toml file", id="picker-path")
            elif self.folder is not None:
                yield Input(placeholder=f"or a file's name under {self.folder.root.name}/", id="picker-path")
            yield Label("", id="picker-error", classes="error")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._open(event.option.id)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self._open(event.value.strip())

    def _open(self, source: str) -> None:
        try:
            scenario = load_scenario(self._source(source))
        except (ScenarioError, ValueError) as err:
            self.query_one("#picker-error", Label).update(str(err))
            return
        self.dismiss(scenario)

    def _source(self, source: str) -> str:
        """What to load: served, a bundled name or a file under the folder, never another path."""
        if not self.served:
            return source
        if source in bundled_names():
            return source
        if self.folder is None:
            raise ValueError(f"{source}: refused, a served app opens only the bundled scenarios")
        return str(self.folder.path(source.removeprefix(FOLDER)))
