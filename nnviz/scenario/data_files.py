"""Examples read from files: CSV, NumPy .npz, and the bundled digits."""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
import zlib
from importlib import resources
from pathlib import Path

import numpy as np

from nnviz.scenario.fields import Fields, check_finite, check_labels_exact, suggest
from nnviz.scenario.raw import RawData
from nnviz.textfmt import count

DATASETS = ("digits",)
MAX_BYTES = 2 * 1024 ** 3  # a data file, or one array of an .npz, unpacked: beyond this it is refused unread


def read_bytes(data: Fields, key: str, path: Path) -> bytes:
    """The file's bytes, gunzipped when it starts with the gzip magic 1f 8b.
    Every data file is read here, so a file that cannot be read is one error."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise data.error(key, f"cannot read {path}: {err.strerror or err}") from None
    if raw[:2] != b"\x1f\x8b":
        return raw
    try:
        unpacked = zlib.decompressobj(wbits=31).decompress(raw, MAX_BYTES + 1)  # a gzip bomb stops here
    except zlib.error as err:
        raise data.error(key, f"cannot decompress {path}: {err}") from None
    if len(unpacked) > MAX_BYTES:
        raise data.error(key, f"{path} unpacks to more than {MAX_BYTES // 1024 ** 3} GiB, the limit for a data file")
    return unpacked


def load_csv(data: Fields, base_dir: Path) -> RawData:
    """X (m, n_0) float64 from the feature columns, y (m,) from the target column."""
    path = data.path("csv", base_dir)
    header, lines = _read_csv(data, path)
    target = data.string("target", header[-1])
    _check_column(data, "target", target, header, path)
    features = data.strings("features") or [name for name in header if name != target]
    for i, name in enumerate(features):
        _check_column(data, f"features[{i}]", name, header, path)
    if target in features:
        raise data.error("features", f"'{target}' is the target; leave it out of features")
    if not features:
        raise data.error("csv", f"no feature columns; {path.name} has only the target '{target}'")
    columns = [header.index(name) for name in features]
    X = np.array([[_cell(data, line, row, j, header) for j in columns] for line, row in lines])
    t = header.index(target)
    y = np.array([_cell(data, line, row, t, header) for line, row in lines])
    # Whole-number cells ("0", "3") are class indices; "1.0" or "2.5" are targets.
    if all(_is_int(row[t]) for _, row in lines):
        check_labels_exact(y, data, "csv", f"column '{target}'")
        y = y.astype(np.int64)
    return RawData(X, y, feature_names=tuple(features))


def _read_csv(data: Fields, path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the (file line, cells) of every non-blank data row."""
    try:
        text = read_bytes(data, "csv", path).decode("utf-8-sig")
        rows = [(line, cells) for line, cells in _numbered(csv.reader(io.StringIO(text))) if cells]
    except UnicodeDecodeError:
        raise data.error("csv", f"{path} is not UTF-8 text") from None
    except csv.Error as err:
        raise data.error("csv", f"cannot read {path} as CSV: {err}") from None
    if not rows:
        raise data.error("csv", f"{path} is empty; expected a header row and data rows")
    header = [name.strip() for name in rows[0][1]]
    if all(_is_float(name) for name in header):
        raise data.error("csv", "the first line holds numbers; add a header row naming the columns")
    for i, name in enumerate(header):
        if not name or name in header[:i]:
            problem = "has no name" if not name else f"repeats the name '{name}'"
            raise data.error("csv", f"header column {i} {problem}; each column needs its own name")
    if len(rows) == 1:
        raise data.error("csv", f"{path} has a header but no data rows")
    for line, cells in rows[1:]:
        if len(cells) != len(header):
            raise data.error(
                "csv", f"line {line} has {count(len(cells), 'cell')}; the header has {len(header)}"
            )
    return header, rows[1:]


def _numbered(reader):
    """(file line number, cells): line_num counts quoted newlines too."""
    for cells in reader:
        yield reader.line_num, cells


def _check_column(data: Fields, key: str, name: str, header: list[str], path: Path) -> None:
    if name not in header:
        raise data.error(key, f"no column '{name}' in {path.name}{suggest(name, header)}")


def _cell(data: Fields, line: int, row: list[str], j: int, header: list[str]) -> float:
    text = row[j].strip()
    if _is_float(text):
        return float(text)
    raise data.error("csv", f"line {line}, column '{header[j]}': expected a finite number, got '{text}'")


def _is_float(text: str) -> bool:
    try:
        return np.isfinite(float(text))
    except ValueError:
        return False


def _is_int(text: str) -> bool:
    try:
        int(text)
    except ValueError:
        return False
    return True


def load_npz(data: Fields, base_dir: Path) -> RawData:
    """X (m, n_0) float64 and y (m,) or (m, k) from two arrays of an .npz file."""
    path = data.path("npz", base_dir)
    raw = read_bytes(data, "npz", path)
    if raw.startswith(b"\x93NUMPY"):
        raise data.error("npz", f"{path} holds one array; save X and y together with np.savez")
    if not raw.startswith(b"PK"):  # np.load would call it pickled and suggest loading it unsafely
        raise data.error("npz", f"cannot read {path} as .npz: it is not a zip archive")
    try:
        archive = np.load(io.BytesIO(raw), allow_pickle=False)
    except UNREADABLE as err:
        raise data.error("npz", f"cannot read {path} as .npz: {_zip_problem(err)}") from None
    with archive:
        X = _npz_array(data, archive, "x_key", "X", path)
        y = _npz_array(data, archive, "y_key", "y", path)
    X, image_shape = _as_rows(data, X, data.table.get("x_key", "X"))
    y = _as_labels(data, y, data.table.get("y_key", "y"))
    if len(y) != len(X):
        raise data.error("npz", f"{count(len(y), 'label')} for {count(len(X), 'example')}")
    return RawData(X, y, image_shape=image_shape)


def _npz_array(data: Fields, archive, key: str, default: str, path: Path) -> np.ndarray:
    name = data.string(key, default)
    if name not in archive.files:
        found = ", ".join(archive.files) or "none"
        raise data.error(
            key, f"no array '{name}' in {path.name} (it has: {found}){suggest(name, archive.files)}"
        )
    info = archive.zip.getinfo(f"{name}.npy" if f"{name}.npy" in archive.zip.namelist() else name)
    if info.file_size > MAX_BYTES:
        raise data.error("npz", f"array '{name}' unpacks to {info.file_size / 1024 ** 3:.1f} GiB; "
                                f"the limit is {MAX_BYTES // 1024 ** 3} GiB")
    try:
        array = archive[name]
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as err:
        raise data.error("npz", f"cannot read array '{name}' of {path.name}: {_zip_problem(err)}") from None
    except Exception as err:  # noqa: BLE001 - a damaged .npy header fails in many ways (ValueError, TokenError…)
        # object arrays are refused with allow_pickle=False, and never unpickled
        problem = "holds Python objects" if "pickle" in str(err) else "is not a NumPy array"
        raise data.error("npz", f"array '{name}' {problem}; save it as an array of numbers") from None
    if not isinstance(array, np.ndarray):  # a member that is not a .npy file comes back as bytes
        raise data.error("npz", f"array '{name}' is not a NumPy array; save X and y with np.savez")
    if array.dtype.kind not in "iuf":
        raise data.error("npz", f"array '{name}' has dtype {array.dtype}; expected numbers")
    if array.ndim == 0 or len(array) == 0:
        raise data.error("npz", f"array '{name}' holds no examples")
    return array


# What reading a damaged zip or member raises: not a zip, a bad CRC or stream, an unknown compression.
UNREADABLE = (OSError, EOFError, ValueError, zipfile.BadZipFile, zlib.error, NotImplementedError)


def _zip_problem(err: Exception) -> str:
    """A damaged archive in a few words, never NumPy's advice to unpickle."""
    text = str(err)
    return "a damaged or unsupported zip archive" if not text or "pickle" in text else text


def _as_rows(data: Fields, X: np.ndarray, name: str) -> tuple[np.ndarray, tuple[int, int] | None]:
    """(m, n_0) float64 rows: (m,) is one feature each, (m, h, w) images need flatten."""
    image_shape = None
    if X.ndim == 3:
        if not data.boolean("flatten", False):
            raise data.error(
                "npz", f"array '{name}' has shape {X.shape}; set flatten = true to use each image as a row"
            )
        image_shape = (int(X.shape[1]), int(X.shape[2]))
    elif X.ndim > 3:
        raise data.error(
            "npz", f"array '{name}' has shape {X.shape}; expected (m, n) rows or (m, h, w) images"
        )
    X = X.reshape(len(X), -1).astype(np.float64)
    if X.shape[1] == 0:
        raise data.error("npz", f"array '{name}' has no features")
    check_finite(X, data, "npz", f"array '{name}'")
    return X, image_shape


def _as_labels(data: Fields, y: np.ndarray, name: str) -> np.ndarray:
    """(m,) int64 class indices or float64 targets, or (m, k) float64 rows."""
    if y.ndim > 2:
        raise data.error("npz", f"array '{name}' has shape {y.shape}; expected (m,) labels or (m, k) rows")
    if y.ndim == 1 and y.dtype.kind in "iu":
        check_labels_exact(y, data, "npz", f"array '{name}'")
        return y.astype(np.int64)
    y = y.astype(np.float64)
    check_finite(y, data, "npz", f"array '{name}'")
    return y


def load_dataset(data: Fields, base_dir: Path) -> RawData:
    """A dataset shipped in nnviz/data; only the 8x8 UCI digits so far."""
    name = data.string("dataset")
    if name not in DATASETS:
        raise data.error(
            "dataset", f"unknown dataset '{name}'{suggest(name, DATASETS)} (available: {', '.join(DATASETS)})"
        )
    return _digits()


def _digits() -> RawData:
    """1,797 rows of 64 pixels in 0..16 (8x8 images) and labels 0..9."""
    packed = resources.files("nnviz.data").joinpath("digits.csv.gz").read_bytes()
    table = np.loadtxt(io.BytesIO(gzip.decompress(packed)), delimiter=",", dtype=np.int64)
    return RawData(
        X=table[:, :-1].astype(np.float64),
        y=table[:, -1],
        image_shape=(8, 8),
        class_names=tuple(str(digit) for digit in range(10)),
    )
