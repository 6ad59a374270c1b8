"""nnviz.checks: [[expect]] tables against a real run."""

import math
from dataclasses import replace

import numpy as np
import pytest

from nnviz import Expect, Scenario, Session, load_scenario, scenario_from_dict, train
from nnviz.checks import check_one, check_scenario, judge, metric, network_after
from nnviz.engine.backprop import gradients

Z1 = [0.8, 0.52, 0.68, 0.7]  # the document's a1 = W1 x + b1 of its binary example


def binary(*expects, **training) -> Scenario:
    """The document's binary example (4-4-1, one example) with these [[expect]] tables."""
    return scenario_from_dict({
        "network": {"sizes": [4, 4, 1], "activations": ["sigmoid", "sigmoid"]},
        "weights": {"W1": [[0.9, 0.2, 0.4, 0.3], [-0.5, 0.4, 0.3, 0.3], [0.1, 0.1, -0.1, 0.2],
                           [-0.2, 0.5, 0.5, 0.7]], "b1": 0.5, "W2": [[0.5, 0.8, -0.6, 0.3]], "b2": 0.3},
        "data": {"X": [[0.3, 0.5, -0.4, 0.3]], "Y": [1]},
        "training": {"loss": "binary_cross_entropy", "learning_rate": 0.5, "epochs": 5, **training},
        "expect": list(expects),
    }, file="binary.toml")


def at(phase="forward", layer=1, array="Z", **rest) -> dict:
    table = {"epoch": 1, "batch": 1, "phase": phase, "array": array, "tol": 1e-6, **rest}
    if phase != "loss":
        table["layer"] = layer
    return table


def only(scenario):
    (result,) = check_scenario(scenario)
    return result


def test_a_matching_column_passes_and_reports_what_it_got():
    result = only(binary(at(value=Z1)))
    assert result.status == "pass" and result.message == ""
    assert np.allclose(result.got, Z1)


def test_a_wrong_number_fails_saying_where_and_by_how_much():
    result = only(binary(at(value=[0.8, 0.52, 0.69, 0.7], tol=0.005)))
    assert result.failed and result.status == "fail"
    assert result.message == "off by 0.01 at [2], more than tol 0.005"


def test_an_erratum_passes_on_its_value_and_keeps_the_documents_number():
    result = only(binary(at(layer=2, value=0.949, document=0.948, erratum=True, tol=5e-4)))
    assert result.status == "erratum"
    assert result.expect.document == 0.948 and math.isclose(result.got, 0.94891857, abs_tol=1e-8)


def test_an_erratum_whose_value_is_wrong_is_a_failure():
    result = only(binary(at(layer=2, value=0.948, document=0.948, erratum=True, tol=5e-4)))
    assert result.status == "fail"


def test_nested_lists_of_the_wrong_shape_are_a_failure_with_both_shapes():
    result = only(binary(at(array="W", value=[[0.9, 0.2], [-0.5, 0.4]])))
    assert result.failed and result.got is None
    assert result.message == "shape mismatch: expected (2, 2), W has shape (4, 4)"


def test_a_flat_list_is_one_column_so_a_wide_matrix_is_reported():
    result = only(binary(at(array="W", value=[0.9, -0.5, 0.1, -0.2])))
    assert result.failed and "a flat list is one column (one example), but W has shape (4, 4)" in result.message


def test_a_number_against_a_vector_is_reported():
    result = only(binary(at(value=0.8)))
    assert result.failed and result.message == "expected one number, but Z has shape (4, 1)"


def test_a_number_matches_a_one_by_one_array_and_the_scalar_loss():
    results = check_scenario(binary(at(phase="loss", array="loss", value=0.32725812),
                                    at(layer=2, array="A", value=0.72089764)))
    assert [r.status for r in results] == ["pass", "pass"]


def test_an_array_the_step_does_not_have_is_a_failure_naming_the_ones_it_has():
    # The loader refuses this in a file; an Expect built in Python reaches the check.
    expect = Expect(value=0.0, tol=1e-6, phase="backward", layer=1, array="dA_prev")
    result = only(replace(binary(), expects=(expect,)))
    assert result.failed and result.message == "this step has no dA_prev; it has dA, dZ, dW, db"


def test_nan_fails_unless_nan_was_expected():
    expect = Expect(value=1.0, tol=0.1)
    assert judge(expect, np.array(np.nan), "x").message == "got NaN"
    assert judge(Expect(value=float("nan"), tol=0.1), np.array(np.nan), "x").status == "pass"


def test_results_come_back_in_file_order_whatever_step_they_look_at():
    late = at(phase="update", layer=1, array="W_new", epoch=3, value=[[0.0] * 4] * 4, tol=10.0)
    early = at(value=Z1)
    metric_ = {"metric": "loss", "after_epoch": 2, "value": 0.0, "tol": 10.0}
    results = check_scenario(binary(late, metric_, early))
    assert [r.expect.where for r in results] == [
        "epoch 3 batch 1 update layer 1 W_new", "loss (train) after epoch 2", "epoch 1 batch 1 forward layer 1 Z"]
    assert all(r.status == "pass" for r in results)


def test_the_network_after_n_epochs_is_the_fast_path_bit_for_bit():
    scenario = load_scenario("gd-mini-batch")
    fast = train(scenario.network, scenario.X, scenario.Y, replace(scenario.training, epochs=3)).network
    stepped = network_after(Session(scenario), 3)
    for a, b in zip(fast.layers, stepped.layers):
        assert a.W.tobytes() == b.W.tobytes() and a.b.tobytes() == b.b.tobytes()


def test_metric_loss_is_the_training_loss_with_regularization():
    scenario = load_scenario("chain-rule-l2")
    expected = gradients(scenario.network, scenario.X, scenario.Y, scenario.training).loss
    assert metric(scenario.network, scenario.X, scenario.Y, scenario.training, "loss") == expected
    plain = metric(scenario.network, scenario.X, scenario.Y, replace(scenario.training, l2=0.0), "loss")
    assert expected > plain


def test_metric_expectations_accuracy_and_class_accuracy():
    results = check_scenario(binary(
        {"metric": "accuracy", "after_epoch": 0, "value": 1.0},
        {"metric": "class_accuracy", "class": 1, "after_epoch": 5, "value": 1.0},
        {"metric": "loss", "after_epoch": 1, "value": 0.23054493, "tol": 1e-6},
        {"metric": "accuracy", "after_epoch": 0, "value": 0.5},
    ))
    assert [r.status for r in results] == ["pass", "pass", "pass", "fail"]


def test_a_class_the_data_does_not_have_fails_with_a_message():
    result = only(binary({"metric": "class_accuracy", "class": 4, "value": 1.0}))
    assert result.failed and result.message == "there is no class 4: the data has 2 classes (0..1)"


def test_a_test_split_metric_without_a_test_split_fails():
    result = only(binary({"metric": "accuracy", "split": "test", "value": 1.0}))
    assert result.failed and result.message == "the scenario has no test split"


def test_a_step_after_training_stopped_below_epsilon_fails_clearly():
    # The epoch losses are 0.327, 0.231, 0.171, ...: training stops after epoch 2.
    result = only(binary(at(epoch=5, value=Z1, tol=1.0), stop_below=0.25))
    assert result.failed and result.message.startswith("training stops before this point")


def test_check_one_moves_a_shared_session_forward_and_back():
    scenario = binary()
    session = Session(scenario)
    late = Expect(value=0.0, tol=100.0, epoch=4, phase="loss", array="loss")
    early = Expect(value=Z1, tol=1e-9, phase="forward", layer=1, array="Z")
    assert check_one(session, late).status == "pass"
    assert check_one(session, early).status == "pass"  # goto goes back exactly


@pytest.mark.parametrize("name", ["binary-example", "multiclass-example-1"])
def test_the_bundled_errata_are_reported_as_errata(name):
    results = check_scenario(load_scenario(name))
    assert not any(r.failed for r in results)
    assert [r.status == "erratum" for r in results] == [r.expect.erratum for r in results]
    assert any(r.expect.erratum for r in results)
