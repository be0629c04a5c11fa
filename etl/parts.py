"""Tables written in Parquet parts, one per batch, merged into one file per table.

Batches arrive one at a time, so no stage ever holds the whole corpus: each
batch's rows go to ``<dir>/<table>/part-<n>.parquet``; :func:`merge_parts`
then lets DuckDB read every part and write ``<out>/<table>.parquet`` sorted by
a key that does not depend on batch boundaries, worker count or input order
(DuckDB sorts out of core, under :data:`MERGE_MEMORY`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import polars as pl

from etl.records import PRIMARY_KEYS, SCHEMAS

# DuckDB's memory for the merge sort; beyond it, it spills to disk. Chosen so
# that the whole pipeline stays well under 1 GiB with room for the workers.
MERGE_MEMORY = "256MB"
REJECTS_ORDER = ('"table"', "source", "row_id", "rule", "row")


class PartWriter:
    """Writes the rows of each batch as numbered Parquet parts, one folder per table."""

    def __init__(self, root: Path) -> None:
        self.root = root
        if root.exists():
            shutil.rmtree(root)
        root.mkdir(parents=True)
        self.count = 0

    def write(self, frames: dict[str, pl.DataFrame]) -> None:
        self.count += 1
        for name, frame in frames.items():
            if frame.height:
                folder = self.root / name
                folder.mkdir(exist_ok=True)
                frame.write_parquet(folder / f"part-{self.count:06d}.parquet")

    def parts(self, table: str) -> list[Path]:
        folder = self.root / table
        return sorted(folder.glob("part-*.parquet")) if folder.is_dir() else []

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _sql_path(path: Path) -> str:
    return "'" + path.as_posix().replace("'", "''") + "'"


def _order_by(table: str) -> str:
    """Rows of an article together, articles by id, rows of one article by their number.

    ``<article_id>:q12`` sorts after ``...:q2``: each id is split into its
    article prefix, its trailing number, then the whole id as a tie-break.
    """
    if table == "rejects":
        return ", ".join(REJECTS_ORDER)
    keys: list[str] = []
    for col in PRIMARY_KEYS[table]:
        keys += [
            f"split_part({col}, ':', 1)",
            f"TRY_CAST(regexp_extract({col}, '(\\d+)$', 1) AS BIGINT)",
            col,
        ]
    return ", ".join(keys)


def merge_parts(parts: list[Path], table: str, dest: Path, temp_dir: Path) -> int:
    """Every part of one table -> ``dest``, sorted deterministically; returns the row count."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    if not parts:
        pl.DataFrame(schema=SCHEMAS[table]).write_parquet(dest)
        return 0
    tmp = dest.with_name(f".{dest.name}.tmp")
    files = ", ".join(_sql_path(p) for p in parts)
    with duckdb.connect() as con:
        con.execute(f"SET memory_limit = '{MERGE_MEMORY}'")
        con.execute(f"SET temp_directory = {_sql_path(temp_dir)}")
        # one thread: the row-group layout of the file, and so its bytes, must
        # not depend on how DuckDB splits the work
        con.execute("SET threads = 1")
        columns = ", ".join(f'"{c}"' for c in SCHEMAS[table])
        con.execute(
            f"COPY (SELECT {columns} FROM read_parquet([{files}], union_by_name = true) "
            f"ORDER BY {_order_by(table)}) TO {_sql_path(tmp)} (FORMAT parquet, COMPRESSION zstd)"
        )
        n = con.execute(f"SELECT count(*) FROM read_parquet({_sql_path(tmp)})").fetchone()
    tmp.replace(dest)
    return int(n[0]) if n else 0
