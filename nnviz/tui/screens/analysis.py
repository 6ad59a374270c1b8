"""The debugger's views of training as a whole: the evaluation, the decision
boundary, the histograms, the comparison of batch sizes, and stepping one
wrong example on its own.

A mixin of DebuggerScreen: it reads the screen's ``frame`` and ``scenario``,
asks its ``controller`` to step one example alone, and follows its rule for
the Session (the UI thread uses it only when no run owns it; a run hands
networks over through ``capture_live``).
The engine computes every number; this module only decides when.

A panel that is off screen costs nothing per step: the screen calls
``update_analysis()`` after every move and whenever a panel comes into view,
and each panel redraws only when its data changed.
"""

from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.message import Message

from ...analysis import NetworkAnalysis
from ...engine.metrics import true_classes
from ...engine.network import Network
from ...session import Session
from ..frame import Frame
from ..widgets.boundary_panel import BoundaryPanel
from ..widgets.evaluation_panel import EvaluationPanel
from ..widgets.histogram_panel import HistogramPanel
from ..widgets.status import phase_text
from .compare import CompareScreen

BOUNDARY_INTERVAL = 0.1  # seconds: the least time between two boundary pictures
LIVE_INTERVAL = 0.2  # seconds: how often a run hands its network to the boundary


def same_parameters(a: Network | None, b: Network | None) -> bool:
    """True when ``a`` and ``b`` hold the very same layers (parameters are never changed in place)."""
    if a is None or b is None:
        return a is b
    return a is b or all(x is y for x, y in zip(a.layers, b.layers))


def compare_batch_sizes(batch_size: int | None) -> tuple[int | None, ...]:
    """Batch GD, stochastic GD, and mini-batches of the scenario's own size (20 if it has none)."""
    return (None, 1, batch_size if batch_size not in (None, 1) else 20)


def compare_optimizers_of(optimizer: str) -> tuple[str, ...] | None:
    """SGD, momentum and Adam (and the scenario's own) when it trains with another optimizer than
    SGD, else None: batch sizes are compared instead."""
    if optimizer == "sgd":
        return None
    return tuple(dict.fromkeys(("sgd", "momentum", "adam", optimizer)))


class AnalysisViews:
    """Mixin for DebuggerScreen: evaluation, boundary, histograms, compare, one example."""

    def init_analysis(self) -> None:
        s = self.scenario
        self.has_boundary = s.X.shape[0] == 2
        self._labels = true_classes(s.Y) if s.is_classification else None
        self._evaluated_epochs: int | None = None  # the completed epochs the evaluation shows
        self._evaluated_network: Network | None = None
        self._drawn: Network | None = None  # the network the boundary shows
        self._drawn_at = 0.0
        self._wanted: Network | None = None  # the network to draw when the throttle allows
        self._boundary_timer = None
        self.live_wanted = False  # read by the run worker
        self._live_due = 0.0
        self._live_network: Network | None = None  # written by the run worker
        self._histograms_asked = False

    def analysis_panels(self) -> ComposeResult:
        titles = {"boundary": "Decision boundary",
                  "evaluation": "Evaluation", "histograms": "Histograms"}
        widgets = {"boundary": BoundaryPanel, "evaluation": EvaluationPanel, "histograms": HistogramPanel}
        for name in self.panels.analysis:
            panel = widgets[name](id=name, classes="panel")
            panel.border_title = titles[name]
            yield panel

    def update_analysis(self, newly: frozenset[str] = frozenset()) -> None:
        """Bring the analysis panels on screen up to date with the frame (UI thread);
        ``newly`` are the panels that just came on screen."""
        frame = self.frame
        if frame is None:
            return
        if self.shows("evaluation") and self.example is None and len(frame.history.epochs) != self._evaluated_epochs:
            self.show_evaluation(frame)
        if "evaluation" in newly and self.arrangement != "large":  # chosen: ready for enter
            self.query_one("#evaluation-wrong").focus()
        if self.shows("boundary"):
            self.draw_boundary(frame.network)
        if self.shows("histograms") and not self._histograms_asked:
            self._start_histograms()

    # ---- evaluation ---------------------------------------------------------
    def show_evaluation(self, frame: Frame) -> None:
        """The frame's evaluation of the network at the cursor on the train and test splits."""
        s = self.scenario
        self._evaluated_epochs = len(frame.history.epochs)
        self._evaluated_network = frame.network
        self.query_one(EvaluationPanel).show(frame.analysis.evaluation, s.class_names, heading=self._when(frame))

    def _when(self, frame: Frame) -> str:
        """Which weights an evaluation is of, as a heading."""
        if self.example is not None:
            split, index = self.example
            return f"The weights after step {frame.index + 1} of {split} example {index} stepped alone"
        if frame.index < 0:
            return "The initial weights, before training"
        p = frame.position
        if frame.at_epoch_end:
            return f"After epoch {p.epoch} of {frame.epochs}"
        return f"At step {frame.index + 1}: epoch {p.epoch}, batch {p.batch}, {phase_text(p.phase, p.layer)}"

    def action_evaluate(self) -> None:
        if self._idle() and self.frame is not None:
            self.show_panel("evaluation")
            self.show_evaluation(self.frame)

    # ---- one example on its own ----------------------------------------------
    def on_evaluation_panel_example_chosen(self, event: EvaluationPanel.ExampleChosen) -> None:
        """Step the chosen example alone, from the weights the evaluation was made with."""
        if not self._idle() or self._evaluated_network is None:
            return
        self.controller.step_alone(event.split, event.index, self._evaluated_network)
        self.query_one(EvaluationPanel).mark(self.example)
        self.session_changed()
        self.choose("matrices")  # the example's steps, where a small window or the slot shows one panel
        self.notify(f"Stepping {event.split} example {event.index} alone; x returns to all the data.",
                    timeout=4)

    def on_evaluation_panel_all_data_chosen(self, event: EvaluationPanel.AllDataChosen) -> None:
        self.action_all_data()

    def action_all_data(self) -> None:
        """Back to the session that was left to step one example, where it stood."""
        if self.example is None:
            self.notify("All the data is being stepped already: x returns to it after enter on a wrong "
                        "example of the evaluation stepped that example alone.", timeout=4)
            return
        if not self._idle():
            return
        self.controller.all_data()
        self._evaluated_epochs = None  # evaluate the main session again when shown
        self.query_one(EvaluationPanel).mark(None)
        self.session_changed()

    def example_note(self) -> str:
        """For the status line while one example is stepped."""
        if self.example is None:
            return ""
        split, index = self.example
        return f"◆ one example ({split} {index}) · x returns"

    # ---- decision boundary ------------------------------------------------------
    def draw_boundary(self, network: Network) -> None:
        """Show ``network``'s boundary if it changed: at most every BOUNDARY_INTERVAL,
        the latest one always (a timer draws it when the interval is over)."""
        if not self.has_boundary:
            return
        self._wanted = network
        if same_parameters(network, self._drawn):
            return
        wait = self._drawn_at + BOUNDARY_INTERVAL - time.monotonic()
        if wait > 0:
            if self._boundary_timer is None:
                self._boundary_timer = self.set_timer(wait, self._draw_wanted)
            return
        self._drawn, self._drawn_at = network, time.monotonic()
        self._show_boundary(self.query_one(BoundaryPanel), network)

    def _show_boundary(self, panel: BoundaryPanel, network: Network) -> None:
        """Hand ``panel`` the Controller's grid of ``network`` at the panel's size."""
        size = panel.grid_size
        grid = None if size is None else self._analysis_of(network).boundary(*size)
        s = self.scenario
        panel.show(network, grid, s.X, self._labels, s.class_names)

    def _analysis_of(self, network: Network) -> NetworkAnalysis:
        """The frame's analysis when ``network`` is the cursor's (its grids are kept), else a new one
        (a network a run caught on its way)."""
        analysis = self.frame.analysis if self.frame is not None else None
        return analysis if analysis is not None and analysis.network is network else NetworkAnalysis(self.scenario, network)

    def on_boundary_panel_size_changed(self, event: BoundaryPanel.SizeChanged) -> None:
        if event.panel.network is not None and self.has_boundary:
            self._show_boundary(event.panel, event.panel.network)

    def _draw_wanted(self) -> None:
        self._boundary_timer = None
        if self._wanted is not None and self.shows("boundary"):
            self.draw_boundary(self._wanted)

    def capture_live(self, session: Session) -> None:
        """Called by the run worker between steps: now and then keep the network for the boundary."""
        if self.live_wanted and time.monotonic() >= self._live_due:
            self._live_due = time.monotonic() + LIVE_INTERVAL
            self._live_network = session.network

    def show_live(self) -> None:
        """Called by the UI's progress timer during a run."""
        network = self._live_network
        if network is not None and self.shows("boundary"):
            self.draw_boundary(network)

    # ---- histograms ----------------------------------------------------------------
    class HistogramsReady(Message):
        """The frame's scenario analysis has trained its copy (posted from its thread)."""

    def _start_histograms(self) -> None:
        s = self.scenario
        panel = self.query_one(HistogramPanel)
        panel.border_title = f"Histograms · W and dW per layer, a copy trained {s.training.epochs} epochs"
        panel.say(f"training a copy of the network for {s.training.epochs} epochs in the background…")
        self._histograms_asked = True
        self.frame.opened.histograms_in_background(done=lambda: self.post_message(self.HistogramsReady()))

    def on_analysis_views_histograms_ready(self) -> None:
        opened, panel = self.frame.opened, self.query_one(HistogramPanel)
        if opened.ready_histograms is not None:
            panel.show(opened.ready_histograms)
        else:
            panel.say(f"The histograms failed: {opened.histograms_error}")

    def on_unmount(self) -> None:
        if self.frame is not None:
            self.frame.opened.stop()  # the copy's training ends within a batch

    # ---- comparing batch sizes ------------------------------------------------------
    def action_compare(self) -> None:
        s = self.scenario
        self.app.push_screen(CompareScreen(s, compare_batch_sizes(s.training.batch_size),
                                           optimizers=compare_optimizers_of(s.training.optimizer)))
