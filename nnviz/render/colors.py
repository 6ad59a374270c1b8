"""The colours the renderers share: one per class, blends toward a neutral.

Colours are (r, g, b) tuples of 0..255. Styles are cached, since a heatmap
asks for the same few thousand cells' styles again on every repaint.
"""

from __future__ import annotations

from functools import lru_cache

from rich.color import Color
from rich.style import Style

RGB = tuple[int, int, int]

# Class 0 orange and class 1 blue, as the browser playgrounds draw them;
# then matplotlib's tab10 order for more classes.
CLASS_COLORS: tuple[RGB, ...] = (
    (245, 147, 34), (8, 119, 189), (44, 160, 44), (148, 103, 189), (214, 39, 40),
    (140, 86, 75), (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207),
)
NEUTRAL: RGB = (40, 40, 40)  # what an undecided region fades to
LOW: RGB = (33, 48, 120)  # regression outputs run from LOW to HIGH
HIGH: RGB = (250, 220, 60)


def class_color(k: int) -> RGB:
    return CLASS_COLORS[k % len(CLASS_COLORS)]


def blend(a: RGB, b: RGB, t: float) -> RGB:
    """a at t = 0, b at t = 1."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def bright(color: RGB) -> RGB:
    """The colour a training point is drawn in: lighter than its region's."""
    return blend(color, (255, 255, 255), 0.35)


@lru_cache(maxsize=4096)
def cell_style(fg: RGB | None, bg: RGB | None, bold: bool = False) -> Style:
    return Style(color=Color.from_rgb(*fg) if fg else None,
                 bgcolor=Color.from_rgb(*bg) if bg else None, bold=bold or None)
