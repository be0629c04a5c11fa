"""``etl pipeline``: parse, validate and load in one go, with progress and a summary."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from etl.cli.options import (
    DateColumn,
    Format,
    Inputs,
    Quiet,
    TextColumn,
    TitleColumn,
    Workers,
    columns,
    default_workers,
)
from etl.db import DatabaseError
from etl.pipeline import run_pipeline
from etl.progress import make_progress


def pipeline_cmd(
    inputs: Inputs,
    db: Annotated[Path, typer.Option("--db", help="DuckDB database file (created when missing).")],
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Also write this run's Parquet tables, rejects and dq report here."),
    ] = None,
    workers: Workers = None,
    reparse: Annotated[
        bool, typer.Option("--reparse", help="Parse and load again articles already in the database.")
    ] = False,
    allow_rejects: Annotated[
        bool, typer.Option("--allow-rejects", help="Exit 0 even when inputs or rows were rejected.")
    ] = False,
    fmt: Format = None,
    text_column: TextColumn = None,
    title_column: TitleColumn = None,
    date_column: DateColumn = None,
    quiet: Quiet = False,
    wait: Annotated[
        bool, typer.Option("--wait", help="Wait for another writer of the database instead of failing.")
    ] = False,
) -> None:
    """Parse, validate and load articles into DuckDB; skips articles already loaded.

    Exit status 1 when anything was rejected, unless --allow-rejects.
    """
    try:
        summary = run_pipeline(
            inputs,
            db,
            out=out,
            workers=workers or default_workers(),
            reparse=reparse,
            fmt=fmt.value if fmt else None,
            columns=columns(text_column, title_column, date_column),
            progress=make_progress(quiet, label="pipeline"),
            wait=wait,
        )
    except DatabaseError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    for line in summary.lines():
        typer.echo(line)
    if summary.rejects and not allow_rejects:
        where = f" (see {out / 'rejects.parquet'})" if out else ""
        typer.echo(f"error: {summary.rejects} rejected rows{where}; --allow-rejects to accept", err=True)
        raise typer.Exit(1)
