import warnings

import numpy as np
import pytest

from nnviz.engine.activations import ACTIVATIONS, HIDDEN_ACTIVATIONS, get_activation

Z = np.array([[-2.0, 0.1, 0.5], [1.0, -0.3, 3.0]])  # away from relu's kink at 0


def test_sigmoid_by_hand():
    A = get_activation("sigmoid").forward(np.array([[0.0, 0.8, -0.8]]))
    np.testing.assert_allclose(A, [[0.5, 1 / (1 + np.exp(-0.8)), 1 / (1 + np.exp(0.8))]], rtol=1e-15)


def test_document_h1_from_a1():
    # The document: h1 = sigmoid(a1) = [0.69 0.63 0.66 0.67] for a1 = [0.8 0.52 0.68 0.7].
    A = get_activation("sigmoid").forward(np.array([0.8, 0.52, 0.68, 0.7]))
    np.testing.assert_allclose(A, [0.69, 0.63, 0.66, 0.67], atol=0.005)


def test_tanh_relu_leaky_linear_by_hand():
    z = np.array([[-2.0, 0.0, 3.0]])
    np.testing.assert_allclose(get_activation("tanh").forward(z), np.tanh(z))
    np.testing.assert_array_equal(get_activation("relu").forward(z), [[0.0, 0.0, 3.0]])
    np.testing.assert_allclose(get_activation("leaky_relu").forward(z), [[-0.02, 0.0, 3.0]])
    np.testing.assert_array_equal(get_activation("linear").forward(z), z)


def test_softmax_columns_sum_to_one_and_match_hand_values():
    # The document's example a = [3 4 10 3], one column.
    A = get_activation("softmax").forward(np.array([[3.0], [4.0], [10.0], [3.0]]))
    e = np.exp([3.0, 4.0, 10.0, 3.0])
    np.testing.assert_allclose(A[:, 0], e / e.sum(), rtol=1e-14)
    assert A.sum() == pytest.approx(1.0)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_stable_for_huge_inputs(name):
    z = np.array([[-1e4, -50.0, 0.0, 50.0, 1e4]]).T if name == "softmax" else np.array([[-1e4, -50.0, 0.0, 50.0, 1e4]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        # Underflow to 0 is harmless; overflow, 0/0 and log(0) are not.
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            A = get_activation(name).forward(z)
            dZ = get_activation(name).backward(np.ones_like(A), z, A)
    assert np.isfinite(A).all() and np.isfinite(dZ).all()


@pytest.mark.parametrize("name", HIDDEN_ACTIVATIONS)
def test_derivative_matches_central_difference(name):
    act = get_activation(name)
    eps = 1e-6
    numeric = (act.forward(Z + eps) - act.forward(Z - eps)) / (2 * eps)
    np.testing.assert_allclose(act.derivative(Z, act.forward(Z)), numeric, atol=1e-8)


def test_softmax_backward_is_the_jacobian_product():
    act = get_activation("softmax")
    z = np.array([[0.1], [-0.4], [1.3]])
    dA = np.array([[0.7], [-1.2], [0.4]])
    A = act.forward(z)
    J = np.diag(A[:, 0]) - A @ A.T
    np.testing.assert_allclose(act.backward(dA, z, A), J.T @ dA, rtol=1e-13)
