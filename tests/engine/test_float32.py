"""dtype = "float32": the whole engine in float32, deterministic, exact back and goto,
its gradients checked against float64 finite differences."""

from __future__ import annotations

import numpy as np
import pytest

from nnviz.engine.gradcheck import check_batch
from nnviz.engine.training import train
from nnviz.scenario import scenario_from_dict
from nnviz.session import Session


def scenario(dtype="float32", optimizer="sgd", loss="cross_entropy", output="softmax", epochs=3):
    return scenario_from_dict({
        "network": {"sizes": [2, 5, 3], "activations": ["tanh", output], "seed": 3},
        "data": {"generate": "blobs", "n": 30, "centers": 3, "seed": 2},
        "training": {"loss": loss, "learning_rate": 0.1, "batch_size": 8, "epochs": epochs,
                     "shuffle": True, "optimizer": optimizer, "dtype": dtype}})


def test_every_array_of_every_step_is_float32():
    session = Session(scenario(optimizer="adam"))
    steps = [session.step() for _ in range(2 * session.steps_per_batch)]
    for step in steps:
        for name, array in step.arrays.items():
            assert array.dtype == np.float32, (step, name)
    assert session.network.layers[0].W.dtype == np.float32


def test_float32_training_is_bit_identical_to_stepping_and_to_itself():
    # back and goto in float32 under every optimizer: tests/engine/test_session.py
    s = scenario(optimizer="adam")
    first = train(s.network, s.X, s.Y, s.training).network
    again = train(scenario(optimizer="adam").network, *_data(), s.training).network
    session = Session(s)
    session.run()
    for a, b, c in zip(first.layers, again.layers, session.network.layers):
        assert a.W.tobytes() == b.W.tobytes() == c.W.tobytes() and a.W.dtype == np.float32


def _data():
    s = scenario()
    return s.X, s.Y


@pytest.mark.parametrize("loss,output", [("cross_entropy", "softmax"), ("mse", "linear")])
def test_float32_gradients_agree_with_float64_finite_differences(loss, output):
    s = scenario(loss=loss, output=output)
    report = check_batch(s.network, s.X, s.Y, s.training)  # float32's own tolerance, 1e-3
    assert report.passed and report.tolerance == 1e-3, report.summary()
    wrong = check_batch(s.network, s.X, s.Y, s.training.__class__(**{**s.training.__dict__,
                                                                       "mistakes": frozenset({"no_mean"})}))
    assert not wrong.passed  # the tolerance still tells a real mistake apart


def test_float64_stays_the_default_and_float32_is_close_to_it():
    s64, s32 = scenario("float64"), scenario("float32")
    assert s64.training.dtype == "float64" and s64.X.dtype == np.float64
    a = train(s64.network, s64.X, s64.Y, s64.training).network
    b = train(s32.network, s32.X, s32.Y, s32.training).network
    np.testing.assert_allclose(b.layers[0].W, a.layers[0].W, rtol=0, atol=1e-4)


def test_dtype_option_runs_a_float64_scenario_in_float32(tmp_path):
    from click.testing import CliRunner

    from nnviz.cli import main
    from nnviz.weights import read_weights
    from nnviz.scenario import load_scenario

    out = tmp_path / "w.npz"
    result = CliRunner().invoke(main, ["export", "xor", "--dtype", "float32", "--epochs", "2", "--out", str(out)])
    assert result.exit_code == 0, result.output
    with np.load(out) as saved:
        assert saved["W1"].dtype == np.float32
    s = load_scenario("xor").with_dtype("float32")
    trained = train(s.network, s.X, s.Y, s.training.__class__(**{**s.training.__dict__, "epochs": 2})).network
    assert read_weights(out, s.network).layers[0].W.tolist() == trained.layers[0].W.tolist()
