"""Activation functions, each with its derivative beside it.

Every activation maps Z (n_l, m) to A (n_l, m). ``backward(dA, Z, A)`` gives
dZ = dA ⊙ g'(Z) for the element-wise ones; softmax overrides it with its
Jacobian-vector product, since its outputs depend on the whole column.
"""

from __future__ import annotations

import numpy as np


class Activation:
    """One activation g: ``forward(Z)`` and ``derivative(Z, A)`` side by side."""

    name = ""
    symbol = "g"

    def forward(self, Z: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def derivative(self, Z: np.ndarray, A: np.ndarray) -> np.ndarray:
        """g'(Z), element-wise, given the cached Z and A = g(Z)."""
        raise NotImplementedError

    def backward(self, dA: np.ndarray, Z: np.ndarray, A: np.ndarray) -> np.ndarray:
        """dZ = dA ⊙ g'(Z)."""
        return dA * self.derivative(Z, A)

    def __repr__(self) -> str:
        return f"<activation {self.name}>"


class Sigmoid(Activation):
    name = "sigmoid"
    symbol = "σ"

    def forward(self, Z):
        # exp only of -|z|, so |z| up to 1e4 never overflows.
        E = np.exp(-np.abs(Z))
        return np.where(Z >= 0, 1.0 / (1.0 + E), E / (1.0 + E))

    def derivative(self, Z, A):
        return A * (1.0 - A)


class Tanh(Activation):
    name = "tanh"
    symbol = "tanh"

    def forward(self, Z):
        return np.tanh(Z)

    def derivative(self, Z, A):
        return 1.0 - A * A


class ReLU(Activation):
    name = "relu"
    symbol = "relu"

    def forward(self, Z):
        return np.maximum(Z, 0.0)

    def derivative(self, Z, A):
        return (Z > 0).astype(Z.dtype)

    def backward(self, dA, Z, A):
        return dA * (Z > 0)  # the mask multiplies as 0/1 without a float copy


class LeakyReLU(Activation):
    name = "leaky_relu"
    symbol = "lrelu"
    slope = 0.01

    def forward(self, Z):
        return np.where(Z > 0, Z, self.slope * Z)

    def derivative(self, Z, A):
        return np.where(Z > 0, 1.0, self.slope)


class Linear(Activation):
    name = "linear"
    symbol = "id"

    def forward(self, Z):
        return Z

    def derivative(self, Z, A):
        return np.ones_like(Z)

    def backward(self, dA, Z, A):
        return dA


class Softmax(Activation):
    """Column-wise softmax; only on the output layer."""

    name = "softmax"
    symbol = "softmax"

    def forward(self, Z):
        E = np.exp(Z - Z.max(axis=0, keepdims=True))
        return E / E.sum(axis=0, keepdims=True)

    def derivative(self, Z, A):
        """The Jacobian's diagonal A(1 - A); ``backward`` uses the full Jacobian."""
        return A * (1.0 - A)

    def backward(self, dA, Z, A):
        # J^T dA for J = diag(A) - A A^T, one column at a time.
        return A * (dA - (dA * A).sum(axis=0, keepdims=True))


ACTIVATIONS: dict[str, Activation] = {
    cls.name: cls() for cls in (Sigmoid, Tanh, ReLU, LeakyReLU, Linear, Softmax)
}
HIDDEN_ACTIVATIONS = tuple(name for name in ACTIVATIONS if name != "softmax")


def get_activation(name: str) -> Activation:
    """The activation called ``name``; KeyError if there is none."""
    return ACTIVATIONS[name]
