"""One Selection for every panel: a cursor moved in any array moves the others."""

import nnviz
from nnviz.tui.controller import Controller
from nnviz.tui.frame import Selection, read_frame


def test_a_cursor_in_any_array_moves_the_same_neuron_weight_and_example_in_the_others():
    picked = Selection(2, "A_prev", 1, 3, 0).moved("A_prev", 2, 4)  # input 3, example 5
    assert (picked.col, picked.example, picked.row) == (2, 4, 1)
    assert picked.cell("W") == (1, 2) and picked.cell("dZ") == (1, 4) and picked.cell("losses") == (0, 4)
    moved = picked.moved("dW", 0, 1)
    assert moved.weight == (2, 0, 1) and moved.example == 4 and moved.array == "dW"
    assert moved.cell("db") == (0, 0) and moved.cell("A_prev") == (1, 4)


def test_the_pick_is_kept_on_its_layer_and_other_layers_show_their_most_informative_weight():
    session = nnviz.Session(nnviz.load_scenario("binary-example"))
    session.goto(4)  # B1
    frame = read_frame(session)
    default = frame.select(None, None)
    dW1 = abs(frame.step["dW"])
    assert default.layer == 1 and dW1[default.row, default.col] == dW1.max()
    pick = default.moved("dW", 0, 3)
    assert frame.select(None, pick) == pick
    session.back()  # B2: the pick was on layer 1
    other = read_frame(session).select(None, pick)
    assert other.layer == 2 and other.example == pick.example


def test_the_backward_wave_jumps_over_the_forward_steps_and_the_loss():
    controller = Controller(nnviz.load_scenario("binary-example"))
    labels = [controller.step_wave().label for _ in range(6)]
    assert labels == ["B2", "B1", "U2", "U1", "B2", "B1"]
    assert controller.session.index == controller.session.steps_per_batch + 4  # batch 2's B1
