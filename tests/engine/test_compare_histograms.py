"""compare() and histograms(): the data behind `nnviz compare` and `nnviz histograms`."""

from __future__ import annotations

import warnings
from dataclasses import replace

import numpy as np
import pytest

from nnviz.engine import train
from nnviz.engine.compare import compare, parse_batch_sizes
from nnviz.engine.histograms import histograms
from nnviz.scenario import load_scenario


def test_every_variant_starts_from_the_scenarios_weights_and_matches_plain_training():
    s = load_scenario("gd-batch")
    config = replace(s.training, epochs=3)
    variants = compare(s.network, s.X, s.Y, config, [None, 1, 20], True)
    assert [(v.updates_per_epoch, v.updates) for v in variants] == [(1, 3), (100, 300), (5, 15)]
    for v in variants:
        alone = train(s.network, s.X, s.Y, replace(config, batch_size=v.batch_size))
        assert v.batch_losses == alone.history.batches  # bit for bit: same start, same arithmetic
        assert np.array_equal(v.network.layers[0].W, alone.network.layers[0].W)
    assert variants[1].update_epochs[99] == 1.0 and variants[2].update_epochs[4] == 1.0


def test_batch_sizes_parse_and_reject_nonsense():
    assert parse_batch_sizes("full, 1,20") == [None, 1, 20]
    for bad in ("", "0", "full,x", "2.5"):
        with pytest.raises(ValueError):
            parse_batch_sizes(bad)


def test_histograms_count_every_weight_once_per_epoch_on_shared_edges():
    s = load_scenario("deep-sigmoid")
    h = histograms(s.network, s.X, s.Y, replace(s.training, epochs=2))
    sizes = np.array([W.size for W in (layer.W for layer in s.network.layers)])
    assert h.weights.shape == (7, 3, 21) and h.grads.shape == (7, 3, 21)
    assert (h.weights.sum(axis=2) == sizes[:, None]).all() and (h.grads.sum(axis=2) == sizes[:, None]).all()
    assert h.grad_edges[0] == -h.grad_edges[-1] and list(h.epochs) == [0, 1, 2]
    # vanishing: at the start each layer's gradient is smaller than the next one's
    assert (np.diff(h.grad_rms[:, 0]) > 0).all() and h.grad_rms[0, 0] < 1e-4 * h.grad_rms[-1, 0]


def test_a_blow_up_gives_infinite_rms_and_no_warning():
    # blowup's weights reach 1e96 and its gradients overflow: the RMS is inf, reported as data
    s = load_scenario("blowup")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        h = histograms(s.network, s.X, s.Y, s.training)
        variants = compare(s.network, s.X, s.Y, s.training, [None, 1], False)
    assert np.isinf(h.grad_rms).any() and np.isfinite(h.weight_rms[:, 0]).all()
    assert all(v.stopped == "non-finite" for v in variants)


def test_cancelled_is_asked_before_every_batch_and_stops_train_compare_and_histograms():
    from nnviz.engine.training import Cancelled, train

    s = load_scenario("gd-batch")
    asked = []

    def after(n):
        return lambda: asked.append(1) or len(asked) > n

    with pytest.raises(Cancelled):
        train(s.network, s.X, s.Y, replace(s.training, batch_size=1), cancelled=after(5))
    assert len(asked) == 6  # five batches trained, the sixth refused
    asked.clear()
    with pytest.raises(Cancelled):
        compare(s.network, s.X, s.Y, s.training, [None, 1], cancelled=after(s.training.epochs + 3))
    assert len(asked) == s.training.epochs + 4  # into the second variant
    asked.clear()
    with pytest.raises(Cancelled):  # after training, before the gradients of the last epochs
        histograms(s.network, s.X, s.Y, s.training, cancelled=after(s.training.epochs + 2))
    never = train(s.network, s.X, s.Y, s.training, cancelled=lambda: False)
    assert never.stopped == "epochs"
