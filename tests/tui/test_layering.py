"""The TUI draws what the session and engine computed: no module under nnviz/tui calls the
evaluation, the boundary grid or the histograms; the Frame carries them (nnviz.analysis:
NetworkAnalysis for its network, ScenarioAnalysis for the opened scenario)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np

import nnviz.tui
from nnviz.engine.evaluation import evaluate_splits
from nnviz.scenario import load_scenario
from nnviz.tui.controller import Controller

TUI = Path(nnviz.tui.__file__).parent
# nnviz.analysis computes the first four; the Session the batch's trace and its gradients.
ENGINE_WORK = ("evaluate_splits", "boundary_grid", "data_bounds", "histograms", "trace_batch", "trace_from_steps",
               "gradients", "train")


def test_the_tui_leaves_the_evaluation_the_boundary_and_the_histograms_to_the_frames_analysis():
    for path in TUI.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        called = [name for name in ENGINE_WORK  # a call (a method of the name too), or an import
                  if re.search(rf"(?<!\w){name}\(|import [^\n]*\b{name}\b", text)]
        assert not called, (path.name, called)
    s = load_scenario("evaluation-multiclass")
    got = Controller(s).frame().analysis.evaluation
    expected = evaluate_splits(s.network, s.X, s.Y, s.X_test, s.Y_test, s.is_classification)
    assert got.keys() == expected.keys() == {"train", "test"}
    assert all(np.array_equal(got[k].Y_hat, expected[k].Y_hat) and got[k].correct == expected[k].correct
               for k in got)


def test_every_frame_carries_one_scenario_analysis_whose_histograms_are_the_engines_kept():
    from nnviz.engine.histograms import histograms

    s = load_scenario("binary-example")
    controller = Controller(s)
    first = controller.frame()
    controller.step()
    opened = first.opened
    assert controller.frame().opened is opened  # one per opened scenario, not one per frame
    got = opened.histograms()
    expected = histograms(s.network, s.X, s.Y, s.training)
    assert np.array_equal(got.weights, expected.weights) and np.array_equal(got.grads, expected.grads)
    assert opened.histograms() is got  # computed once, kept
