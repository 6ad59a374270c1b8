"""A batch (or one step) written out as the notes write their worked examples:
each neuron's weighted sum with its numbers substituted, the loss, the
backward pass with its chain-rule factors, and the updates.

Every number is read from the engine's Steps and from engine.explain's
substitution helpers; nothing here computes. worked_format.py spells the
document out as text, markdown or LaTeX.

    blocks = batch_blocks(session, batch=1, neurons=None, notation=Unicode())
    print(render(blocks, "markdown", Unicode()))
"""

from __future__ import annotations

from typing import Sequence

from ..engine.explain import backward_terms, neuron_terms, update_terms, weight_gradient
from ..engine.losses import get_loss
from ..engine.step import Step
from ..engine.trace import BatchTrace
from ..session import Session
from .worked_format import Eq, Heading, Para, Title, Unicode

LARGE = 8  # a layer with more neurons or inputs than this is written as matrices, plus chosen neurons


def is_large(sizes: Sequence[int]) -> bool:
    return max(sizes) > LARGE


def batch_blocks(session: Session, batch: int, neurons: Sequence[int] | None, notation: Unicode,
                 exercise: bool = False) -> list:
    """Batch ``batch`` (1-based, counted over the whole training) written out.
    ``neurons``: the 0-based neurons of each layer to write (None: every one).
    ``exercise``: a result used again later is written by its symbol, since its number is the answer."""
    last = batch * session.steps_per_batch - 1
    session.goto(last)
    steps = session.batch_steps
    writer = _Writer(session, steps, neurons, notation, exercise)
    first = steps[0]
    blocks = [Title(f"{session.scenario.title}: epoch {first.epoch}, batch {first.batch}"), *writer.preamble()]
    for step in steps:
        blocks += writer.step(step)
    return blocks


def step_blocks(session: Session, number: int, neurons: Sequence[int] | None, notation: Unicode,
                exercise: bool = False) -> list:
    """Step ``number`` (1-based, as the app counts) written out."""
    session.goto(number - 1)
    steps = session.batch_steps
    step = steps[-1]
    writer = _Writer(session, steps, neurons, notation, exercise)
    return [Title(f"{session.scenario.title}: step {number}, epoch {step.epoch}, batch {step.batch}"),
            *writer.preamble(), *writer.step(step)]


class _Writer:
    def __init__(self, session: Session, steps: Sequence[Step], neurons: Sequence[int] | None,
                 notation: Unicode, exercise: bool = False) -> None:
        self.session, self.steps, self.n, self.exercise = session, steps, notation, exercise
        self.neurons = neurons
        self.config = session.config
        self.m = steps[0].examples.size
        self.trace: BatchTrace | None = session.trace  # the batch as the engine computed it

    def known(self, name: str, value: float, factor: bool = True) -> str:
        """A value that an earlier line computed: its symbol in an exercise (its number is that line's
        answer), else its number (as a factor of a product unless ``factor`` is False)."""
        if self.exercise:
            return name
        return self.n.factor(value) if factor else self.n.num(value)

    def chosen(self, size: int) -> list[int]:
        return list(range(size)) if self.neurons is None else sorted({min(j, size - 1) for j in self.neurons})

    def inputs(self, size: int) -> list[int]:
        """The weights of a neuron written one by one: all of them, or the first of a large layer."""
        return list(range(size)) if size <= LARGE or self.neurons is None else [0]

    def preamble(self) -> list:
        net = self.session.scenario.network
        acts = ", ".join(layer.activation.name for layer in net.layers)
        examples = ", ".join(str(int(k) + 1) for k in self.steps[0].examples[:10])
        more = "…" if self.m > 10 else ""
        text = (f"Network {'-'.join(map(str, net.sizes))} ({acts}), loss {self.config.loss}, "
                f"learning rate η = {self.config.learning_rate:g}; this batch: {self.m} example"
                f"{'s' * (self.m != 1)} ({examples}{more}).")
        blocks = [Para(text)]
        if self.m > 1:
            blocks.append(Para("Each neuron's sum and chain-rule factors are written for the batch's first "
                               "example; the gradients average over all of them."))
        if self.neurons is not None:
            blocks.append(Para("Neurons written out: " + ", ".join(str(j + 1) for j in self.neurons)
                               + " of each layer (of a large layer, the first weight of each)."))
        return blocks

    def matrices(self, shapes: str) -> list:
        """A large network's layer as matrices with their shapes, before its chosen neurons."""
        return [Para(shapes)] if is_large(self.session.scenario.network.sizes) else []

    def step(self, step: Step) -> list:
        return {"forward": self.forward, "loss": self.loss, "backward": self.backward,
                "update": self.update}[step.phase](step)

    # ---- the four phases -------------------------------------------------
    def forward(self, step: Step) -> list:
        n, l = self.n, step.layer
        n_out, n_in = step["W"].shape
        blocks = [Heading(f"Forward, layer {l}: z = W·a + b, a = {n.g(step.activation)}(z)"),
                  *self.matrices(f"Z{l} ({n_out}×m) = W{l} ({n_out}×{n_in}) · A{l - 1} ({n_in}×m) + b{l} ({n_out}×1)")]
        for j in self.chosen(n_out):
            t = neuron_terms(step, j, 0)
            terms = [n.factor(w) + n.times + (n.factor(a) if l == 1 else self.known(n.sym("a", l - 1, i), a))
                     for i, (w, a) in enumerate(t.terms)]
            z, a = n.sym("z", l, j), n.sym("a", l, j)
            blocks.append(Eq(z, (n.sum(terms + [n.factor(t.bias)]),), t.z))
            arg = self.known(z, t.z, factor=False) if t.activation != "softmax" else n.matrix("z", l)
            blocks.append(Eq(a, (n.call(n.g(t.activation), arg),), t.a))
        return blocks

    def loss(self, step: Step) -> list:
        n, loss = self.n, get_loss(self.config.loss)
        blocks = [Heading(f"Loss: {step.formula}")]
        Y_hat, Y, losses = step["Y_hat"], step["Y"], step["losses"]
        for k in range(min(self.m, LARGE)):
            blocks.append(Eq(n.sym("ℓ", None, k), (self._example_loss(Y_hat[:, k], Y[:, k], k),), float(losses[k])))
        parts = [n.sym("ℓ", None, 0)] if self.m == 1 else \
            [(f"{n.fraction('1', str(self.m))}{n.times}" if loss.averaged else "") + f"({self._losses(losses)})"]
        if self.config.l1 or self.config.l2:
            parts = [parts[0] + " + " + n.word("penalty")]
        blocks.append(Eq("L", tuple(parts), step.loss))
        return blocks

    def _losses(self, losses) -> str:
        """The batch's example losses as a sum; in an exercise the ones written above by their symbol."""
        n = self.n
        if not self.exercise:
            return n.signed_sum(losses)
        return n.signed_join([n.sym("ℓ", None, k) if k < LARGE else n.num(v) for k, v in enumerate(losses)])

    def _example_loss(self, y_hat, y, k: int) -> str:
        """Example ``k``'s loss with its numbers substituted, per the loss's own formula
        (the first example's outputs are the forward pass's a, by symbol in an exercise)."""
        n, name, L = self.n, self.config.loss, self.session.scenario.network.depth
        p_ = [self.known(n.sym("a", L, j), p, factor=False) if k == 0 else n.num(p) for j, p in enumerate(y_hat)]
        if name == "binary_cross_entropy":
            return (f"{n.minus}[{n.num(y[0])}{n.times}{n.log(p_[0])} + "
                    f"(1 {n.minus} {n.num(y[0])}){n.times}{n.log(f'1 {n.minus} {p_[0]}')}]")
        if name == "cross_entropy":
            return f"{n.minus}[" + n.sum([f"{n.num(t)}{n.times}{n.log(p)}" for p, t in zip(p_, y)]) + "]"
        squares = n.sum([n.square(f"{p} {n.minus} {n.factor(t)}") for p, t in zip(p_, y)])
        return f"{n.half}[{squares}]" if name == "half_sse" else squares

    def backward(self, step: Step) -> list:
        n, l, trace = self.n, step.layer, self.trace
        n_out, n_in = step["dW"].shape
        blocks = [Heading(f"Backward, layer {l}: {step.formula.splitlines()[0]}"),
                  *self.matrices(f"dZ{l} ({n_out}×m), dW{l} = dZ{l}·A{l - 1}ᵀ ({n_out}×{n_in}), db{l} ({n_out}×1)")]
        for j in self.chosen(n_out):
            blocks.append(self._dz(trace, l, j, step))
            for i in self.inputs(n_in):
                blocks.append(self._dw(trace, l, j, i, step))
            per_example = trace.grads.dZ[l - 1][j]
            scale = n.fraction("1", str(self.m)) + n.times if get_loss(self.config.loss).averaged else ""
            terms = [self.known(n.sym("dz", l, j), per_example[0], factor=False),
                     *(n.num(v) for v in per_example[1:])]
            db = (n.sym("dz", l, j),) if self.m == 1 else (f"{scale}({n.signed_join(terms)})",)
            blocks.append(Eq(n.sym("db", l, j), db, float(step["db"][j, 0])))
        if "dA_prev" in step.arrays:
            W = trace.network.layers[l - 1].W
            for i in self.chosen(n_in):
                pairs = [n.factor(W[j, i]) + n.times + self.known(n.sym("dz", l, j), trace.grads.dZ[l - 1][j, 0])
                         for j in range(n_out)]
                symbolic = f"{n.sigma('j')}{n.indexed('w', l, f'j{i + 1}')}{n.times}{n.indexed('dz', l, 'j')}"
                blocks.append(Eq(n.sym("da", l - 1, i), (symbolic, n.sum(pairs)), float(step["dA_prev"][i, 0])))
        return blocks

    def _dz(self, trace: BatchTrace, l: int, j: int, step: Step) -> Eq:
        n, t = self.n, backward_terms(trace, l, j, 0)
        dz, a = n.sym("dz", l, j), n.sym("a", l, j)
        if t.kind == "fused":
            parts = (f"{a} {n.minus} {n.sym('y', None, j)}",
                     f"{self.known(a, t.a, factor=False)} {n.minus} {n.factor(t.y)}")
        elif t.kind == "elementwise":
            parts = (f"{n.sym('da', l, j)}{n.times}{n.call(n.prime(t.activation), n.sym('z', l, j))}",
                     self._dA(l, j, t.dA) + n.times + n.factor(t.g_prime))
        else:
            pairs = [n.product(d, g) for d, g in zip(t.jacobian, t.dA_all)]
            a_q = n.indexed("a", l, "q")
            parts = (f"{n.sigma('q')}{n.partial}{a_q}/{n.partial}{n.sym('z', l, j)}{n.times}{n.partial}ℓ/{n.partial}{a_q}"
                     .replace("ℓ", n.sym("ℓ", None)), n.sum(pairs))
        return Eq(dz, parts, float(step["dZ"][j, 0]))

    def _dA(self, l: int, j: int, value: float) -> str:
        """∂ℓ/∂a of layer ``l``: a result of the layer above's backward step (by symbol in an exercise),
        or for the last layer the loss's derivative, which no line computes."""
        last = l == self.session.scenario.network.depth
        return self.n.factor(value) if last else self.known(self.n.sym("da", l, j), value)

    def _dw(self, trace: BatchTrace, l: int, j: int, i: int, step: Step) -> Eq:
        n, g = self.n, weight_gradient(trace, l, j, i)
        a_prev = n.sym("x", None, i) if l == 1 else n.sym("a", l - 1, i)
        reg = "".join(f" + {n.factor(value)}" for _, value in g.regularization)
        if self.m == 1:
            a_value = trace.grads.A[l - 1][i, 0]
            parts = (f"{n.sym('dz', l, j)}{n.times}{a_prev}",
                     self.known(n.sym("dz", l, j), trace.grads.dZ[l - 1][j, 0]) + n.times
                     + (n.factor(a_value) if l == 1 else self.known(a_prev, a_value)) + reg)
        else:
            scale = n.fraction("1", str(self.m)) + n.times if g.averaged else ""
            parts = (f"{scale}{n.sigma('k')}{n.sym('dz', l, j)}{n.times}{a_prev}",
                     f"{scale}({n.signed_sum(g.per_example)}){reg}")
        return Eq(n.sym("dw", l, j, i), parts, float(step["dW"][j, i]))

    def update(self, step: Step) -> list:
        n, l, eta = self.n, step.layer, self.config.learning_rate
        n_out, n_in = step["W_old"].shape
        sgd = not update_terms(step, 0, 0, eta).state  # another optimizer's step is not η·dW
        rule = "W ← W − η·dW, b ← b − η·db" if sgd else \
            f"{self.config.optimizer}, " + next(line for line in step.formula.splitlines() if "←" in line)
        blocks = [Heading(f"Update, layer {l}: {rule}")]
        for j in self.chosen(n_out):
            for i in [*self.inputs(n_in), None]:
                t = update_terms(step, j, i if i is not None else 0, eta)
                name = n.sym("w", l, j, i) if i is not None else n.sym("b", l, j)
                old, grad, change, new, fixed = ((t.w_old, t.dW, t.eta_dW, t.w_new, t.frozen) if i is not None
                                                 else (t.b_old, t.db, t.eta_db, t.b_new, t.bias_fixed))
                if fixed:
                    blocks.append(Eq(name, (n.word("not trained"),), new))
                    continue
                if sgd:
                    parts = (f"{name} {n.minus} {n.eta}{n.times}d{name}",
                             f"{n.num(old)} {n.minus} {n.num(eta)}{n.times}{self.known('d' + name, grad)}")
                else:  # the optimizer's own step, as the engine took it
                    parts = (f"{name} {n.minus} {n.word('step')}", f"{n.num(old)} {n.minus} {n.factor(change)}")
                blocks.append(Eq(name, parts, new, relation=n.arrow))
        return blocks
