"""A matrix panel on Textual's Line API: only the visible rows are drawn.

    view = MatrixView(id="w2")
    view.show("W", W, title="W2 (3×4)", highlight=W_old != W_new, precision=3, mode="auto")
    view.toggle_mode()          # numbers <-> heatmap
    view.precision = 5          # decimals in numbers mode
    view.cursor = (1, 2)        # 0-based; arrow keys and clicks move it too

    def on_matrix_view_cell_selected(self, event: MatrixView.CellSelected):
        event.name, event.row, event.col, event.value   # 0-based row and col

Small matrices read as numbers; large ones (auto: more than 256 cells or 16
columns) as a heatmap (heatmap.py): colour from the theme's background toward
blue (negative) or red (positive), and in every cell a shade ░▒▓█, with '-'
before a negative one, so a capture without colour still reads. The header lines stay
put while the rows scroll: the title with the cell under the cursor (1-based,
as the document counts) and its value as every panel writes one (textfmt.readout:
6 significant digits, '=' when exact, '≈' when rounded; y copies the exact value),
the heatmap's scale with min and max, and the column numbers. Every cell of an
array has one format (textfmt.cell_format), with a shared power of ten in the
title where the values are tiny or huge.

Showing a new array repaints the view; it asks for a layout pass only when its
own size depends on what it shows (``height: auto``) or a scrollbar comes or
goes. ``plan(array)`` says how big a view of an array will be without a view,
so a container can size its views before it fills them (step_matrices.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.color import Color
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ... import textfmt
from . import heatmap
from .drawing import set_drawing_size

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
    """How MatrixView draws the 2-D ``data`` in ``mode`` ("auto": numbers for at most
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


class MatrixView(ScrollView, can_focus=True):
    """One named 2-D array as numbers or a heatmap, with a cell cursor."""

    DEFAULT_CSS = """
    MatrixView {
        height: 1fr;
        min-height: 4;
    }
    """

    BINDINGS = [
        Binding("up", "move(-1, 0)", "Cell up", show=False),
        Binding("down", "move(1, 0)", "Cell down", show=False),
        Binding("left", "move(0, -1)", "Cell left", show=False),
        Binding("right", "move(0, 1)", "Cell right", show=False),
        Binding("pageup", "move_page(-1)", "Page up", show=False),
        Binding("pagedown", "move_page(1)", "Page down", show=False),
        Binding("home", "move_to(0, 0)", "First cell", show=False),
        Binding("end", "move_to(-1, -1)", "Last cell", show=False),
        Binding("y", "copy", "Copy value", show=False),
    ]

    @dataclass
    class CellSelected(Message):
        """The cursor moved to (row, col), 0-based, of the array called ``name``."""

        name: str
        row: int
        col: int
        value: float
        matrix: MatrixView | None = field(default=None, repr=False, compare=False)

        @property
        def control(self) -> MatrixView | None:
            return self.matrix

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.array_name = ""
        self.title = ""
        self._data: np.ndarray | None = None  # (rows, cols) float64
        self._mask: np.ndarray | None = None  # the changed cells
        self._change: np.ndarray | None = None  # signed level of each cell's change, -LEVELS..LEVELS
        self._codes: np.ndarray | None = None  # heatmap level per cell, signed
        self._precision = 3
        self._mode = "auto"
        self._own_readout_line = False
        self._compact = False
        self._cursor = (0, 0)
        self._layout: Layout | None = None
        self._rows: dict[int, tuple[tuple[int, int], Strip]] = {}  # row -> (column window, strip)
        self._styles: dict | None = None
        self._cells: tuple[bool, dict] | None = None  # heatmap cells by key, for one theme

    # ---- public API ------------------------------------------------------
    def show(self, name: str, array: np.ndarray, *, title: str, change: np.ndarray | None = None,
             precision: int = 3, mode: str = "auto", own_readout_line: bool = False, compact: bool = False,
             cursor: tuple[int, int] | None = None, layout: Layout | None = None) -> None:
        """Draw ``array`` (any shape up to 2-D; (m,) draws as 1×m) titled ``title``;
        ``change`` (same shape) is how much an update moved each cell: a changed
        cell shows ↑ or ↓, shaded by the size of its change; ``mode`` is
        "auto", "numbers" or "heatmap"; ``own_readout_line`` puts the cursor's
        readout below the title even where it would fit beside it (views side
        by side then keep their rows level); ``compact`` (see ``plan``) saves lines;
        ``cursor`` places the cell cursor (else it stays where it was); ``layout``:
        ``plan(array, mode, precision, compact)`` when the caller has it already."""
        data = np.asarray(array, dtype=np.float64)
        data = np.atleast_2d(data) if data.ndim <= 2 else data.reshape(data.shape[0], -1)
        self._mask = self._change = None
        if change is not None and np.size(change) == data.size:
            delta = np.asarray(change, dtype=np.float64).reshape(data.shape)
            top = max(map(abs, finite_range(delta)))
            self._change = heatmap.levels(delta, -top, top)  # by |change|, ±1 for the smallest
            self._change[self._change == heatmap.NON_FINITE] = 0
            self._mask = self._change != 0
        self.array_name, self.title = name, title
        self._data = data
        self._precision, self._mode, self._own_readout_line = precision, mode, own_readout_line
        self._compact = compact
        rows, cols = data.shape
        row, col = self._cursor if cursor is None else cursor
        self._cursor = (min(row, max(rows - 1, 0)), min(col, max(cols - 1, 0)))
        self._relayout(layout)
        if cursor is not None:
            self._scroll_to_cursor()

    def clear(self) -> None:
        """Show nothing."""
        self._data = self._mask = self._codes = self._layout = None
        self.title = ""
        self._relayout()

    @property
    def mode(self) -> str:
        """"numbers" or "heatmap": what is drawn now."""
        return self._layout.mode if self._layout else self._mode

    @mode.setter
    def mode(self, mode: str) -> None:
        self._mode = mode
        self._relayout()

    def toggle_mode(self) -> None:
        self.mode = "heatmap" if self.mode == "numbers" else "numbers"

    @property
    def precision(self) -> int:
        return self._precision

    @precision.setter
    def precision(self, precision: int) -> None:
        self._precision = max(0, min(int(precision), 12))
        self._relayout()

    @property
    def cursor(self) -> tuple[int, int]:
        """(row, col) of the cell cursor, 0-based."""
        return self._cursor

    @cursor.setter
    def cursor(self, cell: tuple[int, int]) -> None:
        self._move_to(*cell)

    def place_cursor(self, row: int, col: int) -> None:
        """Move the cursor without announcing it (the selection moved it)."""
        self._move_to(row, col, announce=False)

    @property
    def value(self) -> float | None:
        """The exact value under the cursor."""
        return None if self._data is None or not self._data.size else float(self._data[self._cursor])

    @property
    def array(self) -> np.ndarray | None:
        return self._data

    @property
    def allow_vertical_scroll(self) -> bool:
        """The wheel scrolls whatever does not fit, scrollbars or not (a parent may hide them)."""
        return not self._check_disabled() and self.max_scroll_y > 0

    @property
    def allow_horizontal_scroll(self) -> bool:
        return not self._check_disabled() and self.max_scroll_x > 0

    # ---- layout ----------------------------------------------------------
    def _relayout(self, layout: Layout | None = None) -> None:
        self._rows.clear()
        self._codes = None  # heatmap levels: computed when first drawn
        data = self._data
        self._layout = (None if data is None or not data.size else
                        layout or plan(data, self._mode, self._precision, self._compact))
        self._sync_virtual_size()
        self.refresh()

    def _headers(self) -> list[str]:
        return self._layout.headers(self.title, self.size.width, self._own_readout_line)

    def _sync_virtual_size(self) -> None:
        layout = self._layout
        set_drawing_size(self, Size(0, 1) if layout is None else
                         layout.size(self.title, self.size.width, self._own_readout_line))

    def on_resize(self) -> None:
        self._sync_virtual_size()

    # ---- styles ----------------------------------------------------------
    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._restyle())

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._restyle()

    def _restyle(self) -> None:
        self._styles = self._cells = None
        self._rows.clear()
        self.refresh()

    def _style_table(self) -> dict:
        """Styles for the heatmap levels and the text parts, from the current theme.
        Each already holds the widget's own style, so lines need no second pass."""
        if self._styles is None:
            base = self.rich_style
            variables = self.app.theme_variables
            background, dark = self.background_colors[1], self.app.current_theme.dark
            styles = heatmap.level_styles(base, background, dark)
            error = Color.parse(variables.get("error", "#e04040")).rich_color
            accent = Color.parse(variables.get("accent", "#ffa62b")).rich_color
            styles.update(base=base, plain=base, non_finite=base + Style(color=error, bold=True),
                          dim=base + Style(dim=True), title=base + Style(bold=True),
                          shade=heatmap.shade_styles(background, dark), accent=accent, error=error, dense={})
            self._styles = styles
        return self._styles

    # ---- drawing ---------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.size.width
        styles = self._style_table()
        base = styles["base"]
        layout = self._layout
        if layout is None:
            text = f"{self.title} (empty)" if self.title and y == 0 else ""
            return Strip([Segment(text, base)]).crop_extend(0, width, base)
        scroll_x, scroll_y = self.scroll_offset
        headers = self._headers()
        kind = headers[y] if y < len(headers) else "row"
        if kind == "title":
            return self._title_line(with_readout="readout" not in headers).crop_extend(0, width, base)
        if kind == "readout":
            return Strip([Segment(self._readout(width - 1), base)]).crop_extend(0, width, base)
        if kind == "scale":
            return self._scale_line().crop_extend(0, width, base)
        if kind == "columns":
            gutter, body = Segment(" " * layout.gutter, base), self._column_line()
        else:
            row = scroll_y + y - len(headers)  # a line of the body: one row, or two when dense
            if row >= layout.lines:
                return Strip.blank(width, base)
            label = f"{2 * row + 1}" if layout.dense else str(row + 1)
            gutter = Segment(label.rjust(layout.gutter - 1)[-(layout.gutter - 1):] + " ", styles["dim"])
            body_width = max(width - layout.gutter, 0)
            first, last = scroll_x // layout.cell, -(-(scroll_x + body_width) // layout.cell)
            body = self._row_strip(row, self.has_focus and row == layout.line_of(self._cursor[0]), first, last)
            scroll_x -= first * layout.cell  # the strip starts at its first visible cell
        whole = max(width - layout.gutter, 0) // layout.cell * layout.cell  # whole cells only, never a cut number
        body = body.crop(scroll_x, scroll_x + whole)
        return Strip([gutter, *body], layout.gutter + body.cell_length).extend_cell_length(width, base)

    def _title_line(self, with_readout: bool) -> Strip:
        styles = self._style_table()
        room = self.size.width - len(self._layout.heading(self.title)) - 3  # and a blank column before the edge
        text = "  " + self._readout(room) if with_readout else ""
        return Strip([Segment(self._layout.heading(self.title), styles["title"]), Segment(text, styles["base"])])

    def _readout(self, width: int = 80) -> str:
        """The cell under the cursor, 1-based as the document counts, and its value."""
        r, c = self._cursor
        return readout(r, c, float(self._data[r, c]), width)

    def _heat_codes(self) -> np.ndarray:
        """The heatmap level of every cell, computed once per array when first drawn."""
        if self._codes is None:
            self._codes = heatmap.levels(self._data, self._layout.low, self._layout.high)
        return self._codes

    def _scale_line(self) -> Strip:
        """min, the ramp with its colours, max; how many cells are NaN/Inf; and
        '▀ 2 rows a line' when dense and it fits. Where the ramp does not fit, min … max
        alone. A blank column stays before the edge."""
        layout, styles = self._layout, self._style_table()
        room = self.size.width - 1
        bad = int(np.count_nonzero(self._heat_codes() == heatmap.NON_FINITE))
        extra = [Segment(f"  {bad} NaN/Inf !!", styles["non_finite"])] if bad else []
        segments = heatmap.scale_segments(layout.low, layout.high, styles, styles["base"]) + extra
        if Strip(segments).cell_length > room:
            segments = [Segment(f"min {textfmt.number(layout.low)} … max {textfmt.number(layout.high)}",
                                styles["base"])] + extra
        note = Segment("  ▀ 2 rows a line", styles["dim"])
        if layout.dense and Strip(segments).cell_length + note.cell_length <= room:
            segments.append(note)
        return Strip(segments)

    def _column_line(self) -> Strip:
        """1-based column numbers: every column in numbers mode, every 5th or 10th on a heatmap."""
        layout, cols = self._layout, self._data.shape[1]
        if layout.mode == "numbers":
            text = "".join(str(c + 1).rjust(layout.cell - 1) + " " for c in range(cols))
        else:
            step = 5 if cols <= 50 else 10
            chars = [" "] * (cols * layout.cell)
            for c in range(step - 1, cols, step):
                label = str(c + 1)
                chars[c * layout.cell:c * layout.cell + len(label)] = label
            text = "".join(chars[:cols * layout.cell])
        return Strip([Segment(text, self._style_table()["dim"])], len(text))

    def _row_strip(self, row: int, with_cursor: bool, first: int, last: int) -> Strip:
        """The cells first..last-1 of one row (the visible ones of a wide matrix);
        cached for that window unless the cursor is on the row."""
        last = min(last, self._data.shape[1])
        cached = self._rows.get(row)
        if not with_cursor and cached is not None and cached[0] == (first, last):
            return cached[1]
        cursor = self._cursor[1] - first if with_cursor and first <= self._cursor[1] < last else -1
        if self._layout.mode == "numbers":
            segments = self._number_segments(row, cursor, first, last)
        elif self._layout.dense:
            segments = self._dense_segments(row, cursor, first, last)
        else:
            segments = self._heat_segments(row, cursor, first, last)
        strip = Strip(segments, (last - first) * self._layout.cell)
        if not with_cursor:
            self._rows[row] = ((first, last), strip)
        return strip

    def _number_segments(self, row: int, cursor: int, first: int, last: int) -> list[Segment]:
        layout, styles = self._layout, self._style_table()
        segments = []
        for col, value in enumerate(self._data[row, first:last].tolist()):
            code = int(self._change[row, first + col]) if self._change is not None else 0
            style = styles["non_finite"] if not np.isfinite(value) else styles["plain"]
            if code:  # ↑ or ↓, the cell shaded by the size of its change
                key = heatmap.level_key(code, True)
                style += styles["shade"][key]
            if col == cursor:
                style += Style(reverse=True)
            text = " " + layout.cells(value).rjust(layout.number_width)
            if code:
                arrow_style = style + Style(color=styles[(key[0], max(key[1], heatmap.LEVELS // 2))].color, bold=True)
                segments += [Segment(text, style), Segment("↑" if code > 0 else "↓", arrow_style)]
            else:
                segments.append(Segment(text + " ", style))
        return segments

    def _dense_segments(self, line: int, cursor: int, first: int, last: int) -> list[Segment]:
        codes, (row, col) = self._heat_codes(), self._cursor
        lower = codes[2 * line + 1, first:last] if 2 * line + 1 < codes.shape[0] else None
        return heatmap.dense_segments(codes[2 * line, first:last], lower, cursor, row % 2 == 0, self._dense_style)

    def _dense_style(self, upper: int, lower: int | None, cursor: int) -> Style:
        """The colours of a dense cell: the upper row's over the lower row's; the
        cursor's half in the accent colour."""
        styles = self._style_table()
        cache = styles["dense"]
        key = (upper, lower, cursor, self._layout.diverging)
        if key not in cache:
            def color(code):
                if code == heatmap.NON_FINITE:
                    return styles["error"]
                return styles[heatmap.level_key(code, self._layout.diverging)].color
            fg = styles["accent"] if cursor == 1 else color(upper)
            bg = None if lower is None else styles["accent"] if cursor == 2 else color(lower)
            cache[key] = styles["base"] + Style(color=fg, bgcolor=bg)
        return cache[key]

    def _heat_segments(self, row: int, cursor: int, first: int, last: int) -> list[Segment]:
        mask = self._mask[row, first:last] if self._mask is not None else None
        return heatmap.row_segments(self._heat_codes()[row, first:last], mask, cursor, self._heat_table())

    def _heat_table(self) -> dict[int, tuple[str, Style]]:
        """(text, style) per cell key, for the current theme and the data's signs."""
        diverging = self._layout.diverging
        if self._cells is None or self._cells[0] != diverging:
            styles = self._style_table()
            self._cells = (diverging, heatmap.cell_table(styles, styles["non_finite"], diverging))
        return self._cells[1]

    def action_copy(self) -> None:
        """The exact value under the cursor, every digit, to the clipboard and on screen."""
        if self.value is not None:
            text = textfmt.exact(self.value)
            self.app.copy_to_clipboard(text)
            name = self.title.split(" ", 1)[0]  # 'dZ1', as the view's title names it
            self.notify(f"{name}{self._readout().split(' ', 1)[0]} = {text} (copied)", timeout=4)

    # ---- cursor ----------------------------------------------------------
    def action_move(self, rows: int, cols: int) -> None:
        self._move_to(self._cursor[0] + rows, self._cursor[1] + cols)

    def action_move_page(self, pages: int) -> None:
        rows_per_line = 2 if self._layout is not None and self._layout.dense else 1
        self.action_move(pages * rows_per_line * max(self._body_height(), 1), 0)

    def action_move_to(self, row: int, col: int) -> None:
        if self._data is not None:
            rows, cols = self._data.shape
            self._move_to(row % rows, col % cols)

    def _body_height(self) -> int:
        """Visible body lines (rows, or pairs of rows when dense)."""
        return self.size.height - (len(self._headers()) if self._layout else 0)

    def _move_to(self, row: int, col: int, announce: bool = True) -> None:
        if self._data is None or not self._data.size:
            return
        rows, cols = self._data.shape
        new = (max(0, min(row, rows - 1)), max(0, min(col, cols - 1)))
        old, self._cursor = self._cursor, new
        self._scroll_to_cursor()
        if new != old:
            self._refresh_row(old[0])
            self._refresh_row(new[0])
            self.refresh(Region(0, 0, self.size.width, 2))  # the readout
            if announce:
                self.post_message(self.CellSelected(self.array_name, *new, float(self._data[new]), self))

    def _refresh_row(self, row: int) -> None:
        y = len(self._headers()) + self._layout.line_of(row) - self.scroll_offset.y
        self.refresh(Region(0, y, self.size.width, 1))

    def _scroll_to_cursor(self) -> None:
        """Scroll just enough that the cursor's cell is in view."""
        layout = self._layout
        row, col = self._cursor
        row = layout.line_of(row)
        x, y = self.scroll_offset
        body_height = max(self._body_height(), 1)
        body_width = max(self.size.width - layout.gutter, layout.cell) // layout.cell * layout.cell
        if row < y:
            y = row
        elif row >= y + body_height:
            y = row - body_height + 1
        left, right = col * layout.cell, (col + 1) * layout.cell
        if left < x:
            x = left
        elif right > x + body_width:
            x = right - body_width
        if (x, y) != tuple(self.scroll_offset):
            self.scroll_to(x, y, animate=False, immediate=True)

    def on_focus(self) -> None:
        self._refresh_cursor_row()

    def on_blur(self) -> None:
        self._refresh_cursor_row()

    def _refresh_cursor_row(self) -> None:
        """The cursor is drawn only while the panel has focus."""
        if self._layout is not None:
            self._refresh_row(self._cursor[0])

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        layout = self._layout
        if offset is None or layout is None or offset.y < len(self._headers()) or offset.x < layout.gutter:
            return
        scroll_x, scroll_y = self.scroll_offset
        row = scroll_y + offset.y - len(self._headers())
        row = 2 * row if layout.dense else row  # the upper row of a dense line
        col = (scroll_x + offset.x - layout.gutter) // layout.cell
        rows, cols = self._data.shape
        if row < rows and col < cols:
            self.focus()
            self._move_to(row, col)
