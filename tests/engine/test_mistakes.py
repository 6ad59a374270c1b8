"""The injected backprop mistakes: each changes what it names, shows in the formula,
and the gradient check (dW, db and the applied update) catches it at the right layer."""

from dataclasses import replace

import numpy as np
import pytest

from nnviz.engine import TrainingConfig, build_network
from nnviz.engine.backprop import BatchPosition, gradients, run_batch
from nnviz.engine.gradcheck import check_batch
from nnviz.engine.mistakes import MISTAKES, ShapeMistake

# (sizes, activations, loss, m): networks on which each mistake shows.
SOFTMAX_MSE = ((3, 4, 4, 2), ("tanh", "sigmoid", "softmax"), "mse", 5)
SIGMOID_BCE = ((3, 4, 4, 1), ("tanh", "sigmoid", "sigmoid"), "binary_cross_entropy", 5)
SQUARE = ((4, 4, 4, 4), ("tanh", "tanh", "linear"), "mse", 4)  # every transpose-less product has valid shapes

# mistake -> (network, first layer that disagrees, its array)
EXPECTED = {
    "update_during_backward": (SIGMOID_BCE, 2, "dW"),  # layer 3's dW is right, its updated W spoils dA2
    "no_mean": (SIGMOID_BCE, 3, "dW"),
    "derivative_of_activation_output": (SOFTMAX_MSE, 3, "dW"),
    "ascent": (SIGMOID_BCE, 3, "ΔW"),  # gradients right, update wrong
    "frozen_bias": (SIGMOID_BCE, 3, "Δb"),
    "softmax_diagonal": (SOFTMAX_MSE, 3, "dW"),
    "missing_transpose": (SQUARE, 3, "dW"),
}


def setup(spec, mistakes=(), seed=0, **training):
    sizes, activations, loss, m = spec
    rng = np.random.default_rng(seed)
    network = build_network(list(sizes), list(activations), seed=seed + 1)
    network = network.with_params([(layer.W, rng.normal(size=layer.b.shape) * 0.1) for layer in network.layers])
    X = rng.normal(size=(sizes[0], m))
    Y = (np.eye(sizes[-1])[:, rng.integers(0, sizes[-1], m)] if sizes[-1] > 1
         else rng.integers(0, 2, (1, m)).astype(float))
    config = TrainingConfig(loss=loss, learning_rate=0.3, mistakes=frozenset(mistakes), **training)
    return network, X, Y, config


def test_every_mistake_has_an_expected_layer():
    assert set(EXPECTED) == set(MISTAKES)


@pytest.mark.parametrize("spec", [SOFTMAX_MSE, SIGMOID_BCE, SQUARE], ids=["softmax-mse", "bce", "square"])
def test_gradcheck_passes_without_mistakes(spec):
    report = check_batch(*setup(spec))
    assert report.passed, report.summary()
    assert {row.array for row in report.rows} == {"dW", "db", "ΔW", "Δb"}


@pytest.mark.parametrize("mistake", list(EXPECTED))
def test_gradcheck_names_the_layer_of_each_mistake(mistake):
    spec, layer, array = EXPECTED[mistake]
    report = check_batch(*setup(spec, [mistake]))
    bad = report.first_failure
    assert bad is not None, f"{mistake} went unnoticed"
    assert (bad.layer, bad.array) == (layer, array), report.summary()
    assert f"layer {layer} {array}" in report.summary()


def test_missing_transpose_stops_at_a_shape_error_naming_the_shapes():
    network, X, Y, config = setup(SIGMOID_BCE, ["missing_transpose"])
    with pytest.raises(ShapeMistake) as caught:
        run_batch(network, X, Y, config)
    message = str(caught.value)
    assert "dW3 = dZ3 · A2" in message and "(1, 5) · (4, 5)" in message and "\n" not in message
    bad = check_batch(network, X, Y, config).first_failure
    assert (bad.layer, bad.array) == (3, "dW") and "(1, 5) · (4, 5)" in bad.problem


def test_update_during_backward_uses_the_updated_weights_below():
    network, X, Y, config = setup(SIGMOID_BCE, ["update_during_backward"])
    right = gradients(network, X, Y, replace(config, mistakes=frozenset()))
    wrong = gradients(network, X, Y, config)
    W3 = network.layers[2].W - config.learning_rate * right.dW[2]
    np.testing.assert_array_equal(wrong.dW[2], right.dW[2])
    np.testing.assert_allclose(wrong.dA_prev[2], W3.T @ right.dZ[2], rtol=1e-14)
    assert not np.allclose(wrong.dW[1], right.dW[1])


def test_no_mean_multiplies_the_gradients_by_m():
    network, X, Y, config = setup(SIGMOID_BCE, ["no_mean"])
    right = gradients(network, X, Y, replace(config, mistakes=frozenset()))
    wrong = gradients(network, X, Y, config)
    for l in range(3):
        np.testing.assert_allclose(wrong.dW[l], X.shape[1] * right.dW[l], rtol=1e-12)


@pytest.mark.parametrize("mistake", list(EXPECTED))
def test_the_wrong_formula_is_shown_marked_as_injected(mistake):
    spec = EXPECTED[mistake][0]
    network, X, Y, config = setup(spec, [mistake])
    clean = setup(spec)[3]
    where = BatchPosition(0, 1, 1, np.arange(X.shape[1]))
    steps = run_batch(network, X, Y, config, where).steps
    right = run_batch(network, X, Y, clean, where).steps
    marked = [s for s in steps if f"injected: {mistake}" in s.formula]
    assert marked, f"no step shows {mistake}"
    for step in marked:
        assert step.formula != right[step.index].formula
    assert not any("injected" in s.formula for s in right)


def test_frozen_bias_and_ascent_change_the_update_only():
    network, X, Y, config = setup(SIGMOID_BCE, ["frozen_bias", "ascent"])
    clean = replace(config, mistakes=frozenset())
    right, wrong = run_batch(network, X, Y, clean).after, run_batch(network, X, Y, config).after
    for old, good, bad in zip(network.layers, right.layers, wrong.layers):
        np.testing.assert_array_equal(bad.b, old.b)
        np.testing.assert_allclose(bad.W - old.W, -(good.W - old.W), rtol=1e-9, atol=1e-15)


def test_the_update_check_follows_the_optimizer_with_its_state():
    from nnviz import Session
    from tests.engine.helpers import toy_scenario

    scenario = toy_scenario(epochs=2, optimizer="adam", learning_rate=0.01)
    session = Session(scenario)
    late = 5 * session.steps_per_batch  # Adam's moments are not zero any more
    assert session.gradcheck(late).passed, session.gradcheck(late).summary()
    session.goto(late)
    session.toggle_mistake("ascent")
    assert session.gradcheck(late).first_failure.array == "ΔW"
