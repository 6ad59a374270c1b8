"""One batch of training: forward, loss, backward, update, as the document writes it.

    Z_l = W_l A_{l-1} + b_l            A_l = g_l(Z_l)
    dZ_L = A_L - Y                     (sigmoid + binary CE, softmax + CE)
    dZ_l = dA_l ⊙ g_l'(Z_l)            (every other pairing)
    dW_l = dZ_l A_{l-1}ᵀ / m           db_l = Σ_columns dZ_l / m
    dA_{l-1} = W_lᵀ dZ_l               (with W_l before its update)
    W_l ← W_l - η dW_l                 b_l ← b_l - η db_l      (layers L..1)

The 1/m is dropped for the summed losses (sse, half_sse). L1/L2 add
λ1 sign(W) and 2 λ2 W to dW. Stepping and fast training run this same code,
so both give the same bits. Each injected mistake (engine.mistakes) is one
``if wrong(...)`` beside the rule it breaks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .config import TrainingConfig
from .losses import get_loss, regularization, regularization_terms
from . import optimizers
from .mistakes import injected, matmul
from .network import Network, frozen
from .step import Step, batch_order, make_step


@dataclass(frozen=True)
class BatchPosition:
    """Where a batch sits in the stream, for labelling its Steps."""

    first_index: int
    epoch: int
    batch: int
    examples: np.ndarray


class Gradients(NamedTuple):
    """dW and db per layer, plus the forward caches. Lists are indexed by layer
    l = 1..L at [l - 1], except A, which holds A_0 = X at [0] and A_l at [l]."""

    loss: float                      # the batch's loss, regularization included
    losses: np.ndarray               # (m,) per example
    Z: list[np.ndarray]              # Z_l (n_l, m)
    A: list[np.ndarray]              # A_l (n_l, m), A[0] = X (n_0, m)
    dA: list[np.ndarray | None]      # dA_l (n_l, m); None at a fused output layer
    dZ: list[np.ndarray]             # dZ_l (n_l, m)
    dW: list[np.ndarray]             # dW_l (n_l, n_{l-1})
    db: list[np.ndarray]             # db_l (n_l, 1)
    dA_prev: list[np.ndarray | None] # dA_{l-1} (n_{l-1}, m); None at layer 1


class BatchRun(NamedTuple):
    """The result of one batch. ``steps`` is empty unless recorded; ``finite``
    is None unless checked (False when any array of the batch held NaN/Inf).
    ``grads`` are the arrays the batch computed, kept so that nothing needs to
    compute them again to explain the batch (the Steps share them)."""

    before: Network
    after: Network
    loss: float
    steps: tuple[Step, ...] = ()
    finite: bool | None = None
    grads: Gradients | None = None


def forward(network: Network, X: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """[Z_1 .. Z_L] and [X, A_1 .. A_L] for X (n_0, m): Z_l and A_l are (n_l, m)."""
    Zs, As = [], [X]
    for layer in network.layers:
        Z = layer.W @ As[-1] + layer.b
        Zs.append(Z)
        As.append(layer.activation.forward(Z))
    return Zs, As


def batch_loss(network: Network, X: np.ndarray, Y: np.ndarray, config: TrainingConfig):
    """(loss, per-example losses (m,), Zs, As): the forward pass and the batch's loss,
    regularization included."""
    loss_fn = get_loss(config.loss)
    Zs, As = forward(network, X)
    losses = loss_fn.per_example(As[-1], Y, Zs[-1])
    loss = loss_fn.total(losses)
    if config.l1 or config.l2:
        loss += regularization([layer.W for layer in network.layers], config.l1, config.l2)
    return loss, losses, Zs, As


def gradients(network: Network, X: np.ndarray, Y: np.ndarray, config: TrainingConfig) -> Gradients:
    """Forward, loss and backward for X (n_0, m) and Y (n_L, m)."""
    loss_fn = get_loss(config.loss)
    layers = network.layers
    L, m = len(layers), X.shape[1]
    loss, losses, Zs, As = batch_loss(network, X, Y, config)

    wrong = config.mistakes.__contains__
    dAs, dZs, dWs, dbs, dA_prevs = [None] * L, [None] * L, [None] * L, [None] * L, [None] * L
    dA = None
    for l in range(L, 0, -1):
        layer, Z, A, A_prev = layers[l - 1], Zs[l - 1], As[l], As[l - 1]
        g = layer.activation
        if l == L and loss_fn.fused_with == g.name:
            dZ = A - Y
        else:
            if l == L:
                dA = loss_fn.dA(A, Y)
            at = (A, g.forward(A)) if wrong("derivative_of_activation_output") else (Z, A)  # g' at A, not Z
            if wrong("softmax_diagonal") and g.name == "softmax":
                dZ = dA * g.derivative(*at)  # the Jacobian's diagonal only
            else:
                dZ = g.backward(dA, *at)
        if wrong("missing_transpose"):
            dW = matmul(dZ, A_prev, f"dW{l} = dZ{l} · A{l-1}", l, "dW")
        else:
            dW = dZ @ A_prev.T
        db = dZ.sum(axis=1, keepdims=True)
        if loss_fn.averaged and not wrong("no_mean"):
            dW /= m
            db /= m
        if config.l1:
            dW += config.l1 * np.sign(layer.W)
        if config.l2:
            dW += 2.0 * config.l2 * layer.W
        dAs[l - 1], dZs[l - 1], dWs[l - 1], dbs[l - 1] = dA, dZ, dW, db
        if l > 1:
            W = layer.W
            if wrong("update_during_backward") and layer.trainable:
                W = W - config.learning_rate * dW  # this layer already updated
            if wrong("missing_transpose"):
                dA = matmul(W, dZ, f"dA{l-1} = W{l} · dZ{l}", l, "dA_prev")
            else:
                dA = W.T @ dZ
            dA_prevs[l - 1] = dA
    return Gradients(loss, losses, Zs, As, dAs, dZs, dWs, dbs, dA_prevs)


def run_batch(
    network: Network,
    X: np.ndarray,
    Y: np.ndarray,
    config: TrainingConfig,
    position: BatchPosition | None = None,
    check_finite: bool = False,
) -> BatchRun:
    """Train on one batch. With ``position`` the Steps are recorded."""
    with np.errstate(all="ignore"):  # a blow-up is data to show, not a warning to print
        return _run_batch(network, X, Y, config, position, check_finite)


def _run_batch(network, X, Y, config, position=None, check_finite=False) -> BatchRun:
    """run_batch inside the caller's np.errstate (the training loop sets it once)."""
    grads = gradients(network, X, Y, config)
    climb = "ascent" in config.mistakes  # W ← W + η dW
    biases = config.train_biases and "frozen_bias" not in config.mistakes
    params, updates = [], []
    memory = network.optimizer
    if config.optimizer != "sgd" and memory is None:
        memory = optimizers.initial(config.optimizer, network.layers)
    t = 0 if memory is None else memory.t + 1
    remembered = []
    for l, (layer, dW, db) in enumerate(zip(network.layers, grads.dW, grads.db)):
        state = {} if memory is None else memory.layers[l]
        eta_dW, W_state, W_shown = optimizers.advance(config, dW, state, "W", t)
        eta_db, b_state, b_shown = optimizers.advance(config, db, state, "b", t)
        W_new = (layer.W + eta_dW if climb else layer.W - eta_dW) if layer.trainable else layer.W
        b_new = (layer.b + eta_db if climb else layer.b - eta_db) if layer.trainable and biases else layer.b
        params.append((frozen(W_new), frozen(b_new)))
        updates.append((eta_dW, eta_db, W_shown, b_shown))
        kept = {**state, **(W_state if layer.trainable else {}),
                **(b_state if layer.trainable and biases else {})}  # a frozen parameter's state stays as it was
        remembered.append(kept)
    after = network.with_params(params, None if memory is None else optimizers.OptimizerState(t, tuple(remembered)))
    finite = _all_finite(grads, params, updates) if check_finite else None
    steps = () if position is None else tuple(_record(network, after, grads, updates, Y, config, position))
    return BatchRun(network, after, grads.loss, steps, finite, grads)


def _all_finite(grads: Gradients, params, updates) -> bool:
    # A sum is non-finite whenever any element is, so one reduction per array
    # stands in for isfinite().all(); an overflowing sum is a harmless false alarm.
    # Every array a Step shows is here: the steps and the optimizer's state too, which overflow alone
    # when a layer is frozen or its biases are fixed (its W_new, b_new stay finite).
    arrays = [grads.losses, *grads.Z, *grads.A[1:], *(a for a in grads.dA if a is not None), *grads.dZ,
              *grads.dW, *grads.db, *(a for a in grads.dA_prev if a is not None), *(p for pair in params for p in pair),
              *(u for eta_dW, eta_db, W_shown, b_shown in updates
                for u in (eta_dW, eta_db, *W_shown.values(), *b_shown.values()))]
    total = grads.loss + sum(float(a.sum()) for a in arrays)
    return bool(np.isfinite(total))


def _record(before, after, grads, updates, Y, config, position):
    loss_fn = get_loss(config.loss)
    L = before.depth
    index = position.first_index

    def step(phase, layer, formula, arrays):
        nonlocal index
        activation = None if layer is None else before.layers[layer - 1].activation.name
        record = make_step(index, phase, position.epoch, position.batch, layer,
                           position.examples, formula, arrays, activation)
        index += 1
        return record

    def forward(l):
        layer = before.layers[l - 1]
        return f"Z{l} = W{l} · A{l-1} + b{l}\nA{l} = {layer.activation.name}(Z{l})", {
            "A_prev": grads.A[l - 1], "W": layer.W, "b": layer.b, "Z": grads.Z[l - 1], "A": grads.A[l]}

    def loss(_):
        return loss_fn.formula + regularization_terms(config.l1, config.l2), {
            "Y_hat": grads.A[L], "Y": Y, "losses": grads.losses, "loss": np.array(grads.loss, grads.losses.dtype)}

    def backward(l):
        arrays = {"dZ": grads.dZ[l - 1], "dW": grads.dW[l - 1], "db": grads.db[l - 1]}
        if grads.dA[l - 1] is not None:
            arrays = {"dA": grads.dA[l - 1], **arrays}
        if grads.dA_prev[l - 1] is not None:
            arrays["dA_prev"] = grads.dA_prev[l - 1]
        return _backward_formula(l, L, before.layers[l - 1], loss_fn, config), arrays

    def update(l):
        old, new = before.layers[l - 1], after.layers[l - 1]
        eta_dW, eta_db, W_shown, b_shown = updates[l - 1]
        t = 0 if after.optimizer is None else after.optimizer.t
        return _update_formula(l, old.trainable, config, t), {
            "W_old": old.W, **W_shown, "eta_dW": eta_dW, "W_new": new.W,
            "b_old": old.b, **b_shown, "eta_db": eta_db, "b_new": new.b}

    phases = {"forward": forward, "loss": loss, "backward": backward, "update": update}
    for phase, layer in batch_order(L):
        yield step(phase, layer, *phases[phase](layer))


def _backward_formula(l, L, layer, loss_fn, config) -> str:
    wrong = config.mistakes.__contains__
    g = layer.activation.name
    no_mean = loss_fn.averaged and wrong("no_mean")
    per = " / m" if loss_fn.averaged and not no_mean else ""
    at = "A" if wrong("derivative_of_activation_output") else "Z"
    if l == L and loss_fn.fused_with == g:
        lines = [f"dZ{l} = A{l} - Y"]
    else:
        lines = [f"dA{l} = ∂L/∂A{l}"] if l == L else []
        if g == "softmax" and wrong("softmax_diagonal"):
            lines.append(injected(f"dZ{l} = dA{l} ⊙ A{l}(1 - A{l})", "softmax_diagonal"))
        elif g == "softmax":
            lines.append(f"dZ{l} = J_softmax({at}{l})ᵀ · dA{l}")
        else:
            lines.append(f"dZ{l} = dA{l} ⊙ {g}'({at}{l})")
        if at == "A":
            lines[-1] = injected(lines[-1], "derivative_of_activation_output")
    reg = ""
    if config.l1:
        reg += f" + {config.l1:g}·sign(W{l})"
    if config.l2:
        reg += f" + 2·{config.l2:g}·W{l}"
    if wrong("missing_transpose"):
        lines.append(injected(f"dW{l} = dZ{l} · A{l-1}{per}{reg}", "missing_transpose"))
    else:
        lines.append(f"dW{l} = dZ{l} · A{l-1}ᵀ{per}{reg}")
    lines.append(f"db{l} = Σ dZ{l}{per}")
    if no_mean:
        lines[-2:] = [injected(line, "no_mean") for line in lines[-2:]]
    if l > 1:
        if wrong("update_during_backward") and layer.trainable:
            lines.append(injected(f"dA{l-1} = (W{l} - η·dW{l})ᵀ · dZ{l}", "update_during_backward"))
        elif wrong("missing_transpose"):
            lines.append(injected(f"dA{l-1} = W{l} · dZ{l}", "missing_transpose"))
        else:
            lines.append(f"dA{l-1} = W{l}ᵀ · dZ{l}")
    return "\n".join(lines)


def _update_formula(l, trainable, config, t) -> str:
    climb = "ascent" in config.mistakes
    sign = "+" if climb else "-"
    if not trainable:
        return f"W{l} frozen (not trainable)\nb{l} kept fixed"
    w = optimizers.formula(config, l, "W", t, sign)
    b = optimizers.formula(config, l, "b", t, sign)
    if climb:
        w[-1], b[-1] = injected(w[-1], "ascent"), injected(b[-1], "ascent")
    if not config.train_biases:
        b = [f"b{l} kept fixed"]
    elif "frozen_bias" in config.mistakes:
        b = [injected(f"b{l} kept fixed", "frozen_bias")]
    return "\n".join(w + b)
