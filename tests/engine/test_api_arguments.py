"""The public API checks its arguments: one ValueError naming the valid values."""

import pytest

from nnviz import Breakpoint, Session, load_scenario


@pytest.fixture(scope="module")
def scenario():
    return load_scenario("binary-example")  # 4-4-1, 10 epochs of one batch: 70 steps


@pytest.mark.parametrize("call, says", [
    (lambda s: s.goto(1.5), "goto's step must be a whole number, got 1.5"),
    (lambda s: s.goto("3"), "goto's step must be a whole number, got '3'"),
    (lambda s: s.goto(True), "goto's step must be a whole number, got True"),
    (lambda s: s.goto(70), "no step 70: training has 70 steps, 0 to 69"),
    (lambda s: s.run_until(phase="Forward"), "run_until's phase must be one of forward, loss, backward, update, got 'Forward'"),
    (lambda s: s.run_until(layer=3), "run_until's layer must be a whole number from 1 to 2, got 3"),
    (lambda s: s.run_until(epoch_end=1), "epoch_end must be True or False, got 1"),
    (lambda s: s.run_until(predicate="loss"), "predicate must be a function or None, got 'loss'"),
    (lambda s: s.position(-1), "the step index must be a whole number from 0 to 69, got -1"),
    (lambda s: s.index_of(1, 1, "backward", 0), "layer must be a whole number from 1 to 2, got 0"),
    (lambda s: s.index_of(11, 1, "loss"), "epoch must be a whole number from 1 to 10, got 11"),
    (lambda s: s.gradcheck(0.5), "gradcheck's step must be a whole number, got 0.5"),
    (lambda s: s.gradcheck(max_cells=0), "gradcheck's max_cells (None for every cell) must be a whole number from 1, got 0"),
    (lambda s: s.rename(0, 5), "a branch name must be a str, got 5"),
    (lambda s: s.compare_branches(0, 0, top=1.5), "compare_branches' top must be a whole number from 1, got 1.5"),
])
def test_a_wrong_argument_is_one_value_error_listing_the_valid_values(scenario, call, says):
    session = Session(scenario)
    with pytest.raises(ValueError) as caught:
        call(session)
    assert str(caught.value) == says
    assert session.index == -1  # nothing ran


def test_goto_out_of_range_is_still_an_index_error(scenario):
    with pytest.raises(IndexError):
        Session(scenario).goto(10 ** 6)


@pytest.mark.parametrize("make, says", [
    (lambda: Breakpoint.loss_above("2"), "the threshold must be a number, got '2'"),
    (lambda: Breakpoint.loss_below(float("nan")), "the threshold must be a number, got nan"),
    (lambda: Breakpoint.at("Update"), "unknown phase 'Update'; expected one of forward, loss, backward, update"),
    (lambda: Breakpoint.grad_norm_above(1.0, layer=1.5), "the layer must be a whole number, got 1.5"),
])
def test_a_wrong_breakpoint_is_one_value_error(make, says):
    with pytest.raises(ValueError, match="^" + says.replace("(", r"\(").replace(")", r"\)") + "$"):
        make()


def test_session_refuses_what_is_not_a_scenario_or_a_breakpoint(scenario):
    with pytest.raises(ValueError, match="Session takes a Scenario"):
        Session("binary-example")
    with pytest.raises(ValueError, match="breakpoints must be Breakpoint objects"):
        Session(scenario, breakpoints=["nan"])
    with pytest.raises(ValueError, match="max_checkpoints must be a whole number from 1"):
        Session(scenario, max_checkpoints=0)


def test_load_scenario_refuses_what_is_not_a_path_or_a_name():
    from nnviz import ScenarioError

    with pytest.raises(ScenarioError, match="load_scenario takes a path or a bundled name, got int"):
        load_scenario(5)


# ---- the engine's entry points and the constructors a user fills in --------------------------------
def _engine_calls():
    import numpy as np

    from nnviz import Expect, Scenario, TrainingConfig, build_network, gradcheck, scenario_from_dict, train

    net = build_network([2, 3, 1], ["relu", "sigmoid"])
    bce = TrainingConfig("binary_cross_entropy", 0.1)
    X, Y = np.zeros((2, 5)), np.zeros((1, 5))
    return [
        (lambda: build_network([2, 0, 1], ["relu", "sigmoid"]), "build_network's sizes must be a list of at least two positive whole numbers"),
        (lambda: build_network([2, 1.5, 1], ["relu", "sigmoid"]), "got [2, 1.5, 1]"),
        (lambda: build_network([2, 3, 1], ["relu"]), "build_network's activations must be a list of 2 activation names, one per layer, got 1 of them"),
        (lambda: build_network([2, 3, 1], ["Relu", "sigmoid"]), "activations[0] must be one of sigmoid, tanh, relu, leaky_relu, linear, got 'Relu'"),
        (lambda: build_network([2, 3, 1], ["softmax", "sigmoid"]), "activations[0] must be one of sigmoid, tanh, relu, leaky_relu, linear, got 'softmax'"),
        (lambda: build_network([2, 1], ["relu"], init="glorot"), "build_network's init must be one of xavier, he, normal, uniform, got 'glorot'"),
        (lambda: build_network([2, 1], ["relu"], seed=-1), "build_network's seed must be a whole number from 0, got -1"),
        (lambda: build_network([2, 1], ["relu"], weights={1: [[1.0, 2.0, 3.0]]}), "build_network's weights[1] must have shape (1, 2), got (1, 3)"),
        (lambda: build_network([2, 1], ["relu"], weights={2: [[1.0, 2.0]]}), "build_network's weights layer must be a whole number from 1 to 1, got 2"),
        (lambda: build_network([2, 2], ["relu"], biases={1: [[1.0, 2.0]]}), "build_network's biases[1] must have shape (2,) or (2, 1), got (1, 2)"),
        (lambda: build_network([2, 1], ["relu"], trainable=[1]), "build_network's trainable[0] must be True or False, got 1"),
        (lambda: TrainingConfig("bce", 0.1), "TrainingConfig's loss must be one of binary_cross_entropy, cross_entropy, mse, sse, half_sse, got 'bce'"),
        (lambda: TrainingConfig("mse", -0.1), "TrainingConfig's learning_rate must be a finite number > 0, got -0.1"),
        (lambda: TrainingConfig("mse", float("inf")), "learning_rate must be a finite number > 0, got inf"),
        (lambda: TrainingConfig("mse", float("nan")), "learning_rate must be a finite number > 0, got nan"),
        (lambda: TrainingConfig("mse", "0.1"), "learning_rate must be a finite number > 0, got '0.1'"),
        (lambda: TrainingConfig("mse", 0.1, batch_size=2.5), "TrainingConfig's batch_size (None for the full batch) must be a whole number from 1, got 2.5"),
        (lambda: TrainingConfig("mse", 0.1, epochs=-1), "TrainingConfig's epochs must be a whole number from 0, got -1"),
        (lambda: TrainingConfig("mse", 0.1, optimizer="Adam"), "TrainingConfig's optimizer must be one of sgd, momentum, nesterov, rmsprop, adam, got 'Adam'"),
        (lambda: TrainingConfig("mse", 0.1, beta1=1.0), "TrainingConfig's beta1 must be a finite number in [0, 1), got 1.0"),
        (lambda: TrainingConfig("mse", 0.1, dtype="float16"), "TrainingConfig's dtype must be one of float64, float32, got 'float16'"),
        (lambda: TrainingConfig("mse", 0.1, mistakes="no_mean"), "TrainingConfig's mistakes must be a set of names from update_during_backward"),
        (lambda: TrainingConfig("mse", 0.1, mistakes={"no_man"}), "TrainingConfig's mistakes must be one of update_during_backward, no_mean,"),
        (lambda: TrainingConfig("mse", 0.1, shuffle="yes"), "TrainingConfig's shuffle must be True or False, got 'yes'"),
        (lambda: train(net, X.T, Y, bce), "train's X must be a NumPy array of numbers of shape (2, m), one example per column, m >= 1; got shape (5, 2)"),
        (lambda: train(net, X, np.zeros((1, 4)), bce), "train's Y must be a NumPy array of numbers of shape (1, m), one example per column, m >= 1 (m = 5, as in X); got shape (1, 4)"),
        (lambda: train(net, X.tolist(), Y, bce), "train's X must be a NumPy array of numbers of shape (2, m), one example per column, m >= 1; got list"),
        (lambda: train(net, X, Y, {"loss": "mse"}), "train's config must be a TrainingConfig, got dict"),
        (lambda: train([net], X, Y, bce), "train's network must be a Network (build_network, or a Scenario's), got list"),
        (lambda: train(net, X, Y, TrainingConfig("cross_entropy", 0.1)), "train's config.loss: cross_entropy needs a softmax output layer, but the output is sigmoid; with sigmoid use binary_cross_entropy, mse, sse, half_sse"),
        (lambda: train(net, X, Y, bce, cancelled=True), "train's cancelled must be a function or None, got True"),
        (lambda: gradcheck(net, X, Y, bce, eps=0), "gradcheck's eps must be a finite number > 0, got 0"),
        (lambda: gradcheck(net, X[:, :0], Y[:, :0], bce), "gradcheck's X must be a NumPy array of numbers of shape (2, m), one example per column, m >= 1; got shape (2, 0)"),
        (lambda: Scenario(net, X, Y, bce, X_test=X), "Scenario's X_test and Y_test must be given together"),
        (lambda: Scenario(net, X, Y, TrainingConfig("cross_entropy", 0.1)), "Scenario's training.loss: cross_entropy needs a softmax output layer"),
        (lambda: Scenario(net, X, Y, bce, expects=[Expect(1.0, 0.1)]), "Scenario's expects must be a tuple of Expect"),
        (lambda: Expect(1.0, 0.1, phase="Forward", layer=1, array="Z"), "Expect's phase must be one of forward, loss, backward, update, got 'Forward'"),
        (lambda: Expect(1.0, 0.1, phase="forward", layer=1, array="dZ"), "Expect's array must be one of A_prev, W, b, Z, A, got 'dZ'"),
        (lambda: Expect(1.0, 0.1, phase="forward", layer=1.0, array="Z"), "Expect's layer must be a whole number from 1, got 1.0"),
        (lambda: Expect(1.0, 0.1, metric="acc"), "Expect's metric must be one of accuracy, class_accuracy, loss, mse, got 'acc'"),
        (lambda: Expect("1", 0.1), "Expect's value must be a number or a list of numbers, got '1'"),
        (lambda: scenario_from_dict({}, file=3), "scenario_from_dict's file must be a name (str) for messages, got 3"),
        (lambda: scenario_from_dict({}, base_dir=3), "scenario_from_dict's base_dir must be a path or None, got 3"),
    ]


@pytest.mark.parametrize("index", range(len(_engine_calls())))
def test_a_wrong_engine_argument_is_one_value_error_naming_it(index):
    call, says = _engine_calls()[index]
    with pytest.raises(ValueError) as caught:
        call()
    assert says in str(caught.value)
    assert "\n" not in str(caught.value)


def test_the_engine_checks_use_the_tables_the_scenario_reader_uses():
    """One vocabulary: a name the engine accepts is one the reader offers, and the reverse."""
    from nnviz.engine import arguments
    from nnviz.scenario import loader

    for table in ("ACTIVATIONS", "LOSSES", "INITS", "OPTIMIZERS", "MISTAKES", "DTYPES"):
        assert getattr(arguments, table) is getattr(loader, table)


def test_nnviz_arguments_imports_nothing_from_outside_the_standard_library():
    import ast
    import sys
    from pathlib import Path

    import nnviz.arguments

    tree = ast.parse(Path(nnviz.arguments.__file__).read_text())
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert imported <= set(sys.stdlib_module_names) | {"__future__"}
