"""The document's worked numbers, through the engine's own forward pass."""

import numpy as np
import pytest

from nnviz.engine import TrainingConfig, build_network, run_batch
from nnviz.engine.backprop import BatchPosition
from tests.engine.helpers import binary_example

MULTI_W1 = [[0.1, 0.3, 0.8, -0.4], [-0.3, -0.2, 0.5, 0.5], [-0.3, 0.1, 0.5, 0.4], [0.2, 0.5, -0.9, 0.7]]
MULTI_W2 = [[0.3, 0.8, -0.2, -0.4], [0.5, -0.2, -0.3, 0.5], [0.3, 0.1, 0.6, 0.6]]


def steps_of(network, X, Y, loss):
    run = run_batch(network, X, Y, TrainingConfig(loss, 0.5), BatchPosition(0, 1, 1, np.arange(X.shape[1])))
    return run.steps


def test_binary_example():
    network, X, Y = binary_example()
    forward1, forward2, loss = steps_of(network, X, Y, "binary_cross_entropy")[:3]
    np.testing.assert_allclose(forward1["Z"][:, 0], [0.8, 0.52, 0.68, 0.7], atol=1e-12)
    np.testing.assert_allclose(forward1["A"][:, 0], [0.69, 0.63, 0.66, 0.67], atol=0.005)
    assert forward2["Z"][0, 0] == pytest.approx(0.948, abs=0.003)  # the document rounds h1 first
    # Erratum: the document prints 0.7207, computed from h1 rounded to two places.
    assert forward2["A"][0, 0] == pytest.approx(0.7209, abs=5e-5)
    assert loss.loss == pytest.approx(0.327, abs=5e-4)


@pytest.mark.parametrize("x,y,a1,a2,y_hat,value", [
    # Erratum: the document prints a1[3] = -0.09; W1's third row gives -0.04 (and its h1 = 0.49 agrees).
    ([0.2, 0.5, -0.3, 0.3], 1, [-0.19, -0.16, -0.04, 0.77], [0.13, 0.33, 0.89], [0.23, 0.28, 0.49], 1.27),
    ([0.6, 0.4, 0.6, 0.1], 2, [0.62, 0.09, 0.2, -0.15], [0.32, 0.29, 0.85], [0.2718, 0.2634, 0.4648], 0.7661),
])
def test_multi_class_example(x, y, a1, a2, y_hat, value):
    network = build_network([4, 4, 3], ["sigmoid", "softmax"], weights={1: MULTI_W1, 2: MULTI_W2})
    Y = np.eye(3)[:, [y]]
    forward1, forward2, loss = steps_of(network, np.array([x]).T, Y, "cross_entropy")[:3]
    np.testing.assert_allclose(forward1["Z"][:, 0], a1, atol=0.005)
    np.testing.assert_allclose(forward2["Z"][:, 0], a2, atol=0.01)
    np.testing.assert_allclose(forward2["A"][:, 0], y_hat, atol=0.005)
    assert loss.loss == pytest.approx(value, abs=0.005)


def test_backward_of_binary_example_follows_the_document():
    network, X, Y = binary_example()
    steps = steps_of(network, X, Y, "binary_cross_entropy")
    forward1, forward2, _, back2, back1, update2, update1 = steps
    np.testing.assert_array_equal(back2["dZ"], forward2["A"] - Y)  # dZ2 = A2 - Y, written once
    np.testing.assert_allclose(back2["dW"], back2["dZ"] @ forward1["A"].T)
    np.testing.assert_allclose(back1["dZ"], (network.layers[1].W.T @ back2["dZ"]) * forward1["A"] * (1 - forward1["A"]))
    np.testing.assert_allclose(update2["W_new"], update2["W_old"] - 0.5 * back2["dW"])
    np.testing.assert_allclose(update1["b_new"], update1["b_old"] - 0.5 * back1["db"])
    assert "dA" not in back2.arrays and "dA_prev" not in back1.arrays
    assert [s.label for s in steps] == ["F1", "F2", "L", "B2", "B1", "U2", "U1"]


def test_steps_name_their_layer_activation():
    network, X, Y = binary_example()
    steps = steps_of(network, X, Y, "binary_cross_entropy")
    assert [s.activation for s in steps] == ["sigmoid", "sigmoid", None, "sigmoid", "sigmoid", "sigmoid", "sigmoid"]
