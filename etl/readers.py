"""Input sources -> raw documents. All file I/O of the parse stage lives here.

A reader turns one open binary file into a stream of items:

- :class:`etl.articles.RawDoc` for every document it can read;
- :class:`HtmlPage` for a web page, turned into a ``RawDoc`` by
  :func:`html_to_doc` later, in a worker, because main-text extraction is the
  costly part of reading HTML;
- :class:`ReadFailure` (source and one-line reason) for every file or record
  that cannot be read: nothing is dropped silently;
- :class:`Skipped` for a WARC record that is no article (not HTML, not
  HTTP 200): counted, not rejected.

Formats come from the file name (``.txt``, ``.jsonl``, ``.json``, ``.csv``,
``.parquet``, ``.html``/``.htm``, ``.warc``; any of them ``.gz``) or from a
forced ``format``; ``-`` is JSONL on standard input.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import glob
import gzip
import io
import json
import stat
import sys
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from charset_normalizer import from_bytes

from etl.articles import RawDoc

STDIN = "-"
FORMATS = ("txt", "jsonl", "json", "csv", "parquet", "html", "warc")
SUFFIX_FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".parquet": "parquet",
    ".html": "html",
    ".htm": "html",
    ".warc": "warc",
}

# Largest text accepted as one article. News articles run under 100 KB (the
# longest PolNeAR text is 90 KB); 5 MB is 50 times that, so anything bigger
# is a dump, a log or a book, and would stall a worker for minutes.
MAX_TEXT_SIZE = 5_000_000
# Web pages carry scripts and styles around the text: a 2022 news page
# weighs 0.5-3 MB, so a page is refused only beyond this.
MAX_HTML_SIZE = 20_000_000
# A NUL byte in the first block marks a binary file (the test git uses).
BINARY_PROBE = 8192
# Guesses of charset-normalizer that turn garbage into "text" (seen on random
# bytes): UTF-16/32 without a BOM and EBCDIC code pages. Real news files in
# these encodings carry a BOM (handled before guessing) or do not exist.
IMPLAUSIBLE_ENCODINGS = frozenset(
    {"utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be", "cp037", "cp273", "cp500"}
    | {"cp875", "cp1026", "cp1140"}
)
# English news that is not UTF-8 is almost always Windows-1252, but on short
# texts charset-normalizer ranks Baltic or Central-European code pages first
# for the same bytes (seen: "déjà" read as "déją"). cp1252 is taken when its
# chaos score is within this margin of the best guess.
CP1252_CHAOS_MARGIN = 0.1
# Shortest main text accepted from a web page: trafilatura falls back to any
# text it finds, so a page without an article yields a menu ("Home") or a
# caption. The shortest PolNeAR article has 152 characters.
MIN_HTML_TEXT = 100
# Default column names per field, in priority order, for tables and JSON records.
TEXT_COLUMNS = ("text", "body", "content", "article_text", "full_text", "maintext", "story")
TITLE_COLUMNS = ("title", "headline", "head", "name")
DATE_COLUMNS = (
    "published",
    "published_at",
    "date",
    "pubdate",
    "publish_date",
    "date_published",
    "date_publish",
    "datetime",
    "timestamp",
)
SOURCE_COLUMNS = ("doc_id", "source", "url", "link", "id")
PUBLISHER_COLUMNS = ("publisher", "source_name", "site_name", "sitename", "outlet", "domain")
URL_COLUMNS = ("url", "link", "uri")
# Formats picked up when scanning a folder. A .json file in a folder is more
# often metadata than articles (the seed folder's expected.json): JSON arrays
# are read when named, matched by a glob, or with a forced format.
FOLDER_FORMATS = frozenset(set(FORMATS) - {"json"})
WARC_MAGIC = b"WARC/"
GZIP_MAGIC = b"\x1f\x8b"
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """A file or record that could not be read: where, and why, in one line."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record that is no article (WARC request, non-HTML, non-200): counted by reason."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True)
class HtmlPage:
    source: str
    html: bytes
    url: str | None = None


Item = RawDoc | HtmlPage | ReadFailure | Skipped


@dataclass(frozen=True, slots=True)
class Columns:
    """Which record fields hold the text, title and date (None: guess from common names)."""

    text: str | None = None
    title: str | None = None
    date: str | None = None


def input_format(path: Path) -> str | None:
    """Format of a file from its name (``a.jsonl.gz`` -> ``jsonl``), None when unknown."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return SUFFIX_FORMATS.get(suffixes[-1]) if suffixes else None


def expand_inputs(inputs: Iterable[str], fmt: str | None = None) -> list[Path]:
    """Files, folders (recursive) and globs -> the input files, sorted, each once.

    In a folder, only files of a format in :data:`FOLDER_FORMATS` are taken
    (so ``.ann`` files beside articles are left alone), or every file when
    ``fmt`` is forced.
    ``-`` (standard input) is kept, first.
    """
    found: set[Path] = set()
    stdin = False
    for item in inputs:
        if item == STDIN:
            stdin = True
            continue
        matches = glob.glob(item, recursive=True) if any(c in item for c in "*?[") else []
        # a pattern that matches nothing stays as a path, so that it is reported as missing
        paths = [Path(p) for p in matches] or [Path(item)]
        for p in paths:
            if p.is_dir():
                found.update(
                    f
                    for f in p.rglob("*")
                    if f.is_file()
                    and not f.name.startswith(".")
                    and (fmt or input_format(f) in FOLDER_FORMATS)
                )
            else:
                found.add(p)
    return ([Path(STDIN)] if stdin else []) + sorted(found, key=_path_order)


def _path_order(path: Path) -> tuple[str, ...]:
    """The order of ``sorted(paths)``, component by component, computed once per path: comparing
    Path objects rebuilds their parts at every comparison (about a minute for a million files)."""
    return path.parts


def decode_text(data: bytes) -> str | None:
    """Bytes -> text: UTF-8, else a BOM's encoding, else charset-normalizer's plausible guess."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    matches = from_bytes(data)
    best = matches.best()
    if best is None or best.encoding in IMPLAUSIBLE_ENCODINGS:
        return None
    western = next((m for m in matches if m.encoding == "cp1252"), None)
    if western is not None and western.chaos <= best.chaos + CP1252_CHAOS_MARGIN:
        return str(western)
    return str(best)


def _bytes_problem(data: bytes, limit: int) -> str | None:
    """Why a file's bytes cannot be an article, or None."""
    if len(data) > limit:
        return f"over the {limit:,}-byte limit for one article"
    if not data.strip():
        return "empty file"
    head = data[:BINARY_PROBE]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "binary file (NUL bytes), not text"
    return None


def _read_txt(fh: IO[bytes], source: str) -> Iterator[Item]:
    """The whole file is one article; ``source`` is its path (the PolNeAR scorer pairs by it)."""
    data = fh.read(MAX_TEXT_SIZE + 1)
    problem = _bytes_problem(data, MAX_TEXT_SIZE)
    if problem:
        yield ReadFailure(source, problem)
        return
    text = decode_text(data)
    if text is None:
        yield ReadFailure(source, "not valid UTF-8, and no other encoding fits (charset-normalizer)")
        return
    # offsets index the decoded text as is: \r\n stays (as open(newline="") reads it)
    yield RawDoc(source=source, text=text)


def _pick(keys: Iterable[str], wanted: str | None, defaults: tuple[str, ...]) -> str | None:
    """The column for a field: the one asked for, else the first default present (case-insensitive)."""
    by_lower = {k.lower(): k for k in keys}
    if wanted is not None:
        return by_lower.get(wanted.lower())
    return next((by_lower[d] for d in defaults if d in by_lower), None)


def _date_value(value: Any) -> str | dt.datetime | dt.date | None:
    if isinstance(value, str):
        return value.strip() or None
    return value if isinstance(value, dt.datetime | dt.date) else None


def _str_value(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def record_to_doc(rec: Mapping[str, Any], where: str, cols: Columns) -> RawDoc | ReadFailure:
    """One record (JSON object, CSV row, Parquet row) -> a raw document, or why not."""
    keys = list(rec.keys())
    text_key = _pick(keys, cols.text, TEXT_COLUMNS)
    if text_key is None:
        wanted = cols.text or " / ".join(TEXT_COLUMNS[:3])
        return ReadFailure(where, f"record has no text field ({wanted})")
    text = rec[text_key]
    if not isinstance(text, str):
        return ReadFailure(where, f"field {text_key!r} is not a string")
    if not text.strip():
        return ReadFailure(where, "empty text")
    if len(text) > MAX_TEXT_SIZE:
        return ReadFailure(where, f"text over the {MAX_TEXT_SIZE:,}-character limit for one article")
    title_key = _pick(keys, cols.title, TITLE_COLUMNS)
    date_key = _pick(keys, cols.date, DATE_COLUMNS)
    url_key = _pick(keys, None, URL_COLUMNS)
    source_key = next(
        (k for k in (_pick(keys, None, (c,)) for c in SOURCE_COLUMNS) if k and rec.get(k)), None
    )
    publisher_key = _pick(keys, None, PUBLISHER_COLUMNS)
    return RawDoc(
        source=_str_value(rec[source_key]) or where if source_key else where,
        text=text,
        title=_str_value(rec.get(title_key)) if title_key else None,
        published=_date_value(rec.get(date_key)) if date_key else None,
        publisher=_str_value(rec.get(publisher_key)) if publisher_key else None,
        url=_str_value(rec.get(url_key)) if url_key else None,
    )


def _read_jsonl(fh: IO[bytes], source: str, cols: Columns = Columns()) -> Iterator[Item]:
    """One JSON object per line; a bad line is rejected on its own (``path:line``)."""
    for lineno, raw in enumerate(fh, start=1):
        if not raw.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            rec = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield ReadFailure(where, f"line is not valid UTF-8 ({exc.reason} at byte {exc.start})")
            continue
        except json.JSONDecodeError as exc:
            yield ReadFailure(where, f"malformed JSON line ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(rec, dict):
            yield ReadFailure(where, "JSON line is not an object")
            continue
        yield record_to_doc(rec, where, cols)


def _read_json(fh: IO[bytes], source: str, cols: Columns = Columns()) -> Iterator[Item]:
    """A JSON array of article objects (or one object)."""
    data = fh.read()
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        yield ReadFailure(source, f"not valid UTF-8 ({exc.reason} at byte {exc.start})")
        return
    except json.JSONDecodeError as exc:
        yield ReadFailure(source, f"malformed JSON ({exc.msg} at line {exc.lineno} column {exc.colno})")
        return
    records = value if isinstance(value, list) else [value]
    for n, rec in enumerate(records):
        where = f"{source}[{n}]"
        if isinstance(rec, dict):
            yield record_to_doc(rec, where, cols)
        else:
            yield ReadFailure(where, "array item is not an object")


def _read_csv(fh: IO[bytes], source: str, cols: Columns = Columns()) -> Iterator[Item]:
    """A CSV table with a header row; one article per row (``path:row``)."""
    # articles are long: the csv module's default 128 KB field limit would reject some
    csv.field_size_limit(MAX_TEXT_SIZE + 1)
    # utf-8-sig: spreadsheet exports often start with a BOM, which would rename the first column
    stream = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
    reader = csv.DictReader(stream)
    try:
        header = reader.fieldnames or []
        if _pick(header, cols.text, TEXT_COLUMNS) is None:
            wanted = cols.text or " / ".join(TEXT_COLUMNS)
            yield ReadFailure(source, f"no text column ({wanted}) among: {', '.join(header) or 'none'}")
            return
        for n, row in enumerate(reader, start=1):
            yield record_to_doc(row, f"{source}:{n}", cols)
    except UnicodeDecodeError as exc:
        yield ReadFailure(source, f"not valid UTF-8 after row {reader.line_num} ({exc.reason})")
    except csv.Error as exc:
        yield ReadFailure(f"{source}:{reader.line_num}", f"malformed CSV ({exc})")
    finally:
        stream.detach()


def _read_parquet(fh: IO[bytes], source: str, cols: Columns = Columns()) -> Iterator[Item]:
    """A Parquet table with a text column, read in record batches (``path:row``)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(fh)
    except (pa.ArrowInvalid, OSError) as exc:
        yield ReadFailure(source, f"not a readable Parquet file ({exc})")
        return
    names = pf.schema_arrow.names
    if _pick(names, cols.text, TEXT_COLUMNS) is None:
        wanted = cols.text or " / ".join(TEXT_COLUMNS)
        yield ReadFailure(source, f"no text column ({wanted}) among: {', '.join(names)}")
        return
    n = 0
    for batch in pf.iter_batches(batch_size=1000):
        for rec in batch.to_pylist():
            yield record_to_doc(rec, f"{source}:{n}", cols)
            n += 1


def _read_html(fh: IO[bytes], source: str) -> Iterator[Item]:
    data = fh.read(MAX_HTML_SIZE + 1)
    problem = _bytes_problem(data, MAX_HTML_SIZE)
    if problem:
        yield ReadFailure(source, problem)
        return
    yield HtmlPage(source=source, html=data)


def _read_warc(fh: IO[bytes], source: str) -> Iterator[Item]:
    """Every HTML response with status 200 is a page with its URL as source; others are skipped."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    head = fh.read(len(WARC_MAGIC) + 2)
    fh.seek(0)
    if not (head.startswith(WARC_MAGIC) or head.startswith(GZIP_MAGIC)):
        yield ReadFailure(source, "not a WARC file (no WARC/ header)")
        return
    try:
        for record in ArchiveIterator(fh):
            if record.rec_type not in ("response", "resource"):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or source
            http = record.http_headers
            if http is not None and http.get_statuscode() != "200":
                yield Skipped(url, "non-200")
                continue
            ctype = (http.get_header("Content-Type") if http is not None else None) or (
                record.rec_headers.get_header("Content-Type") or ""
            )
            if not any(t in ctype.lower() for t in HTML_TYPES):
                yield Skipped(url, "non-HTML")
                continue
            data = record.content_stream().read(MAX_HTML_SIZE + 1)
            problem = _bytes_problem(data, MAX_HTML_SIZE)
            yield ReadFailure(url, problem) if problem else HtmlPage(source=url, html=data, url=url)
    except ArchiveLoadFailed as exc:
        yield ReadFailure(source, f"not a readable WARC file ({exc})")


def html_to_doc(page: HtmlPage) -> RawDoc | ReadFailure:
    """Main text and metadata of a web page (trafilatura); ``text`` is the extracted text."""
    import trafilatura

    found = trafilatura.bare_extraction(page.html, url=page.url, with_metadata=True, include_comments=False)
    doc: dict[str, Any] = (
        found.as_dict() if found is not None and not isinstance(found, dict) else found or {}
    )
    text = doc.get("text") or ""
    if len(text.strip()) < MIN_HTML_TEXT:
        return ReadFailure(page.source, "no article text found in the HTML")
    if len(text) > MAX_TEXT_SIZE:
        return ReadFailure(page.source, f"text over the {MAX_TEXT_SIZE:,}-character limit for one article")
    return RawDoc(
        source=page.source,
        text=text,
        title=_str_value(doc.get("title")),
        published=_str_value(doc.get("date")),
        publisher=_str_value(doc.get("sitename")) or _str_value(doc.get("hostname")),
        url=page.url or _str_value(doc.get("url")),
    )


def _open(path: Path) -> IO[bytes]:
    return sys.stdin.buffer if str(path) == STDIN else open(path, "rb")


def read_file(fh: IO[bytes], source: str, fmt: str, cols: Columns = Columns()) -> Iterator[Item]:
    """Items of one open file in the given format; gzip is undone here (WARC undoes its own)."""
    if fmt != "warc" and source.lower().endswith(".gz"):
        fh = cast(IO[bytes], gzip.GzipFile(fileobj=fh))
    try:
        if fmt == "txt":
            yield from _read_txt(fh, source)
        elif fmt == "jsonl":
            yield from _read_jsonl(fh, source, cols)
        elif fmt == "json":
            yield from _read_json(fh, source, cols)
        elif fmt == "csv":
            yield from _read_csv(fh, source, cols)
        elif fmt == "parquet":
            # the Parquet footer is at the end: a gzipped file must be inflated to seek in it
            yield from _read_parquet(
                io.BytesIO(fh.read()) if isinstance(fh, gzip.GzipFile) else fh, source, cols
            )
        elif fmt == "html":
            yield from _read_html(fh, source)
        elif fmt == "warc":
            yield from _read_warc(fh, source)
        else:
            yield ReadFailure(source, f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        yield ReadFailure(source, f"broken gzip data ({exc})")


def read_path(path: Path, fmt: str | None = None, cols: Columns = Columns()) -> Iterator[Item]:
    """Items of one file (format from its name unless given)."""
    yield from InputStream([str(path)], fmt, cols, expand=False)


def read_txt(path: Path) -> Iterator[Item]:
    yield from read_path(path, "txt")


def read_jsonl(path: Path, cols: Columns = Columns()) -> Iterator[Item]:
    yield from read_path(path, "jsonl", cols)


class InputStream:
    """Every item of the inputs, in a fixed order, tracking how many input bytes are done.

    ``total_bytes`` is None when standard input is read (its size is unknown).
    """

    def __init__(
        self, inputs: Iterable[str], fmt: str | None = None, cols: Columns = Columns(), expand: bool = True
    ) -> None:
        self.paths = expand_inputs(inputs, fmt) if expand else [Path(p) for p in inputs]
        self.fmt = fmt
        self.cols = cols
        # one stat per file, here: its size for progress, and whether it can be read at all
        self._sizes = [_regular_size(p) for p in self.paths]
        self.total_bytes: int | None = (
            None if Path(STDIN) in self.paths else sum(size or 0 for size in self._sizes)
        )
        self.bytes_done = 0

    def __iter__(self) -> Iterator[Item]:
        for path, known_size in zip(self.paths, self._sizes, strict=True):
            source = "<stdin>" if str(path) == STDIN else str(path)
            fmt = "jsonl" if str(path) == STDIN else self.fmt or input_format(path) or "txt"
            if known_size is None:
                yield ReadFailure(source, "no such file" if not path.exists() else "not a regular file")
                continue
            size = known_size
            base = self.bytes_done
            try:
                fh = _open(path)
            except OSError as exc:
                yield ReadFailure(source, f"cannot open ({exc.strerror})")
                continue
            try:
                for item in read_file(fh, source, fmt, self.cols):
                    if fh.seekable() and not fh.closed:
                        self.bytes_done = base + min(fh.tell(), size)
                    yield item
            finally:
                if fh is not sys.stdin.buffer:
                    fh.close()
            self.bytes_done = base + size


def _regular_size(path: Path) -> int | None:
    """A regular file's size (0 for standard input), None for a missing path or a folder."""
    if str(path) == STDIN:
        return 0
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size if stat.S_ISREG(st.st_mode) else None


def read_inputs(inputs: Iterable[str], fmt: str | None = None, cols: Columns = Columns()) -> Iterator[Item]:
    yield from InputStream(inputs, fmt, cols)
