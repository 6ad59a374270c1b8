"""The TUI draws what the session and engine computed: its screens and widgets call no
computation of the engine on the UI thread; the Controller (no Textual) or a worker does."""

from __future__ import annotations

from pathlib import Path

import numpy as np

import nnviz.tui
from nnviz.engine.evaluation import evaluate_splits
from nnviz.scenario import load_scenario
from nnviz.tui.controller import Controller

TUI = Path(nnviz.tui.__file__).parent
ON_THE_UI_THREAD = ("evaluate_splits", "boundary_grid")  # each computed by the Controller instead


def test_screens_and_widgets_leave_the_evaluation_and_the_boundary_to_the_controller():
    for path in [*TUI.glob("screens/*.py"), *TUI.glob("widgets/*.py")]:
        text = path.read_text(encoding="utf-8")
        assert not [name for name in ON_THE_UI_THREAD if f"{name}(" in text or f"import {name}" in text], path.name
    s = load_scenario("evaluation-multiclass")
    controller = Controller(s)
    got = controller.evaluate(s.network)
    expected = evaluate_splits(s.network, s.X, s.Y, s.X_test, s.Y_test, s.is_classification)
    assert got.keys() == expected.keys() == {"train", "test"}
    assert all(np.array_equal(got[k].Y_hat, expected[k].Y_hat) and got[k].correct == expected[k].correct
               for k in got)
