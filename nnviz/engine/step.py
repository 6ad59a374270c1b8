"""A Step: one record of the training stream, plain immutable data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Mapping

import numpy as np

PHASES = ("forward", "loss", "backward", "update")

# The arrays each phase carries, in display order.
PHASE_ARRAYS = {
    "forward": ("A_prev", "W", "b", "Z", "A"),
    "loss": ("Y_hat", "Y", "losses", "loss"),
    "backward": ("dA", "dZ", "dW", "db", "dA_prev"),
    # The optimizer's state sits between a parameter's old value and its step (engine.optimizers);
    # plain SGD has none.
    "update": ("W_old", "M_dW", "V_dW", "S_dW", "M_hat_dW", "V_hat_dW", "eta_dW", "W_new",
               "b_old", "M_db", "V_db", "S_db", "M_hat_db", "V_hat_db", "eta_db", "b_new"),
}


@lru_cache(maxsize=None)
def batch_order(depth: int) -> tuple[tuple[str, int | None], ...]:
    """The (phase, layer) of each step of a batch, in the order they are taken:
    F1 … FL, the loss, BL … B1, UL … U1. The engine records a batch in this
    order; the session's indexing and the timeline read it from here."""
    layers = range(1, depth + 1)
    return (*(("forward", l) for l in layers), ("loss", None),
            *(("backward", l) for l in reversed(layers)), *(("update", l) for l in reversed(layers)))


def label(phase: str, layer: int | None) -> str:
    """Short timeline label of the step of ``phase`` and ``layer``: F1, L, B2, U1."""
    return "L" if layer is None else f"{phase[0].upper()}{layer}"


@dataclass(frozen=True, eq=False)
class Step:
    """What one step of training computed.

    ``index`` counts from 0; ``epoch``, ``batch`` and ``layer`` from 1, as a
    person reads them (``layer`` is None on the loss step). ``examples`` are
    the indices of the batch's examples; ``activation`` names the layer's g
    (None on the loss step). Arrays are read-only snapshots.
    """

    index: int
    phase: str
    epoch: int
    batch: int
    layer: int | None
    examples: np.ndarray
    formula: str
    arrays: Mapping[str, np.ndarray]
    activation: str | None = None

    def __getitem__(self, name: str) -> np.ndarray:
        return self.arrays[name]

    @property
    def loss(self) -> float | None:
        """The batch loss on the loss step, else None."""
        return float(self.arrays["loss"]) if self.phase == "loss" else None

    @property
    def label(self) -> str:
        """Short timeline label: F1, L, B2, U1."""
        return label(self.phase, self.layer)

    def first_non_finite(self) -> str | None:
        """The name of the first array holding NaN or Inf, else None."""
        for name, array in self.arrays.items():
            if not np.isfinite(array).all():
                return name
        return None

    def __repr__(self) -> str:
        return (f"Step({self.index}, {self.phase}, epoch={self.epoch}, batch={self.batch}, "
                f"layer={self.layer})")


def make_step(index, phase, epoch, batch, layer, examples, formula, arrays, activation=None) -> Step:
    """A Step whose arrays are made read-only in place (no copy: the engine never reuses them)."""
    for array in arrays.values():
        array.flags.writeable = False
    return Step(index, phase, epoch, batch, layer, examples, formula, MappingProxyType(arrays), activation)
