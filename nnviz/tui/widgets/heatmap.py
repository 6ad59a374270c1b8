"""Heatmap cells for the matrix drawings: a level per value, its text and its colour.

A value becomes a signed level -LEVELS..LEVELS (NON_FINITE for NaN/Inf).
Diverging data (both signs) is scaled by its largest |value|, so 0 is level 0;
one-signed data runs from its min (level 0) to its max (LEVELS). A cell is two
columns: the shade twice ('▓▓'), or '-' and the shade for a negative value
('-▓'), so it reads without colour. Its colour blends the theme's background
toward blue (negative), red (positive) or amber (one-signed data): zero looks
like empty space on dark and light themes alike.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
from rich.segment import Segment
from rich.style import Style
from textual.color import Color

from ...textfmt import number

RAMP = " ░▒▓█"
LEVELS = 8  # colour steps on each side of the scale
NON_FINITE = 127
NO_LOWER = 128  # a dense line's lower byte under an odd last row (not a level)
# Ends of the scale (ColorBrewer RdBu; amber for one-signed data), lighter on dark themes.
PALETTE = {True: {-1: "#6baed6", 1: "#ef6548", 0: "#f0b429"},
           False: {-1: "#2166ac", 1: "#b2182b", 0: "#b7791f"}}
# Extra style per flag bit of a cell key (4·level + flags): 1 changed, 2 under the cursor.
FLAG_STYLES = {0: None, 1: Style(underline=True), 2: Style(reverse=True), 3: Style(underline=True, reverse=True)}


def is_diverging(low: float, high: float) -> bool:
    return low < 0 < high or high <= 0


def levels(data: np.ndarray, low: float, high: float) -> np.ndarray:
    """(rows, cols) int8: the signed level of each value, for display only.
    Worked in place on one copy: a 128×784 array takes a fraction of a millisecond."""
    with np.errstate(all="ignore"):
        if is_diverging(low, high):
            codes = np.abs(data)
            codes /= max(abs(low), abs(high)) or 1.0
            codes *= LEVELS
            np.ceil(codes, out=codes)
            np.copysign(codes, data, out=codes)
        else:
            codes = data - low
            codes /= (high - low) or 1.0
            codes *= LEVELS
            np.round(codes, out=codes)
        np.clip(codes, -LEVELS, LEVELS, out=codes)
        finite = np.isfinite(data)
        codes = codes.astype(np.int8)
    if not finite.all():
        codes[~finite] = NON_FINITE
    return codes


def cell_text(code: int) -> str:
    """'▓▓', or '-▓' for a negative level; any non-zero level shows at least '░'."""
    shade = RAMP[-(-abs(code) * (len(RAMP) - 1) // LEVELS)]
    return ("-" + shade) if code < 0 else shade * 2


def level_styles(base: Style, background: Color, dark: bool) -> dict[tuple[int, int], Style]:
    """(sign, level) -> Style on top of ``base``; sign 0 is the one-signed scale."""
    styles = {}
    for sign, end in PALETTE[dark].items():
        end = Color.parse(end)
        for level in range(LEVELS + 1):
            styles[(sign, level)] = base + Style(color=background.blend(end, level / LEVELS).rich_color)
    return styles


def level_key(code: int, diverging: bool) -> tuple[int, int]:
    """The (sign, level) of ``level_styles`` for a cell's signed level."""
    return ((1 if code >= 0 else -1) if diverging else 0), abs(code)


def shade_styles(background: Color, dark: bool) -> dict[tuple[int, int], Style]:
    """(sign, level) -> a background a little toward the scale's end: a changed
    cell's number stays readable over the shade of its change."""
    return {(sign, level): Style(bgcolor=background.blend(Color.parse(end), 0.45 * level / LEVELS).rich_color)
            for sign, end in PALETTE[dark].items() for level in range(LEVELS + 1)}


def dense_segments(upper: np.ndarray, lower: np.ndarray | None, cursor: int, cursor_upper: bool,
                   style: Callable[[int, int | None, int], Style], known: dict[int, Style]) -> list[Segment]:
    """Two rows in one line: each cell '▀▀', its upper row's colour over its lower row's.
    ``style(upper, lower, flag)`` gives the Style (flag 1: the cursor is in the upper
    half, 2: in the lower); ``lower`` is None below an odd last row. Each run of equal
    cells is one Segment (NumPy finds the runs). ``known`` keeps the styles by cell key
    (upper level, lower level, flag), for one style table and one kind of scale
    (diverging or not): most keys recur, so ``style`` is asked once each."""
    keys = upper.astype(np.int32) * 256 + (NO_LOWER if lower is None else lower.astype(np.int32) & 255)
    keys *= 4  # a level -8..8 or NON_FINITE is one byte; then two flag bits
    if cursor >= 0:
        keys[cursor] += 1 if cursor_upper else 2
    ends = np.flatnonzero(keys[1:] != keys[:-1]).tolist()
    ends.append(keys.size - 1)
    keys = keys.tolist()
    segments, start = [], -1
    for end in ends:
        key = keys[end]
        run = known.get(key)
        if run is None:
            run = known[key] = style(int(upper[end]), None if lower is None else int(lower[end]), key & 3)
        segments.append(Segment("▀▀" * (end - start), run))
        start = end
    return segments


def cell_table(styles: dict, non_finite: Style, diverging: bool) -> dict[int, tuple[str, Style]]:
    """(text, style) for every cell key 4·level + flags."""
    table = {}
    for code in [*range(-LEVELS if diverging else 0, LEVELS + 1), NON_FINITE]:
        if code == NON_FINITE:
            text, style = "!!", non_finite
        else:
            text, style = cell_text(code), styles[level_key(code, diverging)]
        for flags, extra in FLAG_STYLES.items():
            table[4 * code + flags] = (text, style if extra is None else style + extra)
    return table


def row_segments(codes: np.ndarray, mask: np.ndarray | None, cursor: int, table: dict) -> list[Segment]:
    """One row of cells; each run of equal cells is one Segment (NumPy finds the runs)."""
    keys = codes.astype(np.int16) * 4
    if mask is not None:
        keys += mask
    if cursor >= 0:
        keys[cursor] += 2
    ends = np.flatnonzero(np.diff(keys)).tolist()
    segments = []
    for start, end in zip([-1, *ends], [*ends, keys.size - 1]):
        text, style = table[int(keys[end])]
        segments.append(Segment(text * (end - start), style))
    return segments


def scale_segments(low: float, high: float, styles: dict, base: Style) -> list[Segment]:
    """'min −0.53 -█-▓-▒-░ 0 ░░▒▒▓▓██ max 0.61' in the scale's own colours."""
    segments = [Segment(f"min {number(low)} ", base)]
    if is_diverging(low, high):
        segments += [Segment(cell_text(-level), styles[(-1, level)]) for level in range(LEVELS, 0, -2)]
        segments.append(Segment(" 0 ", base))
        signs = 1
    else:
        signs = 0
    segments += [Segment(cell_text(level), styles[(signs, level)]) for level in range(2, LEVELS + 1, 2)]
    segments.append(Segment(f" max {number(high)}", base))
    return segments
