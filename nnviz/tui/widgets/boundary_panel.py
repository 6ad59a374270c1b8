"""The decision boundary of the current network, sized to the panel.

The panel computes nothing: its owner hands it a grid of the panel's
``grid_size`` (two grid rows a line; the Controller computes it) with
``show``, and the panel draws it with nnviz.render.boundary. When its size
changes it posts ``SizeChanged`` so the owner hands it a grid of the new size.
"""

from __future__ import annotations

import numpy as np
from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from ...engine.boundary import BoundaryGrid
from ...engine.network import Network
from ...render.boundary import boundary_legend, boundary_text


class BoundaryPanel(Widget):
    """Heatmap of the model's output over the 2-D input plane, training points on top."""

    # the grid is sized to the panel, so the panel's size must not depend on what it draws
    DEFAULT_CSS = "BoundaryPanel { width: 1fr; height: 1fr; min-height: 6; }"

    color: reactive[bool] = reactive(True)  # False: the shade-character fallback

    class SizeChanged(Message):
        """The panel needs a grid of its new ``grid_size``."""

        def __init__(self, panel: BoundaryPanel) -> None:
            super().__init__()
            self.panel = panel

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.network: Network | None = None
        self.grid: BoundaryGrid | None = None
        self.X: np.ndarray | None = None
        self.labels: np.ndarray | None = None
        self.class_names: tuple[str, ...] = ()
        self._drawn: tuple[tuple, Text] | None = None  # (what it was drawn from, the picture)

    @property
    def grid_size(self) -> tuple[int, int] | None:
        """(cols, rows) of the grid that fills the panel (the last line is the legend); None when too small."""
        width, height = self.size.width, self.size.height - 1
        return (width, 2 * height) if width >= 2 and height >= 1 else None

    def show(self, network: Network, grid: BoundaryGrid | None, X: np.ndarray, labels: np.ndarray | None = None,
             class_names: tuple[str, ...] = ()) -> None:
        """Draw ``grid``, ``network``'s output over the plane of X (2, m); ``labels`` (m,) mark the points."""
        self.network, self.grid, self.X, self.labels, self.class_names = network, grid, X, labels, class_names
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        if self.network is not None:
            self.post_message(self.SizeChanged(self))

    def render(self) -> Text:
        if self.network is None or self.X is None:
            return Text("no network yet")
        if self.network.sizes[0] != 2:
            return Text(f"A decision boundary needs 2 input features; this network takes {self.network.sizes[0]}.")
        if self.grid is None or self.grid_size is None:
            return Text("")
        objects = (self.grid, self.X, self.labels, self.color)
        drawn = self._drawn
        if drawn is None or any(a is not b for a, b in zip(drawn[0], objects)):
            # a repaint (a toast over the panel, a focus change) reuses the picture
            text = boundary_text(self.grid, self.X, self.labels, self.color)
            text.append("\n")
            text.append_text(boundary_legend(self.grid, self.class_names, self.color))
            self._drawn = (objects, text)
        return self._drawn[1]
