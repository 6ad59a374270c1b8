"""A few SVG snapshots of the debugger at 100×30 (one panel at a time), on the
document's binary example, liver table and mobile-phone network, whose
weights and data are fixed: nothing random to seed.

Regenerate after a deliberate change of the look:
    pytest tests/tui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from nnviz.tui.app import make_app

SIZE = (100, 30)


def test_forward_step(snap_compare):
    assert snap_compare(make_app("binary-example"), press=["n"], terminal_size=SIZE)


def test_backward_step(snap_compare):
    assert snap_compare(make_app("binary-example"), press=["n"] * 5, terminal_size=SIZE)


def test_update_step_marks_the_changed_cells(snap_compare):
    assert snap_compare(make_app("binary-example"), press=["n"] * 6, terminal_size=SIZE)


def test_network_panel_during_the_update(snap_compare):
    assert snap_compare(make_app("binary-example"), press=["n"] * 6 + ["v"], terminal_size=SIZE)


def test_help_screen(snap_compare):
    assert snap_compare(make_app("binary-example"), press=["question_mark"], terminal_size=SIZE)


def test_evaluation_of_the_documents_liver_table(snap_compare):
    assert snap_compare(make_app("evaluation-liver"), press=["a"], terminal_size=SIZE)


def test_decision_boundary_of_the_documents_2_2_1_network(snap_compare):
    assert snap_compare(make_app("mobile-network-1"), press=["v"] * 4, terminal_size=SIZE)
