"""A BoundaryGrid drawn as terminal cells, with the training points on top.

Colour: each character is two grid rows, the upper as the foreground of
"▀" and the lower as its background, so a W × H area shows a W × 2H grid.
A region takes its class's colour, fainter where the model is less sure;
a point is its class's glyph in a lighter shade of the class colour, so a
misclassified point stands out against the other class's region.

Plain (no colour): one shade character per cell, " ░▒▓█" from class 0 (or
low output) to class 1 (high output), and the same glyphs for the points,
so a capture without colour still shows where the boundary runs.
"""

from __future__ import annotations

import numpy as np
from rich.text import Span, Text

from ..engine.boundary import BoundaryGrid
from ..engine.summary import value_range
from ..textfmt import number
from .colors import HIGH, LOW, NEUTRAL, blend, bright, cell_style, class_color

LEVELS = 10  # confidence steps per class: few enough that cells share styles and runs stay long
SHADES = " ░▒▓█"
NOTHING = "?"  # a cell where ŷ is NaN: no prediction, drawn neutral
GLYPHS = "ox+*#@%&=~"  # the glyph of class k is GLYPHS[k]; "•" for regression points
HALF = "▀"


def glyph(k: int | None) -> str:
    return "•" if k is None else GLYPHS[k % len(GLYPHS)]


def unit_output(grid: BoundaryGrid) -> np.ndarray:
    """A regression grid's outputs (rows, cols) scaled to [0, 1] over their finite range:
    0 where the output is flat; NaN stays NaN, and ±Inf falls outside [0, 1]."""
    span = value_range(grid.values)
    if span is None or span[1] <= span[0]:
        return np.zeros_like(grid.values)
    low, high = span
    return (grid.values - low) / (high - low)


def _levels(grid: BoundaryGrid) -> tuple[np.ndarray, list]:
    """(rows, cols) palette index per grid cell, and the palette of RGB colours."""
    if grid.kind == "output":
        steps = 2 * LEVELS
        index = np.clip(np.nan_to_num(unit_output(grid)) * steps, 0, steps - 1).astype(np.int64)
        return index, [blend(LOW, HIGH, i / (steps - 1)) for i in range(steps)]
    if grid.kind == "sigmoid":
        sure = np.abs(2.0 * grid.values - 1.0)  # 0 on the boundary, 1 at ŷ = 0 or 1
    else:
        chance = 1.0 / grid.n_classes
        sure = (grid.values - chance) / (1.0 - chance)
    level = np.clip(np.nan_to_num(sure) * LEVELS, 0, LEVELS - 1).astype(np.int64)
    palette = [blend(NEUTRAL, class_color(k), 0.3 + 0.6 * i / (LEVELS - 1))
               for k in range(grid.n_classes) for i in range(LEVELS)]
    # no prediction (NaN) takes the neutral colour, not class 0's
    return np.where(grid.classes < 0, len(palette), grid.classes * LEVELS + level), palette + [NEUTRAL]


def point_cells(grid: BoundaryGrid, X: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(m,) grid row and column of each point of X (2, m), and (m,) whether it lies inside the frame."""
    b = grid.bounds
    rows, cols = grid.shape
    col = np.floor((X[0] - b.x1_min) / (b.x1_max - b.x1_min) * cols)
    row = np.floor((b.x2_max - X[1]) / (b.x2_max - b.x2_min) * rows)
    inside = (col >= 0) & (col < cols) & (row >= 0) & (row < rows)
    return (np.clip(row, 0, rows - 1).astype(np.int64), np.clip(col, 0, cols - 1).astype(np.int64), inside)


def boundary_text(grid: BoundaryGrid, X: np.ndarray | None = None, labels: np.ndarray | None = None,
                  color: bool = True) -> Text:
    """The grid (rows, cols) as cols × ceil(rows / 2) characters, with the
    points X (2, m) on top, marked by the glyph of their class in ``labels`` (m,)."""
    rows, cols = grid.shape
    height = (rows + 1) // 2
    points: dict[tuple[int, int], tuple[int, int | None]] = {}
    if X is not None and X.shape[1]:
        r, c, inside = point_cells(grid, X)
        for i in np.flatnonzero(inside):  # later points win a shared cell
            points[(r[i] // 2, c[i])] = (r[i], None if labels is None else int(labels[i]))
    if color:
        return _colored(grid, points, height)
    return _plain(grid, points, height)


def _plain(grid: BoundaryGrid, points, height: int) -> Text:
    rows, cols = grid.shape
    if grid.kind == "softmax":
        # one shade per class while there are shades enough, else the class digit
        marks = SHADES if grid.n_classes <= len(SHADES) else "0123456789"
        shade = np.array(list(marks))[grid.classes % len(marks)]
    else:
        values = unit_output(grid) if grid.kind == "output" else grid.values
        index = np.clip(np.nan_to_num(values) * len(SHADES), 0, len(SHADES) - 1).astype(np.int64)
        shade = np.array(list(SHADES))[index]
    shade = np.where(np.isnan(grid.values), NOTHING, shade)
    lines = []
    for y in range(height):
        row = list(shade[min(2 * y, rows - 1)])
        for x in range(cols):
            if (y, x) in points:
                row[x] = glyph(points[(y, x)][1])
        lines.append("".join(row))
    return Text("\n".join(lines), no_wrap=True, overflow="crop")


def _colored(grid: BoundaryGrid, points, height: int) -> Text:
    rows, cols = grid.shape
    index, palette = _levels(grid)
    lines: list[str] = []
    spans: list[Span] = []
    offset = 0
    for y in range(height):
        top = index[2 * y]
        bottom = index[2 * y + 1] if 2 * y + 1 < rows else top
        chars: list[str] = []
        run_start, run_key = 0, None
        for x in range(cols):
            point = points.get((y, x))
            if point is None:
                key = (int(top[x]), int(bottom[x]))
                chars.append(HALF)
            else:
                grid_row, k = point
                under = int(index[grid_row, x])
                key = ("point", k, under)
                chars.append(glyph(k))
            if key != run_key:
                if run_key is not None:
                    spans.append(Span(offset + run_start, offset + x, _style(run_key, palette)))
                run_start, run_key = x, key
        spans.append(Span(offset + run_start, offset + cols, _style(run_key, palette)))
        lines.append("".join(chars))
        offset += cols + 1
    return Text("\n".join(lines), spans=spans, no_wrap=True, overflow="crop")


def _style(key, palette):
    if key[0] == "point":
        _, k, under = key
        fg = (255, 255, 255) if k is None else bright(class_color(k))
        return cell_style(fg, palette[under], True)
    return cell_style(palette[key[0]], palette[key[1]])


def boundary_legend(grid: BoundaryGrid, class_names: tuple[str, ...] = (), color: bool = True) -> Text:
    """One line: the axes' ranges and what the glyphs and shades mean."""
    b = grid.bounds
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"x1 {number(b.x1_min, 3)}…{number(b.x1_max, 3)} →  x2 {number(b.x2_min, 3)}…{number(b.x2_max, 3)} ↑  ")
    if grid.kind == "output":
        span = value_range(grid.values)
        if span is None:
            text.append("output NaN or Inf everywhere  • points")
        else:
            text.append(f"output {number(span[0], 3)} " + ("" if color else SHADES) + f"… {number(span[1], 3)}  • points")
        return text
    for k in range(grid.n_classes):
        name = class_names[k] if k < len(class_names) else str(k)
        style = cell_style(bright(class_color(k)), None, True) if color else ""
        text.append(glyph(k), style)
        text.append(f" {name}  ")
    if grid.kind == "sigmoid":
        text.append("region: ŷ ≥ 0.5 → class 1" + ("" if color else f", shades {SHADES!r} from ŷ = 0 to 1"))
    else:
        text.append("region: argmax class" + ("" if color else ", shaded by class"))
    return text
