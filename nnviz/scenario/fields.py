"""Typed reads from a parsed TOML table, each failing with a ScenarioError
that names the file and the key path. Every table of a scenario file, [data]
included, reads its keys through a Fields, so a wrong value reads the same
wherever it is."""

from __future__ import annotations

import difflib
import math
import os
from pathlib import Path
from typing import Any, Iterable

import numpy as np

from ..files import not_a_regular_file
from .errors import ScenarioError

MISSING = object()
FLOAT_LIMIT = 2 ** 1024  # the first whole number float64 cannot hold
EXACT_LIMIT = 2 ** 53  # whole numbers up to this are exact as float64 and as class labels


def describe(value: Any) -> str:
    """How a TOML value reads in an error: true, 'abc', a list, a table, 1.5,
    and a whole number too long to print as 'a whole number of about 400 digits'."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) and abs(value) >= 10 ** 20:
        return f"a whole number of about {int(value.bit_length() * 0.30103) + 1} digits"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if isinstance(value, dict):
        return "a table"
    return repr(value)


def is_number(value: Any) -> bool:
    """True for TOML integers and floats; booleans are not numbers here."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def is_finite_number(value: Any) -> bool:
    """A TOML number that float64 holds as a finite value: not NaN, not Inf,
    not a whole number beyond the float range (10**400 would overflow)."""
    if not is_number(value):
        return False
    return abs(value) < FLOAT_LIMIT if isinstance(value, int) else math.isfinite(value)


def suggest(word: str, choices: Iterable[str]) -> str:
    """'; did you mean 'x'?' for a close match, else ''. Case does not count:
    x for X is a whole-string mismatch to difflib, so it is caught first."""
    by_lower = {choice.lower(): choice for choice in choices}
    if word.lower() in by_lower:
        return f"; did you mean '{by_lower[word.lower()]}'?"
    close = difflib.get_close_matches(word.lower(), list(by_lower), n=1)
    return f"; did you mean '{by_lower[close[0]]}'?" if close else ""


class Fields:
    """A table at ``prefix`` (e.g. 'training') of scenario ``file``.

    Each read takes a ``default``: without one the key is required; with one,
    an absent key gives the default as it is (None for an optional key)."""

    def __init__(self, file: str, prefix: str, table: Any) -> None:
        self.file, self.prefix = file, prefix
        if not isinstance(table, dict):
            raise self.error("", f"expected a table, got {describe(table)}")
        self.table = table

    def key(self, key: str) -> str:
        return f"{self.prefix}.{key}" if self.prefix and key else (self.prefix or key)

    def error(self, key: str, message: str) -> ScenarioError:
        """A ScenarioError at ``prefix.key`` (the table itself when key is '')."""
        return ScenarioError(self.file, self.key(key), message)

    def has(self, key: str) -> bool:
        return key in self.table

    def only(self, allowed: Iterable[str]) -> None:
        """Reject keys not in ``allowed``, suggesting the close one."""
        allowed = list(allowed)
        for key in self.table:
            if key not in allowed:
                hint = suggest(key, allowed) or f"; expected one of {', '.join(allowed)}"
                raise self.error(key, f"unknown key{hint}")

    def get(self, key: str, default: Any = MISSING) -> Any:
        if key in self.table:
            return self.table[key]
        if default is MISSING:
            raise self.error(key, "required key is missing")
        return default

    def integer(self, key: str, default: Any = MISSING, minimum: int | None = None,
                maximum: int | None = None) -> int:
        """A whole number in [minimum, maximum]."""
        value = self.get(key, default)
        if key not in self.table:
            return value
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(key, f"expected a whole number, got {describe(value)}")
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            bounds = f">= {minimum}" if maximum is None else f"from {minimum} to {maximum}"
            raise self.error(key, f"expected a whole number {bounds}, got {describe(value)}")
        return value

    def number(self, key: str, default: Any = MISSING, minimum: float | None = None,
               positive: bool = False) -> float:
        """A finite int or float, as float: above 0 if ``positive``, at least ``minimum``."""
        value = self.get(key, default)
        if key not in self.table:
            return value
        if not is_finite_number(value):
            raise self.error(key, f"expected a finite number, got {describe(value)}")
        if positive and value <= 0:
            raise self.error(key, f"expected a number > 0, got {value:g}")
        if minimum is not None and value < minimum:
            raise self.error(key, f"expected a number >= {minimum:g}, got {value:g}")
        return float(value)

    def boolean(self, key: str, default: Any = MISSING) -> bool:
        value = self.get(key, default)
        if not isinstance(value, bool):
            raise self.error(key, f"expected true or false, got {describe(value)}")
        return value

    def string(self, key: str, default: Any = MISSING, choices: Iterable[str] | None = None) -> str:
        value = self.get(key, default)
        if key not in self.table:
            return value
        if not isinstance(value, str):
            raise self.error(key, f"expected a string, got {describe(value)}")
        if choices is not None and value not in (choices := list(choices)):
            hint = suggest(value, choices) or f"; expected one of {', '.join(choices)}"
            raise self.error(key, f"unknown value '{value}'{hint}")
        return value

    def strings(self, key: str, choices: Iterable[str] | None = None) -> list[str] | None:
        """A non-empty list of distinct non-empty strings (each one of ``choices``
        when given), or None when absent."""
        value = self.table.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or not value:
            raise self.error(key, f"expected a non-empty list of strings, got {describe(value)}")
        for i, item in enumerate(value):
            if not isinstance(item, str) or not item:
                raise self.error(f"{key}[{i}]", f"expected a non-empty string, got {describe(item)}")
            if item in value[:i]:
                raise self.error(f"{key}[{i}]", f"'{item}' appears twice")
            if choices is not None and item not in (choices := list(choices)):
                hint = suggest(item, choices) or f"; expected one of {', '.join(choices)}"
                raise self.error(f"{key}[{i}]", f"unknown value '{item}'{hint}")
        return value

    def path(self, key: str, base_dir: Path) -> Path:
        """The regular file named by ``key``, relative to the scenario's folder."""
        path = Path(os.path.abspath(base_dir / self.string(key)))  # resolve() fails on a symlink loop
        problem = not_a_regular_file(path)
        if problem is not None:
            raise self.error(key, f"{problem}: {path}")
        return path

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
                where = f"[{i}][{j}]" if isinstance(item, list) else f"[{i}]"
                if not is_number(cell):
                    raise error(key, f"expected numbers, got {describe(cell)} at {where}")
                if isinstance(cell, int) and not is_finite_number(cell):
                    raise error(key, f"{describe(cell)} at {where} is beyond the float range (about 1.8e308)")
    elif not is_number(value):
        raise error(key, f"expected a number or a list of numbers, got {describe(value)}")
    elif isinstance(value, int) and not is_finite_number(value):
        raise error(key, f"{describe(value)} is beyond the float range (about 1.8e308)")
    array = np.array(value, dtype=np.float64)
    if array.ndim == 0 and not np.isfinite(array):
        raise error(key, f"expected a finite number, got {value}")
    if not np.isfinite(array).all():
        where = tuple(int(i) for i in np.argwhere(~np.isfinite(array))[0])
        raise error(key, f"NaN or Inf at {list(where)}")
    return array


def check_labels_exact(values: np.ndarray, fields: Fields, key: str, name: str) -> None:
    """Raise when whole-number labels reach beyond ±2**53, where float64 and int64
    disagree (2**63 - 1 would come back as -9.2e18)."""
    if values.size and values.dtype.kind in "iuf":
        big = np.flatnonzero(np.abs(values.astype(np.float64)) > EXACT_LIMIT)
        if big.size:
            raise fields.error(key, f"{values.flat[big[0]]} at row {int(big[0])} of {name} is beyond ±2**53, "
                                    f"where whole-number labels and targets stop being exact")


def check_finite(a: np.ndarray, fields: Fields, key: str, name: str) -> None:
    """Raise at the first NaN or Inf in a (m,) or (m, n) array of data, naming row and column."""
    bad = np.argwhere(~np.isfinite(a))
    if bad.size:
        at = tuple(int(i) for i in bad[0])
        where = f"row {at[0]}" + (f", column {at[1]}" if a.ndim > 1 else "")
        raise fields.error(key, f"{name} has {a[at]} at {where}; values must be finite numbers")
