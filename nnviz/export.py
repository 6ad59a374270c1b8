"""Steps and networks as plain data: JSON-ready dicts, and .npz or .json files.

Keys, shared by both file formats (docs/cli.md lists them):

- weights: ``W1``, ``b1``, ..., ``WL``, ``bL``; W_l is (n_l, n_{l-1}) and
  b_l is (n_l, 1), as the engine holds them and as a scenario's [weights] takes them
  (:func:`write_weights`, and :func:`read_weights` to load them back);
- a trace: in .npz, ``step{index}_{array}`` per array of each step (``step0_Z``)
  plus ``steps``, a JSON text listing every step without its arrays
  (:func:`step_header`); in .json, ``{"steps": [...]}`` with each step's arrays inline.

Non-finite numbers (NaN, Inf) become null in JSON, which has no word for them.
"""

from __future__ import annotations

import json
import math
import zipfile
from pathlib import Path
from typing import Iterable

import numpy as np

from .engine.network import Network, frozen
from .engine.step import Step
from .files import atomic_write

FORMATS = (".npz", ".json")


def weights_dict(network: Network) -> dict[str, np.ndarray]:
    """{"W1": W_1 (n_1, n_0), "b1": b_1 (n_1, 1), ...}."""
    params = {}
    for l, layer in enumerate(network.layers, start=1):
        params[f"W{l}"] = layer.W
        params[f"b{l}"] = layer.b
    return params


def step_header(step: Step) -> dict:
    """Everything about a step but its arrays: index, epoch, batch, phase,
    layer (null on the loss step), examples, formula, and the array names."""
    return {"index": step.index, "epoch": step.epoch, "batch": step.batch, "phase": step.phase,
            "layer": step.layer, "examples": [int(i) for i in step.examples], "formula": step.formula,
            "array_names": list(step.arrays)}


def step_dict(step: Step) -> dict:
    """:func:`step_header` plus ``arrays``: each array as nested lists."""
    return {**step_header(step), "arrays": {name: to_json(a) for name, a in step.arrays.items()}}


def to_json(array: np.ndarray):
    """An array as nested lists of floats (a 0-d one as a float); NaN/Inf as None."""
    def clean(x):
        if isinstance(x, list):
            return [clean(v) for v in x]
        return x if math.isfinite(x) else None
    return clean(np.asarray(array, dtype=np.float64).tolist())


def json_line(step: Step) -> str:
    """One step as one line of JSON (``nnviz replay --format json``)."""
    return json.dumps(step_dict(step), allow_nan=False, ensure_ascii=False)


def write_weights(network: Network, path: Path) -> None:
    """The network's parameters to ``path`` (.npz or .json)."""
    params = weights_dict(network)
    with atomic_write(path, text=path.suffix != ".npz") as out:
        if path.suffix == ".npz":
            np.savez(out, **params)
        else:
            out.write(json.dumps({k: to_json(v) for k, v in params.items()}, allow_nan=False) + "\n")


def read_weights(path: Path, network: Network) -> Network:
    """``network`` with the W1, b1, ... that :func:`write_weights` wrote to ``path``
    (.npz, or .json where null is NaN). Raises ValueError, one line naming the
    file, when it cannot give every layer its parameters of the right shapes."""
    arrays = _json_arrays(path) if path.suffix == ".json" else _npz_arrays(path)
    needs = f"the network (sizes {network.sizes}) needs W1, b1 … W{network.depth}, b{network.depth}"
    params = []
    for l, layer in enumerate(network.layers, start=1):
        W, b = arrays.get(f"W{l}"), arrays.get(f"b{l}")
        if W is None or b is None:
            raise ValueError(f"{path}: no {f'W{l}' if W is None else f'b{l}'}; {needs}")
        for name, array in ((f"W{l}", W), (f"b{l}", b)):
            if array.dtype.kind not in "iuf":
                raise ValueError(f"{path}: {name} holds {array.dtype} values, not numbers")
        if W.shape != layer.W.shape or b.size != layer.n_out:
            raise ValueError(f"{path}: W{l} is {W.shape} and b{l} has {b.size} values; layer {l} needs "
                             f"W{l} {layer.W.shape} and b{l} of {layer.n_out}")
        params.append((frozen(W.astype(np.float64)), frozen(b.astype(np.float64).reshape(-1, 1))))
    return network.with_params(params)


def _npz_arrays(path: Path) -> dict[str, np.ndarray]:
    unreadable = (OSError, ValueError, zipfile.BadZipFile)  # not a zip, a damaged member, Python objects
    try:
        saved = np.load(path, allow_pickle=False)
        if not isinstance(saved, np.lib.npyio.NpzFile):
            return {"": saved}  # a bare .npy array: no W1, which read_weights reports
        with saved:
            return {key: saved[key] for key in saved.files}
    except unreadable as err:
        raise ValueError(f"{path}: not a readable .npz file ({err})") from None


def _json_arrays(path: Path) -> dict[str, np.ndarray]:
    try:
        table = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ValueError(f"{path}: not a readable JSON file ({err})") from None
    if not isinstance(table, dict):
        raise ValueError(f"{path}: expected a JSON object with W1, b1, ..., got {type(table).__name__}")
    arrays = {}
    for key, value in table.items():
        try:
            arrays[key] = np.array(value, dtype=np.float64)  # null -> nan
        except (TypeError, ValueError):
            raise ValueError(f"{path}: {key} is not a matrix of numbers") from None
    return arrays


def write_trace(steps: Iterable[Step], path: Path) -> int:
    """Steps to ``path`` (.npz or .json), written as they come so that a long
    trace is never all in memory; returns how many were written."""
    headers = []
    if path.suffix == ".npz":
        with atomic_write(path) as out, zipfile.ZipFile(out, "w", allowZip64=True) as archive:
            for step in steps:
                headers.append(step_header(step))
                for name, array in step.arrays.items():
                    _add_npy(archive, f"step{step.index}_{name}", array)
            _add_npy(archive, "steps", np.array(json.dumps(headers)))
        return len(headers)
    with atomic_write(path, text=True) as out:
        out.write('{"steps": [')
        for step in steps:
            out.write((",\n" if headers else "\n") + json.dumps(step_dict(step), allow_nan=False, ensure_ascii=False))
            headers.append(step.index)
        out.write("\n]}\n")
    return len(headers)


def _add_npy(archive: zipfile.ZipFile, key: str, array: np.ndarray) -> None:
    # What np.savez does for each key, one array at a time.
    with archive.open(f"{key}.npy", "w", force_zip64=True) as member:
        np.lib.format.write_array(member, np.asanyarray(array), allow_pickle=False)


def read_trace_index(npz) -> list[dict]:
    """The ``steps`` list of a trace .npz opened with ``np.load``."""
    return json.loads(str(npz["steps"]))
