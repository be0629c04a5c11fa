"""Small databases for the report and export tests, built without the loader.

``hand_db`` holds two hand-made articles typed with :mod:`etl.records`: a
plain one whose report rows are known exactly, and a hostile one whose every
string tries to inject markup into the HTML report. ``parsed_example_db``
holds whatever :func:`etl.parse.parse_docs` extracts from the example article
(counts not asserted: extraction is improving under other hands).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import duckdb
import polars as pl

from etl.entities import entity_key
from etl.parse import parse_docs
from etl.readers import read_inputs
from etl.records import TABLES, Article, Event, EventParticipant, Participant, Quote, Reject, to_frame

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "tehran-baku-2022-07-15.txt"

# Each payload, if it ever ran, would mark <body> with data-pwned: the browser
# test looks for that attribute, the string tests for the raw markup.
PWN_IMG = "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">"
PWN_SCRIPT = "</script><script>document.body.setAttribute('data-pwned','script')</script>"
PWN_SVG = "<svg onload=\"document.body.setAttribute('data-pwned','svg')\">"
PAYLOADS = (PWN_IMG, PWN_SCRIPT, PWN_SVG)

PLAIN_TEXT = (
    "Shamkhani meets Aliyev in Baku\n"
    "\n"
    "July 15, 2022\n"
    "\n"
    "BAKU — Ali Shamkhani, the Secretary of Iran's Supreme National Security Council, met Azerbaijani "
    "President Ilham Aliyev on Friday. “Our priority is to deepen relations with our neighbors,” Shamkhani "
    "said. Aliyev said that ties were progressing.\n"
    "Later, Shamkhani met Ramil Usubov. The two will hold a phone call next week.\n"
)

HOSTILE_TITLE = "<b>Bold</b> & \"quoted\" 'title'"
HOSTILE_TEXT = (
    f"{HOSTILE_TITLE}\n"
    "\n"
    "July 20, 2022\n"
    "\n"
    f"Mallory {PWN_IMG} met Eve {PWN_SCRIPT} in Tehran{PWN_SVG}. “{PWN_SCRIPT}” Mallory said.\n"
)


def _aid(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _span(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def _person(aid: str, n: int, text: str, name: str, country: str | None, title: str | None) -> Participant:
    return Participant(
        f"{aid}:p{n}", aid, name, "person", title, None, country, entity_key(name), [], 1, *_span(text, name)
    )


def _plain() -> dict[str, list]:
    text, aid = PLAIN_TEXT, _aid(PLAIN_TEXT)
    body = text.index("BAKU")
    sentence_1 = (body, text.index("Friday.") + len("Friday."))
    later = (text.index("Later,"), text.index("Usubov.") + len("Usubov."))
    call = (text.index("The two will"), text.index("next week.") + len("next week."))
    direct = _span(text, "Our priority is to deepen relations with our neighbors")
    indirect = _span(text, "ties were progressing")
    said_1 = _span(text, "said", direct[1])
    said_2 = _span(text, "said", said_1[1])
    return {
        "articles": [
            Article(aid, "hand/plain.txt", "Tehran Times", "Shamkhani meets Aliyev in Baku",
                    dt.datetime(2022, 7, 15, 21, 38), "BAKU", "en", text, body, len(text.split())),
        ],
        "participants": [
            _person(aid, 1, text, "Ali Shamkhani", "IRN", "Secretary of the National Security Council"),
            _person(aid, 2, text, "Ilham Aliyev", "AZE", "President"),
            _person(aid, 3, text, "Ramil Usubov", "AZE", None),
        ],
        "events": [
            Event(f"{aid}:e1", aid, "meeting", "040", "occurred", "met", "Baku", "AZE", dt.date(2022, 7, 15),
                  "on Friday", "day", *sentence_1, 0.9),
            Event(f"{aid}:e2", aid, "meeting", "040", "occurred", "met", None, None, dt.date(2022, 7, 15),
                  None, "day", *later, 0.8),
            Event(f"{aid}:e3", aid, "call", "040", "planned", "phone call", None, None, dt.date(2022, 7, 22),
                  "next week", "day", *call, 0.7),
            Event(f"{aid}:e4", aid, "visit", "042", "occurred", "traveled", "Baku", "AZE", None, None, None,
                  *sentence_1, 0.6),
        ],
        "event_participants": [
            EventParticipant(f"{aid}:e1", f"{aid}:p1", "visitor"),
            EventParticipant(f"{aid}:e1", f"{aid}:p2", "host"),
            EventParticipant(f"{aid}:e2", f"{aid}:p1", "participant"),
            EventParticipant(f"{aid}:e2", f"{aid}:p3", "participant"),
            EventParticipant(f"{aid}:e3", f"{aid}:p1", "participant"),
            EventParticipant(f"{aid}:e3", f"{aid}:p3", "participant"),
            EventParticipant(f"{aid}:e4", f"{aid}:p1", "visitor"),
        ],
        "quotes": [
            Quote(f"{aid}:q1", aid, text[direct[0]:direct[1]], *direct, "direct", "Ali Shamkhani",
                  f"{aid}:p1", *_span(text, "Shamkhani", direct[1]), "said", *said_1),
            Quote(f"{aid}:q2", aid, text[indirect[0]:indirect[1]], *indirect, "indirect", "Ilham Aliyev",
                  f"{aid}:p2", *_span(text, "Aliyev", direct[1]), "said", *said_2),
        ],
    }  # fmt: skip


def _hostile() -> dict[str, list]:
    text, aid = HOSTILE_TEXT, _aid(HOSTILE_TEXT)
    body = text.index("Mallory")
    mallory, eve = f"Mallory {PWN_IMG}", f"Eve {PWN_SCRIPT}"
    sentence = (body, text.index(PWN_SVG) + len(PWN_SVG) + 1)
    quote = _span(text, PWN_SCRIPT, text.index("“"))
    said = _span(text, "said", quote[1])
    return {
        "articles": [
            Article(aid, f"https://example.org/{PWN_IMG}", "<script>alert('pub')</script>", HOSTILE_TITLE,
                    dt.datetime(2022, 7, 20), None, "en", text, body, len(text.split())),
        ],
        "participants": [
            _person(aid, 1, text, mallory, "IRN", PWN_SVG),
            _person(aid, 2, text, eve, None, None),
        ],
        "events": [
            Event(f"{aid}:e1", aid, "meeting", "040", "occurred", "met", f"Tehran{PWN_SVG}", "IRN",
                  dt.date(2022, 7, 20), PWN_IMG, "day", *sentence, 0.5),
        ],
        "event_participants": [
            EventParticipant(f"{aid}:e1", f"{aid}:p1", "participant"),
            EventParticipant(f"{aid}:e1", f"{aid}:p2", "participant"),
        ],
        "quotes": [
            Quote(f"{aid}:q1", aid, text[quote[0]:quote[1]], *quote, "direct", mallory, f"{aid}:p1",
                  *_span(text, "Mallory", quote[1]), "said", *said),
        ],
    }  # fmt: skip


PLAIN_ID = _aid(PLAIN_TEXT)
HOSTILE_ID = _aid(HOSTILE_TEXT)
REJECTS = [Reject("quotes", f"{PLAIN_ID}:q9", "hand/plain.txt", "{}", "quote text differs from span")]


def write_db(db: Path, tables: dict[str, pl.DataFrame], rejects: pl.DataFrame | None) -> Path:
    """A DuckDB file holding these frames as tables of the same names."""
    with duckdb.connect(str(db)) as con:
        items = [*tables.items(), *([("rejects", rejects)] if rejects is not None else [])]
        for name, frame in items:
            con.register("frame", frame)
            con.execute(f'create table "{name}" as select * from frame')
            con.unregister("frame")
    return db


def hand_tables(hostile: bool = True) -> dict[str, pl.DataFrame]:
    parts = [_plain(), *([_hostile()] if hostile else [])]
    return {t: to_frame(t, [r for p in parts for r in p[t]]) for t in TABLES}


def hand_db(db: Path, hostile: bool = True, with_rejects: bool = True) -> Path:
    rejects = to_frame("rejects", REJECTS) if with_rejects else None
    return write_db(db, hand_tables(hostile), rejects)


def parsed_example_db(db: Path) -> Path:
    result = parse_docs(read_inputs([str(EXAMPLE)]))
    return write_db(db, result.tables, result.rejects)
