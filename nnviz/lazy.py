"""Package names that load their module on first use (PEP 562), so that `nnviz --help`
and modules needing only a plain table do not load NumPy."""

from __future__ import annotations

from importlib import import_module
from typing import Callable


def lazy_names(package: str, namespace: dict, homes: dict[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` for ``package``: each name of ``homes`` is imported from its
    module (relative to ``package``) on first use and kept in ``namespace``, so later lookups
    skip ``__getattr__``."""

    def __getattr__(name: str):
        if name not in homes:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(homes[name], package), name)
        namespace[name] = value
        return value

    return __getattr__
