"""A screen that trains the scenario once per batch size and compares the runs.

The training runs in a worker thread (``engine.compare.compare``); the screen
shows "training…" until it ends, then hands the Variants to a ComparePanel.
Push it from anywhere: ``app.push_screen(CompareScreen(scenario))``.
"""

from __future__ import annotations

from dataclasses import replace

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

from ...engine.compare import Variant, compare
from ...scenario import Scenario
from ..widgets.compare_panel import ComparePanel

BATCH_SIZES: tuple[int | None, ...] = (None, 1, 20)  # batch, stochastic, mini-batch


class CompareScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q", "dismiss", "Close")]
    DEFAULT_CSS = """
    CompareScreen { align: center middle; }
    CompareScreen > #compare-box { width: 95%; height: 95%; border: round $primary; }
    CompareScreen > #compare-status { dock: top; height: 1; }
    """

    def __init__(self, scenario: Scenario, batch_sizes: tuple[int | None, ...] = BATCH_SIZES,
                 epochs: int | None = None) -> None:
        super().__init__()
        self.scenario = scenario
        self.batch_sizes = list(batch_sizes)
        self.epochs = epochs if epochs is not None else scenario.training.epochs
        self.variants: list[Variant] = []

    def compose(self) -> ComposeResult:
        sizes = ", ".join("full" if b is None else str(b) for b in self.batch_sizes)
        yield Static(f"training with batch sizes {sizes} for {self.epochs} epochs…", id="compare-status")
        panel = ComparePanel(id="compare-box")
        panel.border_title = f"batch / stochastic / mini-batch GD: {self.scenario.title}"
        panel.border_subtitle = "esc closes"
        yield panel

    def on_mount(self) -> None:
        self._train()

    @work(thread=True, exclusive=True)
    def _train(self) -> None:
        s = self.scenario
        config = replace(s.training, epochs=self.epochs)
        variants = compare(s.network, s.X, s.Y, config, self.batch_sizes, s.is_classification)
        self.app.call_from_thread(self._show, variants)

    def _show(self, variants: list[Variant]) -> None:
        self.variants = variants
        s = self.scenario
        self.query_one("#compare-status", Static).update(
            f"{s.m} examples, {self.epochs} epochs, learning rate {s.training.learning_rate:g}, "
            "same initial weights for every run")
        self.query_one(ComparePanel).show(variants)
