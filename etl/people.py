"""Merging a person's name mentions into one person, with what their titles say.

Two full names are one person when their first words are equal and their last
words equal or one letter apart (``Donald Trump`` / ``Donald J. Trump``,
``Volodymyr Zelensky`` / ``Volodymyr Zelenskyy``). A lone word is a short
mention of the person whose last word it is, or whose first word it is for
family-name-first names (``Lee`` of ``Lee Jae Myung``); among several, the one
named outside quotations, then the titled one, wins (``Aliyev`` is Ilham, not
the ``Heydar Aliyev`` of a quotation).
"""

from __future__ import annotations

from etl.doc import Entity, Mention
from etl.titles import TitleInfo


def _fuzzy_equal(a: str, b: str) -> bool:
    """Equal, or (six letters or more) one edit apart: Zelensky / Zelenskyy / Zelenskiy."""
    if a == b:
        return True
    if a[:1].lower() != b[:1].lower():
        return False
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    if min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def _letter(word: str) -> str:
    """The key :func:`_fuzzy_equal` compares first: the word's first letter, lower-cased."""
    return word[:1].lower()


def country_of_named(entities: list[Entity], persons: list[int], word: str) -> str | None:
    """``Lee's chief of staff``: the state of the first placed person whose name has ``word``."""
    for idx in persons:
        e = entities[idx]
        if e.country and word in e.name.split():
            return e.country
    return None


class _Person:
    """A plain slotted class, not a dataclass: compiled with mypyc a dataclass keeps the
    interpreted ``__init__`` its decorator generates."""

    __slots__ = (
        "core",
        "country",
        "female",
        "name_starts",
        "names",
        "organization",
        "owner",
        "title",
        "title_quoted",
        "titled_spans",
    )

    def __init__(self, core: list[str]) -> None:
        self.core = core
        self.names: list[tuple[int, int, bool, int]] = []  # start, end, quoted, sentence
        self.title: str | None = None
        self.title_quoted = True
        self.country: str | None = None
        self.organization: str | None = None
        self.female: bool | None = None
        self.titled_spans: list[tuple[int, int]] = []
        self.owner: str | None = None  # the name word of the person whose aide, spokesman ... this is
        self.name_starts: set[int] = set()  # the starts in names, for add_name


class People:
    """Persons under construction: merged name mentions and what their titles say."""

    def __init__(self) -> None:
        self.people: list[_Person] = []
        self._short_cache: dict[str, tuple[int, int | None]] = {}  # word -> (people, match_short)
        # full names (two core words or more) by lower-cased first word, in creation order, so
        # that match_full reads only the few candidates instead of every person per name; a
        # core is only ever replaced by a longer one with the same first word
        self._by_first: dict[str, list[int]] = {}
        # people by the lower-cased first letter of the first and of the last word of each core
        # they have had: a lone word can only be short for one of those with its own first
        # letter (see _match_short), so it reads those few instead of every person of a long
        # article
        self._by_letter: dict[str, list[int]] = {}

    def new(self, core: list[str]) -> int:
        self.people.append(_Person(list(core)))
        pid = len(self.people) - 1
        if len(core) >= 2:
            first = core[0].lower()
            pids = self._by_first.get(first)
            if pids is None:
                self._by_first[first] = [pid]  # (setdefault made an empty list per call)
            else:
                pids.append(pid)
        self._index_letters(pid)
        return pid

    def _index_letters(self, pid: int) -> None:
        core = self.people[pid].core
        if core:
            # (the first word, then the last: no list of the two, and no empty list per lookup)
            self._index_letter(_letter(core[0]), pid)
            self._index_letter(_letter(core[-1]), pid)

    def _index_letter(self, letter: str, pid: int) -> None:
        pids = self._by_letter.get(letter)
        if pids is None:
            self._by_letter[letter] = [pid]
        elif pids[-1] != pid:
            pids.append(pid)

    def match_full(self, core: list[str]) -> int | None:
        for pid in self._by_first.get(core[0].lower(), ()):
            p = self.people[pid]
            if _fuzzy_equal(p.core[-1], core[-1]):
                if len(core) > len(p.core):
                    p.core = list(core)
                    self._index_letters(pid)
                return pid
        return None

    def match_short(self, word: str, pos: int) -> int | None:
        """The person a lone name word refers to; the titled, then the earliest, among several."""
        # names only accrue to known people meanwhile, which rarely changes the pick
        # (keyed by the word, with the count of people it was read at: the count only grows, so
        # a stale answer is never asked for again; a (word, count) key cost a tuple and its hash
        # at each of three lookups)
        n = len(self.people)
        got = self._short_cache.get(word)
        if got is not None and got[0] == n:
            return got[1]
        pid = self._match_short(word)
        self._short_cache[word] = (n, pid)
        return pid

    def _match_short(self, word: str) -> int | None:
        best: tuple[int, int, int] | None = None
        best_pid = None
        # _fuzzy_equal and the first-word test both need the word's first letter: the people
        # indexed under it, in creation order (a person may be listed under it more than once)
        for pid in sorted(set(self._by_letter.get(_letter(word), ()))):
            p = self.people[pid]
            if not p.names:
                continue
            if _fuzzy_equal(p.core[-1], word):
                rank = 0
            elif len(p.core) >= 2 and p.core[0] == word:
                rank = 1
            else:
                continue
            outside = any(not q for _, _, q, _ in p.names)
            key = (rank, 0 if outside else 1, 0 if p.title else 1)
            if best is None or key < best:
                best, best_pid = key, pid
        return best_pid

    def add_name(self, pid: int, start: int, end: int, core: list[str], quoted: bool, sent: int) -> None:
        p = self.people[pid]
        if start not in p.name_starts:
            p.name_starts.add(start)
            p.names.append((start, end, quoted, sent))

    def add_info(self, pid: int, info: TitleInfo, female: bool | None, quoted: bool) -> None:
        p = self.people[pid]
        if info.title and (p.title is None or (p.title_quoted and not quoted)):
            p.title, p.title_quoted = info.title, quoted
        if info.country and p.country is None:
            p.country = info.country
        if info.organization and p.organization is None:
            p.organization = info.organization
        if info.owner and p.owner is None:
            p.owner = info.owner
        if female is not None and p.female is None:
            p.female = female
        if info.start is not None and info.end is not None:
            p.titled_spans.append((info.start, info.end))

    def to_entities(self, text: str, entities: list[Entity]) -> dict[int, int]:
        """Append one Entity per person with names; returns person id -> entity index."""
        out: dict[int, int] = {}
        for pid, p in enumerate(self.people):
            if not p.names:
                continue
            # the fullest name, outside quotations if any: most words, then earliest (max's
            # first of equals), in a typed loop where max called a key function per name
            # (each name's words counted once, for this and for its mention's form)
            counts = [len(text[s:e].split()) for s, e, _, _ in p.names]
            outside = any(not q for _, _, q, _ in p.names)
            best_start, best_end, best_words = -1, -1, -1
            for k, (s, e, q, _) in enumerate(p.names):
                if q and outside:
                    continue
                words = counts[k]
                if words > best_words or (words == best_words and s < best_start):
                    best_start, best_end, best_words = s, e, words
            name = text[best_start:best_end]
            ent = Entity(
                name=name,
                kind="person",
                title=p.title,
                organization=p.organization,
                country=p.country,
            )
            for k, (s, e, _, _) in enumerate(p.names):
                ent.mentions.append(Mention(s, e, "name" if counts[k] >= 2 else "short"))
            out[pid] = len(entities)
            entities.append(ent)
        return out
