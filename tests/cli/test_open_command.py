"""`nnviz` and `nnviz open` hand a loaded scenario to the app factory; bad scenarios fail in one line."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

import nnviz.tui.app
from nnviz.cli import main


class FakeApp:
    def __init__(self, scenario):
        self.scenario = scenario
        self.ran = False

    def run(self):
        self.ran = True


@pytest.fixture
def opened(monkeypatch):
    """The apps the CLI made, instead of running a real one."""
    apps = []

    def make_app(scenario, **options):
        apps.append(FakeApp(scenario))
        return apps[-1]

    monkeypatch.setattr(nnviz.tui.app, "make_app", make_app)
    return apps


def test_no_arguments_opens_the_binary_example(opened):
    result = CliRunner().invoke(main, [])
    assert result.exit_code == 0, result.output
    assert len(opened) == 1 and opened[0].ran
    assert opened[0].scenario.path.stem == "binary-example"


def test_open_a_bundled_scenario_by_name(opened):
    result = CliRunner().invoke(main, ["open", "xor"])
    assert result.exit_code == 0, result.output
    assert opened[0].scenario.path.stem == "xor" and opened[0].ran


def scenario_file(folder, activation: str):
    """A one-neuron scenario file whose output activation is ``activation``."""
    path = folder / f"{activation}.toml"
    path.write_text(f'[network]\nsizes = [2, 1]\nactivations = ["{activation}"]\n'
                    '[data]\nX = [[0.0, 1.0]]\nY = [1]\n'
                    '[training]\nloss = "binary_cross_entropy"\nlearning_rate = 0.1\n')
    return path


def test_open_a_scenario_file_by_path(opened, tmp_path):
    result = CliRunner().invoke(main, ["open", str(scenario_file(tmp_path, "sigmoid"))])
    assert result.exit_code == 0, result.output
    assert opened[0].scenario.network.sizes == [2, 1]


def test_bad_scenario_is_one_line_and_exit_2(opened, tmp_path):
    result = CliRunner().invoke(main, ["open", str(scenario_file(tmp_path, "sigmoidal"))])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("nnviz: ") and "sigmoidal" in lines[0]
    assert not opened


def test_unknown_bundled_name_is_one_line_and_exit_2(opened):
    result = CliRunner().invoke(main, ["open", "binary-exampel"])
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1 and "binary-example" in result.output
    assert not opened


def test_help_does_not_import_textual():
    probe = ("import sys\nfrom nnviz.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
             "print('textual' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert "open" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_open_takes_a_folder_for_screenshots(opened, tmp_path):
    assert "--screenshots" in CliRunner().invoke(main, ["open", "--help"]).output
    result = CliRunner().invoke(main, ["open", "binary-example", "--screenshots", str(tmp_path)])
    assert result.exit_code == 0, result.output
    missing = CliRunner().invoke(main, ["open", "--screenshots", str(tmp_path / "none")])
    assert missing.exit_code == 2 and "none" in missing.output
