"""list, show, check, replay, train, export through click's CliRunner."""

import json
import os

import numpy as np
import pytest
from click.testing import CliRunner

from nnviz import Session, load_scenario
from nnviz.cli import main
from nnviz.export import read_trace_index
from nnviz.scenario import bundled_names
from nnviz.scenario.bundled import bundled_dir


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)))


def binary_text() -> str:
    return (bundled_dir() / "binary-example.toml").read_text(encoding="utf-8")


def trained(name: str):
    """The network at the end of a Session run through all of ``name``'s steps."""
    session = Session(load_scenario(name))
    session.run()
    return session.network


# ---- list, show -------------------------------------------------------------------------------
def test_list_shows_every_bundled_scenario_with_its_title():
    result = run("list")
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.stdout.splitlines()[1:]]
    assert names == bundled_names()
    assert "binary-example         Binary classification, one example" in result.stdout


def test_show_prints_each_layers_shapes_and_parameter_counts():
    result = run("show", "binary-example")
    assert result.exit_code == 0
    rows = {line.split()[0]: line.split() for line in result.stdout.splitlines() if line and line[0] in "12t"}
    assert rows["1"][1:6] == ["4×4", "(4,", "4)", "(4,", "1)"] and rows["1"][6:8] == ["sigmoid", "20"]
    assert rows["2"][6:8] == ["sigmoid", "5"]
    assert rows["total"][1] == str(4 * 4 + 4 + 4 + 1)  # 25


def test_show_prints_the_data_and_the_training_settings():
    out = run("show", "gd-mini-batch").stdout
    assert "data      100 training examples, no test split" in out
    assert "η = 0.5, batches of 20 (5 updates per epoch), 20 epochs, in data order" in out
    assert "inputs    2 (x1, x2)" in out


def test_show_writes_the_penalty_as_the_loss_step_does():
    out = run("show", "chain-rule-l2").stdout
    step = Session(load_scenario("chain-rule-l2")).run_until(phase="loss")
    assert "loss      sse + 0.01 Σw²\n" in out and step.formula.endswith("² + 0.01 Σw²")


# ---- check --------------------------------------------------------------------------------------
def test_check_passes_on_a_bundled_scenario_and_lists_errata_separately():
    result = run("check", "binary-example")
    assert result.exit_code == 0, result.output
    out = result.stdout
    main_table, errata = out.split("errata: the document prints one number, the run gives the other")
    assert "0.948 " not in main_table and "erratum" not in main_table.split("note", 1)[0]
    errata_rows = [line for line in errata.splitlines() if line.startswith("    epoch")]
    assert errata_rows[0].split() == ["epoch", "1", "batch", "1", "forward", "layer", "2", "Z",
                                      "0.948", "0.949", "0.94892"]
    assert len(errata_rows) == 3
    assert out.rstrip().endswith("22 passed, 0 failed, 3 errata")


def test_check_exits_1_and_shows_the_failure_when_an_expectation_is_broken(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text(binary_text().replace("value = [0.8, 0.52, 0.68, 0.7]", "value = [0.8, 0.52, 0.68, 0.9]"))
    result = run("check", broken)
    assert result.exit_code == 1
    assert "  FAIL    epoch 1 batch 1 forward layer 1 Z" in result.stdout
    assert "↳ off by 0.2 at [3], more than tol 0.005" in result.stdout
    assert "21 passed, 1 failed, 3 errata" in result.stdout


def test_check_of_several_scenarios_fails_if_any_fails_and_quiet_shows_only_failures(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text(binary_text().replace("value = 0.327\n", "value = 0.5\n"))
    result = run("check", "-q", "softmax-example", broken)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "softmax-example.toml: 5 passed, 0 failed, 0 errata"
    assert lines[1] == "broken.toml: 21 passed, 1 failed, 3 errata"
    assert "FAIL" in lines[3] and "loss loss" in lines[3]
    assert lines[-1] == "2 scenarios: 26 passed, 1 failed, 3 errata"
    assert not any(line.lstrip().startswith("pass") for line in lines)


# ---- replay -------------------------------------------------------------------------------------
def test_replay_text_shows_headers_formulas_and_the_documents_first_numbers():
    result = run("replay", "--steps", 8)
    assert result.exit_code == 0
    out = result.stdout
    assert out.count("\nstep ") + out.startswith("step ") == 8
    assert out.startswith("step 0  epoch 1  batch 1  forward  layer 1\n  Z1 = W1 · A0 + b1\n")
    assert "  Z (4, 1) = [0.8 0.52 0.68 0.7]ᵀ" in out
    assert "     0.9  0.2   0.4  0.3\n    -0.5  0.4   0.3  0.3" in out  # W1 as aligned rows
    assert "step 7  epoch 2  batch 1  forward  layer 1" in out


def test_replay_until_stops_after_the_first_matching_step():
    out = run("replay", "--until", "update:2").stdout
    headers = [line for line in out.splitlines() if line.startswith("step ")]
    assert headers[-1] == "step 5  epoch 1  batch 1  update  layer 2" and len(headers) == 6


def test_replay_summarizes_large_arrays_with_shape_min_max_mean():
    out = run("replay", "gd-mini-batch", "--steps", 1).stdout
    assert "  Z  shape (4, 20)  min -0.383  max 0.419  mean -0.0018" in out


def test_replay_json_is_one_object_per_line_with_the_documented_keys():
    result = run("replay", "--format", "json")
    assert result.exit_code == 0
    steps = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(steps) == 70  # 10 epochs of 7 steps
    keys = {"index", "epoch", "batch", "phase", "layer", "examples", "formula", "array_names", "arrays"}
    assert all(set(step) == keys for step in steps)
    first = steps[0]
    assert (first["index"], first["epoch"], first["batch"], first["phase"], first["layer"]) == (0, 1, 1, "forward", 1)
    assert np.allclose(np.array(first["arrays"]["Z"]), [[0.8], [0.52], [0.68], [0.7]])
    assert steps[2]["layer"] is None and steps[2]["arrays"]["loss"] == pytest.approx(0.32725812)
    assert [s["index"] for s in steps] == list(range(70))


def test_replay_json_writes_nan_as_null():
    steps = [json.loads(line) for line in run("replay", "blowup", "--format", "json").stdout.splitlines()]
    assert any(s["arrays"].get("loss", 0) is None for s in steps)


# ---- train --------------------------------------------------------------------------------------
def test_train_draws_the_loss_curve_and_prints_classification_metrics():
    result = run("train", "binary-example")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "loss per epoch" in out and "epoch" in out and "┤" in out
    assert "epochs 10, final training loss ≈ 0.0575611 (with the final weights)" in out
    assert "accuracy = 1/1 = 100.0%" in out and "confusion matrix" in out
    assert "training" in result.stderr  # the progress bar goes to stderr


def test_train_prints_mse_for_regression_and_honours_epochs():
    out = run("train", "housing-prices", "--epochs", 3).stdout
    assert "epochs 3, final training loss" in out and "MSE = " in out and "accuracy" not in out


def test_train_says_in_one_line_where_it_blew_up_and_exits_1():
    result = run("train", "blowup")
    assert result.exit_code == 1
    error = [line for line in result.stderr.splitlines() if line.startswith("nnviz:")]
    assert error == ["nnviz: training blew up: the loss is inf in epoch 5, batch 1; try a smaller learning_rate"]


# ---- export -------------------------------------------------------------------------------------
def test_export_weights_npz_round_trips_to_the_sessions_trained_network(tmp_path):
    out = tmp_path / "w.npz"
    result = run("export", "gd-mini-batch", "--out", out)
    assert result.exit_code == 0
    assert result.stdout == f"wrote 17 parameters (W1 b1 W2 b2) after 20 epochs to {out}\n"
    saved = np.load(out)
    assert sorted(saved.files) == ["W1", "W2", "b1", "b2"]
    network = trained("gd-mini-batch")
    for l, layer in enumerate(network.layers, start=1):
        assert saved[f"W{l}"].tobytes() == layer.W.tobytes() and saved[f"b{l}"].shape == layer.b.shape


def test_export_weights_json_keeps_every_bit(tmp_path):
    out = tmp_path / "w.json"
    assert run("export", "binary-example", "--out", out).exit_code == 0
    saved = json.loads(out.read_text())
    network = trained("binary-example")
    assert np.array(saved["W1"]).tobytes() == network.layers[0].W.tobytes()
    assert np.array(saved["b2"]).shape == (1, 1)


def test_export_trace_npz_has_a_key_per_array_and_a_steps_index(tmp_path):
    out = tmp_path / "trace.npz"
    result = run("export", "--what", "trace", "--steps", 9, "--out", out)
    assert result.exit_code == 0 and result.stdout == f"wrote 9 steps to {out}\n"
    saved = np.load(out)
    index = read_trace_index(saved)
    assert [s["index"] for s in index] == list(range(9))
    assert index[2]["phase"] == "loss" and index[2]["layer"] is None
    session = Session(load_scenario("binary-example"))
    for header in index:
        step = session.step()
        assert header["array_names"] == list(step.arrays)
        for name in step.arrays:
            assert saved[f"step{step.index}_{name}"].tobytes() == step[name].tobytes()
    assert np.allclose(saved["step0_Z"].ravel(), [0.8, 0.52, 0.68, 0.7])


def test_export_trace_json_matches_replay_json(tmp_path):
    out = tmp_path / "trace.json"
    assert run("export", "--what", "trace", "--out", out).exit_code == 0
    replayed = [json.loads(line) for line in run("replay", "--format", "json").stdout.splitlines()]
    assert json.loads(out.read_text())["steps"] == replayed


def test_export_refuses_an_unknown_suffix_and_steps_without_trace(tmp_path):
    for args in (("--out", tmp_path / "w.txt"), ("--out", tmp_path / "w.npz", "--steps", 3)):
        result = run("export", *args)
        assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("what", ["weights", "trace"])
@pytest.mark.parametrize("suffix", [".npz", ".json"])
def test_export_into_a_missing_folder_is_one_line_and_exit_2(tmp_path, what, suffix):
    out = tmp_path / "no-such-folder" / f"out{suffix}"
    result = run("export", "--what", what, "--out", out)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr == f"nnviz: --out {out}: cannot write it: No such file or directory\n"


# ---- bad input ----------------------------------------------------------------------------------
BAD_FILES = {
    "missing": None,
    "malformed": "[network\nsizes = [4, 1]\n",
    "bad-key": binary_text().replace("learning_rate = 0.5", "learning_rat = 0.5"),
}
COMMANDS = [("show",), ("check",), ("replay",), ("train",), ("export", "--out", "OUT")]


@pytest.mark.parametrize("bad", BAD_FILES)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_bad_input_is_one_line_on_stderr_and_exit_2(tmp_path, bad, command):
    path = tmp_path / f"{bad}.toml"
    if BAD_FILES[bad] is not None:
        path.write_text(BAD_FILES[bad])
    args = [str(tmp_path / "out.npz") if a == "OUT" else a for a in command]
    result = run(args[0], path, *args[1:])
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("nnviz: ")
    assert f"{bad}.toml: " in result.stderr
    assert "Traceback" not in result.output


def test_a_folder_or_a_pipe_is_named_for_what_it_is(tmp_path):
    os.mkfifo(tmp_path / "pipe.toml")
    folder, pipe = run("show", tmp_path), run("show", tmp_path / "pipe.toml")
    assert folder.exit_code == pipe.exit_code == 2
    assert folder.stderr == f"nnviz: {tmp_path}: is a folder, not a scenario file\n"
    assert pipe.stderr.startswith(f"nnviz: {tmp_path / 'pipe.toml'}: is not a regular file")


def test_a_network_too_big_for_memory_is_one_line_and_exit_2(tmp_path):
    # W1 would be 10^12 x 4 float64s (29 TiB): the loader refuses before allocating anything.
    lines = [line for line in binary_text().splitlines() if not line.startswith(("W1 ", "b1 ", "W2 ", "b2 "))]
    path = tmp_path / "huge.toml"
    path.write_text("\n".join(lines).replace("sizes = [4, 4, 1]", "sizes = [4, 1000000000000, 1]"))
    result = run("show", path)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr == ("nnviz: huge.toml: network.sizes: about 1e12 parameters; the limit is 20,000,000 "
                             "(nnviz is for small networks)\n")


def test_the_bad_key_message_names_the_key_and_suggests_the_fix(tmp_path):
    path = tmp_path / "bad-key.toml"
    path.write_text(BAD_FILES["bad-key"])
    assert run("show", path).stderr == (
        "nnviz: bad-key.toml: training.learning_rat: unknown key; did you mean 'learning_rate'?\n")


def test_a_bad_until_is_one_line_and_exit_2():
    for until in ("sideways", "update:x", "update:3"):
        result = run("replay", "--until", until)
        assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1, until


@pytest.mark.parametrize("args", [
    ("nosuchcommand",), ("--bogus",), ("check",), ("show", "a", "b"), ("replay", "--format", "xml"),
    ("replay", "--steps", "0"), ("evaluate", "--weights", "no-such.npz"), ("boundary", "--width", "x"),
], ids=" ".join)
def test_a_usage_error_is_one_line_on_stderr_and_exit_2(args):
    result = run(*args)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("nnviz: ")
    assert "--help'" in result.stderr and "Usage:" not in result.output


def test_every_command_has_help_from_its_docstring():
    for command in ("list", "show", "check", "replay", "train", "export"):
        result = run(command, "--help")
        assert result.exit_code == 0 and "Usage: main " + command in result.stdout.replace("nnviz", "main")
        assert len(result.stdout.splitlines()) > 3
