"""Batch, stochastic and mini-batch runs side by side: one loss chart, one table.

The chart is the one `nnviz compare` prints (render.loss_chart draws on the
textual-plotext widget's ``plt``), the table the same rows.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static
from textual_plotext import PlotextPlot

from ...engine.compare import Variant
from ...render.loss_chart import plot_variants
from ...render.tables import compare_table


class ComparePanel(Vertical):
    """``show(variants)`` with engine.compare.compare(...)'s result."""

    DEFAULT_CSS = """
    ComparePanel { height: 1fr; }
    ComparePanel > PlotextPlot { height: 1fr; min-height: 10; }
    ComparePanel > #compare-table { height: auto; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.variants: list[Variant] = []

    def compose(self) -> ComposeResult:
        yield PlotextPlot(id="compare-chart")
        yield Static("no comparison yet", id="compare-table")

    def show(self, variants: list[Variant], caption: str = "") -> None:
        self.variants = variants
        chart = self.query_one("#compare-chart", PlotextPlot)
        chart.plt.clear_figure()
        plot_variants(chart.plt, variants)
        chart.refresh()
        lines = ([caption] if caption else []) + compare_table(variants)
        self.query_one("#compare-table", Static).update(Text("\n".join(lines)))
