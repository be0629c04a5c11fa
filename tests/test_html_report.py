"""The HTML report: exact section rows on a hand-made database, escaping of
hostile text, quote highlighting from offsets, and the named queries' form."""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import polars as pl
import pytest
from _report_db import (
    HOSTILE_ID,
    PAYLOADS,
    PLAIN_ID,
    hand_db,
    hand_tables,
    parsed_example_db,
    write_db,
)

from etl.db import DatabaseError
from etl.html_report import SQL_DIR, ReportError, build_report, collect, quote_window, write_report
from etl.html_sections import Span, esc, highlight, json_html, script_json
from etl.records import TABLES, empty
from etl.sentences import split_sentences


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return hand_db(tmp_path / "hand.duckdb")


@pytest.fixture
def data(db: Path):
    with duckdb.connect(str(db), read_only=True) as con:
        return collect(con, db.name)


class TagCounter(HTMLParser):
    """Start tags and attribute names as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(name for name, _ in attrs)


def parse_tags(page: str) -> TagCounter:
    counter = TagCounter()
    counter.feed(page)
    return counter


# ---------------------------------------------------------------- sections, exact rows


def test_summary_counts_articles_dates_publishers(data) -> None:
    s = data.summary
    assert (s["articles"], s["publishers"]) == (2, 2)
    assert (s["first_published"], s["last_published"]) == (
        dt.datetime(2022, 7, 15, 21, 38),
        dt.datetime(2022, 7, 20),
    )


def test_rows_per_table_lists_every_table(data) -> None:
    assert dict(data.table_counts) == {
        "articles": 2,
        "participants": 5,
        "events": 5,
        "event_participants": 9,
        "quotes": 3,
        "rejects": 1,
    }


def test_rejects_grouped_by_table_and_rule(data) -> None:
    assert data.rejects == [{"table_name": "quotes", "rule": "quote text differs from span", "rows": 1}]


def test_no_rejects_table_is_said(tmp_path: Path) -> None:
    page = build_report(hand_db(tmp_path / "x.duckdb", with_rejects=False))
    assert "The database has no rejects table." in page


def test_network_edges_are_weighted_meeting_and_call_pairs(data) -> None:
    edges = [(e["source"], e["target"], e["weight"], e["meetings"], e["calls"]) for e in data.edges]
    assert edges[:2] == [
        ("ali shamkhani", "ramil usubov", 2, 1, 1),
        ("ali shamkhani", "ilham aliyev", 1, 1, 0),
    ]
    assert len(edges) == 3  # the hostile article's pair is the third


def test_network_nodes_are_the_actors_of_edges(data) -> None:
    plain = {n["name"]: n["country"] for n in data.nodes if not n["name"].startswith(("Mallory", "Eve"))}
    assert plain == {"Ali Shamkhani": "IRN", "Ilham Aliyev": "AZE", "Ramil Usubov": "AZE"}
    assert len(data.nodes) == 5


@pytest.mark.parametrize(
    ("event_type", "status", "is_edge"),
    [
        ("meeting", "occurred", True),
        ("meeting", "planned", True),
        ("call", "occurred", True),
        ("meeting", "denied", False),
        ("visit", "occurred", False),
        ("agreement", "occurred", False),
    ],
)
def test_which_events_make_network_edges(tmp_path: Path, event_type: str, status: str, is_edge: bool) -> None:
    tables = hand_tables(hostile=False)
    # keep only the Shamkhani–Aliyev meeting, retyped
    tables["events"] = (
        tables["events"]
        .filter(pl.col("event_id") == f"{PLAIN_ID}:e1")
        .with_columns(event_type=pl.lit(event_type), status=pl.lit(status))
    )
    tables["event_participants"] = tables["event_participants"].filter(pl.col("event_id") == f"{PLAIN_ID}:e1")
    db = write_db(tmp_path / "one.duckdb", tables, None)
    with duckdb.connect(str(db), read_only=True) as con:
        edges = collect(con, db.name).edges
    assert bool(edges) is is_edge


def test_timeline_orders_by_date_undated_last(data) -> None:
    dates = [e["event_date"] for e in data.events]
    assert dates == [
        dt.date(2022, 7, 15),
        dt.date(2022, 7, 15),
        dt.date(2022, 7, 20),
        dt.date(2022, 7, 22),
        None,
    ]
    assert data.events[0]["actors"] == "Ali Shamkhani, Ilham Aliyev"


def test_top_speakers_with_countries(data) -> None:
    rows = [(s["name"], s["country"], s["quotes"], s["direct"]) for s in data.speakers]
    assert rows[:2] == [("Ali Shamkhani", "IRN", 1, 1), ("Ilham Aliyev", "AZE", 1, 0)]


def test_quotes_carry_their_highlighted_sentence(data) -> None:
    by_id = {q["quote_id"]: q["context"] for q in data.quotes}
    assert by_id[f"{PLAIN_ID}:q1"] == (
        '“<span class="hl-quote">Our priority is to deepen relations with our neighbors</span>,” '
        '<span class="hl-speaker">Shamkhani</span> <span class="hl-cue">said</span>.'
    )
    assert by_id[f"{PLAIN_ID}:q2"] == (
        '<span class="hl-speaker">Aliyev</span> <span class="hl-cue">said</span> that '
        '<span class="hl-quote">ties were progressing</span>.'
    )


# ---------------------------------------------------------------- highlighting


@pytest.mark.parametrize(
    ("text", "lo", "hi", "spans", "expected"),
    [
        ("a quote here", 0, 12, [Span(2, 7, "q")], 'a <span class="q">quote</span> here'),
        ("ab", 0, 2, [], "ab"),
        ("x<y>&z", 0, 6, [Span(1, 4, "q")], 'x<span class="q">&lt;y&gt;</span>&amp;z'),
        # overlapping spans: the shared part carries both classes
        ("abcdef", 0, 6, [Span(0, 4, "q"), Span(2, 6, "s")],
         '<span class="q">ab</span><span class="q s">cd</span><span class="s">ef</span>'),
        # spans outside the window are clipped; empty and inverted ones ignored
        ("abcdef", 2, 4, [Span(0, 3, "q"), Span(5, 5, "s"), Span(4, 1, "c")], '<span class="q">c</span>d'),
        # offsets past the end of the text never raise
        ("abc", 0, 99, [Span(1, 99, "q")], 'a<span class="q">bc</span>'),
    ],
)  # fmt: skip
def test_highlight(text: str, lo: int, hi: int, spans: list[Span], expected: str) -> None:
    assert highlight(text, lo, hi, spans) == expected


WINDOW_TEXT = "One two. Three four five. Six."  # sentences (0, 8), (9, 25), (26, 30)


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([(10, 14)], (9, 25)),  # inside the second sentence
        ([(0, 3), (10, 14)], (0, 25)),  # speaker in the first sentence: both sentences
        ([(20, 28)], (9, 30)),  # a quote running over two sentences
        ([(8, 9)], (8, 9)),  # between sentences: the span itself
    ],
)
def test_quote_window_spans_whole_sentences(spans: list[tuple[int, int]], expected: tuple[int, int]) -> None:
    assert quote_window(WINDOW_TEXT, split_sentences(WINDOW_TEXT), spans) == expected


# ---------------------------------------------------------------- escaping: no injection


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_text_never_reaches_the_page_raw(db: Path, payload: str) -> None:
    page = build_report(db)
    assert payload not in page
    assert esc(payload) in page  # it is shown, as text


def test_page_has_only_its_own_elements(db: Path) -> None:
    tags = parse_tags(build_report(db))
    assert tags.tags.count("script") == 2  # the JSON data block and the drawing script
    assert tags.tags.count("svg") == 2  # network and timeline
    assert "img" not in tags.tags
    assert not [a for a in tags.attrs if a.startswith("on")]


def test_hostile_strings_survive_the_json_block(db: Path) -> None:
    page = build_report(db)
    block = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page, re.S)
    assert block is not None
    data = json.loads(block.group(1))
    names = {n["name"] for n in data["network"]["nodes"]}
    assert any(name.startswith("Eve </script>") for name in names)


@pytest.mark.parametrize(
    "value",
    [
        "</script><script>alert(1)</script>",
        "<!-- x",
        "a & b > c",
        "\u2028line\u2029",
        {"k": ["<b>", 1, None]},
    ],
)
def test_script_json_round_trips_without_markup_characters(value: object) -> None:
    text = script_json(value)
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == value


# ---------------------------------------------------------------- data quality


def test_dq_report_failures_are_marked(db: Path, tmp_path: Path) -> None:
    dq = tmp_path / "dq_report.json"
    dq.write_text(
        json.dumps({"tables": {"quotes": {"checked": 4, "failed": 1, "rules": {"text <matches> span": 1}}}}),
        encoding="utf-8",
    )
    page = build_report(db, dq)
    assert '<td class="num bad">1</td>' in page
    assert "text &lt;matches&gt; span" in page


def test_without_dq_report_the_section_says_so(db: Path) -> None:
    assert "No data-quality report was given" in build_report(db)


def test_unreadable_dq_report_is_a_report_error(db: Path, tmp_path: Path) -> None:
    bad = tmp_path / "dq_report.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ReportError, match=r"dq_report\.json"):
        build_report(db, bad)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"rejected": 0}, '<dl><dt>rejected</dt><dd class="num">0</dd></dl>'),
        ({"rejected": 2}, '<dl><dt>rejected</dt><dd class="num bad">2</dd></dl>'),
        ([1, "<x>"], "<ul><li><span>1</span></li><li><span>&lt;x&gt;</span></li></ul>"),
        ({}, '<span class="muted">none</span>'),
    ],
)
def test_json_html_shapes(value: object, expected: str) -> None:
    assert json_html(value) == expected


# ---------------------------------------------------------------- whole page


def test_report_of_the_parsed_example_has_every_section(tmp_path: Path) -> None:
    page = build_report(parsed_example_db(tmp_path / "example.duckdb"))
    for section in ("summary", "network", "timeline", "speakers", "quotes", "quality"):
        assert f'<section id="{section}">' in page


def test_empty_database_still_renders(tmp_path: Path) -> None:
    db = write_db(tmp_path / "empty.duckdb", {t: empty(t) for t in TABLES}, None)
    page = build_report(db)
    assert "No quotes." in page
    assert "No quote has a resolved speaker." in page


def test_same_database_same_bytes(db: Path) -> None:
    assert build_report(db) == build_report(db)


def test_report_leaves_the_database_untouched(db: Path) -> None:
    before = db.read_bytes()
    build_report(db)
    assert db.read_bytes() == before


def test_missing_tables_are_named(tmp_path: Path) -> None:
    db = write_db(tmp_path / "partial.duckdb", {"articles": empty("articles")}, None)
    with pytest.raises(ReportError, match="participants"):
        build_report(db)


def test_missing_database_is_a_database_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="no such database"):
        build_report(tmp_path / "nope.duckdb")


def test_write_report_creates_folders(db: Path, tmp_path: Path) -> None:
    out = write_report(db, tmp_path / "a" / "b" / "report.html")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_hostile_article_quote_is_highlighted_as_text(data) -> None:
    ctx = {q["quote_id"]: q["context"] for q in data.quotes}[f"{HOSTILE_ID}:q1"]
    assert ctx.startswith('“<span class="hl-quote">&lt;/script&gt;&lt;script&gt;')


# ---------------------------------------------------------------- the named queries


SQL_FILES = sorted(SQL_DIR.glob("*.sql"))


def test_there_are_named_queries() -> None:
    assert {p.stem for p in SQL_FILES} >= {"summary", "network_edges", "timeline", "top_speakers", "quotes"}


@pytest.mark.parametrize("path", SQL_FILES, ids=lambda p: p.stem)
def test_named_query_form(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith("-- ") and first == first.lower()
    assert "final as (" in text and "select * from final" in text


def test_capped_sections_say_how_many_rows_were_left_out(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("etl.html_report.MAX_QUOTES", 1)
    monkeypatch.setattr("etl.html_report.MAX_EVENTS", 2)
    page = build_report(db)
    assert "the first 1 of 3 quotes" in page
    assert "Events: the first 2 of 5 events" in page
