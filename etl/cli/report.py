"""``etl report``: run a named report of ``sql/reports``, or list them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from etl.cli.output import OutputFormat, emit
from etl.cli.sql import Fmt, Output
from etl.db import DatabaseError
from etl.reports import list_reports, run_report


def _params(pairs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise typer.BadParameter(f"{pair!r} is not NAME=VALUE", param_hint="--param")
        out[name] = value
    return out


def _write_html(db: Path | None, html: Path, dq: Path | None) -> None:
    from etl.html_report import write_report

    if db is None:
        typer.echo("error: --db FILE is needed for --html", err=True)
        raise typer.Exit(1)
    try:
        typer.echo(str(write_report(db, html, dq)))
    except DatabaseError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc


def report_cmd(
    name: Annotated[str | None, typer.Argument(help="Report to run; none lists the reports.")] = None,
    # not required: listing the reports needs no database
    db: Annotated[Path | None, typer.Option("--db", help="DuckDB database file.")] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="Bound parameter NAME=VALUE (repeatable).")
    ] = None,
    fmt: Fmt = OutputFormat.table,
    output: Output = None,
    html: Annotated[
        Path | None, typer.Option("--html", help="Write the self-contained HTML report of --db here.")
    ] = None,
    dq: Annotated[
        Path | None, typer.Option("--dq", help="dq_report.json to show in the HTML report.")
    ] = None,
) -> None:
    """Run sql/reports/NAME.sql on the database; with no NAME, list the reports and what each answers."""
    if html is not None:
        _write_html(db, html, dq)
        return
    if name is None:
        for report in list_reports():
            params = "".join(f" --param {p}=..." for p in report.params)
            typer.echo(f"{report.name}{params}\n    {report.question}")
        return
    if db is None:
        typer.echo("error: --db FILE is needed to run a report", err=True)
        raise typer.Exit(1)
    try:
        frame = run_report(db, name, _params(param or []))
    except DatabaseError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    emit(frame, fmt, output, title=name)
