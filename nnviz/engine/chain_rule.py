"""∂L/∂w for one weight, as the document's chain-rule section writes it.

    ∂L/∂w^l_ji = Σ over every path  w^l_ji → z^l_j → a^l_j → z^{l+1}_k → … → z^L_p → L
                 of the product of the partial derivatives along the path

Each path's factors are listed output first, as the document writes them:

    ∂L/∂z^L_p · w^L_{p·} · g′(z^{L-1}_·) · … · w^{l+1}_{kj} · g′(z^l_j) · a^{l-1}_i

where ∂L/∂z^L_p is (a − y) for sigmoid + BCE and softmax + CE (the document's
dz = a − y), ∂L/∂a · g′(z) for an element-wise output, and ∂L/∂a_q · ∂a_q/∂z_p
through every output q for softmax with another loss (its Jacobian adds a hop).
The number of paths is the product of the widths above the weight; past
``limit`` the memoized δ recursion dZ_l = W_{l+1}ᵀ dZ_{l+1} ⊙ g′(Z_l) is written
out for the weight's neuron instead. Every value is an (m,) array, one per example.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

from .trace import (BatchTrace, GradientSum, a_symbol, derivative_symbol, gradient_sum, softmax_column,
                    symbol)

PATH_LIMIT = 64


@dataclass(frozen=True)
class Factor:
    """One partial derivative along a path: its symbol and its value per example (m,)."""

    symbol: str
    values: np.ndarray


@dataclass(frozen=True)
class Path:
    """One path from the weight to the loss. ``neurons`` are the 0-based neurons
    whose z it passes, layer l first; ``output`` is the softmax output a_q it then
    reaches through the Jacobian (None for the other losses)."""

    neurons: tuple[int, ...]
    factors: tuple[Factor, ...]  # output first, a^{l-1}_i last
    product: np.ndarray          # (m,)
    output: int | None = None


@dataclass(frozen=True)
class ChainRulePaths:
    """∂L/∂w as the sum over paths; ``gradient.per_example`` is Σ of the path products."""

    layer: int
    row: int
    col: int
    weight: float
    symbol: str
    paths: tuple[Path, ...]
    gradient: GradientSum

    @property
    def n_paths(self) -> int:
        return len(self.paths)


@dataclass(frozen=True)
class DeltaRecursion:
    """Too many paths: dz^l_j = (Σ_k left_k · right_k) ⊙ g′(z^l_j), then
    ∂ℓ/∂w = dz^l_j · a^{l-1}_i per example. ``pairs`` are (w^{l+1}_kj, dz^{l+1}_k)
    for a hidden layer, or (∂L/∂a_q, ∂a_q/∂z_j) at a softmax output, where
    ``g_prime`` is None because the Jacobian already holds it."""

    layer: int
    row: int
    col: int
    weight: float
    symbol: str
    n_paths: int
    limit: int
    pairs: tuple[tuple[Factor, Factor], ...]
    dA: np.ndarray           # (m,) Σ of the pairs' products
    g_prime: Factor | None
    dZ: np.ndarray           # (m,) dz^l_j
    a_prev: Factor           # a^{l-1}_i
    gradient: GradientSum


def _softmax_output(trace: BatchTrace) -> bool:
    """A softmax output whose loss is not cross-entropy: paths go through every output."""
    return trace.activation(trace.depth) == "softmax" and not trace.fused()


def count_paths(trace: BatchTrace, layer: int) -> int:
    """Paths from a weight of ``layer`` to the loss: the product of the widths above it."""
    sizes = trace.network.sizes
    count = math.prod(sizes[layer + 1:])
    return count * sizes[-1] if _softmax_output(trace) else count


def chain_rule_paths(trace: BatchTrace, layer: int, row: int, col: int,
                     limit: int = PATH_LIMIT) -> ChainRulePaths | DeltaRecursion:
    """∂L/∂W_layer[row, col] (0-based) as every path's factors, or the δ recursion
    when there are more than ``limit`` paths. Either adds up to dW[row, col]."""
    n = count_paths(trace, layer)
    if n > limit:
        return _delta_recursion(trace, layer, row, col, n, limit)
    derivatives = _Derivatives(trace)
    L, sizes = trace.depth, trace.network.sizes
    outputs = range(sizes[-1]) if _softmax_output(trace) else [None]
    paths = []
    for above in itertools.product(*(range(size) for size in sizes[layer + 1:])):
        for q in outputs:
            neurons = (row, *above)
            factors = _loss_factors(trace, neurons[-1], q)
            for m in range(L, layer, -1):  # from the output down to the weight's layer
                j, i = neurons[m - layer], neurons[m - layer - 1]
                factors.append(Factor(symbol("w", m, j, i), derivatives.weight(m, j, i)))
                factors.append(derivatives.g_prime(m - 1, i))
            factors.append(Factor(a_symbol(layer - 1, col), trace.grads.A[layer - 1][col]))
            product = np.prod(np.stack([f.values for f in factors]), axis=0)
            paths.append(Path(neurons, tuple(factors), product, q))
    per_example = np.sum([p.product for p in paths], axis=0)
    return ChainRulePaths(layer, row, col, _weight(trace, layer, row, col), symbol("w", layer, row, col),
                          tuple(paths), gradient_sum(trace, layer, row, col, per_example))


def _weight(trace: BatchTrace, layer: int, row: int, col: int) -> float:
    return float(trace.network.layers[layer - 1].W[row, col])


class _Derivatives:
    """g′(z) per neuron, computed once per call (the document's memoization)."""

    def __init__(self, trace: BatchTrace):
        self.trace = trace
        self.m = trace.X.shape[1]
        self._g: dict[tuple[int, int], Factor] = {}

    def g_prime(self, layer: int, neuron: int) -> Factor:
        key = (layer, neuron)
        if key not in self._g:
            self._g[key] = Factor(derivative_symbol(self.trace.activation(layer), layer, neuron),
                                  self.trace.g_prime(layer, neuron))
        return self._g[key]

    def weight(self, layer: int, row: int, col: int) -> np.ndarray:
        return np.full(self.m, _weight(self.trace, layer, row, col))


def _loss_factors(trace: BatchTrace, p: int, q: int | None) -> list[Factor]:
    """∂L/∂z^L_p per example, as the factors the document writes for it."""
    L, g = trace.depth, trace.grads
    if trace.fused():  # dz = a − y
        return [Factor(f"({symbol('a', L, p)} − {symbol('y', None, p)})", g.A[L][p] - trace.Y[p])]
    dA = g.dA[L - 1]
    if q is not None:  # through output q of the softmax
        return [Factor(f"∂L/∂{symbol('a', L, q)}", dA[q]),
                Factor(f"∂{symbol('a', L, q)}/∂{symbol('z', L, p)}", softmax_column(g.A[L], p)[q])]
    return [Factor(f"∂L/∂{symbol('a', L, p)}", dA[p]),
            Factor(derivative_symbol(trace.activation(L), L, p), trace.g_prime(L, p))]


def _delta_recursion(trace: BatchTrace, layer: int, row: int, col: int, n: int, limit: int) -> DeltaRecursion:
    L, g = trace.depth, trace.grads
    if layer == L:  # only a softmax output has more than one path here
        J = softmax_column(g.A[L], row)
        pairs = tuple((Factor(f"∂L/∂{symbol('a', L, q)}", g.dA[L - 1][q]),
                       Factor(f"∂{symbol('a', L, q)}/∂{symbol('z', L, row)}", J[q]))
                      for q in range(J.shape[0]))
        g_prime = None
    else:
        W_next, dZ_next = trace.network.layers[layer].W, g.dZ[layer]
        m = trace.X.shape[1]
        pairs = tuple((Factor(symbol("w", layer + 1, k, row), np.full(m, W_next[k, row])),
                       Factor(symbol("dz", layer + 1, k), dZ_next[k]))
                      for k in range(W_next.shape[0]))
        g_prime = Factor(derivative_symbol(trace.activation(layer), layer, row), trace.g_prime(layer, row))
    dA = np.sum([left.values * right.values for left, right in pairs], axis=0)
    dZ = dA if g_prime is None else dA * g_prime.values
    a_prev = Factor(a_symbol(layer - 1, col), g.A[layer - 1][col])
    return DeltaRecursion(layer, row, col, _weight(trace, layer, row, col), symbol("w", layer, row, col),
                          n, limit, pairs, dA, g_prime, dZ, a_prev,
                          gradient_sum(trace, layer, row, col, dZ * a_prev.values))
