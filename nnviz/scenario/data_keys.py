"""Reading typed values out of a [data] table, with one-line errors.

Every loader of the [data] table reads its keys through one DataKeys, so a
wrong type reads the same whichever source it belongs to.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from nnviz.scenario.errors import ScenarioError
from nnviz.scenario.fields import suggest


def describe(value: Any) -> str:
    """How a TOML value reads in an error: true, 'abc', a list, a table, 1.5."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if isinstance(value, dict):
        return "a table"
    return repr(value)


def is_number(value: Any) -> bool:
    """True for TOML integers and floats; booleans are not numbers here."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@dataclass(frozen=True)
class DataKeys:
    """The parsed [data] table plus the file name its errors carry."""

    table: dict[str, Any]
    file: str

    def error(self, key: str, message: str) -> ScenarioError:
        """A ScenarioError at ``data.<key>`` (``data`` itself when key is '')."""
        return ScenarioError(self.file, f"data.{key}" if key else "data", message)

    def has(self, key: str) -> bool:
        return key in self.table

    def string(self, key: str, default: str | None = None) -> str | None:
        value = self.table.get(key, default)
        if value is not None and not isinstance(value, str):
            raise self.error(key, f"expected a string, got {describe(value)}")
        return value

    def integer(
        self, key: str, default: int | None, minimum: int, maximum: int | None = None
    ) -> int | None:
        """A whole number in [minimum, maximum], or default when absent."""
        value = self.table.get(key, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(key, f"expected a whole number, got {describe(value)}")
        if value < minimum or (maximum is not None and value > maximum):
            bounds = f">= {minimum}" if maximum is None else f"from {minimum} to {maximum}"
            raise self.error(key, f"expected a whole number {bounds}, got {value}")
        return value

    def number(self, key: str, default: float | None) -> float | None:
        """A finite int or float as float, or default when absent."""
        value = self.table.get(key, default)
        if value is None:
            return None
        if not is_number(value) or not math.isfinite(value):
            raise self.error(key, f"expected a finite number, got {describe(value)}")
        return float(value)

    def boolean(self, key: str, default: bool) -> bool:
        value = self.table.get(key, default)
        if not isinstance(value, bool):
            raise self.error(key, f"expected true or false, got {describe(value)}")
        return value

    def strings(self, key: str) -> list[str] | None:
        """A non-empty list of distinct non-empty strings, or None when absent."""
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
        return value

    def path(self, key: str, base_dir: Path) -> Path:
        """The file named by key, resolved against the scenario's folder."""
        path = (base_dir / self.string(key)).resolve()
        if not path.is_file():
            raise self.error(key, f"file not found: {path}")
        return path


def check_finite(a: np.ndarray, data: DataKeys, key: str, name: str) -> None:
    """Raise at the first NaN or Inf in a (m,) or (m, n) array, naming row and column."""
    bad = np.argwhere(~np.isfinite(a))
    if bad.size:
        at = tuple(int(i) for i in bad[0])
        where = f"row {at[0]}" + (f", column {at[1]}" if a.ndim > 1 else "")
        raise data.error(key, f"{name} has {a[at]} at {where}; values must be finite numbers")
