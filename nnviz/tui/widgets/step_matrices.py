"""The matrix panels of the viewed step: forward A_prev W b Z A; loss Ŷ Y L;
backward dA dZ dW db dA_prev; update W before, η·dW, W after (changed cells
marked ↑ or ↓, shaded by how much) and the same for b. Before a layer has a step in this batch,
its parameters as they stand are shown instead.

The grid depends only on the batch, the window's width and the viewed step,
never on the steps taken before (the same step at the same size always looks
the same). Each phase's grid is measured once per batch over all its layers:
every slot as wide and as tall as the largest array any layer of the phase
shows in it (a smaller one leaves blank lines below it); the whole grid is as
tall as the tallest phase of the batch needs, so the panel's scrollbar does
not come and go with the phase. Stepping from layer to layer within a phase
only repaints what the views show. A phase whose grid is taller than the panel
is drawn compact (readouts beside the titles, no column numbers, heatmaps two
rows a line, no gap between rows, each slot at most a third of the panel), so
that an update's W before, η·dW and W after are in view together.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from textual.geometry import Region
from textual.reactive import reactive

from ...engine.step import Step
from ...engine.summary import change
from ..frame import Frame, Selection
from ..notation import MOST_SHOWN, as_matrix, shape_text, shown, title
from .matrix import Layout, plan
from .matrix_grid import MatrixGrid

MAX_HEIGHT = 20  # a big matrix scrolls inside its panel
MIN_HEIGHT = 3  # a title, the column numbers and one row
MIN_WIDTH = 15  # room for a title such as "b2 before (1×1)"
CHANGE = {"W_new": ("W_old", "W_new"), "b_new": ("b_old", "b_new")}  # after: ↑↓ by how much it moved
# In two columns an update reads best as a W column beside a b column.
TWO_COLUMNS = {"update": ("W_old", "b_old", "eta_dW", "eta_db", "W_new", "b_new")}


class Grid(NamedTuple):
    """A phase's grid: the column widths, each slot's height, and the reading order."""

    columns: list[int]
    heights: list[int]
    order: tuple[str, ...]  # the arrays' keys in slot order
    compact: bool = False  # see plan(compact=True); no gap between rows

    @property
    def gap(self) -> int:
        return 0 if self.compact else 1


class Panel(NamedTuple):
    key: str
    array: np.ndarray  # 2-D
    title: str
    change: np.ndarray | None
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


class StepMatrices(MatrixGrid):
    """The step's arrays in a grid of drawings, filled from the Frame, in as many
    columns as their widths allow. One widget: a new step, or a new phase's grid,
    repaints it; only a new total height lays the screen out."""

    DEFAULT_CSS = "StepMatrices { height: auto; }"

    # What the grid draws is set from here; reactive only to redraw.
    frame: reactive[Frame | None] = reactive(None, repaint=False)
    selected_layer: reactive[int | None] = reactive(None, repaint=False)
    selection: reactive[Selection] = reactive(Selection, repaint=False)  # where every cursor sits
    mode: reactive[str] = reactive("auto", repaint=False)
    precision: reactive[int] = reactive(3, repaint=False)

    def __init__(self, **kwargs) -> None:
        super().__init__(MOST_SHOWN, **kwargs)
        self._grids: tuple[tuple, Step | None, dict[str, Grid]] | None = None  # (format, batch, grids)
        self._height = 1  # of the whole grid
        # What is worked out once per array of the batch (its plan, an update's change), by the
        # array's id; the steps' arrays are read-only and the entry keeps its array alive.
        self._memo: dict[tuple, tuple[object, object]] = {}

    def on_mount(self) -> None:
        super().on_mount()
        for name in ("frame", "selected_layer", "mode", "precision"):
            self.watch(self, name, self._redraw, init=False)
        self.watch(self, "selection", self._selection_moved, init=False)

    def get_content_height(self, container, viewport, width: int) -> int:
        return self._height

    def on_resize(self) -> None:
        self._redraw()  # the columns that fit, and the readouts' lines (measured again only on a new width)

    def _redraw(self) -> None:
        frame = self.frame
        if frame is None or not self.size.width:
            return
        step = frame.view(self.selected_layer)
        grids, height = self._measure(frame)
        grid = grids[step.phase if step is not None else "parameters"]
        panels = self._panels(frame, step, compact=grid.compact)
        panels.sort(key=lambda p: grid.order.index(p.key))
        self._arrange(grid, height)
        self._fill(panels, self._own_lines(panels, grid.columns), grid.compact)

    def _measure(self, frame: Frame) -> tuple[dict[str, Grid], int]:
        """Every phase's grid for this batch, measured over all its layers (kept while the
        batch, the width and the format are), the viewed layer's parameters' grid, and the
        height of the tallest."""
        room = self.parent.scrollable_content_region.height if self.parent is not None else 0
        key = (self.size.width, room, self.mode, self.precision)
        batch = frame.whole_batch[0] if frame.whole_batch else None  # its first step names it
        if self._grids is None or self._grids[0] != key or self._grids[1] is not batch:
            if self._grids is None or self._grids[1] is not batch:
                self._memo.clear()  # the last batch's arrays are not shown again
            by_phase: dict[str, list[Step]] = {}
            for step in frame.whole_batch:
                by_phase.setdefault(step.phase, []).append(step)
            self._grids = (key, batch, {phase: self._fitted(phase, [
                lambda compact, step=step: self._panels(frame, step, measure_only=True, compact=compact)
                for step in steps], room) for phase, steps in by_phase.items()})
        layer = self.selected_layer or 1
        params = frame.network.layers[layer - 1]
        parameters = self._memoized(("grid", key), params.W, lambda: self._fitted(
            "parameters", [lambda compact: self._parameters(frame, layer, compact)], room))
        grids = {**self._grids[2], "parameters": parameters}
        return grids, max(self._height_of(grid) for grid in grids.values())

    def _fitted(self, phase: str, layers, room: int) -> Grid:
        """The phase's grid (``layers``: per layer, its panels for compact or not);
        compact when the plain one is taller than ``room``."""
        grid = self._grid(phase, [panels(False) for panels in layers])
        if not room or self._height_of(grid) <= room:
            return grid
        return self._grid(phase, [panels(True) for panels in layers], room)

    def _grid(self, phase: str, layers: list[list[Panel]], room: int = 0) -> Grid:
        """One grid for every layer's panels of a phase. Slots hold the same array in every
        layer: the arrays all layers show first, then those only some show (dA, dA_prev), so
        a dA1 that only layer 1 shows does not push layer 2's dW2 into a wider slot. An
        update reads best as a W column beside a b column; compact (``room``: the panel's
        height), only where that fits, else W before, η·dW and W after come first."""
        width, compact = self.size.width, bool(room)
        keys = [p.key for panels in layers for p in panels]
        common = [k for k in dict.fromkeys(keys) if keys.count(k) == len(layers)]
        natural = tuple(common + [k for k in dict.fromkeys(keys) if k not in common])
        order = TWO_COLUMNS.get(phase)
        candidates = [natural]
        if order is not None and set(keys) <= set(order) and len(fit_columns(self._widths(layers, None), width)) <= 2:
            candidates.insert(0, order)
        for order in candidates:
            columns = fit_columns(self._widths(layers, order), width)
            if order is not natural and len(columns) != 2:
                continue
            n = len(columns)
            most = max(MIN_HEIGHT, room // 3) if compact else MAX_HEIGHT  # compact: three rows in view
            heights: list[int] = []
            for panels in layers:
                panels = sorted(panels, key=lambda p: order.index(p.key))
                own_line = self._own_lines(panels, columns)
                heights = grow(heights, [max(MIN_HEIGHT, min(p.layout.size(p.title, columns[i % n], own).height,
                                                             most))
                                         for i, (p, own) in enumerate(zip(panels, own_line))])
            grid = Grid(columns, heights, order, compact)
            if not compact or order is natural or self._height_of(grid) <= room:
                return grid
        return grid

    @staticmethod
    def _widths(layers: list[list[Panel]], order: tuple[str, ...] | None) -> list[int]:
        """Each slot as wide as the widest array any layer puts there."""
        widths: list[int] = []
        for panels in layers:
            if order is not None:
                panels = sorted(panels, key=lambda p: order.index(p.key))
            # Room for the readout on a line of its own, every digit of it (the one format of every panel).
            widths = grow(widths, [max(MIN_WIDTH, p.layout.width + 1, len(p.layout.heading(p.title)) + 2,
                                       p.layout.readout + 1) for p in panels])
        return widths

    @staticmethod
    def _own_lines(panels: list[Panel], columns: list[int]) -> list[bool]:
        """Which views put the readout on a line of its own: all of a row, when one needs it (rows stay level)."""
        n = len(columns)
        fits = [p.layout.readout_fits(p.title, columns[i % n]) for i, p in enumerate(panels)]
        return [not all(fits[i - i % n:i - i % n + n]) for i in range(len(panels))]

    def _height_of(self, grid: Grid) -> int:
        n = len(grid.columns)
        rows = [max(grid.heights[i:i + n]) for i in range(0, len(grid.heights), n)]
        return sum(rows) + grid.gap * (len(rows) - 1)

    def _panels(self, frame: Frame, step: Step | None, measure_only: bool = False,
                compact: bool = False) -> list[Panel]:
        """The step's panels (the viewed layer's parameters before it has one);
        ``measure_only`` leaves out what only drawing needs."""
        if step is None:
            return self._parameters(frame, self.selected_layer or 1, compact)
        return [Panel(key, as_matrix(step[key]), title(step, key),
                      None if measure_only else self._memoized(("change", key), step[key], lambda: self._change(step, key)),
                      self._plan(step[key], compact)) for key in shown(step)]

    def _parameters(self, frame: Frame, layer: int, compact: bool = False) -> list[Panel]:
        params = frame.network.layers[layer - 1]
        return [Panel(key, as_matrix(array), f"{key}{layer} now ({shape_text(array)})", None,
                      self._plan(array, compact))
                for key, array in (("W", params.W), ("b", params.b))]

    def _plan(self, array: np.ndarray, compact: bool) -> Layout:
        return self._memoized(("plan", self.mode, self.precision, compact), array,
                              lambda: plan(as_matrix(array), self.mode, self.precision, compact))

    def _memoized(self, what: tuple, array: np.ndarray, work):
        """``work()``, done once per read-only ``array`` and ``what`` while the batch lasts."""
        key = (*what, id(array))
        hit = self._memo.get(key)
        if hit is not None and hit[0] is array:
            return hit[1]
        result = work()
        if not array.flags.writeable:
            self._memo[key] = (array, result)
        return result

    def _selection_moved(self) -> None:
        """Place the cursors once the frame has arrived too: the screen sets the
        selection and then the frame, whose redraw places them on the new arrays."""
        self.call_later(self._place_cursors)

    def selected_slot(self) -> int | None:
        """The slot of the selection's array (the first shown for the default pick), None before a frame."""
        shown = self.shown()
        picked = [i for i in shown if self.drawings[i].array_name == self.selection.array]
        return (picked or shown or [None])[0]

    def copy_selected(self) -> None:
        """y where the grid has no focus: the selected cell, as the focused grid copies its own."""
        i = self.selected_slot()
        if i is not None:
            self.action_copy(i)

    def _place_cursors(self) -> None:
        for i in self.shown():
            self.move_cursor(i, *self.selection.cell(self.drawings[i].array_name), announce=False)

    def _fill(self, panels: list[Panel], own_line: list[bool], compact: bool) -> None:
        """Show each panel in its slot (placed by ``_arrange``, which repaints); spare slots stay blank."""
        for i, drawing in enumerate(self.drawings):
            if i < len(panels):
                key, array, text, delta, layout = panels[i]
                drawing.show(key, array, title=text, change=delta, precision=self.precision, mode=self.mode,
                             own_readout_line=own_line[i], cursor=self.selection.cell(key), compact=compact,
                             layout=layout)
            elif drawing.title:
                drawing.clear()

    def _arrange(self, grid: Grid, height: int) -> None:
        """The slots' regions: the grid's columns with a blank column between them, each row
        as tall as its tallest slot and the whole ``height`` tall (blank below the last row).
        Only a new height lays the screen out."""
        columns, heights = grid.columns, grid.heights
        n = len(columns)
        rows = [max(heights[i:i + n]) for i in range(0, len(heights), n)]
        rows[-1] += height - (sum(rows) + grid.gap * (len(rows) - 1))
        xs = [sum(columns[:c]) + c for c in range(n)]
        tops = [sum(rows[:r]) + grid.gap * r for r in range(len(rows))]
        self.place([Region(xs[i % n], tops[i // n], columns[i % n], rows[i // n]) for i in range(len(heights))],
                   self.size.width)
        if height != self._height:
            self._height = height
            self.refresh(layout=True)

    @staticmethod
    def _change(step, key: str):
        pair = CHANGE.get(key)
        return None if pair is None else change(step[pair[0]], step[pair[1]])
