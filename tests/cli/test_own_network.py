"""nnviz import and nnviz new: scenarios written from your weights or your data, that open at once."""

from __future__ import annotations

import numpy as np
import pytest
from click.testing import CliRunner

from nnviz.cli import main
from nnviz.scenario import load_scenario
from nnviz.weights import read_weights


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def write_csv(path, header, rows):
    path.write_text(",".join(header) + "\n" + "".join(",".join(str(v) for v in row) + "\n" for row in rows))


@pytest.fixture
def features():
    return np.random.default_rng(0).normal(size=(40, 3)) * 5


@pytest.mark.parametrize("target,sizes,activations,loss", [
    (lambda X: (X[:, 0] > 0).astype(int), [3, 16, 8, 1], ["relu", "relu", "sigmoid"], "binary_cross_entropy"),
    (lambda X: np.digitize(X[:, 0], [-2, 2]), [3, 16, 8, 3], ["relu", "relu", "softmax"], "cross_entropy"),
    (lambda X: X[:, 0] * 2.5 + 0.5, [3, 16, 8, 1], ["relu", "relu", "linear"], "mse"),
], ids=["zero-one", "classes", "numbers"])
def test_new_chooses_output_and_loss_from_the_target_and_the_file_opens(tmp_path, features, target, sizes,
                                                                        activations, loss):
    write_csv(tmp_path / "my.csv", ["a", "b", "c", "label"], [[*x, t] for x, t in zip(features, target(features))])
    out = tmp_path / "my.toml"
    result = run("new", "--data", tmp_path / "my.csv", "--target", "label", "--hidden", "16,8", "--out", out)
    assert result.exit_code == 0, result.output
    assert f"network.activations = {activations!r}".replace("'", '"') in result.output
    scenario = load_scenario(out)
    assert scenario.network.sizes == sizes and scenario.training.loss == loss
    assert scenario.X_test.shape[1] == 8 and np.abs(scenario.X).max() == 1.0  # a fifth held out, scaled by "max"
    assert "# " in out.read_text()  # commented


@pytest.mark.parametrize("header,rows,says", [
    (["a", "b"], [[1, 0], [2, 1]], "data.target: no column 'label' in my.csv"),
    (["a", "label"], [["x", 0], [2, 1]], "data.csv: line 2, column 'a': expected a finite number, got 'x'"),
    (["a", "label"], [["nan", 0], [2, 1]], "column 'a': expected a finite number, got 'nan'"),
])
def test_new_on_bad_data_is_one_line_and_exit_2(tmp_path, header, rows, says):
    write_csv(tmp_path / "my.csv", header, rows)
    result = run("new", "--data", tmp_path / "my.csv", "--target", "label", "--out", tmp_path / "my.toml")
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1 and says in result.stderr
    assert not (tmp_path / "my.toml").exists()


def test_import_reads_module_names_and_inlines_a_small_network(tmp_path):
    W1, b1, W2, b2 = np.arange(6.0).reshape(3, 2) / 10, np.zeros(3), np.ones((1, 3)), np.ones(1)
    np.savez(tmp_path / "m.npz", **{"fc1.weight": W1, "fc1.bias": b1, "fc2.weight": W2, "fc2.bias": b2})
    out = tmp_path / "m.toml"
    result = run("import", tmp_path / "m.npz", "--activations", "tanh,sigmoid", "--out", out)
    assert result.exit_code == 0, result.output
    scenario = load_scenario(out)
    assert scenario.network.layers[0].W.tolist() == W1.tolist() and scenario.training.loss == "binary_cross_entropy"
    assert "W1 = [" in out.read_text() and not list(tmp_path.glob("*.safetensors"))


def test_import_puts_many_weights_beside_the_scenario_and_leaves_the_input_alone(tmp_path):
    from safetensors.numpy import save

    tensors = {"0.weight": np.ones((32, 4), dtype=np.float32), "0.bias": np.zeros(32, dtype=np.float32),
               "2.weight": np.full((3, 32), 0.5, dtype=np.float32), "2.bias": np.zeros(3, dtype=np.float32)}
    source = tmp_path / "model.safetensors"
    source.write_bytes(save(tensors))
    before = source.read_bytes()
    out = tmp_path / "model.toml"
    assert run("import", source, "--activations", "relu,softmax", "--out", out).exit_code == 0
    assert source.read_bytes() == before
    assert 'file = "model.weights.safetensors"' in out.read_text()
    network = read_weights(tmp_path / "model.weights.safetensors", load_scenario(out).network)
    assert network.layers[1].W.tolist() == tensors["2.weight"].astype(np.float64).tolist()


def test_import_of_tensors_that_do_not_chain_names_the_tensor(tmp_path):
    np.savez(tmp_path / "m.npz", **{"0.weight": np.ones((8, 2)), "0.bias": np.zeros(8),
                                   "2.weight": np.ones((1, 7)), "2.bias": np.zeros(1)})
    result = run("import", tmp_path / "m.npz", "--activations", "relu,sigmoid", "--out", tmp_path / "m.toml")
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert "m.npz: 2.weight: has shape (1, 7), but layer 1 (0.weight (8, 2)) has 8 outputs" in result.stderr
