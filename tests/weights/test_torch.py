"""A PyTorch nn.Sequential and its import into nnviz train alike, to 1e-10 in float64
(skipped where torch is not installed; nnviz itself never needs it)."""

from __future__ import annotations

import numpy as np
import pytest
from click.testing import CliRunner

from nnviz.cli import main
from nnviz.scenario import load_scenario
from nnviz.session import Session

torch = pytest.importorskip("torch")


def test_three_steps_of_an_imported_pytorch_network_match_pytorch(tmp_path):
    from safetensors.torch import save_file

    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(3, 5), torch.nn.Tanh(), torch.nn.Linear(5, 4), torch.nn.ReLU(),
                                torch.nn.Linear(4, 3), torch.nn.Softmax(dim=1)).double()
    save_file(model.state_dict(), tmp_path / "model.safetensors")
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(6, 3)), np.array([0, 1, 2, 1, 0, 2])
    np.savez(tmp_path / "data.npz", X=X, y=y)
    out = tmp_path / "model.toml"
    result = CliRunner().invoke(main, ["import", str(tmp_path / "model.safetensors"), "--activations",
                                       "tanh,relu,softmax", "--data", str(tmp_path / "data.npz"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    session = Session(load_scenario(out))
    lr = session.config.learning_rate
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    linears = [module for module in model if isinstance(module, torch.nn.Linear)]
    for _ in range(3):
        optimizer.zero_grad()
        loss = -torch.log(model(torch.from_numpy(X))[torch.arange(6), torch.from_numpy(y)]).mean()
        loss.backward()
        steps = {(step.phase, step.layer): step for step in (session.step() for _ in range(session.steps_per_batch))}
        assert abs(steps["loss", None].loss - loss.item()) < 1e-10
        for l, linear in enumerate(linears, start=1):
            np.testing.assert_allclose(steps["backward", l]["dW"], linear.weight.grad.numpy(), rtol=0, atol=1e-10)
            np.testing.assert_allclose(steps["backward", l]["db"].ravel(), linear.bias.grad.numpy(), rtol=0,
                                       atol=1e-10)
        optimizer.step()
    for layer, linear in zip(session.network.layers, linears):
        np.testing.assert_allclose(layer.W, linear.weight.detach().numpy(), rtol=0, atol=1e-10)


def test_exported_safetensors_load_into_the_matching_sequential(tmp_path):
    from safetensors.torch import load_file

    out = tmp_path / "xor.safetensors"
    assert CliRunner().invoke(main, ["export", "xor", "--out", str(out)]).exit_code == 0
    scenario = load_scenario("xor")
    sizes = scenario.network.sizes
    model = torch.nn.Sequential(torch.nn.Linear(sizes[0], sizes[1]), torch.nn.Tanh(),
                                torch.nn.Linear(sizes[1], sizes[2]), torch.nn.Sigmoid()).double()
    model.load_state_dict(load_file(out))
    from nnviz.weights import read_weights

    network = read_weights(out, scenario.network)
    X = scenario.X
    np.testing.assert_allclose(model(torch.from_numpy(X.T.copy())).detach().numpy().T, network.forward(X),
                               rtol=0, atol=1e-12)
