"""Who is who: descriptions, pronouns and groups resolved to the persons found.

- :class:`Resolver` attaches definite descriptions (``the SNSC chief``, ``The
  Azeri president``, ``Iran's senior security official``, ``the president of
  the Republic of Azerbaijan``) to the person whose title, body and country
  agree with every word they carry, the most recently mentioned first; an
  indefinite one (``a defense official``) or one with nothing specific (``the
  official``) refers to nobody known. A description naming a role that no
  known title matches gives that role to the last untitled person before it
  (``Tony Blair has said. The prime minister said ...``).
- Pronouns (he, she, his, her, him) go to the nearest compatible person: in
  their own sentence, then up to :data:`PRONOUN_WINDOW` sentences back, the
  subject of an act verb first, else the first person named there.
"""

from __future__ import annotations

import itertools
import re
from typing import Final

from etl import acts as act_rules
from etl.doc import Entity, Mention
from etl.lexicons import load_map
from etl.names import Token
from etl.people import People, country_of_named
from etl.quote_marks import int_bisect_left, int_bisect_right
from etl.quotemarks import QuoteMap
from etl.titles import Tag, title_words
from etl.titles import kind as title_kind

# How many sentences back a pronoun looks for its person (news rarely leaves a
# "he" more than two sentences from the name; 3 covers the seed's "He added").
PRONOUN_WINDOW: Final = 3
# Words of a description that praise or place rather than name the role: they
# need not appear in the person's title ("The top security official").
EVALUATIVE: Final = frozenset(
    {"top", "senior", "new", "then", "current", "chief", "head", "official", "officer", "former"}
)
# Of those, the words that still tell two holders apart when the title has them
# ("the former president" is the "Former President", not the sitting one).
DISTINCTIVE: Final = frozenset({"former"})
# How many sentences after a role named with nobody to hold it we look for
# the person it introduces ("Lee's chief of staff is visiting Poland, ... said.
# Kang Hoon-sik traveled ..."): the lead and the sentence after it.
FORWARD_WINDOW: Final = 3
ORG_DESCRIPTIONS: Final = {k: frozenset(v.split()) for k, v in load_map("org_descriptions").items()}
_PRONOUNS: Final = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
_PRONOUN_FIRSTS: Final = "hs"  # the first letters of _PRONOUNS, tested as code points by find_pronouns
# Lower-case forms of the role words a description can end in (title_kind head, fhead, generic
# or rel), with the period title_kind ignores: a token of no other form heads no description.
_HEAD_FORMS: Final = frozenset(
    form
    for word, kind in title_words().items()
    if kind in ("head", "fhead", "generic", "rel") and not word.endswith(".")
    for form in (word, word + ".")
)
_HEAD_FORM_LENGTH: Final = min(len(form) for form in _HEAD_FORMS)
_GLUE: Final = frozenset({"of", "the", "for", "and", "s"})
_WORD: Final = re.compile(r"[A-Za-z][A-Za-z\-]*")
# the determiner and country words before an apposition's title ("the Palestinian leader")
_APPOSITION_LEAD: Final = re.compile(
    r"(?:\b(?:the|his|her|its|The|His|Her|Its)\s+)?(?:[A-Z][\w.\-]*(?:['’]s)?\s+)*$"
)


class _Desc:
    """A plain slotted class, not a dataclass: compiled with mypyc a dataclass keeps the
    interpreted ``__init__`` its decorator generates."""

    __slots__ = (
        "country",
        "definite",
        "end",
        "head_kind",
        "org",
        "owner",
        "relational",
        "sent",
        "start",
        "title_start",
        "words",
    )

    def __init__(
        self,
        start: int,
        end: int,
        words: list[str],  # role words, lower case, evaluative ones included
        head_kind: str,
        country: str | None,
        org: str | None,
        definite: bool,
        sent: int,
        title_start: int,  # where the role words start, after the determiner
        owner: str | None = None,  # "Lee's chief of staff": the person it is NOT
        relational: bool = False,  # "his secretary of state": someone else's, never a title to hand out
    ) -> None:
        self.start = start
        self.end = end
        self.words = words
        self.head_kind = head_kind
        self.country = country
        self.org = org
        self.definite = definite
        self.sent = sent
        self.title_start = title_start
        self.owner = owner
        self.relational = relational


class Resolver:
    """Descriptions and pronouns -> persons, over the entities the builder found."""

    def __init__(
        self,
        text: str,
        sents: list[tuple[int, int]],
        quotes: QuoteMap,
        entities: list[Entity],
        people_idx: dict[int, int],
        after_memo: act_rules.AfterMemo | None = None,
    ) -> None:
        self.text = text
        self.sents = sents
        self._sent_starts = [a for a, _ in sents]
        self.quotes = quotes
        self.entities = entities
        self.people_idx = people_idx
        self.female: dict[int, bool | None] = {}
        self.anonymous: list[tuple[int, int]] = []
        self._taken: list[tuple[int, int, int]] = []
        # the starts and ends of _taken, in its order, for _is_taken
        self._taken_starts: list[int] = []
        self._taken_ends: list[int] = []
        self._starts: dict[int, list[int]] = {}
        self._person_list: list[int] | None = None
        self._roles: dict[tuple[int, str | None], set[str]] = {}
        self._titles: dict[str, set[str]] = {}  # _title_words
        # start -> (end, sentence start, sentence end, _subject's verdict): each pronoun re-tests
        # the mentions of the sentences before it, and the tests are regular expressions (keyed
        # by the start alone, with the rest checked: a tuple key cost a tuple and four boxed ints)
        self._subjects: dict[int, tuple[int, int, int, bool]] = {}
        self._after_memo = after_memo
        # person mentions outside quotations, (start, end, entity) in text order, and their
        # starts: built at the first pronoun or group, then grown by resolved pronouns
        # (each as the int (start * n1 + end) * k1 + entity, n1 past every end and k1 past every
        # entity when built: bisected by start * n1 * k1, and no tuple and three ints per mention)
        self._pm: list[int] | None = None
        self._pm_n1 = 1
        self._pm_k1 = 1
        self._by_last_word: dict[str, int] | None = None  # _person_by_last_word
        self._by_last_count = 0

    # -- features ----------------------------------------------------------------------
    def _persons(self) -> list[int]:
        if self._person_list is None:
            self._person_list = [i for i, e in enumerate(self.entities) if e.kind == "person" and e.mentions]
        return self._person_list

    def _role_words(self, e: Entity) -> set[str]:
        key = (id(e), e.title)
        cached = self._roles.get(key)
        if cached is None:
            cached = self._roles[key] = self._read_role_words(e)
        return cached

    def _title_words(self, title: str) -> set[str]:
        """The lower-cased words of a title, without _GLUE (read once per title; callers only
        read the set)."""
        found = self._titles.get(title)
        if found is None:
            found = self._titles[title] = {w.lower() for w in _WORD.findall(title)} - _GLUE
        return found

    def _read_role_words(self, e: Entity) -> set[str]:
        words: set[str] = set()
        for s in (e.title, e.organization):
            if s:
                words.update(w.lower() for w in _WORD.findall(s))
        if e.organization:
            acr = "".join(w[0] for w in _WORD.findall(e.organization) if w[0].isupper())
            words.add(acr.lower())
        for m in e.mentions:
            if m.form == "acronym":
                words.add(self.text[m.start : m.end].lower())
        return words - _GLUE

    def add_title_mentions(self, people: People) -> None:
        """Appositions (``Ramil Usubov, the Secretary of ...``) are mentions of their person."""
        for pid, p in enumerate(people.people):
            idx = self.people_idx.get(pid)
            if idx is None:
                continue
            self.female[idx] = p.female
            for s, e in p.titled_spans:
                self._taken.append((s, e, idx))
                near = [m for m in self.entities[idx].mentions if abs(m.start - e) < 8 or abs(s - m.end) < 8]
                gap_comma = any(
                    "," in self.text[min(m.end, s) : max(m.end, s)]
                    or "," in self.text[min(e, m.start) : max(e, m.start)]
                    for m in near
                )
                if gap_comma:
                    lead = _APPOSITION_LEAD.search(self.text, max(0, s - 60), s)
                    self._add(idx, lead.start() if lead else s, e, "description")
        self._taken.sort()
        self._taken_starts = [s for s, _, _ in self._taken]
        self._taken_ends = [e for _, e, _ in self._taken]

    def _add(self, idx: int, start: int, end: int, form: str) -> None:
        starts = self._mention_starts(idx)
        ent = self.entities[idx]
        at = int_bisect_left(starts, start)
        while at < len(starts) and starts[at] == start:
            if any(m.start == start and m.end == end for m in ent.mentions):
                return
            at += 1
        ent.mentions.append(Mention(start, end, form))
        starts.insert(int_bisect_right(starts, start), start)  # (bisect.insort)

    def _mention_starts(self, idx: int) -> list[int]:
        starts = self._starts.get(idx)
        if starts is None:
            starts = self._starts[idx] = sorted(m.start for m in self.entities[idx].mentions)
        return starts

    def _last_before(self, idx: int, pos: int) -> int | None:
        starts = self._mention_starts(idx)
        at = int_bisect_left(starts, pos)
        return starts[at - 1] if at else None

    def _is_taken(self, start: int, end: int) -> bool:
        # (the spans that start by ``end``, as bisect_right(_taken, (end, 10**12, 0)) counts
        # them, from the ints natively: a tuple key cost tuple comparisons per step)
        starts, ends = self._taken_starts, self._taken_ends
        i = int_bisect_right(starts, end)
        return any(starts[k] < end and start < ends[k] for k in range(max(0, i - 8), i))

    # -- descriptions ------------------------------------------------------------------
    def find_descriptions(
        self,
        sents: list[tuple[int, int, list[Token], dict[int, Tag]]],
        countries: dict[str, int],
        orgs: dict[str, int],
        acronyms: dict[str, int],
    ) -> None:
        for si, (_, _, toks, tags) in enumerate(sents):
            for h, tok in enumerate(toks):
                low = tok.lower
                # (a length test, native when compiled, spares the set lookup for "a", "of" ...)
                if len(low) < _HEAD_FORM_LENGTH or low not in _HEAD_FORMS:
                    continue
                hk = title_kind(tok.text)
                if hk not in ("head", "fhead", "generic", "rel"):
                    continue
                if self.quotes.inside(tok.start) or self._is_taken(tok.start, tok.end):
                    continue
                if h + 1 < len(toks) and title_kind(toks[h + 1].text) in ("head", "fhead", "generic"):
                    continue  # not the head yet ("foreign minister" is read at "minister")
                if h + 1 < len(toks) and toks[h + 1].cap and toks[h + 1].lower not in ("of",):
                    nxt_tag = tags.get(h + 1)
                    if nxt_tag is None and self.text[tok.end : toks[h + 1].start] == " ":
                        continue  # a title before a name, handled with the name
                desc = self._read_description(si, toks, tags, h, hk, acronyms)
                if desc is None:
                    continue
                self._resolve_description(desc)

    def _read_description(
        self, si: int, toks: list[Token], tags: dict[int, Tag], h: int, hk: str, acronyms: dict[str, int]
    ) -> _Desc | None:
        words = [toks[h].lower]
        country: str | None = None
        org: str | None = None
        j = h - 1
        definite: bool | None = None
        owner: str | None = None
        relational = False
        start = toks[h].start
        title_start = start
        while j >= 0:
            t = toks[j]
            if self.text[t.end + (2 if t.poss else 0) : toks[j + 1].start].strip():
                break
            tag = tags.get(j)
            if t.poss:
                if tag is not None and tag.kind in ("country", "capital"):
                    country, definite, start = tag.code, True, tag.start
                elif tag is not None and tag.kind in ("org", "institution"):
                    org, definite, start = self.text[tag.start : tag.end], True, tag.start
                elif tag is None and t.cap:
                    owner, definite, start = t.text, True, t.start
                break
            if t.lower in ("the", "his", "her", "its", "their"):
                definite, start, relational = True, t.start, t.lower != "the"
                break
            if t.lower in ("a", "an"):
                definite, start = False, t.start
                break
            if tag is not None and tag.kind in ("demonym", "country"):
                country = country or tag.code
            elif tag is not None and tag.kind in ("org", "institution"):
                org = self.text[tag.start : tag.end]
            elif t.text in acronyms:
                org = t.text
            elif title_kind(t.text) is not None:
                words.append(t.lower)
            else:
                break
            start = title_start = t.start
            j -= 1
        if definite is None:
            return None
        end = toks[h].end
        # "the president of the Republic of Azerbaijan", "chief of staff"
        k = h + 1
        if k < len(toks) and toks[k].lower == "of":
            k2 = k + 1
            if k2 < len(toks) and toks[k2].lower == "the":
                k2 += 1
            tag = tags.get(k2)
            if tag is not None and tag.kind in ("country", "org", "institution"):
                if tag.kind == "country":
                    country = country or tag.code
                else:
                    org = org or self.text[tag.start : tag.end]
                end = tag.end
            elif k2 < len(toks) and title_kind(toks[k2].text) == "mod":
                words.append(toks[k2].lower)
                end = toks[k2].end
        return _Desc(start, end, words, hk, country, org, definite, si, title_start, owner, relational)

    def _resolve_description(self, d: _Desc) -> None:
        if not d.definite:
            self.anonymous.append((d.start, d.end))
            return
        required = {w for w in d.words if w not in EVALUATIVE and title_kind(w) not in ("generic", "rel")}
        if not required and d.country is None and d.org is None:
            self.anonymous.append((d.start, d.end))
            return
        best: tuple[float, int] | None = None
        best_idx: int | None = None
        # (the description's, read once rather than per person)
        org_words = {w.lower() for w in _WORD.findall(d.org)} - _GLUE if d.org else set()
        for idx in self._persons():
            e = self.entities[idx]
            if d.country and e.country and d.country != e.country:
                continue
            if d.head_kind == "rel" and e.country != d.country:
                continue  # "her Japanese counterpart" is someone known to be Japanese, never "her"
            if d.owner and d.owner in e.name.split():
                continue
            role = self._role_words(e)
            if d.org and not org_words <= role:
                continue
            if not required <= role:
                continue
            title_words = self._title_words(e.title or "")
            score = len(required) + (1.0 if d.country and e.country == d.country else 0.0)
            score += len(DISTINCTIVE & set(d.words) & title_words)
            if (
                title_words
                and title_words - DISTINCTIVE == required
                and not (DISTINCTIVE & title_words - set(d.words))
            ):
                score += 0.5
            last_before = self._last_before(idx, d.start)
            # the most recently mentioned among equals; one mentioned only after comes last
            recency = last_before if last_before is not None else -self._mention_starts(idx)[0]
            key = (score, recency)
            if best is None or key > best:
                best, best_idx = key, idx
        if (
            best_idx is None
            and (d.head_kind in ("head", "fhead") or d.owner)
            and not d.org
            and not d.relational
            and (self._subject(d.start, d.end, *self.sents[d.sent]) or self._clause_initial(d))
        ):
            # only a description that acts hands its role out ("The prime minister said");
            # an object ("removed Stein and the aide") may be anyone
            best_idx = self._untitled_before(d)
            if best_idx is None:
                best_idx = self._untitled_after(d)
            if best_idx is not None:
                self.entities[best_idx].title = self.text[d.title_start : d.end]
                if d.owner and not d.country:
                    d.country = country_of_named(self.entities, self._persons(), d.owner)
        if best_idx is None:
            self.anonymous.append((d.start, d.end))
            return
        e = self.entities[best_idx]
        if d.country and not e.country and d.head_kind != "rel":
            # "his Israeli counterpart" says nothing of its holder's own country
            e.country = d.country
        if d.head_kind == "fhead" and self.female.get(best_idx) is None:
            self.female[best_idx] = True
        self._add(best_idx, d.start, d.end, "description")

    def _clause_initial(self, d: _Desc) -> bool:
        """``The president understood ...``: the description opens its sentence or clause."""
        before = self.text[self.sents[d.sent][0] : d.start].rstrip()
        return not before or before[-1] in ',;:—–-("“' or before.endswith(" that")

    def _untitled_before(self, d: _Desc) -> int | None:
        """The last untitled person named in an earlier sentence (in the same one it is someone else)."""
        best: tuple[int, int] | None = None
        floor = self.sents[d.sent][0]
        for idx in self._persons():
            e = self.entities[idx]
            if e.title or (d.country and e.country and d.country != e.country):
                continue
            starts = self._mention_starts(idx)
            at = int_bisect_left(starts, floor) - 1
            while at >= 0 and self.quotes.inside(starts[at]):
                at -= 1
            last = starts[at] if at >= 0 else None
            if last is None:
                continue
            if best is None or last > best[0]:
                best = (last, idx)
        return best[1] if best else None

    def find_org_descriptions(
        self, sents: list[tuple[int, int, list[Token], dict[int, Tag]]], nouns: dict[str, str]
    ) -> None:
        """``the office said``: the latest organization before it whose name or kind fits the noun."""
        for _, _, toks, _ in sents:
            for h in range(1, len(toks)):
                # ("the" first: a string test, where the noun is a dict lookup per token)
                if toks[h - 1].lower != "the":
                    continue
                t = toks[h]
                fits = ORG_DESCRIPTIONS.get(t.text)
                if fits is None or self.quotes.inside(t.start):
                    continue
                if h + 1 < len(toks) and toks[h + 1].cap:
                    continue
                start = toks[h - 1].start
                best: tuple[int, int] | None = None
                for idx, e in enumerate(self.entities):
                    if e.kind != "organization":
                        continue
                    words = set(e.name.split()) | {nouns.get(e.name, "")}
                    if not words & fits:
                        continue
                    last = max((m.start for m in e.mentions if m.start < start), default=None)
                    if last is not None and (best is None or last > best[0]):
                        best = (last, idx)
                if best is None:
                    self.anonymous.append((start, t.end))
                else:
                    self._add(best[1], start, t.end, "description")

    def _untitled_after(self, d: _Desc) -> int | None:
        """A lead that names the role before the person (``Lee's chief of staff is visiting
        Poland ... Kang Hoon-sik traveled``): the first untitled person introduced in the
        next :data:`FORWARD_WINDOW` sentences."""
        last_sent = min(len(self.sents) - 1, d.sent + FORWARD_WINDOW)
        ceiling = self.sents[last_sent][1]
        best: tuple[int, int] | None = None
        for idx in self._persons():
            e = self.entities[idx]
            if e.title or (d.owner and d.owner in e.name.split()):
                continue
            first = self._mention_starts(idx)[0]
            if d.end <= first < ceiling and (best is None or first < best[0]):
                best = (first, idx)
        return best[1] if best else None

    # -- pronouns ----------------------------------------------------------------------
    def find_pronouns(self, sents: list[tuple[int, int, list[Token], dict[int, Tag]]]) -> None:
        for si, (_, _, toks, _) in enumerate(sents):
            for t in toks:
                low = t.lower
                # (the pronouns are two or three letters: a length test, native when compiled,
                # spares the dict lookup for most tokens)
                if len(low) > 3 or len(low) < 2:
                    continue
                c = ord(low[0])
                if c != 104 and c != 115:
                    continue  # every pronoun opens with "h" or "s" (_PRONOUN_FIRSTS): an int test
                g = _PRONOUNS.get(low)
                if g is None or self.quotes.inside(t.start):
                    continue
                idx = self._pronoun_target(si, t.start, g)
                if idx is not None:
                    self._add(idx, t.start, t.end, "pronoun")
                    # a resolved pronoun carries its person on to the next ones
                    pm = self._person_mention_list()
                    n1, k1 = self._pm_n1, self._pm_k1
                    # (before the mentions that start there, as a bisect of the starts put it)
                    pm.insert(int_bisect_left(pm, t.start * n1 * k1), (t.start * n1 + t.end) * k1 + idx)

    def _person_mention_list(self) -> list[int]:
        pm = self._pm
        if pm is None:
            pm = self._pm = self._person_mentions()
        return pm

    def _person_mentions(self) -> list[int]:
        # sorted as the ints (start * n1 + end) * k1 + entity (ends <= n1 - 1, entities < k1),
        # which order as the triples do, natively and with no tuple comparisons
        n1 = self._pm_n1 = len(self.text) + 1
        k1 = self._pm_k1 = len(self.entities) + 1
        codes = [
            (m.start * n1 + m.end) * k1 + i
            for i in self._persons()
            for m in self.entities[i].mentions
            if m.form != "pronoun" and not self.quotes.inside(m.start)
        ]
        codes.sort()
        return codes

    def _pronoun_target(self, si: int, pos: int, gender: str) -> int | None:
        pm = self._person_mention_list()
        n1, k1 = self._pm_n1, self._pm_k1
        for k in range(si, max(-1, si - PRONOUN_WINDOW - 1), -1):
            a, b = self.sents[k]
            hi = pos if k == si else b
            # the first subject, else the first mention; stop at the first subject, since each
            # test runs regular expressions
            first: int | None = None
            # (the mentions that start in [a, hi): their codes from a * n1 * k1 on)
            for j in range(int_bisect_left(pm, a * n1 * k1), int_bisect_left(pm, hi * n1 * k1)):
                code = pm[j]
                i = code % k1
                if not self._gender_ok(i, gender):
                    continue
                if first is None:
                    first = i
                se = code // k1
                if self._subject(se // n1, se % n1, a, b):
                    return i
            if first is not None:
                return first
        return None

    def _gender_ok(self, idx: int, gender: str) -> bool:
        f = self.female.get(idx)
        return f is None or f == (gender == "f")

    def _subject(self, start: int, end: int, a: int, b: int) -> bool:
        got = self._subjects.get(start)
        if got is not None and got[0] == end and got[1] == a and got[2] == b:
            return got[3]
        acts = act_rules.acts_after(self.text, end, b, memo=self._after_memo)
        found = acts and not act_rules.after_preposition(self.text, start, a)
        self._subjects[start] = (end, a, b, found)
        return found

    # -- countries ---------------------------------------------------------------------
    def fill_from_descriptions(self) -> None:
        """Descriptions already gave countries and titles as they were resolved."""

    # -- lookups -----------------------------------------------------------------------
    def resolve_text(self, a: int, b: int) -> int | None:
        """A speaker span that matched no mention: a pronoun, a group, or a name we can still place."""
        words = self.text[a:b].split()
        if not words:
            return None
        si = int_bisect_right(self._sent_starts, a) - 1
        g = _PRONOUNS.get(words[-1].lower()) if len(words) == 1 else None
        if g is not None:
            return self._pronoun_target(si, a, g) if si >= 0 else None
        if si >= 0 and _plural_role(words):
            by_role = self._group_by_role(words)
            return by_role if by_role is not None else self._group_head(si, a)
        if si >= 0 and len(words) == 1 and words[0].lower() == "they":
            return self._group_head(si, a)
        last = _without_possessive(words[-1].strip(",.;:"))
        return self._person_by_last_word().get(last)

    def _person_by_last_word(self) -> dict[str, int]:
        """The first person (entity index) whose name ends in each word: read once, where each
        speaker span split every entity's name again."""
        found = self._by_last_word
        if found is None or self._by_last_count != len(self.entities):
            found = self._by_last_word = {}
            self._by_last_count = len(self.entities)
            for i, e in enumerate(self.entities):
                if e.kind == "person":
                    words = e.name.split()
                    if words and words[-1] not in found:
                        found[words[-1]] = i
        return found

    def _group_head(self, si: int, pos: int) -> int | None:
        """``They`` / ``the defense chiefs`` after ``A, B and C ...``: the group, named by its first."""
        pm = self._person_mention_list()
        n1, k1 = self._pm_n1, self._pm_k1
        for k in range(si, max(-1, si - PRONOUN_WINDOW - 1), -1):
            a, b = self.sents[k]
            hi = pos if k == si else b
            found: list[tuple[int, int, int]] = []
            for j in range(int_bisect_left(pm, a * n1 * k1), int_bisect_left(pm, hi * n1 * k1)):
                se = pm[j] // k1
                s, e = se // n1, se % n1
                if self.text[s:e].lower() not in _PRONOUNS:
                    found.append((s, e, pm[j] % k1))
            for (_, e1, i1), (s2, _, i2) in itertools.pairwise(found):
                if i1 != i2 and _GROUP_GAP.match(self.text, e1, s2) and _only_name_words(self.text[e1:s2]):
                    return self._first_of_group(found, i1)
        return None

    def _group_by_role(self, words: list[str]) -> int | None:
        """``the defense chiefs``: the first named of the persons whose titles hold "defense"."""
        required = {
            w.lower()
            for w in words[1:-1]
            if title_kind(w) is not None and w.lower() not in EVALUATIVE and title_kind(w) != "generic"
        }
        head = words[-1].lower()[:-1]
        if title_kind(head) == "head":
            required.add(head)
        if not required:
            return None
        members = [i for i in self._persons() if required <= self._role_words(self.entities[i])]
        if len(members) < 2:
            return None
        return min(members, key=lambda i: self._mention_starts(i)[0])

    def _first_of_group(self, found: list[tuple[int, int, int]], member: int) -> int:
        """Walk left from a grouped member to the group's first."""
        at = max(i for i, f in enumerate(found) if f[2] == member)
        while (
            at > 0
            and _GROUP_GAP.match(self.text, found[at - 1][1], found[at][0])
            and _only_name_words(self.text[found[at - 1][1] : found[at][0]])
        ):
            at -= 1
        return found[at][2]


_GROUP_GAP: Final = re.compile(r"\s*(?:,|and|,\s*and)\s+")


def _only_name_words(between: str) -> bool:
    """Between two grouped names: only commas, "and", and title or capitalized words."""
    for w in re.sub(r"^[\s,]*(?:and\s+)?", "", between).split():
        w = re.sub(r"['’]s$", "", w)
        if not (w[:1].isupper() or title_kind(w) or w in ("of", "the")):
            return False
    return True


def _plural_role(words: list[str]) -> bool:
    """``the defense chiefs``, ``The two leaders``: a definite plural of a role."""
    last = words[-1].lower()
    return (
        len(words) >= 2
        and words[0].lower() == "the"
        and last.endswith("s")
        and title_kind(last[:-1]) in ("head", "generic")
    )


def _without_possessive(word: str) -> str:
    """``word`` without a closing ``'s``, ``’s`` or bare apostrophe (``re.sub(r"['’]s?$", "", word)``
    for a word without white space, with no pattern call)."""
    if word.endswith(("'s", "’s")):
        return word[:-2]
    if word.endswith(("'", "’")):
        return word[:-1]
    return word
