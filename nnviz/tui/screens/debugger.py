"""The main screen: composes the panels and hands them the Frame and the Selection.

Each part owns one job:
- Controller (controller.py): the Session being stepped, its moves and breakpoints,
  the Frames read from it; no Textual. Only this screen calls it, from one thread
  at a time: single steps on the UI thread, long runs in a worker while every
  other action that would touch the Session waits (``_idle``).
- this screen: the view state (the Frame, the Selection, the viewed layer, the
  mode and precision) and the keys; panels are bound to it with ``data_bind``.
- RunsAndPlayback (runs.py): the run worker, its progress, and the playback timer.
- PanelLayout (layout.py): which panels are on screen at a size.
- AnalysisViews (analysis.py): evaluation, boundary, histograms, comparison.
Workers report to one handler here, which hands each to its part by group.
"""

from __future__ import annotations

import threading
from dataclasses import replace

from textual.app import ComposeResult
from textual.containers import Container, Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ProgressBar, Static
from textual.worker import Worker, WorkerState

from ...breakpoints import Breakpoint
from ...engine.explain import chain_rule_paths
from ...engine.mistakes import ShapeMistake
from ...engine.metrics import true_classes
from ...scenario import Scenario
from ...session import Session
from ..commands import BreakpointCommands
from ..whatif_commands import WhatIfCommands
from ..controller import Controller
from ..frame import Frame, Selection
from ..keys import bindings
from ..widgets.equation import EquationPanel
from ..widgets.input_view import InputView
from ..widgets.key_footer import KeyFooter
from ..widgets.loss_plot import LossPlot
from ..widgets.network_view import NetworkView
from ..widgets.panel_tabs import PanelTabs
from ..widgets.status import AlertBar, StatusLine, phase_text
from ..widgets.step_matrices import StepMatrices
from ..widgets.timeline import Timeline
from .analysis import AnalysisViews
from .breakpoints import BreakpointsScreen, layer_error
from .chain_rule import ChainRuleScreen
from .goto import GotoScreen
from .help import HelpScreen
from .layout import LABELS, Panels, PanelLayout, layout_for
from .picker import PickerScreen
from .predict import PredictMode
from .runs import RunsAndPlayback
from .whatif import WhatIf

PRECISIONS = (2, 3, 4, 6)
MODES = ("auto", "numbers", "heatmap")


class DebuggerScreen(WhatIf, PredictMode, AnalysisViews, PanelLayout, RunsAndPlayback, Screen):
    BINDINGS = bindings()
    COMMANDS = {BreakpointCommands, WhatIfCommands}
    AUTO_FOCUS = None

    frame: reactive[Frame | None] = reactive(None, repaint=False)
    selected_layer: reactive[int | None] = reactive(None, repaint=False)  # None: follow the current step
    mode: reactive[str] = reactive("auto", repaint=False)
    precision: reactive[int] = reactive(3, repaint=False)
    selection: reactive[Selection] = reactive(Selection, repaint=False)  # what every panel explains
    activity: reactive[str] = reactive("", repaint=False)
    panel: reactive[str] = reactive("matrices", repaint=False)  # the one panel shown when compact
    slot: reactive[str] = reactive("matrices", repaint=False)  # what the big cell shows in the medium layout

    def __init__(self, scenario: Scenario, breakpoints: list[Breakpoint] | None = None) -> None:
        super().__init__()
        self.controller = Controller(scenario, breakpoints)
        self._pick: Selection | None = None  # the user's last pick; None: the default one
        self._shown_inputs: tuple = ()  # (batch inputs, example) the input view shows
        self._stop = threading.Event()
        self._progress = 0  # written by the run worker, read by a UI timer
        self._run_worker: Worker | None = None
        self._compare_worker: Worker | None = None  # two branches run to their end (whatif.py)
        self.init_playback()
        self.init_analysis()
        self.arrangement = "medium"
        self.panels = Panels.of(self._has_input, self.has_boundary)
        self._shown: frozenset[str] = frozenset()

    # ---- layout ---------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield StatusLine(id="status").data_bind(DebuggerScreen.frame, DebuggerScreen.activity)
        yield Timeline(id="timeline").data_bind(DebuggerScreen.frame)
        with Horizontal(id="tab-row"):  # medium: the tabs sit over the cell they pick for
            yield Static("v or a click picks the panel on the right ▸ ", id="tab-spacer")
            yield PanelTabs(LABELS, id="panel-tabs")
        with Container(id="body", classes="-has-input" if self._has_input else ""):
            with VerticalScroll(id="network", classes="panel") as network:
                network.border_title = "Network"
                yield NetworkView().data_bind(DebuggerScreen.frame, DebuggerScreen.selected_layer,
                                              DebuggerScreen.selection, DebuggerScreen.precision)
            with Container(id="work"):  # the matrices or an analysis panel; when large, both
                with VerticalScroll(id="matrices", classes="panel") as matrices:
                    matrices.border_title = "Matrices"
                    yield StepMatrices().data_bind(DebuggerScreen.frame, DebuggerScreen.selected_layer,
                                                   DebuggerScreen.selection, DebuggerScreen.mode,
                                                   DebuggerScreen.precision)
                with Container(id="analysis"):
                    yield from self.analysis_panels()
            loss = LossPlot(id="loss", classes="panel")
            loss.border_title = "Loss"
            yield loss
            if self._has_input:
                image = InputView(id="input", classes="panel")
                image.border_title = "Input"
                yield image
            with Container(id="equation", classes="panel") as equation:
                equation.border_title = "Equation"
                yield EquationPanel().data_bind(DebuggerScreen.frame, DebuggerScreen.selected_layer,
                                                DebuggerScreen.selection)
        # A total from the start: an indeterminate bar animates 15 times a second, hidden or not.
        yield ProgressBar(id="progress", show_eta=False, total=1)
        yield AlertBar(id="alert").data_bind(DebuggerScreen.frame)
        yield KeyFooter()

    @property
    def session(self) -> Session:
        """The Session being stepped (read it only while no run owns it)."""
        return self.controller.session

    @property
    def scenario(self) -> Scenario:
        """The scenario opened (an example stepped alone has a scenario of its own)."""
        return self.controller.scenario

    @property
    def example(self) -> tuple[str, int] | None:
        """(split, index) of the example stepped alone, else None."""
        return self.controller.example

    def current_breakpoints(self) -> list[Breakpoint]:
        """The breakpoints set, for the palette; none while a run owns the Session."""
        return [] if self.running else list(self.controller.breakpoints)

    @property
    def _has_input(self) -> bool:
        return self.scenario.image_shape is not None

    def on_mount(self) -> None:
        self.arrangement = layout_for(*self.app.size)
        self.refresh_frame()
        self._apply_layout()

    # ---- handing data down ----------------------------------------------
    def refresh_frame(self) -> None:
        """Read the Session at its cursor (UI thread, no run in progress)."""
        frame = self.controller.frame()
        self.selection = frame.select(self.selected_layer, self._pick)
        self.frame = frame

    def watch_frame(self, frame: Frame | None) -> None:
        if frame is None:
            return
        batches = frame.history.batches
        self.query_one(LossPlot).show(frame.history, len(batches) - 1 if batches else None,
                                      per_epoch=frame.batches, others=frame.branch_curves, name=frame.branch)
        self._show_input()
        self._title_matrices()
        self.update_analysis()

    def _show_input(self) -> None:
        """The selected example of the batch, when the inputs are pictures."""
        frame = self.frame
        k = min(self.selection.example, frame.inputs.shape[1] - 1) if frame and frame.inputs is not None else 0
        if not self._has_input or frame is None:
            return
        shown, self._shown_inputs = self._shown_inputs, (frame.inputs, k)
        if shown and shown[0] is frame.inputs and shown[1] == k:  # the picture has not changed
            return
        if frame.inputs is None:  # before the first step no batch is drawn yet
            self.query_one(InputView).show(None, None, label="examples appear at the first step")
            return
        scenario = self.session.scenario
        example = int(frame.step.examples[k])
        size = frame.step.examples.size  # the graph and the equation count the batch's columns: say both
        label = (f"example {example + 1}" + (f" ({k + 1} of the batch's {size})" if size > 1 else "")
                 if self.example is None else "{} example {}".format(*self.example))
        names = scenario.class_names
        if names:
            label += f" · {names[true_classes(scenario.Y[:, [example]])[0]]}"
        self.query_one(InputView).show(frame.inputs[:, k], scenario.image_shape, label=label)

    def watch_selection(self) -> None:
        self._show_input()

    def watch_selected_layer(self) -> None:
        if self.frame is not None:
            self.selection = self.frame.select(self.selected_layer, self._pick)
        self._title_matrices()

    def _title_matrices(self) -> None:
        """'Matrices', and what they show when it is not the current step's (the status
        line says that one): 'Matrices · layer 2 as it stands', '… (viewing; l to follow)'.
        A new title repaints the whole panel, so it is set only when it changes."""
        if self.frame is None:
            return
        step, layer = self.frame.view(self.selected_layer), self.selected_layer
        if step is None:
            title = f"Matrices · layer {layer or 1} as it stands"
        elif layer:
            title = f"Matrices · {phase_text(step.phase, step.layer)} (viewing; l to follow)"
        else:
            title = "Matrices"
        panel = self.query_one("#matrices")
        if panel.border_title != title:
            panel.border_title = title

    def on_matrix_grid_cell_selected(self, event) -> None:
        self._pick = self.selection.moved(event.name, event.row, event.col)
        self.selection = self._pick

    def on_network_view_layer_selected(self, event: NetworkView.LayerSelected) -> None:
        self.selected_layer = None if event.layer == self.selected_layer else event.layer

    def on_network_view_neuron_clicked(self, event: NetworkView.NeuronClicked) -> None:
        """Neuron j of layer l: the selection's row there (an input: the column of layer 1's weights)."""
        if event.layer == 0:
            self._pick_in_network(replace(self.selection, layer=1, array="A_prev", col=event.neuron))
        elif event.layer <= self.scenario.network.depth:
            self._pick_in_network(replace(self.selection, layer=event.layer, array="b", row=event.neuron))

    def on_network_view_weight_clicked(self, event: NetworkView.WeightClicked) -> None:
        self._pick_in_network(replace(self.selection, layer=event.layer, array="W", row=event.row, col=event.col))

    def _pick_in_network(self, pick: Selection) -> None:
        """Select ``pick``, viewing its layer unless it is the one viewed already."""
        self._pick = pick
        if self.frame is not None and self.frame.viewed_layer(self.selected_layer) == pick.layer:
            self.selection = self.frame.select(self.selected_layer, pick)
        else:
            self.selected_layer = pick.layer

    # ---- moving ---------------------------------------------------------
    @property
    def running(self) -> bool:
        return any(w is not None and w.is_running for w in (self._run_worker, self._compare_worker))

    def _idle(self) -> bool:
        """True when the Session is free; else say why the key does nothing."""
        if self.running:
            self.notify("A run is in progress: esc stops it.", severity="warning", timeout=2)
            return False
        return True

    def action_next(self) -> None:
        if not self._idle():
            return
        if self.predicting:
            self.predict_next()
        elif self._take_step() is None and self.session.at_end:
            self.notify("End of training.", timeout=2)

    def _take_step(self, wave: bool = False):
        try:
            step = self.controller.step_wave() if wave else self.controller.step()
        except ShapeMistake as err:  # an injected mistake cannot compute this batch: that is the lesson
            self.notify(f"This batch cannot be computed: {err}", severity="error", timeout=10)
            return None
        if step is not None:
            self.refresh_frame()
        return step

    def action_previous(self) -> None:
        if not self._idle():
            return
        self.controller.back()
        self.refresh_frame()

    def action_restart(self) -> None:
        if not self._idle():
            return
        self.stop_playing()
        self.controller.restart()
        self.refresh_frame()

    def action_goto(self) -> None:
        if self._idle():
            self.app.push_screen(GotoScreen(self.session.total_steps, self.session.index + 1), self.goto)

    def goto(self, number: int | None) -> None:
        """Stand after step ``number`` (1-based; 0 is before the first step)."""
        if number is None or not self._idle():
            return
        try:
            self.controller.goto(number)
        except (IndexError, ShapeMistake) as err:
            self.notify(str(err), severity="error")
            return
        self.refresh_frame()

    def _say(self, activity: str = "") -> None:
        """What is running or playing, for the status line; and when one example is stepped alone."""
        self.activity = "  ".join(part for part in (activity, self.example_note()) if part)

    def session_changed(self) -> None:
        """The controller steps another Session now: show it where its cursor stands."""
        self.stop_playing()
        self._pick = None
        self._shown_inputs = ()
        self._say()
        self.refresh_bindings()
        self.refresh_frame()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Every worker of the screen ends here; each part takes its own."""
        if event.state in (WorkerState.PENDING, WorkerState.RUNNING):
            return
        if event.worker is self._run_worker:
            self.run_ended(event.worker)
        elif event.worker is self._compare_worker:
            self.compare_ended(event.worker)

    # ---- viewing -----------------------------------------------------------
    def action_layer(self) -> None:
        depth = self.scenario.network.depth
        layer = self.selected_layer
        self.selected_layer = 1 if layer is None else (layer + 1 if layer < depth else None)
        self.notify("Following the current step" if self.selected_layer is None
                    else f"Viewing layer {self.selected_layer}", timeout=1.5)

    def action_mode(self) -> None:
        self.mode = MODES[(MODES.index(self.mode) + 1) % len(MODES)]
        self.notify(f"Matrices: {self.mode}", timeout=1.5)

    def action_precision(self) -> None:
        self.precision = PRECISIONS[(PRECISIONS.index(self.precision) + 1) % len(PRECISIONS)]
        self.notify(f"{self.precision} digits", timeout=1.5)

    def action_copy(self) -> None:
        """y where no matrix has the focus (a focused one copies its own cell): the selected cell."""
        self.query_one(StepMatrices).copy_selected()

    def action_inspect(self) -> None:
        """∂L/∂w for the selected weight w^l_ji: the same one the equation explains."""
        if not self._idle() or self.frame is None or self.frame.step is None:
            if self.frame is not None and self.frame.step is None:
                self.notify("Take a step first: the chain rule needs a batch.", timeout=3)
            return
        result = chain_rule_paths(self.frame.trace, *self.selection.weight)
        self.app.push_screen(ChainRuleScreen(result))  # the readouts' digits, as the equation

    # ---- panels and files -------------------------------------------------
    def action_help(self) -> None:
        self.stop_playing()  # nothing moves behind the help; space plays on
        self.app.push_screen(HelpScreen())

    def action_breakpoints(self, kind: str | None = None) -> None:
        if self._idle():
            panel = BreakpointsScreen(self.controller.breakpoints, self.scenario.network.depth, kind)
            self.app.push_screen(panel, self.set_breakpoints)

    def set_breakpoints(self, breakpoints: list[Breakpoint] | None) -> None:
        if breakpoints is not None and self._idle() and self.controller.set_breakpoints(breakpoints):
            self.notify(f"{len(breakpoints)} breakpoint{'s' * (len(breakpoints) != 1)}", timeout=1.5)

    def add_breakpoint(self, breakpoint: Breakpoint) -> None:
        error = layer_error(breakpoint.layer, self.scenario.network.depth, breakpoint.phase)
        if error:
            self.notify(f"No breakpoint added ({breakpoint.describe()}): {error}", severity="error")
        elif breakpoint in self.current_breakpoints():
            self.notify(f"Already set: {breakpoint.describe()}", timeout=2)
        elif self._idle():
            self.controller.add_breakpoint(breakpoint)
            self.notify(f"Breakpoint added: {breakpoint.describe()}", timeout=2)

    def remove_breakpoint(self, breakpoint: Breakpoint) -> None:
        if self._idle() and self.controller.remove_breakpoint(breakpoint):
            self.notify(f"Breakpoint removed: {breakpoint.describe()}", timeout=2)

    def action_open(self) -> None:
        if self._idle():
            self.app.push_screen(PickerScreen(self.app.scenario_folder, self.app.served), self.open_scenario)

    def open_scenario(self, scenario: Scenario | None) -> None:
        if scenario is not None and self._idle():
            self.stop_playing()
            self.app.open_scenario(scenario)

    def action_screenshot(self) -> None:
        self.notify(self.app.screenshot(), timeout=4)
