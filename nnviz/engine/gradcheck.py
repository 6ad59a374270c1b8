"""Backprop and the update against central finite differences, in float64.

``gradcheck`` compares dW_l and db_l; ``check_batch`` also compares the update
the engine applies, W_new - W_old, with minus the step the optimizer takes for
the numerical gradient at W_old (-η times it for SGD), so that a mistake which
leaves the gradients right (ascent, frozen_bias) is caught too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from ..arguments import real_number
from . import optimizers
from .arguments import check_run
from .backprop import _run_batch, batch_loss, gradients
from .config import TrainingConfig
from .mistakes import ShapeMistake
from .network import Network

TOLERANCE = 1e-5
# float32 gradients against float64 differences: float32 keeps about 7 digits, so sums of
# products agree to about 1e-4 relative; a real mistake is off by far more.
TOLERANCES = {"float64": TOLERANCE, "float32": 1e-3}
NOISE = 1e-9  # central differences of a float64 loss are good to about this, absolutely


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """max |a - b| / max(|a| + |b|, tiny): 0 when both are zero."""
    scale = max(float(np.abs(a).max(initial=0.0) + np.abs(b).max(initial=0.0)), 1e-300)
    return float(np.abs(a - b).max(initial=0.0)) / scale


def _float64(network: Network) -> Network:
    return network.with_params([(np.asarray(layer.W, np.float64), np.asarray(layer.b, np.float64))
                                for layer in network.layers])


def _cells(shape, max_cells: int | None, rng) -> list[tuple[int, ...]]:
    """Every cell of ``shape``, or ``max_cells`` of them drawn without repeats."""
    cells = list(np.ndindex(shape))
    if max_cells is None or len(cells) <= max_cells:
        return cells
    return [cells[i] for i in sorted(rng.choice(len(cells), max_cells, replace=False))]


def numerical_gradients(network: Network, X, Y, config: TrainingConfig, eps: float = 1e-6,
                        max_cells: int | None = None, seed: int = 0):
    """Per layer, ({cell: ∂L/∂W_l[cell]}, {cell: ∂L/∂b_l[cell]}) by central differences
    (L(θ+ε) - L(θ-ε)) / 2ε, over every cell or ``max_cells`` drawn ones per array."""
    rng = np.random.default_rng(seed)
    result = []
    for l, layer in enumerate(network.layers):
        pair = []
        for which in ("W", "b"):
            base = getattr(layer, which)
            grad = {}
            for idx in _cells(base.shape, max_cells, rng):
                losses = []
                for sign in (1.0, -1.0):
                    shifted = base.copy()
                    shifted[idx] += sign * eps
                    params = [(lay.W, lay.b) for lay in network.layers]
                    params[l] = (shifted, layer.b) if which == "W" else (layer.W, shifted)
                    losses.append(batch_loss(network.with_params(params), X, Y, config)[0])
                grad[idx] = (losses[0] - losses[1]) / (2 * eps)
            pair.append(grad)
        result.append(tuple(pair))
    return result


def gradcheck(network: Network, X: np.ndarray, Y: np.ndarray, config: TrainingConfig,
              eps: float = 1e-6) -> dict[str, float]:
    """Relative error of backprop's dW_l and db_l against central differences,
    keyed "dW1", "db1", ... Below about 1e-7 means backprop is right.
    A wrong argument raises one ValueError naming it (engine.arguments)."""
    check_run("gradcheck's", network, X, Y, config)
    real_number("gradcheck's eps", eps, finite=True, positive=True)
    report = check_batch(network, X, Y, config, eps, update=False)
    return {f"{row.array}{row.layer}": row.error for row in report.rows}


@dataclass(frozen=True)
class ArrayCheck:
    """One array of one layer: dW, db (backprop against the numerical gradient) or
    ΔW, Δb (the applied update against -η times it). ``problem`` is set when the
    array could not be computed (a shape error); its error is then inf."""

    layer: int
    array: str
    error: float
    difference: float  # max |analytic - numerical|
    problem: str = ""
    cells: int = 0  # how many cells were compared
    size: int = 0  # of how many

    def passed(self, tolerance: float = TOLERANCE) -> bool:
        return not self.problem and (self.error <= tolerance or self.difference <= NOISE)


@dataclass(frozen=True)
class CheckReport:
    """Rows by layer L..1, each layer's dW, db, ΔW, Δb (the update rows only for
    parameters meant to be trained)."""

    rows: tuple[ArrayCheck, ...]
    tolerance: float = TOLERANCE

    @property
    def first_failure(self) -> ArrayCheck | None:
        """The first row that disagrees, in backprop's order (layer L first)."""
        return next((row for row in self.rows if not row.passed(self.tolerance)), None)

    @property
    def passed(self) -> bool:
        return self.first_failure is None

    def summary(self) -> str:
        """One line: all agree, or the first layer and array that does not."""
        bad = self.first_failure
        if bad is None:
            return f"all {len(self.rows)} arrays agree with finite differences (tolerance {self.tolerance:g})"
        if bad.problem:
            return f"layer {bad.layer} {bad.array}: {bad.problem}"
        return (f"layer {bad.layer} {bad.array} disagrees with finite differences: relative error "
                f"{bad.error:.3g} > {self.tolerance:g}")


def _step(config: TrainingConfig, numeric: dict, like: np.ndarray, state, p: str, t: int) -> dict:
    """{cell: the change the optimizer makes for the numerical gradient}, -η g for SGD.
    Every rule is element-wise, so cells not drawn (left at 0) change nothing drawn."""
    g = np.zeros_like(like)
    for cell, value in numeric.items():
        g[cell] = value
    step = optimizers.advance(config, g, state, p, t)[0]
    return {cell: -step[cell] for cell in numeric}


def check_batch(network: Network, X: np.ndarray, Y: np.ndarray, config: TrainingConfig,
                eps: float = 1e-6, tolerance: float | None = None, max_cells: int | None = None,
                update: bool = True, seed: int = 0) -> CheckReport:
    """dW, db and (with ``update``) the applied ΔW, Δb of one batch against central
    differences of the loss, in float64, over every cell or ``max_cells`` drawn ones
    per array. The engine runs with ``config``'s mistakes, in ``config.dtype`` (a float32
    run's gradients are checked against float64 differences, with TOLERANCES[dtype] unless
    ``tolerance`` is given);
    the loss it differentiates numerically is the forward pass's, which no mistake touches."""
    dtype = np.dtype(config.dtype)
    tolerance = TOLERANCES[config.dtype] if tolerance is None else tolerance
    numeric = numerical_gradients(_float64(network), np.asarray(X, np.float64), np.asarray(Y, np.float64),
                                  replace(config, dtype="float64"), eps, max_cells, seed)
    network = network.with_params([(np.asarray(layer.W, dtype), np.asarray(layer.b, dtype))
                                   for layer in network.layers])
    X, Y = np.asarray(X, dtype), np.asarray(Y, dtype)
    try:
        with np.errstate(all="ignore"):
            grads = gradients(network, X, Y, config)
            after = _run_batch(network, X, Y, config).after if update else None
    except ShapeMistake as err:
        return CheckReport((ArrayCheck(err.layer, err.array, math.inf, math.inf, str(err)),), tolerance)
    rows = []
    memory = network.optimizer
    if memory is None and config.optimizer != "sgd":
        memory = optimizers.initial(config.optimizer, network.layers)
    t = 0 if memory is None else memory.t + 1
    for l in range(network.depth, 0, -1):
        old = network.layers[l - 1]
        num_W, num_b = numeric[l - 1]
        pairs = [("dW", grads.dW[l - 1], num_W), ("db", grads.db[l - 1], num_b)]
        if update and old.trainable:
            new = after.layers[l - 1]
            state = {} if memory is None else memory.layers[l - 1]
            pairs.append(("ΔW", new.W - old.W, _step(config, num_W, old.W, state, "W", t)))
            if config.train_biases:
                pairs.append(("Δb", new.b - old.b, _step(config, num_b, old.b, state, "b", t)))
        for name, analytic, num in pairs:
            cells = list(num)
            a = np.array([analytic[cell] for cell in cells])
            n = np.array([num[cell] for cell in cells])
            rows.append(ArrayCheck(l, name, relative_error(a, n), float(np.abs(a - n).max(initial=0.0)),
                                   cells=len(cells), size=analytic.size))
    return CheckReport(tuple(rows), tolerance)
