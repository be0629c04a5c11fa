"""`etl sql`: read-only queries, writes refused with one line, output formats; SQL file style."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from etl.cli import app
from etl.db import DatabaseMissing, sql_dir, sql_files
from etl.reports import QueryError, ReadOnlyViolation, run_sql


def test_query_returns_rows(tiny_db: Path) -> None:
    frame = run_sql(tiny_db, "select participant_id from participants order by participant_id")
    assert frame.get_column("participant_id").to_list()[0].endswith(":p1")


def test_bound_parameters(tiny_db: Path) -> None:
    frame = run_sql(tiny_db, "select name from participants where country = $c order by name", {"c": "AZE"})
    assert frame.get_column("name").to_list() == ["Ilham Aliyev", "Ramil Usubov"]


@pytest.mark.parametrize(
    "query",
    [
        "insert into articles select * from articles",
        "update quotes set text = 'x'",
        "delete from participants",
        "drop table events",
        "create table extra (x integer)",
        "alter table quotes add column y integer",
        "copy quotes to '/tmp/etl-sql-test.csv'",
        "select * from read_csv('/etc/passwd')",
    ],
)
def test_writes_and_file_access_are_refused(tiny_db: Path, query: str) -> None:
    with pytest.raises(ReadOnlyViolation, match="read-only"):
        run_sql(tiny_db, query)
    assert run_sql(tiny_db, "select count(*) from quotes").item() == 3


def test_bad_query_names_the_database(tiny_db: Path) -> None:
    with pytest.raises(QueryError, match=rf"^{tiny_db}: .*no_such_table"):
        run_sql(tiny_db, "select * from no_such_table")


def test_missing_database(tmp_path: Path) -> None:
    with pytest.raises(DatabaseMissing, match="etl load"):
        run_sql(tmp_path / "none.duckdb", "select 1")
    assert not (tmp_path / "none.duckdb").exists()


def test_cli_write_refused_in_one_line(tiny_db: Path) -> None:
    result = CliRunner().invoke(app, ["sql", "delete from quotes", "--db", str(tiny_db)])
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"error: {tiny_db}: opened read-only, DELETE is refused; change data with `etl load`\n"
    )


QUERY = "select participant_id, aliases, mentions from participants order by participant_id"


def test_cli_csv(tiny_db: Path) -> None:
    result = CliRunner().invoke(app, ["sql", QUERY, "--db", str(tiny_db), "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "participant_id,aliases,mentions"
    assert lines[1].endswith(':p1,"[""Shamkhani"", ""the SNSC chief""]",3')


def test_cli_json(tiny_db: Path) -> None:
    result = CliRunner().invoke(app, ["sql", QUERY, "--db", str(tiny_db), "--format", "json"])
    rows = json.loads(result.stdout)
    assert rows[0]["aliases"] == ["Shamkhani", "the SNSC chief"]
    assert [r["mentions"] for r in rows] == [3, 2, 1]


def test_cli_parquet_to_file(tiny_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.parquet"
    args = ["sql", QUERY, "--db", str(tiny_db), "--format", "parquet", "--output", str(out)]
    assert CliRunner().invoke(app, args).exit_code == 0
    assert pl.read_parquet(out).height == 3


def test_cli_parquet_needs_output(tiny_db: Path) -> None:
    result = CliRunner().invoke(app, ["sql", QUERY, "--db", str(tiny_db), "--format", "parquet"])
    assert result.exit_code == 1
    assert "--output" in result.stderr


def test_cli_table(tiny_db: Path) -> None:
    result = CliRunner().invoke(app, ["sql", QUERY, "--db", str(tiny_db)])
    assert result.exit_code == 0
    assert "Ramil" not in result.stdout  # only the selected columns
    assert "3 rows" in result.stdout


SQL_FILES = [p for kind in ("ddl", "views", "reports", "checks") for p in sql_files(kind)]


@pytest.mark.parametrize("path", SQL_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_sql_file_style(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("-- "), "first line: a comment saying what the query answers"
    body = "\n".join(line for line in text.splitlines() if not line.startswith("--"))
    assert body == body.lower()
    assert ";" not in body, "one statement per file"
    if path.parent.name != "ddl":
        assert "select * from final" in body, "a chain of named CTEs ending in final"


def test_sql_dir_is_the_repository_sql_in_a_checkout() -> None:
    assert (sql_dir() / "reports").is_dir()
