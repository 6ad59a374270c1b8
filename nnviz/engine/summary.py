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


def change(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """``after - before`` where an update changed a cell, exactly 0 where it did not."""
    return np.where(changed(before, after), np.asarray(after) - np.asarray(before), 0.0)


def value_range(array: np.ndarray) -> tuple[float, float] | None:
    """(min, max) over the finite values, or None when there are none."""
    finite = array[np.isfinite(array)]
    if not finite.size:
        return None
    return float(finite.min()), float(finite.max())


def top_k(values: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` entries of largest |value| (NaN and Inf count as the
    largest; ties go to the lower index), in index order."""
    values = np.ravel(values)
    size = np.where(np.isfinite(values), np.abs(values), np.inf)
    order = np.argsort(-size, kind="stable")[:max(k, 0)]
    return np.sort(order)


def relative(array: np.ndarray) -> np.ndarray:
    """|array| / max |array| over the finite values, in [0, 1] (non-finite cells: 1;
    all zero: 0)."""
    array = np.asarray(array, dtype=np.float64)
    size = np.abs(array)
    finite = size[np.isfinite(size)]
    top = finite.max() if finite.size else 0.0
    with np.errstate(all="ignore"):
        scaled = size / top if top > 0 else np.zeros_like(size)
    return np.where(np.isfinite(size), scaled, 1.0)


def log_scale(values, decades: float) -> list[float | None]:
    """Each value's place on one log scale shared by all: 1 at the largest finite
    value, 0 at ``decades`` decades below it (or lower, or 0); non-finite: 1;
    None stays None (a value not computed yet)."""
    finite = [v for v in values if v is not None and np.isfinite(v) and v > 0]
    top = max(finite, default=None)
    places: list[float | None] = []
    for v in values:
        if v is None:
            places.append(None)
        elif not np.isfinite(v):
            places.append(1.0)
        elif v <= 0 or top is None:
            places.append(0.0)
        else:
            places.append(float(np.clip(1 + np.log10(v / top) / decades, 0.0, 1.0)))
    return places
