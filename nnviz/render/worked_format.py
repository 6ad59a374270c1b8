"""How a worked example is written: its notation (Unicode or LaTeX) and its
three output formats (text, markdown, latex). worked.py builds the document
from the engine's steps; this module only spells it out.

A document is a list of blocks: ``Title``, ``Heading``, ``Para`` and ``Eq``.
An ``Eq`` is ``lhs = part = part = result``; an exercise prints its result
as a blank, and the answer key lists ``lhs = result`` under the same headings.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..engine.activations import get_activation
from ..engine.trace import symbol
from . import mathtext

_SUB = str.maketrans("0123456789jk", "₀₁₂₃₄₅₆₇₈₉ⱼₖ")


@dataclass(frozen=True)
class Title:
    text: str


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Eq:
    lhs: str
    parts: tuple[str, ...]  # the symbolic form, then the numbers substituted
    result: float
    relation: str = "="    # "←" for an update


class Unicode:
    """The notes' notation in plain text: z¹₁ = 0.9·0.3 + 0.2·0.5 + … = 0.8."""

    minus, times, arrow, eta, blank, ellipsis, partial, half = mathtext.MINUS, "·", "←", "η", "____", "…", "∂", "½"

    def __init__(self, digits: int = 4) -> None:
        self.digits = digits

    def num(self, x: float) -> str:
        return mathtext.num(x, self.digits)

    def factor(self, x: float) -> str:
        """A number as a factor of a product: negative ones in parentheses."""
        return mathtext.factor(x, self.digits)

    def product(self, *values: float) -> str:
        return self.times.join(self.factor(v) for v in values)

    def sym(self, letter: str, layer: int | None, *index: int) -> str:
        """w²₁₃ for ('w', 2, 0, 2): 0-based indices in, the document's 1-based out."""
        return symbol(letter, layer, *index)

    def indexed(self, letter: str, layer: int, index: str) -> str:
        """w²ⱼ₁: a symbol with a letter for an index, as in a sum over j (w²_q where q has no subscript)."""
        sub = index.translate(_SUB)
        return symbol(letter, layer) + (sub if all(not c.isascii() for c in sub) else f"_{index}")

    def word(self, text: str) -> str:
        return text

    def call(self, function: str, argument: str) -> str:
        return f"{function}({argument})"

    def g(self, activation: str) -> str:
        return get_activation(activation).symbol

    def prime(self, activation: str) -> str:
        return f"{self.g(activation)}′"

    def log(self, argument: str) -> str:
        return f"log({argument})"

    def sum(self, terms: list[str]) -> str:
        """a + b + c; past 12 terms the middle gives way to an ellipsis and a count."""
        return mathtext.elide(terms)

    def signed_sum(self, values) -> str:
        """0.1106 − 0.0008578 + 0.2916: each term's sign as its operator; the middle of a long one elided."""
        return mathtext.signed_sum(values, self.digits)

    def signed_join(self, texts: list[str]) -> str:
        """signed_sum's form for terms already written (an exercise's blanked ones by their symbol)."""
        return mathtext.signed_join(texts)

    def sigma(self, index: str) -> str:
        return f"Σ_{index} "

    def fraction(self, top: str, bottom: str) -> str:
        return f"{top}/{bottom}"

    def square(self, base: str) -> str:
        return f"({base})²"

    def matrix(self, letter: str, layer: int) -> str:
        return symbol(letter, layer)


class Latex(Unicode):
    """The same notation for LaTeX's math mode: z^{1}_{1} = 0.9 \\cdot 0.3 + \\dots"""

    minus, times, arrow, eta, blank, ellipsis, partial, half = "-", r" \cdot ", r"\leftarrow", r"\eta", \
        r"\underline{\hspace{3em}}", r"\dots", r"\partial ", r"\frac{1}{2}"
    _LETTERS = {"σ": r"\sigma", "tanh": r"\tanh", "relu": r"\operatorname{relu}", "lrelu": r"\operatorname{lrelu}",
                "id": r"\operatorname{id}", "softmax": r"\operatorname{softmax}", "ℓ": r"\ell"}

    def num(self, x: float) -> str:
        return _tex(super().num(x))

    def factor(self, x: float) -> str:
        return _tex(super().factor(x))

    def signed_sum(self, values) -> str:
        return _tex(super().signed_sum(values))

    def sum(self, terms: list[str]) -> str:
        return _tex(super().sum(terms))

    def signed_join(self, texts: list[str]) -> str:
        return _tex(super().signed_join(texts))

    def sym(self, letter: str, layer: int | None, *index: int) -> str:
        letter = self._LETTERS.get(letter, letter)
        sup = "" if layer is None else f"^{{{layer}}}"
        numbers = [str(i + 1) for i in index]
        sub = ("".join(numbers) if all(len(n) == 1 for n in numbers) else ",".join(numbers))
        return f"{{{letter}}}{sup}" + (f"_{{{sub}}}" if sub else "")

    def indexed(self, letter: str, layer: int, index: str) -> str:
        return f"{{{letter}}}^{{{layer}}}_{{{index}}}"

    def word(self, text: str) -> str:
        return rf"\text{{{text}}}"

    def call(self, function: str, argument: str) -> str:
        return rf"{self._LETTERS.get(function, function)}\left({argument}\right)"

    def g(self, activation: str) -> str:
        return self._LETTERS[super().g(activation)]

    def prime(self, activation: str) -> str:
        return f"{self.g(activation)}'"

    def log(self, argument: str) -> str:
        return rf"\log\left({argument}\right)"

    def sigma(self, index: str) -> str:
        return rf"\sum_{{{index}}} "

    def fraction(self, top: str, bottom: str) -> str:
        return rf"\frac{{{top}}}{{{bottom}}}"

    def square(self, base: str) -> str:
        return rf"\left({base}\right)^2"

    def matrix(self, letter: str, layer: int) -> str:
        return f"{letter}^{{{layer}}}"


def _tex(text: str) -> str:
    """mathtext's Unicode for LaTeX's math mode."""
    return text.replace(mathtext.MINUS, "-").replace("…", r"\dots").replace("  (", r"\quad (").replace(
        " terms)", r"\text{ terms})")


NOTATIONS = {"text": Unicode, "markdown": Unicode, "latex": Latex}


def equation(eq: Eq, notation: Unicode, exercise: bool = False) -> str:
    """lhs = part = … = result (or a blank)."""
    result = notation.blank if exercise else notation.num(eq.result)
    sides = [eq.lhs, *(part for k, part in enumerate(eq.parts) if k == 0 or part != eq.parts[k - 1]), result]
    return f" {eq.relation} ".join(sides[:2]) + "".join(f" = {side}" for side in sides[2:])


def answer_key(blocks: list) -> list:
    """The blocks of an exercise's answer key: every heading, and lhs = result."""
    return [block if not isinstance(block, Eq) else Eq(block.lhs, (), block.result, block.relation)
            for block in blocks if not isinstance(block, Para)]


def render(blocks: list, fmt: str, notation: Unicode, exercise: bool = False) -> str:
    """The document in ``fmt``: "text", "markdown" or "latex"."""
    lines: list[str] = []
    if fmt == "latex":
        lines += [r"\documentclass{article}", r"\usepackage{amsmath}", r"\allowdisplaybreaks", r"\begin{document}"]
    in_equations = False
    for block in blocks:
        if isinstance(block, Eq):
            if not in_equations:
                lines.append({"text": "", "markdown": "```text", "latex": r"\begin{align*}"}[fmt])
                in_equations = True
            text = equation(block, notation, exercise)
            if fmt == "latex":
                head, _, tail = text.partition(f" {block.relation} ")
                text = f"{head} &{block.relation} {tail} \\\\"
            lines.append(("    " if fmt == "text" else "") + text)
            continue
        if in_equations:
            if fmt == "latex":
                lines[-1] = lines[-1].removesuffix(" \\\\")
            lines.append({"text": "", "markdown": "```", "latex": r"\end{align*}"}[fmt])
            in_equations = False
        lines += _block(block, fmt)
    if in_equations:
        if fmt == "latex":
            lines[-1] = lines[-1].removesuffix(" \\\\")
        lines.append({"text": "", "markdown": "```", "latex": r"\end{align*}"}[fmt])
    if fmt == "latex":
        lines.append(r"\end{document}")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"


def _block(block, fmt: str) -> list[str]:
    text = block.text
    if fmt == "latex":
        text = _latex_text(text)
        kind = {Title: r"\section*", Heading: r"\subsection*"}.get(type(block))
        return [f"{kind}{{{text}}}"] if kind else ["", text, ""]
    if isinstance(block, Title):
        return [f"# {text}", ""] if fmt == "markdown" else [text, "=" * len(text), ""]
    if isinstance(block, Heading):
        return ["", f"## {text}", ""] if fmt == "markdown" else ["", text, "-" * len(text)]
    return [text, ""] if fmt == "markdown" else [text]


def _latex_text(text: str) -> str:
    """Running text for LaTeX: its special characters escaped, the notes' symbols in math mode."""
    for char, escaped in (("\\", r"\textbackslash{}"), ("&", r"\&"), ("%", r"\%"), ("$", r"\$"), ("#", r"\#"),
                          ("_", r"\_"), ("{", r"\{"), ("}", r"\}"), ("~", r"\~{}"), ("^", r"\^{}")):
        text = text.replace(char, escaped)
    for char, math in (("η", r"$\eta$"), ("×", r"$\times$"), ("·", r"$\cdot$"), ("−", "-"), ("σ", r"$\sigma$"),
                       ("ŷ", r"$\hat{y}$"), ("→", r"$\rightarrow$"), ("←", r"$\leftarrow$"), ("ᵀ", r"$^\top$"),
                       ("Σ", r"$\Sigma$"), ("…", r"\dots{}"), ("²", r"$^2$"), ("½", r"$\frac12$"), ("ℓ", r"$\ell$"),
                       ("⊙", r"$\odot$"), ("√", r"$\surd$"), ("λ", r"$\lambda$"), ("∂", r"$\partial$"), ("‖", r"$\|$")):
        text = text.replace(char, math)
    # Anything else outside ASCII (a scenario's own title) as its nearest ASCII letters.
    return "".join(c if c.isascii() else unicodedata.normalize("NFKD", c).encode("ascii", "ignore").decode()
                   for c in text)
