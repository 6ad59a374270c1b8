"""Numbers as the equation panel, the chain-rule inspector and `nnviz explain` print them:
significant digits, a real minus sign, negative factors in parentheses,
as in 0.9·0.3 + 0.4·(−0.4). Text only, no math beyond formatting."""

from __future__ import annotations

import textwrap
from typing import Callable, Iterable

from ..textfmt import MINUS, math_number, math_readout

num = math_number  # 0.8, −0.2791, 1e−05; a negative zero prints as 0
result = math_readout  # what a line of arithmetic comes to: '= 0.8', or '≈ −0.0261052' when rounded


def factor(x: float, digits: int = 4) -> str:
    """A number as a factor of a product: negative ones in parentheses."""
    text = num(x, digits)
    return f"({text})" if text.startswith(MINUS) else text


def product(values: Iterable[float], digits: int = 4) -> str:
    """(−2.952)·0.8·0.2492"""
    return "·".join(factor(v, digits) for v in values)


def elide(items: list[str], keep: int = 12, sep: str = " + ") -> str:
    """The items joined by ``sep``; past ``keep`` the middle gives way to '…' and a count."""
    return elided(len(items), items.__getitem__, keep, sep)


def elided(count: int, item: Callable[[int], str], keep: int = 12, sep: str = " + ") -> str:
    """``elide`` of [item(0), …, item(count − 1)], making only the items it shows
    (a neuron of 784 inputs shows 12 of its products)."""
    if count <= keep:
        return sep.join(item(i) for i in range(count))
    return sep.join([item(i) for i in range(keep - 2)] + ["…", item(count - 1)]) + f"  ({count} terms)"


def signed_sum(values: Iterable[float], digits: int = 4, keep: int = 12) -> str:
    """0.1106 − 0.0008578 + 0.2916: each term's sign as the operator."""
    return signed_join([num(v, digits) for v in values], keep)


def signed_join(texts: list[str], keep: int = 12) -> str:
    """Numbers (or symbols) as a sum, each negative number's sign as its operator."""
    terms = texts[:1] + [f"{MINUS} {t[1:]}" if t.startswith(MINUS) else f"+ {t}" for t in texts[1:]]
    if len(terms) > keep:
        terms = terms[:keep - 2] + ["+ …", terms[-1]]
        return " ".join(terms) + f"  ({len(texts)} terms)"
    return " ".join(terms)


def cell(layer_name: str, row: int, col: int) -> str:
    """W1[1,3] for 0-based (0, 2): the document counts from 1."""
    return f"{layer_name}[{row + 1},{col + 1}]"


OPERATORS = ("+", MINUS, "=", "≈", "←", "·")
GLUE = "\x00"  # holds an operator to the term after it while wrapping


def wrap(line: str, width: int | None, indent: str = "  ") -> list[str]:
    """``line`` in lines of at most ``width`` characters, broken at spaces but never just
    after an operator, so each continued line starts with its '+ term' or its '≈ result';
    continued lines are indented. A word longer than the width is left whole."""
    if width is None or len(line) <= width:
        return [line]
    words = line.split(" ")
    glued = [word + GLUE if word in OPERATORS and i + 1 < len(words) else word + " "
             for i, word in enumerate(words)]
    text = "".join(glued).rstrip(" ")
    lines = textwrap.wrap(text, width, subsequent_indent=indent, break_long_words=False,
                          break_on_hyphens=False, drop_whitespace=True)
    return [part.replace(GLUE, " ") for part in lines]
