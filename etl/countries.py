"""States in the text: names, capitals and demonyms, as ISO 3166-1 alpha-3 codes.

Country names come from pycountry (``name``, ``common_name``, ``official_name``
when they read as running text) plus ``country_names.tsv`` for the forms news
uses (``U.S.``, ``Russia``, ``the ROK``); ``capitals.tsv`` and ``demonyms.tsv``
let ``Tehran`` and ``Azerbaijani`` stand for their states. One compiled
alternation, longest form first, finds them all in a single pass.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache, lru_cache
from typing import Final

import pycountry
from mypy_extensions import mypyc_attr

from etl.lexicons import load_map

# pycountry names that are also common first names or US states: a country only
# through country_names.tsv forms, never by this spelling alone (seen in
# polnear/train: "Jordan" the person, "Georgia" the state).
AMBIGUOUS_NAMES: Final = frozenset({"Jordan", "Georgia", "Chad", "Niger"})


@mypyc_attr(acyclic=True)
class CountryHit:
    """A plain slotted class, not a dataclass: compiled with mypyc a dataclass keeps the
    interpreted ``__init__`` its decorator generates. Never changed once made."""

    __slots__ = ("code", "end", "form", "plural", "start")

    def __init__(self, start: int, end: int, code: str, form: str, plural: bool = False) -> None:
        self.start = start
        self.end = end
        self.code = code
        self.form = form  # name | capital | demonym
        self.plural = plural  # "Israelis": a demonym that names the people, not a modifier


def _pycountry_names() -> dict[str, str]:
    out: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("official_name", "name", "common_name"):
            value = getattr(c, attr, None)
            if not value or "," in value or "(" in value:
                continue
            value = value.removeprefix("the ")
            if value not in AMBIGUOUS_NAMES:
                out[value] = c.alpha_3
    return out


@cache
def country_names() -> dict[str, str]:
    """Surface form -> code for every country name (not capitals or demonyms)."""
    names = _pycountry_names()
    names.update(load_map("country_names"))
    return names


@cache
def canonical_names() -> dict[str, str]:
    """Code -> the row name used when the article spells no full name of its own."""
    out: dict[str, str] = {}
    for surface, code in load_map("country_names").items():
        out.setdefault(code, surface)
    for c in pycountry.countries:
        if c.alpha_3 not in out:
            name = getattr(c, "common_name", None) or c.name
            out[c.alpha_3] = name.split(",")[0]
    return out


def capitals() -> dict[str, str]:
    return load_map("capitals")


def demonyms() -> dict[str, str]:
    return load_map("demonyms")


@cache
def _table() -> tuple[dict[str, tuple[str, str]], int]:
    table: dict[str, tuple[str, str]] = {}
    for surface, code in demonyms().items():
        table[surface] = (code, "demonym")
    for surface, code in capitals().items():
        table[surface] = (code, "capital")
    for surface, code in country_names().items():
        table[surface] = (code, "name")
    return table, max(len(k) for k in table)


@cache
def _heads() -> frozenset[str]:
    return phrase_heads(_table()[0])


def country_table() -> dict[str, tuple[str, str]]:
    """Every country name, capital and demonym -> (code, form)."""
    return _table()[0]


# A capitalized word (``U.S.`` with its dots), not glued to a word, dot or hyphen before it. The
# capital comes first and the look-behind checks the character before it: a pattern opening
# with the look-behind would be tried at every offset instead of only at capitals.
CAP_WORD: Final = re.compile(r"[A-Z](?<![\w.\-][A-Z])[\w'’]*(?:\.(?:[A-Z]\.)*)?")


_CAP_WORD_SPLIT: Final = re.compile(f"({CAP_WORD.pattern})")


@lru_cache(maxsize=8)
def with_bare_forms(heads: frozenset[str]) -> frozenset[str]:
    """``heads`` and the words whose bare form (:func:`_bare_end`) is one: ``Iran's``, ``Iran.``
    (a full stop is cut only from a word with no other)."""
    return heads | {h + s for h in heads for s in ("'s", "’s")} | {h + "." for h in heads if "." not in h}


_JOINERS: Final = frozenset({" ", " of ", " of the ", " and ", " de "})


def _joins(text: str, a: int, b: int) -> bool:
    """Can two capitalized words be one name: only a space, "of", "of the" or "and" between."""
    return b - a <= 8 and text[a:b] in _JOINERS


_APOSTROPHES: Final = frozenset((ord("'"), ord("’")))


def _bare_end(text: str, a: int, b: int) -> int:
    """End of a word without its possessive ``'s`` (and a sentence's full stop after a plain word)."""
    # (compiled, endswith and count with bounds are method calls; a character's code is native)
    if b - a >= 2 and ord(text[b - 1]) == 115 and ord(text[b - 2]) in _APOSTROPHES:  # 's, ’s
        return b - 2
    if b > a and ord(text[b - 1]) == 46 and text.find(".", a, b - 1) < 0:  # one full stop, last
        return b - 1
    return b


def phrase_heads(table: Mapping[str, object]) -> frozenset[str]:
    """First words of the keys of ``table`` (up to the first space), for :func:`find_phrases`."""
    return frozenset(key.split(" ", 1)[0] for key in table)


def phrase_starts(text: str, heads: frozenset[str], start: int = 0, end: int | None = None) -> list[int]:
    """Offsets of the capitalized words of ``text[start:end]`` that can open a key with these
    ``heads``, in order: the words :func:`find_phrases` reads further. One pass over a whole
    article tells which of its sentences can name a key at all."""
    end = len(text) if end is None else end
    if start == 0:
        # From the start, CAP_WORD's look-behind sees the same text in a slice, so the split
        # finds the same words
        return cap_words(text[:end], heads)[2]
    out: list[int] = []
    for m in CAP_WORD.finditer(text, start, end):
        a, b = m.span()
        word = text[a:b]
        if word in heads or (word[-1] in "s." and text[a : _bare_end(text, a, b)] in heads):
            out.append(a)
    return out


def cap_words(text: str, heads: frozenset[str]) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Spans of the capitalized words of ``text`` (the matches of ``CAP_WORD``), their starts,
    and the starts of those that can open a key with these ``heads`` (:func:`phrase_starts`).

    One split over the whole text, which costs less than a search per sentence: a sentence
    with white space at both its ends holds the words that start in it, as
    :func:`find_phrases` would find them there (none crosses white space, and the look-behind
    reads the text before the sentence either way)."""
    parts: list[str] = _CAP_WORD_SPLIT.split(text)  # gap, word, gap, word, ..., gap
    bare = with_bare_forms(heads)
    spans: list[tuple[int, int]] = []
    starts: list[int] = []
    key_starts: list[int] = []
    pos = 0
    for k in range(1, len(parts), 2):
        a = pos + len(parts[k - 1])  # the gap before a word ends where the word starts
        word = parts[k]
        pos = a + len(word)
        spans.append((a, pos))
        starts.append(a)
        if word in bare:
            key_starts.append(a)
    return spans, starts, key_starts


def find_phrases(
    text: str,
    start: int,
    end: int,
    table: Mapping[str, object],
    longest: int,
    heads: frozenset[str] | None = None,
    words: list[tuple[int, int]] | None = None,
) -> list[tuple[int, int]]:
    """Spans of ``text[start:end]`` that are keys of ``table``, longest first, left to right.

    Only capitalized words can start or end a key, so each is one dictionary
    probe per candidate stretch instead of a regular expression of hundreds of
    alternatives. With ``heads`` (:func:`phrase_heads` of ``table``), a word that
    starts no key is passed over with one probe: most capitalized words are no
    state, and the stretch a key would span need not be read for them. ``words``, when given,
    are the spans of the capitalized words of ``text[start:end]`` (see :func:`cap_words`).
    """
    if words is None:
        words = [m.span() for m in CAP_WORD.finditer(text, start, end)]
    out: list[tuple[int, int]] = []
    i, n = 0, len(words)
    while i < n:
        a, first_end = words[i]
        # a key is this word alone (bare or not) or this word, a joiner (which opens with a
        # space) and more: either way its first word is one of the heads
        if heads is not None:
            first = text[a:first_end]
            # (only a word ending in "s" or "." has a bare form of its own)
            if first not in heads and (
                first[-1] not in "s." or text[a : _bare_end(text, a, first_end)] not in heads
            ):
                i += 1
                continue
        j = i
        while j + 1 < n and words[j + 1][1] - a <= longest + 3 and _joins(text, words[j][1], words[j + 1][0]):
            j += 1
        stop = None
        while j >= i and stop is None:
            # the stretch to this word's end, then to its bare end (compiled, two tests cost
            # less than iterating over a tuple of the two, a generic iteration)
            b = words[j][1]
            if text[a:b] in table:
                stop = b
                break
            bare = _bare_end(text, words[j][0], b)
            if text[a:bare] in table:
                stop = bare
                break
            j -= 1
        if stop is None:
            i += 1
            continue
        if not (i > 0 and text[words[i - 1][0] : stop] in _states_named_after_others()):
            out.append((a, stop))
        i = j + 1
    return out


@cache
def multiword_subdivisions() -> frozenset[str]:
    """ "New Jersey", "North Rhine-Westphalia": provinces and states of pycountry's subdivisions
    whose name has two words or more (a single word, like "Kent", is as often a surname)."""
    return frozenset(s.name for s in pycountry.subdivisions if " " in s.name)


@cache
def _states_named_after_others() -> frozenset[str]:
    """Subdivisions whose name ends in another state's name: "New Jersey", "New Mexico" name no
    country (pycountry's subdivisions, names of two words or more)."""
    table = _table()[0]
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    out = set()
    for sub in pycountry.subdivisions:
        head, _, tail = sub.name.partition(" ")
        hit = table.get(tail)
        if head and hit is not None and hit[1] == "name" and hit[0] != alpha3.get(sub.country_code):
            out.add(sub.name)
    return frozenset(out)


def find_countries(text: str, start: int = 0, end: int | None = None) -> list[CountryHit]:
    """Every country name, capital and demonym in ``text[start:end]``, in order."""
    table, longest = _table()
    end = len(text) if end is None else end
    out: list[CountryHit] = []
    for a, b in find_phrases(text, start, end, table, longest, _heads()):
        word = text[a:b]
        code, form = table[word]
        plural = form == "demonym" and word.endswith("s") and not word.endswith("ss")
        out.append(CountryHit(a, b, code, form, plural))
    return out


def ambiguous_code(word: str) -> str | None:
    """Code of a country whose name is also a first name (``Jordan's King Abdullah``): only where
    its context, a possessive before a title, makes it the state."""
    if word not in AMBIGUOUS_NAMES:
        return None
    hit = pycountry.countries.get(name=word)
    return hit.alpha_3 if hit else None


def code_of(surface: str) -> str | None:
    """Code for a country name, capital or demonym written exactly as ``surface``."""
    s = surface.strip().removeprefix("the ").removeprefix("The ")
    for table in (country_names(), capitals(), demonyms()):
        if s in table:
            return table[s]
    return None
