"""Paragraph and sentence boundaries as offsets into the article text.

Every extractor works on the same sentence spans, so that an event's
``start``/``end`` and a quote's sentence agree. Rules, in order:

1. A line break always ends a paragraph, and so a sentence: news text puts one
   paragraph per line, and titles and datelines stand on lines of their own.
2. Inside a paragraph, ``.``, ``!`` or ``?`` (with any closing quotation marks
   and brackets after it) ends a sentence when white space and an upper-case
   letter, digit or opening quotation mark follow.
3. ...except after an abbreviation (``Mr.``, ``Gov.``, ``U.S.``), a single
   initial (``G. K. Butterfield``) or a number's decimal point.
4. A span longer than ``MAX_SENTENCE_CHARS`` is cut at white space.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from mypy_extensions import i64, mypyc_attr

from etl.lexicons import load_set

ABBREVIATIONS: Final[frozenset[str]] = load_set("abbreviations")
# Longest span treated as one sentence. Real news sentences stay far below it
# (the longest in PolNeAR train is 1,094 characters); a run-on
# "sentence" past it is cut at white space, which keeps every per-sentence
# step of the extractors linear in the article's length.
MAX_SENTENCE_CHARS: Final = 2000
# longest dotted word the abbreviation test looks at ("U.S.A.", "Messrs."), with room to spare
ABBREVIATION_LOOKBACK: Final = 32

OPEN_QUOTES: Final = "\"“‘«„'"
CLOSE_QUOTES: Final = "\"”’»'"

# NYT-style text opens quotes with `` or '' and closes them with '', so a
# doubled mark may stand on either side of the boundary. The pattern opens with one
# character class, not a repeat (`[.!?…]+`): re then skips to the marks instead of
# trying a match at every offset (the scan took twice as long).
_END: Final = re.compile(r"[.!?…][.!?…]*(?:''|[\"”’»')\]])*(?=\s+(?:''|``|[\"“‘«'(\[])?[A-Z0-9\"“‘«`])")
# the marks that open an _END match: where split_sentences tries it
_END_MARKS: Final = ".!?…"
assert _END.pattern.startswith(f"[{_END_MARKS}]")
# what may follow the first of _END's marks: more marks, a closing quote or bracket, white space
_AFTER_MARK: Final = _END_MARKS + "'\"”’»)]"
# _END's closing marks after the end marks (`''` is two of them), the opening marks the
# next sentence may start with, and what it then starts with: read by _end_after
_CLOSERS: Final = "'\"”’»)]"
_OPENERS: Final = "\"“‘«'(["
_STARTER_MARKS: Final = '"“‘«`'
# Compiled (etl.native), _end_after's loop over a few characters is C and costs a fraction
# of a call into re; interpreted, the match stays in use.
_TYPED_END: Final = not (__file__ or "").endswith(".py")
# what the word before a period may be made of
_WORD_CHARS: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz."


@mypyc_attr(acyclic=True)
class Sentence:
    """A sentence's span and its paragraph's number; compared and hashed by value.

    A plain class, not a frozen dataclass: compiled with mypyc, a dataclass keeps its generated
    ``__init__`` interpreted (a fifth of :func:`split_sentences`). Treat it as immutable.
    """

    __slots__ = ("end", "paragraph", "start")

    def __init__(self, start: int, end: int, paragraph: int) -> None:
        self.start = start
        self.end = end
        self.paragraph = paragraph

    def text(self, doc: str) -> str:
        return doc[self.start : self.end]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sentence):
            return NotImplemented
        return self.start == other.start and self.end == other.end and self.paragraph == other.paragraph

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.paragraph))

    def __repr__(self) -> str:
        return f"Sentence(start={self.start!r}, end={self.end!r}, paragraph={self.paragraph!r})"


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Non-blank lines of ``text[start:end]`` as (start, end), whitespace trimmed."""
    # iter_paragraphs' loop written out: compiled, resuming the generator and the tuple
    # _trimmed returns cost about as much as finding the line
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    lo = start
    while lo < end:
        nl = text.find("\n", lo, end)
        hi = end if nl < 0 else nl
        a, b = lo, hi
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
        lo = hi + 1
    return out


def iter_paragraphs(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """:func:`paragraphs`, one at a time (for a reader of the first few)."""
    end = len(text) if end is None else end
    lo = start
    # line by line with find (a memchr): the regex scan this replaces tested every character
    while lo < end:
        nl = text.find("\n", lo, end)
        hi = end if nl < 0 else nl
        a, b = _trimmed(text, lo, hi)
        if a < b:
            yield a, b
        lo = hi + 1


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    """``text[a:b]`` without the white space at either end (str.isspace, as re's \\s)."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def paragraphs_from_end(text: str, start: int) -> Iterator[tuple[int, int]]:
    """``paragraphs(text, start)`` from the last one back, found from the end: a reader of the
    last few (site furniture) need not find the lines before them."""
    hi = len(text)
    while True:
        nl = text.rfind("\n", start, hi)
        lo = nl + 1 if nl >= 0 else start
        line = text[lo:hi]
        a, b = lo + len(line) - len(line.lstrip()), lo + len(line.rstrip())
        if a < b:
            yield a, b
        if nl < 0:
            return
        hi = nl


def _is_word_code(c: i64) -> bool:
    """``chr(c) in _WORD_CHARS`` (compared as code points: compiled, a comparison of
    one-character strings is a call)."""
    return (97 <= c <= 122) or (65 <= c <= 90) or c == 46


def _is_abbreviation(text: str, para_start: int, dot: int) -> bool:
    # the word before a period is short: looking further back would make long
    # paragraphs quadratic
    lo: i64 = max(para_start, dot - ABBREVIATION_LOOKBACK)
    # the ASCII letters and periods that end the window, from the first letter among them
    # (read back by hand: the window, its rstrip and lstrip were three strings a period)
    j: i64 = dot
    while j > lo and _is_word_code(ord(text[j - 1])):
        j -= 1
    while j < dot and ord(text[j]) == 46:
        j += 1
    if j == dot:
        return False
    word = text[j:dot]
    if word.lower() in ABBREVIATIONS or word in ABBREVIATIONS:
        return True
    # a single initial (G. or the K. of G.K.) or a dotted acronym (U.S.)
    last = word.rsplit(".", 1)[-1]
    return len(last) == 1 and last.isupper()


def split_sentences(
    text: str, start: int = 0, end: int | None = None, *, first_paragraph: int = 0
) -> list[Sentence]:
    """Sentences of ``text[start:end]``, in order, each inside one paragraph.

    Paragraphs are numbered from ``first_paragraph`` (a stretch after others).
    """
    out: list[Sentence] = []
    for p_idx, (a, b) in enumerate(paragraphs(text, start, end), first_paragraph):
        s = a
        taken = a
        for i in _end_marks(text, a, b):
            if i < taken or i + 1 >= b or not (text[i + 1].isspace() or text[i + 1] in _AFTER_MARK):
                # _END needs white space after its marks and closing quotes: half the marks
                # (a paragraph's last, `U.S`, `3.5`) need not try it
                continue
            if _TYPED_END:
                e = _end_after(text, i, b)
                if e < 0:
                    continue
            else:
                m = _END.match(text, i, b)
                if m is None:
                    continue
                e = m.end()
            taken = e
            if e - i == 1 and text[i] == "." and _is_abbreviation(text, a, i):
                continue
            # (most sentences are short: no need for _bounded's list; e > s, as the match is
            # not empty and starts at or after s)
            if e - s <= MAX_SENTENCE_CHARS:
                out.append(Sentence(s, e, p_idx))
            else:
                out.extend(_bounded(text, s, e, p_idx))
            s = e
            while s < b and text[s].isspace():
                s += 1
        if s < b:
            if b - s <= MAX_SENTENCE_CHARS:
                out.append(Sentence(s, b, p_idx))
            else:
                out.extend(_bounded(text, s, b, p_idx))
    return out


def _is_starter(c: str) -> bool:
    """``c`` may open a sentence after an end mark (code points compared: see _is_word_code)."""
    o = ord(c)
    return (65 <= o <= 90) or (48 <= o <= 57) or c in _STARTER_MARKS


def _end_after(text: str, i: int, b: int) -> int:
    """Where ``_END.match(text, i, b)`` ends, or -1 where it fails (``text[i]`` is an end mark).

    _END's runs are greedy and can give nothing back that would help its lookahead: the
    lookahead needs white space next, and neither the marks nor the closing marks are white
    space (re's \\s is str.isspace).
    """
    j = i + 1
    while j < b and text[j] in _END_MARKS:
        j += 1
    while j < b and text[j] in _CLOSERS:
        j += 1
    k = j
    while k < b and text[k].isspace():
        k += 1
    if k == j or k >= b:
        return -1
    c = text[k]
    if _is_starter(c):
        return j
    if k + 1 < b and c in _OPENERS and _is_starter(text[k + 1]):
        return j
    if k + 2 < b and (c == "'" or c == "`") and text[k + 1] == c and _is_starter(text[k + 2]):
        return j
    return -1


def _end_marks(text: str, a: int, b: int) -> list[int]:
    """Offsets of the marks that can open an _END match in ``text[a:b]``, in order.

    ``_END.finditer`` tested every character against its first class; str.find skips to
    each mark as memchr does, and _END then runs only at the marks: the same matches, as
    finditer's come from the first of them where _END matches.
    """
    out: list[int] = []
    for ch in _END_MARKS:
        i = text.find(ch, a, b)
        while i >= 0:
            out.append(i)
            i = text.find(ch, i + 1, b)
    out.sort()
    return out


def _bounded(text: str, start: int, end: int, paragraph: int) -> list[Sentence]:
    """``text[start:end]`` as one sentence, or cut at white space into pieces of bounded length."""
    out: list[Sentence] = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = start + MAX_SENTENCE_CHARS
        space = text.rfind(" ", start + 1, cut)
        cut = space if space > start else cut
        out.append(Sentence(start, cut, paragraph))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append(Sentence(start, end, paragraph))
    return out


def sentence_at(sentences: list[Sentence], pos: int) -> int | None:
    """Index of the sentence containing offset ``pos`` (binary search)."""
    lo, hi = 0, len(sentences)
    while lo < hi:
        mid = (lo + hi) // 2
        if sentences[mid].end <= pos:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(sentences) and sentences[lo].start <= pos < sentences[lo].end:
        return lo
    return None


def count_words(text: str) -> int:
    """How many words ``\\w+(?:['’]\\w+)*`` finds in ``text`` (a word's apostrophes join it).

    One typed pass over the characters: compiled, it costs a fifth of the byte passes of
    :func:`etl.articles.count_words_by_bytes` (an interpreted loop costs far more than them).
    ``\\w`` is str.isalnum or `_`, tested only for the characters beyond ASCII.
    """
    n: i64 = len(text)
    words: i64 = 0
    # 0 between words, 1 in a word, 2 on an apostrophe right after a word's letter
    state: i64 = 0
    i: i64 = 0
    while i < n:
        c: i64 = ord(text[i])
        if c < 128:
            letter = (97 <= c <= 122) or (65 <= c <= 90) or (48 <= c <= 57) or c == 95
        else:
            letter = c != 0x2019 and text[i].isalnum()
        if letter:
            if state == 0:
                words += 1
            state = 1
        elif (c == 39 or c == 0x2019) and state == 1:
            state = 2
        else:
            state = 0
        i += 1
    return words
