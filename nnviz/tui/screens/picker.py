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
from textual.widgets import Input, Label
from textual.widgets.option_list import Option

from ...printable import printable
from ...scenario import Scenario, ScenarioError, bundled_names, bundled_summaries, load_scenario
from ...serving import ScenarioFolder
from ...textfmt import clip_long_words
from ..widgets.lists import OptionList

FOLDER = "folder:"  # the option id of a file under the served folder
LONGEST_WORD = 48  # characters of a path or name in an error; a longer one is cut in its middle


class Refused(Exception):
    """A path a served app does not open; the message says why."""


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
            path = self._source(source)
            scenario = load_scenario(path)
        except (ScenarioError, Refused) as err:
            self._say(str(err))
            return
        except Exception as err:  # the app never dies on a file: a reader's slip is one line too
            self._say(f"{source}: cannot be read: {err}")
            return
        self.dismiss(scenario)

    def _say(self, error: str) -> None:
        """One line, control characters escaped, never read as markup; a long path cut in
        its middle, and the line wrapped in the dialog, so that all of it shows."""
        self.query_one("#picker-error", Label).update(Text(clip_long_words(printable(error), LONGEST_WORD)))

    def _source(self, source: str) -> str:
        """What to load: served, a bundled name or a file under the folder, never another path."""
        if not self.served:
            return source
        if source in bundled_names():
            return source
        if self.folder is None:
            raise Refused(f"{source}: refused, a served app opens only the bundled scenarios")
        try:
            return str(self.folder.path(source.removeprefix(FOLDER)))
        except ValueError as err:
            raise Refused(str(err)) from None
