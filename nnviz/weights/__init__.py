"""Weights files in and out: .safetensors, .npz and .json, read strictly.

Reading is two steps: :mod:`.readers` turns a file into named tensors (finite
float64 vectors and matrices, nothing else), and :mod:`.naming` turns named
tensors into layers, whichever convention named them (nnviz's W1/b1,
PyTorch's ``0.weight``/``fc1.bias``, Keras's ``dense/kernel``). Every problem
is one ScenarioError line naming the file and the tensor. Nothing is ever
unpickled, and no file is read that is not a regular file.
"""

from __future__ import annotations

from pathlib import Path

from ..engine.network import Network, frozen
from ..scenario.errors import ScenarioError
from .naming import LayerParams, layers_from_tensors
from .readers import SUFFIXES, read_tensors
from .writers import weights_dict, write_weights

__all__ = ["SUFFIXES", "LayerParams", "layers_from_tensors", "read_layers", "read_tensors", "read_weights", "fit_layers",
           "weights_dict", "write_weights"]


def read_layers(path: Path) -> list[LayerParams]:
    """The layers of the weights file at ``path``, in order, shapes chained."""
    return layers_from_tensors(read_tensors(path), str(path))


def read_weights(path: Path, network: Network) -> Network:
    """``network`` with the parameters of the weights file at ``path``: every layer's
    W (n_l, n_{l-1}) and b, or a ScenarioError naming the file and the tensor."""
    layers = fit_layers(read_layers(path), network.sizes, str(path))
    return network.with_params([(frozen(p.W), frozen(p.b)) for p in layers])


def fit_layers(layers: list[LayerParams], sizes: list[int], file: str) -> list[LayerParams]:
    """``layers`` when they are the layers of a network of ``sizes`` [n_0 .. n_L], else a
    ScenarioError naming the file and the first tensor that does not fit."""
    depth = len(sizes) - 1
    if len(layers) != depth:
        raise ScenarioError(file, "", f"holds {len(layers)} layer{'s' if len(layers) != 1 else ''} "
                                      f"({', '.join(p.W_name for p in layers)}); the network (sizes {sizes}) "
                                      f"has {depth}")
    for l, params in enumerate(layers, start=1):
        need = (sizes[l], sizes[l - 1])
        if params.W.shape != need:
            turned = f" (transposed to {params.W.shape})" if params.W.shape != params.source_shape else ""
            raise ScenarioError(file, params.W_name, f"has shape {params.source_shape}{turned}; layer {l} of "
                                                     f"the network (sizes {sizes}) needs W{l} {need}")
    return layers
