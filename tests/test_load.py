"""Loading into DuckDB: exact DDL, idempotent re-loads, atomicity, the writer lock, schema versions."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pytest
from typer.testing import CliRunner

import etl.db
import etl.load
from etl.cli import app
from etl.db import SCHEMA_VERSION, SchemaVersionError, WriterLocked, connect_read_only
from etl.load import LoadError, existing_article_ids, load_dir, load_tables
from etl.records import SCHEMAS, TABLES, Reject, to_frame
from etl.reports import run_checks, run_sql
from etl.validate import validate_tables

Tables = dict[str, pl.DataFrame]
TESTS = Path(__file__).resolve().parent

DUCKDB_TYPES = {
    pl.Utf8: "VARCHAR",
    pl.Int64: "BIGINT",
    pl.Float64: "DOUBLE",
    pl.Date: "DATE",
    pl.Datetime("us"): "TIMESTAMP",
    pl.List(pl.Utf8): "VARCHAR[]",
}


def _describe(db: Path, table: str) -> list[tuple[str, str]]:
    frame = run_sql(
        db,
        "select column_name, data_type from information_schema.columns "
        "where table_name = $t order by ordinal_position",
        {"t": table},
    )
    return list(frame.iter_rows())


def _snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every data table, in a stable order (runs excluded: they differ per load)."""
    out = {}
    for table in (*TABLES, "rejects"):
        cols = "* exclude (run_id)" if table == "rejects" else "*"
        out[table] = run_sql(db, f"select {cols} from {table} order by all").rows()
    return out


def _load(tables: Tables, db: Path, **kw: Any) -> etl.load.LoadResult:
    checked = validate_tables(tables)
    return load_tables(checked.tables, checked.rejects, db, **kw)


def _runs(db: Path) -> int:
    return int(run_sql(db, "select count(*) as n from runs").item())


# ---------------------------------------------------------------- DDL


@pytest.mark.parametrize("table", TABLES)
def test_ddl_matches_the_contract(tiny_db: Path, table: str) -> None:
    expected = [(c, DUCKDB_TYPES[t]) for c, t in SCHEMAS[table].items()]
    assert _describe(tiny_db, table) == expected


@pytest.mark.parametrize(
    ("table", "columns"),
    [
        ("rejects", ["table", "row_id", "source", "row", "rule", "article_id", "run_id"]),
        (
            "runs",
            [
                "run_id",
                "started_at",
                "finished_at",
                "package_version",
                "schema_version",
                "source",
                "articles",
                "participants",
                "events",
                "event_participants",
                "quotes",
                "rejects",
                "replaced_articles",
            ],
        ),
        ("schema_version", ["version", "applied_at", "package_version"]),
    ],
)
def test_bookkeeping_tables(tiny_db: Path, table: str, columns: list[str]) -> None:
    assert [c for c, _ in _describe(tiny_db, table)] == columns


def test_new_database_records_its_schema_version(tiny_db: Path) -> None:
    assert run_sql(tiny_db, "select max(version) as v from schema_version").item() == SCHEMA_VERSION


# ---------------------------------------------------------------- idempotence


def test_loading_twice_leaves_the_same_rows(tables: Tables, tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    first = _load(tables, db)
    before = _snapshot(db)
    second = _load(tables, db)
    assert _snapshot(db) == before
    assert (first.replaced_articles, second.replaced_articles) == (0, 1)
    assert _runs(db) == 2


def test_run_row_counts_what_was_loaded(tiny_db: Path) -> None:
    run = run_sql(tiny_db, "select * from runs").row(0, named=True)
    assert {t: run[t] for t in TABLES} == {
        "articles": 1,
        "participants": 3,
        "events": 2,
        "event_participants": 4,
        "quotes": 3,
    }
    assert run["package_version"] == etl.__version__
    assert run["started_at"] <= run["finished_at"]


def test_reload_replaces_changed_rows(tables: Tables, tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    _load(tables, db)
    fewer = {**tables, "quotes": tables["quotes"].head(1)}
    _load(fewer, db)
    assert run_sql(db, "select quote_id from quotes").to_series().to_list() == [
        tables["quotes"].item(0, "quote_id")
    ]


def test_article_rejected_on_reload_leaves_no_old_rows(tables: Tables, tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    _load(tables, db)
    bad = {**tables, "articles": tables["articles"].with_columns(pl.lit("english").alias("language"))}
    result = _load(bad, db)
    assert result.counts["articles"] == 0
    assert run_sql(db, "select count(*) from participants").item() == 0
    assert run_sql(db, "select count(*) from rejects where \"table\" = 'articles'").item() == 1
    assert all(check.ok for check in run_checks(db))


def test_rejects_are_not_duplicated_by_reloads(tables: Tables, tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    bad = {**tables, "quotes": tables["quotes"].with_columns(pl.lit("x").alias("text"))}
    unreadable = to_frame("rejects", [Reject("inputs", None, "bad.txt", "{}", "not valid UTF-8")])
    for _ in range(2):
        checked = validate_tables(bad)
        load_tables(checked.tables, pl.concat([unreadable, checked.rejects]), db)
    counts = run_sql(db, 'select "table", count(*) as n from rejects group by all order by all').rows()
    assert counts == [("inputs", 1), ("quotes", 3)]


def test_load_dir_validates_then_loads(tables: Tables, tmp_path: Path) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    for name, frame in tables.items():
        frame.write_parquet(folder / f"{name}.parquet")
    result = load_dir(folder, tmp_path / "x.duckdb")
    assert result.counts["quotes"] == 3
    assert result.validation is not None
    assert (folder / "dq_report.json").is_file()


def test_existing_article_ids(tiny_db: Path, tables: Tables) -> None:
    aid = tables["articles"].item(0, "article_id")
    assert existing_article_ids(tiny_db, [aid, "0000000000000000"]) == {aid}


def test_existing_article_ids_without_database(tmp_path: Path) -> None:
    assert existing_article_ids(tmp_path / "none.duckdb", ["0000000000000000"]) == set()


def test_cli_load(tables: Tables, tmp_path: Path) -> None:
    folder = tmp_path / "t"
    folder.mkdir()
    for name, frame in tables.items():
        frame.write_parquet(folder / f"{name}.parquet")
    result = CliRunner().invoke(app, ["load", str(folder), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 0, result.stderr
    assert "quotes 3" in result.stdout


# ---------------------------------------------------------------- atomicity


def test_failure_midway_leaves_database_as_before(
    tables: Tables, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "x.duckdb"
    _load(tables, db)
    before = _snapshot(db)
    real = etl.load._insert

    def failing(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> int:
        if table == "quotes":
            raise duckdb.IOException("disk full (simulated)")
        return real(con, table, frame)

    monkeypatch.setattr(etl.load, "_insert", failing)
    changed = {**tables, "quotes": tables["quotes"].head(1)}
    with pytest.raises(LoadError, match="rolled back"):
        _load(changed, db)
    assert _snapshot(db) == before
    assert _runs(db) == 1


def test_database_refuses_unvalidated_duplicates(tables: Tables, tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    _load(tables, db)
    before = _snapshot(db)
    doubled = {**tables, "quotes": pl.concat([tables["quotes"], tables["quotes"]])}
    with pytest.raises(LoadError, match="rolled back"):
        load_tables(doubled, to_frame("rejects", []), db)
    assert _snapshot(db) == before


KILLED_LOAD = """
import sys, time
from pathlib import Path
sys.path.insert(0, {tests!r})
import polars as pl
import etl.load
from conftest import hand_tables
from etl.validate import validate_tables

real = etl.load._insert

def stall(con, table, frame):
    n = real(con, table, frame)
    if table == "quotes":
        print("midway", flush=True)
        time.sleep(600)
    return n

etl.load._insert = stall
tables = hand_tables()
tables["quotes"] = tables["quotes"].head(1)
checked = validate_tables(tables)
etl.load.load_tables(checked.tables, checked.rejects, Path({db!r}))
"""


def test_sigkill_midway_leaves_database_as_before(tables: Tables, tmp_path: Path) -> None:
    db = tmp_path / "x.duckdb"
    _load(tables, db)
    before = _snapshot(db)
    script = KILLED_LOAD.format(tests=str(TESTS), db=str(db))
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "midway"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert _snapshot(db) == before
    assert _runs(db) == 1
    # the next run completes it (and the killed writer left no stale lock)
    _load({**tables, "quotes": tables["quotes"].head(1)}, db)
    assert run_sql(db, "select count(*) from quotes").item() == 1


# ---------------------------------------------------------------- one writer at a time

HOLD_LOCK = """
import time
from pathlib import Path
from etl.db import writer_lock
with writer_lock(Path({db!r})):
    print("locked", flush=True)
    while not Path({release!r}).exists():
        time.sleep(0.05)
"""

HOLD_DATABASE = """
import time
from pathlib import Path
import duckdb
con = duckdb.connect({db!r})
con.execute("begin transaction")
print("open", flush=True)
while not Path({release!r}).exists():
    time.sleep(0.05)
"""


def _hold(script: str, db: Path, release: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen(
        [sys.executable, "-c", script.format(db=str(db), release=str(release))],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    child.stdout.readline()
    return child


def test_second_writer_fails_at_once_naming_the_first(tables: Tables, tmp_path: Path) -> None:
    db, release = tmp_path / "x.duckdb", tmp_path / "release"
    child = _hold(HOLD_LOCK, db, release)
    try:
        with pytest.raises(WriterLocked, match=rf"pid {child.pid}\).*--wait"):
            _load(tables, db)
    finally:
        release.touch()
        child.wait()


def test_second_writer_waits_when_asked(tables: Tables, tmp_path: Path) -> None:
    db, release = tmp_path / "x.duckdb", tmp_path / "release"
    child = _hold(HOLD_LOCK, db, release)
    results: list[etl.load.LoadResult] = []
    writer = threading.Thread(target=lambda: results.append(_load(tables, db, wait=True)))
    writer.start()
    writer.join(timeout=0.5)
    assert writer.is_alive() and not results  # blocked behind the lock
    release.touch()
    child.wait()
    writer.join()
    assert results[0].counts["articles"] == 1


def test_readers_work_while_a_writer_holds_the_lock(tiny_db: Path, tmp_path: Path) -> None:
    release = tmp_path / "release"
    child = _hold(HOLD_LOCK, tiny_db, release)
    try:
        assert run_sql(tiny_db, "select count(*) from quotes").item() == 3
        assert all(check.ok for check in run_checks(tiny_db))
    finally:
        release.touch()
        child.wait()


def test_reader_gives_up_on_a_stuck_writer_naming_it(tiny_db: Path, tmp_path: Path) -> None:
    release = tmp_path / "release"
    child = _hold(HOLD_DATABASE, tiny_db, release)
    try:
        with pytest.raises(etl.db.DatabaseBusy, match=rf"pid {child.pid}"):
            connect_read_only(tiny_db, wait_seconds=0)
    finally:
        release.touch()
        child.wait()


def test_cli_load_refused_while_locked(tables: Tables, tmp_path: Path) -> None:
    folder, db, release = tmp_path / "t", tmp_path / "x.duckdb", tmp_path / "release"
    folder.mkdir()
    for name, frame in tables.items():
        frame.write_parquet(folder / f"{name}.parquet")
    child = _hold(HOLD_LOCK, db, release)
    try:
        result = CliRunner().invoke(app, ["load", str(folder), "--db", str(db)])
    finally:
        release.touch()
        child.wait()
    assert result.exit_code == 1
    assert f"pid {child.pid}" in result.stderr
    assert result.stderr.count("\n") == 1


# ---------------------------------------------------------------- schema versions


def _write_sql(db: Path, sql: str) -> None:
    con = duckdb.connect(str(db))
    try:
        con.execute(sql)
    finally:
        con.close()


def test_newer_database_is_refused(tiny_db: Path, tables: Tables) -> None:
    _write_sql(tiny_db, "insert into schema_version values (99, now()::timestamp, '9.9.9')")
    before = _snapshot(tiny_db)
    with pytest.raises(SchemaVersionError, match=r"schema version 99 is newer.*upgrade news-etl"):
        _load(tables, tiny_db)
    assert _snapshot(tiny_db) == before


def test_foreign_database_is_refused(tmp_path: Path, tables: Tables) -> None:
    db = tmp_path / "other.duckdb"
    _write_sql(db, "create table articles (id integer)")
    with pytest.raises(SchemaVersionError, match=r"no schema_version.*--db NEW\.duckdb"):
        _load(tables, db)


def test_older_database_without_migration_is_refused(
    tiny_db: Path, tables: Tables, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(etl.db, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setattr(etl.db, "migrations_dir", lambda: tmp_path / "no-migrations")
    with pytest.raises(SchemaVersionError, match=rf"cannot be migrated.*no v{SCHEMA_VERSION + 1}\.sql"):
        _load(tables, tiny_db)


def test_older_database_is_migrated_in_the_load(
    tiny_db: Path, tables: Tables, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = SCHEMA_VERSION + 1
    migrations = tmp_path / "migrations"
    migrations.mkdir()
    (migrations / f"v{target}.sql").write_text(
        "-- Articles gain a note column.\nalter table articles add column note varchar\n"
    )
    monkeypatch.setattr(etl.db, "SCHEMA_VERSION", target)
    monkeypatch.setattr(etl.load, "SCHEMA_VERSION", target)
    monkeypatch.setattr(etl.db, "migrations_dir", lambda: migrations)
    result = _load(tables, tiny_db)
    assert result.schema == "migrated"
    assert run_sql(tiny_db, "select max(version) from schema_version").item() == target
    assert "note" in run_sql(tiny_db, "select * from articles").columns


def test_cli_names_the_version_problem(tiny_db: Path, tables: Tables, tmp_path: Path) -> None:
    _write_sql(tiny_db, "insert into schema_version values (99, now()::timestamp, '9.9.9')")
    folder = tmp_path / "t"
    folder.mkdir()
    for name, frame in tables.items():
        frame.write_parquet(folder / f"{name}.parquet")
    result = CliRunner().invoke(app, ["load", str(folder), "--db", str(tiny_db)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {tiny_db}: schema version 99")
    assert result.stderr.count("\n") == 1


def test_loading_other_articles_keeps_the_first(tables: Tables, tmp_path: Path) -> None:
    from etl.articles import RawDoc
    from etl.parse import parse_docs

    db = tmp_path / "x.duckdb"
    _load(tables, db)
    other = parse_docs(
        [RawDoc(source="other.txt", text="Another title\n\nTEHRAN- Nothing happened today.\n")]
    )
    _load({"articles": other.tables["articles"]}, db)
    assert run_sql(db, "select count(*) from articles").item() == 2
    assert run_sql(db, "select count(*) from quotes").item() == 3
