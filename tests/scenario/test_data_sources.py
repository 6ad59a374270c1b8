"""The [data] table: every source, the shared preprocessing, every error line."""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import numpy as np
import pytest

from nnviz.scenario.data_sources import load_data
from nnviz.scenario.errors import ScenarioError

FILE = "s.toml"
HERE = Path(".")


def load(table: dict, base_dir: Path = HERE):
    return load_data(table, base_dir, FILE)


def error_line(table: dict, base_dir: Path = HERE) -> str:
    with pytest.raises(ScenarioError) as caught:
        load_data(table, base_dir, FILE)
    return str(caught.value)


def write_idx(path: Path, array: np.ndarray, type_byte: int = 0x08, zipped: bool = False) -> Path:
    """Write array in IDX layout: 00 00 type ndim, big-endian sizes, values."""
    header = bytes([0, 0, type_byte, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    raw = header + array.tobytes()
    path.write_bytes(gzip.compress(raw) if zipped else raw)
    return path


# --- inline -----------------------------------------------------------------


def test_inline_rows_and_integer_labels():
    raw = load({"X": [[0.5, 1], [2, -3]], "Y": [0, 1]})
    assert raw.X.dtype == np.float64
    np.testing.assert_array_equal(raw.X, [[0.5, 1.0], [2.0, -3.0]])
    assert raw.y.dtype == np.int64
    np.testing.assert_array_equal(raw.y, [0, 1])
    assert raw.X_test is None


def test_inline_flat_list_is_one_example():
    raw = load({"X": [0.3, 0.5, -0.4, 0.3], "Y": 1})
    assert raw.X.shape == (1, 4)
    np.testing.assert_array_equal(raw.y, [1])


def test_inline_float_targets_and_one_hot_rows_are_float():
    assert load({"X": [[1], [2]], "Y": [0.5, 2]}).y.dtype == np.float64
    raw = load({"X": [[1], [2]], "Y": [[1, 0], [0, 1]]})
    assert raw.y.shape == (2, 2) and raw.y.dtype == np.float64


def test_inline_test_set():
    raw = load({"X": [[1, 2]], "Y": [1], "X_test": [[3, 4], [5, 6]], "Y_test": [0, 1]})
    np.testing.assert_array_equal(raw.X_test, [[3, 4], [5, 6]])
    np.testing.assert_array_equal(raw.y_test, [0, 1])


@pytest.mark.parametrize(
    "table, expected",
    [
        ({"X": [[1, 2], [3]], "Y": [0, 1]}, "s.toml: data.X[1]: row has 1 value; row 0 has 2"),
        ({"X": [[1, True]], "Y": [0]}, "s.toml: data.X[0]: column 1: expected a finite number, got true"),
        ({"X": [[1, 2], [3, float("nan")]], "Y": [0, 1]}, "s.toml: data.X[1]: column 1: expected a finite number, got nan"),
        ({"X": [1, "a"], "Y": [0]}, "s.toml: data.X[1]: expected a finite number, got 'a'"),
        ({"X": [], "Y": []}, "s.toml: data.X: expected a list of rows of numbers, got an empty list"),
        ({"X": [[1], []], "Y": [0, 1]}, "s.toml: data.X[1]: expected a row of numbers, got an empty list"),
        ({"X": "1,2", "Y": [0]}, "s.toml: data.X: expected a list of rows of numbers, got '1,2'"),
        ({"X": [[1], [2]]}, "s.toml: data.Y: missing; X needs Y, one entry per example"),
        ({"X": [[1], [2]], "Y": [0, 1, 1]}, "s.toml: data.Y: 3 labels for 2 examples in X"),
        ({"X": [1, 2], "Y": [0, 1]}, "s.toml: data.Y: 2 labels for 1 example in X; write one example's target row as [[0, 1]]"),
        ({"X": [[1], [2]], "Y": [0, False]}, "s.toml: data.Y[1]: expected a finite number, got false"),
        ({"X": [[1], [2]], "Y": [0, 1], "X_test": [[1, 2]], "Y_test": [0]}, "s.toml: data.X_test: rows have 2 values; rows of X have 1"),
        ({"X": [[1], [2]], "Y": [0, 1], "X_test": [[1]], "Y_test": [[0, 1]]}, "s.toml: data.Y_test: expected labels shaped like Y's numbers, got rows of 2"),
        ({"X": [[1], [2]], "Y": [0, 1], "X_test": [[1]]}, "s.toml: data.Y_test: missing; X_test needs Y_test, one entry per example"),
    ],
)
def test_inline_errors(table, expected):
    assert error_line(table) == expected


# --- table keys ---------------------------------------------------------------


@pytest.mark.parametrize(
    "table, expected",
    [
        ({"generate": "xor", "nosie": 0.2}, "s.toml: data.nosie: unknown key; did you mean 'noise'?"),
        ({"x": [[1]], "Y": [1]}, "s.toml: data.x: unknown key; did you mean 'X'?"),
        ({"generate": "xor", "banana": 1}, "s.toml: data.banana: unknown key (docs/data.md lists the keys of [data])"),
        ({}, "s.toml: data: no examples; give one source: X (with Y), csv, npz, idx_images, generate or dataset"),
        ({"csv": "a.csv", "npz": "b.npz"}, "s.toml: data: give one source of examples, not csv and npz"),
        ({"X": [[1]], "Y": [1], "generate": "xor", "dataset": "digits"}, "s.toml: data: give one source of examples, not X, generate and dataset"),
        ({"generate": "xor", "target": "y"}, "s.toml: data.target: only used with csv; this table reads generate"),
        ({"dataset": "digits", "flatten": 1}, "s.toml: data.flatten: expected true or false, got 1"),
    ],
)
def test_table_key_errors(table, expected):
    assert error_line(table) == expected


@pytest.mark.parametrize(
    "table, problem", [(None, "missing"), ([1], "expected a table, got a list")]
)
def test_data_that_is_not_a_table(table, problem):
    assert error_line(table) == f"s.toml: data: {problem}; a [data] table gives the examples (see docs/data.md)"


# --- csv ----------------------------------------------------------------------


def write_csv(tmp_path: Path, text: str, name: str = "liver.csv") -> Path:
    (tmp_path / name).write_text(text)
    return tmp_path


LIVER = "age,albumin,bilirubin,sick\n65,3.3,0.7,0\n62,3.2,10.9,1\n\n20,4,1.1,1\n"


def test_csv_last_column_is_the_default_target(tmp_path):
    raw = load({"csv": "liver.csv"}, write_csv(tmp_path, LIVER))
    np.testing.assert_array_equal(raw.X, [[65, 3.3, 0.7], [62, 3.2, 10.9], [20, 4, 1.1]])
    assert raw.y.dtype == np.int64
    np.testing.assert_array_equal(raw.y, [0, 1, 1])
    assert raw.feature_names == ("age", "albumin", "bilirubin")


def test_csv_target_and_features_pick_columns(tmp_path):
    raw = load({"csv": "liver.csv", "target": "albumin", "features": ["bilirubin", "age"]}, write_csv(tmp_path, LIVER))
    np.testing.assert_array_equal(raw.X, [[0.7, 65], [10.9, 62], [1.1, 20]])
    assert raw.y.dtype == np.float64
    np.testing.assert_array_equal(raw.y, [3.3, 3.2, 4.0])
    assert raw.feature_names == ("bilirubin", "age")


def test_csv_gzipped(tmp_path):
    (tmp_path / "liver.csv.gz").write_bytes(gzip.compress(LIVER.encode()))
    assert load({"csv": "liver.csv.gz"}, tmp_path).X.shape == (3, 3)


@pytest.mark.parametrize(
    "text, extra, expected",
    [
        ("a,b\n1,x\n", {}, "data.csv: line 2, column 'b': expected a finite number, got 'x'"),
        ("a,b\n1,2\n3,nan\n", {}, "data.csv: line 3, column 'b': expected a finite number, got 'nan'"),
        ("a,b\n1,2\nabc,4\n", {}, "data.csv: line 3, column 'a': expected a finite number, got 'abc'"),
        ("a,b\n1,2\n3\n", {}, "data.csv: line 3 has 1 cell; the header has 2"),
        ("1,2\n3,4\n", {}, "data.csv: the first line holds numbers; add a header row naming the columns"),
        ("a,a\n1,2\n", {}, "data.csv: header column 1 repeats the name 'a'; each column needs its own name"),
        ("a,b\n1,2\n", {"target": "B"}, "data.target: no column 'B' in liver.csv; did you mean 'b'?"),
        ("age,b\n1,2\n", {"features": ["agee"]}, "data.features[0]: no column 'agee' in liver.csv; did you mean 'age'?"),
        ("a,b\n1,2\n", {"features": ["a", "b"]}, "data.features: 'b' is the target; leave it out of features"),
        ("a\n1\n", {}, "data.csv: no feature columns; liver.csv has only the target 'a'"),
        ("a,b\n1,2\n", {"features": []}, "data.features: expected a non-empty list of strings, got an empty list"),
        ("a,b\n1,2\n", {"target": 3}, "data.target: expected a string, got 3"),
    ],
)
def test_csv_errors(tmp_path, text, extra, expected):
    assert error_line({"csv": "liver.csv", **extra}, write_csv(tmp_path, text)) == f"s.toml: {expected}"


def test_csv_with_header_only_or_empty(tmp_path):
    path = write_csv(tmp_path, "a,b\n") / "liver.csv"
    assert error_line({"csv": "liver.csv"}, tmp_path) == f"s.toml: data.csv: {path} has a header but no data rows"
    path.write_text("")
    assert error_line({"csv": "liver.csv"}, tmp_path) == f"s.toml: data.csv: {path} is empty; expected a header row and data rows"


def test_csv_that_is_not_utf8(tmp_path):
    (tmp_path / "latin.csv").write_bytes("ä,b\n1,2\n".encode("latin-1"))
    expected = f"s.toml: data.csv: {tmp_path.resolve() / 'latin.csv'} is not UTF-8 text"
    assert error_line({"csv": "latin.csv"}, tmp_path) == expected


def test_missing_file_names_the_resolved_path(tmp_path):
    expected = f"s.toml: data.csv: file not found: {tmp_path.resolve() / 'nope.csv'}"
    assert error_line({"csv": "nope.csv"}, tmp_path) == expected


@pytest.mark.parametrize("source,name", [("csv", "d.csv"), ("npz", "d.npz"), ("idx_images", "images.idx")])
def test_a_file_that_cannot_be_read_is_one_error(tmp_path, monkeypatch, source, name):
    # As a file without read permission does for a user who is not root.
    (tmp_path / name).write_bytes(b"a,b\n1,2\n")

    def refuse(path):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    expected = f"s.toml: data.{source}: cannot read {tmp_path.resolve() / name}: Permission denied"
    assert error_line({source: name}, tmp_path) == expected


# --- npz ----------------------------------------------------------------------


def test_npz_default_keys(tmp_path):
    np.savez(tmp_path / "d.npz", X=np.arange(6, dtype=np.int32).reshape(3, 2), y=np.array([2, 0, 1], dtype=np.uint8))
    raw = load({"npz": "d.npz"}, tmp_path)
    assert raw.X.dtype == np.float64 and raw.y.dtype == np.int64
    np.testing.assert_array_equal(raw.X, [[0, 1], [2, 3], [4, 5]])
    np.testing.assert_array_equal(raw.y, [2, 0, 1])


def test_npz_named_keys_flatten_images_and_vector_features(tmp_path):
    images = np.arange(2 * 3 * 4, dtype=np.float32).reshape(2, 3, 4)
    np.savez(tmp_path / "d.npz", imgs=images, t=np.array([0.5, 1.5]), v=np.array([1.0, 2.0]))
    raw = load({"npz": "d.npz", "x_key": "imgs", "y_key": "t", "flatten": True}, tmp_path)
    assert raw.X.shape == (2, 12) and raw.image_shape == (3, 4)
    np.testing.assert_array_equal(raw.X[1], np.arange(12, 24))
    assert raw.y.dtype == np.float64
    assert load({"npz": "d.npz", "x_key": "v", "y_key": "t"}, tmp_path).X.shape == (2, 1)


@pytest.mark.parametrize(
    "arrays, extra, expected",
    [
        ({"X": np.zeros((2, 3, 3)), "y": np.zeros(2)}, {}, "data.npz: array 'X' has shape (2, 3, 3); set flatten = true to use each image as a row"),
        ({"X": np.zeros((2, 2)), "y": np.zeros(3)}, {}, "data.npz: 3 labels for 2 examples"),
        ({"X": np.array([[1.0, np.inf]]), "y": np.zeros(1)}, {}, "data.npz: array 'X' has inf at row 0, column 1; values must be finite numbers"),
        ({"X": np.zeros((1, 1), dtype=bool), "y": np.zeros(1)}, {}, "data.npz: array 'X' has dtype bool; expected numbers"),
        ({"X": np.zeros((0, 2)), "y": np.zeros(0)}, {}, "data.npz: array 'X' holds no examples"),
        ({"X": np.zeros((1, 1)), "labels": np.zeros(1)}, {}, "data.y_key: no array 'y' in d.npz (it has: X, labels)"),
        ({"X": np.zeros((1, 1)), "y": np.zeros(1)}, {"x_key": "x"}, "data.x_key: no array 'x' in d.npz (it has: X, y); did you mean 'X'?"),
    ],
)
def test_npz_errors(tmp_path, arrays, extra, expected):
    np.savez(tmp_path / "d.npz", **arrays)
    assert error_line({"npz": "d.npz", **extra}, tmp_path) == f"s.toml: {expected}"


def test_npz_that_is_not_a_zip_archive(tmp_path):
    np.save(tmp_path / "one.npy", np.zeros(3))
    path = (tmp_path / "one.npy").resolve()
    expected = f"s.toml: data.npz: {path} holds one array; save X and y together with np.savez"
    assert error_line({"npz": "one.npy"}, tmp_path) == expected
    (tmp_path / "text.npz").write_text("X,y\n1,2\n")
    expected = f"s.toml: data.npz: cannot read {tmp_path.resolve() / 'text.npz'} as .npz: it is not a zip archive"
    assert error_line({"npz": "text.npz"}, tmp_path) == expected


def test_npz_object_arrays_are_refused_not_unpickled(tmp_path):
    np.savez(tmp_path / "d.npz", X=np.array([{}, 1], dtype=object), y=np.zeros(2))
    expected = "s.toml: data.npz: array 'X' holds Python objects; save it as an array of numbers"
    assert error_line({"npz": "d.npz"}, tmp_path) == expected


# --- idx ----------------------------------------------------------------------


@pytest.mark.parametrize("zipped", [False, True])
def test_idx_images_are_flattened_with_labels(tmp_path, zipped):
    images = np.arange(3 * 2 * 4, dtype=np.uint8).reshape(3, 2, 4)
    write_idx(tmp_path / "img", images, zipped=zipped)
    write_idx(tmp_path / "lab", np.array([7, 0, 9], dtype=np.uint8), zipped=zipped)
    raw = load({"idx_images": "img", "idx_labels": "lab"}, tmp_path)
    assert raw.image_shape == (2, 4) and raw.X.shape == (3, 8) and raw.X.dtype == np.float64
    np.testing.assert_array_equal(raw.X[2], np.arange(16, 24))
    assert raw.y.dtype == np.int64
    np.testing.assert_array_equal(raw.y, [7, 0, 9])


def test_idx_big_endian_wider_types(tmp_path):
    images = np.array([[[1000, -2]]], dtype=">i2")
    write_idx(tmp_path / "img", images, type_byte=0x0B)
    write_idx(tmp_path / "lab", np.array([1], dtype=">i4"), type_byte=0x0C)
    raw = load({"idx_images": "img", "idx_labels": "lab"}, tmp_path)
    np.testing.assert_array_equal(raw.X, [[1000, -2]])
    np.testing.assert_array_equal(raw.y, [1])


def test_idx_errors(tmp_path):
    images = write_idx(tmp_path / "img", np.zeros((2, 2, 2), dtype=np.uint8)).resolve()
    labels = write_idx(tmp_path / "lab", np.zeros(3, dtype=np.uint8))
    table = {"idx_images": "img", "idx_labels": "lab"}
    assert error_line({"idx_images": "img"}, tmp_path) == (
        "s.toml: data.idx_labels: missing; idx_images needs a labels file such as train-labels-idx1-ubyte.gz"
    )
    assert error_line(table, tmp_path) == "s.toml: data.idx_labels: 3 labels for 2 images in idx_images"
    assert error_line({"idx_images": "lab", "idx_labels": "img"}, tmp_path) == (
        "s.toml: data.idx_images: lab announces 1 dimension; expected 3 (images, rows, columns)"
    )
    images.write_bytes(images.read_bytes()[:-1])
    assert error_line(table, tmp_path) == (
        f"s.toml: data.idx_images: {images} header says 2x2x2 values (8 bytes) but 7 bytes follow it"
    )
    images.write_bytes(b"PK\x03\x04rest")
    assert error_line(table, tmp_path) == (
        f"s.toml: data.idx_images: {images} is not an IDX file: it starts with 50 4b 03 04, not 00 00 <type 08-0e> <dims>"
    )
    images.write_bytes(b"\x1f\x8bnot really gzip")
    assert error_line(table, tmp_path).startswith(f"s.toml: data.idx_images: cannot decompress {images}: ")
    write_idx(tmp_path / "img", np.zeros((3, 2, 2), dtype=np.uint8))
    labels.write_bytes(bytes([0, 0, 8, 1, 0, 0]))
    assert error_line(table, tmp_path) == (
        f"s.toml: data.idx_labels: {labels.resolve()} ends inside its header (1 dimension announced)"
    )


# --- generated ----------------------------------------------------------------

SETS = ["xor", "circles", "spirals", "blobs", "plane"]


@pytest.mark.parametrize("name", SETS)
def test_generated_same_seed_is_bit_identical_and_seeds_differ(name):
    first = load({"generate": name, "n": 50, "seed": 3})
    again = load({"generate": name, "n": 50, "seed": 3})
    other = load({"generate": name, "n": 50, "seed": 4})
    assert first.X.shape == (50, 2) and first.feature_names == ("x1", "x2")
    assert first.X.tobytes() == again.X.tobytes() and first.y.tobytes() == again.y.tobytes()
    assert not np.array_equal(first.X, other.X)


@pytest.mark.parametrize("name, k", [("xor", 2), ("circles", 2), ("spirals", 2), ("blobs", 2)])
def test_generated_classes_are_int_labels_0_to_k(name, k):
    raw = load({"generate": name})
    assert raw.X.shape == (200, 2) and raw.y.dtype == np.int64
    assert set(raw.y.tolist()) == set(range(k))


def test_xor_labels_follow_the_quadrant_rule():
    raw = load({"generate": "xor", "n": 500, "noise": 0})
    x1, x2 = raw.X.T
    np.testing.assert_array_equal(raw.y, (x1 * x2 < 0).astype(np.int64))


def test_circles_without_noise_separate_by_radius():
    raw = load({"generate": "circles", "n": 101, "noise": 0})
    radius = np.hypot(*raw.X.T)
    assert radius[raw.y == 0].max() <= 0.5 < 0.7 <= radius[raw.y == 1].min()
    assert np.bincount(raw.y).tolist() == [51, 50]


def test_blobs_centers_give_that_many_balanced_classes():
    raw = load({"generate": "blobs", "centers": 4, "n": 10})
    assert np.bincount(raw.y).tolist() == [3, 3, 2, 2]


def test_plane_is_the_linear_target_without_noise():
    raw = load({"generate": "plane", "coef": [2, -1], "intercept": 0.5, "noise": 0.0})
    assert raw.y.dtype == np.float64
    np.testing.assert_allclose(raw.y, 2 * raw.X[:, 0] - raw.X[:, 1] + 0.5)


@pytest.mark.parametrize(
    "table, expected",
    [
        ({"generate": "xo"}, "data.generate: unknown set 'xo'; did you mean 'xor'? (choose one of xor, circles, spirals, blobs, plane)"),
        ({"generate": "xor", "n": True}, "data.n: expected a whole number, got true"),
        ({"generate": "xor", "n": 0}, "data.n: expected a whole number from 1 to 1000000, got 0"),
        ({"generate": "xor", "noise": -0.1}, "data.noise: expected a number >= 0, got -0.1"),
        ({"generate": "xor", "seed": -1}, "data.seed: expected a whole number >= 0, got -1"),
        ({"generate": "xor", "centers": 3}, 'data.centers: only used with generate = "blobs"'),
        ({"generate": "blobs", "centers": 5, "n": 4}, "data.n: expected at least 5 examples, one per class, got 4"),
        ({"generate": "plane", "coef": [1]}, "data.coef: expected two finite numbers [a, b], got a list"),
    ],
)
def test_generated_errors(table, expected):
    assert error_line(table) == f"s.toml: {expected}"


# --- digits -------------------------------------------------------------------


def test_digits_is_the_uci_8x8_set():
    raw = load({"dataset": "digits"})
    assert raw.X.shape == (1797, 64) and raw.image_shape == (8, 8)
    assert raw.X.min() == 0 and raw.X.max() == 16
    assert raw.y.dtype == np.int64 and set(raw.y.tolist()) == set(range(10))
    assert raw.class_names == tuple("0123456789")
    assert load({"dataset": "digits", "scale": 16}).X.max() == 1.0


def test_unknown_dataset():
    expected = "s.toml: data.dataset: unknown dataset 'digit'; did you mean 'digits'? (available: digits)"
    assert error_line({"dataset": "digit"}) == expected


# --- shared preprocessing -----------------------------------------------------

TEN = {"X": [[float(i), -2.0 * i] for i in range(10)], "Y": list(range(10))}


def test_limit_keeps_the_first_rows_as_stored():
    raw = load({**TEN, "limit": 3})
    np.testing.assert_array_equal(raw.y, [0, 1, 2])
    assert load({**TEN, "limit": 50}).X.shape == (10, 2)


def test_scale_by_number_and_by_max():
    np.testing.assert_array_equal(load({**TEN, "scale": 2}).X[3], [1.5, -3.0])
    assert np.abs(load({**TEN, "scale": "max"}).X).max() == 1.0


def test_split_is_deterministic_disjoint_and_complete():
    first = load({**TEN, "test_fraction": 0.3, "split_seed": 5})
    again = load({**TEN, "test_fraction": 0.3, "split_seed": 5})
    other = load({**TEN, "test_fraction": 0.3, "split_seed": 6})
    assert len(first.y_test) == 3 and len(first.y) == 7
    np.testing.assert_array_equal(first.y_test, again.y_test)
    assert sorted(first.y.tolist() + first.y_test.tolist()) == list(range(10))
    np.testing.assert_array_equal(first.X_test[:, 0], first.y_test)  # rows travel with labels
    assert not np.array_equal(first.y_test, other.y_test)


def test_scale_max_uses_the_training_rows_after_the_split():
    raw = load({**TEN, "test_fraction": 0.3, "scale": "max"})
    assert np.abs(raw.X).max() == 1.0
    train_max = 2.0 * max(raw.y)
    np.testing.assert_array_equal(raw.X_test[:, 0], raw.y_test / train_max)


def test_class_names_turn_whole_float_labels_into_indices():
    raw = load({"X": [[1], [2]], "Y": [1.0, 0.0], "class_names": ["healthy", "sick"]})
    assert raw.y.dtype == np.int64 and raw.class_names == ("healthy", "sick")
    np.testing.assert_array_equal(raw.y, [1, 0])


@pytest.mark.parametrize(
    "extra, expected",
    [
        ({"limit": 0}, "data.limit: expected a whole number >= 1, got 0"),
        ({"limit": 2.5}, "data.limit: expected a whole number, got 2.5"),
        ({"scale": 0}, 'data.scale: expected a positive number or "max", got 0'),
        ({"scale": "min"}, "data.scale: expected a positive number or \"max\", got 'min'"),
        ({"scale": True}, 'data.scale: expected a positive number or "max", got true'),
        ({"test_fraction": 1.0}, "data.test_fraction: expected a number between 0 and 1, got 1"),
        ({"test_fraction": 0.01}, "data.test_fraction: 0.01 of 10 examples leaves no test examples"),
        ({"test_fraction": 0.99}, "data.test_fraction: 0.99 of 10 examples leaves no training examples"),
        ({"split_seed": 1}, "data.split_seed: only used with test_fraction"),
        ({"class_names": ["a", "b"]}, "data.class_names: label 2 at row 2 has no name; 2 names cover 0..1"),
        ({"class_names": ["a", "a"]}, "data.class_names[1]: 'a' appears twice"),
        ({"class_names": "ab"}, "data.class_names: expected a non-empty list of strings, got 'ab'"),
    ],
)
def test_preprocessing_errors(extra, expected):
    assert error_line({**TEN, **extra}) == f"s.toml: {expected}"


def test_class_names_need_whole_number_labels():
    expected = "s.toml: data.class_names: label 0.5 at row 1 is not a whole number; class labels are 0..1"
    assert error_line({"X": [[1], [2]], "Y": [1, 0.5], "class_names": ["a", "b"]}) == expected


def test_split_with_an_inline_test_set_is_refused():
    table = {"X": [[1], [2]], "Y": [0, 1], "X_test": [[3]], "Y_test": [1], "test_fraction": 0.5}
    expected = "s.toml: data.test_fraction: the test set is already given as X_test; remove one of them"
    assert error_line(table) == expected
