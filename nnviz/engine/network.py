"""The network: layers of (W, b, g), with W_l of shape (n_l, n_{l-1}).

Parameters are read-only arrays that are replaced, never changed in place,
so a Step can hold them without copying and a later step cannot alter them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from .activations import Activation, get_activation

INITS = ("xavier", "he", "normal", "uniform")
KEEP = object()


def frozen(array: np.ndarray) -> np.ndarray:
    """The array itself, made read-only (no copy)."""
    array.setflags(write=False)
    return array


class Layer(NamedTuple):
    """One dense layer. W: (n_l, n_{l-1}), b: (n_l, 1).

    A NamedTuple rather than a frozen dataclass: training builds one per layer
    per batch, and a tuple is several times cheaper to make."""

    W: np.ndarray
    b: np.ndarray
    activation: Activation
    trainable: bool = True

    @property
    def n_in(self) -> int:
        return self.W.shape[1]

    @property
    def n_out(self) -> int:
        return self.W.shape[0]

    @property
    def parameter_count(self) -> int:
        return self.W.size + self.b.size


@dataclass(frozen=True)
class Network:
    """Layers 1..L, kept in ``layers[0..L-1]``."""

    layers: tuple[Layer, ...]
    optimizer: Any = None  # the optimizer's memory (engine.optimizers.OptimizerState); None: zero, or sgd

    @property
    def sizes(self) -> list[int]:
        return [self.layers[0].n_in] + [layer.n_out for layer in self.layers]

    @property
    def depth(self) -> int:
        return len(self.layers)

    @property
    def parameter_count(self) -> int:
        return sum(layer.parameter_count for layer in self.layers)

    def with_params(self, params: list[tuple[np.ndarray, np.ndarray]], optimizer: Any = KEEP) -> Network:
        """The same network with new (W, b) per layer (and the optimizer's state, when given)."""
        return Network(tuple([
            Layer(W, b, layer.activation, layer.trainable) for layer, (W, b) in zip(self.layers, params)
        ]), self.optimizer if optimizer is KEEP else optimizer)

    def forward(self, X: np.ndarray) -> np.ndarray:
        """Ŷ = A_L for X (n_0, m); no steps, no caches (for evaluation)."""
        A = X
        with np.errstate(all="ignore"):
            for layer in self.layers:
                A = layer.activation.forward(layer.W @ A + layer.b)
        return A


def init_weights(method: str, n_out: int, n_in: int, rng: np.random.Generator) -> np.ndarray:
    """W (n_out, n_in) drawn by ``method``; biases always start at 0."""
    if method == "xavier":  # Glorot uniform
        limit = np.sqrt(6.0 / (n_in + n_out))
        return rng.uniform(-limit, limit, size=(n_out, n_in))
    if method == "he":
        return rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_out, n_in))
    if method == "normal":  # the deeplearning.ai course's randn * 0.01
        return rng.normal(0.0, 0.01, size=(n_out, n_in))
    if method == "uniform":
        limit = 1.0 / np.sqrt(n_in)
        return rng.uniform(-limit, limit, size=(n_out, n_in))
    raise ValueError(f"unknown init {method!r}; expected one of {', '.join(INITS)}")


def build_network(
    sizes: list[int],
    activations: list[str],
    init: str = "xavier",
    seed: int = 0,
    weights: dict[int, np.ndarray] | None = None,
    biases: dict[int, np.ndarray] | None = None,
    trainable: list[bool] | None = None,
) -> Network:
    """A network of ``sizes`` [n_0..n_L]; explicit ``weights``/``biases`` (by
    layer number 1..L) win over ``init``. Each layer draws from its own seeded
    generator, so giving one layer explicitly leaves the others' draws alone.
    A wrong argument raises one ValueError naming it (engine.arguments)."""
    from .arguments import check_architecture

    check_architecture(sizes, activations, init, seed, weights, biases, trainable)
    weights, biases = weights or {}, biases or {}
    trainable = trainable or [True] * (len(sizes) - 1)
    layers = []
    for l, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:]), start=1):
        rng = np.random.default_rng([seed, l])
        W = weights.get(l)
        W = init_weights(init, n_out, n_in, rng) if W is None else np.array(W, dtype=np.float64)
        b = biases.get(l)
        b = np.zeros((n_out, 1)) if b is None else np.array(b, dtype=np.float64).reshape(n_out, 1)
        layers.append(Layer(frozen(W), frozen(b), get_activation(activations[l - 1]), trainable[l - 1]))
    return Network(tuple(layers))
