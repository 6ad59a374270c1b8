"""Checking a scenario's [[expect]] tables against a real run.

One Session per scenario walks forward once: the expectations are visited in
the order of the step they look at, so no batch is trained twice (``goto``
replays from the session's checkpoints only when it must).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .engine.backprop import batch_loss
from .engine.evaluation import evaluate
from .engine.network import Network
from .scenario.model import Expect, Scenario
from .session import Session
from .textfmt import number

STATUSES = ("pass", "fail", "erratum")


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one expectation. ``got`` is what the run gave, shaped as
    the expectation's ``value`` (None when nothing comparable was found);
    ``message`` says why it failed, or is empty."""

    expect: Expect
    status: str  # "pass" | "fail" | "erratum"
    got: float | list | None
    message: str = ""

    @property
    def failed(self) -> bool:
        return self.status == "fail"


def check_scenario(scenario: Scenario) -> list[CheckResult]:
    """Every expectation of ``scenario`` checked, in the scenario's order."""
    session = Session(scenario)
    order = sorted(range(len(scenario.expects)), key=lambda i: _looks_at(session, scenario.expects[i]))
    results: dict[int, CheckResult] = {}
    for i in order:
        results[i] = check_one(session, scenario.expects[i])
    return [results[i] for i in range(len(scenario.expects))]


def check_one(session: Session, expect: Expect) -> CheckResult:
    """One expectation against ``session``'s run; moves the session's cursor."""
    if expect.metric:
        network = network_after(session, expect.after_epoch)
        if network is None:
            return CheckResult(expect, "fail", None, _stopped_early(session))
        X, Y = split(session.scenario, expect.split)
        if X is None:
            return CheckResult(expect, "fail", None, "the scenario has no test split")
        classes = max(2, Y.shape[0])  # a single sigmoid output has classes 0 and 1
        if expect.class_ is not None and expect.class_ >= classes:
            return CheckResult(expect, "fail", None, f"there is no class {expect.class_}: the data has "
                                                     f"{classes} classes (0..{classes - 1})")
        got = metric(network, X, Y, session.config, expect.metric, expect.class_)
        return judge(expect, np.asarray(got), "the metric")
    try:
        step = session.goto(session.index_of(expect.epoch, expect.batch, expect.phase, expect.layer))
    except IndexError:
        return CheckResult(expect, "fail", None, _stopped_early(session))
    if expect.array not in step.arrays:  # dA of a fused output layer, dA_prev of layer 1
        return CheckResult(expect, "fail", None, f"this step has no {expect.array}; it has "
                                                 f"{', '.join(step.arrays)}")
    return judge(expect, step[expect.array], expect.array)


def judge(expect: Expect, array: np.ndarray, name: str) -> CheckResult:
    """Compare ``array`` with ``expect.value`` within ``expect.tol``."""
    got, problem = comparable(expect.value, np.asarray(array, dtype=np.float64), name)
    if problem:
        return CheckResult(expect, "fail", None, problem)
    want = np.asarray(expect.value, dtype=np.float64)
    # NaN expected and got is a match (the accuracy of a class with no examples).
    off = np.where(np.isnan(got) & np.isnan(want), 0.0, np.abs(got - want))
    shown = got.tolist()
    if not np.all(off <= expect.tol):  # NaN on one side only fails too
        worst = np.unravel_index(np.argmax(np.where(np.isnan(off), np.inf, off)), off.shape)
        at = f" at {list(map(int, worst))}" if off.ndim else ""
        if np.isnan(off[worst]):
            return CheckResult(expect, "fail", shown, f"got NaN{at}")
        return CheckResult(expect, "fail", shown, f"off by {number(off[worst], 3)}{at}, more than tol {expect.tol:g}")
    return CheckResult(expect, "erratum" if expect.erratum else "pass", shown)


def comparable(value, array: np.ndarray, name: str) -> tuple[np.ndarray | None, str]:
    """``array`` in the form of ``value``, or a message saying why it cannot be.

    A number matches an array holding one number; a flat list is one column
    (one example), so it matches a 1-d array or an (n, 1) one; nested lists
    are the whole (n, m) matrix."""
    want = np.asarray(value, dtype=np.float64)
    if want.ndim == 0:
        if array.size != 1:
            return None, f"expected one number, but {name} has shape {array.shape}"
        return array.reshape(()), ""
    if want.ndim == 1:
        if array.ndim == 2 and array.shape[1] == 1:
            array = array[:, 0]
        elif array.ndim == 2:
            return None, (f"a flat list is one column (one example), but {name} has shape {array.shape} "
                          f"with {array.shape[1]} columns; write the whole matrix as nested lists")
    if array.shape != want.shape:
        return None, f"shape mismatch: expected {want.shape}, {name} has shape {array.shape}"
    return array, ""


def epoch_end_index(session: Session, epoch: int) -> int:
    """The index of the last step of ``epoch`` (-1 for epoch 0, before training)."""
    return epoch * session.plan.per_epoch * session.steps_per_batch - 1


def network_after(session: Session, epoch: int) -> Network | None:
    """The network after ``epoch`` epochs (0: the initial one); None if training
    stopped before (loss below ``stop_below``)."""
    if epoch == 0:
        return session.scenario.network
    try:
        session.goto(epoch_end_index(session, epoch))
    except IndexError:
        return None
    return session.network


def split(scenario: Scenario, name: str) -> tuple[np.ndarray | None, np.ndarray | None]:
    """(X, Y) of the "train" or "test" split; (None, None) when there is no test split."""
    return (scenario.X, scenario.Y) if name == "train" else (scenario.X_test, scenario.Y_test)


def metric(network: Network, X: np.ndarray, Y: np.ndarray, config, name: str,
           class_: int | None = None) -> float | np.ndarray:
    """accuracy, class_accuracy (of ``class_``, or of every class as an array),
    mse, or loss (as training defines it, regularization included) of
    ``network`` on X (n_0, m), Y (n_L, m)."""
    if name == "loss":
        with np.errstate(all="ignore"):
            return batch_loss(network, X, Y, config)[0]
    result = evaluate(network, X, Y, classification=name != "mse")
    if name == "mse":
        return result.mse
    if name == "accuracy":
        return result.accuracy
    return result.class_accuracy if class_ is None else float(result.class_accuracy[class_])


def _looks_at(session: Session, expect: Expect) -> int:
    """The step index an expectation needs the run to reach."""
    if expect.metric:
        return epoch_end_index(session, expect.after_epoch)
    return session.index_of(expect.epoch, expect.batch, expect.phase, expect.layer)


def _stopped_early(session: Session) -> str:
    return f"training stops before this point (epoch loss below stop_below = {session.config.stop_below:g})"
