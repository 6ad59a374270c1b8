"""The nnviz command: a thin click group. Parse, build, hand off.

Each area keeps its commands in its own module; heavy imports (textual,
plotext) happen inside the commands, so `nnviz --help` stays fast.
"""

from __future__ import annotations

import io
import os
import sys

import click

from ..engine.mistakes import ShapeMistake
from . import analysis, app, core, debugging, own, worked
from .common import TrainingFailed, UserError
from .output import tolerate_encoding

INTERRUPTED = 130  # 128 + SIGINT, what shells report for Ctrl-C


class OneLineGroup(click.Group):
    """A click group whose usage errors (an unknown command or option, a bad
    or missing value) are one line on stderr like every other user error,
    instead of click's usage, hint and error on three lines; so is running
    out of memory on a network or data set too big for the machine."""

    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as err:
            raise one_line(err) from None

    def resolve_command(self, ctx: click.Context, args: list[str]):
        """`nnviz digits` and `nnviz path/to/file.toml` open the debugger on that
        scenario, as `nnviz open` would; any other unknown word stays an unknown command."""
        if args and args[0] not in self.commands and _names_a_scenario(args[0]):
            return "open", self.commands["open"], args
        return super().resolve_command(ctx, args)

    def main(self, *args, **kwargs):
        tolerate_encoding()
        return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context):
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a closed pipe shows here, not at exit
            return result
        except click.UsageError as err:
            raise one_line(err) from None
        except MemoryError as err:  # a network or data set too big for this machine: the user's to shrink
            raise UserError(f"out of memory: {err}") from None
        except ShapeMistake as err:  # an injected missing_transpose: the failure is the lesson
            raise TrainingFailed(str(err)) from None
        except BrokenPipeError:  # `nnviz replay | head`: the reader has all it wants
            _silence_stdout()
            ctx.exit(0)
        except KeyboardInterrupt:
            click.echo("nnviz: interrupted", err=True)
            ctx.exit(INTERRUPTED)


def _names_a_scenario(word: str) -> bool:
    """A bundled scenario's name, or a path to a file (an error there is the loader's to say)."""
    from ..scenario.bundled import bundled_names

    return word in bundled_names() or word.endswith(".toml") or os.sep in word or os.path.isfile(word)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that the flush at exit does not hit the closed pipe again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):  # no real file descriptor (a test runner)
        pass


def one_line(err: click.UsageError) -> UserError:
    """``err``'s message and where to read the command's help, on one line."""
    message = " ".join(err.format_message().split()).rstrip(".")
    command = err.ctx.command_path if err.ctx is not None else "nnviz"
    return UserError(f"{message}; see '{command} --help'")


@click.group(cls=OneLineGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="nnviz")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Step through the training of small dense neural networks, forward and back.

    With no command, opens the debugger on the document's binary worked example;
    `nnviz NAME` or `nnviz path/to/file.toml` opens it on that scenario (as `nnviz open`).
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(app.open_command)


for module in (core, app, analysis, debugging, own, worked):
    for command in module.COMMANDS:
        main.add_command(command)
