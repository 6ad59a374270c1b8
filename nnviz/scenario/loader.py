"""Scenario files (TOML, data only) -> validated Scenario objects."""

from __future__ import annotations

import math
import os
import sys
import tomllib
from pathlib import Path
from typing import Any

import numpy as np

from ..engine.activations import ACTIVATIONS
from ..engine.batches import BatchPlan
from ..engine.config import DTYPES, TrainingConfig
from ..engine.losses import LOSSES, get_loss, output_mismatch
from ..engine.mistakes import MISTAKES
from ..engine.network import INITS, build_network
from ..engine.optimizers import OPTIMIZERS
from .bundled import resolve
from .errors import ScenarioError
from .expects import read_expects
from .fields import Fields, suggest
from .model import Scenario
from .targets import targets

TOP_KEYS = ("name", "description", "network", "weights", "data", "training", "expect")
NETWORK_KEYS = ("sizes", "activations", "init", "seed", "trainable")
# Each optimizer's parameters, with the one that uses them (engine.optimizers has the rules).
OPTIMIZER_PARAMETERS = {"momentum": ("momentum", "nesterov"), "rho": ("rmsprop",), "beta1": ("adam",),
                        "beta2": ("adam",), "eps": ("rmsprop", "adam")}
TRAINING_KEYS = ("loss", "learning_rate", "batch_size", "epochs", "shuffle", "seed", "l1", "l2",
                 "train_biases", "stop_below", "mistakes", "optimizer", *OPTIMIZER_PARAMETERS, "dtype")


def load_scenario(source: str | Path) -> Scenario:
    """Load a scenario by path, or by the name of a bundled one ('binary-example').

    Raises ScenarioError with one line naming the file, the key and the fix."""
    if not isinstance(source, (str, os.PathLike)):
        raise ScenarioError("", "", f"load_scenario takes a path or a bundled name, got {type(source).__name__}")
    path = resolve(source)
    file = path.name
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ScenarioError(file, "", "not a text file (expected UTF-8 TOML)") from None
    except tomllib.TOMLDecodeError as err:
        raise ScenarioError(file, "", f"not valid TOML: {err}") from None
    except OSError as err:
        raise ScenarioError(file, "", f"cannot read {path}: {err.strerror}") from None
    except RecursionError:
        raise ScenarioError(file, "", "arrays or tables nested too deeply to read") from None
    except ValueError:  # the only other ValueError tomllib lets through: int() of a very long number
        raise ScenarioError(file, "", f"a number has more than {sys.get_int_max_str_digits()} digits") from None
    try:
        return scenario_from_dict(table, file=file, base_dir=path.parent, path=path)
    except RecursionError:
        raise ScenarioError(file, "", "arrays or tables nested too deeply to read") from None


def scenario_from_dict(table: dict[str, Any], file: str = "<scenario>", base_dir: Path | None = None,
                       path: Path | None = None) -> Scenario:
    """Build a Scenario from the same tables a TOML file holds (for Python users)."""
    from ..scenario.data_sources import load_data  # the data sources are many; load them on demand

    if not isinstance(file, str):
        raise ValueError(f"scenario_from_dict's file must be a name (str) for messages, got {file!r}")
    for name, value in (("base_dir", base_dir), ("path", path)):
        if value is not None and not isinstance(value, (str, os.PathLike)):
            raise ValueError(f"scenario_from_dict's {name} must be a path or None, got {value!r}")
    base_dir, path = (None if value is None else Path(value) for value in (base_dir, path))
    top = Fields(file, "", table)
    top.only(TOP_KEYS)
    for required in ("network", "data", "training"):
        if required not in table:
            raise ScenarioError(file, required, f"the [{required}] table is missing; docs/scenarios.md lists its keys")
    name = top.string("name", "")
    description = top.string("description", "")
    net = Fields(file, "network", top.get("network"))
    net.only(NETWORK_KEYS)
    sizes, activations = _architecture(net)
    L = len(sizes) - 1
    training = _training(Fields(file, "training", top.get("training")), activations[-1])
    weights, biases = _weights(Fields(file, "weights", top.get("weights", {})), sizes, base_dir)
    trainable = net.get("trainable", [True] * L)
    if not isinstance(trainable, list) or len(trainable) != L or not all(isinstance(t, bool) for t in trainable):
        raise net.error("trainable", f"expected a list of {L} booleans, one per layer")
    network = build_network(sizes, activations, net.string("init", "xavier", INITS),
                            net.integer("seed", 0, minimum=0), weights, biases, trainable)

    raw = load_data(top.get("data"), base_dir or Path.cwd(), file)
    _check_memory(net, sizes, raw.X.shape[0])
    X, Y = targets(raw.X, raw.y, sizes, training.loss, file, "data")
    X_test = Y_test = None
    if raw.X_test is not None and len(raw.X_test):
        X_test, Y_test = targets(raw.X_test, raw.y_test, sizes, training.loss, file, "data.test")
    plan = BatchPlan(X.shape[1], training.batch_size)
    fused = get_loss(training.loss).fused_with == activations[-1]
    expects = read_expects(top.get("expect", []), file, L, training.epochs, plan.per_epoch, fused)
    scenario = Scenario(network, X, Y, training, name, description, X_test, Y_test, expects, path,
                        raw.image_shape, tuple(raw.feature_names), tuple(raw.class_names))
    return scenario if training.dtype == "float64" else scenario.with_dtype(training.dtype)


MAX_PARAMETERS = 20_000_000  # 160 MB a copy; the session keeps a few dozen copies as checkpoints
MAX_CELLS = 200_000_000  # the data set through the widest layer, as evaluation computes it: 1.6 GB


def _check_parameters(net: Fields, sizes: list[int]) -> None:
    """Refuse a network too big for nnviz before anything is allocated."""
    count = sum(n_out * (n_in + 1) for n_in, n_out in zip(sizes, sizes[1:]))
    if count > MAX_PARAMETERS:
        raise net.error("sizes", f"{_round(count)} parameters; the limit is {_round(MAX_PARAMETERS)} "
                                 f"(nnviz is for small networks)")


def _check_memory(net: Fields, sizes: list[int], m: int) -> None:
    """Refuse data that, through the widest layer, would not fit: one activation
    array of the whole set is m x max(sizes) floats."""
    cells = m * max(sizes)
    if cells > MAX_CELLS:
        raise net.error("sizes", f"{m} examples through a layer of {max(sizes)} make {_round(cells)} numbers "
                                 f"per array; the limit is {_round(MAX_CELLS)} (use data.limit or a smaller layer)")


def _round(n: int) -> str:
    """20,000,000 for a readable count, 'about 1e20' for a huge one (even beyond float range)."""
    return f"{n:,}" if n < 10 ** 12 else f"about 1e{int(math.log10(n))}"


def _architecture(net: Fields) -> tuple[list[int], list[str]]:
    sizes = net.get("sizes")
    if not isinstance(sizes, list) or len(sizes) < 2 or not all(
            isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in sizes):
        raise net.error("sizes", "expected a list of at least two positive integers, inputs first: [n_0, ..., n_L]")
    _check_parameters(net, sizes)
    activations = net.get("activations")
    if not isinstance(activations, list) or not all(isinstance(a, str) for a in activations):
        raise net.error("activations", "expected a list of activation names, one per layer")
    L = len(sizes) - 1
    if len(activations) != L:
        raise net.error("activations", f"expected {L} activation{'s' if L > 1 else ''}, one per layer 1..{L} "
                                       f"(sizes {sizes}), got {len(activations)}")
    for i, name in enumerate(activations):
        if name not in ACTIVATIONS:
            hint = suggest(name, ACTIVATIONS) or f"; expected one of {', '.join(ACTIVATIONS)}"
            raise net.error(f"activations[{i}]", f"unknown activation '{name}'{hint}")
        if name == "softmax" and i < L - 1:
            raise net.error(f"activations[{i}]", f"softmax is for the output layer only, not hidden layer {i + 1}")
    return sizes, activations


def _training(fields: Fields, output: str) -> TrainingConfig:
    fields.only(TRAINING_KEYS)
    loss = fields.string("loss", choices=LOSSES)
    if output_mismatch(loss, output):
        raise fields.error("loss", output_mismatch(loss, output))
    batch_size = fields.get("batch_size", "full")
    if batch_size != "full" and (isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1):
        raise fields.error("batch_size", f"expected \"full\" or a positive integer, got {batch_size!r}")
    stop = fields.table.get("stop_below")
    return TrainingConfig(
        loss=loss,
        learning_rate=fields.number("learning_rate", positive=True),
        batch_size=None if batch_size == "full" else batch_size,
        epochs=fields.integer("epochs", 1, minimum=1),
        shuffle=fields.boolean("shuffle", False),
        seed=fields.integer("seed", 0, minimum=0),
        l1=fields.number("l1", 0.0, minimum=0.0),
        l2=fields.number("l2", 0.0, minimum=0.0),
        train_biases=fields.boolean("train_biases", True),
        stop_below=None if stop is None else fields.number("stop_below", positive=True),
        mistakes=frozenset(fields.strings("mistakes", MISTAKES) or ()),
        **_optimizer(fields),
        dtype=fields.string("dtype", "float64", DTYPES),
    )


def _optimizer(fields: Fields) -> dict[str, Any]:
    """optimizer and the parameters it takes: each a fraction in [0, 1) but eps, > 0."""
    name = fields.string("optimizer", "sgd", OPTIMIZERS)
    settings = {"optimizer": name}
    for key, users in OPTIMIZER_PARAMETERS.items():
        if not fields.has(key):
            continue
        if name not in users:
            raise fields.error(key, f"only used with optimizer = {' or '.join(repr(u) for u in users)}, "
                                    f"not {name!r}")
        value = fields.number(key, positive=key == "eps", minimum=None if key == "eps" else 0.0)
        if key != "eps" and value >= 1:
            raise fields.error(key, f"expected a number in [0, 1), got {value:g}")
        settings[key] = value
    return settings


def _weights(fields: Fields, sizes: list[int], base_dir: Path | None):
    L = len(sizes) - 1
    if fields.has("file"):
        return _weights_file(fields, sizes, base_dir or Path.cwd())
    allowed = [f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b")]
    for key in fields.table:
        if key not in allowed and key[:1] in ("W", "b") and key[1:].isdigit():
            raise fields.error(key, f"the network has {L} layers (sizes {sizes}); there is no layer {key[1:]}")
    fields.only(allowed)
    weights, biases = {}, {}
    for l in range(1, L + 1):
        n_out, n_in = sizes[l], sizes[l - 1]
        if f"W{l}" in fields.table:
            W = fields.matrix(f"W{l}")
            if W.ndim == 1 and n_out == 1:
                W = W.reshape(1, -1)  # one neuron's row may be written flat
            if W.shape != (n_out, n_in):
                raise fields.error(f"W{l}", f"expected shape ({n_out}, {n_in}) for layer {l} (sizes {sizes}), "
                                            f"got {W.shape if W.ndim else 'a single number'}")
            weights[l] = W
        if f"b{l}" in fields.table:
            b = fields.matrix(f"b{l}")
            if b.ndim == 0:
                b = np.full(n_out, float(b))
            if b.size != n_out or b.ndim > 2 or (b.ndim == 2 and 1 not in b.shape):
                raise fields.error(f"b{l}", f"expected a number or {n_out} numbers for layer {l} "
                                            f"(sizes {sizes}), got shape {b.shape}")
            biases[l] = b.reshape(n_out, 1)
    return weights, biases


def _weights_file(fields: Fields, sizes: list[int], base_dir: Path):
    """[weights] file = "model.safetensors": every layer's W and b from a weights file
    beside the scenario (nnviz.weights reads it, whatever convention named its tensors)."""
    from ..weights import fit_layers, read_layers

    for key in fields.table:
        if key != "file":
            raise fields.error(key, "give the weights as a file or as W1, b1 …, not both")
    path = base_dir / fields.string("file")
    try:
        layers = fit_layers(read_layers(path), sizes, str(path))
    except ScenarioError as err:
        raise fields.error("file", str(err)) from None
    return ({l: p.W for l, p in enumerate(layers, start=1)}, {l: p.b for l, p in enumerate(layers, start=1)})
