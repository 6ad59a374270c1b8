import warnings

import numpy as np
import pytest

from nnviz.engine.activations import get_activation
from nnviz.engine.losses import LOSSES, get_loss, regularization

Y_HAT = np.array([[0.2, 0.9], [0.8, 0.1]])
Y = np.array([[0.0, 1.0], [1.0, 0.0]])


def test_squared_error_conventions_by_hand():
    # per example: (0.2)^2 + (0.2)^2 = 0.08 and (0.1)^2 + (0.1)^2 = 0.02
    for name, total in (("mse", 0.05), ("sse", 0.10), ("half_sse", 0.05)):
        loss = get_loss(name)
        assert loss.total(loss.per_example(Y_HAT, Y, None)) == pytest.approx(total)
    assert get_loss("mse").scale(4) == 0.25 and get_loss("sse").scale(4) == 1.0


def test_binary_cross_entropy_document_value():
    # The document: L = 0.327 for y = 1 (exact y-hat 0.72090; its rounded 0.7207 would give 0.3275).
    z = np.array([[np.log(0.72090 / (1 - 0.72090))]])
    loss = get_loss("binary_cross_entropy")
    value = loss.total(loss.per_example(get_activation("sigmoid").forward(z), np.array([[1.0]]), z))
    assert value == pytest.approx(0.327, abs=5e-4)


def test_cross_entropy_is_minus_log_of_true_class():
    z = np.array([[0.13], [0.33], [0.89]])
    A = get_activation("softmax").forward(z)
    loss = get_loss("cross_entropy")
    value = loss.total(loss.per_example(A, np.array([[0.0], [1.0], [0.0]]), z))
    assert value == pytest.approx(-np.log(A[1, 0]), rel=1e-13)


@pytest.mark.parametrize("name,output", [("binary_cross_entropy", "sigmoid"), ("cross_entropy", "softmax")])
def test_cross_entropy_never_takes_log_zero(name, output):
    z = np.array([[-1e4, 1e4], [1e4, -1e4]])
    if output == "sigmoid":
        z = z[:1]
    Y = np.zeros_like(z)
    Y[0] = 1.0
    if output == "softmax":
        Y = np.array([[1.0, 0.0], [0.0, 1.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = get_loss(name)
        per = loss.per_example(get_activation(output).forward(z), Y, z)
    assert np.isfinite(per).all()
    # The confidently wrong example costs its margin, not inf.
    assert per.max() == pytest.approx(1e4 if output == "sigmoid" else 2e4)


def test_regularization_sums_weights_not_biases():
    W = [np.array([[1.0, -2.0]]), np.array([[3.0]])]
    assert regularization(W, l1=0.5, l2=0.0) == pytest.approx(3.0)
    assert regularization(W, l1=0.0, l2=0.1) == pytest.approx(1.4)


@pytest.mark.parametrize("name", [n for n in LOSSES if n not in ("binary_cross_entropy", "cross_entropy")])
def test_dA_is_derivative_of_per_example_loss(name):
    loss = get_loss(name)
    eps = 1e-6
    numeric = np.zeros_like(Y_HAT)
    for idx in np.ndindex(Y_HAT.shape):
        up, down = Y_HAT.copy(), Y_HAT.copy()
        up[idx] += eps
        down[idx] -= eps
        numeric[idx] = (loss.per_example(up, Y, None)[idx[1]] - loss.per_example(down, Y, None)[idx[1]]) / (2 * eps)
    np.testing.assert_allclose(loss.dA(Y_HAT, Y), numeric, atol=1e-8)
