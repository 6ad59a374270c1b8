"""What `nnviz serve` hands textual-serve, and the one folder a served app opens files from."""

from __future__ import annotations

import shlex
import sys

import pytest

from nnviz.serving import ScenarioFolder, app_command, is_local


def test_the_app_command_is_this_python_running_nnviz_open_with_the_server_options(tmp_path):
    argv = shlex.split(app_command("binary-example", tmp_path / "a b", tmp_path))
    assert argv[:5] == [sys.executable, "-m", "nnviz", "open", "binary-example"]
    assert argv[5:] == ["--scenarios", str((tmp_path / "a b").resolve()), "--screenshots", str(tmp_path.resolve())]


@pytest.mark.parametrize("host, local", [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                         ("127.0.0.2", True), ("0.0.0.0", False), ("192.168.1.5", False),
                                         ("::", False), ("example.org", False)])
def test_only_loopback_addresses_are_local(host, local):
    assert is_local(host) is local


@pytest.fixture
def folder(tmp_path):
    served = tmp_path / "served"
    (served / "sub").mkdir(parents=True)
    (served / "mine.toml").write_text("name = 'mine'")
    (served / "sub" / "deep.toml").write_text("name = 'deep'")
    (tmp_path / "secret.toml").write_text("name = 'secret'")
    (served / "link.toml").symlink_to(tmp_path / "secret.toml")
    (served / "outside").symlink_to(tmp_path)
    return ScenarioFolder(served)


def test_a_folder_lists_its_own_toml_files_and_no_symlink_leaving_it(folder):
    assert folder.names() == ["mine.toml", "sub/deep.toml"]


@pytest.mark.parametrize("name", ["../secret.toml", "link.toml", "outside/secret.toml", "/etc/hostname",
                                  "sub/../../secret.toml"])
def test_a_name_leaving_the_folder_is_refused_in_one_line(folder, name):
    with pytest.raises(ValueError, match="refused") as err:
        folder.path(name)
    assert "\n" not in str(err.value)


def test_a_name_inside_the_folder_is_its_file(folder):
    assert folder.path("sub/deep.toml") == folder.root / "sub" / "deep.toml"
    with pytest.raises(ValueError, match="no such file"):
        folder.path("missing.toml")
