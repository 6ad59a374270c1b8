"""The numbers behind one neuron or one weight of a step, for the TUI to print.

The equation panel and the chain-rule inspector show these; they compute
nothing themselves. Everything here is read from a Step or from the engine's
own ``gradients()`` caches, then written out term by term:

    neuron_terms(step, j)              z^l_j = Σ_i w^l_ji a^{l-1}_i + b^l_j,  a^l_j = g(z^l_j)
    backward_terms(trace, l, j)        dz^l_j = a − y  |  da · g'(z)  |  Σ_q ∂a_q/∂z_j · da_q
    weight_gradient(trace, l, j, i)    dW^l_ji = scale · Σ_k dz_jk a_ik + regularization
    update_terms(step, j, i, η)        w_new = w_old − η·dW
    chain_rule_paths(trace, l, j, i)   ∂L/∂w^l_ji as the sum over every path to the loss

Indices are 0-based in the API; symbols (``w²₁₃``) count from 1, as the
document does. Example columns are 0-based positions within the batch. A
``BatchTrace`` carries the engine's caches for the backward phase: build it
with ``trace_batch(network_before, X_batch, Y_batch, config)``; a Session
hands out the one its batch computed (``Session.trace``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .chain_rule import ChainRulePaths, DeltaRecursion, Factor, Path, chain_rule_paths, count_paths
from .step import Step
from .trace import (BatchTrace, GradientSum, softmax_column, symbol, trace_batch,
                    weight_gradient)

__all__ = [
    "BatchTrace", "trace_batch", "symbol", "NeuronSum", "neuron_terms", "BackwardTerms",
    "backward_terms", "GradientSum", "weight_gradient", "UpdateTerms", "update_terms",
    "ChainRulePaths", "DeltaRecursion", "Factor", "Path", "chain_rule_paths", "count_paths",
]


# ---- forward -------------------------------------------------------------
@dataclass(frozen=True)
class NeuronSum:
    """z^l_j = Σ_i w_i · a_i + b for one example; a^l_j = g(z^l_j)."""

    layer: int
    neuron: int
    example: int
    weights: np.ndarray  # (n_{l-1},) row j of W_l
    inputs: np.ndarray   # (n_{l-1},) A_{l-1}[:, example]
    bias: float
    z: float             # the engine's Z_l[j, example]
    activation: str
    a: float             # the engine's A_l[j, example]

    @property
    def terms(self) -> list[tuple[float, float]]:
        """The (w, a_prev) pairs of the sum, in input order."""
        return [(float(w), float(a)) for w, a in zip(self.weights, self.inputs)]


def neuron_terms(step: Step, neuron: int, example: int = 0) -> NeuronSum:
    """The substituted sum of a forward step for neuron ``neuron`` (0-based)."""
    if step.phase != "forward":
        raise ValueError(f"neuron_terms needs a forward step, not {step.phase}")
    return NeuronSum(
        step.layer, neuron, example,
        weights=step["W"][neuron], inputs=step["A_prev"][:, example], bias=float(step["b"][neuron, 0]),
        z=float(step["Z"][neuron, example]), activation=step.activation,
        a=float(step["A"][neuron, example]),
    )


# ---- backward ------------------------------------------------------------
@dataclass(frozen=True)
class BackwardTerms:
    """The chain-rule factors of dz^l_j for one example. ``kind`` says which rule:
    "fused": dz = a − y; "elementwise": dz = da · g'(z);
    "softmax": dz = Σ_q ∂a_q/∂z_j · da_q (softmax output with a non-CE loss)."""

    layer: int
    neuron: int
    example: int
    kind: str
    activation: str
    dZ: float                              # the engine's dZ_l[j, example]
    a: float                               # a^l_j
    y: float | None = None                 # fused only
    dA: float | None = None                # elementwise only
    g_prime: float | None = None           # elementwise only
    jacobian: np.ndarray | None = None     # softmax: (n_L,) ∂a_q/∂z_j
    dA_all: np.ndarray | None = None       # softmax: (n_L,) ∂ℓ/∂a_q


def backward_terms(trace: BatchTrace, layer: int, neuron: int, example: int = 0) -> BackwardTerms:
    """dA, g'(z) and dZ of neuron ``neuron`` of ``layer`` for one example."""
    g, k, L = trace.grads, example, trace.depth
    act = trace.activation(layer)
    base = dict(layer=layer, neuron=neuron, example=k, activation=act,
                dZ=float(g.dZ[layer - 1][neuron, k]), a=float(g.A[layer][neuron, k]))
    if layer == L and trace.fused():
        return BackwardTerms(kind="fused", y=float(trace.Y[neuron, k]), **base)
    dA = g.dA[layer - 1]
    if act == "softmax":
        return BackwardTerms(kind="softmax", jacobian=softmax_column(g.A[L], neuron)[:, k],
                             dA_all=dA[:, k], **base)
    return BackwardTerms(kind="elementwise", dA=float(dA[neuron, k]),
                         g_prime=float(trace.g_prime(layer, neuron)[k]), **base)


# ---- update --------------------------------------------------------------
@dataclass(frozen=True)
class UpdateTerms:
    """w_new = w_old − η·dW for W_l[row, col], and b_new = b_old − η·db for b_l[row].
    ``frozen`` / ``bias_fixed`` when the layer or its biases are not trained."""

    layer: int
    row: int
    col: int
    eta: float | None
    w_old: float
    eta_dW: float
    dW: float | None
    w_new: float
    frozen: bool
    b_old: float
    eta_db: float
    db: float | None
    b_new: float
    bias_fixed: bool
    state: tuple[tuple[str, float, float | None], ...] = ()  # the optimizer's (name, w entry, b entry)


def update_terms(step: Step, row: int, col: int, learning_rate: float | None = None) -> UpdateTerms:
    """The update of one weight and its neuron's bias, from an update step."""
    if step.phase != "update":
        raise ValueError(f"update_terms needs an update step, not {step.phase}")
    eta_dW, eta_db = float(step["eta_dW"][row, col]), float(step["eta_db"][row, 0])
    state = tuple((name[:-3], float(step[name][row, col]),
                   float(step[name[:-1] + "b"][row, 0]) if name[:-1] + "b" in step.arrays else None)
                  for name in step.arrays if name.endswith("_dW") and name != "eta_dW")
    # Under SGD the step keeps η·dW: dW is recovered when η is known and non-zero (not under
    # another optimizer, whose step is not η·dW).
    known = learning_rate is not None and learning_rate != 0 and not state
    return UpdateTerms(
        step.layer, row, col, learning_rate,
        w_old=float(step["W_old"][row, col]), eta_dW=eta_dW, dW=eta_dW / learning_rate if known else None,
        w_new=float(step["W_new"][row, col]), frozen=step["W_new"] is step["W_old"],
        b_old=float(step["b_old"][row, 0]), eta_db=eta_db, db=eta_db / learning_rate if known else None,
        b_new=float(step["b_new"][row, 0]), bias_fixed=step["b_new"] is step["b_old"], state=state,
    )

