"""The update rule: how a layer's gradient becomes the step taken, W ← W - step.

    sgd       step = η·dW                                   (the document's rule)
    momentum  V_dW = μ·V_dW + dW;  step = η·V_dW            (PyTorch's SGD with momentum)
    nesterov  V_dW = μ·V_dW + dW;  step = η·(dW + μ·V_dW)   (PyTorch's nesterov=True)
    rmsprop   S_dW = ρ·S_dW + (1-ρ)·dW²;  step = η·dW / (√S_dW + ε)
    adam      M_dW = β1·M_dW + (1-β1)·dW;  V_dW = β2·V_dW + (1-β2)·dW²
              M̂_dW = M_dW / (1-β1^t);  V̂_dW = V_dW / (1-β2^t);  step = η·M̂_dW / (√V̂_dW + ε)

The same for b with db. The state (V, S, M, and Adam's update count t) is
plain data kept on the Network it belongs to (``Network.optimizer``), so
checkpoints keep it and back/goto recompute it bit for bit. It starts at zero.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

OPTIMIZERS = ("sgd", "momentum", "nesterov", "rmsprop", "adam")
# What each optimizer remembers per parameter (for dW; db's are the same with db).
STATE_KEYS = {"sgd": (), "momentum": ("V",), "nesterov": ("V",), "rmsprop": ("S",), "adam": ("M", "V")}


class OptimizerState(NamedTuple):
    """``t`` updates taken so far; per layer 1..L at [l - 1], name -> array ("V_dW", "M_db", ...)."""

    t: int
    layers: tuple[dict[str, np.ndarray], ...]


def initial(name: str, layers) -> OptimizerState:
    """Zero state for ``layers`` (engine Layers)."""
    return OptimizerState(0, tuple(
        {f"{key}_d{p}": np.zeros_like(getattr(layer, p)) for key in STATE_KEYS[name] for p in ("W", "b")}
        for layer in layers))


def advance(config, g: np.ndarray, state: dict[str, np.ndarray], p: str, t: int):
    """(step, new state entries, arrays to show) for gradient ``g`` of parameter ``p``
    ("W" or "b") at update ``t`` (from 1)."""
    name, lr = config.optimizer, config.learning_rate
    if name == "sgd":
        return lr * g, {}, {}
    if name in ("momentum", "nesterov"):
        V = config.momentum * state[f"V_d{p}"] + g
        step = lr * (g + config.momentum * V) if name == "nesterov" else lr * V
        return step, {f"V_d{p}": V}, {f"V_d{p}": V}
    if name == "rmsprop":
        S = config.rho * state[f"S_d{p}"] + (1.0 - config.rho) * (g * g)
        return lr * g / (np.sqrt(S) + config.eps), {f"S_d{p}": S}, {f"S_d{p}": S}
    M = config.beta1 * state[f"M_d{p}"] + (1.0 - config.beta1) * g
    V = config.beta2 * state[f"V_d{p}"] + (1.0 - config.beta2) * (g * g)
    M_hat = M / (1.0 - config.beta1 ** t)
    V_hat = V / (1.0 - config.beta2 ** t)
    step = lr * M_hat / (np.sqrt(V_hat) + config.eps)
    return step, {f"M_d{p}": M, f"V_d{p}": V}, {f"M_d{p}": M, f"V_d{p}": V, f"M_hat_d{p}": M_hat,
                                                f"V_hat_d{p}": V_hat}


def formula(config, l: int, p: str, t: int, sign: str = "-") -> list[str]:
    """The lines of parameter ``p`` of layer ``l``'s update at update ``t``, constants as numbers."""
    name, g, P = config.optimizer, f"d{p}{l}", f"{p}{l}"
    if name == "sgd":
        return [f"{P} ← {P} {sign} η·{g}"]
    if name in ("momentum", "nesterov"):
        mu = f"{config.momentum:g}"
        step = f"η·({g} + {mu}·V_{g})" if name == "nesterov" else f"η·V_{g}"
        return [f"V_{g} = {mu}·V_{g} + {g}", f"{P} ← {P} {sign} {step}"]
    if name == "rmsprop":
        rho = f"{config.rho:g}"
        return [f"S_{g} = {rho}·S_{g} + (1 - {rho})·{g}²", f"{P} ← {P} {sign} η·{g} / (√S_{g} + {config.eps:g})"]
    b1, b2 = f"{config.beta1:g}", f"{config.beta2:g}"
    return [f"M_{g} = {b1}·M_{g} + (1 - {b1})·{g}", f"V_{g} = {b2}·V_{g} + (1 - {b2})·{g}²",
            f"M̂_{g} = M_{g} / (1 - {b1}^{t})   V̂_{g} = V_{g} / (1 - {b2}^{t})",
            f"{P} ← {P} {sign} η·M̂_{g} / (√V̂_{g} + {config.eps:g})"]
