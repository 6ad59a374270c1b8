"""Hostile data files and arguments, made here since they are binary or need the
file system (the TOML-only ones are in malformed/hostile-*.toml): each is one
line naming the file and the key, never a traceback, a raw NumPy warning or the
advice to unpickle; through the CLI, exit code 2."""

import io
import os
import struct
import warnings
import zipfile

import numpy as np
import pytest
from click.testing import CliRunner

import nnviz
from nnviz.cli import main
from nnviz.scenario import data_files

HEAD = """[network]
sizes = {sizes}
activations = {activations}
[training]
loss = "{loss}"
learning_rate = 0.5
[data]
"""


def scenario(tmp_path, data: str, sizes="[2, 3]", activations='["softmax"]', loss="cross_entropy"):
    path = tmp_path / "s.toml"
    path.write_text(HEAD.format(sizes=sizes, activations=activations, loss=loss) + data)
    return path


def error_line(path) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a raw NumPy warning would reach the user
        with pytest.raises(nnviz.ScenarioError) as caught:
            nnviz.load_scenario(path)
    message = str(caught.value)
    assert "\n" not in message and message.isprintable() and "pickle" not in message
    return message


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def npy(array, allow_pickle=False) -> bytes:
    out = io.BytesIO()
    np.save(out, array, allow_pickle=allow_pickle)
    return out.getvalue()


GOOD_Y = npy(np.array([0, 1]))
NPZ_CASES = {
    "a pickled object": ({"X.npy": npy(np.array([object()] * 2, dtype=object), allow_pickle=True),
                          "y.npy": GOOD_Y}, "array 'X' holds Python objects"),
    "a member that is not .npy": ({"X.npy": b"garbage", "y.npy": GOOD_Y}, "array 'X' is not a NumPy array"),
    "a damaged .npy header": ({"X.npy": np.lib.format.magic(1, 0) + b"\x05\x00{'des", "y.npy": GOOD_Y},
                              "array 'X' is not a NumPy array"),
    "a record array": ({"X.npy": npy(np.zeros(2, dtype=[("a", "f8")])), "y.npy": GOOD_Y}, "array 'X' has dtype"),
    "labels of 2**64 - 1": ({"X.npy": npy(np.zeros((2, 2))), "y.npy": npy(np.array([2 ** 64 - 1, 0], np.uint64))},
                            "18446744073709551615 at row 0 of array 'y' is beyond ±2**53"),
}


@pytest.mark.parametrize("case", NPZ_CASES, ids=str)
def test_an_npz_member_that_is_not_a_plain_array_is_one_line(tmp_path, case):
    members, expected = NPZ_CASES[case]
    (tmp_path / "d.npz").write_bytes(zip_of(members))
    assert error_line(scenario(tmp_path, 'npz = "d.npz"')).startswith(f"s.toml: data.npz: {expected}")


def test_a_text_file_named_npz_never_suggests_allow_pickle(tmp_path):
    (tmp_path / "d.npz").write_text("x,y\n1,2\n")
    assert error_line(scenario(tmp_path, 'npz = "d.npz"')).endswith("it is not a zip archive")


def test_a_damaged_zip_is_one_line(tmp_path):
    whole = zip_of({"X.npy": npy(np.zeros((2, 2))), "y.npy": GOOD_Y})
    (tmp_path / "d.npz").write_bytes(whole[:len(whole) // 2])
    assert error_line(scenario(tmp_path, 'npz = "d.npz"')).startswith("s.toml: data.npz: cannot read")


def test_a_gzip_bomb_stops_at_the_limit(tmp_path, monkeypatch):
    import gzip

    monkeypatch.setattr(data_files, "MAX_BYTES", 1000)
    (tmp_path / "d.csv.gz").write_bytes(gzip.compress(b"a,b,y\n" + b"1,2,0\n" * 1000))
    line = error_line(scenario(tmp_path, 'csv = "d.csv.gz"'))
    assert line.startswith("s.toml: data.csv: ") and "unpacks to more than" in line


@pytest.mark.parametrize("ndim", [0, 2, 4, 255])
def test_an_idx_header_with_absurd_dimensions_is_refused_before_allocating(tmp_path, ndim):
    (tmp_path / "img.idx").write_bytes(bytes([0, 0, 8, ndim]) + struct.pack(f">{ndim}I", *[2 ** 31] * ndim))
    line = error_line(scenario(tmp_path, 'idx_images = "img.idx"\nidx_labels = "img.idx"'))
    assert line == f"s.toml: data.idx_images: img.idx announces {ndim} dimension{'s' * (ndim != 1)}; " \
                   f"expected 3 (images, rows, columns)"


def test_a_csv_label_of_2_63_is_refused_not_wrapped(tmp_path):
    (tmp_path / "d.csv").write_text("a,b,y\n0.1,0.2,9223372036854775807\n")
    assert "9.223372036854776e+18 at row 0 of column 'y' is beyond ±2**53" in error_line(
        scenario(tmp_path, 'csv = "d.csv"'))


def test_a_symlink_loop_as_a_data_path_is_one_line(tmp_path):
    os.symlink(tmp_path / "loop.csv", tmp_path / "loop.csv")
    assert error_line(scenario(tmp_path, 'csv = "loop.csv"')) == \
        f"s.toml: data.csv: a symbolic link loop: {tmp_path / 'loop.csv'}"


@pytest.mark.parametrize("argument, problem", [
    ("a" * 300, "cannot open it: the name is too long"),
    ("a\x00b", "cannot open it: the name holds a NUL byte"),
])
def test_a_hostile_scenario_argument_is_one_line(argument, problem):
    with pytest.raises(nnviz.ScenarioError) as caught:
        nnviz.load_scenario(argument)
    assert str(caught.value).endswith(problem) and str(caught.value).isprintable()


def test_the_cli_says_one_line_and_exits_2_for_hostile_files(tmp_path):
    (tmp_path / "d.npz").write_bytes(zip_of({"X.npy": b"garbage", "y.npy": GOOD_Y}))
    nested = tmp_path / "n.toml"
    nested.write_text("a = " + "[" * 1000 + "]" * 1000)
    escaping = tmp_path / "e.toml"
    escaping.write_text('"\\u001b[2J\\u2028" = 1')
    for path, expected in ((scenario(tmp_path, 'npz = "d.npz"'), "s.toml: data.npz: array 'X' is not"),
                           (nested, "n.toml: arrays or tables nested too deeply"),
                           (escaping, "e.toml: \\x1b[2J\\u2028: unknown key")):
        result = CliRunner().invoke(main, ["show", str(path)])
        assert result.exit_code == 2
        assert result.stderr.startswith(f"nnviz: {expected}") and result.stderr.count("\n") == 1
        assert "\x1b" not in result.stderr and "\u2028" not in result.stderr


def test_one_softmax_neuron_takes_its_only_class_0():
    from nnviz import scenario_from_dict

    s = scenario_from_dict({"network": {"sizes": [2, 1], "activations": ["softmax"]},
                            "data": {"X": [[0.1, 0.2], [0.3, 0.4]], "Y": [0, 0]},
                            "training": {"loss": "cross_entropy", "learning_rate": 0.5}})
    assert s.Y.tolist() == [[1.0, 1.0]]
