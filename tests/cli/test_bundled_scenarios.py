"""Every bundled scenario loads and `nnviz check` passes on it: CI's `nnviz check scenarios/*.toml`."""

import pytest
from click.testing import CliRunner

from nnviz import load_scenario
from nnviz.cli import main
from nnviz.scenario import bundled_names
from nnviz.scenario.bundled import bundled_dir


@pytest.mark.parametrize("name", bundled_names())
def test_bundled_scenario_loads(name):
    scenario = load_scenario(name)
    assert scenario.m >= 1 and scenario.X.shape[0] == scenario.network.sizes[0]


@pytest.mark.parametrize("name", bundled_names())
def test_nnviz_check_passes(name):
    result = CliRunner().invoke(main, ["check", name])
    assert result.exit_code == 0, result.output
    assert " 0 failed, " in result.stdout or "no expectations" in result.stdout


def test_nnviz_check_passes_on_all_the_files_at_once():
    paths = sorted(str(path) for path in bundled_dir().glob("*.toml"))
    result = CliRunner().invoke(main, ["check", "--quiet", *paths])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith(f"{len(paths)} scenarios: ")
