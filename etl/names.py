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
from functools import cache, lru_cache
from typing import Final

from gender_guesser.detector import Detector
from mypy_extensions import mypyc_attr

from etl.caches import remember
from etl.chars import word_char, word_end
from etl.countries import CAP_WORD
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
# (possessive: a token never gives characters back, which spares the engine its backtracking
# bookkeeping; the matches are those of the plain pattern, since what follows never needs them)
_TOKEN: Final = re.compile(r"\w++(?:[-'’.]\w++)*+\.?")
_POSSESSIVE: Final = re.compile(r"['’]s?$")
# A token with the non-word characters before it (all that lies between two tokens), or, at
# the end, those characters alone: without the \Z branch a trailing run of marks would be
# retried from each of its characters.
_SEP_TOKEN: Final = re.compile(rf"(\W*+)({_TOKEN.pattern}|\Z)")


@mypyc_attr(acyclic=True)
class Token:
    """One word: offsets into the text, a possessive 's split off.

    A plain slotted class, not a dataclass: mypyc compiles a dataclass's fields as struct
    fields but keeps the ``__init__`` that the decorator generates, an interpreted function
    called with an argument tuple, which cost more than the rest of the tokenizer's work per
    word. Written out, construction is one native call.
    """

    __slots__ = ("allcaps", "cap", "end", "lower", "poss", "start", "text")

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        poss: bool = False,  # followed by 's (split off: ``end`` is before it)
        cap: bool = False,  # starts with a capital letter
        allcaps: bool = False,  # two letters or more, all capitals (an acronym or a dateline)
        lower: str = "",
    ) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.poss = poss
        self.cap = cap
        self.allcaps = allcaps
        self.lower = lower

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


@lru_cache(maxsize=VOCABULARY_CACHE)
def first_name_gender(word: str) -> str | None:
    """``m``, ``f`` or ``u`` when ``word`` is a known given name, else None.

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
    whole text when the range has white space or the text's ends on both sides); with whether
    one of those words is in ``keys``.

    The tokens and the capitalized words both come from the pieces between spaces, so one pass
    over the range and one lookup per piece give both: a capitalized word holds no space, and
    its look-behind reads a space at a piece's start as it reads the text's start.
    """
    out: list[Token] = []
    gap: Token | None = None
    keyed = False
    pieces = _PIECES
    # A token never holds white space, so each piece between single spaces tokenizes alone
    # as it does in its text (_SEP_TOKEN has no look-behind, and a piece's end stops a token
    # as a space does): the words of a piece are looked up, and the regex, which costs more
    # than all the rest of a word, reads only pieces not seen before.
    pos = start
    for piece in text[start:end].split(" "):
        if piece:
            info = pieces.get(piece)
            if info is None:
                info = remember(pieces, piece, _piece_info(piece), VOCABULARY_CACHE)
            if info.filler:
                # (most pieces: one word no extractor reads, which only moves the gap's end)
                if gap is None:
                    gap = Token(pos + info.gap_at, pos + info.gap_end, "~", False, False, False, "~")
                    out.append(gap)
                else:
                    gap.end = pos + info.gap_end
            else:
                for w in info.words:
                    a = pos + w.at
                    if w.filler:
                        if gap is None:
                            gap = Token(a, a + w.size, "~", False, False, False, "~")
                            out.append(gap)
                        else:
                            gap.end = a + w.size
                    else:
                        gap = None
                        out.append(Token(a, a + w.size, w.text, w.poss, w.cap, w.allcaps, w.lower))
            if caps is not None:
                for c in info.caps:
                    a = pos + c.at
                    caps.append((a, a + c.size))
                    if not keyed and c.text in keys:
                        keyed = True
        pos += len(piece) + 1
    return out, keyed


@mypyc_attr(acyclic=True)
class _PieceWord:
    """A token of a piece: its start in the piece, its length without what _word_shape cuts off
    (a filler keeps its raw length: only its stretch matters), whether it is a filler, then the
    Token fields. A native class whose fields a compiled reader takes as they are, with no
    instance for the garbage collector to track (the cache holds tens of thousands)."""

    __slots__ = ("allcaps", "at", "cap", "filler", "lower", "poss", "size", "text")

    def __init__(
        self, at: int, size: int, filler: bool, text: str, poss: bool, cap: bool, allcaps: bool, lower: str
    ) -> None:
        self.at = at
        self.size = size
        self.filler = filler
        self.text = text
        self.poss = poss
        self.cap = cap
        self.allcaps = allcaps
        self.lower = lower


@mypyc_attr(acyclic=True)
class _CapWord:
    """A capitalized word of a piece (``countries.CAP_WORD``): its start, length and text."""

    __slots__ = ("at", "size", "text")

    def __init__(self, at: int, size: int, text: str) -> None:
        self.at = at
        self.size = size
        self.text = text


@mypyc_attr(acyclic=True)
class _Piece:
    """What :func:`tokenize_caps` reads of a piece: its tokens and capitalized words, and when
    its tokens are all fillers (most pieces), the stretch they cover."""

    __slots__ = ("caps", "filler", "gap_at", "gap_end", "words")

    def __init__(self, words: tuple[_PieceWord, ...], caps: tuple[_CapWord, ...]) -> None:
        self.words = words
        self.caps = caps
        self.filler = bool(words) and all(w.filler for w in words)
        self.gap_at = words[0].at if words else 0
        self.gap_end = words[-1].at + words[-1].size if words else 0


def _piece_info(piece: str) -> _Piece:
    """The tokens and capitalized words of a text without spaces, as :func:`tokenize_caps`
    reads them."""
    # Most pieces are a run of letters and digits (one token: \w holds every alphanumeric),
    # or such a run with one character that is no word character before or after it: the
    # character is then a separator, but for a period after the run, which the token keeps.
    # The run is a capitalized word when a capital opens it (a later capital has a word
    # character before it), with a period or apostrophe after it, but not after a period or
    # hyphen (CAP_WORD's look-behind).
    if piece.isalnum():
        return _Piece((_piece_word(0, piece),), _capitalized(0, piece))
    head, last = piece[:-1], piece[-1]
    if head.isalnum() and not (last.isalnum() or last == "_"):
        cap = piece if last == "." or last == "'" or last == "’" else head
        return _Piece((_piece_word(0, piece if last == "." else head),), _capitalized(0, cap))
    first, tail = piece[0], piece[1:]
    if tail.isalnum() and not (first.isalnum() or first == "_"):
        caps = _NO_CAPS if first == "." or first == "-" else _capitalized(1, tail)
        return _Piece((_piece_word(1, tail),), caps)
    return _Piece(_scan_words(piece), _regex_caps(piece))


_NO_CAPS: Final[tuple[_CapWord, ...]] = ()


def _capitalized(at: int, word: str) -> tuple[_CapWord, ...]:
    """``word`` (at ``at`` in its piece) as the piece's one capitalized word, if a capital opens it."""
    return (_CapWord(at, len(word), word),) if 65 <= ord(word[0]) <= 90 else _NO_CAPS


def _regex_caps(piece: str) -> tuple[_CapWord, ...]:
    """The capitalized words of a piece: ``CAP_WORD``'s matches, its look-behind reading the
    piece's start as the text's."""
    if piece.islower():
        return _NO_CAPS  # (most pieces: "said,", "(the") no capital at all
    out: list[_CapWord] = []
    for m in CAP_WORD.finditer(piece):
        a, b = m.span()
        out.append(_CapWord(a, b - a, piece[a:b]))
    return tuple(out)


def _piece_word(at: int, word: str) -> _PieceWord:
    if _is_filler(word):
        return _PieceWord(at, len(word), True, "~", False, False, False, "~")
    text, cut, poss, cap, allcaps, lower = _word_shape(word)
    return _PieceWord(at, len(word) - cut, False, text, poss, cap, allcaps, lower)


def _scan_words(piece: str) -> tuple[_PieceWord, ...]:
    """The tokens of a piece as ``_SEP_TOKEN.findall`` reads them, character by character:
    compiled, a few tests per character cost less than the regex engine's setup per call."""
    out: list[_PieceWord] = []
    n = len(piece)
    i = 0
    while True:
        while i < n and not word_char(piece[i]):  # \W*+
            i += 1
        if i >= n:
            break  # the \Z branch: only separators were left
        a = i
        i = word_end(piece, i + 1, n)  # \w++
        # (?:[-'’.]\w++)*+ : a mark joins only when a word character follows it
        while i + 1 < n and piece[i] in _JOINING_MARKS and word_char(piece[i + 1]):
            i = word_end(piece, i + 2, n)
        if i < n and piece[i] == ".":  # \.?
            i += 1
        out.append(_piece_word(a, piece[a:i]))
    return tuple(out)


_JOINING_MARKS: Final = "-'’."


# Piece of text between spaces -> its tokens and capitalized words. A plain dict (cleared when
# full) since the tokenizer asks once per piece of every text; bounded like the other
# vocabulary caches.
_PIECES: Final[dict[str, _Piece]] = {}


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
    done = 0  # runs do not overlap: a capitalized token inside the last one starts none
    for i in [k for k, t in enumerate(tokens) if t.cap]:
        if i < done:
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
        done = j
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
