"""The engine's entry points check their arguments: build_network, train, gradcheck,
TrainingConfig and Scenario raise one ValueError naming the argument and its valid
values (nnviz.arguments), with the names the scenario reader offers. Each check runs
once per call, never per step. (network.py and config.py import this module inside
the function that checks, since it imports their tables.)"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np

from ..arguments import callable_or_none, flag, one_of, real_number, whole_number
from .activations import ACTIVATIONS, HIDDEN_ACTIVATIONS
from .losses import LOSSES, output_mismatch
from .config import DTYPES, TrainingConfig
from .mistakes import MISTAKES
from .network import INITS, Network
from .optimizers import OPTIMIZERS


def check_config(config) -> frozenset[str]:
    """Every TrainingConfig setting; the mistakes as a frozenset."""
    who = "TrainingConfig's"
    one_of(f"{who} loss", config.loss, LOSSES)
    real_number(f"{who} learning_rate", config.learning_rate, finite=True, positive=True)
    if config.batch_size is not None:
        whole_number(f"{who} batch_size (None for the full batch)", config.batch_size, 1)
    whole_number(f"{who} epochs", config.epochs, 0)  # 0: the weights as given (evaluate --epochs 0)
    whole_number(f"{who} seed", config.seed, 0)
    for name in ("l1", "l2"):
        real_number(f"{who} {name}", getattr(config, name), finite=True, minimum=0.0)
    if config.stop_below is not None:
        real_number(f"{who} stop_below", config.stop_below, finite=True, positive=True)
    flag(f"{who} shuffle", config.shuffle)
    flag(f"{who} train_biases", config.train_biases)
    one_of(f"{who} optimizer", config.optimizer, OPTIMIZERS)
    for name in ("momentum", "rho", "beta1", "beta2"):
        real_number(f"{who} {name}", getattr(config, name), finite=True, minimum=0.0, below=1.0)
    real_number(f"{who} eps", config.eps, finite=True, positive=True)
    one_of(f"{who} dtype", config.dtype, DTYPES)
    if isinstance(config.mistakes, str) or not isinstance(config.mistakes, (set, frozenset, list, tuple)):
        raise ValueError(f"{who} mistakes must be a set of names from {', '.join(MISTAKES)}, "
                         f"got {config.mistakes!r}")
    for name in config.mistakes:
        one_of(f"{who} mistakes", name, MISTAKES)
    return frozenset(config.mistakes)


def check_architecture(sizes, activations, init, seed, weights, biases, trainable) -> None:
    """build_network's arguments: sizes [n_0..n_L], one activation per layer (softmax
    only last), a known init, and explicit parameters of the layers' shapes."""
    who = "build_network's"
    if not isinstance(sizes, (list, tuple)) or len(sizes) < 2 or not all(
            isinstance(n, numbers.Integral) and not isinstance(n, bool) and n >= 1 for n in sizes):
        raise ValueError(f"{who} sizes must be a list of at least two positive whole numbers "
                         f"[n_0, ..., n_L], inputs first, got {sizes!r}")
    L = len(sizes) - 1
    _list_of(f"{who} activations", activations, L, "activation names")
    for i, name in enumerate(activations):
        one_of(f"{who} activations[{i}]", name, ACTIVATIONS if i == L - 1 else HIDDEN_ACTIVATIONS)
    one_of(f"{who} init", init, INITS)
    whole_number(f"{who} seed", seed, 0)
    if trainable is not None:
        _list_of(f"{who} trainable", trainable, L, "True/False flags")
        for i, value in enumerate(trainable):
            flag(f"{who} trainable[{i}]", value)
    for name, given in (("weights", weights), ("biases", biases)):
        if given is None:
            continue
        if not isinstance(given, dict):
            raise ValueError(f"{who} {name} must be a dict {{layer 1..{L}: array}}, got {type(given).__name__}")
        for l, array in given.items():
            whole_number(f"{who} {name} layer", l, 1, L)
            _parameter(f"{who} {name}[{l}]", array, sizes[l], sizes[l - 1], name == "biases")


def _list_of(name: str, value: Any, length: int, what: str) -> None:
    if not isinstance(value, (list, tuple)) or len(value) != length:
        got = f"{len(value)} of them" if isinstance(value, (list, tuple)) else repr(value)
        raise ValueError(f"{name} must be a list of {length} {what}, one per layer, got {got}")


def _parameter(name: str, array: Any, n_out: int, n_in: int, bias: bool) -> None:
    """W of shape (n_out, n_in), b of (n_out,) or (n_out, 1). NaN and Inf are numbers here: the
    engine shows a blown-up network as data (the file readers refuse them, naming the file)."""
    shapes = [(n_out,), (n_out, 1)] if bias else [(n_out, n_in)]
    wanted = " or ".join(str(shape) for shape in shapes)
    try:
        values = np.asarray(array, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be an array of numbers of shape {wanted}, got {type(array).__name__}") from None
    if values.shape not in shapes:
        raise ValueError(f"{name} must have shape {wanted}, got {values.shape}")


def check_run(who: str, network, X, Y, config, config_name: str = "config", **callbacks) -> None:
    """train's, gradcheck's and Scenario's arguments: a Network, X (n_0, m) and Y (n_L, m)
    arrays of numbers, a TrainingConfig whose loss fits the output layer, functions or None."""
    if not isinstance(network, Network):
        raise ValueError(f"{who} network must be a Network (build_network, or a Scenario's), "
                         f"got {type(network).__name__}")
    if not isinstance(config, TrainingConfig):
        raise ValueError(f"{who} {config_name} must be a TrainingConfig, got {type(config).__name__}")
    check_data(who, network, X, Y)
    problem = output_mismatch(config.loss, network.layers[-1].activation.name)
    if problem:
        raise ValueError(f"{who} {config_name}.loss: {problem}")
    for name, value in callbacks.items():
        callable_or_none(f"{who} {name}", value)


def check_data(who: str, network, X, Y, x: str = "X", y: str = "Y") -> None:
    """X (n_0, m) and Y (n_L, m): 2-D arrays of real numbers with the same m >= 1."""
    m = None
    for name, array, rows in ((x, X, network.sizes[0]), (y, Y, network.sizes[-1])):
        ok = isinstance(array, np.ndarray) and array.dtype.kind in "fiu" and array.ndim == 2
        if not ok or array.shape[0] != rows or array.shape[1] < 1 or array.shape[1] != (m or array.shape[1]):
            got = f"shape {array.shape}, dtype {array.dtype}" if isinstance(array, np.ndarray) else type(array).__name__
            raise ValueError(f"{who} {name} must be a NumPy array of numbers of shape ({rows}, m), one example "
                             f"per column, m >= 1{'' if m is None else f' (m = {m}, as in {x})'}; got {got}")
        m = array.shape[1]
