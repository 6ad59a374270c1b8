"""What every command shares: loading a scenario, failing with one line."""

from __future__ import annotations

import click

from ..scenario import DEFAULT, Scenario, ScenarioError, load_scenario

SCENARIO = click.argument("scenario", default=DEFAULT, metavar="SCENARIO")


class UserError(click.ClickException):
    """One line on stderr, exit code 2, no traceback."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"nnviz: {self.message}", err=True)


def load(source: str) -> Scenario:
    """The scenario at ``source`` (a path or a bundled name), or a UserError."""
    try:
        return load_scenario(source)
    except ScenarioError as err:
        raise UserError(str(err)) from None
