"""[[expect]] tables: numbers a scenario promises, checked by `nnviz check`."""

from __future__ import annotations

from typing import Any

from ..engine.step import PHASE_ARRAYS, PHASES
from .errors import ScenarioError
from .fields import Fields, describe
from .model import METRICS, SPLITS, Expect

COMMON = ("value", "tol", "note", "erratum", "document")
STEP_KEYS = COMMON + ("epoch", "batch", "phase", "layer", "array")
METRIC_KEYS = COMMON + ("metric", "after_epoch", "class", "split")


def read_expects(items: Any, file: str, depth: int, epochs: int, per_epoch: int,
                 fused_output: bool) -> tuple[Expect, ...]:
    """``fused_output``: the output layer computes dZ = A - Y directly and has no dA."""
    if not isinstance(items, list):
        raise ScenarioError(file, "expect", "expected [[expect]] tables")
    expects = []
    for i, item in enumerate(items):
        fields = Fields(file, f"expect[{i}]", item)
        expect = _expect(fields, depth, epochs, per_epoch)
        if expect.array == "dA_prev" and expect.layer == 1:
            raise fields.error("array", "layer 1 has no dA_prev (its input is the data); use dZ, dW or db")
        if expect.array == "dA" and expect.layer == depth and fused_output:
            raise fields.error("array", f"the output layer has no dA here: its dZ{depth} = A{depth} - Y directly")
        expects.append(expect)
    return tuple(expects)


def _value(fields: Fields, key: str):
    array = fields.matrix(key)
    return float(array) if array.ndim == 0 else array.tolist()


def _expect(fields: Fields, depth: int, epochs: int, per_epoch: int) -> Expect:
    common = dict(
        value=_value(fields, "value"),
        tol=fields.number("tol", 1e-9, minimum=0.0),
        note=fields.string("note", ""),
        erratum=fields.boolean("erratum", False),
        document=_value(fields, "document") if "document" in fields.table else None,
    )
    if common["erratum"] and common["document"] is None:
        raise fields.error("document", "an erratum needs the document's printed value in 'document'")
    if "metric" in fields.table:
        fields.only(METRIC_KEYS)
        return Expect(**common, metric=fields.string("metric", choices=METRICS),
                      after_epoch=_bounded(fields, "after_epoch", 0, epochs, 0),
                      class_=fields.integer("class", None, minimum=0) if "class" in fields.table else None,
                      split=fields.string("split", "train", SPLITS))
    fields.only(STEP_KEYS)
    phase = fields.string("phase", choices=PHASES)
    if phase == "loss":
        if "layer" in fields.table:
            raise fields.error("layer", "the loss step has no layer; remove the key")
        layer = None
    else:
        layer = _bounded(fields, "layer", 1, depth)
    array = fields.string("array", choices=PHASE_ARRAYS[phase])
    return Expect(**common, epoch=_bounded(fields, "epoch", 1, epochs, 1),
                  batch=_bounded(fields, "batch", 1, per_epoch, 1), phase=phase, layer=layer, array=array)


def _bounded(fields: Fields, key: str, low: int, high: int, default: Any = ...) -> int:
    value = fields.integer(key) if default is ... else fields.integer(key, default)
    if not low <= value <= high:
        raise fields.error(key, f"must be between {low} and {high}, got {describe(value)}")
    return value
