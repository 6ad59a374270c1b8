"""What `nnviz check` prints: per scenario, a table of each expectation with
its status, where it looks, the expected value, what the run gave and its
note; errata apart, with the document's number beside the correct one.

Plain strings, as render/tables.py; the CLI prints them.
"""

from __future__ import annotations

import math
import textwrap

from ..checks import STATUSES, CheckResult
from ..scenario.model import Scenario
from ..textfmt import clip, compact, table

NOTE_MIN = 30  # narrowest note column worth printing beside the table
INDENT = 10  # where a note or a failure's reason starts on a line of its own


def tally(results: list[CheckResult]) -> dict[str, int]:
    """How many results have each status: {"pass": ..., "fail": ..., "erratum": ...}."""
    return {status: sum(r.status == status for r in results) for status in STATUSES}


def tally_line(counts: dict[str, int]) -> str:
    """'22 passed, 0 failed, 3 errata'."""
    errata = counts["erratum"]
    return f"{counts['pass']} passed, {counts['fail']} failed, {errata} {'erratum' if errata == 1 else 'errata'}"


def check_report(s: Scenario, results: list[CheckResult], width: int, quiet: bool = False) -> list[str]:
    """The lines for one scenario, at most about ``width`` wide; ``quiet``: only
    the failures, under one summary line."""
    name = s.path.name if s.path else s.title
    if s.training.mistakes:  # the numbers checked are a buggy engine's
        name += f" (mistakes: {', '.join(sorted(s.training.mistakes))})"
    if quiet:
        lines = [f"{name}: {tally_line(tally(results)) if results else 'no expectations'}"]
    else:
        lines = [f"{name}  {s.title}" if s.name else name]
        if not results:
            return lines + ["  no expectations"]
    shown = [r for r in results if r.status != "erratum" and (r.failed or not quiet)]
    if shown:
        lines += _main_table(shown, width)
    errata = [r for r in results if r.status == "erratum"]
    if errata and not quiet:
        lines += ["", "  errata: the document prints one number, the run gives the other"]
        lines += _errata_table(errata, width)
    return lines if quiet else lines + [f"  {tally_line(tally(results))}"]


def _main_table(results: list[CheckResult], width: int) -> list[str]:
    rows = [(r.status.upper() if r.failed else r.status, r.expect.where, _value(r.expect.value, r),
             _value(r.got, r)) for r in results]
    lines = table(("status", "where", "expected", "got"), rows, indent="  ")
    column = max(len(line) for line in lines) + 2
    inline = width - column >= NOTE_MIN  # else each note goes on a line of its own
    out = [lines[0].ljust(column) + "note" if inline else lines[0]]
    for line, r in zip(lines[1:], results):
        note = r.expect.note
        if inline:
            out.append(line.ljust(column) + clip(note, width - column))
        else:
            out += [line] + ([" " * INDENT + clip(note, width - INDENT)] if note else [])
        if r.failed:
            out.append(" " * INDENT + f"↳ {r.message}")
    return out


def _errata_table(results: list[CheckResult], width: int) -> list[str]:
    lines = table(("where", "document", "correct", "got"), [
        (r.expect.where, _value(r.expect.document, r), _value(r.expect.value, r), _value(r.got, r))
        for r in results], indent="    ")
    out = [lines[0]]
    for line, r in zip(lines[1:], results):
        out.append(line)
        out += textwrap.wrap(r.expect.note, width - 6, initial_indent="      ", subsequent_indent="      ")
    return out


def _value(value, result: CheckResult) -> str:
    """A number or list as the table shows it: enough digits to see the tolerance."""
    if value is None:
        return "—"
    tol = result.expect.tol
    digits = 12 if tol <= 0 else min(12, max(4, math.ceil(-math.log10(tol)) + 1))
    return clip(compact(value, digits), 26)
