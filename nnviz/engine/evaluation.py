"""The document's Evaluation section, for a whole data set at once.

``evaluate`` runs one forward pass and gathers what metrics.py computes:
accuracy, per-class accuracy, the confusion matrix, the MSE, and which
examples the model gets wrong. Plain data, for the CLI tables and the app.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .metrics import (NO_PREDICTION, accuracy, class_accuracy, confusion_matrix, mean_squared_error,
                      predicted_classes, true_classes, unpredicted_counts)
from .network import Network


@dataclass(frozen=True)
class Evaluation:
    """How a network does on X (n_0, m) with targets Y (n_L, m).

    ``Y_hat`` is (n_L, m) and ``mse`` is always set. For classification
    ``y_true``/``y_pred`` are (m,) classes (``y_pred`` NO_PREDICTION where ŷ
    is NaN), ``class_accuracy`` (k,) (NaN for a class with no example),
    ``confusion`` (k, k) counts with row = true and column = predicted,
    ``no_prediction`` (k,) the examples of each true class whose ŷ is NaN, and
    ``wrong`` the (w,) indices of misclassified or unpredicted examples in data order. For regression those are None (``wrong`` empty).
    """

    Y_hat: np.ndarray
    mse: float
    n_classes: int = 0
    y_true: np.ndarray | None = None
    y_pred: np.ndarray | None = None
    accuracy: float | None = None
    class_accuracy: np.ndarray | None = None
    confusion: np.ndarray | None = None
    no_prediction: np.ndarray | None = None
    wrong: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @property
    def m(self) -> int:
        return self.Y_hat.shape[1]

    @property
    def is_classification(self) -> bool:
        return self.n_classes > 0

    @property
    def correct(self) -> int:
        return self.m - len(self.wrong) if self.is_classification else 0

    @property
    def unpredicted(self) -> int:
        """Examples whose ŷ is NaN: no class predicted."""
        return int(self.no_prediction.sum()) if self.is_classification else 0

    def confidence(self, index: int) -> float:
        """The output behind example ``index``'s predicted class: ŷ for the
        class it picked (a single sigmoid picks class 0 with 1 - ŷ); NaN with no prediction."""
        if self.y_pred[index] == NO_PREDICTION:
            return float("nan")
        column = self.Y_hat[:, index]
        if len(column) == 1:
            return float(column[0] if self.y_pred[index] == 1 else 1.0 - column[0])
        return float(column[self.y_pred[index]])


def looks_like_classes(Y: np.ndarray) -> bool:
    """True for 0/1 targets in one row or one-hot columns: what a classifier is trained on."""
    if Y.size == 0 or not np.isin(Y, (0.0, 1.0)).all():
        return False
    return Y.shape[0] == 1 or bool((Y.sum(axis=0) == 1).all())


def evaluate(network: Network, X: np.ndarray, Y: np.ndarray,
             classification: bool | None = None) -> Evaluation:
    """Evaluate ``network`` on X (n_0, m), Y (n_L, m).

    ``classification`` None guesses from Y (0/1 row or one-hot columns);
    a scenario knows better and passes ``scenario.is_classification``.
    """
    Y_hat = network.forward(X)
    with np.errstate(all="ignore"):  # a blown-up network's MSE is inf or NaN: data to show, not a warning
        mse = mean_squared_error(Y_hat, Y)
    if classification is None:
        classification = looks_like_classes(Y)
    if not classification:
        return Evaluation(Y_hat, mse)
    # A single sigmoid output still has two classes, 0 and 1.
    k = max(2, Y.shape[0])
    y_true, y_pred = true_classes(Y), predicted_classes(Y_hat)
    return Evaluation(
        Y_hat, mse, k, y_true, y_pred,
        accuracy=accuracy(y_true, y_pred),
        class_accuracy=class_accuracy(y_true, y_pred, k),
        confusion=confusion_matrix(y_true, y_pred, k),
        no_prediction=unpredicted_counts(y_true, y_pred, k),
        wrong=np.flatnonzero(y_true != y_pred),
    )


def evaluate_splits(network: Network, X: np.ndarray, Y: np.ndarray,
                    X_test: np.ndarray | None = None, Y_test: np.ndarray | None = None,
                    classification: bool | None = None) -> dict[str, Evaluation]:
    """{"train": ..., "test": ...}: the test entry only when a test set is given."""
    result = {"train": evaluate(network, X, Y, classification)}
    if X_test is not None and Y_test is not None and X_test.shape[1]:
        result["test"] = evaluate(network, X_test, Y_test, classification)
    return result
