"""Stand-ins for panels still being built elsewhere (temporary; same call shapes)."""

from __future__ import annotations

import numpy as np
from textual.widgets import Static


class MatrixView(Static, can_focus=True):
    DEFAULT_CSS = "MatrixView { height: auto; width: auto; border: round $primary; }"

    def show(self, name, array, *, title, highlight=None, precision=3, mode="auto") -> None:
        self.border_title = title
        matrix = np.atleast_2d(array)
        rows = [" ".join(f"{v:>{precision + 4}.{precision}f}" for v in row[:12]) for row in matrix[:12]]
        self.update("\n".join(rows))


class EquationPanel(Static):
    def show(self, step, **_) -> None:
        self.update(step.formula if step is not None else "")


class LossPlot(Static):
    def show(self, history, position, **_) -> None:
        self.update(" ".join(f"{v:.4g}" for v in history.batches[-8:]) or "no loss yet")


class InputView(Static):
    def show(self, image, **_) -> None:
        self.update(f"image {image.shape}" if image is not None else "")
