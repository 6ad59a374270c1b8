"""A few SVG snapshots of the debugger at the sizes most people use, 120×40 and
160×48: the document's binary example (fixed weights and data), the digits
network (seeded) and the blowup scenario (fixed). Nothing random is left unseeded.

Regenerate after a deliberate change of the look, and look at them:
    pytest tests/tui/test_snapshots.py --snapshot-update -n 0
"""

from __future__ import annotations

from nnviz.tui.app import make_app

MEDIUM, LARGE = (120, 40), (160, 48)


def test_backward_step_of_the_binary_example(snap_compare):
    assert snap_compare(make_app("binary-example"), press=["n"] * 4, terminal_size=MEDIUM)


def test_update_shows_before_change_and_after_with_arrows(snap_compare):
    assert snap_compare(make_app("binary-example"), press=["n"] * 7, terminal_size=MEDIUM)


def test_update_of_the_digits_network_as_heatmaps(snap_compare):
    assert snap_compare(make_app("digits"), press=["g", "2", "0", "enter"], terminal_size=LARGE)


def test_blowup_on_a_log_scale_at_the_breakpoint(snap_compare):
    assert snap_compare(make_app("blowup"), press=["c"], terminal_size=LARGE)


def test_help_screen(snap_compare):
    assert snap_compare(make_app("binary-example"), press=["question_mark"], terminal_size=MEDIUM)
