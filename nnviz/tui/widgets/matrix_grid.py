"""Matrix widgets on Textual's Line API: MatrixGrid draws matrix_drawing.py's
drawings side by side in one widget, and MatrixView is a grid of one.

    view = MatrixView()
    view.show("W", W, title="W2 (3×4)", change=W_new - W_old, precision=3, mode="auto")
    view.toggle_mode()          # numbers <-> heatmap
    view.precision = 5          # significant digits of the largest cell

    def on_matrix_grid_cell_selected(self, event: MatrixGrid.CellSelected):
        event.name, event.row, event.col, event.value   # 0-based row and col

One widget for many arrays: a new array, or a new arrangement of them, is a
repaint of this widget and never a layout of the screen (only a new total
height is). The focused drawing ("slot") has the cell cursor: the arrow keys,
page up/down, home and end move it and scroll the drawing; Tab and shift+Tab
go from slot to slot and then on to the next widget; a click picks a slot and
a cell; the wheel scrolls the drawing under the mouse while it can, then the
panel around it; y copies the exact value under the cursor.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.color import Color
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from . import heatmap
from .drawing import TruecolorOnly, dimmed
from .matrix_drawing import MatrixDrawing


class MatrixGrid(TruecolorOnly, Widget, can_focus=True):
    """Drawings in regions of one widget; subclasses place them (``place``)."""

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
        Binding("tab", "slot(1)", "Next matrix", show=False),
        Binding("shift+tab", "slot(-1)", "Previous matrix", show=False),
    ]

    @dataclass
    class CellSelected(Message):
        """The cursor moved to (row, col), 0-based, of the array called ``name``."""

        name: str
        row: int
        col: int
        value: float
        matrix: MatrixGrid | None = field(default=None, repr=False, compare=False)

        @property
        def control(self) -> MatrixGrid | None:
            return self.matrix

    def __init__(self, drawings: int = 1, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.drawings = [MatrixDrawing() for _ in range(drawings)]
        self.regions: list[Region] = []  # where drawing i is, for the first len(regions) drawings
        self.slot = 0  # the drawing with the cursor
        self._width = 0
        self._styles: dict | None = None

    # ---- placing the drawings -----------------------------------------------
    def place(self, regions: list[Region], width: int) -> None:
        """Give the first ``len(regions)`` drawings these areas of the widget, ``width``
        columns wide, and repaint."""
        self.regions, self._width = regions, width
        for drawing, region in zip(self.drawings, regions):
            drawing.width, drawing.height = region.width, region.height
            drawing.scroll_by(0, 0)  # within the drawing at its new size
        self.slot = min(self.slot, max(len(regions) - 1, 0))
        self.refresh()

    def shown(self) -> list[int]:
        """The slots that show an array."""
        return [i for i in range(len(self.regions)) if self.drawings[i].title]

    def slot_at(self, x: int, y: int) -> int | None:
        return next((i for i, region in enumerate(self.regions) if region.contains(x, y)), None)

    # ---- styles -------------------------------------------------------------
    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._restyle())

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._restyle()

    def _restyle(self) -> None:
        self._styles = None
        self.refresh()

    def style_table(self) -> dict:
        """Styles for the heatmap levels and the text parts, from the current theme.
        Each already holds the widget's own style, so lines need no second pass."""
        if self._styles is None:
            base = self.rich_style
            variables = self.app.theme_variables
            background, dark = self.background_colors[1], self.app.current_theme.dark
            styles = heatmap.level_styles(base, background, dark)
            error = Color.parse(variables.get("error", "#e04040")).rich_color
            accent = Color.parse(variables.get("accent", "#ffa62b")).rich_color
            styles.update(base=base, plain=base, blank=Style(bgcolor=base.bgcolor), non_finite=base + Style(color=error, bold=True),
                          dim=base + dimmed(base), title=base + Style(bold=True),
                          shade=heatmap.shade_styles(background, dark), accent=accent, error=error, dense={})
            self._styles = styles
            for drawing in self.drawings:
                drawing.restyle(styles)
        return self._styles

    # ---- drawing ------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        styles = self.style_table()
        base = styles["blank"]
        focused = self.has_focus
        segments, x = [], 0  # the drawings' segments in one list (Strip.join counts every cell again)
        for i, region in enumerate(self.regions):
            if region.y <= y < region.bottom:
                if region.x > x:
                    segments.append(Segment(" " * (region.x - x), base))
                    x = region.x
                strip = self.drawings[i].render_line(y - region.y, focused and i == self.slot)
                segments += strip
                x += strip.cell_length
        if x < self._width:
            segments.append(Segment(" " * (self._width - x), base))
        return Strip(segments, max(x, self._width))

    def refresh_slot(self, i: int, line: int | None = None) -> None:
        """Repaint drawing i, or one line of it."""
        if i >= len(self.regions):
            return
        region = self.regions[i]
        if line is None:
            self.refresh(region)
        elif 0 <= line < region.height:
            self.refresh(Region(region.x, region.y + line, region.width, 1))

    # ---- the cursor ---------------------------------------------------------
    def move_cursor(self, i: int, row: int, col: int, announce: bool = True) -> None:
        """Put drawing i's cursor on (row, col); ``announce`` posts CellSelected when it moved."""
        drawing = self.drawings[i]
        moved = drawing.move_to(row, col)
        if moved is None:
            return
        (old, scrolled), new = moved, drawing.cursor
        if scrolled:
            self.refresh_slot(i)
        elif new != old:
            for line in (0, 1, drawing.line_of_row(old[0]), drawing.line_of_row(new[0])):  # and the readout
                self.refresh_slot(i, line)
        if announce and new != old:
            self.post_message(self.CellSelected(drawing.array_name, *new, float(drawing.array[new]), self))

    def _focused(self) -> tuple[int, MatrixDrawing] | None:
        if self.slot < len(self.regions) and self.drawings[self.slot].layout is not None:
            return self.slot, self.drawings[self.slot]
        return None

    def action_move(self, rows: int, cols: int) -> None:
        if (focused := self._focused()) is not None:
            i, drawing = focused
            self.move_cursor(i, drawing.cursor[0] + rows, drawing.cursor[1] + cols)

    def action_move_page(self, pages: int) -> None:
        if (focused := self._focused()) is not None:
            self.action_move(pages * focused[1].page(), 0)

    def action_move_to(self, row: int, col: int) -> None:
        if (focused := self._focused()) is not None:
            i, drawing = focused
            rows, cols = drawing.array.shape
            self.move_cursor(i, row % rows, col % cols)

    def action_copy(self, i: int | None = None) -> None:
        """The exact value under drawing i's cursor (the focused one's), every digit,
        to the clipboard and on screen."""
        copied = self.drawings[self.slot if i is None else i].copied()
        if copied is not None:
            self.app.copy_to_clipboard(copied[0])
            self.notify(copied[1], timeout=4)

    def action_slot(self, step: int) -> None:
        """The next (or previous) drawing that shows an array; past the last, the next widget."""
        shown = self.shown()
        later = [i for i in shown if (i - self.slot) * step > 0]
        if not later:
            self.screen.focus_next() if step > 0 else self.screen.focus_previous()
            return
        self._focus_slot(min(later, key=lambda i: abs(i - self.slot)))

    def _focus_slot(self, i: int) -> None:
        old, self.slot = self.slot, i
        for j in (old, i):
            drawing = self.drawings[j]
            if drawing.layout is not None:
                self.refresh_slot(j, drawing.line_of_row(drawing.cursor[0]))

    def on_focus(self) -> None:
        self._focus_slot(self.slot)  # the cursor is drawn only while the widget has the focus

    def on_blur(self) -> None:
        self._focus_slot(self.slot)

    # ---- the mouse ----------------------------------------------------------
    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        i = None if offset is None else self.slot_at(offset.x, offset.y)
        if i is None:
            return
        region = self.regions[i]
        cell = self.drawings[i].cell_at(offset.x - region.x, offset.y - region.y)
        if cell is None:
            return
        self.focus()
        self._focus_slot(i)
        self.move_cursor(i, *cell)

    def _scroll_slot(self, event: events.MouseEvent, dx: int, dy: int) -> None:
        """The wheel scrolls the drawing under the mouse while it can; else the panel does."""
        offset = event.get_content_offset(self)
        i = None if offset is None else self.slot_at(offset.x, offset.y)
        if i is not None and self.drawings[i].layout is not None and self.drawings[i].scroll_by(dx, dy):
            self.refresh_slot(i)
            event.stop()
            event.prevent_default()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self._scroll_slot(event, 0, 1)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self._scroll_slot(event, 0, -1)

    def on_mouse_scroll_right(self, event: events.MouseScrollRight) -> None:
        self._scroll_slot(event, 2, 0)

    def on_mouse_scroll_left(self, event: events.MouseScrollLeft) -> None:
        self._scroll_slot(event, -2, 0)


def _of_drawing(name: str, settable: bool = False) -> property:
    """A MatrixView property that is its drawing's; setting it repaints the view."""
    def get(view: MatrixView):
        return getattr(view.drawing, name)

    def set_(view: MatrixView, value) -> None:
        setattr(view.drawing, name, value)
        view.refresh()

    return property(get, set_ if settable else None)


class MatrixView(MatrixGrid):
    """One named 2-D array as numbers or a heatmap, with a cell cursor: a grid of one drawing
    that fills the widget."""

    DEFAULT_CSS = """
    MatrixView {
        height: 1fr;
        min-height: 4;
    }
    """

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(1, name=name, id=id, classes=classes)

    @property
    def drawing(self) -> MatrixDrawing:
        return self.drawings[0]

    def on_resize(self) -> None:
        self.place([Region(0, 0, *self.size)], self.size.width)

    def show(self, name: str, array, **options) -> None:
        """MatrixDrawing.show; see there."""
        self.drawing.show(name, array, **options)
        self.refresh()

    def clear(self) -> None:
        self.drawing.clear()
        self.refresh()

    # What its one drawing shows (see MatrixDrawing); a new mode or precision repaints.
    title = _of_drawing("title")
    array_name = _of_drawing("array_name")
    value = _of_drawing("value")
    array = _of_drawing("array")
    mode = _of_drawing("mode", settable=True)
    precision = _of_drawing("precision", settable=True)

    def toggle_mode(self) -> None:
        self.mode = "heatmap" if self.mode == "numbers" else "numbers"

    @property
    def cursor(self) -> tuple[int, int]:
        """(row, col) of the cell cursor, 0-based."""
        return self.drawing.cursor

    @cursor.setter
    def cursor(self, cell: tuple[int, int]) -> None:
        self.move_cursor(0, *cell)
