"""gradcheck and --mistake through click's CliRunner."""

import pytest
from click.testing import CliRunner

from nnviz.cli import main


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)))


def test_gradcheck_passes_on_a_correct_engine():
    result = run("gradcheck", "binary-example")
    assert result.exit_code == 0, result.output
    assert "all 8 arrays agree" in result.stdout
    assert [line.split()[:2] for line in result.stdout.splitlines()[2:4]] == [["2", "dW"], ["2", "db"]]


def test_gradcheck_exits_1_naming_the_layer_and_array_of_a_mistake():
    result = run("gradcheck", "binary-example", "--mistake", "frozen_bias", "--step", "14")
    assert result.exit_code == 1
    assert "epoch 3 batch 1" in result.stdout and "mistakes: frozen_bias" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("layer 2 Δb disagrees")


def test_gradcheck_step_out_of_range_is_one_line():
    result = run("gradcheck", "binary-example", "--step", "1000")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "--step 1000" in result.stderr


@pytest.mark.parametrize("command", ["open", "replay", "train", "check", "evaluate", "boundary", "compare",
                                     "gradcheck"])
def test_every_training_command_takes_mistake_and_suggests_a_close_name(command):
    result = run(command, "binary-example", "--mistake", "acsent")
    assert result.exit_code == 2
    assert result.stderr == "nnviz: --mistake acsent: unknown mistake; did you mean 'ascent'?\n"


def test_check_with_a_mistake_runs_the_expectations_against_the_buggy_engine():
    right, wrong = run("check", "-q", "binary-example"), run("check", "-q", "binary-example", "--mistake", "ascent")
    assert right.exit_code == 0 and wrong.exit_code == 1
    assert "mistakes: ascent" in wrong.stdout and "update layer 2 W_new" in wrong.stdout


def test_a_shape_error_of_missing_transpose_is_one_line_and_exit_1():
    result = run("replay", "binary-example", "--mistake", "missing_transpose")
    assert result.exit_code == 1
    assert result.stderr == ("nnviz: dW2 = dZ2 · A1 cannot be computed: (1, 1) · (4, 1), the inner sizes 1 and 4 "
                             "differ (missing_transpose)\n")
