"""Pilot tests: each analysis panel mounted alone in a tiny App."""

from __future__ import annotations

import numpy as np
from textual.app import App, ComposeResult
from textual.widgets import OptionList, Static

from nnviz.engine import build_network, train
from nnviz.engine.boundary import boundary_grid, data_bounds
from nnviz.engine.compare import compare
from nnviz.engine.evaluation import evaluate_splits
from nnviz.engine.histograms import histograms
from nnviz.engine.metrics import true_classes
from nnviz.scenario import load_scenario
from nnviz.tui.screens.compare import CompareScreen
from nnviz.tui.widgets.boundary_panel import BoundaryPanel
from nnviz.tui.widgets.compare_panel import ComparePanel
from nnviz.tui.widgets.evaluation_panel import EvaluationPanel
from nnviz.tui.widgets.histogram_panel import HistogramPanel


class One(App):
    """An app holding one widget, recording the messages it posts."""

    def __init__(self, widget) -> None:
        super().__init__()
        self.widget = widget
        self.chosen: list[EvaluationPanel.ExampleChosen] = []

    def compose(self) -> ComposeResult:
        yield self.widget

    def on_evaluation_panel_example_chosen(self, message: EvaluationPanel.ExampleChosen) -> None:
        self.chosen.append(message)


def static_text(widget, selector: str) -> str:
    return str(widget.query_one(selector, Static).render())


async def test_evaluation_panel_shows_the_documents_60_percent_and_chooses_a_wrong_example():
    s = load_scenario("evaluation-multiclass")
    evaluations = evaluate_splits(s.network, s.X, s.Y, s.X_test, s.Y_test, s.is_classification)
    app = One(EvaluationPanel())
    async with app.run_test(size=(100, 40)) as pilot:
        app.widget.show(evaluations, heading="untrained")
        await pilot.pause()
        text = static_text(app.widget, "#evaluation-text")
        assert "accuracy = 3/5 = 60.0%" in text and "accuracy = 10/10 = 100.0%" in text
        wrong = app.widget.query_one(OptionList)
        assert wrong.option_count == 2  # the test images 1 (a 1 read as 7) and 2 (a 3 read as 8)
        assert "7" in str(wrong.get_option_at_index(0).prompt)
        wrong.focus()
        wrong.highlighted = 1
        await pilot.press("enter")  # choose the second
        await pilot.pause()
    assert [(m.index, m.split) for m in app.chosen] == [(2, "test")]


async def test_evaluation_panel_shows_mse_for_regression_and_no_wrong_list():
    s = load_scenario("housing-prices")
    app = One(EvaluationPanel())
    async with app.run_test(size=(80, 24)) as pilot:
        app.widget.show(evaluate_splits(s.network, s.X, s.Y, classification=False))
        await pilot.pause()
        assert "MSE" in static_text(app.widget, "#evaluation-text")
        assert app.widget.query_one(OptionList).option_count == 0


def show_boundary(panel: BoundaryPanel, network, X, labels) -> None:
    """Hand the panel a grid of its size, as the debugger's Controller does."""
    cols, rows = panel.grid_size
    assert (cols, rows) == (panel.size.width, 2 * (panel.size.height - 1))
    panel.show(network, boundary_grid(network, X, cols, rows, data_bounds(X)), X, labels)


async def test_boundary_panel_fills_its_size_and_puts_the_boundary_of_one_neuron_at_x2_0():
    neuron = build_network([2, 1], ["sigmoid"], weights={1: [[0.0, -2.0]]}, biases={1: [0.0]})
    X = np.array([[-1.0, 1.0], [-1.0, 1.0]])
    labels = np.array([1, 0])
    app = One(BoundaryPanel())
    async with app.run_test(size=(40, 11)) as pilot:
        app.widget.color = False
        show_boundary(app.widget, neuron, X, labels)
        await pilot.pause()
        lines = app.widget.render().plain.split("\n")
        assert len(lines) == 11 and all(len(line) == 40 for line in lines[:10])
        # bounds are -1.2..1.2 on x2, so the top half is ŷ < 0.5 and the bottom half ŷ > 0.5
        assert set(lines[1]) <= {" ", "░", "x", "o"} and set(lines[8]) <= {"▓", "█", "x", "o"}
        assert "o" in lines[0] or "o" in lines[1]  # the class-0 point at (1, 1), near the top
        assert lines[-1].startswith("x1 ")
        app.widget.color = True
        await pilot.pause()
        assert "▀" in app.widget.render().plain


async def test_boundary_panel_updates_as_training_runs_and_says_when_it_cannot_draw():
    s = load_scenario("circles")
    app = One(BoundaryPanel())
    async with app.run_test(size=(30, 8)) as pilot:
        app.widget.color = False
        show_boundary(app.widget, s.network, s.X, true_classes(s.Y))
        await pilot.pause()
        before = app.widget.render().plain
        assert app.widget.render() is app.widget.render()  # a repaint reuses the picture, no new grid
        trained = train(s.network, s.X, s.Y, s.training).network
        show_boundary(app.widget, trained, s.X, true_classes(s.Y))
        await pilot.pause()
        assert app.widget.render().plain != before
        liver = load_scenario("evaluation-liver")
        app.widget.show(liver.network, None, liver.X)
        await pilot.pause()
        assert "needs 2 input features" in app.widget.render().plain


async def test_histogram_panel_shows_every_layer_of_the_deep_sigmoid_stack():
    s = load_scenario("deep-sigmoid")
    from dataclasses import replace

    data = histograms(s.network, s.X, s.Y, replace(s.training, epochs=3))
    app = One(HistogramPanel())
    async with app.run_test(size=(100, 30)) as pilot:
        app.widget.show(data, rows=2, color=False)
        await pilot.pause()
        text = static_text(app.widget, "#histogram-text")
        assert all(f"layer {l}  W{l}" in text for l in range(1, 8))
        assert "3.3e-07" in text  # dW1's RMS at epoch 0: five orders below dW7's
        assert app.widget.max_scroll_y > 0  # seven layers do not fit in 30 lines


async def test_compare_panel_shows_a_row_per_batch_size():
    s = load_scenario("gd-batch")
    from dataclasses import replace

    variants = compare(s.network, s.X, s.Y, replace(s.training, epochs=2), [None, 1, 20], True)
    app = One(ComparePanel())
    async with app.run_test(size=(100, 40)) as pilot:
        app.widget.show(variants)
        await pilot.pause()
        table = static_text(app.widget, "#compare-table").split("\n")
        assert [row.split()[:3] for row in table[1:]] == [["full", "1", "2"], ["1", "100", "200"],
                                                          ["20", "5", "10"]]
        assert "loss per update" in app.widget.query_one("#compare-chart").render().plain


async def test_compare_screen_trains_in_a_worker_and_then_shows_the_runs():
    s = load_scenario("gd-batch")
    app = One(Static("under"))
    async with app.run_test(size=(100, 40)) as pilot:
        screen = CompareScreen(s, epochs=1)
        await app.push_screen(screen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [v.updates for v in screen.variants] == [1, 100, 5]
        assert "same initial weights" in static_text(screen, "#compare-status")
        assert static_text(screen, "#compare-status").startswith("100 examples, 1 epoch, ")  # not '1 epochs'
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen


# ---- the panels in the debugger ------------------------------------------------------
from dataclasses import replace  # noqa: E402

from nnviz.tui.app import make_app  # noqa: E402
from nnviz.tui.screens.debugger import DebuggerScreen  # noqa: E402
from nnviz.tui.screens.analysis import compare_batch_sizes, same_parameters  # noqa: E402
from nnviz.tui.widgets.panel_tabs import PanelTabs  # noqa: E402
from tests.tui.waiting import until  # noqa: E402

LARGE, MEDIUM, SMALL = (200, 60), (120, 40), (80, 24)


def evaluation_text(app) -> str:
    return static_text(app.debugger, "#evaluation-text")


def boundary(app) -> BoundaryPanel:
    return app.debugger.query_one(BoundaryPanel)


async def click_tab(app, pilot, name: str) -> None:
    """Click the tab of panel ``name``."""
    tabs = app.debugger.query_one(PanelTabs)
    start = next(start for start, _, tab in tabs.spans() if tab == name)
    await pilot.click(PanelTabs, offset=(start + 1, 0))
    await pilot.pause()


async def run_to_stop(app, pilot, key: str) -> None:
    await pilot.press(key)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_large_window_shows_the_documents_50_percent_of_the_liver_table_at_once():
    app = make_app("evaluation-liver")
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        assert app.debugger.shows("evaluation") and app.debugger.shows("matrices")
        text = evaluation_text(app)
        assert "The initial weights, before training" in text
        assert "accuracy = 2/4 = 50.0%" in text
        rows = [line.split() for line in text.split("\n")]
        assert ["0", "2", "1", "50.0%"] in rows and ["1", "2", "1", "50.0%"] in rows  # per class
        assert ["0", "1", "1"] in rows and ["1", "1", "1"] in rows  # the confusion counts
        assert app.debugger.query_one("#evaluation-wrong", OptionList).option_count == 2
        # three inputs: no boundary panel, and no tab for it
        assert not app.debugger.query(BoundaryPanel) and "boundary" not in app.debugger.query_one(PanelTabs).names


async def test_a_small_window_shows_the_60_percent_on_the_test_set_when_a_is_pressed():
    app = make_app("evaluation-multiclass")
    async with app.run_test(size=SMALL) as pilot:
        assert not app.debugger.shows("evaluation") and evaluation_text(app) == "no evaluation yet"
        await pilot.press("a")
        assert app.debugger.shows("evaluation") and not app.debugger.shows("matrices")
        assert "accuracy = 3/5 = 60.0%" in evaluation_text(app)
        panel = app.debugger.query_one("#evaluation")
        assert panel.region.height >= 18 and panel.region.width == 80


async def test_the_evaluation_follows_the_epoch_ends_and_matches_the_engine():
    app = make_app("xor")
    async with app.run_test(size=MEDIUM) as pilot:
        await click_tab(app, pilot, "evaluation")
        assert app.debugger.slot == "evaluation" and "before training" in evaluation_text(app)
        await run_to_stop(app, pilot, "e")
        s, session = app.debugger.scenario, app.debugger.session
        expected = evaluate_splits(session.network, s.X, s.Y, classification=True)["train"]
        text = evaluation_text(app)
        assert "After epoch 1 of 200" in text
        assert f"accuracy = {expected.correct}/200 = {100 * expected.accuracy:.1f}%" in text
        await pilot.press("n")  # into epoch 2: the evaluation stays that of epoch 1
        assert "After epoch 1 of 200" in evaluation_text(app)
        await pilot.press("p", "p")  # back before the end of epoch 1: evaluated at the cursor
        assert "At step 69: epoch 1, batch 10, update ← layer 2" in evaluation_text(app)
        await run_to_stop(app, pilot, "e")
        await run_to_stop(app, pilot, "e")
        assert "After epoch 2 of 200" in evaluation_text(app)


async def test_panels_off_screen_cost_nothing_per_step():
    app = make_app("xor")
    async with app.run_test(size=MEDIUM) as pilot:
        await run_to_stop(app, pilot, "e")
        for _ in range(10):
            await pilot.press("n")
        screen = app.debugger
        assert screen.query_one(EvaluationPanel).evaluations == {}
        assert boundary(app).network is None
        assert not screen._histograms_asked


async def test_enter_on_a_wrong_example_steps_exactly_that_example_and_x_returns():
    app = make_app("xor")
    async with app.run_test(size=MEDIUM) as pilot:
        await run_to_stop(app, pilot, "e")
        main, where = app.debugger.session, app.debugger.session.index
        await pilot.press("a")  # evaluate now, and show the panel
        evaluation = app.debugger.query_one(EvaluationPanel).evaluations["train"]
        wrong = app.debugger.query_one("#evaluation-wrong", OptionList)
        assert app.focused is wrong  # ready for enter
        wrong.highlighted = 2
        index = int(evaluation.wrong[2])
        await pilot.press("enter")
        await pilot.pause()
        single = app.debugger.session
        assert single is not main and single.scenario.m == 1 and single.total_steps == 7
        assert f"one example (train {index})" in app.debugger.activity
        assert app.debugger.shows("matrices")  # the slot shows the example's steps
        await pilot.press("n")
        step = single.current
        assert (step.phase, step.layer) == ("forward", 1)
        np.testing.assert_array_equal(step["A_prev"], main.scenario.X[:, [index]])
        assert same_parameters(single.scenario.network, main.network)  # from the evaluated weights
        await pilot.press("x")
        assert app.debugger.session is main and main.index == where and app.debugger.activity == ""
        assert app.debugger.frame.index == where


async def test_a_test_split_example_is_stepped_from_the_test_set():
    app = make_app("evaluation-multiclass")
    async with app.run_test(size=LARGE) as pilot:
        wrong = app.debugger.query_one("#evaluation-wrong", OptionList)
        wrong.focus()
        wrong.highlighted = 1  # test example 2: a 3 read as an 8
        await pilot.press("enter", "n")
        s = app.debugger.scenario
        np.testing.assert_array_equal(app.debugger.session.current["A_prev"], s.X_test[:, [2]])
        assert app.debugger.example == ("test", 2)
        options = [str(wrong.get_option_at_index(i).prompt) for i in range(wrong.option_count)]
        assert options[0].startswith("↩ all the data again")
        wrong.highlighted = 0
        wrong.focus()
        await pilot.press("enter")
        assert app.debugger.example is None and app.debugger.session.scenario is s


def test_the_boundary_is_offered_for_two_inputs_only():
    """The screen's panels, decided when it is made (no app needed); that the screen then holds
    a BoundaryPanel and a tab for it exactly when offered: test_80x24_offers_every_panel... (xor)
    and test_a_large_window_shows... (evaluation-liver)."""
    for name, offered in [("xor", True), ("mobile-neuron-b0", True), ("evaluation-liver", False),
                          ("digits", False)]:
        assert ("boundary" in DebuggerScreen(load_scenario(name)).panels.names) is offered, name


async def test_the_boundary_follows_the_weights_while_stepping_and_running():
    s = load_scenario("spirals")
    app = make_app(replace(s, training=replace(s.training, epochs=20000)))  # a run that takes a while
    async with app.run_test(size=MEDIUM) as pilot:  # the histograms' 20000 epochs stay off screen
        await pilot.press("v")
        panel = boundary(app)
        assert app.debugger.slot == "boundary" and panel.network is app.debugger.scenario.network

        def fills() -> bool:  # the grid the debugger handed over has the panel's size
            return panel.grid is not None and panel.grid.values.shape[::-1] == panel.grid_size

        await until(pilot, fills)
        width = panel.size.width
        await pilot.resize_terminal(160, 48)  # a new size: the panel asks, the Controller computes
        await until(pilot, lambda: panel.size.width > width and fills())
        for _ in range(10):  # one batch: F1-F3, L, B3-B1, U3-U1
            await pilot.press("n")
        # the throttle draws the latest weights when its interval is over
        await until(pilot, lambda: same_parameters(panel.network, app.debugger.session.network))
        assert not same_parameters(panel.network, app.debugger.scenario.network)
        before = panel.network
        await pilot.press("c")  # the boundary is handed networks as the run goes
        await until(pilot, lambda: not same_parameters(panel.network, before))
        assert app.debugger.running
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await until(pilot, lambda: same_parameters(panel.network, app.debugger.session.network))


async def test_histograms_arrive_from_the_frames_analysis_once_the_panel_is_shown():
    app = make_app("deep-sigmoid")
    async with app.run_test(size=MEDIUM) as pilot:
        opened = app.debugger.frame.opened
        asked = []
        train_in_background = opened.histograms_in_background
        opened.histograms_in_background = lambda done: asked.append(1) or train_in_background(done)
        assert not app.debugger._histograms_asked and opened.ready_histograms is None
        await click_tab(app, pilot, "histograms")
        assert asked == [1]
        panel = app.debugger.query_one(HistogramPanel)
        await until(pilot, lambda: panel.histograms is not None)
        assert panel.histograms is opened.ready_histograms and list(panel.histograms.epochs) == list(range(51))
        text = static_text(panel, "#histogram-text")
        assert all(f"layer {l}  W{l}" in text for l in range(1, 8))
        await pilot.press("n", "v", "v")  # stepping goes on; the copy is not trained again
        assert asked == [1] and app.debugger.frame.opened is opened


async def test_c_compares_full_stochastic_and_the_scenarios_own_batch_size():
    assert compare_batch_sizes(None) == compare_batch_sizes(1) == (None, 1, 20)
    assert compare_batch_sizes(8) == (None, 1, 8)
    app = make_app("mobile-neuron-b0")
    async with app.run_test(size=MEDIUM) as pilot:
        await pilot.press("C")
        screen = app.screen
        assert isinstance(screen, CompareScreen) and screen.batch_sizes == [None, 1, 20]
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [v.batch_size for v in screen.variants] == [None, 1, 20]
        await pilot.press("escape")
        assert app.screen is app.debugger


async def test_80x24_offers_every_panel_as_a_tab_and_each_fills_the_body():
    app = make_app("xor")
    async with app.run_test(size=SMALL) as pilot:
        screen = app.debugger
        names = ["matrices", "network", "equation", "loss", "boundary", "evaluation", "histograms"]
        assert list(screen.panels.tabs("compact")) == names
        tabs = screen.query_one(PanelTabs)
        assert tabs.names == tuple(names) and tabs.spans()[-1][1] <= 80  # every tab in view
        assert len(screen.query(BoundaryPanel)) == 1
        for name in names:
            assert screen.panel == name and screen.shows(name)
            panel = screen.query_one(f"#{name}")
            assert panel.region.height >= 17 and panel.region.width == 80
            await pilot.press("n", "v")
        assert screen.panel == "matrices" and screen.session.index == 6
        await pilot.press("v", "v", "v", "v", "v")  # to the evaluation: the wrong list takes enter
        await pilot.press("enter")
        assert screen.example is not None and screen.panel == "matrices"  # the example's steps
        assert app.focused is None  # the list off screen takes no keys


async def test_the_medium_slot_keeps_network_loss_and_equation_in_view():
    app = make_app("xor")
    async with app.run_test(size=MEDIUM) as pilot:
        screen = app.debugger
        assert screen.query_one(PanelTabs).names == ("matrices", "boundary", "evaluation", "histograms")
        for name in ("boundary", "evaluation", "histograms", "matrices"):
            await pilot.press("v")
            assert screen.slot == name and screen.shows(name) and screen.query_one(PanelTabs).current == name
            assert all(screen.shows(other) for other in ("network", "loss", "equation"))
            assert screen.query_one(f"#{name}").region.width >= 70
        await pilot.resize_terminal(*LARGE)
        await pilot.pause()
        assert all(screen.shows(name) for name in screen.panels.names)
        assert screen.query_one("#histograms").region.width >= 80  # a histogram row fits
        await pilot.press("v")  # nothing to pick: everything is on screen
        assert screen.slot == "matrices" and not screen.query_one("#tab-row").display
