"""The whole pipeline: parse, validate and load, batch by batch, into DuckDB.

Steps of :func:`run_pipeline`:

1. Unless ``reparse``, texts whose article id is already in the database are
   skipped before parsing (:func:`etl.load.existing_article_ids`), so a second
   run over the same inputs does almost nothing.
2. Each batch is parsed and validated in a worker (batches hold whole
   articles, so validating one batch is complete). As each batch comes back,
   in input order, its rejects (unreadable inputs and broken rules) are
   appended to ``<out>/rejects.parquet`` and, when ``out`` is given, its
   parsed rows to ``<out>/<table>.parquet`` (every parsed row, for
   ``etl validate``); its valid rows go to Parquet parts.
3. The files are closed and ``<out>/dq_report.json`` written.
4. The valid rows are loaded in one transaction (:func:`etl.load.load_tables`),
   DuckDB reading their parts in order.

Every input is accounted for: ``read == loaded + rejected + duplicates``,
where ``loaded`` counts new articles and those already in the database.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from etl.parse import BatchOut, Extract, KnownIds, RunStats, drop_articles, run_batches
from etl.parts import PartWriter, TableFiles
from etl.progress import Progress
from etl.readers import Columns, InputStream
from etl.records import TABLES
from etl.validate import add_reports

REPORT_FILE = "dq_report.json"
VALID = "valid"


@dataclass(slots=True)
class PipelineSummary:
    read: int
    new: int
    existing: int
    rejected: int
    duplicates: int
    skipped: dict[str, int]
    rows: dict[str, int]  # rows loaded per table
    rejects: int  # rows in rejects.parquet (inputs and broken rules)
    seconds: dict[str, float] = field(default_factory=dict)
    report: dict[str, Any] = field(default_factory=dict)

    @property
    def loaded(self) -> int:
        return self.new + self.existing

    def lines(self) -> list[str]:
        """The closing summary, one fact a line."""
        out = [
            f"articles: read {self.read:,} = loaded {self.loaded:,} (new {self.new:,}, already in database "
            f"{self.existing:,}) + rejected {self.rejected:,} + duplicates {self.duplicates:,}",
        ]
        if self.skipped:
            parts = ", ".join(f"{n:,} {why}" for why, n in sorted(self.skipped.items()))
            out.append(f"records skipped (not articles): {parts}")
        out.append("rows loaded: " + ", ".join(f"{t} {n:,}" for t, n in self.rows.items()))
        out.append(f"rejects: {self.rejects:,} rows")
        out.append("time: " + ", ".join(f"{k} {v:.1f}s" for k, v in self.seconds.items()))
        if self.read and not self.new:
            out.append("nothing new to load: every article was already in the database (--reparse to redo)")
        return out


@contextmanager
def _workspace(out: Path | None, db: Path) -> Iterator[Path]:
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        yield out
        return
    db.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=db.parent, prefix=".etl-") as tmp:
        yield Path(tmp)


def run_pipeline(
    inputs: list[str],
    db: Path,
    *,
    out: Path | None = None,
    workers: int = 1,
    reparse: bool = False,
    fmt: str | None = None,
    columns: Columns = Columns(),
    progress: Progress | None = None,
    wait: bool = False,
    extract: Extract | None = None,
) -> PipelineSummary:
    """Parse, validate and load ``inputs`` into ``db``; tables and rejects also land in ``out``.

    The database's writer lock is held for the whole run, so a second
    pipeline on the same database fails at once (or waits, with ``wait``).
    """
    from etl.db import writer_lock

    with writer_lock(db, wait=wait):
        return _run(inputs, db, out, workers, reparse, fmt, columns, progress, extract)


def _run(
    inputs: list[str],
    db: Path,
    out: Path | None,
    workers: int,
    reparse: bool,
    fmt: str | None,
    columns: Columns,
    progress: Progress | None,
    extract: Extract | None,
) -> PipelineSummary:
    from etl.load import Rows, existing_article_ids, load_tables

    known: KnownIds | None = None
    if not reparse and db.exists():

        def known(ids: list[str]) -> set[str]:
            return set(existing_article_ids(db, ids))

    seconds: dict[str, float] = {}
    with _workspace(out, db) as folder:
        # without --out the folder is a scratch one: nobody reads the parsed tables, only rejects
        parsed = TableFiles(folder, [*TABLES, "rejects"] if out is not None else ["rejects"])
        valid = PartWriter(folder / ".parts-valid")
        report: dict[str, Any] = {}
        reasons: dict[str, int] = {}

        def sink(batch: BatchOut, drop: set[str]) -> None:
            res = batch.result
            broken = (
                drop_articles({"rejects": batch.invalid}, drop)["rejects"]
                if batch.invalid is not None
                else None
            )
            rejects = pl.concat([res.rejects, broken]) if broken is not None else res.rejects
            tables = drop_articles(res.tables, drop) if out is not None else {}
            parsed.write({**tables, "rejects": rejects})
            valid.write(drop_articles(batch.valid or {}, drop))
            for rule in res.rejects.get_column("rule").to_list():
                reasons[rule] = reasons.get(rule, 0) + 1
            add_reports(report, batch.report or {})

        started = time.perf_counter()
        with parsed:
            stats: RunStats = run_batches(
                InputStream(inputs, fmt, columns),
                sink,
                workers=workers,
                validate=True,
                known=known,
                progress=progress,
                extract=extract,
            )
            seconds["parse+validate"] = time.perf_counter() - started
            started = time.perf_counter()
            n_rejects = parsed.close()["rejects"]
        report["inputs"] = {"rejected": stats.rejected, "reasons": dict(sorted(reasons.items()))}
        report["rejected"] = n_rejects
        (folder / REPORT_FILE).write_text(
            json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        seconds["report"] = time.perf_counter() - started

        started = time.perf_counter()
        # DuckDB reads the valid parts in order: merging them first would write every row once more
        tables: dict[str, Rows] = {t: valid.parts(t) for t in TABLES}
        loaded = load_tables(tables, pl.read_parquet(folder / "rejects.parquet"), db, source=" ".join(inputs))
        rows = dict(loaded.counts)
        seconds["load"] = time.perf_counter() - started
        valid.remove()

    new = rows["articles"]
    return PipelineSummary(
        read=stats.read,
        new=new,
        existing=stats.existing,
        # articles whose row broke a rule are rejected as well as unreadable inputs
        rejected=stats.rejected + (stats.articles - new),
        duplicates=stats.duplicates,
        skipped=dict(stats.skipped),
        rows=rows,
        rejects=n_rejects,
        seconds={**seconds, "total": sum(seconds.values())},
        report=report,
    )
