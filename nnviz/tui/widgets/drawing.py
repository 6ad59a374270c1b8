"""Helpers for the panels drawn on Textual's Line API (equation.py)."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


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


def text_strips(console: Console, text: Text, width: int) -> list[Strip]:
    """``text`` wrapped at word boundaries to ``width`` columns, a strip a line.
    Lines that fit are taken as they are (Rich's wrapping costs a dozen times more)."""
    options = console.options.update(width=width, no_wrap=False, overflow="fold", highlight=False)
    strips = []
    for line in text.split("\n", allow_blank=True):
        if line.cell_len <= width:
            strips.append(Strip(line.render(console), line.cell_len))
        else:
            strips += [Strip(part) for part in console.render_lines(line, options, pad=False, new_lines=False)]
    return strips
