"""Exits and signals: a closed pipe is not an error, Ctrl-C exits 130 in one line,
any output encoding prints. The pipe and Ctrl-C need a real process."""

import signal
import subprocess
import sys
import time

from click.testing import CliRunner

from nnviz.cli import main

NNVIZ = [sys.executable, "-m", "nnviz"]


def test_a_closed_pipe_exits_quietly_with_0():
    reader = subprocess.Popen(["head", "-1"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    writer = subprocess.run([*NNVIZ, "replay", "binary-example", "--format", "json"], stdout=reader.stdin,
                            stderr=subprocess.PIPE, text=True)
    reader.stdin.close()
    assert reader.stdout.read().startswith(b'{"index": 0')
    reader.wait()
    assert (writer.returncode, writer.stderr) == (0, "")


def test_ctrl_c_during_train_says_where_it_stopped_prints_the_summary_and_exits_130():
    process = subprocess.Popen([*NNVIZ, "train", "binary-example", "--epochs", "100000000"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stderr.read(len("training")) == "training"  # the bar is up: training starts
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Traceback" not in err and "Aborted" not in err
    line = [l for l in err.splitlines() if l.startswith("nnviz:")]
    assert len(line) == 1 and "interrupted in epoch " in line[0] and ", batch 1 (after " in line[0]
    assert "current training loss" in out and "accuracy = " in out


def test_ctrl_c_in_any_other_command_is_one_line_and_130(monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("nnviz.checks.check_scenario", interrupted)
    result = CliRunner().invoke(main, ["check", "binary-example"])
    assert result.exit_code == 130
    assert result.stderr == "nnviz: interrupted\n"


def test_help_loads_no_numpy():
    """`nnviz --help` stays fast (bench/bench_cli.py measures it): the package and
    the command modules load numpy only when a command runs."""
    probe = "import sys; from nnviz.cli import main; print(any(m.startswith('numpy') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout == "False\n"
