"""``etl parse``: read articles and write the contract's Parquet tables."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from etl.parse import parse_inputs


def parse_cmd(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or globs of articles.")],
    out: Annotated[Path, typer.Option("--out", help="Folder for the Parquet tables.")],
) -> None:
    """Parse articles into events, quotes and participants tables (Parquet)."""
    result = parse_inputs(inputs, out)
    for msg in result.messages:
        typer.echo(msg, err=True)
    n = result.tables["articles"].height
    typer.echo(f"{n} articles, {result.rejects.height} rejected, {result.duplicates} duplicates -> {out}")
