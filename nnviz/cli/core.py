"""list, show, check, replay, train, export: the headless commands.

Each command parses, builds and hands off: the arithmetic is the engine's,
the checking is nnviz.checks', the files are nnviz.export's, and the text is
nnviz.textfmt's and nnviz.render's. plotext is imported inside ``train`` only.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .common import (DTYPE, MISTAKE, SCENARIO, WEIGHTS, DeferredDefault, UserError, blew_up, check_out, lazy_module,
                     load, train_scenario, warn_if_blew_up)
from .output import echo_chart

if TYPE_CHECKING:
    from ..engine.training import TrainResult
    from ..scenario import Scenario

textfmt = lazy_module("nnviz.textfmt")  # numpy, loaded when a command prints, not for --help


def _width(most: int = 1000) -> int:
    """The terminal's width (100 when not a terminal), at most ``most``."""
    return min(shutil.get_terminal_size((100, 24)).columns, most)


def _echo_lines(lines) -> None:
    click.echo("\n".join(lines))


# ---- list ---------------------------------------------------------------------------------------
@click.command("list")
def list_command() -> None:
    """List the bundled scenarios, one line each: the name to pass to the other commands, and its title."""
    from ..scenario import bundled_summaries

    _echo_lines(textfmt.table(("scenario", "title"), bundled_summaries()))


# ---- show ---------------------------------------------------------------------------------------
@click.command("show")
@SCENARIO
def show_command(scenario: str) -> None:
    """Summarize SCENARIO: each layer's shapes, activation and parameter count, the total,
    the data set's size and the training settings."""
    s = load(scenario)
    click.echo(s.title + (f"  ({s.path.name})" if s.path else ""))
    if s.description:
        click.echo(textwrap.fill(s.description, _width(100) - 2, initial_indent="  ", subsequent_indent="  "))
    click.echo()
    network = s.network
    rows = [(str(l), f"{layer.n_out}×{layer.n_in}", textfmt.shape(layer.W), textfmt.shape(layer.b),
             layer.activation.name, str(layer.parameter_count), "yes" if layer.trainable else "no (frozen)")
            for l, layer in enumerate(network.layers, start=1)]
    rows.append(("total", "", "", "", "", str(network.parameter_count), ""))
    _echo_lines(textfmt.table(("layer", "neurons", "W", "b", "activation", "parameters", "trainable"), rows))
    click.echo()
    _echo_lines(textfmt.table(("", ""), _facts(s))[1:])


def _facts(s: Scenario) -> list[tuple[str, str]]:
    """(label, text) rows about the data and the training of ``s``."""
    from ..engine.losses import regularization_terms
    from ..session import Session

    n_0, n_L = s.network.sizes[0], s.network.sizes[-1]
    features = f" ({', '.join(s.feature_names)})" if s.feature_names else ""
    image = f", images {s.image_shape[0]}×{s.image_shape[1]}" if s.image_shape else ""
    test = f", {s.X_test.shape[1]} test" if s.X_test is not None else ", no test split"
    rows = [("inputs", f"{n_0}{features}{image}"),
            ("outputs", f"{n_L}" + (f" ({', '.join(s.class_names)})" if s.class_names else "")),
            ("data", f"{textfmt.count(s.m, 'training example')}{test}")]
    t = s.training
    session = Session(s)  # for its batch plan and step counts; it computes nothing until stepped
    batches = "full batch" if t.batch_size is None or t.batch_size >= s.m else f"batches of {t.batch_size}"
    rows += [("loss", t.loss + regularization_terms(t.l1, t.l2)),
             ("training", f"η = {t.learning_rate:g}, {batches} ({textfmt.count(session.plan.per_epoch, 'update')} "
                          f"per epoch), {textfmt.count(t.epochs, 'epoch')}, "
                          f"{'shuffled (seed ' + str(t.seed) + ')' if t.shuffle else 'in data order'}"
                          + ("" if t.train_biases else ", biases fixed")
                          + (f", stop when the epoch loss < {t.stop_below:g}" if t.stop_below else "")),
             ("steps", f"{session.total_steps} ({session.steps_per_batch} per batch)")]
    errata = sum(e.erratum for e in s.expects)
    rows.append(("expect", textfmt.count(len(s.expects), "expectation") + (f" ({errata} errata)" if errata else "")))
    return rows


# ---- check --------------------------------------------------------------------------------------
@click.command("check")
@click.argument("scenarios", nargs=-1, required=True, metavar="SCENARIO...")
@click.option("-q", "--quiet", is_flag=True, help="Print only failures and the summary lines.")
@MISTAKE
@WEIGHTS
@DTYPE
def check_command(scenarios: tuple[str, ...], quiet: bool, mistakes: frozenset[str], weights: Path | None,
                  dtype: str | None) -> None:
    """Run every [[expect]] of each SCENARIO and print pass / fail / erratum with expected vs got.

    Errata (where the document prints a wrong number) are listed separately,
    with the document's number beside the correct one. Exits 1 if any
    expectation fails.
    """
    from ..checks import check_scenario
    from ..render.check_report import check_report, tally, tally_line

    # every bad file is reported before anything runs
    loaded = [load(source, mistakes=mistakes, weights=weights, dtype=dtype) for source in scenarios]
    results = [check_scenario(s) for s in loaded]
    for index, (s, found) in enumerate(zip(loaded, results)):
        if index and not quiet:
            click.echo()
        _echo_lines(check_report(s, found, _width(), quiet))
    totals = tally([r for found in results for r in found])
    if len(loaded) > 1:
        if not quiet:
            click.echo()
        click.echo(f"{textfmt.count(len(loaded), 'scenario')}: {tally_line(totals)}")
    if totals["fail"]:
        sys.exit(1)


# ---- replay -------------------------------------------------------------------------------------
def _parse_until(ctx, param, text: str | None):
    from ..engine.step import PHASES

    if text is None:
        return None
    phase, _, layer = text.partition(":")
    if phase not in PHASES:
        raise UserError(f"--until {text}: {phase!r} is not a phase; expected one of {', '.join(PHASES)}, "
                        f"optionally with :LAYER (update:1)")
    if layer and not layer.isdigit():
        raise UserError(f"--until {text}: the layer must be a whole number (update:1)")
    return phase, int(layer) if layer else None


def _parse_names(kind: str, known_of):
    """A click callback: a comma-separated list of ``kind`` names, each one of ``known_of()``."""
    def parse(ctx, param, text: str | None):
        if text is None:
            return None
        known = known_of()
        names = [name.strip() for name in text.split(",") if name.strip()]
        if names == ["none"] and param.name == "arrays":
            return frozenset()
        for name in names:
            if name not in known:
                from ..scenario.fields import suggest

                raise UserError(f"{param.opts[0]} {text}: {name!r} is not {kind}"
                                f"{suggest(name, known) or '; expected some of ' + ', '.join(known)}")
        return frozenset(names)
    return parse


def _array_names():
    from ..engine.step import PHASE_ARRAYS

    return list(dict.fromkeys(name for names in PHASE_ARRAYS.values() for name in names))


def _phase_names():
    from ..engine.step import PHASES

    return list(PHASES)


@click.command("replay")
@SCENARIO
@click.option("--until", "until", callback=_parse_until, metavar="PHASE[:LAYER]",
              help="Stop after the first step of this phase (and layer): loss, backward:1, update:2.")
@click.option("--steps", type=click.IntRange(min=1), help="Stop after printing this many steps.")
@click.option("--start", type=click.IntRange(min=0), default=0, show_default=True,
              help="The first step to print (its index); the steps before it are trained without printing.")
@click.option("--phases", callback=_parse_names("a phase", _phase_names), metavar="PHASE,...",
              help="Print only the steps of these phases: forward, loss, backward, update.")
@click.option("--arrays", callback=_parse_names("an array", _array_names), metavar="NAME,...",
              help="Print only these arrays of each step (Z, A, dW, loss, ...); none for the formulas only.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people; json: one JSON object per line.")
@click.option("--precision", type=click.IntRange(1, 17), default=4, show_default=True,
              help="Significant digits in text output (JSON numbers are always exact).")
@click.option("--max-cells", cls=DeferredDefault, type=click.IntRange(min=1), default=lambda: textfmt.SMALL_CELLS,
              show_default=True,
              help="In text, arrays with more numbers than this print as shape, min, max and mean.")
@MISTAKE
@WEIGHTS
@DTYPE
def replay_command(scenario: str, until, steps: int | None, start: int, phases, arrays, fmt: str, precision: int,
                   max_cells: int, mistakes: frozenset[str], weights: Path | None, dtype: str | None) -> None:
    """Step through SCENARIO headless and print each step: its formula and its arrays.

    With no --until or --steps it runs to the end of training. In json each
    line is one step with the keys index, epoch, batch, phase, layer (null on
    the loss step), examples, formula, array_names (all the step has), and
    arrays (name -> nested lists, NaN and Inf as null; only --arrays if given).
    Each line is printed as its step is computed: nothing is kept in memory.
    """
    s = load(scenario, mistakes=mistakes, weights=weights, dtype=dtype)
    if until and until[1] is not None and not 1 <= until[1] <= s.network.depth:
        raise UserError(f"--until {until[0]}:{until[1]}: the network has layers 1..{s.network.depth}")
    from ..export import json_line
    from ..session import Session

    session = Session(s)
    if start:
        try:
            session.goto(start)  # step `start` exists (trained to without recording the steps) ...
            session.back()  # ... and is the next one
        except IndexError as err:
            raise UserError(f"--start {start}: {err}") from None
    printed = 0
    for step in iter(session.step, None):
        if phases is None or step.phase in phases:
            if fmt == "json":
                click.echo(json_line(step, arrays))
            else:
                _echo_lines(_step_text(step, precision, max_cells, arrays) + [""])
            printed += 1
        if (steps is not None and printed >= steps) or (
                until and step.phase == until[0] and until[1] in (None, step.layer)):
            break


def _step_text(step, precision: int, max_cells: int, arrays=None) -> list[str]:
    layer = f"  layer {step.layer}" if step.layer is not None else ""
    lines = [f"step {step.index}  epoch {step.epoch}  batch {step.batch}  {step.phase}{layer}"]
    lines += ["  " + line for line in step.formula.splitlines()]
    for name, array in step.arrays.items():
        if arrays is not None and name not in arrays:
            continue
        lines += ["  " + line for line in textfmt.named_array(name, array, precision, max_cells)]
    return lines


# ---- train --------------------------------------------------------------------------------------
@click.command("train")
@SCENARIO
@click.option("--epochs", type=click.IntRange(min=1), help="Train this many epochs instead of the scenario's.")
@MISTAKE
@WEIGHTS
@DTYPE
def train_command(scenario: str, epochs: int | None, mistakes: frozenset[str], weights: Path | None,
                  dtype: str | None) -> None:
    """Train SCENARIO for all its epochs with a progress bar, then draw the loss curve
    and print the final metrics (accuracy for classification, MSE for regression).

    Exits 1 if the loss becomes NaN or infinite, saying in which epoch.
    """
    from ..engine.training import TrainingInterrupted

    s = load(scenario, epochs, mistakes, weights, dtype)
    try:
        with click.progressbar(length=s.training.epochs, label="training", file=sys.stderr) as bar:
            result = train_scenario(s, on_epoch=lambda epoch, network, history: bar.update(1))
    except TrainingInterrupted as stop:
        _interrupted(s, stop)
    if result.stopped == "non-finite":
        if result.history.epochs:
            click.echo(f"loss per epoch until then: {textfmt.vector(result.history.epochs)}")
        click.echo(f"nnviz: {blew_up(s, result)}", err=True)
        sys.exit(1)
    echo_chart(_loss_plot(result.history.epochs))
    if result.stopped == "converged":
        click.echo(f"stopped after epoch {len(result.history.epochs)}: "
                   f"the epoch loss fell below {s.training.stop_below:g}")
    _echo_lines(_final_metrics(s, result))


def _interrupted(s: Scenario, stop) -> None:
    """Ctrl-C: where training stopped, the summary so far, exit 130."""
    result = stop.result
    click.echo(f"nnviz: interrupted in epoch {stop.epoch}, batch {stop.batch} "
               f"(after {textfmt.count(len(result.history.batches), 'update')})", err=True)
    if result.history.epochs:
        click.echo(f"loss per epoch until then: {textfmt.vector(result.history.epochs)}")
    _echo_lines(_final_metrics(s, result, "current"))
    sys.exit(130)


def _loss_plot(losses: list[float]) -> str:
    import plotext as plt

    from ..render.loss_chart import finite_points

    epochs, losses = finite_points(range(1, len(losses) + 1), losses)
    plt.clear_figure()
    if not losses:
        return "loss per epoch: nothing plotext can draw (NaN, Inf or beyond 1e300)"
    plt.plot(epochs, losses, marker="braille")
    # A curve falling by orders of magnitude is flat on a linear axis after the first epochs.
    log = min(losses) > 0 and max(losses) / min(losses) > 100
    if log:
        plt.yscale("log")
    plt.title("loss per epoch" + (" (log scale)" if log else ""))
    plt.xlabel("epoch")
    plt.plotsize(_width(120), 20)
    plt.theme("clear")
    return plt.build()


def _final_metrics(s: Scenario, result: TrainResult, final: str = "final") -> list[str]:
    from ..checks import metric
    from ..render.tables import evaluation_report

    loss = metric(result.network, s.X, s.Y, s.training, "loss")
    return [f"epochs {len(result.history.epochs)}, {final} training loss {textfmt.readout(loss)} "
            f"(with the {final} weights)", "", evaluation_report(s, result.network)]


# ---- export -------------------------------------------------------------------------------------
@click.command("export")
@SCENARIO
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The file to write: .safetensors, .npz or .json.")
@click.option("--what", type=click.Choice(["weights", "trace"]), default="weights", show_default=True,
              help="weights: the parameters after training; trace: every step's arrays.")
@click.option("--format", "fmt", type=click.Choice(["safetensors", "npz", "json"]), default=None,
              help="The file format [default: --out's suffix].")
@click.option("--steps", type=click.IntRange(min=1), help="trace: only the first N steps.")
@click.option("--epochs", type=click.IntRange(min=1), help="Train this many epochs instead of the scenario's.")
@WEIGHTS
@DTYPE
def export_command(scenario: str, out: Path, what: str, fmt: str | None, steps: int | None, epochs: int | None,
                   weights: Path | None, dtype: str | None) -> None:
    """Write SCENARIO's trained weights, or its trace of steps, to --out (.safetensors, .npz or .json).

    \b
    Keys (docs/cli.md):
      weights  .npz, .json: W1, b1, ..., WL, bL: W_l (n_l, n_{l-1}), b_l (n_l, 1), after
               training; the names of a scenario's [weights] table.
               .safetensors: nn.Sequential's 0.weight, 0.bias, 2.weight, ... (Linear
               layers at 0, 2, 4 ..., an activation module between them), so that
               model.load_state_dict(safetensors.torch.load_file(FILE)) takes them.
      trace    .npz: step{index}_{array} (step0_Z, step2_loss, ...) and steps, a JSON
               text listing each step's index, epoch, batch, phase, layer, examples,
               formula and array_names; .json: {"steps": [...]} as replay --format json.
    """
    from ..export import FORMATS, write_trace
    from ..weights import SUFFIXES, write_weights

    suffixes = SUFFIXES if what == "weights" else FORMATS
    if fmt is not None and out.suffix != f".{fmt}":
        raise UserError(f"--out {out}: --format {fmt} writes a .{fmt} file; name it so")
    if out.suffix not in suffixes:
        raise UserError(f"--out {out}: the suffix of a {what} file must be {' or '.join(suffixes)}, "
                        f"got {out.suffix or 'none'}")
    if steps is not None and what != "trace":
        raise UserError("--steps is for --what trace")
    check_out(out)
    s = load(scenario, epochs, weights=weights, dtype=dtype)
    if what == "weights":
        result = train_scenario(s)
        _write(out, write_weights, result.network)
        warn_if_blew_up(s, result)
        names = ("PyTorch nn.Sequential names " + ", ".join(f"{2 * l}.weight" for l in range(s.network.depth))
                 if out.suffix == ".safetensors" else " ".join(f"W{l} b{l}" for l in range(1, s.network.depth + 1)))
        click.echo(f"wrote {result.network.parameter_count} parameters ({names}) after "
                   f"{textfmt.count(len(result.history.epochs), 'epoch')} to {out}")
        return
    from ..session import Session

    taken = iter(Session(s).step, None)
    written = _write(out, write_trace, taken if steps is None else (step for _, step in zip(range(steps), taken)))
    click.echo(f"wrote {textfmt.count(written, 'step')} to {out}")


def _write(out: Path, writer, what):
    """``writer(what, out)``; a file that cannot be written is a user error, not a traceback."""
    try:
        return writer(what, out)
    except OSError as err:
        raise UserError(f"--out {out}: cannot write it: {err.strerror or err}") from None


COMMANDS = [list_command, show_command, check_command, replay_command, train_command, export_command]
