"""The network drawn as a graph, on the Line API: network_picture.py lays out
the cells for the widget's size; this widget styles them and answers clicks.

The picture is drawn again only when the frame, the size, the precision or
the selection changed; a repaint copies the strips.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from ..frame import Frame, Selection
from .drawing import TruecolorOnly
from .network_picture import Picture, draw

# Blue for +, red for −, amber for |Δw|; three strengths each (1 faint .. 3 strong).
PALETTE = {
    "+1": "#35608f", "+2": "#4f8fd6", "+3": "#8cc4ff",
    "-1": "#8f3d35", "-2": "#d65a4f", "-3": "#ff9c8c",
    "d1": "#7a6420", "d2": "#c49a22", "d3": "#ffd34d",
    "dim": "#5c5c5c", "text": "", "header": "bold", "current": "bold reverse",
    "selected": "bold reverse", "picked": "bold #ffffff", "bar": "#8cc4ff",
}


@lru_cache(maxsize=None)
def style_of(name: str | None) -> Style:
    """'+2 bold' -> the palette's +2 colour, bold."""
    if not name:
        return Style()
    head, *rest = name.split()
    return Style.parse(" ".join([PALETTE.get(head, head), *rest]).strip() or "none")


@lru_cache(maxsize=None)
def blank_as_is(name: str | None) -> bool:
    """Whether a blank drawn in style ``name`` looks as a blank drawn in none: no
    background, reverse or line of its own (a colour or bold does not show on a blank)."""
    style = style_of(name)
    return not (style.bgcolor or style.reverse or style.underline or style.strike or style.overline)


class NetworkView(TruecolorOnly, Widget):
    """Neurons and weights, the wave of the current step lit. A click on a layer's
    name posts ``LayerSelected``; on a node ``NeuronClicked``; on an edge ``WeightClicked``."""

    # A blank column at the right, as every panel keeps: a legend that fits exactly never ends at the border.
    DEFAULT_CSS = "NetworkView { width: 1fr; height: 1fr; padding-right: 1; }"

    frame: reactive[Frame | None] = reactive(None)
    selected_layer: reactive[int | None] = reactive(None)
    selection: reactive[Selection | None] = reactive(None)
    precision: reactive[int] = reactive(3)

    @dataclass
    class LayerSelected(Message):
        layer: int

    @dataclass
    class NeuronClicked(Message):
        layer: int  # 0: the input
        neuron: int  # 0-based

    @dataclass
    class WeightClicked(Message):
        layer: int
        row: int  # W_layer[row, col], 0-based
        col: int

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._drawn: tuple[object, Picture | None, list[Strip]] = (None, None, [])

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn = (None, None, [])  # the strips carry the widget's colours (a new theme)

    def picture(self) -> tuple[Picture | None, list[Strip]]:
        """The picture and its strips, drawn again only when what they show changed."""
        width, height = self.size
        key = (self.frame, width, height, self.precision, self.selected_layer, self.selection)
        if self._drawn[0] != key:
            if self.frame is None or width < 1 or height < 1:
                self._drawn = (key, None, [])
            else:
                picture = draw(self.frame, width, height, self.precision, key[-1], self.selected_layer)
                base = self.rich_style
                styles = {name: base + style_of(name) for name in set().union(*picture.styles)}
                self._drawn = (key, picture, [self._strip(picture, y, styles) for y in range(picture.height)])
        return self._drawn[1], self._drawn[2]

    @staticmethod
    def _strip(picture: Picture, y: int, styles: dict[str | None, Style]) -> Strip:
        """One row as segments (``styles``: each style name's Style on the widget's), a
        segment per run of one style; a blank cell joins the run before it where it looks
        the same there (every segment costs Textual its own work and its own escape codes)."""
        chars, starts, names = picture.chars[y], [], []
        for x, name in enumerate(picture.styles[y]):
            if names and (name == names[-1] or (name is None and chars[x] == " " and blank_as_is(names[-1]))):
                continue
            starts.append(x)
            names.append(name)
        starts.append(picture.width)
        return Strip([Segment("".join(chars[start:end]), styles[name])
                      for start, end, name in zip(starts, starts[1:], names)], picture.width)

    def render_line(self, y: int) -> Strip:
        strips = self.picture()[1]
        return strips[y] if y < len(strips) else Strip.blank(self.size.width)

    def text(self) -> str:
        """The picture as plain text, one line per row (for tests and captures)."""
        picture = self.picture()[0]
        return "\n".join(picture.lines) if picture else ""

    def on_click(self, event: events.Click) -> None:
        picture = self.picture()[0]
        target = picture.targets.get((event.x, event.y)) if picture else None
        if target is None:
            return
        if target.kind == "weight":
            self.post_message(self.WeightClicked(target.layer, target.row, target.col))
        elif target.kind == "neuron":
            self.post_message(self.NeuronClicked(target.layer, target.row))
        elif 1 <= target.layer <= len(self.frame.network.layers):
            self.post_message(self.LayerSelected(target.layer))
