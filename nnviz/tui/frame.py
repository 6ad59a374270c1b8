"""What the panels draw at one cursor position, read from the Session in one place.

The debugger screen builds a ``Frame`` after every move and hands it down;
the panels read only the Frame (plain, immutable data), never the Session,
so nothing but the screen ever touches the Session.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..breakpoints import Hit
from ..engine.network import Network
from ..engine.step import Step, label
from ..engine.training import LossHistory
from ..session import Session


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


def timeline_labels(session: Session) -> tuple[str, ...]:
    """F1 … FL, L, BL … B1, UL … U1."""
    return tuple(label(*session.position(offset)[2:]) for offset in range(session.steps_per_batch))


def read_frame(session: Session, hit: Hit | None) -> Frame:
    """The Frame at the session's cursor; call only from the thread that owns the session.
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
        labels=timeline_labels(session),
        network=session.network,
        loss_name=session.config.loss,
        history=session.loss_history,
        hit=hit,
        at_end=session.at_end,
        image_shape=scenario.image_shape,
        inputs=batch_steps[0]["A_prev"] if batch_steps else None,
    )
