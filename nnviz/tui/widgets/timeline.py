"""The current batch's steps, F1 F2 … L … B2 B1 … U2 U1, with the cursor."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive

from ..frame import Frame
from .drawing import TextLines


class Timeline(TextLines):
    """Taken steps plain, the current one reversed, the ones to come dim.
    A batch longer than the width scrolls to keep the cursor in view."""

    DEFAULT_CSS = "Timeline { height: 1; }"

    frame: reactive[Frame | None] = reactive(None, repaint=False)

    def drawn_for(self) -> object:
        return self.frame

    def watch_frame(self) -> None:
        self.redraw()

    def text_at(self, width: int) -> Text:
        frame = self.frame
        if frame is None:
            return Text()
        position = frame.position
        batch = f"batch {position.batch}" if position else "batch 1"
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"{batch} ", style="bold")
        cells = self._window(frame, width - len(text))
        for offset, label in cells:
            if offset == frame.offset:
                style = "bold reverse"
            elif offset < frame.offset:
                style = ""
            else:
                style = "dim"
            text.append(f" {label} ", style=style)
        return text

    @staticmethod
    def _window(frame: Frame, width: int) -> list[tuple[int, str]]:
        """The labels that fit in ``width``, around the cursor."""
        cells = list(enumerate(frame.labels))
        widths = [len(label) + 2 for label in frame.labels]
        if sum(widths) <= width or width <= 0:
            return cells
        fits = max(1, width // max(widths))
        start = min(max(0, frame.offset - fits // 2), len(cells) - fits)
        return cells[start:start + fits]
