"""Small builders shared by the engine tests."""

from __future__ import annotations

import numpy as np

from nnviz.engine import TrainingConfig, build_network
from nnviz.engine.gradcheck import gradcheck
from nnviz.scenario.model import Scenario

# The document's binary example (LOSS FUNCTION section).
BINARY_W1 = [[0.9, 0.2, 0.4, 0.3], [-0.5, 0.4, 0.3, 0.3], [0.1, 0.1, -0.1, 0.2], [-0.2, 0.5, 0.5, 0.7]]
BINARY_W2 = [[0.5, 0.8, -0.6, 0.3]]


def binary_example():
    network = build_network([4, 4, 1], ["sigmoid", "sigmoid"], weights={1: BINARY_W1, 2: BINARY_W2},
                            biases={1: np.full(4, 0.5), 2: [0.3]})
    X = np.array([[0.3, 0.5, -0.4, 0.3]]).T
    return network, X, np.array([[1.0]])


def toy_scenario(sizes=(3, 5, 4, 1), activations=("tanh", "relu", "sigmoid"), m=50, seed=0, **training):
    """A small seeded classification scenario built in Python."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(sizes[0], m))
    if sizes[-1] == 1:
        Y = (X[:1] + 0.5 * X[1:2] > 0).astype(float)
    else:
        Y = np.eye(sizes[-1])[:, rng.integers(0, sizes[-1], m)]
    settings = dict(loss="binary_cross_entropy" if sizes[-1] == 1 else "cross_entropy",
                    learning_rate=0.3, batch_size=8, epochs=20, shuffle=True, seed=3)
    settings.update(training)
    network = build_network(list(sizes), list(activations), seed=seed + 1)
    return Scenario(network, X, Y, TrainingConfig(**settings))


def assert_gradients_match(sizes, activations, loss, m=3, l1=0.0, l2=0.0, seed=0, targets=None, tol=1e-6):
    """One line per gradient test: backprop vs central differences in float64."""
    rng = np.random.default_rng(seed)
    network = build_network(list(sizes), list(activations), init="xavier", seed=seed)
    # Non-zero biases so that every term of db is exercised.
    network = network.with_params([(layer.W, rng.normal(size=layer.b.shape) * 0.1) for layer in network.layers])
    X = rng.normal(size=(sizes[0], m))
    if targets is None:
        targets = rng.uniform(size=(sizes[-1], m))
    config = TrainingConfig(loss=loss, learning_rate=0.1, l1=l1, l2=l2)
    report = gradcheck(network, X, targets, config)
    worst = max(report, key=report.get)
    assert report[worst] < tol, f"{worst} relative error {report[worst]:.3g}"
    return report
