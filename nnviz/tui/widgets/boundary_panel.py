"""The decision boundary of the current network, sized to the panel.

``show(network, X, labels)`` hands the data down; the panel asks the engine
for a grid of exactly its own size (two grid rows a line) and draws it with
nnviz.render.boundary, so it fills the panel and redraws on resize.
"""

from __future__ import annotations

import numpy as np
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from ...engine.boundary import Bounds, boundary_grid, data_bounds
from ...engine.network import Network
from ...render.boundary import boundary_legend, boundary_text


class BoundaryPanel(Widget):
    """Heatmap of the model's output over the 2-D input plane, training points on top."""

    # the panel sizes the grid to itself, so its size must not depend on what it draws
    DEFAULT_CSS = "BoundaryPanel { width: 1fr; height: 1fr; min-height: 6; }"

    color: reactive[bool] = reactive(True)  # False: the shade-character fallback

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.network: Network | None = None
        self.X: np.ndarray | None = None
        self.labels: np.ndarray | None = None
        self.classification = True
        self.class_names: tuple[str, ...] = ()
        self.bounds: Bounds | None = None
        self._drawn: tuple[tuple, Text] | None = None  # (what it was drawn from, the picture)

    def show(self, network: Network, X: np.ndarray, labels: np.ndarray | None = None,
             classification: bool = True, class_names: tuple[str, ...] = ()) -> None:
        """Draw ``network``'s output over the plane of X (2, m); ``labels`` (m,) mark the points.
        The plane's bounds are fixed by the first X shown, so the picture holds still as training runs."""
        if self.bounds is None or self.X is None or X.shape != self.X.shape or not np.array_equal(X, self.X):
            self.bounds = data_bounds(X) if X.shape[0] == 2 else None
        self.network, self.X, self.labels = network, X, labels
        self.classification, self.class_names = classification, class_names
        self.refresh()

    def render(self) -> Text:
        if self.network is None or self.X is None:
            return Text("no network yet")
        if self.network.sizes[0] != 2:
            return Text(f"A decision boundary needs 2 input features; this network takes {self.network.sizes[0]}.")
        width, height = self.size.width, self.size.height - 1  # the last line is the legend
        if width < 2 or height < 1:
            return Text("")
        objects, sizes = (self.network, self.X, self.labels, self.bounds), (width, height, self.color)
        drawn = self._drawn
        if drawn is None or drawn[0][1] != sizes or any(a is not b for a, b in zip(drawn[0][0], objects)):
            # a repaint (a toast over the panel, a focus change) reuses the picture: the grid is
            # computed again only for another network, size or look
            grid = boundary_grid(self.network, self.X, cols=width, rows=2 * height, bounds=self.bounds,
                                 classification=self.classification)
            text = boundary_text(grid, self.X, self.labels, self.color)
            text.append("\n")
            text.append_text(boundary_legend(grid, self.class_names, self.color))
            self._drawn = ((objects, sizes), text)
        return self._drawn[1]
