"""What a [data] table loads to, before it meets the network.

Rows are examples here, as people write tables; the scenario builder
transposes to the engine's one-example-per-column layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class RawData:
    """Examples as rows.

    X: (m, n_0) float64 features, already scaled and flattened.
    y: (m,) labels or targets, or (m, k) one-hot rows / regression targets.
    X_test, y_test: the held-out split, or None.
    image_shape: (height, width) when each row is a flattened image, else None.
    feature_names, class_names: for display; empty when unknown.
    """

    X: np.ndarray
    y: np.ndarray
    X_test: np.ndarray | None = None
    y_test: np.ndarray | None = None
    image_shape: tuple[int, int] | None = None
    feature_names: tuple[str, ...] = field(default_factory=tuple)
    class_names: tuple[str, ...] = field(default_factory=tuple)
