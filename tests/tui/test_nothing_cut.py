"""Nothing cut off: at the sizes people use, for every bundled scenario, at a step
of each phase, no line of the screen ends in a cut number or word.

A panel has a column of padding inside its border, and keeps one blank column
of its own before it (the status line one at the right), so text that was
cropped at the edge of its box shows as a letter or digit right against the
box's edge. Each line is split at the panels' borders (│); a piece that ends
in a letter or a digit with at most the padding between it and the border (or
the screen's edge) is cut. The equation wraps its lines itself: every word of
it must be on screen whole (none folded, none below the panel's bottom edge).

Every panel that steps is scanned, with the status line and the footer. A
render costs a layout of the whole screen, so the scan works at two levels:

- Pilot: every scenario at 80×24 (the tightest), the scenarios of KINDS at all
  five sizes, the whole screen at a step of each phase (the compact layout shows one
  panel: the matrices, and the loss and the input at the update step). One app
  per group of scenarios opens each and resizes it through its sizes; the
  session moves by goto, not keys. NNVIZ_FULL_SCAN=1: every scenario at every size.
- Drawn: every scenario at all five sizes, a step of each phase, the network
  and the equation as they draw themselves (network_picture.draw,
  equation.panel_text) at the sizes the app gives them, read from the app by
  the Pilot scan while it shows the scenario of KINDS that stands for their kind
  (drawn_by: a picture, a boundary, neither), so no app is resized for it alone.
"""

from __future__ import annotations

import functools
import os
import re

import pytest

import nnviz
from nnviz.scenario.bundled import bundled_names
from nnviz.tui.app import make_app
from nnviz.tui.controller import Controller
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


def drawing_sizes(screen) -> dict[str, tuple[int, int, int]]:
    """(width, height) the app gives the network's picture and the equation's text, and the
    width inside their panel's border and padding, read from the panels on screen; in the
    compact layout, from the one slot they all share."""
    view = screen.query_one(NetworkView)
    if screen.arrangement == "compact":
        width, height = compact_slot(screen)
        return {"network": (width - view.styles.padding.right, height, width), "equation": (width, height, width)}
    _, _, network, _ = screen.query_one("#network").scrollable_content_region
    _, _, equation, rows = screen.query_one("#equation").scrollable_content_region
    return {"network": (*view.size, network), "equation": (screen.query_one(EquationPanel).size.width, rows, equation)}


def drawn_cut(frame, where, sizes: dict[str, tuple[int, int, int]]) -> list[str]:
    """What is cut in the network's picture and the equation's text, drawn as those panels
    draw them for ``frame`` and the selection ``where``, at ``sizes``."""
    (width, height, panel), (room, rows, box) = sizes["network"], sizes["equation"]
    network = draw(frame, width, height, 3, where).lines
    equation = panel_text(frame, None, where, room).plain.split("\n")
    found = [f"network line {y + 1}: {piece.strip()!r}" for y, piece in cut_pieces(boxed(network, panel))]
    found += [f"equation line {y + 1}: {piece.strip()!r}" for y, piece in cut_pieces(boxed(equation, box))]
    if len(equation) > rows:
        found.append(f"equation: {len(equation)} lines in {rows}")
    return found


async def test_the_compact_slot_is_where_the_network_and_the_equation_draw():
    """drawing_sizes in the compact layout are the sizes the app gives those panels."""
    app = make_app("digits")
    async with app.run_test(size=SIZES[0]) as pilot:
        screen = app.screen
        sizes = drawing_sizes(screen)
        screen.panel = "network"
        await pilot.pause()
        assert tuple(screen.query_one(NetworkView).size) == sizes["network"][:2]
        screen.panel = "equation"
        await pilot.pause()
        assert screen.query_one(EquationPanel).size.width == sizes["equation"][0]


def kind(scenario) -> tuple[bool, bool]:
    """What decides the panels' sizes besides the window's: an input picture, a boundary."""
    return scenario.image_shape is not None, scenario.X.shape[0] == 2


@functools.cache
def bundled() -> dict:
    """Every bundled scenario, by name."""
    return {name: nnviz.load_scenario(name) for name in bundled_names()}


@functools.cache
def drawn_by() -> dict[str, tuple[bool, bool]]:
    """The scenario of KINDS whose Pilot scan reads the drawing sizes for each kind (the first of it)."""
    first = {}
    for name in KINDS:
        first.setdefault(kind(bundled()[name]), name)
    return {name: k for k, name in first.items()}


def test_every_kind_of_scenario_is_drawn_by_one_of_kinds():
    """The drawn check reaches every scenario: each kind has a scenario in KINDS that reads its sizes."""
    kinds = set(drawn_by().values())
    assert {kind(scenario) for scenario in bundled().values()} <= kinds and len(kinds) == 3


def drawn_cuts(scenarios, sizes_at: dict) -> list[str]:
    """What is cut in the network and the equation of every scenario of ``scenarios`` at a step of
    each phase, as they draw themselves at the sizes the app gave their kind at each window size."""
    found = []
    for scenario in scenarios:
        controller = Controller(scenario)
        for phase, index in first_steps(controller.session).items():
            controller.session.goto(index)
            frame = controller.frame()
            where = frame.select(None, None)
            for size, sizes in sizes_at.items():
                found += [f"{size[0]}x{size[1]} {scenario.title} {phase} {cut}"
                          for cut in drawn_cut(frame, where, sizes)]
    return found


def scans() -> list:
    """The Pilot scan in groups of about equal work, one test each, that pytest-xdist
    shares out: every scenario at the sizes of EVERY_SCENARIO, those of KINDS at every
    size (NNVIZ_FULL_SCAN=1: every scenario at every size, about three times the time)."""
    full = os.environ.get("NNVIZ_FULL_SCAN") == "1"
    groups, weight = [[]], 0
    for name in bundled_names():
        sizes = SIZES if full or name in KINDS else EVERY_SCENARIO
        if weight >= GROUP_WEIGHT:
            groups.append([])
            weight = 0
        groups[-1].append((name, sizes))
        weight += len(sizes)
    for group in groups:  # the scenarios seen at 80x24 alone first: no resize back to it after a large size
        group.sort(key=lambda scan: len(scan[1]))
    return [pytest.param(group, id=group[0][0]) for group in groups]


EVERY_SCENARIO = [(80, 24)]
# Tiny, NaN, deep, a picture, Adam, a decision boundary: the kinds of screen the other layouts draw.
KINDS = ["binary-example", "blowup", "deep-sigmoid", "digits", "optimizers", "xor"]
GROUP_WEIGHT = 7  # sizes a test scans


@pytest.mark.parametrize("scan", scans())
async def test_no_line_ends_in_a_cut_number_or_word(scan):
    """The Pilot scan; and the drawn check of every scenario of a kind, at the sizes the app gives
    that kind, read while the scan shows the scenario of KINDS that stands for it (drawn_by)."""
    app = make_app(scan[0][0])
    found = []
    async with app.run_test(size=SIZES[0]) as pilot:
        for i, (name, sizes) in enumerate(scan):
            if i:  # open at the smallest size: the large layout's analysis panels cost more to open
                if app.size != SIZES[0]:  # (a resize to the same size still lays the screen out)
                    await pilot.resize_terminal(*SIZES[0])
                app.open_scenario(nnviz.load_scenario(name))
            await pilot.pause()
            screen = app.screen
            drawing = {}  # window size -> drawing_sizes, when this scenario reads them for its kind
            for size in sizes:  # a resize costs about what a new screen does, a new app more
                for phase, index in first_steps(screen.session).items():
                    screen.session.goto(index)
                    screen.refresh_frame()
                    if app.size != size:
                        await pilot.resize_terminal(*size)
                    await pilot.pause()
                    if name in drawn_by() and size not in drawing:
                        drawing[size] = drawing_sizes(screen)
                    # The compact layout shows one panel: the matrices, and at the update step
                    # the loss and the input (they change by the batch, not the phase).
                    compact = screen.arrangement == "compact"
                    panels = ["matrices"] + [p for p in ("loss", "input") if p in screen.panels.step] \
                        if compact and phase == "update" else [""]
                    where = f"{size[0]}x{size[1]} {name} {phase}"
                    for panel in panels:
                        if panel:
                            screen.panel = panel
                            await pilot.pause()
                        lines = [strip.text for strip in app.screen._compositor.render_strips()]
                        found += [f"{where} {panel} line {y + 1}: {piece.strip()!r}" for y, piece in cut_pieces(lines)]
                        found += [f"{where} {cut}" for cut in equation_cut(screen, lines)]
                    if compact:
                        screen.panel = "matrices"
            if drawing:
                assert list(drawing) == SIZES
                found += drawn_cuts([s for s in bundled().values() if kind(s) == drawn_by()[name]], drawing)
    assert not found, "\n".join(found)
