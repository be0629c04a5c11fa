"""A person's country from evidence beyond the title: one table of (text, expected) per rule."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from etl import nationality
from etl.articles import RawDoc, parse_article
from etl.doc import Doc
from etl.entities import EntityIndex, find_entities
from etl.nationality import _subdivision_state, is_leader, wire_dateline
from etl.quotemarks import QuoteMap


def _country(text: str, name: str) -> str | None:
    doc = Doc.from_parsed(parse_article(RawDoc(source="t.txt", text=text)))
    index: EntityIndex = find_entities(doc)
    hits = [e for e in index.entities if e.kind == "person" and e.name == name]
    assert hits, f"no person {name!r} among {[e.name for e in index.entities]}"
    return hits[0].country


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(LEAD) Aide visits Poland By Kim Eun-jung SEOUL, Dec. 29 (Yonhap) -- President Lee", "SEOUL"),
        ("Headline\n\nTOKYO, July 28 (Kyodo) — The talks", "TOKYO"),
        ("WASHINGTON, Jan. 5 (Reuters) - The talks", "WASHINGTON"),
        ("Talks in SEOUL, Dec. 29 went on.", None),
        ("Report\n\nThe President said so.", None),
    ],
)
def test_wire_dateline(text: str, expected: str | None) -> None:
    assert wire_dateline(text) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("President", True),
        ("Former President", True),
        ("prime minister", True),
        ("Chancellor", True),
        ("Vice President", False),
        ("Former NAACP president", False),
        ("Since President", False),
        ("National Security Adviser", False),
        (None, False),
    ],
)
def test_is_leader(title: str | None, expected: bool) -> None:
    assert is_leader(title) is expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Virginia Sen.", "USA"),
        ("governor of Texas", "USA"),
        ("Former Arizona State Senator", "USA"),
        ("former New York City Mayor", "USA"),
        # "Paul" is a municipality of Cape Verde, not the office's place
        ("Speaker Paul D. Ryan and Senator", None),
        ("Sen.", None),
    ],
)
def test_subdivision_by_the_office(title: str, expected: str | None) -> None:
    assert _subdivision_state(title) == expected


_BANQUET = (
    "Report\n\nKorean President Lee Jae Myung met Chinese President Xi Jinping. The two presidents, "
    "accompanied by first lady Kim Hea Kyung and Chinese first lady Peng Liyuan, attended."
)
_DEADLINE = (
    "Report\n\nThe United States has given Ukraine and Russia a deadline, Ukrainian President "
    "Volodymyr Zelenskyy said. Russian President Vladimir Putin rejected it. President Donald "
    "Trump's administration proposed talks in the US. Russia and Ukraine swapped prisoners."
)


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # 7: a leader named unqualified in a story filed from a capital
        (
            "Report\n\nWASHINGTON (AP) — President Barack Obama said the vote would wait.",
            "Barack Obama",
            "USA",
        ),
        (
            "Report\n\nWASHINGTON (AP) — Former President Bill Clinton said the race was close.",
            "Bill Clinton",
            "USA",
        ),
        # ... and the leader an aide serves, when the leader is no participant
        (
            "(LEAD) Lee's chief of staff visits Poland\n\nBy Kim Eun-jung SEOUL, Dec. 29 (Yonhap) -- "
            "President Lee Jae Myung's chief of staff is visiting Poland, Cheong Wa Dae said Monday. "
            "Kang Hoon-sik traveled to Poland as the presidential envoy.",
            "Kang Hoon-sik",
            "KOR",
        ),
        # 8: a role the person states in his own quotation
        (
            "Report\n\nFormer President Donald Trump spoke with Ukrainian President Volodymyr Zelensky. "
            "Trump continued, “I, as your next President of the United States, will bring peace.”",
            "Donald Trump",
            "USA",
        ),
        # 9: one of a pair of the same role, the other qualified
        (_BANQUET, "Kim Hea Kyung", "KOR"),
        # 10: the unled state of a three-party story
        (_DEADLINE, "Donald Trump", "USA"),
    ],
)
def test_country_from_evidence(text: str, name: str, country: str) -> None:
    assert _country(text, name) == country


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # 7: no dateline; a dateline abroad whose own officials the story qualifies; a body's head
        ("Report\n\nPresident Barack Obama said the vote would wait.", "Barack Obama"),
        (
            "Report\n\nJERUSALEM (AP) — Israeli Prime Minister Benjamin Netanyahu will meet President "
            "Barack Obama later this month, officials said.",
            "Barack Obama",
        ),
        ("Report\n\nWASHINGTON (AP) — World Bank President Jim Yong Kim said growth slowed.", "Jim Yong Kim"),
        # 8: the quotation is someone else's
        (
            "Report\n\nFormer President Donald Trump phoned him. Ukrainian President Volodymyr Zelensky "
            "said, “I, as President of Ukraine, thank him.”",
            "Donald Trump",
        ),
        # 9: the other member has another role; three leaders' states leave no one other state
        (
            "Report\n\nKorean President Lee Jae Myung met Chinese President Xi Jinping. They were "
            "accompanied by first lady Kim Hea Kyung and Chinese President Xi Jinping.",
            "Kim Hea Kyung",
        ),
        (
            "Report\n\nKorean President Lee Jae Myung, Japanese Prime Minister Fumio Kishida and "
            "Chinese President Xi Jinping met, accompanied by first lady Kim Hea Kyung and Chinese "
            "first lady Peng Liyuan.",
            "Kim Hea Kyung",
        ),
        # 10: one placed leader beside a much-discussed state is no three-party story
        (
            "Report\n\nUS President George W Bush will change course, Prime Minister Tony Blair said. "
            "The prime minister said strikes against Iran were not planned. Iran denied it. The US "
            "agreed.",
            "Tony Blair",
        ),
        # "such as" lists examples and states nobody's role
        (
            "Report\n\nTrump praised authoritarian figures such as Russian President Vladimir Putin, "
            "Trump said.",
            "Trump",
        ),
    ],
)
def test_no_country_without_evidence(text: str, name: str) -> None:
    assert _country(text, name) is None


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        (
            "Report\n\nThe South Korean delegation led by Vice Minister Park Yoon-joo arrived on Monday.",
            "Park Yoon-joo",
            "KOR",
        ),
        (
            "Report\n\nJapan's delegation, headed by Takehiro Funakoshi, met them.",
            "Takehiro Funakoshi",
            "JPN",
        ),
        ("Report\n\nA delegation from Japan led by Takehiro Funakoshi arrived.", "Takehiro Funakoshi", "JPN"),
        (
            "Report\n\nPrime Minister Fumio Kishida hosted US President Joe Biden in Tokyo.",
            "Fumio Kishida",
            "JPN",
        ),
        (
            "Report\n\nXi Jinping on Monday received Korean President Lee Jae Myung in Beijing.",
            "Xi Jinping",
            "CHN",
        ),
    ],
)
def test_group_and_host(text: str, name: str, country: str) -> None:
    assert _country(text, name) == country


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the guest, not the host; a passive host; no guest; a city that is no capital
        ("Report\n\nPrime Minister Fumio Kishida hosted President Joe Biden in Tokyo.", "Joe Biden"),
        ("Report\n\nLee Jae Myung was received by President Xi Jinping in Beijing.", "Lee Jae Myung"),
        ("Report\n\nMr Blair received an award in Paris, Tony Blair said.", "Tony Blair"),
        (
            "Report\n\nPrime Minister Fumio Kishida hosted US President Joe Biden in Hiroshima.",
            "Fumio Kishida",
        ),
        # a delegation led by someone else in the sentence
        ("Report\n\nLloyd Austin said the Japanese delegation led by Kihara had left.", "Lloyd Austin"),
    ],
)
def test_no_group_or_host(text: str, name: str) -> None:
    assert _country(text, name) is None


# pieces of the text after a mention and of quotations, with the words the patterns read
_AFTER_MENTION = st.lists(
    st.sampled_from(
        [*" ,()\n\tI.-", "as", "your", "President", "of", "the", "United States", "D-", "R-N.Y.",
         "hosted", "on", "Monday", "also", "later", "welcomes", "said", "xI", "_I", "é", "last",
         "this", "hosts", "received", "Prime Minister", "Chancellor"]
    ),
    max_size=14,
).map("".join)  # fmt: skip


@settings(max_examples=1000, deadline=None)
@given(_AFTER_MENTION, st.integers(0, 6), st.integers(0, 6))
@example("I, as your President of the United States", 0, 0)
@example("xI as President of France", 1, 0)
def test_self_role_opens_with_its_literal(text: str, cut_start: int, cut_end: int) -> None:
    old = re.compile(r"\bI,?\s+as\s+" + nationality._SELF_ROLE.pattern.split(r"\s+as\s+", 1)[1])
    a = min(cut_start, len(text))
    b = max(a, len(text) - cut_end)
    got, want = nationality._SELF_ROLE.search(text, a, b), old.search(text, a, b)
    assert (got and (got.span(), got.groupdict())) == (want and (want.span(), want.groupdict()))


@settings(max_examples=1000, deadline=None)
@given(_AFTER_MENTION, st.integers(0, 4))
@example(" , on Monday, hosted ", 0)
@example(" (R-N.Y.)", 0)
def test_first_character_guards_pass_every_match(text: str, at: int) -> None:
    at = min(at, len(text))
    first = nationality._after_space(text, at)
    if nationality._HOST_VERB.match(text, at):
        assert first in nationality._HOST_VERB_OPENERS
    if nationality._PARTY_TAG.match(text, at, at + 30):
        assert first in nationality._PARTY_TAG_OPENERS
    if nationality._AS_OWNER.match(text, at):
        assert "A" <= text[at] <= "Z"


@settings(max_examples=1000, deadline=None)
@given(st.text(st.sampled_from([*"ash \n\u00a0_.é"]), max_size=20))
@example("was as has as\n as")
def test_as_word_starts_are_the_patterns(text: str) -> None:
    starts = [m.start() for m in nationality._AS_WORD.finditer(text)]
    want = [at for at in starts if nationality._word_start(text, at)]
    assert nationality._as_word_starts(text) == want


@settings(max_examples=1000, deadline=None)
@given(
    st.lists(
        st.sampled_from(["led", "headed", "by", "called", " ", "\n", "D", "R", "I", "-", "x", "é"]),
        max_size=16,
    ).map("".join)
)
@example("led by ")
@example("headed  by\nled by by ")
@example("D-")
def test_gate_scans_are_the_patterns(text: str) -> None:
    for word in nationality._LED_WORDS:
        want = [m.start() for m in re.finditer(word + r"\s+by\s", text)]
        assert nationality._led_by_starts(text, word) == want
    assert nationality._has_party_word(text) == any(w in text for w in nationality._PARTY_WORDS)


@settings(max_examples=2000, deadline=None)
@given(_AFTER_MENTION, st.integers(0, 4))
@example(" , on Monday, hosted ", 0)
@example(", on Monday hosted  x", 0)
@example("  also welcomes\n", 0)
@example(" this I, hosted ", 0)
def test_host_verb_scan_is_the_pattern(text: str, at: int) -> None:
    at = min(at, len(text))
    m = nationality._HOST_VERB.match(text, at)
    assert nationality._host_verb_end(text, at) == (m.end() if m else -1)


@settings(max_examples=2000, deadline=None)
@given(_AFTER_MENTION, st.integers(0, 6), st.integers(0, 3))
@example("the President ", 0, 0)
@example("Prime Minister\n", 0, 0)
def test_leader_title_guard_passes_every_match(text: str, lo: int, cut: int) -> None:
    lo = min(lo, len(text))
    hi = max(lo, len(text) - cut)
    if nationality._LEADER_BEFORE_NAME.search(text, lo, hi):
        assert nationality._ends_in_leader_title(text, lo, hi)


@settings(max_examples=3000, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["as", "such", "well", "so", "the", "their", "a", "an", "new", "x", " ", "  ", "\n", "h", ","]
        ),
        max_size=14,
    ).map("".join),
    st.integers(0, 3),
)
@example("such as the new x", 0)
@example("as the\n their  an  a", 0)
@example("well as a", 0)
@example("as ", 0)
def test_as_end_is_the_pattern(text: str, cut: int) -> None:
    # the hand reading of _AS at each start _as_word_starts gives answers as the match does
    end = max(0, len(text) - cut)
    for at in nationality._as_word_starts(text):
        m = nationality._AS.match(text, at, end)
        assert nationality._as_end(text, at, end) == (m.end() if m else -1)


def _whole_text_destinations(nat: nationality.Nationality) -> list[tuple[int, int, str]]:
    """(sentence, offset, state) for each state or capital travelled to, read over the whole
    text: the reading that Nationality._destinations_in replaced."""
    text, sents = nat.text, nat.sents
    with_cue: set[int] = set()
    for word in nationality.TRAVEL_CUE_WORDS:
        at = text.find(word)
        while at >= 0:
            si = nat._sent_of(at)
            if si >= 0 and nationality._word_start(text, at) and at + len(word) <= sents[si][1]:
                with_cue.add(si)
            at = text.find(word, at + 1)
    out: list[tuple[int, int, str]] = []
    for si in sorted(with_cue):
        a, b = sents[si]
        for hit in nationality.find_countries(text, a, b):
            if hit.form != "demonym" and nationality._TRAVEL_TO.search(
                text, max(a, hit.start - 25), hit.start
            ):
                out.append((si, hit.start, hit.code))
    return out


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "visiting ",
                "trip to ",
                "travelled to ",
                "arrived in ",
                "flew to ",
                "Poland",
                "Seoul",
                "Japan",
                "Japanese ",
                "revisit ",
                "x",
                " ",
                ". ",
                "\n",
            ]
        ),
        max_size=14,
    ).map("".join),
    st.lists(st.integers(0, 80), max_size=6),
)
@example("He flew to Seoul. Then a trip to Japan", [0, 5, 17, 30])
def test_destinations_by_sentence_are_the_whole_text_reading(text: str, cuts: list[int]) -> None:
    # sentence spans from sorted cut points, some overlapping the next start, some empty
    points = sorted({min(c, len(text)) for c in cuts} | {0})
    sents = [(a, min(len(text), a + 12 + (a % 7))) for a in points]
    nat = nationality.Nationality(text, sents, QuoteMap([]), [])
    want = _whole_text_destinations(nat)
    got = [(si, at, code) for si in range(-1, len(sents)) for at, code in nat._destinations_in(si)]
    assert got == want
