"""The network drawn left to right: input, each layer, the loss.

Small networks (every layer up to ``SMALL`` neurons) show each neuron with
its value for the batch's first example; bigger ones show each layer's
value range. The values follow the step: activations a in the forward
phase, gradients dz as they travel back, new biases b as the updates do.
The current layer is highlighted with → (forward) or ← (backward, update).

The view keeps the largest size it has needed (until the precision changes),
so a step repaints it without laying the screen out again.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from ...engine.summary import value_range
from ..frame import Frame
from .status import ARROWS

SMALL = 12
GAP = 2  # spaces between columns
LOSS_NAMES = {"binary_cross_entropy": "BCE", "cross_entropy": "CE", "mse": "MSE", "sse": "SSE",
              "half_sse": "½SSE"}
MEANINGS = {"x": "input", "a": "activation", "dz": "gradient dZ", "b": "bias after update"}


@dataclass(frozen=True)
class Column:
    layer: int  # 0 for the input, L + 1 for the loss
    name: str  # 'x', 'layer 2', 'loss'
    kind: str  # what ``values`` are: x, a, dz, b, L ('' before they are computed)
    about: str  # size and activation: '4 σ', '10 softmax', 'BCE'
    values: np.ndarray | None  # one value per neuron, for the batch's first example


def number(value: float, precision: int) -> str:
    """Fixed point for ordinary magnitudes, scientific for huge or tiny ones."""
    if not np.isfinite(value):
        return str(value)
    if value != 0 and not 10 ** -precision <= abs(value) < 1e5:
        return f"{value:.{max(precision - 1, 1)}e}"
    return f"{value:.{precision}f}"


def _first_example(step, key: str) -> np.ndarray:
    return np.atleast_2d(step[key])[:, 0]


def columns(frame: Frame) -> list[Column]:
    """Input, layers 1..L and the loss, with the values the current phase shows."""
    phase = frame.position.phase if frame.position else "forward"
    inputs = None if frame.inputs is None else frame.inputs[:, 0]
    cols = [Column(0, "x", "x", f"{frame.sizes[0]} in", inputs)]
    for l, layer in enumerate(frame.network.layers, start=1):
        kind, values = "", None
        forward, backward = frame.last("forward", l), frame.last("backward", l)
        update = frame.last("update", l)
        if phase == "update" and update is not None:
            kind, values = "b", _first_example(update, "b_new")
        elif phase in ("backward", "update") and backward is not None:
            kind, values = "dz", _first_example(backward, "dZ")
        elif forward is not None:
            kind, values = "a", _first_example(forward, "A")
        cols.append(Column(l, f"layer {l}", kind, f"{layer.n_out} {layer.activation.symbol}", values))
    loss = frame.last("loss", None)
    cols.append(Column(len(cols), "loss", "L", LOSS_NAMES.get(frame.loss_name, frame.loss_name),
                       None if loss is None else np.atleast_1d(loss["loss"])))
    return cols


class NetworkView(Widget):
    """Layers left to right. Click a layer to view it (posts ``LayerSelected``)."""

    DEFAULT_CSS = "NetworkView { height: auto; width: auto; }"

    # Each change goes through _redraw, which repaints (and lays out only if the size grew).
    frame: reactive[Frame | None] = reactive(None, repaint=False)
    selected_layer: reactive[int | None] = reactive(None, repaint=False)
    precision: reactive[int] = reactive(3, repaint=False)

    @dataclass
    class LayerSelected(Message):
        layer: int

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._spans: list[tuple[int, int, int]] = []  # (x0, x1, layer) of each column
        self._drawn: tuple[object, list[Text]] = (None, [])  # the lines, and what they were drawn from
        self._room = Size(0, 0)  # the most room the lines have needed

    def _redraw(self) -> None:
        """Repaint; lay out again only when the table needs more room than ever before."""
        width, height = self._size_of(self._lines())
        room = Size(max(width, self._room.width), max(height, self._room.height))
        self.refresh(layout=room != self._room)
        self._room = room

    watch_frame = watch_selected_layer = _redraw

    def watch_precision(self) -> None:
        self._room = Size(0, 0)  # numbers of another width: measure again
        self._redraw()

    @staticmethod
    def _size_of(lines: list[Text]) -> tuple[int, int]:
        return max((len(line) for line in lines), default=0), len(lines)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return max(self._size_of(self._lines())[0], self._room.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(len(self._lines()), self._room.height)

    def render(self) -> Text:
        return Text("\n").join(self._lines())

    def _lines(self) -> list[Text]:
        """The table's lines, drawn again only when what they show changed."""
        key = (self.frame, self.precision, self.selected_layer)
        if self._drawn[0] != key:
            self._drawn = (key, self._draw())
        return self._drawn[1]

    def _draw(self) -> list[Text]:
        frame = self.frame
        if frame is None:
            return []
        cols = columns(frame)
        small = max(frame.sizes) <= SMALL
        position = frame.position
        current = None
        if position is not None:
            current = len(cols) - 1 if position.phase == "loss" else position.layer
        cells = [self._cells(col, small, col.layer == current and position.phase) for col in cols]
        widths = [max(len(cell) for cell in col_cells) for col_cells in cells]
        height = max(len(col_cells) for col_cells in cells)
        self._spans, x = [], 0
        for col, width in zip(cols, widths):
            self._spans.append((x, x + width, col.layer))
            x += width + GAP
        lines = []
        for row in range(height):
            line = Text(no_wrap=True)
            for col, col_cells, width in zip(cols, cells, widths):
                cell = col_cells[row] if row < len(col_cells) else ""
                cell = cell.ljust(width) if row < 2 else cell.rjust(width)
                line.append(cell, style=self._style(col, row, col.layer == current))
                line.append(" " * GAP)
            lines.append(line)
        lines += [Text(legend, style="dim", no_wrap=True) for legend in self._legend(cols, frame, small)]
        return lines

    def _cells(self, col: Column, small: bool, phase: str | None) -> list[str]:
        name = f"{ARROWS[phase]} {col.name}" if phase else col.name
        cells = [name, col.about]
        if col.values is None:
            return cells + ["·"]
        if small or col.kind == "L":
            return cells + [number(float(v), self.precision) for v in col.values]
        bounds = value_range(col.values)
        if bounds is None:
            return cells + ["NaN/Inf"]
        return cells + [number(bound, self.precision) for bound in bounds]

    def _style(self, col: Column, row: int, is_current: bool) -> str:
        style = ""
        if is_current:
            style = "bold reverse" if row == 0 else "bold"
        if row == 0 and col.layer == self.selected_layer:
            style += " underline"
        if row == 1:
            style += " italic"
        return style.strip()

    @staticmethod
    def _legend(cols: list[Column], frame: Frame, small: bool) -> list[str]:
        """What the numbers are: which example, and what each kind of value means."""
        kinds = [c.kind for c in cols if c.kind in MEANINGS and c.values is not None]
        if not kinds:
            return ["values appear as the steps compute them"]
        m = frame.inputs.shape[1] if frame.inputs is not None else 1
        what = [f"example 1 of {m}"] if small else ["min and max over the neurons,", f"example 1 of {m}"]
        return what + [f"{k}: {MEANINGS[k]}" for k in dict.fromkeys(kinds)]

    def on_click(self, event: events.Click) -> None:
        for x0, x1, layer in self._spans:
            if x0 <= event.x < x1 and 1 <= layer < len(self._spans) - 1:
                self.post_message(self.LayerSelected(layer))
