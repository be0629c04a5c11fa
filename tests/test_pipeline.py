"""The whole pipeline: incremental runs, counts that add up, the same database whatever the workers."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import duckdb
import polars as pl
import pytest

import etl.parse
from etl.articles import RawDoc
from etl.extract import ArticleTables, extract_article
from etl.pipeline import run_pipeline
from etl.records import TABLES


def article(n: int) -> str:
    return (
        f"Envoy {n} visits Ankara\n\n"
        f'ANKARA — The envoy met Foreign Minister Hakan Fidan on Monday, visit number {n}. "The talks went '
        f'well," Fidan said.\n'
    )


def corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"a{i:03d}.txt").write_text(article(i), encoding="utf-8")
    return folder


def db_rows(db: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"select * from {t} order by all").fetchall() for t in TABLES}


def test_second_run_loads_nothing_new(tmp_path: Path) -> None:
    src = corpus(tmp_path / "in", 5)
    db = tmp_path / "news.duckdb"
    first = run_pipeline([str(src)], db)
    before = db_rows(db)
    second = run_pipeline([str(src)], db)
    assert (first.new, first.existing, second.new, second.existing) == (5, 0, 0, 5)
    assert db_rows(db) == before


def test_second_run_parses_only_the_new_files(tmp_path: Path) -> None:
    src = corpus(tmp_path / "in", 3)
    db = tmp_path / "news.duckdb"
    run_pipeline([str(src)], db)
    (src / "new.txt").write_text(article(99), encoding="utf-8")
    summary = run_pipeline([str(src)], db)
    assert (summary.new, summary.existing, summary.rows["articles"]) == (1, 3, 1)


def test_reparse_loads_everything_again_without_duplicating(tmp_path: Path) -> None:
    src = corpus(tmp_path / "in", 3)
    db = tmp_path / "news.duckdb"
    run_pipeline([str(src)], db)
    before = db_rows(db)
    summary = run_pipeline([str(src)], db, reparse=True)
    assert (summary.new, summary.existing, db_rows(db)) == (3, 0, before)


def test_summary_counts_add_up_with_bad_inputs_and_duplicates(tmp_path: Path) -> None:
    src = corpus(tmp_path / "in", 4)
    (src / "copy.txt").write_text(article(1), encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "lines.jsonl").write_text(json.dumps({"text": article(50)}) + "\n{nope\n", encoding="utf-8")
    s = run_pipeline([str(src)], tmp_path / "news.duckdb")
    assert (s.read, s.loaded, s.rejected, s.duplicates) == (8, 5, 2, 1)
    assert s.read == s.loaded + s.rejected + s.duplicates


def test_out_folder_holds_tables_rejects_and_report(tmp_path: Path) -> None:
    src = corpus(tmp_path / "in", 2)
    (src / "empty.txt").write_bytes(b"")
    out = tmp_path / "tables"
    run_pipeline([str(src)], tmp_path / "news.duckdb", out=out)
    report = json.loads((out / "dq_report.json").read_text())
    rejects = pl.read_parquet(out / "rejects.parquet")
    assert (pl.read_parquet(out / "articles.parquet").height, rejects["source"].to_list()) == (
        2,
        [str(src / "empty.txt")],
    )
    assert report["inputs"] == {"rejected": 1, "reasons": {"empty file": 1}}
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []


def test_workers_give_the_same_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(etl.parse, "BATCH_ITEMS", 3)
    src = corpus(tmp_path / "in", 14)
    run_pipeline([str(src)], tmp_path / "one.duckdb", workers=1)
    run_pipeline([str(src)], tmp_path / "two.duckdb", workers=2)
    assert db_rows(tmp_path / "one.duckdb") == db_rows(tmp_path / "two.duckdb")


def _broken(raw: RawDoc) -> ArticleTables:
    """The real extraction, but an article that breaks a rule when its text mentions 'visit number 1.'."""
    out = extract_article(raw)
    if "visit number 1." in raw.text:
        out.article = dataclasses.replace(out.article, n_words=-1)
    return out


def test_article_breaking_a_rule_counts_as_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(etl.parse, "extract_article", _broken)
    src = corpus(tmp_path / "in", 3)
    s = run_pipeline([str(src)], tmp_path / "news.duckdb", workers=1)
    assert (s.read, s.new, s.rejected, s.rows["articles"]) == (3, 2, 1, 2)
