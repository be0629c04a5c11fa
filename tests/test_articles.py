"""Header parsing: title, date line, dateline, body offsets, furniture."""

from __future__ import annotations

import datetime as dt
import pickle
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl import sentences
from etl.articles import (
    _WIRE_DATELINE,
    _WORD,
    ArticleParseError,
    RawDoc,
    article_id,
    count_words,
    count_words_by_bytes,
    find_dateline,
    parse_article,
    parse_date,
)

SEED = Path(__file__).resolve().parents[1] / "examples" / "tehran-baku-2022-07-15.txt"


def _parse(text: str, **meta: object):
    return parse_article(RawDoc(source="t.txt", text=text, **meta))  # type: ignore[arg-type]


def test_seed_header() -> None:
    text = SEED.read_text(encoding="utf-8")
    parsed = _parse(text)
    art = parsed.article
    assert art.title == "Shamkhani tells Aliyev external factors shouldn’t affect Tehran-Baku ties"
    assert art.published_at == dt.datetime(2022, 7, 15, 21, 38)
    assert art.dateline == "TEHRAN"
    assert art.body_start == 98
    assert text[parsed.body_end :].startswith("Leave a Comment")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("TEHRAN— Ali Shamkhani met", "TEHRAN"),
        ("BAKU, July 15 (Reuters) - Talks began", "BAKU"),
        ("WASHINGTON ― Donald Trump’s obsession", "WASHINGTON"),
        ("SEOUL, Dec. 29 (Yonhap) -- Foreign Minister", "SEOUL"),
        ("Shamkhani stressed the importance - of ties", None),
        ("The US - Iran talks", None),
    ],
)
def test_dateline(line: str, expected: str | None) -> None:
    assert find_dateline(line, 0) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # wire copy behind a headline block: the dateline is a few paragraphs in
        (
            "(LEAD) Aide visits Poland\n\n2025-12-29\n\n(LEAD) aide-exports\n\n"
            "SEOUL, Dec. 29 (Yonhap) -- The chief of staff left for Warsaw.",
            "SEOUL",
        ),
        # a capitalised word and a month in a plain sentence is no dateline
        ("Talks resume\n\nNATO officials said on Dec. 29 that talks resume.", None),
        # past the window: a story's own later paragraph is not its dateline
        ("Headline\n\n" + "Text goes on. " * 80 + "\n\nSEOUL, Dec. 29 (Yonhap) -- More.", None),
    ],
)
def test_dateline_behind_a_headline_block(text: str, expected: str | None) -> None:
    assert parse_article(RawDoc(source="wire.txt", text=text)).article.dateline == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("July 15, 2022 - 21:38", dt.datetime(2022, 7, 15, 21, 38)),
        ("2024-07-20", dt.datetime(2024, 7, 20)),
        ("2024-07-20T10:00:00+02:00", dt.datetime(2024, 7, 20, 10, 0)),
        (dt.date(2020, 1, 2), dt.datetime(2020, 1, 2)),
        ("", None),
        (None, None),
        ("not a date at all", None),
    ],
)
def test_parse_date(value: object, expected: dt.datetime | None) -> None:
    assert parse_date(value) == expected  # type: ignore[arg-type]


def test_metadata_title_and_date_win() -> None:
    art = _parse("Body line one.\nBody two.", title="Given title", published="2020-05-01").article
    assert art.title == "Given title"
    assert art.published_at == dt.datetime(2020, 5, 1)
    assert art.body_start == 0


def test_first_line_is_title_when_metadata_has_none() -> None:
    art = _parse("A title\n\nThe body starts here.").article
    assert art.title == "A title"
    assert art.body_start == len("A title\n\n")
    assert art.published_at is None


def test_crlf_text_is_kept_unchanged() -> None:
    text = "Title\r\n\r\nJanuary 3, 2021\r\n\r\nBody.\r\n"
    art = _parse(text).article
    assert art.text == text
    assert art.published_at == dt.datetime(2021, 1, 3)
    assert text[art.body_start :].startswith("Body.")


def test_id_is_hash_of_text() -> None:
    assert article_id("abc") == "ba7816bf8f01cfea"
    assert _parse("x\ny").article.article_id == article_id("x\ny")


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_empty_text_is_an_error(text: str) -> None:
    with pytest.raises(ArticleParseError):
        _parse(text)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("Xi met Putin in 2024.", 5),
        ("don't, it's O'Brien", 3),  # an apostrophe between letters joins them
        ("don’t “stop” — now", 3),  # curly marks and dashes
        ("a'b'c", 1),
        ("rock 'n' roll", 3),  # an apostrophe before or after a word is no part of it
        ("'tis a''b x'", 4),
        ("snake_case co-op U.S.", 5),  # hyphens and periods split words, underscores do not
        ("a\u00a0b", 2),  # no-break space
        ("café naïve", 2),  # other letters: counted by the regex
        ("Ⅻ ½ x²", 3),  # numerals count as words
        ("a\u2009b\u200dc", 3),  # thin space, zero-width joiner
        ("é’s x", 2),
    ],
)
def test_count_words(text: str, words: int) -> None:
    assert count_words(text) == words
    assert count_words_by_bytes(text) == words
    assert sentences.count_words(text) == words


@given(
    st.text(
        alphabet=st.sampled_from(list("ab_1 '’\u00a0\u2009-.éⅫ½²\u0301\ud800\t\n")) | st.characters(),
        max_size=30,
    )
)
def test_word_counts_agree_with_the_regex(text: str) -> None:
    expected = len(_WORD.findall(text))
    assert sentences.count_words(text) == expected
    assert count_words_by_bytes(text) == expected


# the wire dateline as first spelt, with a leading word boundary
_BOUNDARY_FIRST = re.compile(
    r"\b(?P<place>[A-Z]{3,}(?:[ -][A-Z]{3,})*),\s+"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\s*"
    r"\([A-Z][\w .&-]*\)\s*(?:--|—|–|-)"
)
_WIRE_LIKE = st.tuples(
    st.sampled_from(["", "a", "é", "_", "1", " ", "(", "X"]),
    st.sampled_from(["SEOUL", "NEW YORK", "XI", "LA", "ABC-DEF", "ABCD EF"]),
    st.sampled_from([", ", ",", " "]),
    st.sampled_from(["Dec. ", "Jan ", "Sept. "]),
    st.sampled_from(["29 ", "7", "123 "]),
    st.sampled_from(["(Yonhap) ", "(AP)", "(x) "]),
    st.sampled_from(["--", "—", "-", ""]),
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_WIRE_LIKE | st.text(max_size=40))
def test_wire_dateline_pattern_matches_as_its_boundary_first_spelling(text: str) -> None:
    for pos in range(len(text) + 1):
        a, b = _WIRE_DATELINE.search(text, pos), _BOUNDARY_FIRST.search(text, pos)
        assert (a and (a.span(), a.group("place"))) == (b and (b.span(), b.group("place")))


def test_doc_carries_the_dateline_find_dateline_gives() -> None:
    # entities read Doc.dateline instead of finding the dateline again
    from etl.articles import RawDoc
    from etl.doc import Doc

    for path in sorted(Path("../shared/data/polnear/dev").glob("*.txt"))[:200]:
        parsed = parse_article(RawDoc(source=str(path), text=path.read_text()))
        doc = Doc.from_parsed(parsed)
        assert doc.dateline_known
        assert doc.dateline == find_dateline(doc.text, doc.body_start)


def test_documents_and_parsed_articles_pickle() -> None:
    doc = RawDoc("a.txt", "Title\n\nBody text.", "Title", "2022-07-15", "Pub", "https://x.org/a")
    assert pickle.loads(pickle.dumps(doc)) == doc
    parsed = parse_article(doc)
    assert pickle.loads(pickle.dumps(parsed)) == parsed
