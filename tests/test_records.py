"""The per-row records: plain classes that behave as the dataclasses they replaced did."""

from __future__ import annotations

import datetime as dt
import pickle
from dataclasses import dataclass, field

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from etl.records import SCHEMAS, Article, Event, EventParticipant, Participant, Quote, Reject, to_frame


# the dataclasses as they were, to compare against
@dataclass(slots=True)
class _Participant:
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
class _Event:
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
class _EventParticipant:
    event_id: str
    participant_id: str
    role: str


@dataclass(slots=True)
class _Quote:
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


P_ARGS = ("a:p1", "a", "Ilham Aliyev", "person", "President", None, "AZE", "ilham aliyev")
E_ARGS = (
    "a:e1",
    "a",
    "meeting",
    "040",
    "occurred",
    "met",
    "Baku",
    "AZE",
    dt.date(2022, 7, 15),
    "Friday",
    "day",
)
E_ARGS += (10, 90, 0.8)
Q_ARGS = ("a:q1", "a", "we agree", 3, 11, "direct", "Aliyev", "a:p1", 20, 26, "said", 27, 31)
CASES = [
    (Participant, _Participant, P_ARGS, {}),
    (
        Participant,
        _Participant,
        P_ARGS,
        {"aliases": ["Aliyev"], "mentions": 3, "first_start": 5, "first_end": 9},
    ),
    (Event, _Event, E_ARGS, {}),
    (Event, _Event, E_ARGS, {"trigger_start": 40, "trigger_end": 43}),
    (EventParticipant, _EventParticipant, ("a:e1", "a:p1", "host"), {}),
    (Quote, _Quote, Q_ARGS, {}),
]


def test_records_compare_print_and_pickle_as_the_dataclasses_did() -> None:
    for cls, old, args, kwargs in CASES:
        new, was = cls(*args, **kwargs), old(*args, **kwargs)
        assert repr(new) == repr(was).replace("_", "", 1)
        assert new == cls(*args, **kwargs) and new != cls("x", *args[1:], **kwargs)
        assert pickle.loads(pickle.dumps(new)) == new
        assert [getattr(new, c) for c in SCHEMAS_OF[cls]] == [getattr(was, c) for c in SCHEMAS_OF[cls]]
    # the frozen one hashes by value, the others not at all
    assert hash(EventParticipant("e", "p", "host")) == hash(EventParticipant("e", "p", "host"))
    for cls, _, args, kwargs in CASES:
        if cls is not EventParticipant:
            with pytest.raises(TypeError, match="unhashable"):
                hash(cls(*args, **kwargs))
    # defaults are not shared between records
    one, two = Participant(*P_ARGS), Participant(*P_ARGS)
    one.aliases.append("x")
    assert two.aliases == []


SCHEMAS_OF = {
    Participant: SCHEMAS["participants"],
    Event: SCHEMAS["events"],
    EventParticipant: SCHEMAS["event_participants"],
    Quote: SCHEMAS["quotes"],
}
TABLE_OF = {
    Participant: "participants",
    Event: "events",
    EventParticipant: "event_participants",
    Quote: "quotes",
}


def test_to_frame_gives_the_dataclasses_frame() -> None:
    for cls, old, args, kwargs in CASES:
        table = TABLE_OF[cls]
        got = to_frame(table, [cls(*args, **kwargs)])
        # the old records went through dataclasses.asdict
        assert_frame_equal(got, to_frame(table, [old(*args, **kwargs)]))
        assert got.schema == pl.Schema(SCHEMAS[table])


def test_frozen_dataclass_records_pickle() -> None:
    art = Article("a", "s.txt", None, "T", dt.datetime(2022, 7, 15, 21, 38), "BAKU", "en", "T\nx", 2, 1)
    rej = Reject("quotes", "a:q1", "s.txt", "{}", "rule")
    assert pickle.loads(pickle.dumps(art)) == art and pickle.loads(pickle.dumps(rej)) == rej
