"""An Evaluation as plain-text tables: accuracy, per-class accuracy, the
confusion matrix with its counts, the wrong examples; or the MSE.

Plain strings, so `nnviz train`, `nnviz evaluate` and the app's panel print
the same thing, and a capture reads without colour.
"""

from __future__ import annotations

import math

from ..engine.evaluation import Evaluation, evaluate_splits
from ..engine.network import Network
from ..textfmt import count, number, readout, table

WRONG_SHOWN = 20  # wrong examples listed before "… and N more"
NO_PREDICTION_LABEL = "no prediction"  # ŷ is NaN: the network predicts no class
SPLIT_TITLES = {"train": "training set", "test": "test set"}


def percent(x: float | None) -> str:
    return "—" if x is None or math.isnan(x) else f"{100 * x:.1f}%"


def class_names(ev: Evaluation, names: tuple[str, ...] = ()) -> list[str]:
    """The scenario's class names, or the class numbers."""
    return [names[k] if k < len(names) else str(k) for k in range(ev.n_classes)]


def predicted_label(ev: Evaluation, index: int, labels: list[str]) -> str:
    k = ev.y_pred[index]
    return NO_PREDICTION_LABEL if k < 0 else labels[k]


def grid(rows: list[list[str]], right: set[int] = frozenset()) -> list[str]:
    """``textfmt.table`` of a header row and the rows below it; ``right`` columns right-aligned."""
    return table(rows[0], rows[1:], right=right)


def accuracy_line(ev: Evaluation) -> str:
    """'accuracy = 2/4 = 50.0%', the document's correct predictions over total predictions;
    examples whose ŷ is NaN count as wrong and are named."""
    none = f" ({ev.unpredicted} with no prediction: ŷ is NaN)" if ev.unpredicted else ""
    return f"accuracy = {ev.correct}/{ev.m} = {percent(ev.accuracy)}{none}"


def class_accuracy_table(ev: Evaluation, names: tuple[str, ...] = ()) -> list[str]:
    """One row per class: its examples, how many are right, the class accuracy."""
    labels = class_names(ev, names)
    rows = [["class", "examples", "correct", "accuracy"]]
    totals = ev.confusion.sum(axis=1) + ev.no_prediction
    for k, label in enumerate(labels):
        rows.append([label, str(totals[k]), str(ev.confusion[k, k]), percent(ev.class_accuracy[k])])
    return grid(rows, right={1, 2, 3})


def confusion_table(ev: Evaluation, names: tuple[str, ...] = ()) -> list[str]:
    """Counts with one row per true class and one column per predicted class,
    and a "no prediction" column when some ŷ is NaN."""
    labels = class_names(ev, names)
    extra = [NO_PREDICTION_LABEL] if ev.unpredicted else []
    rows = [["true \\ predicted", *labels, *extra]]
    for k, label in enumerate(labels):
        rows.append([label, *(str(n) for n in ev.confusion[k]), *([str(ev.no_prediction[k])] if extra else [])])
    return grid(rows, right=set(range(1, len(labels) + len(extra) + 1)))


def wrong_rows(ev: Evaluation, names: tuple[str, ...] = (), limit: int | None = WRONG_SHOWN) -> list[list[str]]:
    """[index, true, predicted, ŷ of the predicted class] per wrong example, in data order."""
    labels = class_names(ev, names)
    shown = ev.wrong if limit is None else ev.wrong[:limit]
    return [[str(i), labels[ev.y_true[i]], predicted_label(ev, i, labels), number(ev.confidence(i), 3)]
            for i in shown]


def wrong_table(ev: Evaluation, names: tuple[str, ...] = (), limit: int = WRONG_SHOWN) -> list[str]:
    if not len(ev.wrong):
        return ["no wrong examples"]
    lines = grid([["index", "true", "predicted", "ŷ (predicted)"], *wrong_rows(ev, names, limit)],
                 right={0, 3})
    if len(ev.wrong) > limit:
        lines.append(f"… and {len(ev.wrong) - limit} more")
    return lines


def summary_lines(ev: Evaluation, names: tuple[str, ...] = ()) -> list[str]:
    """Accuracy, per-class accuracy and the confusion matrix; the MSE for regression."""
    if not ev.is_classification:
        return [f"MSE = (1/m) Σ (ŷ - y)² {readout(ev.mse)} over {ev.m} examples"]
    return [accuracy_line(ev), "", "per-class accuracy", *class_accuracy_table(ev, names),
            "", "confusion matrix (counts)", *confusion_table(ev, names)]


def evaluation_text(ev: Evaluation, names: tuple[str, ...] = (), title: str = "") -> str:
    """Every table for one split, under ``title``."""
    lines = ([title] if title else []) + summary_lines(ev, names)
    if ev.is_classification:
        lines += ["", f"wrong examples ({len(ev.wrong)})", *wrong_table(ev, names)]
    return "\n".join(lines)


def split_title(split: str, ev: Evaluation) -> str:
    return f"Evaluation on the {SPLIT_TITLES.get(split, split)} ({count(ev.m, 'example')})"


def evaluation_report(scenario, network: Network) -> str:
    """The tables for ``network`` on the scenario's training set and, if it has one, its test set.

    What `nnviz train` prints at the end and `nnviz evaluate` prints for saved weights."""
    evaluations = evaluate_splits(network, scenario.X, scenario.Y, scenario.X_test, scenario.Y_test,
                                  scenario.is_classification)
    return "\n\n".join(evaluation_text(ev, scenario.class_names, split_title(split, ev))
                       for split, ev in evaluations.items())


def compare_table(variants) -> list[str]:
    """One row per gradient-descent variant (engine.compare.Variant): what it cost and where it got."""
    what = "optimizer" if variants and variants[0].optimizer is not None else "batch size"
    rows = [[what, "updates/epoch", "updates", "loss at the final weights", "CPU time", "accuracy"]]
    for v in variants:
        note = "" if v.stopped == "epochs" else f" ({v.stopped})"
        rows.append([v.label, str(v.updates_per_epoch), str(v.updates), f"{number(v.final_loss)}{note}",
                     f"{1000 * v.cpu_seconds:.0f} ms", percent(v.accuracy)])
    return grid(rows, right={1, 2, 3, 4, 5})
