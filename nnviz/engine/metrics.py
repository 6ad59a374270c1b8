"""The document's Evaluation section: accuracy, per-class accuracy, confusion matrix.

Predictions: argmax over the outputs (softmax), or ŷ ≥ 0.5 for one sigmoid output.
A column with NaN (a blown-up network) predicts nothing: NO_PREDICTION, never
class 0, so it counts as wrong and is counted apart from the confusion matrix.
"""

from __future__ import annotations

import numpy as np


NO_PREDICTION = -1


def predicted_classes(Y_hat: np.ndarray) -> np.ndarray:
    """(m,) class per example from Ŷ (n_L, m); NO_PREDICTION where a column holds NaN."""
    if Y_hat.shape[0] == 1:
        classes = (Y_hat[0] >= 0.5).astype(np.int64)
    else:
        classes = Y_hat.argmax(axis=0)
    classes[np.isnan(Y_hat).any(axis=0)] = NO_PREDICTION
    return classes


def true_classes(Y: np.ndarray) -> np.ndarray:
    """(m,) class per example from Y (n_L, m): 0/1 row or one-hot columns."""
    if Y.shape[0] == 1:
        return Y[0].round().astype(np.int64)
    return Y.argmax(axis=0)


def accuracy(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Number of correct predictions / total number of predictions."""
    return float(np.mean(y_true == y_pred)) if len(y_true) else float("nan")


def class_accuracy(y_true: np.ndarray, y_pred: np.ndarray, n_classes: int) -> np.ndarray:
    """(n_classes,) accuracy among the examples of each true class; NaN where a class has none."""
    result = np.full(n_classes, np.nan)
    for k in range(n_classes):
        mine = y_true == k
        if mine.any():
            result[k] = np.mean(y_pred[mine] == k)
    return result


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, n_classes: int) -> np.ndarray:
    """(n_classes, n_classes) counts; row = true class, column = predicted.
    Examples with no prediction are not in it: see ``unpredicted_counts``."""
    counts = np.zeros((n_classes, n_classes), dtype=np.int64)
    predicted = y_pred != NO_PREDICTION
    np.add.at(counts, (y_true[predicted], y_pred[predicted]), 1)
    return counts


def unpredicted_counts(y_true: np.ndarray, y_pred: np.ndarray, n_classes: int) -> np.ndarray:
    """(n_classes,) examples of each true class with no prediction (NaN outputs)."""
    return np.bincount(y_true[y_pred == NO_PREDICTION], minlength=n_classes)


def mean_squared_error(Y_hat: np.ndarray, Y: np.ndarray) -> float:
    """(1/m) Σ_examples Σ_outputs (ŷ - y)², the document's squared-error loss."""
    return float(((Y_hat - Y) ** 2).sum(axis=0).mean())
