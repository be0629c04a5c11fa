"""The ``etl`` command: a root Typer app composed of one small module per stage."""

from __future__ import annotations

import typer

from etl import RUNTIME, __version__
from etl.cli import check as check_cli
from etl.cli import export as export_cli
from etl.cli import load as load_cli
from etl.cli import parse, pipeline
from etl.cli import report as report_cli
from etl.cli import sql as sql_cli
from etl.cli import validate as validate_cli

app = typer.Typer(
    no_args_is_help=True, add_completion=False, help="Turn news articles into validated tables."
)


def _version(value: bool) -> None:
    if value:
        # which code runs the extractors, as black prints "compiled: yes": a stale compiled
        # build falls back to the slower pure-Python modules, and this says so
        typer.echo(f"{__version__} (extractors: {RUNTIME})")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False,
        "--version",
        callback=_version,
        is_eager=True,
        help="Print the version, and whether the compiled extractors run.",
    ),
) -> None:
    """Turn news articles into validated, queryable tables."""


app.command("parse")(parse.parse_cmd)
app.command("pipeline")(pipeline.pipeline_cmd)
app.command("validate")(validate_cli.validate_cmd)
app.command("load")(load_cli.load_cmd)
app.command("sql")(sql_cli.sql_cmd)
app.command("report")(report_cli.report_cmd)
app.command("check")(check_cli.check_cmd)
app.command("export")(export_cli.export_cmd)
