"""The validate stage: tables in, valid tables + rejects + a data-quality report out.

:func:`validate_tables` is pure. Steps:

1. Rows that are exact copies of an earlier row are collapsed (counted in the
   report, loaded once).
2. Each table is cast to the contract's dtypes (:data:`etl.records.SCHEMAS`);
   a missing column or a value that does not cast breaks ``missing_column:<c>``
   or ``dtype:<c>``.
3. The table's pandera model (:mod:`schemas`) runs on the collected
   DataFrame with ``lazy=True`` (a LazyFrame would skip the custom checks);
   each failure case names its row and its rule.
4. Cross-table rules of the contract: foreign keys (``fk:<column>``), spans
   inside the article's text, quote text equal to its span, the speaker's
   name, dates not after ``published_at`` unless planned.
5. Rows whose parent was rejected are rejected too (``cascade:<parent>``),
   except the optional speaker link of a quote: a quote whose speaker
   participant was rejected is still a valid statement with a valid span and
   speaker text, so it is kept and only ``speaker_participant_id`` is nulled
   (counted under ``repairs`` in the report). A dangling key that never
   pointed at any row is a broken rule (``fk:...``) and rejects the quote.

The dq report: ``tables.<table>`` holds ``checked`` (rows given),
``duplicates_collapsed``, ``passed``, ``failed`` and ``rules`` (rows broken
per rule); ``repairs`` counts nulled speaker links; ``rejected`` counts the
rejects; :func:`validate_dir` adds ``inputs`` (the parse stage's rejects and
their reasons).

Batches hold whole articles, so validating one batch is complete.
:func:`validate_dir` is the I/O edge: it reads ``<table>.parquet`` in chunks
of whole articles (:mod:`etl.article_chunks`: every copy of an id, every
parent a row points at, in the same chunk, so the chunks' results are exactly
the whole folder's), appends each chunk's valid rows to
``<out>/<table>.parquet``, sums the chunks' reports, carries the parse stage's
``rejects.parquet`` along, and writes ``rejects.parquet`` and
``dq_report.json`` back. Memory follows the chunk, not the folder.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import pandera.errors
import polars as pl
import pyarrow.parquet as pq

from etl.article_chunks import NotGrouped, article_chunks
from etl.records import PRIMARY_KEYS, SCHEMAS, TABLES, article_of, empty
from schemas import MODELS

ROW = "_row"
REPORT_FILE = "dq_report.json"
REJECTS_FILE = "rejects.parquet"
VALID_DIR = "valid"  # validate_dir's default home for the valid rows, inside the tables folder
# Articles per validation chunk. Peak memory grows with it, and pandera's fixed
# cost per call (~0.14 s for the five tables) is paid once per chunk. validate_dir
# on the 20,000-article bench tables, peak RSS / seconds on 2 busy cores: 500:
# 269 MB / 8.1 s; 1,000: 321-331 MB / 5.1-5.3 s; 2,000: 361-366 MB / 5.4 s;
# 5,000: 491 MB / 3.8 s; whole folder (before chunking): 638-646 MB / 1.7-2.2 s.
CHUNK_ARTICLES = 1_000
SPEAKER_NULLED = "quotes.speaker_participant_id_nulled"

# the parent a child row's key points at: (child column, parent table, parent key)
_PARENTS: dict[str, list[tuple[str, str, str]]] = {
    "participants": [("article_id", "articles", "article_id")],
    "events": [("article_id", "articles", "article_id")],
    "event_participants": [
        ("event_id", "events", "event_id"),
        ("participant_id", "participants", "participant_id"),
    ],
    "quotes": [("article_id", "articles", "article_id")],
}


class ValidationInputError(ValueError):
    """A tables folder that cannot be validated (missing or unreadable table file)."""


# the valid rows: frames from validate_tables, Parquet files from validate_dir
Tables = TypeVar("Tables", pl.DataFrame, Path)


@dataclass(slots=True)
class Validation(Generic[Tables]):
    tables: dict[str, Tables]
    rejects: pl.DataFrame
    report: dict[str, Any] = field(default_factory=dict)

    @property
    def n_rejected(self) -> int:
        return self.rejects.height

    def remove_files(self) -> None:
        """Delete the valid-row files :func:`validate_dir` wrote, and their folder once empty."""
        folders: set[Path] = set()
        for table in self.tables.values():
            if isinstance(table, Path):
                table.unlink(missing_ok=True)
                folders.add(table.parent)
        for folder in folders:
            with contextlib.suppress(OSError):  # not empty: someone else's files stay
                folder.rmdir()


@dataclass(slots=True)
class _Checked:
    """One table during validation: the cast frame and its (row, rule) failures."""

    frame: pl.DataFrame  # contract dtypes, plus ROW
    original: pl.DataFrame  # as given (after collapsing copies), plus ROW: what rejects show
    failures: list[pl.DataFrame] = field(default_factory=list)
    collapsed: int = 0

    def fail(self, mask: pl.Series | pl.Expr, rule: str) -> None:
        rows = self.frame.filter(mask).select(ROW)
        if rows.height:
            self.failures.append(rows.with_columns(pl.lit(rule).alias("rule")))

    def rules(self) -> pl.DataFrame:
        if not self.failures:
            return pl.DataFrame(schema={ROW: pl.UInt32, "rule": pl.Utf8})
        return pl.concat(self.failures).unique(maintain_order=True)

    def failed_rows(self) -> pl.Series:
        return self.rules().get_column(ROW).unique()


def _all_rows(frame: pl.DataFrame, rule: str) -> pl.DataFrame:
    return frame.select(ROW).with_columns(pl.lit(rule).alias("rule"))


def _conform(table: str, given: pl.DataFrame) -> _Checked:
    """Collapse exact copies, cast to the contract's dtypes, note what does not fit."""
    deduped = given.unique(maintain_order=True) if given.height else given
    original = deduped.with_row_index(ROW)
    checked = _Checked(frame=original, original=original, collapsed=given.height - deduped.height)
    columns: list[pl.Series] = []
    for col, dtype in SCHEMAS[table].items():
        if col not in original.columns:
            checked.failures.append(_all_rows(original, f"missing_column:{col}"))
            columns.append(pl.Series(col, [None] * original.height, dtype=dtype))
            continue
        series = original.get_column(col)
        if series.dtype == dtype:
            columns.append(series)
            continue
        try:
            cast = series.cast(dtype, strict=False)
        except (pl.exceptions.InvalidOperationError, pl.exceptions.ComputeError):
            cast = pl.Series(col, [None] * original.height, dtype=dtype)
        checked.fail(series.is_not_null() & cast.is_null(), f"dtype:{col}")
        columns.append(cast)
    extras = [c for c in original.columns if c not in SCHEMAS[table] and c != ROW]
    checked.frame = original.select(ROW, *extras).with_columns(columns).select(ROW, *SCHEMAS[table], *extras)
    return checked


def _rule_name(column: str | None, check: str, context: str) -> str:
    """``kind:isin`` from pandera's ``isin(('person', ...))`` on column ``kind``: short, stable names."""
    name = check.split("(")[0]
    return name if context == "DataFrameSchema" or not column else f"{column}:{name}"


def _run_model(table: str, checked: _Checked) -> None:
    """Pandera on the collected frame (lazy=True): every failure case with its row."""
    frame = checked.frame.drop(ROW)
    try:
        MODELS[table].validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        for case in cases.select("index", "column", "check", "schema_context").unique().iter_rows():
            index, column, check, context = case
            rule = _rule_name(column, check, context)
            if index is None:
                checked.failures.append(_all_rows(checked.frame, rule))
            else:
                checked.failures.append(
                    pl.DataFrame({ROW: [index], "rule": [rule]}, schema={ROW: pl.UInt32, "rule": pl.Utf8})
                )


def _article_lookup(articles: pl.DataFrame) -> pl.DataFrame:
    return articles.select(
        pl.col("article_id"),
        pl.col("text").alias("_article_text"),
        pl.col("text").str.len_chars().alias("_len"),
        pl.col("published_at").alias("_published_at"),
        pl.col("source").alias("_source"),
        pl.lit(True).alias("_article_found"),
    ).unique("article_id", keep="first", maintain_order=True)


def _inside(start: str, end: str) -> pl.Expr:
    """The span lies inside the article's text (a missing span is fine: other rules judge that)."""
    inside = (pl.col(start) >= 0) & (pl.col(end) <= pl.col("_len"))
    return (pl.col(start).is_null() & pl.col(end).is_null()) | inside.fill_null(False)


def _cross_rules(checked: dict[str, _Checked]) -> None:
    """Rules that need two tables; foreign keys are judged against the rows given."""
    arts = _article_lookup(checked["articles"].frame)
    for table in ("participants", "events", "quotes"):
        c = checked[table]
        j = c.frame.join(arts, on="article_id", how="left", maintain_order="left")
        c.fail(j.get_column("_article_found").is_null(), "fk:article_id")
        found = j.get_column("_article_found").fill_null(False)
        spans = {
            "participants": [("first_start", "first_end")],
            "events": [("start", "end"), ("trigger_start", "trigger_end")],
            "quotes": [("start", "end"), ("speaker_start", "speaker_end"), ("cue_start", "cue_end")],
        }[table]
        for start, end in spans:
            c.fail(found & ~j.select(_inside(start, end)).to_series(), f"span_inside_text:{start}")
        if table == "events":
            published = pl.col("_published_at").dt.date()
            after = (pl.col("event_date") > published).fill_null(False) & (pl.col("status") != "planned")
            c.fail(found & j.select(after).to_series(), "event_date_not_after_published")
        if table == "quotes":
            span_text = pl.col("_article_text").str.slice(pl.col("start"), pl.col("end") - pl.col("start"))
            equal = (pl.col("text") == span_text).fill_null(False)
            c.fail(found & ~j.select(equal).to_series(), "text_equals_span")

    quotes = checked["quotes"]
    names = (
        checked["participants"]
        .frame.select(
            pl.col("participant_id").alias("speaker_participant_id"),
            pl.col("name").alias("_speaker_name"),
            pl.lit(True).alias("_speaker_found"),
        )
        .unique("speaker_participant_id", keep="first", maintain_order=True)
    )
    j = quotes.frame.join(names, on="speaker_participant_id", how="left", maintain_order="left")
    linked = pl.col("speaker_participant_id").is_not_null()
    quotes.fail(
        j.select(linked & pl.col("_speaker_found").is_null()).to_series(), "fk:speaker_participant_id"
    )
    wrong_name = (
        linked & pl.col("_speaker_found") & (pl.col("speaker") != pl.col("_speaker_name")).fill_null(True)
    )
    quotes.fail(j.select(wrong_name.fill_null(False)).to_series(), "speaker_is_participant_name")

    eps = checked["event_participants"]
    for col, parent, key in _PARENTS["event_participants"]:
        ids = checked[parent].frame.get_column(key).drop_nulls().unique()
        eps.fail(~pl.col(col).is_in(ids.implode()).fill_null(False), f"fk:{col}")


def _valid_ids(c: _Checked, key: str) -> pl.Series:
    return c.frame.filter(~pl.col(ROW).is_in(c.failed_rows().implode())).get_column(key).drop_nulls().unique()


def _cascade(checked: dict[str, _Checked]) -> int:
    """Reject rows whose parent was rejected; null a quote's link to a rejected speaker.

    Returns how many speaker links were nulled.
    """
    for table in ("participants", "events", "event_participants", "quotes"):
        c = checked[table]
        for col, parent, key in _PARENTS[table]:
            given = checked[parent].frame.get_column(key).drop_nulls().unique()
            valid = _valid_ids(checked[parent], key)
            rejected_parent = pl.col(col).is_in(given.implode()) & ~pl.col(col).is_in(valid.implode())
            c.fail(rejected_parent.fill_null(False), f"cascade:{parent}")
    quotes = checked["quotes"]
    given = checked["participants"].frame.get_column("participant_id").drop_nulls().unique()
    valid = _valid_ids(checked["participants"], "participant_id")
    lost = (
        pl.col("speaker_participant_id").is_in(given.implode())
        & ~pl.col("speaker_participant_id").is_in(valid.implode())
        & ~pl.col(ROW).is_in(quotes.failed_rows().implode())
    ).fill_null(False)
    nulled = quotes.frame.filter(lost).height
    nulled_link = pl.when(lost).then(None).otherwise(pl.col("speaker_participant_id"))
    quotes.frame = quotes.frame.with_columns(nulled_link.alias("speaker_participant_id"))
    return nulled


def _rejects_of(table: str, c: _Checked, sources: pl.DataFrame) -> pl.DataFrame:
    rules = (
        c.rules()
        .group_by(ROW, maintain_order=True)
        .agg(pl.col("rule").unique().sort().str.join("; "))
        .sort(ROW)
    )
    if not rules.height:
        return empty("rejects")
    pk = [col for col in PRIMARY_KEYS[table] if col in c.original.columns]
    row_id = pl.concat_str([pl.col(k).cast(pl.Utf8) for k in pk], separator="|") if pk else pl.lit(None)
    key = "event_id" if table == "event_participants" else "article_id"
    article = article_of(table) if key in c.original.columns else pl.lit(None, pl.Utf8)
    rows = rules.join(c.original, on=ROW, how="left", maintain_order="left")
    payload = pl.struct([pl.col(col) for col in c.original.columns if col != ROW]).struct.json_encode()
    out = rows.select(
        pl.lit(table).alias("table"),
        row_id.cast(pl.Utf8).alias("row_id"),
        article.alias("article_id"),
        payload.alias("row"),
        pl.col("rule"),
    )
    out = out.join(sources, on="article_id", how="left", maintain_order="left")
    return out.select("table", "row_id", pl.col("_source").alias("source"), "row", "rule").cast(
        pl.Schema(SCHEMAS["rejects"])
    )


def _table_report(table: str, given: int, c: _Checked, passed: int) -> dict[str, Any]:
    rules = c.rules().group_by("rule").agg(pl.len().alias("n")).sort("rule")
    return {
        "checked": given,
        "duplicates_collapsed": c.collapsed,
        "passed": passed,
        "failed": int(c.failed_rows().len()),
        "rules": {r: int(n) for r, n in rules.iter_rows()},
    }


def validate_tables(tables: dict[str, pl.DataFrame]) -> Validation[pl.DataFrame]:
    """Every table of the contract -> valid tables, rejected rows with their rules, and a dq report."""
    given = {t: tables.get(t, empty(t)) for t in TABLES}
    checked = {t: _conform(t, given[t]) for t in TABLES}
    for table in TABLES:
        _run_model(table, checked[table])
    _cross_rules(checked)
    nulled = _cascade(checked)

    sources = _article_lookup(checked["articles"].frame).select("article_id", "_source")
    valid: dict[str, pl.DataFrame] = {}
    rejects: list[pl.DataFrame] = []
    report_tables: dict[str, Any] = {}
    for table in TABLES:
        c = checked[table]
        bad = c.failed_rows()
        valid[table] = c.frame.filter(~pl.col(ROW).is_in(bad.implode())).drop(ROW)
        rejects.append(_rejects_of(table, c, sources))
        report_tables[table] = _table_report(table, given[table].height, c, valid[table].height)
    all_rejects = pl.concat(rejects)
    report = {
        "tables": report_tables,
        "repairs": {SPEAKER_NULLED: nulled},
        "rejected": all_rejects.height,
    }
    return Validation(valid, all_rejects, report)


def _read_table(path: Path | list[Path]) -> pl.DataFrame:
    try:
        return pl.read_parquet(path)
    except (OSError, pl.exceptions.ComputeError) as exc:
        raise ValidationInputError(f"{path}: cannot read Parquet ({exc})") from exc


def table_files(directory: Path) -> dict[str, list[Path]]:
    """The Parquet file(s) of every table: ``<table>.parquet``, or a ``<table>/`` folder of parts."""
    if not directory.is_dir():
        raise ValidationInputError(
            f"{directory}: no such folder; run `etl parse INPUT --out {directory}` first"
        )
    files: dict[str, list[Path]] = {}
    for table in TABLES:
        single, parts = directory / f"{table}.parquet", directory / table
        if single.is_file():
            files[table] = [single]
        elif parts.is_dir() and any(parts.glob("*.parquet")):
            files[table] = sorted(parts.glob("*.parquet"))
        else:
            raise ValidationInputError(
                f"{single}: table file missing; run `etl parse INPUT --out {directory}` to write every table"
            )
    return files


def _input_rejects(directory: Path) -> pl.DataFrame:
    path = directory / REJECTS_FILE
    return _read_table(path).cast(pl.Schema(SCHEMAS["rejects"])) if path.is_file() else empty("rejects")


def read_dir(directory: Path) -> tuple[dict[str, pl.DataFrame], pl.DataFrame]:
    """``<table>.parquet`` of every table (a ``<table>/`` folder of parts also works) and input rejects."""
    tables = {table: _read_table(paths) for table, paths in table_files(directory).items()}
    return tables, _input_rejects(directory)


def _carried(input_rejects: pl.DataFrame) -> pl.DataFrame:
    """The parse stage's rejects, without rule rejects a previous validate run appended."""
    return input_rejects.filter(pl.col("table") == "inputs")


def add_reports(into: dict[str, Any], more: dict[str, Any]) -> None:
    """Sum the numbers of two data-quality reports into ``into``, key by key."""
    for key, value in more.items():
        if isinstance(value, dict):
            add_reports(into.setdefault(key, {}), value)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            into[key] = into.get(key, 0) + value


class _ValidWriter:
    """The valid rows of each table, appended chunk by chunk to ``<out>/<table>.parquet``."""

    def __init__(self, out: Path) -> None:
        out.mkdir(parents=True, exist_ok=True)
        self.paths = {t: out / f"{t}.parquet" for t in TABLES}
        self._tmp = {t: out / f".{t}.parquet.tmp" for t in TABLES}
        self._writers: dict[str, pq.ParquetWriter] = {}

    def write(self, frames: dict[str, pl.DataFrame]) -> None:
        for table, frame in frames.items():
            rows = frame.to_arrow()
            if table not in self._writers:
                self._writers[table] = pq.ParquetWriter(self._tmp[table], rows.schema, compression="zstd")
            writer = self._writers[table]
            writer.write_table(rows.cast(writer.schema))

    def close(self) -> dict[str, Path]:
        for table, writer in self._writers.items():
            writer.close()
            self._tmp[table].replace(self.paths[table])
        return self.paths

    def abort(self) -> None:
        for table, writer in self._writers.items():
            writer.close()
            self._tmp[table].unlink(missing_ok=True)


def _validate_chunks(files: dict[str, list[Path]], out: Path, chunk_articles: int) -> Validation[Path]:
    """Chunk by chunk (:func:`etl.article_chunks.article_chunks`), exactly as validating the whole."""
    writer = _ValidWriter(out)
    rejects: dict[str, list[pl.DataFrame]] = {t: [] for t in TABLES}
    report: dict[str, Any] = {}
    finished = False
    try:
        for chunk in article_chunks(files, chunk_articles):
            part = validate_tables(chunk)
            writer.write({t: part.tables[t] for t in TABLES})
            for table in TABLES:
                rejects[table].append(part.rejects.filter(pl.col("table") == table))
            add_reports(report, part.report)
        finished = True
    finally:
        if not finished:  # NotGrouped (the caller validates whole) or a real failure
            writer.abort()
    for stats in report["tables"].values():
        stats["rules"] = dict(sorted(stats["rules"].items()))
    all_rejects = pl.concat([frame for table in TABLES for frame in rejects[table]])
    return Validation(dict(writer.close()), all_rejects, report)


def _validate_whole(files: dict[str, list[Path]], out: Path) -> Validation[Path]:
    result = validate_tables({table: _read_table(paths) for table, paths in files.items()})
    out.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for table in TABLES:
        paths[table] = out / f"{table}.parquet"
        result.tables[table].write_parquet(paths[table])
    return Validation(paths, result.rejects, result.report)


def validate_dir(
    directory: Path, *, out: Path | None = None, chunk_articles: int = CHUNK_ARTICLES
) -> Validation[Path]:
    """Validate a tables folder; write ``rejects.parquet`` (input + rule rejects) and ``dq_report.json``.

    The valid rows go to ``<out>/<table>.parquet`` (default ``<directory>/valid/``),
    ready for ``load_tables``; the returned :class:`Validation` names those
    files (not frames) and holds the rejects as a frame. Tables are read
    ``chunk_articles`` articles at a time, so memory does not grow with the
    folder; a folder whose rows are not grouped by article (see
    :mod:`etl.article_chunks`) is validated whole, with the same result.
    """
    directory = Path(directory)
    files = table_files(directory)
    input_rejects = _input_rejects(directory)
    out = directory / VALID_DIR if out is None else Path(out)
    try:
        result = _validate_chunks(files, out, chunk_articles)
    except NotGrouped:
        result = _validate_whole(files, out)
    carried = _carried(input_rejects)
    rejects = pl.concat([carried, result.rejects])
    reasons = carried.group_by("rule").agg(pl.len().alias("n")).sort("rule")
    report = {
        **result.report,
        "inputs": {"rejected": carried.height, "reasons": {r: int(n) for r, n in reasons.iter_rows()}},
        "rejected": rejects.height,
    }
    rejects.write_parquet(directory / REJECTS_FILE)
    (directory / REPORT_FILE).write_text(
        json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    return Validation(result.tables, rejects, report)
