"""Typed reads from a parsed TOML table, each failing with a ScenarioError
that names the file and the key path."""

from __future__ import annotations

import difflib
import math
from typing import Any, Iterable

import numpy as np

from .errors import ScenarioError

MISSING = object()


def suggest(word: str, choices: Iterable[str]) -> str:
    """'; did you mean 'x'?' for a close match, else ''. Case does not count:
    x for X is a whole-string mismatch to difflib, so it is caught first."""
    by_lower = {choice.lower(): choice for choice in choices}
    if word.lower() in by_lower:
        return f"; did you mean '{by_lower[word.lower()]}'?"
    close = difflib.get_close_matches(word.lower(), list(by_lower), n=1)
    return f"; did you mean '{by_lower[close[0]]}'?" if close else ""


def type_name(value: Any) -> str:
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string",
            list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


class Fields:
    """A table at ``prefix`` (e.g. 'training') of scenario ``file``."""

    def __init__(self, file: str, prefix: str, table: Any) -> None:
        self.file, self.prefix = file, prefix
        if not isinstance(table, dict):
            raise self.error("", f"expected a table, got {type_name(table)}")
        self.table = table

    def key(self, key: str) -> str:
        return f"{self.prefix}.{key}" if self.prefix and key else (self.prefix or key)

    def error(self, key: str, message: str) -> ScenarioError:
        return ScenarioError(self.file, self.key(key), message)

    def only(self, allowed: Iterable[str]) -> None:
        """Reject keys not in ``allowed``, suggesting the close one."""
        allowed = list(allowed)
        for key in self.table:
            if key not in allowed:
                raise self.error(key, f"unknown key{suggest(key, allowed)}"
                                      f"{'' if suggest(key, allowed) else '; expected one of ' + ', '.join(allowed)}")

    def get(self, key: str, default: Any = MISSING) -> Any:
        if key in self.table:
            return self.table[key]
        if default is MISSING:
            raise self.error(key, "required key is missing")
        return default

    def integer(self, key: str, default: Any = MISSING, minimum: int | None = None) -> int:
        value = self.get(key, default)
        if value is default and default is not MISSING:
            return value
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(key, f"expected an integer, got {type_name(value)} {value!r}")
        if minimum is not None and value < minimum:
            raise self.error(key, f"must be at least {minimum}, got {value}")
        return value

    def number(self, key: str, default: Any = MISSING, minimum: float | None = None,
               positive: bool = False) -> float:
        value = self.get(key, default)
        if value is default and default is not MISSING:
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.error(key, f"expected a number, got {type_name(value)} {value!r}")
        if not math.isfinite(value):
            raise self.error(key, f"must be a finite number, got {value}")
        if positive and value <= 0:
            raise self.error(key, f"must be greater than 0, got {value:g}")
        if minimum is not None and value < minimum:
            raise self.error(key, f"must be at least {minimum:g}, got {value:g}")
        return float(value)

    def boolean(self, key: str, default: Any = MISSING) -> bool:
        value = self.get(key, default)
        if not isinstance(value, bool):
            raise self.error(key, f"expected true or false, got {type_name(value)} {value!r}")
        return value

    def string(self, key: str, default: Any = MISSING, choices: Iterable[str] | None = None) -> str:
        value = self.get(key, default)
        if value is default and default is not MISSING:
            return value
        if not isinstance(value, str):
            raise self.error(key, f"expected a string, got {type_name(value)} {value!r}")
        if choices is not None and value not in (choices := list(choices)):
            hint = suggest(value, choices) or f"; expected one of {', '.join(choices)}"
            raise self.error(key, f"unknown value '{value}'{hint}")
        return value

    def matrix(self, key: str, value: Any = MISSING) -> np.ndarray:
        """A number, a flat list or a list of equal rows, as float64 (no NaN/Inf)."""
        value = self.get(key) if value is MISSING else value
        return to_array(value, self.error, key)


def to_array(value: Any, error, key: str) -> np.ndarray:
    """float64 array from TOML numbers/lists; ``error(key, msg)`` on bad input."""
    if isinstance(value, list):
        rows = [isinstance(item, list) for item in value]
        if any(rows) and not all(rows):
            raise error(key, f"mixes numbers and rows: item {rows.index(not rows[0])} differs from item 0")
        if value and all(rows):
            widths = {len(row) for row in value}
            if len(widths) > 1:
                lengths = [len(row) for row in value]
                bad = next(i for i, n in enumerate(lengths) if n != lengths[0])
                raise error(key, f"ragged rows: row 0 has {lengths[0]} numbers, row {bad} has {lengths[bad]}")
        for i, item in enumerate(value):
            for j, cell in enumerate(item if isinstance(item, list) else [item]):
                if isinstance(cell, bool) or not isinstance(cell, (int, float)):
                    where = f"[{i}][{j}]" if isinstance(item, list) else f"[{i}]"
                    raise error(key, f"expected numbers, got {type_name(cell)} {cell!r} at {where}")
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        raise error(key, f"expected a number or a list of numbers, got {type_name(value)}")
    array = np.array(value, dtype=np.float64)
    if array.ndim == 0 and not np.isfinite(array):
        raise error(key, f"expected a finite number, got {value}")
    if not np.isfinite(array).all():
        where = tuple(int(i) for i in np.argwhere(~np.isfinite(array))[0])
        raise error(key, f"NaN or Inf at {list(where)}")
    return array
