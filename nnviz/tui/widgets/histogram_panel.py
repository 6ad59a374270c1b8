"""Weight and gradient histograms per layer, epoch by epoch, scrollable."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import ScrollableContainer
from textual.widgets import Static

from ...engine.histograms import Histograms
from ...render.histogram import histogram_text


class HistogramPanel(ScrollableContainer):
    """``show(histograms)``: what a Frame carries as ``opened.ready_histograms`` once
    nnviz.analysis has trained its copy of the network.
    Rows are not wrapped: a panel narrower than a row scrolls sideways."""

    DEFAULT_CSS = """
    HistogramPanel { height: 1fr; }
    HistogramPanel > #histogram-text { width: auto; text-wrap: nowrap; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.histograms: Histograms | None = None

    def compose(self) -> ComposeResult:
        yield Static("no histograms yet", id="histogram-text")

    def show(self, histograms: Histograms, rows: int = 6, color: bool = True) -> None:
        """Each layer's W and dW bars at up to ``rows`` epochs."""
        self.histograms = histograms
        self.query_one("#histogram-text", Static).update(histogram_text(histograms, rows, color))

    def say(self, message: str) -> None:
        """A line in place of the histograms: while they are computed, or why they are not."""
        self.query_one("#histogram-text", Static).update(Text(message))
