"""Seeded 2-D sets like the browser playgrounds: xor, circles, spirals, blobs, plane.

Points live in about [-1, 1]^2. For the class sets, noise is the standard
deviation of Gaussian jitter added to each coordinate after labelling, so
noise makes classes overlap; for plane it is added to the target. One seed
gives bit-identical arrays: every draw comes from np.random.default_rng(seed).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import numpy as np

from nnviz.scenario.fields import Fields, check_finite, describe, is_finite_number, suggest
from nnviz.scenario.raw import RawData

Rng = np.random.Generator
BLOB_RADIUS = 0.6  # blob centres sit evenly on this circle
BLOB_SPREAD = 0.15  # each blob's own standard deviation, before noise
PLANE_COEF = (1.0, -0.5)  # y = 1.0 * x1 - 0.5 * x2 unless coef says otherwise


def load_generated(data: Fields, base_dir: Path) -> RawData:
    """X (n, 2) float64; y (n,) int64 classes 0..k-1, or (n,) float64 for plane."""
    name = data.string("generate")
    if name not in MAKERS:
        choices = ", ".join(MAKERS)
        raise data.error("generate", f"unknown set '{name}'{suggest(name, MAKERS)} (choose one of {choices})")
    for key, owner in (("centers", "blobs"), ("coef", "plane"), ("intercept", "plane")):
        if data.has(key) and name != owner:
            raise data.error(key, f"only used with generate = \"{owner}\"")
    n = data.integer("n", 200, minimum=1, maximum=1_000_000)
    noise = data.number("noise", 0.1)
    if noise < 0:
        raise data.error("noise", f"expected a number >= 0, got {noise:g}")
    rng = np.random.default_rng(data.integer("seed", 0, minimum=0))
    with np.errstate(all="ignore"):  # a noise of 1e308 overflows: an error below, not a warning
        X, y = MAKERS[name](data, rng, n, noise)
    check_finite(X, data, "noise", "the generated X")
    check_finite(y, data, "noise" if name == "plane" else "generate", "the generated y")
    return RawData(X, y, feature_names=("x1", "x2"))


def _xor(data: Fields, rng: Rng, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    """Class 1 where exactly one of x1, x2 is positive (quadrants II and IV)."""
    clean = rng.uniform(-1.0, 1.0, size=(n, 2))
    y = ((clean[:, 0] > 0) != (clean[:, 1] > 0)).astype(np.int64)
    return _jitter(rng, clean, noise), y


def _circles(data: Fields, rng: Rng, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    """Class 0 inside radius 0.5, class 1 on the ring 0.7..1.0."""
    y = _classes(data, n, 2)
    radius = np.where(y == 0, rng.uniform(0.0, 0.5, n), rng.uniform(0.7, 1.0, n))
    angle = rng.uniform(0.0, 2 * np.pi, n)
    clean = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    return _shuffled(rng, _jitter(rng, clean, noise), y)


def _spirals(data: Fields, rng: Rng, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    """Two arms winding 1.75 turns out from the centre, class 1 turned by pi."""
    y = _classes(data, n, 2)
    along = np.concatenate([np.arange(size) / size for size in np.bincount(y)])
    angle = 1.75 * 2 * np.pi * along + np.pi * y
    clean = np.column_stack([along * np.sin(angle), along * np.cos(angle)])
    return _shuffled(rng, _jitter(rng, clean, noise), y)


def _blobs(data: Fields, rng: Rng, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    """k Gaussian blobs (centers = k) spaced evenly on a circle."""
    k = data.integer("centers", 2, minimum=2, maximum=10)
    y = _classes(data, n, k)
    turn = 2 * np.pi * np.arange(k) / k
    centres = BLOB_RADIUS * np.column_stack([np.cos(turn), np.sin(turn)])
    clean = centres[y] + rng.normal(0.0, BLOB_SPREAD, size=(n, 2))
    return _shuffled(rng, _jitter(rng, clean, noise), y)


def _plane(data: Fields, rng: Rng, n: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    """Regression: y = coef[0] * x1 + coef[1] * x2 + intercept + noise."""
    coef = _coef(data)
    intercept = data.number("intercept", 0.0)
    X = rng.uniform(-1.0, 1.0, size=(n, 2))
    y = X @ coef + intercept + noise * rng.standard_normal(n)
    return X, y


def _coef(data: Fields) -> np.ndarray:
    value = data.table.get("coef", list(PLANE_COEF))
    pair = isinstance(value, list) and len(value) == 2
    if not (pair and all(is_finite_number(v) for v in value)):
        raise data.error("coef", f"expected two finite numbers [a, b], got {describe(value)}")
    return np.array(value, dtype=np.float64)


def _classes(data: Fields, n: int, k: int) -> np.ndarray:
    """(n,) int64 labels 0..k-1 in blocks as even as n allows."""
    if n < k:
        raise data.error("n", f"expected at least {k} examples, one per class, got {n}")
    return np.repeat(np.arange(k, dtype=np.int64), [n // k + (c < n % k) for c in range(k)])


def _jitter(rng: Rng, X: np.ndarray, noise: float) -> np.ndarray:
    return X + noise * rng.standard_normal(X.shape)


def _shuffled(rng: Rng, X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows in random order, so that limit = N keeps every class."""
    order = rng.permutation(len(y))
    return X[order], y[order]


Maker = Callable[[Fields, Rng, int, float], tuple[np.ndarray, np.ndarray]]
MAKERS: dict[str, Maker] = {
    "xor": _xor,
    "circles": _circles,
    "spirals": _spirals,
    "blobs": _blobs,
    "plane": _plane,
}
