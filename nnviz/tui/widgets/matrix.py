"""How a matrix panel draws an array, and how much room that takes: ``plan``.

Small matrices read as numbers; large ones (auto: more than 256 cells or 16
columns) as a heatmap (heatmap.py): colour from the theme's background toward
blue (negative) or red (positive), and in every cell a shade ░▒▓█, with '-'
before a negative one, so a capture without colour still reads. Above the
rows: the title with the cell under the cursor (1-based, as the document
counts) and its value as every panel writes one (textfmt.readout: 6
significant digits, '=' when exact, '≈' when rounded; y copies the exact
value), the heatmap's scale with min and max, and the column numbers. Every
cell of an array has one format (textfmt.cell_format), with a shared power of
ten in the title where the values are tiny or huge.

``plan(array)`` says how big a drawing of an array will be before it is drawn,
so a grid can size its slots first (step_matrices.py); matrix_drawing.py draws
it and matrix_grid.py shows the drawings.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from textual.geometry import Size

from ... import textfmt
from . import heatmap

NUMBERS_MAX_CELLS = 256
NUMBERS_MAX_COLS = 16
READOUT_VALUE = len(textfmt.readout(-1.23456e-100))  # the longest readout value
SHORT_READOUT_VALUE = len(textfmt.readout(-1.23e-100, 3))  # what a compact view settles for


@dataclass(frozen=True)
class Layout:
    """How one array is drawn, and how much room that takes; see ``plan``."""

    mode: str              # "numbers" | "heatmap"
    rows: int
    cols: int
    cell: int              # cells are this many columns wide
    gutter: int            # row numbers
    diverging: bool = False
    low: float = 0.0       # finite min
    high: float = 0.0      # finite max
    number_width: int = 0
    cells: textfmt.CellFormat = textfmt.CellFormat(0)
    compact: bool = False  # no column numbers, the readout beside the title, a heatmap dense
    dense: bool = False    # a heatmap with two rows a line (▀: the upper row's colour over the lower's)
    readout: int = 0       # characters of the longest readout line, '[r,c] ≈ -0.0298514'

    @property
    def width(self) -> int:
        """Columns for the row numbers and every cell."""
        return self.gutter + self.cols * self.cell

    @property
    def lines(self) -> int:
        """Lines of the body: one per row, or one per two rows when dense."""
        return -(-self.rows // 2) if self.dense else self.rows

    def line_of(self, row: int) -> int:
        return row // 2 if self.dense else row

    def heading(self, title: str) -> str:
        """The title with the cells' shared power of ten, if any: 'dW1 (4×4) ×10⁻⁵'."""
        return f"{title} {self.cells.note}" if self.cells.note else title

    def readout_fits(self, title: str, width: int) -> bool:
        """Whether the longest readout fits beside ``title`` at ``width`` (compact:
        one of 3 significant digits)."""
        value = SHORT_READOUT_VALUE if self.compact else READOUT_VALUE
        return len(self.heading(title)) + len(f"  [{self.rows},{self.cols}] ") + value < width  # and a blank column

    def headers(self, title: str, width: int, own_readout_line: bool = False) -> list[str]:
        """The fixed lines above the rows at ``width``: the cursor's readout gets a
        line of its own when asked or when it does not fit beside the title."""
        kinds = ["title"]
        if own_readout_line or not self.readout_fits(title, width):
            kinds.append("readout")
        if self.mode == "heatmap":
            kinds.append("scale")
        return kinds + ([] if self.compact else ["columns"])

    def size(self, title: str, width: int, own_readout_line: bool = False) -> Size:
        """The whole drawing (headers and every row) when the view is ``width`` wide."""
        return Size(self.width, len(self.headers(title, width, own_readout_line)) + self.lines)


def finite_range(data: np.ndarray) -> tuple[float, float]:
    """(min, max) of the finite values; (0, 0) when there are none."""
    low, high = float(data.min()), float(data.max())
    if np.isfinite(low) and np.isfinite(high):
        return low, high
    finite = data[np.isfinite(data)]
    return (float(finite.min()), float(finite.max())) if finite.size else (0.0, 0.0)


def plan(data: np.ndarray, mode: str = "auto", precision: int = 3, compact: bool = False) -> Layout:
    """How a MatrixDrawing draws the 2-D ``data`` in ``mode`` ("auto": numbers for at most
    NUMBERS_MAX_CELLS cells and NUMBERS_MAX_COLS columns, else a heatmap);
    ``precision`` is the significant digits of the largest cell; ``compact``
    drops the column numbers and packs a heatmap's rows two to a line."""
    rows, cols = data.shape
    if mode == "auto":
        mode = "numbers" if data.size <= NUMBERS_MAX_CELLS and cols <= NUMBERS_MAX_COLS else "heatmap"
    low, high = finite_range(data)
    gutter = len(str(rows)) + 1
    longest = len(f"[{rows},{cols}] ") + readout_value_width(data, low, high)
    if mode == "heatmap":
        return Layout("heatmap", rows, cols, 2, gutter, diverging=heatmap.is_diverging(low, high), low=low, high=high,
                      dense=compact and rows > 1, compact=compact, readout=longest)
    cells = textfmt.cell_format(data, precision)
    width = max(cells.width(low, high), 1 if np.isfinite(data).all() else len("-inf"), len(str(cols)))
    return Layout("numbers", rows, cols, width + 2, gutter, low=low, high=high, number_width=width, cells=cells,
                  compact=compact, readout=longest)


def readout_value_width(data: np.ndarray, low: float, high: float) -> int:
    """Characters of the longest readout value of ``data`` ('≈ -0.0298514'), bounded by a
    value of every digit in the decades of its smallest and its largest magnitude
    (``low`` and ``high``: its finite min and max, from ``finite_range``)."""
    sign = -1.0 if low < 0 else 1.0
    magnitudes = np.abs(data)
    if math.isfinite(data.min()) and math.isfinite(data.max()):  # every value finite: one pass, no copies
        values = [0.0]
        smallest = float(magnitudes.min(where=magnitudes > 0, initial=math.inf))
        extremes = () if math.isinf(smallest) else (smallest, max(abs(low), abs(high)))
    else:
        values = [-math.inf]
        finite = magnitudes[np.isfinite(magnitudes) & (magnitudes > 0)]
        extremes = (finite.min(), finite.max()) if finite.size else ()
    for m in extremes:
        values.append(sign * 1.23456789 * 10.0 ** math.floor(math.log10(float(m))))
    return max(len(textfmt.readout(v)) for v in values)


def readout(row: int, col: int, value: float, width: int = 80) -> str:
    """'[2,3] ≈ 0.327258', 1-based as the document counts; in a view narrower
    than that, fewer digits rather than a cut number."""
    for digits in range(textfmt.READOUT_DIGITS, 0, -1):
        text = f"[{row + 1},{col + 1}] {textfmt.readout(value, digits)}"
        if len(text) <= width:
            break
    return text
