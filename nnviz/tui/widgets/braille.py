"""Braille lines for the network graph (network_picture.py): the edges between
two columns of nodes, each a line of dots across the gap between them."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

if TYPE_CHECKING:
    from .network_picture import Picture, Target


class Line(NamedTuple):
    """Across the columns ``x0 .. x0+width-1``, from the left edge at node row ``row0`` to
    the right edge at node row ``row1``, dots where ``pattern`` (repeated along it) is 1."""

    x0: int
    width: int
    row0: int
    row1: int
    pattern: tuple[int, ...]
    style: str
    target: Target | None


@lru_cache(maxsize=None)
def _period(pattern: tuple[int, ...]) -> np.ndarray:
    """``pattern`` repeated to 12 dots, a multiple of every pattern's length."""
    return np.resize(np.array(pattern, dtype=bool), 12)


class Braille:
    """Lines of braille dots, each across its own band of columns (the gap between two
    layers); each cell takes the style (and click target) of the last line drawn
    through it (draw the strongest last). The dots of every line are placed at
    once, with NumPy."""

    BITS = np.array([[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]])  # [dot row, dot col]

    def __init__(self) -> None:
        self.lines: list[Line] = []

    def line(self, x0: int, width: int, row0: int, row1: int, pattern: tuple[int, ...], style: str,
             target: Target | None) -> None:
        """Draw a ``Line`` (see there)."""
        self.lines.append(Line(x0, width, row0, row1, pattern, style, target))

    def paint(self, picture: Picture) -> None:
        lines = self.lines
        if not lines:
            return
        geometry = np.array([line[:4] for line in lines])  # x0, width, row0, row1
        x0, dx = geometry[:, :1], geometry[:, 1:2] * 2 - 1
        y0, rise = geometry[:, 2:3] * 4 + 1, (geometry[:, 3:4] - geometry[:, 2:3]) * 4
        steps = np.maximum(np.abs(rise), np.maximum(dx, 1))
        t = np.arange(int(steps.max()) + 1)[None, :]
        patterns = np.array([_period(line.pattern) for line in lines])
        on = (t <= steps) & patterns[:, t[0] % 12]
        px = np.rint(dx * t / steps).astype(int)
        py = np.rint(y0 + rise * t / steps).astype(int)
        cx = x0 + px // 2  # the picture's column of each dot
        inside = on & (cx < picture.width)  # a picture too narrow for its gaps loses dots on the right
        if not np.array_equal(inside, on):
            picture.clipped = True
        which = np.broadcast_to(np.arange(len(lines))[:, None], on.shape)[inside]
        cx, px, py = cx[inside], px[inside], py[inside]
        if not which.size:
            return
        cell = (py // 4) * picture.width + cx
        order = np.argsort(cell, kind="stable")
        cell, bits, which = cell[order], self.BITS[py % 4, px % 2][order], which[order]
        starts = np.flatnonzero(np.r_[True, cell[1:] != cell[:-1]])
        chars, styles = picture.chars, picture.styles
        for c, b, n in zip(cell[starts].tolist(), np.bitwise_or.reduceat(bits, starts).tolist(),
                           np.maximum.reduceat(which, starts).tolist()):
            y, x = divmod(c, picture.width)
            y += 1  # node rows start below the header row
            if y >= picture.height:  # a picture too small for its rows
                picture.clipped = True
                continue
            chars[y][x], styles[y][x] = chr(0x2800 + b), lines[n].style
            if lines[n].target is not None:
                picture.aim(y, x, x + 1, lines[n].target)
