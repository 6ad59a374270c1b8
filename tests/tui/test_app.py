"""The debugger driven headless with Pilot: keys in, Session state and panel contents out."""

from __future__ import annotations

import dataclasses
import io

import numpy as np
import pytest
from rich.console import Console
from textual.command import CommandInput, CommandList

from nnviz.breakpoints import Breakpoint
from nnviz.scenario import load_scenario
from nnviz.session import Session
from nnviz.tui.app import make_app
from nnviz.tui.keys import KEYS
from nnviz.tui.screens.breakpoints import BreakpointsScreen
from nnviz.tui.screens.chain_rule import ChainRuleScreen
from nnviz.tui.screens.help import HelpScreen
from nnviz.tui.widgets.matrix_drawing import MatrixDrawing
from nnviz.tui.widgets.step_matrices import StepMatrices
from nnviz.tui.widgets.network_view import NetworkView
from nnviz.tui.widgets.status import AlertBar, StatusLine
from nnviz.tui.widgets.timeline import Timeline
from tests.tui.waiting import until

SIZE = (120, 40)


# ---- reading what the panels show ------------------------------------------
def matrices(app) -> dict[str, MatrixDrawing]:
    """The matrix panels on show, by title."""
    grid = app.screen.query_one(StepMatrices)
    return {grid.drawings[i].title: grid.drawings[i] for i in grid.shown()}


def line(view: MatrixDrawing, y: int) -> str:
    return "".join(segment.text for segment in view.render_line(y))


def status(app) -> str:
    return app.screen.query_one(StatusLine).render().plain


def alert(app) -> AlertBar:
    return app.screen.query_one(AlertBar)


def network(app) -> str:
    return app.screen.query_one(NetworkView).text()


def timeline(app) -> tuple[list[str], str]:
    """The timeline's labels, and the one under the cursor (drawn reversed)."""
    text = app.screen.query_one(Timeline).render()
    cursor = next(text.plain[s.start:s.end].strip() for s in text.spans if "reverse" in str(s.style))
    return text.plain.split()[2:], cursor


def session(app) -> Session:
    return app.debugger.session


async def palette(pilot, typed: str, enter: bool = True) -> None:
    """Type ``typed`` into the command palette, wait for its search, and take its first offer.
    The text is set in the palette's input at once: a key a character would make Pilot wait
    for the idle CPU behind every search the palette starts."""
    app = pilot.app
    await pilot.press("ctrl+p")
    app.screen.query_one(CommandInput).value = typed
    await app.workers.wait_for_complete([w for w in app.workers if w.node is app.screen])
    await pilot.pause()
    if enter:
        await pilot.press("enter")
        await pilot.pause()


def offers(app) -> list[str]:
    """What the open command palette offers."""
    listing = app.screen.query_one(CommandList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def run_to_stop(app, pilot, key: str = "c") -> None:
    await pilot.press(key)
    await app.workers.wait_for_complete()
    await pilot.pause()


# ---- stepping ---------------------------------------------------------------
BINARY_BATCH = [  # (phase, layer, the matrix titles shown)
    ("forward", 1, ["A0 (4×1)", "W1 (4×4)", "b1 (4×1)", "Z1 (4×1)", "A1 (4×1)"]),
    ("forward", 2, ["A1 (4×1)", "W2 (1×4)", "b2 (1×1)", "Z2 (1×1)", "A2 (1×1)"]),
    ("loss", None, ["Ŷ (1×1)", "Y (1×1)", "L(ŷ, y) (1×1)"]),
    ("backward", 2, ["dZ2 (1×1)", "dW2 (1×4)", "db2 (1×1)", "dA1 (4×1)"]),
    ("backward", 1, ["dZ1 (4×1)", "dW1 (4×4)", "db1 (4×1)", "dA1 (4×1)"]),  # the slots of layer 2's arrays first
    # an update as a W column beside a b column (read row by row)
    ("update", 2, ["W2 before (1×4)", "b2 before (1×1)", "η·dW2 (1×4)", "η·db2 (1×1)", "W2 after (1×4)",
                   "b2 after (1×1)"]),
    ("update", 1, ["W1 before (4×4)", "b1 before (4×1)", "η·dW1 (4×4)", "η·db1 (4×1)", "W1 after (4×4)",
                   "b1 after (4×1)"]),
]


async def test_stepping_through_a_batch_and_back_shows_every_step_exactly():
    app = make_app("binary-example")
    async with app.run_test(size=SIZE) as pilot:
        assert session(app).index == -1 and "before the first step" in status(app)
        assert set(matrices(app)) == {"W1 now (4×4)", "b1 now (4×1)"}
        # Nothing animates behind an idle debugger (the hidden progress bar did, 15 times a second).
        assert all(widget.auto_refresh is None for widget in app.screen.walk_children())
        seen = []
        for i, (phase, layer, titles) in enumerate(BINARY_BATCH):
            await pilot.press("n")
            step = session(app).current
            assert (session(app).index, step.phase, step.layer) == (i, phase, layer)
            shown = matrices(app)
            assert list(shown) == titles
            assert f"step {i + 1}/70" in status(app)
            assert app.debugger.frame.offset == i
            seen.append({title: view.array.copy() for title, view in shown.items()})
            arrow = "→" if phase in ("forward", "loss") else "←"
            if layer is not None:
                assert f"{phase} {arrow} layer {layer}" in status(app)
                assert f"{arrow} layer {layer}" in network(app)
            assert timeline(app) == (["F1", "F2", "L", "B2", "B1", "U2", "U1"], step.label)

        # The document's numbers, and the engine's, as the panels show them.
        np.testing.assert_allclose(seen[0]["Z1 (4×1)"].ravel(), [0.8, 0.52, 0.68, 0.7], atol=1e-12)
        np.testing.assert_allclose(seen[1]["A2 (1×1)"], [[0.72089764]], atol=1e-8)
        assert "L ≈ 0.327258" in status(app)
        np.testing.assert_allclose(seen[3]["dW2 (1×4)"], [[-0.19257351, -0.17503842, -0.18525104, -0.18649278]],
                                   atol=1e-8)
        np.testing.assert_allclose(seen[5]["W2 after (1×4)"], [[0.59628675, 0.88751921, -0.50737448, 0.39324639]],
                                   atol=1e-8)
        # Changed cells of the update show which way they moved.
        after = matrices(app)["W1 after (4×4)"]
        cells = " ".join(line(after, y) for y in range(after.height))
        assert cells.count("↑") + cells.count("↓") == 16

        for i in range(len(BINARY_BATCH) - 1, 0, -1):
            await pilot.press("p")
            assert session(app).index == i - 1
            shown = matrices(app)
            assert list(shown) == BINARY_BATCH[i - 1][2]
            for title, array in seen[i - 1].items():
                assert shown[title].array.tobytes() == array.tobytes()  # back is exact, bit for bit
        await pilot.press("left")
        assert session(app).index == -1 and "before the first step" in status(app)
        assert set(matrices(app)) == {"W1 now (4×4)", "b1 now (4×1)"}


# ---- long runs ----------------------------------------------------------------
async def test_run_to_batch_and_epoch_end():
    app = make_app("gd-mini-batch")
    async with app.run_test(size=SIZE) as pilot:
        spb = session(app).steps_per_batch
        await run_to_stop(app, pilot, "b")
        assert session(app).index == spb - 1
        await run_to_stop(app, pilot, "e")
        per_epoch = session(app).plan.per_epoch
        assert session(app).index == per_epoch * spb - 1
        assert f"batch {per_epoch}/{per_epoch}" in status(app)
        await run_to_stop(app, pilot, "c")
        assert session(app).at_end and "end of training" in status(app)


async def test_a_long_run_shows_progress_and_esc_stops_it():
    scenario = load_scenario("digits")
    scenario = dataclasses.replace(scenario, training=dataclasses.replace(scenario.training, epochs=2000))
    app = make_app(scenario)
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one("InputView")
        assert view.label == "examples appear at the first step"  # not 'no image data': the scenario has pictures
        await pilot.press("n")  # the input view draws the batch's first digit
        assert view.region.height > 4 and view.label.startswith("example ")
        k, m = app.debugger.selection.example, session(app).current.examples.size
        # the data set's number, and the batch's column the graph and the equation count
        assert f"example {session(app).current.examples[k] + 1} ({k + 1} of the batch's {m})" in view.label
        await pilot.press("c")
        await until(pilot, lambda: app.debugger._progress > 1)  # the worker has taken a step
        assert app.debugger.running and app.screen.query_one("#progress").display
        assert "esc stops" in status(app)
        await pilot.press("n")  # the Session is busy: nothing happens
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.debugger.running and not app.screen.query_one("#progress").display
        assert 0 < session(app).index < session(app).total_steps - 1
        assert f"step {session(app).index + 1}/" in status(app)


async def test_play_pauses_for_space_and_for_the_help_which_lists_every_key(tmp_path):
    app = make_app("binary-example", screenshot_dir=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("plus", "plus", "plus")  # 20 steps a second
        await pilot.press("space")
        await until(pilot, lambda: session(app).index >= 2 and "reached" in app.debugger.activity)
        assert "playing 20 steps/s" in app.debugger.activity
        await pilot.press("space")
        stopped = session(app).index
        # The timer is gone, not merely late (no fixed wait: a loaded machine only ticks later).
        assert app.debugger._play_timer is None and "playing" not in app.debugger.activity
        await pilot.pause()
        assert session(app).index == stopped

        await pilot.press("space", "question_mark")  # playing, then the help: nothing moves behind it
        assert isinstance(app.screen, HelpScreen)
        stopped = session(app).index
        assert app.debugger._play_timer is None  # stopped, not paused: nothing can tick behind the help
        await pilot.pause()
        assert session(app).index == stopped and "playing" not in app.debugger.activity
        console = Console(width=120, record=True, file=io.StringIO())
        for widget in app.screen.query("Static"):
            console.print(widget.content)
        text = console.export_text()
        for group in KEYS.values():
            for key in group:
                assert key.help in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)

        await pilot.press("x")  # no example stepped alone: x says so instead of nothing
        assert any("All the data is being stepped already" in str(n.message) for n in app._notifications)
        await pilot.press("s")  # the screenshot, and a note with its full path
        shots = list(tmp_path.glob("*.svg"))
        assert len(shots) == 1 and "<svg" in shots[0].read_text()[:1000]
        assert any(str(shots[0].resolve()) in str(n.message) for n in app._notifications)


# ---- breakpoints ---------------------------------------------------------------
def headless_stop(scenario, breakpoint):
    """Where a Session with the app's default breakpoint and ``breakpoint`` stops."""
    expected = Session(scenario, breakpoints=[Breakpoint.non_finite(), breakpoint])
    expected.run_until()
    return expected


async def test_palette_breakpoints_stop_the_run_say_why_and_refuse_what_no_step_can_hit():
    # Each kind of breakpoint stops a Session at its first matching step: tests/engine/test_session.py.
    # Here: the palette adds one, the run stops where a headless Session stops, status and alert say why.
    scenario = load_scenario("binary-example")  # two layers
    expected = headless_stop(scenario, Breakpoint.loss_above(0.3))
    app = make_app(scenario)
    async with app.run_test(size=SIZE) as pilot:
        await palette(pilot, "loss > 0.3")
        assert Breakpoint.loss_above(0.3) in session(app).breakpoints
        await pilot.press("n")  # a run from the middle of a batch too
        await run_to_stop(app, pilot)
        assert session(app).index == expected.index and session(app).hit.message == expected.hit.message
        assert "● BREAK" in status(app)
        bar = alert(app)
        assert bar.display and expected.hit.message in str(bar.render()) and not bar.has_class("-blowup")
        await pilot.press("n")  # stepping on clears the marker
        assert not alert(app).display and "● BREAK" not in status(app)

        await palette(pilot, "remove loss")
        assert session(app).breakpoints == [Breakpoint.non_finite()]
        await palette(pilot, "nan", enter=False)
        assert sum(offer.startswith("Break when NaN") for offer in offers(app)) == 1, offers(app)  # not twice
        assert offers(app)[0].startswith("Break when NaN"), offers(app)
        await pilot.press("enter")
        assert session(app).breakpoints == [Breakpoint.non_finite()]  # set already: not twice
        await palette(pilot, "xyzzy", enter=False)
        assert any("Breakpoints read like: loss > 0.5" in offer for offer in offers(app))  # not an empty list
        await pilot.press("escape")
        for typed, reason in [("backward 3", "layers 1 to 2"), ("loss 2", "loss step has no layer")]:
            await palette(pilot, typed)
            assert session(app).breakpoints == [Breakpoint.non_finite()]
            notes = [str(note.message) for note in app._notifications]
            assert any("No breakpoint added" in note and reason in note for note in notes), notes


async def test_breakpoints_panel_adds_and_removes():
    app = make_app("binary-example")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("B")
        assert isinstance(app.screen, BreakpointsScreen)
        threshold = app.screen.query_one("#breakpoint-threshold")
        assert threshold.content_size.width > len(threshold.placeholder)  # the word whole, and the cursor
        await pilot.click("#breakpoint-threshold")
        await pilot.press(*"0.3", "enter")
        assert Breakpoint.loss_above(0.3) in app.screen.breakpoints
        await pilot.press(*"x", "enter")  # '0.3x' is no number: the panel says so
        assert "threshold" in str(app.screen.query_one("#breakpoint-error").render())
        listing = app.screen.query_one("#breakpoint-list")
        listing.focus()
        listing.highlighted = 0  # the default NaN/Inf breakpoint
        await pilot.press("delete")
        await pilot.press("escape")
        assert session(app).breakpoints == [Breakpoint.loss_above(0.3)]


async def test_blow_up_is_a_highlighted_message_naming_the_first_non_finite_array():
    scenario = load_scenario("blowup")
    expected = headless_stop(scenario, Breakpoint.non_finite())
    app = make_app(scenario)
    async with app.run_test(size=SIZE) as pilot:
        await run_to_stop(app, pilot)
        assert session(app).index == expected.index < session(app).total_steps - 1
        bar = alert(app)
        assert bar.display and bar.has_class("-blowup")
        text = str(bar.render())
        assert "blow-up" in text and f"non-finite value in {expected.current.first_non_finite()}" in text
        expected.run_until()  # running on stops at the next non-finite step, as headless
        await run_to_stop(app, pilot)
        assert session(app).index == expected.index and alert(app).has_class("-blowup")
        first = headless_stop(scenario, Breakpoint.non_finite())

        # Single steps check the breakpoints too.
        await pilot.press("r")
        assert not alert(app).display
        await pilot.press("g", *str(first.index), "enter")  # just before the first blow-up
        assert session(app).index == first.index - 1 and not alert(app).display
        await pilot.press("n")
        assert alert(app).has_class("-blowup") and session(app).index == first.index
        assert "n steps on" in str(alert(app).render())  # as it does: no promise that stepping stops
        await pilot.press("n")
        assert session(app).index == first.index + 1


# ---- viewing ----------------------------------------------------------------
async def test_layer_mode_and_precision_keys_reach_the_matrices():
    app = make_app("binary-example")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "n")  # F2
        await pilot.press("l")  # view layer 1: its forward step
        assert app.debugger.selected_layer == 1 and "W1 (4×4)" in matrices(app)
        await pilot.press("l", "l")  # layer 2, then follow the step again
        assert app.debugger.selected_layer is None and "W2 (1×4)" in matrices(app)
        view = matrices(app)["W2 (1×4)"]
        assert view.mode == "numbers"
        await pilot.press("m", "m")
        assert view.mode == "heatmap"
        await pilot.press("d")
        assert view.precision == 4 and app.debugger.precision == 4


async def test_chain_rule_inspector_sums_to_the_dw_entry():
    app = make_app("binary-example")
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(5):
            await pilot.press("n")  # B1
        grid, dW1 = app.screen.query_one(StepMatrices), matrices(app)["dW1 (4×4)"]
        grid.focus()
        grid.move_cursor(grid.drawings.index(dW1), 1, 2)
        await pilot.pause()
        selection = app.debugger.selection
        assert (selection.array, selection.layer, selection.row, selection.col) == ("dW", 1, 1, 2)
        assert "dw¹₂₃" in app.screen.query_one("EquationPanel").text.plain
        await pilot.press("i")
        assert isinstance(app.screen, ChainRuleScreen)
        result = app.screen.result
        assert (result.layer, result.row, result.col) == (1, 1, 2)
        assert result.gradient.total == pytest.approx(session(app).current["dW"][1, 2], abs=1e-15)
        assert sum(path.product.sum() for path in result.paths) == pytest.approx(dW1.array[1, 2], abs=1e-15)
        await pilot.press("escape")
        assert not isinstance(app.screen, ChainRuleScreen)


async def test_chain_rule_with_too_many_paths_shows_the_delta_recursion():
    app = make_app("deep-sigmoid")  # 8^5 paths from a weight of layer 1
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "i")  # nothing selected: w¹₁₁ of the viewed layer
        assert isinstance(app.screen, ChainRuleScreen)
        assert type(app.screen.result).__name__ == "DeltaRecursion"


# ---- sizes, themes, screens ------------------------------------------------------
async def test_usable_at_80x24_and_roomier_when_resized():
    app = make_app("binary-example")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert screen.has_class("-compact")
        for name in ("matrices", "network", "equation", "loss"):
            panel = screen.query_one(f"#{name}")
            assert panel.display and panel.region.height >= 10 and panel.region.width >= 78
            await pilot.press("n")
            await pilot.press("v")
        await pilot.resize_terminal(120, 40)  # resizes down to 30x8: test_random_keys.py
        await pilot.press("n")
        await pilot.pause()
        assert not screen.has_class("-compact")
        for name in ("matrices", "network", "equation", "loss"):
            assert screen.query_one(f"#{name}").region.height >= 8
        assert session(app).index == 4


async def test_an_update_in_two_columns_reads_as_a_w_column_beside_a_b_column():
    app = make_app("binary-example")
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press(*"nnnnnn")  # U2
        assert list(matrices(app)) == ["W2 before (1×4)", "b2 before (1×1)", "η·dW2 (1×4)", "η·db2 (1×1)",
                                       "W2 after (1×4)", "b2 after (1×1)"]
        assert len({region.x for region in app.screen.query_one(StepMatrices).regions}) == 2
