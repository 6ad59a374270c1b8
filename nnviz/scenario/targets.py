"""Rows of data -> the engine's columns: X (n_0, m), Y (n_L, m), checked against the network."""

from __future__ import annotations

import numpy as np

from ..textfmt import count
from .errors import ScenarioError


def targets(X_rows: np.ndarray, y: np.ndarray, sizes: list[int], loss: str, file: str, key: str):
    """Check shapes and labels, one-hot encode class indices, transpose to columns."""
    n_0, n_L = sizes[0], sizes[-1]
    m = X_rows.shape[0]
    if X_rows.shape[1] != n_0:
        raise ScenarioError(file, f"{key}.X", f"examples have {X_rows.shape[1]} features but the network "
                                              f"takes {n_0} inputs (network.sizes[0])")
    if len(y) != m:
        raise ScenarioError(file, f"{key}.Y", f"{count(len(y), 'target')} for {count(m, 'example')}")
    y = np.asarray(y)
    # Class indices are one-hot encoded; one softmax neuron has the one class 0.
    if y.ndim == 1 and (n_L > 1 or loss == "cross_entropy"):
        Y = _one_hot(y, n_L, file, f"{key}.Y")
    else:
        Y = y.reshape(m, -1).astype(np.float64)
        if Y.shape[1] != n_L:
            raise ScenarioError(file, f"{key}.Y", f"each target has {Y.shape[1]} values but the network has "
                                                  f"{n_L} outputs (network.sizes[-1])")
    _check_labels(Y, loss, file, f"{key}.Y")
    X = np.ascontiguousarray(X_rows.T, dtype=np.float64)
    Y = np.ascontiguousarray(Y.T)
    X.flags.writeable = False
    Y.flags.writeable = False
    return X, Y


def _one_hot(labels: np.ndarray, n_classes: int, file: str, key: str) -> np.ndarray:
    if not np.all(labels == np.round(labels)):
        bad = labels[labels != np.round(labels)][0]
        raise ScenarioError(file, key, f"class labels must be whole numbers, got {bad:g}")
    out_of_range = (labels < 0) | (labels >= n_classes)
    if out_of_range.any():
        i = int(np.argmax(out_of_range))
        raise ScenarioError(file, key, f"label {labels[i]:g} (example {i}) is out of range for "
                                       f"{count(n_classes, 'output neuron')} (classes 0..{n_classes - 1})")
    Y = np.zeros((len(labels), n_classes))
    Y[np.arange(len(labels)), labels.astype(np.int64)] = 1.0
    return Y


def _check_labels(Y: np.ndarray, loss: str, file: str, key: str) -> None:
    if loss == "binary_cross_entropy" and ((Y < 0) | (Y > 1)).any():
        i = int(np.argmax(((Y < 0) | (Y > 1)).any(axis=1)))
        raise ScenarioError(file, key, f"binary_cross_entropy needs targets in [0, 1] (0/1 labels); "
                                       f"example {i} has {Y[i].tolist()}")
    if loss == "cross_entropy":
        bad = ((Y < 0).any(axis=1)) | (np.abs(Y.sum(axis=1) - 1.0) > 1e-9)
        if bad.any():
            i = int(np.argmax(bad))
            raise ScenarioError(file, key, f"cross_entropy needs one-hot rows (or class indices); "
                                           f"example {i} has {Y[i].tolist()}")
