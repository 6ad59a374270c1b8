"""The matrix panels of the viewed step: forward A_prev W b Z A; loss Ŷ Y L;
backward dA dZ dW db dA_prev; update W before, η·dW, W after (changed cells
highlighted) and the same for b. Before a layer has a step in this batch,
its parameters as they stand are shown instead.

A step should cost a repaint, not a layout of the screen. So each phase keeps
the grid it has needed so far: every slot as wide and as tall as the largest
array any layer has shown in it (a smaller one leaves blank lines below it),
and as many slots as any layer has filled (spare ones stay blank). After the
first pass through a batch, stepping from layer to layer within a phase only
redraws what the views show; the grid changes when the phase does.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from textual.app import ComposeResult
from textual.containers import Container
from textual.reactive import reactive

from ...engine.step import Step
from ...engine.summary import changed
from ..frame import Frame, Selection
from ..notation import MOST_SHOWN, as_matrix, shape_text, shown, title
from .matrix import Layout, MatrixView, plan

MAX_HEIGHT = 20  # a big matrix scrolls inside its panel
MIN_HEIGHT = 3  # a title, the column numbers and one row
MIN_WIDTH = 15  # room for a title such as "b2 before (1×1)"
HIGHLIGHT = {"W_new": ("W_old", "W_new"), "b_new": ("b_old", "b_new")}
# In two columns an update reads best as a W column beside a b column.
TWO_COLUMNS = {"update": ("W_old", "b_old", "eta_dW", "eta_db", "W_new", "b_new")}


class Panel(NamedTuple):
    key: str
    array: np.ndarray  # 2-D
    title: str
    highlight: np.ndarray | None
    layout: Layout


def fit_columns(widths: list[int], available: int, gap: int = 1) -> list[int]:
    """Column widths for the most columns that fit ``available``: item i goes
    to column i % n, so the reading order runs left to right, row by row.
    The last column takes what is left (room for the cursor's readout)."""
    for n in range(len(widths), 1, -1):
        columns = [max(widths[i::n]) for i in range(n)]
        spare = available - sum(columns) - gap * (n - 1)
        if spare >= 0:
            return columns[:-1] + [columns[-1] + spare]
    return [available]


def grow(sizes: list[int], needed: list[int]) -> list[int]:
    """Each slot as big as it ever needed to be; as many slots as ever needed."""
    longer = sizes if len(sizes) >= len(needed) else needed
    return [max(a, b) for a, b in zip(sizes, needed)] + longer[min(len(sizes), len(needed)):]


class StepMatrices(Container):
    """A fixed pool of MatrixViews, filled from the Frame (never re-mounted),
    laid out in as many columns as their widths allow."""

    # The grid's columns and rows are set from here. The views' row and column
    # numbers say where they are scrolled to; without scrollbars, a new array
    # never adds or removes one (which would lay the screen out).
    DEFAULT_CSS = """
    StepMatrices { layout: grid; height: auto; grid-gutter: 1 1; }
    StepMatrices > MatrixView { overflow: hidden hidden; }
    """

    # The container draws nothing itself: its views repaint what changed.
    frame: reactive[Frame | None] = reactive(None, repaint=False)
    selected_layer: reactive[int | None] = reactive(None, repaint=False)
    selection: reactive[Selection] = reactive(Selection, repaint=False)  # where every cursor sits
    mode: reactive[str] = reactive("auto", repaint=False)
    precision: reactive[int] = reactive(3, repaint=False)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._views: list[MatrixView] = []
        self._widths: dict[str, list[int]] = {}  # per phase, the width each slot has needed
        self._heights: dict[str, list[int]] = {}  # per phase (and order), the height each slot has needed
        self._width = 0  # the width the grid was fitted to
        self._height = 0  # the grid's height: the most any phase has needed
        self._columns: list[int] = []

    def compose(self) -> ComposeResult:
        for i in range(MOST_SHOWN):
            yield MatrixView(id=f"matrix-{i}")

    def on_mount(self) -> None:
        self._views = list(self.query(MatrixView))
        self.watch(self, "frame", self._redraw, init=False)
        self.watch(self, "selected_layer", self._redraw, init=False)
        self.watch(self, "selection", self._place_cursors, init=False)
        for name in ("mode", "precision"):  # new cell widths: measure every phase again
            self.watch(self, name, self._remeasure, init=False)

    def on_resize(self) -> None:
        if self.size.width != self._width:  # the columns that fit, and the readouts' lines
            self._width = self.size.width
            self._redraw()

    def _remeasure(self) -> None:
        self._widths.clear()
        self._heights.clear()
        self._height = 0
        self._redraw()

    def _redraw(self) -> None:
        frame = self.frame
        if frame is None or not self._views:
            return
        step = frame.view(self.selected_layer)
        panels = self._panels(frame, step)
        phase = step.phase if step is not None else "parameters"
        widths = self._widths[phase] = grow(self._widths.get(phase, []),
                                            [max(MIN_WIDTH, p.layout.width + 1) for p in panels])
        columns = fit_columns(widths, self.size.width) if self.size.width else []
        arrangement, order = phase, TWO_COLUMNS.get(phase)
        if order is not None and len(columns) == 2:
            ranked = sorted(range(len(panels)), key=lambda i: order.index(panels[i].key))
            panels = [panels[i] for i in ranked]
            widths = [widths[i] for i in ranked] + widths[len(ranked):]
            columns = fit_columns(widths, self.size.width)
            arrangement = f"{phase} in two columns"  # its slots hold other arrays: heights of their own
        n = len(columns) or 1
        view_widths = [columns[i % n] for i in range(len(panels))] if columns else widths
        fits = [p.layout.readout_fits(p.title, width) for p, width in zip(panels, view_widths)]
        own_line = [not all(fits[i - i % n:i - i % n + n]) for i in range(len(panels))]  # rows stay level
        needed = [max(MIN_HEIGHT, min(p.layout.size(p.title, width, own).height, MAX_HEIGHT))
                  for p, width, own in zip(panels, view_widths, own_line)]
        heights = self._heights[arrangement] = grow(self._heights.get(arrangement, []), needed)
        self._fill(panels, own_line, len(heights))
        self._arrange(columns, heights)

    def _panels(self, frame: Frame, step: Step | None) -> list[Panel]:
        if step is not None:
            arrays = [(key, as_matrix(step[key]), title(step, key), self._highlight(step, key)) for key in shown(step)]
        else:
            layer = self.selected_layer or 1
            params = frame.network.layers[layer - 1]
            arrays = [(key, as_matrix(array), f"{key}{layer} now ({shape_text(array)})", None)
                      for key, array in (("W", params.W), ("b", params.b))]
        return [Panel(key, array, text, mask, plan(array, self.mode, self.precision))
                for key, array, text, mask in arrays]

    def _place_cursors(self) -> None:
        for view in self._views:
            if view.title:
                view.place_cursor(*self.selection.cell(view.array_name))

    def _fill(self, panels: list[Panel], own_line: list[bool], slots: int) -> None:
        """Show each panel in its view; spare slots stay blank."""
        for i, view in enumerate(self._views):
            if i < len(panels):
                key, array, text, mask, _ = panels[i]
                view.show(key, array, title=text, highlight=mask, precision=self.precision, mode=self.mode,
                          own_readout_line=own_line[i], cursor=self.selection.cell(key))
            elif view.title:
                view.clear()
            view.display = i < slots  # no change, no layout

    def _arrange(self, columns: list[int], heights: list[int]) -> None:
        """The grid, sized before the layout: its columns, each row as tall as its
        tallest slot, and the whole as tall as any phase has needed, so that a new
        phase leaves the panel's scrollbar alone. Each view is told its row's height
        (its parent's styles stay put: setting them would repaint the whole panel);
        only a change lays the screen out."""
        n = len(columns) or 1
        rows = [max(heights[i:i + n]) for i in range(0, len(heights), n)]
        height = sum(rows) + self.styles.grid_gutter_vertical * (len(rows) - 1)
        self._height = max(self._height, height)
        rows[-1] += self._height - height  # blank below the last row
        for i, view in enumerate(self._views[:len(heights)]):
            view.styles.min_height = view.styles.max_height = rows[i // n]  # an "auto" grid row's height
        if columns and columns != self._columns:
            self._columns = columns
            self.styles.grid_size_columns = n
            self.styles.grid_columns = columns

    @staticmethod
    def _highlight(step, key: str):
        pair = HIGHLIGHT.get(key)
        return None if pair is None else changed(step[pair[0]], step[pair[1]])
