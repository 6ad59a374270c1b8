"""evaluate, boundary, compare, histograms through click's CliRunner, against known results."""

from __future__ import annotations

import re

import numpy as np
import pytest
from click.testing import CliRunner

from nnviz.cli import main
from nnviz.engine import train
from nnviz.weights import read_weights
from nnviz.scenario import load_scenario


def run(*args, color=False):
    result = CliRunner().invoke(main, list(args), color=color)
    return result


def ok(*args, color=False) -> str:
    result = run(*args, color=color)
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result.output


def test_evaluate_liver_table_is_fifty_percent_with_each_class_at_half():
    out = ok("evaluate", "evaluation-liver", "--epochs", "0")  # the document's table: the weights as given
    assert "accuracy = 2/4 = 50.0%" in out
    assert re.search(r"^0\s+2\s+1\s+50\.0%$", out, re.M)
    assert re.search(r"^1\s+2\s+1\s+50\.0%$", out, re.M)
    # wrong examples: the 62-year-old predicted 1 and the 84-year-old predicted 0
    assert re.search(r"^\s*1\s+0\s+1\s", out, re.M) and re.search(r"^\s*3\s+1\s+0\s", out, re.M)


def test_evaluate_multiclass_test_set_is_sixty_percent_class_1_half_class_5_whole():
    out = ok("evaluate", "evaluation-multiclass", "--epochs", "0")
    test = out[out.index("test set"):]
    assert "accuracy = 3/5 = 60.0%" in test
    assert re.search(r"^1\s+2\s+1\s+50\.0%$", test, re.M)
    assert re.search(r"^5\s+1\s+1\s+100\.0%$", test, re.M)
    # the confusion matrix row of true class 1: one predicted 1, one predicted 7
    assert re.search(r"^1\s+0\s+1\s+0\s+0\s+0\s+0\s+0\s+1\s+0\s+0$", test, re.M)


def test_evaluate_and_boundary_use_the_same_weights_and_say_which():
    first = {command: ok(command, "xor", *extra).split("\n")[0]
             for command, *extra in (("evaluate",), ("boundary", "--no-color"))}
    assert first["evaluate"] == first["boundary"] == "XOR: the scenario's weights, after 200 epochs"
    assert ok("evaluate", "xor", "--epochs", "0").startswith("XOR: the scenario's weights, untrained\n")


def test_evaluate_and_compare_count_one_example_in_the_singular():
    assert "Evaluation on the training set (1 example)\n" in ok("evaluate", "binary-example", "--epochs", "1")
    assert "after 1 epoch\n" in ok("evaluate", "binary-example", "--epochs", "1")
    out = ok("compare", "binary-example", "--batch-sizes", "full", "--epochs", "1", "--no-color")
    assert "Binary classification, one example: 1 example, 1 epoch, learning rate 0.5" in out


def test_evaluate_regression_prints_the_mse():
    out = ok("evaluate", "housing-prices")
    assert "MSE" in out and "accuracy" not in out


def test_evaluate_reads_saved_weights(tmp_path):
    # Weights that predict class 1 for everyone: the liver table's two 1s are right.
    path = tmp_path / "w.npz"
    np.savez(path, W1=np.zeros((1, 3)), b1=np.array([5.0]))
    out = ok("evaluate", "evaluation-liver", "--weights", str(path))
    assert "accuracy = 2/4 = 50.0%" in out and "weights w.npz" in out
    assert re.search(r"^0\s+2\s+0\s+0\.0%$", out, re.M)
    assert re.search(r"^1\s+2\s+2\s+100\.0%$", out, re.M)


def test_evaluate_rejects_weights_of_the_wrong_shape_in_one_line(tmp_path):
    path = tmp_path / "w.npz"
    np.savez(path, W1=np.zeros((2, 3)), b1=np.zeros(2))
    result = run("evaluate", "evaluation-liver", "--weights", str(path))
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "W1" in result.output and "(1, 3)" in result.output


@pytest.mark.parametrize("suffix", [".npz", ".json"])
def test_evaluate_reads_the_weights_export_writes_bit_for_bit(tmp_path, suffix):
    path = tmp_path / f"w{suffix}"
    assert run("export", "gd-mini-batch", "--out", str(path)).exit_code == 0
    out = ok("evaluate", "gd-mini-batch", "--weights", str(path))
    scenario = load_scenario("gd-mini-batch")
    network = read_weights(path, scenario.network)
    assert [layer.W.tobytes() for layer in network.layers] == [
        layer.W.tobytes() for layer in train(scenario.network, scenario.X, scenario.Y, scenario.training).network.layers]
    assert out == ok("evaluate", "gd-mini-batch", "--epochs", "20").replace("the scenario's weights, after 20 epochs",
                                                                           f"weights {path.name}, untrained")


@pytest.mark.parametrize("name,save,says", [
    ("one.npy", lambda p: np.save(p, np.zeros(3)), "unknown weights format .npy"),
    ("one.npz", lambda p: p.write_bytes(np.lib.format.magic(1, 0) + b"x" * 20), "a single .npy array"),
    ("text.npz", lambda p: np.savez(p, W1=np.array([["a"] * 3]), b1=np.zeros(1)), "W1: holds <U1 values, not numbers"),
    ("objects.npz", lambda p: np.savez(p, W1=np.array([None, 1], dtype=object), b1=np.zeros(1)),
     "W1: holds Python objects (pickled), not numbers; nnviz never unpickles"),
    ("garbage.npz", lambda p: p.write_text("hello"), "not an .npz file (not a zip archive)"),
    ("list.json", lambda p: p.write_text("[1, 2]"), "expected a JSON object of named arrays"),
    ("ragged.json", lambda p: p.write_text('{"W1": [[1, 2], [3]], "b1": [0]}'), "W1: row [1] has 1 number, row [0] 2"),
    ("broken.json", lambda p: p.write_text("{"), "not valid JSON"),
])
def test_evaluate_with_unusable_weights_is_one_line_and_exit_2(tmp_path, name, save, says):
    path = tmp_path / name
    save(path)
    result = run("evaluate", "evaluation-liver", "--weights", str(path))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(f"nnviz: {path}: ")
    assert says in result.stderr


@pytest.mark.parametrize("width,height", [(40, 12), (23, 7)])
def test_boundary_prints_the_requested_size(width, height):
    out = ok("boundary", "mobile-network-1", "--epochs", "0", "--width", str(width), "--height", str(height),
             "--no-color")
    weights, *lines = out.rstrip("\n").split("\n")
    assert weights.endswith(": the scenario's weights, untrained")  # as evaluate says it
    assert len(lines) == height + 1  # the heatmap and a legend
    assert all(len(line) == width for line in lines[:height])
    assert lines[-1].startswith("x1 ")


def test_boundary_of_one_neuron_is_flat_along_x1():
    # ŷ = σ(-2 x2 + 12): every row of the picture is one shade, except where a point sits.
    out = ok("boundary", "mobile-neuron-b12", "--epochs", "0", "--width", "30", "--height", "10", "--no-color")
    for line in out.split("\n")[1:11]:
        assert len(set(line) - set("ox")) == 1


def test_boundary_bounds_show_the_documents_neuron_with_its_s_at_x2_0():
    # w = (0, -2), b = 0: ŷ = σ(-2 x2) < 0.5 above x2 = 0, > 0.5 below; the data (x1 >= 1) is off the frame.
    out = ok("boundary", "mobile-neuron-b0", "--epochs", "0", "--bounds=-3,0,-3,3", "--width", "10",
             "--height", "6", "--no-color")
    lines = out.split("\n")[1:7]
    assert all(len(set(line)) == 1 for line in lines)  # flat along x1
    assert set("".join(lines[:3])) == {" "} and set("".join(lines[3:])) <= set("▒▓█") and lines[-1][0] == "█"


def test_boundary_rejects_bounds_that_are_not_four_numbers():
    result = run("boundary", "mobile-neuron-b0", "--bounds", "1,2,3")
    assert result.exit_code == 2 and "--bounds" in result.output


@pytest.mark.parametrize("bounds", ["0,inf,0,1", "-1,1,nan,1", "0,1,-inf,0"])
def test_boundary_rejects_bounds_that_are_not_finite(bounds):
    result = run("boundary", "xor", "--epochs", "0", "--bounds", bounds)
    assert result.exit_code == 2
    assert result.stderr == f"nnviz: --bounds: expected finite numbers, got '{bounds}'\n"


def test_boundary_in_colour_uses_half_blocks_and_ansi():
    out = ok("boundary", "blobs", "--epochs", "5", "--width", "20", "--height", "5", color=True)
    assert "▀" in out and "\x1b[" in out


def test_boundary_needs_two_input_features():
    result = run("boundary", "evaluation-liver")
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert "exactly 2 input features" in result.output and "has 3" in result.output


BLEW_UP = ("nnviz: warning: training blew up: the loss is inf in epoch 5, batch 1; try a smaller learning_rate; "
           "these are the weights before that batch")


@pytest.mark.parametrize("command", [("evaluate",), ("boundary", "--no-color")], ids=lambda c: c[0])
def test_training_past_a_blow_up_says_where_and_shows_the_weights_before_it(command):
    result = run(command[0], "blowup", "--epochs", "9", *command[1:])
    assert result.exit_code == 0, result.output
    assert BLEW_UP in result.stderr.splitlines()


def test_compare_prints_a_row_per_batch_size_with_its_updates():
    out = ok("compare", "gd-batch", "--batch-sizes", "full,1,20", "--epochs", "1", "--no-color")
    rows = {m.group(1): (int(m.group(2)), int(m.group(3)))
            for m in re.finditer(r"^(full|1|20)\s+(\d+)\s+(\d+)\s", out, re.M)}
    assert rows == {"full": (1, 1), "1": (100, 100), "20": (5, 5)}
    assert "loss per update" in out  # the chart's title
    assert "\x1b[" not in out


def test_compare_counts_updates_over_every_epoch():
    out = ok("compare", "gd-batch", "--batch-sizes", "20,full", "--epochs", "3", "--no-color")
    assert re.search(r"^20\s+5\s+15\s", out, re.M) and re.search(r"^full\s+1\s+3\s", out, re.M)


@pytest.mark.parametrize("args", [("blowup",), ("binary-example", "--epochs", "0")], ids=" ".join)
def test_compare_charts_runs_that_blew_up_or_did_not_train_without_crashing(args):
    # plotext cannot place an inf loss, and a curve with no points broke its legend
    out = ok("compare", *args, "--batch-sizes", "full,1", "--no-color")
    rows = re.findall(r"^(full|1)\s+\d+\s+\d+\s+(\S+)", out, re.M)
    assert [label for label, _ in rows] == ["full", "1"]
    if args[0] == "blowup":
        assert all(loss == "inf" for _, loss in rows) and "(non-finite)" in out


def test_compare_rejects_a_bad_batch_size():
    result = run("compare", "gd-batch", "--batch-sizes", "full,0")
    assert result.exit_code == 2 and "--batch-sizes" in result.output


def test_histograms_in_colour_colour_the_bars():
    out = ok("histograms", "deep-sigmoid", "--epochs", "1", "--rows", "2", color=True)
    assert "\x1b[" in out and "layer 7" in out


def test_histograms_show_every_layer_and_the_vanishing_gradient():
    out = ok("histograms", "deep-sigmoid", "--epochs", "2", "--no-color")
    depth = load_scenario("deep-sigmoid").network.depth
    assert all(f"layer {l}  W{l}" in out for l in range(1, depth + 1))
    # at epoch 0 the first layer's dW is a single spike in the middle bin
    first = out[out.index("layer 1"):out.index("layer 2")]
    epoch0 = next(line for line in first.split("\n") if line.strip().startswith("0 "))
    dW_bars = epoch0.split("│")[3]
    assert dW_bars.strip() == "█" and dW_bars.index("█") == len(dW_bars) // 2


def test_compare_optimizers_from_the_same_weights_adam_goes_furthest_on_the_bundled_scenario():
    out = ok("compare", "optimizers", "--optimizers", "sgd,momentum,adam", "--no-color")
    rows = {m[1]: float(m[2]) for m in re.finditer(r"^(sgd|momentum|adam)\s+\d+\s+\d+\s+(\S+)", out, re.M)}
    assert re.search(r"^optimizer\s+updates/epoch", out, re.M)
    assert rows["adam"] < rows["momentum"] < rows["sgd"]
    bad = run("compare", "optimizers", "--optimizers", "sgd,adamw")
    assert bad.exit_code == 2 and "--optimizers: optimizer 'adamw': expected one of sgd" in bad.stderr
