"""The entities of one article, and the two questions extractors ask of them.

:meth:`EntityIndex.resolve` says which entity a span refers to (a name, a
short name, a description, a pronoun, a group, a capital for its state), or
None when it is unknown, never guessed; :meth:`EntityIndex.entities_in` lists
the mentions inside a span in text order.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from etl.chars import word_char, word_end
from etl.doc import Entity, Mention, Span
from etl.lexicons import load_set
from etl.quote_grammar import DASHES, NP_STOPS, RELATIVE_PRONOUNS, tokenize
from etl.quote_marks import int_bisect_left
from etl.titles import kind as title_kind

if TYPE_CHECKING:
    from etl.coref import Resolver

MEDIA: Final = load_set("media")
MEDIA_WORDS: Final = load_set("media_words")
PEOPLE_NOUNS: Final = load_set("speaker_people_nouns")
_POSSESSIVE_LEAD: Final = re.compile(r"['’]s\s+")
# Words after which a speaker span no longer belongs to its head noun phrase: the speaker
# walks stop at NP_STOPS, but a fallback subject span can run on into its predicate ("Both
# parents stiffened their denunciation of Mr. Trump"), and "of"/"for" open a complement
# ("Jeffrey Lewis of the Center", "a spokeswoman for the ministry") whose names are not the
# speaker's.
_HEAD_STOPS: Final = NP_STOPS | {
    "of",
    "for",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "can",
    "must",
}
_HEAD_PUNCT: Final = frozenset({",", ";", ":", "("}) | DASHES
_AND_BEFORE: Final = re.compile(r"\s+and\s+$")
# a superset of where _head_end cuts (see _may_cut): its marks, past forms and words
_CUT_WORDS: Final = _HEAD_STOPS | {"by", "from"}
_CUT_MARK_CHARS: Final = frozenset(m for m in _HEAD_PUNCT if len(m) == 1)
_CUT_MARK_RUNS: Final[list[str]] = sorted(m for m in _HEAD_PUNCT if len(m) > 1)
_CUT_WORD_LENGTH: Final = max(len(w) for w in _CUT_WORDS)
_WORDS: Final = re.compile(r"\w+")
# before these a past participle is an adjective ("the newly elected senator")
_PREMODIFIERS: Final = frozenset(
    {"the", "a", "an", "its", "their", "his", "her", "our", "my", "your", "this"}
)


def _may_cut(low: str) -> bool:
    """Whether EntityIndex._head_end may cut the lower-cased span: most speaker spans hold
    nothing it cuts at, and a test over the plain string costs less than its tokens. One of
    _HEAD_PUNCT's marks, a \\w word ending in "ed", or a word of _CUT_WORDS: one pass over the
    characters, where a search for the marks and a findall of the words each cost thousands
    of instructions and a list of words."""
    for run in _CUT_MARK_RUNS:
        if low.find(run) >= 0:
            return True
    n = len(low)
    i = 0
    while i < n:
        c = low[i]
        if c == " ":
            i += 1
        elif word_char(c):
            j = word_end(low, i + 1, n)
            if j - i >= 2 and low[j - 1] == "d" and low[j - 2] == "e":
                return True  # (re's ed\b)
            if j - i <= _CUT_WORD_LENGTH and low[i:j] in _CUT_WORDS:
                return True
            i = j
        elif c in _CUT_MARK_CHARS:
            return True
        else:
            i += 1
    return False


def entity_key(name: str) -> str:
    """Cross-article key: case-folded, accents removed, single-spaced."""
    if name.isascii():
        plain = name  # (NFKD leaves ASCII as it is, and no ASCII character is combining)
    else:
        decomposed = unicodedata.normalize("NFKD", name)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    # (str.split's white space is \s's: the runs inside become one space, the ends go)
    return " ".join(plain.split()).casefold()


@dataclass(slots=True)
class EntityIndex:
    entities: list[Entity] = field(default_factory=list)
    # every mention with its entity, or with none (a description that refers to nobody we
    # know), in (start, end, entity) order, each as the int (start * _n1 + end) * _k1 + entity
    # + 1, 0 for none (``_n1`` past every end, ``_k1`` past every entity + 1): they sort as the
    # triples do, and cost no tuple and three ints per mention (see _span)
    _codes: list[int] = field(default_factory=list)
    _resolver: Resolver | None = None
    _n1: int = 1
    _k1: int = 1
    _by_start: list[tuple[int, int, int, int, Mention]] | None = None
    _starts: list[int] = field(default_factory=list)
    _n_mentions: int = 0

    def resolve(self, span: Span) -> int | None:
        """Entity that the span (name, short name, description, pronoun) refers to; None if unknown."""
        a, b = span
        if a >= b:
            return None
        codes, n1, k1 = self._codes, self._n1, self._k1
        inside: list[tuple[int, int, int | None]] = []
        for k in range(self._first_from(a - 200), len(codes)):
            code = codes[k]
            se = code // k1
            s = se // n1
            if s >= b:
                break
            e = se % n1
            if e <= a:
                continue
            i = code % k1 - 1
            ent = None if i < 0 else i
            if s == a and e == b:
                return self._usable(self._owner_of_possessive(ent, s, b))
            inside.append((s, e, ent))
        head_end, agent = b, b
        # nothing to cut when every mention opens the span, or when it holds no stop
        cut = (
            self._resolver is not None
            and (not inside or inside[-1][0] > a)
            and _may_cut(self._resolver.text[a:b].lower())
        )
        if cut:
            head_end, agent = self._head_end(a, b, inside)
        best = self._head_mention([m for m in inside if m[0] < head_end])
        if best is None and agent < b:
            # "a poll released on Friday by Latino Decisions", "forecasts from the Ministry":
            # a document speaks for its author
            head_end = self._head_end(agent, b, inside)[0]
            best = self._head_mention([m for m in inside if agent <= m[0] < head_end])
        if best is not None and best[1] < head_end and self._resolver is not None:
            text = self._resolver.text
            if not PEOPLE_NOUNS.isdisjoint(_WORDS.findall(text, best[1], head_end)):
                if not cut:  # "Kasich (who has 25 delegates)": the noun may lie past the head
                    head_end = self._head_end(a, b, inside)[0]
                if not PEOPLE_NOUNS.isdisjoint(_WORDS.findall(text, best[1], head_end)):
                    # "Clinton aides", "his wife": someone of the name's, unnamed, unless the
                    # span closes a group ("the former president and his allies said")
                    return self._usable(self._first_of_pair(a))
        if best is None and self._resolver is not None:
            antecedent = self._antecedent(a, b)
            if antecedent is not None:
                return antecedent
        if best is not None:
            if self._adjective_only(best[0], a, b):
                return None  # "Ukrainian officials said": unnamed people, not the state
            return self._usable(self._owner_of_possessive(best[2], best[0], b))
        if self._resolver is not None:
            return self._usable(self._resolver.resolve_text(a, head_end))
        return None

    def _first_from(self, pos: int) -> int:
        """The first span that starts at ``pos`` or after: the codes of the spans that start at
        ``pos`` lie in [pos * _n1 * _k1, (pos + 1) * _n1 * _k1)."""
        return int_bisect_left(self._codes, max(0, pos) * self._n1 * self._k1)

    def _span(self, k: int) -> tuple[int, int, int | None]:
        """The ``k``-th span: (start, end, entity or None)."""
        code = self._codes[k]
        se = code // self._k1
        i = code % self._k1 - 1
        return se // self._n1, se % self._n1, None if i < 0 else i

    @staticmethod
    def _head_mention(found: list[tuple[int, int, int | None]]) -> tuple[int, int, int | None] | None:
        """The head of a noun phrase is its last name ("Clinton spokesman Josh Schwerin", "The
        Post's Abby Phillip"), a name inside a longer mention only qualifies it ("a State
        Department official", "NATO's secretary general")."""
        best: tuple[int, int, int | None] | None = None
        for m in found:
            if any(o[0] <= m[0] and m[1] <= o[1] and o[1] - o[0] > m[1] - m[0] for o in found):
                continue
            if best is None or (m[0], m[1]) > (best[0], best[1]):
                best = m
        return best

    def _head_end(self, a: int, b: int, inside: list[tuple[int, int, int | None]]) -> tuple[int, int]:
        """Where the head noun phrase of the span ``[a, b)`` ends: at a clause or complement
        opener, a comma or a verb (no tagger: a modal, or a lower-case past form after a noun);
        and where the agent after its first ``by`` or ``from`` starts (``b`` without one)."""
        assert self._resolver is not None
        toks = tokenize(self._resolver.text, a, b)
        ends = {e for _, e, _ in inside}
        end = agent = b
        for k in range(1, len(toks)):
            t, prev = toks[k], toks[k - 1]
            if (t.low == "by" or t.low == "from") and k + 1 < len(toks):
                end, agent = min(end, t.start), toks[k + 1].start
                break
            if end < b:
                continue
            if t.text in _HEAD_PUNCT:
                end = t.start
            if not t.is_word or t.is_cap or end < b:
                continue
            if t.low in ("and", "or") and prev.end not in ends:
                continue  # roles of one person: "contributor and monetary historian David Marsh"
            if (
                t.low == "of"
                and prev.end not in ends
                and (prev.is_cap or title_kind(prev.text))
                and k + 1 < len(toks)
                and (toks[k + 1].is_cap or title_kind(toks[k + 1].text))
            ):
                continue  # a title's own "of": "Secretary of State John Kerry"
            adjective = prev.low in _PREMODIFIERS or prev.low.endswith("ly")  # "the newly elected"
            if t.low in _HEAD_STOPS or (t.low.endswith("ed") and prev.is_word and not adjective):
                end = t.start
        return end, agent

    def _first_of_pair(self, a: int) -> int | None:
        """The entity whose mention ends right before ``and`` opening the span at ``a``."""
        assert self._resolver is not None
        m = _AND_BEFORE.search(self._resolver.text, max(0, a - 8), a)
        if m is None:
            return None
        for k in range(self._first_from(m.start() - 200), len(self._codes)):
            s, e, ent = self._span(k)
            if s >= m.start():
                break
            if e == m.start() and ent is not None:
                return ent
        return None

    def _antecedent(self, a: int, b: int) -> int | None:
        """A relative pronoun speaker ("Beijing, which ... said"): the entity whose mention ends
        right before its comma, as PolNeAR marks the pronoun and the reader reads the name."""
        assert self._resolver is not None
        text = self._resolver.text
        if text[a:b].lower() not in RELATIVE_PRONOUNS:
            return None
        gap = text[max(0, a - 4) : a]
        end = a - (len(gap) - len(gap.rstrip(" ,")))
        if end == a:
            return None  # no comma or space before it: not a relative clause opener
        for k in range(self._first_from(end - 200), len(self._codes)):
            s, e, ent = self._span(k)
            if s >= end:
                break
            if e == end and ent is not None:
                return self._usable(ent)
        return None

    def _adjective_only(self, start: int, a: int, b: int) -> bool:
        """The span reaches past a nationality adjective that is its only mention."""
        for k in range(self._first_from(start), len(self._codes)):
            s, e, ent = self._span(k)
            if s != start:
                break
            if ent is not None:
                m = next((m for m in self.entities[ent].mentions if m.start == s and m.end == e), None)
                if m is not None and m.form == "demonym" and e < b and not self._plural(s, e):
                    return True
        return False

    def _plural(self, s: int, e: int) -> bool:
        word = self._resolver.text[s:e] if self._resolver is not None else ""
        return word.endswith("s") and not word.endswith("ss")

    def _owner_of_possessive(self, idx: int | None, start: int, end: int) -> int | None:
        """``Japan's Minister of Defense Minoru Kihara``: a span stopping at the country means the person."""
        if idx is None or self.entities[idx].kind != "country" or self._resolver is None:
            return idx
        text = self._resolver.text
        m = _POSSESSIVE_LEAD.match(text, end)
        if not m:
            return idx
        lo = self._first_from(m.end())
        for k in range(lo, min(lo + 4, len(self._codes))):
            s, _, ent = self._span(k)
            if s > m.end() + 60:
                break
            if ent is not None and self.entities[ent].kind == "person":
                between = text[m.end() : s]
                if all(
                    w[:1].isupper() or title_kind(w) or w in ("of", "the", "and") for w in between.split()
                ):
                    return ent
        return idx

    def _usable(self, idx: int | None) -> int | None:
        if idx is None:
            return None
        # a news outlet reports; it is never the speaker we attribute to
        return (
            None if self.entities[idx].kind == "organization" and is_media(self.entities[idx].name) else idx
        )

    def entities_in(self, span: Span) -> list[tuple[Mention, int]]:
        """Mentions inside ``span`` with their entity index, in text order."""
        if self._by_start is None or self._n_mentions != sum([len(e.mentions) for e in self.entities]):
            # (the running count j makes every tuple unique before the mention, so a plain
            # sort gives the stable order of the (start, end, entity) key with no key call)
            rows: list[tuple[int, int, int, int, Mention]] = []
            j = 0
            for i, e in enumerate(self.entities):
                for m in e.mentions:
                    rows.append((m.start, m.end, i, j, m))
                    j += 1
            rows.sort()
            self._by_start = rows
            self._starts = [r[0] for r in self._by_start]
            self._n_mentions = len(self._by_start)
        lo = int_bisect_left(self._starts, span[0])
        hi = int_bisect_left(self._starts, span[1])
        return [(m, i) for _, e, i, _, m in self._by_start[lo:hi] if e <= span[1]]


def is_media(name: str) -> bool:
    words = name.split()
    return name in MEDIA or name.removeprefix("The ") in MEDIA or words[-1] in MEDIA_WORDS
