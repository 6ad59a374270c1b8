"""Predict the next number: which number of a step a learner is asked for, and the score.

The app's predict mode takes the next step, asks for its headline number
before showing it, then shows the right value, the difference and the score.
Which number is the headline is decided here, from the Step's own arrays:

    forward   a^l_j of the selected neuron (z^l_j when the pick was made in Z)
    loss      the batch loss L
    backward  dz^l_j of the selected neuron (dw^l_ji when the pick was made in dW)
    update    the selected weight after its update, w^l_ji

An answer counts when it is within a relative tolerance of the right value
(1% by default): |guess − value| ≤ tolerance · |value|.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .engine.step import Step
from .engine.trace import symbol
from .textfmt import number

DEFAULT_TOLERANCE = 0.01


@dataclass(frozen=True)
class Headline:
    """The number asked for: its symbol (a¹₁, L, dw²₁₃), what it is, and its value."""

    symbol: str
    meaning: str
    value: float


def headline(step: Step, row: int, col: int, example: int, array: str | None = None) -> Headline:
    """The headline number of ``step`` for the selected neuron ``row``, input ``col``
    and example (0-based); ``array`` is the array the selection was picked in."""
    l, k = step.layer, example
    where = f" (example {k + 1} of the batch)" if step.examples.size > 1 else ""
    if step.phase == "forward":
        if array == "Z":
            return Headline(symbol("z", l, row), f"the weighted sum of neuron {row + 1} of layer {l}{where}",
                            float(step["Z"][row, k]))
        return Headline(symbol("a", l, row), f"the output of neuron {row + 1} of layer {l}{where}",
                        float(step["A"][row, k]))
    if step.phase == "loss":
        return Headline("L", "the loss of the batch", float(step["loss"]))
    if step.phase == "backward":
        if array == "dW":
            return Headline(symbol("dw", l, row, col), f"the gradient of weight {symbol('w', l, row, col)}",
                            float(step["dW"][row, col]))
        return Headline(symbol("dz", l, row), f"the gradient at neuron {row + 1} of layer {l}{where}",
                        float(step["dZ"][row, k]))
    w = symbol("w", l, row, col)
    return Headline(w, f"weight {w} after its update", float(step["W_new"][row, col]))


def parse_number(text: str) -> float:
    """A typed number: '0.69', '-0.28', '−0.28' (the app's minus), '6.9e-1'; ValueError otherwise."""
    value = float(text.strip().replace("−", "-").replace(",", "."))
    if not math.isfinite(value):
        raise ValueError(f"{text!r} is not a finite number")
    return value


def parse_tolerance(text: str) -> float:
    """'1%' or '0.01' -> 0.01: a relative tolerance, from 0 up to 100%."""
    text = text.strip()
    value = parse_number(text.removesuffix("%")) / (100 if text.endswith("%") else 1)
    if not 0 <= value <= 1:
        raise ValueError(f"a tolerance from 0% to 100%, not {text}")
    return value


@dataclass(frozen=True)
class Verdict:
    guess: float
    right: float
    within: bool
    tolerance: float

    @property
    def difference(self) -> float:
        return self.guess - self.right

    def describe(self, name: str, digits: int = 4) -> str:
        """'a¹₂ = 0.6271; you said 0.6, off by -0.02715: more than ±1%'"""
        verdict = "within" if self.within else "more than"
        return (f"{name} = {number(self.right, digits)}; you said {number(self.guess, digits)}, "
                f"off by {number(self.difference, digits)}: {verdict} ±{self.tolerance * 100:g}%")


@dataclass
class Score:
    """The answers so far, and the tolerance they are judged by."""

    tolerance: float = DEFAULT_TOLERANCE
    right: int = 0
    asked: int = 0

    def answer(self, guess: float, head: Headline) -> Verdict:
        within = abs(guess - head.value) <= self.tolerance * abs(head.value)
        self.asked += 1
        self.right += within
        return Verdict(guess, head.value, within, self.tolerance)

    def describe(self) -> str:
        """'predict: 2/3 right ±1%' (short: the status line shows it at 80 columns)"""
        return f"predict: {self.right}/{self.asked} right ±{self.tolerance * 100:g}%"
