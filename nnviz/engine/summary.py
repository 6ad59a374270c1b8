"""Small read-only summaries of a Step's arrays, for the views to print.

The views compute no math; what they need beyond the arrays themselves
(a norm, which cells an update changed, a value range) comes from here.
"""

from __future__ import annotations

import numpy as np


def norm(array: np.ndarray) -> float:
    """‖array‖, the Frobenius norm (the one the grad-norm breakpoints use)."""
    with np.errstate(all="ignore"):
        return float(np.linalg.norm(array))


def changed(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """Boolean mask, shape of ``after``: the cells an update changed."""
    return np.asarray(before != after)


def value_range(array: np.ndarray) -> tuple[float, float] | None:
    """(min, max) over the finite values, or None when there are none."""
    finite = array[np.isfinite(array)]
    if not finite.size:
        return None
    return float(finite.min()), float(finite.max())
