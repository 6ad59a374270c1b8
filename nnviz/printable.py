"""Text from a file or an argument, made safe to echo on a terminal.

A key holding ESC [2J would clear the user's screen when an error prints it;
NUL, U+2028 or U+0085 would break the promise of one line. :func:`printable`
writes every control, format and separator character as an escape instead
(``\\x1b``, ``\\n``, ``\\u2028``). The CLI, ScenarioError and the app's error
display all use it.
"""

from __future__ import annotations

import unicodedata

# Cc controls (ESC, NUL, U+0085), Cf format (bidi overrides), Cs lone surrogates
# (undecodable bytes of a file name), Zl and Zp (U+2028, U+2029).
UNSAFE = frozenset(("Cc", "Cf", "Cs", "Zl", "Zp"))
NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: object) -> str:
    """``str(text)`` with every unsafe character escaped; ordinary text comes back unchanged."""
    text = str(text)
    if text.isprintable():
        return text
    return "".join(_escape(c) if unicodedata.category(c) in UNSAFE else c for c in text)


def printable_lines(text: object) -> str:
    """Like :func:`printable` but keeping line breaks, for a multi-line description."""
    return "\n".join(printable(line) for line in str(text).split("\n"))


def _escape(c: str) -> str:
    if c in NAMED:
        return NAMED[c]
    code = ord(c)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
