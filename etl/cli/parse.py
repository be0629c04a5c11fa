"""``etl parse``: read articles and write the contract's Parquet tables."""

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
from etl.parse import parse_inputs
from etl.progress import make_progress


def parse_cmd(
    inputs: Inputs,
    out: Annotated[Path, typer.Option("--out", help="Folder for the Parquet tables.")],
    workers: Workers = None,
    fmt: Format = None,
    text_column: TextColumn = None,
    title_column: TitleColumn = None,
    date_column: DateColumn = None,
    quiet: Quiet = False,
) -> None:
    """Parse articles into events, quotes and participants tables (Parquet).

    Every unreadable input gets one line on stderr and a row in rejects.parquet;
    exit status 1 when nothing at all could be parsed.
    """
    summary = parse_inputs(
        inputs,
        out,
        workers=workers or default_workers(),
        fmt=fmt.value if fmt else None,
        columns=columns(text_column, title_column, date_column),
        progress=make_progress(quiet),
    )
    s = summary.stats
    skipped = sum(s.skipped.values())
    typer.echo(
        f"{s.articles} articles, {s.rejected} rejected, {s.duplicates} duplicates"
        + (f", {skipped} non-article records skipped" if skipped else "")
        + f" -> {out}"
    )
    if s.articles == 0 and (s.rejected or not s.read):
        typer.echo("error: no article could be parsed from the inputs", err=True)
        raise typer.Exit(1)
