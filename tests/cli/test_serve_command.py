"""`nnviz serve` parses, warns and hands textual-serve a fixed command line (no server is started here)."""

from __future__ import annotations

import pytest
import textual_serve.server
from click.testing import CliRunner

from nnviz.cli import main


@pytest.fixture
def servers(monkeypatch):
    """The textual-serve Servers the CLI made, instead of serving."""
    made = []

    class FakeServer:
        def __init__(self, command, **options):
            self.command, self.options = command, options
            made.append(self)

        def serve(self):
            pass

    monkeypatch.setattr(textual_serve.server, "Server", FakeServer)
    return made


def test_serve_binds_to_localhost_by_default_without_a_warning(servers):
    result = CliRunner().invoke(main, ["serve", "xor"])
    assert result.exit_code == 0 and result.output == ""
    assert servers[0].options["host"] == "127.0.0.1" and servers[0].options["port"] == 8000
    assert servers[0].command.endswith("-m nnviz open xor")


def test_serving_on_another_address_warns_in_one_line(servers):
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--port", "8701"])
    assert result.exit_code == 0
    assert result.output.count("\n") == 1 and "anyone" in result.output and "0.0.0.0" in result.output


def test_a_bad_scenario_fails_in_one_line_before_serving(servers):
    result = CliRunner().invoke(main, ["serve", "no-such-scenario"])
    assert result.exit_code == 2 and result.output.count("\n") == 1 and not servers


def test_a_port_in_use_is_one_line(monkeypatch, servers):
    def taken(self):
        raise OSError(98, "address already in use")

    monkeypatch.setattr(textual_serve.server.Server, "serve", taken)
    result = CliRunner().invoke(main, ["serve", "--port", "8702"])
    assert result.exit_code == 2 and result.output == "nnviz: cannot serve on 127.0.0.1:8702: address already in use\n"
