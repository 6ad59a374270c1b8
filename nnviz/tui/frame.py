"""What the panels draw at one cursor position, read from the Session in one place.

The debugger builds a ``Frame`` after every move, and a ``Selection`` after
every move and every pick, and hands both down (``data_bind``); the panels
read only these (plain, immutable data), never the Session.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ..analysis import NetworkAnalysis, ScenarioAnalysis
from ..breakpoints import Hit
from ..engine.network import Network
from ..engine.step import Step, label
from ..engine.trace import BatchTrace, informative_weight
from ..engine.training import LossHistory
from ..session import Session


# What each axis of a step's array is, as a Selection's field: a matrix of that
# array puts its cursor at (row axis, column axis); None is an axis of size 1.
AXES: dict[str, tuple[str | None, str | None]] = {
    **dict.fromkeys(("W", "dW", "W_old", "eta_dW", "W_new"), ("row", "col")),
    **dict.fromkeys(("b", "db", "b_old", "eta_db", "b_new"), ("row", None)),
    **dict.fromkeys(("Z", "A", "dA", "dZ", "Y_hat", "Y"), ("row", "example")),
    **dict.fromkeys(("A_prev", "dA_prev"), ("col", "example")),
    "losses": (None, "example"),
}


@dataclass(frozen=True)
class Selection:
    """The one neuron, weight and example that every panel shows (all 0-based).

    layer    l, 1..L: the layer explained (on the loss step L, since ŷ is a^L).
    array    the step array the pick was made in ('W', 'dZ', 'eta_dW', ...), None for
             the default pick; which chain rule to open, nothing else depends on it.
    row      neuron j of layer l: the row of W_l, b_l, Z_l, A_l, dZ_l, η·dW_l, Ŷ.
    col      input i, a neuron of layer l−1: the column of W_l, the row of A_{l−1}.
             The selected weight w^l_ji is W_l[row, col].
    example  k, a column of the batch: the column of Z_l, A_l, dZ_l, A_{l−1}, Ŷ.

    ``cell(key)`` is where a matrix of array ``key`` puts its cursor, and
    ``moved(key, r, c)`` the selection after a matrix of ``key`` moved its
    cursor to (r, c): so a cursor in dW, Z or A_prev moves every other one.
    """

    layer: int = 1
    array: str | None = None
    row: int = 0
    col: int = 0
    example: int = 0

    def cell(self, key: str) -> tuple[int, int]:
        return tuple(0 if axis is None else getattr(self, axis) for axis in AXES.get(key, ("row", "col")))

    def moved(self, key: str, row: int, col: int) -> Selection:
        axes = AXES.get(key, ("row", "col"))
        return replace(self, array=key, **{axis: i for axis, i in zip(axes, (row, col)) if axis})

    @property
    def weight(self) -> tuple[int, int, int]:
        """(layer, row, col) of the selected weight w^l_ji."""
        return self.layer, self.row, self.col


@dataclass(frozen=True)
class Position:
    epoch: int
    batch: int
    phase: str
    layer: int | None


@dataclass(frozen=True, eq=False)
class Frame:
    """The session's state at the cursor. ``index`` is the current step (-1
    before the first); ``batch_steps`` are the current batch's steps taken so
    far, oldest first, ending with ``step``."""

    title: str  # the scenario's title, 'Binary classification, one example'
    name: str  # its short name, 'binary-example'
    index: int
    total: int
    epochs: int
    batches: int  # per epoch
    steps_per_batch: int
    position: Position | None
    step: Step | None
    batch_steps: tuple[Step, ...]
    labels: tuple[str, ...]  # one batch's timeline: F1 F2 L B2 B1 U2 U1
    network: Network
    loss_name: str
    history: LossHistory
    hit: Hit | None
    at_end: bool
    image_shape: tuple[int, int] | None
    inputs: np.ndarray | None  # X of the current batch (n_0, m) once F1 was taken
    trace: BatchTrace | None  # the current batch's arrays as the engine computed them
    whole_batch: tuple[Step, ...]  # all the batch's steps, those to come too: to size panels by
    branch: str = "main"  # the what-if branch the cursor is on
    branch_curves: tuple[tuple[str, tuple[float, ...]], ...] = ()  # the other branches' batch losses
    analysis: NetworkAnalysis | None = None  # the network's evaluation and boundary, computed on first use
    opened: ScenarioAnalysis | None = None  # the opened scenario's histograms, computed once for every frame

    @property
    def sizes(self) -> list[int]:
        return self.network.sizes

    @property
    def latest_loss(self) -> float | None:
        return self.history.batches[-1] if self.history.batches else None

    @property
    def offset(self) -> int:
        """The current step's place in its batch (-1 before the first step)."""
        return self.index % self.steps_per_batch if self.index >= 0 else -1

    @property
    def at_epoch_end(self) -> bool:
        """The current step is the last of its epoch."""
        p = self.position
        return p is not None and self.offset == self.steps_per_batch - 1 and p.batch == self.batches

    def last(self, phase: str, layer: int | None) -> Step | None:
        """This batch's step of ``phase`` and ``layer``, if taken already."""
        return next((s for s in self.batch_steps if s.phase == phase and s.layer == layer), None)

    def view(self, layer: int | None) -> Step | None:
        """The step to show when viewing ``layer`` (None: follow the cursor):
        that layer's step of the current phase, else its latest step in this
        batch, else None (nothing computed for it yet in this batch)."""
        step = self.step
        if layer is None or step is None or step.layer == layer:
            return step
        same = self.last(step.phase, layer)
        if same is not None:
            return same
        return next((s for s in reversed(self.batch_steps) if s.layer == layer), None)


    def viewed_layer(self, viewing: int | None) -> int:
        """The layer the panels explain when viewing ``viewing`` (None: follow the step)."""
        step = self.view(viewing)
        if step is None:
            return viewing or 1
        return step.layer or self.network.depth

    def select(self, viewing: int | None, pick: Selection | None) -> Selection:
        """The selection to show: ``pick`` (the user's last) where it is of the viewed
        layer, else that layer's most informative weight (for the pick's example)."""
        layer = self.viewed_layer(viewing)
        sizes = self.sizes
        m = self.step.examples.size if self.step is not None else 1
        if pick is not None and pick.layer == layer:
            return replace(pick, row=min(pick.row, sizes[layer] - 1), col=min(pick.col, sizes[layer - 1] - 1),
                           example=min(pick.example, m - 1))
        example = None if pick is None else min(pick.example, m - 1)
        if self.trace is None:
            return Selection(layer, example=example or 0)
        row, col, example = informative_weight(self.trace, layer, example)
        return Selection(layer, None, row, col, example)


def read_frame(session: Session, opened: ScenarioAnalysis | None = None) -> Frame:
    """The Frame at the session's cursor; call only from the thread that owns the session.
    ``opened`` is the analysis of the scenario the analysis panels look at (the session's
    unless one example is stepped alone), kept by the caller across frames.
    Reading the batch's steps (``Session.batch_steps``) moves no cursor and computes nothing."""
    index = session.index
    batch_steps = session.batch_steps
    step = batch_steps[-1] if batch_steps else None
    position = Position(*session.position(index)) if index >= 0 else None
    scenario = session.scenario
    return Frame(
        title=scenario.title,
        name=scenario.path.stem if scenario.path else scenario.title,
        index=index,
        total=session.total_steps,
        epochs=session.config.epochs,
        batches=session.plan.per_epoch,
        steps_per_batch=session.steps_per_batch,
        position=position,
        step=step,
        batch_steps=batch_steps,
        labels=tuple(label(*where) for where in session.order),
        network=session.network,
        loss_name=session.config.loss,
        history=session.loss_history,
        hit=session.hit,
        at_end=session.at_end,
        image_shape=scenario.image_shape,
        inputs=batch_steps[0]["A_prev"] if batch_steps else None,
        trace=session.trace,
        whole_batch=session.whole_batch,
        branch=session.branch.name,
        branch_curves=tuple((b.name, tuple(session.branch_losses(b)))
                            for b in session.branches if b is not session.branch),
        analysis=NetworkAnalysis(opened.scenario if opened else scenario, session.network),
        opened=opened or ScenarioAnalysis(scenario),
    )
