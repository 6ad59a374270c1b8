"""Histograms of weights and gradients as one-line bars, a block per layer.

    layer 1  W1 (8×2) sigmoid
      epoch  W                          rms     dW                         rms
          0  │   ▁▃▆█▆▃▁             │  0.61    │          █          │  3.3e-07

Every bar row uses the shared bin edges of its kind, so a spike in the middle
of the dW column means the gradients of that layer are all but zero.
"""

from __future__ import annotations

import numpy as np
from rich.text import Text

from ..engine.histograms import Histograms
from ..textfmt import number
from .colors import cell_style, class_color

BARS = " ▁▂▃▄▅▆▇█"  # a count of 0 stays blank; any other count shows at least ▁
WEIGHT_STYLE = cell_style(class_color(1), None)
GRAD_STYLE = cell_style(class_color(0), None)


def bar(counts: np.ndarray) -> str:
    """One character per bin, its height in eighths of the row's largest count."""
    top = counts.max()
    if top == 0:
        return " " * len(counts)
    heights = np.ceil(counts / top * (len(BARS) - 1)).astype(np.int64)
    return "".join(BARS[h] for h in heights)


def shown_epochs(n: int, rows: int) -> list[int]:
    """Up to ``rows`` of the n epoch positions, evenly spread, always the first and the last."""
    if n <= rows:
        return list(range(n))
    return sorted(set(np.linspace(0, n - 1, max(rows, 2)).round().astype(int).tolist()))


def histogram_text(h: Histograms, rows: int = 6, color: bool = True) -> Text:
    """Each layer's W and dW histograms at up to ``rows`` epochs."""
    text = Text(no_wrap=True, overflow="crop")
    bins = h.weights.shape[2]
    text.append(f"{bins} bins shared by every layer and epoch:\n"
                f"W in [{number(h.weight_edges[0], 3)}, {number(h.weight_edges[-1], 3)}], "
                f"dW in [{number(h.grad_edges[0], 3)}, {number(h.grad_edges[-1], 3)}]\n"
                "dW = ∂L/∂W on all the training data\nat each epoch's end (0 = before training)\n")
    w_style, g_style = (WEIGHT_STYLE, GRAD_STYLE) if color else ("", "")
    column = bins + 2  # │bars│
    for l in range(h.depth):
        n_out, n_in = h.shapes[l]
        text.append(f"\nlayer {l + 1}  W{l + 1} ({n_out}×{n_in}) {h.activations[l]}\n", "bold" if color else "")
        text.append(f"  epoch  {' W':<{column}}{'rms':>8}  {' dW':<{column}}{'rms':>9}\n", "dim" if color else "")
        for e in shown_epochs(len(h.epochs), rows):
            text.append(f"  {h.epochs[e]:>5}  │")
            text.append(bar(h.weights[l, e]), w_style)
            text.append(f"│ {number(h.weight_rms[l, e], 2):>7}  │")
            text.append(bar(h.grads[l, e]), g_style)
            text.append(f"│ {number(h.grad_rms[l, e], 2):>8}\n")
    text.rstrip()
    return text
