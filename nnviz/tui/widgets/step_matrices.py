"""The matrix panels of the viewed step: forward A_prev W b Z A; loss Ŷ Y L;
backward dA dZ dW db dA_prev; update W before, η·dW, W after (changed cells
highlighted) and the same for b. Before a layer has a step in this batch,
its parameters as they stand are shown instead."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import ItemGrid
from textual.reactive import reactive

from ...engine.summary import changed
from ..frame import Frame
from ..notation import MOST_SHOWN, as_matrix, shape_text, shown, title
from .placeholders import MatrixView

HIGHLIGHT = {"W_new": ("W_old", "W_new"), "b_new": ("b_old", "b_new")}


class StepMatrices(ItemGrid):
    """A fixed pool of MatrixViews, filled from the Frame (never re-mounted)."""

    frame: reactive[Frame | None] = reactive(None)
    selected_layer: reactive[int | None] = reactive(None)
    mode: reactive[str] = reactive("auto")
    precision: reactive[int] = reactive(3)

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
        self.min_column_width = self._column_width([p[1] for p in panels])
        for view, panel in zip(views, panels):
            key, array, text, highlight = panel
            view.display = True
            view.show(key, as_matrix(array), title=text, highlight=highlight, precision=self.precision,
                      mode=self.mode)
        for view in views[len(panels):]:
            view.display = False

    @staticmethod
    def _highlight(step, key: str):
        pair = HIGHLIGHT.get(key)
        return None if pair is None else changed(step[pair[0]], step[pair[1]])

    def _column_width(self, arrays) -> int:
        """Wide enough for the widest small matrix, so the numbers are not cut."""
        cell = self.precision + 5
        widest = max(min(as_matrix(a).shape[1], 8) * cell for a in arrays)
        return max(16, widest + 4)
