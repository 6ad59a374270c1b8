"""Scenario files written for the user: from a weights file (``nnviz import``) or
from a data file (``nnviz new``). Each choice is made here from the data and said
in a comment beside its key and in a line for the user; the text is then loaded
back through the scenario loader, so a file this writes always opens."""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..engine.losses import LOSS_OUTPUTS
from .errors import ScenarioError

MAX_CLASSES = 50
INLINE_PARAMETERS = 64  # more than this and the weights go to a file beside the scenario
OUTPUT_FOR_LOSS = {"cross_entropy": "softmax", "binary_cross_entropy": "sigmoid",
                   "mse": "linear", "sse": "linear", "half_sse": "linear"}


@dataclass
class Draft:
    """The tables of a scenario to write, with a comment per key and the reasons to print."""

    name: str
    tables: dict[str, dict] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)  # "training.loss" -> why
    reasons: list[str] = field(default_factory=list)

    def put(self, table: str, key: str, value, why: str = "", say: bool = False) -> None:
        self.tables.setdefault(table, {})[key] = value
        if why:
            self.comments[f"{table}.{key}"] = why
            if say:
                self.reasons.append(f"{table}.{key} = {toml_value(value)}: {why}")

    def toml(self) -> str:
        lines = ["# Written by nnviz; docs/scenarios.md lists every key.", f"name = {toml_value(self.name)}"]
        for table in ("network", "weights", "data", "training"):
            if table not in self.tables:
                continue
            lines += ["", f"[{table}]"]
            for key, value in self.tables[table].items():
                line = f"{key} = {toml_value(value)}"
                why = self.comments.get(f"{table}.{key}")
                lines.append(f"{line}  # {why}" if why and "\n" not in line else line)
        return "\n".join(lines) + "\n"

    def check(self, out: Path) -> None:
        """Load the text as the scenario loader would from ``out``'s folder: any problem
        (the data's, or nnviz's choices) is the loader's one-line ScenarioError."""
        from .loader import scenario_from_dict

        scenario_from_dict(tomllib.loads(self.toml()), file=out.name, base_dir=out.parent, path=out)


def toml_value(value) -> str:
    """A TOML literal: strings as basic strings, floats exact (repr), matrices one row a line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (int, float)):
        return repr(value)
    if value and isinstance(value[0], list):
        return "[\n" + "".join(f"  {toml_value(row)},\n" for row in value) + "]"
    return "[" + ", ".join(toml_value(v) for v in value) + "]"


def relative(path: Path, out: Path) -> str:
    """``path`` as the scenario at ``out`` names it: relative to its folder."""
    return Path(os.path.relpath(path.resolve(), out.resolve().parent)).as_posix()


# ---- nnviz import ------------------------------------------------------------------------------
def import_draft(weights: Path, activations: list[str], out: Path, data: Path | None = None,
                 target: str | None = None, loss: str = "auto"):
    """A Draft for the network of ``weights`` with ``activations``, and the network
    (whose parameters go to a file beside ``out`` when they are many)."""
    from ..engine.network import Network, Layer, frozen
    from ..engine.activations import get_activation
    from ..weights import read_layers

    layers = read_layers(weights)
    if len(activations) != len(layers):
        raise ScenarioError(str(weights), "", f"holds {len(layers)} layers "
                            f"({', '.join(p.W_name for p in layers)}); --activations names {len(activations)}")
    network = Network(tuple(Layer(frozen(p.W), frozen(p.b), get_activation(g))
                            for p, g in zip(layers, activations)))
    draft = Draft(f"{weights.stem}, imported")
    draft.put("network", "sizes", network.sizes, f"from the shapes in {weights.name}")
    draft.put("network", "activations", activations)
    loss = _loss_for_output(activations[-1]) if loss == "auto" else loss
    why = f"fits the {activations[-1]} output"
    if data is None:
        _placeholder_data(draft, network.sizes[0], network.sizes[-1], loss)
    else:
        _data_table(draft, data, target, out)
    draft.put("training", "loss", loss, why, say=True)
    draft.put("training", "learning_rate", 0.01)
    draft.put("training", "epochs", 10)
    return draft, network


def _loss_for_output(output: str) -> str:
    return {"softmax": "cross_entropy", "sigmoid": "binary_cross_entropy"}.get(output, "mse")


def _placeholder_data(draft: Draft, n_in: int, n_out: int, loss: str) -> None:
    draft.put("data", "X", [[0.0] * n_in], "one example of zeros: replace with yours (docs/data.md)")
    draft.put("data", "Y", [0] if loss in ("cross_entropy", "binary_cross_entropy") else [[0.0] * n_out])
    draft.reasons.append("data: one example of zeros, since no --data was given; replace it with yours")


def _data_table(draft: Draft, data: Path, target: str | None, out: Path) -> None:
    source = {".csv": "csv", ".npz": "npz"}.get(data.suffix)
    if source is None:
        raise ScenarioError(str(data), "", f"unknown data format {data.suffix or '(no suffix)'}; expected .csv or .npz")
    draft.put("data", source, relative(data, out))
    if target is not None:
        if source != "csv":
            raise ScenarioError(str(data), "", "--target names a CSV column; an .npz holds X and y")
        draft.put("data", "target", target)


def write_imported(draft: Draft, network, out: Path) -> Path | None:
    """The weights into the draft: inline when few, else in a .safetensors file beside
    ``out`` (written here); returns that file, if any."""
    from ..weights import write_weights

    if network.parameter_count <= INLINE_PARAMETERS:
        for l, layer in enumerate(network.layers, start=1):
            draft.put("weights", f"W{l}", layer.W.tolist())
            draft.put("weights", f"b{l}", layer.b.ravel().tolist())
        return None
    beside = out.with_name(f"{out.stem}.weights.safetensors")
    write_weights(network, beside)
    draft.put("weights", "file", beside.name, f"{network.parameter_count} parameters, in nn.Sequential names")
    return beside


# ---- nnviz new ---------------------------------------------------------------------------------
def new_draft(data: Path, target: str | None, hidden: list[int], activation: str, loss: str, out: Path) -> Draft:
    """A Draft for a network with ``hidden`` layers of ``activation`` on ``data``, its input,
    output, loss, split and scaling chosen from the data."""
    from .data_sources import load_data

    draft = Draft(f"{data.stem}: {'-'.join(str(n) for n in hidden)} {activation}")
    _data_table(draft, data, target, out)
    raw = load_data(draft.tables["data"], out.parent, out.name)
    m, n_in = raw.X.shape
    if not np.issubdtype(raw.y.dtype, np.number):
        raise ScenarioError(out.name, "data", "the target is not numbers")
    output, loss, n_out, why = _output(raw.y, loss)
    draft.put("network", "sizes", [n_in, *hidden, n_out],
              f"{n_in} input feature{'s' if n_in != 1 else ''}, then --hidden, then {n_out} output{'s' if n_out != 1 else ''}",
              say=True)
    draft.put("network", "activations", [activation] * len(hidden) + [output], why, say=True)
    he = activation in ("relu", "leaky_relu")
    draft.put("network", "init", "he" if he else "xavier",
              "He suits ReLU layers" if he else "Glorot suits sigmoid and tanh layers", say=True)
    draft.put("network", "seed", 0)
    if m >= 20:
        draft.put("data", "test_fraction", 0.2, f"{m} examples: a fifth held out to test on", say=True)
        draft.put("data", "split_seed", 0)
    else:
        draft.reasons.append(f"data: no test split, only {m} examples")
    biggest = float(np.max(np.abs(raw.X)))
    if biggest > 1:
        draft.put("data", "scale", "max", f"features reach {biggest:g}; divided by that, they lie in [-1, 1]",
                  say=True)
    else:
        draft.reasons.append("data: no scaling, the features already lie in [-1, 1]")
    draft.put("training", "loss", loss, why)
    draft.put("training", "learning_rate", 0.1)
    batch = "full" if m <= 64 else 32
    draft.put("training", "batch_size", batch, "mini-batches of 32" if batch == 32 else f"all {m} examples at once",
              say=True)
    draft.put("training", "epochs", 20)
    draft.put("training", "shuffle", batch != "full")
    return draft


def _output(y: np.ndarray, loss: str) -> tuple[str, str, int, str]:
    """(output activation, loss, output size, why) for targets ``y``."""
    # Whole numbers from 0 up to at most MAX_CLASSES - 1 name classes; others (prices, years) are numbers.
    classes = y.ndim == 1 and np.issubdtype(y.dtype, np.integer) and y.min() >= 0 and y.max() < MAX_CLASSES
    if loss == "auto":
        if classes and set(np.unique(y).tolist()) <= {0, 1}:
            return "sigmoid", "binary_cross_entropy", 1, "a 0/1 target: one sigmoid output, binary cross entropy"
        if classes:
            k = int(y.max()) + 1
            return "softmax", "cross_entropy", k, f"a class column (0..{k - 1}): softmax over {k}, cross entropy"
        n = 1 if y.ndim == 1 else y.shape[1]
        return "linear", "mse", n, "a numeric target: a linear output, mean squared error"
    output = OUTPUT_FOR_LOSS[loss]
    n = (int(y.max()) + 1 if loss == "cross_entropy" and classes else 1 if y.ndim == 1 else y.shape[1])
    assert output in LOSS_OUTPUTS[loss]
    return output, loss, n, f"--loss {loss}: a {output} output"
