"""The chain-rule inspector: ∂L/∂w for one weight, every path written out.

    result = explain.chain_rule_paths(trace, layer, row, col)   # 0-based row, col
    app.push_screen(ChainRuleScreen(result))                    # escape or q closes it

For each example of the batch, each path from the weight to the loss is shown
with its factors, output first as the document's chain-rule section writes
them, their numbers and the path's product; then the sum over paths, the
batch mean (1/m, or none for sse and half_sse), the regularization, and the
equality with the engine's dW entry. Past the path limit it shows the δ
recursion dZ_l = W_{l+1}ᵀ dZ_{l+1} ⊙ g′(Z_l) for the weight's neuron instead.
The screen is built from explain's plain data and computes nothing.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from ...engine.explain import ChainRulePaths, DeltaRecursion
from ...engine.trace import GradientSum, symbol
from ...textfmt import READOUT_DIGITS, number
from ...render.mathtext import cell, elide, num, product, signed_sum

EQUAL_TO = 1e-12
FULL_EXAMPLES = 4  # examples whose paths are written out in full; the rest as sums


class ChainRuleScreen(ModalScreen[None]):
    """A modal view of one weight's chain rule."""

    DEFAULT_CSS = """
    ChainRuleScreen {
        align: center middle;
    }
    ChainRuleScreen > Vertical {
        width: 95%;
        height: 90%;
        padding: 0 1;
        border: round $accent;
        background: $surface;
    }
    ChainRuleScreen #chain-rule-body {
        height: 1fr;
    }
    """

    BINDINGS = [Binding("escape", "dismiss", "Close"), Binding("q", "dismiss", "Close", show=False)]

    def __init__(self, result: ChainRulePaths | DeltaRecursion, *, digits: int = READOUT_DIGITS) -> None:
        super().__init__()
        self.result = result
        self.digits = digits

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = f"chain rule: ∂L/∂{self.result.symbol}"
            box.border_subtitle = "esc closes"
            with VerticalScroll(id="chain-rule-body"):
                yield Static(chain_rule_text(self.result, self.digits), id="chain-rule-text")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)


def chain_rule_text(result: ChainRulePaths | DeltaRecursion, digits: int = READOUT_DIGITS) -> Text:
    """The whole derivation as rich Text."""
    weight = cell(f"W{result.layer}", result.row, result.col)
    lines: list[str | Text] = []
    if isinstance(result, ChainRulePaths):
        plural = "path" if result.n_paths == 1 else "paths"
        lines.append(Text(f"∂L/∂{result.symbol} = Σ over {result.n_paths} {plural} from {result.symbol} "
                          f"({weight} = {num(result.weight, digits)}) to the loss", style="bold"))
        lines += _paths(result, digits)
    else:
        lines.append(Text(f"∂L/∂{result.symbol}: {result.n_paths} paths from {result.symbol} "
                          f"({weight} = {num(result.weight, digits)}) to the loss, more than {result.limit}",
                          style="bold"))
        lines += _recursion(result, digits)
    lines += _total(result, digits)
    text = Text()
    for line in lines:
        text.append(line if isinstance(line, Text) else Text(line))
        text.append("\n")
    text.rstrip()
    return text


def _examples(gradient: GradientSum) -> tuple[int, list[int]]:
    m = gradient.per_example.size
    return m, list(range(min(m, FULL_EXAMPLES)))


def _paths(result: ChainRulePaths, digits: int) -> list[str | Text]:
    m, shown = _examples(result.gradient)
    lines: list[str | Text] = [""]
    for k in shown:
        if m > 1:
            lines.append(Text(f"example {k + 1} of {m}", style="underline"))
        for index, path in enumerate(result.paths, start=1):
            route = " → ".join(symbol("z", result.layer + i, j) for i, j in enumerate(path.neurons))
            if path.output is not None:  # the softmax output it reaches through the Jacobian
                route += f" → {symbol('a', result.layer + len(path.neurons) - 1, path.output)}"
            lines.append(f"  path {index}: {route} → L")
            lines.append("    " + " · ".join(f.symbol for f in path.factors))
            lines.append(f"    = {product((f.values[k] for f in path.factors), digits)}"
                         f" = {num(path.product[k], digits)}")
        paths = [p.product[k] for p in result.paths]
        if len(paths) > 1:
            lines.append(f"  Σ paths = {signed_sum(paths, digits)} = {num(result.gradient.per_example[k], digits)}")
    return lines


def _recursion(result: DeltaRecursion, digits: int) -> list[str | Text]:
    m, shown = _examples(result.gradient)
    l, j = result.layer, result.row
    dz = symbol("dz", l, j)
    if result.g_prime is None:
        rule = f"dZ{l} = J_softmax(Z{l})ᵀ · dA{l}, for neuron {j + 1}:"
        a_q = f"{symbol('a', l)}_q"
        form = f"{dz} = Σ_q ∂L/∂{a_q} · ∂{a_q}/∂{symbol('z', l, j)}"
    else:
        rule = f"dZ{l} = W{l + 1}ᵀ dZ{l + 1} ⊙ g′(Z{l}), the memoized δ recursion, for neuron {j + 1}:"
        form = f"{dz} = ({elide([f'{a.symbol}·{b.symbol}' for a, b in result.pairs], keep=6)}) · {result.g_prime.symbol}"
    lines: list[str | Text] = [rule, "  " + form,
                               f"  ∂ℓ/∂{result.symbol} = {dz} · {result.a_prev.symbol}", ""]
    for k in shown:
        if m > 1:
            lines.append(Text(f"example {k + 1} of {m}", style="underline"))
        pairs = [product((a.values[k], b.values[k]), digits) for a, b in result.pairs]
        inner = f"({elide(pairs, keep=16)})"
        if result.g_prime is None:
            lines.append(f"  {dz} = {inner[1:-1]} = {num(result.dZ[k], digits)}")
        else:
            lines.append(f"  {dz} = {inner} · {num(result.g_prime.values[k], digits)}"
                         f" = {num(result.dA[k], digits)} · {num(result.g_prime.values[k], digits)}"
                         f" = {num(result.dZ[k], digits)}")
        lines.append(f"  ∂ℓ/∂{result.symbol} = {product((result.dZ[k], result.a_prev.values[k]), digits)}"
                     f" = {num(result.gradient.per_example[k], digits)}")
    return lines


def _total(result: ChainRulePaths | DeltaRecursion, digits: int) -> list[str | Text]:
    gradient = result.gradient
    m, shown = _examples(gradient)
    lines: list[str | Text] = [""]
    if m > len(shown):
        lines.append(f"per example, all {m}: {signed_sum(gradient.per_example, digits, keep=24)}")
    reg = "".join(f" + {name}" for name, _ in gradient.regularization)
    reg_values = "".join(f" + {num(value, digits)}" for _, value in gradient.regularization)
    mean = f"1/{m} · " if gradient.averaged else ""
    why = "the mean over the batch" if gradient.averaged else "summed over the batch: no 1/m for this loss"
    lines.append(f"∂L/∂{result.symbol} = {'1/m · ' if mean else ''}Σ_k ∂ℓ_k/∂{result.symbol}{reg}   ({why})")
    lines.append(f"  = {mean}({signed_sum(gradient.per_example, digits, keep=8)}){reg_values}"
                 f" = {num(gradient.total, 10)}")
    difference = abs(gradient.total - gradient.dW)
    equal = difference <= EQUAL_TO * max(1.0, abs(gradient.dW))
    verdict = (Text(f"✓ equal (difference {number(difference, 2)})", style="bold") if equal
               else Text(f"✗ differs by {number(difference)}", style="bold reverse"))
    lines.append(Text(f"{cell(f'dW{result.layer}', result.row, result.col)} = {num(gradient.dW, 10)}   ")
                 + verdict)
    return lines
