"""Headless training, the fast path: no Step records, the same arithmetic."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .arguments import check_run
from .backprop import _run_batch
from .batches import BatchPlan
from .config import TrainingConfig
from .losses import get_loss
from .network import Network


@dataclass
class LossHistory:
    """Loss per batch (one per update) and per epoch (over all its examples, see ``epoch_loss``);
    ``test``: the loss on the test split with the weights at the end of each epoch (when
    the scenario has one), so that overfitting shows beside the training loss."""

    batches: list[float] = field(default_factory=list)
    epochs: list[float] = field(default_factory=list)
    test: list[float] = field(default_factory=list)


@dataclass
class TrainResult:
    """The network after training, its loss history, and why training stopped."""

    network: Network
    history: LossHistory
    stopped: str  # "epochs" | "converged" | "non-finite" | "interrupted"


class TrainingInterrupted(KeyboardInterrupt):
    """Ctrl-C during :func:`train`. ``result`` holds the network after the last
    completed update and the losses so far (stopped = "interrupted"); ``epoch``
    and ``batch`` say which batch was running (the first not completed)."""

    def __init__(self, result: TrainResult, epoch: int, batch: int) -> None:
        super().__init__(f"interrupted in epoch {epoch}, batch {batch}")
        self.result, self.epoch, self.batch = result, epoch, batch


def epoch_loss(batch_losses: list[float], plan: BatchPlan, averaged: bool) -> float:
    """The loss over all of an epoch's examples, as the loss defines it over a set: for an
    averaged loss the mean over examples (each batch weighted by its size), for a summed
    one (sse, half_sse) the sum of the batch losses. Either way it equals the full batch's
    loss when the weights do not move, whatever the batch size. A regularization term is
    part of each batch's loss: averaged, it counts once; summed, once per batch."""
    if not averaged:
        return float(np.sum(batch_losses))
    return float(np.dot(batch_losses, plan.sizes) / plan.m)


class Cancelled(Exception):
    """Raised between two batches when the caller's ``cancelled()`` says to stop (a closed view)."""


def train(network: Network, X: np.ndarray, Y: np.ndarray, config: TrainingConfig,
          on_epoch=None, cancelled: Callable[[], bool] | None = None) -> TrainResult:
    """Train for ``config.epochs`` (or until the epoch loss < ``stop_below``).

    X is (n_0, m), Y is (n_L, m). ``on_epoch(epoch, network, history)`` is
    called after each epoch (for progress bars). Stops at the first non-finite loss.
    ``cancelled()``, if given, is asked before every batch; True raises Cancelled.
    A wrong argument raises one ValueError naming it (engine.arguments).
    """
    check_run("train's", network, X, Y, config, on_epoch=on_epoch, cancelled=cancelled)
    plan = BatchPlan(X.shape[1], config.batch_size, config.shuffle, config.seed)
    history = LossHistory()
    with np.errstate(all="ignore"):  # once here, not once a batch: a blow-up is data, not a warning
        return _train(network, X, Y, config, plan, history, on_epoch, cancelled or _never)


def _never() -> bool:
    return False


def _train(network, X, Y, config, plan, history, on_epoch, cancelled) -> TrainResult:
    averaged = get_loss(config.loss).averaged
    try:
        for epoch in range(1, config.epochs + 1):
            for batch in range(1, plan.per_epoch + 1):
                if cancelled():
                    raise Cancelled
                run = _run_batch(network, *plan.take(X, Y, epoch, batch), config)
                history.batches.append(run.loss)
                if not math.isfinite(run.loss):
                    return TrainResult(network, history, "non-finite")
                network = run.after
            history.epochs.append(epoch_loss(history.batches[-plan.per_epoch:], plan, averaged))
            if on_epoch is not None:
                on_epoch(epoch, network, history)
            if config.stop_below is not None and history.epochs[-1] < config.stop_below:
                return TrainResult(network, history, "converged")
    except KeyboardInterrupt:
        del history.epochs[len(history.batches) // plan.per_epoch:]  # an epoch whose callback was cut short
        raise TrainingInterrupted(TrainResult(network, history, "interrupted"),
                                  *plan.locate(len(history.batches))) from None
    return TrainResult(network, history, "epochs")
