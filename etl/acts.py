"""Does a mention act in the article's own reporting?

A mention acts when it is the subject of a verb in ``act_verbs.txt``: right
before it (``Shamkhani stressed``), after auxiliaries, adverbs, a date or up to
two comma-set parentheticals (``Ali Shamkhani, the Secretary ..., who has
traveled to Baku, met``), or inverted after it (``said Mr Blair``); also the
agent of ``according to X`` and of a passive act (``hosted by X``). A mention
after a preposition (``from the United States, South Korea and Japan vowed``)
is no subject, nor is one inside a quotation.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from etl.caches import remember
from etl.chars import skip_space, space_code, word_char, word_code, word_end
from etl.lexicons import load_set

# The words _AFTER reads past before the verb: auxiliaries, and the others of its list.
_AUXILIARIES: Final = ("will", "would", "could", "can", "may", "might", "must", "should", "did", "does", "do")
_LEAD_WORDS: Final = (
    "has",
    "have",
    "had",
    "is",
    "was",
    "were",
    "are",
    "also",
    "then",
    "later",
    "again",
    "further",
    "previously",
    "earlier",
    "repeatedly",
    "reportedly",
    "recently",
    "once",
    "first",
    "finally",
    "too",
    "not",
    "never",
)
_AFTER: Final = re.compile(
    r"""\s*(?:(?:,[^,.;"“”]{1,150}){1,2},\s*)?
        (?:,?\s*(?:who|which)\s+)?
        (?:(?:(?P<aux>"""
    + "|".join(_AUXILIARIES)
    + r""")|
              """
    + "|".join(_LEAD_WORDS)
    + r"""|
              on\s+\w+|last\s+\w+|this\s+\w+|over\s+the\s+weekend|\w+ly|\w+day)\s+)*
        (?P<verb>[a-z]+)\b""",
    re.VERBOSE,
)
_AUX_SET: Final = frozenset(_AUXILIARIES)
_LEAD_SET: Final = frozenset(_LEAD_WORDS)
# A lower-case word right after a mention that is none of these, nor ends as \w+ly or \w+day
# do, is what _AFTER takes for the verb, with nothing read past (see _plain_verb_after).
_READ_PAST: Final = frozenset((*_AUXILIARIES, *_LEAD_WORDS, "who", "which", "on", "last", "this", "over"))
# Act verbs listed in an inflected form: they need no auxiliary to be a verb.
INFLECTED: Final = frozenset(
    {"said", "says", "met", "told", "tells", "flew", "gave", "given", "held", "spoke", "wrote"}
)
_BEFORE: Final = re.compile(
    r"(?:[,\"”’]\s*(?P<verb>[a-z]+)\s+(?:the\s+)?|\baccording\s+to\s+(?:the\s+)?|\b(?P<pas>[a-z]+)\s+by\s+(?:the\s+)?)$"
)
# the marks the first branch of _BEFORE opens with
_BEFORE_MARKS: Final = ',"”’'
_BEFORE_MARK_LIST: Final[list[str]] = list(_BEFORE_MARKS)
# Characters before a mention that acts_before reads, and that mention_acts searches back for
# title words leading it ("held by US President Joe Biden").
BEFORE_REACH: Final = 40
LEAD_REACH: Final = 80
# The text just before a mention that makes it no subject: it sits in a
# prepositional phrase. "by" is left out: "hosted by X" is handled as an agent.
PREPOSITIONS: Final = frozenset(
    {
        "of", "with", "to", "from", "between", "in", "at", "for", "on", "against", "about",
        "toward", "towards", "into", "over", "under", "including", "like", "than", "among",
        "alongside", "besides", "after", "before", "without", "across", "through", "upon", "as",
    }
)  # fmt: skip


_CAP: Final = r"(?:the\s+)?[A-Z][\w'’\-.]*(?:\s+[A-Z][\w'’\-.]*)*"
# "X, Y and Z" / "X and Y" after a mention: its subject is plural
_COORDINATED: Final = re.compile(rf"(?:\s*,\s+{_CAP})*,?\s+and\s+{_CAP}")
# Title words and capitalized modifiers right before a name ("held by US President Joe Biden")
TITLE_LEAD_WORDS: Final = ("of", "special", "first", "deputy", "foreign", "former", "energy", "chief")
_TITLE_LEAD: Final = re.compile(r"(?:(?:[A-Z][\w.'’\-]*|" + "|".join(TITLE_LEAD_WORDS) + r")\s+)+$")
_PREPOSITION_ENDS: Final = (*PREPOSITIONS, "the")
# the marks besides a comma that an aside of _AFTER cannot hold
_ASIDE_STOPS: Final[list[str]] = list('.;"“”')
# _lead_suffix's reading of _TITLE_LEAD: its lead words and their last letters
_TITLE_LEAD_WORD_LIST: Final[list[str]] = list(TITLE_LEAD_WORDS)
_LEAD_WORD_ENDS: Final = frozenset(w[-1] for w in TITLE_LEAD_WORDS)
# Precompiled: these run once per mention, and re's pattern cache lookup per call added up.
_COORDINATED_BEFORE: Final = re.compile(r"(?:\band|,)\s+(?:the\s+)?$")
_WORD_BEFORE: Final = re.compile(r"\b([A-Za-z]+)\s+(?:the\s+)?$")
_LIST_AFTER_WORD: Final = re.compile(r"\b([a-z]+)\s+(?:the\s+)?[A-Z][^.;:]*?(?:,\s*|\s+and\s+)$")
_LONG_LOWER_WORD: Final = re.compile(r"\b[a-z]{3,}\b")
# Distinct words whose act-verb verdict stays cached per process (bounded, far above one
# article's vocabulary): every capitalized run asks it of the word after it.
VERB_CACHE: Final = 1 << 14


@cache
def act_verbs() -> frozenset[str]:
    return load_set("act_verbs")


# is_act_verb's verdicts: a plain dict, read natively when compiled, where an lru_cache
# wrapper cost a generic call, a key tuple and a list reorder per question
_VERB_VERDICTS: Final[dict[str, bool]] = {}


def is_act_verb(word: str) -> bool:
    """True for an inflection of a verb in ``act_verbs.txt`` (said, stressed, visiting, denied)."""
    found = _VERB_VERDICTS.get(word)
    if found is None:
        found = remember(_VERB_VERDICTS, word, _is_act_verb(word), VERB_CACHE)
    return found


def _is_act_verb(word: str) -> bool:
    verbs = act_verbs()
    w = word.lower()
    if w in verbs:
        return True
    cands = []
    if w.endswith("ied"):
        cands.append(w[:-3] + "y")
    if w.endswith("ies"):
        cands.append(w[:-3] + "y")
    if w.endswith("ed"):
        cands += [w[:-2], w[:-1]]
        if len(w) > 4 and w[-3] == w[-4]:
            cands.append(w[:-3])
    if w.endswith("ing"):
        cands += [w[:-3], w[:-3] + "e"]
        if len(w) > 5 and w[-4] == w[-5]:
            cands.append(w[:-4])
    if w.endswith("es"):
        cands.append(w[:-2])
    if w.endswith("s"):
        cands.append(w[:-1])
    return any(c in verbs for c in cands)


# What _AFTER reads at (end, limit) of one text, keyed by end: (limit, verb, with an auxiliary),
# verb "" for none. Entity finding asks it of each name when it finds the name, again when it
# tests the name's mentions for acts, and coreference asks it of antecedents: callers pass one
# dict per text. (An int key and a typed value: a tuple key cost a tuple and two boxed ints per
# question; the limit is the sentence's end, the same at each ask, and is checked all the same.)
AfterMemo = dict[int, tuple[int, str, bool]]
# _verb_class's verdicts: not an act verb, an act verb, a bare base form of one (act_verb_after)
_NOT_ACT: Final = 0
_ACT: Final = 1
_BASE_ACT: Final = 2


def acts_after(text: str, end: int, limit: int, plural: bool = False, memo: AfterMemo | None = None) -> bool:
    """A subject: an act verb follows the mention ending at ``end`` (within ``limit``)."""
    return act_verb_after(text, end, limit, plural, memo) is not None


def act_verb_after(
    text: str, end: int, limit: int, plural: bool = False, memo: AfterMemo | None = None
) -> str | None:
    """The act verb the mention ending at ``end`` is the subject of, if any.

    A bare base form (``visit``, ``phone``, ``state``) is as often a noun
    (``Xiaomi phone selfies``): it counts only after an auxiliary (``will
    visit``) or for a plural subject (``Venezuela and China sign ...``).
    """
    if end >= limit:
        return None  # the end: _AFTER needs a character
    nxt = text[end]
    if nxt == "'" or nxt == "’":
        return None  # a possessive or a closing quotation
    if not (nxt.isspace() or nxt == "," or nxt.isalnum() or nxt == "_"):
        return None  # a mark: _AFTER needs space, a comma or a word first
    if memo is None:
        verb, aux = _read_after(text, end, limit)
    else:
        got = memo.get(end)
        if got is None or got[0] != limit:
            verb, aux = _read_after(text, end, limit)
            memo[end] = (limit, verb, aux)
        else:
            verb, aux = got[1], got[2]
    if not verb:
        return None
    kind = _verb_class(verb)
    if kind == _NOT_ACT:
        return None
    return verb if kind == _ACT or plural or aux else None


def _verb_class(word: str) -> int:
    """_NOT_ACT, _ACT or _BASE_ACT (in act_verbs.txt as it stands and not INFLECTED), cached."""
    found = _VERB_CLASSES.get(word)
    if found is None:
        if not is_act_verb(word):
            found = _NOT_ACT
        elif word in act_verbs() and word not in INFLECTED:
            found = _BASE_ACT
        else:
            found = _ACT
        remember(_VERB_CLASSES, word, found, VERB_CACHE)
    return found


_VERB_CLASSES: Final[dict[str, int]] = {}


def _read_after(text: str, end: int, limit: int) -> tuple[str, bool]:
    """What _AFTER reads at ``end``: (verb, with an auxiliary), or ("", False) for no match."""
    verb = _plain_verb_after(text, end, limit)
    if verb is not None:
        return verb, False
    i = skip_space(text, end, limit)
    if i >= limit:
        return "", False  # every branch of _AFTER reads a character after the white space
    if text[i] != ",":
        return _scan_after(text, i, limit)
    return _comma_after(text, i, limit)


def _comma_after(text: str, c0: int, limit: int) -> tuple[str, bool]:
    """``_AFTER.match`` read by hand where a comma (at ``c0``) follows the white space: an aside
    of two comma-set segments, then of one, then none, each followed by what _after_aside reads,
    the first that finds a verb winning, as re's backtracking tries them. A segment cannot hold a
    comma, so it always reaches the next comma or stop mark (_aside_close): nothing else to try.
    Most commas after a mention open a clause, and re tried every length of aside up to 150
    characters, at tens of thousands of instructions a match."""
    c1 = _aside_close(text, c0, limit)
    if c1 >= 0:
        c2 = _aside_close(text, c1, limit)
        if c2 >= 0:
            got = _after_aside(text, skip_space(text, c2 + 1, limit), limit)
            if got[0]:
                return got
        got = _after_aside(text, skip_space(text, c1 + 1, limit), limit)
        if got[0]:
            return got
    return _after_aside(text, c0, limit)


def _aside_close(text: str, c: int, limit: int) -> int:
    """The comma that closes the aside segment opened by the comma at ``c`` (``,[^,.;"“”]{1,150}``
    and the next comma), or -1: the first mark of ``[,.;"“”]`` after ``c``, if it is a comma one
    to 150 characters on."""
    close = text.find(",", c + 1, min(limit, c + 152))
    if close < c + 2:
        return -1  # none, or ",," with nothing between
    for mark in _ASIDE_STOPS:
        if text.find(mark, c + 1, close) >= 0:
            return -1
    return close


def _after_aside(text: str, p: int, limit: int) -> tuple[str, bool]:
    r"""``(?:,?\s*(?:who|which)\s+)?`` and the chain and verb of _AFTER at ``p``: a comma there
    leaves only "who"/"which" after it to try (a chain or a verb cannot open with one)."""
    if p < limit and text[p] == ",":
        q = skip_space(text, p + 1, limit)
        j = word_end(text, q, limit)
        if j < limit and (j - q == 3 or j - q == 5) and space_code(ord(text[j])):
            word = text[q:j]
            if word == "who" or word == "which":
                return _chain_verb(text, skip_space(text, j, limit), limit)
        return "", False
    return _scan_after(text, p, limit)


def _scan_after(text: str, i: int, limit: int) -> tuple[str, bool]:
    """``_AFTER.match`` read by hand where no comma follows the white space (``i``: the first
    character after it): the aside branch needs one, and the rest is a chain of words read past
    (_after_item) and a verb, which re finds by taking the longest chain, then giving its items
    back one at a time until a verb follows; "who"/"which" first opens a chain of its own, tried
    before the plain one. An auxiliary counts only among the items kept (re drops the captures of
    the items it gives back). A hand scan of a few words, where the match cost thousands of
    instructions. Callers have tried _plain_verb_after."""
    j = word_end(text, i, limit)
    if j < limit and (j - i == 3 or j - i == 5) and space_code(ord(text[j])):
        word = text[i:j]
        if word == "who" or word == "which":
            got = _chain_verb(text, skip_space(text, j, limit), limit)
            if got[0]:
                return got
    return _chain_verb(text, i, limit)


def _chain_verb(text: str, p: int, limit: int) -> tuple[str, bool]:
    """The longest chain of _after_item items from ``p``, then the verb after the most of them."""
    starts = [p]
    auxes = [False]  # auxes[k]: whether one of the first k items is an auxiliary
    while True:
        q = _after_item(text, p, limit)
        if q == 0:
            break
        auxes.append(auxes[-1] or q < 0)
        p = abs(q)
        starts.append(p)
    for k in range(len(starts) - 1, -1, -1):
        a = starts[k]
        b = a
        while b < limit and 97 <= ord(text[b]) <= 122:  # [a-z]
            b += 1
        if b > a and (b == limit or not word_code(ord(text[b]))):
            return text[a:b], auxes[k]
    return "", False


def _after_item(text: str, p: int, limit: int) -> int:
    r"""Where the chain item of _AFTER at ``p`` and the white space after it end, negated for an
    auxiliary, or 0 for none: an auxiliary, a word of _LEAD_WORDS, "on", "last" or "this" and a
    word, "over the weekend", or a word that ends in "ly" or "day", each a whole \w word
    before white space."""
    j = word_end(text, p, limit)
    if j == p or j >= limit or not space_code(ord(text[j])):
        return 0
    n = j - p
    word = text[p:j]
    if word in _AUX_SET:
        return -skip_space(text, j, limit)
    if word in _LEAD_SET:
        return skip_space(text, j, limit)
    if word == "on" or word == "last" or word == "this":
        q = skip_space(text, j, limit)
        r = word_end(text, q, limit)
        if r > q and r < limit and space_code(ord(text[r])):
            return skip_space(text, r, limit)
        return 0
    if word == "over":
        q = skip_space(text, j, limit)
        if q + 3 < limit and _at(text, q, "the") and space_code(ord(text[q + 3])):
            r = skip_space(text, q + 3, limit)
            if r + 7 < limit and _at(text, r, "weekend") and space_code(ord(text[r + 7])):
                return skip_space(text, r + 7, limit)
        return 0
    if (n >= 3 and word.endswith("ly")) or (n >= 4 and word.endswith("day")):
        return skip_space(text, j, limit)
    return 0


def _plain_verb_after(text: str, end: int, limit: int) -> str | None:
    """The word after the white space at ``end`` when it is what _AFTER reads as the verb with
    nothing before it (most mentions: "Kim said"), else None (ask _AFTER): a whole lower-case
    word, which its optional branches cannot open (no comma, no "who") and its list of words
    to read past cannot take. A scan of a few characters, where the match costs thousands of
    instructions."""
    i = end
    while i < limit and space_code(ord(text[i])):  # (\s and str.isspace are the same characters)
        i += 1
    j = i
    while j < limit and 97 <= ord(text[j]) <= 122:  # [a-z]: compiled, int tests are native
        j += 1
    if j == i or (j < limit and word_code(ord(text[j]))):
        return None  # no word, or one that goes on in other characters (\b fails or moves)
    word = text[i:j]
    if word in _READ_PAST or word.endswith("ly") or word.endswith("day"):
        return None
    return word


def _title_lead_start(text: str, lo: int, start: int) -> int:
    """Where ``_TITLE_LEAD.search(text, lo, start)`` matches, or -1, read back from ``start``
    instead of tried at every offset of the window. Its words cannot hold white space, so a
    match is a run of white-space separated chunks up to ``start``, each a title-lead word
    (:func:`_lead_suffix`), but for the first, which may be the end of a longer one ("Prof")."""
    found = -1
    j = start
    if j <= lo or not space_code(ord(text[j - 1])):
        return found
    while True:
        while j > lo and space_code(ord(text[j - 1])):
            j -= 1
        if j == lo:
            return found
        i = j
        while i > lo and not space_code(ord(text[i - 1])):
            i -= 1
        k = _lead_suffix(text, i, j)
        if k < 0:
            return found
        found = k
        if k > i:
            return found  # a chunk's tail: the chunk itself is no lead word
        j = i


def _lead_suffix(text: str, i: int, j: int) -> int:
    r"""The first ``k`` in [i, j) with ``text[k:j]`` one of _TITLE_LEAD's words, else -1: a
    capital then ``[\w.'’\-]*``, or a word of TITLE_LEAD_WORDS. (Compiled, a character's
    ``ord`` and set lookups are native where str comparisons and ``startswith`` are calls.)"""
    m = j  # text[m:j]: the longest tail of the chunk that [\w.'’\-]* takes
    while m > i:
        c = ord(text[m - 1])
        # \w or one of ".'’-" (int compares: a set of code points would box each)
        if not (word_code(c) or c == 46 or c == 39 or c == 0x2019 or c == 45):
            break
        m -= 1
    best = -1
    for k in range(m, j):
        if 65 <= ord(text[k]) <= 90:  # [A-Z]
            best = k
            break
    if text[j - 1] in _LEAD_WORD_ENDS:
        for word in _TITLE_LEAD_WORD_LIST:
            k = j - len(word)
            if k >= i and (best < 0 or k < best) and text[k:j] == word:
                best = k
    return best


def _last_word(window: str) -> str:
    return window.rsplit(None, 1)[-1] if window.strip() else ""


def acts_before(text: str, start: int, floor: int) -> bool:
    """Inverted subject or agent: ``said Mr Blair``, ``according to X``, ``hosted by X``."""
    lo = max(floor, start - BEFORE_REACH)
    # every branch ends in white space and needs a mark, "according" or "by": most windows
    # have no such word, and the search would try every offset of the window (both tested in
    # place, before the window is copied)
    if start <= lo or not space_code(ord(text[start - 1])) or not _may_act_before_in(text, lo, start):
        return False
    kind, word = _before_match(text[lo:start])
    if kind == _BEFORE_VERB:
        return is_act_verb(word) and not word.endswith("ing")
    if kind == _BEFORE_PASSIVE:
        return is_act_verb(word)
    return kind == _BEFORE_ACCORDING


# _before_match's answers: no match, or the branch of _BEFORE that matched
_BEFORE_NONE: Final = 0
_BEFORE_VERB: Final = 1
_BEFORE_ACCORDING: Final = 2
_BEFORE_PASSIVE: Final = 3


def _before_match(window: str) -> tuple[int, str]:
    """``_BEFORE.search(window)`` read back from the end: (branch, its word: the verb or the
    passive verb, else ""), (_BEFORE_NONE, "") for no match. Every match ends in a word and
    white space, perhaps then "the" and white space: the word ends where that white space starts
    (or where the white space before "the" starts). For each of those two readings each branch
    can start at one place only (the mark before the word, "according" before "to", the passive
    verb before "by"), and the search's match is the one that starts first. The search tried
    every offset of the window."""
    n = len(window)
    k = n
    while k > 0 and space_code(ord(window[k - 1])):
        k -= 1
    best_start = n
    best_kind = _BEFORE_NONE
    best_word = ""
    for with_the in (False, True):
        e = k
        if with_the:
            if k < 4 or not _at(window, k - 3, "the") or not space_code(ord(window[k - 4])):
                break
            e = k - 3
            while e > 0 and space_code(ord(window[e - 1])):
                e -= 1
        elif k == n:
            return best_kind, best_word  # no white space at the end
        s = e
        while s > 0 and 97 <= ord(window[s - 1]) <= 122:  # [a-z]
            s -= 1
        if s == e:
            continue
        # a mark, white space and the verb
        p = s
        while p > 0 and space_code(ord(window[p - 1])):
            p -= 1
        if p > 0 and window[p - 1] in _BEFORE_MARKS and p - 1 < best_start:
            best_start, best_kind, best_word = p - 1, _BEFORE_VERB, window[s:e]
        if s == 0 or not space_code(ord(window[s - 1])) or e - s != 2:
            continue
        q = s
        while q > 0 and space_code(ord(window[q - 1])):
            q -= 1
        if _at(window, s, "to"):
            # "according" as a word of its own, white space and "to"
            a = q - 9
            word_start = a == 0 or (a > 0 and not word_char(window[a - 1]))
            if word_start and a < best_start and _at(window, a, "according"):
                best_start, best_kind, best_word = a, _BEFORE_ACCORDING, ""
        elif _at(window, s, "by"):
            # a lower-case word of its own, white space and "by"
            r = q
            while r > 0 and 97 <= ord(window[r - 1]) <= 122:
                r -= 1
            if r < q and (r == 0 or not word_char(window[r - 1])) and r < best_start:
                best_start, best_kind, best_word = r, _BEFORE_PASSIVE, window[r:q]
    return best_kind, best_word


def _at(text: str, i: int, word: str) -> bool:
    """``text.startswith(word, i)`` for ``i >= 0``: compiled, startswith with a start is a
    generic method call, where find with bounds is native."""
    return text.find(word, i, i + len(word)) == i


def after_preposition(text: str, start: int, floor: int) -> bool:
    window = text[max(floor, start - 30) : start]
    # the pattern ends in white space, after the preposition or after "the"
    if not window[-1:].isspace() or not _last_word(window).lower().endswith(_PREPOSITION_ENDS):
        return False
    m = _WORD_BEFORE.search(window)
    return bool(m and m.group(1).lower() in PREPOSITIONS)


def mention_acts(
    text: str, start: int, end: int, floor: int, limit: int, memo: AfterMemo | None = None
) -> bool:
    """Does the mention ``text[start:end]`` act in its sentence ``text[floor:limit]``?"""
    # a coordinated subject: "Venezuela and China sign ..."
    plural = False
    tail = _COORDINATED.match(text, end, limit) if _may_coordinate(text, end, limit) else None
    if tail and not acts_after(text, end, limit, memo=memo):
        end, plural = tail.end(), True
    elif _follows_coordination(text, max(floor, start - 6), start):
        plural = True  # the last of "Venezuela and China sign ..."
    # the verb after it first (memoized, and most mentions have none): without one, only an
    # inverted subject or agent is left to find, and the preposition tests are moot
    after = acts_after(text, end, limit, plural, memo)
    lo = max(floor, start - LEAD_REACH)
    if not after and not _may_act_before_in(text, max(floor, lo - BEFORE_REACH), start):
        return False
    lead = _title_lead_start(text, lo, start)
    if lead >= 0:
        start = lead
    if acts_before(text, start, floor):
        return True
    return after and not (
        after_preposition(text, start, floor) or _in_list_after_preposition(text, start, floor)
    )


def _follows_coordination(text: str, lo: int, hi: int) -> bool:
    """``_COORDINATED_BEFORE.search(text[lo:hi])`` read back from ``hi``, in place: white space
    after "and" (a word of its own in the window) or a comma, perhaps then "the" and white space.
    Most mentions follow neither, and the search tried every offset of a copy of the window."""
    k = hi
    while k > lo and space_code(ord(text[k - 1])):
        k -= 1
    if k == hi:
        return False
    if _coordination_end(text, lo, k):
        return True
    if k - 3 >= lo and text[k - 3] == "t" and text[k - 2] == "h" and text[k - 1] == "e":
        j = k - 3
        while j > lo and space_code(ord(text[j - 1])):
            j -= 1
        return j < k - 3 and _coordination_end(text, lo, j)
    return False


def _coordination_end(text: str, lo: int, k: int) -> bool:
    """``text[lo:k]`` ends in a comma, or in "and" at the window's start or after a non-word."""
    if k > lo and text[k - 1] == ",":
        return True
    a = k - 3
    # (compiled, a character compared with a one-letter literal is an int compare)
    return (
        a >= lo
        and text[a] == "a"
        and text[a + 1] == "n"
        and text[a + 2] == "d"
        and (a == lo or not word_code(ord(text[a - 1])))
    )


def _may_coordinate(text: str, end: int, limit: int) -> bool:
    """Whether ``_COORDINATED`` can match at ``end``: it needs the word "and" between white space
    before ``limit``. Most mentions have none after them, and on a long list of names with no
    "and" (a credit roll) the match would read to the list's end from each name. What the
    pattern reads first after the white space is a comma, or "and" after some white space."""
    p = skip_space(text, end, limit)
    if not (p < limit and text[p] == ",") and not (p > end and _at(text, p, "and")):
        return False
    at = text.find("and", end, limit)
    while at >= 0:
        if text[at - 1 : at].isspace() and text[at + 3 : at + 4].isspace():
            return True
        at = text.find("and", at + 1, limit)
    return False


def _may_act_before_in(text: str, lo: int, hi: int) -> bool:
    """Whether :func:`acts_before` can hold anywhere a title lead may move the mention's start
    to: each of its branches needs a mark, "according" or "by" in its window, which lies inside
    ``text[lo:hi]`` (searched in place, not in a copy)."""
    # (the marks first: a comma stands before most mentions, and ends the search soonest)
    if any(text.find(mark, lo, hi) >= 0 for mark in _BEFORE_MARK_LIST):
        return True
    return text.find("by", lo, hi) >= 0 or text.find("according", lo, hi) >= 0


def _in_list_after_preposition(text: str, start: int, floor: int) -> bool:
    """``from the United States, South Korea and Japan vowed``: Japan is in the list."""
    window = text[max(floor, start - 120) : start]
    # the pattern ends in "," or "and" (then white space): test that first, since the search
    # tries every word of the window
    if not window.rstrip().endswith((",", "and")):
        return False
    m = _LIST_AFTER_WORD.search(window)
    if not m:
        return False
    between = window[m.end(1) : len(window)]
    if _LONG_LOWER_WORD.search(between.replace(" and ", " ").replace("the ", "")):
        return False
    return m.group(1) in PREPOSITIONS
