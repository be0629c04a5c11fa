"""Text spans as the quote extractor reads them, and its working records.

A :class:`Para` is a paragraph or, for direct attributions and indirect quotes,
which never cross a sentence, a single sentence. It is tokenized on first use
only, so text far from any cue word or quotation mark is never tokenized; it
carries its paragraph's quoted regions and the attributed quotes that bound
indirect content inside it.
"""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass, field

from etl.doc import Doc, Span
from etl.quote_grammar import CUE_FIRST_WORDS, Tok, tokenize
from etl.sentences import ABBREVIATIONS

# case-insensitive words for the cheap cue test; cue words are lower-case in the lexicon
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(slots=True)
class Para:
    """A paragraph (or one sentence of it), tokenized on first use."""

    text: str
    start: int
    end: int
    # the paragraph's sentences as char spans
    spans: list[tuple[int, int]]
    # opening marks of attributed direct quotes: indirect content never runs into them
    barriers: list[int] = field(default_factory=list)
    # quoted regions of the paragraph as (start, end): content is never cut inside one
    quoted: list[tuple[int, int]] = field(default_factory=list)
    _toks: list[Tok] | None = None
    _starts: list[int] = field(default_factory=list)
    _sents: list[tuple[int, int]] = field(default_factory=list)

    def _load(self) -> list[Tok]:
        if self._toks is None:
            self._toks = tokenize(self.text, self.start, self.end)
            self._starts = [t.start for t in self._toks]
            self._sents = [(self.tok_at(a), self.tok_at(b)) for a, b in self.spans]
        return self._toks

    @property
    def toks(self) -> list[Tok]:
        return self._load()

    @property
    def sents(self) -> list[tuple[int, int]]:
        self._load()
        return self._sents

    def in_quote(self, pos: int) -> bool:
        k = bisect.bisect_right(self.quoted, (pos, sys.maxsize)) - 1
        return k >= 0 and self.quoted[k][0] <= pos < self.quoted[k][1]

    def tok_at(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        self._load()
        return bisect.bisect_left(self._starts, pos)

    def sent_of(self, ti: int) -> tuple[int, int]:
        for lo, hi in self.sents:
            if lo <= ti < hi:
                return lo, hi
        return self.sents[-1] if self.sents else (0, len(self.toks))


def has_cue_word(text: str, a: int, b: int) -> bool:
    """Does any word of ``text[a:b]`` start a reporting cue? (No tokens needed.)"""
    return not CUE_FIRST_WORDS.isdisjoint(_WORD.findall(text[a:b].lower()))


@dataclass(slots=True)
class Unit:
    start: int
    end: int
    kind: str
    cue: Span | None
    speaker: Span | None
    inherited: bool
    rank: str
    para: int


def paragraphs(doc: Doc) -> list[Para]:
    out: list[Para] = []
    cur: list[tuple[int, int]] = []
    cur_p: int | None = None

    def flush() -> None:
        if cur:
            out.append(Para(doc.text, cur[0][0], cur[-1][1], list(cur)))

    for s in doc.sentences:
        if s.paragraph != cur_p:
            flush()
            cur, cur_p = [], s.paragraph
        cur.append((s.start, s.end))
    flush()
    return out


def abbrev_stop(toks: list[Tok], j: int) -> bool:
    """The full stop at ``toks[j]`` belongs to an abbreviation or initial (``Mr.``, ``G.``)."""
    w = toks[j - 1].text if j > 0 and toks[j - 1].end == toks[j].start else ""
    return bool(w) and (w.lower() in ABBREVIATIONS or w in ABBREVIATIONS or (len(w) == 1 and w.isupper()))


def token_span(toks: list[Tok], rng: tuple[int, int] | None) -> Span | None:
    if rng is None or rng[0] >= rng[1]:
        return None
    return (toks[rng[0]].start, toks[rng[1] - 1].end)
