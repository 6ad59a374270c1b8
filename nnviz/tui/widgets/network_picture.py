"""The network as a graph, as plain cells: what ``NetworkView`` draws.

Neurons are nodes, weights are braille edges between them, input on the
left, the loss on the right. What lights up follows the batch's steps, so
that stepping through a batch shows a wave: forward, the edges into the
current layer; backward, each layer's dz as it arrives from the right and
its edges by dW; update, each edge by |Δw| as the update reaches its layer.
Layers the current phase has not reached yet are dim. Under each weight
matrix, a bar gives ‖dW‖ on a log scale shared by the layers.

A pure function of the Frame and the room: the widget only turns the cells
into strips. All math (ranking, scales) comes from engine.summary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

from ...engine.summary import log_scale, norm, relative, top_k
from ...textfmt import number
from ..frame import Frame, Selection
from .braille import Braille
from .status import ARROWS

DECADES = 6  # the ‖dW‖ bars span this many decades below the largest
MIN_GAP, MAX_GAP = 2, 12  # columns of edges between two layers
EDGES_PER_NODE = 3  # at most this many edges per node of the wider column are drawn
WEAKEST = 0.1  # edges below this share of their matrix's largest are not drawn
LOSS_NAMES = {"binary_cross_entropy": "BCE", "cross_entropy": "CE", "mse": "MSE", "sse": "SSE",
              "half_sse": "½SSE"}
BLOCKS = " ▏▎▍▌▋▊▉█"

# Styles by name; the widget maps them to colours. Edges and nodes: "+3" is
# positive at strength 3 of 1..3, "-1" negative and weak, "d3" a |Δw|.
DIM, TEXT, HEADER, CURRENT, BAR = "dim", "text", "header", "current", "bar"
SELECTED, PICKED_EDGE = "selected", "picked"  # the selected neuron, and its selected weight


class Target(NamedTuple):
    """What a cell shows: a neuron (``col`` None), a weight W_l[row, col], or a layer's header.
    (A tuple: a picture makes hundreds of them.)"""

    kind: str  # 'neuron', 'weight', 'layer'
    layer: int  # 0 for the input, L + 1 for the loss
    row: int = 0
    col: int | None = None


@dataclass
class Picture:
    width: int
    height: int
    chars: list[list[str]] = field(default_factory=list)
    styles: list[list[str | None]] = field(default_factory=list)
    clipped: bool = False  # some text fell outside: the room was too small for it

    def __post_init__(self) -> None:
        self.chars = [[" "] * self.width for _ in range(self.height)]
        self.styles = [[None] * self.width for _ in range(self.height)]
        self._spans: list[tuple[int, int, int, Target]] = []  # (y, first x, end x, target), as aimed
        self._targets: dict[tuple[int, int], Target] | None = None  # made from the spans when first asked

    def put(self, x: int, y: int, text: str, style: str | None, target: Target | None = None) -> None:
        start, end = max(x, 0), min(x + len(text), self.width)
        if not 0 <= y < self.height:
            start = end = x
        if text[:start - x].strip() or text[max(end - x, 0):].strip():
            self.clipped = True
        if end > start:
            self.chars[y][start:end] = text[start - x:end - x]
            self.styles[y][start:end] = [style] * (end - start)
            if target is not None:
                self.aim(y, start, end, target)

    def aim(self, y: int, start: int, end: int, target: Target) -> None:
        """The cells start..end-1 of row y show ``target`` (a click there picks it)."""
        self._spans.append((y, start, end, target))
        self._targets = None

    @property
    def targets(self) -> dict[tuple[int, int], Target]:
        """(x, y) -> what the cell shows, the last drawn on top (made when a click or a test asks)."""
        if self._targets is None:
            self._targets = {(x, y): target for y, start, end, target in self._spans for x in range(start, end)}
        return self._targets

    @property
    def lines(self) -> list[str]:
        return ["".join(row).rstrip() for row in self.chars]


@dataclass(frozen=True)
class Column:
    """One column of nodes: the input, a layer, or the loss."""

    layer: int
    size: int  # neurons
    header: tuple[str, ...]  # longest first: the first that fits is shown
    values: np.ndarray | None  # one per neuron (of one example), None before they are computed
    kind: str  # what the values are: 'x', 'a', 'dz', 'L'
    state: str  # 'dim' (not reached), 'done', 'lit' (the current step's)


def _example(step, key: str, k: int) -> np.ndarray:
    array = np.atleast_2d(step[key])
    return array[:, min(k, array.shape[1] - 1)]


def _state(layer: int, phase: str | None, current: int | None, depth: int) -> str:
    """'lit' for the current step's layer, 'done' for the layers its phase has reached, else 'dim'."""
    if phase is None:
        return "dim"
    if phase == "loss":
        return "lit" if layer == depth + 1 else "done"
    if layer == current:
        return "lit"
    if phase == "forward":
        return "done" if layer < current else "dim"
    return "done" if layer > current else "dim"  # backward and update travel from the right


def columns(frame: Frame, example: int = 0) -> list[Column]:
    """The input, layers 1..L and the loss, with the values the current phase shows:
    x; a in the forward phase; dz once the backward phase reached a layer; L."""
    position = frame.position
    phase, current = (position.phase, position.layer) if position else (None, None)
    depth = len(frame.network.layers)
    x = None if frame.inputs is None else frame.inputs[:, min(example, frame.inputs.shape[1] - 1)]
    cols = [Column(0, frame.sizes[0], (f"x ({frame.sizes[0]} in)", "x"), x, "x", "dim" if x is None else "done")]
    for l, layer in enumerate(frame.network.layers, start=1):
        kind, values = "a", None
        forward, backward = frame.last("forward", l), frame.last("backward", l)
        if phase in ("backward", "update") and backward is not None:
            kind, values = "dz", _example(backward, "dZ", example)
        elif forward is not None:
            values = _example(forward, "A", example)
        sym = layer.activation.symbol
        header = (f"layer {l} ({layer.n_out} {sym})", f"layer {l} {sym}", f"layer {l}", f"{l} {sym}", f"{l}")
        cols.append(Column(l, layer.n_out, header, values, kind, _state(l, phase, current, depth)))
    loss = frame.last("loss", None)
    name = LOSS_NAMES.get(frame.loss_name, frame.loss_name)
    cols.append(Column(depth + 1, 1, (f"loss {name}", "loss", "L"),
                       None if loss is None else np.atleast_1d(loss["loss"]), "L",
                       _state(depth + 1, phase, current, depth)))
    return cols


@dataclass(frozen=True)
class Edges:
    """The weights between two columns, as the phase shades them."""

    kind: str  # 'W', 'dW', 'Δw', or 'loss' (output to loss)
    values: np.ndarray  # (n_out, n_in)
    state: str


def edges(frame: Frame, cols: list[Column]) -> list[Edges]:
    """W_l by sign and size; dW_l once its backward step is taken; |η·dW_l| once updated."""
    phase = frame.position.phase if frame.position else None
    out = []
    for l, layer in enumerate(frame.network.layers, start=1):
        backward, update = frame.last("backward", l), frame.last("update", l)
        state = cols[l].state  # an edge is lit, done or dim with the layer it leads into
        if phase == "update" and update is not None:
            out.append(Edges("Δw", np.abs(update["eta_dW"]), state))
        elif phase in ("backward", "update") and backward is not None:
            out.append(Edges("dW", backward["dW"], state))
        else:
            out.append(Edges("W", layer.W, state))
    out.append(Edges("loss", np.ones((1, cols[-2].size)), cols[-1].state))
    return out


def grad_norms(frame: Frame) -> list[float | None]:
    """‖dW_l‖ for l = 1..L, None for a layer whose backward step this batch has not taken."""
    steps = [frame.last("backward", l) for l in range(1, len(frame.network.layers) + 1)]
    return [None if step is None else norm(step["dW"]) for step in steps]


def _rows(n: int, room: int) -> list[int]:
    """Rows (0..room-1) for n nodes, spread evenly."""
    return [int((i + 0.5) * room / n) for i in range(n)]


def _strength(share: float) -> int:
    return 3 if share >= 0.6 else 2 if share >= 0.3 else 1


def _shown(col: Column, room: int, selected: int | None) -> tuple[np.ndarray, int]:
    """Which neurons of ``col`` get a node (the top ones by |value| when they do not
    all fit; the selected one always), and how many are left out."""
    if col.size <= room:
        return np.arange(col.size), 0
    k = max(room - 1, 1)
    shown = top_k(col.values, k) if col.values is not None else np.arange(k)
    if selected is not None and selected not in shown:
        shown = np.sort(np.append(shown[:-1], selected))
    return shown, col.size - k


class Drawing:
    """Lays out the columns in ``width`` × ``height`` and draws them into a Picture."""

    def __init__(self, frame: Frame, width: int, height: int, precision: int,
                 selection: Selection | None, selected_layer: int | None) -> None:
        self.frame, self.precision = frame, precision
        self.selection, self.selected_layer = selection, selected_layer
        self.example = selection.example if selection is not None else 0
        self.cols = columns(frame, self.example)
        self.edges = edges(frame, self.cols)
        self.norms = grad_norms(frame)
        self.picture = Picture(max(width, 1), max(height, 1))
        self.depth = len(self.cols) - 2

    # ---- layout --------------------------------------------------------
    def _texts(self, col: Column, shown: np.ndarray) -> list[str]:
        """The value written at each shown node ('' before the values are computed)."""
        if col.values is None:
            return [""] * len(shown)
        return [number(col.values[i], self.precision) for i in shown]

    def _focus(self) -> set[int]:
        """The columns that keep their numbers when not all of them fit."""
        position = self.frame.position
        focus = {self.depth + 1}
        if position is not None:
            focus.add(self.depth if position.layer is None else position.layer)
        if self.selected_layer is not None:
            focus.add(self.selected_layer)
        if self.selection is not None:
            focus.add(self.selection.layer)
        return focus

    def _selected_neuron(self, layer: int) -> int | None:
        """The neuron of ``layer`` the selection is at or leads to (its weight joins two)."""
        sel = self.selection
        if sel is None:
            return None
        return sel.row if sel.layer == layer else sel.col if sel.layer - 1 == layer else None

    def layout(self, room: int) -> None:
        """Choose which columns show numbers, and the gap, for the width."""
        self.room = room
        self.shown = []
        for col in self.cols:
            self.shown.append(_shown(col, room, self._selected_neuron(col.layer)))
        width, n = self.picture.width, len(self.cols)
        every = [self._texts(col, shown) for col, (shown, _) in zip(self.cols, self.shown)]  # made once
        for keep in (set(range(n)), self._focus(), {n - 1}, set()):
            self.texts = [texts if col.layer in keep else [""] * len(texts) for col, texts in zip(self.cols, every)]
            self.text_widths = [max(map(len, texts), default=0) + bool(any(texts)) for texts in self.texts]
            self.text_widths[-1] = max(self.text_widths[-1], self.precision + 3)  # the loss, before it is known
            self.numbers = keep
            used = sum(1 + w for w in self.text_widths)
            gap = (width - used) // (n - 1)
            if gap >= MIN_GAP:
                break
        self.gap = int(np.clip(gap, MIN_GAP, MAX_GAP))
        self.xs, x = [], 0
        for w in self.text_widths:
            self.xs.append(x)
            x += 1 + w + self.gap

    def span(self, c: int) -> int:
        """Columns from column c's node to the next column's node (or the right edge)."""
        return (self.xs[c + 1] if c + 1 < len(self.xs) else self.picture.width) - self.xs[c]

    # ---- drawing -------------------------------------------------------
    def draw(self) -> Picture:
        p = self.picture
        legend = self.legend_lines()
        room = max(p.height - 2, 1)  # a header row above the nodes, a bar row below
        tallest = max(c.size for c in self.cols)
        # Every node first, then legend lines; a summarized layer leaves a third to its legend.
        keep = min(len(legend), max(room - tallest, 0) if tallest <= room else room // 3)
        self.layout(max(room - keep, 1))
        self.node_rows = [_rows(len(shown) + bool(more), self.room) for shown, more in self.shown]
        self.draw_headers()
        canvas = Braille()
        for c in range(len(self.cols) - 1):
            self.draw_edges(c, canvas)
        canvas.paint(p)
        for c in range(len(self.cols)):
            self.draw_nodes(c)
        self.draw_bars(1 + self.room)
        y = 2 + self.room
        for candidates in legend[:keep]:
            fitting = [text for text in candidates if len(text) <= p.width]
            if fitting and y < p.height:
                p.put(0, y, fitting[0], DIM)
                y += 1
        return p

    def draw_headers(self) -> None:
        position = self.frame.position
        for c, col in enumerate(self.cols):
            room = self.span(c) - 1
            arrow = ""
            if col.state == "lit" and position is not None:
                arrow = ARROWS[position.phase] + " "
            text = next((arrow + h for h in col.header if len(arrow + h) <= room),
                        next((h for h in col.header if len(h) <= room), col.header[-1]))
            style = CURRENT if col.state == "lit" else (DIM if col.state == "dim" else HEADER)
            if col.layer == self.selected_layer:
                style += " underline"
            self.picture.put(self.xs[c], 0, text, style, Target("layer", col.layer))

    def node_style(self, col: Column, value: float | None, share: float) -> str:
        if col.state == "dim" or value is None:
            return DIM
        sign = "-" if value < 0 else "+"
        lit = " bold" if col.state == "lit" else ""
        return f"{sign}{_strength(share)}{lit}"

    def draw_nodes(self, c: int) -> None:
        col, (shown, more) = self.cols[c], self.shown[c]
        rows = self.node_rows[c]
        shares = relative(col.values) if col.values is not None else None
        for i, neuron in enumerate(shown):
            value = None if col.values is None else float(col.values[neuron])
            y = 1 + rows[i]
            style = self.node_style(col, value, 0.0 if shares is None else float(shares[neuron]))
            target = Target("neuron", col.layer, int(neuron))
            selected = self.selection is not None and (self.selection.layer, self.selection.row) == (col.layer, neuron)
            glyph = "○" if value is None else ("▲" if value > 0 else "▼" if value < 0 else "●")
            if col.kind == "L" and value is not None:
                glyph = "◆"
            self.picture.put(self.xs[c], y, glyph, SELECTED if selected else style, target)
            text = self.texts[c][i]
            if text:
                self.picture.put(self.xs[c] + 1, y, text, SELECTED if selected else
                                 (DIM if col.state == "dim" else TEXT), target)
        if more:
            band = next(t for t in (f"+{more} more", f"+{more}") if len(t) <= self.span(c) - 1 or t[-1].isdigit())
            self.picture.put(self.xs[c], 1 + rows[-1], band, DIM)

    def draw_edges(self, c: int, canvas: Braille) -> None:
        """The edges from column c to column c+1 onto ``canvas``, weakest first so the strongest own their cells."""
        e, (src, _), (dst, _) = self.edges[c], self.shown[c], self.shown[c + 1]
        x0 = self.xs[c] + 1 + self.text_widths[c]
        x1 = self.xs[c + 1] - 1
        if x1 < x0:
            return
        values = e.values[np.ix_(dst, src)]
        shares = relative(values)
        layer, width = c + 1, x1 - x0 + 1
        rows0, rows1 = self.node_rows[c], self.node_rows[c + 1]
        picked = self.selection.weight if self.selection is not None and e.kind != "loss" else None
        order = np.argsort(shares, axis=None, kind="stable")
        order = order[-EDGES_PER_NODE * max(len(src), len(dst)):].tolist()  # the strongest: a mesh too dense reads as noise
        flat_values, flat_shares = values.ravel().tolist(), shares.ravel().tolist()  # plain floats: the loop reads each
        n_src = len(src)
        selected = None
        for flat in order:
            j, i = divmod(flat, n_src)
            if picked is not None and (layer, int(dst[j]), int(src[i])) == picked:
                selected = (i, j)
                continue
            share, value = flat_shares[flat], flat_values[flat]
            if share < WEAKEST and e.kind != "loss":
                continue
            strength = _strength(share)
            pattern = (1, 1, 0) if value < 0 and e.kind in ("W", "dW") else (1,)  # − dashed
            if strength == 1 or e.state == "dim":  # faint, or not reached yet: dotted
                pattern = (1, 0, 0, 0) if e.state == "dim" else (1, 0, 0)
            target = Target("weight", layer, int(dst[j]), int(src[i])) if e.kind != "loss" else None
            canvas.line(x0, width, rows0[i], rows1[j], pattern, self.edge_style(e, value, strength), target)
        if selected is not None:
            i, j = selected
            canvas.line(x0, width, rows0[i], rows1[j], (1,), PICKED_EDGE, Target("weight", layer, *picked[1:]))

    @staticmethod
    def edge_style(e: Edges, value: float, strength: int) -> str:
        if e.state == "dim":
            return DIM
        lit = " bold" if e.state == "lit" else ""
        if e.kind == "loss":
            return ("+3" if e.state == "lit" else TEXT) + lit
        if e.kind == "Δw":
            return f"d{strength}{lit}"
        return f"{'-' if value < 0 else '+'}{strength}{lit}"

    def draw_bars(self, y: int) -> None:
        """‖dW_l‖ under the edges of W_l, one log scale for every layer."""
        places = log_scale(self.norms, DECADES)
        right = self.xs[-1]  # the bar row is free under the loss
        label = next((t for t in ("‖dW‖ log", "‖dW‖") if right + len(t) <= self.picture.width), "")
        self.picture.put(right, y, label, DIM)
        for l, place in enumerate(places, start=1):
            x0 = self.xs[l - 1] + 1 + self.text_widths[l - 1]
            width = self.xs[l] - x0
            if place is None or width < 1:
                continue
            eighths = max(int(round(place * width * 8)), 1)
            bar = "█" * (eighths // 8) + (BLOCKS[eighths % 8] if eighths % 8 else "")
            self.picture.put(x0, y, bar, BAR if self.cols[l].state != "dim" else DIM, Target("layer", l))

    def legend_lines(self) -> list[tuple[str, ...]]:
        """What the picture shows, most needed first; each line longest wording first."""
        frame, cols = self.frame, self.cols
        m = frame.inputs.shape[1] if frame.inputs is not None else None
        example = f"example {min(self.example, m - 1) + 1} of {m}" if m else "no batch yet"
        kinds = [c.kind for c in cols[1:-1] if c.values is not None and c.state != "dim"]
        what = {"a": "a", "dz": "dz ← from the right"}
        nodes = ", ".join(dict.fromkeys(what[k] for k in kinds)) or "values as the steps compute them"
        lines = []
        if any(c.size > self.picture.height - 2 for c in cols):
            lines.append(("wide layers: the nodes of largest |value|, + n more", "wide layers: top |value|, +n more",
                          "top |value| shown"))
        lines.append((f"nodes: {nodes}, {example}; ▲ + ▼ −", f"nodes: {nodes}, {example}",
                      f"{nodes}, {example}", example))
        top = max((v for v in self.norms if v is not None), default=None)
        if top is not None:
            lines.append((f"bars: ‖dW‖ on a log scale, full = {number(top, 3)}, {DECADES} decades",
                          f"bars: ‖dW‖, log scale, full = {number(top, 3)}", "bars: ‖dW‖, log scale"))
        kinds = [e.kind for e in self.edges[:-1] if e.state != "dim"] or ["W"]
        about = ", ".join(dict.fromkeys({"W": "W", "dW": "dW", "Δw": "|Δw|"}[k] for k in kinds))
        signs = "amber, brighter = larger" if set(kinds) == {"Δw"} else "blue +, red − (dashed)"
        lines.append((f"edges: {about}; {signs}; faint ones not drawn", f"edges: {about}; {signs}",
                      f"edges: {about}"))
        return lines


def draw(frame: Frame, width: int, height: int, precision: int = 3, selection: Selection | None = None,
         selected_layer: int | None = None) -> Picture:
    """The graph of ``frame`` in ``width`` × ``height`` cells."""
    return Drawing(frame, width, height, precision, selection, selected_layer).draw()
