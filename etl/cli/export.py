"""``etl export``: every table of a database to Parquet, CSV, JSONL, or events as GDELT rows."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from etl.db import DatabaseError
from etl.export import ExportFormat, export_db


def export_cmd(
    db: Annotated[Path, typer.Option("--db", help="DuckDB database file (opened read-only).")],
    out: Annotated[Path, typer.Option("--out", help="Folder for the exported files (created when missing).")],
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", help="parquet, csv or jsonl: every table; gdelt: events as GDELT 2.0 rows."),
    ] = ExportFormat.parquet,
) -> None:
    """Write every table of the database to files, one per table (gdelt: events.export.CSV)."""
    try:
        written = export_db(db, out, fmt)
    except DatabaseError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    for item in written:
        typer.echo(f"{item.table}: {item.rows} rows -> {item.path}")
