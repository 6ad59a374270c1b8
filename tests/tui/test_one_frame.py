"""One frame, one selection: every panel shows the same neuron and weight, and the
screen depends only on the window's size and the step (issue 8, items 2 and 5)."""

from __future__ import annotations

import re

from nnviz.textfmt import exact
from nnviz.tui.app import make_app
from nnviz.tui.screens.chain_rule import ChainRuleScreen
from nnviz.tui.widgets.equation import EquationPanel
from nnviz.tui.widgets.matrix_grid import MatrixGrid
from nnviz.tui.widgets.step_matrices import StepMatrices
from nnviz.tui.widgets.network_view import NetworkView


def screen_text(app) -> str:
    """The screen as an SVG with its random ids taken out."""
    return re.sub(r"terminal-\d+", "terminal", app.export_screenshot())


def assert_panels_agree(app) -> None:
    screen = app.debugger
    selection = screen.selection
    step = screen.frame.view(screen.selected_layer)
    assert selection.layer == (step.layer or screen.frame.network.depth)
    grid = screen.query_one(StepMatrices)
    for view in (grid.drawings[i] for i in grid.shown()):
        assert view.cursor == selection.cell(view.array_name), view.title
    assert screen.query_one(NetworkView).selection == selection
    w = f"w{'⁰¹²³⁴⁵⁶⁷⁸⁹'[selection.layer]}{selection.row + 1}{selection.col + 1}".translate(
        str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))
    if step.phase in ("backward", "update"):
        assert w in screen.query_one(EquationPanel).text.plain, w


async def test_every_panel_follows_the_one_selection_through_moves_steps_and_resizes():
    app = make_app("binary-example")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"nnnnnnn", "tab", "tab", "down", "right")  # the pick: U1, in a matrix
        picked = app.debugger.selection
        assert picked.array is not None and picked.layer == 1
        assert_panels_agree(app)
        await pilot.press("p", "p")  # B1: the pick was on layer 1, so it stays
        assert app.debugger.selection.weight == picked.weight
        assert_panels_agree(app)
        await pilot.press("p")  # B2: layer 2's most informative weight
        assert app.debugger.selection.layer == 2
        assert_panels_agree(app)
        await pilot.resize_terminal(120, 40)
        await pilot.press("n")
        await pilot.pause()
        assert app.debugger.selection.weight == picked.weight
        assert_panels_agree(app)
        await pilot.press("i")
        assert isinstance(app.screen, ChainRuleScreen)
        assert (app.screen.result.layer, app.screen.result.row, app.screen.result.col) == picked.weight


async def test_the_same_step_at_the_same_size_gives_the_same_screen():
    app = make_app("digits")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        first = screen_text(app)
        await pilot.press(*"n" * 7)
        await pilot.press(*"p" * 7)
        await pilot.pause()
        assert screen_text(app) == first
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert screen_text(app) == first


async def test_the_equation_repaints_without_laying_the_screen_out():
    """The equation's text grows and shrinks from step to step; its panel keeps its
    size (the layout's, not the text's), so a step costs no layout of the screen for it."""
    app = make_app("binary-example")
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.screen.query_one(EquationPanel)
        sizes, heights = set(), set()
        for _ in range(7):
            await pilot.press("n")
            await pilot.pause()
            sizes.add(panel.size)
            heights.add(panel.virtual_size.height)
        assert len(heights) > 1  # texts of different lengths were shown
        assert len(sizes) == 1


async def test_the_matrices_title_changes_only_when_it_says_something_the_status_does_not():
    """The status line names the step; the panel's title (a new one repaints the whole
    panel) says only what differs: a layer viewed that is not the step's."""
    app = make_app("binary-example")
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.screen.query_one("#matrices")
        assert panel.border_title == "Matrices · layer 1 as it stands"  # before the first step
        titles = set()
        for _ in range(7):
            await pilot.press("n")
            titles.add(panel.border_title)
        assert titles == {"Matrices"}
        await pilot.press("l")
        assert "(viewing; l to follow)" in panel.border_title


async def test_y_copies_the_selected_cell_wherever_the_focus_is():
    """y with the focus on the network (as the app starts) copies the selection's cell, as a focused matrix does."""
    app = make_app("binary-example")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"nnnnn", "y")  # B1; the network panel has the focus
        assert not isinstance(app.focused, MatrixGrid)
        screen = app.debugger
        row, col = screen.selection.cell("dZ")
        value = screen.frame.view(screen.selected_layer)["dZ"][row, col]
        assert app.clipboard == exact(value)
        assert f"dZ1[{row + 1},{col + 1}] = {app.clipboard} (copied)" in [n.message for n in app._notifications]


async def test_the_status_line_keeps_its_form_through_a_batch():
    """At 80x24 'epoch 1/10' or 'e 1/10' is chosen for the batch's widest step, so the
    status does not switch between them from one step to the next."""
    app = make_app("binary-example")
    async with app.run_test(size=(80, 24)) as pilot:
        status = app.screen.query_one("#status")
        forms = set()
        for _ in range(7):
            await pilot.press("n")
            forms.add("epoch" in str(status.render()))
        assert len(forms) == 1


async def test_tab_goes_from_matrix_to_matrix_then_on_and_a_click_picks_an_array_and_a_cell():
    """The matrices are one widget: Tab moves its cursor from array to array, then leaves it;
    a click picks the array under the mouse and its cell."""
    app = make_app("binary-example")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"nnnnnnn")  # U1: W before, η·dW, W after and the same for b
        grid = app.screen.query_one(StepMatrices)
        shown = grid.shown()
        assert len(shown) == 6
        for _ in range(4):
            if app.focused is grid:
                break
            await pilot.press("tab")
        assert app.focused is grid and grid.slot == shown[0]
        for i in shown[1:]:
            await pilot.press("tab")
            assert app.focused is grid and grid.slot == i
        await pilot.press("tab")
        assert app.focused is not grid
        await pilot.press("shift+tab", "y")
        assert app.focused is grid and grid.slot == shown[-1]
        assert app.clipboard == exact(grid.drawings[shown[-1]].value)
        second, region = grid.drawings[shown[2]], grid.regions[shown[2]]  # η·dW1 (4×4)
        cell = next((x, y) for y in range(region.height) for x in range(region.width)
                    if second.cell_at(x, y) == (2, 1))
        await pilot.click(StepMatrices, offset=(region.x + cell[0], region.y + cell[1]))
        assert second.title.startswith("η·dW1") and grid.slot == shown[2] and second.cursor == (2, 1)
        assert (app.debugger.selection.array, app.debugger.selection.row, app.debugger.selection.col) == \
            (second.array_name, 2, 1)
