"""Text spans as the quote extractor reads them, and its working records.

A :class:`Para` is a paragraph or, for direct attributions and indirect quotes,
which never cross a sentence, a single sentence. It is tokenized on first use
only, so text far from any cue word or quotation mark is never tokenized; it
carries its paragraph's quoted regions and the attributed quotes that bound
indirect content inside it.
"""

from __future__ import annotations

from mypy_extensions import i64, mypyc_attr

from etl.doc import Doc, Span
from etl.quote_grammar import Tok, tokenize
from etl.sentences import ABBREVIATIONS


@mypyc_attr(acyclic=True)
class Para:
    """A paragraph (or one sentence of it), tokenized on first use.

    A plain class with its own ``__init__``, not a dataclass: compiled with mypyc it is a
    native class built by a native call, where a dataclass's generated ``__init__`` runs as
    interpreted Python (one Para per sentence the quote passes read).
    """

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        spans: list[tuple[int, int]],
        barriers: list[int] | None = None,
        quoted: list[tuple[int, int]] | None = None,
    ) -> None:
        self.text = text
        self.start = start
        self.end = end
        # the paragraph's sentences as char spans
        self.spans = spans
        # opening marks of attributed direct quotes: indirect content never runs into them
        self.barriers: list[int] = [] if barriers is None else barriers
        # quoted regions of the paragraph as (start, end): content is never cut inside one
        self.quoted: list[tuple[int, int]] = [] if quoted is None else quoted
        # The tokens and the sentences as token ranges: set by tokenize() on the first read of
        # either, through the properties below. (No list of start offsets: tok_at bisects over
        # the tokens' own start fields; no list of their lower cases: compiled, a token's
        # ``low`` is a struct field.)
        self._toks: list[Tok] | None = None
        self._sents: list[tuple[int, int]] = []

    @property
    def toks(self) -> list[Tok]:
        toks = self._toks
        if toks is None:
            toks = self.tokenize()
        return toks

    @property
    def sents(self) -> list[tuple[int, int]]:
        if self._toks is None:
            self.tokenize()
        return self._sents

    def tokenize(self) -> list[Tok]:
        toks = tokenize(self.text, self.start, self.end)
        spans = self.spans
        if len(spans) == 1 and spans[0][0] == self.start and spans[0][1] == self.end:
            sents = [(0, len(toks))]  # one sentence (the usual case): all of the tokens
        else:
            sents = [(_first_at(toks, a), _first_at(toks, b)) for a, b in spans]
        self._toks, self._sents = toks, sents
        return toks

    def is_tokenized(self) -> bool:
        return self._toks is not None

    def in_quote(self, pos: int) -> bool:
        quoted = self.quoted
        if not quoted:
            return False
        # the last region starting at or before pos (bisect_right of (pos, maxsize) over the
        # pairs), found by a typed loop: compiled, no generic tuple comparisons
        lo: i64 = 0
        hi: i64 = len(quoted)
        while lo < hi:
            mid = (lo + hi) >> 1
            if pos < quoted[mid][0]:
                hi = mid
            else:
                lo = mid + 1
        k = lo - 1
        return k >= 0 and quoted[k][0] <= pos < quoted[k][1]

    def tok_at(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return _first_at(self.toks, pos)

    def sent_of(self, ti: int) -> tuple[int, int]:
        sents = self.sents
        for lo, hi in sents:
            if lo <= ti < hi:
                return lo, hi
        return sents[-1] if sents else (0, len(self.toks))


@mypyc_attr(acyclic=True)
class Unit:
    """A quote being built: char span, kind, cue and speaker spans, rank and paragraph index.

    A plain slotted class for the reason Para is one.
    """

    __slots__ = ("cue", "end", "inherited", "kind", "para", "rank", "speaker", "start")

    def __init__(
        self,
        start: int,
        end: int,
        kind: str,
        cue: Span | None,
        speaker: Span | None,
        inherited: bool,
        rank: str,
        para: int,
    ) -> None:
        self.start = start
        self.end = end
        self.kind = kind
        self.cue = cue
        self.speaker = speaker
        self.inherited = inherited
        self.rank = rank
        self.para = para


def _first_at(toks: list[Tok], pos: int) -> int:
    """Index of the first of ``toks`` starting at or after ``pos`` (bisect_left over their
    starts, read from the tokens: no list of boxed offsets to build per tokenized text)."""
    lo: i64 = 0
    hi: i64 = len(toks)
    while lo < hi:
        mid = (lo + hi) >> 1
        if toks[mid].start < pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


def paragraphs(doc: Doc) -> list[Para]:
    """The runs of ``doc.sentences`` with one paragraph number, in text order."""
    out: list[Para] = []
    sentences = doc.sentences
    k = 0
    while k < len(sentences):
        number = sentences[k].paragraph
        spans: list[tuple[int, int]] = []
        while k < len(sentences) and sentences[k].paragraph == number:
            spans.append((sentences[k].start, sentences[k].end))
            k += 1
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
