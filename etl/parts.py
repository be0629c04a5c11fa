"""Tables written in Parquet parts, one per batch, merged into one file per table.

Batches arrive one at a time, so no stage ever holds the whole corpus: each
batch's rows go to ``<dir>/<table>/part-<n>.parquet``; :func:`merge_parts`
then appends the parts, in order, to ``<out>/<table>.parquet``.

Row order is input order: files sorted by path, records in file order, rows
of one article in extraction order. Batches are cut and taken back in that
order whatever the number of workers, so the files are byte-identical for any
``--workers`` and any order of the command-line arguments. (A global sort by
article id would also make the order of records inside one file irrelevant,
but an out-of-core sort of the article texts ran DuckDB out of memory at
100,000 articles under a 256 MB limit; input order streams in constant memory.)
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Final

import polars as pl
import pyarrow.parquet as pq

from etl.records import SCHEMAS

# Parts are scratch files, read once by merge_parts (which compresses the final files with
# zstd). LZ4 writes them in half the time zstd takes and reads them back in half the time
# (measured on 4,000 PolNeAR articles: 77 ms instead of 154 to write the article parts, in
# the main process that also feeds the workers), for parts 1.7 times larger.
PART_COMPRESSION: Final = "lz4"


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
                frame.write_parquet(folder / f"part-{self.count:06d}.parquet", compression=PART_COMPRESSION)

    def parts(self, table: str) -> list[Path]:
        folder = self.root / table
        return sorted(folder.glob("part-*.parquet")) if folder.is_dir() else []

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def merge_parts(parts: list[Path], table: str, dest: Path) -> int:
    """Every part of one table -> ``dest``, in part order, one part in memory at a time.

    Returns the row count. Each part becomes one row group, so the file's bytes
    depend only on the batches, which the main process cuts in input order.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.tmp")
    if not parts:
        pl.DataFrame(schema=SCHEMAS[table]).write_parquet(tmp)
        tmp.replace(dest)
        return 0
    columns = list(SCHEMAS[table])
    rows = 0
    writer: pq.ParquetWriter | None = None
    try:
        for part in parts:
            frame = pq.read_table(part, columns=columns)
            if writer is None:
                writer = pq.ParquetWriter(tmp, frame.schema, compression="zstd")
            writer.write_table(frame.cast(writer.schema))
            rows += frame.num_rows
    finally:
        if writer is not None:
            writer.close()
    tmp.replace(dest)
    return rows
