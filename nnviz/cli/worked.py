"""`nnviz explain`: a batch or a step written out as the notes write their worked examples."""

from __future__ import annotations

from pathlib import Path

import click

from .common import SCENARIO, UserError, load

FORMATS = ("text", "markdown", "latex")


def parse_neurons(value: str | None, large: bool) -> list[int] | None:
    """'all' -> None (every neuron), 'selected' -> [0] (the app's default selection),
    '1,3' -> [0, 2]; by default every neuron of a small network and the first of a large one."""
    if value is None:
        return [0] if large else None
    if value == "all":
        return None
    if value == "selected":
        return [0]
    try:
        numbers = [int(part) for part in value.split(",")]
    except ValueError:
        numbers = [0]
    if min(numbers) < 1:
        raise UserError(f"--neurons {value}: give all, selected, or neuron numbers from 1 such as 1,3")
    return [n - 1 for n in numbers]


def write(path: Path, text: str) -> None:
    from ..files import atomic_write

    try:
        with atomic_write(path, text=True) as out:
            out.write(text)
    except OSError as err:
        raise UserError(f"cannot write {path}: {err.strerror or err}") from None


@click.command("explain")
@SCENARIO
@click.option("--batch", type=click.IntRange(min=1), help="The batch to write out, counted from 1 over "
              "the whole training [default: 1].")
@click.option("--step", type=click.IntRange(min=1), help="One step instead, numbered as the app shows it.")
@click.option("--neurons", metavar="all|selected|1,3", help="Which neurons of each layer to write out "
              "[default: all of a small network, the first of a large one].")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--digits", type=click.IntRange(2, 12), default=4, show_default=True,
              help="Significant digits of every number.")
@click.option("--exercise", is_flag=True, help="Blank every result; the answer key goes to --answers.")
@click.option("--answers", type=click.Path(dir_okay=False, path_type=Path), help="Where --exercise writes its answer key.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE instead of stdout.")
def explain_command(scenario: str, batch: int | None, step: int | None, neurons: str | None, fmt: str,
                    digits: int, exercise: bool, answers: Path | None, output: Path | None) -> None:
    """Write one batch (or one step) of SCENARIO as a worked example.

    Each layer's forward pass with every neuron's weighted sum and its numbers,
    the loss, the backward pass with its chain-rule factors, and the updates,
    as the notes write theirs. Every number is the engine's own.
    """
    if batch is not None and step is not None:
        raise UserError("give --batch or --step, not both")
    if exercise != (answers is not None):
        raise UserError("--exercise and --answers FILE go together: the exercise blanks its results "
                        "and the answer key goes to FILE")
    from ..render.worked import batch_blocks, is_large, step_blocks
    from ..render.worked_format import NOTATIONS, answer_key, render
    from ..session import Session

    loaded = load(scenario)
    chosen = parse_neurons(neurons, is_large(loaded.network.sizes))
    notation = NOTATIONS[fmt](digits)
    session = Session(loaded)
    try:
        blocks = (step_blocks(session, step, chosen, notation, exercise) if step is not None
                  else batch_blocks(session, batch or 1, chosen, notation, exercise))
    except IndexError:
        what = f"step {step}" if step is not None else f"batch {batch}"
        raise UserError(f"{loaded.path.name if loaded.path else scenario}: there is no {what}; "
                        f"training has {session.total_steps // session.steps_per_batch} batches "
                        f"of {session.steps_per_batch} steps") from None
    text = render(blocks, fmt, notation, exercise=exercise)
    if output is not None:
        write(output, text)
    else:
        click.echo(text, nl=False)
    if answers is not None:
        write(answers, render(answer_key(blocks), fmt, notation))


COMMANDS = [explain_command]
