"""One named 2-D array drawn as numbers or a heatmap, with a cell cursor: the
drawing a matrix widget (matrix_grid.py) shows in each of its slots.

A MatrixDrawing is not a widget. Its host gives it an area (``width`` ×
``height``), the theme's styles and the focus, and asks it for lines; the
drawing keeps its own scroll offset, so a host can show several of them side
by side in one widget (one layout, one repaint), each scrolled on its own.
The header lines stay put while the rows scroll: the title with the cell
under the cursor (1-based, as the document counts) and its value as every
panel writes one (textfmt.readout), the heatmap's scale and the column
numbers. Rows are drawn only when visible, and kept until the array, the
theme or the cursor's row changes.
"""

from __future__ import annotations

import numpy as np
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip

from ... import textfmt
from . import heatmap
from .matrix import Layout, finite_range, plan, readout


class MatrixDrawing:
    """The state and the lines of one array's drawing; see the module's docstring."""

    def __init__(self) -> None:
        self.array_name = ""
        self.title = ""
        self.width = 0  # the area its host gives it
        self.height = 0
        self.scroll_x = 0  # its own scroll offset, in columns and body lines
        self.scroll_y = 0
        self.styles: dict | None = None  # the host's style table (MatrixGrid.style_table)
        self._data: np.ndarray | None = None  # (rows, cols) float64
        self._mask: np.ndarray | None = None  # the changed cells
        self._change: np.ndarray | None = None  # signed level of each cell's change, -LEVELS..LEVELS
        self._codes: np.ndarray | None = None  # heatmap level per cell, signed
        self._precision = 3
        self._mode = "auto"
        self._own_readout_line = False
        self._compact = False
        self._cursor = (0, 0)
        self.layout: Layout | None = None
        self._rows: dict[int, tuple[tuple[int, int], Strip]] = {}  # row -> (column window, strip)
        self._cells: tuple[bool, dict] | None = None  # heatmap cells by key, for one style table
        self._headers: tuple[object, list[str]] = (None, [])

    # ---- what it shows -----------------------------------------------------
    def show(self, name: str, array: np.ndarray, *, title: str, change: np.ndarray | None = None,
             precision: int = 3, mode: str = "auto", own_readout_line: bool = False, compact: bool = False,
             cursor: tuple[int, int] | None = None, layout: Layout | None = None) -> None:
        """Draw ``array`` (any shape up to 2-D; (m,) draws as 1×m) titled ``title``;
        ``change`` (same shape) is how much an update moved each cell: a changed
        cell shows ↑ or ↓, shaded by the size of its change; ``mode`` is
        "auto", "numbers" or "heatmap"; ``own_readout_line`` puts the cursor's
        readout below the title even where it would fit beside it (drawings side
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
        if cursor is not None:  # scrolled from the top: the same step looks the same whatever came before
            self.scroll_x = self.scroll_y = 0
        self.relayout(layout)
        if cursor is not None:
            self.scroll_to_cursor()

    def clear(self) -> None:
        """Show nothing."""
        self._data = self._mask = self._codes = self.layout = None
        self.title = self.array_name = ""
        self.relayout()

    def relayout(self, layout: Layout | None = None) -> None:
        """Plan the drawing again (after a new array, mode or precision)."""
        self._rows.clear()
        self._codes = None  # heatmap levels: computed when first drawn
        data = self._data
        self.layout = (None if data is None or not data.size else
                       layout or plan(data, self._mode, self._precision, self._compact))
        self.scroll_by(0, 0)  # the offset stays within the new drawing

    def restyle(self, styles: dict) -> None:
        """The host's style table changed (a theme): draw every row again."""
        self.styles, self._cells = styles, None
        self._rows.clear()

    @property
    def mode(self) -> str:
        """"numbers" or "heatmap": what is drawn now."""
        return self.layout.mode if self.layout else self._mode

    @mode.setter
    def mode(self, mode: str) -> None:
        self._mode = mode
        self.relayout()

    @property
    def precision(self) -> int:
        return self._precision

    @precision.setter
    def precision(self, precision: int) -> None:
        self._precision = max(0, min(int(precision), 12))
        self.relayout()

    @property
    def cursor(self) -> tuple[int, int]:
        """(row, col) of the cell cursor, 0-based."""
        return self._cursor

    @property
    def value(self) -> float | None:
        """The exact value under the cursor."""
        return None if self._data is None or not self._data.size else float(self._data[self._cursor])

    @property
    def array(self) -> np.ndarray | None:
        return self._data

    # ---- geometry ----------------------------------------------------------
    def headers(self) -> list[str]:
        """The kinds of the fixed lines above the rows (Layout.headers), worked out once per layout and width."""
        if self.layout is None:
            return []
        key = (self.layout, self.title, self.width, self._own_readout_line)
        if self._headers[0] != key:
            self._headers = (key, self.layout.headers(self.title, self.width, self._own_readout_line))
        return self._headers[1]

    def size(self) -> Size:
        """The whole drawing (headers and every row) at the area's width."""
        if self.layout is None:
            return Size(0, 1)
        return self.layout.size(self.title, self.width, self._own_readout_line)

    def body_height(self) -> int:
        """Visible body lines (rows, or pairs of rows when dense)."""
        return self.height - len(self.headers())

    def max_scroll(self) -> tuple[int, int]:
        size = self.size()
        return max(size.width - self.width, 0), max(size.height - self.height, 0)

    def scroll_by(self, dx: int, dy: int) -> bool:
        """Scroll by ``dx`` columns and ``dy`` lines, within the drawing; whether it moved."""
        most_x, most_y = self.max_scroll()
        x, y = max(0, min(self.scroll_x + dx, most_x)), max(0, min(self.scroll_y + dy, most_y))
        moved = (x, y) != (self.scroll_x, self.scroll_y)
        self.scroll_x, self.scroll_y = x, y
        return moved

    def line_of_row(self, row: int) -> int:
        """The line of the area that shows ``row`` (outside 0..height-1 when scrolled away)."""
        return len(self.headers()) + self.layout.line_of(row) - self.scroll_y

    def cell_at(self, x: int, y: int) -> tuple[int, int] | None:
        """The (row, col) drawn at (x, y) of the area, if a cell is there."""
        layout = self.layout
        headers = len(self.headers())
        if layout is None or y < headers or x < layout.gutter:
            return None
        row = self.scroll_y + y - headers
        row = 2 * row if layout.dense else row  # the upper row of a dense line
        col = (self.scroll_x + x - layout.gutter) // layout.cell
        rows, cols = self._data.shape
        return (row, col) if row < rows and col < cols else None

    # ---- the cursor --------------------------------------------------------
    def move_to(self, row: int, col: int) -> tuple[tuple[int, int], bool] | None:
        """Put the cursor on (row, col), clamped, and scroll it into view:
        (the cell it left, whether the drawing scrolled); None without data."""
        if self._data is None or not self._data.size:
            return None
        rows, cols = self._data.shape
        old, self._cursor = self._cursor, (max(0, min(row, rows - 1)), max(0, min(col, cols - 1)))
        return old, self.scroll_to_cursor()

    def scroll_to_cursor(self) -> bool:
        """Scroll just enough that the cursor's cell is in view; whether it scrolled."""
        layout = self.layout
        if layout is None:
            return False
        row, col = self._cursor
        row = layout.line_of(row)
        x, y = self.scroll_x, self.scroll_y
        body_height = max(self.body_height(), 1)
        body_width = max(self.width - layout.gutter, layout.cell) // layout.cell * layout.cell
        if row < y:
            y = row
        elif row >= y + body_height:
            y = row - body_height + 1
        left, right = col * layout.cell, (col + 1) * layout.cell
        if left < x:
            x = left
        elif right > x + body_width:
            x = right - body_width
        return self.scroll_by(x - self.scroll_x, y - self.scroll_y)

    def page(self) -> int:
        """Rows in a page: the visible body lines (two rows each when dense)."""
        return (2 if self.layout is not None and self.layout.dense else 1) * max(self.body_height(), 1)

    def readout_text(self, width: int = 80) -> str:
        """The cell under the cursor, 1-based as the document counts, and its value."""
        r, c = self._cursor
        return readout(r, c, float(self._data[r, c]), width)

    def copied(self) -> tuple[str, str] | None:
        """(the exact value under the cursor, every digit; 'dZ1[2,1] = … (copied)')."""
        if self.value is None:
            return None
        text = textfmt.exact(self.value)
        name = self.title.split(" ", 1)[0]  # 'dZ1', as the title names it
        return text, f"{name}{self.readout_text().split(' ', 1)[0]} = {text} (copied)"

    # ---- drawing -----------------------------------------------------------
    def render_line(self, y: int, focused: bool = False) -> Strip:
        """Line ``y`` of the area, ``width`` cells; the cursor is drawn only when ``focused``."""
        width, styles = self.width, self.styles
        base = styles["base"]
        layout = self.layout
        if layout is None:
            text = f"{self.title} (empty)" if self.title and y == 0 else ""
            return Strip([Segment(text, base)]).crop_extend(0, width, base)
        scroll_x, scroll_y = self.scroll_x, self.scroll_y
        headers = self.headers()
        kind = headers[y] if y < len(headers) else "row"
        if kind == "title":
            return self._title_line(with_readout="readout" not in headers).crop_extend(0, width, base)
        if kind == "readout":
            return Strip([Segment(self.readout_text(width - 1), base)]).crop_extend(0, width, base)
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
            body = self._row_strip(row, focused and row == layout.line_of(self._cursor[0]), first, last)
            scroll_x -= first * layout.cell  # the strip starts at its first visible cell
        whole = max(width - layout.gutter, 0) // layout.cell * layout.cell  # whole cells only, never a cut number
        if scroll_x or body.cell_length > whole:  # (cropping walks every segment)
            body = body.crop(scroll_x, scroll_x + whole)
        segments = [gutter, *body]
        pad = width - layout.gutter - body.cell_length
        if pad > 0:
            segments.append(Segment(" " * pad, base))
        return Strip(segments, max(width, layout.gutter + body.cell_length))

    def _title_line(self, with_readout: bool) -> Strip:
        styles = self.styles
        room = self.width - len(self.layout.heading(self.title)) - 3  # and a blank column before the edge
        text = "  " + self.readout_text(room) if with_readout else ""
        return Strip([Segment(self.layout.heading(self.title), styles["title"]), Segment(text, styles["base"])])

    def _heat_codes(self) -> np.ndarray:
        """The heatmap level of every cell, computed once per array when first drawn."""
        if self._codes is None:
            self._codes = heatmap.levels(self._data, self.layout.low, self.layout.high)
        return self._codes

    def _scale_line(self) -> Strip:
        """min, the ramp with its colours, max; how many cells are NaN/Inf; and
        '▀ 2 rows a line' when dense and it fits. Where the ramp does not fit, min … max
        alone. A blank column stays before the edge."""
        layout, styles = self.layout, self.styles
        room = self.width - 1
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
        layout, cols = self.layout, self._data.shape[1]
        if layout.mode == "numbers":
            text = "".join(str(c + 1).rjust(layout.cell - 1) + " " for c in range(cols))
        else:
            step = 5 if cols <= 50 else 10
            chars = [" "] * (cols * layout.cell)
            for c in range(step - 1, cols, step):
                label = str(c + 1)
                chars[c * layout.cell:c * layout.cell + len(label)] = label
            text = "".join(chars[:cols * layout.cell])
        return Strip([Segment(text, self.styles["dim"])], len(text))

    def _row_strip(self, row: int, with_cursor: bool, first: int, last: int) -> Strip:
        """The cells first..last-1 of one row (the visible ones of a wide matrix);
        kept for that window unless the cursor is on the row."""
        last = min(last, self._data.shape[1])
        cached = self._rows.get(row)
        if not with_cursor and cached is not None and cached[0] == (first, last):
            return cached[1]
        cursor = self._cursor[1] - first if with_cursor and first <= self._cursor[1] < last else -1
        if self.layout.mode == "numbers":
            segments = self._number_segments(row, cursor, first, last)
        elif self.layout.dense:
            segments = self._dense_segments(row, cursor, first, last)
        else:
            segments = self._heat_segments(row, cursor, first, last)
        strip = Strip(segments, (last - first) * self.layout.cell)
        if not with_cursor:
            self._rows[row] = ((first, last), strip)
        return strip

    def _number_segments(self, row: int, cursor: int, first: int, last: int) -> list[Segment]:
        layout, styles = self.layout, self.styles
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
        codes, row = self._heat_codes(), self._cursor[0]
        lower = codes[2 * line + 1, first:last] if 2 * line + 1 < codes.shape[0] else None
        known = self.styles["dense"].setdefault(self.layout.diverging, {})
        return heatmap.dense_segments(codes[2 * line, first:last], lower, cursor, row % 2 == 0, self._dense_style, known)

    def _dense_style(self, upper: int, lower: int | None, cursor: int) -> Style:
        """The colours of a dense cell: the upper row's over the lower row's; the
        cursor's half in the accent colour."""
        styles, diverging = self.styles, self.layout.diverging

        def color(code):
            return styles["error"] if code == heatmap.NON_FINITE else styles[heatmap.level_key(code, diverging)].color

        fg = styles["accent"] if cursor == 1 else color(upper)
        bg = None if lower is None else styles["accent"] if cursor == 2 else color(lower)
        return styles["base"] + Style(color=fg, bgcolor=bg)

    def _heat_segments(self, row: int, cursor: int, first: int, last: int) -> list[Segment]:
        mask = self._mask[row, first:last] if self._mask is not None else None
        return heatmap.row_segments(self._heat_codes()[row, first:last], mask, cursor, self._heat_table())

    def _heat_table(self) -> dict[int, tuple[str, Style]]:
        """(text, style) per cell key, for the style table and the data's signs."""
        diverging = self.layout.diverging
        if self._cells is None or self._cells[0] != diverging:
            styles = self.styles
            self._cells = (diverging, heatmap.cell_table(styles, styles["non_finite"], diverging))
        return self._cells[1]
