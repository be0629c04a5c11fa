"""Shallow grammar for attributions: tokens, reporting cues and speaker phrases.

No parser: a sentence is a list of word and punctuation tokens, a cue is a
lexicon match (longest first), and a speaker is a noun phrase found by walking
away from the cue until a clause boundary (punctuation, a conjunction, a
preposition other than ``of``, a verb group). The walks are bounded by
``MAX_NP_TOKENS`` so extraction stays linear in the sentence length.
"""

from __future__ import annotations

import re
from typing import Final

from mypy_extensions import i64, mypyc_attr

from etl.lexicons import load_list, load_set
from etl.quote_marks import ALL_MARKS, is_space
from etl.sentences import ABBREVIATIONS

SPEECH_CUES: Final[frozenset[str]] = load_set("speech_verbs")
# cues that open indirect quotes only, below the speech verbs (see the file's header)
WEAK_CUES: Final[frozenset[str]] = load_set("quote_weak_cues") - SPEECH_CUES
ALL_CUES: Final[frozenset[str]] = SPEECH_CUES | WEAK_CUES
ADVERBS: Final[frozenset[str]] = load_set("quote_adverbs")
NP_STOPS: Final[frozenset[str]] = load_set("quote_np_stops")
TIME_WORDS: Final[frozenset[str]] = load_set("quote_time_words")
AUDIENCE: Final[frozenset[str]] = frozenset(w.lower() for w in load_set("quote_audience"))
OBJECT_VERBS: Final[frozenset[str]] = load_set("quote_object_verbs")
INTRO_PHRASES: Final[tuple[tuple[str, ...], ...]] = tuple(
    tuple(p.split()) for p in load_list("quote_intro_phrases")
)
_INTRO_BY_FIRST: Final[dict[str, list[tuple[str, ...]]]] = {}
for _phrase in INTRO_PHRASES:
    _INTRO_BY_FIRST.setdefault(_phrase[0], []).append(_phrase)

CUE_FIRST_WORDS: Final = frozenset(c.split()[0] for c in ALL_CUES)
# token counts of the cues opening with each first word, longest first: match_cue tries only these
_CUE_LENGTHS: Final[dict[str, tuple[int, ...]]] = {
    w: tuple(sorted({len(c.split()) for c in ALL_CUES if c.split()[0] == w}, reverse=True))
    for w in CUE_FIRST_WORDS
}
# longest cue in the lexicon, in tokens (verb + particle, "expressed hope")
MAX_CUE_TOKENS: Final = max(len(c.split()) for c in ALL_CUES)
# a speaker phrase longer than this is a clause, not a name or description
# (PolNeAR train Source spans: 95% have at most 10 tokens)
MAX_NP_TOKENS: Final = 10
SUBJECT_PRONOUNS: Final = frozenset({"he", "she", "they", "i", "we", "it", "you"})
# the pronouns opening a relative clause about the name before them ("China, which said"):
# one set for the speaker walks, the quote rules (etl/quotes.py) and speaker resolution
# (etl/entity_index.py)
RELATIVE_PRONOUNS: Final = frozenset({"who", "which"})
# words that stay inside a noun phrase although lower case ("the president of the Republic")
NP_INNER: Final = frozenset({"the", "a", "an", "of", "'s", "’s", "de", "al", "van", "von", "bin"})
# those of them that never open or close a phrase (an article may open one)
_NP_INNER_ONLY: Final = NP_INNER - {"the", "a", "an"}
ROLE_NOUNS: Final[frozenset[str]] = load_set("quote_role_nouns")
# prepositions that belong to the cue when they follow a reporting verb ("warns against",
# "said of"): PolNeAR Cue spans include them (train: "said of" 25, "railed against" 8)
CUE_PARTICLES: Final = frozenset({"against", "about", "of"})
# lower-case words that may open a speaker placed after its cue ("..., said one official")
QUANTIFIERS: Final[frozenset[str]] = load_set("quote_quantifiers")
# words that open an adjunct, not reported content ("X said during his speech")
ADJUNCT_STARTS: Final[frozenset[str]] = load_set("quote_adjunct_starts")
# past tenses of reporting verbs that do not end in -ed
IRREGULAR_PAST: Final = frozenset(
    ["said", "told", "wrote", "spoke", "sang", "read", "put", "thought", "knew", "saw", "shot"]
)
DASHES: Final = frozenset({"—", "–", "--", "―"})

# this module runs compiled (mypyc): see _add
_COMPILED: Final = not __file__.endswith(".py")

# A token (an acronym, a word with inner apostrophes, hyphens or dots, a double hyphen, any
# other character) with the white space before it, so that consecutive matches tile the text.
# The groups are atomic: nothing after them could use what they would give back, so the
# matches are those of the greedy ones, without the engine's backtracking records. (Not spelt
# with possessive quantifiers: CPython before 3.11.5 matched those wrongly, gh-106052.)
_SPACED_TOKEN: Final = re.compile(r"(?>\s*)(?:(?>(?:[A-Z]\.){2,})|(?>\w+)(?>(?:[’'\-.&](?>\w+))*)|--|\S)")


@mypyc_attr(acyclic=True)
class Tok:
    """A word or punctuation token: offsets into the text, the text and its lower case.

    A plain slotted class, not a NamedTuple: compiled with mypyc its attributes are struct
    fields, where a tuple's would be looked up by name. Acyclic (ints and strings only):
    compiled, the cyclic collector neither tracks nor counts it, so allocating and freeing
    one is a plain allocation and free. (mypy_extensions comes with pandera's typing_inspect.)
    """

    __slots__ = ("end", "low", "start", "text")

    def __init__(self, start: int, end: int, text: str, low: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.low = low

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_cap(self) -> bool:
        c = ord(self.text[0])
        if c < 128:
            return 65 <= c <= 90  # A-Z: compiled, str.isupper would be a generic method call
        return self.text[0].isupper()


def tokenize(text: str, start: int, end: int) -> list[Tok]:
    """The tokens of ``text[start:end]``, each with its lower case."""
    toks: list[Tok] = []
    if _COMPILED:
        _scan_tokens(text, start, end, toks)
    else:
        _tokenize_pieces(text, start, end, toks)
    return toks


# _scan_tokens' character classes (white space as str.isspace and \s read it, \w, the others)
_SPACE: Final = 0
_WORD: Final = 1
_OTHER: Final = 2


def _wide_class(c: i64) -> i64:
    """The class of a code point beyond ASCII (a test checks them all against str methods)."""
    if 0x2010 <= c <= 0x2027:
        return _OTHER  # dashes, curly quotes, bullets: the marks news text holds most
    if is_space(c):
        return _SPACE
    return _WORD if chr(c).isalnum() else _OTHER


def _is_word(c: i64) -> bool:
    r"""Code point ``c`` is ``\w`` as re reads a str."""
    if c < 128:
        return 97 <= c <= 122 or 65 <= c <= 90 or 48 <= c <= 57 or c == 95
    return _wide_class(c) == _WORD


def _scan_tokens(text: str, start: i64, end: i64, toks: list[Tok]) -> None:
    """:func:`tokenize` by one typed loop over the characters: what _SPACED_TOKEN's matches
    tile ``text[start:end]`` into, each token one slice, lower-cased only when it holds an
    upper-case ASCII letter or a character beyond ASCII. Compiled, this costs a third of
    splitting into pieces (a list and a string per piece, str method calls, a regex for the
    rest); interpreted, those C calls are the faster (:func:`_tokenize_pieces`)."""
    k: i64 = start
    while k < end:
        c: i64 = ord(text[k])
        # fold: the token needs str.lower (an A-Z letter or a character beyond ASCII in it)
        fold = False
        cls: i64 = _OTHER
        if c < 128:
            if 97 <= c <= 122 or 48 <= c <= 57 or c == 95:
                cls = _WORD
            elif 65 <= c <= 90:
                cls = _WORD
                fold = True
            elif c == 32 or 9 <= c <= 13 or 28 <= c <= 31:
                k += 1
                continue
        else:
            cls = _wide_class(c)
            if cls == _SPACE:
                k += 1
                continue
            fold = True
        j: i64 = k + 1
        if fold and c < 128 and j + 2 < end and ord(text[j]) == 46:
            # (?:[A-Z]\.){2,}+ : initials ("U.S."), tried before a word
            j = k
            while j + 1 < end and 65 <= ord(text[j]) <= 90 and ord(text[j + 1]) == 46:
                j += 2
            if j - k < 4:
                j = k + 1
            else:
                _add_folded(text, k, j, True, toks)
                k = j
                continue
        if cls == _WORD:
            # \w++(?:[’'\-.&]\w++)*+ : a run of word characters, and more runs after single joiners
            while True:
                while j < end:
                    d: i64 = ord(text[j])
                    if d < 128:
                        if 97 <= d <= 122 or 48 <= d <= 57 or d == 95:
                            j += 1
                            continue
                        if 65 <= d <= 90:
                            fold = True
                            j += 1
                            continue
                        break
                    if _wide_class(d) != _WORD:
                        break
                    fold = True
                    j += 1
                if j + 1 < end:
                    d = ord(text[j])
                    joiner = d == 39 or d == 45 or d == 46 or d == 38 or d == 0x2019  # ' - . & ’
                    if joiner and _is_word(ord(text[j + 1])):
                        if d >= 128:
                            fold = True
                        j += 1
                        continue
                break
        elif c == 45 and j < end and ord(text[j]) == 45:
            j += 1  # --
        _add_folded(text, k, j, fold, toks)
        k = j


def _add_folded(text: str, a: i64, b: i64, fold: bool, toks: list[Tok]) -> None:
    word = text[a:b]
    toks.append(Tok(a, b, word, word.lower() if fold else word))


def _tokenize_pieces(text: str, start: int, end: int, toks: list[Tok]) -> None:
    """:func:`tokenize` by pieces between single spaces (interpreted, the faster)."""
    # Tokenizing is the extractor's hot loop. A regex match costs more than all the rest
    # of a token (the engine sets up and frees its state per match), so the regex reads
    # only the pieces between single spaces that are not one run of letters and digits
    # (five in six are: the piece is then the token), one character other than white space,
    # or such a run with one character before or after it that is neither a word character
    # nor white space (the run and the character are then the two tokens, as the regex would
    # find them: "said," "(AP"), or marks around one word (_simple_piece). Tokens never hold
    # white space, so a piece tokenizes alone as it does in its text.
    pos = start
    for piece in text[start:end].split(" "):
        n = len(piece)
        if n == 0:
            pos += 1
            continue
        if piece.isalnum():
            _add(toks, pos, pos + n, piece)
        elif n == 1:
            if not piece.isspace():  # white space alone is no token
                _add(toks, pos, pos + 1, piece)
        else:
            head = piece[:-1]
            last = piece[-1]
            if head.isalnum() and not last.isspace() and last != "_":
                _add(toks, pos, pos + n - 1, head)
                _add(toks, pos + n - 1, pos + n, last)
            else:
                first = piece[0]
                tail = piece[1:]
                if tail.isalnum() and not first.isspace() and first != "_":
                    _add(toks, pos, pos + 1, first)
                    _add(toks, pos + 1, pos + n, tail)
                elif not _simple_piece(piece, toks, pos):
                    at = pos
                    chunks: list[str] = _SPACED_TOKEN.findall(text, pos, pos + n)
                    for chunk in chunks:
                        word = chunk.lstrip()  # \s and str.isspace are the same characters
                        at += len(chunk)
                        _add(toks, at - len(word), at, word)
        pos += n + 1


def _add(toks: list[Tok], start: int, end: int, word: str) -> None:
    """Append the token ``word`` at ``[start, end)`` and its lower case."""
    if end - start == 1:
        c = ord(word[0])
        # an ASCII character other than A-Z is its own lower case: no new string (one token
        # in five is a mark or a one-letter word)
        low = word if c < 65 or 90 < c < 128 else word.lower()
    else:
        low = word.lower()  # interpreted, the C call is the faster
    toks.append(Tok(start, end, word, low))


def _edge_char(ch: str) -> bool:
    """``ch`` is a token of its own wherever it stands next to a word: neither a word
    character nor white space, and no hyphen (two of which make one token)."""
    return not ch.isalnum() and ch != "_" and ch != "-" and not ch.isspace()


def _simple_piece(piece: str, toks: list[Tok], pos: int) -> bool:
    """Tokenize ``piece`` (at ``pos``, no space in it) without the regex when it is marks around
    one word (``“Trump’s,”``, ``well-known.``, ``“Yes!”``): a word being runs of letters and
    digits joined by single ’ ' - or & (no dot: an acronym would read differently), each mark
    around it a token of its own (see :func:`_edge_char`), which is what the regex finds.
    Appends the tokens and returns True, or returns False and appends nothing."""
    n = len(piece)
    a = 0
    while a < n and _edge_char(piece[a]):
        a += 1
    b = n
    while b > a and _edge_char(piece[b - 1]):
        b -= 1
    if a == b:
        return False
    joined = False  # the previous character was a joiner: a letter or digit must follow
    for k in range(a, b):
        ch = piece[k]
        if ch.isalnum():
            joined = False
        elif not joined and k > a and (ch == "’" or ch == "'" or ch == "-" or ch == "&"):
            joined = True
        else:
            return False
    if joined:
        return False
    for k in range(a):
        _add(toks, pos + k, pos + k + 1, piece[k])
    _add(toks, pos + a, pos + b, piece[a:b])
    for k in range(b, n):
        _add(toks, pos + k, pos + k + 1, piece[k])
    return True


def is_quote_mark(tok: Tok) -> bool:
    return tok.text in ALL_MARKS  # single characters: a longer token is never in it


def match_cue(toks: list[Tok], i: int, weak: bool = True) -> int:
    """Number of tokens of the longest cue starting at ``toks[i]`` (0: none), particle included.

    ``weak``: weak cues (``WEAK_CUES``) count too; attributions of direct quotes leave them out.
    """
    low = toks[i].low
    lengths = _CUE_LENGTHS.get(low)
    if lengths is None:
        return 0
    cues = ALL_CUES if weak else SPEECH_CUES
    left = len(toks) - i
    for n in lengths:
        if n == 1:
            if low in cues:
                return 2 if left > 1 and toks[i + 1].low in CUE_PARTICLES else 1
        elif n <= left and " ".join([t.low for t in toks[i : i + n]]) in cues:
            return n
    return 0


def is_weak_cue(toks: list[Tok], i: int, n: int) -> bool:
    """The cue ``toks[i:i+n]`` is a weak one (its particle aside)."""
    words = " ".join(t.low for t in toks[i : i + n])
    return words not in SPEECH_CUES and " ".join(t.low for t in toks[i : i + n - 1]) not in SPEECH_CUES


def is_participle(tok: Tok) -> bool:
    return tok.low.endswith("ing")


def _abbrev_before(toks: list[Tok], j: int) -> bool:
    """The ``.`` at ``toks[j]`` ends an abbreviation or initial glued to the token before it."""
    if j == 0 or toks[j - 1].end != toks[j].start:
        return False
    w = toks[j - 1].text
    return w.lower() in ABBREVIATIONS or w in ABBREVIATIONS or (len(w) == 1 and w.isupper()) or "." in w


def _is_adverb(t: Tok) -> bool:
    return t.low in ADVERBS or (t.low.endswith("ly") and len(t.low) > 4 and not t.is_cap)


def skip_back(toks: list[Tok], k: int, lo: int) -> int:
    """Index of the last token at or before ``k`` that is not an adverb, auxiliary or time word,
    nor a verb form leading into "to" ("is continuing to insist", "after trying to persuade")."""
    while k >= lo:
        t = toks[k]
        if (
            t.low in ADVERBS
            or t.low in TIME_WORDS
            or (t.low.endswith("ly") and not t.is_cap and len(t.low) > 4)
            or (
                t.low.endswith(("ing", "ed"))
                and not t.is_cap
                and k + 1 < len(toks)
                and toks[k + 1].low == "to"
            )
        ):
            k -= 1
        else:
            break
    return k


def np_before(toks: list[Tok], k: int, lo: int) -> tuple[int, int] | None:
    """Token range ``[a, b)`` of the noun phrase ending at ``toks[k]`` (a cue's subject)."""
    if k < lo:
        return None
    t = toks[k]
    if t.low in RELATIVE_PRONOUNS or t.low in SUBJECT_PRONOUNS:
        return (k, k + 1)
    if t.low in TIME_WORDS or t.low in NP_INNER or _is_adverb(t):
        return None  # "on Friday said", "at least": no head noun to point at
    j, first = k, None
    prev_cap = False
    while j >= lo and k - j < MAX_NP_TOKENS:
        t = toks[j]
        if t.text == ")":
            depth, m = 0, j
            while m >= lo:
                depth += toks[m].text == ")"
                depth -= toks[m].text == "("
                if depth == 0:
                    break
                m -= 1
            if m < lo or (first is None and j != k):
                break
            first, j = m, m - 1
            continue
        if t.text == "." and _abbrev_before(toks, j):
            first, j = j - 1, j - 2
            prev_cap = True
            continue
        if not t.is_word or t.low in NP_STOPS or t.low in SPEECH_CUES:
            if t.low in ("for", "at") and first is not None and j > lo and toks[j - 1].low in ROLE_NOUNS:
                first, j, prev_cap = j, j - 1, False
                continue
            break
        if t.low in SUBJECT_PRONOUNS or (t.low in ADVERBS and first is not None):
            break
        if not t.is_cap and t.low not in NP_INNER and prev_cap:
            break
        prev_cap = t.is_cap
        first, j = j, j - 1
    if first is None:
        return None
    while first <= k and toks[first].low in _NP_INNER_ONLY:
        first += 1
    return (first, k + 1) if first <= k else None


def np_after(toks: list[Tok], i: int, hi: int, lower_ok: bool = False) -> tuple[int, int] | None:
    """Token range of the noun phrase starting at ``toks[i]`` (an inverted speaker: ``said Rep. X``).

    ``lower_ok``: the phrase may open with a lower-case word (``said one adviser``), which
    only the position right after an inverted cue makes safe.
    """
    if i >= hi:
        return None
    t = toks[i]
    if t.low in SUBJECT_PRONOUNS:
        return (i, i + 1)
    if not t.is_word or t.low in NP_STOPS or t.low in ADVERBS:
        return None
    if t.low in _NP_INNER_ONLY and not (t.is_cap and i + 1 < hi and toks[i + 1].is_cap):
        return None  # "bin" / "de" inside a name, but "said Al Gore", "said De Blasio" open one
    if t.low in TIME_WORDS or _is_adverb(t):
        return None
    if not t.is_cap and t.low not in ("the", "a", "an") and not lower_ok:
        return None
    j, last = i, None
    prev_cap = False
    while j < hi and j - i < MAX_NP_TOKENS:
        t = toks[j]
        if t.text == "(" and last is not None:
            m = j
            while m < hi and toks[m].text != ")":
                m += 1
            if m >= hi:
                break
            last, j = m, m + 1
            continue
        if t.text == "." and _abbrev_before(toks, j) and j + 1 < hi and toks[j + 1].is_cap:
            last, j = j, j + 1
            continue
        if not t.is_word or t.low in NP_STOPS or (t.low in SPEECH_CUES and last is not None):
            break
        if prev_cap and not t.is_cap and t.low not in NP_INNER and t.low not in ROLE_NOUNS:
            break
        prev_cap = t.is_cap and t.low not in NP_INNER
        last, j = j, j + 1
    if last is None:
        return None
    while last > i and toks[last].low in NP_INNER:
        last -= 1
    return (i, last + 1)


def skip_intro(toks: list[Tok], i: int, hi: int) -> int:
    """Index after time words and phrases such as ``in a statement`` following a cue."""
    while i < hi:
        t = toks[i]
        if t.low in TIME_WORDS:
            i += 1
            continue
        if t.text in DASHES:
            # a parenthesis between dashes: "said — on Twitter, as it happens — that"
            close = next(
                (m for m in range(i + 1, min(hi, i + MAX_NP_TOKENS + 2)) if toks[m].text in DASHES), None
            )
            if close is None:
                return i
            i = close + 1
            continue
        if t.low == "on" and i + 1 < hi and toks[i + 1].low in TIME_WORDS:
            i += 2
            continue
        for phrase in _INTRO_BY_FIRST.get(t.low, ()):
            n = len(phrase)
            if tuple(x.low for x in toks[i : i + n]) == phrase:
                i += n
                break
        else:
            return i
    return i


def skip_addressee(toks: list[Tok], i: int, hi: int, title_case: bool) -> int:
    """Index after the addressee of a verb of telling (``told reporters``, ``tells Aliyev``)."""
    if i >= hi:
        return i
    t = toks[i]
    if t.low in AUDIENCE:
        return i + 1
    if not t.is_cap or t.low in SUBJECT_PRONOUNS:
        return i
    if title_case:
        return i + 1
    j = i
    while j < hi and (toks[j].is_cap or toks[j].low in ("of", "the", "'s", "’s")) and j - i < MAX_NP_TOKENS:
        j += 1
    return j


def is_title_case(toks: list[Tok]) -> bool:
    """Most longer words capitalised: a headline, where case says nothing about names."""
    words = [t for t in toks if t.is_word and len(t.text) > 3]
    return len(words) >= 3 and sum(t.is_cap for t in words) >= 0.75 * len(words)
