"""The equation panel: the step's formula, its numbers for one neuron, and what they mean.

    panel = EquationPanel(id="equation")
    panel.show(step, neuron=0)                        # forward, loss: the Step is enough
    panel.show(step, neuron=0, trace=trace, col=2)    # backward: dz's chain-rule factors, dw
    panel.show(step, neuron=0, col=2, learning_rate=0.5)  # update: w ← w − η·dw

``neuron`` (row) and ``col`` are 0-based and clamped to the layer; ``trace``
is the step's batch as the Session computed it (what a Frame carries as
``frame.trace``). The numbers are read from it by nnviz.engine.explain; this
module only writes them out, e.g. for the document's binary example:

    z¹₁ = 0.9·0.3 + 0.2·0.5 + 0.4·(−0.4) + 0.3·0.3 + 0.5 = 0.8
    a¹₁ = σ(0.8) = 0.69

(the document's a_11 is this pre-activation, which the engine calls Z).
"""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...engine.activations import get_activation
from ...engine.explain import (BatchTrace, backward_terms, neuron_terms, symbol, update_terms,
                               weight_gradient)
from ...engine.step import Step
from ...engine.trace import a_symbol, derivative_symbol
from ...narrate import sentence
from ...textfmt import READOUT_DIGITS, vector
from ..frame import Frame, Selection
from .drawing import set_drawing_size, styled_lines
from ...render.mathtext import elide, elided, factor, num, product, result, signed_sum, wrap


FORMULA_GAP = "   "


def pack(lines: list[str], width: int | None) -> str:
    """The lines, as many side by side (FORMULA_GAP apart) as fit ``width``; one a line without it."""
    if width is None:
        return "\n".join(lines)
    packed: list[str] = []
    for line in lines:
        if packed and len(packed[-1]) + len(FORMULA_GAP) + len(line) <= width:
            packed[-1] += FORMULA_GAP + line
        else:
            packed.append(line)
    return "\n".join(packed)


class EquationPanel(ScrollView, can_focus=True):
    """The formula of the current step, with one neuron's numbers substituted.

    Drawn on the Line API inside a panel whose size the layout fixes: a new
    step wraps the new text and repaints, and never lays the screen out again
    (a Static of ``height: auto`` did, twice a step). Text taller than the
    panel scrolls."""

    DEFAULT_CSS = """
    EquationPanel {
        height: 1fr;
    }
    """

    # Bound to the screen's: the viewed step and the selection's neuron, weight and example.
    frame: reactive[Frame | None] = reactive(None, repaint=False)
    selected_layer: reactive[int | None] = reactive(None, repaint=False)
    selection: reactive[Selection] = reactive(Selection, repaint=False)

    _due = False  # a redraw is scheduled

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.text = Text()  # what the panel shows, before wrapping
        self._lines: list[Strip] = []  # the text wrapped to the panel's width, styled
        self._blank = Strip([])  # a line below the text
        self._wrapped: tuple[int, Text] | None = None

    def _redraw(self) -> None:
        """Draw once the frame and the selection have both arrived (they are set one after the other)."""
        if not self._due:
            self._due = True
            self.call_later(self._draw)

    def _draw(self) -> None:
        self._due = False
        frame, where = self.frame, self.selection
        if frame is None:
            return
        text = panel_text(frame, self.selected_layer, where, self.size.width)
        self._set_text(text)

    watch_frame = watch_selected_layer = watch_selection = _redraw

    def on_resize(self) -> None:
        self._redraw()

    def show(self, step: Step | None, neuron: int = 0, *, trace: BatchTrace | None = None, example: int = 0,
             col: int = 0, learning_rate: float | None = None, digits: int = READOUT_DIGITS) -> None:
        self._set_text(equation_text(step, neuron, trace=trace, example=example, col=col,
                                     learning_rate=learning_rate, digits=digits))

    def _set_text(self, text: Text) -> None:
        self.text = text
        self._wrap()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._wrapped = None  # the lines carry the widget's style

    def _wrap(self) -> list[Strip]:
        """The text wrapped to the width, as strips in the widget's style (drawn
        again only when the text, the width or the styles changed)."""
        width = self.scrollable_content_region.width
        if self._wrapped is None or self._wrapped[0] != width or self._wrapped[1] is not self.text:
            self._wrapped = (width, self.text)
            style = self.rich_style
            self._lines = styled_lines(self.app.console, self.text, width, style) if width > 0 else []
            self._blank = Strip.blank(width, style)
            set_drawing_size(self, Size(width, len(self._lines)))
        return self._lines

    def render_line(self, y: int) -> Strip:
        lines = self._wrap()
        y += self.scroll_offset.y
        return lines[y] if y < len(lines) else self._blank


def panel_text(frame: Frame, selected_layer: int | None, where: Selection, width: int) -> Text:
    """What the panel shows in ``width`` columns: the equation of the viewed step for the
    selection, then the sentence; both wrapped to keep a blank column before the edge."""
    trace, step = frame.trace, frame.view(selected_layer)
    room = max(width - 1, 1)
    text = equation_text(step, where.row, trace=trace, example=where.example, col=where.col,
                         learning_rate=trace.config.learning_rate if trace else None, width=room)
    said = sentence(step, trace, where.row, where.col, where.example)
    if said:
        text.append("\n" + "\n".join(wrap(said, room, indent="")), style="italic")
    return text


def equation_text(step: Step | None, neuron: int = 0, *, trace: BatchTrace | None = None, example: int = 0,
                  col: int = 0, learning_rate: float | None = None, digits: int = READOUT_DIGITS,
                  width: int | None = None) -> Text:
    """What the panel shows, as rich Text: the formula in bold, then the numbers.
    The formula's lines share lines where ``width`` allows; a longer line of numbers
    wraps before an operator (mathtext.wrap): every number is written in full, to
    READOUT_DIGITS as the readouts write it, at every width."""
    if step is None:
        return Text("before the first step: press n to take it", style="dim")
    text = Text()
    text.append(pack(step.formula.split("\n"), width), style="bold")
    m = step.examples.size
    example = min(max(example, 0), m - 1)
    if step.phase == "forward":
        neuron = _clamp(neuron, step["W"].shape[0])
        lines = _forward(step, neuron, example, digits, width)
    elif step.phase == "loss":
        lines = _loss(step, example, digits)
    elif step.phase == "backward":
        neuron = _clamp(neuron, step["dZ"].shape[0])
        col = _clamp(col, step["dW"].shape[1])
        lines = _backward(step, trace, neuron, col, example, digits)
    else:
        neuron, col = _clamp(neuron, step["W_old"].shape[0]), _clamp(col, step["W_old"].shape[1])
        if learning_rate is None and trace is not None:
            learning_rate = trace.config.learning_rate
        lines = _update(step, neuron, col, learning_rate, digits, width)
    if m > 1 and step.phase != "update":
        lines.append(f"(example {example + 1} of the batch's {m})")
    text.append("\n\n" + "\n".join(part for line in lines for part in wrap(line, width)))
    return text


def _clamp(index: int, size: int) -> int:
    return min(max(index, 0), size - 1)


def _forward(step: Step, neuron: int, example: int, digits: int, width: int | None = None) -> list[str]:
    terms = neuron_terms(step, neuron, example)
    pairs = terms.terms  # (w, a) of every input
    n = len(pairs)
    l, j = terms.layer, neuron
    z = symbol("z", l, j)
    lines = []
    if n <= 6:  # the symbols too, as the document writes a_11 = w_111 * x_1 + …
        names = [f"{symbol('w', l, j, i)}·{a_symbol(l - 1, i)}" for i in range(n)]
        lines.append(f"{z} = {' + '.join(names)} + {symbol('b', l, j)}")

    def term(i: int) -> str:  # w·a, then the bias last
        return product(pairs[i], digits) if i < n else factor(terms.bias, digits)

    line = f"{z} = {elided(n + 1, term)} {result(terms.z, digits)}"
    if len(wrap(line, width)) > 3:  # fewer terms, so the sentence stays in view
        line = f"{z} = {elided(n + 1, term, keep=6)} {result(terms.z, digits)}"
    lines.append(line)
    a = symbol("a", l, j)
    if terms.activation == "softmax":  # each output depends on the whole column z^l
        lines.append(f"{a} = softmax({symbol('z', l)}){symbol('', None, j)} {result(terms.a, digits)}")
    else:
        g = get_activation(terms.activation).symbol
        lines.append(f"{a} = {g}({z}) = {g}({num(terms.z, digits)}) {result(terms.a, digits)}")
    return lines


def _loss(step: Step, example: int, digits: int) -> list[str]:
    y_hat, y = step["Y_hat"][:, example], step["Y"][:, example]
    losses = step["losses"]
    return [f"ŷ = {vector(y_hat, digits)}   y = {vector(y, digits)}   "
            f"loss of this example {result(losses[example], digits)}",
            f"L {result(step.loss, digits)} over the batch of {losses.size}"]


def _backward(step: Step, trace: BatchTrace | None, neuron: int, col: int, example: int, digits: int) -> list[str]:
    l, j = step.layer, neuron
    dz = symbol("dz", l, j)
    if trace is None:
        return [f"{dz} {result(step['dZ'][j, example], digits)}"]
    terms = backward_terms(trace, l, j, example)
    a = symbol("a", l, j)
    if terms.kind == "fused":
        y = symbol("y", None, j)
        line = f"{dz} = {a} − {y} = {num(terms.a, digits)} − {factor(terms.y, digits)}"
    elif terms.kind == "elementwise":
        line = (f"{dz} = {symbol('da', l, j)} · {derivative_symbol(terms.activation, l, j)}"
                f" = {product((terms.dA, terms.g_prime), digits)}")
    else:
        pairs = [product(pair, digits) for pair in zip(terms.jacobian, terms.dA_all)]
        a_q = f"{symbol('a', l)}_q"
        line = f"{dz} = Σ_q ∂{a_q}/∂{symbol('z', l, j)} · ∂L/∂{a_q} = {elide(pairs)}"
    lines = [f"{line} {result(terms.dZ, digits)}"]
    gradient = weight_gradient(trace, l, j, col)
    w, m = symbol("w", l, j, col), gradient.per_example.size
    reg = "".join(f" + {name}" for name, _ in gradient.regularization)
    reg_values = "".join(f" + {factor(value, digits)}" for _, value in gradient.regularization)
    if m == 1:  # one example: the product itself, as the document's dw = x·dz
        values = product((terms.dZ, trace.grads.A[l - 1][col, example]), digits)
        lines.append(f"d{w} = {dz}·{a_symbol(l - 1, col)}{reg} = {values}{reg_values} {result(gradient.total, digits)}")
        return lines
    scale = f"1/{m} · " if gradient.averaged else ""
    values = f"{scale}({signed_sum(gradient.per_example, digits, keep=6)})"
    lines.append(f"d{w} = {'1/m · ' if scale else ''}Σ_k {dz}·{a_symbol(l - 1, col)}{reg}"
                 f" = {values}{reg_values} {result(gradient.total, digits)}")
    return lines


def _update(step: Step, row: int, col: int, learning_rate: float | None, digits: int,
            width: int | None = None) -> list[str]:
    terms = update_terms(step, row, col, learning_rate)
    l = step.layer
    w, b = symbol("w", l, row, col), symbol("b", l, row)
    memory = []
    for stem, w_value, b_value in terms.state:  # the optimizer's memory, named as in the formula
        stem = stem.replace("M_hat", "M̂").replace("V_hat", "V̂")
        memory.append(f"{stem}_d{w} {result(w_value, digits)}")
        if b_value is not None:
            memory.append(f"{stem}_d{b} {result(b_value, digits)}")
    lines = pack(memory, width).split("\n") if memory else []  # side by side, so w and b stay in view
    for name, old, eta_grad, g, new, fixed in (
            (w, terms.w_old, terms.eta_dW, terms.dW, terms.w_new, terms.frozen),
            (b, terms.b_old, terms.eta_db, terms.db, terms.b_new, terms.bias_fixed)):
        if fixed:
            lines.append(f"{name} stays {num(old, digits)} (not trained)")
            continue
        step_text = factor(eta_grad, digits) if g is None else f"{num(terms.eta, digits)}·{factor(g, digits)}"
        change = "the step" if terms.state else f"η·d{name}"
        lines.append(f"{name} ← {name} − {change} = {num(old, digits)} − {step_text} {result(new, digits)}")
    return lines
