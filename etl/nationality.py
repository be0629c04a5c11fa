"""A person's country when no title, apposition or description gives it.

First :meth:`Nationality.inherit_from_owners`: an aide (``Putin's spokesman
Dmitry Peskov``) serves the state of the one he serves. Then the steps of
:meth:`Nationality.fill`, strongest evidence first:

1. the person's organization's country;
2. ``on behalf of the United States`` right after one of its mentions;
3. an official met where someone travels (``travel to Austria, where he will
   meet Chancellor Karl Nehammer``) belongs to that state;
4. any other official (a person with a title) whose state the article never
   names serves the article's home state: news names the foreign side
   (``Chinese first lady Peng Liyuan``) and leaves the home side bare (``first
   lady Kim Hea Kyung``). Home is the state of the first placed person, then of
   the next ones, then the most mentioned state, skipping a state that already
   has someone in the same role (two presidents of Ukraine in one story are
   unlikely), a state the person travels to, and any state for an official of
   an international body (``secretary general of the United Nations``).
"""

from __future__ import annotations

import bisect
import re

from etl.countries import code_of, find_countries
from etl.doc import Entity
from etl.lexicons import load_set
from etl.quotemarks import QuoteMap

# Step 4 on or off: measured on gold dev it turned 2 missing countries right
# and made none wrong that was right before.
HOME_COUNTRY_FALLBACK = True
_TRAVEL_CUE = re.compile(r"\b(?:visit|trip|travel|arrived|flew)")
_TRAVEL_TO = re.compile(
    r"\b(?:visit|visits|visited|visiting|trip to|trips to|travel(?:l?ed)? to|arrived in|flew to)\s+$"
)
_ROLE_NOISE = frozenset({"former", "then", "new", "acting", "the", "of"})
_ON_BEHALF = re.compile(
    r"(?:\s+\w+){1,3}?\s+on\s+behalf\s+of\s+(?:the\s+)?(?P<c>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z\-]*")
INTERNATIONAL = load_set("international_bodies")


def _serves_no_state(e: Entity) -> bool:
    """A secretary general of the United Nations has no home state to guess."""
    role = f" {e.title or ''} {e.organization or ''} "
    return any(
        f" {body} " in role or f" {body}’s " in role or f" {body}'s " in role for body in INTERNATIONAL
    )


def _role(title: str | None) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(title or "")) - _ROLE_NOISE


class Nationality:
    """Fills ``country`` on the persons of ``entities`` that lack one."""

    def __init__(
        self, text: str, sents: list[tuple[int, int]], quotes: QuoteMap, entities: list[Entity]
    ) -> None:
        self.text = text
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
        for idx in persons:
            e = self.entities[idx]
            if e.country is None and e.organization:
                org_key = e.organization.lower()
                for o in self.entities:
                    if o.kind == "organization" and o.name.lower() == org_key and o.country:
                        e.country = o.country
                        break
            if e.country is None:
                e.country = self._on_behalf_of(e)
        if not HOME_COUNTRY_FALLBACK:
            return
        placed = sorted((self.entities[i].first.start, i) for i in persons if self.entities[i].country)
        order = [self.entities[i].country for _, i in placed]
        order += self._countries_by_mentions()
        trips = self._destinations()
        roles = {(_role(self.entities[i].title), self.entities[i].country) for _, i in placed}
        for idx in persons:
            e = self.entities[idx]
            if e.country is not None or not e.title or _serves_no_state(e):
                continue
            first = e.first.start
            first_sent = self._sent_of(first)
            hosts = [code for si, at, code in trips if si == first_sent and at < first]
            if hosts:
                # "travel to Austria, where he will meet Chancellor Karl Nehammer": the host
                e.country = hosts[-1]
                continue
            role = _role(e.title)
            away = {
                code
                for si, at, code in trips
                if any(self._sent_of(m.start) == si and m.start < at for m in e.mentions)
            }
            for code in order:
                if code and code not in away and (role, code) not in roles:
                    e.country = code
                    break

    def _countries_by_mentions(self) -> list[str]:
        counts = [
            (-sum(1 for m in e.mentions if not self.quotes.inside(m.start)), e.first.start, e.country)
            for e in self.entities
            if e.kind == "country" and e.country
        ]
        return [c for _, _, c in sorted(counts)]

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
                return code_of(hit.group("c"))
        return None
