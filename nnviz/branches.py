"""What-if branches: a run that differs from its parent by one edit, from one batch on.

A Branch keeps one network (its root: the weights before its first batch, the
edit applied), its training settings, its edited inputs, and one float per batch
it has computed; never a copy of the parent's history. The Session replays a
branch from its root as it replays any run from a checkpoint.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .engine.config import TrainingConfig
from .engine.mistakes import MISTAKES
from .engine.network import Network, frozen
from .render.mathtext import cell as cell_name
from .scenario.fields import suggest

SETTINGS = ("learning_rate", "l1", "l2")


@dataclass(eq=False)
class Branch:
    """One run of the tree. ``start`` is the first batch it computes itself (the
    batches before are its parent's); ``root`` is the network before that batch;
    ``inputs`` maps (feature, example) to an edited input value, its ancestors'
    edits included; ``change`` says what differs from the parent; ``where`` is the
    step index at which it was made. ``losses`` holds its own batch losses from
    ``start`` on, as far as they were computed; ``cursor`` where the session
    last stood on it."""

    id: int
    name: str
    parent: Branch | None
    start: int
    root: Network
    config: TrainingConfig
    inputs: dict[tuple[int, int], float] = field(default_factory=dict)
    change: str = ""
    where: int = -1
    losses: list[float] = field(default_factory=list)
    cursor: int = 0

    @property
    def lineage(self) -> list[Branch]:
        """The branches from the main run down to this one."""
        chain = [self]
        while chain[-1].parent is not None:
            chain.append(chain[-1].parent)
        return chain[::-1]

    def __repr__(self) -> str:
        return f"Branch({self.id}, {self.name!r}, start={self.start}, change={self.change!r})"


def edit_name(target: str, cell: tuple[int, int]) -> str:
    """An edited cell as the panels count it, from 1, for the 0-based ``cell`` the API
    takes: 'W1[4,61]', 'b2[1,1]', 'input x61 of example 483'."""
    if target == "X":
        return f"input x{cell[0] + 1} of example {cell[1] + 1}"
    return cell_name(target, *cell)


def edited_network(network: Network, target: str, cell, value: float) -> tuple[Network, str]:
    """``network`` with W_l or b_l's ``cell`` set to ``value``, and the change in words."""
    l = int(target[1:])
    layer = network.layers[l - 1]
    array = np.array(getattr(layer, target[0]), dtype=layer.W.dtype)
    old = float(array[cell])
    array[cell] = value
    params = [(lay.W, lay.b) for lay in network.layers]
    params[l - 1] = (frozen(array), layer.b) if target[0] == "W" else (layer.W, frozen(array))
    return network.with_params(params), f"{edit_name(target, cell)} {old:.6g} → {value:.6g}"


def check_edit(network: Network, m: int, target: str, cell, value) -> tuple | None:
    """The cell as a tuple of ints (None for a setting), or a one-line ValueError:
    an unknown name (with the close one), a cell out of range, a value that is not finite."""
    L = network.depth
    arrays = [f"{p}{l}" for l in range(1, L + 1) for p in ("W", "b")]
    names = [*arrays, "X", *SETTINGS]
    if target not in names:
        hint = suggest(target, names) or f"; expected W1..W{L}, b1..b{L}, X, {', '.join(SETTINGS)}"
        raise ValueError(f"cannot edit '{target}'{hint}")
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating)) or not math.isfinite(value):
        raise ValueError(f"{target}: expected a finite number, got {value!r}")
    if target in SETTINGS:
        if target == "learning_rate" and value <= 0:
            raise ValueError(f"learning_rate: expected a number > 0, got {value:g}")
        if value < 0:
            raise ValueError(f"{target}: expected a number >= 0, got {value:g}")
        return None
    if target == "X":
        shape = (network.sizes[0], m)
    else:
        shape = getattr(network.layers[int(target[1:]) - 1], target[0]).shape
    cell = (cell,) if isinstance(cell, (int, np.integer)) else tuple(cell or ())
    if target[0] == "b" and len(cell) == 1:
        cell = (cell[0], 0)
    if len(cell) != 2 or not all(isinstance(i, (int, np.integer)) and 0 <= i < n for i, n in zip(cell, shape)):
        raise ValueError(f"{target}{list(cell)}: no such cell; {target} is {shape[0]}×{shape[1]} "
                         f"(rows 0..{shape[0] - 1}, columns 0..{shape[1] - 1})")
    return tuple(int(i) for i in cell)


def toggled(config: TrainingConfig, mistake: str) -> tuple[frozenset[str], str]:
    """``config``'s mistakes with ``mistake`` switched, and the change in words."""
    if mistake not in MISTAKES:
        raise ValueError(f"unknown mistake '{mistake}'{suggest(mistake, MISTAKES)}")
    if mistake in config.mistakes:
        return config.mistakes - {mistake}, f"mistake {mistake} off"
    return config.mistakes | {mistake}, f"mistake {mistake} on"


def scenario_text(source: Path, branch: Branch, where: str) -> str:
    """The TOML of scenario file ``source`` with ``branch``'s root weights in [weights],
    its training settings, and a note saying where it branched. Data files are
    named by absolute paths, so the new file may live in any folder."""
    import tomllib

    import tomli_w

    if branch.inputs:
        raise ValueError("a branch with edited inputs cannot be saved as a scenario: its data is a file")
    table = tomllib.loads(source.read_text(encoding="utf-8"))
    data = table.get("data", {})
    for key in ("csv", "npz", "idx_images", "idx_labels"):
        if isinstance(data.get(key), str):
            data[key] = str((source.parent / data[key]).resolve())
    note = (f"Branch '{branch.name}' of {source.name}, made {where}: {branch.change}. "
            f"[weights] holds the weights at that point; the original's expectations are left out.")
    table.pop("expect", None)
    table["name"] = f"{table.get('name') or source.stem} ({branch.name})"
    table["description"] = (table.get("description", "") + "\n\n" + note).strip()
    training = table.setdefault("training", {})
    for key in SETTINGS:
        training[key] = getattr(branch.config, key)
    if branch.config.mistakes:
        training["mistakes"] = sorted(branch.config.mistakes)
    else:
        training.pop("mistakes", None)
    table.pop("weights", None)
    weights = "\n".join(f"{p}{l} = {_rows(getattr(layer, p))}"
                        for l, layer in enumerate(branch.root.layers, start=1) for p in ("W", "b"))
    return tomli_w.dumps(table) + f"\n[weights]\n{weights}\n"


def _rows(array: np.ndarray) -> str:
    """A matrix as TOML rows, every float written so that it reads back bit for bit."""
    return "[" + ", ".join("[" + ", ".join(repr(float(x)) for x in row) + "]" for row in array) + "]"


@dataclass(frozen=True)
class Difference:
    """One parameter that differs between two branches' final networks."""

    name: str  # 'W2[1, 3]'
    a: float
    b: float


@dataclass(frozen=True)
class Outcome:
    """One branch at the end of its run: its batch losses, its final loss on the
    training set (as training defines it) and its accuracy (None for regression)."""

    name: str
    losses: list[float]
    loss: float
    accuracy: float | None


@dataclass(frozen=True)
class Comparison:
    a: Outcome
    b: Outcome
    differences: tuple[Difference, ...]  # the largest |a - b| first


def outcome(name: str, network: Network, losses: list[float], X, Y, config: TrainingConfig,
            classification: bool) -> Outcome:
    from .engine.backprop import batch_loss
    from .engine.evaluation import evaluate

    with np.errstate(all="ignore"):
        loss = batch_loss(network, X, Y, config)[0]
    accuracy = evaluate(network, X, Y, classification=classification).accuracy if classification else None
    return Outcome(name, losses, float(loss), accuracy)


def differences(a: Network, b: Network, top: int = 5) -> tuple[Difference, ...]:
    """The ``top`` parameters whose values differ most between ``a`` and ``b``."""
    found = []
    for l, (la, lb) in enumerate(zip(a.layers, b.layers), start=1):
        for p in ("W", "b"):
            x, y = getattr(la, p), getattr(lb, p)
            gap = np.abs(x - y)
            for flat in np.argsort(gap, axis=None, kind="stable")[::-1][:top]:
                cell = np.unravel_index(flat, gap.shape)
                if gap[cell] > 0:
                    label = edit_name(f"{p}{l}", cell)
                    found.append((float(gap[cell]), Difference(label, float(x[cell]), float(y[cell]))))
    found.sort(key=lambda pair: -pair[0])
    return tuple(difference for _, difference in found[:top])
