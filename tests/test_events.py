"""Events found in sentences, over a small hand-made entity index.

The entity finder is tested on its own; here every case names its actors
(name, kind, country, surface forms), and the fake index marks each surface
form where it occurs, so that these tables test the event rules alone.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl import events
from etl.doc import Doc, Entity, EventSpan, Mention
from etl.entities import EntityIndex
from etl.events import find_events
from etl.sentences import split_sentences

PUBLISHED = dt.datetime(2022, 7, 15, 21, 38)  # a Friday
PRONOUNS = {"he", "she", "his", "her", "they", "their"}

Actor = tuple[str, str, str | None, list[str]]

SHAMKHANI: Actor = ("Ali Shamkhani", "person", "IRN", ["Ali Shamkhani", "Shamkhani"])
ALIYEV: Actor = ("Ilham Aliyev", "person", "AZE", ["Ilham Aliyev", "Aliyev"])
USUBOV: Actor = ("Ramil Usubov", "person", "AZE", ["Ramil Usubov", "Usubov"])
BLAIR: Actor = ("Tony Blair", "person", "GBR", ["Tony Blair", "Mr Blair", "He", "he", "his"])
SHARON: Actor = ("Ariel Sharon", "person", "ISR", ["Ariel Sharon"])
ABBAS: Actor = ("Mahmoud Abbas", "person", "PSE", ["Mahmoud Abbas"])
TRUMP: Actor = ("Donald Trump", "person", "USA", ["Donald Trump", "Trump"])
PUTIN: Actor = ("Vladimir Putin", "person", "RUS", ["Vladimir Putin", "Putin"])
KANG: Actor = ("Kang Hoon-sik", "person", "KOR", ["Kang Hoon-sik", "Kang"])
LEE: Actor = ("Lee Jae Myung", "person", "KOR", ["Lee Jae Myung", "Lee"])
XI: Actor = ("Xi Jinping", "person", "CHN", ["Xi Jinping", "Xi"])
IRAQ: Actor = ("Iraq", "country", "IRQ", ["Iraq"])
RUSSIA: Actor = ("Russia", "country", "RUS", ["Russia"])
UKRAINE: Actor = ("Ukraine", "country", "UKR", ["Ukraine"])
VENEZUELA: Actor = ("Venezuela", "country", "VEN", ["Venezuela"])
CHINA: Actor = ("China", "country", "CHN", ["China"])
RUSSIANS: Actor = ("Russia", "country", "RUS", ["demonym:Russian"])
UKRAINIANS: Actor = ("Ukraine", "country", "UKR", ["demonym:Ukrainian"])


def _index(text: str, actors: list[Actor]) -> EntityIndex:
    entities: list[Entity] = []
    taken: list[tuple[int, int]] = []
    for name, kind, country, forms in actors:
        mentions: list[Mention] = []
        for marked in sorted(forms, key=len, reverse=True):
            # "demonym:Russian" marks a nationality form
            kind_of_form, _, form = marked.rpartition(":")
            for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append(m.span())
                pronoun = form.lower() in PRONOUNS
                mentions.append(
                    Mention(m.start(), m.end(), kind_of_form or ("pronoun" if pronoun else "name"))
                )
        entities.append(Entity(name, kind, country=country, mentions=mentions))
    return EntityIndex(entities)


def _events(
    text: str, actors: list[Actor], published: dt.datetime | None = PUBLISHED
) -> list[tuple[EventSpan, set[str]]]:
    doc = Doc(text, 0, 0, len(text), published, split_sentences(text))
    index = _index(text, actors)
    return [(e, {index.entities[i].name for i in e.participants}) for e in find_events(doc, index)]


def _summary(text: str, actors: list[Actor], published: dt.datetime | None = PUBLISHED) -> list[tuple]:
    return [(e.event_type, e.status, sorted(names)) for e, names in _events(text, actors, published)]


# -- triggers: what reports a meeting, visit, call or agreement ---------------


@pytest.mark.parametrize(
    ("text", "actors", "expected"),
    [
        ("Shamkhani met Aliyev.", [SHAMKHANI, ALIYEV], [("meeting", ["Ali Shamkhani", "Ilham Aliyev"])]),
        ("Trump held talks with Putin.", [TRUMP, PUTIN], [("meeting", ["Donald Trump", "Vladimir Putin"])]),
        (
            "Aliyev received Shamkhani in Baku.",
            [SHAMKHANI, ALIYEV],
            [("meeting", ["Ali Shamkhani", "Ilham Aliyev"])],
        ),
        (
            "Trump had a phone call with Putin.",
            [TRUMP, PUTIN],
            [("call", ["Donald Trump", "Vladimir Putin"])],
        ),
        ("Trump phoned Putin.", [TRUMP, PUTIN], [("call", ["Donald Trump", "Vladimir Putin"])]),
        ("Trump called Putin on Friday.", [TRUMP, PUTIN], [("call", ["Donald Trump", "Vladimir Putin"])]),
        ("Trump has spoken with Putin.", [TRUMP, PUTIN], [("call", ["Donald Trump", "Vladimir Putin"])]),
        (
            "Russian and Ukrainian delegations held talks in Istanbul.",
            [RUSSIANS, UKRAINIANS],
            [("meeting", ["Russia", "Ukraine"])],
        ),
        ("Russia and Ukraine signed a deal.", [RUSSIA, UKRAINE], [("agreement", ["Russia", "Ukraine"])]),
        (
            "Putin agreed to halt strikes, Trump said.",
            [TRUMP, PUTIN],
            [("agreement", ["Donald Trump", "Vladimir Putin"])],
        ),
        ("Shamkhani traveled to Baku.", [SHAMKHANI], [("visit", ["Ali Shamkhani"])]),
        ("Kang arrived in Warsaw.", [KANG], [("visit", ["Kang Hoon-sik"])]),
        ("Mr Blair visited Ramallah.", [BLAIR], [("visit", ["Tony Blair"])]),
    ],
)
def test_triggers(text: str, actors: list[Actor], expected: list[tuple[str, list[str]]]) -> None:
    assert [(t, names) for t, _, names in _summary(text, actors)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trump will hold talks with Putin.", ("meeting", "planned")),
        ("Trump holds talks with Putin.", ("meeting", "occurred")),
        ("Trump is holding talks with Putin.", ("meeting", "occurred")),
        ("Trump hosted a state dinner for Putin.", ("meeting", "occurred")),
        ("Trump had a telephone call with Putin.", ("call", "occurred")),
        ("Trump held a video call with Putin.", ("call", "occurred")),
        ("Trump had a phone conversation with Putin.", ("call", "occurred")),
        ("Trump spoke by phone with Putin.", ("call", "occurred")),
        ("Trump talked by phone with Putin.", ("call", "occurred")),
        ("Trump speaks with Putin.", ("call", "occurred")),
        ("Trump telephoned Putin.", ("call", "occurred")),
        ("Trump signed a memorandum of understanding with Putin.", ("agreement", "occurred")),
        ("Trump and Putin signed memorandums of understanding.", ("agreement", "occurred")),
        ("Trump and Putin signed memoranda of understanding.", ("agreement", "occurred")),
        ("Putin travelled to Washington.", ("visit", "occurred")),
        ("Putin travels to Washington.", ("visit", "occurred")),
        ("Putin is travelling to Washington.", ("visit", "occurred")),
        ("Putin flies to Washington.", ("visit", "occurred")),
        ("Putin toured Washington.", ("visit", "occurred")),
        ("Putin paid a state visit to Washington.", ("visit", "occurred")),
        ("Trump and Putin are due in Helsinki.", ("visit", "planned")),
        ("Trump cancelled talks with Putin.", ("meeting", "denied")),
        ("Trump's hoped-for summit with Putin.", ("meeting", "planned")),
        ("Trump was due to meet Putin.", ("meeting", "planned")),
        ("Aides began preparations for a summit between Trump and Putin.", ("meeting", "planned")),
    ],
)
def test_trigger_forms(text: str, expected: tuple[str, str]) -> None:
    assert [(t, st) for t, st, _ in _summary(text, [TRUMP, PUTIN])] == [expected]


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        ("Tehran wants good relations with Baku.", [SHAMKHANI]),  # relations are no event
        ("Shamkhani met reporters.", [SHAMKHANI]),  # one party only
        ("Countries that do not meet spending guidelines worry Trump and Putin.", [TRUMP, PUTIN]),
        ("Their deadlines were not met, Trump told Putin.", [TRUMP, PUTIN]),
        ("Trump agreed that Putin was strong.", [TRUMP, PUTIN]),  # a view, not a deal
        ("Trump signed the bill into law as Putin watched.", [TRUMP, PUTIN]),
        ("Trump and Putin call them lone wolves.", [TRUMP, PUTIN]),  # the verb `call`
        ("Trump called on Putin to resign.", [TRUMP, PUTIN]),  # an appeal
        ("Trump called Putin a killer.", [TRUMP, PUTIN]),  # naming, not phoning
        ("Trump welcomed Russia's plan, Putin said.", [TRUMP, PUTIN, RUSSIA]),  # no guest
        ("Trump said Washington was progressing in negotiations with Putin.", [TRUMP, PUTIN]),
        ("Kang's trip was long.", [KANG]),  # a visit goes somewhere
        ("Aliyev has traveled to Iran several times.", [ALIYEV]),  # a habit, not an occurrence
        ("Russian and Ukrainian troops met near Kherson.", [RUSSIANS, UKRAINIANS]),  # no delegations
        # the deal belongs to the `as` clause, where only Russia is named
        ("Trump said Monday, as Russia is set to seal a deal.", [TRUMP, RUSSIA]),
        (
            "Trump attacked the North American Free Trade Agreement with Mexico.",
            [TRUMP, ("Mexico", "country", "MEX", ["Mexico"])],
        ),
        ("Aliyev traveled widely.", [ALIYEV]),  # travel without a destination
    ],
)
def test_no_event(text: str, actors: list[Actor]) -> None:
    assert _summary(text, actors) == []


# -- status: occurred, planned, denied --------------------------------------


@pytest.mark.parametrize(
    ("text", "actors", "status"),
    [
        ("Shamkhani met Aliyev.", [SHAMKHANI, ALIYEV], "occurred"),
        ("Aliyev will visit Tehran next month.", [ALIYEV], "planned"),
        ("Shamkhani hoped the next visit of Aliyev to Tehran would help.", [SHAMKHANI, ALIYEV], "planned"),
        ("Trump said he would meet with Putin.", [TRUMP, PUTIN], "planned"),
        ("Trump plans to meet Putin.", [TRUMP, PUTIN], "planned"),
        ("Trump is scheduled to meet Putin.", [TRUMP, PUTIN], "planned"),
        ("Putin invited Trump to visit Moscow.", [TRUMP, PUTIN], "planned"),
        ("Mr Blair is due in Europe.", [BLAIR], "planned"),
        ("Trump hopes to meet Putin soon.", [TRUMP, PUTIN], "planned"),
        # a meeting named inside a quotation takes the speaker and the names in it
        (
            "Zelensky concluded, “We agreed with President Trump to discuss at a personal meeting.”",
            [TRUMP, ("Volodymyr Zelensky", "person", "UKR", ["Zelensky"])],
            "planned",
        ),
        ("Trump and Putin are due to meet in Helsinki.", [TRUMP, PUTIN], "planned"),
        ("Trump postponed talks with Putin.", [TRUMP, PUTIN], "planned"),
        ("Trump did not meet Putin.", [TRUMP, PUTIN], "denied"),
        ("Trump didn't meet Putin.", [TRUMP, PUTIN], "denied"),
        ("Trump has never met Putin.", [TRUMP, PUTIN], "denied"),
        (
            "Mr Chavez, who is visiting China, spoke.",
            [("Hugo Chavez", "person", "VEN", ["Mr Chavez"])],
            "occurred",
        ),
        # a date after publication makes it planned
        ("Trump meets Putin on 20 July 2022.", [TRUMP, PUTIN], "planned"),
        # the negation belongs to `accompany`, not to the trip
        (
            "Lee didn't accompany Xi on his trip to Seoul.",
            [LEE, ("Xi Jinping", "person", "CHN", ["Xi", "his"])],
            "occurred",
        ),
        # the month May is no modal
        ("They reviewed progress since the May summit between Trump and Putin.", [TRUMP, PUTIN], "occurred"),
    ],
)
def test_status(text: str, actors: list[Actor], status: str) -> None:
    assert [s for _, s, _ in _summary(text, actors)] == [status]


# -- roles: visitor, host, participant ----------------------------------------


@pytest.mark.parametrize(
    ("text", "actors", "roles"),
    [
        (
            "Ali Shamkhani, the Secretary, who has traveled to Baku, spoke.",
            [SHAMKHANI],
            {"Ali Shamkhani": "visitor"},
        ),
        ("The next visit of Aliyev to Tehran will help.", [ALIYEV], {"Ilham Aliyev": "visitor"}),
        ("Kang's trip to Warsaw was long.", [KANG], {"Kang Hoon-sik": "visitor"}),
        ("Before visiting Israel, Mr Blair spoke.", [BLAIR], {"Tony Blair": "visitor"}),
        (
            "Aliyev received Shamkhani.",
            [SHAMKHANI, ALIYEV],
            {"Ilham Aliyev": "host", "Ali Shamkhani": "participant"},
        ),
        (
            "Shamkhani met Aliyev.",
            [SHAMKHANI, ALIYEV],
            {"Ali Shamkhani": "participant", "Ilham Aliyev": "participant"},
        ),
        # `Lee's chief of staff` travels; Lee does not
        ("Lee's chief of staff visits Poland.", [LEE], None),
    ],
)
def test_roles(text: str, actors: list[Actor], roles: dict[str, str] | None) -> None:
    doc = Doc(text, 0, 0, len(text), PUBLISHED, split_sentences(text))
    index = _index(text, actors)
    events = find_events(doc, index)
    got = {index.entities[i].name: r for i, r in events[0].participants.items()} if events else None
    assert got == roles


def test_visit_to_own_country_is_no_visit() -> None:
    text = "Usubov hoped his counterpart's visit to Baku will help."
    assert _summary(text, [USUBOV, ("Usubov", "person", "AZE", ["his counterpart"])]) == []


def test_counterparts_of_two_states_are_two_meetings() -> None:
    text = (
        "Mr Blair held talks with his Israeli counterpart, Ariel Sharon, "
        "and the Palestinian leader, Mahmoud Abbas."
    )
    assert _summary(text, [BLAIR, SHARON, ABBAS]) == [
        ("meeting", "occurred", ["Ariel Sharon", "Tony Blair"]),
        ("meeting", "occurred", ["Mahmoud Abbas", "Tony Blair"]),
    ]


def test_plural_description_stands_for_the_last_parties() -> None:
    text = "Lee met Xi in Beijing. The two leaders signed an agreement."
    assert _summary(text, [LEE, XI]) == [
        ("meeting", "occurred", ["Lee Jae Myung", "Xi Jinping"]),
        ("agreement", "occurred", ["Lee Jae Myung", "Xi Jinping"]),
    ]


def test_state_after_a_place_is_no_party() -> None:
    text = "Biden met Xi in Bali, Indonesia."
    indonesia: Actor = ("Indonesia", "country", "IDN", ["Indonesia"])
    biden: Actor = ("Joe Biden", "person", "USA", ["Biden"])
    assert _summary(text, [biden, XI, indonesia]) == [("meeting", "occurred", ["Joe Biden", "Xi Jinping"])]


def test_a_host_welcomes_several_guests_to_one_gathering() -> None:
    biden: Actor = ("Joe Biden", "person", "USA", ["Biden"])
    kishida: Actor = ("Fumio Kishida", "person", "JPN", ["Kishida"])
    yoon: Actor = ("Yoon Suk Yeol", "person", "KOR", ["Yoon"])
    text = "Biden looks forward to welcoming Kishida and Yoon to Camp David."
    ((e, names),) = _events(text, [biden, kishida, yoon])
    assert (e.status, e.location, e.cameo_code, sorted(names)) == (
        "planned",
        "Camp David",
        "043",
        ["Fumio Kishida", "Joe Biden", "Yoon Suk Yeol"],
    )


def test_first_person_quote_takes_its_speaker() -> None:
    text = '"I will visit Tehran again," Aliyev said.'
    ((e, names),) = _events(text, [ALIYEV])
    assert (e.event_type, e.status, names, e.location) == ("visit", "planned", {"Ilham Aliyev"}, "Tehran")


def test_reporter_is_no_party_when_the_reported_clause_names_them() -> None:
    kim: Actor = ("Kim Jong Un", "person", "PRK", ["Kim"])
    kremlin: Actor = ("Kremlin", "organization", "RUS", ["The Kremlin"])
    text = "Putin met Kim in Pyongyang. The Kremlin said the two leaders held talks for two hours."
    assert _summary(text, [PUTIN, kim, kremlin]) == [
        ("meeting", "occurred", ["Kim Jong Un", "Vladimir Putin"])
    ]


def test_reporter_completes_the_parties_of_what_they_report() -> None:
    text = "On January 29, Trump said Putin had agreed to halt strikes."
    assert _summary(text, [TRUMP, PUTIN]) == [("agreement", "occurred", ["Donald Trump", "Vladimir Putin"])]


@pytest.mark.parametrize(
    "second",
    [
        "The two neighbours signed a pact.",
        "The two countries formalized an agreement.",
        "Both sides formalised an accord.",
    ],
)
def test_plural_description_of_states(second: str) -> None:
    text = "Russia met Ukraine in Minsk. " + second
    assert _summary(text, [RUSSIA, UKRAINE])[-1] == ("agreement", "occurred", ["Russia", "Ukraine"])


def test_unnamed_counterparts_stand_for_the_host_state() -> None:
    text = "Mr Blair made a visit to Iraq, where he met leaders in Baghdad."
    got = _summary(text, [BLAIR, IRAQ])
    assert ("meeting", "occurred", ["Iraq", "Tony Blair"]) in got


# -- places --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "actors", "expected"),
    [
        ("Shamkhani traveled to Baku.", [SHAMKHANI], [("Baku", "AZE")]),
        ("Trump met Putin in Helsinki on Monday.", [TRUMP, PUTIN], [("Helsinki", "FIN")]),
        # a seat of government stays a place even when it also names a body
        ("Trump hosted Putin at the White House.", [TRUMP, PUTIN], [("White House", "USA")]),
        # a city of the same state is preferred to the state
        ("Mr Blair made a visit to Iraq, where he saw troops in Baghdad.", [BLAIR], [("Baghdad", "IRQ")]),
        ("Kang traveled to Poland. He signed in Warsaw.", [KANG], [("Warsaw", "POL")]),
        # an unknown name after `in`/`at` is kept as written
        ("Trump met Putin at Camp David.", [TRUMP, PUTIN], [("Camp David", None)]),
        ("Trump met Putin in the US, likely in Miami.", [TRUMP, PUTIN], [("Miami", "USA")]),
        # a list of destinations is one visit each
        (
            "Kang made visits to Poland, Romania and Norway.",
            [KANG],
            [("Poland", "POL"), ("Romania", "ROU"), ("Norway", "NOR")],
        ),
        # calls have no place; `in Trump's words` is no place
        ("Trump had a phone call with Putin in Trump's words.", [TRUMP, PUTIN], [(None, None)]),
        ("Korean President Lee met Xi at a Korea-China banquet.", [LEE, XI], [(None, None)]),
        # a nationality is no place
        ("Trump met Putin in the Saudi capital.", [TRUMP, PUTIN], [(None, None)]),
    ],
)
def test_places(text: str, actors: list[Actor], expected: list[tuple[str | None, str | None]]) -> None:
    assert [(e.location, e.location_country) for e, _ in _events(text, actors)] == expected


# -- dates on events -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "actors", "expected"),
    [
        ("Shamkhani met Aliyev on Friday.", [SHAMKHANI, ALIYEV], ("2022-07-15", "on Friday", "day")),
        ("Trump met Putin yesterday.", [TRUMP, PUTIN], ("2022-07-14", "yesterday", "day")),
        ("Aliyev will visit Tehran next month.", [ALIYEV], ("2022-08-01", "next month", "month")),
        ("Trump will meet Putin on Monday.", [TRUMP, PUTIN], ("2022-07-18", "on Monday", "day")),
        # the date of the telling is not the date of the meeting told
        (
            "On Monday, Trump told reporters that he would meet with Putin.",
            [TRUMP, PUTIN],
            (None, None, None),
        ),
        # a relative date inside a quotation counts from when it was said
        ('"Trump had a phone call with Putin today," an aide said.', [TRUMP, PUTIN], (None, None, None)),
    ],
)
def test_event_dates(
    text: str, actors: list[Actor], expected: tuple[str | None, str | None, str | None]
) -> None:
    ((e, _),) = _events(text, actors)
    got = (e.event_date.isoformat() if e.event_date else None, e.date_text, e.date_precision)
    assert got == expected


def test_no_publication_date_leaves_weekdays_unresolved() -> None:
    ((e, _),) = _events("Trump met Putin on Friday.", [TRUMP, PUTIN], published=None)
    assert (e.event_date, e.date_precision) == (None, None)


# -- one event per occurrence --------------------------------------------------


SEED = (
    "Ali Shamkhani, the Secretary of Iran's Supreme National Security Council, who has traveled to Baku, "
    "met Azerbaijani President Ilham Aliyev on Friday.\n"
    "Finally, Shamkhani expressed hope that the next visit of Aliyev to Tehran would help.\n"
    "Later, Shamkhani met Ramil Usubov, the Secretary of the Security Council of Azerbaijan.\n"
    "During the meeting, Shamkhani said the ties were good.\n"
)


def test_seed_events() -> None:
    got = [
        (e.event_type, e.status, sorted(n), e.location, e.event_date.isoformat() if e.event_date else None)
        for e, n in _events(SEED, [SHAMKHANI, ALIYEV, USUBOV])
    ]
    assert got == [
        ("visit", "occurred", ["Ali Shamkhani"], "Baku", "2022-07-15"),
        ("meeting", "occurred", ["Ali Shamkhani", "Ilham Aliyev"], "Baku", "2022-07-15"),
        ("visit", "planned", ["Ilham Aliyev"], "Tehran", None),
        # place and date inherited from the visit it happened during
        ("meeting", "occurred", ["Ali Shamkhani", "Ramil Usubov"], "Baku", "2022-07-15"),
    ]


@pytest.mark.parametrize(
    ("text", "actors", "n_events"),
    [
        # reported twice, one call
        (
            "Trump had a phone call with Putin on Friday. The call between the two leaders was long.",
            [TRUMP, PUTIN],
            1,
        ),
        ("Trump met Putin. Trump said he met Putin.", [TRUMP, PUTIN], 1),
        ("Aliyev will visit Tehran. Aliyev plans to visit Tehran next month.", [ALIYEV], 1),
        # `other` agreements are other occurrences
        (
            "Venezuela and China sign oil deal. The two countries also signed a number of other agreements.",
            [VENEZUELA, CHINA],
            2,
        ),
        # a different year is a different call
        (
            "Trump had a phone call with Putin on Friday. Five years ago, Trump was on a call with Putin.",
            [TRUMP, PUTIN],
            2,
        ),
        # a banquet and the talks before it are two gatherings
        ("Lee and Xi held talks in Beijing. Lee and Xi attended a state banquet in Beijing.", [LEE, XI], 2),
        # `in Moscow` is where the travel ends, so the talks of the title are those at the Kremlin
        (
            "Xi arrives in Moscow for talks with Putin. Xi held talks with Putin at the Kremlin.",
            [XI, PUTIN],
            2,
        ),
        # a trip takes in several cities of one state
        ("Mr Blair made a visit to Baghdad. He also flew to Basra.", [BLAIR], 1),
    ],
)
def test_merging(text: str, actors: list[Actor], n_events: int) -> None:
    assert len(_events(text, actors)) == n_events


def test_events_come_in_text_order_with_confidence() -> None:
    got = _events(SEED, [SHAMKHANI, ALIYEV, USUBOV])
    starts = [e.trigger[0] for e, _ in got]
    assert starts == sorted(starts)
    assert all(0.0 <= e.confidence <= 1.0 for e, _ in got)


@pytest.mark.parametrize(
    ("text", "actors", "cameo"),
    [
        ("Shamkhani met Aliyev.", [SHAMKHANI, ALIYEV], "040"),
        ("Aliyev received Shamkhani.", [SHAMKHANI, ALIYEV], "043"),
        ("Trump met Putin in Helsinki.", [TRUMP, PUTIN], "044"),
        ("Shamkhani traveled to Baku.", [SHAMKHANI], "042"),
        ("Russia and Ukraine signed a deal.", [RUSSIA, UKRAINE], "057"),
    ],
)
def test_cameo(text: str, actors: list[Actor], cameo: str) -> None:
    assert [e.cameo_code for e, _ in _events(text, actors)] == [cameo]


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("He met Kim. This is in Paris.", [3, 17]),  # "is" of "This" is no word of its own
        ("Met in Paris, they held talks.", [0, 19, 24]),
        ("a co-sign of metal and sign-up", []),  # hyphens and longer words are no triggers
        ("(talks) “meeting”", [1, 9]),
        ("This is it. It was a state secret.", []),  # words that only open phrases, without the rest
        ("It is due in May, a state  official visit.", [3, 20, 36]),  # one word may stand inside a phrase
        ("He was In", [3]),  # the rest in any case, and cut short by the text's end
    ],
)
def test_trigger_starts(text: str, starts: list[int]) -> None:
    from etl.event_cues import trigger_starts

    assert trigger_starts(text) == starts


# Pieces that make words, gaps and phrases when joined without spaces: trigger words in
# several cases, letters next to them (ASCII, accented, `ı` and `ſ`, which re's case-blind
# matching reads as `i` and `s`, `İ` and the Kelvin sign, which lower-case to ASCII).
_TRIGGER_PIECES = st.sampled_from(
    [
        "met",
        "Met",
        "MET",
        "is",
        "IS",
        "in",
        "In",
        "due",
        "was",
        "wAS",
        "are",
        "ARE",
        "d",
        "I",
        "to",
        "state",
        "visit",
        "held",
        "talks",
        "sign",
        "signed",
        "signs",
        "meet",
        "meets",
        "memorandum",
        "of",
        "understanding",
        "phone",
        "call",
        "a",
        "x",
        "_",
        "-",
        "1",
        "é",
        "ı",
        "ſ",
        "İ",
        "\u212a",
        "Σ",
        "ß",
        " ",
        "  ",
        "\n",
        ",",
        ".",
        "“",
        "’",
        "(",
        "\t",
    ]
)


@given(st.lists(_TRIGGER_PIECES, max_size=24).map("".join))
def test_trigger_starts_read_the_text_as_its_lower_cased_copy(text: str) -> None:
    import etl.event_cues as cues

    typed = cues._TYPED_SCAN
    try:
        # the typed pass even where it is interpreted (a compiled module ignores the switch)
        cues._TYPED_SCAN = True  # type: ignore[misc]
        assert cues.trigger_starts(text) == cues._trigger_starts_lowered(text)
    finally:
        cues._TYPED_SCAN = typed  # type: ignore[misc]


@given(st.lists(_TRIGGER_PIECES, max_size=24).map("".join), st.integers(0, 40))
def test_the_patterns_of_first_words_match_as_the_whole_one(text: str, cut: int) -> None:
    from etl.event_cues import _TRIGGER_RE, _trigger_re_at

    for end in {min(cut, len(text)), len(text)}:
        for pos in range(end + 1):
            got = _trigger_re_at(text, pos, end).match(text, pos, end)
            want = _TRIGGER_RE.match(text, pos, end)
            assert (got and (got.span(), got.group(1))) == (want and (want.span(), want.group(1)))


@pytest.mark.parametrize(
    ("text", "triggers"),
    [
        ("Il émet des réserves; ils se métissent.", []),  # a start next to an accented letter is no word
        ("Les élus ont signé. Putin met Xi.", [(26, 29)]),
        # a letter whose lower case is two characters shifts no offset after it
        ("İstanbul: Putin met Xi and held talks.", [(16, 19), (27, 37)]),
    ],
)
def test_triggers_next_to_non_ascii_letters(text: str, triggers: list[tuple[int, int]]) -> None:
    from etl.event_cues import find_triggers, trigger_starts

    found = find_triggers(text, 0, len(text), trigger_starts(text))
    assert [(t.start, t.end) for t in found] == triggers


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("He met Kim. It rained.", [0]),
        ("It rained. Talks ended. Nothing else.", [1]),
        ("It rained. Nothing else.", []),
    ],
)
def test_only_sentences_with_a_trigger_start_are_read(text: str, numbers: list[int]) -> None:
    from etl.event_cues import trigger_starts
    from etl.events import _sentences_with_trigger_starts

    doc = Doc(text, 0, 0, len(text), None, split_sentences(text))
    assert _sentences_with_trigger_starts(doc, trigger_starts(text)) == numbers


# The patterns of event_parties and events that open with \b on words, as they were spelt
# before words_first_letter_first: the new spelling must match the same.
_OLD_PATTERNS = {
    "_LEFT_BREAK": r"[;:—(“”\"]|,\s|\b(?:that|but|while|after|before|when|because|if)\s|"
    r"\b(?:said|says|told|tells|added|stated|announced)\s",
    "_RIGHT_END": r";|—| – | - |\(|,\s+(?:which|who|whom|where|while|but|after|as|when|said|says|according"
    r"|adding)\b"
    r"|,\s+[a-z]+ing\b|\b(?:said|says|told|added|to discuss|to talk)\b",
    "_REPORTED": r"\b(?:said|says|told|tells|added|stated|announced)\s$",
    "_FIRST_PERSON": r"\b(?:I|[Ww]e)\b",
    "REPORTING_BOUNDARY": r"\b(?:that|said|says|told|tells|added|adds)\b",
    "CLAUSE_AFTER_DATE": r"\b(?:that|which|who|whom|whose)\b|[;:]",
    "FRAME_RE": r"\b(?:sidelines|margins|margin|sideline)\s+of\b[^,;]*$",
}
_PIECES = [
    "that",
    "xthat",
    "said",
    "Said",
    "if",
    "-if",
    "I",
    "We",
    "we",
    "whom",
    "whose",
    "sidelines",
    "margin",
    "xmargins",
    "of",
    "to talk",
    "added",
    "adds",
    "the",
    "The",
    "both",
    "all",
    "two",
    "leaders",
    "sides",
    ",",
    ";",
    "“",
    " ",
    "\u00a0",
    "é",
    "\n",
]


@given(st.lists(st.sampled_from(_PIECES)).map("".join), st.integers(0, 3))
def test_words_spelt_letters_first_match_as_before(text: str, start: int) -> None:
    from etl import event_cues, event_parties, events

    for name, old in _OLD_PATTERNS.items():
        new = getattr(event_parties, name, None) or getattr(events, name, None) or getattr(event_cues, name)
        want = [m.span() for m in re.compile(old).finditer(text, start)]
        assert [m.span() for m in new.finditer(text, start)] == want, name
    old_group = (
        rf"\b(?:[Tt]he|[Bb]oth|[Aa]ll)\s+(?:(?P<num>[a-z]+)\s+)?(?:[a-z][\w-]*\s+)?"
        rf"(?P<noun>{event_parties._GROUP_ALT})\b"
    )
    assert [(m.span(), m.groupdict()) for m in event_parties._GROUP_RE.finditer(text, start)] == [
        (m.span(), m.groupdict()) for m in re.compile(old_group).finditer(text, start)
    ]


@given(
    st.lists(
        st.sampled_from(
            ["in", "into", "to", "at", "visited", "toured", "the", "The", "Paris", "New", "York", "of"]
        )
        | st.sampled_from([" ", "  ", "-", "x", "\n", ",", "’s", "\u00a0"])
    ).map("".join)
)
def test_place_pattern_without_its_group_finds_as_before(text: str) -> None:
    from etl import event_cues

    old = re.compile(
        rf"(?<![\w-])(?P<prep>in|to|at|into|{event_cues._PLACE_VERBS})\s+(?:the\s+)?"
        rf"(?P<name>{event_cues._CAP}(?:\s+(?:{event_cues._CAP}|de|al|el))*)"
    )
    want = [(m.span(), m.start("name"), m.group("prep")) for m in old.finditer(text)]
    got = [
        (m.span(), m.start("name"), text[m.start() : m.start("name")].split()[0])
        for m in event_cues._PLACE_RE.finditer(text)
    ]
    assert got == want


_CLAUSE_PIECES = st.sampled_from(
    ["He", "will", "won't", "not", "the", "that", ",", ";", "—", " ", "  ", "\n", "x", "U.S.", "’", "(", "-"]
)


@given(st.lists(_CLAUSE_PIECES, max_size=120).map(" ".join), st.integers(0, 200), st.integers(1, 8))
def test_the_last_words_of_a_clause_are_its_last_tokens(text: str, cut: int, limit: int) -> None:
    from etl.event_cues import words_before

    pos = min(cut, len(text))
    assert words_before(text, 0, pos, limit) == words_before(text, 0, pos)[-limit:]


_HABIT_PARTS = st.sampled_from(
    ["times", "several", "many ", " ", "\t", "\u00a0", "often", "regularly", "repeatedly", ",", ".", "a", "x"]
)


@given(st.lists(_HABIT_PARTS, max_size=12).map("".join), st.integers(0, 3), st.integers(0, 3))
def test_habitual_gate_never_hides_a_match(text: str, cut_start: int, cut_end: int) -> None:
    start, end = min(cut_start, len(text)), max(0, len(text) - cut_end)
    if events.HABITUAL.match(text, start, end):
        assert events._may_be_habitual(text, start, end)


def _words_before_by_lowering(text: str, floor: int, pos: int, limit: int | None = None) -> list[str]:
    """words_before as it was: every token lower-cased before the clause-break look-up."""
    from etl.event_cues import _TAIL_REACH, _TOKEN, CLAUSE_BREAK

    lo = floor
    if limit is not None and pos - floor > _TAIL_REACH:
        space = text.rfind(" ", floor, pos - _TAIL_REACH)
        if space >= 0:
            lo = space + 1
    toks = _TOKEN.findall(text[lo:pos])
    for i in range(len(toks) - 1, -1, -1):
        if toks[i].lower() in CLAUSE_BREAK:
            return toks[i + 1 :] if limit is None else toks[i + 1 :][-limit:]
    if limit is None:
        return toks
    if lo > floor and len(toks) < limit:
        return _words_before_by_lowering(text, floor, pos)[-limit:]
    return toks[-limit:]


_CLAUSE_PIECES = st.sampled_from(
    [
        "that",
        "THAT",
        "But",
        "while",
        "After",
        "bEfore",
        "befores",
        "bu",
        "İ",
        "it",
        "a",
        "x",
        "word",
        "longerword",
        ",",
        ";",
        ":",
        "—",
        "(",
        ")",
        '"',
        "“",
        "”",
        "'",
        "’",
        ".",
        "-",
        " ",
        " ",
        " ",
        "\n",
        "é",
        "ß",
    ]
)


@given(
    st.lists(_CLAUSE_PIECES, max_size=40).map("".join), st.integers(0, 30), st.sampled_from([None, 1, 3, 6])
)
def test_words_before_answers_as_when_it_lower_cased_every_token(
    text: str, floor: int, limit: int | None
) -> None:
    from etl.event_cues import words_before

    floor = min(floor, len(text))
    for pos in range(floor, len(text) + 1):
        assert words_before(text, floor, pos, limit) == _words_before_by_lowering(text, floor, pos, limit)
