"""The input view: the current example drawn as a small picture.

    view = InputView(id="input")
    view.show(X[:, k], (8, 8), label="example 12 · digit 3")   # pixels (h·w,) or (h, w)
    view.show(None, None, label="")                            # no image data

Two pixel rows share one character: '▀' in the top pixel's colour on the
bottom pixel's colour, so an 8×8 digit takes 8×4 cells. Grey levels run from
the theme's background to its foreground (ink reads on dark and light themes).
Beside the picture, or below it when there is no room, the same image in shade
characters ' ░▒▓█' (two per pixel), which a capture without colour still shows.
Pixels are scaled from their own min to max for display.
"""

from __future__ import annotations

import numpy as np
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

SHADES = " ░▒▓█"


class InputView(Widget):
    """One image-shaped example: half-block colour picture plus a shade fallback."""

    DEFAULT_CSS = """
    InputView {
        height: auto;
        width: 1fr;
    }
    """

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._image: np.ndarray | None = None  # (h, w) in [0, 1]
        self._key: tuple | None = None  # what is drawn: label, shape, pixel bytes
        self._drawn: tuple[int, list[Strip]] | None = None  # (width, lines): drawn once per picture and width
        self.label = ""

    def show(self, pixels: np.ndarray | None, shape: tuple[int, int] | None, label: str = "") -> None:
        """Draw ``pixels`` reshaped to ``shape`` (height, width); None clears the view.
        The same picture again costs no redraw."""
        key = (label, shape, None if pixels is None else np.asarray(pixels).tobytes())
        if key == self._key:
            return
        self._key = key
        self.label = label
        if pixels is None or shape is None:
            self._image = None
        else:
            image = np.asarray(pixels, dtype=np.float64).reshape(shape)
            finite = np.isfinite(image)
            low = image[finite].min() if finite.any() else 0.0
            span = (image[finite].max() - low) if finite.any() else 0.0
            # Scaling for display only: the darkest pixel to 0, the brightest to 1.
            self._image = np.where(finite, (image - low) / (span or 1.0), 0.0)
        self._drawn = None
        self.refresh(layout=True)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._drawn = None  # grey levels run between the theme's colours

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self._drawing(width))

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        lines = self._drawing(width)
        return lines[y] if y < len(lines) else Strip.blank(width, self.rich_style)

    def _drawing(self, width: int) -> list[Strip]:
        """The lines at ``width``, styled: drawn again only for a new picture, width or theme."""
        if self._drawn is None or self._drawn[0] != width:
            style = self.rich_style
            self._drawn = (width, [line.crop_extend(0, width, None).apply_style(style) for line in self._lines(width)])
        return self._drawn[1]

    def _lines(self, width: int) -> list[Strip]:
        if self._image is None:
            return [Strip([Segment(self.label or "no image data", Style(dim=True))])]
        picture, shade = self._picture(), self._shade()
        h, w = self._image.shape
        lines = [Strip([Segment(self.label, Style(bold=True))])] if self.label else []
        if w + 2 + 2 * w <= width:  # side by side
            for i, row in enumerate(shade):
                left = picture[i] if i < len(picture) else Strip.blank(w)
                lines.append(Strip.join([left, Strip.blank(2), row]))
        else:
            lines += picture + shade
        return lines

    def _picture(self) -> list[Strip]:
        image = self._image
        h, w = image.shape
        _, _, background, foreground = self.colors

        def grey(value: float):
            """A pixel's colour: the theme's background at 0, its foreground at 1."""
            return background.blend(foreground, float(value)).rich_color

        rows = []
        for top in range(0, h, 2):
            segments = []
            for col in range(w):
                upper = grey(image[top, col])
                lower = grey(image[top + 1, col]) if top + 1 < h else None
                segments.append(Segment("▀", Style(color=upper, bgcolor=lower)))
            rows.append(Strip(segments, w))
        return rows

    def _shade(self) -> list[Strip]:
        levels = np.rint(self._image * (len(SHADES) - 1)).astype(int)
        return [Strip([Segment("".join(SHADES[v] * 2 for v in row))], 2 * len(row)) for row in levels]
