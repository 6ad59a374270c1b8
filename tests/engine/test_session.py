"""Session: stepping, exact back/goto, breakpoints, memory."""

import tracemalloc
from dataclasses import replace
import warnings

import numpy as np
import pytest

from nnviz import Breakpoint, Session, load_scenario
from nnviz.engine import train
from nnviz.engine.backprop import batch_loss
from nnviz.engine.optimizers import OPTIMIZERS
from tests.engine.helpers import toy_scenario


def same(a, b) -> bool:
    return a.arrays.keys() == b.arrays.keys() and all(a[k].tobytes() == b[k].tobytes() for k in a.arrays)


@pytest.fixture
def scenario():
    return toy_scenario()  # 3-5-4-1, 50 examples, batches of 8, shuffled: 10 steps a batch


def variant(dtype: str, optimizer: str):
    """The toy scenario in ``dtype`` with ``optimizer``: exactness holds for each."""
    s = toy_scenario()
    return replace(s, training=replace(s.training, optimizer=optimizer)).with_dtype(dtype)


EVERY = [(dtype, name) for dtype in ("float64", "float32") for name in OPTIMIZERS]
SOME = [("float64", "sgd"), ("float32", "sgd"), ("float64", "adam"), ("float32", "momentum")]


def test_new_session_stands_before_the_first_step(scenario):
    s = Session(scenario)
    assert s.index == -1 and s.current is None and s.back() is None
    step = s.step()
    assert (step.index, step.phase, step.epoch, step.batch, step.layer) == (0, "forward", 1, 1, 1)
    assert step.formula.startswith("Z1 = W1 · A0 + b1")


def test_step_order_within_a_batch(scenario):
    s = Session(scenario)
    labels = [s.step().label for _ in range(10)]
    assert labels == ["F1", "F2", "F3", "L", "B3", "B2", "B1", "U3", "U2", "U1"]
    assert s.step().batch == 2


@pytest.mark.parametrize("dtype,optimizer", EVERY)
def test_back_restores_every_array_bit_for_bit_after_500_steps(dtype, optimizer):
    s = Session(variant(dtype, optimizer), max_checkpoints=8)
    first = [s.step() for _ in range(500)]
    assert first[-1].epoch > 1
    while s.back() is not None:
        pass
    assert s.index == -1
    again = [s.step() for _ in range(500)]
    assert all(same(a, b) for a, b in zip(first, again))


@pytest.mark.parametrize("dtype,optimizer", EVERY)
def test_goto_in_random_order_is_exact(dtype, optimizer):
    s = Session(variant(dtype, optimizer), max_checkpoints=4)
    first = [s.step() for _ in range(500)]
    for i in np.random.default_rng(0).permutation(500)[:80]:
        step = s.goto(int(i))
        assert s.index == i and same(step, first[i])


def test_goto_leaves_parameters_as_at_that_step(scenario):
    s = Session(scenario)
    for _ in range(8):  # F1 F2 F3 L B3 B2 B1 U3: layer 3 updated, layers 1-2 not yet
        step = s.step()
    assert step.label == "U3"
    np.testing.assert_array_equal(s.network.layers[2].W, step["W_new"])
    np.testing.assert_array_equal(s.network.layers[0].W, scenario.network.layers[0].W)
    s.goto(200)
    s.goto(7)
    np.testing.assert_array_equal(s.network.layers[2].W, step["W_new"])


@pytest.mark.parametrize("dtype,optimizer", SOME)
def test_two_sessions_with_the_same_seed_are_identical(dtype, optimizer):
    a, b = Session(variant(dtype, optimizer)), Session(variant(dtype, optimizer))
    for _ in range(300):
        assert same(a.step(), b.step())


def test_steps_are_immutable(scenario):
    s = Session(scenario)
    step = s.step()
    with pytest.raises(ValueError):
        step["W"][0, 0] = 1.0
    with pytest.raises(TypeError):
        step.arrays["Z"] = np.zeros(1)


@pytest.mark.parametrize("dtype,optimizer", SOME)
def test_fast_run_to_epoch_end_equals_stepping(dtype, optimizer):
    scenario = variant(dtype, optimizer)
    fast, slow = Session(scenario), Session(scenario)
    end = fast.run_until(epoch_end=True)
    for _ in range(end.index + 1):
        last = slow.step()
    assert same(end, last) and fast.index == slow.index == 69
    for one, two in zip(fast.network.layers, slow.network.layers):
        assert one.W.tobytes() == two.W.tobytes()
    assert fast.loss_history.batches == slow.loss_history.batches


@pytest.mark.parametrize("dtype,optimizer", SOME)
def test_session_agrees_with_headless_training(dtype, optimizer):
    scenario = variant(dtype, optimizer)
    s = Session(scenario)
    s.run()
    result = train(scenario.network, scenario.X, scenario.Y, scenario.training)
    assert s.at_end and s.step() is None
    assert s.loss_history.epochs == result.history.epochs
    for one, two in zip(s.network.layers, result.network.layers):
        assert one.W.tobytes() == two.W.tobytes()


def test_loss_history_follows_the_cursor(scenario):
    s = Session(scenario)
    s.goto(3)  # the loss step of batch 1
    assert len(s.loss_history.batches) == 1 and s.loss_history.epochs == []
    s.run_until(epoch_end=True)
    assert len(s.loss_history.batches) == 7 and len(s.loss_history.epochs) == 1
    s.goto(2)
    assert s.loss_history.batches == []


def test_run_until_phase_and_layer(scenario):
    s = Session(scenario)
    step = s.run_until(phase="update", layer=1)
    assert step.label == "U1" and s.hit is None
    assert s.run_until(predicate=lambda st: st.batch == 3 and st.phase == "loss").label == "L"


@pytest.mark.parametrize("breakpoint,check", [
    (Breakpoint.at("backward", 2), lambda st: st.label == "B2"),
    (Breakpoint.loss_below(0.4), lambda st: st.phase == "loss" and st.loss < 0.4),
    (Breakpoint.loss_above(0.6), lambda st: st.phase == "loss" and st.loss > 0.6),
    (Breakpoint.grad_norm_above(0.3), lambda st: st.phase == "backward" and np.linalg.norm(st["dW"]) > 0.3),
    (Breakpoint.grad_norm_below(1e-3, layer=1), lambda st: st.label == "B1" and np.linalg.norm(st["dW"]) < 1e-3),
    (Breakpoint.epoch_end(), lambda st: st.label == "U1" and st.batch == 7),
])
def test_each_breakpoint_stops_at_the_first_matching_step(scenario, breakpoint, check):
    s = Session(scenario, breakpoints=[breakpoint])
    step = s.run()
    assert s.hit is not None and s.hit.breakpoint == breakpoint and s.hit.step is step
    assert check(step)
    # No earlier step matched: replay and look.
    replay = Session(scenario)
    assert not any(check(replay.step()) for _ in range(step.index))


def test_non_finite_breakpoint_names_the_first_bad_array():
    scenario = toy_scenario(sizes=(3, 8, 1), activations=("relu", "linear"), loss="mse", learning_rate=50.0,
                            epochs=50)
    s = Session(scenario, breakpoints=[Breakpoint.non_finite()])
    step = s.run()
    assert s.hit is not None and "non-finite value in" in s.hit.message
    name = step.first_non_finite()
    assert name is not None and name in s.hit.message
    replay = Session(scenario)
    assert all(replay.step().first_non_finite() is None for _ in range(step.index))


def test_stop_below_ends_the_stream(scenario):
    s = Session(toy_scenario(epochs=200, stop_below=0.2))
    last = s.run()
    assert s.at_end and last.label == "U1" and last.batch == 7
    assert s.loss_history.epochs[-1] < 0.2
    with pytest.raises(IndexError):
        s.goto(last.index + 1)


def test_interrupt_stops_a_long_run(scenario):
    s = Session(scenario)
    calls = []
    s.run(interrupt=lambda: len(calls) > 3 or calls.append(1))
    assert 0 <= s.index < s.total_steps - 1


def test_memory_stays_bounded_over_a_long_session():
    # 64 x 32 x 10 network (2,410 parameters), 500 batches: checkpoints stay <= 16 copies.
    m = 500
    scenario = toy_scenario(sizes=(64, 32, 10), activations=("relu", "softmax"), m=m, batch_size=1,
                            epochs=1, learning_rate=0.01)
    s = Session(scenario, max_checkpoints=16)
    tracemalloc.start()
    for i in range(0, m * 7, 61):
        s.goto(i)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    params_bytes = 8 * scenario.network.parameter_count
    assert len(s._checkpoints) <= 16 and s.interval >= 16  # the checkpoints filled up and were thinned
    # Checkpoints + two cached batches + one float a batch; not steps x parameters (~ 67 MB here).
    assert peak < 40 * params_bytes + 64 * m, peak


def test_index_of_inverts_position(scenario):
    s = Session(scenario)
    for index in range(0, 300, 7):
        assert s.index_of(*s.position(index)) == index


def test_batch_steps_are_the_current_batch_up_to_the_cursor(scenario):
    s = Session(scenario)
    assert s.batch_steps == ()
    s.goto(13)  # the fourth step of batch 2
    assert [step.index for step in s.batch_steps] == [10, 11, 12, 13]
    assert s.batch_steps[-1] is s.current
    s.run_until(batch_end=True)
    assert len(s.batch_steps) == s.steps_per_batch


def test_a_grad_norm_breakpoint_on_a_blow_up_fires_without_a_warning():
    # ‖dW‖ of entries near 1e200 overflows: the breakpoint must read it as inf, not warn.
    from nnviz import load_scenario

    s = Session(load_scenario("blowup"), breakpoints=[Breakpoint.grad_norm_above(1e300)])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        step = s.run()
    assert s.hit is not None and step.phase == "backward"
    assert "‖dW" in s.hit.message and "= inf" in s.hit.message


def test_non_finite_message_on_the_loss_step_names_it_once():
    scenario = toy_scenario(sizes=(3, 8, 1), activations=("relu", "linear"), loss="mse", learning_rate=50.0,
                            epochs=50)
    s = Session(scenario)
    step = s.run_until(predicate=lambda st: st.phase == "loss" and st.first_non_finite() is not None)
    assert step is not None and step.phase == "loss"
    message = Breakpoint.non_finite().check(step, False)
    assert message == f"non-finite value in {step.first_non_finite()} (the loss step)"


def test_non_finite_breakpoint_fires_when_only_eta_dW_overflows():
    # One linear layer whose W stays finite (train_biases off, and W - η·dW is -inf only in η·dW's
    # wake): the batch skipped by run_until must not hide the overflow in η·dW.
    from nnviz import scenario_from_dict

    s = scenario_from_dict({
        "network": {"sizes": [1, 1], "activations": ["linear"]},
        "weights": {"W1": [[1e150]], "b1": 0.0},
        "data": {"X": [[1e-10], [1e-10]], "Y": [0.0, 0.0]},
        "training": {"loss": "sse", "learning_rate": 1e170, "train_biases": False, "epochs": 3},
    })
    session = Session(s, breakpoints=[Breakpoint.non_finite()])
    step = session.run()
    assert session.hit is not None and step.phase == "update"
    assert step.first_non_finite() is not None
    assert Breakpoint.non_finite().may_fire(session._fast(0, check_finite=True), False)


def test_the_test_split_loss_is_taken_with_the_weights_at_each_epochs_end():
    scenario = load_scenario("blobs")
    s = Session(scenario)
    s.goto(2 * s.plan.per_epoch * s.steps_per_batch - 1)  # the last update of epoch 2
    history = s.loss_history
    assert len(history.test) == len(history.epochs) == 2
    assert history.test[-1] == batch_loss(s.network, scenario.X_test, scenario.Y_test, scenario.training)[0]
    s.back()  # inside epoch 2 again: its test loss is not known yet
    assert len(s.loss_history.test) == 1
    assert Session(load_scenario("binary-example")).loss_history.test == []
