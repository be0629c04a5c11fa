"""Property: parse_docs never raises on any Unicode text and every span keeps the contract."""

from __future__ import annotations

import polars as pl
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from etl.articles import RawDoc
from etl.parse import parse_docs
from etl.validate import validate_tables

# Pieces that stress the extractors: quotation marks of every kind, unbalanced
# or nested; reporting verbs and names; control characters; right-to-left
# text; line breaks of every kind; combining marks and astral characters.
FRAGMENTS = [
    '"',
    "“",
    "”",
    "«",
    "»",
    "‘",
    "’",
    "'",
    "„",
    ' "We agreed," he said. ',
    "“Never,” said President Ilham Aliyev",
    " according to Foreign Minister Ali Shamkhani, ",
    " stressed that ",
    " met in Baku on Friday ",
    "TEHRAN—",
    "BAKU, July 15 (Reuters) - ",
    "July 15, 2022 - 21:38",
    "\n",
    "\r\n",
    "\n\n",
    "\u2028",
    "\x00",
    "\x1b[0m",
    "\t",
    "שלום עולם",
    "مرحبا بالعالم",
    "\u202e",
    "e\u0301",
    "😀",
    "𝔘𝔫𝔦",
    ".",
    " ",
    "Mr.",
    "U.S.",
]

texts = st.one_of(
    st.text(),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=60).map("".join),
)


def _inside(frame: pl.DataFrame, start: str, end: str, text: str) -> bool:
    spans = frame.select(start, end).drop_nulls().rows()
    return all(0 <= a < b <= len(text) for a, b in spans)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
# one line with white space before it: its title and body sentences once overlapped, and a quote
# paired marks across the two readings (start 19, end 4)
@example(' 0"0"ACCORDING TO,"0')
def test_parse_never_raises_and_keeps_span_invariants(text: str) -> None:
    res = parse_docs([RawDoc(source="prop", text=text)])
    arts = res.tables["articles"]
    assert arts.height + res.rejects.height == 1
    if arts.height == 0:
        return
    assert arts["text"].to_list() == [text]
    assert 0 <= arts["body_start"][0] <= len(text)
    quotes = res.tables["quotes"]
    assert _inside(quotes, "start", "end", text)
    assert _inside(quotes, "speaker_start", "speaker_end", text)
    assert _inside(quotes, "cue_start", "cue_end", text)
    assert all(q == text[a:b] for q, a, b in quotes.select("text", "start", "end").rows())
    assert _inside(res.tables["participants"], "first_start", "first_end", text)
    assert _inside(res.tables["events"], "start", "end", text)
    ids = res.tables["participants"]["participant_id"]
    assert ids.n_unique() == ids.len()
    # the schemas and cross-table invariants of the contract hold: nothing rejected
    assert validate_tables(res.tables).rejects.height == 0


def test_one_200000_word_paragraph_parses_within_the_contract() -> None:
    # a run-on paragraph must neither hang the extractors (sentences are capped)
    # nor yield a row that breaks a rule
    words = (
        'the minister said that talks with Iran were good and Mr. Smith met officials in Baku "we agree" he'
    )
    pool = words.split()
    text = "Title\n\n" + " ".join(pool[(i * 7919) % len(pool)] for i in range(200_000)) + "."
    res = parse_docs([RawDoc(source="long", text=text)])
    assert res.tables["articles"].height == 1
    assert res.tables["quotes"].height > 0
    assert validate_tables(res.tables).rejects.height == 0
