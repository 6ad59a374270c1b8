"""Predict mode, played through once with Pilot: the number is hidden until answered,
right and wrong answers are scored, and the learner's tolerance counts."""

from __future__ import annotations

from nnviz.tui.app import make_app
from nnviz.tui.screens.predict import PredictScreen


async def answer(pilot, app, guess: str, tolerance: str | None = None):
    """Type ``guess`` (and a tolerance) into the open predict dialog; the headline it asked for."""
    dialog = app.screen
    assert isinstance(dialog, PredictScreen)
    if tolerance is not None:
        dialog.query_one("#predict-tolerance").value = tolerance
    dialog.query_one("#predict-guess").value = guess
    await pilot.press("enter")
    await pilot.pause()
    return dialog.head


async def test_a_round_of_predictions_scores_right_and_wrong_answers():
    app = make_app("binary-example")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("P", "n")
        debugger = app.debugger
        assert isinstance(app.screen, PredictScreen) and debugger.frame.index == -1  # the step is not shown yet
        head = app.screen.head
        assert head.symbol.startswith("a¹") and head.value in debugger.session.current["A"][:, 0]
        await answer(pilot, app, f"{head.value * 1.005}")  # within the default 1%
        assert debugger.frame.index == 0 and debugger.score.right == 1
        await pilot.press("n")
        await answer(pilot, app, "0.5")  # a² is 0.7209: off by 31%
        assert (debugger.score.right, debugger.score.asked) == (1, 2)
        await pilot.press("n")
        loss = await answer(pilot, app, "-0.3", tolerance="10%")  # L = 0.3273: a sign is not within 10%
        assert loss.symbol == "L" and abs(loss.value - 0.327258) < 1e-6
        await pilot.press("n")
        await answer(pilot, app, "−0.26", tolerance="10%")  # dz²₁ = −0.2791, within 10% (the app's minus sign)
        assert (debugger.score.right, debugger.score.asked) == (2, 4) and debugger.score.tolerance == 0.1
        assert "2/4 right ±10%" in debugger.activity and debugger.frame.index == 3
        await pilot.press("P", "n")  # off: n steps at once
        assert not isinstance(app.screen, PredictScreen) and debugger.frame.index == 4
