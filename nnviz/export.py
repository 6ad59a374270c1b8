"""Steps as plain data: JSON-ready dicts, and trace files (.npz or .json).

Keys of a trace (docs/cli.md lists them): in .npz, ``step{index}_{array}`` per
array of each step (``step0_Z``) plus ``steps``, a JSON text listing every step
without its arrays (:func:`step_header`); in .json, ``{"steps": [...]}`` with
each step's arrays inline. Weights files are nnviz.weights'.

Non-finite numbers (NaN, Inf) become null in JSON, which has no word for them.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Collection, Iterable

import numpy as np

from .engine.step import Step
from .files import atomic_write

FORMATS = (".npz", ".json")


def step_header(step: Step) -> dict:
    """Everything about a step but its arrays: index, epoch, batch, phase,
    layer (null on the loss step), examples, formula, and the array names."""
    return {"index": step.index, "epoch": step.epoch, "batch": step.batch, "phase": step.phase,
            "layer": step.layer, "examples": [int(i) for i in step.examples], "formula": step.formula,
            "array_names": list(step.arrays)}


def step_dict(step: Step, arrays: Collection[str] | None = None) -> dict:
    """:func:`step_header` plus ``arrays``: each array (or only those named) as nested lists."""
    return {**step_header(step), "arrays": {name: to_json(a) for name, a in step.arrays.items()
                                            if arrays is None or name in arrays}}


def to_json(array: np.ndarray):
    """An array as nested lists of floats (a 0-d one as a float); NaN/Inf as None.
    NumPy makes the lists (a walk over them in Python took half of a JSON replay's time)."""
    values = np.asarray(array, dtype=np.float64)
    finite = np.isfinite(values)
    if finite.all():
        return values.tolist()
    cells = values.astype(object)
    cells[~finite] = None
    return cells.tolist()


def json_line(step: Step, arrays: Collection[str] | None = None) -> str:
    """One step as one line of JSON (``nnviz replay --format json``), with all its arrays or those named."""
    return json.dumps(step_dict(step, arrays), allow_nan=False, ensure_ascii=False)


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
