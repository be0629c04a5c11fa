"""``etl sql``: an ad-hoc query on a read-only connection."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from etl.cli.output import OutputFormat, emit
from etl.db import DatabaseError
from etl.reports import run_sql

Db = Annotated[Path, typer.Option("--db", help="DuckDB database file.")]
Fmt = Annotated[OutputFormat, typer.Option("--format", help="How to print the result.")]
Output = Annotated[Path | None, typer.Option("--output", "-o", help="Write the result to this file.")]


def sql_cmd(
    query: Annotated[str, typer.Argument(help="SQL to run; the database is opened read-only.")],
    db: Db,
    fmt: Fmt = OutputFormat.table,
    output: Output = None,
) -> None:
    """Run a query read-only; writes are refused."""
    try:
        frame = run_sql(db, query)
    except DatabaseError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    emit(frame, fmt, output)
