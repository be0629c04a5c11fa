"""The parse stage: inputs -> articles -> extraction -> Parquet tables.

I/O stays at the edges: :mod:`etl.readers` reads, :func:`parse_docs` is pure
(raw documents in, DataFrames out), :func:`write_tables` writes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from etl.articles import ArticleParseError, RawDoc
from etl.extract import extract_article
from etl.readers import ReadFailure, read_inputs
from etl.records import TABLES, Reject, to_frame


@dataclass(slots=True)
class ParseResult:
    tables: dict[str, pl.DataFrame]
    rejects: pl.DataFrame
    read: int = 0
    duplicates: int = 0
    messages: list[str] = field(default_factory=list)


def parse_docs(items: Iterable[RawDoc | ReadFailure]) -> ParseResult:
    """Raw documents (and read failures) -> every table, plus the rejects."""
    rows: dict[str, list] = {t: [] for t in TABLES}
    rejects: list[Reject] = []
    seen: set[str] = set()
    read = dups = 0
    messages: list[str] = []
    for item in items:
        read += 1
        if isinstance(item, ReadFailure):
            rejects.append(Reject("inputs", None, item.source, "{}", item.reason))
            messages.append(f"{item.source}: {item.reason}")
            continue
        try:
            out = extract_article(item)
        except ArticleParseError as exc:
            rejects.append(Reject("inputs", None, item.source, json.dumps({"source": item.source}), str(exc)))
            messages.append(f"{item.source}: {exc}")
            continue
        if out.article.article_id in seen:
            dups += 1
            continue
        seen.add(out.article.article_id)
        rows["articles"].append(out.article)
        rows["participants"].extend(out.participants)
        rows["events"].extend(out.events)
        rows["event_participants"].extend(out.event_participants)
        rows["quotes"].extend(out.quotes)
    tables = {t: to_frame(t, rows[t]) for t in TABLES}
    return ParseResult(tables, to_frame("rejects", rejects), read, dups, messages)


def write_tables(result: ParseResult, out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, frame in result.tables.items():
        frame.write_parquet(out_dir / f"{name}.parquet")
    result.rejects.write_parquet(out_dir / "rejects.parquet")


def parse_inputs(inputs: list[str], out_dir: Path) -> ParseResult:
    result = parse_docs(read_inputs(inputs))
    write_tables(result, out_dir)
    return result
