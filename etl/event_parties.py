"""Who takes part in an event mention: subjects, objects, visitors and groups.

Parties come from the trigger's own clause, not the whole sentence:

- a verb (`met`, `signed`) takes the mentions of its clause before it (the
  subject, `The Vice President and the President agreed`), or the sentence's
  first actor when an apposition or relative clause stands between them
  (`Ali Shamkhani, ..., who has traveled to Baku, met ...`), and the mentions
  after it up to the next clause (`met X and Y`);
- a noun (`talks`, `summit`, `visit`) takes its possessor or modifier (`Kang's
  trip`, `US-mediated talks`), the subject of a support verb (`Mr Blair made a
  visit`, `held a summit`), and its `with`/`between`/`among`/`of` phrase;
- plural descriptions (`the two leaders`, `both sides`) and `their`/`they`
  stand for the parties of the last event with several, else for the
  entities of that kind last named together.

Mentions that only name a place, a topic (`talks on Ukraine`), a nationality
(unless it heads a delegation: `Russian and Ukrainian delegations`) or someone's
principal (`Lee's chief of staff`) are never parties.
"""

from __future__ import annotations

import re
from typing import Final

from etl.doc import Doc, Mention
from etl.entities import EntityIndex
from etl.event_cues import Place, Trigger, inside, words_first_letter_first
from etl.lexicons import load_map, load_set

GROUP_NOUNS: Final[dict[str, str]] = load_map("event_groups")
ROLE_NOUNS: Final[frozenset[str]] = load_set("event_roles")
SUPPORT_VERBS: Final[frozenset[str]] = load_set("event_support_verbs")
NUMBER_WORDS: Final[dict[str, int]] = {k: int(v) for k, v in load_map("number_words").items()}

# Words before a mention that make it a topic or an origin, not a party
# (`talks on Ukraine`, `the war in Ukraine`, `threats from North Korea`).
TOPIC_WORDS: Final = frozenset(
    {"on", "about", "over", "against", "regarding", "concerning", "from", "in", "into", "to"}
)
# Words right after a noun trigger that open the phrase naming its parties.
PARTY_PREPS: Final = frozenset({"with", "between", "among", "of", "by", "involving", "for"})
# How many words may stand between a noun trigger and its possessor or its
# support verb (`made a surprise visit`: 2; `held the next round of trilateral talks`: 5).
POSSESSOR_REACH, SUPPORT_REACH = 3, 5
# How many sentences a plural description may look back / ahead for its members.
GROUP_LOOKBACK, GROUP_LOOKAHEAD = 4, 2


# Where the clause after a trigger ends: a new clause or the attribution.
# (Patterns that open with \b on words are spelt with words_first_letter_first: re then skips
# to the characters that can open a match instead of trying every offset.)
_RIGHT_END: Final = re.compile(
    r";|—| – | - |\(|,\s+(?:which|who|whom|where|while|but|after|as|when|said|says|according|adding)\b"
    r"|,\s+[a-z]+ing\b|"
    + words_first_letter_first(["said", "says", "told", "added", "to discuss", "to talk"], r"\w", r"\b")
)
# A reporting verb opens the clause it reports (`The Kremlin said the two leaders held talks`).
_REPORTING_WORDS: Final = ["said", "says", "told", "tells", "added", "stated", "announced"]
_REPORTED: Final = re.compile("(?:" + words_first_letter_first(_REPORTING_WORDS, r"\w", r"\s") + ")$")


# Where the clause before a trigger starts (searching backwards).
# Spelt with literals first: with a \b in front of the words, re tried the pattern at every
# offset (_clause_start was a tenth of find_events). \b before a word's first letter is a
# non-word character before it.
_LEFT_BREAK: Final = re.compile(
    "|".join([*map(re.escape, ';:—(“”"'), r",\s"])
    + "|"
    + words_first_letter_first(
        [
            "that",
            "but",
            "while",
            "after",
            "before",
            "when",
            "because",
            "if",
            "said",
            "says",
            "told",
            "tells",
            "added",
            "stated",
            "announced",
        ],
        r"\w",
        r"\s",
    )
)
_GROUP_ALT: Final = "|".join(re.escape(n) for n in sorted(GROUP_NOUNS, key=len, reverse=True))
_GROUP_RE: Final = re.compile(
    "(?:" + words_first_letter_first(["The", "the", "Both", "both", "All", "all"], r"\w", "") + ")"
    rf"\s+(?:(?P<num>[a-z]+)\s+)?(?:[a-z][\w-]*\s+)?(?P<noun>{_GROUP_ALT})\b"
)
# A sentence that opens on a bare plural (`Defense chiefs from the US, ...`).
_OPENING_GROUP_RE: Final = re.compile(rf"(?:[A-Z][\w-]*\s+)?(?P<noun>{_GROUP_ALT})\b")
# What may join the members of a party phrase: `and`, commas, titles, `the`.
_JOINED: Final = re.compile(r"(?:\s*(?:,|and|the|[A-Z][\w’'.-]*))*\s*")
_LATER_PARTY_PREP: Final = re.compile(
    r"\s+(?:in|at)\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*,?\s+(?:between|with|among)\b"
)
# `trilateral talks` with no parties named: the three states last named together.
_TRILATERAL_RE: Final = re.compile(r"\btrilateral\b", re.IGNORECASE)
TRILATERAL_PARTIES: Final = 3
DELEGATE_NOUNS: Final[frozenset[str]] = load_set("event_delegates")
# `Russian and Ukrainian delegations`: nationalities that stand for their states.
_DELEGATES_RE: Final = re.compile(
    r"(?:\s+and\s+[A-Z]\w+)?(?:\s+[a-z]+)?\s+(?:"
    + "|".join(sorted(DELEGATE_NOUNS, key=len, reverse=True))
    + r")\b"
)
_SUBORDINATE: Final = re.compile(r",\s+(?:as|while|after|when|because|since|but|although)\b")
_FIRST_PERSON: Final = re.compile(words_first_letter_first(["I", "We", "we"], r"\w", r"\b"))
_THEY_RE: Final = re.compile(r"\b(?:their|they|both)\b", re.IGNORECASE)
# A sentence opening on a subordinate clause whose subject comes after it
# (`Before visiting Israel, Mr Blair made ...`).
_FRONTED: Final = re.compile(r"(?:Before|After|While|When|During|Upon|On|Since)\s")


# compiled once (re.match(str, ...) looks the pattern up in re's cache in interpreted Python)
_COMMA: Final = re.compile(r",\s*")
_POSSESSED: Final = re.compile(r"['’]s?\s+([\w-]+)(?:\s+([\w-]+))?")
_OF: Final = re.compile(r"\s+of\s+(?:the\s+)?")
_WORD: Final = re.compile(r"[\w’'-]+")
_OPENER: Final = re.compile(r"[’”\"']?\s+([\w-]+)(?:\s+(\w+))?")
_WITH: Final = re.compile(r"[’”\"']?\s+with\b")
_OF_BY: Final = re.compile(r"\s+(?:of|by)\s+$")


# A plain class, not a frozen dataclass: compiled with mypyc, a dataclass keeps its generated
# ``__init__`` interpreted. Compared and hashed by value as the dataclass was; treat as immutable.
class Window:
    """The stretch of a sentence a trigger's parties come from."""

    __slots__ = ("left", "reporter", "right", "subject_end", "subject_start")

    def __init__(
        self,
        left: int,
        right: int,
        # `they`/`their` count only right before the trigger (its subject or possessor)
        subject_start: int,
        subject_end: int,
        # who reports the clause the trigger stands in (`Trump said Putin had agreed`)
        reporter: int | None = None,
    ) -> None:
        self.left = left
        self.right = right
        self.subject_start = subject_start
        self.subject_end = subject_end
        self.reporter = reporter

    def _key(self) -> tuple[int, int, int, int, int | None]:
        return (self.left, self.right, self.subject_start, self.subject_end, self.reporter)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Window):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return "Window(left={!r}, right={!r}, subject_start={!r}, subject_end={!r}, reporter={!r})".format(
            *self._key()
        )


def candidates(
    doc: Doc,
    index: EntityIndex,
    sent: tuple[int, int],
    quotes: list[tuple[int, int]],
    trig: Trigger,
    places: list[Place],
) -> list[tuple[Mention, int]]:
    """Mentions of the sentence that can be parties (not places, topics, nationalities)."""
    text = doc.text
    trig_quoted = inside(trig.start, quotes)
    mentions = index.entities_in(sent)
    out: list[tuple[Mention, int]] = []
    persons = [m for m, i in mentions if index.entities[i].kind == "person"]
    for m, i in mentions:
        before = [p for p in persons if p.end <= m.start]
        if index.entities[i].kind == "country" and _is_affiliation(text, m, before[-1] if before else None):
            continue
        if any(
            o is not m and o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start)
            for o, _ in mentions
        ):
            continue
        if m.form == "demonym" and not _DELEGATES_RE.match(text, m.end):
            continue
        if not trig_quoted and inside(m.start, quotes):
            continue
        country = index.entities[i].kind == "country"
        if any(
            p.start <= m.start < p.end or (country and _COMMA.fullmatch(text[p.end : m.start]))
            for p in places
        ):
            # "in Bali, Indonesia": the state names where the place is
            continue
        if index.entities[i].kind != "person" and _after_word(text, sent[0], m.start) in TOPIC_WORDS:
            continue
        if _is_principal(text, m):
            continue
        out.append((m, i))
    return out


def _after_word(text: str, floor: int, pos: int) -> str:
    # the last two words are all that is read (rsplit stops there: split made a list of all)
    before = text[floor:pos].rsplit(None, 2)
    if before and before[-1].lower() == "the":
        before.pop()
    return before[-1].lower() if before else ""


def _is_principal(text: str, m: Mention) -> bool:
    """`Lee's chief of staff`, `Trump's administration`: a possessor of a role noun is not the actor."""
    hit = _POSSESSED.match(text[m.end : m.end + 40])
    return bool(hit and any((w or "").lower() in ROLE_NOUNS for w in hit.groups()))


def _is_affiliation(text: str, m: Mention, prev: Mention | None) -> bool:
    """`President Yoon of the Republic of Korea`: the state after a person's name is their own."""
    return prev is not None and _OF.fullmatch(text[prev.end : m.start]) is not None


def _chain(mentions: list[tuple[Mention, int]], text: str) -> list[tuple[Mention, int]]:
    """The coordinated mentions of a `between X and Y` phrase, up to the first that is not joined."""
    out = mentions[:1]
    for m, i in mentions[1:]:
        if not _JOINED.fullmatch(text[out[-1][0].end : m.start]):
            break
        out.append((m, i))
    return out


def _clause_start(text: str, floor: int, pos: int) -> int:
    last = floor
    for m in _LEFT_BREAK.finditer(text, floor, pos):
        last = m.end()
    return last


def _clause_end(text: str, pos: int, ceiling: int) -> int:
    m = _RIGHT_END.search(text, pos, ceiling)
    return m.start() if m else ceiling


def _words(text: str, a: int, b: int) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _WORD.finditer(text[a:b])]


def _support_verb_at(text: str, floor: int, trig: Trigger, clause: int | None = None) -> int | None:
    """Offset of a support verb governing a noun trigger (`made a surprise visit`).

    ``clause`` is ``_clause_start(text, floor, trig.start)`` when the caller has it.
    """
    if clause is None:
        clause = _clause_start(text, floor, trig.start)
    words = _words(text, clause, trig.start)[-(SUPPORT_REACH + 1) :]
    for off, w in reversed(words):
        if w.lower() in SUPPORT_VERBS:
            return clause + off
    return None


def _subject(
    text: str, floor: int, pos: int, cands: list[tuple[Mention, int]], start: int | None = None
) -> tuple[list[tuple[Mention, int]], int]:
    """Mentions of the clause before ``pos``, else the sentence's first actor; and where to look for groups.

    When an apposition or relative clause separates the trigger from its
    subject, the subject is the sentence's first actor, or a plural
    description before it (`The two presidents, accompanied by ..., attended`).
    ``start`` is ``_clause_start(text, floor, pos)`` when the caller has it.
    """
    if start is None:
        start = _clause_start(text, floor, pos)
    left = [(m, i) for m, i in cands if start <= m.start and m.end <= pos]
    if left or _REPORTED.search(text, floor, start):
        # a reported clause has its own subject (`The Kremlin said the two leaders
        # held talks`); the one who reports it is only a fallback (see reporter_of)
        return left, start
    first = [(m, i) for m, i in cands if m.end <= pos][:1]
    group = _GROUP_RE.search(text, floor, pos) or _OPENING_GROUP_RE.match(text, floor)
    if group and (not first or group.start() < first[0][0].start):
        return [], floor
    return first, start


def reporter_of(
    text: str, floor: int, pos: int, cands: list[tuple[Mention, int]], start: int | None = None
) -> int | None:
    """The actor before the reporting verb that opens the clause at ``pos``, if one does.

    ``start`` is ``_clause_start(text, floor, pos)`` when the caller has it.
    """
    if start is None:
        start = _clause_start(text, floor, pos)
    said = _REPORTED.search(text, floor, start)
    if said is None:
        return None
    before = [i for m, i in cands if m.end <= said.start()]
    return before[-1] if before else None


def parties_of(
    doc: Doc,
    index: EntityIndex,
    sent: tuple[int, int],
    trig: Trigger,
    cands: list[tuple[Mention, int]],
) -> tuple[list[tuple[Mention, int]], list[tuple[Mention, int]], Window]:
    """Subject-side and object-side mentions of the event at ``trig``, and the window used."""
    text = doc.text
    right_end = _clause_end(text, trig.end, sent[1])
    # the clause the trigger stands in, read by several steps below (a scan of the sentence up to it)
    clause = _clause_start(text, sent[0], trig.start)
    if trig.form == "noun":
        poss_start = trig.start
        words = _words(text, sent[0], trig.start)[-POSSESSOR_REACH:]
        if words:
            poss_start = sent[0] + words[0][0]
        poss_start = max(poss_start, clause)
        left = [(m, i) for m, i in cands if poss_start <= m.start and m.end <= trig.start]
        group_from = poss_start
        verb = _support_verb_at(text, sent[0], trig, clause)
        if verb is not None:
            subject, group_from = _subject(text, sent[0], verb, cands)
            left = subject + left
        opener = _OPENER.match(text[trig.end : trig.end + 30])
        takes_right = bool(
            opener
            and (
                opener.group(1) in PARTY_PREPS
                or (opener.group(1).islower() and opener.group(2) in PARTY_PREPS)
            )
        )
        right_from = trig.end
        if not takes_right:
            # `talks in Abu Dhabi between Russia and Ukraine`: the phrase after a place
            later = _LATER_PARTY_PREP.match(text, trig.end, right_end)
            takes_right, right_from = later is not None, later.end() if later else trig.end
        right = (
            _chain([(m, i) for m, i in cands if right_from <= m.start < right_end], text)
            if takes_right
            else []
        )
        if not left and right and _WITH.match(text[trig.end : right_end]):
            # `Trump was on a call with Putin`: the clause's subject
            left = [(m, i) for m, i in cands if clause <= m.start and m.end <= trig.start]
        if not left and not right:
            # no phrase of its own: the actors named before it in its clause chain
            # (`Zelensky concluded, "We agreed with President Trump to discuss at a meeting"`),
            # not those of a clause it is subordinate to (`X said Monday, as Y is set to seal a deal`)
            floor = sent[0]
            for sub in _SUBORDINATE.finditer(text, sent[0], trig.start):
                floor = sub.end()
            left = [(m, i) for m, i in cands if floor <= m.start and m.end <= trig.start]
            group_from = floor
        window = Window(
            group_from,
            right_end if takes_right else trig.end,
            poss_start,
            trig.start,
            reporter_of(text, sent[0], trig.start, cands, clause),
        )
    else:
        left, group_from = _subject(text, sent[0], trig.start, cands, clause)
        right = [(m, i) for m, i in cands if trig.end <= m.start < right_end]
        window = Window(
            group_from,
            right_end,
            clause,
            trig.start,
            reporter_of(text, sent[0], trig.start, cands, clause),
        )
    return left, right, window


def quote_speaker(
    text: str,
    sent: tuple[int, int],
    quotes: list[tuple[int, int]],
    trig: Trigger,
    cands: list[tuple[Mention, int]],
) -> int | None:
    """`"I ... will visit Tehran again," the president said`: the speaker of a first-person quote."""
    region = next((q for q in quotes if q[0] <= trig.start < q[1]), None)
    if region is None or not _FIRST_PERSON.search(text, region[0], trig.start):
        return None
    after = [i for m, i in cands if region[1] <= m.start < sent[1]]
    before = [i for m, i in cands if sent[0] <= m.start and m.end <= region[0]]
    if after:
        return after[0]
    return before[-1] if before else None


def visitor_of(
    doc: Doc,
    index: EntityIndex,
    sent: tuple[int, int],
    trig: Trigger,
    cands: list[tuple[Mention, int]],
    quotes: list[tuple[int, int]],
) -> int | None:
    """The one who travels: `visit of X`, `X's visit`, the subject, the speaker of `I will visit`."""
    text = doc.text
    speaker = quote_speaker(text, sent, quotes, trig, cands)
    cands = [(m, i) for m, i in cands if not inside(m.start, quotes) or inside(trig.start, quotes)]
    if speaker is not None:
        # the speaker is named outside the quotation: not a subject inside it
        cands = [(m, i) for m, i in cands if i != speaker or inside(m.start, quotes)]
    after = [(m, i) for m, i in cands if m.start >= trig.end]
    if after and _OF_BY.match(text[trig.end : after[0][0].start]):
        return after[0][1]
    if trig.form == "noun":
        left, _, _ = parties_of(doc, index, sent, trig, cands)
    else:
        start = _clause_start(text, sent[0], trig.start)
        left = [(m, i) for m, i in cands if start <= m.start and m.end <= trig.start]
        if not left and not _FRONTED.match(text, sent[0]):
            left = [(m, i) for m, i in cands if m.end <= trig.start][:1]
    persons = [i for _, i in left if index.entities[i].kind == "person"]
    if persons:
        return persons[-1]
    if left:
        return left[-1][1]
    if _FRONTED.match(text, sent[0]) and after and text.find(",", sent[0], after[0][0].start) > trig.end:
        # "Before visiting Israel, Mr Blair made ...": a fronted clause's subject follows it
        return after[0][1]
    return speaker


def group_members(doc: Doc, index: EntityIndex, no: int, window: Window, prior: list[set[int]]) -> set[int]:
    """Members that `the two leaders`, `both sides`, `their` in ``window`` stand for."""
    text = doc.text
    out: set[int] = set()
    hits = list(_GROUP_RE.finditer(text, window.left, window.right))
    opening = _OPENING_GROUP_RE.match(text, window.left)
    if opening and window.left == doc.sentences[no].start:
        hits.append(opening)
    for m in hits:
        kind = GROUP_NOUNS[m.group("noun").lower()]
        want = NUMBER_WORDS.get((m.groupdict().get("num") or "").lower()) or None
        out |= _resolve_group(doc, index, no, kind, want, prior)
    if not out and _TRILATERAL_RE.search(text, window.subject_start, window.subject_end + 1):
        out |= _resolve_group(doc, index, no, "country", TRILATERAL_PARTIES, prior)
    if not out and _THEY_RE.search(text, window.subject_start, window.subject_end):
        multi = [p for p in prior if len(p) >= 2]
        out |= multi[-1] if multi else _resolve_group(doc, index, no, "person", None, prior)
    return out


def _resolve_group(
    doc: Doc, index: EntityIndex, no: int, kind: str, want: int | None, prior: list[set[int]]
) -> set[int]:
    for members in reversed(prior):
        of_kind = {i for i in members if index.entities[i].kind == kind}
        if len(of_kind) >= 2 and (want is None or len(of_kind) == want):
            return of_kind
    order = list(range(no - 1, max(-1, no - 1 - GROUP_LOOKBACK), -1))
    order += list(range(no + 1, min(len(doc.sentences), no + 1 + GROUP_LOOKAHEAD)))
    for k in order:
        s = doc.sentences[k]
        seen: list[int] = []
        for _, i in index.entities_in((s.start, s.end)):
            if index.entities[i].kind == kind and i not in seen:
                seen.append(i)
        if len(seen) >= max(2, want or 2):
            return set(seen[-want:]) if want else set(seen)
    return set()
