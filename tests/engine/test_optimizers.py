"""Every optimizer against an independent plain-NumPy transcription of its published
rule, over several updates, to 1e-12; SGD stays the document's W ← W - η·dW bit for bit."""

from __future__ import annotations


import numpy as np
import pytest

from nnviz.engine.backprop import gradients, run_batch
from nnviz.engine.config import TrainingConfig
from nnviz.engine.network import build_network
from nnviz.engine.optimizers import OPTIMIZERS
from nnviz.scenario import ScenarioError, scenario_from_dict
from nnviz.session import Session

HYPER = dict(learning_rate=0.05, momentum=0.8, rho=0.85, beta1=0.7, beta2=0.95, eps=1e-6)


def reference_step(name, g, memory, t, h):
    """One update of one parameter, transcribed from the rules as published
    (Polyak momentum as PyTorch writes it; Sutskever's Nesterov; Hinton's RMSProp;
    Kingma and Ba's Adam, Algorithm 1)."""
    lr = h["learning_rate"]
    if name == "sgd":
        return lr * g
    if name == "momentum":
        memory["v"] = h["momentum"] * memory.get("v", 0) + g
        return lr * memory["v"]
    if name == "nesterov":
        memory["v"] = h["momentum"] * memory.get("v", 0) + g
        return lr * (g + h["momentum"] * memory["v"])
    if name == "rmsprop":
        memory["s"] = h["rho"] * memory.get("s", 0) + (1 - h["rho"]) * g ** 2
        return lr * g / (np.sqrt(memory["s"]) + h["eps"])
    memory["m"] = h["beta1"] * memory.get("m", 0) + (1 - h["beta1"]) * g
    memory["v"] = h["beta2"] * memory.get("v", 0) + (1 - h["beta2"]) * g ** 2
    m_hat = memory["m"] / (1 - h["beta1"] ** t)
    v_hat = memory["v"] / (1 - h["beta2"] ** t)
    return lr * m_hat / (np.sqrt(v_hat) + h["eps"])


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_each_optimizer_follows_its_published_rule_over_five_updates(name):
    rng = np.random.default_rng(4)
    X, Y = rng.normal(size=(3, 7)), np.eye(2)[:, rng.integers(0, 2, 7)]
    config = TrainingConfig(loss="cross_entropy", optimizer=name, **HYPER)
    network = reference = build_network([3, 4, 2], ["tanh", "softmax"], seed=2)
    memories = {}
    params = [[layer.W.copy(), layer.b.copy()] for layer in reference.layers]
    for t in range(1, 6):
        grads = gradients(reference.with_params([tuple(p) for p in params]), X, Y, config)
        for l, (dW, db) in enumerate(zip(grads.dW, grads.db)):
            params[l][0] = params[l][0] - reference_step(name, dW, memories.setdefault((l, "W"), {}), t, HYPER)
            params[l][1] = params[l][1] - reference_step(name, db, memories.setdefault((l, "b"), {}), t, HYPER)
        network = run_batch(network, X, Y, config).after
        for layer, (W, b) in zip(network.layers, params):
            np.testing.assert_allclose(layer.W, W, rtol=0, atol=1e-12)
            np.testing.assert_allclose(layer.b, b, rtol=0, atol=1e-12)


def test_sgd_is_the_document_rule_bit_for_bit():
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(2, 5)), rng.normal(size=(1, 5))
    config = TrainingConfig(loss="mse", learning_rate=0.1)
    network = build_network([2, 3, 1], ["sigmoid", "linear"], seed=0)
    run = run_batch(network, X, Y, config)
    grads = gradients(network, X, Y, config)
    for before, after, dW in zip(network.layers, run.after.layers, grads.dW):
        assert after.W.tobytes() == (before.W - 0.1 * dW).tobytes()
    assert run.after.optimizer is None


@pytest.mark.parametrize("name", ["momentum", "adam"])
def test_the_update_step_shows_the_optimizers_state_and_formula(name):
    scenario = _scenario(name)
    session = Session(scenario)
    step = session.run_until(phase="update", layer=1)
    step = session.goto(step.index + session.steps_per_batch)  # the second update: the state is not zero
    if name == "momentum":
        assert "V_dW1 = 0.8·V_dW1 + dW1" in step.formula and "W1 ← W1 - η·V_dW1" in step.formula
        assert list(step.arrays)[:3] == ["W_old", "V_dW", "eta_dW"]
        np.testing.assert_array_equal(step["eta_dW"], 0.05 * step["V_dW"])
    else:
        assert "M̂_dW1 = M_dW1 / (1 - 0.7^2)" in step.formula
        assert {"M_dW", "V_dW", "M_hat_dW", "V_hat_dW", "M_db", "V_hat_db"} <= set(step.arrays)
        np.testing.assert_array_equal(step["M_hat_dW"], step["M_dW"] / (1 - 0.7 ** 2))


def _scenario(name, epochs=3, batch_size="full"):
    extra = {key: HYPER[key] for key, users in (("momentum", ("momentum", "nesterov")), ("rho", ("rmsprop",)),
                                                ("beta1", ("adam",)), ("beta2", ("adam",)),
                                                ("eps", ("rmsprop", "adam"))) if name in users}
    return scenario_from_dict({
        "network": {"sizes": [2, 3, 2], "activations": ["tanh", "softmax"], "seed": 1},
        "data": {"X": [[0.5, -1.0], [1.5, 0.2], [-0.3, 0.8], [0.0, 1.0], [1.0, 1.0]], "Y": [0, 1, 1, 0, 1]},
        "training": {"loss": "cross_entropy", "learning_rate": 0.05, "optimizer": name, "epochs": epochs,
                     "batch_size": batch_size, **extra}})


def test_optimizer_keys_are_checked_in_one_line():
    base = _scenario("sgd")
    table = {"network": {"sizes": [1, 1], "activations": ["linear"]}, "data": {"X": [[1.0]], "Y": [[1.0]]},
             "training": {"loss": "mse", "learning_rate": 0.1}}
    for training, says in (({"optimizer": "adma"}, "unknown value 'adma'; did you mean 'adam'?"),
                           ({"optimizer": "momentum", "beta1": 0.9}, "training.beta1: only used with optimizer = 'adam'"),
                           ({"optimizer": "adam", "beta2": 1.0}, "training.beta2: expected a number in [0, 1), got 1"),
                           ({"optimizer": "adam", "eps": 0}, "training.eps: expected a number > 0")):
        with pytest.raises(ScenarioError, match=says.replace("(", r"\(").replace(")", r"\)")
                           .replace("[", r"\[").replace("?", r"\?")):
            scenario_from_dict({**table, "training": {**table["training"], **training}})
    assert base.training.optimizer == "sgd"


def test_the_plain_sentence_of_an_adam_update_does_not_claim_the_sgd_step():
    from nnviz.narrate import sentence

    session = Session(_scenario("adam"))
    step = session.goto(session.steps_per_batch + session.steps_per_batch - 1)  # the second batch's U1
    text = sentence(step, session.trace)
    assert "adam" in text and "η·|" not in text
