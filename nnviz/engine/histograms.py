"""Weights and gradients per layer, epoch by epoch, as histogram counts.

Every histogram shares one set of bin edges (one for weights, one for
gradients) across all layers and epochs, so a layer whose gradients vanish
shows as a single spike in the middle bins next to layers that spread out;
the RMS per layer and epoch gives the scale in numbers.

Gradients are taken at the end of each epoch over the whole training set:
dW_l = ∂L/∂W_l at the network the epoch produced (epoch 0 = the initial
weights), the batch gradient that batch GD would step along next.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .backprop import gradients
from .config import TrainingConfig
from .network import Network
from .training import Cancelled, train

BINS = 21  # odd, so zero sits in the middle of a bin and a spike at 0 reads as one bar


@dataclass(frozen=True)
class Histograms:
    """Counts for L layers at E + 1 epochs (0 = before training).

    ``weights`` and ``grads`` are (L, E + 1, bins) counts over W_l and dW_l;
    ``weight_edges`` and ``grad_edges`` (bins + 1,) are shared by all;
    ``weight_rms`` and ``grad_rms`` (L, E + 1) are sqrt(mean(x²)) per layer.
    Values outside the edges are counted in the end bins.
    """

    epochs: np.ndarray  # (E + 1,) 0, 1, ..., E (fewer if training stopped early)
    shapes: list[tuple[int, int]]  # W_l shape (n_l, n_{l-1}) per layer
    activations: list[str]
    weight_edges: np.ndarray
    grad_edges: np.ndarray
    weights: np.ndarray
    grads: np.ndarray
    weight_rms: np.ndarray
    grad_rms: np.ndarray

    @property
    def depth(self) -> int:
        return len(self.shapes)


def symmetric_edges(arrays: list[np.ndarray], bins: int = BINS) -> np.ndarray:
    """(bins + 1,) edges over [-r, r], r = the largest |x| in any array (1 if all are 0 or non-finite)."""
    finite = [np.abs(a[np.isfinite(a)]) for a in arrays]
    r = max((float(f.max()) for f in finite if f.size), default=0.0)
    return np.linspace(-r, r, bins + 1) if r > 0 else np.linspace(-1.0, 1.0, bins + 1)


def counts(values: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """np.histogram of the finite values, those beyond the edges clipped into the end bins."""
    finite = values[np.isfinite(values)]
    return np.histogram(np.clip(finite, edges[0], edges[-1]), bins=edges)[0]


def rms(values: np.ndarray) -> float:
    """sqrt(mean(x²)): inf once x² overflows (a blow-up), NaN for no values."""
    if not values.size:
        return float("nan")
    with np.errstate(over="ignore"):
        return float(np.sqrt(np.mean(np.square(values))))


def _gradient(network, X, Y, config, cancelled):
    if cancelled is not None and cancelled():
        raise Cancelled
    return gradients(network, X, Y, config)


def histograms(network: Network, X: np.ndarray, Y: np.ndarray, config: TrainingConfig,
               bins: int = BINS, cancelled: Callable[[], bool] | None = None) -> Histograms:
    """Train ``network`` on X (n_0, m), Y (n_L, m) and histogram W_l and dW_l after every epoch.
    ``cancelled`` as for ``train``: asked before every batch and every epoch's gradient."""
    snapshots = [network]
    train(network, X, Y, config, on_epoch=lambda epoch, net, history: snapshots.append(net), cancelled=cancelled)
    with np.errstate(all="ignore"):  # a blow-up shows as empty histograms, not warnings
        Ws = [[layer.W for layer in net.layers] for net in snapshots]
        dWs = [_gradient(net, X, Y, config, cancelled).dW for net in snapshots]
    weight_edges = symmetric_edges([W for per in Ws for W in per], bins)
    grad_edges = symmetric_edges([dW for per in dWs for dW in per], bins)

    def table(per_epoch, edges):
        # (E + 1, L, ...) -> (L, E + 1, ...), layer first as the renderer walks it
        hist = np.array([[counts(a.ravel(), edges) for a in per] for per in per_epoch])
        size = np.array([[rms(a[np.isfinite(a)]) for a in per] for per in per_epoch])
        return hist.transpose(1, 0, 2), size.T

    weights, weight_rms = table(Ws, weight_edges)
    grads, grad_rms = table(dWs, grad_edges)
    return Histograms(
        epochs=np.arange(len(snapshots)),
        shapes=[layer.W.shape for layer in network.layers],
        activations=[layer.activation.name for layer in network.layers],
        weight_edges=weight_edges, grad_edges=grad_edges,
        weights=weights, grads=grads, weight_rms=weight_rms, grad_rms=grad_rms,
    )
