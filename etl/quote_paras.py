"""Text spans as the quote extractor reads them, and its working records.

A :class:`Para` is a paragraph or, for direct attributions and indirect quotes,
which never cross a sentence, a single sentence. It is tokenized on first use
only, so text far from any cue word or quotation mark is never tokenized; it
carries its paragraph's quoted regions and the attributed quotes that bound
indirect content inside it.
"""

from __future__ import annotations

import sys
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import groupby
from operator import attrgetter

from etl.doc import Doc, Span
from etl.quote_grammar import Tok, tokenize_with_starts
from etl.sentences import ABBREVIATIONS

_LAZY = frozenset({"toks", "sents", "starts", "lows"})


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
    # The tokens and the sentences as token ranges, set by __getattr__ on first use: a
    # slot, once set, is read without a Python call (a property would make one per read).
    toks: list[Tok] = field(init=False, repr=False, compare=False)
    sents: list[tuple[int, int]] = field(init=False, repr=False, compare=False)
    # the tokens' start offsets, for bisecting
    starts: list[int] = field(init=False, repr=False, compare=False)
    # the tokens' lower case, for finding words of a lexicon without a Python-level step per token
    lows: list[str] = field(init=False, repr=False, compare=False)

    def __getattr__(self, name: str) -> list:
        # reached only while a slot is unset
        if name not in _LAZY:
            raise AttributeError(name)
        toks, starts, self.lows = tokenize_with_starts(self.text, self.start, self.end)
        self.toks, self.starts = toks, starts
        if self.spans == [(self.start, self.end)]:
            self.sents = [(0, len(toks))]  # one sentence (the usual case): all of the tokens
        else:
            self.sents = [(bisect_left(starts, a), bisect_left(starts, b)) for a, b in self.spans]
        return getattr(self, name)

    def in_quote(self, pos: int) -> bool:
        quoted = self.quoted
        if not quoted:
            return False
        k = bisect_right(quoted, (pos, sys.maxsize)) - 1
        return k >= 0 and quoted[k][0] <= pos < quoted[k][1]

    def tok_at(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect_left(self.starts, pos)

    def sent_of(self, ti: int) -> tuple[int, int]:
        sents = self.sents
        for lo, hi in sents:
            if lo <= ti < hi:
                return lo, hi
        return sents[-1] if sents else (0, len(self.toks))


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
    """The runs of ``doc.sentences`` with one paragraph number, in text order."""
    out: list[Para] = []
    for _, run in groupby(doc.sentences, key=attrgetter("paragraph")):
        spans = [(s.start, s.end) for s in run]
        out.append(Para(doc.text, spans[0][0], spans[-1][1], spans))
    return out


def abbrev_stop(toks: list[Tok], j: int) -> bool:
    """The full stop at ``toks[j]`` belongs to an abbreviation or initial (``Mr.``, ``G.``)."""
    w = toks[j - 1].text if j > 0 and toks[j - 1].end == toks[j].start else ""
    return bool(w) and (w.lower() in ABBREVIATIONS or w in ABBREVIATIONS or (len(w) == 1 and w.isupper()))


def token_span(toks: list[Tok], rng: tuple[int, int] | None) -> Span | None:
    if rng is None or rng[0] >= rng[1]:
        return None
    return (toks[rng[0]].start, toks[rng[1] - 1].end)
