"""The pandera models: the contract's columns, and each rule caught on a collected DataFrame."""

from __future__ import annotations

from typing import Any

import pandera.errors
import polars as pl
import pytest

from etl.records import SCHEMAS, TABLES
from schemas import MODELS


def _failures(table: str, frame: pl.DataFrame) -> set[str]:
    try:
        MODELS[table].validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        # "isin(('a', 'b'))" -> "isin": the rule's name without its arguments, as rejects show it
        return {c.split("(")[0] for c in exc.failure_cases.get_column("check").to_list()}
    return set()


@pytest.mark.parametrize("table", [*TABLES, "rejects"])
def test_model_columns_are_the_contract_columns(table: str) -> None:
    assert list(MODELS[table].to_schema().columns) == list(SCHEMAS[table])


@pytest.mark.parametrize("table", TABLES)
def test_hand_made_tables_pass(tables: dict[str, pl.DataFrame], table: str) -> None:
    assert _failures(table, tables[table]) == set()


@pytest.mark.parametrize(
    ("table", "changes", "check"),
    [
        ("articles", {"language": "english"}, "iso639_1"),
        ("articles", {"title": " padded"}, "non_empty_stripped"),
        ("articles", {"title": ""}, "non_empty_stripped"),
        ("articles", {"article_id": "0123456789abcdef"}, "article_id_is_text_hash"),
        ("articles", {"body_start": 10**9}, "body_start_inside_text"),
        ("articles", {"n_words": -1}, "greater_than_or_equal_to"),
        ("participants", {"kind": "robot"}, "isin"),
        ("participants", {"country": "XXX"}, "iso3166_alpha3"),
        ("participants", {"country": "IR"}, "iso3166_alpha3"),
        ("participants", {"entity_key": "Ali  Shamkhani"}, "normalized_key"),
        ("participants", {"mentions": 0}, "greater_than_or_equal_to"),
        ("participants", {"first_end": 0}, "first_span_ordered"),
        ("participants", {"participant_id": "0000000000000000:p1"}, "id_prefixed_by_article"),
        ("participants", {"participant_id": "x:p1"}, "str_matches"),
        ("events", {"cameo_code": "999"}, "isin"),
        ("events", {"event_type": "visit"}, "cameo_code_matches_event_type"),
        ("events", {"status": "maybe"}, "isin"),
        ("events", {"location_country": "Azerbaijan"}, "iso3166_alpha3"),
        ("events", {"date_precision": None}, "date_precision_iff_event_date"),
        ("events", {"confidence": 1.5}, "less_than_or_equal_to"),
        ("events", {"trigger_end": None}, "trigger_span_ordered"),
        ("events", {"end": 0}, "span_ordered"),
        ("event_participants", {"role": "guest"}, "isin"),
        ("event_participants", {"participant_id": "0000000000000000:p1"}, "same_article"),
        ("quotes", {"kind": "rumour"}, "isin"),
        ("quotes", {"speaker_end": None}, "speaker_span_ordered"),
        ("quotes", {"cue_start": 10**6}, "cue_span_ordered"),
        ("quotes", {"speaker_participant_id": "0000000000000000:p1"}, "speaker_in_same_article"),
        ("quotes", {"quote_id": "5351f921982c2abb:q0"}, "str_matches"),
    ],
)
def test_rule_caught(
    tables: dict[str, pl.DataFrame], table: str, changes: dict[str, Any], check: str
) -> None:
    frame = (
        tables[table]
        .head(1)
        .with_columns(pl.lit(v, dtype=tables[table].schema[c]).alias(c) for c, v in changes.items())
    )
    assert check in _failures(table, frame)


@pytest.mark.parametrize("table", TABLES)
def test_primary_key_unique(tables: dict[str, pl.DataFrame], table: str) -> None:
    frame = tables[table]
    doubled = pl.concat([frame.head(1), frame.head(1)])
    assert _failures(table, doubled) & {"field_uniqueness", "multiple_fields_uniqueness"}
