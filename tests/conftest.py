"""Shared fixtures: the example article as hand-made exact tables, and tiny databases built from it.

Extraction is still being built, so tests that need exact rows use
:func:`hand_tables` (records typed with :mod:`etl.records`, offsets found in
the example text), and tests that only need "whatever parse gives" use
:func:`etl.parse.parse_docs` on the example article.
"""

from __future__ import annotations

import datetime as dt
import functools
import shutil
from pathlib import Path

import polars as pl
import pytest

from etl.parse import parse_docs
from etl.readers import read_txt
from etl.records import Event, EventParticipant, Participant, Quote, to_frame

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "tehran-baku-2022-07-15.txt"


@functools.cache
def example_article() -> pl.DataFrame:
    """The articles table that parse gives for the example article (polars frames are immutable: shared)."""
    return parse_docs(read_txt(EXAMPLE)).tables["articles"]


def _span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def _sentence(text: str, needle: str) -> tuple[int, int]:
    """The paragraph holding ``needle`` (each sentence used here is its own paragraph)."""
    start = text.rindex("\n", 0, text.index(needle)) + 1
    end = text.index("\n", start)
    return start, end


def hand_tables() -> dict[str, pl.DataFrame]:
    """Exact tables for the example article, typed as the contract says."""
    articles = example_article()
    aid = articles.item(0, "article_id")
    text = articles.item(0, "text")
    ali = _span(text, "Ali Shamkhani")
    ilham = _span(text, "Ilham Aliyev")
    usubov = _span(text, "Ramil Usubov")
    participants = [
        Participant(
            f"{aid}:p1",
            aid,
            "Ali Shamkhani",
            "person",
            "Secretary of the Supreme National Security Council",
            "Supreme National Security Council",
            "IRN",
            "ali shamkhani",
            ["Shamkhani", "the SNSC chief"],
            3,
            *ali,
        ),
        Participant(
            f"{aid}:p2",
            aid,
            "Ilham Aliyev",
            "person",
            "President",
            None,
            "AZE",
            "ilham aliyev",
            ["Aliyev", "The Azeri president"],
            2,
            *ilham,
        ),
        Participant(
            f"{aid}:p3",
            aid,
            "Ramil Usubov",
            "person",
            "Secretary of the Security Council",
            None,
            "AZE",
            "ramil usubov",
            [],
            1,
            *usubov,
        ),
    ]
    first_met = _span(text, "met")
    later_met = _span(text, "met", text.index("Later, Shamkhani"))
    events = [
        Event(
            f"{aid}:e1",
            aid,
            "meeting",
            "040",
            "occurred",
            "met",
            "Baku",
            "AZE",
            dt.date(2022, 7, 15),
            "on Friday",
            "day",
            *_sentence(text, "Ali Shamkhani"),
            0.9,
            *first_met,
        ),
        Event(
            f"{aid}:e2",
            aid,
            "meeting",
            "040",
            "occurred",
            "met",
            None,
            None,
            None,
            None,
            None,
            *_sentence(text, "Later, Shamkhani"),
            0.8,
            *later_met,
        ),
    ]
    event_participants = [
        EventParticipant(f"{aid}:e1", f"{aid}:p1", "visitor"),
        EventParticipant(f"{aid}:e1", f"{aid}:p2", "host"),
        EventParticipant(f"{aid}:e2", f"{aid}:p1", "participant"),
        EventParticipant(f"{aid}:e2", f"{aid}:p3", "participant"),
    ]
    direct = _span(
        text, "With mutual cooperation, we should not allow any factor to drive distance between us."
    )
    one_nation = _span(text, "We were one nation in the past")
    one_nation = (one_nation[0], text.index("”", one_nation[0]))
    said = _span(text, "said", text.index("During the meeting"))
    shamkhani_later = _span(text, "Shamkhani", text.index("During the meeting"))
    stated = _span(text, "stated", text.index("The SNSC chief stated"))
    indirect_start = stated[1] + len(" that ")
    indirect = (indirect_start, text.index(".", indirect_start))
    snsc = _span(text, "The SNSC chief", text.index("During the meeting"))
    quotes = [
        Quote(
            f"{aid}:q1",
            aid,
            text[direct[0] : direct[1]],
            *direct,
            "direct",
            "Ali Shamkhani",
            f"{aid}:p1",
            *_span(text, "The top security official"),
            "saying",
            *_span(text, "saying"),
        ),
        Quote(
            f"{aid}:q2",
            aid,
            text[one_nation[0] : one_nation[1]],
            *one_nation,
            "direct",
            "Ali Shamkhani",
            f"{aid}:p1",
            *shamkhani_later,
            "said",
            *said,
        ),
        Quote(
            f"{aid}:q3",
            aid,
            text[indirect[0] : indirect[1]],
            *indirect,
            "indirect",
            "Ali Shamkhani",
            f"{aid}:p1",
            *snsc,
            "stated",
            *stated,
        ),
    ]
    return {
        "articles": articles,
        "participants": to_frame("participants", participants),
        "events": to_frame("events", events),
        "event_participants": to_frame("event_participants", event_participants),
        "quotes": to_frame("quotes", quotes),
    }


@pytest.fixture
def tables() -> dict[str, pl.DataFrame]:
    return hand_tables()


@pytest.fixture(scope="session")
def _tiny_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from etl.load import load_tables
    from etl.validate import validate_tables

    db = tmp_path_factory.mktemp("template") / "tiny.duckdb"
    checked = validate_tables(hand_tables())
    assert checked.n_rejected == 0, checked.rejects.to_dicts()
    load_tables(checked.tables, checked.rejects, db)
    return db


@pytest.fixture(scope="session")
def _parsed_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from etl.load import load_tables
    from etl.validate import validate_tables

    db = tmp_path_factory.mktemp("template") / "parsed.duckdb"
    parsed = parse_docs(read_txt(EXAMPLE))
    checked = validate_tables(parsed.tables)
    load_tables(checked.tables, pl.concat([parsed.rejects, checked.rejects]), db)
    return db


@pytest.fixture
def tiny_db(_tiny_template: Path, tmp_path: Path) -> Path:
    """A database of its own holding the hand-made tables of the example article."""
    return Path(shutil.copy(_tiny_template, tmp_path / "tiny.duckdb"))


@pytest.fixture
def parsed_db(_parsed_template: Path, tmp_path: Path) -> Path:
    """A database of its own built from whatever ``parse_docs`` extracts from the example article."""
    return Path(shutil.copy(_parsed_template, tmp_path / "parsed.duckdb"))
