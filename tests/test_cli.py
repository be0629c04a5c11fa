"""The CLI as a whole: every command has help, the root lists them all."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from etl import RUNTIME, __version__
from etl.cli import app

COMMANDS = sorted(c.name for c in app.registered_commands if c.name)


def test_every_expected_command_is_registered() -> None:
    expected = {"parse", "validate", "load", "pipeline", "sql", "report", "check", "export"}
    assert expected <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help(name: str) -> None:
    result = CliRunner().invoke(app, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    assert command.help, f"etl {name} has no help text"


def test_root_without_arguments_shows_help() -> None:
    result = CliRunner().invoke(app, [])
    assert "Usage" in result.output
    for name in COMMANDS:
        assert name in result.output


def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"{__version__} (extractors: {RUNTIME})"
    assert RUNTIME.startswith(("compiled", "pure Python"))
