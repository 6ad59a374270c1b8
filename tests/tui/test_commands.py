"""The command palette's breakpoint words: parsed without an app."""

from __future__ import annotations

import pytest

from nnviz.breakpoints import Breakpoint
from nnviz.tui.commands import MAX_LENGTH, parse

EVERY_KIND = [Breakpoint.non_finite(), Breakpoint.epoch_end(), Breakpoint.loss_above(2), Breakpoint.loss_below(0.1),
              Breakpoint.grad_norm_above(3, layer=1), Breakpoint.grad_norm_below(1e-3), Breakpoint.at("backward", 2),
              Breakpoint.at("update")]


@pytest.mark.parametrize("breakpoint", EVERY_KIND, ids=lambda bp: bp.describe())
def test_what_the_app_says_of_a_breakpoint_reads_back_as_that_breakpoint(breakpoint):
    assert parse(breakpoint.describe()) == breakpoint
    assert parse(f"Break when {breakpoint.describe()}") == breakpoint


@pytest.mark.parametrize("typed, expected", [
    ("loss above 2", Breakpoint.loss_above(2)),  # the breakpoints panel's own words
    ("loss below 1e-3", Breakpoint.loss_below(1e-3)),
    ("‖dW‖ above 100 layer 2", Breakpoint.grad_norm_above(100, layer=2)),
    ("stop when loss   >   0.5", Breakpoint.loss_above(0.5)),
    ("grad norm less than .5", Breakpoint.grad_norm_below(0.5)),
    ("nan", Breakpoint.non_finite()),
    ("nanny", None),
    ("remove loss", None),
    ("loss > 1.2.3", None),
])
def test_the_palette_reads_a_breakpoint_in_the_words_people_use(typed, expected):
    assert parse(typed) == expected


def test_a_query_too_long_for_a_breakpoint_is_none_at_once():
    assert parse("loss > " + "9" * (MAX_LENGTH - 7)) == Breakpoint.loss_above(float("9" * (MAX_LENGTH - 7)))
    assert parse("loss > " + "9" * 20_000) is None
