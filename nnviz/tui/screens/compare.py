"""A screen that trains the scenario once per batch size (or optimizer) and compares the runs.

The training runs in a worker thread (``engine.compare.compare``); the screen
shows "training…" until it ends, then hands the Variants to a ComparePanel.
Closing the screen cancels the worker: its thread stops before the next batch.
Push it from anywhere: ``app.push_screen(CompareScreen(scenario))``.
"""

from __future__ import annotations

from dataclasses import replace

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static
from textual.worker import Worker, WorkerState, get_current_worker

from ...engine.compare import Variant, compare, compare_optimizers
from ...scenario import Scenario
from ...textfmt import count
from ..widgets.compare_panel import ComparePanel

BATCH_SIZES: tuple[int | None, ...] = (None, 1, 20)  # batch, stochastic, mini-batch


class CompareScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q", "dismiss", "Close")]
    DEFAULT_CSS = """
    CompareScreen { align: center middle; }
    CompareScreen > #compare-box { width: 95%; height: 95%; border: round $primary; background: $surface;
                                   padding: 0 1; }
    CompareScreen #compare-status { height: auto; }
    """

    def __init__(self, scenario: Scenario, batch_sizes: tuple[int | None, ...] = BATCH_SIZES,
                 epochs: int | None = None, optimizers: tuple[str, ...] | None = None) -> None:
        super().__init__()
        self.optimizers = optimizers  # given: these are compared, at the scenario's batch size
        self.scenario = scenario
        self.batch_sizes = list(batch_sizes)
        self.epochs = epochs if epochs is not None else scenario.training.epochs
        self.variants: list[Variant] = []

    def compose(self) -> ComposeResult:
        sizes = ", ".join("full" if b is None else str(b) for b in self.batch_sizes)
        with Vertical(id="compare-box") as box:
            what = "batch / stochastic / mini-batch GD" if self.optimizers is None else "optimizers"
            box.border_title = f"{what}: {self.scenario.title}"
            box.border_subtitle = "esc closes"
            runs = f"batch sizes {sizes}" if self.optimizers is None else ", ".join(self.optimizers)
            yield Static(f"training with {runs} for {count(self.epochs, 'epoch')}…", id="compare-status")
            yield ComparePanel()

    def on_mount(self) -> None:
        self._train()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _train(self) -> list[Variant]:
        s = self.scenario
        config = replace(s.training, epochs=self.epochs)
        worker = get_current_worker()  # cancelled when the screen closes: the thread stops within a batch
        if self.optimizers is not None:
            return compare_optimizers(s.network, s.X, s.Y, config, list(self.optimizers), s.is_classification,
                                      cancelled=lambda: worker.is_cancelled)
        return compare(s.network, s.X, s.Y, config, self.batch_sizes, s.is_classification,
                       cancelled=lambda: worker.is_cancelled)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Show the runs when they are done (a screen closed by then gets no message)."""
        if event.state == WorkerState.SUCCESS:
            self._show(event.worker.result)
        elif event.state == WorkerState.ERROR:
            self.query_one("#compare-status", Static).update(f"The comparison failed: {event.worker.error}")

    def _show(self, variants: list[Variant]) -> None:
        self.variants = variants
        s = self.scenario
        self.query_one("#compare-status", Static).update(
            f"{count(s.m, 'example')}, {count(self.epochs, 'epoch')}, learning rate {s.training.learning_rate:g}, "
            "same initial weights for every run")
        self.query_one(ComparePanel).show(variants)
