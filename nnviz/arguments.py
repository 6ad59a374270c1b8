"""Checks for the arguments of the public API (Session, Breakpoint, and through
nnviz.engine.arguments the engine's entry points): a wrong argument raises one
ValueError whose message names it and lists the valid values, as the scenario
reader does for a file, instead of an internal TypeError or, worse, a typo that
silently runs to the end of training. No third-party import: the engine uses it."""

from __future__ import annotations

import math
import numbers
from typing import Any, Iterable


class StepOutOfRange(IndexError, ValueError):
    """A step index beyond training: an IndexError (as before) and a ValueError (as every argument error)."""


def whole_number(name: str, value: Any, low: int | None = None, high: int | None = None) -> int:
    """``value`` as an int in [low, high]; 1.5, True, '3' and None are refused."""
    bounds = "" if low is None else f" from {low}" + ("" if high is None else f" to {high}")
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be a whole number{bounds}, got {value!r}")
    value = int(value)
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(f"{name} must be a whole number{bounds}, got {value}")
    return value


def one_of(name: str, value: Any, choices: Iterable[str]) -> str:
    """``value`` if it is one of ``choices`` (case counts: 'Forward' is not 'forward')."""
    choices = list(choices)
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(choices)}, got {value!r}")
    return value


def real_number(name: str, value: Any, finite: bool = False, minimum: float | None = None,
                positive: bool = False, below: float | None = None) -> float:
    """``value`` as a float; a string, a bool or NaN is refused (±Inf is a number that compares,
    unless ``finite``). ``minimum`` (≥), ``positive`` (> 0) and ``below`` (<) bound it."""
    kind = "a finite number" if finite else "a number"
    if positive:
        kind += " > 0"
    elif minimum is not None:
        kind += f" >= {minimum:g}" if below is None else f" in [{minimum:g}, {below:g})"
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or math.isnan(value) or (
            finite and math.isinf(value)) or (positive and value <= 0) or (
            minimum is not None and value < minimum) or (below is not None and value >= below):
        raise ValueError(f"{name} must be {kind}, got {value!r}")
    return float(value)


def flag(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be True or False, got {value!r}")
    return value


def callable_or_none(name: str, value: Any) -> None:
    if value is not None and not callable(value):
        raise ValueError(f"{name} must be a function or None, got {value!r}")
