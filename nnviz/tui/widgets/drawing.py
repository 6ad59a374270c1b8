"""Helpers for the panels drawn on Textual's Line API (equation.py, status.py, timeline.py,
and the truecolor-only matrices and network)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.filter import ANSIToTruecolor, LineFilter, dim_color
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget


class TruecolorOnly:
    """For a widget whose every style is truecolor and none dim (``dimmed``): Textual's
    filter that makes ANSI colours and dim truecolor would copy every segment of every
    line it draws for nothing, so it is left out. Other filters (NO_COLOR's monochrome)
    still apply; under an ANSI theme Textual turns that filter off anyway."""

    def get_line_filters(self) -> list[LineFilter]:
        return [f for f in super().get_line_filters() if not isinstance(f, ANSIToTruecolor)]


def dimmed(style: Style) -> Style:
    """``style``'s text dim, as the truecolor filter would draw it: its colour blended
    toward its background. Under an ANSI theme (colours without RGB) the terminal's own dim."""
    if style.color is None or style.bgcolor is None or not (style.color.triplet and style.bgcolor.triplet):
        return Style(dim=True)
    return Style(color=dim_color(style.bgcolor, style.color))


def set_drawing_size(view: ScrollView, size: Size) -> None:
    """Tell ``view`` how big its drawing is. Where the view's own size follows
    its drawing (``height: auto``) that is a layout pass; where the parent
    fixes the view's size, only the scrollbars and the offset follow, and the
    new drawing costs a repaint, not a layout of the screen (what ScrollView
    itself does when it is resized)."""
    if size == view.virtual_size:
        return
    if view.styles.auto_dimensions:
        view.virtual_size = size
    else:
        view.set_reactive(ScrollView.virtual_size, size)
        view._scroll_update(size)


def text_lines(console: Console, text: Text, width: int) -> list[list[Segment]]:
    """``text`` wrapped at word boundaries to ``width`` columns, as segments a line.
    Where every line fits, the Text is rendered once and split at its newlines
    (Rich's wrapping costs a dozen times more, and a Text a line twice as much)."""
    lines = text.plain.split("\n")
    if all(cell_len(line) <= width for line in lines):
        rendered = list(Segment.split_lines(text.render(console)))
        return rendered + [[] for _ in range(len(lines) - len(rendered))]  # a last line left empty
    options = console.options.update(width=width, no_wrap=False, overflow="fold", highlight=False)
    return [part for line in text.split("\n", allow_blank=True)
            for part in console.render_lines(line, options, pad=False, new_lines=False)]


def styled_lines(console: Console, text: Text, width: int, style: Style) -> list[Strip]:
    """``text_lines`` in the widget's ``style``, each line ``width`` wide, padded as
    Textual pads a line: no colour where nothing is written."""
    text = text.copy()  # the caller's Text keeps its own styles
    text.stylize_before(style)  # under every span (Text.render leaves out a base style without spans)
    blank = Style(bgcolor=style.bgcolor)
    strips = []
    for segments in text_lines(console, text, width):
        length = Segment.get_line_length(segments)
        strips.append(Strip([*segments, Segment(" " * (width - length), blank)], width) if length < width
                      else Strip(segments, length).crop(0, width))
    return strips


class TextLines(Widget):
    """A widget of one Text (``text_at(width)``) drawn on the Line API, wrapped to
    the width once per ``drawn_for()`` key (Textual's own path converts the Text
    again at every repaint). Its height follows the wrapped text."""

    DEFAULT_CSS = "TextLines { height: auto; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._drawn: tuple[object, list[Strip]] = (None, [])

    def drawn_for(self) -> object:
        """What the text depends on besides the width and the styles."""
        raise NotImplementedError

    def text_at(self, width: int) -> Text:
        """The text to show ``width`` columns wide."""
        raise NotImplementedError

    def render(self) -> Text:
        return self.text_at(self.size.width)

    def lines(self, width: int | None = None) -> list[Strip]:
        width = self.size.width if width is None else width
        style = self.rich_style
        key = (self.drawn_for(), width, style)
        if self._drawn[0] != key:
            self._drawn = (key, styled_lines(self.app.console, self.text_at(width), width, style) if width > 0 else [])
        return self._drawn[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(len(self.lines(width)), 1)

    def render_line(self, y: int) -> Strip:
        lines = self.lines()
        return lines[y] if y < len(lines) else Strip.blank(self.size.width, self.rich_style)

    def redraw(self) -> None:
        """Repaint; lay the screen out only when the number of lines changed."""
        before = len(self._drawn[1])
        self.refresh(layout=len(self.lines()) != before)
