"""The parse stage: inputs -> articles -> extraction -> Parquet tables, in batches.

I/O stays at the edges: :mod:`etl.readers` reads, :func:`parse_docs` is pure
(raw documents in, DataFrames out), :mod:`etl.parts` writes. Steps of
:func:`run_batches`:

1. Items are read in input order (paths sorted) and cut into batches of whole
   documents (:data:`BATCH_ITEMS`, :data:`BATCH_BYTES`; larger when validated,
   :data:`VALIDATED_BATCH_FACTOR`).
2. Before a batch is sent out, a text seen earlier is counted as a duplicate
   and a text whose id is already known (in the database) as existing: they
   are never parsed.
3. Batches are parsed by :func:`parse_batch` in ``workers`` processes; results
   are taken back in the order the batches were sent, so the first copy of a
   text (in input order) wins whatever the number of workers.
4. Texts that only became known in the worker (web pages) get the same
   duplicate and existing checks when their batch comes back.
5. Each batch goes to a sink: :class:`etl.parts.TableFiles` appends it, in
   order, to one Parquet file per table.

``read == articles + rejected + duplicates + existing`` holds for every run.
"""

from __future__ import annotations

import gc
import itertools
import json
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import polars as pl

from etl.articles import ArticleParseError, RawDoc, article_id
from etl.extract import ArticleTables, extract_article
from etl.parts import TableFiles
from etl.progress import NullProgress, Progress
from etl.readers import Columns, HtmlPage, InputStream, Item, ReadFailure, Skipped, html_to_doc
from etl.records import TABLES, Reject, to_frame

# Documents per batch: enough to amortise process hand-over, one pandera run
# and one Parquet part per table (~0.1 s a batch in all), few enough that a
# batch of PolNeAR-sized articles (~5 KB) stays near 1 MB in flight.
BATCH_ITEMS = 250
# Validated batches (the pipeline) are this many times larger: pandera's cost is mostly per
# call, not per row (one polars collect per check, ~0.15 s for the five tables), which was
# 0.68 ms per PolNeAR article at 250 a batch and is 0.36 at 500; a worker's peak RSS grows
# from 234 to 281 MB.
VALIDATED_BATCH_FACTOR = 2
# A batch is cut early past this many bytes of text, so batches of very long
# documents do not hold hundreds of MB in flight.
BATCH_BYTES = 16_000_000
# Batches in flight per worker: two keeps every worker busy while the main
# process reads and writes, and bounds memory to a few batches.
IN_FLIGHT_PER_WORKER = 2

KnownIds = Callable[[list[str]], set[str]]
# a module-level function (workers receive it by name)
Extract = Callable[[RawDoc], ArticleTables]


@dataclass(slots=True)
class ParseResult:
    tables: dict[str, pl.DataFrame]
    rejects: pl.DataFrame
    read: int = 0
    duplicates: int = 0
    messages: list[str] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)


def _reject(source: str, reason: str) -> Reject:
    return Reject("inputs", None, source, json.dumps({"source": source}), reason)


def parse_docs(items: Iterable[Item], extract: Extract | None = None) -> ParseResult:
    """Raw documents (and read failures) -> every table, plus the rejects.

    The first of several identical texts is kept; the others count as duplicates.
    ``extract`` is the per-article extraction (default :func:`etl.extract.extract_article`).
    """
    extract = extract or extract_article
    rows: dict[str, list[Any]] = {t: [] for t in TABLES}
    rejects: list[Reject] = []
    seen: set[str] = set()
    read = dups = 0
    messages: list[str] = []
    skipped: Counter[str] = Counter()
    for item in items:
        if isinstance(item, Skipped):
            skipped[item.reason] += 1
            continue
        read += 1
        doc = html_to_doc(item) if isinstance(item, HtmlPage) else item
        if isinstance(doc, ReadFailure):
            rejects.append(_reject(doc.source, doc.reason))
            messages.append(f"{doc.source}: {doc.reason}")
            continue
        try:
            out = extract(doc)
        except ArticleParseError as exc:
            rejects.append(_reject(doc.source, str(exc)))
            messages.append(f"{doc.source}: {exc}")
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
    return ParseResult(tables, to_frame("rejects", rejects), read, dups, messages, skipped)


@dataclass(slots=True)
class BatchOut:
    """One parsed batch, as a worker hands it back."""

    result: ParseResult
    # with validation: the rows that passed, the rows that did not, the counts
    valid: dict[str, pl.DataFrame] | None = None
    invalid: pl.DataFrame | None = None
    report: dict[str, Any] | None = None
    bytes_done: int = 0


def parse_batch(items: list[Item], validate: bool = False, extract: Extract | None = None) -> BatchOut:
    """Worker entry point: parse one batch, and validate it when asked."""
    result = parse_docs(items, extract)
    if not validate:
        return BatchOut(result)
    from etl.validate import validate_tables

    checked = validate_tables(result.tables)
    return BatchOut(result, dict(checked.tables), checked.rejects, dict(checked.report))


def article_key(table: str) -> pl.Expr:
    """The article a row belongs to (ids are ``<article_id>:<letter><n>``)."""
    if table == "articles" or table in ("participants", "events", "quotes"):
        return pl.col("article_id")
    if table == "event_participants":
        return pl.col("event_id").str.split(":").list.first()
    return pl.col("row_id").str.split(":").list.first()


def drop_articles(frames: dict[str, pl.DataFrame], ids: set[str]) -> dict[str, pl.DataFrame]:
    if not ids:
        return frames
    drop = pl.Series(sorted(ids), dtype=pl.Utf8)
    return {t: f.filter(~article_key(t).is_in(drop).fill_null(False)) for t, f in frames.items()}


@dataclass(slots=True)
class RunStats:
    read: int = 0
    articles: int = 0
    rejected: int = 0
    duplicates: int = 0
    existing: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    bytes_read: int = 0
    seconds: float = 0.0


def _size(item: Item) -> int:
    if isinstance(item, RawDoc):
        return len(item.text)
    return len(item.html) if isinstance(item, HtmlPage) else 0


def batches(stream: InputStream, items: int) -> Iterator[tuple[list[Item], int]]:
    """Whole documents in batches of up to ``items``, each with the input bytes read once it is
    complete."""
    batch: list[Item] = []
    size = 0
    for item in stream:
        batch.append(item)
        size += _size(item)
        if len(batch) >= items or size >= BATCH_BYTES:
            yield batch, stream.bytes_done
            batch, size = [], 0
    if batch:
        yield batch, stream.total_bytes or stream.bytes_done


class _Gate:
    """The duplicate and already-known checks, in input order (steps 2 and 4).

    A text already in the database counts as existing on every copy, so the
    counts do not depend on which check (before or after parsing) saw it.
    """

    def __init__(self, known: KnownIds | None, stats: RunStats) -> None:
        self.known = known
        self.stats = stats
        self.sent: set[str] = set()  # ids of texts sent to parse (known before parsing)
        self.seen: set[str] = set()  # ids of articles kept so far

    def before(self, items: list[Item]) -> tuple[list[Item], set[str]]:
        """The batch's items still to parse, and the ids already checked against ``known``."""
        ids = {id(it): article_id(it.text) for it in items if isinstance(it, RawDoc)}
        checked = set(ids.values())
        existing = self.known(sorted(checked)) if self.known and checked else set()
        out: list[Item] = []
        for it in items:
            aid = ids.get(id(it))
            if aid is None:
                out.append(it)
                continue
            if aid in existing:
                self.stats.existing += 1
            elif aid in self.sent:
                self.stats.duplicates += 1
            else:
                self.sent.add(aid)
                out.append(replace(it, text_id=aid) if isinstance(it, RawDoc) else it)
                continue
            self.stats.read += 1
        return out, checked

    def after(self, articles: pl.DataFrame, checked: set[str]) -> set[str]:
        """Ids of the batch's parsed articles to leave out, counting them."""
        ids = articles["article_id"].to_list()
        late = sorted({a for a in ids if a not in checked})
        existing = self.known(late) if self.known and late else set()
        drop: set[str] = set()
        for aid in ids:
            if aid in existing:
                self.stats.existing += 1
                drop.add(aid)
            elif aid in self.seen:
                self.stats.duplicates += 1
                drop.add(aid)
            self.seen.add(aid)
        return drop


def run_batches(
    stream: InputStream,
    sink: Callable[[BatchOut, set[str]], None],
    *,
    workers: int = 1,
    validate: bool = False,
    known: KnownIds | None = None,
    progress: Progress | None = None,
    extract: Extract | None = None,
) -> RunStats:
    """Parse every batch of ``stream`` (in ``workers`` processes) and hand each to ``sink`` in order.

    ``sink`` gets the batch and the ids of its articles to leave out
    (duplicates and known ones found after parsing).
    """
    progress = progress or NullProgress()
    stats = RunStats()
    gate = _Gate(known, stats)
    started = time.perf_counter()
    progress.start(stream.total_bytes)

    def take(out: BatchOut, checked: set[str]) -> None:
        res = out.result
        drop = gate.after(res.tables["articles"], checked)
        stats.read += res.read
        stats.rejected += res.rejects.height
        stats.duplicates += res.duplicates
        stats.skipped.update(res.skipped)
        kept = res.tables["articles"].height - len(drop)
        stats.articles += kept
        for line in res.messages:
            progress.message(line)
        sink(out, drop)
        progress.update(kept, out.bytes_done)

    try:
        queue = batches(stream, BATCH_ITEMS * (VALIDATED_BATCH_FACTOR if validate else 1))
        head = list(itertools.islice(queue, 2))
        if workers <= 1 or len(head) < 2:
            # a single batch cannot be shared out: parse it here rather than start processes
            with _collector_tuned():
                for items, done in itertools.chain(head, queue):
                    todo, checked = gate.before(items)
                    out = parse_batch(todo, validate, extract)
                    out.bytes_done = done
                    take(out, checked)
        else:
            _parse_in_pool(
                itertools.chain(head, queue),
                gate,
                take,
                workers,
                partial(parse_batch, validate=validate, extract=extract),
            )
    finally:
        # the bar stops even when a worker fails, so the error is readable
        progress.close()
    stats.bytes_read = stream.bytes_done
    stats.seconds = time.perf_counter() - started
    return stats


# a tiny article that touches every extractor, so a worker loads its lexicons
# before its first batch
WARM_UP_TEXT = 'Warm-up\n\nPresident Ann Lee met officials in Paris on Monday. "We agreed," she said.'
# A worker's first-generation collection threshold. Extraction allocates many short-lived
# containers (tokens, spans) that die young without cycles, so the default (700) collects
# thousands of times per batch for nothing. With the compiled extractors (etl/native.py),
# 100,000 once measured slower than 10,000 (4.4-4.7 against 3.3-3.9 ms per PolNeAR article):
# the quote finder's closures then left ~1,000 objects of cyclic garbage per article, and
# each collection of a large generation walked them out of cache. Now that extraction makes
# no cycles (tests/test_native.py), the two are within noise (2.64-3.12 ms both); the lower
# one bounds what a cycle made elsewhere (an exception's traceback) can hold.
WORKER_GC_THRESHOLD = 10_000


def _warm_worker() -> None:
    """Load every lexicon, then freeze what is loaded.

    The lexicons and caches live as long as the worker; freezing them keeps the
    garbage collector from scanning them again at every collection (measured
    5-10% of extraction time).
    """
    extract_article(RawDoc(source="warm-up", text=WARM_UP_TEXT))
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(WORKER_GC_THRESHOLD, older, oldest)


@contextmanager
def _collector_tuned() -> Iterator[None]:
    """The garbage collector set as in a worker while this process parses, then as it was.

    Measured on find_quotes (callgrind, 100 PolNeAR texts): 871.8 -> 838.5 Minstr (-3.8%).
    """
    threshold = gc.get_threshold()
    _warm_worker()
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


# Polars threads per worker process. The workers are one per core already, and a polars
# pool per worker sized to every core made 2 x 2 threads contend for 2 cores while batches
# were validated: make bench's pipeline stage on 6,000 articles, alternating, 14.6 and
# 16.8 s with the default pool against 13.5 and 13.8 s with one thread.
WORKER_POLARS_THREADS = "1"


@contextmanager
def _worker_environment() -> Iterator[None]:
    """The environment the pool's processes start with (they read it when they import polars);
    a POLARS_MAX_THREADS the user set is kept."""
    key = "POLARS_MAX_THREADS"
    before = os.environ.get(key)
    if before is None:
        os.environ[key] = WORKER_POLARS_THREADS
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(key, None)


def _parse_in_pool(
    queue: Iterator[tuple[list[Item], int]],
    gate: _Gate,
    take: Callable[[BatchOut, set[str]], None],
    workers: int,
    work: Callable[[list[Item]], BatchOut],
) -> None:
    """Batches parsed in ``workers`` processes, taken back in the order they were sent.

    The pool starts with the first batch that has anything to parse, so a
    run whose texts are all known already starts no process.
    """
    pending: deque[tuple[Future[BatchOut], int, set[str]]] = deque()

    def take_oldest() -> None:
        fut, done, checked = pending.popleft()
        out = fut.result()
        out.bytes_done = done
        take(out, checked)

    with ExitStack() as stack:
        pool: ProcessPoolExecutor | None = None
        for items, done in queue:
            todo, checked = gate.before(items)
            if not todo and pool is None:
                out = work(todo)
                out.bytes_done = done
                take(out, checked)
                continue
            if pool is None:
                stack.enter_context(_worker_environment())
                # spawn, not fork: the main process holds DuckDB and polars thread pools
                pool = stack.enter_context(
                    ProcessPoolExecutor(workers, mp_context=get_context("spawn"), initializer=_warm_worker)
                )
            pending.append((pool.submit(work, todo), done, checked))
            while len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                take_oldest()
        while pending:
            take_oldest()


@dataclass(slots=True)
class ParseSummary:
    stats: RunStats
    rows: dict[str, int]
    rejects: int
    out_dir: Path


def parse_inputs(
    inputs: list[str],
    out_dir: Path,
    *,
    workers: int = 1,
    fmt: str | None = None,
    columns: Columns = Columns(),
    progress: Progress | None = None,
    extract: Extract | None = None,
) -> ParseSummary:
    """Read and parse every input; write ``<out_dir>/<table>.parquet`` and ``rejects.parquet``."""
    stream = InputStream(inputs, fmt, columns)
    with TableFiles(out_dir, [*TABLES, "rejects"]) as files:

        def sink(out: BatchOut, drop: set[str]) -> None:
            files.write({**drop_articles(out.result.tables, drop), "rejects": out.result.rejects})

        stats = run_batches(stream, sink, workers=workers, progress=progress, extract=extract)
        rows = files.close()
    n_rejects = rows.pop("rejects")
    return ParseSummary(stats, rows, n_rejects, out_dir)
