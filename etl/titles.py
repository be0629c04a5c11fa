"""A person's title, country and body from the words around the name.

Two constructions carry a title in news text:

1. a pre-modifier chain ending at the name: ``Azerbaijani President Ilham
   Aliyev``, ``Japan's Minister of Defense Minoru Kihara``, ``Kremlin spokesman
   Dmitry Peskov``, or the same chain set off by a comma (``Ukraine's energy
   minister, Denys Shmyhal``);
2. an apposition after it: ``Ramil Usubov, the Secretary of the Security
   Council of Azerbaijan.``, closed by punctuation so that a following clause
   (``Rice, the prime minister said ...``) is never taken for one.

Country words (``US``, ``Azerbaijani``, ``Iran's``) give the country and stay
out of the title; an organization inside it (``Supreme National Security
Council``) gives the person's body.
"""

from __future__ import annotations

from functools import cache
from typing import Final

from etl.caches import remember
from etl.countries import ambiguous_code
from etl.lexicons import load_map
from etl.names import VOCABULARY_CACHE, Token

# Longest apposition we read after a name, in tokens ("the Secretary of Iran's
# Supreme National Security Council" is 9); longer ones are clauses.
MAX_APPOSITION: Final = 14
# Longest pre-name title chain in tokens ("US Secretary of Defense" is 4).
MAX_CHAIN: Final = 8
_CHAIN_GLUE: Final = frozenset({"of", "for", "the", "and"})
_APPOSITION_END: Final = frozenset(",.;:()—–")
_DETERMINERS: Final = frozenset({"the", "his", "her", "its", "their", "a", "an"})


@cache
def title_words() -> dict[str, str]:
    return load_map("titles")


def kind(word: str) -> str | None:
    """head | fhead | generic | mod | rel | None for a word of a title (any case).

    Cached: entity finding asks it of every capitalized word, a few hundred thousand times
    per thousand articles, over a vocabulary far smaller than that. A plain dict (cleared when
    full, like the other vocabulary caches): compiled, one lookup costs a fraction of a call
    through an lru_cache wrapper."""
    found = _KINDS.get(word)
    if found is None:
        found = remember(_KINDS, word, title_words().get(word.lower().rstrip("."), ""), VOCABULARY_CACHE)
    return found or None


# word -> its kind, "" for none (no kind is empty)
_KINDS: Final[dict[str, str]] = {}


def is_head(word: str) -> bool:
    return kind(word) in ("head", "fhead", "generic")


# TitleInfo and Tag are plain slotted classes, not dataclasses: compiled with mypyc a
# dataclass keeps the interpreted ``__init__`` its decorator generates, called with an
# argument tuple; written out, construction is one native call.
class TitleInfo:
    __slots__ = ("country", "end", "female", "organization", "owner", "relation", "start", "title")

    def __init__(
        self,
        title: str | None = None,
        country: str | None = None,
        organization: str | None = None,
        female: bool = False,
        start: int | None = None,  # the title phrase's span in the text
        end: int | None = None,
        relation: bool = False,  # "his Israeli counterpart, Ariel Sharon": a person, with no title
        owner: str | None = None,  # "Putin's spokesman Dmitry Peskov": whose the role is
    ) -> None:
        self.title = title
        self.country = country
        self.organization = organization
        self.female = female
        self.start = start
        self.end = end
        self.relation = relation
        self.owner = owner


class Tag:
    """What a lexicon or the organization finder says a token belongs to (never changed once made)."""

    __slots__ = ("code", "end", "kind", "start")

    def __init__(self, kind: str, code: str | None, start: int, end: int) -> None:
        self.kind = kind  # country | demonym | capital | org | institution | media | person
        self.code = code
        self.start = start  # the whole entity's span, for organizations
        self.end = end


def _gap_kind(text: str, a: Token, b: Token) -> int:
    """What the gap between two tokens (after ``a``'s possessive), stripped, is: 0 empty, 1 a
    comma, 2 anything else; told by the characters, with no copy (asked for every name
    candidate and every chain word)."""
    seen = 0
    comma = False
    for i in range(a.end + (2 if a.poss else 0), b.start):
        c = ord(text[i])
        if c == 32 or 9 <= c <= 13 or 28 <= c <= 31 or (c >= 128 and text[i].isspace()):
            continue
        seen += 1
        if seen > 1:
            return 2
        comma = c == 44
    if seen == 0:
        return 0
    return 1 if comma else 2


def title_before(text: str, toks: list[Token], k: int, tags: dict[int, Tag]) -> TitleInfo:
    """Title chain ending right before token ``k`` (the name's first token)."""
    if k == 0 or (toks[k - 1].text == "~" and k - 1 not in tags):
        # (a filler word right before the name: no chain starts there, whatever the gap)
        return TitleInfo()
    info = TitleInfo()
    gap = _gap_kind(text, toks[k - 1], toks[k])
    if gap == 2:
        return info
    chain: list[int] = []
    j = k - 1
    left = k  # leftmost token read, country words included
    while j >= 0 and len(chain) < MAX_CHAIN:
        t = toks[j]
        if j < k - 1 and _gap_kind(text, t, toks[j + 1]):
            break
        tag = tags.get(j)
        w = t.kind or None  # (kind(t.text), which the tokenizer read)
        if tag is not None and tag.kind in ("country", "demonym", "capital"):
            if chain or t.poss:
                info.country = info.country or tag.code
                left = _first_token_of(toks, j, tag)
            break
        if t.poss:
            if tag is not None and tag.kind in ("institution", "org"):
                info.organization = text[tag.start : tag.end]
                info.country = info.country or tag.code
                left = _first_token_of(toks, j, tag)
            elif tag is None and chain and ambiguous_code(t.text):
                info.country, left = info.country or ambiguous_code(t.text), j
            elif tag is None and chain and t.cap:
                info.owner = t.text
            break
        glue = chain and ((t.lower in _CHAIN_GLUE and t.lower != "the") or _of_the(toks, j))
        if w is not None or glue:
            chain.append(j)
        elif tag is not None and tag.kind in ("institution", "org") and chain:
            info.organization = text[tag.start : tag.end]
            info.country = info.country or tag.code
            chain.append(j)
        elif t.cap and chain and any(toks[c].kind in ("head", "fhead", "generic") for c in chain):
            chain.append(j)
        else:
            break
        left = j
        j -= 1
    before = left - 1
    if gap == 1 and before >= 0 and toks[before].lower not in _DETERMINERS and not toks[left].poss:
        # "as US President, Tony Blair has said": no apposition without a determiner
        return TitleInfo()
    if not chain:
        # most names have no title before them: only the country, organization or owner read
        # on the way, which is what _finish would copy, at a fraction of the cost
        return info
    return _finish(text, toks, sorted(chain), info)


def title_after(text: str, toks: list[Token], e: int, tags: dict[int, Tag], end: int) -> TitleInfo:
    """Apposition ``, the TITLE ...`` after the name ending at token ``e - 1``, closed by punctuation."""
    info = TitleInfo()
    if e >= len(toks) or _gap_kind(text, toks[e - 1], toks[e]) != 1:
        return info
    j = e
    if toks[j].lower in ("the", "a", "an"):
        j += 1
    chain: list[int] = []
    while j < len(toks) and len(chain) < MAX_APPOSITION:
        t = toks[j]
        if chain and _gap_kind(text, toks[j - 1], t):
            break
        tag = tags.get(j)
        if tag is not None and tag.kind in ("country", "demonym", "capital"):
            info.country = info.country or tag.code
            if chain and not t.poss:
                chain.append(j)
            elif not chain and not t.poss and tag.kind != "demonym":
                return TitleInfo()
        elif tag is not None and tag.kind in ("institution", "org"):
            info.organization = info.organization or text[tag.start : tag.end]
            info.country = info.country or tag.code
            if chain:
                chain.append(j)
        elif t.kind or (t.lower in _CHAIN_GLUE and chain) or (t.cap and chain):
            chain.append(j)
        else:
            return TitleInfo()
        if t.poss and not (tag is not None and tag.kind in ("country", "institution", "org")):
            return TitleInfo()
        j += 1
    if not chain:
        return TitleInfo()
    last = toks[chain[-1]]
    after = text[last.end + (2 if last.poss else 0) : end].lstrip()
    if after and after[0] not in _APPOSITION_END:
        return TitleInfo()
    return _finish(text, toks, chain, info)


def _of_the(toks: list[Token], j: int) -> bool:
    """``Secretary of the Security Council``: a "the" right after "of" stays in a title."""
    return toks[j].lower == "the" and j > 0 and toks[j - 1].lower == "of"


def _first_token_of(toks: list[Token], j: int, tag: Tag) -> int:
    while j > 0 and toks[j - 1].start >= tag.start:
        j -= 1
    return j


def _finish(text: str, toks: list[Token], chain: list[int], info: TitleInfo) -> TitleInfo:
    while chain and toks[chain[0]].lower in _CHAIN_GLUE:
        chain.pop(0)
    while chain and toks[chain[-1]].lower in _CHAIN_GLUE:
        chain.pop()
    heads = [c for c in chain if toks[c].kind in ("head", "fhead", "generic")]
    if not heads:
        relation = any(toks[c].kind == "rel" for c in chain)
        return TitleInfo(
            country=info.country, organization=info.organization, relation=relation, owner=info.owner
        )
    info.title = text[toks[chain[0]].start : toks[chain[-1]].end]
    info.start = toks[chain[0]].start
    info.end = toks[chain[-1]].end
    info.female = any(toks[c].kind == "fhead" for c in chain)
    return info
