"""A person's country when no title, apposition or description gives it.

First :meth:`Nationality.inherit_from_owners`: an aide (``Putin's spokesman
Dmitry Peskov``) serves the state of the one he serves. Then the steps of
:meth:`Nationality.fill`, strongest evidence first, each read from the text:

1. the person's organization's country (``White House spokesman`` -> USA, the
   country an institution stands for);
2. a US-style party tag after a mention (``Sen. Thom Tillis (R-N.C.)``);
3. ``on behalf of the United States`` right after one of its mentions;
4. an official met where someone travels (``travel to Austria, where he will
   meet Chancellor Karl Nehammer``) belongs to that state;
5. a role stated as a predicate of one of its mentions: ``as he begins his
   second term as US President``, ``Kang was appointed as Lee's special envoy``
   (the state of the country word, or of the person whose role it is);
6. a domestic office (``Sen.``, ``Gov.``, ``Mayor``) whose title names a
   subdivision of one state (``Virginia Sen.``, ``former Massachusetts
   governor``: pycountry's subdivisions), else held in the state of the
   dateline's city (``WASHINGTON (AP) -- Sen. ...``).

Otherwise the country stays null: a guess from who else the article names
(``Chinese President Xi Jinping met Secretary of State Antony Blinken``) is
wrong as often as it is right on unseen news, and null is the honest answer.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

import pycountry

from etl.countries import code_of, find_countries
from etl.doc import Entity
from etl.lexicons import load_map
from etl.quotemarks import QuoteMap
from etl.titles import is_head

_TRAVEL_CUE = re.compile(r"\b(?:visit|trip|travel|arrived|flew)")
_TRAVEL_TO = re.compile(
    r"\b(?:visit|visits|visited|visiting|trip to|trips to|travel(?:l?ed)? to|arrived in|flew to)\s+$"
)
# "(D-N.C.)", "(R-Texas)", ", R-Ky.,": the party and state of a US legislator or governor.
_PARTY_TAG = re.compile(r"\s*[(,]\s*(?:D|R|I)-[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?\s*[),]")
# Offices held inside one state's own politics: the holder serves the state the story is filed
# from. Lower-case title words, without the period of "Sen." (a closed class).
DOMESTIC_OFFICES = frozenset(
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
CITIES = load_map("cities")
# "as US President", "as Lee's special envoy", "as the new Iranian ambassador": a role stated as a
# predicate; the words after "as" are read by _predicate_role.
_AS = re.compile(r"\bas\s+(?:(?:the|his|her|its|their|a|an|next|new|first)\s+)*")
_AS_OWNER = re.compile(r"(?P<owner>[A-Z][\w\-]+)['’]s\s+")
# Words between the state or owner and the role's head ("special", "chief of staff" keeps "chief").
MAX_ROLE_GAP = 2
_ON_BEHALF = re.compile(
    r"(?:\s+\w+){1,3}?\s+on\s+behalf\s+of\s+(?:the\s+)?(?P<c>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z\-]*")


def dateline_country(dateline: str | None) -> str | None:
    """``WASHINGTON`` -> USA, ``TRENTON, N.J.`` -> none known: the state a story is filed from."""
    if not dateline:
        return None
    city = dateline.split(",")[0].strip().title()
    return code_of(city) or CITIES.get(city)


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
    words = title.replace(".", " ").split()
    for n in (2, 1):
        for i in range(len(words) - n + 1):
            code = _subdivisions().get(" ".join(words[i : i + n]))
            if code:
                return code
    return None


def _domestic(title: str | None) -> bool:
    return any(w.lower() in DOMESTIC_OFFICES for w in _WORD.findall(title or ""))


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
        self.home = home  # the dateline's state, if any
        self._person_mentions: list[tuple[int, int]] | None = None  # (start, entity), lazily
        self.sents = sents
        self._sent_starts = [a for a, _ in sents]
        self.quotes = quotes
        self.entities = entities

    def _persons(self) -> list[int]:
        return [i for i, e in enumerate(self.entities) if e.kind == "person" and e.mentions]

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

    def fill(self) -> None:
        """Countries the title did not give, from weaker evidence, strongest first (module doc)."""
        persons = self._persons()
        trips = self._destinations()
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
            if e.country is None and e.title:
                first_sent = self._sent_of(e.first.start)
                hosts = [code for si, at, code in trips if si == first_sent and at < e.first.start]
                if hosts:
                    # "travel to Austria, where he will meet Chancellor Karl Nehammer": the host
                    e.country = hosts[-1]
            if e.country is None:
                e.country = self._predicate_role(idx)
            if e.country is None and _domestic(e.title):
                e.country = _subdivision_state(e.title or "") or self.home

    def _predicate_role(self, idx: int) -> str | None:
        """The state of a role stated after ``as`` in a sentence where this person is the last
        person mentioned before it (a name or a resolved pronoun), outside quotations."""
        for m in self.entities[idx].mentions:
            a, b = self.sents[self._sent_of(m.start)]
            if self.text.find("as ", m.end, b) < 0 or self.quotes.inside(m.start):
                continue  # most sentences state no role after a mention
            for hit in _AS.finditer(self.text, m.end, b):
                if self._last_person_before(hit.start(), a) != idx:
                    break
                code = self._role_state(hit.end(), b)
                if code:
                    return code
        return None

    def _role_state(self, at: int, end: int) -> str | None:
        owner = _AS_OWNER.match(self.text, at, end)
        if owner:
            code = self._owner_state(owner.group("owner"))
            at = owner.end()
        else:
            hits = find_countries(self.text, at, min(end, at + 40))
            if not hits or hits[0].start != at:
                return None
            code, at = hits[0].code, hits[0].end
        words = self.text[at:end].split()[: MAX_ROLE_GAP + 1]
        return code if any(is_head(w.strip(",.;:")) for w in words) else None

    def _owner_state(self, word: str) -> str | None:
        for o in self._persons():
            other = self.entities[o]
            if other.country and word in other.name.split():
                return other.country
        return None

    def _last_person_before(self, pos: int, sent_start: int) -> int | None:
        if self._person_mentions is None:
            self._person_mentions = sorted(
                (m.start, o)
                for o in self._persons()
                for m in self.entities[o].mentions
                if not self.quotes.inside(m.start)
            )
        i = bisect.bisect_left(self._person_mentions, (pos, -1)) - 1
        if i < 0 or self._person_mentions[i][0] < sent_start:
            return None
        return self._person_mentions[i][1]

    def _party_tag(self, e: Entity) -> bool:
        return any(m.form != "pronoun" and _PARTY_TAG.match(self.text, m.end, m.end + 30) for m in e.mentions)

    def _destinations(self) -> list[tuple[int, int, str]]:
        """(sentence, offset, state) for each state or capital travelled to ("visiting Poland",
        "arrived in Seoul"): not the home of who travels there, the home of who is met there."""
        out: list[tuple[int, int, str]] = []
        for si, (a, b) in enumerate(self.sents):
            if not _TRAVEL_CUE.search(self.text, a, b):
                continue
            for hit in find_countries(self.text, a, b):
                if hit.form != "demonym" and _TRAVEL_TO.search(self.text, max(a, hit.start - 25), hit.start):
                    out.append((si, hit.start, hit.code))
        return out

    def _sent_of(self, pos: int) -> int:
        return bisect.bisect_right(self._sent_starts, pos) - 1

    def _on_behalf_of(self, e: Entity) -> str | None:
        for m in e.mentions:
            if m.form == "pronoun" or self.quotes.inside(m.start):
                continue
            hit = _ON_BEHALF.match(self.text, m.end, m.end + 120)
            if hit:
                return code_of(hit.group("c").rstrip("."))
        return None
