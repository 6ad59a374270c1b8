"""The one error a bad scenario raises: file, key path, what to do."""

from ..printable import printable


class ScenarioError(ValueError):
    """A scenario file (or a Scenario built in Python) is invalid.

    ``str(err)`` is one line: ``binary.toml: weights.W2: expected shape (1, 4) ...``.
    """

    def __init__(self, file: str, key: str, message: str) -> None:
        # A key or value may hold a line break or an escape sequence (TOML allows
        # both in quoted keys): one line, safe to print on a terminal.
        file, key, message = (printable(part) for part in (file, key, message))
        self.file = file
        self.key = key
        self.message = message
        where = ": ".join(part for part in (file, key) if part)
        super().__init__(f"{where}: {message}" if where else message)
