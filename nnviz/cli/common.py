"""What every command shares: loading a scenario, training it, failing with one line."""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import replace
from typing import TYPE_CHECKING

from pathlib import Path

import click

from ..printable import printable
from ..engine.config import DTYPES
from ..engine.mistakes import MISTAKES
from ..scenario.bundled import DEFAULT

if TYPE_CHECKING:  # the engine loads numpy: each command imports it when it runs
    from ..engine.network import Network
    from ..engine.training import TrainResult
    from ..scenario import Scenario


def lazy_module(name: str):
    """Module ``name``, loaded on its first attribute access (importlib's LazyLoader):
    a command module can name nnviz.textfmt at the top while `nnviz --help` loads no numpy."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


class DeferredDefault(click.Option):
    """An option whose default is a function, called when it is needed, and shown
    by its value in --help (click would print "(dynamic)")."""

    def get_default(self, ctx: click.Context, call: bool = True):
        return super().get_default(ctx, call=True)



SCENARIO = click.argument("scenario", default=DEFAULT, metavar="[SCENARIO]")


def _mistake_names(ctx, param, names: tuple[str, ...]) -> frozenset[str]:
    from ..scenario.fields import suggest

    for name in names:
        if name not in MISTAKES:
            hint = suggest(name, MISTAKES) or f"; expected one of {', '.join(MISTAKES)}"
            raise UserError(f"--mistake {name}: unknown mistake{hint}")
    return frozenset(names)


# Every command that trains takes it; the scenario's own [training] mistakes stay on.
# click checks that it exists (by stat, never opening it); nnviz.weights refuses a pipe or a device.
WEIGHTS = click.option("--weights", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
                       metavar="FILE", help="Start from these weights (.safetensors, .npz or .json; W1/b1, PyTorch "
                                            "or Keras names) instead of the scenario's.")
DTYPE = click.option("--dtype", type=click.Choice(DTYPES), default=None,
                     help="Compute in this precision [default: the scenario's dtype, float64 unless it says].")
MISTAKE = click.option("--mistake", "mistakes", multiple=True, metavar="NAME", callback=_mistake_names,
                       help=f"Inject a classic backprop mistake (repeatable): {', '.join(MISTAKES)}.")


class UserError(click.ClickException):
    """One line on stderr, exit code 2, no traceback."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"nnviz: {printable(self.message)}", err=True)


class TrainingFailed(UserError):
    """Training stopped where an injected mistake's shapes do not agree: one line, exit code 1."""

    exit_code = 1


def load(source: str, epochs: int | None = None, mistakes: frozenset[str] = frozenset(),
         weights: Path | None = None, dtype: str | None = None) -> Scenario:
    """The scenario at ``source`` (a path or a bundled name), or a UserError;
    with ``epochs`` (an --epochs option) training for that many epochs instead,
    with ``mistakes`` (--mistake options) injected besides the scenario's own,
    with ``weights`` (a --weights option) starting from that file's parameters,
    with ``dtype`` (a --dtype option) computing in that precision."""
    from ..scenario import ScenarioError, load_scenario

    try:
        scenario = load_scenario(source)
        if weights is not None:
            from ..weights import read_weights

            scenario = replace(scenario, network=read_weights(weights, scenario.network)).with_dtype(
                scenario.training.dtype)
        if dtype is not None:
            scenario = scenario.with_dtype(dtype)
    except ScenarioError as err:
        raise UserError(str(err)) from None
    training = scenario.training
    if epochs is not None:
        training = replace(training, epochs=epochs)
    if mistakes:
        training = replace(training, mistakes=training.mistakes | mistakes)
    return replace(scenario, training=training)


def check_out(out: Path, option: str = "--out") -> None:
    """A UserError unless ``out`` is a new file or a regular one (checked before any
    training, so that a pipe, a device or a folder is refused at once)."""
    from ..files import check_writable_target

    try:
        check_writable_target(out)
    except (OSError, ValueError) as err:
        raise UserError(f"{option} {out}: cannot write it: {getattr(err, 'strerror', None) or err}") from None


def train_scenario(scenario: Scenario, network: Network | None = None, on_epoch=None) -> TrainResult:
    """The scenario's training, headless, from ``network`` (default: its initial one)."""
    from ..engine.training import train

    return train(network or scenario.network, scenario.X, scenario.Y, scenario.training, on_epoch=on_epoch)


def blew_up(scenario: Scenario, result: TrainResult) -> str:
    """Where the loss first became non-finite, in one line."""
    from ..engine.batches import BatchPlan

    plan = BatchPlan(scenario.m, scenario.training.batch_size)
    epoch, batch = plan.locate(len(result.history.batches) - 1)
    return (f"training blew up: the loss is {result.history.batches[-1]} in epoch {epoch}, "
            f"batch {batch}; try a smaller learning_rate")


def warn_if_blew_up(scenario: Scenario, result: TrainResult) -> None:
    """A warning on stderr when training stopped at a non-finite loss: the network
    it returns is then the one from before that batch."""
    if result.stopped == "non-finite":
        click.echo(f"nnviz: warning: {blew_up(scenario, result)}; these are the weights before that batch",
                   err=True)


def trained(scenario: Scenario, network: Network | None = None) -> Network:
    """``network`` (default: the scenario's initial one) after the scenario's training."""
    result = train_scenario(scenario, network)
    warn_if_blew_up(scenario, result)
    return result.network
