"""What if in the app: = on a cell branches, the list shows it, the loss plot draws both, k checks."""

from __future__ import annotations

from nnviz.scenario import load_scenario
from nnviz.tui.app import make_app
from nnviz.branches import edit_name
from nnviz.tui.screens.whatif_screens import BranchCompareScreen, BranchesScreen, EditValueScreen, GradcheckScreen
from nnviz.tui.widgets.loss_plot import LossPlot


async def test_edit_a_cell_see_the_branch_and_its_curve_then_switch_back():
    app = make_app(load_scenario("xor"))
    async with app.run_test(size=(120, 40)) as pilot:
        debugger = app.screen
        await pilot.press(*"nnnn")  # batch 1's loss step, then B2: main has that loss
        main_step = debugger.session.index
        target, cell, _ = debugger.edit_target()
        await pilot.press("equals_sign")
        assert isinstance(app.screen, EditValueScreen)
        assert app.screen.what == f"{target}[{cell[0] + 1},{cell[1] + 1}]"  # counted from 1, as the readouts
        await pilot.press(*"2.5", "enter")
        assert debugger.session.branch.name == "b1"
        assert debugger.session.network.layers[int(target[1]) - 1].W[cell] == 2.5
        assert debugger.query_one(LossPlot).curves == ["main", "b1 per batch"]
        await pilot.press("W")
        assert isinstance(app.screen, BranchesScreen)
        assert any(f"b1: {target}[{cell[0] + 1},{cell[1] + 1}]" in line and "→ 2.5" in line  # from 1, as the dialog
                   for _, line in app.screen.lines)
        await pilot.press("escape", "left_square_bracket")
        assert debugger.session.branch.name == "main" and debugger.session.index == main_step
        assert debugger.query_one(LossPlot).curves == ["b1", "main per batch"]
        debugger._on_branch_choice(("compare", debugger.session.find("b1").id))  # as the list's c does
        # both branches run to their end on a worker: the UI thread only shows the result
        assert debugger._compare_worker.name == "_compare" and not isinstance(app.screen, BranchCompareScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, BranchCompareScreen) and debugger.session.branch.name == "main"


async def test_the_gradient_check_shows_red_at_the_layer_of_an_injected_mistake():
    app = make_app(load_scenario("xor"))
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.session.toggle_mistake("frozen_bias")
        await pilot.press("n", "k")
        assert isinstance(app.screen, GradcheckScreen)
        text = GradcheckScreen.text(app.screen.report)
        red = [span for span in text.spans if "red" in str(span.style)]
        assert red and "layer 2 Δb" in app.screen.report.summary()
        assert "2      Δb" in text.plain[red[0].start:red[0].end]


def test_the_palette_reads_an_edit_as_typed():
    from nnviz.tui.whatif_commands import parse

    assert parse("W2[1,3] = 0.5") == ("W2", (0, 2), 0.5)  # counted from 1, as the panels count
    assert parse("w2 [ 1 , 3 ] := -2e-3") == ("W2", (0, 2), -0.002)
    assert parse("b1[2] = 1") == ("b1", (1, 0), 1.0)
    assert parse("W2[0,1] = 1") is None  # there is no row 0
    assert parse("lr = 0.05") == ("learning_rate", None, 0.05)
    assert parse("learning rate = 0.05") == ("learning_rate", None, 0.05)
    assert parse("l2 = 0.001") == ("l2", None, 0.001)
    assert parse("loss > 0.5") is None and parse("W2[1,3]") is None


def test_the_edit_dialog_names_an_input_as_the_input_panel_and_the_equation_count():
    assert edit_name("X", (60, 482)) == "input x61 of example 483"  # 0-based (60, 482): x[61], 'example 483'
    assert edit_name("b2", (0, 0)) == "b2[1,1]"
