"""One record type per output table, and the polars dtypes of each table.

The column names and dtypes here are the data contract of
``../shared/spec/tables.md``; ``schemas/`` checks the same columns. Extractors
yield these records; :func:`to_frame` turns a list of them into a DataFrame
with exactly the contract's columns, in order, even when the list is empty.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import polars as pl

TABLES = ("articles", "participants", "events", "event_participants", "quotes")


@dataclass(frozen=True, slots=True)
class Article:
    article_id: str
    source: str
    publisher: str | None
    title: str
    published_at: dt.datetime | None
    dateline: str | None
    language: str
    text: str
    body_start: int
    n_words: int


@dataclass(slots=True)
class Participant:
    participant_id: str
    article_id: str
    name: str
    kind: str
    title: str | None
    organization: str | None
    country: str | None
    entity_key: str
    aliases: list[str] = field(default_factory=list)
    mentions: int = 1
    first_start: int = 0
    first_end: int = 0


@dataclass(slots=True)
class Event:
    event_id: str
    article_id: str
    event_type: str
    cameo_code: str
    status: str
    trigger: str
    location: str | None
    location_country: str | None
    event_date: dt.date | None
    date_text: str | None
    date_precision: str | None
    start: int
    end: int
    confidence: float
    trigger_start: int | None = None
    trigger_end: int | None = None


@dataclass(frozen=True, slots=True)
class EventParticipant:
    event_id: str
    participant_id: str
    role: str


@dataclass(slots=True)
class Quote:
    quote_id: str
    article_id: str
    text: str
    start: int
    end: int
    kind: str
    speaker: str | None
    speaker_participant_id: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None


SCHEMAS: dict[str, dict[str, pl.DataType | type[pl.DataType]]] = {
    "articles": {
        "article_id": pl.Utf8,
        "source": pl.Utf8,
        "publisher": pl.Utf8,
        "title": pl.Utf8,
        "published_at": pl.Datetime("us"),
        "dateline": pl.Utf8,
        "language": pl.Utf8,
        "text": pl.Utf8,
        "body_start": pl.Int64,
        "n_words": pl.Int64,
    },
    "participants": {
        "participant_id": pl.Utf8,
        "article_id": pl.Utf8,
        "name": pl.Utf8,
        "kind": pl.Utf8,
        "title": pl.Utf8,
        "organization": pl.Utf8,
        "country": pl.Utf8,
        "entity_key": pl.Utf8,
        "aliases": pl.List(pl.Utf8),
        "mentions": pl.Int64,
        "first_start": pl.Int64,
        "first_end": pl.Int64,
    },
    "events": {
        "event_id": pl.Utf8,
        "article_id": pl.Utf8,
        "event_type": pl.Utf8,
        "cameo_code": pl.Utf8,
        "status": pl.Utf8,
        "trigger": pl.Utf8,
        "location": pl.Utf8,
        "location_country": pl.Utf8,
        "event_date": pl.Date,
        "date_text": pl.Utf8,
        "date_precision": pl.Utf8,
        "start": pl.Int64,
        "end": pl.Int64,
        "confidence": pl.Float64,
        "trigger_start": pl.Int64,
        "trigger_end": pl.Int64,
    },
    "event_participants": {
        "event_id": pl.Utf8,
        "participant_id": pl.Utf8,
        "role": pl.Utf8,
    },
    "quotes": {
        "quote_id": pl.Utf8,
        "article_id": pl.Utf8,
        "text": pl.Utf8,
        "start": pl.Int64,
        "end": pl.Int64,
        "kind": pl.Utf8,
        "speaker": pl.Utf8,
        "speaker_participant_id": pl.Utf8,
        "speaker_start": pl.Int64,
        "speaker_end": pl.Int64,
        "cue": pl.Utf8,
        "cue_start": pl.Int64,
        "cue_end": pl.Int64,
    },
    # Anything that did not make it into the tables, with why: unreadable
    # inputs (table "inputs") as well as rows that broke a rule.
    "rejects": {
        "table": pl.Utf8,
        "row_id": pl.Utf8,
        "source": pl.Utf8,
        "row": pl.Utf8,
        "rule": pl.Utf8,
    },
}

PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("article_id",),
    "participants": ("participant_id",),
    "events": ("event_id",),
    "event_participants": ("event_id", "participant_id"),
    "quotes": ("quote_id",),
}


@dataclass(frozen=True, slots=True)
class Reject:
    table: str
    row_id: str | None
    source: str | None
    row: str
    rule: str


def article_of(table: str) -> pl.Expr:
    """The article a row of ``table`` belongs to: its ``article_id``, or for event participants
    the prefix of their ``event_id`` (ids are ``<article_id>:<letter><n>``); null without either."""
    if table == "event_participants":
        return pl.col("event_id").cast(pl.Utf8).str.split(":").list.first()
    if "article_id" in SCHEMAS[table]:
        return pl.col("article_id").cast(pl.Utf8)
    return pl.lit(None, pl.Utf8)


def to_frame(table: str, records: list[Any]) -> pl.DataFrame:
    """Records of one table -> a DataFrame with the contract's columns and dtypes."""
    schema = SCHEMAS[table]
    if not records:
        return pl.DataFrame(schema=schema)
    rows = [
        dataclasses.asdict(r) if dataclasses.is_dataclass(r) and not isinstance(r, type) else dict(r)
        for r in records
    ]
    return pl.DataFrame(rows, schema=schema)


def empty(table: str) -> pl.DataFrame:
    return pl.DataFrame(schema=SCHEMAS[table])
