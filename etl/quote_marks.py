"""Quotation-mark pairing: which parts of a paragraph are quoted speech.

Rules, in order:

1. Double marks (straight ``"``, curly ``“ ”``, low ``„``, guillemets ``« »``)
   are classified as opening or closing from the characters around them
   (space or an opening bracket before, a letter after: opening), falling
   back on the glyph; single marks nest inside them and are not paired.
2. An opening mark while a quote is open, preceded by white space, means
   the earlier quote was never closed: it ends before the new mark.
3. A quote still open at the end of a paragraph continues when the next
   paragraph opens with a quotation mark (the multi-paragraph convention);
   otherwise it ends with its paragraph, so one stray mark never costs more
   than a paragraph.
4. Single marks (``‘ ’`` and ``'`` that is not an apostrophe) outside double
   quotes pair within a paragraph; an unclosed one is dropped, since it is far
   more often an apostrophe than a quote.
"""

from __future__ import annotations

from typing import Final

from mypy_extensions import i64, mypyc_attr

DOUBLE_OPEN: Final = frozenset("“„«‟")
DOUBLE_CLOSE: Final = frozenset("”»")
DOUBLE_STRAIGHT: Final = frozenset('"＂')
SINGLE_OPEN: Final = frozenset("‘‚‹")
SINGLE_CLOSE: Final = frozenset("’›")
SINGLE_STRAIGHT: Final = frozenset("'")
ALL_MARKS: Final = (
    DOUBLE_OPEN | DOUBLE_CLOSE | DOUBLE_STRAIGHT | SINGLE_OPEN | SINGLE_CLOSE | SINGLE_STRAIGHT | {"`"}
)
# two straight single quotes stand for a double one in some archives (NYT: ''Yes,'' he said)
_TWO_SINGLES: Final = "''"
# the one-character double marks and the single marks, each found with str.find: a scan
# for one character runs in C over the whole text, so an article pays per mark, not per
# character or per regex match (quote_regions, 100 PolNeAR texts: 90.0 -> 51.8 Minstr)
_DOUBLE_CHARS: Final = "".join(sorted(DOUBLE_OPEN | DOUBLE_CLOSE | DOUBLE_STRAIGHT))
_SINGLE_CHARS: Final = "".join(sorted(SINGLE_OPEN | SINGLE_CLOSE | SINGLE_STRAIGHT))
# characters after which a mark starts a quote rather than ends one
_OPENERS_BEFORE: Final = frozenset("([{—–-/:")


@mypyc_attr(acyclic=True)
class QuoteRegion:
    """Quoted text ``[start, end)`` without its marks; ``closed`` is False when it ran to a paragraph end.

    A plain slotted class, neither a named tuple nor a dataclass: compiled with mypyc its
    fields are struct fields and its ``__init__`` a native call, where a named tuple's
    fields are read by name and a dataclass's ``__init__`` is interpreted.
    """

    __slots__ = ("after", "close_mark", "closed", "double", "end", "open_mark", "start")

    def __init__(
        self,
        start: int,
        end: int,
        open_mark: int,
        close_mark: int | None,
        closed: bool,
        double: bool,
        after: int,
    ) -> None:
        self.start = start
        self.end = end
        self.open_mark = open_mark
        self.close_mark = close_mark
        self.closed = closed
        self.double = double
        # offset just past the closing mark (``end`` for an unclosed quote)
        self.after = after


def int_bisect_left(a: list[int], x: int) -> int:
    """``bisect.bisect_left`` over sorted offsets. Compiled, a native loop over unboxed ints
    costs a fraction of a call to the C function, which compares boxed ints generically."""
    lo: i64 = 0
    hi: i64 = len(a)
    while lo < hi:
        mid = (lo + hi) >> 1
        if a[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def int_bisect_right(a: list[int], x: int) -> int:
    """``bisect.bisect_right`` over sorted offsets (see :func:`int_bisect_left`)."""
    lo: i64 = 0
    hi: i64 = len(a)
    while lo < hi:
        mid = (lo + hi) >> 1
        if x < a[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


def char_positions(text: str, chars: str) -> list[int]:
    """Sorted offsets of every occurrence of any of ``chars`` in ``text``."""
    found: list[int] = []
    for c in chars:
        # text.find and found.append, not bound methods kept in locals: compiled, those are
        # native calls, the bound ones generic
        j = text.find(c)
        while j >= 0:
            found.append(j)
            j = text.find(c, j + 1)
    found.sort()
    return found


def _double_marks(text: str, found: list[int], pairs: bool, i: int, hi: int) -> list[int]:
    """Offsets of the double marks in ``[i, hi)``: the one-character ones in ``found`` and,
    when ``pairs``, each ``''`` as it is read from left to right (a third ``'`` is no mark)."""
    marks = found[int_bisect_left(found, i) : int_bisect_left(found, hi)]
    if pairs:
        j = text.find(_TWO_SINGLES, i, hi)
        if j >= 0:
            while j >= 0:
                marks.append(j)
                j = text.find(_TWO_SINGLES, j + 2, hi)
            marks.sort()
    return marks


def opens_after(c: i64) -> bool:
    """Code point ``c`` is in ``_OPENERS_BEFORE``, ``DOUBLE_OPEN`` or ``SINGLE_OPEN``: compiled,
    comparisons of an unboxed int, no one-character string and no three set lookups."""
    if c < 128:
        return c == 40 or c == 91 or c == 123 or c == 45 or c == 47 or c == 58  # ( [ { - / :
    if c < 0x2013:
        return c == 0xAB  # «
    # – — ‘ ‚ “ „ ‟ ‹
    return c in (0x2013, 0x2014, 0x2018, 0x201A, 0x201C, 0x201E, 0x201F, 0x2039)


def is_alnum(c: i64) -> bool:
    """Code point ``c`` is alphanumeric as ``str.isalnum`` reads it, by comparisons for ASCII."""
    if c < 128:
        return 48 <= c <= 57 or 65 <= c <= 90 or 97 <= c <= 122
    return chr(c).isalnum()


def _direction(text: str, i: int, lo: int, hi: int) -> str:
    """``open``, ``close`` or ``either`` for the mark at ``i`` inside ``[lo, hi)``."""
    prev: i64 = ord(text[i - 1]) if i > lo else 32
    nxt: i64 = ord(text[i + 1]) if i + 1 < hi else 32
    prev_space = is_space(prev)
    nxt_space = is_space(nxt)
    if (prev_space or opens_after(prev)) and not nxt_space:
        return "open"
    if not prev_space and (nxt_space or not is_alnum(nxt)):
        return "close"
    return "either"


def _double_kind(text: str, i: int, lo: int, hi: int) -> str | None:
    ch = text[i]
    if ch in DOUBLE_STRAIGHT:
        return _direction(text, i, lo, hi)
    if ch in DOUBLE_OPEN:
        # a “ glued to the word before it closes (German-style „...“ or a typo)
        return "close" if _direction(text, i, lo, hi) == "close" and ch == "“" else "open"
    if ch in DOUBLE_CLOSE:
        return "open" if _direction(text, i, lo, hi) == "open" and ch == "»" else "close"
    return None


def mark_len(text: str, i: int) -> int:
    # text.startswith(_TWO_SINGLES, i) by two character tests: compiled, native reads where
    # startswith with an offset is a generic method call
    return 2 if i >= 0 and i + 1 < len(text) and text[i] == "'" and text[i + 1] == "'" else 1


def _pair_kind(text: str, i: int, lo: int, hi: int) -> str:
    """Direction of a ``''`` pair starting at ``i``."""
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 2] if i + 2 < hi else " "
    if (prev.isspace() or prev in _OPENERS_BEFORE) and not nxt.isspace():
        return "open"
    if not prev.isspace():
        return "close"
    return "either"


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and is_space(ord(text[a])):
        a += 1
    while b > a and is_space(ord(text[b - 1])):
        b -= 1
    return a, b


def _opens_with_mark(text: str, a: int, b: int) -> bool:
    return a < b and (
        text[a] in DOUBLE_OPEN or text[a] in DOUBLE_STRAIGHT or text.startswith(_TWO_SINGLES, a)
    )


def double_regions(text: str, paras: list[tuple[int, int]]) -> list[QuoteRegion]:
    """Double-quoted regions over the paragraphs ``paras`` (in text order)."""
    out: list[QuoteRegion] = []
    open_at: int | None = None
    kind: str | None
    found = char_positions(text, _DOUBLE_CHARS)
    pairs = _TWO_SINGLES in text
    for p_idx, (lo, hi) in enumerate(paras):
        first = lo
        if open_at is not None and _opens_with_mark(text, lo, hi):
            first = lo + mark_len(text, lo)  # the continuation mark of a multi-paragraph quote
        for i in _double_marks(text, found, pairs, first, hi):
            # a one-character double mark is never ', so a ' opens a '' pair
            if text[i] == "'":
                kind, width = _pair_kind(text, i, lo, hi), 2
            else:
                kind, width = _double_kind(text, i, lo, hi), 1
            if open_at is None:
                if kind in ("open", "either"):
                    open_at = i
            elif kind in ("close", "either"):
                a, b = _trim(text, open_at + mark_len(text, open_at), i)
                if a < b:
                    out.append(QuoteRegion(a, b, open_at, i, True, True, i + width))
                open_at = None
            elif text[i - 1].isspace():
                a, b = _trim(text, open_at + mark_len(text, open_at), i)
                if a < b:
                    out.append(QuoteRegion(a, b, open_at, None, False, True, b))
                open_at = i
        if open_at is not None:
            nxt = paras[p_idx + 1] if p_idx + 1 < len(paras) else None
            if nxt is not None and _opens_with_mark(text, *nxt):
                continue
            a, b = _trim(text, open_at + mark_len(text, open_at), hi)
            if a < b:
                out.append(QuoteRegion(a, b, open_at, None, False, True, b))
            open_at = None
    return out


def _extent_end(r: QuoteRegion) -> int:
    return r.close_mark if r.close_mark is not None else r.end


def single_regions(text: str, paras: list[tuple[int, int]], inside: list[QuoteRegion]) -> list[QuoteRegion]:
    """Single-quoted regions outside the double-quoted ones, each within a paragraph."""
    out: list[QuoteRegion] = []
    # the double quotes' extents, marks included, in text order: a mark inside one is skipped
    extents = [(r.open_mark, _extent_end(r)) for r in inside]
    k = 0
    found = char_positions(text, _SINGLE_CHARS)
    for lo, hi in paras:
        open_at: int | None = None
        for i in found[int_bisect_left(found, lo) : int_bisect_left(found, hi)]:
            ch = text[i]
            while k < len(extents) and extents[k][1] < i:
                k += 1
            if k < len(extents) and extents[k][0] <= i:
                continue
            # code points: compiled, unboxed ints, no one-character strings or method calls
            prev: i64 = ord(text[i - 1]) if i > lo else 32
            nxt: i64 = ord(text[i + 1]) if i + 1 < hi else 32
            if is_alnum(prev) and is_alnum(nxt):
                continue  # apostrophe inside a word
            if ch == "'" and (prev == 39 or nxt == 39):
                continue  # half of a '' double mark
            kind = _direction(text, i, lo, hi)
            if ch in SINGLE_OPEN:
                kind = "open" if kind != "close" else "close"
            if open_at is None:
                if kind == "open":
                    open_at = i
            elif kind in ("close", "either") and not (ch in SINGLE_STRAIGHT and is_alnum(nxt)):
                a, b = _trim(text, open_at + 1, i)
                if a < b:
                    out.append(QuoteRegion(a, b, open_at, i, True, False, i + 1))
                open_at = None
    return out


def quote_regions(text: str, paras: list[tuple[int, int]]) -> list[QuoteRegion]:
    """Top-level quoted regions (double, then single outside them), in text order, never overlapping."""
    doubles = double_regions(text, paras)
    singles = single_regions(text, paras, doubles)
    if not singles:
        return doubles
    # both in text order and never overlapping: a merge, where sorted with an attrgetter key
    # reads each start generically (compiled, ``r.start`` is a struct field)
    out: list[QuoteRegion] = []
    k = 0
    for r in doubles:
        while k < len(singles) and singles[k].start < r.start:
            out.append(singles[k])
            k += 1
        out.append(r)
    out.extend(singles[k:])
    return out


# compiled (mypyc), a loop over characters costs less than a slice, str.split and the list of
# word strings it makes; interpreted, those C calls are the faster
_COMPILED: Final = not __file__.endswith(".py")


def is_space(c: i64) -> bool:
    """Code point ``c`` is white space as ``str.isspace`` and ``str.split`` read it."""
    if c < 128:
        return c == 32 or 9 <= c <= 13 or 28 <= c <= 31
    if c == 0x85 or c == 0xA0 or c == 0x1680 or 0x2000 <= c <= 0x200A:
        return True
    return c == 0x2028 or c == 0x2029 or c == 0x202F or c == 0x205F or c == 0x3000


def count_words(text: str, a: i64, b: i64, limit: i64) -> int:
    """``min(len(text[a:b].split()), limit)``: words counted up to ``limit``, no strings made."""
    if not _COMPILED:
        return min(len(text[a:b].split()), limit)
    n: i64 = 0
    inside = False
    for k in range(a, b):
        if is_space(ord(text[k])):
            inside = False
        elif not inside:
            n += 1
            if n >= limit:
                return n
            inside = True
    return n
