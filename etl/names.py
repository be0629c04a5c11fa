"""Words and capitalized runs: the raw material of names, titles and descriptions.

A sentence becomes a list of :class:`Token` (offsets into the article text, a
possessive ``'s`` split off); a *run* is a maximal sequence of capitalized
tokens separated by single spaces (``Azerbaijani President Ilham Aliyev``),
which :mod:`etl.entities` then splits into title, country and name parts.
:func:`first_name_gender` says whether a word is a given name (the general
dictionary of the gender-guesser package, loaded on first use) and its gender.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from gender_guesser.detector import Detector
from mypy_extensions import i64, mypyc_attr

from etl.caches import remember
from etl.lexicons import load_map, load_set

ABBREVIATIONS: Final = load_set("abbreviations")
STOP_NAMES: Final = load_set("stop_names")
HONORIFICS: Final = frozenset(
    {"Mr", "Mrs", "Ms", "Dr", "Mr.", "Mrs.", "Ms.", "Dr.", "Sir", "Dame", "Madam", "Prof."}
)
FEMALE_HONORIFICS: Final = frozenset({"Mrs", "Ms", "Mrs.", "Ms.", "Dame", "Madam"})
# lower-case words that may sit inside a name ("Osama bin Laden", "Charles de Gaulle")
NAME_PARTICLES: Final = frozenset(
    {"bin", "ibn", "al", "el", "de", "van", "von", "der", "da", "du", "del", "dos", "la", "le"}
)
NAME_SUFFIXES: Final = frozenset({"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"})
# An all-capital word this long ends a run that mixed-case words began: it is a
# dateline or acronym, not a name part ("By Kim Eun-jung SEOUL"); two-letter
# ones ("US President", "UN Security Council") stay inside.
RUN_BREAKING_CAPS: Final = 3
# Distinct words whose lexicon verdicts (title word, given name) stay cached per process: far
# more than one article's vocabulary, bounded so a long parse cannot grow it without end.
VOCABULARY_CACHE: Final = 1 << 16

# Prepositions after which a capital is the place, not the state ("in Baku").
LOCATIVE: Final = frozenset(
    {"in", "to", "at", "into", "near", "across", "outside", "around", "via", "toward", "towards"}
)
_FUNCTION_WORDS: Final = frozenset(
    {"of", "the", "for", "and", "a", "an", "his", "her", "its", "their", "he", "him", "she"}
)
_ARABIC_PREFIXED: Final = re.compile(r"(?:al|el|ad|ash|as|at|az|bin|ibn|abu)-[A-Z]")
# (atomic: a token never gives characters back, which spares the engine its backtracking
# bookkeeping; the matches are those of the plain pattern, since what follows never needs them.
# Atomic groups, not the possessive quantifiers they equal: CPython before 3.11.5 matched
# possessive ones wrongly (gh-106052; Debian 12's python3 is 3.11.2), "a.&" read as "a." there.)
_TOKEN: Final = re.compile(r"(?>\w+)(?>(?:[-'’.](?>\w+))*)\.?")
_POSSESSIVE: Final = re.compile(r"['’]s?$")
# A token with the non-word characters before it (all that lies between two tokens), or, at
# the end, those characters alone: without the \Z branch a trailing run of marks would be
# retried from each of its characters.
_SEP_TOKEN: Final = re.compile(rf"((?>\W*))({_TOKEN.pattern}|\Z)")


@mypyc_attr(acyclic=True)
class Token:
    """One word: offsets into the text, a possessive 's split off.

    A plain slotted class, not a dataclass: mypyc compiles a dataclass's fields as struct
    fields but keeps the ``__init__`` that the decorator generates, an interpreted function
    called with an argument tuple, which cost more than the rest of the tokenizer's work per
    word. Written out, construction is one native call.
    """

    __slots__ = ("allcaps", "cap", "end", "kind", "lower", "poss", "start", "text")

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        poss: bool = False,  # followed by 's (split off: ``end`` is before it)
        cap: bool = False,  # starts with a capital letter
        allcaps: bool = False,  # two letters or more, all capitals (an acronym or a dateline)
        lower: str = "",
        kind: str = "",  # titles.kind(text), "" for None: read of most capitalized words
    ) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.poss = poss
        self.cap = cap
        self.allcaps = allcaps
        self.lower = lower
        self.kind = kind

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r})"


# gender-guesser's verdicts -> our codes: m, f, or u (a given name of either or unsure gender,
# which a pronoun of either gender may refer to); "unknown" means it is no name it knows.
_GUESSER_CODES: Final = {
    "male": "m",
    "female": "f",
    "mostly_male": "u",
    "mostly_female": "u",
    "andy": "u",
}


@cache
def _detector() -> Detector:
    """The ~45k given names of gender-guesser, loaded once on first use (about 0.2 s)."""
    return Detector(case_sensitive=False)


def first_name_gender(word: str) -> str | None:
    """``m``, ``f`` or ``u`` when ``word`` is a known given name, else None.

    Cached per word in a plain dict ("" for None): compiled, a lookup there costs a fraction of
    a call through an lru_cache wrapper, and entity finding asks of most capitalized words.
    """
    found = _GENDERS.get(word)
    if found is None:
        found = remember(_GENDERS, word, _first_name_gender(word) or "", VOCABULARY_CACHE)
    return found or None


# word -> first_name_gender's answer, "" for None
_GENDERS: Final[dict[str, str]] = {}


def _first_name_gender(word: str) -> str | None:
    """:func:`first_name_gender`, uncached.

    gender-guesser is the general dictionary; ``first_names.tsv`` adds only the names it lacks
    that polnear/train earns, and ``not_first_names.tsv`` drops the ones news mostly writes in
    lower case (``The``, ``Said``, ``General``). Places (``Iran``, ``Jordan``) still come out as
    names here: the callers' country, place and stop-word tests run first.
    """
    extra = _FIRST_NAMES.get(word)
    if extra is not None:
        return extra.partition("\t")[0]  # the third column is the train count that earned it
    if not word[:1].isupper() or (not word.isalpha() and "-" not in word):
        return None
    if word in _NOT_FIRST_NAMES:
        return None
    detector = _detector()
    # get_gender's own first test (it lower-cases a name it was not given in the case it keeps):
    # a word it does not know, most of those asked, needs no call into its interpreted code
    if word.lower() not in detector.names:
        return None
    return _GUESSER_CODES.get(detector.get_gender(word))


_FIRST_NAMES: Final = load_map("first_names")
_NOT_FIRST_NAMES: Final = load_map("not_first_names")


def is_first_name(word: str) -> bool:
    return first_name_gender(word) is not None


# Title word (lower case, no final period) -> its kind (titles.kind reads the same map).
_TITLE_KINDS: Final = load_map("titles")
# Lower-case words some extractor reads: title words, determiners, pronouns, particles. A
# constant, not a cached function: the tokenizer asks for each word it has not seen.
_KEPT_LOWER: Final = (
    frozenset(load_map("titles"))
    | frozenset(load_map("org_descriptions"))
    | NAME_PARTICLES
    | LOCATIVE
    | _FUNCTION_WORDS
)


def kept_lower() -> frozenset[str]:
    """Lower-case words some extractor reads: title words, determiners, pronouns, particles."""
    return _KEPT_LOWER


def tokenize(text: str, start: int, end: int) -> list[Token]:
    """Word tokens of ``text[start:end]``; a trailing period stays only on abbreviations and initials.

    Lower-case words outside :func:`kept_lower` (most of a text) become one
    placeholder token per stretch (text ``~``): nothing reads them, but they
    still stand between the words around them, so adjacency tests hold.
    """
    return tokenize_caps(text, start, end, frozenset(), None)[0]


def tokenize_caps(
    text: str, start: int, end: int, keys: frozenset[str], caps: list[tuple[int, int]] | None
) -> tuple[list[Token], bool]:
    """:func:`tokenize`, and, appended to ``caps``, the spans of the capitalized words of
    ``text[start:end]`` (``countries.CAP_WORD``, as ``countries.cap_words`` finds them in the
    whole text when the range has white space or the text's ends on both sides, its look-behind
    reading the range's start as the text's); with whether one of those words is in ``keys``.

    One pass over the characters reads both, as ``_SEP_TOKEN`` and ``CAP_WORD`` would: a
    capitalized word opens where a run of word characters does (its first letter is one), and
    every such run opens a token or follows a joining mark inside one. A token that opens in
    lower case is told a filler or a plain kept word (``the``, ``of``) by its characters
    (:func:`_kept_signature`, :func:`_kept_shape`), with no copy of its text: most of a text
    is such words. The shape of any other (its text, possessive, case, filler or not) is
    looked up by its text in ``_WORDS``. (Compiled, the character tests are inline on native
    ints: a call per character cost more than the test.)
    """
    out: list[Token] = []
    gap: Token | None = None
    keyed = False
    words = _WORDS
    n: i64 = end
    first: i64 = start
    cap_end: i64 = start  # the end of the last capitalized word: a capital before it is inside it
    i: i64 = start
    while True:
        # \W*+
        while i < n:
            c: i64 = ord(text[i])
            if c < 128:
                if 97 <= c <= 122 or 65 <= c <= 90 or 48 <= c <= 57 or c == 95:
                    break
            elif not _common_mark(c) and text[i].isalnum():
                break
            i += 1
        if i >= n:
            break  # the \Z branch: only separators were left
        a: i64 = i
        hyphen_at: i64 = -1  # the first hyphen of the token
        cap_a: i64 = -1  # the end of the capitalized word that opens at a, if one does
        run: i64 = a  # each run of word characters of the token may open a capitalized word
        while True:
            if caps is not None and run >= cap_end:
                c = ord(text[run])
                if 65 <= c <= 90 and _cap_may_open(text, run, first):
                    cap_end = _cap_word_end(text, run + 1, n)
                    caps.append((run, cap_end))
                    if run == a:
                        cap_a = cap_end  # (its text is mostly the token's: looked up below)
                    elif not keyed and text[run:cap_end] in keys:
                        keyed = True
            i = run + 1
            while i < n:  # \w++
                c = ord(text[i])
                if c < 128:
                    if not (97 <= c <= 122 or 65 <= c <= 90 or 48 <= c <= 57 or c == 95):
                        break
                elif _common_mark(c) or not text[i].isalnum():
                    break
                i += 1
            # (?:[-'’.]\w++)*+ : a mark joins only when a word character follows it
            if i + 1 < n:
                c = ord(text[i])
                if (c == 45 or c == 39 or c == 46 or c == 0x2019) and _word_at(text, i + 1):
                    if c == 45 and hyphen_at < 0:
                        hyphen_at = i
                    run = i + 1
                    continue
            break
        if i < n and ord(text[i]) == 46:  # \.?
            i += 1
        c = ord(text[a])
        if (97 <= c <= 122 or 48 <= c <= 57) and not (0 <= hyphen_at - a < 5):
            # (_kept_signature, inline from characters read: most words are fillers,
            # which the table tells with no call)
            e: i64 = i
            last: i64 = ord(text[e - 1])
            if last == 46:
                e -= 1
                last = ord(text[e - 1])
            if e - a > 2 and last == 115:
                mark: i64 = ord(text[e - 2])
                if mark == 39 or mark == 0x2019:
                    e -= 2
                    last = ord(text[e - 1])
            m: i64 = e - a
            second: i64 = ord(text[a + 1]) if m > 1 else 0
            at: i64 = _KEPT_TABLE[((m & 15) << 15) | ((c & 31) << 10) | ((second & 31) << 5) | (last & 31)]
            kept = None if at == 0 else _kept_shape(text, a, i, e, at)
            if kept is None:
                # (most words: one no extractor reads, which only moves the gap's end)
                if gap is None:
                    gap = Token(a, i, "~", False, False, False, "~")
                    out.append(gap)
                else:
                    gap.end = i
                continue
            if kept is not _UNREAD:
                gap = None
                out.append(Token(a, i, kept.text, False, False, False, kept.text, kept.kind))
                continue
        raw = text[a:i]
        w = words.get(raw)
        if w is None:
            w = remember(words, raw, _word(raw), VOCABULARY_CACHE)
        if cap_a >= 0 and not keyed:
            keyed = (w.text if cap_a == a + w.size else text[a:cap_a]) in keys
        if w.filler:
            if gap is None:
                gap = Token(a, i, "~", False, False, False, "~")
                out.append(gap)
            else:
                gap.end = i
        else:
            gap = None
            out.append(Token(a, a + w.size, w.text, w.poss, w.cap, w.allcaps, w.lower, w.kind))
    return out, keyed


def _common_mark(c: i64) -> bool:
    """A frequent character past ASCII that is no word character (curly quotes, dashes, the
    no-break space), told by its code: a str test of a character past Latin-1 copies it."""
    return c == 0x2019 or c == 0x201C or c == 0x201D or c == 0x2014 or c == 0x2013 or c == 0xA0


def _word_at(text: str, i: i64) -> bool:
    """``\\w`` at ``text[i]`` (chars.word_char), told by the code of an ASCII character."""
    c: i64 = ord(text[i])
    if c < 128:
        return 97 <= c <= 122 or 65 <= c <= 90 or 48 <= c <= 57 or c == 95
    return not _common_mark(c) and text[i].isalnum()


def _cap_may_open(text: str, at: i64, start: i64) -> bool:
    """CAP_WORD's look-behind at ``at``: no word character, period or hyphen before it (the
    range's start reads as the text's)."""
    if at == start:
        return True
    c: i64 = ord(text[at - 1])
    return not (c == 46 or c == 45 or _word_at(text, at - 1))


def _cap_word_end(text: str, i: i64, limit: i64) -> i64:
    """The end of the capitalized word whose capital is at ``i - 1``: CAP_WORD's
    ``[\\w'’]*(?:\\.(?:[A-Z]\\.)*)?``."""
    while i < limit:
        c: i64 = ord(text[i])
        if c < 128:
            if not (97 <= c <= 122 or 65 <= c <= 90 or 48 <= c <= 57 or c == 95 or c == 39):
                break
        elif not (c == 0x2019 or (not _common_mark(c) and text[i].isalnum())):
            break
        i += 1
    if i < limit and ord(text[i]) == 46:
        i += 1
        while i + 1 < limit and 65 <= ord(text[i]) <= 90 and ord(text[i + 1]) == 46:
            i += 2
    return i


def _kept_signature(length: i64, first: i64, second: i64, last: i64) -> i64:
    """A word's length and first, second and last characters (their low bits) as one int below
    ``1 << 19``: words of the same signature may be the same, words of two never are."""
    return ((length & 15) << 15) | ((first & 31) << 10) | ((second & 31) << 5) | (last & 31)


def _signature_of(word: str) -> i64:
    return _kept_signature(len(word), ord(word[0]), ord(word[1]) if len(word) > 1 else 0, ord(word[-1]))


def _kept_tables() -> tuple[bytes, list[_Word]]:
    """Per signature (a byte each: half a megabyte, read natively where a dictionary of ints
    cost a boxed int and a probe per word): 0 when no word of ``_KEPT_LOWER`` has it, else the
    index of a shape in the list: its one word's when that is plain (lower-case ASCII letters,
    which the tokenizer keeps as they stand), else ``_UNREAD`` (index 1)."""
    table = bytearray(1 << 19)
    shapes = [_UNREAD, _UNREAD]  # (index 0 is never read)
    for w in sorted(_KEPT_LOWER):
        s = _signature_of(w)
        if w.isascii() and w.isalpha() and w.islower() and not table[s]:
            table[s] = len(shapes)
            shapes.append(_word(w))
        else:
            table[s] = 1
    assert len(shapes) < 256
    return bytes(table), shapes


def _kept_shape(text: str, a: i64, b: i64, e: i64, at: i64) -> _Word:
    """A lower-case token past the signature table, for ``text[a:e]`` (``text[a:b]`` with a period and a
    possessive cut off) whose signature has the table's shape index ``at`` (not 0)."""
    m = e - a
    shape = _PLAIN_KEPT_WORDS[at]
    word = shape.text
    if at == 1 or e != b or len(word) != m:
        return _UNREAD
    for k in range(m):
        if ord(text[a + k]) != ord(word[k]):
            return _UNREAD  # (a filler of the same signature: the lookup tells)
    return shape


@mypyc_attr(acyclic=True)
class _Word:
    """The shape of a raw token: its length without what _word_shape cuts off (a filler keeps
    its raw length: only its stretch matters), whether it is a filler, then the Token fields.
    A native class whose fields a compiled reader takes as they are, with no instance for the
    garbage collector to track (the cache holds tens of thousands)."""

    __slots__ = ("allcaps", "cap", "filler", "kind", "lower", "poss", "size", "text")

    def __init__(
        self, size: int, filler: bool, text: str, poss: bool, cap: bool, allcaps: bool, lower: str, kind: str
    ) -> None:
        self.size = size
        self.filler = filler
        self.text = text
        self.poss = poss
        self.cap = cap
        self.allcaps = allcaps
        self.lower = lower
        self.kind = kind


def _word(raw: str) -> _Word:
    if _is_filler(raw):
        return _Word(len(raw), True, "~", False, False, False, "~", "")
    text, cut, poss, cap, allcaps, lower = _word_shape(raw)
    kind = _TITLE_KINDS.get(lower.rstrip("."), "")  # (titles.kind: the title map's key)
    return _Word(len(raw) - cut, False, text, poss, cap, allcaps, lower, kind)


# the shape _kept_shape gives for a word it cannot tell by its characters: look it up
_UNREAD: Final = _Word(0, False, "", False, False, False, "", "")


# Raw token -> its shape. A plain dict (cleared when full) since the tokenizer asks once per
# word of every text; bounded like the other vocabulary caches.
_WORDS: Final[dict[str, _Word]] = {}


def _word_shape(word: str) -> tuple[str, int, bool, bool, bool, str]:
    """(text, characters cut from the end, poss, cap, allcaps, lower) of a token's raw match."""
    cut = 0
    if word.endswith(".") and not _keeps_period(word):
        word, cut = word[:-1], 1
    poss = False
    if len(word) > 2 and (word.endswith("'s") or word.endswith("’s")):
        word, cut, poss = word[:-2], cut + 2, True
    # "el-Sisi", "al-Assad": a name word though it opens in lower case
    cap = _opens_upper(word) or (word.find("-", 0, 5) >= 0 and bool(_ARABIC_PREFIXED.match(word)))
    allcaps = cap and word.isupper() and sum(c.isalpha() for c in word) >= 2
    return word, cut, poss, cap, allcaps, word.lower()


def _opens_upper(word: str) -> bool:
    """``word[0].isupper()``, told by its code for an ASCII letter (most words open with one):
    compiled, the method is a call and the code a native test."""
    first = ord(word[0])
    return 65 <= first <= 90 or (not 97 <= first <= 122 and word[0].isupper())


def _is_filler(word: str) -> bool:
    """A word no extractor reads (lower case, outside :func:`kept_lower`); the tokenizer caches
    the verdict in ``_PIECES``, since most of a text is such words and the same few thousand
    recur."""
    if _opens_upper(word):
        return False
    base = word.rstrip(".")
    # (compiled, two tests cost less than building the tuple of suffixes at each call)
    if base.endswith("'s") or base.endswith("’s"):
        base = base[:-2]
    # the prefix test only where a hyphen could make one ("al-Assad")
    return base not in _KEPT_LOWER and not (word.find("-", 0, 5) >= 0 and _ARABIC_PREFIXED.match(word))


def _keeps_period(word: str) -> bool:
    core = word[:-1]
    return "." in core or len(core) == 1 or core.lower() in ABBREVIATIONS


def runs(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """Index ranges [i, j) of maximal capitalized runs in ``tokens``."""
    out: list[tuple[int, int]] = []
    n = len(tokens)
    i = 0
    while i < n:
        if not tokens[i].cap:
            i += 1
            continue
        j = i + 1
        while j < n:
            tok = tokens[j]
            # most runs end at a lower-case word: that test first, without a call
            if not (tok.cap or tok.text in NAME_PARTICLES) or not _continues(text, tokens, j):
                break
            j += 1
        # a particle cannot end a run
        while j - 1 > i and tokens[j - 1].text in NAME_PARTICLES:
            j -= 1
        out.append((i, j))
        i = j  # runs do not overlap: a capitalized token inside the last one starts none
    return out


def _continues(text: str, tokens: list[Token], j: int) -> bool:
    prev, tok = tokens[j - 1], tokens[j]
    if prev.poss or not (tok.cap or tok.text in NAME_PARTICLES):
        return False
    gap = text[prev.end : tok.start]
    if gap != " " and (not gap.isspace() or "\n" in gap):
        return False
    if not tok.cap:
        # "Ursula von der Leyen": particles may chain, but a capitalized word must follow
        k = j + 1
        while k < len(tokens) and tokens[k].text in NAME_PARTICLES:
            k += 1
        return k < len(tokens) and tokens[k].cap
    if not tok.allcaps or prev.allcaps:
        return True
    return sum(c.isalpha() for c in tok.text) < RUN_BREAKING_CAPS


def is_initial(tok: Token) -> bool:
    return len(tok.text.rstrip(".")) == 1 and tok.text[0].isupper()


def possessive_clean(s: str) -> str:
    return _POSSESSIVE.sub("", s)


# (built last: a plain kept word's shape comes from _word, which reads the lexicons above)
_KEPT_TABLES: Final = _kept_tables()
_KEPT_TABLE: Final = _KEPT_TABLES[0]
_PLAIN_KEPT_WORDS: Final = _KEPT_TABLES[1]
