"""The footer: the screen's keys that fit in one line, then '… ? more' when some do not.

Textual's Footer cuts its last key at the screen's edge ('g Go to' was the last
thing shown at 80 columns). This one lays the keys out itself, whole ones only,
in the order of the screen's bindings (keys.py puts help and quit first), and
says where the rest are. A click on a key presses it.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widget import Widget

MORE = "… ? more"


def fit(items: list[tuple[str, str]], width: int) -> tuple[list[tuple[str, str]], bool]:
    """The (key, description) items that fit in ``width`` one space apart, and
    whether some were left out (room for MORE is then kept at the end)."""
    lengths = [len(key) + 1 + len(description) for key, description in items]
    if sum(lengths) + len(lengths) - 1 <= width:
        return items, False
    shown, used = [], len(MORE)
    for item, length in zip(items, lengths):
        if used + length + 1 > width:
            break
        shown.append(item)
        used += length + 1
    return shown, True


class KeyFooter(Widget):
    """One line of 'key description' pairs that never ends in a cut word."""

    DEFAULT_CSS = """
    KeyFooter { height: 1; dock: bottom; background: $footer-background; color: $footer-foreground; }
    KeyFooter > .key-footer--key { color: $footer-key-foreground; text-style: bold; }
    """
    COMPONENT_CLASSES = {"key-footer--key"}

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) of each shown key

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, lambda _screen: self.refresh())

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _items(self) -> list[tuple[str, str, str]]:
        """(key shown, description, key name) of every shown binding, one per action."""
        items, actions = [], set()
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and enabled and binding.action not in actions:
                actions.add(binding.action)
                items.append((self.app.get_key_display(binding), binding.description, binding.key))
        palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            binding = palette[1]
            items.append((self.app.get_key_display(binding), binding.description, binding.key))
        return items

    def render(self) -> Text:
        items = self._items()
        shown, more = fit([(key, description) for key, description, _ in items], self.size.width)
        key_style = self.get_component_rich_style("key-footer--key")
        text, self._spans = Text(no_wrap=True, overflow="crop"), []
        for (key, description), (_, _, name) in zip(shown, items):
            start = len(text)
            text.append(key, key_style)
            text.append(f" {description} ")
            self._spans.append((start, len(text) - 1, name))
        if more:
            text.append(MORE, key_style)
        text.rstrip()
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, name in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(name)
