"""Options shared by the commands that read inputs (``parse``, ``pipeline``)."""

from __future__ import annotations

import os
from enum import Enum
from typing import Annotated

import typer

from etl.readers import FORMATS, Columns

InputFormat = Enum("InputFormat", {f.upper(): f for f in FORMATS}, type=str)  # type: ignore[misc]

Inputs = Annotated[
    list[str], typer.Argument(help="Files, folders (recursive), globs, or - for JSONL on stdin.")
]
Workers = Annotated[
    int | None,
    typer.Option("--workers", "-w", min=1, help="Parallel parsing processes (default: all cores)."),
]
Format = Annotated[
    InputFormat | None,
    typer.Option("--format", help="Read every input as this format (default: by extension)."),
]
TextColumn = Annotated[
    str | None, typer.Option("--text-column", help="Field holding the text (default: guessed).")
]
TitleColumn = Annotated[
    str | None, typer.Option("--title-column", help="Field holding the title (default: guessed).")
]
DateColumn = Annotated[
    str | None, typer.Option("--date-column", help="Field holding the publication date (default: guessed).")
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")]


def default_workers() -> int:
    return os.cpu_count() or 1


def columns(text: str | None, title: str | None, date: str | None) -> Columns:
    return Columns(text=text, title=title, date=date)
