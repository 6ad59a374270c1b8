"""Pilot tests: each analysis panel mounted alone in a tiny App."""

from __future__ import annotations

import numpy as np
from textual.app import App, ComposeResult
from textual.widgets import OptionList, Static

from nnviz.engine import build_network, train
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


async def test_boundary_panel_fills_its_size_and_puts_the_boundary_of_one_neuron_at_x2_0():
    neuron = build_network([2, 1], ["sigmoid"], weights={1: [[0.0, -2.0]]}, biases={1: [0.0]})
    X = np.array([[-1.0, 1.0], [-1.0, 1.0]])
    labels = np.array([1, 0])
    app = One(BoundaryPanel())
    async with app.run_test(size=(40, 11)) as pilot:
        app.widget.color = False
        app.widget.show(neuron, X, labels)
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
        app.widget.show(s.network, s.X, true_classes(s.Y))
        await pilot.pause()
        before = app.widget.render().plain
        trained = train(s.network, s.X, s.Y, s.training).network
        app.widget.show(trained, s.X, true_classes(s.Y))
        await pilot.pause()
        assert app.widget.render().plain != before
        liver = load_scenario("evaluation-liver")
        app.widget.show(liver.network, liver.X)
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
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen
