"""What if in the app: = on a cell branches, the list shows it, the loss plot draws both, k checks."""

from __future__ import annotations

from nnviz.scenario import load_scenario
from nnviz.tui.app import make_app
from nnviz.tui.screens.whatif_screens import BranchesScreen, EditValueScreen, GradcheckScreen
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
        await pilot.press(*"2.5", "enter")
        assert debugger.session.branch.name == "b1"
        assert debugger.session.network.layers[int(target[1]) - 1].W[cell] == 2.5
        assert debugger.query_one(LossPlot).curves == ["main", "b1 per batch"]
        await pilot.press("W")
        assert isinstance(app.screen, BranchesScreen)
        assert any(f"b1: {target}[{cell[0]}, {cell[1]}]" in line and "→ 2.5" in line
                   for _, line in app.screen.lines)
        await pilot.press("escape", "left_square_bracket")
        assert debugger.session.branch.name == "main" and debugger.session.index == main_step
        assert debugger.query_one(LossPlot).curves == ["b1", "main per batch"]


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
