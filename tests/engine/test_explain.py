"""explain.py: the substituted sums, chain-rule factors and paths add up to the engine's numbers."""

import numpy as np
import pytest

import nnviz
from nnviz.engine import TrainingConfig, build_network
from nnviz.engine.activations import HIDDEN_ACTIVATIONS
from nnviz.engine.explain import (ChainRulePaths, DeltaRecursion, backward_terms, chain_rule_paths,
                                  count_paths, neuron_terms, symbol, trace_batch,
                                  update_terms,
                                  weight_gradient)
from nnviz.engine.losses import LOSS_OUTPUTS
from nnviz.scenario.model import Scenario
from tests.engine.helpers import binary_example
from tests.engine.test_gradients import targets_for

PAIRINGS = [(loss, output) for loss, outputs in LOSS_OUTPUTS.items() for output in outputs]
# (examples in the batch, l1, l2)
BATCHES = {"one-example": (1, 0.0, 0.0), "batch": (5, 0.0, 0.0), "batch-l1": (5, 0.01, 0.0),
           "batch-l2": (5, 0.0, 0.02), "one-example-l1-l2": (1, 0.01, 0.03)}


def make_trace(sizes, activations, loss, m=3, l1=0.0, l2=0.0, seed=0):
    rng = np.random.default_rng(seed)
    network = build_network(list(sizes), list(activations), seed=seed)
    network = network.with_params([(layer.W, rng.normal(size=layer.b.shape) * 0.1) for layer in network.layers])
    X = rng.normal(size=(sizes[0], m))
    Y = targets_for(loss, sizes[-1], m, rng)
    return trace_batch(network, X, Y, TrainingConfig(loss=loss, learning_rate=0.1, l1=l1, l2=l2))


def every_weight(trace):
    for layer, params in enumerate(trace.network.layers, start=1):
        for row, col in np.ndindex(params.W.shape):
            yield layer, row, col


def binary_session():
    network, X, Y = binary_example()
    return nnviz.Session(Scenario(network, X, Y, TrainingConfig("binary_cross_entropy", 0.5)))


def test_symbols_count_from_one_as_the_document_does():
    assert symbol("w", 2, 0, 2) == "w²₁₃"
    assert symbol("z", 1, 0) == "z¹₁"
    assert symbol("w", 1, 11, 2) == "w¹[12,3]"
    assert symbol("y", None, 0) == "y₁"


def test_neuron_sum_is_the_documents_binary_example():
    step = binary_session().step()
    terms = neuron_terms(step, 0)
    assert terms.terms == [(0.9, 0.3), (0.2, 0.5), (0.4, -0.4), (0.3, 0.3)]
    assert terms.bias == 0.5
    assert terms.z == pytest.approx(0.8, abs=1e-12)
    assert terms.activation == "sigmoid"
    assert terms.a == pytest.approx(0.689974, abs=1e-6)


def test_substituted_sum_equals_z_for_every_neuron_and_example():
    scenario = nnviz.load_scenario("chain-rule-l2")
    rng = np.random.default_rng(0)
    X = rng.normal(size=(scenario.X.shape[0], 4))
    session = nnviz.Session(Scenario(scenario.network, X, rng.normal(size=(1, 4)), scenario.training))
    for _ in range(scenario.network.depth):
        step = session.step()
        for neuron, example in np.ndindex(step["Z"].shape):
            terms = neuron_terms(step, neuron, example)
            total = sum(w * a for w, a in terms.terms) + terms.bias
            assert abs(total - step["Z"][neuron, example]) <= 1e-12
            assert terms.a == step["A"][neuron, example]


def test_neuron_terms_refuses_a_backward_step():
    session = binary_session()
    step = session.goto(3)
    assert step.phase == "backward"
    with pytest.raises(ValueError):
        neuron_terms(step, 0)


def every_pair():
    """(loss, output, hidden, batch) such that every two of the three choices meet at least once
    (each pairing with every hidden activation and every batch, each hidden activation with every
    batch): the paths of each factor are walked in every company, at a fifth of the whole product."""
    batches = list(BATCHES)  # a diagonal shift: test_every_pair_meets checks it covers every pair
    return [(loss, output, hidden, batches[(h + p) % len(batches)])
            for p, (loss, output) in enumerate(PAIRINGS) for h, hidden in enumerate(HIDDEN_ACTIVATIONS)]


def test_every_pair_meets():
    combos = every_pair()
    assert {(l, o, h) for l, o, h, _ in combos} == {(*pairing, h) for pairing in PAIRINGS for h in HIDDEN_ACTIVATIONS}
    assert {(l, o, b) for l, o, _, b in combos} == {(*pairing, b) for pairing in PAIRINGS for b in BATCHES}
    assert {(h, b) for _, _, h, b in combos} == {(h, b) for h in HIDDEN_ACTIVATIONS for b in BATCHES}


@pytest.mark.parametrize("loss,output,hidden,batch", every_pair())
def test_path_sum_equals_dW_for_every_weight(loss, output, hidden, batch):
    m, l1, l2 = BATCHES[batch]
    n_out = 1 if loss == "binary_cross_entropy" else 3
    trace = make_trace((3, 4, 3, n_out), (hidden, hidden, output), loss, m=m, l1=l1, l2=l2, seed=5)
    for layer, row, col in every_weight(trace):
        result = chain_rule_paths(trace, layer, row, col)
        assert isinstance(result, ChainRulePaths)
        assert result.n_paths == count_paths(trace, layer)
        for path in result.paths:
            assert np.array_equal(path.product, np.prod([f.values for f in path.factors], axis=0))
        assert abs(result.gradient.total - trace.grads.dW[layer - 1][row, col]) <= 1e-12
        assert result.gradient.dW == trace.grads.dW[layer - 1][row, col]


def test_the_documents_two_paths_through_o21_and_o22():
    scenario = nnviz.load_scenario("chain-rule-sse")
    trace = trace_batch(scenario.network, scenario.X, scenario.Y, scenario.training)
    result = chain_rule_paths(trace, 1, 0, 0)
    assert [p.neurons for p in result.paths] == [(0, 0, 0), (0, 1, 0)]
    assert [round(float(p.product[0]), 6) for p in result.paths] == [-0.041979, 0.104676]
    assert result.gradient.scale == 1.0 and not result.gradient.averaged  # sse: no 1/m
    assert result.gradient.total == pytest.approx(0.062697, abs=1e-6)
    symbols = [f.symbol for f in result.paths[1].factors]
    assert symbols == ["∂L/∂a³₁", "id′(z³₁)", "w³₁₂", "σ′(z²₂)", "w²₂₁", "σ′(z¹₁)", "x₁"]


@pytest.mark.parametrize("loss,output", [("binary_cross_entropy", "sigmoid"), ("cross_entropy", "softmax")])
def test_fused_output_starts_every_path_with_a_minus_y(loss, output):
    n_out = 1 if output == "sigmoid" else 3
    trace = make_trace((2, 3, n_out), ("tanh", output), loss, m=4)
    result = chain_rule_paths(trace, 1, 1, 0)
    assert len(result.paths) == n_out  # no Jacobian hop: one path per output neuron
    for path in result.paths:
        first = path.factors[0]
        p = path.neurons[-1]
        assert first.symbol == f"(a²{'₁₂₃'[p]} − y{'₁₂₃'[p]})"
        assert np.array_equal(first.values, trace.grads.A[2][p] - trace.Y[p])


def test_softmax_with_squared_error_goes_through_every_output():
    trace = make_trace((2, 3, 4), ("sigmoid", "softmax"), "mse", m=3)
    assert count_paths(trace, 2) == 4 and count_paths(trace, 1) == 16
    result = chain_rule_paths(trace, 2, 1, 0)
    assert [(p.neurons, p.output) for p in result.paths] == [((1,), q) for q in range(4)]
    assert result.paths[0].factors[1].symbol == "∂a²₁/∂z²₂"


@pytest.mark.parametrize("l1,l2", [(0.0, 0.0), (0.01, 0.02)])
def test_too_many_paths_fall_back_to_the_delta_recursion(l1, l2):
    trace = make_trace((3, 10, 10, 10, 2), ("relu", "tanh", "sigmoid", "linear"), "half_sse", m=4, l1=l1, l2=l2)
    assert count_paths(trace, 1) == 200
    result = chain_rule_paths(trace, 1, 2, 1)
    assert isinstance(result, DeltaRecursion) and result.n_paths == 200
    assert len(result.pairs) == 10 and result.pairs[0][0].symbol == "w²₁₃"
    assert np.allclose(result.dZ, trace.grads.dZ[0][2], atol=1e-15)
    assert abs(result.gradient.total - trace.grads.dW[0][2, 1]) <= 1e-12
    assert isinstance(chain_rule_paths(trace, 3, 0, 0), ChainRulePaths)  # 10 · 2 = 20 paths


def test_softmax_output_falls_back_through_its_jacobian():
    trace = make_trace((2, 3, 4), ("sigmoid", "softmax"), "sse", m=3)
    result = chain_rule_paths(trace, 2, 1, 2, limit=2)
    assert isinstance(result, DeltaRecursion) and result.g_prime is None
    assert abs(result.gradient.total - trace.grads.dW[1][1, 2]) <= 1e-12


def test_backward_terms_multiply_to_dZ():
    trace = make_trace((3, 4, 2), ("tanh", "sigmoid"), "mse", m=3)
    hidden = backward_terms(trace, 1, 2, example=1)
    assert hidden.kind == "elementwise"
    assert hidden.dA * hidden.g_prime == pytest.approx(hidden.dZ, abs=1e-15)
    assert hidden.dZ == trace.grads.dZ[0][2, 1]
    fused = backward_terms(make_trace((3, 2, 1), ("relu", "sigmoid"), "binary_cross_entropy"), 2, 0)
    assert fused.kind == "fused" and fused.a - fused.y == fused.dZ
    soft = backward_terms(make_trace((3, 2, 3), ("relu", "softmax"), "mse"), 2, 1)
    assert soft.kind == "softmax" and float(soft.jacobian @ soft.dA_all) == pytest.approx(soft.dZ, abs=1e-15)


def test_weight_gradient_is_the_memoized_form_of_the_same_sum():
    trace = make_trace((3, 4, 2), ("tanh", "sigmoid"), "mse", m=6, l2=0.1)
    for layer, row, col in every_weight(trace):
        assert abs(weight_gradient(trace, layer, row, col).total - trace.grads.dW[layer - 1][row, col]) <= 1e-12


def test_update_terms_read_the_update_step():
    session = binary_session()
    step = session.goto(5)  # U2
    terms = update_terms(step, 0, 1, learning_rate=0.5)
    assert (terms.layer, terms.frozen, terms.bias_fixed) == (2, False, False)
    assert terms.w_old - terms.eta_dW == terms.w_new
    assert terms.dW == pytest.approx(-0.17503842, abs=1e-8)
    assert update_terms(step, 0, 1).dW is None  # η unknown: only η·dW is shown


def test_update_terms_say_when_a_layer_is_frozen():
    network, X, Y = binary_example()
    network = build_network([4, 4, 1], ["sigmoid", "sigmoid"], weights={1: network.layers[0].W, 2: network.layers[1].W},
                            trainable=[False, True])
    config = TrainingConfig("binary_cross_entropy", 0.5, train_biases=False)
    step = nnviz.Session(Scenario(network, X, Y, config)).goto(6)  # U1
    terms = update_terms(step, 0, 0, 0.5)
    assert terms.frozen and terms.bias_fixed and terms.w_new == terms.w_old


def test_the_sessions_trace_is_the_batchs_own_arrays_not_a_recomputation():
    scenario = nnviz.load_scenario("chain-rule-l1")
    session = nnviz.Session(scenario)
    assert session.trace is None  # before the first step
    f1 = session.step()  # F1: the whole batch was computed already
    first = session.trace
    steps = [session.step() for _ in range(session.steps_per_batch - 2)]  # up to U2: W3, W2 updated
    trace = session.trace
    backward = {s.layer: s for s in steps if s.phase == "backward"}
    for layer in (1, 2, 3):
        assert trace.grads.dW[layer - 1] is backward[layer]["dW"] is first.grads.dW[layer - 1]
    assert all(a.W is b.W for a, b in zip(trace.network.layers, scenario.network.layers))  # before the updates
    assert trace.X is f1["A_prev"] and trace.Y is steps[2]["Y"]


