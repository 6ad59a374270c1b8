"""Nothing cut off: at the sizes people use, for the bundled scenarios, at a step
of each phase, no line of the screen ends in a cut number or word.

A panel has a column of padding inside its border, and the status line one at
the right, so text that was cropped at the edge of its box shows as a letter or
digit right against the box's edge. Each line is split at the panels' borders
(│); a piece that ends in a letter or a digit with at most the padding between
it and the border (or the screen's edge) is cut. One app per size renders every
scenario in turn (App.open_scenario), and the session moves by goto, not keys.

Every scenario at 80×24 and 120×40, every size on three scenarios: the whole
matrix (33 scenarios × 5 sizes) would take longer than the suite's budget.
The equation panel is left out: it wraps its formulas at spaces and operators,
so a line of it may end flush at its edge without anything being cut; so is the
network graph for now, whose legend lines ('‖dW‖ log', '… + n more') end flush.
"""

from __future__ import annotations

import re

import pytest

import nnviz
from nnviz.scenario.bundled import bundled_names
from nnviz.tui.app import make_app

SIZES = [(80, 24), (100, 30), (120, 40), (160, 48), (220, 60)]
EVERY_SCENARIO = {(80, 24), (120, 40)}
THREE = ["binary-example", "digits", "blowup"]
BORDER = re.compile("[│┃║]")
BOX = set("╭╮╰╯─━┌┐└┘┬┴├┤┼ ")
TEXTUAL = set("-/([,.≈:")  # what a cut sentence or number can end in, besides letters and digits


def cut_pieces(lines: list[str]) -> list[tuple[int, str]]:
    """(row, piece) of every piece of a line that ends in a letter, a digit (or TEXTUAL) right
    against a border or the screen's edge (one space of padding allowed)."""
    cut = []
    for y, line in enumerate(lines):
        if set(line) <= BOX:
            continue
        for piece in BORDER.split(line):
            text = piece.rstrip(" ")
            if text and (text[-1].isalnum() or text[-1] in TEXTUAL) and len(piece) - len(text) <= 1:
                cut.append((y, piece))
    return cut


def test_a_cut_word_is_found_and_a_padded_one_is_not():
    assert cut_pieces(["│ W1 before (4×4)  [1,1] = 0.9  │", "│ 0.5  │╭─╮"]) == []
    assert cut_pieces(["│ dW in [-0.193 │", "status (space pauses, +/-"]) == [
        (0, " dW in [-0.193 "), (1, "status (space pauses, +/-")]
    assert cut_pieces(["│ 1  0.663  0.635  0. │"]) == [(0, " 1  0.663  0.635  0. ")]
    assert cut_pieces(["g Go to l Layer m Heatmap a"]) == [(0, "g Go to l Layer m Heatmap a")]


def without(screen, selector: str, lines: list[str]) -> list[str]:
    """The screen's lines with the region of the widget ``selector`` blanked."""
    region = next((w.region for w in screen.query(selector) if w.display), None)
    if region is None:
        return lines
    x, y, width, height = region
    return [line[:x] + " " * width + line[x + width:] if y <= row < y + height else line
            for row, line in enumerate(lines)]


def first_steps(session: nnviz.Session) -> dict[str, int]:
    """The index of the first step of each phase."""
    L = session.depth
    return {"forward": 0, "loss": L, "backward": L + 1, "update": 2 * L + 1}


def scans() -> list:
    """(size, scenarios): every scenario at the sizes of EVERY_SCENARIO, in groups of
    GROUP so that pytest-xdist can share them out; THREE at the other sizes."""
    names = bundled_names()
    return [pytest.param(size, group, id=f"{size[0]}x{size[1]}-{group[0]}")
            for size in SIZES
            for group in ([names[i:i + GROUP] for i in range(0, len(names), GROUP)]
                          if size in EVERY_SCENARIO else [THREE])]


GROUP = 9


@pytest.mark.parametrize("size, names", scans())
async def test_no_line_ends_in_a_cut_number_or_word(size, names):
    app = make_app(names[0])
    found = []
    async with app.run_test(size=size) as pilot:
        for i, name in enumerate(names):
            if i:
                app.open_scenario(nnviz.load_scenario(name))
            await pilot.pause()
            screen = app.screen
            for phase, index in first_steps(screen.session).items():
                screen.session.goto(index)
                screen.refresh_frame()
                await pilot.pause()
                lines = [strip.text for strip in app.screen._compositor.render_strips()]
                lines = without(app.screen, "#network", without(app.screen, "#equation", lines))
                found += [f"{name} {phase} line {y + 1}: {piece.strip()!r}" for y, piece in cut_pieces(lines)]
    assert not found, "\n".join(found)
