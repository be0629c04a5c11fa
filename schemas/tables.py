"""One pandera (polars backend) model per table of ``../shared/spec/tables.md``.

These models check what one table can tell on its own: types, nulls, code
lists, id formats, span order. What needs two tables (foreign keys, spans
inside the article's text, quote text equal to its span, dates against
``published_at``) is checked by :mod:`etl.validate`.

Validate collected DataFrames with ``lazy=True``: the polars backend skips
custom checks on a LazyFrame without a word. ``strict`` is off because the
contract lets stages add columns; ``coerce`` is off because
:func:`etl.validate.validate_tables` casts to the contract's dtypes first and
reports the rows that do not cast.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata

import pandera.polars as pa
import polars as pl

from schemas.codes import (
    CAMEO_CODES,
    COUNTRY_CODES,
    DATE_PRECISIONS,
    EVENT_CAMEO,
    EVENT_STATUSES,
    EVENT_TYPES,
    LANGUAGE_CODES,
    PARTICIPANT_KINDS,
    QUOTE_KINDS,
    ROLES,
)

# Ids are "<article_id>:<letter><n>" with article_id 16 hex digits (contract).
ARTICLE_ID = r"^[0-9a-f]{16}$"
PARTICIPANT_ID = r"^[0-9a-f]{16}:p[1-9][0-9]*$"
EVENT_ID = r"^[0-9a-f]{16}:e[1-9][0-9]*$"
QUOTE_ID = r"^[0-9a-f]{16}:q[1-9][0-9]*$"


def text_hash(text: str) -> str:
    """The contract's article id: first 16 hex digits of sha256 of the UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def is_normal_key(key: str) -> bool:
    """True when ``key`` is already case-folded, accent-free and single-spaced."""
    decomposed = unicodedata.normalize("NFKD", key)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return key == re.sub(r"\s+", " ", plain).strip().casefold() and key != ""


def _in_codes(data: pa.PolarsData, codes: frozenset[str]) -> pl.LazyFrame:
    col = pl.col(data.key)
    return data.lazyframe.select(col.is_null() | col.is_in(sorted(codes)))


def _span(start: str, end: str, *, optional: bool) -> pl.Expr:
    """start < end; for an optional span, both null or both set."""
    ordered = pl.col(start) < pl.col(end)
    if not optional:
        return ordered.fill_null(False)
    both_null = pl.col(start).is_null() & pl.col(end).is_null()
    return both_null | ordered.fill_null(False)


def _prefixed(id_col: str, article_col: str) -> pl.Expr:
    """The id starts with the article id of its row."""
    return pl.col(id_col).str.starts_with(pl.col(article_col) + ":").fill_null(False)


def _article_of(id_col: str) -> pl.Expr:
    return pl.col(id_col).str.split(":").list.first()


class ArticleSchema(pa.DataFrameModel):
    article_id: str = pa.Field(str_matches=ARTICLE_ID, unique=True)
    source: str
    publisher: str = pa.Field(nullable=True)
    title: str
    published_at: dt.datetime = pa.Field(nullable=True)
    dateline: str = pa.Field(nullable=True)
    language: str
    text: str
    body_start: int = pa.Field(ge=0)
    n_words: int = pa.Field(ge=0)

    class Config:
        strict = False
        coerce = False

    @pa.check("title", name="non_empty_stripped")
    def _title(cls, data: pa.PolarsData) -> pl.LazyFrame:
        col = pl.col(data.key)
        return data.lazyframe.select((col.str.len_chars() > 0) & (col == col.str.strip_chars()))

    @pa.check("language", name="iso639_1")
    def _language(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return _in_codes(data, LANGUAGE_CODES)

    @pa.dataframe_check(name="body_start_inside_text")
    def _body(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("body_start") <= pl.col("text").str.len_chars())

    @pa.dataframe_check(name="article_id_is_text_hash")
    def _hash(cls, data: pa.PolarsData) -> pl.LazyFrame:
        hashed = pl.col("text").map_elements(text_hash, return_dtype=pl.Utf8)
        return data.lazyframe.select((pl.col("article_id") == hashed).fill_null(False))


class ParticipantSchema(pa.DataFrameModel):
    participant_id: str = pa.Field(str_matches=PARTICIPANT_ID, unique=True)
    article_id: str = pa.Field(str_matches=ARTICLE_ID)
    name: str = pa.Field(str_length={"min_value": 1})
    kind: str = pa.Field(isin=PARTICIPANT_KINDS)
    title: str = pa.Field(nullable=True)
    organization: str = pa.Field(nullable=True)
    country: str = pa.Field(nullable=True)
    entity_key: str
    aliases: list[str]
    mentions: int = pa.Field(ge=1)
    first_start: int = pa.Field(ge=0)
    first_end: int

    class Config:
        strict = False
        coerce = False

    @pa.check("country", name="iso3166_alpha3")
    def _country(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return _in_codes(data, COUNTRY_CODES)

    @pa.check("entity_key", name="normalized_key")
    def _key(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col(data.key).map_elements(is_normal_key, return_dtype=pl.Boolean))

    @pa.dataframe_check(name="first_span_ordered")
    def _first(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(_span("first_start", "first_end", optional=False))

    @pa.dataframe_check(name="id_prefixed_by_article")
    def _prefix(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(_prefixed("participant_id", "article_id"))


class EventSchema(pa.DataFrameModel):
    event_id: str = pa.Field(str_matches=EVENT_ID, unique=True)
    article_id: str = pa.Field(str_matches=ARTICLE_ID)
    event_type: str = pa.Field(isin=EVENT_TYPES)
    cameo_code: str = pa.Field(isin=CAMEO_CODES)
    status: str = pa.Field(isin=EVENT_STATUSES)
    trigger: str = pa.Field(str_length={"min_value": 1})
    location: str = pa.Field(nullable=True)
    location_country: str = pa.Field(nullable=True)
    event_date: dt.date = pa.Field(nullable=True)
    date_text: str = pa.Field(nullable=True)
    date_precision: str = pa.Field(nullable=True, isin=DATE_PRECISIONS)
    start: int = pa.Field(ge=0)
    end: int
    confidence: float = pa.Field(ge=0.0, le=1.0)
    trigger_start: int = pa.Field(nullable=True, ge=0)
    trigger_end: int = pa.Field(nullable=True)

    class Config:
        strict = False
        coerce = False

    @pa.check("location_country", name="iso3166_alpha3")
    def _country(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return _in_codes(data, COUNTRY_CODES)

    @pa.dataframe_check(name="span_ordered")
    def _span(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(_span("start", "end", optional=False))

    @pa.dataframe_check(name="trigger_span_ordered")
    def _trigger(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(_span("trigger_start", "trigger_end", optional=True))

    @pa.dataframe_check(name="cameo_code_matches_event_type")
    def _cameo(cls, data: pa.PolarsData) -> pl.LazyFrame:
        allowed = pl.DataFrame(
            [(t, c) for t, codes in EVENT_CAMEO.items() for c in sorted(codes)],
            schema={"event_type": pl.Utf8, "cameo_code": pl.Utf8},
            orient="row",
        )
        pairs = pl.concat_str(pl.col("event_type"), pl.col("cameo_code"), separator="/")
        ok = allowed.select(pl.concat_str("event_type", "cameo_code", separator="/")).to_series()
        return data.lazyframe.select(pairs.is_in(ok.implode()).fill_null(False))

    @pa.dataframe_check(name="date_precision_iff_event_date")
    def _precision(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("event_date").is_null() == pl.col("date_precision").is_null())

    @pa.dataframe_check(name="id_prefixed_by_article")
    def _prefix(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(_prefixed("event_id", "article_id"))


class EventParticipantSchema(pa.DataFrameModel):
    event_id: str = pa.Field(str_matches=EVENT_ID)
    participant_id: str = pa.Field(str_matches=PARTICIPANT_ID)
    role: str = pa.Field(isin=ROLES)

    class Config:
        strict = False
        coerce = False
        unique = ["event_id", "participant_id"]  # noqa: RUF012 -- pandera reads this class attribute

    @pa.dataframe_check(name="same_article")
    def _same(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(
            (_article_of("event_id") == _article_of("participant_id")).fill_null(False)
        )


class QuoteSchema(pa.DataFrameModel):
    quote_id: str = pa.Field(str_matches=QUOTE_ID, unique=True)
    article_id: str = pa.Field(str_matches=ARTICLE_ID)
    text: str
    start: int = pa.Field(ge=0)
    end: int
    kind: str = pa.Field(isin=QUOTE_KINDS)
    speaker: str = pa.Field(nullable=True)
    speaker_participant_id: str = pa.Field(nullable=True, str_matches=PARTICIPANT_ID)
    speaker_start: int = pa.Field(nullable=True, ge=0)
    speaker_end: int = pa.Field(nullable=True)
    cue: str = pa.Field(nullable=True)
    cue_start: int = pa.Field(nullable=True, ge=0)
    cue_end: int = pa.Field(nullable=True)

    class Config:
        strict = False
        coerce = False

    @pa.dataframe_check(name="span_ordered")
    def _span(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(_span("start", "end", optional=False))

    @pa.dataframe_check(name="speaker_span_ordered")
    def _speaker(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(_span("speaker_start", "speaker_end", optional=True))

    @pa.dataframe_check(name="cue_span_ordered")
    def _cue(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(_span("cue_start", "cue_end", optional=True))

    @pa.dataframe_check(name="id_prefixed_by_article")
    def _prefix(cls, data: pa.PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(_prefixed("quote_id", "article_id"))

    @pa.dataframe_check(name="speaker_in_same_article")
    def _speaker_article(cls, data: pa.PolarsData) -> pl.LazyFrame:
        same = _article_of("speaker_participant_id") == pl.col("article_id")
        return data.lazyframe.select(pl.col("speaker_participant_id").is_null() | same.fill_null(False))


class RejectSchema(pa.DataFrameModel):
    table: str
    row_id: str = pa.Field(nullable=True)
    source: str = pa.Field(nullable=True)
    row: str
    rule: str = pa.Field(str_length={"min_value": 1})

    class Config:
        strict = False
        coerce = False


MODELS: dict[str, type[pa.DataFrameModel]] = {
    "articles": ArticleSchema,
    "participants": ParticipantSchema,
    "events": EventSchema,
    "event_participants": EventParticipantSchema,
    "quotes": QuoteSchema,
    "rejects": RejectSchema,
}
