"""The ``etl`` command: a root Typer app composed of one small module per stage."""

from __future__ import annotations

import typer

from etl import __version__
from etl.cli import parse

app = typer.Typer(no_args_is_help=True, add_completion=False, help="Turn news articles into validated tables.")


def _version(value: bool) -> None:
    if value:
        typer.echo(__version__)
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """Turn news articles into validated, queryable tables."""


app.command("parse")(parse.parse_cmd)
