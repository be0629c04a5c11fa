"""The DuckDB database: where its SQL lives, how to open it, its schema version and its writer lock.

- SQL files sit in ``sql/`` at the repository root; the wheel carries them as
  ``etl/sql`` (pyproject force-include), an editable install reads the root.
- Readers open the database read-only with file access switched off, so
  ``etl sql`` can neither change the database nor write files.
- One writer at a time: :func:`writer_lock` holds ``<db>.lock`` (an OS lock,
  released by the kernel even when the holder is killed) for a whole load or
  pipeline run; the database file itself is open for writing only during the
  load transaction, so readers wait at most that long (:data:`READ_WAIT_SECONDS`).
- The schema is versioned: a database at an older version is migrated by the
  files in ``sql/migrations`` (``v<N>.sql`` upgrades N-1 to N) inside the
  load's transaction, or refused with what to run; a newer or foreign one is
  refused. Never silently mixed.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import importlib.resources
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from etl import __version__

SCHEMA_VERSION = 1

# A reader that finds the file held by a load transaction retries this long:
# loads of the bench corpus (20,000 articles) commit in a few seconds, so 30 s
# keeps `etl report` working during a load without hanging forever on a stuck one.
READ_WAIT_SECONDS = 30.0
# DuckDB's own cap for a writing connection. DuckDB fills its buffer pool up to
# the cap before it spills, so the cap, not the corpus, sets the load's peak:
# loading 20,000 and 100,000 bench articles from Parquet peaked at 433 and
# 722 MB under 512MB, at 311 and 337 MB under 128MB, in the same time (15 s).
WRITER_MEMORY_LIMIT = "128MB"
READ_RETRY_STEP = 0.1

_DUCKDB_LOCK = "Could not set lock"
_PID = re.compile(r"\(PID (\d+)\)")


class DatabaseError(Exception):
    """Base of the database errors; the message is one line naming the file and what to do."""


class DatabaseMissing(DatabaseError):
    pass


class DatabaseBusy(DatabaseError):
    pass


class WriterLocked(DatabaseError):
    pass


class SchemaVersionError(DatabaseError):
    pass


def sql_dir() -> Path:
    """``etl/sql`` inside an installed wheel, else the repository's ``sql/``."""
    packaged = importlib.resources.files("etl") / "sql"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[1] / "sql"


def sql_files(kind: str) -> list[Path]:
    """The ``*.sql`` files of one folder of ``sql/`` (ddl, views, reports, checks), sorted by name."""
    folder = sql_dir() / kind
    return sorted(folder.glob("*.sql")) if folder.is_dir() else []


def header(path: Path) -> str:
    """The one-line ``-- `` comment that opens every SQL file: the question it answers."""
    first = path.read_text(encoding="utf-8").lstrip().splitlines()[0] if path.stat().st_size else ""
    return first.removeprefix("--").strip()


# ---------------------------------------------------------------- connections


def connect_read_only(db: Path, wait_seconds: float = READ_WAIT_SECONDS) -> duckdb.DuckDBPyConnection:
    """A read-only connection that can neither write the database nor touch other files."""
    db = Path(db)
    if not db.is_file():
        raise DatabaseMissing(f"{db}: no such database; run `etl load DIR --db {db}` first")
    config: dict[str, str | bool | int | float | list[str]] = {
        "enable_external_access": False,
        "lock_configuration": True,
    }
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            return duckdb.connect(str(db), read_only=True, config=config)
        except duckdb.IOException as exc:
            if _DUCKDB_LOCK not in str(exc):
                raise DatabaseError(f"{db}: cannot open ({str(exc).splitlines()[0]})") from exc
            if time.monotonic() >= deadline:
                pid = _PID.search(str(exc))
                who = f"pid {pid.group(1)}" if pid else "another process"
                raise DatabaseBusy(
                    f"{db}: still being written by {who} after {wait_seconds:.0f} s; "
                    "try again when it finishes"
                ) from exc
            time.sleep(READ_RETRY_STEP)


def connect_writer(db: Path) -> duckdb.DuckDBPyConnection:
    db = Path(db)
    db.parent.mkdir(parents=True, exist_ok=True)
    try:
        # DuckDB spills past this instead of taking most of the machine: a load
        # of 100,000 articles then stays within the bench's memory target
        return duckdb.connect(str(db), config={"memory_limit": WRITER_MEMORY_LIMIT})
    except duckdb.IOException as exc:
        raise DatabaseBusy(f"{db}: cannot open for writing ({str(exc).splitlines()[0]})") from exc


# ---------------------------------------------------------------- writer lock

_held: dict[Path, int] = {}


def lock_path(db: Path) -> Path:
    return Path(db).with_name(Path(db).name + ".lock")


def _holder(path: Path) -> str:
    try:
        pid = path.read_text(encoding="utf-8").strip()
    except OSError:
        pid = ""
    return f"pid {pid}" if pid else "another process"


@contextmanager
def writer_lock(db: Path, wait: bool = False) -> Iterator[None]:
    """Hold the database's single-writer lock; re-entrant within one process.

    Without ``wait``, a second writer fails at once naming the holder's pid.
    """
    key = Path(db).resolve()
    if key in _held:
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    path = lock_path(key)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise WriterLocked(
                f"{db}: another etl process ({_holder(path)}) is writing it; wait for it or pass --wait"
            ) from exc
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        _held[key] = 1
        try:
            yield
        finally:
            del _held[key]
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # closing the descriptor releases the flock


# ---------------------------------------------------------------- schema


def ident(name: str) -> str:
    """``name`` as a quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def base_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables (not views) of the main schema, by name."""
    rows = con.execute(
        "select table_name from information_schema.tables "
        "where table_schema = 'main' and table_type = 'BASE TABLE' order by table_name"
    ).fetchall()
    return [r[0] for r in rows]


def row_count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    row = con.execute(f"select count(*) from {ident(table)}").fetchone()
    return int(row[0]) if row else 0


def schema_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The database's schema version; 0 for an empty database, None for one news-etl did not write."""
    tables = base_tables(con)
    if not tables:
        return 0
    if "schema_version" not in tables:
        return None
    rows = con.execute("select max(version) from schema_version").fetchall()
    return int(rows[0][0]) if rows and rows[0][0] is not None else None


def migrations_dir() -> Path:
    return sql_dir() / "migrations"


def _record_version(con: duckdb.DuckDBPyConnection, version: int) -> None:
    con.execute(
        "insert into schema_version (version, applied_at, package_version) values ($v, $at, $pkg)",
        {"v": version, "at": dt.datetime.now(dt.UTC).replace(tzinfo=None), "pkg": __version__},
    )


def ensure_schema(con: duckdb.DuckDBPyConnection, db: Path) -> str:
    """Create, migrate or accept the schema inside the caller's transaction; refuse what cannot be mixed.

    Returns what was done: ``created``, ``migrated`` or ``current``.
    """
    version = schema_version(con)
    rebuild = "load into a new file instead (`etl load DIR --db NEW.duckdb`) and rebuild from the inputs"
    if version is None:
        raise SchemaVersionError(
            f"{db}: holds tables but no schema_version, so news-etl did not write it; {rebuild}"
        )
    if version == 0:
        for path in sql_files("ddl"):
            con.execute(path.read_text(encoding="utf-8"))
        _record_version(con, SCHEMA_VERSION)
        return "created"
    if version == SCHEMA_VERSION:
        return "current"
    if version > SCHEMA_VERSION:
        raise SchemaVersionError(
            f"{db}: schema version {version} is newer than this news-etl {__version__} knows "
            f"({SCHEMA_VERSION}); upgrade news-etl (`pip install -U news-etl`)"
        )
    steps = [migrations_dir() / f"v{n}.sql" for n in range(version + 1, SCHEMA_VERSION + 1)]
    missing = [p.name for p in steps if not p.is_file()]
    if missing:
        raise SchemaVersionError(
            f"{db}: schema version {version} cannot be migrated to {SCHEMA_VERSION} "
            f"(no {', '.join(missing)}); {rebuild}"
        )
    for n, path in enumerate(steps, start=version + 1):
        con.execute(path.read_text(encoding="utf-8"))
        _record_version(con, n)
    return "migrated"


def require_current(con: duckdb.DuckDBPyConnection, db: Path) -> None:
    """Readers whose SQL depends on the schema (reports, checks) refuse another version."""
    version = schema_version(con)
    if version == SCHEMA_VERSION:
        return
    if version is None or version == 0:
        raise SchemaVersionError(f"{db}: not a news-etl database; run `etl load DIR --db {db}` to build one")
    action = "run `etl load DIR --db FILE` to migrate it" if version < SCHEMA_VERSION else "upgrade news-etl"
    raise SchemaVersionError(
        f"{db}: schema version {version}, this news-etl needs {SCHEMA_VERSION}; {action}"
    )


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create every view of ``sql/views``: the view is named after its file."""
    for path in sql_files("views"):
        con.execute(f"create or replace view {path.stem} as\n{path.read_text(encoding='utf-8')}")
