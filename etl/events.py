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
5. Date: the date expression nearest the trigger, outside quotations,
   resolved against publication (:mod:`etl.dates`).
6. One event per occurrence: a mention merges into an earlier event of the
   same type with the same parties and compatible place, date and status;
   `the call`, `those talks` with no parties of their own refer to the last
   one. An occurred meeting or agreement with no place or date takes them
   from the last occurred visit or meeting that shares a party.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.dates import ResolvedDate, find_dates, resolve
from etl.doc import Doc, EventSpan, Mention
from etl.entities import EntityIndex
from etl.event_cues import (
    DISTINCT_CUES,
    Place,
    Trigger,
    find_places,
    find_triggers,
    inside,
    is_definite,
    is_distinct,
    quoted_regions,
    status_of,
)
from etl.event_parties import candidates, group_members, parties_of, visitor_of
from etl.places import country_code, is_city

CAMEO = {"meeting": "040", "visit": "042", "call": "040", "agreement": "057"}
CAMEO_HOST, CAMEO_THIRD_PLACE = "043", "044"
# Parties an event needs; a visit needs only its visitor.
MIN_PARTIES = {"meeting": 2, "visit": 1, "call": 2, "agreement": 2}
# How far (characters) a place phrase may stand from its trigger: after it
# (`met X ... in Seoul`, a long title in between) and before it.
PLACE_REACH_AFTER, PLACE_REACH_BEFORE = 90, 60
# How close after a travel verb its destination must be (`traveled to Baku`,
# `was in the US`).
TRAVEL_REACH = 9
# How many sentences after a visit to a state may name the city it went to.
CITY_LOOKAHEAD = 1
# How close after a state an unknown place name must follow to be read as a
# place in it (`in the US, likely in Miami`).
UNKNOWN_CITY_REACH = 15
# Words in a sentence that make a meeting with several counterparts one
# gathering rather than separate bilateral talks.
MULTILATERAL = re.compile(r"\b(?:trilateral|multilateral|joint|together|summit|conference|all)\b", re.I)
# A date before these words dates the reporting, not the event reported after
# them (`On Sunday, Trump told reporters that he would meet ...`).
REPORTING_BOUNDARY = re.compile(r"\b(?:that|said|says|told|tells|added|adds)\b")
# How far after a host verb its guest must be named (`received Azerbaijani President X`).
HOST_OBJECT_REACH = 40
# A relative clause after the trigger dates something else (`talks on the war
# that Moscow started three years ago`).
CLAUSE_AFTER_DATE = re.compile(r"\b(?:that|which|who|whom|whose)\b|[;:]")
# How many characters may separate a verb from the event noun it takes
# (`signed a number of other agreements`).
FUSE_REACH = 30
# Confidence: by trigger form, plus a step for each fact the text pins down.
BASE_CONFIDENCE = {"verb": 0.6, "host": 0.65, "travel": 0.6, "due": 0.55, "noun": 0.5}
CONFIDENCE_PER_FACT = 0.1
MAX_CONFIDENCE = 0.95
# What may stand between the places of a list (`Poland, Romania and Norway in
# October and to the United Arab Emirates (UAE)`), and the next name.
_LIST_NEXT = re.compile(
    r"(?:\s*\([^)]*\))?(?:\s+in\s+[A-Z]\w+)?\s*(?:,\s*and|,|and|or)\s+(?:to\s+)?(?:the\s+)?"
    r"(?P<name>[A-Z][\w’'.-]*(?:\s+(?:of\s+)?[A-Z][\w’'.-]*)*)"
)


@dataclass(slots=True)
class _Found:
    """One event mention, before mentions of the same occurrence are merged."""

    span: EventSpan
    form: str
    distinct: str | None
    gathering: str
    definite: bool
    dated_by_text: bool
    members: set[int] = field(default_factory=set)


def _paragraph_span(doc: Doc, no: int) -> tuple[int, int]:
    para = doc.sentences[no].paragraph
    same = [s for s in doc.sentences if s.paragraph == para]
    return same[0].start, same[-1].end


def _pick_places(text: str, places: list[Place], trig: Trigger) -> list[Place]:
    """Places of this mention: the nearest after the trigger (a list of them for a visit)."""
    if trig.event_type == "call":
        return []
    after = [
        p
        for p in places
        if p.start >= trig.end
        and p.start - trig.end <= PLACE_REACH_AFTER
        and (p.code or p.prep != "to" or p.start - trig.end <= TRAVEL_REACH)
    ]
    known = [p for p in after if p.code]
    if after:
        first = after[0] if trig.event_type == "visit" or not known else known[0]
        return _place_list(text, first) if trig.event_type == "visit" else [first]
    before = [
        p
        for p in places
        if p.end <= trig.start and trig.start - p.end <= PLACE_REACH_BEFORE and p.prep in ("in", "at")
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


def _prefer_city(doc: Doc, no: int, place: Place, all_places: list[list[Place]]) -> Place:
    if place.city or place.code is None:
        return place
    nxt = [p for p in all_places[no] if p.start > place.end]
    if nxt and nxt[0].code is None and nxt[0].start - place.end <= UNKNOWN_CITY_REACH:
        # "in the US, likely in Miami": an unknown name right after a state is a place in it
        return Place(nxt[0].start, nxt[0].end, nxt[0].name, place.code, True, nxt[0].prep)
    for k in range(no, min(len(doc.sentences), no + 1 + CITY_LOOKAHEAD)):
        for p in all_places[k]:
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
        if verb.form == "noun":
            continue
        for noun in triggers:
            gap = text[verb.end : noun.start]
            same = noun.form == "noun" and noun.event_type == verb.event_type
            if same and 0 <= len(gap) <= FUSE_REACH and not re.search(r"[,;:]", gap):
                out[verb] = noun
                break
    return out


def _hosts_someone(doc: Doc, index: EntityIndex, trig: Trigger, right: list[tuple[Mention, int]]) -> bool:
    """`received Azerbaijani President Aliyev`, not `welcomed the ROK's plan`."""
    for m, i in right[:1]:
        near = m.start - trig.end <= HOST_OBJECT_REACH
        possessive = re.match(r"['’]", doc.text[m.end : m.end + 1]) is not None
        return near and not possessive and index.entities[i].kind == "person"
    return False


def _split_counterparts(index: EntityIndex, subject: set[int], objects: list[int]) -> list[list[int]]:
    """`X held talks with A of one state and B of another`: one bilateral meeting each."""
    persons = [i for i in objects if index.entities[i].kind == "person"]
    codes = [index.entities[i].country for i in persons]
    if not subject or len(persons) < 2 or not all(codes) or len(set(codes)) < len(codes):
        return [objects]
    return [[i] for i in persons]


def _mentions_in_sentence(
    doc: Doc, index: EntityIndex, no: int, all_places: list[list[Place]], prior: list[set[int]]
) -> list[_Found]:
    sent = doc.sentences[no]
    span = (sent.start, sent.end)
    text = doc.text
    places = all_places[no]
    quotes = quoted_regions(text, *_paragraph_span(doc, no))
    out: list[_Found] = []
    triggers = find_triggers(text, sent.start, sent.end)
    fused = _fused_nouns(text, triggers)
    for trig in triggers:
        if trig in fused.values():
            continue
        if trig.form in ("travel", "due") and not any(
            0 <= p.start - trig.end <= TRAVEL_REACH for p in places
        ):
            continue
        cands = candidates(doc, index, span, quotes, trig, places)
        status = status_of(text, sent.start, trig)
        groups: list[dict[int, str]] = []
        if trig.event_type == "visit":
            who = visitor_of(doc, index, span, trig, cands)
            groups = [{who: "visitor"}] if who is not None else []
        else:
            left, right, window = parties_of(doc, index, span, trig, cands)
            if trig.form == "host" and not _hosts_someone(doc, index, trig, right):
                continue
            subject = {i for _, i in left}
            extra = group_members(doc, index, no, window, prior + [f.members for f in out])
            objects = list(dict.fromkeys(i for _, i in right if i not in subject))
            split = (
                [objects]
                if trig.form == "noun" or MULTILATERAL.search(text, sent.start, sent.end)
                else _split_counterparts(index, subject, objects)
            )
            for part in split:
                parties = dict.fromkeys([*subject, *part, *sorted(extra)], "participant")
                if trig.form == "host" and left:
                    parties[left[-1][1]] = "host"
                groups.append(parties)
        if not groups:
            continue
        dated = _date_for(doc, no, trig, triggers, status == "planned", quotes)
        if dated and status == "occurred" and doc.published and dated[0].date > doc.published.date():
            status = "planned"
        for parties in groups:
            for place in _pick_places(text, places, trig) or [None]:
                where = _prefer_city(doc, no, place, all_places) if place else None
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
                    _Found(
                        span=ev,
                        form=trig.form,
                        distinct=is_distinct(text, sent.start, trig)
                        or (is_distinct(text, sent.start, fused[trig]) if trig in fused else None),
                        gathering=trig.gathering or (fused[trig].gathering if trig in fused else ""),
                        definite=is_definite(text, sent.start, trig),
                        dated_by_text=dated is not None,
                        members=set(parties),
                    )
                )
    return out


def _visit_is_home(index: EntityIndex, f: _Found) -> bool:
    """A `visit` by someone to their own state is no visit (`his counterpart's visit to Baku`)."""
    code = f.span.location_country
    return code is not None and any(
        index.entities[i].country == code for i, r in f.span.participants.items() if r == "visitor"
    )


def _compatible_dates(a: EventSpan, b: EventSpan) -> bool:
    if a.event_date is None or b.event_date is None:
        return True
    for x, y in ((a, b), (b, a)):
        if x.date_precision == "year" and x.event_date.year == y.event_date.year:
            return True
        if x.date_precision == "month" and x.event_date.timetuple()[:2] == y.event_date.timetuple()[:2]:
            return True
    return a.event_date == b.event_date


def _compatible_places(a: EventSpan, b: EventSpan) -> bool:
    """Same place, or one inside the other; a trip may take in several cities of one state."""
    if a.location is None or b.location is None or a.location == b.location:
        return True
    same_state = a.location_country is not None and a.location_country == b.location_country
    if a.event_type == "visit":
        return same_state
    return same_state and not (is_city(a.location) and is_city(b.location))


def _same_place(a: EventSpan, b: EventSpan) -> bool:
    return a.location is not None and a.location == b.location and a.event_type != "visit"


def _same_parties(a: _Found, b: _Found) -> bool:
    if a.span.event_type == "visit":
        va = {i for i, r in a.span.participants.items() if r == "visitor"}
        vb = {i for i, r in b.span.participants.items() if r == "visitor"}
        return bool(va & vb)
    return len(a.members & b.members) >= 2


def _absorb(into: _Found, new: _Found, same_parties: bool) -> None:
    s, n = into.span, new.span
    if same_parties:
        for i, role in n.participants.items():
            if s.participants.get(i, "participant") == "participant":
                s.participants[i] = role
        into.members |= new.members
    city_upgrade = n.location and is_city(n.location) and s.location and not is_city(s.location)
    if s.location is None or city_upgrade:
        s.location, s.location_country = n.location, n.location_country
    if s.event_date is None and n.event_date is not None:
        s.event_date, s.date_text, s.date_precision = n.event_date, n.date_text, n.date_precision
        into.dated_by_text = into.dated_by_text or new.dated_by_text


def _compatible_marks(a: str | None, b: str | None) -> bool:
    """`their second summit` may be the summit already reported; `other agreements` may not."""
    if a == b:
        return True
    kinds = {DISTINCT_CUES.get(a or ""), DISTINCT_CUES.get(b or "")}
    return None in kinds and "contrast" not in kinds and (a is None or b is None)


def _merge(found: list[_Found]) -> list[_Found]:
    kept: list[_Found] = []
    for f in found:
        target, by_parties = None, False
        for k in reversed(kept):
            if k.span.event_type != f.span.event_type or k.gathering != f.gathering:
                continue
            if (
                f.definite
                and _compatible_marks(k.distinct, f.distinct)
                and len(f.members) < MIN_PARTIES[f.span.event_type] + (f.span.event_type == "visit")
            ):
                # `the call`, `this state visit`: the last one of its kind
                target = k
                break
            if not _compatible_marks(k.distinct, f.distinct) or (
                f.span.status != k.span.status and not f.definite
            ):
                continue
            if not (_compatible_dates(k.span, f.span) and _compatible_places(k.span, f.span)):
                continue
            if _same_parties(k, f):
                target, by_parties = k, True
                break
            if _same_place(k.span, f.span) and (f.definite or k.members & f.members):
                # `the leaders' summit at Camp David`: one gathering per place and day
                target = k
                break
        if target is not None:
            _absorb(target, f, by_parties)
        else:
            kept.append(f)
    return kept


def _inherit_context(kept: list[_Found]) -> None:
    """An occurred meeting or agreement without place or date takes them from its visit or meeting."""
    for n, f in enumerate(kept):
        s = f.span
        if s.status != "occurred" or s.event_type not in ("meeting", "agreement") or f.distinct:
            continue
        for prev in reversed(kept[:n]):
            p = prev.span
            if p.status != "occurred" or p.event_type not in ("meeting", "visit") or prev.distinct:
                continue
            if not f.members & prev.members:
                continue
            if s.location is None and p.location is not None:
                s.location, s.location_country = p.location, p.location_country
            if s.event_date is None and p.event_date is not None and s.location in (None, p.location):
                s.event_date, s.date_precision = p.event_date, p.date_precision
            break


def _date_visits(kept: list[_Found]) -> None:
    """`who has traveled to Baku, met Aliyev on Friday`: an undated visit is dated by its meetings."""
    for n, f in enumerate(kept):
        s = f.span
        if s.event_type != "visit" or s.event_date is not None or s.status != "occurred":
            continue
        for later in kept[n + 1 :]:
            t = later.span
            if (
                t.event_type == "meeting"
                and t.status == "occurred"
                and t.event_date
                and f.members & later.members
            ):
                if t.location in (None, s.location):
                    s.event_date, s.date_precision = t.event_date, t.date_precision
                break


def _add_host_state(index: EntityIndex, f: _Found) -> None:
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


def _confidence(f: _Found) -> float:
    s = f.span
    facts = (s.location is not None, f.dated_by_text, len(f.members) > MIN_PARTIES[s.event_type])
    return round(min(MAX_CONFIDENCE, BASE_CONFIDENCE[f.form] + CONFIDENCE_PER_FACT * sum(facts)), 3)


def find_events(doc: Doc, index: EntityIndex) -> list[EventSpan]:
    """Events of the document in text order, one per real-world occurrence."""
    # "arrived in Congress": a body is no place
    bodies = [(m.start, m.end) for e in index.entities if e.kind == "organization" for m in e.mentions]
    all_places = [
        [
            p
            for p in find_places(doc.text, s.start, s.end)
            if not any(a < p.end and p.start < b for a, b in bodies)
        ]
        for s in doc.sentences
    ]
    found: list[_Found] = []
    for no in range(len(doc.sentences)):
        found.extend(_mentions_in_sentence(doc, index, no, all_places, [f.members for f in found]))
    found = [f for f in found if not (f.span.event_type == "visit" and _visit_is_home(index, f))]
    kept = _merge(found)
    for f in kept:
        _add_host_state(index, f)
    kept = [f for f in kept if len(f.members) >= MIN_PARTIES[f.span.event_type]]
    # a visit needs somewhere to go; one named nowhere is a figure of speech
    kept = [f for f in kept if f.span.event_type != "visit" or f.span.location is not None]
    _date_visits(kept)
    _inherit_context(kept)
    for f in kept:
        f.span.cameo_code = _cameo(index, f.span)
        f.span.confidence = _confidence(f)
    return sorted((f.span for f in kept), key=lambda s: s.trigger[0])
