"""Training settings, as plain data."""

from __future__ import annotations

from dataclasses import dataclass

DTYPES = ("float64", "float32")


@dataclass(frozen=True)
class TrainingConfig:
    """How to train. ``batch_size`` None means the full batch (batch GD).

    A wrong setting raises one ValueError naming it and its valid values (engine.arguments)."""

    loss: str
    learning_rate: float
    batch_size: int | None = None
    epochs: int = 1
    shuffle: bool = False
    seed: int = 0
    l1: float = 0.0
    l2: float = 0.0
    train_biases: bool = True
    stop_below: float | None = None  # the document's "till Loss < ε", checked per epoch
    mistakes: frozenset[str] = frozenset()  # injected backprop slips, see engine.mistakes
    optimizer: str = "sgd"  # engine.optimizers: sgd, momentum, nesterov, rmsprop, adam
    momentum: float = 0.9  # μ of momentum and nesterov
    rho: float = 0.9  # ρ of rmsprop
    beta1: float = 0.9  # Adam's β1, β2 and ε (ε also rmsprop's)
    beta2: float = 0.999
    eps: float = 1e-8
    dtype: str = "float64"  # or "float32": every array of training (Scenario.with_dtype casts them)

    def __post_init__(self) -> None:
        from .arguments import check_config  # it imports the loss and optimizer tables

        object.__setattr__(self, "mistakes", check_config(self))
