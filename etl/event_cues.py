"""What the words around an event trigger say: triggers, status cues, places, quotes.

These are the sentence-level readings :mod:`etl.events` combines; none of them
knows about entities.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from typing import Final

from mypy_extensions import i64, mypyc_attr

from etl.countries import demonyms
from etl.dates import DAY_WORDS, MONTHS, WEEKDAYS
from etl.lexicons import load_map, load_set
from etl.places import country_code, is_city


def words_first_letter_first(words: list[str], not_after: str, then: str) -> str:
    """``(?<!not_after)(?:w1|w2|...)then`` as alternatives that open with a literal, each
    word's first letter (`t(?<!Xt)(?:hat|old)then`): re then skips to the characters that can
    open a match, where a look-behind (or a \\b) in front is tried at every offset. Words of
    one first letter keep their order; words of different ones cannot match at one offset.
    """
    by_first: dict[str, list[str]] = {}
    for w in words:
        by_first.setdefault(w[0], []).append(re.escape(w[1:]))
    return "|".join(
        re.escape(c) + "(?<!" + not_after + re.escape(c) + ")(?:" + "|".join(rests) + ")" + then
        for c, rests in by_first.items()
    )


# trigger phrase -> (event type, form, kind of gathering); see event_triggers.tsv
TRIGGERS: Final[dict[str, tuple[str, str, str]]] = {
    k: (cols[0], cols[1], cols[2] if len(cols) > 2 else "")
    for k, cols in ((k, v.split("\t")) for k, v in load_map("event_triggers").items())
}
# cue -> (status, how many words before the trigger it may stand)
STATUS_CUES: Final[dict[str, tuple[str, int]]] = {
    k: (v.split("\t")[0], int(v.split("\t")[1])) for k, v in load_map("event_status_cues").items()
}


# STATUS_CUES split once and keyed by their first word: status_of runs for every trigger, and
# trying all cues at every position of the clause was most of its time.
def _index_cues() -> dict[str, list[tuple[str, list[str], str, int]]]:
    out: dict[str, list[tuple[str, list[str], str, int]]] = {}
    for cue, (status, reach) in STATUS_CUES.items():
        out.setdefault(cue.split()[0], []).append((cue, cue.split(), status, reach))
    return out


_CUES_BY_FIRST_WORD: Final = _index_cues()
_MAX_CUE_REACH: Final = max((reach for _, reach in STATUS_CUES.values()), default=0)
# modifier -> contrast | ordinal; see event_distinct_cues.tsv
DISTINCT_CUES: Final[dict[str, str]] = load_map("event_distinct_cues")
MEET_NON_OBJECTS: Final[frozenset[str]] = load_set("meet_non_objects")
SIGN_NON_OBJECTS: Final[frozenset[str]] = load_set("sign_non_objects")
AGREE_COMPLEMENTS: Final[frozenset[str]] = load_set("agree_complements")
# Words before `call` that make it the verb (`what they call`, `Obama and Clinton call them`).
CALL_SUBJECTS: Final = frozenset({"i", "we", "you", "they", "he", "she", "who", "and"})
# `in` right before a noun trigger makes it a process one is in, not a meeting
# held (`progressing in negotiations`, `work remains in peace talks`).
IN_PROCESS_RE: Final = re.compile(r"\bin\s+(?:[a-z-]+\s+)?$")
# A noun trigger inside `on the sidelines of ...` names the setting, not an
# event; FRAME_REACH is how far back (characters) the phrase may start.
FRAME_RE: Final = re.compile(
    "(?:"
    + words_first_letter_first(["sidelines", "margins", "margin", "sideline"], r"\w", "")
    + r")\s+of\b[^,;]*$"
)
FRAME_REACH: Final = 80
# A host verb hosts someone only with a named guest right after it.
HOST_OBJECT: Final = re.compile(r"\s+(?:the\s+)?(?:[a-z]+\s+)?[A-Z]")
# Auxiliaries that make `met` passive (`if their deadlines were not met`).
PASSIVE_AUX: Final = frozenset({"is", "are", "was", "were", "be", "been", "being"})

# A noun trigger preceded by one of these (with at most DEFINITE_GAP words
# between) names an event already reported: `the call`, `those talks`.
DEFINITE: Final = frozenset({"the", "this", "that", "these", "those"})
DEFINITE_GAP: Final = 2
# Words that, right after `call`, make it an appeal or a naming rather than a
# phone call (`a call for calm`, `called on Iran`, `call them lone wolves`).
CALL_NOT_PHONE: Final = frozenset(
    {"for", "on", "to", "from", "by", "that", "them", "it", "him", "her", "us", "me"}
)

# One lower-case word may stand inside a multi-word trigger (`held informal talks`,
# `spoke today with`, `traveled back to`), but not after a form of `be` (`was born in`).
_INSIDE: Final = r"\s+(?:[a-z]+\s+)?"
_BE: Final = frozenset({"is", "are", "was", "were"})


def _phrase_pattern(phrase: str) -> str:
    words = phrase.split()
    glue = r"\s+" if words[0] in _BE else _INSIDE
    return glue.join(map(re.escape, words))


_TRIGGER_RE: Final = re.compile(
    r"(?<![\w-])("
    + "|".join(_phrase_pattern(t) for t in sorted(TRIGGERS, key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)


def _trigger_res_by_first_word() -> dict[str, re.Pattern[str]]:
    """First word -> :data:`_TRIGGER_RE` with only the phrases that open with it, in its order."""
    by_first: dict[str, list[str]] = {}
    for t in sorted(TRIGGERS, key=len, reverse=True):
        by_first.setdefault(t.split()[0], []).append(_phrase_pattern(t))
    return {
        w: re.compile(r"(?<![\w-])(" + "|".join(alts) + r")(?![\w-])", re.IGNORECASE)
        for w, alts in by_first.items()
    }


_TRIGGER_RE_BY_FIRST_WORD: Final = _trigger_res_by_first_word()


def _trigger_re_at(text: str, pos: int, end: int) -> re.Pattern[str]:
    """The part of :data:`_TRIGGER_RE` that can match at ``pos``: its phrases that open with
    the word there (re tries the alternatives one by one, some 150 of them).

    The word is the run of ASCII letters, digits, `_` and `-` at ``pos``. When an ASCII
    character or ``end`` follows it, no phrase of another first word can match there (they
    are spelt in letters and white space); when a character beyond ASCII follows it, re's
    case-blind match may read it as a letter (`ſ` as `s`), and the whole pattern runs.
    """
    j = pos
    while j < end:
        c = ord(text[j])
        if not ((97 <= c <= 122) or (65 <= c <= 90) or (48 <= c <= 57) or c == 95 or c == 45):
            if c >= 128:
                return _TRIGGER_RE
            break
        j += 1
    return _TRIGGER_RE_BY_FIRST_WORD.get(text[pos:j].lower(), _TRIGGER_RE)


# A word character or hyphen, for the scan of the lower-cased text: only ASCII ones, so that
# a letter-by-letter test is one bit in a table (Unicode's `\w` looks each character up,
# and the scan took a third longer). An accented letter then counts as a gap, which only
# adds offsets: find_triggers's pattern checks the real word boundaries there.
_WORD_CHARS: Final = "a-z0-9_-"


def _first_word_tails() -> dict[str, str]:
    """Trigger first word -> what must follow it where a trigger may start.

    A word that is a trigger on its own needs only to end there; a word that
    only opens longer phrases (`is` of `is in`, `state` of `state visit`) needs
    the rest of one of them after it, as :data:`_TRIGGER_RE` spells it but
    without its closing word boundary, so that a sentence's end cutting the
    phrase short still counts. Most `is`, `was`, `are` are followed by no such
    rest: this keeps five in six offsets (and the sentences they stand in) out
    of :func:`find_triggers`.
    """
    alone: set[str] = set()
    rests: dict[str, list[str]] = {}
    for phrase in TRIGGERS:
        first, *rest = phrase.split()
        if not rest:
            alone.add(first)
            continue
        glue = r"\s+" if first in _BE else _INSIDE
        rests.setdefault(first, []).append(glue + glue.join(map(re.escape, rest)))
    # the rest is matched in either case, as _TRIGGER_RE matches it; the first word in lower case
    return {
        w: f"(?![{_WORD_CHARS}])" if w in alone else f"(?=(?i:{'|'.join(rests[w])}))"
        for w in alone | set(rests)
    }


def _tail_trie(tails: dict[str, str]) -> str:
    """A prefix tree of the words (as :func:`etl.word_trie.trie_pattern`), each followed by its tail."""
    root: dict[str, dict] = {}
    for word in tails:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict[str, dict], word: str) -> str:
        # longer words first; a word ending here is the last alternative
        branches = [re.escape(ch) + pattern(child, word + ch) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            branches.append(tails[word])
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return pattern(root, "")


# Where a trigger may start, in the lower-cased text: a first word standing as a word of its
# own (at the text's start, or after a character that is neither a word character nor a
# hyphen) with what must follow it. The scan opens with that character (a character class re
# skips to quickly), not with a look-behind, which re would try at every offset.
_FIRST_WORD: Final = re.compile(_tail_trie(_first_word_tails()))
_FIRST_WORD_AFTER_GAP: Final = re.compile(rf"[^{_WORD_CHARS}]{_FIRST_WORD.pattern}")

# trigger_starts's tables. A first word that is a trigger on its own needs only to end; one
# that only opens phrases needs the rest of one (the tail of _first_word_tails, matched in
# either case on the text itself: lower-casing changes no character those tails read).
_ALONE_FIRST_WORDS: Final[frozenset[str]] = frozenset(
    w for w, tail in _first_word_tails().items() if not tail.startswith("(?=")
)
_PHRASE_RESTS: Final[dict[str, re.Pattern[str]]] = {
    w: re.compile(tail[len("(?=") : -len(")")])
    for w, tail in _first_word_tails().items()
    if tail.startswith("(?=")
}
_LONGEST_FIRST_WORD: Final = max(len(w) for w in _first_word_tails())


def _next_word_letters() -> dict[str, str]:
    """First word of `be` -> the letters its phrases' next words open with (`is` -> `di`).

    Its phrases go on right after white space (no word may stand inside them): a next word
    that opens with another ASCII letter (in either case) can match none. re's case-blind
    match also reads some letters beyond ASCII as ASCII ones (`ı` as `i`): those go on to
    the pattern.
    """
    out: dict[str, set[str]] = {}
    for phrase in TRIGGERS:
        first, *rest = phrase.split()
        if rest and first in _BE and first not in _ALONE_FIRST_WORDS:
            out.setdefault(first, set()).add(rest[0][0])
    return {w: "".join(sorted(letters)) for w, letters in out.items()}


_NEXT_WORD_LETTERS: Final = _next_word_letters()
# A hash of a word's lower case (`c | 32` lowers an ASCII letter), kept below _HASH_MASK: a
# word whose hash hits no first word's is no first word, and most words are none.
_HASH_FACTOR: Final[i64] = 31
_HASH_MASK: Final[i64] = (1 << 16) - 1


def _word_hash(word: str) -> int:
    h = 0
    for ch in word:
        h = (h * _HASH_FACTOR + (ord(ch) | 32)) & _HASH_MASK
    return h


def _first_word_hashes() -> bytes:
    table = bytearray(_HASH_MASK + 1)
    for w in _first_word_tails():
        table[_word_hash(w)] = 1
    return bytes(table)


_FIRST_WORD_HASHES: Final = _first_word_hashes()


def _be_by_hash() -> dict[int, str]:
    """Hash -> the one `be` first word with that hash (hashes two of them share are left out)."""
    seen: dict[int, list[str]] = {}
    for w in _NEXT_WORD_LETTERS:
        seen.setdefault(_word_hash(w), []).append(w)
    return {h: ws[0] for h, ws in seen.items() if len(ws) == 1}


_BE_BY_HASH: Final[dict[int, str]] = _be_by_hash()


def _lexicon_key(found: str) -> str:
    """The lexicon entry a match stands for (`held informal talks` -> `held talks`)."""
    words = found.lower().split()
    if " ".join(words) in TRIGGERS:
        return " ".join(words)
    for n in range(len(words)):
        key = " ".join(words[:n] + words[n + 1 :])
        if key in TRIGGERS:
            return key
    return " ".join(words)


_TOKEN: Final = re.compile(r"[\w’'.-]+|[^\w\s]")
# How far before its end words_before starts the scan for a clause's last few tokens.
_TAIL_REACH: Final = 80
# How many of a clause's last tokens status_of, is_distinct (3) and is_definite read.
CLAUSE_TAIL_TOKENS: Final = max(_MAX_CUE_REACH, 3, DEFINITE_GAP + 1)
# tokens that end the clause a cue can reach across
CLAUSE_BREAK: Final = frozenset(
    {",", ";", ":", "—", "–", "(", ")", '"', "“", "”", "that", "but", "while", "after", "before"}
)
_SHORTEST_BREAK_WORD: Final = min(len(w) for w in CLAUSE_BREAK if len(w) > 1)
_LONGEST_BREAK_WORD: Final = max(len(w) for w in CLAUSE_BREAK)

_CAP: Final = r"[A-Z][\w’'.-]*"
# visit verbs whose object is the place itself (`visited Israel`, `toured Washington`)
_PLACE_VERBS: Final = "|".join(
    sorted(k for k, v in TRIGGERS.items() if v[0] == "visit" and v[1] == "verb" and " " not in k)
)


# A capitalised name after a locative preposition or a visit verb; `of`, `al`,
# `de` may join its words (`Great Hall of the People`, `Sharm el-Sheikh`).
# The preposition or verb is not a group: re skips to the characters that can open a match
# only when the pattern does not open with a group (find_places reads the word itself).
_PLACE_RE: Final = re.compile(
    "(?:" + words_first_letter_first(["in", "to", "at", "into", *_PLACE_VERBS.split("|")], r"[\w-]", "") + ")"
    rf"\s+(?:the\s+)?(?P<name>{_CAP}(?:\s+(?:{_CAP}|de|al|el))*)"
)
# capitalised words that end a place name: dates and the start of a new clause
_NOT_PLACE_WORDS: Final = {w.lower() for w in (*MONTHS, *WEEKDAYS, *DAY_WORDS)}


# Patterns compiled once: a call of re.match(str, ...) looks its pattern up in re's cache in
# interpreted Python (and the compiled code calls it as any Python function).
_WORD: Final = re.compile(r"[\w’'-]+")
_POSSESSIVE_END: Final = re.compile(r"['’]s?$")
_APOSTROPHE: Final = re.compile(r"['’]")


# A plain class, not a frozen dataclass: compiled with mypyc, a dataclass keeps its generated
# ``__init__`` interpreted. Compared and hashed by value as the dataclass was; treat as immutable.
@mypyc_attr(acyclic=True)
class Trigger:
    __slots__ = ("end", "event_type", "form", "gathering", "start")

    def __init__(
        self,
        start: int,
        end: int,
        event_type: str,
        form: str,
        gathering: str = "",
    ) -> None:
        self.start = start
        self.end = end
        self.event_type = event_type
        self.form = form
        self.gathering = gathering

    def _key(self) -> tuple[int, int, str, str, str]:
        return (self.start, self.end, self.event_type, self.form, self.gathering)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Trigger):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return "Trigger(start={!r}, end={!r}, event_type={!r}, form={!r}, gathering={!r})".format(
            *self._key()
        )


# A plain class, not a frozen dataclass: compiled with mypyc, a dataclass keeps its generated
# ``__init__`` interpreted. Compared and hashed by value as the dataclass was; treat as immutable.
@mypyc_attr(acyclic=True)
class Place:
    __slots__ = ("city", "code", "end", "name", "prep", "start")

    def __init__(
        self,
        start: int,
        end: int,
        name: str,
        code: str | None,
        city: bool,
        prep: str,
    ) -> None:
        self.start = start
        self.end = end
        self.name = name
        self.code = code
        self.city = city
        self.prep = prep

    def _key(self) -> tuple[int, int, str, str | None, bool, str]:
        return (self.start, self.end, self.name, self.code, self.city, self.prep)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Place):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return "Place(start={!r}, end={!r}, name={!r}, code={!r}, city={!r}, prep={!r})".format(*self._key())


# Compiled (etl.native), trigger_starts's loop over the characters is C; interpreted, it
# costs several times the lower-cased copy and the regex scan, which then stay in use.
_TYPED_SCAN: Final = not (__file__ or "").endswith(".py")


def trigger_starts(text: str) -> list[int]:
    """Offsets where a trigger may start, in order: its first word, and the rest of a phrase
    after a word that only opens phrases (a few more where a non-ASCII letter stands next to
    a first word: :func:`find_triggers` tries the full pattern at each).

    One pass over the characters: each run of ASCII word characters (in either case) is a
    word; its lower case is looked up among the first words only when a hash of it, made
    during the pass, hits one. The full pattern then runs only at these offsets. This
    reads the text as it is: lower-casing a copy (a Unicode table look-up per character)
    and a regular expression tried after every gap cost ten times as much.
    """
    if not _TYPED_SCAN or "\u0130" in text or "\u212a" in text:
        # `İ` and the Kelvin sign are the only characters whose lower case is an ASCII word
        # character: read those texts through their lower-cased copy
        return _trigger_starts_lowered(text)
    out: list[int] = []
    # native integers once compiled (tagged ints cost a check at every comparison); one
    # test of each character, spelt out (a call per character was a tenth of the pass)
    n: i64 = len(text)
    start: i64 = -1  # where the current word began, -1 between words
    h: i64 = 0
    i: i64 = 0
    while i < n:
        c: i64 = ord(text[i])
        if (97 <= c <= 122) or (65 <= c <= 90) or (48 <= c <= 57) or c == 95 or c == 45:
            if start < 0:
                start = i
                h = 0
            h = (h * _HASH_FACTOR + (c | 32)) & _HASH_MASK
        elif start >= 0:
            if i - start <= _LONGEST_FIRST_WORD and _FIRST_WORD_HASHES[h]:
                _add_if_first_word(text, start, i, h, out)
            start = -1
        i += 1
    if start >= 0 and n - start <= _LONGEST_FIRST_WORD and _FIRST_WORD_HASHES[h]:
        _add_if_first_word(text, start, n, h, out)
    return out


def _add_if_first_word(text: str, start: i64, end: i64, h: i64, out: list[int]) -> None:
    """Append ``start`` if the word ``text[start:end]`` opens a trigger there (``h``: its hash)."""
    be = _BE_BY_HASH.get(h)
    if be is not None and _is_word(text, start, end, be):
        # `is`, `was`, `are` are most of the calls and rarely go on to a phrase: the letter
        # after the white space tells most of them, before any slice or lower-cased copy
        if _next_letter_rules_out(text, end, _NEXT_WORD_LETTERS[be]):
            return
        if _PHRASE_RESTS[be].match(text, end):
            out.append(start)
        return
    word = text[start:end].lower()
    if word in _ALONE_FIRST_WORDS:
        out.append(start)
        return
    rest = _PHRASE_RESTS.get(word)
    if rest is None:
        return
    letters = _NEXT_WORD_LETTERS.get(word)
    if letters is not None and _next_letter_rules_out(text, end, letters):
        return
    if rest.match(text, end):
        out.append(start)


def _next_letter_rules_out(text: str, end: i64, letters: str) -> bool:
    """Whether the phrase rest after a first word ending at ``end`` cannot match: no white space
    then a character there, or an ASCII one that no rest's next word opens with."""
    n: i64 = len(text)
    j = end
    while j < n and text[j].isspace():
        j += 1
    if j == end or j >= n:
        return True
    c = text[j]
    return c < "\x80" and c.lower() not in letters


def _is_word(text: str, start: i64, end: i64, word: str) -> bool:
    """Whether ASCII word characters ``text[start:end]`` spell the lower-case ``word`` in either case."""
    if end - start != len(word):
        return False
    k: i64 = 0
    while k < end - start:
        if (ord(text[start + k]) | 32) != ord(word[k]):
            return False
        k += 1
    return True


def _trigger_starts_lowered(text: str) -> list[int]:
    """:func:`trigger_starts` by a scan of the lower-cased text (the same offsets)."""
    lower = _lower_same_length(text)
    out = [m.start() + 1 for m in _FIRST_WORD_AFTER_GAP.finditer(lower)]
    if _FIRST_WORD.match(lower):
        out.insert(0, 0)
    return out


def _lower_same_length(text: str) -> str:
    """``text.lower()``, one character for each of ``text``'s, so that offsets carry over."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    # a letter whose lower case is longer (`İ` -> `i̇`) would shift every offset after it:
    # such a letter keeps the first character of its lower case (rare: one pass per character)
    return "".join([c.lower()[0] for c in text])


def _trigger_matches(text: str, start: int, end: int, starts: list[int]) -> Iterator[re.Match[str]]:
    taken = start
    for pos in starts[bisect_left(starts, start) : bisect_left(starts, end)]:
        if pos < taken:
            continue
        m = _trigger_re_at(text, pos, end).match(text, pos, end)
        if m:
            taken = m.end()
            yield m


def find_triggers(text: str, start: int, end: int, starts: list[int] | None = None) -> list[Trigger]:
    """Event triggers in ``text[start:end]``, longest phrase first, in text order.

    ``starts`` are :func:`trigger_starts` of the whole text, computed once per
    document by the caller; without them they are found for this stretch.
    """
    if starts is None:
        starts = [start + p for p in trigger_starts(text[start:end])]
    out: list[Trigger] = []
    for m in _trigger_matches(text, start, end, starts):
        word = _lexicon_key(m.group(1))
        event_type, form, gathering = TRIGGERS[word]
        # the words after it matter only to `call`, `agree`, `sign` (and a Unicode \w scan is slow)
        nxt = (
            [w.lower() for w in _WORD.findall(text, m.end(), m.end() + 40)[:3]]
            if word.startswith(("call", "agree", "sign"))
            else []
        )
        if word.startswith("call") and (
            (nxt and nxt[0] in CALL_NOT_PHONE)
            or (form == "noun" and _called_by_subject(text[start : m.start()].rsplit(None, 1)[-1:]))
        ):
            continue
        if word.startswith("agree") and form == "verb" and not (nxt and nxt[0] in AGREE_COMPLEMENTS):
            # "agreed that ...", "agreed with critics": a view shared, not a deal reached
            continue
        if (
            word.startswith("sign")
            and form == "verb"
            and (nxt[:1] == ["of"] or any(w in SIGN_NON_OBJECTS for w in nxt))
        ):
            # "signed the bill into law", "shows signs of": no agreement between parties
            continue
        if word in ("met", "meet", "meets") and _not_a_meeting(text, start, m.start(), m.end()):
            continue
        if form == "host" and not HOST_OBJECT.match(text, m.end()):
            # "the banquet hosted at ...", "the phone he received as a gift"
            continue
        if form == "noun" and IN_PROCESS_RE.search(text, max(start, m.start() - 25), m.start()):
            # "progressing in negotiations", "work remains in peace talks": a process, not a meeting
            continue
        if form == "noun" and FRAME_RE.search(text[max(start, m.start() - FRAME_REACH) : m.start()]):
            # "on the margins of the APEC summit": the setting of another event
            continue
        end = m.end()
        if form in ("travel", "due"):
            # the verb reports it; the preposition only leads to the place
            end = m.start() + m.group(1).rstrip().rfind(" ")
        out.append(Trigger(m.start(), end, event_type, form, gathering))
    return out


def _called_by_subject(prev: list[str]) -> bool:
    """`they call`, `Obama and Clinton call`: the word before a `call` noun makes it the verb."""
    return bool(prev) and (prev[0].lower() in CALL_SUBJECTS or prev[0][0].isupper())


def _not_a_meeting(text: str, floor: int, a: int, b: int) -> bool:
    """`deadlines were not met`, `meet spending guidelines`: meet as satisfy."""
    # the last two words are all that is read
    before = [w.lower() for w in text[floor:a].rsplit(None, 2)[-2:]]
    if before and before[-1] == "not":
        before.pop()
    if before and before[-1] in PASSIVE_AUX:
        return True
    after = _WORD.findall(text, b, b + 40)[:2]
    return any(w.lower() in MEET_NON_OBJECTS for w in after)


def words_before(text: str, floor: int, pos: int, limit: int | None = None) -> list[str]:
    """Tokens of the clause that ends at ``pos`` (back to a clause break), as written; with
    ``limit``, only the last ``limit`` of them.

    For those, the scan starts after a space some way before ``pos`` (no token spans white
    space: the tokens after it are the last ones of the whole stretch), and goes back to
    ``floor`` only if neither a clause break nor ``limit`` tokens come after that space.
    """
    lo = floor
    if limit is not None and pos - floor > _TAIL_REACH:
        space = text.rfind(" ", floor, pos - _TAIL_REACH)
        if space >= 0:
            lo = space + 1
    toks: list[str] = _TOKEN.findall(text[lo:pos])
    for i in range(len(toks) - 1, -1, -1):
        tok = toks[i]
        k = len(tok)
        # lower-casing never shortens a word: only words of a break word's length need it,
        # and a single character is a break as it stands
        if (
            (tok in CLAUSE_BREAK)
            if k == 1
            else (_SHORTEST_BREAK_WORD <= k <= _LONGEST_BREAK_WORD and tok.lower() in CLAUSE_BREAK)
        ):
            return toks[i + 1 :] if limit is None else toks[i + 1 :][-limit:]
    if limit is None:
        return toks
    if lo > floor and len(toks) < limit:
        return words_before(text, floor, pos)[-limit:]
    return toks[-limit:]


# Contractions split into the words the status cues are written with.
CONTRACTIONS: Final[dict[str, tuple[str, ...]]] = {"won't": ("will", "not"), "can't": ("can", "not")}
# Words after `to` that make it a preposition (`agreed to a deal`), not the
# infinitive marker of a plan (`to hold talks`).
NOT_INFINITIVE: Final = frozenset({"a", "an", "the", "his", "her", "their", "its", "our", "this", "that"})


def _normalise(tokens: list[str]) -> list[str]:
    out: list[str] = []
    for tok in tokens:
        t = tok.replace("’", "'")
        if t in CONTRACTIONS:
            out.extend(CONTRACTIONS[t])
        elif t.endswith("n't"):
            out.extend((t[:-3], "not"))
        elif t.endswith("'ll"):
            out.extend((t[:-3], "will"))
        else:
            out.append(t)
    return out


def status_of(text: str, floor: int, trigger: Trigger, before: list[str] | None = None) -> str:
    """occurred, planned or denied, from the cues in the clause before the trigger."""
    if trigger.form == "due":
        return "planned"
    # cues are lower case as written: `May` the month is no modal
    toks = _normalise(words_before(text, floor, trigger.start, _MAX_CUE_REACH) if before is None else before)
    found: set[str] = set()
    last = len(toks)
    # only the last MAX_CUE_REACH words can open a cue; look up the cues each one opens
    for i in range(max(0, last - _MAX_CUE_REACH), last):
        for cue, parts, status, reach in _CUES_BY_FIRST_WORD.get(toks[i], ()):
            if i < last - reach or i + len(parts) > last or toks[i : i + len(parts)] != parts:
                continue
            if cue == "to" and (i + 1 >= last or toks[i + 1].lower() in NOT_INFINITIVE):
                continue
            found.add(status)
    if "denied" in found:
        return "denied"
    return "planned" if "planned" in found else "occurred"


def is_distinct(text: str, floor: int, trigger: Trigger, before: list[str] | None = None) -> str | None:
    """The modifier that makes this mention another occurrence (`earlier`), if any."""
    if before is None:
        before = words_before(text, floor, trigger.start)
    for tok in reversed(before[-3:]):
        if tok.lower() in DISTINCT_CUES:
            return tok.lower()
    return None


def is_definite(text: str, floor: int, trigger: Trigger, before: list[str] | None = None) -> bool:
    """A noun trigger introduced by `the`, `this`, `those`: a reference back."""
    if trigger.form != "noun":
        return False
    if before is None:
        before = words_before(text, floor, trigger.start)
    toks = before[-(DEFINITE_GAP + 1) :]
    return any(t.lower() in DEFINITE for t in toks)


def _trim_place(name: str) -> str:
    words = name.split()
    for i, w in enumerate(words):
        if w.strip(".,’'").lower() in _NOT_PLACE_WORDS:
            words = words[:i]
            break
    while words and words[-1] in ("of", "de", "al", "el"):
        words.pop()
    return " ".join(words).rstrip(".,’'")


def find_places(text: str, start: int, end: int) -> list[Place]:
    """Place names after a locative preposition or a visit verb, in text order.

    A name the lexicons know gets its state's code; an unknown capitalised
    name after `in`/`at`/`to` is kept with no code (a venue or a small city).
    """
    out: list[Place] = []
    for m in _PLACE_RE.finditer(text, start, end):
        name = _trim_place(m.group("name"))
        if name in demonyms():
            # "in the Saudi capital": a nationality, not a place
            continue
        if "-" in name and all(country_code(part) for part in name.split("-")):
            # "Korea-China state banquet", "Tehran-Baku ties": a pair of states, no place
            continue
        if not name or _POSSESSIVE_END.search(name) or _APOSTROPHE.match(text, m.start("name") + len(name)):
            # "in Trump's words": a possessive name is no place
            continue
        a = m.start("name")
        a_code = country_code(name)
        prep = text[m.start() : m.start("name")].split()[0].lower()
        if a_code is None and prep not in ("in", "at", "to"):
            continue
        out.append(Place(a, a + len(name), name, a_code, is_city(name), prep))
    return out


_QUOTE_MARK: Final = re.compile('[“”"]')


def quoted_regions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans inside quotation marks in ``text[start:end]`` (curly pairs or straight toggles)."""
    out: list[tuple[int, int]] = []
    open_at: int | None = None
    # only the marks matter: skip to them, not through every character
    for m in _QUOTE_MARK.finditer(text, start, end):
        i = m.start()
        c = text[i]
        if c == "“" or (c == '"' and open_at is None):
            open_at = i
        elif (c == "”" or c == '"') and open_at is not None:
            out.append((open_at, i + 1))
            open_at = None
    if open_at is not None:
        out.append((open_at, end))
    return out


def inside(pos: int, regions: list[tuple[int, int]]) -> bool:
    """Whether ``pos`` lies in one of ``regions`` (sorted, non-overlapping, as quoted_regions gives them)."""
    i = bisect_right(regions, (pos, math.inf)) - 1
    return i >= 0 and regions[i][0] <= pos < regions[i][1]
