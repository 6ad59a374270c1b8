"""A Step's arrays named as the document writes them: W2, dZ1, Ŷ, η·dW2."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..engine.step import PHASE_ARRAYS, Step

# The arrays shown as matrix panels, per phase, in reading order: all a step
# carries but the scalar batch loss.
SHOWN = {phase: tuple(key for key in keys if key != "loss") for phase, keys in PHASE_ARRAYS.items()}
MOST_SHOWN = max(len(keys) for keys in SHOWN.values())

# Which layer parameter an array's cells are: the chain-rule inspector opens on these.
WEIGHT_ARRAYS = ("W", "dW", "W_old", "eta_dW", "W_new")


def symbol(key: str, layer: int | None) -> str:
    """The document's name of ``key`` on a step of ``layer``: 'W2', 'dA1', 'Ŷ'."""
    l = layer or 0
    fixed = {"Y_hat": "Ŷ", "Y": "Y", "losses": "L(ŷ, y)", "loss": "L"}
    if key in fixed:
        return fixed[key]
    names = {
        "A_prev": f"A{l - 1}", "dA_prev": f"dA{l - 1}",
        "W_old": f"W{l} before", "W_new": f"W{l} after", "eta_dW": f"η·dW{l}",
        "b_old": f"b{l} before", "b_new": f"b{l} after", "eta_db": f"η·db{l}",
    }
    return names.get(key, f"{key}{l}")


def shape_text(array: np.ndarray) -> str:
    """'3×4'; a vector of m values (per-example losses) reads 1×m."""
    rows, cols = as_matrix(array).shape
    return f"{rows}×{cols}"


def as_matrix(array: np.ndarray) -> np.ndarray:
    """The array as 2-D, for a matrix panel: (m,) -> (1, m), () -> (1, 1)."""
    return np.atleast_2d(array)


def title(step: Step, key: str) -> str:
    """'W2 (1×4)', 'L(ŷ, y) (1×4)'."""
    return f"{symbol(key, step.layer)} ({shape_text(step[key])})"


def shown(step: Step) -> list[str]:
    """The keys of ``step`` drawn as matrix panels (dA only where the step has it)."""
    return [key for key in SHOWN[step.phase] if key in step.arrays]


# Arrays whose columns are the batch's examples, and whose rows are neurons.
PER_EXAMPLE = ("Z", "A", "dA", "dZ", "Y_hat", "Y", "losses")


class Focus(NamedTuple):
    """Which neuron, input column and example a selected cell points at (0-based)."""

    neuron: int = 0
    col: int = 0
    example: int = 0


def focus(cell, step: Step | None) -> Focus:
    """The equation's neuron, weight column and example for a selected cell
    (the cell's layer must be the step's; otherwise the first of each)."""
    if cell is None or step is None or cell.layer != step.layer:
        return Focus()
    if cell.key in WEIGHT_ARRAYS:
        return Focus(cell.row, cell.col)
    if cell.key in PER_EXAMPLE:
        return Focus(cell.row, 0, cell.col)
    if cell.key in ("A_prev", "dA_prev"):
        return Focus(0, cell.row, cell.col)
    return Focus(cell.row)  # b, db, η·db: a neuron
