"""One plain sentence per step, in a learner's words, about the selected neuron and weight.

    sentence(step, trace, row=0, col=0, example=0)
    -> 'ŷ ≈ 0.72 but y = 1, so dz²₁ = ŷ − y ≈ −0.28; the update raises w²₁₁, which lowers the loss.'

``row`` is the neuron j of the step's layer (the output neuron on the loss
step), ``col`` the input i of the weight w^l_ji, ``example`` the batch column
k, all 0-based; ``trace`` is the batch's (``Session.trace``). Every number
comes from the step and the trace; this module only words them, with two
significant digits, so the sentence stays one line; '≈' where they round, as
every readout writes (textfmt.readout).
"""

from __future__ import annotations

from .engine.activations import get_activation
from .engine.explain import backward_terms, neuron_terms, update_terms
from .engine.step import Step
from .engine.trace import BatchTrace, symbol
from .textfmt import math_number, math_readout

DIGITS = 2


def _n(x: float) -> str:
    return math_number(x, DIGITS)


def _is(x: float) -> str:
    """'= 1' or '≈ 0.72': '=' only where the digits are the value, as every readout writes it."""
    return math_readout(x, DIGITS)


def sentence(step: Step | None, trace: BatchTrace | None, row: int = 0, col: int = 0, example: int = 0) -> str:
    """The sentence for ``step`` and the selection; '' when there is nothing to say."""
    if step is None or trace is None:
        return ""
    words = {"forward": _forward, "loss": _loss, "backward": _backward, "update": _update}[step.phase]
    return words(step, trace, row, col, example)


def _output(trace: BatchTrace, j: int) -> tuple[str, str]:
    """The names of output j's prediction and target: ŷ and y, or ŷ₂ and y₂ for several outputs."""
    if trace.Y.shape[0] == 1:
        return "ŷ", "y"
    return symbol("ŷ", None, j), symbol("y", None, j)


def _forward(step, trace, j, i, k) -> str:
    terms = neuron_terms(step, j, k)
    l, n = terms.layer, len(terms.terms)
    g = get_activation(terms.activation).symbol
    if terms.activation == "softmax":
        g = f"softmax over layer {terms.layer}'s z"
    then = (f"the network's prediction {_output(trace, j)[0]}" if l == trace.depth
            else f"what layer {l + 1} reads")
    inputs = "input" if n == 1 else f"{n} inputs"
    return (f"Neuron {j + 1} of layer {l} weighs its {inputs} and adds its bias: "
            f"{symbol('z', l, j)} {_is(terms.z)}; {g} turns that into {symbol('a', l, j)} {_is(terms.a)}, {then}.")


def _loss(step, trace, j, i, k) -> str:
    y_hat, y = float(step["Y_hat"][j, k]), float(step["Y"][j, k])
    p, t = _output(trace, j)
    gap = (f"{p} {_is(y_hat)} but {t} {_is(y)}" if _n(y_hat) != _n(y)
           else f"{p} {'=' if y_hat == y else '≈'} {t} {_is(y)}")
    m = step.examples.size
    batch = f" (over the batch of {m}, L {_is(step.loss)})" if m > 1 else ""
    return f"{gap}: this example's loss is {_n(step['losses'][k])}{batch}, and backprop starts from this gap."


def _climbs(trace: BatchTrace) -> bool:
    """The update is the injected 'ascent' mistake: W ← W + η·dW."""
    return "ascent" in getattr(trace.config, "mistakes", ())


def _direction(dw: float, w: str, climbs: bool = False) -> str:
    """What the update does to w, given dL/dw, and what that does to the loss."""
    if dw == 0:
        return f"the update leaves {w} as it is (it does not change the loss)"
    raises = (dw < 0) != climbs
    effect = "raises the loss: it climbs the gradient" if climbs else "lowers the loss"
    return f"the update {'raises' if raises else 'lowers'} {w}, which {effect}"


def _backward(step, trace, j, i, k) -> str:
    l = step.layer
    terms = backward_terms(trace, l, j, k)
    dz = symbol("dz", l, j)
    if terms.kind == "fused":
        p, t = _output(trace, j)
        why = f"{p} {_is(terms.a)} but {t} {_is(terms.y)}, so {dz} = {p} − {t} {_is(terms.dZ)}"
    elif terms.kind == "elementwise":
        g = get_activation(terms.activation).symbol
        why = (f"The error reaching neuron {j + 1}, da {_is(terms.dA)}, times the slope "
               f"{g}′ {_is(terms.g_prime)} gives {dz} {_is(terms.dZ)}")
    else:
        why = f"{dz} {_is(terms.dZ)} gathers every output's error through the softmax"
    w = symbol("w", l, j, i)
    dw = float(step["dW"][j, i])
    batch = f"over the batch d{w} {_is(dw)}, so " if step.examples.size > 1 else ""
    return f"{why}; {batch}{_direction(dw, w, _climbs(trace))}."


def _update(step, trace, j, i, k) -> str:
    l = step.layer
    terms = update_terms(step, j, i, trace.config.learning_rate)
    w = symbol("w", l, j, i)
    if terms.frozen:
        return f"Layer {l} is frozen: {w} stays {_n(terms.w_old)}."
    dw = float(trace.grads.dW[l - 1][j, i])
    if dw == 0:
        return f"d{w} = 0: {w} stays {_n(terms.w_old)}; it did not change this batch's loss."
    sign = "negative" if dw < 0 else "positive"
    moves = "raises" if terms.w_new > terms.w_old else "lowers"
    if terms.state:  # momentum, RMSProp, Adam: the step comes from the optimizer's memory, not from η·dw alone
        return (f"d{w} {_is(dw)}; {trace.config.optimizer} {moves} {w} by {_n(abs(terms.eta_dW))} "
                f"to {_n(terms.w_new)}, a step its memory of past gradients shapes.")
    effect = "raises the loss: it climbs the gradient" if _climbs(trace) else "lowers the loss"
    return (f"d{w} {_is(dw)} is {sign}, so the update {moves} {w} by η·|d{w}| {_is(abs(terms.eta_dW))} "
            f"to {_n(terms.w_new)}, which {effect}.")