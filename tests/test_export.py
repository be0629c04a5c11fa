"""``etl export``: every table round-trips through Parquet, CSV and JSONL with
the same rows; events come out as GDELT 2.0 event records."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import polars as pl
import pytest
from _report_db import PLAIN_ID, hand_db, hand_tables, parsed_example_db, write_db
from typer.testing import CliRunner

from etl.cli import app
from etl.db import DatabaseError
from etl.export import GDELT_COLUMNS, GDELT_FILE, ExportFormat, export_db

READERS = {
    ExportFormat.parquet: pl.read_parquet,
    ExportFormat.csv: lambda p: pl.read_csv(p, infer_schema=False),
    ExportFormat.jsonl: pl.read_ndjson,
}
TABLE_FORMATS = list(READERS)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return hand_db(tmp_path / "hand.duckdb")


def db_counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        names = [r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()]
        return {n: con.execute(f'select count(*) from "{n}"').fetchone()[0] for n in names}


def read_gdelt(path: Path) -> pl.DataFrame:
    return pl.read_csv(
        path,
        separator="\t",
        has_header=False,
        new_columns=list(GDELT_COLUMNS),
        infer_schema=False,
        quote_char=None,
    )


# ---------------------------------------------------------------- table formats


@pytest.mark.parametrize("fmt", TABLE_FORMATS)
def test_every_table_round_trips_with_the_same_row_count(db: Path, tmp_path: Path, fmt: ExportFormat) -> None:
    written = export_db(db, tmp_path / "out", fmt)
    reread = {w.table: READERS[fmt](w.path).height for w in written}
    assert reread == db_counts(db)


@pytest.mark.parametrize("fmt", TABLE_FORMATS)
def test_row_counts_reported_match_the_database(db: Path, tmp_path: Path, fmt: ExportFormat) -> None:
    assert {w.table: w.rows for w in export_db(db, tmp_path / "out", fmt)} == db_counts(db)


@pytest.mark.parametrize("fmt", TABLE_FORMATS)
def test_article_text_round_trips_exactly(db: Path, tmp_path: Path, fmt: ExportFormat) -> None:
    # texts hold line breaks, quotation marks, commas and markup
    export_db(db, tmp_path / "out", fmt)
    path = tmp_path / "out" / f"articles.{'jsonl' if fmt is ExportFormat.jsonl else fmt.value}"
    texts = sorted(READERS[fmt](path)["text"].to_list())
    assert texts == sorted(hand_tables()["articles"]["text"].to_list())


def test_parquet_keeps_list_columns(tmp_path: Path) -> None:
    tables = hand_tables(hostile=False)
    tables["participants"] = tables["participants"].with_columns(aliases=pl.lit(["Shamkhani", 'the "chief"']))
    db = write_db(tmp_path / "aliases.duckdb", tables, None)
    export_db(db, tmp_path / "out", ExportFormat.parquet)
    aliases = pl.read_parquet(tmp_path / "out" / "participants.parquet")["aliases"].to_list()
    assert aliases == [["Shamkhani", 'the "chief"']] * 3


def test_csv_writes_list_columns_as_json(tmp_path: Path) -> None:
    tables = hand_tables(hostile=False)
    tables["participants"] = tables["participants"].with_columns(aliases=pl.lit(["Shamkhani", "the, chief"]))
    db = write_db(tmp_path / "aliases.duckdb", tables, None)
    export_db(db, tmp_path / "out", ExportFormat.csv)
    cells = pl.read_csv(tmp_path / "out" / "participants.csv")["aliases"].to_list()
    assert [json.loads(c) for c in cells] == [["Shamkhani", "the, chief"]] * 3


@pytest.mark.parametrize("fmt", [*TABLE_FORMATS, ExportFormat.gdelt])
def test_same_database_same_files(db: Path, tmp_path: Path, fmt: ExportFormat) -> None:
    first = {w.path.name: w.path.read_bytes() for w in export_db(db, tmp_path / "a", fmt)}
    second = {w.path.name: w.path.read_bytes() for w in export_db(db, tmp_path / "b", fmt)}
    assert first == second


def test_export_leaves_the_database_untouched(db: Path, tmp_path: Path) -> None:
    before = db.read_bytes()
    export_db(db, tmp_path / "out", ExportFormat.csv)
    assert db.read_bytes() == before


def test_parsed_example_round_trips(tmp_path: Path) -> None:
    db = parsed_example_db(tmp_path / "example.duckdb")
    written = export_db(db, tmp_path / "out", ExportFormat.parquet)
    assert {w.table: pl.read_parquet(w.path).height for w in written} == db_counts(db)


def test_missing_database_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="no such database"):
        export_db(tmp_path / "nope.duckdb", tmp_path / "out", ExportFormat.csv)


# ---------------------------------------------------------------- GDELT


@pytest.fixture
def gdelt(db: Path, tmp_path: Path) -> pl.DataFrame:
    (written,) = export_db(db, tmp_path / "gdelt", ExportFormat.gdelt)
    assert written.path.name == GDELT_FILE
    return read_gdelt(written.path)


def gid(event_id: str) -> str:
    return str(int(hashlib.sha256(event_id.encode()).hexdigest()[:15], 16))


def test_gdelt_has_one_row_per_event_and_61_columns(gdelt: pl.DataFrame, db: Path) -> None:
    assert gdelt.width == 61
    assert gdelt.height == db_counts(db)["events"]


def test_gdelt_meeting_row(gdelt: pl.DataFrame) -> None:
    row = gdelt.filter(pl.col("GLOBALEVENTID") == gid(f"{PLAIN_ID}:e1")).row(0, named=True)
    picked = {k: row[k] for k in (
        "SQLDATE", "MonthYear", "Year", "Actor1Name", "Actor1CountryCode", "Actor2Name", "Actor2CountryCode",
        "IsRootEvent", "EventCode", "EventRootCode", "QuadClass", "GoldsteinScale", "ActionGeo_Type",
        "ActionGeo_FullName", "ActionGeo_CountryCode", "DATEADDED", "SOURCEURL",
    )}  # fmt: skip
    assert picked == {
        "SQLDATE": "20220715",
        "MonthYear": "202207",
        "Year": "2022",
        "Actor1Name": "ALI SHAMKHANI",
        "Actor1CountryCode": "IRN",
        "Actor2Name": "ILHAM ALIYEV",
        "Actor2CountryCode": "AZE",
        "IsRootEvent": "1",
        "EventCode": "040",
        "EventRootCode": "04",
        "QuadClass": "1",
        "GoldsteinScale": "1.0",
        "ActionGeo_Type": "4",
        "ActionGeo_FullName": "Baku, Azerbaijan",
        "ActionGeo_CountryCode": "AZE",
        "DATEADDED": "20220715213800",
        "SOURCEURL": "hand/plain.txt",
    }


@pytest.mark.parametrize(
    ("event", "field", "expected"),
    [
        ("e2", "IsRootEvent", "0"),  # reported after the lead paragraph
        ("e3", "SQLDATE", "20220722"),
        ("e4", "SQLDATE", "20220715"),  # undated: the publication date
        ("e4", "EventCode", "042"),
        ("e4", "GoldsteinScale", "1.9"),
        ("e4", "Actor2Name", None),  # a visit with one known actor
    ],
)
def test_gdelt_fields(gdelt: pl.DataFrame, event: str, field: str, expected: str | None) -> None:
    assert gdelt.filter(pl.col("GLOBALEVENTID") == gid(f"{PLAIN_ID}:{event}"))[field].item() == expected


@pytest.mark.parametrize(
    ("cameo", "roles", "actor1"),
    [
        ("042", ("host", "visitor"), "ILHAM ALIYEV"),  # p2 visits p1: the visitor acts
        ("043", ("host", "visitor"), "ALI SHAMKHANI"),  # p1 hosts: the host acts
        ("040", ("participant", "participant"), "ALI SHAMKHANI"),  # first mentioned
    ],
)
def test_gdelt_actor1_is_the_one_who_acts(
    tmp_path: Path, cameo: str, roles: tuple[str, str], actor1: str
) -> None:
    tables = hand_tables(hostile=False)
    e1 = f"{PLAIN_ID}:e1"
    tables["events"] = (
        tables["events"].filter(pl.col("event_id") == e1).with_columns(cameo_code=pl.lit(cameo))
    )
    tables["event_participants"] = pl.DataFrame(
        {"event_id": [e1, e1], "participant_id": [f"{PLAIN_ID}:p1", f"{PLAIN_ID}:p2"], "role": list(roles)}
    )
    db = write_db(tmp_path / "roles.duckdb", tables, None)
    (written,) = export_db(db, tmp_path / "out", ExportFormat.gdelt)
    assert read_gdelt(written.path)["Actor1Name"].item() == actor1


def test_gdelt_fields_never_hold_tabs_or_line_breaks(tmp_path: Path) -> None:
    tables = hand_tables(hostile=False)
    tables["participants"] = tables["participants"].with_columns(name=pl.lit("Ali\tShamkhani\nJr"))
    db = write_db(tmp_path / "tabs.duckdb", tables, None)
    (written,) = export_db(db, tmp_path / "out", ExportFormat.gdelt)
    lines = written.path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4
    assert all(line.count("\t") == 60 for line in lines)


# ---------------------------------------------------------------- CLI


@pytest.mark.parametrize("fmt", [f.value for f in ExportFormat])
def test_cli_export_prints_one_line_per_file(db: Path, tmp_path: Path, fmt: str) -> None:
    result = CliRunner().invoke(
        app, ["export", "--db", str(db), "--out", str(tmp_path / "o"), "--format", fmt]
    )
    assert result.exit_code == 0, result.output
    assert len(result.output.strip().splitlines()) == (1 if fmt == "gdelt" else len(db_counts(db)))


def test_cli_export_missing_database_exits_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["export", "--db", str(tmp_path / "nope.duckdb"), "--out", str(tmp_path)]
    )
    assert result.exit_code == 1
    assert "no such database" in result.output
