"""The weights reader: every hostile or malformed file is one line naming the file and the
tensor; the conventions (nnviz, PyTorch, Keras) give the same layers; writing round-trips."""

from __future__ import annotations

import json
import os
import threading
import tracemalloc

import numpy as np
import pytest
from safetensors.numpy import save

from nnviz.engine.network import build_network
from nnviz.scenario import ScenarioError
from nnviz.weights import read_layers, read_tensors, read_weights, write_weights


def safetensors_bytes(header: dict, data: bytes = b"") -> bytes:
    text = json.dumps(header).encode()
    return len(text).to_bytes(8, "little") + text + data


def npz_with(path, **arrays):
    np.savez(path, **arrays)


GOOD_W1, GOOD_b1 = np.ones((2, 3)), np.zeros(2)

# (file name, how to make it, what the one line must say)
CORPUS = [
    ("nan.npz", lambda p: npz_with(p, W1=np.array([[1.0, np.nan, 0.0]] * 2), b1=GOOD_b1), "W1: holds nan at [0, 1]"),
    ("inf.npz", lambda p: npz_with(p, W1=GOOD_W1, b1=np.array([np.inf, 0.0])), "b1: holds inf at [0]"),
    ("null.json", lambda p: p.write_text('{"W1": [[1, null, 0], [0, 0, 0]], "b1": [0, 0]}'),
     "W1: null (JSON's NaN) at [0][1] is not a number"),
    ("huge.json", lambda p: p.write_text('{"W1": [[1e400, 0, 0], [0, 0, 0]], "b1": [0, 0]}'), "W1: holds inf at [0, 0]"),
    ("nan-word.json", lambda p: p.write_text('{"W1": [[NaN, 0, 0], [0, 0, 0]], "b1": [0, 0]}'), "NaN is not a number"),
    ("bool.json", lambda p: p.write_text('{"W1": [[true, 0, 0], [0, 0, 0]], "b1": [0, 0]}'),
     "W1: true at [0][0] is not a number"),
    ("digits.json", lambda p: p.write_text('{"W1": [[' + "9" * 5001 + ', 0, 0], [0, 0, 0]], "b1": [0, 0]}'),
     "W1: holds inf at [0, 0]"),
    ("deep.json", lambda p: p.write_text('{"W1": ' + "[" * 100_000 + "]" * 100_000 + "}"), "nested too deep"),
    ("rank3.json", lambda p: p.write_text('{"W1": [[[1]]], "b1": [0]}'), "W1: a list at [0][0] is not a number"),
    ("scalar.json", lambda p: p.write_text('{"W1": 3, "b1": [0]}'), "W1: has rank 0"),
    ("empty.npz", lambda p: p.write_bytes(b""), "the file is empty"),
    ("empty.json", lambda p: p.write_bytes(b""), "the file is empty"),
    ("empty.safetensors", lambda p: p.write_bytes(b""), "the file is empty"),
    ("text.npz", lambda p: p.write_text("W1 = 1\n"), "not an .npz file (not a zip archive)"),
    ("pickle.npz", lambda p: npz_with(p, W1=np.array([{"a": 1}, None], dtype=object), b1=GOOD_b1),
     "W1: holds Python objects (pickled), not numbers; nnviz never unpickles"),
    ("words.npz", lambda p: npz_with(p, W1=np.array([["a"] * 3] * 2), b1=GOOD_b1), "W1: holds <U1 values"),
    ("b-row.npz", lambda p: npz_with(p, W1=np.ones((4, 3)), b1=np.zeros((1, 4))), "b1: has shape (1, 4); layer 1"),
    ("b-square.npz", lambda p: npz_with(p, W1=np.ones((4, 3)), b1=np.zeros((2, 2))), "b1: has shape (2, 2)"),
    ("W-flat.npz", lambda p: npz_with(p, W1=np.ones(3), b1=np.zeros(1)), "W1: has shape (3,); a weight is a matrix"),
    ("rank3.npz", lambda p: npz_with(p, W1=np.ones((1, 2, 3)), b1=np.zeros(1)), "W1: has rank 3"),
    ("no-b.npz", lambda p: npz_with(p, W1=GOOD_W1), "no b1"),
    ("short.safetensors", lambda p: p.write_bytes(b"\x05\x00"), "2 bytes, fewer than the 8"),
    ("truncated.safetensors", lambda p: p.write_bytes(save({"0.weight": np.ones((2, 3)), "0.bias": np.zeros(2)})[:-8]),
     "declares"),
    ("header-lies.safetensors", lambda p: p.write_bytes((10**12).to_bytes(8, "little") + b"{}"),
     "the header claims 1000000000000 bytes"),
    ("i64.safetensors", lambda p: p.write_bytes(save({"0.weight": np.ones((2, 3), dtype=np.int64),
                                                      "0.bias": np.zeros(2)})), "0.weight: dtype I64"),
    ("rank3.safetensors", lambda p: p.write_bytes(save({"0.weight": np.ones((1, 2, 3)), "0.bias": np.zeros(2)})),
     "0.weight: has rank 3"),
    ("giant.safetensors", lambda p: p.write_bytes(safetensors_bytes(
        {"0.weight": {"dtype": "F64", "shape": [10**9, 10**9], "data_offsets": [0, 8 * 10**18]}}, b"\0" * 8)),
     "0.weight: declares 8000000000000000000 bytes"),
    ("json-header.safetensors", lambda p: p.write_bytes(b"\x05\x00\x00\x00\x00\x00\x00\x00{{{{{"),
     "the header is not valid JSON"),
    ("deep-header.safetensors", lambda p: p.write_bytes((100_000).to_bytes(8, "little") + b"[" * 100_000),
     "the header is not valid JSON"),
    ("nan.safetensors", lambda p: p.write_bytes(save({"0.weight": np.full((2, 3), np.nan), "0.bias": np.zeros(2)})),
     "0.weight: holds nan at [0, 0]"),
    ("running.safetensors", lambda p: p.write_bytes(save({"0.weight": GOOD_W1, "0.bias": GOOD_b1,
                                                          "1.running_mean": np.zeros(2)})),
     "1.running_mean: is neither a weight nor a bias"),
    ("chain.safetensors", lambda p: p.write_bytes(save({"0.weight": np.ones((8, 2)), "0.bias": np.zeros(8),
                                                        "2.weight": np.ones((1, 7)), "2.bias": np.zeros(1)})),
     "2.weight: has shape (1, 7), but layer 1 (0.weight (8, 2)) has 8 outputs, so layer 2 needs 8 columns"),
    ("suffix.npy", lambda p: np.save(p, np.zeros(3)), "unknown weights format .npy"),
]


@pytest.mark.parametrize("name,make,says", CORPUS, ids=[c[0] for c in CORPUS])
def test_a_bad_weights_file_is_one_line_naming_the_file_and_the_tensor(tmp_path, name, make, says):
    path = tmp_path / name
    make(path)
    with pytest.raises(ScenarioError) as caught:
        read_layers(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "\n" not in message and len(message) < 400
    assert says in message
    assert "allow_pickle" not in message and "set_int_max_str_digits" not in message


def test_a_huge_declared_safetensors_tensor_allocates_nothing_like_its_size(tmp_path):
    path = tmp_path / "giant.safetensors"
    path.write_bytes(safetensors_bytes(
        {"0.weight": {"dtype": "F64", "shape": [50_000, 50_000], "data_offsets": [0, 8 * 50_000 ** 2]}}, b"\0" * 64))
    tracemalloc.start()
    with pytest.raises(ScenarioError, match="declares 20000000000 bytes"):
        read_tensors(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 1_000_000


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_anything_but_a_regular_file_is_refused_without_blocking(tmp_path, kind):
    path = tmp_path / "w.npz"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path.symlink_to("/dev/zero")  # endless, if it were read
    outcome = []
    reader = threading.Thread(target=lambda: outcome.append(_error_of(path)), daemon=True)
    reader.start()
    reader.join(5)
    assert outcome, "reading blocked"
    assert outcome[0].startswith(f"{path}: is ") and ("regular file" in outcome[0] or "folder" in outcome[0])


def _error_of(path) -> str:
    try:
        read_tensors(path)
    except ScenarioError as err:
        return str(err)
    return "read"


def test_pytorch_sequential_names_are_ordered_by_index_not_as_text(tmp_path):
    sizes = [2, 3, 4, 5, 6, 7, 1]  # Linear layers at 0, 2, ..., 10: "10" sorts before "2" as text
    tensors = {f"{2 * l}.weight": np.full((n_out, n_in), float(l)) for l, (n_in, n_out) in
               enumerate(zip(sizes[:-1], sizes[1:]))}
    tensors.update({f"{2 * l}.bias": np.full(n_out, float(l)) for l, n_out in enumerate(sizes[1:])})
    path = tmp_path / "seq.safetensors"
    path.write_bytes(save(dict(sorted(tensors.items()))))
    layers = read_layers(path)
    assert [p.W_name for p in layers] == [f"{2 * l}.weight" for l in range(6)]
    assert [p.W.shape for p in layers] == [(n_out, n_in) for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    assert all(p.b.shape == (p.W.shape[0], 1) for p in layers)


def test_module_names_and_keras_kernels_give_the_same_layers(tmp_path):
    W1, b1, W2, b2 = np.arange(16.0).reshape(8, 2), np.arange(8.0), np.arange(8.0).reshape(1, 8), np.ones(1)
    torch_path, keras_path = tmp_path / "fc.npz", tmp_path / "keras.npz"
    np.savez(torch_path, **{"fc1.weight": W1, "fc1.bias": b1, "fc2.weight": W2, "fc2.bias": b2})
    np.savez(keras_path, **{"dense/kernel:0": W1.T, "dense/bias:0": b1, "dense_1/kernel:0": W2.T, "dense_1/bias:0": b2})
    for path in (torch_path, keras_path):
        layers = read_layers(path)
        assert [(p.W.tolist(), p.b.ravel().tolist()) for p in layers] == [
            (W1.tolist(), b1.tolist()), (W2.tolist(), b2.tolist())]


def test_a_keras_kernel_that_does_not_chain_names_its_rows(tmp_path):
    path = tmp_path / "keras.npz"
    np.savez(path, **{"dense/kernel": np.ones((2, 8)), "dense/bias": np.zeros(8),
                      "dense_1/kernel": np.ones((7, 1)), "dense_1/bias": np.zeros(1)})
    with pytest.raises(ScenarioError, match=r"dense_1/kernel: has shape \(7, 1\), .* needs 8 rows"):
        read_layers(path)


@pytest.mark.parametrize("suffix", [".safetensors", ".npz", ".json"])
def test_written_weights_read_back_bit_for_bit(tmp_path, suffix):
    network = build_network([3, 4, 2], ["tanh", "softmax"], seed=3)
    path = tmp_path / f"w{suffix}"
    write_weights(network, path)
    back = read_weights(path, build_network([3, 4, 2], ["tanh", "softmax"], seed=9))
    for a, b in zip(network.layers, back.layers):
        assert a.W.tobytes() == b.W.tobytes() and a.b.tobytes() == b.b.tobytes()


def test_safetensors_export_uses_the_names_of_nn_sequential(tmp_path):
    from safetensors.numpy import load_file

    network = build_network([3, 4, 5, 2], ["relu", "relu", "softmax"], seed=1)
    path = tmp_path / "w.safetensors"
    write_weights(network, path)
    saved = load_file(path)
    # nn.Sequential(Linear(3,4), ReLU(), Linear(4,5), ReLU(), Linear(5,2), Softmax(0)): Linear at 0, 2, 4
    assert {name: array.shape for name, array in saved.items()} == {
        "0.weight": (4, 3), "0.bias": (4,), "2.weight": (5, 4), "2.bias": (5,), "4.weight": (2, 5), "4.bias": (2,)}
    assert saved["2.weight"].tobytes() == network.layers[1].W.tobytes()


def test_a_file_of_the_wrong_depth_or_shape_names_what_the_network_needs(tmp_path):
    path = tmp_path / "w.npz"
    np.savez(path, W1=np.ones((4, 3)), b1=np.zeros((4, 1)))
    with pytest.raises(ScenarioError, match=r"holds 1 layer \(W1\); the network \(sizes \[3, 4, 1\]\) has 2"):
        read_weights(path, build_network([3, 4, 1], ["relu", "sigmoid"]))
    with pytest.raises(ScenarioError, match=r"W1: has shape \(4, 3\); layer 1 of the network \(sizes \[2, 4\]\) "
                                            r"needs W1 \(4, 2\)"):
        read_weights(path, build_network([2, 4], ["relu"]))


def test_a_pipe_as_weights_or_out_is_one_line_and_exit_2_without_blocking(tmp_path):
    from click.testing import CliRunner

    from nnviz.cli import main

    fifo = tmp_path / "w.npz"
    os.mkfifo(fifo)
    for args in (["evaluate", "binary-example", "--weights", str(fifo)],
                 ["export", "binary-example", "--out", str(fifo)]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1, args
        assert str(fifo) in result.stderr and "not a regular file" in result.stderr


def test_an_empty_weights_file_is_one_line_and_exit_2_not_aborted(tmp_path):
    from click.testing import CliRunner

    from nnviz.cli import main

    path = tmp_path / "w.npz"
    path.write_bytes(b"")
    result = CliRunner().invoke(main, ["replay", "binary-example", "--weights", str(path)])
    assert result.exit_code == 2 and result.stderr == f"nnviz: {path}: the file is empty\n"


def test_a_scenario_takes_its_weights_from_a_file_beside_it(tmp_path):
    from nnviz.scenario import load_scenario

    network = build_network([2, 3, 1], ["tanh", "sigmoid"], seed=5)
    write_weights(network, tmp_path / "model.safetensors")
    toml = tmp_path / "s.toml"
    toml.write_text('[network]\nsizes = [2, 3, 1]\nactivations = ["tanh", "sigmoid"]\n'
                    '[weights]\nfile = "model.safetensors"\n'
                    '[data]\nX = [[0.5, -1.0]]\nY = [1]\n[training]\nloss = "binary_cross_entropy"\nlearning_rate = 0.1\n')
    loaded = load_scenario(toml)
    assert [layer.W.tobytes() for layer in loaded.network.layers] == [layer.W.tobytes() for layer in network.layers]
    toml.write_text(toml.read_text().replace("[2, 3, 1]", "[2, 4, 1]"))
    with pytest.raises(ScenarioError, match=r"^s\.toml: weights\.file: .*model\.safetensors: 0\.weight: has shape "
                                            r"\(3, 2\); layer 1 of the network \(sizes \[2, 4, 1\]\) needs W1 \(4, 2\)$"):
        load_scenario(toml)
    toml.write_text(toml.read_text().replace('file = "model.safetensors"', 'file = "model.safetensors"\nW1 = 1'))
    with pytest.raises(ScenarioError, match="weights.W1: give the weights as a file or as W1, b1 …, not both"):
        load_scenario(toml)


def test_weights_on_replay_start_the_run_from_the_file(tmp_path):
    from click.testing import CliRunner

    from nnviz.cli import main
    from nnviz.scenario import load_scenario

    network = load_scenario("xor").network
    changed = network.with_params([(np.full_like(layer.W, 0.25), layer.b) for layer in network.layers])
    path = tmp_path / "w.json"
    write_weights(changed, path)
    result = CliRunner().invoke(main, ["replay", "xor", "--steps", "1", "--format", "json", "--weights", str(path)])
    assert result.exit_code == 0
    assert set(np.ravel(json.loads(result.output)["arrays"]["W"])) == {0.25}
