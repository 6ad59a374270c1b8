"""evaluate, boundary, compare, histograms: training seen as a whole, headless.

Each command loads a scenario, trains it (or loads saved weights), hands the
result to an engine function and prints what nnviz.render lays out.
plotext is imported inside `compare`, the only command that draws a chart.
"""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import click

from .common import DTYPE, MISTAKE, SCENARIO, WEIGHTS, UserError, lazy_module, load, trained
from .output import echo_chart, echo_text, use_color

textfmt = lazy_module("nnviz.textfmt")  # numpy, loaded when a command prints, not for --help

EPOCHS = click.option("--epochs", type=click.IntRange(min=0), default=None,
                      help="Epochs to train first [default: the scenario's].")
NO_COLOR = click.option("--no-color", is_flag=True, help="Plain characters only (also when not a terminal).")


def weights_line(loaded, weights: Path | None = None) -> str:
    """Which weights a command shows: '<title>: the scenario's weights, after 10 epochs' (or 'untrained')."""
    source = f"weights {weights.name}" if weights else "the scenario's weights"
    epochs = loaded.training.epochs
    return f"{loaded.title}: {source}" + (f", after {textfmt.count(epochs, 'epoch')}" if epochs else ", untrained")


@click.command("evaluate")
@SCENARIO
@WEIGHTS
@DTYPE
@click.option("--epochs", type=click.IntRange(min=0), default=None,
              help="Epochs to train first [default: the scenario's; 0 with --weights].")
@MISTAKE
def evaluate_command(scenario: str, weights: Path | None, dtype: str | None, epochs: int | None,
                     mistakes: frozenset[str]) -> None:
    """Print accuracy, per-class accuracy, the confusion matrix and the wrong examples (MSE for regression).

    Like boundary, it evaluates the weights after the scenario's training (--epochs 0: as given);
    the first line says which weights."""
    from ..render.tables import evaluation_report

    loaded = load(scenario, 0 if epochs is None and weights else epochs, mistakes, weights, dtype)
    network = trained(loaded)
    click.echo(weights_line(loaded, weights))
    click.echo()
    click.echo(evaluation_report(loaded, network))


@click.command("boundary")
@SCENARIO
@EPOCHS
@click.option("--width", type=click.IntRange(min=4), default=60, show_default=True, help="Columns of the heatmap.")
@click.option("--height", type=click.IntRange(min=2), default=20, show_default=True, help="Lines of the heatmap.")
@click.option("--bounds", metavar="X1MIN,X1MAX,X2MIN,X2MAX", default=None,
              help="The part of the plane to draw [default: the data's box plus 10%].")
@NO_COLOR
@MISTAKE
def boundary_command(scenario: str, epochs: int | None, width: int, height: int, bounds: str | None,
                     no_color: bool,
                    mistakes: frozenset[str]) -> None:
    """Print the model's output over the 2-D input plane, with the training points on top.

    Takes the scenario's training (or --epochs N; 0 for its weights as given)."""
    from ..engine.boundary import Bounds, boundary_grid
    from ..engine.metrics import true_classes
    from ..render.boundary import boundary_legend, boundary_text

    loaded = load(scenario, epochs, mistakes)
    n_inputs = loaded.network.sizes[0]
    if n_inputs != 2:
        raise UserError(f"{loaded.title}: a decision boundary needs exactly 2 input features, "
                        f"this scenario has {n_inputs}")
    box = None
    if bounds is not None:
        try:
            x1_min, x1_max, x2_min, x2_max = (float(v) for v in bounds.split(","))
        except ValueError:
            raise UserError(f"--bounds: expected four numbers X1MIN,X1MAX,X2MIN,X2MAX, got {bounds!r}") from None
        if not all(map(math.isfinite, (x1_min, x1_max, x2_min, x2_max))):
            raise UserError(f"--bounds: expected finite numbers, got {bounds!r}")
        if not (x1_min < x1_max and x2_min < x2_max):
            raise UserError(f"--bounds: each minimum must be below its maximum, got {bounds!r}")
        box = Bounds(x1_min, x1_max, x2_min, x2_max)
    network = trained(loaded)
    color = use_color(no_color)
    grid = boundary_grid(network, loaded.X, cols=width, rows=2 * height, bounds=box,
                         classification=loaded.is_classification)
    labels = true_classes(loaded.Y) if loaded.is_classification else None
    click.echo(weights_line(loaded))
    echo_text(boundary_text(grid, loaded.X, labels, color), color)
    echo_text(boundary_legend(grid, loaded.class_names, color), color)


@click.command("compare")
@SCENARIO
@click.option("--batch-sizes", default="full,1,20", show_default=True,
              help="Comma-separated batch sizes: full, 1 (stochastic), k (mini-batch).")
@click.option("--optimizers", default=None, metavar="NAMES",
              help="Compare these optimizers instead (sgd,momentum,adam), at the scenario's batch size.")
@EPOCHS
@NO_COLOR
@MISTAKE
def compare_command(scenario: str, batch_sizes: str, optimizers: str | None, epochs: int | None, no_color: bool,
                    mistakes: frozenset[str]) -> None:
    """Train from the same initial weights with each batch size (or each optimizer); chart the losses
    and tabulate the runs."""
    import plotext as plt

    from ..engine.compare import compare, compare_optimizers, parse_batch_sizes, parse_optimizers
    from ..render.loss_chart import plot_variants
    from ..render.tables import compare_table

    loaded = load(scenario, epochs, mistakes)
    option, text = ("--optimizers", optimizers) if optimizers is not None else ("--batch-sizes", batch_sizes)
    try:
        chosen = parse_optimizers(text) if optimizers is not None else parse_batch_sizes(text)
    except ValueError as err:
        raise UserError(f"{option}: {err}") from None
    config = loaded.training
    run = compare_optimizers if optimizers is not None else compare
    variants = run(loaded.network, loaded.X, loaded.Y, config, chosen, loaded.is_classification)
    columns = shutil.get_terminal_size((100, 30)).columns
    plt.clear_figure()
    plt.plotsize(min(columns, 120), 24)
    plt.theme("clear")
    plot_variants(plt, variants)
    chart = plt.build()
    echo_chart(chart, no_color)
    click.echo()
    click.echo(f"{loaded.title}: {textfmt.count(loaded.m, 'example')}, {textfmt.count(config.epochs, 'epoch')}, "
               f"learning rate {config.learning_rate:g}")
    click.echo("\n".join(compare_table(variants)))


@click.command("histograms")
@SCENARIO
@EPOCHS
@click.option("--rows", type=click.IntRange(min=2), default=6, show_default=True, help="Epochs shown per layer.")
@NO_COLOR
def histograms_command(scenario: str, epochs: int | None, rows: int, no_color: bool) -> None:
    """Print each layer's weight and gradient histograms, epoch by epoch (vanishing gradients show as a spike at 0)."""
    from ..engine.histograms import histograms
    from ..render.histogram import histogram_text

    loaded = load(scenario, epochs)
    data = histograms(loaded.network, loaded.X, loaded.Y, loaded.training)
    color = use_color(no_color)
    echo_text(histogram_text(data, rows, color), color)


COMMANDS = [evaluate_command, boundary_command, compare_command, histograms_command]
