"""Breakpoints: conditions on a Step that stop ``Session.run_until``."""

from __future__ import annotations

from dataclasses import dataclass

from .arguments import real_number, whole_number
from .engine.backprop import BatchRun
from .engine.step import PHASES, Step
from .engine.summary import norm as frobenius
from .textfmt import readout

KINDS = ("step", "loss_above", "loss_below", "non_finite", "grad_norm_above", "grad_norm_below",
         "epoch_end")


@dataclass(frozen=True)
class Breakpoint:
    """One condition. Build it with the class methods: ``Breakpoint.at("update", 1)``,
    ``Breakpoint.loss_above(2.0)``, ``Breakpoint.non_finite()``,
    ``Breakpoint.grad_norm_above(1e3)``, ``Breakpoint.epoch_end()``."""

    kind: str
    phase: str | None = None
    layer: int | None = None
    threshold: float | None = None

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown breakpoint kind {self.kind!r}; expected one of {', '.join(KINDS)}")
        if self.phase is not None and self.phase not in PHASES:
            raise ValueError(f"unknown phase {self.phase!r}; expected one of {', '.join(PHASES)}")
        if self.kind.startswith(("loss_", "grad_norm_")) and self.threshold is None:
            raise ValueError(f"a {self.kind} breakpoint needs a threshold")
        if self.threshold is not None:
            real_number("the threshold", self.threshold)
        if self.layer is not None:
            whole_number("the layer", self.layer)  # its range is the network's: Session and the app check it

    @classmethod
    def at(cls, phase: str | None = None, layer: int | None = None) -> Breakpoint:
        return cls("step", phase=phase, layer=layer)

    @classmethod
    def loss_above(cls, value: float) -> Breakpoint:
        return cls("loss_above", threshold=real_number("the threshold", value))

    @classmethod
    def loss_below(cls, value: float) -> Breakpoint:
        return cls("loss_below", threshold=real_number("the threshold", value))

    @classmethod
    def non_finite(cls) -> Breakpoint:
        return cls("non_finite")

    @classmethod
    def grad_norm_above(cls, value: float, layer: int | None = None) -> Breakpoint:
        return cls("grad_norm_above", layer=layer, threshold=real_number("the threshold", value))

    @classmethod
    def grad_norm_below(cls, value: float, layer: int | None = None) -> Breakpoint:
        return cls("grad_norm_below", layer=layer, threshold=real_number("the threshold", value))

    @classmethod
    def epoch_end(cls) -> Breakpoint:
        return cls("epoch_end")

    def describe(self) -> str:
        """How a person would say it: 'loss > 2', 'update, layer 1'."""
        where = f" (layer {self.layer})" if self.layer is not None else ""
        match self.kind:
            case "step":
                parts = [self.phase or "any phase"] + ([f"layer {self.layer}"] if self.layer else [])
                return ", ".join(parts)
            case "loss_above":
                return f"loss > {self.threshold:g}"
            case "loss_below":
                return f"loss < {self.threshold:g}"
            case "non_finite":
                return "NaN or Inf in any array"
            case "grad_norm_above":
                return f"‖dW‖ > {self.threshold:g}{where}"
            case "grad_norm_below":
                return f"‖dW‖ < {self.threshold:g}{where}"
        return "end of an epoch"

    def check(self, step: Step, epoch_end: bool) -> str | None:
        """Why this breakpoint fires on ``step`` (one line), or None."""
        match self.kind:
            case "step":
                if (self.phase in (None, step.phase)) and (self.layer in (None, step.layer)):
                    return f"breakpoint at {step.phase}" + (f" layer {step.layer}" if step.layer else "")
            case "loss_above" | "loss_below" if step.phase == "loss":
                loss = step.loss
                if (loss > self.threshold) if self.kind == "loss_above" else (loss < self.threshold):
                    return f"{self.describe()}: loss {readout(loss)}"
            case "non_finite":
                name = step.first_non_finite()
                if name is not None:
                    where = f"{step.phase}, layer {step.layer}" if step.layer else "the loss step"
                    return f"non-finite value in {name} ({where})"
            case "grad_norm_above" | "grad_norm_below" if step.phase == "backward":
                if self.layer in (None, step.layer):
                    norm = frobenius(step["dW"])  # inf, not a warning, when it overflows
                    above = self.kind == "grad_norm_above"
                    if (norm > self.threshold) if above else (norm < self.threshold):
                        return f"{self.describe()}: ‖dW{step.layer}‖ {readout(norm)}"
            case "epoch_end" if epoch_end:
                return f"end of epoch {step.epoch}"
        return None

    def may_fire(self, run: BatchRun, epoch_end: bool) -> bool:
        """Whether this could fire in a batch, judged from the batch alone.
        Never False when ``check`` would fire on one of its steps."""
        match self.kind:
            case "loss_above":
                return not run.loss <= self.threshold  # NaN counts
            case "loss_below":
                return not run.loss >= self.threshold
            case "non_finite":
                return run.finite is not True
            case "epoch_end":
                return epoch_end
        return True


@dataclass(frozen=True)
class Hit:
    """A breakpoint that fired: which one, on which step, and why."""

    breakpoint: Breakpoint
    step: Step
    message: str
