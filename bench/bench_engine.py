"""One epoch of mini-batch training (64-32-10, 1,797 digits, batch 32), three ways.

    python bench/bench_engine.py [--repeat 15]

Prints the median CPU time of each way and its ratio to a bare NumPy loop with
the same math, all measured in this run. Targets: fast path <= 1.2x, full
stepping through Session <= 3x.
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

import nnviz
from nnviz.engine import train

SCENARIO = {
    "network": {"sizes": [64, 32, 10], "activations": ["relu", "softmax"], "init": "he", "seed": 0},
    "data": {"dataset": "digits", "scale": 16},
    "training": {"loss": "cross_entropy", "learning_rate": 0.1, "batch_size": 32, "epochs": 1},
}


def bare_numpy(W1, b1, W2, b2, X, Y, lr, batch):
    """The textbook loop, written out: forward, loss, backward, update."""
    m_all = X.shape[1]
    for start in range(0, m_all, batch):
        A0, Yb = X[:, start:start + batch], Y[:, start:start + batch]
        m = A0.shape[1]
        Z1 = W1 @ A0 + b1
        A1 = np.maximum(Z1, 0.0)
        Z2 = W2 @ A1 + b2
        E = np.exp(Z2 - Z2.max(axis=0, keepdims=True))
        A2 = E / E.sum(axis=0, keepdims=True)
        shifted = Z2 - Z2.max(axis=0, keepdims=True)
        loss = float(-(Yb * (shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True)))).sum(axis=0).mean())
        dZ2 = A2 - Yb
        dW2 = dZ2 @ A1.T / m
        db2 = dZ2.sum(axis=1, keepdims=True) / m
        dA1 = W2.T @ dZ2
        dZ1 = dA1 * (Z1 > 0)
        dW1 = dZ1 @ A0.T / m
        db1 = dZ1.sum(axis=1, keepdims=True) / m
        W2, b2 = W2 - lr * dW2, b2 - lr * db2
        W1, b1 = W1 - lr * dW1, b1 - lr * db1
    return W1, loss


def cpu(fn) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    repeat = parser.parse_args().repeat
    scenario = nnviz.scenario_from_dict(SCENARIO, file="bench")
    net, cfg = scenario.network, scenario.training
    W1, b1, W2, b2 = (np.array(a) for layer in net.layers for a in (layer.W, layer.b))

    def stepping():
        s = nnviz.Session(scenario)
        while s.step() is not None:
            pass

    def run_to_epoch_end():
        nnviz.Session(scenario, breakpoints=[nnviz.Breakpoint.non_finite()]).run_until(epoch_end=True)

    ways = {
        "bare NumPy loop": lambda: bare_numpy(W1, b1, W2, b2, scenario.X, scenario.Y, cfg.learning_rate, 32),
        "nnviz.train (fast path)": lambda: train(net, scenario.X, scenario.Y, cfg),
        "Session.run_until(epoch_end)": run_to_epoch_end,
        "Session.step() every step": stepping,
    }
    for fn in ways.values():  # warm up caches and lazy imports
        fn()
    times = {name: [] for name in ways}
    for _ in range(repeat):  # interleaved, so machine noise hits every way alike
        for name, fn in ways.items():
            times[name].append(cpu(fn))
    base = statistics.median(times["bare NumPy loop"])
    print(f"one epoch, 64-32-10, 1,797 examples, batch 32 ({scenario.training.batch_size}), "
          f"median of {repeat} runs, CPU time")
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"  {name:32s} {median * 1e3:8.2f} ms   {median / base:5.2f}x bare NumPy")
    print("targets: fast path <= 1.20x, stepping every step <= 3.00x")


if __name__ == "__main__":
    main()
