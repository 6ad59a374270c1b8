"""Numbers, matrices and tables as plain text, for the CLI and the TUI alike.

Pure functions of their arguments: no click, no textual, no colour.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Collection, Sequence

import numpy as np

SMALL_CELLS = 64  # arrays up to this many numbers print in full; larger ones as a summary
READOUT_DIGITS = 6  # a selected value, a loss in the status line, a plot's current point


def number(x: float, precision: int = 4) -> str:
    """``x`` to ``precision`` significant digits: 0.7209, -0.2791, 1.2e-05, nan, inf.
    A negative zero (ReLU's mask times a negative dA) prints as 0."""
    return f"{float(x) + 0.0:.{precision}g}"


MINUS = "−"


def math_number(x: float, precision: int = 4) -> str:
    """``number`` with a real minus sign, as equations and sentences print it: −0.2791."""
    return number(x, precision).replace("-", MINUS)


def readout(x: float, digits: int = READOUT_DIGITS) -> str:
    """'= 0.9' when the digits shown are ``x`` exactly, '≈ 0.327258' when they are rounded.
    Every panel and command writes a single value it reports this way."""
    text = number(x, digits)
    exact = not math.isfinite(x) or float(text) == float(x)
    return ("= " if exact else "≈ ") + text


def math_readout(x: float, digits: int = READOUT_DIGITS) -> str:
    """``readout`` with a real minus sign, as equations and sentences end: '≈ −0.0261052'."""
    return readout(x, digits).replace("-", MINUS)


def exact(x: float) -> str:
    """Every digit of a float64 (its shortest round-trip repr): 0.30000000000000004."""
    return repr(float(x) + 0.0)


SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True)
class CellFormat:
    """One format for every cell of an array, so a column of numbers reads at a glance:
    fixed point with ``decimals``; when ``exponent`` is not 0 each cell is the value
    over 10**exponent and the array's title carries ``note`` (×10⁻⁵) once."""

    decimals: int
    exponent: int = 0

    def __call__(self, x: float) -> str:
        x = float(x)
        if not math.isfinite(x):
            return number(x)
        text = f"{x / 10.0 ** self.exponent:.{self.decimals}f}"
        return text[1:] if text.startswith("-") and float(text) == 0 else text  # -0.000 reads as 0.000

    @property
    def note(self) -> str:
        return f"×10{str(self.exponent).translate(SUPERSCRIPT)}" if self.exponent else ""

    def width(self, low: float, high: float) -> int:
        """Characters of the widest cell between ``low`` and ``high``."""
        return max(len(self(low)), len(self(high)))


def cell_format(values, digits: int = 3) -> CellFormat:
    """The CellFormat that shows the largest |value| of ``values`` to ``digits``
    significant digits: whole numbers when every value is one, fixed point for
    magnitudes from 0.01 up to 100000, otherwise a shared power of ten (so a
    column is never wider than about digits + 3 characters)."""
    values = np.asarray(values, dtype=np.float64)
    finite = values[np.isfinite(values)]
    if not finite.size or np.all(finite == np.round(finite)) and np.abs(finite).max() < 1e5:
        return CellFormat(0)
    exponent = math.floor(math.log10(float(np.abs(finite).max())))
    if -2 <= exponent < 5:
        return CellFormat(max(digits - 1 - exponent, 0))
    return CellFormat(max(digits - 1, 0), exponent)


def vector(values, precision: int = 4) -> str:
    """A flat sequence on one line, as the document writes vectors: [0.8 0.52 0.68 0.7]."""
    return "[" + " ".join(number(v, precision) for v in np.ravel(values)) + "]"


def compact(value, precision: int = 4) -> str:
    """A number, a flat list or a nested list on one line: 0.327, [0.8 0.52], [[1 2] [3 4]]."""
    array = np.asarray(value, dtype=np.float64)
    if array.ndim == 0:
        return number(array, precision)
    if array.ndim == 1:
        return vector(array, precision)
    return "[" + " ".join(compact(row, precision) for row in array) + "]"


def count(n: int, noun: str) -> str:
    """'1 example', '3 examples': ``n`` and the noun, plural unless n is 1."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, with an ellipsis where it was cut."""
    return text if len(text) <= width else text[:max(width - 1, 0)] + "…"


def clip_long_words(text: str, width: int) -> str:
    """``text`` with each word (a path, a name) longer than ``width`` cut in its middle,
    'xxxxxx…xx.toml', so that both ends of it stay readable."""
    def middle(word: str) -> str:
        if len(word) <= width:
            return word
        tail = (width - 1) // 2
        return word[:width - 1 - tail] + "…" + word[len(word) - tail:]

    return " ".join(middle(word) for word in text.split(" "))


def clip_words(text: str, width: int) -> str:
    """``text`` cut after its last whole word that fits in ``width``, with an ellipsis."""
    if len(text) <= width:
        return text
    cut = text[:max(width - 1, 0)]
    cut = cut.rsplit(" ", 1)[0] if " " in cut else ""
    if cut.count("(") > cut.count(")"):  # no half of a parenthesis
        cut = cut[:cut.rindex("(")]
    return cut.rstrip(" ,") + "…"


def matrix(array: np.ndarray, precision: int = 4) -> list[str]:
    """The rows of a 2-D array (a 0-d or 1-d one counts as one row), columns right-aligned."""
    rows = np.atleast_2d(np.asarray(array, dtype=np.float64))
    if rows.ndim > 2:
        rows = rows.reshape(rows.shape[0], -1)
    cells = [[number(x, precision) for x in row] for row in rows]
    widths = [max(len(row[j]) for row in cells) for j in range(len(cells[0]))] if cells and cells[0] else []
    return ["  ".join(cell.rjust(w) for cell, w in zip(row, widths)) for row in cells]


def summary(array: np.ndarray, precision: int = 4) -> str:
    """One line for an array too big to print: shape, min, max, mean, and any NaN/Inf."""
    array = np.asarray(array, dtype=np.float64)
    finite = array[np.isfinite(array)]
    parts = [f"shape {shape(array)}"]
    if finite.size:
        parts += [f"min {number(finite.min(), precision)}", f"max {number(finite.max(), precision)}",
                  f"mean {number(finite.mean(), precision)}"]
    bad = array.size - finite.size
    if bad:
        parts.append(f"{bad} NaN/Inf")
    return "  ".join(parts)


def shape(array: np.ndarray) -> str:
    """(4, 1), (3,) or () as Python writes shapes."""
    return str(tuple(np.shape(array)))


def is_small(array: np.ndarray, max_cells: int = SMALL_CELLS) -> bool:
    return np.size(array) <= max_cells


def named_array(name: str, array: np.ndarray, precision: int = 4, max_cells: int = SMALL_CELLS) -> list[str]:
    """``name`` and ``array`` as lines: a scalar or a column vector on one line
    (a column is written as a transposed row, [..]ᵀ), a small matrix as aligned
    rows below its name, a large one as its summary."""
    array = np.asarray(array)
    if array.size == 1 and array.ndim <= 2:
        return [f"{name} {shape(array)} = {number(array.reshape(()), precision)}"]
    if not is_small(array, max_cells):
        return [f"{name}  {summary(array, precision)}"]
    if array.ndim == 1:
        return [f"{name} {shape(array)} = {vector(array, precision)}"]
    if array.ndim == 2 and array.shape[1] == 1:
        return [f"{name} {shape(array)} = {vector(array, precision)}ᵀ"]
    return [f"{name} {shape(array)} ="] + ["  " + row for row in matrix(array, precision)]


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], indent: str = "",
          right: Collection[int] = ()) -> list[str]:
    """Aligned columns two spaces apart: left-justified, or right-justified for the
    column numbers (from 0) in ``right``; no trailing spaces."""
    all_rows = [list(headers), *map(list, rows)]
    widths = [max(len(row[j]) for row in all_rows) for j in range(len(headers))]
    return [(indent + "  ".join(cell.rjust(w) if j in right else cell.ljust(w)
                                for j, (cell, w) in enumerate(zip(row, widths)))).rstrip()
            for row in all_rows]
