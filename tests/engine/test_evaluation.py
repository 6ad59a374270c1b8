"""evaluate(): the document's EVALUATION examples, from predictions built directly."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from nnviz.engine.evaluation import evaluate, evaluate_splits, looks_like_classes


class Fixed:
    """A stand-in network whose forward pass returns the given Ŷ (n_L, m)."""

    def __init__(self, Y_hat):
        self.Y_hat = np.asarray(Y_hat, dtype=float)

    def forward(self, X):
        return self.Y_hat


def one_hot(labels, k=10):
    return np.eye(k)[:, labels]


def test_liver_table_is_two_of_four_right():
    # The document: y = 0 0 1 1, ŷ = 0 1 1 0; [0.45 0.55] resolves to class 1.
    Y = np.array([[0, 0, 1, 1]], dtype=float)
    ev = evaluate(Fixed([[0.2, 0.55, 0.9, 0.45]]), None, Y)
    assert ev.accuracy == 0.5
    assert ev.correct == 2
    assert ev.y_pred.tolist() == [0, 1, 1, 0]
    assert ev.wrong.tolist() == [1, 3]
    assert ev.class_accuracy.tolist() == [0.5, 0.5]
    assert ev.confusion.tolist() == [[1, 1], [1, 1]]


def test_multiclass_table_is_three_of_five_with_class_1_at_half_and_class_5_whole():
    # The document: y = 0 1 3 5 1, predicted (argmax) 0 7 8 5 1.
    predicted = [0, 7, 8, 5, 1]
    Y_hat = 0.02 + 0.8 * one_hot(predicted)
    ev = evaluate(Fixed(Y_hat), None, one_hot([0, 1, 3, 5, 1]))
    assert ev.accuracy == pytest.approx(0.6, abs=0)
    assert ev.class_accuracy[1] == 0.5
    assert ev.class_accuracy[5] == 1.0
    assert ev.class_accuracy[3] == 0.0
    assert np.isnan(ev.class_accuracy[2])  # no example of class 2
    assert ev.wrong.tolist() == [1, 2]
    assert ev.confusion[1, 7] == 1 and ev.confusion[3, 8] == 1 and ev.confusion.sum() == 5


def test_confidence_is_the_output_of_the_predicted_class():
    ev = evaluate(Fixed([[0.2, 0.7]]), None, np.array([[1.0, 0.0]]))
    assert ev.confidence(0) == pytest.approx(0.8)  # predicted 0 with ŷ = 0.2
    assert ev.confidence(1) == pytest.approx(0.7)


def test_regression_gives_mse_and_no_classes():
    Y = np.array([[1.0, 2.5, -1.0]])
    ev = evaluate(Fixed([[1.5, 2.5, 0.0]]), None, Y, classification=False)
    assert ev.mse == pytest.approx((0.25 + 0 + 1.0) / 3)
    assert not ev.is_classification
    assert ev.accuracy is None and ev.confusion is None and len(ev.wrong) == 0


def test_class_targets_are_recognised_and_real_targets_are_not():
    assert looks_like_classes(np.array([[0.0, 1.0, 1.0]]))
    assert looks_like_classes(one_hot([2, 0, 1], 3))
    assert not looks_like_classes(np.array([[0.0, 0.5]]))
    assert not looks_like_classes(np.array([[1.0, 0.0], [1.0, 0.0]]))


def test_test_split_is_evaluated_only_when_present():
    net = Fixed([[0.9, 0.1]])
    Y = np.array([[1.0, 0.0]])
    assert list(evaluate_splits(net, None, Y)) == ["train"]
    X_test = np.zeros((2, 2))
    splits = evaluate_splits(net, None, Y, X_test, np.array([[0.0, 0.0]]))
    assert splits["train"].accuracy == 1.0 and splits["test"].accuracy == 0.5


def test_a_blown_up_output_gives_an_infinite_mse_without_a_warning():
    # (1e200 - 0)² overflows: the evaluation reports inf and NaN as data, as training does.
    Y = np.array([[0.0, 1.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        regression = evaluate(Fixed([[1e200, -1e200]]), None, Y, classification=False)
        classes = evaluate(Fixed([[np.nan, 1e200]]), None, Y, classification=True)
    assert regression.mse == np.inf and np.isnan(classes.mse)


def test_a_nan_prediction_is_no_prediction_not_class_0():
    # Two examples of class 0: one predicted right, one whose ŷ is NaN (a blown-up network).
    Y = one_hot([0, 0, 1], k=2)
    ev = evaluate(Fixed([[0.9, np.nan, 0.2], [0.1, np.nan, 0.8]]), None, Y, classification=True)
    assert ev.y_pred.tolist() == [0, -1, 1]
    assert ev.accuracy == pytest.approx(2 / 3) and ev.wrong.tolist() == [1]
    assert ev.confusion.tolist() == [[1, 0], [0, 1]] and ev.no_prediction.tolist() == [1, 0]
    assert ev.unpredicted == 1 and np.isnan(ev.confidence(1))


def test_a_single_sigmoid_nan_is_no_prediction_in_every_table():
    from nnviz.render.tables import evaluation_text

    ev = evaluate(Fixed([[np.nan, np.nan]]), None, np.array([[0.0, 1.0]]), classification=True)
    assert ev.accuracy == 0.0
    text = evaluation_text(ev)
    assert "accuracy = 0/2 = 0.0% (2 with no prediction: ŷ is NaN)" in text
    assert "true \\ predicted  0  1  no prediction" in text
    wrong = text.split("wrong examples (2)\n")[1].splitlines()[1:]
    assert [line.split()[2:] for line in wrong] == [["no", "prediction", "nan"]] * 2
