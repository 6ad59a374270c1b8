"""The classic slips of a hand-written backprop, as named switches (a teaching mode).

A scenario's ``[training] mistakes`` or ``--mistake NAME`` turns them on; each is
one ``if`` in nnviz.engine.backprop written beside the rule it breaks, and the
Step's formula shows the wrong line in place of the right one, marked injected.
"""

from __future__ import annotations

# name -> what goes wrong, in one line (for `nnviz gradcheck`, help and the README).
MISTAKES: dict[str, str] = {
    "update_during_backward": "each layer is updated as soon as its dW is known, so dA_prev = Wᵀ dZ "
                              "below uses the updated W",
    "no_mean": "dW and db are not divided by m",
    "derivative_of_activation_output": "g' is evaluated at A instead of Z, e.g. σ'(A) = σ(A)(1 - σ(A))",
    "ascent": "W ← W + η dW: the step climbs the loss",
    "frozen_bias": "the biases are never updated",
    "softmax_diagonal": "the softmax Jacobian is replaced by its diagonal A(1 - A) "
                        "(softmax with a loss other than cross entropy)",
    "missing_transpose": "dW = dZ · A_prev and dA_prev = W · dZ, without the transposes",
}

MARK = "   ← injected: "


def injected(line: str, name: str) -> str:
    """A wrong formula line, marked with the mistake that wrote it."""
    return f"{line}{MARK}{name}"


class ShapeMistake(ValueError):
    """An injected mistake multiplied arrays whose shapes do not agree (the lesson of
    missing_transpose on most networks). The message names the product and the shapes;
    ``layer`` and ``array`` say where backprop stopped."""

    def __init__(self, message: str, layer: int, array: str) -> None:
        super().__init__(message)
        self.layer, self.array = layer, array


def matmul(left, right, formula: str, layer: int, array: str, mistake: str = "missing_transpose"):
    """left @ right, or a ShapeMistake naming ``formula`` and both shapes."""
    if left.shape[1] != right.shape[0]:
        raise ShapeMistake(f"{formula} cannot be computed: {left.shape} · {right.shape}, the inner sizes "
                           f"{left.shape[1]} and {right.shape[0]} differ ({mistake})", layer, array)
    return left @ right
