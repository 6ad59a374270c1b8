"""The TUI draws what the session and engine computed: no module under nnviz/tui calls the
evaluation or the boundary grid; the Frame carries them (nnviz.analysis.NetworkAnalysis)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

import nnviz.tui
from nnviz.engine.evaluation import evaluate_splits
from nnviz.scenario import load_scenario
from nnviz.tui.controller import Controller

TUI = Path(nnviz.tui.__file__).parent
ENGINE_WORK = ("evaluate_splits", "boundary_grid", "data_bounds")  # each computed by NetworkAnalysis instead


def test_the_tui_leaves_the_evaluation_and_the_boundary_to_the_frames_analysis():
    for path in TUI.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not [name for name in ENGINE_WORK if f"{name}(" in text or f"import {name}" in text], path.name
    s = load_scenario("evaluation-multiclass")
    got = Controller(s).frame().analysis.evaluation
    expected = evaluate_splits(s.network, s.X, s.Y, s.X_test, s.Y_test, s.is_classification)
    assert got.keys() == expected.keys() == {"train", "test"}
    assert all(np.array_equal(got[k].Y_hat, expected[k].Y_hat) and got[k].correct == expected[k].correct
               for k in got)
