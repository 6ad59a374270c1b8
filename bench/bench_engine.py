"""One epoch of mini-batch training (64-32-10, 1,797 digits, batch 32), three ways;
then one epoch at MNIST size in float32 (784-128-64-10, 10,000 random examples, batch 64).

    python bench/bench_engine.py [--repeat 15] [--big-repeat 5]

Prints the median CPU time of each way and its ratio to a bare NumPy loop with
the same math, all measured in this run. Targets: fast path <= 1.2x, full
stepping through Session <= 3x; in float32 at MNIST size, nnviz.train <= 1.2x
a bare NumPy float32 loop. PyTorch float32 on the CPU runs beside them when it is
installed, with as many threads as NumPy's BLAS. On a shared machine, spinning BLAS
threads inflate CPU time: measure with one thread, and with OpenBLAS's own kernel
choice (docs: the machine's OPENBLAS_CORETYPE slows a current numpy):

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 \
        python bench/bench_engine.py
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


def bare_numpy_deep(params, X, Y, lr, batch):
    """The same textbook loop for any depth of ReLU layers under a softmax, in X's dtype."""
    for start in range(0, X.shape[1], batch):
        A, Yb = X[:, start:start + batch], Y[:, start:start + batch]
        m = A.shape[1]
        Zs, As = [], [A]
        for l, (W, b) in enumerate(params):
            Z = W @ As[-1] + b
            Zs.append(Z)
            if l < len(params) - 1:
                As.append(np.maximum(Z, 0))
            else:
                E = np.exp(Z - Z.max(axis=0, keepdims=True))
                As.append(E / E.sum(axis=0, keepdims=True))
        shifted = Zs[-1] - Zs[-1].max(axis=0, keepdims=True)
        float(-(Yb * (shifted - np.log(np.exp(shifted).sum(axis=0, keepdims=True)))).sum(axis=0).mean())
        dZ = As[-1] - Yb
        grads = []
        for l in range(len(params) - 1, -1, -1):
            W = params[l][0]
            grads.append((dZ @ As[l].T / m, dZ.sum(axis=1, keepdims=True) / m))
            if l:
                dZ = (W.T @ dZ) * (Zs[l - 1] > 0)
        params = [(W - lr * dW, b - lr * db) for (W, b), (dW, db) in zip(params, reversed(grads))]
    return params


def torch_epoch(torch, model, X, labels, lr, batch):
    """One epoch of the same network in PyTorch (float32, CPU), plain SGD."""
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    for start in range(0, X.shape[0], batch):
        optimizer.zero_grad()
        loss_fn(model(X[start:start + batch]), labels[start:start + batch]).backward()
        optimizer.step()


def mnist_size(repeat: int) -> None:
    """784-128-64-10, batch 64, 10,000 random examples, float32: bare NumPy, nnviz, PyTorch."""
    from threadpoolctl import threadpool_info

    from nnviz.engine.config import TrainingConfig
    from nnviz.engine.network import build_network, frozen

    rng = np.random.default_rng(0)
    sizes, m, batch, lr = [784, 128, 64, 10], 10_000, 64, 0.01
    X = rng.random((784, m), dtype=np.float32)
    labels = rng.integers(0, 10, m)
    Y = np.eye(10, dtype=np.float32)[:, labels]
    net = build_network(sizes, ["relu", "relu", "softmax"], "he", 0)
    net = net.with_params([(frozen(layer.W.astype(np.float32)), frozen(layer.b.astype(np.float32)))
                           for layer in net.layers])
    cfg = TrainingConfig(loss="cross_entropy", learning_rate=lr, batch_size=batch, epochs=1, dtype="float32")
    params = [(np.array(layer.W), np.array(layer.b)) for layer in net.layers]
    ways = {
        "bare NumPy float32 loop": lambda: bare_numpy_deep(params, X, Y, lr, batch),
        "nnviz.train float32": lambda: train(net, X, Y, cfg),
    }
    threads = max([pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"] or [1])
    try:
        import torch
    except ImportError:
        torch = None
    if torch is not None:
        torch.set_num_threads(threads)
        model = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 64),
                                    torch.nn.ReLU(), torch.nn.Linear(64, 10))
        X_rows, targets = torch.from_numpy(np.ascontiguousarray(X.T)), torch.from_numpy(labels)
        ways["PyTorch float32 (CPU)"] = lambda: torch_epoch(torch, model, X_rows, targets, lr, batch)
    report(ways, repeat, f"one epoch, 784-128-64-10, {m:,} random examples, batch {batch}, float32, "
                         f"{threads} BLAS thread{'s' if threads > 1 else ''}" +
                         ("" if torch is not None else " (PyTorch not installed)"), "bare NumPy float32 loop")
    print("target: nnviz.train float32 <= 1.20x")


def report(ways, repeat: int, title: str, base_name: str) -> None:
    """Warm up, then time every way ``repeat`` times, interleaved; print medians and ratios."""
    for fn in ways.values():  # warm up caches and lazy imports
        fn()
    times = {name: [] for name in ways}
    for _ in range(repeat):  # interleaved, so machine noise hits every way alike
        for name, fn in ways.items():
            times[name].append(cpu(fn))
    base = statistics.median(times[base_name])
    print(f"{title}, median of {repeat} runs, CPU time")
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"  {name:32s} {median * 1e3:8.2f} ms   {median / base:5.2f}x {base_name.removesuffix(' loop')}")


def cpu(fn) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--big-repeat", type=int, default=5)
    args = parser.parse_args()
    repeat = args.repeat
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
    report(ways, repeat, f"one epoch, 64-32-10, 1,797 examples, batch {scenario.training.batch_size}",
           "bare NumPy loop")
    print("targets: fast path <= 1.20x, stepping every step <= 3.00x")
    print()
    mnist_size(args.big_repeat)


if __name__ == "__main__":
    main()
