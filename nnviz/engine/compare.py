"""Batch, stochastic and mini-batch gradient descent, or optimizers, side by side.

Each variant trains the same network from the same initial weights on the
same data with ``nnviz.engine.train``; only ``batch_size`` (or only the
optimizer) differs. Since Network is immutable, every variant can start
from the one object.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from .backprop import gradients
from .batches import BatchPlan
from .config import TrainingConfig
from .evaluation import evaluate
from .network import Network
from .optimizers import OPTIMIZERS
from .training import train


@dataclass(frozen=True)
class Variant:
    """One run. ``batch_losses`` has one loss per update (the loss of the
    batch it was computed on), ``epoch_losses`` the mean over each epoch's
    examples; ``final_loss`` is the whole training set's loss after training,
    so variants compare on the same footing."""

    batch_size: int | None  # None = full batch
    updates_per_epoch: int
    batch_losses: list[float]
    epoch_losses: list[float]
    final_loss: float
    cpu_seconds: float
    accuracy: float | None
    stopped: str
    network: Network
    optimizer: str | None = None  # set when optimizers are compared

    @property
    def label(self) -> str:
        if self.optimizer is not None:
            return self.optimizer
        return "full" if self.batch_size is None else str(self.batch_size)

    @property
    def title(self) -> str:
        """The variant in a legend: 'batch 20', 'adam'."""
        return self.label if self.optimizer is not None else f"batch {self.label}"

    @property
    def updates(self) -> int:
        return len(self.batch_losses)

    @property
    def update_epochs(self) -> np.ndarray:
        """(updates,) where each update falls on the epoch axis: update u of
        an epoch of k sits at (u + 1) / k, so every variant shares one x axis."""
        return (np.arange(self.updates) + 1) / self.updates_per_epoch


def parse_batch_sizes(text: str) -> list[int | None]:
    """"full,1,20" -> [None, 1, 20]. Raises ValueError on anything else."""
    sizes: list[int | None] = []
    for part in (p.strip() for p in text.split(",")):
        if part == "full":
            sizes.append(None)
        elif part.isdigit() and int(part) >= 1:
            sizes.append(int(part))
        else:
            raise ValueError(f"batch size {part!r}: expected \"full\" or a positive whole number")
    if not sizes:
        raise ValueError("no batch sizes given")
    return sizes


def parse_optimizers(text: str) -> list[str]:
    """"sgd,momentum,adam" -> ["sgd", "momentum", "adam"]. Raises ValueError on anything else."""
    names = [part.strip() for part in text.split(",") if part.strip()]
    for name in names:
        if name not in OPTIMIZERS:
            raise ValueError(f"optimizer {name!r}: expected one of {', '.join(OPTIMIZERS)}")
    if not names:
        raise ValueError("no optimizers given")
    return names


def compare(network: Network, X: np.ndarray, Y: np.ndarray, config: TrainingConfig,
            batch_sizes: list[int | None], classification: bool | None = None,
            cancelled: Callable[[], bool] | None = None) -> list[Variant]:
    """Train ``network`` on X (n_0, m), Y (n_L, m) once per batch size, all else from ``config``.
    ``cancelled`` as for ``train``: asked before every batch, True raises Cancelled."""
    return [_variant(network, X, Y, replace(config, batch_size=size), classification, cancelled=cancelled)
            for size in batch_sizes]


def compare_optimizers(network: Network, X: np.ndarray, Y: np.ndarray, config: TrainingConfig,
                       optimizers: list[str], classification: bool | None = None,
                       cancelled: Callable[[], bool] | None = None) -> list[Variant]:
    """Train ``network`` once per optimizer (each with its default parameters where ``config``
    gives none), all else from ``config``."""
    return [_variant(network, X, Y, replace(config, optimizer=name), classification, name, cancelled)
            for name in optimizers]


def _variant(network, X, Y, variant_config, classification, optimizer=None, cancelled=None) -> Variant:
    """One training run, timed and evaluated on the training set."""
    size = variant_config.batch_size
    start = time.process_time()
    result = train(network, X, Y, variant_config, cancelled=cancelled)
    cpu = time.process_time() - start
    evaluation = evaluate(result.network, X, Y, classification)
    with np.errstate(all="ignore"):  # a variant that blew up reports nan, not a warning
        final_loss = gradients(result.network, X, Y, variant_config).loss
    return Variant(
        batch_size=size,
        updates_per_epoch=BatchPlan(X.shape[1], size).per_epoch,
        batch_losses=list(result.history.batches),
        epoch_losses=list(result.history.epochs),
        final_loss=final_loss,
        cpu_seconds=cpu,
        accuracy=evaluation.accuracy,
        stopped=result.stopped,
        network=result.network,
        optimizer=optimizer,
    )
