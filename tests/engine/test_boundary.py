"""boundary_grid(): the model's output over the input plane, at known points."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from nnviz.engine import build_network, train
from nnviz.engine.boundary import Bounds, boundary_grid, data_bounds
from nnviz.engine.metrics import true_classes
from nnviz.scenario import bundled_names, load_scenario, scenario_from_dict

XOR = {
    "network": {"sizes": [2, 8, 1], "activations": ["tanh", "sigmoid"], "seed": 0},
    "data": {"generate": "xor", "n": 200, "noise": 0.05, "seed": 1},
    "training": {"loss": "binary_cross_entropy", "learning_rate": 0.5, "batch_size": 20,
                 "epochs": 300, "shuffle": True},
}


def xor_scenario():
    """The bundled xor scenario when there is one, else the same set built here."""
    return load_scenario("xor") if "xor" in bundled_names() else scenario_from_dict(XOR)


def test_xor_corners_are_classified_correctly_after_training():
    scenario = xor_scenario()
    network = train(scenario.network, scenario.X, scenario.Y, scenario.training).network
    grid = boundary_grid(network, scenario.X, cols=40, rows=40, bounds=data_bounds(scenario.X, margin=0.0))
    labels = true_classes(scenario.Y)
    corners = {(0, 0): (grid.x1[0], grid.x2[0]), (0, -1): (grid.x1[-1], grid.x2[0]),
               (-1, 0): (grid.x1[0], grid.x2[-1]), (-1, -1): (grid.x1[-1], grid.x2[-1])}
    for cell, point in corners.items():
        nearest = np.argmin(((scenario.X.T - point) ** 2).sum(axis=1))  # the corner's own label
        assert grid.classes[cell] == labels[nearest], f"corner {point}"
    # xor: diagonal corners agree, neighbouring corners differ
    assert grid.classes[0, 0] == grid.classes[-1, -1] != grid.classes[0, -1] == grid.classes[-1, 0]


def test_one_sigmoid_neuron_with_w_0_minus_2_has_its_boundary_at_x2_0():
    # The document's single neuron w1 = 0, w2 = -2, b = 0: ŷ = σ(-2 x2).
    neuron = build_network([2, 1], ["sigmoid"], weights={1: [[0.0, -2.0]]}, biases={1: [0.0]})
    grid = boundary_grid(neuron, np.zeros((2, 1)), cols=30, rows=20, bounds=Bounds(-3, 3, -1, 1))
    assert grid.kind == "sigmoid"
    assert (grid.x2[:10] > 0).all() and (grid.x2[10:] < 0).all()  # top row is the largest x2
    assert (grid.classes[:10] == 0).all() and (grid.classes[10:] == 1).all()
    assert np.allclose(grid.values, grid.values[:, :1])  # flat along x1: an S along x2 only
    assert grid.values[9, 0] == pytest.approx(1 / (1 + np.exp(2 * 0.05)))


def test_softmax_grid_holds_the_argmax_class_and_its_probability():
    scenario = load_scenario("blobs")
    network = train(scenario.network, scenario.X, scenario.Y, scenario.training).network
    grid = boundary_grid(network, scenario.X, cols=12, rows=8)
    assert grid.kind == "softmax" and grid.n_classes == 3 and grid.shape == (8, 12)
    assert set(np.unique(grid.classes)) == {0, 1, 2}
    assert ((grid.values > 1 / 3) & (grid.values <= 1)).all()


def test_bounds_grow_by_the_margin_and_a_flat_extent_gets_a_unit_width():
    X = np.array([[0.0, 10.0], [5.0, 5.0]])
    b = data_bounds(X, margin=0.1)
    assert (b.x1_min, b.x1_max) == (-1.0, 11.0)
    assert (b.x2_min, b.x2_max) == pytest.approx((4.9, 5.1))


def test_a_network_without_two_inputs_has_no_boundary():
    with pytest.raises(ValueError, match="2 input features"):
        boundary_grid(build_network([3, 1], ["sigmoid"]), np.zeros((3, 1)), 4, 4)


@pytest.mark.parametrize("sizes,activations,classification", [
    ([2, 3, 1], ["tanh", "sigmoid"], True), ([2, 3, 3], ["tanh", "softmax"], True),
    ([2, 3, 1], ["tanh", "linear"], False),
])
@pytest.mark.parametrize("color", [True, False])
def test_a_network_of_nan_draws_its_boundary_without_a_warning(sizes, activations, classification, color):
    # What the app's boundary shows once a blow-up has filled the weights with NaN.
    from nnviz.render.boundary import boundary_legend, boundary_text

    network = build_network(sizes, activations)
    network = network.with_params([(np.full(layer.W.shape, np.nan), layer.b) for layer in network.layers])
    X = np.random.default_rng(0).normal(size=(2, 10))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        grid = boundary_grid(network, X, cols=12, rows=6, classification=classification)
        picture = boundary_text(grid, X, np.zeros(10, dtype=int) if classification else None, color)
        legend = boundary_legend(grid, (), color).plain
    assert picture.plain.count("\n") == 2 and len(picture.plain.split("\n")[0]) == 12
    if not classification:
        assert "output NaN or Inf everywhere" in legend


@pytest.mark.parametrize("sizes, activations", [([2, 1], ["sigmoid"]), ([2, 3], ["softmax"])])
def test_a_nan_network_draws_no_prediction_not_class_0(sizes, activations):
    from nnviz.render.boundary import NOTHING, boundary_text

    network = build_network(sizes, activations, weights={1: np.full((sizes[1], 2), np.nan)})
    grid = boundary_grid(network, np.array([[0.0, 1.0], [0.0, 1.0]]), cols=6, rows=4)
    assert (grid.classes == -1).all()
    assert set(boundary_text(grid, color=False).plain) == {NOTHING, "\n"}
    assert boundary_text(grid, color=True).plain  # the colour path takes the neutral colour, no IndexError
