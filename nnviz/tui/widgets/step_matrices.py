"""The matrix panels of the viewed step: forward A_prev W b Z A; loss Ŷ Y L;
backward dA dZ dW db dA_prev; update W before, η·dW, W after (changed cells
highlighted) and the same for b. Before a layer has a step in this batch,
its parameters as they stand are shown instead."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Container
from textual.reactive import reactive

from ...engine.summary import changed
from ..frame import Frame
from ..notation import MOST_SHOWN, as_matrix, shape_text, shown, title
from .matrix import MatrixView

MAX_HEIGHT = 20  # a big matrix scrolls inside its panel
MIN_WIDTH = 15  # room for a title such as "b2 before (1×1)"
HIGHLIGHT = {"W_new": ("W_old", "W_new"), "b_new": ("b_old", "b_new")}
# In two columns an update reads best as a W column beside a b column.
TWO_COLUMNS = {"update": ("W_old", "b_old", "eta_dW", "eta_db", "W_new", "b_new")}


def fit_columns(widths: list[int], available: int, gap: int = 1) -> list[int]:
    """Column widths for the most columns that fit ``available``: item i goes
    to column i % n, so the reading order runs left to right, row by row."""
    for n in range(len(widths), 1, -1):
        columns = [max(widths[i::n]) for i in range(n)]
        if sum(columns) + gap * (n - 1) <= available:
            return columns
    return [available]


class StepMatrices(Container):
    """A fixed pool of MatrixViews, filled from the Frame (never re-mounted),
    laid out in as many columns as their widths allow."""

    frame: reactive[Frame | None] = reactive(None)
    selected_layer: reactive[int | None] = reactive(None)
    mode: reactive[str] = reactive("auto")
    precision: reactive[int] = reactive(3)

    _columns: list[int] = []

    def compose(self) -> ComposeResult:
        for i in range(MOST_SHOWN):
            yield MatrixView(id=f"matrix-{i}")

    def on_mount(self) -> None:
        for name in ("frame", "selected_layer", "mode", "precision"):
            self.watch(self, name, self._redraw, init=False)

    def _redraw(self) -> None:
        frame = self.frame
        if frame is None:
            return
        views = list(self.query(MatrixView))
        step = frame.view(self.selected_layer)
        if step is not None:
            panels = [(key, step[key], title(step, key), self._highlight(step, key)) for key in shown(step)]
        else:
            layer = self.selected_layer or 1
            params = frame.network.layers[layer - 1]
            panels = [(key, array, f"{key}{layer} now ({shape_text(array)})", None)
                      for key, array in (("W", params.W), ("b", params.b))]
        self._fill(views, panels)
        order = TWO_COLUMNS.get(step.phase) if step is not None else None
        if order is not None and len(self._fit()) == 2:
            panels.sort(key=lambda panel: order.index(panel[0]))
            self._fill(views, panels)
        self._arrange()

    def _fill(self, views: list[MatrixView], panels: list) -> None:
        for view, (key, array, text, highlight) in zip(views, panels):
            view.display = True
            view.show(key, as_matrix(array), title=text, highlight=highlight, precision=self.precision,
                      mode=self.mode)
            view.styles.height = min(view.virtual_size.height, MAX_HEIGHT)  # sized before the layout
        for view in views[len(panels):]:
            view.display = False

    def on_resize(self) -> None:
        self._arrange()

    def _fit(self) -> list[int]:
        """The grid's column widths for the panels on show."""
        widths = [max(MIN_WIDTH, view.virtual_size.width + 1) for view in self.query(MatrixView) if view.display]
        return fit_columns(widths, self.size.width) if widths and self.size.width else []

    def _arrange(self) -> None:
        columns = self._fit()
        if columns and columns != self._columns:  # setting the styles lays the screen out again
            self._columns = columns
            self.styles.grid_size_columns = len(columns)
            self.styles.grid_columns = columns if len(columns) > 1 else ["1fr"]

    @staticmethod
    def _highlight(step, key: str):
        pair = HIGHLIGHT.get(key)
        return None if pair is None else changed(step[pair[0]], step[pair[1]])
