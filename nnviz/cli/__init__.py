"""The nnviz command: a thin click group. Parse, build, hand off.

Each area keeps its commands in its own module; heavy imports (textual,
plotext) happen inside the commands, so `nnviz --help` stays fast.
"""

from __future__ import annotations

import click

from . import analysis, app, core


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="nnviz")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Step through the training of small dense neural networks, forward and back.

    With no command, opens the debugger on the document's binary worked example.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(app.open_command)


for module in (core, app, analysis):
    for command in module.COMMANDS:
        main.add_command(command)
