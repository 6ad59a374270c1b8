"""A weights file -> {name: finite float64 vector or matrix}, in file order.

Each format is read from the file's bytes, by hand where the library would be
lenient or unsafe: an .npz member's header is checked before its data is read
(and an object array is refused, never unpickled); a safetensors header's
offsets are checked against the file's size before the safetensors package's
NumPy loader sees the bytes, so a file can never make nnviz allocate more
than its own size; JSON takes only numbers and lists of them.
"""

from __future__ import annotations

import io
import json
import math
import stat
import zipfile
from pathlib import Path

import numpy as np

from ..scenario.errors import ScenarioError
from ..textfmt import count

SUFFIXES = (".safetensors", ".npz", ".json")
SAFETENSORS_DTYPES = {"F16": np.float16, "F32": np.float32, "F64": np.float64}


def read_tensors(path: Path) -> dict[str, np.ndarray]:
    """The named tensors of ``path`` (.safetensors, .npz or .json, by the suffix),
    each a finite float64 array of rank 1 or 2, in the order the file holds them."""
    file = str(path)
    if path.suffix not in SUFFIXES:
        raise ScenarioError(file, "", f"unknown weights format {path.suffix or '(no suffix)'}; "
                                      f"expected {', '.join(SUFFIXES)}")
    raw = read_regular(path)
    if not raw:
        raise ScenarioError(file, "", "the file is empty")
    reader = {".safetensors": _safetensors, ".npz": _npz, ".json": _json}[path.suffix]
    tensors = reader(raw, file)
    if not tensors:
        raise ScenarioError(file, "", "holds no tensors")
    return {name: _checked(array, file, name) for name, array in tensors.items()}


def read_regular(path: Path) -> bytes:
    """The bytes of ``path``; a folder, a pipe or a device is refused before it is
    opened (opening a FIFO would block until a writer came)."""
    file = str(path)
    try:
        mode = path.stat().st_mode
        if stat.S_ISREG(mode):
            return path.read_bytes()
    except (OSError, ValueError) as err:  # ValueError: a NUL byte in the path
        raise ScenarioError(file, "", f"cannot read it: {getattr(err, 'strerror', None) or err}") from None
    kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file (a device or a pipe?)"
    raise ScenarioError(file, "", f"is {kind}; name a weights file")


def _checked(array: np.ndarray, file: str, name: str) -> np.ndarray:
    """``array`` as float64 when it is a finite vector or matrix of numbers."""
    if array.dtype.kind not in "iuf":
        raise ScenarioError(file, name, f"holds {array.dtype} values, not numbers")
    if array.ndim not in (1, 2):
        raise ScenarioError(file, name, f"has rank {array.ndim} (shape {array.shape}); "
                                        "a weight is a matrix and a bias a vector")
    with np.errstate(over="ignore"):
        array = np.array(array, dtype=np.float64)
    bad = np.argwhere(~np.isfinite(array))
    if len(bad):
        where = ", ".join(str(int(i)) for i in bad[0])
        raise ScenarioError(file, name, f"holds {array[tuple(bad[0])]} at [{where}]; weights must be finite numbers")
    return array


# ---- safetensors -------------------------------------------------------------------------------
def _safetensors(raw: bytes, file: str) -> dict[str, np.ndarray]:
    from safetensors import SafetensorError
    from safetensors.numpy import load

    header = _safetensors_header(raw, file)
    try:
        arrays = load(raw)
    except (SafetensorError, ValueError, TypeError) as err:  # what the header check could not see
        raise ScenarioError(file, "", f"not a readable safetensors file ({err})") from None
    return {name: arrays[name] for name in header}


def _safetensors_header(raw: bytes, file: str) -> list[str]:
    """The tensors' names in the order of their data, once every entry is known to fit the file:
    8 bytes of header length, the JSON header, then the data the offsets point into."""
    def bad(key: str, message: str) -> ScenarioError:
        return ScenarioError(file, key, f"{message} (not a well-formed safetensors file)")

    if len(raw) < 8:
        raise bad("", f"{len(raw)} bytes, fewer than the 8 of the header's length")
    size = int.from_bytes(raw[:8], "little")
    if size > len(raw) - 8:
        raise bad("", f"the header claims {size} bytes but the file has {len(raw) - 8} after its length")
    try:
        header = json.loads(raw[8:8 + size].decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        raise bad("", f"the header is not valid JSON: {type(err).__name__}") from None
    if not isinstance(header, dict):
        raise bad("", "the header is not a JSON object")
    body = len(raw) - 8 - size
    spans = []
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        if not isinstance(entry, dict) or not {"dtype", "shape", "data_offsets"} <= entry.keys():
            raise bad(name, "the entry lacks dtype, shape or data_offsets")
        dtype, shape, offsets = entry["dtype"], entry["shape"], entry["data_offsets"]
        if dtype not in SAFETENSORS_DTYPES:
            raise ScenarioError(file, name, f"dtype {str(dtype)[:20]}; nnviz reads {', '.join(SAFETENSORS_DTYPES)} tensors")
        if not _whole_numbers(shape):
            raise bad(name, "the shape is not a list of whole numbers")
        if len(shape) not in (1, 2):
            raise ScenarioError(file, name, f"has rank {len(shape)} (shape {tuple(shape)}); "
                                            "a weight is a matrix and a bias a vector")
        if not _whole_numbers(offsets) or len(offsets) != 2:
            raise bad(name, "data_offsets is not [begin, end]")
        begin, end = offsets
        need = math.prod(shape) * np.dtype(SAFETENSORS_DTYPES[dtype]).itemsize
        if not begin <= end <= body or end - begin != need:
            raise bad(name, f"declares {need} bytes at {begin}..{end}; the file holds {body} bytes of data")
        spans.append((begin, name))
    return [name for _, name in sorted(spans)]


def _whole_numbers(value) -> bool:
    return isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value)


# ---- npz ---------------------------------------------------------------------------------------
def _npz(raw: bytes, file: str) -> dict[str, np.ndarray]:
    if not raw.startswith(b"PK"):
        what = "a single .npy array" if raw.startswith(b"\x93NUMPY") else "not a zip archive"
        raise ScenarioError(file, "", f"not an .npz file ({what}); an .npz holds named arrays, as numpy.savez "
                                      "writes them")
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return {info.filename.removesuffix(".npy"): _npy_member(archive, info, file)
                    for info in archive.infolist() if not info.is_dir()}
    except ScenarioError:
        raise
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError, RuntimeError) as err:
        raise ScenarioError(file, "", f"not a readable .npz file ({type(err).__name__}: {err})") from None


def _npy_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, file: str) -> np.ndarray:
    """One member, its header checked before any of its data is read."""
    name = info.filename.removesuffix(".npy")
    with archive.open(info) as member:
        try:
            version = np.lib.format.read_magic(member)
            read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else \
                np.lib.format.read_array_header_2_0
            shape, fortran, dtype = read_header(member)
        except ValueError:
            raise ScenarioError(file, name, "is not a .npy array") from None
        if dtype.hasobject:
            raise ScenarioError(file, name, "holds Python objects (pickled), not numbers; nnviz never unpickles")
        if dtype.kind not in "iuf":
            raise ScenarioError(file, name, f"holds {dtype} values, not numbers")
        need = math.prod(shape) * dtype.itemsize
        if need > info.file_size:
            raise ScenarioError(file, name, f"declares shape {shape} ({need} bytes) in a member of {info.file_size}")
        data = member.read(need)
    if len(data) != need:
        raise ScenarioError(file, name, f"is truncated: {len(data)} of {need} bytes")
    return np.frombuffer(data, dtype=dtype).reshape(shape, order="F" if fortran else "C")


# ---- json --------------------------------------------------------------------------------------
def _json(raw: bytes, file: str) -> dict[str, np.ndarray]:
    def no_constant(word):
        raise ValueError(f"{word} is not a number nnviz takes")

    try:
        # Integers as floats: a 5,000-digit one becomes inf (refused below) instead of int()'s digit limit.
        table = json.loads(raw.decode("utf-8"), parse_int=float, parse_constant=no_constant)
    except UnicodeDecodeError:
        raise ScenarioError(file, "", "not a text file (expected UTF-8 JSON)") from None
    except RecursionError:
        raise ScenarioError(file, "", "nested too deep to be weights") from None
    except ValueError as err:
        raise ScenarioError(file, "", f"not valid JSON ({err})") from None
    if not isinstance(table, dict):
        raise ScenarioError(file, "", f"expected a JSON object of named arrays (W1, b1, ...), "
                                      f"got {type(table).__name__}")
    return {name: _json_array(value, file, name) for name, value in table.items()}


def _json_array(value, file: str, name: str) -> np.ndarray:
    """A list of numbers (a vector) or a list of equally long lists of numbers (a matrix)."""
    def number(x, where: str) -> float:
        if isinstance(x, float):
            return x
        said = ("null (JSON's NaN)" if x is None else "a list" if isinstance(x, list)
                else "an object" if isinstance(x, dict) else json.dumps(x)[:20])
        raise ScenarioError(file, name, f"{said} at {where} is not a number; expected a vector or a matrix of numbers")

    if not isinstance(value, list):
        return _checked(np.array(number(value, "the top")), file, name)  # refused: rank 0
    if not any(isinstance(row, list) for row in value):
        return np.array([number(x, f"[{i}]") for i, x in enumerate(value)])
    rows = []
    for i, row in enumerate(value):
        if not isinstance(row, list):
            raise ScenarioError(file, name, f"row [{i}] is not a list; a matrix is a list of rows")
        if rows and len(row) != len(rows[0]):
            raise ScenarioError(file, name, f"row [{i}] has {count(len(row), 'number')}, row [0] {len(rows[0])}")
        rows.append([number(x, f"[{i}][{j}]") for j, x in enumerate(row)])
    return np.array(rows)
