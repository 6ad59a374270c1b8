"""Opening the Textual debugger, in this terminal or served to web browsers."""

from pathlib import Path

import click

from .common import DTYPE, MISTAKE, SCENARIO, WEIGHTS, UserError, load

GC_YOUNG_THRESHOLD = 5000  # allocations between collections of the young generation (Python's default: 700)


def settle_for_stepping() -> str:
    """Set the process up for the debugger; says what it did (bench/bench_app.py prints it).

    One BLAS thread: the debugger multiplies small matrices (784×128 at most)
    once a step, and on a two-core machine BLAS worker threads only spin
    beside the UI thread (a new batch of a 784-128-64-10 network cost about
    140 ms of CPU with them, 45 ms without). threadpoolctl sets it at run time,
    since `import nnviz` has loaded numpy before any environment variable
    could. Only the debugger does this: `nnviz train` keeps every thread.

    gc.freeze(): what start-up built (modules, the scenario) moves out of the
    cyclic collector's way, so the full collections that come every few steps
    walk only what the session made since (30 ms of CPU each before, 11 after).

    gc.set_threshold(5000): a step allocates some thousands of objects (the
    strips and segments of the screen) that live until the next step, and a
    young-generation collection every 700 allocations walked them again and
    again: on digits 2.4 collections a step costing 2.1 ms of CPU, at 5000 0.3
    costing 1.0 ms. The older generations keep Python's counts, which count
    young collections, so full collections come about 7 times fewer too."""
    import gc

    from threadpoolctl import threadpool_limits

    limited = threadpool_limits(limits=1, user_api="blas")  # kept: not used as a context manager
    blas = "BLAS on one thread" if limited.get_original_num_threads().get("blas") else "no BLAS to limit"
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
    return f"{blas}, start-up objects frozen out of the garbage collector, its young generation {GC_YOUNG_THRESHOLD} objects"


FOLDER = click.Path(exists=True, file_okay=False, path_type=Path)


@click.command("open")
@SCENARIO
@MISTAKE
@WEIGHTS
@DTYPE
# What `nnviz serve` hands each tab's app; hidden, since a terminal user can browse files anyway.
@click.option("--scenarios", "scenario_dir", type=FOLDER, hidden=True)
@click.option("--screenshots", "screenshot_dir", type=FOLDER,
              help="The folder s saves screenshots in (default: the current one; the note names the file).")
def open_command(scenario: str = "binary-example", mistakes: frozenset[str] = frozenset(),
                 weights: Path | None = None, dtype: str | None = None, scenario_dir: Path | None = None,
                 screenshot_dir: Path | None = None) -> None:
    """Open the step debugger on SCENARIO (a path or a bundled name).

    n and p step forward and back, c runs to the end or to a breakpoint,
    ? lists every key, q quits.
    """
    loaded = load(scenario, mistakes=mistakes, weights=weights, dtype=dtype)
    from ..tui.app import make_app  # textual loads only here, so `nnviz --help` stays fast

    settle_for_stepping()
    make_app(loaded, scenario_dir=scenario_dir, screenshot_dir=screenshot_dir).run()


@click.command("serve")
@SCENARIO
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; any other than localhost lets others on that network in.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--public-url", metavar="URL",
              help="The address browsers reach the server at, when it is not http://HOST:PORT "
                   "(serving on 0.0.0.0, or behind a proxy).")
@click.option("--scenarios", "scenario_dir", type=FOLDER,
              help="A folder whose .toml files the o picker may open (else only the bundled ones).")
@click.option("--screenshots", "screenshot_dir", type=FOLDER,
              help="A folder that s saves screenshots in (else each is offered as a download).")
def serve_command(scenario: str, host: str, port: int, public_url: str | None, scenario_dir: Path | None,
                  screenshot_dir: Path | None) -> None:
    """Serve the debugger on SCENARIO to web browsers, through textual-serve.

    Each browser tab runs its own debugger, with its own session. Open
    http://HOST:PORT in a browser; Ctrl+C stops the server.
    """
    from ..serving import app_command, is_local

    loaded = load(scenario)  # a bad scenario fails here, in one line, before anything listens
    source = str(loaded.path.resolve()) if loaded.path and Path(scenario).is_file() else scenario
    if not is_local(host):
        click.echo(f"nnviz: warning: serving on {host}: anyone who can reach it on that network can use it",
                   err=True)
    from textual_serve.server import Server  # aiohttp loads only here

    templates = Path(__file__).resolve().parent.parent / "tui" / "web"
    server = Server(app_command(source, scenario_dir, screenshot_dir), host=host, port=port,
                    title=f"nnviz · {loaded.title}", public_url=public_url, templates_path=templates)
    try:
        server.serve()
    except OSError as err:  # the port is taken, or the address is not this machine's
        raise UserError(f"cannot serve on {host}:{port}: {err.strerror or err}") from None


COMMANDS = [open_command, serve_command]
