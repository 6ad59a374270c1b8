"""Serving the debugger to browsers: the one command line every tab runs, and
the one folder a served app may open scenario files from.

textual-serve starts one app process per browser connection by running a
shell command. That command is built here, once, from the server's own
command line; nothing a browser sends ever becomes part of it.
"""

from __future__ import annotations

import ipaddress
import shlex
import sys
from pathlib import Path


def app_command(scenario: str, scenario_dir: Path | None = None, screenshot_dir: Path | None = None) -> str:
    """The shell command that runs one served app: this Python's ``nnviz open``."""
    argv = [sys.executable, "-m", "nnviz", "open", scenario]
    if scenario_dir is not None:
        argv += ["--scenarios", str(Path(scenario_dir).resolve())]
    if screenshot_dir is not None:
        argv += ["--screenshots", str(Path(screenshot_dir).resolve())]
    return shlex.join(argv)


def is_local(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only (a loopback address or localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class ScenarioFolder:
    """The scenario files a served app may open: the .toml files under ``root``.

    A name is a path relative to the folder; one that leaves it (through
    ``..``, an absolute path or a symlink pointing outside) is refused."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root).resolve()

    def names(self) -> list[str]:
        """The .toml files under the folder (subfolders too), as relative names, sorted."""
        return sorted(path.relative_to(self.root).as_posix() for path in self.root.rglob("*.toml")
                      if self._inside(path) and path.is_file())

    def path(self, name: str) -> Path:
        """The file ``name`` names, or ValueError in one line when it leaves the folder."""
        path = (self.root / name).resolve()
        if not self._inside(path):
            raise ValueError(f"{name}: refused, it is not under the served folder {self.root.name}/")
        if not path.is_file():
            raise ValueError(f"{name}: no such file under the served folder {self.root.name}/")
        return path

    def _inside(self, path: Path) -> bool:
        return path.resolve().is_relative_to(self.root)
