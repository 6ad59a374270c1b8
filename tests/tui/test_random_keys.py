"""Random keys, resizes and hostile picker input, with what must hold after each of them.

Seeded and short: each sequence is the same on every run. After every key the
session's cursor is in range and the status line says where the session stands;
after ``q`` no worker is left computing.
"""

from __future__ import annotations

import asyncio
import random
import sys
from dataclasses import replace

import pytest

from nnviz.scenario import load_scenario
from nnviz.tui.app import make_app
from nnviz.tui.widgets.status import StatusLine

from tests.tui.hostile import hostile_paths
from tests.tui.waiting import until

KEYS = ["n", "p", "b", "e", "c", "escape", "space", "plus", "minus", "l", "m", "d", "i", "v", "r", "g", "B",
        "question_mark", "left", "right", "tab", "enter", "up", "down", "a", "x", "C", "o", "pageup",
        "pagedown", "s", "1", "0"]
SIZES = [(30, 8), (40, 12), (60, 15), (80, 24), (120, 40)]


def engine_threads() -> list[int]:
    """The threads other than this one whose stack is in nnviz's engine or session code."""
    busy = []
    for thread, frame in sys._current_frames().items():
        while frame is not None:
            name = frame.f_code.co_filename.replace("\\", "/")
            if "/nnviz/engine/" in name or name.endswith("/nnviz/session.py"):
                busy.append(thread)
                break
            frame = frame.f_back
    return busy


async def settle(app, pilot) -> None:
    """Let a run started by the key finish, as a person waits for it."""
    debugger = app.debugger
    if debugger.running:
        await app.workers.wait_for_complete([debugger._run_worker])
    await pilot.pause()


def check(app) -> None:
    """The cursor is in range, and the status line says the session's position."""
    debugger = app.debugger
    session = debugger.session
    assert -1 <= session.index < session.total_steps
    assert debugger.frame.index == session.index and debugger.frame.total == session.total_steps
    status = debugger.query_one(StatusLine).render().plain
    assert f"step {session.index + 1}/{session.total_steps}" in status, status
    assert ("before the first step" in status) == (session.index == -1), status


async def hostile_open(app, pilot, path: str) -> None:
    """Type ``path`` into the picker: it says why in one line, and the debugger keeps its scenario."""
    scenario = app.debugger.scenario
    if app.screen is not app.debugger:
        return
    await pilot.press("o")
    box = app.screen.query_one("#picker-path")
    box.value = path
    box.focus()
    await pilot.press("enter")
    error = str(app.screen.query_one("#picker-error").render())
    assert error and "\n" not in error and app.debugger.scenario is scenario
    await pilot.press("escape")


@pytest.mark.parametrize("name, seed", [("blowup", 1), ("xor", 2)])
async def test_random_keys_keep_the_cursor_and_the_status_true_and_q_leaves_no_worker(name, seed, tmp_path):
    rng = random.Random(seed)
    hostile = hostile_paths(tmp_path)
    app = make_app(name, screenshot_dir=tmp_path)
    async with app.run_test(size=rng.choice(SIZES)) as pilot:
        for _ in range(45):
            roll = rng.random()
            if roll < 0.08:
                await pilot.resize_terminal(*rng.choice(SIZES))
            elif roll < 0.1:
                app.theme = rng.choice(["textual-light", "textual-dark"])
            elif roll < 0.14:
                await hostile_open(app, pilot, rng.choice(hostile))
            else:
                await pilot.press(rng.choice(KEYS))
            await settle(app, pilot)
            check(app)
        while app.screen is not app.debugger:
            await pilot.press("escape")
        await pilot.press("C", "q", "q")  # quit just after closing a comparison that trains
        assert app.return_code == 0  # q quit the app
    await no_engine_thread_left()


async def no_engine_thread_left() -> None:
    """The engine's loops ask their worker's cancel flag before every batch: its threads end soon
    (10 s at most, for a loaded machine; a thread left training would run for minutes)."""
    for _ in range(500):
        if not engine_threads():
            return
        await asyncio.sleep(0.02)
    assert not engine_threads()


async def test_q_quits_while_the_histograms_and_a_comparison_train():
    s = load_scenario("spirals")
    app = make_app(replace(s, training=replace(s.training, epochs=20000)))  # minutes of training
    async with app.run_test(size=(200, 60)) as pilot:  # every panel on screen: the histograms start
        # Keys as a terminal sends them: Pilot's press then waits for the CPU to idle, which it
        # never does while the workers train (bench/bench_quit.py times this quit).
        app.simulate_key("C")
        await until(pilot, lambda: len(engine_threads()) == 2)
        opened = app.debugger.frame.opened  # its thread trains the copy for the histograms
        assert app.debugger._histograms_asked and opened.ready_histograms is None and app.screen.workers
        app.simulate_key("q")  # closes the comparison
        await until(pilot, lambda: app.screen is app.debugger)
        app.simulate_key("q")  # quits
        for _ in range(1000):  # 10 s at most: a loaded machine only quits later
            if app.return_code is not None:
                break
            await asyncio.sleep(0.01)
    assert app.return_code == 0 and opened.ready_histograms is None  # q quit; the histograms cancelled, not finished
    await no_engine_thread_left()
