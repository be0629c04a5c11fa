"""Writing a result frame as a rich table, CSV, JSON or Parquet (``etl sql``, ``etl report``)."""

from __future__ import annotations

import io
import json
import sys
from enum import StrEnum
from pathlib import Path

import polars as pl
import typer
from rich.console import Console
from rich.table import Table


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    parquet = "parquet"


def _flat(frame: pl.DataFrame) -> pl.DataFrame:
    """Nested columns (lists, structs) as JSON text, for formats that hold only scalars."""
    nested = [c for c, t in frame.schema.items() if isinstance(t, pl.List | pl.Struct | pl.Array)]
    if not nested:
        return frame
    return frame.with_columns(
        pl.Series(c, [None if v is None else json.dumps(v, default=str) for v in frame[c].to_list()], pl.Utf8)
        for c in nested
    )


def _rich_table(frame: pl.DataFrame, title: str | None) -> Table:
    table = Table(title=title, show_lines=False)
    for col in frame.columns:
        table.add_column(col, overflow="fold")
    for row in _flat(frame).iter_rows():
        table.add_row(*("" if v is None else str(v) for v in row))
    return table


def emit(frame: pl.DataFrame, fmt: OutputFormat, output: Path | None, title: str | None = None) -> None:
    """Write ``frame`` to ``output`` (or standard output) in ``fmt``."""
    if fmt is OutputFormat.parquet:
        if output is None:
            typer.echo("error: --format parquet needs --output FILE", err=True)
            raise typer.Exit(1)
        frame.write_parquet(output)
        return
    if fmt is OutputFormat.table:
        buffer = io.StringIO()
        console = Console(file=buffer if output else sys.stdout, width=None if output is None else 200)
        console.print(_rich_table(frame, title))
        console.print(f"{frame.height} rows", style="dim")
        if output:
            output.write_text(buffer.getvalue(), encoding="utf-8")
        return
    text = _flat(frame).write_csv() if fmt is OutputFormat.csv else frame.write_json()
    if output:
        output.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    else:
        typer.echo(text.rstrip("\n"))
