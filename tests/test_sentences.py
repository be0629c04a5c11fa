"""Sentence and paragraph spans."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl import sentences
from etl.sentences import MAX_SENTENCE_CHARS, paragraphs, sentence_at, split_sentences

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear"


def _texts(text: str) -> list[str]:
    return [s.text(text) for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", ["One.", "Two."]),
        ("Mr. Blair met Dr. Abbas. They talked.", ["Mr. Blair met Dr. Abbas.", "They talked."]),
        ("Rep. G.K. Butterfield spoke. Then left.", ["Rep. G.K. Butterfield spoke.", "Then left."]),
        ("The U.S. Senate voted. It passed.", ["The U.S. Senate voted.", "It passed."]),
        ('"We won," he said. "Good."', ['"We won," he said.', '"Good."']),
        ("It rose 3.5 percent. Fine.", ["It rose 3.5 percent.", "Fine."]),
        ("Line one\nLine two", ["Line one", "Line two"]),
        ('He said: "Go." Then he left.', ['He said: "Go."', "Then he left."]),
        ("", []),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ("  a b \r\n\r\n c\n", 0, ["a b", "c"]),
        ("\u00a0a\u2028\x1c\n\t\n b\u3000", 0, ["a", "b"]),  # any white space str.isspace knows
        ("abc de\nf", 1, ["bc de", "f"]),  # the first line starts at start
    ],
)
def test_paragraphs_trim_whitespace(text: str, start: int, expected: list[str]) -> None:
    assert [text[a:b] for a, b in paragraphs(text, start)] == expected


def test_sentence_at() -> None:
    text = "One. Two."
    sents = split_sentences(text)
    assert sentence_at(sents, 0) == 0
    assert sentence_at(sents, 6) == 1
    assert sentence_at(sents, 4) is None


@given(st.text())
def test_spans_are_inside_text_and_ordered(text: str) -> None:
    prev = 0
    for s in split_sentences(text):
        assert prev <= s.start < s.end <= len(text)
        assert "\n" not in text[s.start : s.end]
        prev = s.end


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It is over.'' ''Now we go,'' she said.", ["It is over.''", "''Now we go,'' she said."]),
        ("``We won,'' he said. ``Good.''", ["``We won,'' he said.", "``Good.''"]),
    ],
)
def test_doubled_quote_marks(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_run_on_sentence_is_cut_at_white_space() -> None:
    text = " ".join(["word"] * 2000) + "."
    sents = split_sentences(text)
    assert len(sents) > 1
    assert all(s.end - s.start <= MAX_SENTENCE_CHARS for s in sents)
    assert all(text[s.start] != " " and text[s.end - 1] != " " for s in sents)
    assert sents[0].start == 0 and sents[-1].end == len(text)


@pytest.mark.parametrize(
    ("start", "first", "expected"),
    [
        (0, 0, [(0, 11, 0), (12, 15, 0), (16, 20, 1)]),
        (16, 3, [(16, 20, 3)]),
    ],
)
def test_paragraphs_numbered_from_first_paragraph(
    start: int, first: int, expected: list[tuple[int, int, int]]
) -> None:
    sents = split_sentences("He met Kim. Ok.\nYes.", start, first_paragraph=first)
    assert [(s.start, s.end, s.paragraph) for s in sents] == expected


# The regex scans split_sentences and paragraphs replaced (str.find to the line breaks and to
# the marks _END opens with): the spans must stay the same on any text.
_OLD_PARAGRAPH = re.compile(r"\S(?:[^\n]*\S)?")
_MARKY = st.text(alphabet=st.sampled_from(list("aB1. !?…\"”’'()\n\t\u00a0\u3000Mr")), max_size=80)


def _old_split(text: str, start: int, end: int | None) -> list[tuple[int, int, int]]:
    end = len(text) if end is None else end
    out: list[tuple[int, int, int]] = []
    for p_idx, (a, b) in enumerate(m.span() for m in _OLD_PARAGRAPH.finditer(text, start, end)):
        s = a
        for m in sentences._END.finditer(text, a, b):
            if (
                text[m.start()] == "."
                and m.end() == m.start() + 1
                and sentences._is_abbreviation(text, a, m.start())
            ):
                continue
            out.append((s, m.end(), p_idx))
            s = m.end()
            while s < b and text[s].isspace():
                s += 1
        if s < b:
            out.append((s, b, p_idx))
    return out


@given(_MARKY, st.integers(0, 5), st.integers(0, 5))
def test_same_spans_as_the_regex_scans(text: str, cut_start: int, cut_end: int) -> None:
    end = max(0, len(text) - cut_end)
    old_paras = [m.span() for m in _OLD_PARAGRAPH.finditer(text, cut_start, end)]
    assert paragraphs(text, cut_start, end) == old_paras
    assert list(sentences.iter_paragraphs(text, cut_start, end)) == old_paras
    got = [(s.start, s.end, s.paragraph) for s in split_sentences(text, cut_start, end)]
    assert got == _old_split(text, cut_start, end)


def test_sentence_compares_and_hashes_by_value() -> None:
    a, b = sentences.Sentence(1, 5, 0), sentences.Sentence(1, 5, 0)
    assert a == b and hash(a) == hash(b) and a != sentences.Sentence(1, 5, 1)
    assert {a: 1}[b] == 1 and repr(a) == "Sentence(start=1, end=5, paragraph=0)"


_ENDY = st.text(alphabet=st.sampled_from(list("aA1.!?…\"”’»)]“‘«'(`[ \t\u00a0\u3000")), max_size=40)


@given(_ENDY, st.integers(0, 3))
def test_end_after_is_the_end_regex(text: str, cut: int) -> None:
    b = max(0, len(text) - cut)
    for i in range(b):
        if text[i] in sentences._END_MARKS:
            m = sentences._END.match(text, i, b)
            assert sentences._end_after(text, i, b) == (m.end() if m else -1)


def test_end_after_is_the_end_regex_on_the_corpus() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*/*.txt"))]
    if not texts:
        pytest.skip("PolNeAR texts not available")
    for text in texts:
        for i, ch in enumerate(text):
            if ch in sentences._END_MARKS:
                b = text.find("\n", i)
                b = len(text) if b < 0 else b
                m = sentences._END.match(text, i, b)
                assert sentences._end_after(text, i, b) == (m.end() if m else -1)


def _old_is_abbreviation(text: str, para_start: int, dot: int) -> bool:
    window = text[max(para_start, dot - sentences.ABBREVIATION_LOOKBACK) : dot]
    word = window[len(window.rstrip(sentences._WORD_CHARS)) :].lstrip(".")
    if not word:
        return False
    if word.lower() in sentences.ABBREVIATIONS or word in sentences.ABBREVIATIONS:
        return True
    last = word.rsplit(".", 1)[-1]
    return len(last) == 1 and last.isupper()


_ABBREVY = st.lists(
    st.sampled_from(["Mr", "mr", "U", "S", ".", " ", "Gov", "é", "K", "x", "1", "Messrs"]), max_size=16
)


@given(_ABBREVY.map("".join), st.integers(0, 4))
def test_is_abbreviation_as_before(text: str, para_start: int) -> None:
    for dot in range(len(text) + 1):
        start = min(para_start, dot)
        assert sentences._is_abbreviation(text, start, dot) == _old_is_abbreviation(text, start, dot)


def test_is_abbreviation_as_before_on_the_corpus() -> None:
    for path in sorted(CORPUS.glob("*/*.txt"))[:300]:
        text = path.read_text(encoding="utf-8")
        for dot, ch in enumerate(text):
            if ch == ".":
                start = text.rfind("\n", 0, dot) + 1
                assert sentences._is_abbreviation(text, start, dot) == _old_is_abbreviation(text, start, dot)
