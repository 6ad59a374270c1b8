"""Named tensors -> layers: whichever convention named them, in order, shapes chained.

- nnviz: ``W1``, ``b1``, ..., W_l (n_l, n_{l-1}), b_l (n_l,) or (n_l, 1);
- PyTorch: ``PREFIX.weight`` (out, in) and ``PREFIX.bias`` (out,), as in
  ``nn.Sequential`` (``0.weight``, ``2.weight``) or a module (``fc1.weight``);
- Keras: ``PREFIX/kernel`` or ``PREFIX.kernel`` (in, out), transposed here,
  and ``PREFIX/bias`` (out,); a trailing ``:0`` is ignored.

Layers are ordered by the number in their prefix when every prefix has one
(``0, 2, 10``; ``fc1, fc2``), else by their position in the file.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np

from ..scenario.errors import ScenarioError

NNVIZ = re.compile(r"^([Wb])([1-9][0-9]*)$")
FRAMEWORK = re.compile(r"^(?:(.*)[./])?(weight|kernel|bias)(?::0)?$")


class LayerParams(NamedTuple):
    """One layer read from a file: W (n_out, n_in), b (n_out, 1), and the names and
    shape the file gave them (for messages)."""

    W: np.ndarray
    b: np.ndarray
    W_name: str
    b_name: str
    source_shape: tuple[int, ...]


def layers_from_tensors(tensors: dict[str, np.ndarray], file: str) -> list[LayerParams]:
    """The layers that ``tensors`` (name -> vector or matrix, in file order) describe."""
    if all(NNVIZ.match(name) for name in tensors):
        groups = _nnviz_groups(tensors, file)
    else:
        groups = _framework_groups(tensors, file)
    layers = []
    for l, (W_name, b_name) in enumerate(groups, start=1):
        W = tensors[W_name]
        kernel = FRAMEWORK.match(W_name) is not None and FRAMEWORK.match(W_name)[2] == "kernel"
        if W.ndim != 2:
            raise ScenarioError(file, W_name, f"has shape {W.shape}; a weight is a matrix "
                                              f"({'inputs × neurons' if kernel else 'neurons × inputs'})")
        layer_W = np.ascontiguousarray(W.T) if kernel else W
        n_out, n_in = layer_W.shape
        if layers and n_in != layers[-1].W.shape[0]:
            prev = layers[-1]
            side = "rows" if kernel else "columns"
            raise ScenarioError(file, W_name, f"has shape {W.shape}, but layer {l - 1} ({prev.W_name} "
                                f"{prev.source_shape}) has {prev.W.shape[0]} outputs, so layer {l} needs "
                                f"{prev.W.shape[0]} {side} (its inputs)")
        b = tensors[b_name]
        if b.shape not in ((n_out,), (n_out, 1)):
            raise ScenarioError(file, b_name, f"has shape {b.shape}; layer {l} ({W_name} {W.shape}) has "
                                              f"{n_out} neurons, so its bias is ({n_out},) or ({n_out}, 1)")
        layers.append(LayerParams(layer_W, b.reshape(n_out, 1), W_name, b_name, W.shape))
    return layers


def _nnviz_groups(tensors, file) -> list[tuple[str, str]]:
    numbers = sorted({int(NNVIZ.match(name)[2]) for name in tensors})
    for l in range(1, numbers[-1] + 1):
        for name in (f"W{l}", f"b{l}"):
            if name not in tensors:
                raise ScenarioError(file, "", f"no {name}; weights named W1, b1 … need both for every layer "
                                              f"1..{numbers[-1]}")
    return [(f"W{l}", f"b{l}") for l in range(1, numbers[-1] + 1)]


def _framework_groups(tensors, file) -> list[tuple[str, str]]:
    """(weight name, bias name) per layer prefix, ordered."""
    groups: dict[str, dict[str, str]] = {}
    for name in tensors:
        match = FRAMEWORK.match(name)
        if match is None:
            raise ScenarioError(file, name, "is neither a weight nor a bias: nnviz reads dense layers, named W1, b1 "
                                            "…, PREFIX.weight and PREFIX.bias (PyTorch) or PREFIX/kernel and "
                                            "PREFIX/bias (Keras)")
        prefix, role = match[1] or "", "bias" if match[2] == "bias" else "weight"
        if role in groups.setdefault(prefix, {}):
            raise ScenarioError(file, name, f"a second {role} for layer '{prefix}' ({groups[prefix][role]})")
        groups[prefix][role] = name
    for prefix, names in groups.items():
        for role in ("weight", "bias"):
            if role not in names:
                other = names["bias" if role == "weight" else "weight"]
                raise ScenarioError(file, other, f"has no {role} beside it; every layer needs a weight and a bias")
    order = list(groups)
    if all(re.search(r"\d", prefix) for prefix in order):
        order.sort(key=lambda prefix: [int(p) if i % 2 else p for i, p in enumerate(re.split(r"(\d+)", prefix))])
    return [(groups[prefix]["weight"], groups[prefix]["bias"]) for prefix in order]
