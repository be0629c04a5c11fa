"""``etl validate``: check a tables folder against the contract; write rejects and the dq report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from etl.validate import REJECTS_FILE, REPORT_FILE, VALID_DIR, ValidationInputError, validate_dir


def validate_cmd(
    directory: Annotated[Path, typer.Argument(help="Folder of Parquet tables written by `etl parse`.")],
    allow_rejects: Annotated[
        bool, typer.Option("--allow-rejects", help="Exit 0 even when inputs or rows were rejected.")
    ] = False,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help=f"Folder for the valid rows, one Parquet file per table (default: DIRECTORY/{VALID_DIR}).",
        ),
    ] = None,
) -> None:
    """Validate every table (pandera schemas and cross-table rules); exit 1 when anything was rejected.

    Reads the folder in chunks of whole articles, so memory does not grow with
    it; the valid rows go to --out (DIRECTORY/valid by default).
    """
    valid = directory / VALID_DIR if out is None else out
    try:
        result = validate_dir(directory, out=valid)
    except ValidationInputError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    for table, stats in result.report["tables"].items():
        line = f"{table}: {stats['checked']} checked, {stats['passed']} passed, {stats['failed']} failed"
        for rule, n in stats["rules"].items():
            line += f"\n  {rule}: {n}"
        typer.echo(line)
    inputs = result.report["inputs"]["rejected"]
    typer.echo(f"inputs rejected by parse: {inputs}; report -> {directory / REPORT_FILE}")
    typer.echo(f"valid rows -> {valid}")
    if result.n_rejected and not allow_rejects:
        typer.echo(
            f"error: {result.n_rejected} rejected (see {directory / REJECTS_FILE}); "
            "--allow-rejects to accept",
            err=True,
        )
        raise typer.Exit(1)
