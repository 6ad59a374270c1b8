"""The Textual app and its one factory, used by the CLI and the tests alike."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from ..breakpoints import Breakpoint
from ..scenario import Scenario, load_scenario
from ..serving import ScenarioFolder
from .screens.debugger import DebuggerScreen


class NnvizApp(App):
    """The step debugger: one DebuggerScreen per open scenario."""

    CSS_PATH = "app.tcss"
    TITLE = "nnviz"

    def __init__(self, scenario: Scenario, breakpoints: list[Breakpoint] | None = None,
                 screenshot_dir: str | Path | None = None, scenario_dir: str | Path | None = None,
                 served: bool | None = None) -> None:
        super().__init__()
        self.scenario = scenario
        self.breakpoints = list(breakpoints or [])
        self.screenshot_dir = screenshot_dir
        self.scenario_folder = ScenarioFolder(scenario_dir) if scenario_dir is not None else None
        self._served = served
        self.sub_title = scenario.title

    @property
    def served(self) -> bool:
        """Whether a browser runs this app (``nnviz serve``): then it neither browses nor
        writes the server's file system outside the folders it was given."""
        return self.is_web if self._served is None else self._served

    def screenshot(self) -> str:
        """Save a screenshot, or offer it as a download when served without a folder for it;
        says which, for a notification."""
        if self.served and self.screenshot_dir is None:
            self.deliver_screenshot()
            return "Screenshot offered as a download"
        return f"Screenshot saved: {Path(self.save_screenshot(path=self.screenshot_dir)).resolve()}"

    def on_mount(self) -> None:
        self.push_screen(self._debugger(self.scenario))

    def _debugger(self, scenario: Scenario) -> DebuggerScreen:
        return DebuggerScreen(scenario, self.breakpoints)

    @property
    def debugger(self) -> DebuggerScreen:
        """The debugger screen (below any dialog that is open)."""
        return next(s for s in reversed(self.screen_stack) if isinstance(s, DebuggerScreen))

    def open_scenario(self, scenario: Scenario) -> None:
        """Replace the open scenario with ``scenario``, starting from step 0."""
        self.scenario = scenario
        self.sub_title = scenario.title
        self.switch_screen(self._debugger(scenario))


def make_app(source_or_scenario: str | Path | Scenario, **options) -> NnvizApp:
    """The app on a scenario, a path or a bundled name (raises ScenarioError).

    Options: ``breakpoints`` (added to the default NaN/Inf one),
    ``screenshot_dir`` (where s saves; default the current directory),
    ``scenario_dir`` (the folder a served app's picker opens files from) and
    ``served`` (default: whether a browser runs the app)."""
    scenario = source_or_scenario
    if not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    return NnvizApp(scenario, **options)
