"""The document that every extractor reads, and the span records they return.

Extractors are pure functions of a :class:`Doc`; they return plain span
records (offsets into ``Doc.text``) and never build table rows or ids: that
is :mod:`etl.extract`'s job, so that numbering stays in one place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from etl.articles import ParsedArticle
from etl.sentences import Sentence, split_sentences

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Doc:
    text: str
    title_end: int
    body_start: int
    body_end: int
    published: dt.datetime | None
    # the title's sentences first, then the body's; header lines (date,
    # byline) between them and furniture after body_end are left out
    sentences: list[Sentence]

    @classmethod
    def from_parsed(cls, parsed: ParsedArticle) -> Doc:
        art = parsed.article
        text = art.text
        title_end = text.find("\n")
        title_end = len(text) if title_end < 0 else title_end
        if art.body_start == 0:
            title_end = 0
        title_sents = split_sentences(text, 0, min(title_end, parsed.body_end)) if title_end else []
        offset = (title_sents[-1].paragraph + 1) if title_sents else 0
        body_sents = split_sentences(text, art.body_start, parsed.body_end, first_paragraph=offset)
        return cls(
            text=text,
            title_end=title_end,
            body_start=art.body_start,
            body_end=parsed.body_end,
            published=art.published_at,
            sentences=title_sents + body_sents,
        )


class QuoteSpan:
    """A reported statement found by :func:`etl.quotes.find_quotes`.

    A plain slotted class, not a dataclass: compiled with mypyc, a dataclass keeps its
    generated ``__init__`` as interpreted Python (2% of find_quotes).
    """

    __slots__ = ("cue", "end", "inherited", "kind", "speaker", "start")

    def __init__(
        self,
        start: int,
        end: int,
        kind: str,  # direct | indirect | mixed
        cue: Span | None = None,
        # the span the attribution points at ("Shamkhani", "He", "the SNSC chief");
        # for a quote attributed from context, the mention it inherits
        speaker: Span | None = None,
        inherited: bool = False,
    ) -> None:
        self.start = start
        self.end = end
        self.kind = kind
        self.cue = cue
        self.speaker = speaker
        self.inherited = inherited

    def _fields(self) -> tuple[int, int, str, Span | None, Span | None, bool]:
        return (self.start, self.end, self.kind, self.cue, self.speaker, self.inherited)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, QuoteSpan) and self._fields() == other._fields()

    def __repr__(self) -> str:
        return "QuoteSpan(start={}, end={}, kind={!r}, cue={}, speaker={}, inherited={})".format(
            *self._fields()
        )


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    form: str  # name | short | acronym | title | description | pronoun | demonym | capital


@dataclass(slots=True)
class Entity:
    """One actor of the article (a candidate participant)."""

    name: str
    kind: str  # person | organization | country
    title: str | None = None
    organization: str | None = None
    country: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    # True when the article's own reporting has it act (subject of a reporting
    # or action verb), not only mentioned
    acts: bool = False

    @property
    def first(self) -> Mention:
        return min(self.mentions, key=lambda m: (m.start, m.end))


@dataclass(slots=True)
class EventSpan:
    """An event found by :func:`etl.events.find_events`."""

    event_type: str
    cameo_code: str
    status: str
    trigger: Span
    sentence: Span
    # entity index (into EntityIndex.entities) -> role
    participants: dict[int, str] = field(default_factory=dict)
    location: str | None = None
    location_country: str | None = None
    event_date: dt.date | None = None
    date_text: str | None = None
    date_precision: str | None = None
    confidence: float = 0.5
