"""The order of a batch's steps is written once (engine.step.batch_order); the
recorded steps, the session's indexing and the labels all follow it."""

import numpy as np

import nnviz
from nnviz.engine.step import batch_order, label
from nnviz.engine.trace import informative_weight


def test_a_batch_runs_forward_then_the_loss_then_backward_and_updates_from_the_output_layer():
    assert [label(*where) for where in batch_order(3)] == ["F1", "F2", "F3", "L", "B3", "B2", "B1", "U3", "U2", "U1"]


def test_recorded_steps_positions_and_indices_follow_the_one_order():
    session = nnviz.Session(nnviz.load_scenario("deep-sigmoid"))
    order = batch_order(session.depth)
    steps = [session.step() for _ in range(2 * len(order))]
    for step in steps:
        where = order[step.index % len(order)]
        assert (step.phase, step.layer) == where
        assert session.position(step.index)[2:] == where
        assert session.index_of(step.epoch, step.batch, *where) == step.index


def test_the_default_weight_on_digits_is_never_a_pixel_that_is_zero_for_its_example():
    session = nnviz.Session(nnviz.load_scenario("digits"))
    session.step()
    trace = session.trace
    row, col, example = informative_weight(trace, 1)
    assert trace.X[col, example] != 0 and trace.grads.dZ[0][row, example] != 0
    assert example == int(np.argmax(trace.grads.losses))  # the example the batch gets most wrong
