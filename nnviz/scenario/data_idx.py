"""MNIST's IDX files: idx_images (m, h, w) and idx_labels (m,), gzipped or not.

An IDX file is a 4-byte magic number 00 00 <type> <ndim>, then ndim big-endian
uint32 sizes, then the values, big-endian, row-major.
"""

from __future__ import annotations

import math
import struct
from pathlib import Path

import numpy as np

from nnviz.scenario.data_files import read_bytes
from nnviz.scenario.fields import Fields, check_finite
from nnviz.scenario.raw import RawData
from nnviz.textfmt import count

# The type byte of the magic number -> big-endian NumPy dtype.
IDX_TYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


def load_idx(data: Fields, base_dir: Path) -> RawData:
    """X (m, h*w) float64 flattened images, y (m,) labels, image_shape (h, w)."""
    images = _read(data, "idx_images", base_dir, ndim=3, hint="(images, rows, columns)")
    if not data.has("idx_labels"):
        raise data.error(
            "idx_labels", "missing; idx_images needs a labels file such as train-labels-idx1-ubyte.gz"
        )
    labels = _read(data, "idx_labels", base_dir, ndim=1, hint="(labels)")
    m, h, w = images.shape
    if len(labels) != m:
        raise data.error("idx_labels", f"{count(len(labels), 'label')} for {count(m, 'image')} in idx_images")
    X = images.reshape(m, h * w).astype(np.float64)
    check_finite(X, data, "idx_images", "the image file")
    y = labels.astype(np.int64 if labels.dtype.kind in "iu" else np.float64)
    check_finite(y, data, "idx_labels", "the label file")
    return RawData(X, y, image_shape=(h, w))


def _read(data: Fields, key: str, base_dir: Path, ndim: int, hint: str) -> np.ndarray:
    """The array of one IDX file, checked to have ndim dimensions and at least one entry."""
    path = data.path(key, base_dir)
    array = parse_idx(data, key, read_bytes(data, key, path), path, ndim, hint)
    if array.size == 0:
        raise data.error(key, f"{path.name} holds no values")
    return array


def parse_idx(data: Fields, key: str, raw: bytes, path: Path, expected_ndim: int, hint: str) -> np.ndarray:
    """Decode IDX bytes to an array of the shape its header gives, which must have
    ``expected_ndim`` dimensions (checked before anything is allocated)."""
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0 or raw[2] not in IDX_TYPES:
        start = raw[:4].hex(" ") or "nothing"
        raise data.error(
            key, f"{path} is not an IDX file: it starts with {start}, not 00 00 <type 08-0e> <dims>"
        )
    ndim = raw[3]
    if ndim != expected_ndim:
        raise data.error(key, f"{path.name} announces {count(ndim, 'dimension')}; expected {expected_ndim} {hint}")
    body = 4 + 4 * ndim
    if len(raw) < body:
        raise data.error(key, f"{path} ends inside its header ({count(ndim, 'dimension')} announced)")
    shape = struct.unpack(f">{ndim}I", raw[4:body])
    dtype = np.dtype(IDX_TYPES[raw[2]])
    expected = math.prod(shape) * dtype.itemsize
    if len(raw) - body != expected:
        size = "x".join(map(str, shape))
        raise data.error(
            key, f"{path} header says {size} values ({expected} bytes) but {len(raw) - body} bytes follow it"
        )
    return np.frombuffer(raw, dtype=dtype, offset=body).reshape(shape)
