"""Opening the Textual debugger."""

import click

from .common import SCENARIO, load


@click.command("open")
@SCENARIO
def open_command(scenario: str = "binary-example") -> None:
    """Open the step debugger on SCENARIO (a path or a bundled name)."""
    loaded = load(scenario)
    from ..session import Session

    session = Session(loaded)
    while (step := session.step()) is not None:
        click.echo(f"[{step.index}] epoch {step.epoch} batch {step.batch} {step.phase} "
                   f"{step.layer or ''}\n  " + step.formula.replace("\n", "\n  "))


COMMANDS = [open_command]
