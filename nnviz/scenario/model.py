"""A validated scenario: the network, its data and how to train it."""

from __future__ import annotations

import numbers
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from ..arguments import one_of, real_number, whole_number
from ..engine.arguments import check_data, check_run
from ..engine.config import TrainingConfig
from ..engine.network import Network, frozen
from ..engine.step import PHASE_ARRAYS, PHASES


METRICS = ("accuracy", "class_accuracy", "loss", "mse")
SPLITS = ("train", "test")


@dataclass(frozen=True)
class Expect:
    """One expectation. Either on a step's array (epoch, batch, phase, layer,
    array) or on a metric of the predictions (metric, after_epoch, class_, split)."""

    value: float | list
    tol: float
    note: str = ""
    erratum: bool = False
    document: float | list | None = None  # what the document prints, for errata
    epoch: int = 1
    batch: int = 1
    phase: str | None = None
    layer: int | None = None
    array: str | None = None
    metric: str | None = None
    after_epoch: int = 0
    class_: int | None = None
    split: str = "train"

    def __post_init__(self) -> None:
        """A wrong field raises one ValueError naming it and its valid values. (NaN is a value
        one may expect; an Expect with neither phase nor metric only judges a value.)"""
        who = "Expect's"
        if isinstance(self.value, bool) or not isinstance(self.value, (numbers.Real, list)):
            raise ValueError(f"{who} value must be a number or a list of numbers, got {self.value!r}")
        real_number(f"{who} tol", self.tol, minimum=0.0)
        if self.metric is not None:
            one_of(f"{who} metric", self.metric, METRICS)
            whole_number(f"{who} after_epoch", self.after_epoch, 0)
            one_of(f"{who} split", self.split, SPLITS)
            if self.class_ is not None:
                whole_number(f"{who} class_", self.class_, 0)
        elif self.phase is not None:
            one_of(f"{who} phase", self.phase, PHASES)
            one_of(f"{who} array", self.array, PHASE_ARRAYS[self.phase])
            whole_number(f"{who} epoch", self.epoch, 1)
            whole_number(f"{who} batch", self.batch, 1)
            if self.phase != "loss":
                whole_number(f"{who} layer", self.layer, 1)

    @property
    def where(self) -> str:
        """Where the expectation looks, as a person reads it."""
        if self.metric:
            cls = f" class {self.class_}" if self.class_ is not None else ""
            return f"{self.metric}{cls} ({self.split}) after epoch {self.after_epoch}"
        layer = f" layer {self.layer}" if self.layer is not None else ""
        return f"epoch {self.epoch} batch {self.batch} {self.phase}{layer} {self.array}"


@dataclass(frozen=True)
class Scenario:
    """Everything a Session needs. X is (n_0, m) and Y is (n_L, m), one example
    per column; ``labels`` is (m,) class indices for classification, else None."""

    network: Network
    X: np.ndarray
    Y: np.ndarray
    training: TrainingConfig
    name: str = ""
    description: str = ""
    X_test: np.ndarray | None = None
    Y_test: np.ndarray | None = None
    expects: tuple[Expect, ...] = ()
    path: Path | None = None
    image_shape: tuple[int, int] | None = None
    feature_names: tuple[str, ...] = field(default_factory=tuple)
    class_names: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        """A wrong field raises one ValueError naming it (engine.arguments)."""
        check_run("Scenario's", self.network, self.X, self.Y, self.training, "training")
        if (self.X_test is None) != (self.Y_test is None):
            raise ValueError("Scenario's X_test and Y_test must be given together (or both None)")
        if self.X_test is not None:
            check_data("Scenario's", self.network, self.X_test, self.Y_test, "X_test", "Y_test")
        if not isinstance(self.expects, tuple) or not all(isinstance(e, Expect) for e in self.expects):
            raise ValueError(f"Scenario's expects must be a tuple of Expect, got {self.expects!r}")

    @property
    def m(self) -> int:
        return self.X.shape[1]

    @property
    def is_classification(self) -> bool:
        return self.training.loss in ("binary_cross_entropy", "cross_entropy")

    @property
    def title(self) -> str:
        return self.name or (self.path.stem if self.path else "scenario")

    def with_dtype(self, dtype: str) -> Scenario:
        """This scenario computed in ``dtype`` ("float64" or "float32"): its parameters and
        data cast once here, so that every array the engine makes from them has that dtype."""
        if dtype == self.training.dtype and self.X.dtype == np.dtype(dtype):
            return self

        def cast(array):
            return None if array is None else frozen(np.array(array, dtype=dtype))

        network = self.network.with_params([(cast(layer.W), cast(layer.b)) for layer in self.network.layers], None)
        return replace(self, network=network, X=cast(self.X), Y=cast(self.Y), X_test=cast(self.X_test),
                       Y_test=cast(self.Y_test), training=replace(self.training, dtype=dtype))

    def one_example(self, index: int, network: Network, split: str = "train") -> Scenario:
        """This scenario narrowed to one example (column ``index`` of the train or
        test split), starting from ``network``: one batch of one example, one
        epoch, so that a chosen example can be stepped through on its own."""
        X, Y = (self.X, self.Y) if split == "train" else (self.X_test, self.Y_test)
        if X is None or not 0 <= index < X.shape[1]:
            raise IndexError(f"no example {index} in the {split} split")
        return replace(
            self, network=network, X=X[:, [index]], Y=Y[:, [index]], X_test=None, Y_test=None, expects=(),
            training=replace(self.training, batch_size=None, epochs=1, shuffle=False, stop_below=None),
            name=f"{self.title}: {split} example {index}",
        )
