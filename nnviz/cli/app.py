"""Opening the Textual debugger."""

import click

from .common import SCENARIO, load

# What numpy's own OpenBLAS (bundled in its wheels) calls its thread setter.
BLAS_THREAD_SETTERS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
                       "openblas_set_num_threads64_", "openblas_set_num_threads")


def use_one_blas_thread() -> bool:
    """Let numpy's OpenBLAS multiply on the calling thread only; True if it could.

    The debugger multiplies small matrices (784×128 at most) once a step, and
    on a two-core machine OpenBLAS's worker threads only spin beside the UI
    thread: the step that computes a new batch of a 784-128-64-10 network
    cost about 140 ms of CPU with them and 45 ms without (bench/bench_app.py).
    OPENBLAS_NUM_THREADS cannot say it here: `import nnviz` has loaded numpy,
    and with it OpenBLAS, before this module runs. So the library numpy
    bundles is asked directly; with any other BLAS nothing changes. Only the
    debugger does this, never the engine: `nnviz train` keeps every thread."""
    import ctypes
    import glob
    import os

    import numpy

    root = os.path.dirname(numpy.__file__)
    libraries = [*glob.glob(os.path.join(root, os.pardir, "numpy.libs", "*openblas*")),
                 *glob.glob(os.path.join(root, ".dylibs", "*openblas*"))]
    for path in libraries:
        try:
            library = ctypes.CDLL(path)  # already loaded by numpy: this only finds it
        except OSError:
            continue
        for name in BLAS_THREAD_SETTERS:
            setter = getattr(library, name, None)
            if setter is not None:
                setter(1)
                return True
    return False


def settle_for_stepping() -> str:
    """Set the process up for the debugger; says what it did (bench/bench_app.py prints it).

    One BLAS thread (use_one_blas_thread); and gc.freeze(): what start-up
    built (modules, the scenario) moves out of the cyclic collector's way,
    so the full collections that come every few steps walk only what the
    session made since; they cost 30 ms of CPU each at 120×40 on digits
    before, 11 after."""
    import gc

    blas = "numpy's OpenBLAS on one thread" if use_one_blas_thread() else "numpy's BLAS as it is"
    gc.freeze()
    return f"{blas}, start-up objects frozen out of the garbage collector"


@click.command("open")
@SCENARIO
def open_command(scenario: str = "binary-example") -> None:
    """Open the step debugger on SCENARIO (a path or a bundled name).

    n and p step forward and back, c runs to the end or to a breakpoint,
    ? lists every key, q quits.
    """
    loaded = load(scenario)
    from ..tui.app import make_app  # textual loads only here, so `nnviz --help` stays fast

    settle_for_stepping()
    make_app(loaded).run()


COMMANDS = [open_command]
