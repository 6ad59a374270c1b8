"""The gradient check's report as table rows, for `nnviz gradcheck` and the app's panel."""

from __future__ import annotations

from ..engine.gradcheck import ArrayCheck, CheckReport

HEADERS = ("layer", "array", "relative error", "cells", "")


def verdict(row: ArrayCheck, report: CheckReport) -> str:
    return "ok" if row.passed(report.tolerance) else "WRONG"


def rows(report: CheckReport) -> list[tuple[str, ...]]:
    """One row per layer and array: its relative error, the cells compared, ok or WRONG."""
    return [(str(row.layer), row.array, "shape error" if row.problem else f"{row.error:.2e}",
             "" if row.problem else (f"{row.cells}" if row.cells == row.size else f"{row.cells} of {row.size}"),
             verdict(row, report))
            for row in report.rows]
