"""The network graph (widgets/network_picture.py) drawn for Frames, without an app;
one short Pilot test for the widget on screen and its clicks."""

from __future__ import annotations

import re

import numpy as np
import pytest

import nnviz
from nnviz.textfmt import number
from nnviz.tui.app import make_app
from nnviz.tui.frame import Selection, read_frame
from nnviz.tui.widgets.network_picture import BLOCKS, Target, columns, draw
from nnviz.tui.widgets.network_view import NetworkView

# The network panel's inside at 80×24 (its tab), 120×40, 160×48 and 220×60.
PANEL_SIZES = [(76, 18), (44, 11), (60, 15), (51, 21)]
AT_120_BY_40 = (44, 11)
GLYPHS = "▲▼●◆"


def frame_at(name: str, index: int):
    session = nnviz.Session(nnviz.load_scenario(name))
    if index >= 0:
        session.goto(index)
    return read_frame(session)


def lit_layer(picture) -> int | None:
    """The layer whose header carries the phase's arrow."""
    match = re.search(r"[←→] (?:layer )?(\d+)", picture.lines[0])
    return int(match.group(1)) if match else None


@pytest.mark.parametrize("name", ["binary-example", "deep-sigmoid"])
def test_the_lit_layer_moves_from_the_output_to_the_input_over_the_backward_and_update_steps(name):
    session = nnviz.Session(nnviz.load_scenario(name))
    depth = len(session.network.layers)
    lit = {"backward": [], "update": []}
    dz_shown = []
    for _ in range(session.steps_per_batch):
        step = session.step()
        frame = read_frame(session)
        if step.phase in lit:
            lit[step.phase].append(lit_layer(draw(frame, *AT_120_BY_40)))
        if step.phase == "backward":
            dz_shown.append([c.layer for c in columns(frame) if c.kind == "dz"])
    assert lit["backward"] == lit["update"] == list(range(depth, 0, -1))
    # dz appears at each layer as the backward phase reaches it, from the right
    assert dz_shown == [list(range(l, depth + 1)) for l in range(depth, 0, -1)]


def test_layers_the_phase_has_not_reached_are_dim_and_the_current_one_lit():
    frame = frame_at("deep-sigmoid", 10)  # B5
    states = [c.state for c in columns(frame)]
    assert states == ["done", "dim", "dim", "dim", "dim", "lit", "done", "done", "done"]
    picture = draw(frame, *AT_120_BY_40)
    header_styles = {picture.styles[0][x] for x, ch in enumerate(picture.chars[0]) if ch == "←"}
    assert header_styles == {"current"}


@pytest.mark.parametrize("size", PANEL_SIZES)
def test_every_layer_of_deep_sigmoid_and_the_loss_appear(size):
    frame = frame_at("deep-sigmoid", 13)  # g 14: B2
    picture = draw(frame, *size)
    header = picture.lines[0]
    labels = re.findall(r"(?:^|\s)(?:← )?(?:layer )?(\d)\b", header)
    assert labels == [str(l) for l in range(1, 8)], header
    assert "loss" in header or header.rstrip().endswith("L")
    loss = number(frame.last("loss", None)["loss"], 3)
    assert any(f"◆{loss}" in line for line in picture.lines)
    assert not picture.clipped


def bar_lengths(picture, row: int) -> list[int]:
    """The bars of a row in eighths of a cell, left to right."""
    line = "".join(picture.chars[row])
    return [8 * bar.count("█") + BLOCKS.index(bar[-1]) % 8 for bar in re.findall(r"[▏▎▍▌▋▊▉█]+", line)]


@pytest.mark.parametrize("size", PANEL_SIZES)
def test_the_grad_norm_bars_of_deep_sigmoid_shrink_toward_layer_1(size):
    frame = frame_at("deep-sigmoid", 14)  # B1: every dW of the batch is known
    picture = draw(frame, *size)
    row = next(y for y, line in enumerate(picture.lines) if "‖dW‖" in line and "bars" not in line)
    bars = bar_lengths(picture, row)
    assert len(bars) == 7
    assert bars == sorted(bars) and bars[0] < bars[-1], bars


def test_the_bars_appear_layer_by_layer_as_the_backward_phase_reaches_them():
    counts = []
    for index in range(8, 15):  # B7 .. B1 of deep-sigmoid
        picture = draw(frame_at("deep-sigmoid", index), *AT_120_BY_40)
        row = next(y for y, line in enumerate(picture.lines) if "‖dW‖" in line and "bars" not in line)
        counts.append(len(bar_lengths(picture, row)))
    assert counts == [1, 2, 3, 4, 5, 6, 7]


def shown_values(frame) -> set[str]:
    """Every value a node may show, formatted as the graph formats it."""
    values = [c.values for c in columns(frame) if c.values is not None]
    return {number(v, 3) for array in values for v in np.ravel(array)}


@pytest.mark.parametrize("name", ["binary-example", "deep-sigmoid", "digits", "xor", "multiclass-example-1"])
def test_no_number_at_a_node_is_cut_and_nothing_falls_off_the_panel(name):
    session = nnviz.Session(nnviz.load_scenario(name))
    for _ in range(session.steps_per_batch):
        session.step()
        frame = read_frame(session)
        expected = shown_values(frame)
        for size in PANEL_SIZES:
            picture = draw(frame, *size)
            assert not picture.clipped, (name, frame.step.label, size)
            for line in picture.lines:
                for token in re.findall(rf"[{GLYPHS}]([^\s⠀-⣿]+)", line):
                    float(token)  # a whole number ...
                    assert token in expected, (token, line)  # ... and the whole of a value


def test_wide_layers_show_their_largest_values_and_say_how_many_more():
    frame = frame_at("digits", 4)  # B2 of 64-32-10
    picture = draw(frame, *AT_120_BY_40)
    text = "\n".join(picture.lines)
    assert re.search(r"\+5\d( more)?", text) and re.search(r"\+2\d( more)?", text)
    assert "top |value|" in text
    hidden = columns(frame)[1]  # layer 1: a, top ones by |a| shown
    shown = {float(t) for t in re.findall(r"[▲▼●]([^\s⠀-⣿]+)", text)}
    top = np.sort(np.abs(hidden.values))[-3:]
    assert all(any(np.isclose(abs(s), number_value) for s in shown) for number_value in
               [float(number(v, 3)) for v in top])


def test_the_selected_weight_and_its_neuron_are_highlighted():
    frame = frame_at("binary-example", 4)  # B1
    for selection in (Selection(1, "W", 2, 3), Selection(2, "dW", 0, 1)):
        picture = draw(frame, 76, 18, selection=selection)
        marked = {t for (x, y), t in picture.targets.items() if picture.styles[y][x] in ("selected", "picked")}
        assert marked == {Target("weight", *selection.weight), Target("neuron", selection.layer, selection.row)}


def test_the_nodes_show_the_selected_example():
    frame = frame_at("xor", 1)  # F2
    m = frame.inputs.shape[1]
    for k in (0, 1, m - 1):
        picture = draw(frame, 76, 18, selection=Selection(2, example=k))
        output = number(frame.last("forward", 2)["A"][0, k], 3)
        assert any(f"▲{output}" in line for line in picture.lines)
        assert f"example {k + 1} of {m}" in "\n".join(picture.lines)


async def test_deep_sigmoid_fits_at_120_by_40_and_a_click_selects_a_neuron():
    app = make_app("deep-sigmoid")
    async with app.run_test(size=(120, 40)) as pilot:
        app.debugger.goto(14)
        await pilot.pause()
        view = app.screen.query_one(NetworkView)
        text = view.text()
        assert all(f"{l}" in text.splitlines()[0] for l in range(1, 8)) and "loss" in text
        picture = view.picture()[0]
        assert not picture.clipped and view.size.width <= app.screen.query_one("#network").content_region.width
        (x, y), target = next((xy, t) for xy, t in picture.targets.items()
                              if t.kind == "neuron" and t.layer == 3)
        await pilot.click(NetworkView, offset=(x, y))
        assert app.debugger.selected_layer == 3
        assert (app.debugger.selection.layer, app.debugger.selection.row) == (3, target.row)
        edge, weight = next((xy, t) for xy, t in view.picture()[0].targets.items()
                            if t.kind == "weight" and t.layer == 3 and t.row != target.row)
        await pilot.click(NetworkView, offset=edge)
        assert app.debugger.selection.weight == (3, weight.row, weight.col)


def test_a_row_s_blanks_join_the_run_before_them_only_where_they_look_the_same():
    """NetworkView._strip: fewer segments, the same cells: every character in the style
    its cell was drawn in, except blanks, which may take a neighbour's style that shows
    a blank as a blank (no background, reverse or line)."""
    from rich.style import Style

    from nnviz.tui.widgets.network_view import blank_as_is, style_of

    base = Style(color="#e0e0e0", bgcolor="#121212")
    for name, index in (("binary-example", 4), ("deep-sigmoid", 10), ("digits", 5)):
        picture = draw(frame_at(name, index), *AT_120_BY_40, selection=Selection(layer=1, row=0, col=0))
        runs = fewer = 0
        for y in range(picture.height):
            strip = NetworkView._strip(picture, y, {n: base + style_of(n) for n in set().union(*picture.styles)})
            drawn = [(char, segment.style) for segment in strip for char in segment.text]
            assert "".join(char for char, _ in drawn) == "".join(picture.chars[y])
            for (char, style), name_ in zip(drawn, picture.styles[y]):
                if style != base + style_of(name_):
                    assert char == " " and name_ is None and style.bgcolor == base.bgcolor and not (
                        style.reverse or style.underline or style.strike)
            runs += 1 + sum(a != b for a, b in zip(picture.styles[y], picture.styles[y][1:]))
            fewer += len(list(strip))
        assert fewer < runs  # blanks did join
    assert blank_as_is("+2") and blank_as_is("dim") and not blank_as_is("current") and not blank_as_is("header underline")


def test_a_picture_too_small_for_its_network_says_so_and_draws_what_fits():
    """Its rows or its gaps do not fit: dots that fall outside are left out (once they
    raised IndexError, or could wrap onto the next row), and the picture says it is
    clipped; every dot drawn lies in the gap between two columns of nodes."""
    from nnviz.tui.widgets.network_picture import Drawing

    for name, index in (("xor", 2), ("deep-sigmoid", 10), ("digits", 5)):
        frame = frame_at(name, index)
        for size in ((3, 2), (12, 3), (30, 4), (8, 12), *PANEL_SIZES):
            drawing = Drawing(frame, *size, 3, None, None)
            picture = drawing.draw()
            assert [len(row) for row in picture.chars] == [size[0]] * size[1]
            assert all(0 <= x < size[0] and 0 <= y < size[1] for x, y in picture.targets)
            gaps = [(drawing.xs[c] + 1 + drawing.text_widths[c], drawing.xs[c + 1] - 1)
                    for c in range(len(drawing.xs) - 1)]
            dots = [x for row in picture.chars[1:] for x, char in enumerate(row) if "\u2800" <= char <= "\u28ff"]
            assert all(any(a <= x <= b for a, b in gaps) for x in dots), (name, size)
        assert draw(frame, 3, 2).clipped
