"""Named SQL on a read-only connection: ad-hoc queries, reports and data-quality checks.

- :func:`run_sql` runs any query read-only; a write is refused with one line.
- :func:`run_report` runs ``sql/reports/<name>.sql``. Names are looked up
  among the files of that folder only, never joined into a path, so
  ``../x`` or ``/etc/passwd`` is just an unknown name. ``$name`` markers in a
  report are bound parameters that the caller must supply.
- :func:`run_checks` runs every ``sql/checks/*.sql``; each must return zero
  rows (orphans, duplicate ids, spans, relationships).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
import polars as pl

from etl.db import DatabaseError, connect_read_only, header, require_current, sql_files

_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")
_READ_ONLY = "read-only mode"
_STATEMENT = re.compile(r'statement of type "(\w+)"')
# rows of a failing check kept to show which rows break it
CHECK_SAMPLE_ROWS = 5


class QueryError(DatabaseError):
    pass


class ReadOnlyViolation(QueryError):
    pass


class UnknownReport(QueryError):
    pass


class MissingParameter(QueryError):
    pass


@dataclass(frozen=True, slots=True)
class NamedQuery:
    name: str
    question: str
    params: tuple[str, ...]
    path: Path

    @classmethod
    def from_file(cls, path: Path) -> NamedQuery:
        text = path.read_text(encoding="utf-8")
        body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--"))
        params = tuple(dict.fromkeys(_PARAM.findall(body)))
        return cls(path.stem, header(path), params, path)


@dataclass(frozen=True, slots=True)
class CheckResult:
    name: str
    question: str
    failing_rows: int
    sample: pl.DataFrame

    @property
    def ok(self) -> bool:
        return self.failing_rows == 0


def _execute(
    con: duckdb.DuckDBPyConnection, db: Path, query: str, params: dict[str, str] | None
) -> pl.DataFrame:
    try:
        relation = con.sql(query, params=params or None)
    except duckdb.InvalidInputException as exc:
        message = str(exc)
        if _READ_ONLY in message:
            kind = _STATEMENT.search(message)
            what = kind.group(1) if kind else "a write"
            raise ReadOnlyViolation(
                f"{db}: opened read-only, {what} is refused; change data with `etl load`"
            ) from exc
        raise QueryError(f"{db}: {message.splitlines()[0]}") from exc
    except duckdb.PermissionException as exc:
        raise ReadOnlyViolation(
            f"{db}: opened read-only, file access is refused ({str(exc).splitlines()[0]})"
        ) from exc
    except duckdb.Error as exc:
        raise QueryError(f"{db}: {str(exc).splitlines()[0]}") from exc
    return relation.pl() if relation is not None else pl.DataFrame()


def run_sql(db: Path, query: str, params: dict[str, str] | None = None) -> pl.DataFrame:
    """Any query on a read-only connection; the result as a DataFrame."""
    con = connect_read_only(Path(db))
    try:
        return _execute(con, Path(db), query, params)
    finally:
        con.close()


def list_reports() -> list[NamedQuery]:
    return [NamedQuery.from_file(p) for p in sql_files("reports")]


def list_checks() -> list[NamedQuery]:
    return [NamedQuery.from_file(p) for p in sql_files("checks")]


def find_report(name: str) -> NamedQuery:
    reports = {r.name: r for r in list_reports()}
    if name not in reports:
        raise UnknownReport(f"no report named {name!r}; reports: {', '.join(sorted(reports))}")
    return reports[name]


def run_report(db: Path, name: str, params: dict[str, str] | None = None) -> pl.DataFrame:
    """Run ``sql/reports/<name>.sql`` with its bound parameters."""
    report = find_report(name)
    given = params or {}
    missing = [p for p in report.params if p not in given]
    if missing:
        flags = " ".join(f"--param {p}=VALUE" for p in missing)
        raise MissingParameter(f"report {name} needs {flags}")
    unknown = sorted(set(given) - set(report.params))
    if unknown:
        raise MissingParameter(f"report {name} takes no parameter {', '.join(unknown)}")
    con = connect_read_only(Path(db))
    try:
        require_current(con, Path(db))
        return _execute(con, Path(db), report.path.read_text(encoding="utf-8"), given)
    finally:
        con.close()


def run_checks(db: Path) -> list[CheckResult]:
    """Every data-quality check of ``sql/checks``; a check holds when its query returns no rows."""
    con = connect_read_only(Path(db))
    results: list[CheckResult] = []
    try:
        require_current(con, Path(db))
        for check in list_checks():
            rows = _execute(con, Path(db), check.path.read_text(encoding="utf-8"), None)
            results.append(CheckResult(check.name, check.question, rows.height, rows.head(CHECK_SAMPLE_ROWS)))
    finally:
        con.close()
    return results
