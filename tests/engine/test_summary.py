"""engine/summary.py: the rankings and scales the views draw with."""

from __future__ import annotations

import numpy as np

from nnviz.engine.summary import log_scale, relative, top_k


def test_top_k_picks_the_largest_magnitudes_in_index_order():
    values = np.array([0.1, -3.0, 2.0, 0.0, -0.5, 2.0])
    assert top_k(values, 3).tolist() == [1, 2, 5]
    assert top_k(values, 1).tolist() == [1]
    assert top_k(values, 10).tolist() == list(range(6))


def test_top_k_counts_nan_and_inf_as_largest_and_breaks_ties_by_index():
    assert top_k(np.array([1.0, np.nan, 5.0, -np.inf]), 2).tolist() == [1, 3]
    assert top_k(np.ones(5), 2).tolist() == [0, 1]


def test_relative_is_the_share_of_the_largest_magnitude():
    np.testing.assert_allclose(relative(np.array([[1.0, -4.0], [2.0, 0.0]])), [[0.25, 1.0], [0.5, 0.0]])
    assert relative(np.zeros(3)).tolist() == [0.0, 0.0, 0.0]
    assert relative(np.array([np.nan, 2.0])).tolist() == [1.0, 1.0]


def test_log_scale_puts_every_value_on_one_scale_below_the_largest():
    places = log_scale([1e-3, None, 1.0, 1e-1, 1e-9, 0.0], decades=6)
    np.testing.assert_allclose(places[0], 0.5)
    assert places[1] is None
    assert places[2] == 1.0 and np.isclose(places[3], 5 / 6)
    assert places[4] == 0.0 and places[5] == 0.0
    assert log_scale([float("inf"), 1.0], 6) == [1.0, 1.0]
    assert log_scale([None, None], 6) == [None, None]
