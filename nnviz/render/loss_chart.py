"""The compare chart: every variant's loss per update and per epoch on one epoch axis;
and the y axis of the app's loss plot (``y_axis``), log where losses span decades.

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
from dataclasses import dataclass

import numpy as np

from ..engine.compare import Variant
from ..textfmt import number

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


# ---- the y axis of a loss plot ----------------------------------------------------------------
TICK_CHARS = 8  # a tick label is never wider


def tick_label(value: float) -> str:
    """The value in at most TICK_CHARS characters, with as many digits as fit (up to 4)."""
    for digits in (4, 3, 2, 1):
        text = number(value, digits)
        if len(text) <= TICK_CHARS:
            return text
    return text


@dataclass(frozen=True)
class YAxis:
    """Where losses go on a plot's y axis. ``log``: each loss is drawn at log10(loss),
    for a range of more than two decades or a blow-up; ``low``..``high`` and ``ticks``
    are in those drawing coordinates, ``labels`` are the losses they stand for."""

    log: bool
    low: float
    high: float
    ticks: tuple[float, ...]
    labels: tuple[str, ...]

    def y(self, loss: float) -> float | None:
        """Where ``loss`` is drawn, or None where it cannot be (NaN, Inf, ≤ 0 on a log axis)."""
        if not plottable(loss) or (self.log and loss <= 0):
            return None
        return math.log10(loss) if self.log else loss


def y_axis(losses, current: float | None = None, rows: int = 10) -> YAxis | None:
    """The axis for ``losses`` on a plot ``rows`` lines tall (None when none can be drawn):
    log when the drawable ones span more than two decades or some blew up; a few
    ticks, and one at ``current`` so that the current point's row is labelled with
    its value (plotext puts a tick and a point of the same value on the same row)."""
    values = np.asarray(list(losses), dtype=float)
    drawable = values[plottable_mask(values)]
    positive = drawable[drawable > 0]
    blew_up = drawable.size < values.size
    log = bool(positive.size) and bool(blew_up or positive.max() > 100 * positive.min())
    shown = np.log10(positive) if log else drawable
    if not shown.size:
        return None
    if log:
        low, high = math.floor(shown.min()), math.ceil(shown.max())
        high = max(high, low + 1)
        stride = max(1, math.ceil((high - low) / max(rows // 2, 1)))
        ticks = [float(k) for k in range(low, high + 1, stride)]
    else:
        low, high = float(shown.min()), float(shown.max())
        if low == high:
            pad = abs(low) * 0.1 or 1.0
            low, high = low - pad, high + pad
        ticks = np.linspace(low, high, max(2, min(5, rows // 2))).tolist()
    axis = YAxis(log, float(low), float(high), (), ())
    here = axis.y(current) if current is not None else None
    if here is not None:  # no other tick on (or next to) the current point's row
        near = 1.5 * (high - low) / max(rows - 1, 1)
        ticks = sorted([t for t in ticks if abs(t - here) > near] + [here])
    labels = [tick_label(10 ** t if log else t) for t in ticks]
    return YAxis(log, float(low), float(high), tuple(map(float, ticks)), tuple(labels))
