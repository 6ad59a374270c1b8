"""The model's output over the 2-D input plane: what a decision-boundary picture shows.

One forward pass over every grid point at once (X_grid is (2, rows·cols)),
so a 120×80 grid on a 2-16-16-1 network costs a few milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .metrics import predicted_classes
from .network import Network

MARGIN = 0.1  # of the data's extent on each side, so no point sits on the frame


@dataclass(frozen=True)
class Bounds:
    """The rectangle of the plane shown: x1 across, x2 up."""

    x1_min: float
    x1_max: float
    x2_min: float
    x2_max: float


@dataclass(frozen=True)
class BoundaryGrid:
    """The model's output at the centre of each cell of a rows × cols grid.

    Row 0 is the top (largest x2), column 0 the left (smallest x1), as the
    picture reads. ``kind`` says what ``values`` (rows, cols) hold:
    "sigmoid": ŷ = P(class 1); "softmax": the largest probability, with
    ``classes`` (rows, cols) the argmax class; "output": the raw output of
    the first output neuron (regression), ``classes`` None.
    """

    kind: str
    bounds: Bounds
    x1: np.ndarray  # (cols,) cell centres
    x2: np.ndarray  # (rows,) cell centres, top first
    values: np.ndarray
    classes: np.ndarray | None
    n_classes: int

    @property
    def shape(self) -> tuple[int, int]:
        return self.values.shape


def data_bounds(X: np.ndarray, margin: float = MARGIN) -> Bounds:
    """The box around X (2, m) grown by ``margin`` of its extent on each side.
    A flat extent (one point, or all on a line) still gets a unit width."""
    low, high = X.min(axis=1), X.max(axis=1)
    extent = np.where(high > low, high - low, 1.0)
    low, high = low - margin * extent, high + margin * extent
    return Bounds(float(low[0]), float(high[0]), float(low[1]), float(high[1]))


def cell_centres(low: float, high: float, n: int) -> np.ndarray:
    """(n,) centres of n equal cells spanning [low, high]."""
    step = (high - low) / n
    return low + step * (np.arange(n) + 0.5)


def boundary_grid(network: Network, X: np.ndarray, cols: int, rows: int,
                  bounds: Bounds | None = None, classification: bool = True) -> BoundaryGrid:
    """Evaluate ``network`` (2 inputs) on a rows × cols grid over the plane of X (2, m)."""
    if network.sizes[0] != 2:
        raise ValueError(f"a boundary needs 2 input features; the network takes {network.sizes[0]}")
    bounds = bounds or data_bounds(X)
    x1 = cell_centres(bounds.x1_min, bounds.x1_max, cols)
    x2 = cell_centres(bounds.x2_min, bounds.x2_max, rows)[::-1]  # top row = largest x2
    g1, g2 = np.meshgrid(x1, x2)  # each (rows, cols)
    Y_hat = network.forward(np.vstack([g1.ravel(), g2.ravel()]))  # (n_L, rows·cols)
    if not classification:
        return BoundaryGrid("output", bounds, x1, x2, Y_hat[0].reshape(rows, cols), None, 0)
    classes = predicted_classes(Y_hat).reshape(rows, cols)
    if Y_hat.shape[0] == 1:
        return BoundaryGrid("sigmoid", bounds, x1, x2, Y_hat[0].reshape(rows, cols), classes, 2)
    values = Y_hat.max(axis=0).reshape(rows, cols)
    return BoundaryGrid("softmax", bounds, x1, x2, values, classes, Y_hat.shape[0])
