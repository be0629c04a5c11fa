"""Meetings, visits, calls and agreements, with participants, place, date and status.

Steps, per sentence and then per article:

1. Triggers from ``event_triggers.tsv`` (`met`, `held talks`, `visit`,
   `phone call`, `signed`); a travel verb counts only with a destination.
2. Status from the cues before the trigger in its clause (`will`, `plans to`,
   `the next`: planned; `did not`, `never`: denied); a date after publication
   also makes it planned (:mod:`etl.event_cues`).
3. Parties from the trigger's clause (:mod:`etl.event_parties`). A visit has
   one visitor; a visit to a list of places is one visit per place; a meeting
   of one actor with counterparts of different states (`held talks with
   Israel's Sharon and the Palestinian Abbas`) is one meeting per counterpart.
4. Place: the nearest known place phrase after the trigger (else an unknown
   one, else one before it); a city of the same state in the sentence or the
   next one is preferred. Calls have no place.
5. Date: the date expression nearest the trigger (and nearer to it than to
   any other trigger) in its clause, outside quotations, resolved against
   publication (:mod:`etl.dates`); the date of the telling (`On Sunday, Trump
   told reporters that ...`) is not the date of the event told.
6. One event per occurrence (:mod:`etl.event_merge`): mentions of the same
   occurrence merge; an occurred meeting takes place and date from the visit
   it happened during.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from operator import attrgetter
from typing import Final

from etl.dates import ResolvedDate, find_dates, resolve
from etl.doc import Doc, EventSpan, Mention
from etl.entities import EntityIndex
from etl.event_cues import (
    CLAUSE_TAIL_TOKENS,
    Place,
    Trigger,
    find_places,
    find_triggers,
    inside,
    is_definite,
    is_distinct,
    quoted_regions,
    status_of,
    trigger_starts,
    words_before,
    words_first_letter_first,
)
from etl.event_merge import MIN_PARTIES, Found, date_visits, inherit_context, merge
from etl.event_parties import (
    candidates,
    group_members,
    parties_of,
    quote_speaker,
    visitor_of,
)
from etl.places import country_code, is_city

CAMEO: Final = {"meeting": "040", "visit": "042", "call": "040", "agreement": "057"}
CAMEO_HOST, CAMEO_THIRD_PLACE = "043", "044"
# How far (characters) a place phrase may stand from its trigger: after it
# (`met X ... in Seoul`, a long title in between) and before it.
PLACE_REACH_AFTER, PLACE_REACH_BEFORE = 90, 60
# How close after a travel verb its destination must be (`traveled to Baku`,
# `was in the US`).
TRAVEL_REACH: Final = 9
# How many sentences after a visit to a state may name the city it went to.
CITY_LOOKAHEAD: Final = 1
# How close after a state an unknown place name must follow to be read as a
# place in it (`in the US, likely in Miami`).
UNKNOWN_CITY_REACH: Final = 15
# Words in a sentence that make a meeting with several counterparts one
# gathering rather than separate bilateral talks.
MULTILATERAL: Final = re.compile(
    r"\b(?:trilateral|multilateral|joint|together|summit|conference|all)\b", re.I
)
# A date before these words dates the reporting, not the event reported after
# them (`On Sunday, Trump told reporters that he would meet ...`).
# (spelt with words_first_letter_first: \b in front of the words made re try every offset)
REPORTING_BOUNDARY: Final = re.compile(
    words_first_letter_first(["that", "said", "says", "told", "tells", "added", "adds"], r"\w", r"\b")
)
# How far after a host or call verb its guest must be named (`received Azerbaijani President X`).
HOST_OBJECT_REACH: Final = 40
# A relative clause after the trigger dates something else (`talks on the war
# that Moscow started three years ago`).
CLAUSE_AFTER_DATE: Final = re.compile(
    words_first_letter_first(["that", "which", "who", "whom", "whose"], r"\w", r"\b") + "|;|:"
)
# Words right after a trigger's object that make it a habit, not an occurrence.
HABITUAL: Final = re.compile(
    r"[^,;.]{0,40}?\b(?:several|many|numerous|countless|multiple)\s+times\b|\s+(?:regularly|repeatedly|often)\b"
)
# What HABITUAL cannot match without: `times` somewhere in the rest of the sentence, or one
# of its adverbs right after the white space that follows the trigger (tested first: re
# tries the lazy 40-character gap at every offset, and almost no trigger passes the test).
_HABIT_WORD: Final = "times"
_HABIT_ADVERBS: Final = ("regularly", "repeatedly", "often")
# How many characters may separate a verb from the event noun it takes
# (`signed a number of other agreements`).
FUSE_REACH: Final = 30
# how far (characters) either side of a trigger its parties are looked for: a
# clause of news prose rarely runs longer, and without a bound a run-on
# "sentence" of thousands of words makes party search quadratic per trigger
PARTY_REACH: Final = 400
# Confidence: by trigger form, plus a step for each fact the text pins down.
BASE_CONFIDENCE: Final = {"verb": 0.6, "host": 0.65, "dial": 0.6, "travel": 0.6, "due": 0.55, "noun": 0.5}
CONFIDENCE_PER_FACT: Final = 0.1
MAX_CONFIDENCE: Final = 0.95
# What may stand between the places of a list (`Poland, Romania and Norway in
# October and to the United Arab Emirates (UAE)`), and the next name.
_LIST_NEXT: Final = re.compile(
    r"(?:\s*\([^)]*\))?(?:\s+in\s+[A-Z]\w+)?\s*(?:,\s*and|,|and|or)\s+(?:to\s+)?(?:the\s+)?"
    r"(?P<name>[A-Z][\w’'.-]*(?:\s+(?:of\s+)?[A-Z][\w’'.-]*)*)"
)
# compiled once (re.match(str, ...) looks the pattern up in re's cache in interpreted Python)
_CLAUSE_PUNCT: Final = re.compile(r"[,;:]")
_APOSTROPHE: Final = re.compile(r"['’]")
_ARTICLE: Final = re.compile(r"\s+(?:a|an|the)\s")


_START: Final = attrgetter("start")


class _Sentences:
    """Per-document readings computed once, and only for sentences that report something.

    A plain class with its own ``__init__``: compiled, a dataclass's generated one (and the
    ``__post_init__`` it calls) runs interpreted.
    """

    def __init__(
        self,
        doc: Doc,
        # "arrived in Congress": a body is no place (but `at the White House` stays one)
        bodies: list[tuple[int, int]],
    ) -> None:
        self.doc = doc
        self.bodies = bodies
        self.trigger_starts: list[int] = trigger_starts(doc.text)
        self._places: dict[int, list[Place]] = {}
        self._quotes: dict[int, list[tuple[int, int]]] = {}

    def paragraph(self, no: int) -> tuple[int, int]:
        """Start of the first and end of the last sentence of sentence ``no``'s paragraph."""
        sents = self.doc.sentences
        para = sents[no].paragraph
        first = last = no
        while first > 0 and sents[first - 1].paragraph == para:
            first -= 1
        while last + 1 < len(sents) and sents[last + 1].paragraph == para:
            last += 1
        return sents[first].start, sents[last].end

    def places(self, no: int) -> list[Place]:
        if no not in self._places:
            s = self.doc.sentences[no]
            found = find_places(self.doc.text, s.start, s.end)
            self._places[no] = [
                p for p in found if p.city or not any(a < p.end and p.start < b for a, b in self.bodies)
            ]
        return self._places[no]

    def quotes(self, no: int) -> list[tuple[int, int]]:
        para = self.doc.sentences[no].paragraph
        if para not in self._quotes:
            self._quotes[para] = quoted_regions(self.doc.text, *self.paragraph(no))
        return self._quotes[para]


def _pick_places(text: str, places: list[Place], trig: Trigger, others: list[Trigger]) -> list[Place]:
    """Places of this mention: the nearest after the trigger (a list of them for a visit)."""
    if trig.event_type == "call":
        return []
    after = [
        p
        for p in places
        if p.start >= trig.end
        and p.start - trig.end <= PLACE_REACH_AFTER
        # an unknown name after `to` is a destination only right after a visit, or a host's guest
        and (p.code or p.prep != "to" or p.start - trig.end <= TRAVEL_REACH or trig.form == "host")
    ]
    known = [p for p in after if p.code]
    if after:
        first = after[0] if trig.event_type == "visit" or not known else known[0]
        return _place_list(text, first) if trig.event_type == "visit" else [first]
    before = [
        p
        for p in places
        if p.end <= trig.start
        and trig.start - p.end <= PLACE_REACH_BEFORE
        and p.prep in ("in", "at")
        # "arrives in Moscow for talks": the place is where the travel ends
        and not any(0 <= p.start - o.end <= TRAVEL_REACH for o in others if o != trig)
    ]
    return [before[-1]] if before and trig.event_type != "visit" else []


def _place_list(text: str, first: Place) -> list[Place]:
    """`visits to Poland, Romania and Norway`: the first place and the states listed with it."""
    out = [first]
    while True:
        m = _LIST_NEXT.match(text, out[-1].end)
        if not m:
            return out
        name = m.group("name").rstrip(".,’'")
        code = country_code(name)
        if code is None:
            return out
        out.append(Place(m.start("name"), m.start("name") + len(name), name, code, is_city(name), "to"))


def _prefer_city(doc: Doc, no: int, place: Place, ctx: _Sentences) -> Place:
    if place.city or place.code is None:
        return place
    nxt = [p for p in ctx.places(no) if p.start > place.end]
    if nxt and nxt[0].code is None and nxt[0].start - place.end <= UNKNOWN_CITY_REACH:
        # "in the US, likely in Miami": an unknown name right after a state is a place in it
        return Place(nxt[0].start, nxt[0].end, nxt[0].name, place.code, True, nxt[0].prep)
    for k in range(no, min(len(doc.sentences), no + 1 + CITY_LOOKAHEAD)):
        for p in ctx.places(k):
            if p.city and p.code == place.code:
                return p
    return place


def _distance(trig: Trigger, start: int, end: int) -> int:
    return start - trig.end if start >= trig.end else trig.start - end


def _date_for(
    doc: Doc, no: int, trig: Trigger, others: list[Trigger], future: bool, quotes: list[tuple[int, int]]
) -> tuple[ResolvedDate, str] | None:
    sent = doc.sentences[no]
    published = doc.published.date() if doc.published else None
    floor = sent.start
    for m in REPORTING_BOUNDARY.finditer(doc.text, sent.start, trig.start):
        floor = m.end()
    ceiling = CLAUSE_AFTER_DATE.search(doc.text, trig.end, sent.end)
    best: tuple[int, ResolvedDate, str] | None = None
    for d in find_dates(doc.text, floor, ceiling.start() if ceiling else sent.end):
        if inside(d.start, quotes):
            # a relative date inside a quotation counts from when it was said
            continue
        dist = _distance(trig, d.start, d.end)
        if any(_distance(o, d.start, d.end) < dist for o in others if o != trig):
            # "... the summit's atmosphere ... not covered in the first summit in November"
            continue
        got = resolve(d, published, future)
        if got is None:
            continue
        if best is None or dist < best[0]:
            best = (dist, got, d.text)
    return (best[1], best[2]) if best else None


def _fused_nouns(text: str, triggers: list[Trigger]) -> dict[Trigger, Trigger]:
    """Verb -> the noun trigger it takes as object (`signed ... other agreements`): one mention."""
    out: dict[Trigger, Trigger] = {}
    for verb in triggers:
        if verb.form != "verb":
            continue
        for noun in triggers:
            gap = text[verb.end : noun.start]
            same = noun.form == "noun" and noun.event_type == verb.event_type
            if same and 0 <= len(gap) <= FUSE_REACH and not _CLAUSE_PUNCT.search(gap):
                out[verb] = noun
                break
    return out


def _names_guest(doc: Doc, index: EntityIndex, trig: Trigger, right: list[tuple[Mention, int]]) -> bool:
    """`received President Aliyev`, `called Putin`; not `welcomed the ROK's plan`, `called him a liar`."""
    for m, i in right[:1]:
        near = m.start - trig.end <= HOST_OBJECT_REACH
        after = doc.text[m.end : m.end + 5]
        possessive = _APOSTROPHE.match(after) is not None
        naming = trig.form == "dial" and _ARTICLE.match(after) is not None
        return near and not possessive and not naming and index.entities[i].kind == "person"
    return False


def _split_counterparts(index: EntityIndex, subject: set[int], objects: list[int]) -> list[list[int]]:
    """`X held talks with A of one state and B of another`: one bilateral meeting each."""
    persons = [i for i in objects if index.entities[i].kind == "person"]
    codes = [index.entities[i].country for i in persons]
    if not subject or len(persons) < 2 or not all(codes) or len(set(codes)) < len(codes):
        return [objects]
    return [[i] for i in persons]


def _may_be_habitual(text: str, start: int, end: int) -> bool:
    """False where ``HABITUAL.match(text, start, end)`` cannot match."""
    if text.find(_HABIT_WORD, start, end) >= 0:
        return True
    j = start
    while j < end and text[j].isspace():
        j += 1
    return j > start and text.startswith(_HABIT_ADVERBS, j, end)


def _mentions_in_sentence(
    doc: Doc, index: EntityIndex, no: int, ctx: _Sentences, prior: list[set[int]]
) -> list[Found]:
    sent = doc.sentences[no]
    span = (sent.start, sent.end)
    text = doc.text
    out: list[Found] = []
    triggers = find_triggers(text, sent.start, sent.end, ctx.trigger_starts)
    if not triggers:
        return out
    places = ctx.places(no)
    quotes = ctx.quotes(no)
    fused = _fused_nouns(text, triggers)
    for trig in triggers:
        if trig in fused.values():
            continue
        if _may_be_habitual(text, trig.end, sent.end) and HABITUAL.match(text, trig.end, sent.end):
            # "I have traveled to Iran several times": no one occurrence to report
            continue
        if sent.start >= doc.body_start and trig.start > sent.start and text[trig.start].isupper():
            # "the North American Free Trade Agreement": a name, not a report (titles aside)
            continue
        if trig.form in ("travel", "due") and not any(
            0 <= p.start - trig.end <= TRAVEL_REACH for p in places
        ):
            continue
        near = (max(span[0], trig.start - PARTY_REACH), min(span[1], trig.end + PARTY_REACH))
        cands = candidates(doc, index, near, quotes, trig, places)
        # the clause before the trigger, read by status_of, is_distinct and is_definite
        before = words_before(text, sent.start, trig.start, CLAUSE_TAIL_TOKENS)
        status = status_of(text, sent.start, trig, before)
        groups: list[dict[int, str]] = []
        if trig.event_type == "visit":
            who = visitor_of(doc, index, near, trig, cands, quotes)
            groups = [{who: "visitor"}] if who is not None else []
        else:
            left, right, window = parties_of(doc, index, near, trig, cands)
            if trig.form in ("host", "dial") and not _names_guest(doc, index, trig, right):
                continue
            subject = {i for _, i in left}
            extra = group_members(doc, index, no, window, prior + [f.members for f in out])
            objects = list(dict.fromkeys(i for _, i in right if i not in subject))
            split = (
                [objects]
                if trig.form != "verb" or MULTILATERAL.search(text, sent.start, sent.end)
                else _split_counterparts(index, subject, objects)
            )
            for part in split:
                parties = dict.fromkeys([*subject, *part, *sorted(extra)], "participant")
                if len(parties) < MIN_PARTIES[trig.event_type] and window.reporter is not None:
                    # `Trump said Putin had agreed to halt strikes`: the one who reports it takes part
                    parties.setdefault(window.reporter, "participant")
                speaker = quote_speaker(text, near, quotes, trig, cands)
                if len(parties) < MIN_PARTIES[trig.event_type] and speaker is not None:
                    # `"We signed a deal with Baku," Aliyev said`: `we` is the speaker
                    parties.setdefault(speaker, "participant")
                if trig.form == "host" and left:
                    parties[left[-1][1]] = "host"
                groups.append(parties)
        if not groups:
            continue
        dated = _date_for(doc, no, trig, triggers, status == "planned", quotes)
        if dated and status == "occurred" and doc.published and dated[0].date > doc.published.date():
            status = "planned"
        # the same for every group and place of this trigger
        distinct = is_distinct(text, sent.start, trig, before) or (
            is_distinct(text, sent.start, fused[trig]) if trig in fused else None
        )
        definite = is_definite(text, sent.start, trig, before)
        # no place found: one event without a location
        picked: list[Place | None] = list(_pick_places(text, places, trig, triggers)) or [None]
        for parties in groups:
            for place in picked:
                where = _prefer_city(doc, no, place, ctx) if place else None
                ev = EventSpan(
                    event_type=trig.event_type,
                    cameo_code=CAMEO_HOST if trig.form == "host" else CAMEO[trig.event_type],
                    status=status,
                    trigger=(trig.start, trig.end),
                    sentence=span,
                    participants=dict(parties),
                    location=where.name if where else None,
                    location_country=where.code if where else None,
                    event_date=dated[0].date if dated else None,
                    date_text=dated[1] if dated else None,
                    date_precision=dated[0].precision if dated else None,
                )
                out.append(
                    Found(
                        span=ev,
                        form=trig.form,
                        distinct=distinct,
                        gathering=trig.gathering or (fused[trig].gathering if trig in fused else ""),
                        definite=definite,
                        dated_by_text=dated is not None,
                        members=set(parties),
                    )
                )
    return out


def _visit_is_home(index: EntityIndex, f: Found) -> bool:
    """A `visit` by someone to their own state is no visit (`his counterpart's visit to Baku`)."""
    code = f.span.location_country
    return code is not None and any(
        index.entities[i].country == code for i, r in f.span.participants.items() if r == "visitor"
    )


def _add_host_state(index: EntityIndex, f: Found) -> None:
    """`he met leaders in Baghdad`: unnamed counterparts stand for the state of the place."""
    s = f.span
    if s.event_type != "meeting" or len(f.members) != 1 or s.location_country is None:
        return
    (only,) = f.members
    if index.entities[only].country == s.location_country:
        return
    for i, e in enumerate(index.entities):
        if e.kind == "country" and e.country == s.location_country and e.mentions:
            s.participants[i] = "host"
            f.members.add(i)
            return


def _cameo(index: EntityIndex, s: EventSpan) -> str:
    if s.event_type != "meeting" or s.cameo_code == CAMEO_HOST or s.location_country is None:
        return s.cameo_code
    countries = [index.entities[i].country for i in s.participants]
    if countries and all(countries) and s.location_country not in countries:
        return CAMEO_THIRD_PLACE
    return s.cameo_code


def _confidence(f: Found) -> float:
    s = f.span
    facts = (s.location is not None, f.dated_by_text, len(f.members) > MIN_PARTIES[s.event_type])
    return round(min(MAX_CONFIDENCE, BASE_CONFIDENCE[f.form] + CONFIDENCE_PER_FACT * sum(facts)), 3)


def _sentences_with_trigger_starts(doc: Doc, starts: list[int]) -> list[int]:
    """Numbers of the sentences where a trigger may start: the others can hold no trigger
    (:func:`find_triggers` reads only these offsets), and most sentences have none. Each
    start is looked up among the sentences (there are far fewer starts than sentences)."""
    sents = doc.sentences
    out: list[int] = []
    for pos in starts:
        no = bisect_right(sents, pos, key=_START) - 1
        if no >= 0 and pos < sents[no].end and (not out or out[-1] != no):
            out.append(no)
    return out


def find_events(doc: Doc, index: EntityIndex) -> list[EventSpan]:
    """Events of the document in text order, one per real-world occurrence."""
    bodies = [(m.start, m.end) for e in index.entities if e.kind == "organization" for m in e.mentions]
    ctx = _Sentences(doc, bodies)
    found: list[Found] = []
    for no in _sentences_with_trigger_starts(doc, ctx.trigger_starts):
        found.extend(_mentions_in_sentence(doc, index, no, ctx, [f.members for f in found]))
    found = [f for f in found if not (f.span.event_type == "visit" and _visit_is_home(index, f))]
    kept = merge(found)
    for f in kept:
        _add_host_state(index, f)
    kept = [f for f in kept if len(f.members) >= MIN_PARTIES[f.span.event_type]]
    # a visit needs somewhere to go; one named nowhere is a figure of speech
    kept = [f for f in kept if f.span.event_type != "visit" or f.span.location is not None]
    date_visits(kept)
    inherit_context(kept)
    for f in kept:
        f.span.cameo_code = _cameo(index, f.span)
        f.span.confidence = _confidence(f)
    return sorted((f.span for f in kept), key=lambda s: s.trigger[0])
