"""One record type per output table, and the polars dtypes of each table.

The column names and dtypes here are the data contract of
``../shared/spec/tables.md``; ``schemas/`` checks the same columns. Extractors
yield these records; :func:`to_frame` turns a list of them into a DataFrame
with exactly the contract's columns, in order, even when the list is empty.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import polars as pl
from mypy_extensions import mypyc_attr

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

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        # compiled, a frozen dataclass's default unpickling assigns its fields and is refused
        return Article, tuple(getattr(self, f.name) for f in dataclasses.fields(self))


# The records made per quote, participant and event are plain classes, not dataclasses:
# compiled (etl.native), their constructors are native calls, where a dataclass keeps its
# generated __init__ interpreted (a Quote cost ~7,000 instructions to make from
# extract_article). They compare, print and pickle by value as the dataclasses did.


def _repr(name: str, table: str, values: tuple[object, ...]) -> str:
    """``Name(field=value, ...)``, as a dataclass prints; the fields are the table's columns."""
    fields = SCHEMAS[table]
    return "{}({})".format(name, ", ".join(f"{f}={v!r}" for f, v in zip(fields, values, strict=True)))


@mypyc_attr(acyclic=True)
class Participant:
    __slots__ = (
        "aliases",
        "article_id",
        "country",
        "entity_key",
        "first_end",
        "first_start",
        "kind",
        "mentions",
        "name",
        "organization",
        "participant_id",
        "title",
    )

    def __init__(
        self,
        participant_id: str,
        article_id: str,
        name: str,
        kind: str,
        title: str | None,
        organization: str | None,
        country: str | None,
        entity_key: str,
        aliases: list[str] | None = None,
        mentions: int = 1,
        first_start: int = 0,
        first_end: int = 0,
    ) -> None:
        self.participant_id = participant_id
        self.article_id = article_id
        self.name = name
        self.kind = kind
        self.title = title
        self.organization = organization
        self.country = country
        self.entity_key = entity_key
        self.aliases: list[str] = [] if aliases is None else aliases
        self.mentions = mentions
        self.first_start = first_start
        self.first_end = first_end

    def _fields(self) -> tuple[object, ...]:
        return (
            self.participant_id,
            self.article_id,
            self.name,
            self.kind,
            self.title,
            self.organization,
            self.country,
            self.entity_key,
            self.aliases,
            self.mentions,
            self.first_start,
            self.first_end,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Participant):
            return NotImplemented
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        # compiled classes pickle by their constructor
        return Participant, self._fields()

    def __repr__(self) -> str:
        return _repr("Participant", "participants", self._fields())


@mypyc_attr(acyclic=True)
class Event:
    __slots__ = (
        "article_id",
        "cameo_code",
        "confidence",
        "date_precision",
        "date_text",
        "end",
        "event_date",
        "event_id",
        "event_type",
        "location",
        "location_country",
        "start",
        "status",
        "trigger",
        "trigger_end",
        "trigger_start",
    )

    def __init__(
        self,
        event_id: str,
        article_id: str,
        event_type: str,
        cameo_code: str,
        status: str,
        trigger: str,
        location: str | None,
        location_country: str | None,
        event_date: dt.date | None,
        date_text: str | None,
        date_precision: str | None,
        start: int,
        end: int,
        confidence: float,
        trigger_start: int | None = None,
        trigger_end: int | None = None,
    ) -> None:
        self.event_id = event_id
        self.article_id = article_id
        self.event_type = event_type
        self.cameo_code = cameo_code
        self.status = status
        self.trigger = trigger
        self.location = location
        self.location_country = location_country
        self.event_date = event_date
        self.date_text = date_text
        self.date_precision = date_precision
        self.start = start
        self.end = end
        self.confidence = confidence
        self.trigger_start = trigger_start
        self.trigger_end = trigger_end

    def _fields(self) -> tuple[object, ...]:
        return (
            self.event_id,
            self.article_id,
            self.event_type,
            self.cameo_code,
            self.status,
            self.trigger,
            self.location,
            self.location_country,
            self.event_date,
            self.date_text,
            self.date_precision,
            self.start,
            self.end,
            self.confidence,
            self.trigger_start,
            self.trigger_end,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Event):
            return NotImplemented
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        # compiled classes pickle by their constructor
        return Event, self._fields()

    def __repr__(self) -> str:
        return _repr("Event", "events", self._fields())


@mypyc_attr(acyclic=True)
class EventParticipant:
    __slots__ = ("event_id", "participant_id", "role")

    def __init__(self, event_id: str, participant_id: str, role: str) -> None:
        self.event_id = event_id
        self.participant_id = participant_id
        self.role = role

    def _fields(self) -> tuple[object, ...]:
        return (self.event_id, self.participant_id, self.role)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, EventParticipant):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        # compiled classes pickle by their constructor
        return EventParticipant, self._fields()

    def __repr__(self) -> str:
        return _repr("EventParticipant", "event_participants", self._fields())


@mypyc_attr(acyclic=True)
class Quote:
    __slots__ = (
        "article_id",
        "cue",
        "cue_end",
        "cue_start",
        "end",
        "kind",
        "quote_id",
        "speaker",
        "speaker_end",
        "speaker_participant_id",
        "speaker_start",
        "start",
        "text",
    )

    def __init__(
        self,
        quote_id: str,
        article_id: str,
        text: str,
        start: int,
        end: int,
        kind: str,
        speaker: str | None,
        speaker_participant_id: str | None,
        speaker_start: int | None,
        speaker_end: int | None,
        cue: str | None,
        cue_start: int | None,
        cue_end: int | None,
    ) -> None:
        self.quote_id = quote_id
        self.article_id = article_id
        self.text = text
        self.start = start
        self.end = end
        self.kind = kind
        self.speaker = speaker
        self.speaker_participant_id = speaker_participant_id
        self.speaker_start = speaker_start
        self.speaker_end = speaker_end
        self.cue = cue
        self.cue_start = cue_start
        self.cue_end = cue_end

    def _fields(self) -> tuple[object, ...]:
        return (
            self.quote_id,
            self.article_id,
            self.text,
            self.start,
            self.end,
            self.kind,
            self.speaker,
            self.speaker_participant_id,
            self.speaker_start,
            self.speaker_end,
            self.cue,
            self.cue_start,
            self.cue_end,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Quote):
            return NotImplemented
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        # compiled classes pickle by their constructor
        return Quote, self._fields()

    def __repr__(self) -> str:
        return _repr("Quote", "quotes", self._fields())


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

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        # compiled, a frozen dataclass's default unpickling assigns its fields and is refused
        return Reject, tuple(getattr(self, f.name) for f in dataclasses.fields(self))


def article_of(table: str) -> pl.Expr:
    """The article a row of ``table`` belongs to: its ``article_id``, or for event participants
    the prefix of their ``event_id`` (ids are ``<article_id>:<letter><n>``); null without either."""
    if table == "event_participants":
        return pl.col("event_id").cast(pl.Utf8).str.split(":").list.first()
    if "article_id" in SCHEMAS[table]:
        return pl.col("article_id").cast(pl.Utf8)
    return pl.lit(None, pl.Utf8)


def to_frame(table: str, records: list[Any]) -> pl.DataFrame:
    """Records of one table -> a DataFrame with the contract's columns and dtypes.

    Records with attributes (the record classes, dataclasses) are read column by column: polars
    builds a column from a list faster than it turns rows into columns, and
    ``dataclasses.asdict`` deep-copied every field (7% of parse time on PolNeAR). Mappings
    (tests) are taken as rows.
    """
    schema = SCHEMAS[table]
    if not records:
        return pl.DataFrame(schema=schema)
    if any(isinstance(r, Mapping) for r in records):
        rows = [dict(r) if isinstance(r, Mapping) else {c: getattr(r, c) for c in schema} for r in records]
        return pl.DataFrame(rows, schema=schema)
    return pl.DataFrame({c: [getattr(r, c) for r in records] for c in schema}, schema=schema)


def empty(table: str) -> pl.DataFrame:
    return pl.DataFrame(schema=SCHEMAS[table])
