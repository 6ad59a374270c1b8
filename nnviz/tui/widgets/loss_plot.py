"""The loss plot: loss per batch and per epoch (and on the test split, per epoch,
when the scenario has one), with the current batch marked.

    plot = LossPlot(id="loss")
    plot.show(session.loss_history, position=3)                  # 0-based batch of the cursor
    plot.show(history, position, full_history, per_epoch=56)     # the run beyond the cursor, faint
    plot.show(history, position, others=(("b1", [0.7, 0.5]),), name="main")  # other branches' curves

``history`` is what has been computed up to the cursor; ``full_history``
(optional) is a longer run drawn faintly behind it, e.g. after the user ran to
the end and stepped back. With ``per_epoch`` (batches per epoch) the epoch
losses sit on the batch axis at the end of each epoch; without it they get
their own axis along the top. The y axis (render.loss_chart.y_axis) turns
logarithmic when the losses span more than two decades or blow up, its labels
are at most 8 characters, and one of them is the current loss, on the row of
its ◆. The plot is rebuilt only when the data, the position, the size or the
theme changed, so stepping inside a batch costs nothing.
"""

from __future__ import annotations

import math

from textual.color import Color
from textual_plotext import PlotextPlot

from ...engine.training import LossHistory
from ...render.loss_chart import plottable, y_axis
from ...textfmt import readout

BRANCH_COLORS = ("success", "error", "secondary")  # the other what-if branches, in turn
MAX_POINTS = 2000  # more batches than this are thinned for drawing (the marker stays exact)


class LossPlot(PlotextPlot):
    """textual-plotext plot of a LossHistory."""

    DEFAULT_CSS = """
    LossPlot {
        height: 1fr;
        min-height: 6;
    }
    """

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._key: tuple | None = None
        self._last: tuple = (LossHistory(), None, None, None, (), "")  # the arguments of the last show()
        self.draws = 0  # how many times the plot was rebuilt (tests and benchmarks read it)
        self.curves: list[str] = []  # the labels of the batch-loss curves drawn (tests read it)

    def on_mount(self) -> None:
        super().on_mount()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._recolour())
        self.show(LossHistory(), None)

    def _recolour(self) -> None:
        """Redraw with the new theme's series colours."""
        history, position, full_history, per_epoch, others, name = self._last
        self._key = None
        self.show(history, position, full_history, per_epoch=per_epoch, others=others, name=name)

    def show(self, history: LossHistory, position: int | None, full_history: LossHistory | None = None,
             *, per_epoch: int | None = None, others: tuple = (), name: str = "") -> None:
        """Plot ``history``; ``position`` is the 0-based batch to mark, or None. ``others``:
        (name, batch losses) of other what-if branches, drawn beside it; ``name``: this run's."""
        self._last = (history, position, full_history, per_epoch, others, name)
        key = (self.app.theme, _fingerprint(history), position, _fingerprint(full_history), per_epoch,
               tuple((n, len(losses), losses[-1] if losses else None) for n, losses in others), name,
               self.size.height)
        if key == self._key:
            return
        self._key = key
        self.draws += 1
        self._draw(history, position, full_history, per_epoch, others, name)
        self.refresh()

    def on_resize(self) -> None:
        self._recolour()  # the ticks depend on the plot's height

    def _draw(self, history, position, full_history, per_epoch, others=(), name="") -> None:
        plt, colors = self.plt, self._colors()
        plt.clear_data()
        plt.xlabel("batch")
        batches = history.batches
        total = max(len(batches), len(full_history.batches) if full_history else 0,
                    *(len(losses) for _, losses in others), 1)
        plt.xticks(_integer_ticks(total))
        current = batches[position] if position is not None and 0 <= position < len(batches) else None
        everything = [*batches, *history.epochs, *history.test, *(x for _, losses in others for x in losses)]
        if full_history is not None:
            everything += full_history.batches
        axis = y_axis(everything, current, rows=max(self.size.height - 6, 2))
        title = "loss: no batch yet" if not batches else "loss"
        self.curves = []
        if axis is not None:
            plt.ylim(axis.low, axis.high)
            plt.yticks(axis.ticks, axis.labels)
            if full_history is not None and len(full_history.batches) > len(batches):
                plt.plot(*_points(full_history.batches, axis), color=colors["faint"], marker="braille")
            for (other, losses), color in zip(others, BRANCH_COLORS * len(others)):
                if losses:
                    plt.plot(*_points(list(losses), axis), color=colors[color], marker="braille", label=other)
                    self.curves.append(other)
            if batches:
                label = f"{name} per batch" if others else "per batch"
                plt.plot(*_points(batches, axis), color=colors["batch"], marker="braille", label=label)
                self.curves.append(label)
            at = (lambda e: e * per_epoch) if per_epoch else (lambda e: e)
            for losses, color, label in ((history.epochs, "epoch", "per epoch"), (history.test, "test", "test")):
                xs, ys = _points(losses, axis, at)
                if not ys:
                    continue
                if per_epoch:
                    plt.scatter(xs, ys, color=colors[color], marker="●", label=label)
                else:
                    plt.plot(xs, ys, xside="upper", color=colors[color], marker="●", label=label)
        if current is not None:
            x = position + 1
            plt.vline(x, color=colors["marker"])
            here = axis.y(current) if axis is not None else None
            if here is not None:
                plt.scatter([x], [here], color=colors["marker"], marker="◆")
            title = f"L {readout(current)} at batch {x}"
        bad = sum(1 for loss in batches if not plottable(loss))
        notes = [*(["log scale"] if axis is not None and axis.log else []),
                 *([f"{bad} NaN/Inf or too large, not drawn"] if bad else [])]
        room = self.size.width - 3 - max(map(len, axis.labels if axis is not None else [""]))  # the plot's canvas
        if len(title) > room:  # plotext leaves out a title wider than its canvas
            title = title.split(" at batch")[0]
        for note in notes:  # as many as fit
            if len(title) + 2 + len(note) <= room:
                title += "  " + note
        plt.title(title)

    def _colors(self) -> dict[str, tuple[int, int, int]]:
        """Series colours from the app's theme, so they read on dark and light themes."""
        variables = self.app.theme_variables

        def rgb(name: str, default: str) -> tuple[int, int, int]:
            return Color.parse(variables.get(name, default)).rgb

        background = Color.parse(variables.get("surface", "#202020"))
        foreground = Color.parse(variables.get("foreground", "#e0e0e0"))
        return {"batch": rgb("primary", "#0178d4"), "epoch": rgb("warning", "#ffa62b"),
                "marker": rgb("accent", "#ff5f87"), "faint": background.blend(foreground, 0.35).rgb,
                "test": background.blend(foreground, 0.9).rgb,
                "success": rgb("success", "#4ebf71"), "error": rgb("error", "#ba3c5b"),
                "secondary": rgb("secondary", "#004578")}


def _fingerprint(history: LossHistory | None) -> tuple | None:
    """Cheap identity of a history that grows at the end: lengths and last values."""
    if history is None:
        return None
    return (len(history.batches), history.batches[-1] if history.batches else None,
            len(history.epochs), history.epochs[-1] if history.epochs else None)


def _integer_ticks(count: int, most: int = 6) -> list[int]:
    """Batch numbers 1..count for the x axis, whole numbers only."""
    step = max(1, math.ceil(count / most))
    return list(range(1, count + 1, step))


def _points(losses: list[float], axis, at=lambda i: i) -> tuple[list[int], list[float]]:
    """(x, y) of the losses the axis can draw, x = at(i) counting from 1, thinned past MAX_POINTS."""
    stride = max(1, math.ceil(len(losses) / MAX_POINTS))
    keep = [i for i in range(0, len(losses), stride)] + ([len(losses) - 1] if (len(losses) - 1) % stride else [])
    pairs = [(at(i + 1), axis.y(losses[i])) for i in keep]
    pairs = [(x, y) for x, y in pairs if y is not None]
    return ([x for x, _ in pairs], [y for _, y in pairs]) if pairs else ([], [])
