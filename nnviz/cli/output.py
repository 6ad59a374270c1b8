"""How nnviz's output meets the terminal: colour or not, and characters
the output encoding cannot hold.

Colour follows no-color.org: none when NO_COLOR is set (to anything but the
empty string), when TERM=dumb, on --no-color, or where click would strip it
(a pipe, a file). Characters the encoding lacks (PYTHONIOENCODING=latin-1, an
ASCII locale) become ASCII, ``×`` -> ``x``, ``→`` -> ``->``, ``Σ`` -> ``sum``,
instead of a UnicodeEncodeError.
"""

from __future__ import annotations

import codecs
import io
import os
import sys
import unicodedata

import click

FALLBACK = {
    "×": "x", "→": "->", "←": "<-", "Σ": "sum", "∑": "sum", "η": "eta", "ε": "eps", "σ": "sigma",
    "λ": "lambda", "Δ": "delta", "∂": "d", "≥": ">=", "≤": "<=", "≠": "!=", "≈": "~", "…": "...",
    "—": "-", "–": "-", "−": "-", "‖": "||", "⊙": "*", "·": ".", "●": "o", "•": "*", "✓": "ok",
    "✗": "x", "│": "|", "─": "-", "ŷ": "y^", "Ŷ": "Y^", "ᵀ": "^T", "²": "^2", "√": "sqrt",
}
ERRORS = "nnviz-ascii"


def _ascii_for(c: str) -> str:
    if c in FALLBACK:
        return FALLBACK[c]
    if 0x2800 <= ord(c) <= 0x28FF:  # braille dots of a chart
        return " " if c == "\u2800" else "."
    if 0x2500 <= ord(c) <= 0x257F:  # box drawing
        return "+"
    return unicodedata.normalize("NFKD", c).encode("ascii", "ignore").decode("ascii") or "?"


def _fallback(err: UnicodeError):
    if not isinstance(err, UnicodeEncodeError):
        raise err
    return "".join(_ascii_for(c) for c in err.object[err.start:err.end]), err.end


codecs.register_error(ERRORS, _fallback)


def tolerate_encoding() -> None:
    """stdout and stderr write what their encoding cannot hold as ASCII instead of raising."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors=ERRORS)


def use_color(no_color: bool = False) -> bool:
    """Colour unless asked not to (--no-color, NO_COLOR, TERM=dumb), or unless
    click would strip it (a pipe, a file, a test runner)."""
    from click.globals import resolve_color_default

    if no_color or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return not click.utils.should_strip_ansi(sys.stdout, resolve_color_default())


def echo_text(text, color: bool) -> None:
    """Print a rich Text: with ANSI colours and styles, or its plain characters."""
    if not color:
        click.echo(text.plain)
        return
    from rich.console import Console

    console = Console(file=io.StringIO(), force_terminal=True, width=10_000, legacy_windows=False)
    with console.capture() as captured:
        console.print(text, end="", soft_wrap=True)
    click.echo(captured.get(), color=True)


def echo_chart(chart: str, no_color: bool = False) -> None:
    """A plotext chart, without its colour escapes where colour is off."""
    click.echo(chart if use_color(no_color) else click.unstyle(chart), color=True)
