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
