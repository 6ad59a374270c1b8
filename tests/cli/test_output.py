"""Output that any terminal can take: every command prints under a narrow encoding,
NO_COLOR and TERM=dumb turn colour off everywhere, `nnviz NAME` opens a scenario."""

import click
import pytest
from click.testing import CliRunner

from nnviz.cli import main

COMMANDS = [("show", "binary-example"), ("replay", "binary-example", "--steps", "7"),
            ("train", "binary-example", "--epochs", "2"), ("check", "binary-example"),
            ("boundary", "xor", "--epochs", "1"), ("histograms", "binary-example", "--epochs", "2"),
            ("compare", "binary-example", "--epochs", "2"), ("evaluate", "binary-example", "--epochs", "1"),
            ("gradcheck", "binary-example"), ("list",)]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_every_command_prints_under_latin_1_with_ascii_for_what_it_lacks(args):
    result = CliRunner(charset="latin-1").invoke(main, list(args))
    assert result.exit_code in (0, 1), repr(result.exception)  # check/gradcheck may report failures
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if args[0] == "show":  # η is not latin-1: ASCII; × is, and stays
        assert "4×4" in result.stdout_bytes.decode("latin-1") and "eta = 0.5" in result.stdout


def test_fallbacks_cover_the_notation():
    from nnviz.cli.output import _ascii_for

    assert [_ascii_for(c) for c in "×→Σŷ⠿─"] == ["x", "->", "sum", "y^", ".", "-"]


@pytest.mark.parametrize("environment", [{"NO_COLOR": "1"}, {"TERM": "dumb"}], ids=["NO_COLOR", "TERM=dumb"])
@pytest.mark.parametrize("args", [("compare", "binary-example", "--epochs", "2"),
                                  ("train", "binary-example", "--epochs", "3"),
                                  ("boundary", "xor", "--epochs", "1")], ids=lambda a: a[0])
def test_no_color_and_dumb_terminals_get_no_escapes(args, environment, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    coloured = CliRunner().invoke(main, list(args), color=True)
    assert "\x1b[" in coloured.stdout  # a terminal that takes colour gets it
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    plain = CliRunner().invoke(main, list(args), color=True)
    assert plain.exit_code == 0 and "\x1b[" not in plain.stdout
    assert len(click.unstyle(coloured.stdout).splitlines()) == len(plain.stdout.splitlines())


def test_a_bundled_name_or_a_path_as_the_first_word_opens_it():
    ctx = click.Context(main)
    assert main.resolve_command(ctx, ["digits"])[0] == "open"
    assert main.resolve_command(ctx, ["my/own.toml"])[2] == ["my/own.toml"]
    assert main.resolve_command(ctx, ["train", "digits"])[0] == "train"
    result = CliRunner().invoke(main, ["trian"])
    assert result.exit_code == 2 and "No such command 'trian'" in result.stderr


def test_open_shows_its_scenario_as_optional():
    assert " open [OPTIONS] [SCENARIO]\n" in CliRunner().invoke(main, ["open", "--help"]).stdout


def test_replay_json_prints_only_the_chosen_phases_and_arrays_from_the_chosen_step():
    import json

    result = CliRunner().invoke(main, ["replay", "binary-example", "--format", "json", "--phases", "loss,update",
                                       "--arrays", "loss,W_new", "--start", "7", "--steps", "3"])
    steps = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(s["index"], s["phase"]) for s in steps] == [(9, "loss"), (12, "update"), (13, "update")]
    assert [sorted(s["arrays"]) for s in steps] == [["loss"], ["W_new"], ["W_new"]]
    assert "W_old" in steps[1]["array_names"]  # the header still lists all the step has


def test_replay_arrays_none_prints_the_formulas_and_no_array():
    import json

    result = CliRunner().invoke(main, ["replay", "binary-example", "--format", "json", "--arrays", "none",
                                       "--steps", "2"])
    steps = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 0 and [s["arrays"] for s in steps] == [{}, {}]  # 'none' was refused as a name
    assert steps[0]["formula"].startswith("Z1 = W1")


def test_replay_refuses_an_unknown_array_in_one_line():
    result = CliRunner().invoke(main, ["replay", "binary-example", "--arrays", "Zz"])
    assert result.exit_code == 2 and result.stderr == "nnviz: --arrays Zz: 'Zz' is not an array; did you mean 'Z'?\n"


def test_the_compare_chart_thins_long_curves_and_marks_each_series_its_own_way():
    from nnviz import load_scenario
    from nnviz.engine.compare import compare
    from nnviz.render.loss_chart import MOST_POINTS, plot_variants

    class Recorder:
        def __init__(self):
            self.series = []

        def scatter(self, x, y, marker, **kw):
            self.series.append((len(y), marker))

        plot = scatter

        def __getattr__(self, name):
            return lambda *a, **k: None

    s = load_scenario("gd-batch")
    plt = Recorder()
    plot_variants(plt, compare(s.network, s.X, s.Y, s.training.__class__(**{**s.training.__dict__, "epochs": 5}),
                               [None, 1, 20], True))
    assert all(points <= MOST_POINTS for points, _ in plt.series)  # batch size 1 had 500 updates
    markers = [marker for _, marker in plt.series]
    assert len(set(markers)) == len(markers) == 5  # 2 per-update curves, 3 epoch curves


@pytest.mark.parametrize("start", [70, 999])
def test_replay_start_past_the_last_step_is_refused_naming_that_step(start):
    result = CliRunner().invoke(main, ["replay", "binary-example", "--start", str(start)])
    assert result.exit_code == 2 and result.stdout == ""  # 70 printed nothing and exited 0; 999 named step 998
    assert result.stderr == f"nnviz: --start {start}: no step {start}: training has 70 steps, 0 to 69\n"
