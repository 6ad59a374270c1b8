"""The scenarios that ship with nnviz, found by name."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path

from .errors import ScenarioError

DEFAULT = "binary-example"


def bundled_dir() -> Path:
    """The folder of bundled scenarios: the installed package, or the checkout's scenarios/."""
    try:
        folder = Path(str(resources.files("nnviz.scenarios")))
        if any(folder.glob("*.toml")):
            return folder
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parents[2] / "scenarios"


def bundled_names() -> list[str]:
    return sorted(path.stem for path in bundled_dir().glob("*.toml"))


def bundled_summaries() -> list[tuple[str, str]]:
    """(name, one-line title) for each bundled scenario."""
    rows = []
    for name in bundled_names():
        try:
            table = tomllib.loads((bundled_dir() / f"{name}.toml").read_text(encoding="utf-8"))
            title = table.get("name", "") if isinstance(table.get("name", ""), str) else ""
        except (OSError, tomllib.TOMLDecodeError):
            title = "(unreadable)"
        rows.append((name, title))
    return rows


def resolve(source: str | Path) -> Path:
    """An existing file path, or the bundled scenario of that name."""
    from ..files import not_a_regular_file

    path = Path(source)
    problem = not_a_regular_file(path)
    if problem is None:
        return path
    name = path.name.removesuffix(".toml")
    candidate = bundled_dir() / f"{name}.toml"
    if str(source) == name and not_a_regular_file(candidate) is None:
        return candidate
    if problem != "file not found":
        said = {"a folder, not a file": "is a folder, not a scenario file",
                "not a regular file (a device or a pipe?)": "is not a regular file (a device or a pipe?); name a .toml file"}
        raise ScenarioError(str(source), "", said.get(problem, f"cannot open it: {problem}"))
    from .fields import suggest  # fields loads numpy; a found file needs neither

    hint = suggest(name, bundled_names())
    raise ScenarioError(str(source), "", f"no such file or bundled scenario{hint or '; nnviz list shows the bundled ones'}")
