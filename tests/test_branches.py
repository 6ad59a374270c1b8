"""What-if branches: edit at the cursor, switch, goto; every branch stays exact."""

from dataclasses import replace

import numpy as np
import pytest

from nnviz import Session, load_scenario
from nnviz.branches import edited_network
from tests.engine.helpers import toy_scenario


def arrays(step):
    return {name: np.array(a) for name, a in step.arrays.items()}


def assert_same_step(a, b):
    assert a.index == b.index and a.formula == b.formula
    for name, array in arrays(a).items():
        np.testing.assert_array_equal(array, b[name], err_msg=f"step {a.index} {name}")


@pytest.fixture
def scenario():
    return toy_scenario(epochs=3)


def test_edit_switch_and_goto_are_bit_exact_on_both_branches(scenario):
    session = Session(scenario, max_checkpoints=4)
    fresh = Session(scenario)
    per = session.steps_per_batch
    session.goto(5 * per + 2)  # batch 5, forward layer 3: no update taken yet
    branch = session.edit("W2", (1, 3), 2.5)
    assert session.branch is branch and branch.start == 5 and session.index == 5 * per + 2
    assert session.network.layers[1].W[1, 3] == 2.5
    late = 17 * per + 4
    seen = {i: arrays(session.goto(i)) for i in (late, 5 * per, 9 * per + 7, late)}
    assert session.switch("main").name == "main"
    assert session.index == 5 * per + 2  # where main was left
    for i in (late, 3 * per + 1, 5 * per + 2):
        assert_same_step(session.goto(i), fresh.goto(i))
    session.switch(branch)
    assert session.index == late
    for i, want in seen.items():
        got = session.goto(i)
        for name, array in want.items():
            np.testing.assert_array_equal(got[name], array, err_msg=f"step {i} {name}")
    # Before the branch point the branch shares main's steps.
    assert_same_step(session.goto(4 * per + 3), fresh.goto(4 * per + 3))


def test_an_edit_before_the_first_step_runs_as_the_edited_scenario(scenario):
    session = Session(scenario)
    session.edit("b1", (2,), -0.75)
    network, _ = edited_network(scenario.network, "b1", (2, 0), -0.75)
    alone = Session(replace(scenario, network=network))
    session.run()
    alone.run()
    assert session.loss_history.batches == alone.loss_history.batches
    np.testing.assert_array_equal(session.network.layers[0].W, alone.network.layers[0].W)


def test_an_edit_once_the_updates_began_starts_at_the_next_batch(scenario):
    session = Session(scenario)
    per = session.steps_per_batch
    session.goto(2 * per + per - 2)  # batch 2, the update of layer 2
    before = arrays(session.current)
    branch = session.edit("learning_rate", value=1.5)
    assert branch.start == 3 and "learning_rate 0.3 → 1.5" in session.describe(branch)
    assert_same_step(session.current, session.current)
    for name, array in before.items():
        np.testing.assert_array_equal(session.current[name], array)
    assert session.config.learning_rate == 1.5
    assert "η" in session.goto(3 * per + per - 1).formula


def test_an_input_edit_changes_that_example_only_from_the_branch_on():
    scenario = toy_scenario(epochs=2, shuffle=False)
    session = Session(scenario)
    session.step()
    example = int(session.current.examples[1])
    session.edit("X", (0, example), 9.0)
    assert session.current["A_prev"][0, 1] == 9.0
    assert session.current["A_prev"][0, 0] == scenario.X[0, int(session.current.examples[0])]
    np.testing.assert_array_equal(session.scenario.X, scenario.X)  # the data set is not copied or changed


def test_branches_form_a_tree_and_losses_stay_per_branch(scenario):
    session = Session(scenario)
    per = session.steps_per_batch
    session.goto(4 * per)
    a = session.edit("learning_rate", value=0.05, name="slow")
    session.goto(10 * per)
    b = session.edit("l2", value=0.01)
    assert (b.parent, a.parent.name) == (a, "main") and b.name == "b2"
    session.run()
    b_losses = session.branch_losses(b)
    assert len(b_losses) == session.total_batches
    session.switch(a)
    assert session.branch_losses(b) == b_losses
    a_losses = session.branch_losses(a)
    assert len(a_losses) == 11  # a stood in batch 10 (it computed that batch) when b was made
    assert a_losses[:10] == b_losses[:10] and a_losses[10] != b_losses[10]
    main = session.branch_losses("main")
    assert main == b_losses[:5]  # main stood in batch 4; a new learning rate shows from batch 5's loss
    session.delete(a)
    assert [x.name for x in session.branches] == ["main"] and session.branch.name == "main"


@pytest.mark.parametrize("target,cell,value,message", [
    ("W9", (0, 0), 1.0, "cannot edit 'W9'"),
    ("w2", (0, 0), 1.0, "did you mean 'W2'?"),
    ("W2", (4, 0), 1.0, "W2[4, 0]: no such cell; W2 is 4×5 (rows 0..3, columns 0..4)"),
    ("b1", (-1,), 1.0, "b1[-1, 0]: no such cell"),
    ("W1", (0, 0), float("nan"), "W1: expected a finite number, got nan"),
    ("learning_rate", None, 0.0, "learning_rate: expected a number > 0"),
    ("X", (0, 50), 1.0, "X[0, 50]: no such cell"),
])
def test_a_wrong_edit_is_one_line(scenario, target, cell, value, message):
    session = Session(scenario)
    with pytest.raises(ValueError) as caught:
        session.edit(target, cell, value)
    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert session.branches == [session.branch]


def test_a_mistake_toggled_at_the_cursor_is_a_branch(scenario):
    session = Session(scenario)
    session.goto(session.steps_per_batch * 2 + 1)
    branch = session.toggle_mistake("ascent")
    assert branch.config.mistakes == {"ascent"} and "mistake ascent on" in session.describe(branch)
    update = session.goto(session.steps_per_batch * 3 - 1)
    assert "injected: ascent" in update.formula
    assert session.gradcheck().first_failure.array == "ΔW"
    session.switch("main")
    assert session.gradcheck().passed


def test_a_saved_branch_replays_headless_as_the_branch(tmp_path):
    scenario = load_scenario("xor")
    session = Session(scenario)
    branch = session.edit("W1", (0, 1), 1.25, name="what-if")
    session.run()
    path = tmp_path / "xor-what-if.toml"
    session.save_branch(branch, path)
    saved = load_scenario(path)
    assert "what-if" in saved.name and "W1[1,2]" in saved.description and not saved.expects
    replayed = Session(saved)
    replayed.run()
    assert replayed.loss_history.batches == session.loss_history.batches


def test_a_mistake_whose_shapes_fail_stops_before_its_batch_and_stepping_says_why():
    from nnviz.engine.mistakes import ShapeMistake

    session = Session(load_scenario("binary-example"))
    per = session.steps_per_batch
    session.goto(per + 2)
    session.toggle_mistake("missing_transpose")
    assert session.index == per - 1  # before batch 1, which the mistake cannot compute
    with pytest.raises(ShapeMistake, match=r"\(1, 1\) · \(4, 1\)"):
        session.step()
    with pytest.raises(ShapeMistake):
        session.goto(3 * per)
    assert session.index == per - 1
    session.switch("main")
    assert session.index == per + 2


def test_compare_branches_runs_both_to_the_end(scenario):
    session = Session(scenario)
    session.goto(3)
    b = session.edit("learning_rate", value=0.9)
    session.switch("main")
    result = session.compare_branches("main", b, top=3)
    assert session.branch.name == "main" and session.index == 3
    alone = Session(scenario)
    alone.run()
    assert result.a.losses == alone.loss_history.batches
    assert len(result.b.losses) == session.total_batches and result.b.losses != result.a.losses
    assert 0 <= result.a.accuracy <= 1 and len(result.differences) == 3
    gaps = [abs(d.a - d.b) for d in result.differences]
    assert gaps == sorted(gaps, reverse=True) and gaps[-1] > 0
