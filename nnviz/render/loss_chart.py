"""The compare chart: every variant's loss per update and per epoch on one epoch axis.

``plot_variants`` draws on any plotext-like object: the plotext module in
the CLI, or a textual-plotext widget's ``plt`` in the app, so both show the
same chart. Update u of an epoch of k updates sits at epoch (u + 1) / k.
The y axis stops at the 95th percentile of the per-update losses: the
stochastic spikes run off the top, the epoch curves below stay readable.
A loss that blew up to NaN, Inf or near the largest float is left out
(plotext cannot place it), and a variant with nothing left to draw adds no curve.
"""

from __future__ import annotations

import math

import numpy as np

from ..engine.compare import Variant

PLOTTABLE = 1e300  # plotext overflows laying out an axis around values near the largest float


def plottable(loss: float) -> bool:
    """Finite and small enough for plotext to draw."""
    return math.isfinite(loss) and abs(loss) < PLOTTABLE


def plottable_mask(values: np.ndarray) -> np.ndarray:
    """``plottable`` element-wise."""
    with np.errstate(invalid="ignore"):
        return np.isfinite(values) & (np.abs(values) < PLOTTABLE)


COLORS = ("orange+", "blue+", "green+", "magenta+", "cyan+", "red+")
# Each variant's own markers, so the series are told apart without colour (NO_COLOR, a capture):
# a small one for the per-update curve, a large one for the epoch means.
UPDATE_MARKERS = ("·", "+", "x", "*", "-", "=")
EPOCH_MARKERS = ("●", "▲", "■", "◆", "▼", "★")
MOST_POINTS = 240  # per-update points drawn per variant: batch size 1 has one per example and epoch


def thinned(x: list[float], y: list[float], most: int = MOST_POINTS) -> tuple[list[float], list[float]]:
    """At most ``most`` points: the means of equal runs of consecutive points, so that a
    stochastic curve of 14,000 updates reads as its trend instead of covering the others."""
    if len(y) <= most:
        return x, y
    edges = np.linspace(0, len(y), most + 1).astype(int)
    xs, ys = np.asarray(x), np.asarray(y)
    return ([float(xs[a:b].mean()) for a, b in zip(edges, edges[1:])],
            [float(ys[a:b].mean()) for a, b in zip(edges, edges[1:])])


def plot_variants(plt, variants: list[Variant],
                  title: str = "loss per update (small marks, averaged) and per epoch (large marks)") -> None:
    """Add each variant's two curves to ``plt``; the caller sizes and shows it."""
    plt.title(title)
    plt.xlabel("epoch")
    plt.ylabel("loss")
    style = {id(v): i % len(COLORS) for i, v in enumerate(variants)}
    # per-update curves first, so the epoch curves are drawn over them; thinned to
    # the means of runs of updates, since 14,000 stochastic losses would fill the chart
    for v in variants:
        x, y = thinned(*finite_points(v.update_epochs, v.batch_losses))
        if v.updates_per_epoch > 1 and y:
            i = style[id(v)]
            plt.scatter(x, y, color=COLORS[i], marker=UPDATE_MARKERS[i], label=f"{v.title}: per update")
    for v in variants:
        x, y = finite_points(np.arange(1, len(v.epoch_losses) + 1), v.epoch_losses)
        if not y:
            continue
        i = style[id(v)]
        if v.updates_per_epoch > 1:
            plt.scatter(x, y, color=COLORS[i], marker=EPOCH_MARKERS[i], label=f"{v.title}: epoch mean")
        else:  # one update an epoch: the two curves are the same points
            plt.plot(x, y, color=COLORS[i], marker=EPOCH_MARKERS[i], label=f"{v.title}: per epoch = per update")
    top = y_top(variants)
    if top is not None:
        plt.ylim(0, top)


def finite_points(x, y) -> tuple[list[float], list[float]]:
    """The (x, y) points whose y plotext can draw, as two lists."""
    y = np.asarray(y, dtype=float)
    keep = plottable_mask(y)
    return np.asarray(x, dtype=float)[keep].tolist(), y[keep].tolist()


def y_top(variants: list[Variant]) -> float | None:
    """Where the y axis stops: above every epoch loss and 95% of the update losses
    (None when there is no finite loss, or the top itself would overflow)."""
    updates = np.array([x for v in variants for x in v.batch_losses], dtype=float)
    epochs = np.array([x for v in variants for x in v.epoch_losses], dtype=float)
    updates, epochs = updates[plottable_mask(updates)], epochs[plottable_mask(epochs)]
    if not updates.size or not epochs.size:
        return None
    top = 1.05 * max(float(np.percentile(updates, 95)), float(epochs.max()))
    return top if plottable(top) else None
