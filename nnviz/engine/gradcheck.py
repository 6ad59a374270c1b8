"""Backprop against central finite differences, in float64."""

from __future__ import annotations

import numpy as np

from .backprop import gradients
from .config import TrainingConfig
from .network import Network


def _loss(network: Network, X, Y, config) -> float:
    return gradients(network, X, Y, config).loss


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """max |a - b| / max(|a| + |b|, tiny): 0 when both are zero."""
    scale = max(float(np.abs(a).max(initial=0.0) + np.abs(b).max(initial=0.0)), 1e-300)
    return float(np.abs(a - b).max(initial=0.0)) / scale


def numerical_gradients(network: Network, X, Y, config: TrainingConfig, eps: float = 1e-6):
    """(∂L/∂W_l, ∂L/∂b_l) per layer by central differences (L(θ+ε) - L(θ-ε)) / 2ε."""
    result = []
    for l, layer in enumerate(network.layers):
        pair = []
        for which in ("W", "b"):
            base = getattr(layer, which)
            grad = np.zeros_like(base)
            for idx in np.ndindex(base.shape):
                losses = []
                for sign in (1.0, -1.0):
                    shifted = base.copy()
                    shifted[idx] += sign * eps
                    params = [(lay.W, lay.b) for lay in network.layers]
                    params[l] = (shifted, layer.b) if which == "W" else (layer.W, shifted)
                    losses.append(_loss(network.with_params(params), X, Y, config))
                grad[idx] = (losses[0] - losses[1]) / (2 * eps)
            pair.append(grad)
        result.append(tuple(pair))
    return result


def gradcheck(network: Network, X: np.ndarray, Y: np.ndarray, config: TrainingConfig,
              eps: float = 1e-6) -> dict[str, float]:
    """Relative error of backprop's dW_l and db_l against central differences,
    keyed "dW1", "db1", ... Below about 1e-7 means backprop is right."""
    X, Y = np.asarray(X, np.float64), np.asarray(Y, np.float64)
    analytic = gradients(network, X, Y, config)
    numeric = numerical_gradients(network, X, Y, config, eps)
    report = {}
    for l, (num_W, num_b) in enumerate(numeric, start=1):
        report[f"dW{l}"] = relative_error(analytic.dW[l - 1], num_W)
        report[f"db{l}"] = relative_error(analytic.db[l - 1], num_b)
    return report
