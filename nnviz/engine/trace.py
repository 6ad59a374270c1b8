"""A batch as the engine computed it, and the notation used to explain it.

``BatchTrace`` keeps the network before the batch's updates, the batch
X (n_0, m) and Y (n_L, m), the config and ``gradients()``'s caches, so that
explain.py and chain_rule.py read every number from the engine itself.
Symbols count from 1, as the document does: ``symbol("w", 2, 0, 2)`` is 'w²₁₃'.
"""

from __future__ import annotations

from dataclasses import dataclass
import numpy as np

from .activations import get_activation
from .backprop import Gradients, gradients
from .config import TrainingConfig
from .losses import get_loss
from .network import Network

_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def symbol(letter: str, layer: int | None, *index: int) -> str:
    """``symbol("w", 2, 0, 2)`` -> 'w²₁₃' (0-based index in, 1-based out);
    'w²[12,3]' once an index has two digits; no superscript when layer is None."""
    sup = "" if layer is None else str(layer).translate(_SUP)
    numbers = [i + 1 for i in index]
    if all(n < 10 for n in numbers):
        return letter + sup + "".join(str(n) for n in numbers).translate(_SUB)
    return f"{letter}{sup}[{','.join(str(n) for n in numbers)}]"


def a_symbol(layer: int, neuron: int) -> str:
    """a^l_j, or x_j for the inputs (layer 0), as the document writes them."""
    return symbol("x", None, neuron) if layer == 0 else symbol("a", layer, neuron)


def derivative_symbol(activation: str, layer: int, neuron: int) -> str:
    """σ′(z²₁)"""
    return f"{get_activation(activation).symbol}′({symbol('z', layer, neuron)})"


@dataclass(frozen=True)
class BatchTrace:
    """One batch as the engine computed it: the network before the batch's
    updates, X (n_0, m), Y (n_L, m), the config, and ``gradients()``'s caches."""

    network: Network
    X: np.ndarray
    Y: np.ndarray
    config: TrainingConfig
    grads: Gradients

    @property
    def depth(self) -> int:
        return self.network.depth

    def activation(self, layer: int) -> str:
        return self.network.layers[layer - 1].activation.name

    def fused(self) -> bool:
        """Whether the output layer uses dZ = A − Y (sigmoid + BCE, softmax + CE)."""
        return get_loss(self.config.loss).fused_with == self.activation(self.depth)

    def g_prime(self, layer: int, neuron: int) -> np.ndarray:
        """g'(z^l_j) per example (m,), from the engine's own derivative."""
        act = self.network.layers[layer - 1].activation
        return act.derivative(self.grads.Z[layer - 1][neuron], self.grads.A[layer][neuron])


def informative_weight(trace: BatchTrace, layer: int, example: int | None = None) -> tuple[int, int, int]:
    """(row, col, example) of a weight of ``layer`` worth explaining first: for the
    example with the largest loss (or ``example``), the largest |dW_l| among the
    weights whose term dz·a of that example is not zero (else the largest |dW_l|),
    so a first look never lands on an input pixel that is always 0."""
    g = trace.grads
    if example is None:
        example = int(np.argmax(np.where(np.isfinite(g.losses), g.losses, -np.inf)))
    size = np.abs(np.nan_to_num(g.dW[layer - 1], nan=0.0, posinf=0.0, neginf=0.0))
    terms = np.outer(g.dZ[layer - 1][:, example] != 0, g.A[layer - 1][:, example] != 0)
    score = np.where(terms, size, -1.0) if terms.any() else size
    row, col = np.unravel_index(int(np.argmax(score)), score.shape)
    return int(row), int(col), example


def trace_batch(network: Network, X: np.ndarray, Y: np.ndarray, config: TrainingConfig) -> BatchTrace:
    """Run the engine's forward and backward pass on one batch and keep it all.
    ``network`` must be the parameters before the batch's updates."""
    with np.errstate(all="ignore"):
        return BatchTrace(network, X, Y, config, gradients(network, X, Y, config))


def softmax_column(A_L: np.ndarray, neuron: int) -> np.ndarray:
    """∂a_q/∂z_j = a_q (δ_qj − a_j) for every q: column j of the softmax Jacobian, (n_L, m)."""
    delta = (np.arange(A_L.shape[0]) == neuron).astype(float)[:, None]
    return A_L * (delta - A_L[neuron])


@dataclass(frozen=True)
class GradientSum:
    """dW_l[j, i] = scale · Σ_k per_example[k] + Σ regularization values.
    ``scale`` is 1/m for averaged losses and 1 for sse and half_sse."""

    per_example: np.ndarray                       # (m,) ∂ℓ_k/∂w
    scale: float
    averaged: bool
    regularization: tuple[tuple[str, float], ...]  # (symbol with λ, value)
    total: float                                  # what the terms add up to
    dW: float                                     # the engine's entry, to compare


def gradient_sum(trace: BatchTrace, layer: int, row: int, col: int, per_example: np.ndarray) -> GradientSum:
    """Scale the per-example ∂ℓ_k/∂w and add the regularizer, as backprop does."""
    config, m = trace.config, trace.X.shape[1]
    loss = get_loss(config.loss)
    w = float(trace.network.layers[layer - 1].W[row, col])
    w_sym = symbol("w", layer, row, col)
    reg = []
    if config.l1:
        reg.append((f"{config.l1:g}·sign({w_sym})", config.l1 * float(np.sign(w))))
    if config.l2:
        reg.append((f"2·{config.l2:g}·{w_sym}", 2.0 * config.l2 * w))
    scale = loss.scale(m)
    total = scale * float(per_example.sum()) + sum(value for _, value in reg)
    return GradientSum(per_example, scale, loss.averaged, tuple(reg), total,
                       float(trace.grads.dW[layer - 1][row, col]))


def weight_gradient(trace: BatchTrace, layer: int, row: int, col: int) -> GradientSum:
    """dW_l[row, col] from the memoized dz: per example dz^l_row · a^{l-1}_col."""
    g = trace.grads
    return gradient_sum(trace, layer, row, col, g.dZ[layer - 1][row] * g.A[layer - 1][col])
