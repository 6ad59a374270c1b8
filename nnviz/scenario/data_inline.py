"""Examples written in the scenario file itself: X, Y, X_test, Y_test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from nnviz.scenario.fields import Fields, check_labels_exact, describe, is_finite_number, is_number
from nnviz.scenario.raw import RawData
from nnviz.textfmt import count


def load_inline(data: Fields, base_dir: Path) -> RawData:
    """X (m, n_0) and Y (m,) or (m, k) from TOML arrays; X_test/Y_test likewise."""
    X, y = _examples(data, "X", "Y")
    if not (data.has("X_test") or data.has("Y_test")):
        return RawData(X, y)
    X_test, y_test = _examples(data, "X_test", "Y_test")
    if X_test.shape[1] != X.shape[1]:
        raise data.error(
            "X_test", f"rows have {count(X_test.shape[1], 'value')}; rows of X have {X.shape[1]}"
        )
    if y_test.shape[1:] != y.shape[1:]:
        raise data.error(
            "Y_test", f"expected labels shaped like Y's {_shape_words(y)}, got {_shape_words(y_test)}"
        )
    return RawData(X, y, X_test, y_test)


def _examples(data: Fields, x_key: str, y_key: str) -> tuple[np.ndarray, np.ndarray]:
    """The (X, y) pair of x_key and y_key; each needs the other."""
    for key, other in ((x_key, y_key), (y_key, x_key)):
        if not data.has(key):
            raise data.error(key, f"missing; {other} needs {key}, one entry per example")
    X = _rows(data, x_key)
    y = _labels(data, y_key)
    if len(y) != len(X):
        hint = "; write one example's target row as [[0, 1]]" if len(X) == 1 and y.ndim == 1 else ""
        raise data.error(y_key, f"{count(len(y), 'label')} for {count(len(X), 'example')} in {x_key}{hint}")
    return X, y


def _rows(data: Fields, key: str) -> np.ndarray:
    """(m, n) float64 from a list of rows, or (1, n) from one flat row."""
    value = data.table[key]
    if not isinstance(value, list) or not value:
        raise data.error(key, f"expected a list of rows of numbers, got {describe(value)}")
    if not any(isinstance(item, list) for item in value):
        # A flat list is one example, as the notes write x = [0.3 0.5 -0.4 0.3].
        return np.array([_numbers(value, data, key)])
    return _table(value, data, key)


def _labels(data: Fields, key: str) -> np.ndarray:
    """(m,) int64 class indices, (m,) float64 targets, or (m, k) float64 rows."""
    value = data.table[key]
    if is_number(value):
        value = [value]  # one example's label, written bare
    if not isinstance(value, list) or not value:
        raise data.error(key, f"expected a list of labels, got {describe(value)}")
    if any(isinstance(item, list) for item in value):
        return _table(value, data, key)
    y = np.array(_numbers(value, data, key))
    if not all(isinstance(item, int) for item in value):
        return y
    check_labels_exact(y, data, key, key)
    return y.astype(np.int64)


def _table(value: list[Any], data: Fields, key: str) -> np.ndarray:
    """(m, n) float64 from a list of equal-length rows."""
    rows: list[list[float]] = []
    for i, row in enumerate(value):
        path = f"{key}[{i}]"
        if not isinstance(row, list) or not row:
            raise data.error(path, f"expected a row of numbers, got {describe(row)}")
        if rows and len(row) != len(rows[0]):
            raise data.error(path, f"row has {count(len(row), 'value')}; row 0 has {len(rows[0])}")
        rows.append(_numbers(row, data, path, in_row=True))
    return np.array(rows, dtype=np.float64)


def _numbers(values: list[Any], data: Fields, key: str, in_row: bool = False) -> list[float]:
    """Finite floats; a bad cell is reported as key[j], or as a column of row key."""
    for j, item in enumerate(values):
        if not is_finite_number(item):
            path, where = (key, f"column {j}: ") if in_row else (f"{key}[{j}]", "")
            raise data.error(path, f"{where}expected a finite number, got {describe(item)}")
    return [float(item) for item in values]


def _shape_words(y: np.ndarray) -> str:
    return "numbers" if y.ndim == 1 else f"rows of {y.shape[1]}"
