"""import, new: a scenario for your own network, from its weights or from your data.

The choices are nnviz.scenario.compose's; these commands parse, write and say."""

from __future__ import annotations

from pathlib import Path

import click

from .common import UserError, check_out

OUT = click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
                   help="The scenario file to write (.toml).")
LOSSES = ("auto", "cross_entropy", "binary_cross_entropy", "mse", "sse", "half_sse")


def _names(ctx, param, text: str | None) -> list[str] | None:
    from ..engine.activations import ACTIVATIONS

    if text is None:
        return None
    names = [name.strip() for name in text.split(",")]
    for name in names:
        if name not in ACTIVATIONS:
            raise UserError(f"--{param.name} {text}: unknown activation '{name}'; expected {', '.join(ACTIVATIONS)}")
    return names


def _sizes(ctx, param, text: str) -> list[int]:
    try:
        sizes = [int(n) for n in text.split(",")]
    except ValueError:
        sizes = []
    if not sizes or min(sizes) < 1:
        raise UserError(f"--hidden {text}: expected positive whole numbers separated by commas (16,8)")
    return sizes


def _write(draft, out: Path, beside: Path | None = None) -> None:
    """Check the draft as the loader reads it, then write it whole; a failed check removes
    the weights file written beside it."""
    from ..files import atomic_write
    from ..scenario import ScenarioError

    try:
        draft.check(out)
    except ScenarioError as err:
        if beside is not None:
            beside.unlink(missing_ok=True)
        raise UserError(str(err)) from None
    try:
        with atomic_write(out, text=True) as file:
            file.write(draft.toml())
    except OSError as err:
        raise UserError(f"--out {out}: cannot write it: {err.strerror or err}") from None
    for reason in draft.reasons:
        click.echo(f"  {reason}")
    click.echo(f"wrote {out}{f' and {beside}' if beside else ''}; nnviz open {out} steps through it")


def _toml_out(out: Path) -> None:
    if out.suffix != ".toml":
        raise UserError(f"--out {out}: a scenario file ends in .toml")
    check_out(out)


@click.command("import")
@click.argument("weights", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--activations", required=True, callback=_names, metavar="G1,G2,...",
              help="One activation per layer, in order: relu,relu,softmax.")
@click.option("--data", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Examples to train on: a .csv (with --target) or an .npz [default: one example of zeros].")
@click.option("--target", default=None, help="The CSV column to predict [default: the last].")
@click.option("--loss", type=click.Choice(LOSSES), default="auto", show_default=True,
              help="auto: cross entropy for softmax, binary cross entropy for sigmoid, else mse.")
@OUT
def import_command(weights: Path, activations: list[str], data: Path | None, target: str | None, loss: str,
                   out: Path) -> None:
    """Write a scenario from WEIGHTS (.safetensors, .npz or .json), named as nnviz (W1, b1),
    PyTorch (0.weight, fc1.bias) or Keras (dense/kernel) names them.

    Layers go in order of the numbers in their names (else of the file); their shapes
    must chain. A few weights are written into the scenario; more go to a .safetensors
    file beside it, which the scenario names in [weights] file."""
    from ..scenario import ScenarioError
    from ..scenario.compose import import_draft, write_imported

    _toml_out(out)
    try:
        draft, network = import_draft(weights, activations, out, data, target, loss)
        beside = write_imported(draft, network, out)
    except ScenarioError as err:
        raise UserError(str(err)) from None
    except OSError as err:
        raise UserError(f"--out {out}: cannot write beside it: {err.strerror or err}") from None
    _write(draft, out, beside)


@click.command("new")
@click.option("--data", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Your examples: a .csv with a header row, or an .npz with X and y.")
@click.option("--target", default=None, help="The CSV column to predict [default: the last].")
@click.option("--hidden", default="16", show_default=True, callback=_sizes, metavar="N1,N2,...",
              help="The hidden layers' sizes.")
@click.option("--activation", default="relu", show_default=True, callback=_names,
              help="The hidden layers' activation.")
@click.option("--loss", type=click.Choice(LOSSES), default="auto", show_default=True,
              help="auto: from the target: classes, 0/1 or numbers.")
@OUT
def new_command(data: Path, target: str | None, hidden: list[int], activation: list[str], loss: str,
                out: Path) -> None:
    """Write a complete, commented scenario for your data: the input size, the output layer
    and loss (softmax + cross entropy for a class column, sigmoid + binary cross entropy
    for 0/1, linear + mse for numbers), a test split and a scaling, each chosen from the
    data and said as it is chosen."""
    from ..scenario import ScenarioError
    from ..scenario.compose import new_draft

    if len(activation) != 1:
        raise UserError(f"--activation {','.join(activation)}: one activation for every hidden layer")
    _toml_out(out)
    try:
        draft = new_draft(data, target, hidden, activation[0], loss, out)
    except ScenarioError as err:
        raise UserError(str(err)) from None
    _write(draft, out)


COMMANDS = [import_command, new_command]
