"""``etl load``: validate a tables folder and load what passed into DuckDB, in one transaction."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from etl.db import DatabaseError
from etl.load import load_dir
from etl.validate import REJECTS_FILE, ValidationInputError


def load_cmd(
    directory: Annotated[Path, typer.Argument(help="Folder of Parquet tables written by `etl parse`.")],
    db: Annotated[Path, typer.Option("--db", help="DuckDB database file (created when missing).")],
    wait: Annotated[
        bool, typer.Option("--wait", help="Wait for another writer to finish instead of failing.")
    ] = False,
) -> None:
    """Validate, then load valid rows and rejects; re-loading the same articles replaces their rows."""
    try:
        result = load_dir(directory, db, wait=wait)
    except (ValidationInputError, DatabaseError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    rows = ", ".join(f"{t} {n}" for t, n in result.counts.items())
    if result.validation is not None and result.validation.n_rejected:
        typer.echo(f"{result.validation.n_rejected} rejected, see {directory / REJECTS_FILE}")
    typer.echo(
        f"run {result.run_id}: loaded {rows}; {result.rejects} rejects; "
        f"{result.replaced_articles} articles replaced; schema {result.schema} -> {db}"
    )
