"""Loss functions over a batch: Ŷ and Y are (n_L, m), one example per column.

A loss gives the per-example losses (m,), the total over the batch, and dA,
the gradient of the *per-example* loss with respect to Ŷ. The 1/m of an
averaged loss is applied once, in dW and db (``scale``), as the document does.
For sigmoid + binary cross-entropy and softmax + cross-entropy the output
layer skips dA and uses dZ = A - Y directly (``fused_with``).
"""

from __future__ import annotations

import numpy as np

from .activations import ACTIVATIONS


_TINY = np.finfo(np.float64).tiny


def _log_sigmoid(Z: np.ndarray) -> np.ndarray:
    """log σ(z), stable for any |z|: never log(0)."""
    return -np.logaddexp(0.0, -Z)


def _log_softmax(Z: np.ndarray) -> np.ndarray:
    shifted = Z - Z.max(axis=0, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True))


class Loss:
    """One loss: its per-example values and ∂ℓ/∂Ŷ over a batch, and how they add up."""

    name = ""
    averaged = True  # total = mean over examples (else the plain sum)
    fused_with: str | None = None  # output activation for which dZ = A - Y
    formula = ""

    def per_example(self, Y_hat: np.ndarray, Y: np.ndarray, Z: np.ndarray) -> np.ndarray:
        """(m,) losses; Z is the output pre-activation, used for stable logs."""
        raise NotImplementedError

    def dA(self, Y_hat: np.ndarray, Y: np.ndarray) -> np.ndarray:
        """∂(per-example loss)/∂Ŷ, (n_L, m)."""
        raise NotImplementedError

    def scale(self, m: int) -> float:
        """The factor in dW = scale · dZ A_prevᵀ: 1/m when averaged."""
        return 1.0 / m if self.averaged else 1.0

    def total(self, losses: np.ndarray) -> float:
        total = float(losses.sum())  # .mean() costs more than the batch's own arithmetic
        return total / losses.size if self.averaged else total


class BinaryCrossEntropy(Loss):
    name = "binary_cross_entropy"
    fused_with = "sigmoid"
    formula = "L = -(1/m) Σ [y log ŷ + (1-y) log(1-ŷ)]"

    def per_example(self, Y_hat, Y, Z):
        # -[y log σ(z) + (1-y) log σ(-z)]
        return -(Y * _log_sigmoid(Z) + (1.0 - Y) * _log_sigmoid(-Z)).sum(axis=0)

    def dA(self, Y_hat, Y):
        return (Y_hat - Y) / (Y_hat * (1.0 - Y_hat))


class CrossEntropy(Loss):
    name = "cross_entropy"
    fused_with = "softmax"
    formula = "L = -(1/m) Σ_i Σ_j y_ij log ŷ_ij"

    def per_example(self, Y_hat, Y, Z):
        # log ŷ straight from the softmax output while every ŷ is a normal float
        # (half the work); otherwise the log-softmax of Z, so log(0) never happens.
        if Y_hat.min() > _TINY:
            return -(Y * np.log(Y_hat)).sum(axis=0)
        return -(Y * _log_softmax(Z)).sum(axis=0)

    def dA(self, Y_hat, Y):
        return -Y / Y_hat


class MeanSquaredError(Loss):
    name = "mse"
    formula = "L = (1/m) Σ_i Σ_j (ŷ_ij - y_ij)²"

    def per_example(self, Y_hat, Y, Z):
        return ((Y_hat - Y) ** 2).sum(axis=0)

    def dA(self, Y_hat, Y):
        return 2.0 * (Y_hat - Y)


class SumSquaredError(MeanSquaredError):
    name = "sse"
    averaged = False
    formula = "L = Σ_i Σ_j (ŷ_ij - y_ij)²"


class HalfSumSquaredError(Loss):
    name = "half_sse"
    averaged = False
    formula = "L = ½ Σ_i Σ_j (ŷ_ij - y_ij)²"

    def per_example(self, Y_hat, Y, Z):
        return 0.5 * ((Y_hat - Y) ** 2).sum(axis=0)

    def dA(self, Y_hat, Y):
        return Y_hat - Y


LOSSES: dict[str, Loss] = {
    cls.name: cls()
    for cls in (BinaryCrossEntropy, CrossEntropy, MeanSquaredError, SumSquaredError, HalfSumSquaredError)
}

# Which output activations each loss accepts (the scenario validator asks, and the
# gradient tests pair each loss with each of them): the cross entropies need the
# probabilities of their own output, the squared errors take any output.
LOSS_OUTPUTS: dict[str, tuple[str, ...]] = {
    "binary_cross_entropy": ("sigmoid",),
    "cross_entropy": ("softmax",),
    **{name: tuple(ACTIVATIONS) for name in ("mse", "sse", "half_sse")},
}


def output_mismatch(loss: str, output: str) -> str:
    """'' when ``loss`` takes an ``output`` layer, else why not and which losses do."""
    if output in LOSS_OUTPUTS[loss]:
        return ""
    fits = ", ".join(name for name, outs in LOSS_OUTPUTS.items() if output in outs)
    return (f"{loss} needs a {' or '.join(LOSS_OUTPUTS[loss])} output layer, "
            f"but the output is {output}; with {output} use {fits}")


def get_loss(name: str) -> Loss:
    return LOSSES[name]


def regularization_terms(l1: float, l2: float) -> str:
    """The penalty as written after a loss: ' + 0.01 Σ|w| + 0.02 Σw²' ('' without one)."""
    terms = ([f"{l1:g} Σ|w|"] if l1 else []) + ([f"{l2:g} Σw²"] if l2 else [])
    return "".join(f" + {term}" for term in terms)


def regularization(weights, l1: float, l2: float) -> float:
    """λ1 Σ|w| + λ2 Σ w² over every weight matrix (never the biases)."""
    total = 0.0
    if l1:
        total += l1 * sum(float(np.abs(W).sum()) for W in weights)
    if l2:
        total += l2 * sum(float((W * W).sum()) for W in weights)
    return total
