"""Opening the Textual debugger."""

import click

from .common import MISTAKE, SCENARIO, load

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
    walk only what the session made since (30 ms of CPU each before, 11 after)."""
    import gc

    from threadpoolctl import threadpool_limits

    limited = threadpool_limits(limits=1, user_api="blas")  # kept: not used as a context manager
    blas = "BLAS on one thread" if limited.get_original_num_threads().get("blas") else "no BLAS to limit"
    gc.freeze()
    return f"{blas}, start-up objects frozen out of the garbage collector"


@click.command("open")
@SCENARIO
@MISTAKE
def open_command(scenario: str = "binary-example", mistakes: frozenset[str] = frozenset()) -> None:
    """Open the step debugger on SCENARIO (a path or a bundled name).

    n and p step forward and back, c runs to the end or to a breakpoint,
    ? lists every key, q quits.
    """
    loaded = load(scenario, mistakes=mistakes)
    from ..tui.app import make_app  # textual loads only here, so `nnviz --help` stays fast

    settle_for_stepping()
    make_app(loaded).run()


COMMANDS = [open_command]
