"""Nothing cut off: at the sizes people use, for every bundled scenario, at a step
of each phase, no line of the screen ends in a cut number or word.

A panel has a column of padding inside its border, and keeps one blank column
of its own before it (the status line one at the right), so text that was
cropped at the edge of its box shows as a letter or digit right against the
box's edge. Each line is split at the panels' borders (│); a piece that ends
in a letter or a digit with at most the padding between it and the border (or
the screen's edge) is cut. The equation wraps its lines itself: every word of
it must be on screen whole (none folded, none below the panel's bottom edge).

Every panel that steps is scanned, the equation and the network included, with
the status line and the footer. The compact layout (80×24, 100×30) shows one
panel at a time and a switch costs a layout: it renders the matrices at each
phase and the loss and the input at the update step, and draws the network and
the equation as those panels draw themselves, at the size the app gives them.
One app per group of scenarios opens each in turn (App.open_scenario) and
resizes it through the sizes; the session moves by goto, not keys.
"""

from __future__ import annotations

import re

import pytest

import nnviz
from nnviz.scenario.bundled import bundled_names
from nnviz.tui.app import make_app
from nnviz.tui.widgets.equation import EquationPanel, panel_text
from nnviz.tui.widgets.network_picture import draw
from nnviz.tui.widgets.network_view import NetworkView

SIZES = [(80, 24), (100, 30), (120, 40), (160, 48), (220, 60)]
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


def words_cut(shown: list[str], text: str) -> str | None:
    """The first word of ``text`` that ``shown`` (the lines on screen) does not hold whole, if any."""
    on_screen, words = " ".join(shown).split(), text.split()
    for i, word in enumerate(words):
        if i >= len(on_screen) or on_screen[i] != word:
            return word
    return None


def test_a_folded_or_hidden_word_is_found():
    assert words_cut(["z = 0.25 + 0.5", "  ≈ 0.75"], "z = 0.25 + 0.5 ≈ 0.75") is None
    assert words_cut(["z = 0.25 + 0.5 ≈ 0.7", "5"], "z = 0.25 + 0.5 ≈ 0.75") == "0.75"
    assert words_cut(["z = 0.25 + 0.5"], "z = 0.25 + 0.5\nthe sentence") == "the"


def equation_cut(screen, lines: list[str]) -> list[str]:
    """The equation's words that are not on screen whole, when it is on screen."""
    box = screen.query_one("#equation")
    if not box.display or box.has_class("-hidden"):
        return []
    x, y, width, height = box.scrollable_content_region
    shown = [line[x:x + width] for line in lines[y:y + height]]
    word = words_cut(shown, screen.query_one(EquationPanel).text.plain)
    return [] if word is None else [f"equation: {word!r} is not on screen whole"]


def first_steps(session: nnviz.Session) -> dict[str, int]:
    """The index of the first step of each phase."""
    L = session.depth
    return {"forward": 0, "loss": L, "backward": L + 1, "update": 2 * L + 1}


def boxed(lines: list[str], width: int) -> list[str]:
    """Lines as a panel ``width`` columns wide shows them, between its borders and padding."""
    return [f"│ {line[:width].ljust(width)} │" for line in lines]


def compact_slot(screen) -> tuple[int, int]:
    """(width, height) inside the border and padding of the compact layout's one panel."""
    _, _, width, height = screen.query_one("#matrices").region
    return width - 4, height - 2


def drawn_off_screen(screen, width: int, height: int) -> list[str]:
    """What is cut in the network and the equation in the compact layout's slot (``width``
    × ``height``), drawn as they draw themselves (no render: a panel switch costs a layout)."""
    frame, where, layer = screen.frame, screen.selection, screen.selected_layer
    network = draw(frame, width - 1, height, screen.precision, where, layer).lines  # NetworkView's blank column
    equation = panel_text(frame, layer, where, width).plain.split("\n")
    found = [f"network line {y + 1}: {piece.strip()!r}" for y, piece in cut_pieces(boxed(network, width))]
    found += [f"equation line {y + 1}: {piece.strip()!r}" for y, piece in cut_pieces(boxed(equation, width))]
    if len(equation) > height:
        found.append(f"equation: {len(equation)} lines in {height}")
    return found


async def test_the_compact_slot_is_where_the_network_and_the_equation_draw():
    """drawn_off_screen's sizes are the ones the app gives those panels."""
    app = make_app("digits")
    async with app.run_test(size=SIZES[0]) as pilot:
        screen = app.screen
        width, height = compact_slot(screen)
        screen.panel = "network"
        await pilot.pause()
        assert tuple(screen.query_one(NetworkView).size) == (width - 1, height)
        screen.panel = "equation"
        await pilot.pause()
        assert screen.query_one(EquationPanel).size.width == width


def scans() -> list:
    """Groups of GROUP scenarios, one test each, that pytest-xdist shares out."""
    names = bundled_names()
    return [pytest.param(names[i:i + GROUP], id=names[i]) for i in range(0, len(names), GROUP)]


GROUP = 3


@pytest.mark.parametrize("names", scans())
async def test_no_line_ends_in_a_cut_number_or_word(names):
    app = make_app(names[0])
    found = []
    async with app.run_test(size=SIZES[0]) as pilot:
        for i, name in enumerate(names):
            if i:  # open at the smallest size: the large layout's analysis panels cost more to open
                await pilot.resize_terminal(*SIZES[0])
                app.open_scenario(nnviz.load_scenario(name))
            await pilot.pause()
            screen = app.screen
            for size in SIZES:  # a resize costs about what a new screen does, a new app more
                for phase, index in first_steps(screen.session).items():
                    screen.session.goto(index)
                    screen.refresh_frame()
                    if app.size != size:
                        await pilot.resize_terminal(*size)
                    await pilot.pause()
                    # The compact layout shows one panel: the matrices, and at the update step the
                    # loss and the input in turn (they change by the batch, not the phase).
                    where = f"{size[0]}x{size[1]} {name} {phase}"
                    compact = screen.arrangement == "compact"
                    if compact:
                        found += [f"{where} {cut}" for cut in drawn_off_screen(screen, *compact_slot(screen))]
                    panels = ["matrices"] + [p for p in ("loss", "input") if p in screen.panels.step] \
                        if compact and phase == "update" else [""]
                    for panel in panels:
                        if panel:
                            screen.panel = panel
                            await pilot.pause()
                        lines = [strip.text for strip in app.screen._compositor.render_strips()]
                        found += [f"{where} {panel} line {y + 1}: {piece.strip()!r}" for y, piece in cut_pieces(lines)]
                        found += [f"{where} {cut}" for cut in equation_cut(screen, lines)]
                    if compact:
                        screen.panel = "matrices"
    assert not found, "\n".join(found)
