"""A network's parameters -> .npz, .json (nnviz's W1, b1 names) or .safetensors
(PyTorch's ``nn.Sequential`` names), written whole or not at all."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from ..engine.network import Network
from ..files import atomic_write


def weights_dict(network: Network) -> dict[str, np.ndarray]:
    """{"W1": W_1 (n_1, n_0), "b1": b_1 (n_1, 1), ...}."""
    params = {}
    for l, layer in enumerate(network.layers, start=1):
        params[f"W{l}"] = layer.W
        params[f"b{l}"] = layer.b
    return params


def sequential_dict(network: Network) -> dict[str, np.ndarray]:
    """{"0.weight": W_1 (n_1, n_0), "0.bias": b_1 (n_1,), "2.weight": ...}: the state dict of
    ``nn.Sequential(Linear, activation, Linear, activation, ...)``, whose Linear layers sit at
    the even indices 0, 2, 4 … with an activation module (nn.Identity for linear) between them."""
    params = {}
    for l, layer in enumerate(network.layers):
        params[f"{2 * l}.weight"] = np.ascontiguousarray(layer.W)
        params[f"{2 * l}.bias"] = np.ascontiguousarray(layer.b.reshape(-1))
    return params


def write_weights(network: Network, path: Path) -> None:
    """The network's parameters to ``path``, its suffix naming the format."""
    if path.suffix == ".safetensors":
        from safetensors.numpy import save

        content = save(sequential_dict(network))
    elif path.suffix == ".npz":
        import io

        buffer = io.BytesIO()
        np.savez(buffer, **weights_dict(network))
        content = buffer.getvalue()
    else:
        from ..export import to_json

        content = (json.dumps({k: to_json(v) for k, v in weights_dict(network).items()}, allow_nan=False)
                   + "\n").encode()
    with atomic_write(path) as out:
        out.write(content)
