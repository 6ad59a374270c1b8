"""The panel tabs: one line of panel names, the one on screen reversed; a click picks one.

    tabs = PanelTabs({"matrices": "Matrices", "loss": "Loss"}, id="panel-tabs")
    tabs.names = ("matrices", "loss")     # the tabs offered, in order
    tabs.current = "loss"                 # the one shown reversed

One widget drawing one line, repainted only when the tabs or the current one
change: the screen is laid out again at most steps, and a Textual Tabs bar
(a scroll container of Tab widgets and an animated underline) cost about
2 ms of every step. Messages up: a click posts ``PanelTabs.Chosen(name)``.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget


class PanelTabs(Widget):
    """Clickable panel names on one line."""

    DEFAULT_CSS = "PanelTabs { height: 1; }"

    names: reactive[tuple[str, ...]] = reactive(())
    current: reactive[str] = reactive("")

    @dataclass
    class Chosen(Message):
        """The user clicked the tab of panel ``name``."""

        name: str

    def __init__(self, labels: dict[str, str], *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.labels = labels

    def spans(self) -> list[tuple[int, int, str]]:
        """(first column, column after the last, name) of each tab."""
        spans, x = [], 0
        for name in self.names:
            width = len(self.labels[name]) + 2  # " Label "
            spans.append((x, x + width, name))
            x += width + 1
        return spans

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        for start, end, name in self.spans():
            if name == self.current:
                text.append(f" {self.labels[name]} ", style="bold reverse")
            else:
                text.append(" ")
                text.append(self.labels[name], style="underline")
                text.append(" ")
            text.append(" ")
        return text

    def on_click(self, event: Click) -> None:
        name = next((name for start, end, name in self.spans() if start <= event.x < end), None)
        if name is not None:
            self.post_message(self.Chosen(name))
