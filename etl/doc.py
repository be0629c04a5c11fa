"""The document that every extractor reads, and the span records they return.

Extractors are pure functions of a :class:`Doc`; they return plain span
records (offsets into ``Doc.text``) and never build table rows or ids: that
is :mod:`etl.extract`'s job, so that numbering stays in one place.
"""

from __future__ import annotations

import datetime as dt

from mypy_extensions import mypyc_attr

from etl.articles import ParsedArticle
from etl.sentences import Sentence, split_sentences

Span = tuple[int, int]


class Doc:
    """The article as the extractors read it. Treat it as immutable.

    A plain class, not a frozen dataclass: compiled, the dataclass's generated ``__init__``
    ran interpreted (15,000 instructions an article, one ``object.__setattr__`` per field).
    """

    __slots__ = (
        "body_end",
        "body_start",
        "dateline",
        "dateline_known",
        "published",
        "sentences",
        "text",
        "title_end",
    )

    def __init__(
        self,
        text: str,
        title_end: int,
        body_start: int,
        body_end: int,
        published: dt.datetime | None,
        # the title's sentences first, then the body's; header lines (date,
        # byline) between them and furniture after body_end are left out
        sentences: list[Sentence],
        # parse_article's dateline, so that the extractors need not find it again; a Doc built
        # directly (tests) has none known and falls back to articles.find_dateline
        dateline: str | None = None,
        dateline_known: bool = False,
    ) -> None:
        self.text = text
        self.title_end = title_end
        self.body_start = body_start
        self.body_end = body_end
        self.published = published
        self.sentences = sentences
        self.dateline = dateline
        self.dateline_known = dateline_known

    def _fields(self) -> tuple[object, ...]:
        return (
            self.text,
            self.title_end,
            self.body_start,
            self.body_end,
            self.published,
            self.sentences,
            self.dateline,
            self.dateline_known,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Doc):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        # as the frozen dataclass hashed (its sentences list made that raise)
        return hash(self._fields())

    def __repr__(self) -> str:
        return (
            "Doc(text={!r}, title_end={!r}, body_start={!r}, body_end={!r}, published={!r}, "
            "sentences={!r}, dateline={!r}, dateline_known={!r})"
        ).format(*self._fields())

    @staticmethod
    def from_parsed(parsed: ParsedArticle) -> Doc:
        art = parsed.article
        text = art.text
        title_end = text.find("\n")
        title_end = len(text) if title_end < 0 else title_end
        if art.body_start < title_end:
            # the body opens on the title's line (a one-paragraph text, leading white space or
            # not): no title sentences, or the line would be read twice, as title and as body
            title_end = 0
        title_sents = split_sentences(text, 0, min(title_end, parsed.body_end)) if title_end else []
        offset = (title_sents[-1].paragraph + 1) if title_sents else 0
        body_sents = split_sentences(text, art.body_start, parsed.body_end, first_paragraph=offset)
        return Doc(
            text=text,
            title_end=title_end,
            body_start=art.body_start,
            body_end=parsed.body_end,
            published=art.published_at,
            sentences=title_sents + body_sents,
            dateline=art.dateline,
            dateline_known=True,
        )


@mypyc_attr(acyclic=True)
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


# Mention, Entity and EventSpan are plain classes, not dataclasses: compiled with mypyc, a
# dataclass keeps its generated ``__init__`` interpreted (a Mention cost 1,400 instructions to
# make). They compare by value as the dataclasses did (and are not hashed).


@mypyc_attr(acyclic=True)
class Mention:
    __slots__ = ("end", "form", "start")

    def __init__(
        self,
        start: int,
        end: int,
        form: str,  # name | short | acronym | title | description | pronoun | demonym | capital
    ) -> None:
        self.start = start
        self.end = end
        self.form = form

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Mention):
            return NotImplemented
        return self.start == other.start and self.end == other.end and self.form == other.form

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Mention(start={self.start!r}, end={self.end!r}, form={self.form!r})"


class Entity:
    """One actor of the article (a candidate participant)."""

    __slots__ = ("acts", "country", "kind", "mentions", "name", "organization", "title")

    def __init__(
        self,
        name: str,
        kind: str,  # person | organization | country
        title: str | None = None,
        organization: str | None = None,
        country: str | None = None,
        mentions: list[Mention] | None = None,
        # True when the article's own reporting has it act (subject of a reporting
        # or action verb), not only mentioned
        acts: bool = False,
    ) -> None:
        self.name = name
        self.kind = kind
        self.title = title
        self.organization = organization
        self.country = country
        self.mentions: list[Mention] = [] if mentions is None else mentions
        self.acts = acts

    def _fields(self) -> tuple[str, str, str | None, str | None, str | None, list[Mention], bool]:
        return (self.name, self.kind, self.title, self.organization, self.country, self.mentions, self.acts)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Entity):
            return NotImplemented
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            "Entity(name={!r}, kind={!r}, title={!r}, organization={!r}, country={!r}, "
            "mentions={!r}, acts={!r})"
        ).format(*self._fields())

    @property
    def first(self) -> Mention:
        """The earliest mention (``min`` by start, then end; the first of equals)."""
        if not self.mentions:
            raise ValueError("first of an entity without mentions")
        best = self.mentions[0]
        # a typed loop: min's key built a tuple per mention
        for m in self.mentions:
            if m.start < best.start or (m.start == best.start and m.end < best.end):
                best = m
        return best


class EventSpan:
    """An event found by :func:`etl.events.find_events`."""

    __slots__ = (
        "cameo_code",
        "confidence",
        "date_precision",
        "date_text",
        "event_date",
        "event_type",
        "location",
        "location_country",
        "participants",
        "sentence",
        "status",
        "trigger",
    )

    def __init__(
        self,
        event_type: str,
        cameo_code: str,
        status: str,
        trigger: Span,
        sentence: Span,
        # entity index (into EntityIndex.entities) -> role
        participants: dict[int, str] | None = None,
        location: str | None = None,
        location_country: str | None = None,
        event_date: dt.date | None = None,
        date_text: str | None = None,
        date_precision: str | None = None,
        confidence: float = 0.5,
    ) -> None:
        self.event_type = event_type
        self.cameo_code = cameo_code
        self.status = status
        self.trigger = trigger
        self.sentence = sentence
        self.participants: dict[int, str] = {} if participants is None else participants
        self.location = location
        self.location_country = location_country
        self.event_date = event_date
        self.date_text = date_text
        self.date_precision = date_precision
        self.confidence = confidence

    def _fields(self) -> tuple[object, ...]:
        return (
            self.event_type,
            self.cameo_code,
            self.status,
            self.trigger,
            self.sentence,
            self.participants,
            self.location,
            self.location_country,
            self.event_date,
            self.date_text,
            self.date_precision,
            self.confidence,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, EventSpan):
            return NotImplemented
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            "EventSpan(event_type={!r}, cameo_code={!r}, status={!r}, trigger={!r}, sentence={!r}, "
            "participants={!r}, location={!r}, location_country={!r}, event_date={!r}, date_text={!r}, "
            "date_precision={!r}, confidence={!r})"
        ).format(*self._fields())
