"""gradcheck: backprop and the update against finite differences, headless."""

from __future__ import annotations

import sys

import click

from .common import MISTAKE, SCENARIO, UserError, load


@click.command("gradcheck")
@SCENARIO
@click.option("--step", "step", type=click.IntRange(min=0), default=None,
              help="Check the batch of this step (0-based), from the weights it starts with "
                   "[default: the first batch, at the initial weights].")
@click.option("--max-cells", type=click.IntRange(min=1), default=50, show_default=True,
              help="Cells compared per array, drawn at random (seeded) from larger ones.")
@MISTAKE
def gradcheck_command(scenario: str, step: int | None, max_cells: int, mistakes: frozenset[str]) -> None:
    """Compare backprop's dW and db with central differences in float64, and the update the
    engine applies (ΔW, Δb) with -η times the numerical gradient, per layer and array.

    Exits 1 when any array disagrees beyond the tolerance (naming the first), 0 when all agree.
    """
    from .. import textfmt
    from ..render.gradcheck_table import HEADERS, rows
    from ..session import Session

    s = load(scenario, mistakes=mistakes)
    session = Session(s)
    index = step or 0
    try:
        report = session.gradcheck(index, max_cells=max_cells)
    except IndexError as err:
        raise UserError(f"--step {step}: {err}") from None
    epoch, batch, _, _ = session.position(index)
    injected = f"; mistakes: {', '.join(sorted(s.training.mistakes))}" if s.training.mistakes else ""
    click.echo(f"{s.title}: epoch {epoch} batch {batch}, at the weights before its update{injected}")
    click.echo("\n".join(textfmt.table(HEADERS, rows(report))))
    click.echo(report.summary())
    if not report.passed:
        sys.exit(1)


COMMANDS = [gradcheck_command]
