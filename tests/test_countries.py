"""States in the text: names, capitals and demonyms as ISO 3166-1 alpha-3 codes."""

from __future__ import annotations

import pycountry
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from etl.countries import canonical_names, code_of, find_countries
from etl.lexicons import load_map


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Iran and the Republic of Azerbaijan",
            [("Iran", "IRN", "name"), ("Republic of Azerbaijan", "AZE", "name")],
        ),
        ("U.S. President Donald Trump", [("U.S.", "USA", "name")]),
        ("the US and South Korea", [("US", "USA", "name"), ("South Korea", "KOR", "name")]),
        ("North Korea and the DPRK", [("North Korea", "PRK", "name"), ("DPRK", "PRK", "name")]),
        ("Tehran is certain", [("Tehran", "IRN", "capital")]),
        ("Azerbaijani President", [("Azerbaijani", "AZE", "demonym")]),
        ("The Azeri president", [("Azeri", "AZE", "demonym")]),
        ("The Israelis described", [("Israelis", "ISR", "demonym")]),
        ("Jordan Peterson wrote", []),
        ("thus us and them", []),
        # a province named after another state names neither
        ("New Jersey Gov. Chris Christie", []),
        ("in New Mexico and Mexico", [("Mexico", "MEX", "name")]),
        ("Northern Ireland and Ireland", [("Ireland", "IRL", "name")]),
    ],
)
def test_find_countries(text: str, expected: list[tuple[str, str, str]]) -> None:
    got = [(text[h.start : h.end], h.code, h.form) for h in find_countries(text)]
    assert got == expected


@pytest.mark.parametrize(("word", "plural"), [("Israelis", True), ("Israeli", False), ("Swiss", False)])
def test_plural_demonym(word: str, plural: bool) -> None:
    (hit,) = find_countries(word)
    assert hit.plural is plural


@pytest.mark.parametrize(
    ("surface", "code"),
    [
        ("Russia", "RUS"),
        ("the United States", "USA"),
        ("Moscow", "RUS"),
        ("Ukrainian", "UKR"),
        ("Atlantis", None),
    ],
)
def test_code_of(surface: str, code: str | None) -> None:
    assert code_of(surface) == code


@pytest.mark.parametrize(
    ("code", "name"), [("USA", "United States"), ("KOR", "South Korea"), ("IRN", "Iran")]
)
def test_canonical_name(code: str, name: str) -> None:
    assert canonical_names()[code] == name


@pytest.mark.parametrize("lexicon", ["demonyms", "capitals", "country_names"])
def test_lexicon_codes_are_iso(lexicon: str) -> None:
    bad = [c for c in load_map(lexicon).values() if pycountry.countries.get(alpha_3=c) is None]
    assert bad == []


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("Iran's envoy met U.S. officials in South Korea.", [0, 17, 35]),
        ("He left Iran. Seoul said so.", [8, 14]),  # a word's full stop is cut for the test
        ("The U.S.A. and O'Seoul or ’Iran’s and Iran’s.", [27]),  # whole words only
        ("x-Iran .Iran Iranian IRAN", []),  # glued to a hyphen or a dot: no word of its own
    ],
)
def test_phrase_starts(text: str, starts: list[int]) -> None:
    from etl.countries import phrase_starts

    heads = frozenset({"Iran", "U.S.", "South", "Seoul"})
    assert phrase_starts(text, heads) == starts
    # from an offset inside the text, the words are read one by one: the same starts
    assert [p - 1 for p in phrase_starts(" " + text, heads, 1)] == starts


# capitals, marks CAP_WORD reads or stops at, and white space of several kinds
_CAP_TEXT = st.lists(
    st.sampled_from([*" \n\t\u00a0.-'’_Ab7éS", "U.S.", "Iran", "Iran's", "O'Seoul", "x-Iran", "  "]),
    max_size=16,
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(_CAP_TEXT, st.integers(0, 40), st.integers(0, 40))
@example("He left U.S.-led Iran. Seoul", 8, 22)
def test_whole_text_words_are_a_spaced_sentences_own(text: str, start: int, end: int) -> None:
    from etl.countries import CAP_WORD, cap_words

    start, end = min(start, end, len(text)), min(max(start, end), len(text))
    spans, starts, _ = cap_words(text, frozenset())
    assert starts == [a for a, _ in spans]
    spaced = (start == 0 or text[start - 1].isspace()) and (end == len(text) or text[end].isspace())
    if spaced:
        own = [m.span() for m in CAP_WORD.finditer(text, start, end)]
        assert [(a, b) for a, b in spans if start <= a < end] == own


@settings(max_examples=1000, deadline=None)
@given(st.text(st.sampled_from([*"'’s.Ia "]), max_size=6), st.integers(0, 6), st.integers(0, 6))
def test_bare_end_is_the_string_tests(text: str, a: int, b: int) -> None:
    from etl.countries import _bare_end

    a, b = min(a, b, len(text)), min(max(a, b), len(text))
    want = b
    if text.endswith(("'s", "’s"), a, b):
        want = b - 2
    elif text.endswith(".", a, b) and text.count(".", a, b) == 1:
        want = b - 1
    assert _bare_end(text, a, b) == want
