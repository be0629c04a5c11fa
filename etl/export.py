"""Every table of a database out to files other tools read, through DuckDB COPY.

Formats:

- ``parquet``: one ``<table>.parquet`` per table, types kept (lists stay lists).
- ``csv``: one ``<table>.csv`` per table with a header; list and struct
  columns (``participants.aliases``) are written as JSON text, so a CSV
  reader gets ``["Shamkhani", "the SNSC chief"]`` rather than DuckDB's
  ``[Shamkhani, the SNSC chief]``, which cannot be parsed back.
- ``jsonl``: one ``<table>.jsonl`` per table, one JSON object per line.
- ``gdelt``: ``events.export.CSV``, the events as GDELT 2.0 event records
  (tab-separated, no header, the 61 columns of the GDELT event codebook in
  order; :data:`GDELT_COLUMNS` names them), so GDELT readers load them as
  they load ``YYYYMMDDHHMMSS.export.CSV`` files. Differences from GDELT,
  on purpose: country codes everywhere are ISO 3166-1 alpha-3 (what the
  contract stores; GDELT's actor codes are CAMEO's, which are alpha-3 for
  states, but its ``*Geo_CountryCode`` fields are FIPS 10-4, for which no
  maintained table is available offline); ``GLOBALEVENTID`` is the first
  15 hex digits of sha256(``event_id``) read as an integer, stable across
  runs; ``SQLDATE`` is the event date, else the publication date;
  ``DATEADDED`` is the publication time; tone, geo coordinates and actor
  type codes are empty because nothing extracts them.

Every base table is written (``runs``, ``rejects`` and ``schema_version``
included); views are derived from the tables and left out. The database is
opened read-only; rows are written in a fixed order (``order by all``), so
the same database gives the same files.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl
import pycountry

from etl.db import DatabaseError, DatabaseMissing, base_tables, ident, row_count, sql_dir

GDELT_SQL = sql_dir() / "exports" / "gdelt_events.sql"
GDELT_FILE = "events.export.CSV"

# The GDELT 2.0 event table, in file order (GDELT Event Codebook V2.0).
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

# Goldstein scale (-10 conflict .. +10 cooperation) of the CAMEO codes the
# contract uses, from GDELT's CAMEO Goldstein lookup table; a code missing here
# leaves the field empty rather than guessed.
GOLDSTEIN: dict[str, float] = {
    "040": 1.0,  # consult
    "041": 1.0,  # discuss by telephone
    "042": 1.9,  # make a visit
    "043": 2.8,  # host a visit
    "044": 2.5,  # meet at a third location
    "057": 8.0,  # sign formal agreement
}


class ExportFormat(enum.StrEnum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"
    gdelt = "gdelt"


_COPY_OPTIONS = {
    ExportFormat.parquet: ("parquet", "format parquet"),
    ExportFormat.csv: ("csv", "format csv, header true"),
    ExportFormat.jsonl: ("jsonl", "format json"),
}


class ExportError(DatabaseError):
    """The database cannot be exported as asked (missing file or table)."""


@dataclass(frozen=True, slots=True)
class Exported:
    table: str
    path: Path
    rows: int


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _select(con: duckdb.DuckDBPyConnection, table: str, nested_as_json: bool) -> str:
    """``select`` of every column of ``table`` in a fixed row order."""
    cols = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = 'main' and table_name = ? order by ordinal_position",
        [table],
    ).fetchall()
    exprs = []
    for name, dtype in cols:
        nested = dtype.endswith("]") or dtype.startswith(("STRUCT", "MAP", "UNION"))
        exprs.append(f"to_json({ident(name)}) as {ident(name)}" if nested and nested_as_json else ident(name))
    return f"select {', '.join(exprs)} from {ident(table)} order by all"


def _export_tables(con: duckdb.DuckDBPyConnection, out: Path, fmt: ExportFormat) -> list[Exported]:
    suffix, options = _COPY_OPTIONS[fmt]
    done = []
    for table in base_tables(con):
        path = out / f"{table}.{suffix}"
        query = _select(con, table, nested_as_json=fmt is ExportFormat.csv)
        con.execute(f"copy ({query}) to {_literal(path)} ({options})")
        done.append(Exported(table, path, row_count(con, table)))
    return done


def _export_gdelt(con: duckdb.DuckDBPyConnection, out: Path) -> list[Exported]:
    missing = {"articles", "events", "event_participants", "participants"} - set(base_tables(con))
    if missing:
        raise ExportError(
            f"no table {', '.join(sorted(missing))}: the GDELT export needs the events and their actors"
        )
    con.register(
        "gdelt_goldstein",
        pl.DataFrame({"cameo_code": list(GOLDSTEIN), "goldstein": list(GOLDSTEIN.values())}),
    )
    names = {c.alpha_3: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    con.register("gdelt_country_names", pl.DataFrame({"code": list(names), "name": list(names.values())}))
    path = out / GDELT_FILE
    query = GDELT_SQL.read_text(encoding="utf-8")
    # GDELT files are bare tab-separated fields: no header, no quoting (the
    # query replaces tabs and line breaks inside text fields by spaces)
    con.execute(f"copy ({query}) to {_literal(path)} (format csv, delimiter '\t', header false, quote '')")
    return [Exported("events", path, row_count(con, "events"))]


def export_db(db: Path, out: Path, fmt: ExportFormat) -> list[Exported]:
    """Write the tables of ``db`` into folder ``out`` in format ``fmt``; return what was written."""
    if not db.is_file():
        raise DatabaseMissing(f"{db}: no such database; run `etl pipeline` or `etl load` first")
    out.mkdir(parents=True, exist_ok=True)
    try:
        # not etl.db.connect_read_only: that one switches file access off, and COPY writes files
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.IOException as exc:
        raise ExportError(f"{db}: cannot open ({str(exc).splitlines()[0]})") from exc
    with con:
        if fmt is ExportFormat.gdelt:
            return _export_gdelt(con, out)
        return _export_tables(con, out, fmt)
