from dataclasses import replace

import numpy as np
import pytest

from nnviz import Session
from nnviz.engine import TrainingConfig, build_network, train
from nnviz.engine.batches import BatchPlan
from tests.engine.helpers import toy_scenario


@pytest.mark.parametrize("batch_size,per_epoch,last", [(None, 1, 100), (1, 100, 1), (20, 5, 20), (30, 4, 10)])
def test_batch_plans(batch_size, per_epoch, last):
    plan = BatchPlan(100, batch_size)
    assert plan.per_epoch == per_epoch
    assert len(plan.examples(1, per_epoch)) == last
    every = np.concatenate([plan.examples(1, b) for b in range(1, per_epoch + 1)])
    np.testing.assert_array_equal(np.sort(every), np.arange(100))


def test_shuffle_is_seeded_and_differs_per_epoch():
    a, b = BatchPlan(50, 10, shuffle=True, seed=4), BatchPlan(50, 10, shuffle=True, seed=4)
    np.testing.assert_array_equal(a.examples(2, 1), b.examples(2, 1))
    assert not np.array_equal(a.examples(1, 1), a.examples(2, 1))


def test_training_lowers_the_loss_and_is_deterministic():
    scenario = toy_scenario(epochs=30)
    first = train(scenario.network, scenario.X, scenario.Y, scenario.training)
    second = train(scenario.network, scenario.X, scenario.Y, scenario.training)
    assert first.history.epochs[-1] < 0.5 * first.history.epochs[0]
    for one, two in zip(first.network.layers, second.network.layers):
        assert one.W.tobytes() == two.W.tobytes() and one.b.tobytes() == two.b.tobytes()


def test_stop_below_ends_training_early():
    scenario = toy_scenario(epochs=200, stop_below=0.2)
    result = train(scenario.network, scenario.X, scenario.Y, scenario.training)
    assert result.stopped == "converged"
    assert result.history.epochs[-1] < 0.2 <= min(result.history.epochs[:-1])


def test_frozen_layer_and_fixed_biases_never_change():
    network = build_network([2, 3, 1], ["tanh", "sigmoid"], trainable=[False, True], seed=2)
    X = np.array([[0.0, 1.0, 1.0, 0.0], [0.0, 0.0, 1.0, 1.0]])
    Y = np.array([[0.0, 1.0, 0.0, 1.0]])
    config = TrainingConfig("binary_cross_entropy", 1.0, epochs=5, train_biases=False)
    after = train(network, X, Y, config).network
    np.testing.assert_array_equal(after.layers[0].W, network.layers[0].W)
    np.testing.assert_array_equal(after.layers[1].b, network.layers[1].b)
    assert not np.array_equal(after.layers[1].W, network.layers[1].W)


def test_blow_up_stops_training_without_warnings():
    network = build_network([1, 4, 1], ["relu", "linear"], seed=0, init="he")
    X = np.linspace(-3, 3, 20)[None, :]
    config = TrainingConfig("mse", 100.0, epochs=50)
    with np.errstate(all="raise"):  # the engine must silence its own blow-ups
        result = train(network, X, 5 * X, config)
    assert result.stopped == "non-finite"


def test_inits_are_seeded_and_scaled():
    for init in ("xavier", "he", "normal", "uniform"):
        a = build_network([64, 32, 10], ["relu", "softmax"], init=init, seed=5)
        b = build_network([64, 32, 10], ["relu", "softmax"], init=init, seed=5)
        assert a.layers[0].W.tobytes() == b.layers[0].W.tobytes()
    he = build_network([400, 300, 1], ["relu", "linear"], init="he", seed=1).layers[0].W
    assert he.std() == pytest.approx(np.sqrt(2 / 400), rel=0.02)
    xavier = build_network([400, 300, 1], ["tanh", "linear"], init="xavier", seed=1).layers[0].W
    assert np.abs(xavier).max() <= np.sqrt(6 / 700)


@pytest.mark.parametrize("loss", ["binary_cross_entropy", "mse", "sse", "half_sse"])
def test_the_epoch_loss_is_the_whole_sets_loss_whatever_the_batch_size(loss):
    # With η so small that no weight moves, every batch size sees the same network, so the
    # epoch loss must be the full batch's: the mean over examples for averaged losses,
    # the sum over every example for sse and half_sse.
    scenario = toy_scenario(m=12, loss=loss, learning_rate=1e-300, epochs=2)
    full = train(scenario.network, scenario.X, scenario.Y, scenario.training)
    for batch_size in (1, 5):
        config = replace(scenario.training, batch_size=batch_size)
        result = train(scenario.network, scenario.X, scenario.Y, config)
        np.testing.assert_allclose(result.history.epochs, full.history.epochs, rtol=1e-12)
        session = Session(replace(scenario, training=config))
        session.run()
        assert session.loss_history.epochs == result.history.epochs
