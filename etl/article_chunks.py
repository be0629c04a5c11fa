"""A tables folder read in chunks of whole articles, front to back, in bounded memory.

The validate stage's rules look at one article's rows at a time (its text,
its participants, events and quotes), except the global ones: an id repeated
anywhere, exact copies collapsed anywhere, and keys pointing at rows that
exist nowhere. :func:`article_chunks` cuts a folder into chunks such that
validating each chunk alone is exactly validating the whole folder:

* every row belongs to one article key: ``article_id`` (an event
  participation: the article prefix of its ``event_id``);
* a chunk holds a run of ``articles`` rows and, from each child table, the
  rows of those articles plus orphans (rows whose article exists nowhere),
  taken with a forward cursor: each file is read once, in order;
* every copy of an article id falls in one chunk (a chunk grows until no id
  in it occurs again later: a folder holding one article twice, far apart,
  validates in one large chunk), and so do all rows of one orphan key;
* every id and every reference (``event_id``, ``participant_id``,
  ``speaker_participant_id``) starts with the row's article key, so repeated
  ids, exact copies and every parent a row points at share its chunk.

The parse stage writes exactly such folders (rows in input order, a batch's
articles whole). A folder that breaks one of these conditions raises
:class:`NotGrouped` (possibly after some chunks were yielded): callers then
validate it whole, which is always exact. The only global state is the
folder's article ids (a compact sorted column for the orphan test) and the
few orphan keys seen.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polars as pl

from etl.records import TABLES, article_of

# Rows per Parquet read: the read-ahead beyond a chunk's end. 4,096 article
# texts are ~20 MB at news lengths; fewer rows means more reads (each one
# re-reads the row group it starts in).
READ_ROWS = 4_096

# id columns that must start with "<article key>:" (and be present) in every row
_TIED: dict[str, tuple[str, ...]] = {
    "articles": (),
    "participants": ("participant_id",),
    "events": ("event_id",),
    "event_participants": ("event_id", "participant_id"),
    "quotes": ("quote_id",),
}
# references that may be null, but otherwise must start with the article key
_TIED_OPTIONAL: dict[str, tuple[str, ...]] = {"quotes": ("speaker_participant_id",)}


class NotGrouped(ValueError):
    """The folder's rows are not grouped by article the way the parse stage writes them."""


def _key_column(table: str) -> str:
    return "event_id" if table == "event_participants" else "article_id"


def _prefix(column: str) -> pl.Expr:
    return pl.col(column).str.split(":").list.first()


def _article_key(table: str, frame: pl.DataFrame) -> pl.Series:
    return frame.select(article_of(table)).to_series()


class _Cursor:
    """The rows of one table (a file, or parts in order), handed out front to back."""

    def __init__(self, table: str, files: list[Path]) -> None:
        self.table = table
        self._files = files
        self._file = 0
        self._offset = 0  # next row of the current file to read
        self._buffer = pl.DataFrame(schema=pl.read_parquet_schema(files[0]))
        self._empty = self._buffer

    def _read(self) -> pl.DataFrame | None:
        # polars' own reader, as pl.read_parquet (same dtypes); a slice reads only
        # the row groups it covers, and keeps far less read-ahead than pyarrow's
        # iter_batches (articles: 123 MB peak against 219 MB in a probe)
        while self._file < len(self._files):
            batch = pl.scan_parquet(self._files[self._file]).slice(self._offset, READ_ROWS).collect()
            if batch.height:
                self._offset += batch.height
                return batch
            self._file, self._offset = self._file + 1, 0
        return None

    def has_rows(self) -> bool:
        while not self._buffer.height:
            batch = self._read()
            if batch is None:
                return False
            self._buffer = batch
        return True

    def _cut(self, n: int) -> pl.DataFrame:
        head = self._buffer.head(n)
        self._buffer = self._buffer.slice(n)
        return head

    def _joined(self, parts: list[pl.DataFrame]) -> pl.DataFrame:
        return pl.concat(parts) if parts else self._empty

    def take(self, n: int) -> pl.DataFrame:
        parts = []
        while n and self.has_rows():
            parts.append(self._cut(min(n, self._buffer.height)))
            n -= parts[-1].height
        return self._joined(parts)

    def take_while(self, chunk_keys: pl.Series, known: pl.Series, orphans: set[str]) -> pl.DataFrame:
        """Rows of the chunk's articles and orphans, up to the first row of another article.

        ``known`` is every article id of the folder, sorted; orphan keys met go into ``orphans``.
        """
        parts = []
        while self.has_rows():
            keys = _article_key(self.table, self._buffer)
            if keys.null_count():
                raise NotGrouped(f"{self.table}: a row without an article key")
            stop = self._buffer.height
            for i in (~keys.is_in(chunk_keys.implode())).arg_true().to_list():
                key = keys[i]
                at = known.search_sorted(key)
                if at < known.len() and known[at] == key:
                    stop = i
                    break
                orphans.add(key)
            parts.append(self._cut(stop))
            if self._buffer.height:
                break
        return self._joined(parts)


def _check_columns(files: dict[str, list[Path]]) -> None:
    for table, paths in files.items():
        needed = {_key_column(table), *_TIED[table], *_TIED_OPTIONAL.get(table, ())}
        for path in paths:
            schema = pl.read_parquet_schema(path)
            if any(schema.get(col) != pl.String for col in needed):
                raise NotGrouped(f"{path}: key columns missing or not strings")


def _chunk_ends(ids: pl.Series, size: int) -> list[int]:
    """Row ends of article chunks of about ``size`` rows; every copy of an id inside one chunk."""
    # reach[i]: the last row at or before which every id of rows 0..i has occurred for the last time
    reach = (
        pl.DataFrame({"id": ids})
        .with_row_index("i")
        .select(pl.col("i").max().over("id").cum_max())
        .to_series()
    )
    ends: list[int] = []
    start, n = 0, ids.len()
    while start < n:
        end = min(start + size, n)
        while reach[end - 1] + 1 > end:
            end = int(reach[end - 1]) + 1
        ends.append(end)
        start = end
    return ends


def _check_ids(chunk: dict[str, pl.DataFrame]) -> None:
    for table, frame in chunk.items():
        key = _article_key(table, frame)
        rows = frame.with_columns(key.alias("_key"))
        tied = [(_prefix(col) == pl.col("_key")).fill_null(False) for col in _TIED[table]]
        tied += [
            pl.col(col).is_null() | (_prefix(col) == pl.col("_key")).fill_null(False)
            for col in _TIED_OPTIONAL.get(table, ())
        ]
        if tied and not rows.select(pl.all_horizontal(tied).all()).item():
            raise NotGrouped(f"{table}: an id that does not start with its row's article id")


def article_chunks(files: dict[str, list[Path]], size: int) -> Iterator[dict[str, pl.DataFrame]]:
    """Every table of the folder in chunks of about ``size`` whole articles, in file order.

    ``files`` maps each table to its Parquet file(s), read in that order. At
    least one chunk is yielded. Raises :class:`NotGrouped` when the folder's
    rows cannot be cut this way without changing what validation finds.
    """
    if TABLES[0] != "articles":
        raise NotGrouped("articles must come first")
    _check_columns(files)
    ids = pl.concat([pl.read_parquet(p, columns=["article_id"]) for p in files["articles"]]).to_series()
    if ids.null_count():
        raise NotGrouped("articles: a row without an article id")
    ends = _chunk_ends(ids, size)
    known = ids.unique().sort()
    del ids
    cursors = {table: _Cursor(table, files[table]) for table in TABLES}
    seen_orphans: set[str] = set()
    start = 0
    for end in ends or [0]:
        articles = cursors["articles"].take(end - start)
        chunk_keys = articles.get_column("article_id").unique()
        orphans: set[str] = set()
        chunk = {"articles": articles}
        for table in TABLES[1:]:
            chunk[table] = cursors[table].take_while(chunk_keys, known, orphans)
        if orphans & seen_orphans:
            raise NotGrouped("rows of one missing article lie apart")
        seen_orphans |= orphans
        _check_ids(chunk)
        yield chunk
        start = end
    for table, cursor in cursors.items():
        if cursor.has_rows():
            raise NotGrouped(f"{table}: rows of an article lie apart from the article")
