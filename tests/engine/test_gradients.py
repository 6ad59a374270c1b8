"""Backprop against central differences, over every pairing that makes sense."""

import numpy as np
import pytest

from nnviz.engine.activations import HIDDEN_ACTIVATIONS
from nnviz.engine.losses import LOSS_OUTPUTS
from tests.engine.helpers import assert_gradients_match

PAIRINGS = [(loss, output) for loss, outputs in LOSS_OUTPUTS.items() for output in outputs]


def targets_for(loss, n_out, m, rng):
    if loss == "cross_entropy":
        return np.eye(n_out)[:, rng.integers(0, n_out, m)]
    if loss == "binary_cross_entropy":
        return rng.integers(0, 2, (n_out, m)).astype(float)
    return rng.normal(size=(n_out, m))


@pytest.mark.parametrize("loss,output", PAIRINGS)
@pytest.mark.parametrize("hidden", HIDDEN_ACTIVATIONS)
def test_backprop_matches_finite_differences(loss, output, hidden):
    n_out = 1 if output == "sigmoid" and loss == "binary_cross_entropy" else 3
    rng = np.random.default_rng(7)
    Y = targets_for(loss, n_out, 4, rng)
    # Inputs are drawn away from relu's kink by the seed; the check would flag a wrong rule anyway.
    assert_gradients_match((3, 4, 5, n_out), (hidden, hidden, output), loss, m=4, targets=Y, seed=3)


@pytest.mark.parametrize("l1,l2", [(0.01, 0.0), (0.0, 0.05), (0.02, 0.03)])
@pytest.mark.parametrize("loss", ["mse", "half_sse", "binary_cross_entropy"])
def test_regularized_gradients_match_finite_differences(loss, l1, l2):
    rng = np.random.default_rng(1)
    Y = targets_for(loss, 1, 5, rng)
    assert_gradients_match((2, 3, 1), ("tanh", "sigmoid"), loss, m=5, l1=l1, l2=l2, targets=Y)


def test_gradcheck_catches_a_wrong_gradient(monkeypatch):
    # The check must be able to fail: break tanh's derivative and it reports it.
    from nnviz.engine.activations import Tanh
    monkeypatch.setattr(Tanh, "derivative", lambda self, Z, A: 1.0 - A)
    with pytest.raises(AssertionError):
        assert_gradients_match((2, 3, 1), ("tanh", "sigmoid"), "mse", targets=np.ones((1, 3)))
