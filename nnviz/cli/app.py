"""Opening the Textual debugger."""

import click

from .common import SCENARIO, load


@click.command("open")
@SCENARIO
def open_command(scenario: str = "binary-example") -> None:
    """Open the step debugger on SCENARIO (a path or a bundled name).

    n and p step forward and back, c runs to the end or to a breakpoint,
    ? lists every key, q quits.
    """
    loaded = load(scenario)
    from ..tui.app import make_app  # textual loads only here, so `nnviz --help` stays fast

    make_app(loaded).run()


COMMANDS = [open_command]
