"""The network drawn left to right: input, each layer, the loss.

Small networks (every layer up to ``SMALL`` neurons) show each neuron with
its value for the batch's first example; bigger ones show each layer's
value range. The values follow the step: activations a in the forward
phase, gradients dz as they travel back, new biases b as the updates do.
The current layer is highlighted with → (forward) or ← (backward, update).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from ...engine.summary import value_range
from ..frame import Frame
from .status import ARROWS

SMALL = 12
LOSS_NAMES = {"binary_cross_entropy": "BCE", "cross_entropy": "CE", "mse": "MSE", "sse": "SSE",
              "half_sse": "½SSE"}
MEANINGS = {"x": "input", "a": "activation", "dz": "gradient dZ", "b": "bias after update"}


@dataclass(frozen=True)
class Column:
    layer: int  # 0 for the input, L + 1 for the loss
    header: str
    activation: str
    kind: str  # what ``values`` are: x, a, dz, b ('' when not computed yet)
    values: np.ndarray | None  # one value per neuron


def number(value: float, precision: int) -> str:
    """Fixed point for ordinary magnitudes, scientific for huge or tiny ones."""
    if not np.isfinite(value):
        return str(value)
    if value != 0 and not 10 ** -precision <= abs(value) < 1e5:
        return f"{value:.{max(precision - 1, 1)}e}"
    return f"{value:.{precision}f}"


def _example(step, key: str) -> np.ndarray:
    return np.atleast_2d(step[key])[:, 0]


def columns(frame: Frame) -> list[Column]:
    """Input, layers 1..L and the loss, with the values the current phase shows."""
    phase = frame.position.phase if frame.position else "forward"
    cols = [Column(0, f"x ({frame.sizes[0]})", "input", "x",
                   None if frame.inputs is None else frame.inputs[:, 0])]
    for l, layer in enumerate(frame.network.layers, start=1):
        kind, values = "", None
        forward, backward = frame.last("forward", l), frame.last("backward", l)
        update = frame.last("update", l)
        if phase == "update" and update is not None:
            kind, values = "b", _example(update, "b_new")
        elif phase in ("backward", "update") and backward is not None:
            kind, values = "dz", _example(backward, "dZ")
        elif forward is not None:
            kind, values = "a", _example(forward, "A")
        cols.append(Column(l, f"layer {l} ({layer.n_out})", layer.activation.name, kind, values))
    loss = frame.last("loss", None)
    cols.append(Column(len(cols), "loss", LOSS_NAMES.get(frame.loss_name, frame.loss_name), "L",
                       None if loss is None else np.atleast_1d(loss["loss"])))
    return cols


class NetworkView(Widget):
    """Layers left to right. Click a layer to view it (posts ``LayerSelected``)."""

    DEFAULT_CSS = "NetworkView { height: auto; width: auto; }"

    frame: reactive[Frame | None] = reactive(None, layout=True)
    selected_layer: reactive[int | None] = reactive(None)
    precision: reactive[int] = reactive(3)

    @dataclass
    class LayerSelected(Message):
        layer: int

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._spans: list[tuple[int, int, int]] = []  # (x0, x1, layer) of each column

    def render(self) -> Text:
        frame = self.frame
        if frame is None:
            return Text()
        cols = columns(frame)
        small = max(frame.sizes) <= SMALL
        current = frame.position.layer if frame.position else None
        phase = frame.position.phase if frame.position else None
        cells = [self._cells(col, small) for col in cols]
        widths = [max(len(c) for c in col_cells) + 2 for col_cells in cells]
        height = max(len(c) for c in cells)
        self._spans, x = [], 0
        for col, width in zip(cols, widths):
            self._spans.append((x, x + width, col.layer))
            x += width + 1
        text = Text(no_wrap=True)
        for row in range(height):
            for i, (col, col_cells, width) in enumerate(zip(cols, cells, widths)):
                cell = col_cells[row] if row < len(col_cells) else ""
                is_current = (col.layer == current and 0 < col.layer <= len(cols) - 2) or (
                    phase == "loss" and col.layer == len(cols) - 1)
                style = self._style(col, row, is_current)
                if row == 0 and is_current:
                    cell = f"{ARROWS[phase]} {cell}"
                text.append(f" {cell:<{width - 1}}" if row < 2 else f" {cell:>{width - 2}} ", style=style)
                if i < len(cols) - 1:
                    text.append(" ")
            text.append("\n")
        text.append(self._legend(cols, frame), style="dim")
        return text

    def _cells(self, col: Column, small: bool) -> list[str]:
        cells = [col.header, col.activation]
        if col.values is None:
            return cells + ["·"]
        if small or col.kind == "L":
            return cells + [number(float(v), self.precision) for v in col.values]
        bounds = value_range(col.values)
        if bounds is None:
            return cells + ["non-finite"]
        return cells + [f"{col.kind} min {number(bounds[0], self.precision)}",
                        f"{col.kind} max {number(bounds[1], self.precision)}"]

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
    def _legend(cols: list[Column], frame: Frame) -> str:
        kinds = [c.kind for c in cols if c.kind in MEANINGS and c.values is not None]
        if not kinds:
            return "values appear as the steps compute them"
        m = frame.inputs.shape[1] if frame.inputs is not None else 1
        shown = ", ".join(f"{k} = {MEANINGS[k]}" for k in dict.fromkeys(kinds))
        return f"example 1 of {m}: {shown}"

    def on_click(self, event: events.Click) -> None:
        for x0, x1, layer in self._spans:
            if x0 <= event.x < x1 and 1 <= layer < len(self._spans) - 1:
                self.post_message(self.LayerSelected(layer))
