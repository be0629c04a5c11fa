"""``etl check``: the data-quality gate on a loaded database (every sql/checks query returns no rows)."""

from __future__ import annotations

import typer

from etl.cli.sql import Db
from etl.db import DatabaseError
from etl.reports import run_checks


def check_cmd(db: Db) -> None:
    """Run every check of sql/checks; exit 1 naming the checks that return rows."""
    try:
        results = run_checks(db)
    except DatabaseError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    failing = [r for r in results if not r.ok]
    for r in results:
        typer.echo(f"{'ok  ' if r.ok else 'FAIL'} {r.name}: {r.question}")
        if not r.ok:
            typer.echo(f"     {r.failing_rows} rows, e.g. {r.sample.to_dicts()}")
    if failing:
        names = ", ".join(r.name for r in failing)
        typer.echo(f"error: {len(failing)} of {len(results)} checks failed on {db}: {names}", err=True)
        raise typer.Exit(1)
    typer.echo(f"{len(results)} checks hold on {db}")
