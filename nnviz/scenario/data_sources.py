"""The [data] table of a scenario file -> RawData.

One source per table (inline X/Y, csv, npz, idx_images, generate, dataset),
then the preprocessing every source shares, in this order: limit, the
test split, scale, class_names. docs/data.md describes each key.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, Callable

import numpy as np

from nnviz.scenario.data_files import load_csv, load_dataset, load_npz
from nnviz.scenario.data_generated import load_generated
from nnviz.scenario.data_idx import load_idx
from nnviz.scenario.data_inline import load_inline
from nnviz.scenario.errors import ScenarioError
from nnviz.scenario.fields import Fields, check_finite, describe, is_finite_number, suggest
from nnviz.scenario.raw import RawData
from nnviz.textfmt import count

Loader = Callable[[Fields, Path], RawData]

# Source key -> (its loader, the keys that only make sense with it).
SOURCES: dict[str, tuple[Loader, tuple[str, ...]]] = {
    "X": (load_inline, ("Y", "X_test", "Y_test")),
    "csv": (load_csv, ("target", "features")),
    "npz": (load_npz, ("x_key", "y_key")),
    "idx_images": (load_idx, ("idx_labels",)),
    "generate": (load_generated, ("n", "noise", "seed", "centers", "coef", "intercept")),
    "dataset": (load_dataset, ()),
}
SHARED_KEYS = ("limit", "scale", "flatten", "test_fraction", "split_seed", "class_names")
KNOWN_KEYS = (*SOURCES, *(key for _, keys in SOURCES.values() for key in keys), *SHARED_KEYS)


def load_data(table: dict[str, Any] | None, base_dir: Path, file: str) -> RawData:
    """Load, check and preprocess the examples a [data] table describes.

    X: (m, n_0) float64 rows; y: (m,) int64 class indices, (m,) float64
    targets or (m, k) float64 rows. Raises ScenarioError on any problem.
    """
    if not isinstance(table, dict):
        problem = "missing" if table is None else f"expected a table, got {describe(table)}"
        raise ScenarioError(file, "data", f"{problem}; a [data] table gives the examples (see docs/data.md)")
    data = Fields(file, "data", table)
    source = _source(data)
    loader, _ = SOURCES[source]
    raw = loader(data, Path(base_dir))
    raw = _limit(data, raw)
    raw = _split(data, raw)
    raw = _scale(data, raw)
    return _class_names(data, raw)


def _source(data: Fields) -> str:
    """The one source key present; unknown and misplaced keys are errors."""
    for key in data.table:
        if key not in KNOWN_KEYS:
            hint = suggest(key, KNOWN_KEYS) or " (docs/data.md lists the keys of [data])"
            raise data.error(key, f"unknown key{hint}")
    sources = [key for key in SOURCES if data.has(key)]
    if not sources:
        raise data.error(
            "", "no examples; give one source: X (with Y), csv, npz, idx_images, generate or dataset"
        )
    if len(sources) > 1:
        named = ", ".join(sources[:-1]) + " and " + sources[-1]
        raise data.error("", f"give one source of examples, not {named}")
    source = sources[0]
    for other, (_, keys) in SOURCES.items():
        for key in keys:
            if data.has(key) and other != source:
                raise data.error(key, f"only used with {other}; this table reads {source}")
    data.boolean("flatten", False)  # checked here; only 3-D npz arrays act on it
    return source


def _limit(data: Fields, raw: RawData) -> RawData:
    """The first `limit` examples as stored; an inline test set is kept whole."""
    limit = data.integer("limit", None, minimum=1)
    if limit is None:
        return raw
    return dataclasses.replace(raw, X=raw.X[:limit], y=raw.y[:limit])


def _split(data: Fields, raw: RawData) -> RawData:
    """Move a seeded random test_fraction of the rows to X_test; both keep stored order."""
    fraction = data.number("test_fraction", None)
    if fraction is None:
        if data.has("split_seed"):
            raise data.error("split_seed", "only used with test_fraction")
        return raw
    if raw.X_test is not None:
        raise data.error("test_fraction", "the test set is already given as X_test; remove one of them")
    if not 0 < fraction < 1:
        raise data.error("test_fraction", f"expected a number between 0 and 1, got {fraction:g}")
    m = len(raw.X)
    n_test = round(m * fraction)
    if n_test in (0, m):
        side = "test" if n_test == 0 else "training"
        raise data.error("test_fraction", f"{fraction:g} of {count(m, 'example')} leaves no {side} examples")
    rng = np.random.default_rng(data.integer("split_seed", 0, minimum=0))
    test = np.zeros(m, dtype=bool)
    test[rng.permutation(m)[:n_test]] = True
    return dataclasses.replace(raw, X=raw.X[~test], y=raw.y[~test], X_test=raw.X[test], y_test=raw.y[test])


def _scale(data: Fields, raw: RawData) -> RawData:
    """Divide X (and X_test) by scale, or by the training rows' max |x| for "max"."""
    value = data.table.get("scale")
    if value is None:
        return raw
    if value == "max":
        divisor = float(np.max(np.abs(raw.X)))
        if divisor == 0:
            raise data.error("scale", '"max" needs a non-zero value in X; every value is 0')
    elif is_finite_number(value) and value > 0:
        divisor = float(value)
    else:
        raise data.error("scale", f'expected a positive number or "max", got {describe(value)}')
    with np.errstate(all="ignore"):  # scale = 5e-324 overflows: an error below, not a warning
        X = raw.X / divisor
        X_test = None if raw.X_test is None else raw.X_test / divisor
    check_finite(X, data, "scale", "X divided by scale")
    if X_test is not None:
        check_finite(X_test, data, "scale", "X_test divided by scale")
    return dataclasses.replace(raw, X=X, X_test=X_test)


def _class_names(data: Fields, raw: RawData) -> RawData:
    """Apply a class_names override; labels must then be class indices 0..k-1."""
    names = data.strings("class_names")
    if names is None:
        return raw
    y = _class_indices(data, raw.y, len(names))
    y_test = None if raw.y_test is None else _class_indices(data, raw.y_test, len(names))
    return dataclasses.replace(raw, y=y, y_test=y_test, class_names=tuple(names))


def _class_indices(data: Fields, y: np.ndarray, k: int) -> np.ndarray:
    """(m,) int64 labels in 0..k-1, or (m, k) rows unchanged."""
    if y.ndim == 2:
        if y.shape[1] != k:
            raise data.error("class_names", f"{count(k, 'name')} for label rows of {y.shape[1]} columns")
        return y
    whole = np.round(y) == y
    if not whole.all():
        row = int(np.argmin(whole))
        raise data.error(
            "class_names", f"label {y[row]:g} at row {row} is not a whole number; class labels are 0..{k - 1}"
        )
    outside = (y < 0) | (y >= k)
    if outside.any():
        row = int(np.argmax(outside))
        raise data.error(
            "class_names", f"label {y[row]:g} at row {row} has no name; {count(k, 'name')} cover 0..{k - 1}"
        )
    return y.astype(np.int64)
