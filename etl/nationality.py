"""A person's country when no title, apposition or description gives it.

First :meth:`Nationality.inherit_from_owners`: an aide (``Putin's spokesman
Dmitry Peskov``) serves the state of the one he serves. Then the steps of
:meth:`Nationality.fill`, strongest evidence first, each read from the text:

1. the person's organization's country (``White House spokesman`` -> USA, the
   country an institution stands for);
2. a US-style party tag after a mention (``Sen. Thom Tillis (R-N.C.)``);
3. ``on behalf of the United States`` right after one of its mentions; the
   state of a group the person leads (``the South Korean delegation led by
   ...``); the capital where the person hosts a guest (``Kishida hosted Biden
   in Tokyo``);
4. an official met where someone travels (``travel to Austria, where he will
   meet Chancellor Karl Nehammer``) belongs to that state;
5. a role stated as a predicate of one of its mentions: ``as he begins his
   second term as US President``, ``Kang was appointed as Lee's special envoy``
   (the state of the country word, or of the person whose role it is);
6. a domestic office (``Sen.``, ``Gov.``, ``Mayor``) whose title names a
   subdivision of one state (``Virginia Sen.``, ``former Massachusetts
   governor``: pycountry's subdivisions), else held in the state of the
   dateline's city (``WASHINGTON (AP) -- Sen. ...``);
7. a head of state or government named with no country (``President Lee``,
   ``Former President``) in a story filed from a capital serves that state, as
   news names its own leaders unqualified: the same holds for the leader an aide
   serves (``President Lee Jae Myung's chief of staff``) when the leader is not
   a participant, and an aide described as a placed leader's (``Lee's chief of
   staff`` resolved to Kang) serves his state;
8. a role stated by the person in his own quotation (``Trump continued, "I, as
   your next President of the United States, ..."``);
9. a pair of the same role, the other one qualified (``first lady Kim and
   Chinese first lady Peng``): not that state, so the one other state whose
   leader the article names;
10. a leader named with no state (``President Donald Trump``) beside leaders
   placed in two or more other states (``Ukrainian President``, ``Russian President``) leads
   the one state the article names at least twice whose leader it does not place.

The dateline is the opening one (``WASHINGTON (AP) --``) or, in wire copy
behind a headline block, ``SEOUL, Dec. 29 (Yonhap) --`` near the start.

Otherwise the country stays null: a guess from who else the article names
(``Chinese President Xi Jinping met Secretary of State Antony Blinken``) is
wrong as often as it is right on unseen news, and null is the honest answer.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

import pycountry

from etl.articles import wire_dateline
from etl.caches import remember
from etl.chars import skip_space, space_code, word_code, word_end
from etl.countries import code_of, find_countries
from etl.doc import Entity
from etl.lexicons import load_map
from etl.people import country_of_named
from etl.quote_marks import int_bisect_left, int_bisect_right
from etl.quotemarks import QuoteMap
from etl.titles import is_head

# A sentence tells of travel when one of these starts a word in it ("visiting", "trips").
TRAVEL_CUE_WORDS: Final = ("visit", "trip", "travel", "arrived", "flew")
_TRAVEL_TO: Final = re.compile(
    r"\b(?:visit|visits|visited|visiting|trip to|trips to|travel(?:l?ed)? to|arrived in|flew to)\s+$"
)
# "(D-N.C.)", "(R-Texas)", ", R-Ky.,": the party and state of a US legislator or governor.
_PARTY_TAG: Final = re.compile(r"\s*[(,]\s*(?:D|R|I)-[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?\s*[),]")
# Offices held inside one state's own politics: the holder serves the state the story is filed
# from. Lower-case title words, without the period of "Sen." (a closed class).
DOMESTIC_OFFICES: Final = frozenset(
    {
        "sen",
        "senator",
        "rep",
        "representative",
        "congressman",
        "congresswoman",
        "gov",
        "governor",
        "mayor",
        "lawmaker",
        "assemblyman",
        "assemblywoman",
    }
)
CITIES: Final = load_map("cities")
# "as US President", "as Lee's special envoy", "as the new Iranian ambassador": a role stated as a
# predicate; the words after "as" are read by _predicate_role. "such as Russian President Putin"
# lists examples and states nobody's role.
_AS: Final = re.compile(
    r"(?<!such )(?<!well )(?<!so )\bas\s+(?:(?:the|his|her|its|their|a|an|next|new|first)\s+)*"
)
# _as_end's reading of _AS: the words before "as" it refuses, the words it reads past
_AS_NOT_AFTER: Final[list[str]] = ["such ", "well ", "so "]
_AS_LEADS: Final = frozenset({"the", "his", "her", "its", "their", "a", "an", "next", "new", "first"})
_AS_OWNER: Final = re.compile(r"(?P<owner>[A-Z][\w\-]+)['’]s\s+")
# Words between the state or owner and the role's head ("special", "chief of staff" keeps "chief").
MAX_ROLE_GAP: Final = 2
_ON_BEHALF: Final = re.compile(
    r"(?:\s+\w+){1,3}?\s+on\s+behalf\s+of\s+(?:the\s+)?(?P<c>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)"
)
_WORD: Final = re.compile(r"[A-Za-z][A-Za-z\-]*")
# Heads of state and government: named without a country only by the press of their own state.
# Lower-case last word of a title; a closed class ("Former President" ends in "president").
LEADER_HEADS: Final = frozenset({"president", "prime minister", "premier", "chancellor"})
_LEADER_TITLES_LIST: Final[list[str]] = ["President", "Prime Minister", "Premier", "Chancellor"]
_LEADER_TITLE: Final = "(?:" + "|".join(_LEADER_TITLES_LIST) + ")"
# Words that may stand before a leader's head and keep it a national leader ("former President").
LEADER_MODIFIERS: Final = frozenset(
    {"former", "late", "then", "incoming", "outgoing", "acting", "interim", "new"}
)
# "President Obama", "Former President Donald Trump": the title capitalised right before the name,
# not a description ("the former president") a resolver may have attached to the wrong person.
# The word before it must not name a body ("World Bank President Jim Yong Kim").
_LEADER_BEFORE_NAME: Final = re.compile(rf"(?:(?P<prev>[\w.\-]+)\s+)?\b(?P<title>{_LEADER_TITLE})\s+$")
# 'I, as your next President of the United States, ...' inside the speaker's own quotation.
# (the "I" comes first and the look-behind after it is the \b before it: a pattern opening with
# \b is tried at every offset of a quotation, one opening with a literal only where it stands)
_SELF_ROLE: Final = re.compile(
    r"I(?<!\wI),?\s+as\s+(?:(?:the|your|our|a|next|new|future)\s+)*"
    r"(?P<role>(?:[A-Z][a-z]+\s+){0,2}[A-Z][a-z]+)\s+of\s+(?:the\s+)?"
    r"(?P<c>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)"
)
# Mentions that make a state one of the article's parties for step 10 (one passing mention of
# "Afghanistan" or "France" is background); 2 keeps every dev party and drops the asides.
MIN_STATE_MENTIONS: Final = 2
# Placed leaders of other states step 10 needs: with one (``US President Bush`` beside ``the
# prime minister`` and a much-discussed Iran) the unled state is as often a topic as a party.
MIN_LED_STATES: Final = 2
# "the South Korean delegation led by ...", "a delegation from Japan, headed by Foreign Minister":
# a group of one state led by the person (up to four title words between "by" and the name).
_LED_BY: Final = re.compile(
    r"\b(?P<group>delegation|team|side|government|negotiators|mission)(?P<from>\s+from\s+[A-Z][\w.]*"
    r"(?:\s+[A-Z][\w.]*)?)?\s*,?\s+(?:led|headed)\s+by\s+(?:[A-Za-z.\-]+\s+){0,4}$"
)
# The state word before the group ("South Korean delegation", "Japan's team"): this close.
LED_GROUP_GAP: Final = 4
# "Kishida hosted Biden in Tokyo", "Xi received Lee in Beijing": a host, then his guest, then the
# capital; the host's verb comes right after his name (an aside between commas allowed).
_HOST_VERB: Final = re.compile(
    r"\s*(?:,[^,]{0,60},\s*)?(?:(?:on|last|this)\s+\w+\s+|also\s+|later\s+)?"
    r"(?:hosted|hosts|received|receives|welcomed|welcomes)\s+"
)
# _HOST_VERB's words, for _host_verb_end: the leads that take a word after them, then the
# others, and the verbs in the pattern's order
_HOST_LEADS: Final[list[str]] = ["on", "last", "this", "also", "later"]
_HOST_VERBS: Final[list[str]] = ["hosted", "hosts", "received", "receives", "welcomed", "welcomes"]
_HOST_LEAD_FIRSTS: Final = frozenset(w[0] for w in _HOST_LEADS)
_HOST_VERB_FIRSTS: Final = frozenset(w[0] for w in _HOST_VERBS)
_IN_CAPITAL: Final = re.compile(r"\s+(?:\w+\s+){0,6}?in\s+$")
# How far after the host's verb his guest's name may start, and the capital after the guest.
HOST_GUEST_GAP: Final = 60
HOST_PLACE_GAP: Final = 60
# How far before a quotation its speaker's name may stand ("Trump continued, “I ...").
SPEAKER_GAP: Final = 40
# Words each step's pattern cannot match without: one look at the whole text says whether the
# step can apply at all, so that most articles skip its per-mention searches. Plain substrings
# (str's own search) where they do; patterns opening with a letter otherwise, never with a \b
# or look-behind, which re would try at every offset (~20 times slower than a literal).
_ON_BEHALF_WORDS: Final = ("behalf",)
_HOST_WORDS: Final = ("host", "receiv", "welcom")
_PARTY_WORDS: Final = ("D-", "R-", "I-")
_PARTY_LETTERS: Final = frozenset(w[0] for w in _PARTY_WORDS)
# "led by" and "headed by", where _LED_BY ends: each word, white space, "by" and white space
_LED_WORDS: Final = ("led", "headed")
# "as" and a space: where _AS can start, once the \b before it is tested.
_AS_WORD: Final = re.compile(r"as\s")
_AND_AFTER: Final = re.compile(r"\s+and\s+")
# The characters _HOST_VERB and _PARTY_TAG can go on with after their leading white space: most
# mentions are followed by neither ("Kim said"), and a look at that character spares the match.
_HOST_VERB_OPENERS: Final = frozenset(",olathrw")
_PARTY_TAG_OPENERS: Final = frozenset("(,")


# Distinct titles whose leader and office verdicts stay cached per process: fill asks them of
# every person at several steps, and titles repeat across articles; bounded all the same.
TITLE_CACHE: Final = 1 << 14


# is_leader's and _domestic's verdicts by title: plain dicts, read natively when compiled (an
# lru_cache wrapper cost a generic call and a key tuple per question); bounded as those were
_LEADER_TITLES: Final[dict[str, bool]] = {}
_DOMESTIC_TITLES: Final[dict[str, bool]] = {}


def is_leader(title: str | None) -> bool:
    """``President``, ``Former President``, ``prime minister``: a head of state or government,
    not of a body (``NAACP president``)."""
    if title is None:
        return False
    found = _LEADER_TITLES.get(title)
    if found is None:
        found = remember(_LEADER_TITLES, title, _is_leader(title), TITLE_CACHE)
    return found


def _is_leader(title: str) -> bool:
    low = " ".join((title or "").lower().split())
    for head in LEADER_HEADS:
        if low == head or low.endswith(" " + head):
            return set(low[: -len(head)].split()) <= LEADER_MODIFIERS
    return False


def dateline_country(dateline: str | None) -> str | None:
    """``WASHINGTON`` -> USA, ``TRENTON, N.J.`` -> none known: the state a story is filed from."""
    if not dateline:
        return None
    city = dateline.split(",")[0].strip().title()
    return code_of(city) or CITIES.get(city)


def home_state(text: str, dateline: str | None) -> str | None:
    """The state a story is filed from: its dateline's, else that of a wire dateline further in.
    ``dateline`` is :func:`etl.articles.find_dateline`'s, which is the wire dateline itself when
    the body opens with none: when it is None there is no wire dateline to read either."""
    home = dateline_country(dateline)
    if home is None and dateline is not None:
        home = dateline_country(wire_dateline(text))
    return home


@cache
def _subdivisions() -> dict[str, str]:
    """Name of a province or state -> its country's alpha-3, for names only one country uses."""
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    owners: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        owners.setdefault(sub.name, set()).add(sub.country_code)
    return {
        n: alpha3[next(iter(cs))] for n, cs in owners.items() if len(cs) == 1 and next(iter(cs)) in alpha3
    }


def _subdivision_state(title: str) -> str | None:
    """``Virginia Sen.``, ``governor of Texas``: a subdivision by the office word, never one
    elsewhere in a title (``Speaker Paul D. Ryan and Senator`` is no office in Paul, Cape Verde)."""
    words = title.replace(".", " ").split()
    for i, word in enumerate(words):
        if word.lower() not in DOMESTIC_OFFICES:
            continue
        after = i + 2 if i + 1 < len(words) and words[i + 1] == "of" else None
        for n in (2, 1):
            # one word may stand between ("New York City Mayor", "Arizona State Senator")
            spans = [words[max(0, end - n) : end] for end in (i, i - 1) if end > 0]
            spans += [words[after : after + n]] if after else []
            for span in spans:
                code = _subdivisions().get(" ".join(span)) if len(span) == n else None
                if code:
                    return code
    return None


def _has_party_word(text: str) -> bool:
    """Whether one of _PARTY_WORDS ("D-", "R-", "I-") occurs in ``text``: from the hyphens, found
    in one search, where each word took a search of the whole text."""
    at = text.find("-", 1)
    while at >= 0:
        if text[at - 1] in _PARTY_LETTERS:
            return True
        at = text.find("-", at + 1)
    return False


def _at(text: str, i: int, word: str) -> bool:
    """``text.startswith(word, i)`` for ``i >= 0``: compiled, startswith with a start is a
    generic method call, where find with bounds is native."""
    return text.find(word, i, i + len(word)) == i


def _host_verb_end(text: str, at: int) -> int:
    """``_HOST_VERB.match(text, at).end()``, or -1 for no match, read by hand: white space, an
    aside up to its closing comma (the first, at most 61 characters on), a lead ("on Monday",
    "also"), then the verb and white space. Each of its parts is decided by the characters where
    it starts, so no part is ever given back."""
    n = len(text)
    i = skip_space(text, at, n)
    if i < n and text[i] == ",":
        close = text.find(",", i + 1, i + 62)
        if close < 0:
            return -1
        i = skip_space(text, close + 1, n)
    lead = _host_lead_end(text, i)
    return _host_verb_at(text, lead if lead >= 0 else i)


def _host_lead_end(text: str, i: int) -> int:
    r"""Where ``(?:(?:on|last|this)\s+\w+\s+|also\s+|later\s+)`` ends at ``i``, or -1."""
    word = _word_then_space(text, i, _HOST_LEADS, _HOST_LEAD_FIRSTS)
    if not word:
        return -1
    n = len(text)
    q = skip_space(text, i + len(word), n)
    if word == "also" or word == "later":
        return q
    r = word_end(text, q, n)
    if r > q and r < n and space_code(ord(text[r])):
        return skip_space(text, r, n)
    return -1


def _host_verb_at(text: str, i: int) -> int:
    """Where one of _HOST_VERBS and the white space after it end at ``i``, or -1."""
    verb = _word_then_space(text, i, _HOST_VERBS, _HOST_VERB_FIRSTS)
    return skip_space(text, i + len(verb), len(text)) if verb else -1


def _word_then_space(text: str, i: int, words: list[str], firsts: frozenset[str]) -> str:
    """The first of ``words`` (whose first letters are ``firsts``) at ``i`` with white space
    right after it, or ""."""
    n = len(text)
    if i >= n or text[i] not in firsts:
        return ""
    for word in words:
        j = i + len(word)
        if j < n and _at(text, i, word) and space_code(ord(text[j])):
            return word
    return ""


def _ends_in_leader_title(text: str, lo: int, hi: int) -> bool:
    """Whether ``text[lo:hi]`` ends in one of _LEADER_TITLE's titles and white space, as each
    match of _LEADER_BEFORE_NAME there does."""
    k = hi
    while k > lo and space_code(ord(text[k - 1])):
        k -= 1
    if k == hi:
        return False
    return any(k - len(title) >= lo and _at(text, k - len(title), title) for title in _LEADER_TITLES_LIST)


def _led_by_starts(text: str, word: str) -> list[int]:
    r"""The starts of ``re.finditer(word + r"\s+by\s", text)``, from str.find of the word (no
    Match object, and a plain search of the text where re tried each offset)."""
    out: list[int] = []
    n = len(text)
    at = text.find(word)
    while at >= 0:
        i = at + len(word)
        j = i
        while j < n and space_code(ord(text[j])):
            j += 1
        if j > i and _at(text, j, "by") and j + 2 < n and space_code(ord(text[j + 2])):
            out.append(at)
            # (a match ends past its "by": the next one cannot start inside it, as finditer's)
            at = text.find(word, j + 3)
        else:
            at = text.find(word, at + 1)
    return out


def _text_has(text: str, words: tuple[str, ...]) -> bool:
    """Whether one of ``words`` occurs anywhere in ``text`` (once per article and gate)."""
    return any(w in text for w in words)


def _as_word_starts(text: str) -> list[int]:
    """Where the word "as" stands before white space: the starts of ``_AS_WORD``'s matches (which
    cannot overlap) that open a word. str.find leaves no Match object per "has " and "was "."""
    out: list[int] = []
    n = len(text)
    at = text.find("as")
    while at >= 0:
        if at + 2 < n and space_code(ord(text[at + 2])) and _word_start(text, at):
            out.append(at)
        at = text.find("as", at + 2)
    return out


def _as_end(text: str, at: int, end: int) -> int:
    """Where ``_AS.match(text, at, end)`` ends, or -1, for ``at`` one of :func:`_as_word_starts`
    (the word "as" before white space): read by hand, where the match with its look-behinds
    and groups cost thousands of instructions. The words of _AS_LEADS each need white space
    after them, so a word is one of them only if all of it up to white space is."""
    for before in _AS_NOT_AFTER:
        k = at - len(before)
        if k >= 0 and _at(text, k, before):
            return -1
    i = at + 2
    if i >= end or not space_code(ord(text[i])):
        return -1
    i = skip_space(text, i + 1, end)
    while True:
        j = i
        while j < end and not space_code(ord(text[j])):
            j += 1
        if j == i or j >= end or text[i:j] not in _AS_LEADS:
            return i
        i = skip_space(text, j + 1, end)


def _after_space(text: str, at: int) -> str:
    """The character after the white space at ``at`` (``\\s*``), or "" at the end."""
    n = len(text)
    while at < n and space_code(ord(text[at])):  # (\s and str.isspace are the same characters)
        at += 1
    return text[at] if at < n else ""


def _word_start(text: str, at: int) -> bool:
    """``\\b`` before the word character at ``at``, as re reads it."""
    return at == 0 or not word_code(ord(text[at - 1]))


def _domestic(title: str | None) -> bool:
    if title is None:
        return False
    found = _DOMESTIC_TITLES.get(title)
    if found is None:
        domestic = any(w.lower() in DOMESTIC_OFFICES for w in _WORD.findall(title))
        found = remember(_DOMESTIC_TITLES, title, domestic, TITLE_CACHE)
    return found


class Nationality:
    """Fills ``country`` on the persons of ``entities`` that lack one."""

    def __init__(
        self,
        text: str,
        sents: list[tuple[int, int]],
        quotes: QuoteMap,
        entities: list[Entity],
        home: str | None = None,
    ) -> None:
        self.text = text
        self.home = home  # the state the story is filed from (home_state), if any
        self._person_mentions: list[int] | None = None  # start * len(entities) + entity, lazily
        self.sents = sents
        self._sent_starts = [a for a, _ in sents]
        self.quotes = quotes
        self.entities = entities
        # A story that names someone of its dateline's state by that state ("JERUSALEM --
        # Israeli Prime Minister Netanyahu ... President Obama") does not leave its own leaders
        # unqualified: the dateline then tells where the reporter is, not whose leader is named.
        # Read before any step here fills a country, so only titles and appositions count.
        self._home_qualified = self.home is not None and any(
            e.country == self.home for e in entities if e.kind == "person"
        )
        self._as_starts: list[int] | None = None
        self._led_by: list[int] | None = None
        self._host_words: bool | None = None  # one of _HOST_WORDS in the text, at the first ask
        self._behalf_words: bool | None = None  # one of _ON_BEHALF_WORDS, likewise
        self._trips: dict[int, list[tuple[int, str]]] = {}  # _destinations_in, by sentence
        self._self_roles: list[tuple[int, str]] | None = None
        self._party_words: bool | None = None  # _has_party_word, at the first _party_tag
        self._person_list: list[int] | None = None  # _persons

    def _persons(self) -> list[int]:
        # (read once: no step here adds a mention or changes a kind, and several steps ask it
        # per person or per mention)
        found = self._person_list
        if found is None:
            found = self._person_list = [
                i for i, e in enumerate(self.entities) if e.kind == "person" and e.mentions
            ]
        return found

    def inherit_from_owners(self, owners: dict[int, str]) -> None:
        """``Putin's spokesman Dmitry Peskov``: an aide serves the state of the one he serves."""
        for idx, owner in owners.items():
            e = self.entities[idx]
            if e.country is not None:
                continue
            for o in self._persons():
                other = self.entities[o]
                if o != idx and other.country and owner in other.name.split():
                    e.country = other.country
                    break
            else:
                e.country = self._named_leader_state(owner)

    def _named_leader_state(self, owner: str) -> str | None:
        """``President Lee Jae Myung's chief of staff`` with no participant Lee: the state named
        before the leader's title, else the dateline's (module doc, step 7)."""
        # (the \b before the title is tested on each hit: a pattern that opens with it is tried at
        # every offset of the text, one that opens with the titles only where they stand)
        pattern = re.compile(rf"{_LEADER_TITLE}\s+(?:[A-Z][\w\-]+\s+){{0,3}}?{re.escape(owner)}\b")
        at = 0
        while True:
            hit = pattern.search(self.text, at)
            if hit is None:
                break
            if not _word_start(self.text, hit.start()):
                at = hit.start() + 1  # (where finditer with the \b would try next)
                continue
            at = hit.end()
            if self.quotes.inside(hit.start()):
                continue
            before = [c for c in find_countries(self.text, max(0, hit.start() - 30), hit.start())]
            if before and not self.text[before[-1].end : hit.start()].strip():
                return before[-1].code
            return self._leader_home()
        return None

    def fill(self) -> None:
        """Countries the title did not give, from weaker evidence, strongest first (module doc)."""
        persons = self._persons()
        for idx in persons:
            e = self.entities[idx]
            if e.country is None and e.organization:
                org_key = e.organization.lower()
                for o in self.entities:
                    if o.kind == "organization" and o.name.lower() == org_key and o.country:
                        e.country = o.country
                        break
            if e.country is None and self._party_tag(e):
                e.country = "USA"
            if e.country is None:
                e.country = self._on_behalf_of(e)
            if e.country is None:
                e.country = self._led_group(e)
            if e.country is None:
                e.country = self._host_capital(idx)
            if e.country is None and e.title:
                first_sent = self._sent_of(e.first.start)
                hosts = [code for at, code in self._destinations_in(first_sent) if at < e.first.start]
                if hosts:
                    # "travel to Austria, where he will meet Chancellor Karl Nehammer": the host
                    e.country = hosts[-1]
            if e.country is None:
                e.country = self._predicate_role(idx)
            if e.country is None and _domestic(e.title):
                e.country = _subdivision_state(e.title or "") or self.home
            if e.country is None and self._unqualified_leader(idx):
                e.country = self._leader_home()
            if e.country is None:
                e.country = self._self_role(idx)
        for idx in persons:
            e = self.entities[idx]
            if e.country is None:
                e.country = self._described_aide(idx)
            if e.country is None and e.title:
                e.country = self._pair_contrast(idx)
        for idx in persons:
            e = self.entities[idx]
            if e.country is None and self._unqualified_leader(idx):
                e.country = self._unled_state(idx)

    def _leader_home(self) -> str | None:
        return None if self._home_qualified else self.home

    def _unqualified_leader(self, idx: int) -> bool:
        e = self.entities[idx]
        if not is_leader(e.title):
            return False
        for m in e.mentions:
            if m.form == "pronoun" or self.quotes.inside(m.start):
                continue
            lo = max(0, m.start - 40)
            if not _ends_in_leader_title(self.text, lo, m.start):
                continue  # (as the search would find: the pattern ends in a title and white space)
            hit = _LEADER_BEFORE_NAME.search(self.text, lo, m.start)
            if hit is None or not self.text[hit.start("title") - 1 : hit.start("title")].isspace():
                continue  # "''President Kim" opens a quotation the quote finder may not know
            prev = hit.group("prev") or ""
            if not prev[:1].isupper() or prev.lower() in LEADER_MODIFIERS | {"the"}:
                return True
        return False

    def _unled_state(self, idx: int) -> str | None:
        """A leader named with no state, beside leaders placed in other states, leads the one
        state the article names often enough whose leader it does not place (module doc, 10)."""
        led = {
            self.entities[o].country
            for o in self._persons()
            if o != idx and self.entities[o].country and is_leader(self.entities[o].title)
        }
        if len(led) < MIN_LED_STATES:
            return None
        named = {
            e.country
            for e in self.entities
            if e.kind == "country" and e.country and len(e.mentions) >= MIN_STATE_MENTIONS
        }
        unled = named - led
        return unled.pop() if len(unled) == 1 else None

    def _led_group(self, e: Entity) -> str | None:
        """``the South Korean delegation led by Vice Minister Park``: the group's state."""
        if self._led_by is None:
            self._led_by = sorted(at for word in _LED_WORDS for at in _led_by_starts(self.text, word))
        if not self._led_by:
            return None
        for m in e.mentions:
            if m.form == "pronoun" or self.quotes.inside(m.start):
                continue
            lo = max(0, m.start - 120)
            at = int_bisect_left(self._led_by, lo)
            if at == len(self._led_by) or self._led_by[at] >= m.start:
                continue  # no "led by" in the window _LED_BY reads
            hit = _LED_BY.search(self.text, lo, m.start)
            if not hit:
                continue
            if hit.group("from"):
                return code_of(hit.group("from").split(None, 1)[1].rstrip(".,"))
            at = hit.start("group")
            for c in reversed(find_countries(self.text, max(0, at - 40), at)):
                gap = self.text[c.end : at].replace("'s", " ").replace("’s", " ")
                if len(gap) <= LED_GROUP_GAP:
                    return c.code
        return None

    def _host_capital(self, idx: int) -> str | None:
        """``Kishida hosted Biden in Tokyo``: a host receives his guest in his own capital."""
        if self._host_words is None:
            self._host_words = _text_has(self.text, _HOST_WORDS)
        if not self._host_words:
            return None
        for m in self.entities[idx].mentions:
            # (the character after the mention first: most mentions are followed by no verb)
            if _after_space(self.text, m.end) not in _HOST_VERB_OPENERS:
                continue
            if m.form == "pronoun" or self.quotes.inside(m.start):
                continue
            verb_end = _host_verb_end(self.text, m.end)
            if verb_end < 0:
                continue
            b = self.sents[self._sent_of(m.start)][1]
            guest = self._next_person(verb_end, min(b, verb_end + HOST_GUEST_GAP), idx)
            if guest is None:
                continue
            for c in find_countries(self.text, guest, min(b, guest + HOST_PLACE_GAP)):
                if c.form == "capital" and _IN_CAPITAL.search(self.text, guest, c.start):
                    return c.code
        return None

    def _next_person(self, start: int, end: int, idx: int) -> int | None:
        """End of the first mention of another person in [start, end)."""
        ends = [
            m.end
            for o in self._persons()
            if o != idx
            for m in self.entities[o].mentions
            if start <= m.start < end and m.form != "pronoun"
        ]
        return min(ends) if ends else None

    def _self_role(self, idx: int) -> str | None:
        """``Trump continued, "I, as your next President of the United States, ..."``: a role
        the person states in a quotation that opens right after one of his name mentions."""
        if self._self_roles is None:
            # the same for every person: read the quotations once
            self._self_roles = []
            for a, b in self.quotes.spans:
                hit = _SELF_ROLE.search(self.text, a, b)
                if hit and is_head(hit.group("role").split()[-1]):
                    self._self_roles.append((a, hit.group("c")))
        for a, country in self._self_roles:
            if self._speaker_before(a) == idx:
                code = code_of(country.rstrip("."))
                if code:
                    return code
        return None

    def _speaker_before(self, quote_start: int) -> int | None:
        """The person named (not by a pronoun) just before a quotation, in the same sentence."""
        best: tuple[int, int] | None = None
        sent_start = self.sents[self._sent_of(quote_start)][0]
        for o in self._persons():
            for m in self.entities[o].mentions:
                if m.form == "pronoun" or not (sent_start <= m.start and m.end <= quote_start):
                    continue
                if quote_start - m.end <= SPEAKER_GAP and (best is None or m.end > best[0]):
                    best = (m.end, o)
        return best[1] if best else None

    def _described_aide(self, idx: int) -> str | None:
        """``President Lee Jae Myung's chief of staff ... Kang Hoon-sik``: a description resolved
        to the person that makes him the aide of a placed person serves that person's state."""
        for m in self.entities[idx].mentions:
            if m.form in ("name", "pronoun") or self.quotes.inside(m.start):
                continue
            # (the owner opens with a capital: most descriptions open with "the")
            if not 65 <= ord(self.text[m.start]) <= 90:  # [A-Z]
                continue
            if self.text.find("'", m.start, m.end) < 0 and self.text.find("’", m.start, m.end) < 0:
                continue  # (no possessive for _AS_OWNER, which most descriptions lack)
            owner = _AS_OWNER.match(self.text, m.start, m.end)
            if owner and any(is_head(w) for w in self.text[owner.end() : m.end].split()):
                code = country_of_named(self.entities, self._persons(), owner.group("owner"))
                if code:
                    return code
        return None

    def _pair_contrast(self, idx: int) -> str | None:
        """``first lady Kim Hea Kyung and Chinese first lady Peng Liyuan``: one of a pair of the
        same role whose other member is qualified by a state is of the one other state whose
        leader the article places (module doc, step 9)."""
        e = self.entities[idx]
        role = " ".join((e.title or "").lower().split())
        for m in e.mentions:
            if m.form == "pronoun" or self.quotes.inside(m.start):
                continue
            window = self.text[m.end : m.end + 8]
            joint = _AND_AFTER.match(window) if "and" in window else None
            if not joint:
                continue
            at = m.end + joint.end()
            hits = find_countries(self.text, at, at + 40)
            if not hits or hits[0].start != at or hits[0].form != "demonym":
                continue
            after = " ".join(self.text[hits[0].end : hits[0].end + len(role) + 2].lower().split())
            if not after.startswith(role):
                continue
            others = {
                self.entities[o].country
                for o in self._persons()
                if self.entities[o].country and is_leader(self.entities[o].title)
            } - {hits[0].code}
            if len(others) == 1:
                return others.pop()
        return None

    def _predicate_role(self, idx: int) -> str | None:
        """The state of a role stated after ``as`` in a sentence where this person is the last
        person mentioned before it (a name or a resolved pronoun), outside quotations."""
        if self._as_starts is None:
            self._as_starts = _as_word_starts(self.text)
        starts = self._as_starts
        for m in self.entities[idx].mentions:
            a, b = self.sents[self._sent_of(m.start)]
            at = int_bisect_left(starts, m.end)
            if at == len(starts) or starts[at] + 3 > b:
                continue  # most sentences state no role after a mention
            if self.text.find("as ", m.end, b) < 0 or self.quotes.inside(m.start):
                continue
            # _AS matches only where "as" opens a word before white space, at one of ``starts``
            # (its matches never reach the next one): trying those alone finds what a search
            # from the mention finds, which would try every offset of the sentence
            while at < len(starts) and starts[at] < b:
                hit_start = starts[at]
                hit_end = _as_end(self.text, hit_start, b)
                at += 1
                if hit_end < 0:
                    continue
                if self._last_person_before(hit_start, a) != idx:
                    break
                code = self._role_state(hit_end, b)
                if code:
                    return code
        return None

    def _role_state(self, at: int, end: int) -> str | None:
        if at >= end or not 65 <= ord(self.text[at]) <= 90:
            # both readings open with a capital: _AS_OWNER's, and each hit of find_countries
            # (countries.CAP_WORD), which must start at ``at``
            return None
        owner = _AS_OWNER.match(self.text, at, end)
        if owner:
            code = country_of_named(self.entities, self._persons(), owner.group("owner"))
            at = owner.end()
        else:
            hits = find_countries(self.text, at, min(end, at + 40))
            if not hits or hits[0].start != at:
                return None
            code, at = hits[0].code, hits[0].end
        words = self.text[at:end].split()[: MAX_ROLE_GAP + 1]
        return code if any(is_head(w.strip(",.;:")) for w in words) else None

    def _last_person_before(self, pos: int, sent_start: int) -> int | None:
        n = len(self.entities)
        codes = self._person_mentions
        if codes is None:
            # (start, entity) pairs as the ints start * n + entity, which sort and bisect as
            # the pairs do, natively, with no tuple per mention
            codes = self._person_mentions = [
                m.start * n + o
                for o in self._persons()
                for m in self.entities[o].mentions
                if not self.quotes.inside(m.start)
            ]
            codes.sort()
        i = int_bisect_left(codes, pos * n) - 1
        if i < 0 or codes[i] // n < sent_start:
            return None
        return codes[i] % n

    def _party_tag(self, e: Entity) -> bool:
        if self._party_words is None:
            self._party_words = _has_party_word(self.text)
        if not self._party_words:
            return False
        text = self.text
        return any(
            m.form != "pronoun"
            and _after_space(text, m.end) in _PARTY_TAG_OPENERS
            and _PARTY_TAG.match(text, m.end, m.end + 30)
            for m in e.mentions
        )

    def _destinations_in(self, si: int) -> list[tuple[int, str]]:
        """(offset, state) for each state or capital travelled to in sentence ``si`` ("visiting
        Poland", "arrived in Seoul"): not the home of who travels there, the home of who is met
        there. Read per sentence asked (a person's first), where a search of the whole text per
        cue word cost more than the rest of the step."""
        found = self._trips.get(si)
        if found is not None:
            return found
        out: list[tuple[int, str]] = []
        if si >= 0:
            a, b = self.sents[si]
            # a cue counts in the sentence whose span it starts in (the sentence _sent_of gives)
            # and must end inside it
            nxt = self._sent_starts[si + 1] if si + 1 < len(self._sent_starts) else len(self.text)
            if self._has_cue(a, b, nxt):
                for hit in find_countries(self.text, a, b):
                    if hit.form != "demonym" and _TRAVEL_TO.search(
                        self.text, max(a, hit.start - 25), hit.start
                    ):
                        out.append((hit.start, hit.code))
        self._trips[si] = out
        return out

    def _has_cue(self, a: int, b: int, nxt: int) -> bool:
        """Whether one of TRAVEL_CUE_WORDS starts a word at an offset in [a, nxt) and ends by b."""
        text = self.text
        for word in TRAVEL_CUE_WORDS:
            at = text.find(word, a, b)
            while 0 <= at < nxt:
                if _word_start(text, at):
                    return True
                at = text.find(word, at + 1, b)
        return False

    def _sent_of(self, pos: int) -> int:
        return int_bisect_right(self._sent_starts, pos) - 1

    def _on_behalf_of(self, e: Entity) -> str | None:
        if self._behalf_words is None:
            self._behalf_words = _text_has(self.text, _ON_BEHALF_WORDS)
        if not self._behalf_words:
            return None
        for m in e.mentions:
            if m.form == "pronoun" or self.quotes.inside(m.start):
                continue
            hit = _ON_BEHALF.match(self.text, m.end, m.end + 120)
            if hit:
                return code_of(hit.group("c").rstrip("."))
        return None
