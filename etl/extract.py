"""One raw document -> the rows of every table for it.

Steps:

1. :func:`etl.articles.parse_article` fixes the text, title, date and body.
2. :func:`etl.quotes.find_quotes` finds statements, cues and speaker spans.
3. :func:`etl.entities.find_entities` finds the actors and their mentions.
4. :func:`etl.events.find_events` finds meetings, visits, calls, agreements.
5. Participants are the entities that act: quote speakers, event members,
   and entities the entity finder saw acting; numbered by first mention.
6. Ids are ``<article_id>:<letter><n>``, so re-running gives the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from etl.articles import RawDoc, parse_article
from etl.doc import Doc, Mention
from etl.entities import EntityIndex, entity_key, find_entities
from etl.events import find_events
from etl.quotes import find_quotes
from etl.records import Article, Event, EventParticipant, Participant, Quote


@dataclass(slots=True)
class ArticleTables:
    article: Article
    participants: list[Participant] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    event_participants: list[EventParticipant] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


def _span(m: Mention) -> tuple[int, int]:
    return m.start, m.end


def in_text_order(mentions: list[Mention]) -> list[Mention]:
    """``sorted(mentions, key=_span)`` by a typed insertion sort, stable as sorted is: an entity's
    mentions come nearly in order, and compiled, sorted's key called back through the
    interpreter's calling convention and built a tuple per mention."""
    out = list(mentions)
    for k in range(1, len(out)):
        m = out[k]
        j = k - 1
        while j >= 0 and (out[j].start > m.start or (out[j].start == m.start and out[j].end > m.end)):
            out[j + 1] = out[j]
            j -= 1
        out[j + 1] = m
    return out


def _participants(doc: Doc, index: EntityIndex, acting: set[int], aid: str) -> dict[int, Participant]:
    """Entity index -> participant row for every acting entity, numbered by first mention."""
    # each chosen entity's mentions in text order (the first of them is Entity.first)
    chosen = {
        i: in_text_order(e.mentions)
        for i, e in enumerate(index.entities)
        if (i in acting or e.acts) and e.mentions
    }
    out: dict[int, Participant] = {}
    for n, i in enumerate(sorted(chosen, key=lambda i: _span(chosen[i][0])), start=1):
        e = index.entities[i]
        aliases: list[str] = []
        for m in chosen[i]:
            if m.form == "pronoun":
                continue
            form = doc.text[m.start : m.end]
            if form != e.name and form not in aliases:
                aliases.append(form)
        first = chosen[i][0]
        out[i] = Participant(
            participant_id=f"{aid}:p{n}",
            article_id=aid,
            name=e.name,
            kind=e.kind,
            title=e.title,
            organization=e.organization,
            country=e.country,
            entity_key=entity_key(e.name),
            aliases=aliases,
            mentions=len(e.mentions),
            first_start=first.start,
            first_end=first.end,
        )
    return out


def extract_article(raw: RawDoc) -> ArticleTables:
    """Every table's rows for one document (raises ArticleParseError on an unusable one)."""
    parsed = parse_article(raw)
    art = parsed.article
    aid = art.article_id
    doc = Doc.from_parsed(parsed)
    index = find_entities(doc)
    quote_spans = find_quotes(doc)
    speakers = [index.resolve(q.speaker) if q.speaker else None for q in quote_spans]
    event_spans = find_events(doc, index)
    acting = {s for s in speakers if s is not None}
    for ev in event_spans:
        acting.update(ev.participants)
    parts = _participants(doc, index, acting, aid)

    quotes: list[Quote] = []
    for n, (q, who) in enumerate(zip(quote_spans, speakers, strict=True), start=1):
        p = parts.get(who) if who is not None else None
        quotes.append(
            Quote(
                quote_id=f"{aid}:q{n}",
                article_id=aid,
                text=doc.text[q.start : q.end],
                start=q.start,
                end=q.end,
                kind=q.kind,
                speaker=p.name if p else None,
                speaker_participant_id=p.participant_id if p else None,
                speaker_start=q.speaker[0] if q.speaker else None,
                speaker_end=q.speaker[1] if q.speaker else None,
                cue=doc.text[q.cue[0] : q.cue[1]] if q.cue else None,
                cue_start=q.cue[0] if q.cue else None,
                cue_end=q.cue[1] if q.cue else None,
            )
        )

    events: list[Event] = []
    members: list[EventParticipant] = []
    for n, ev in enumerate(event_spans, start=1):
        eid = f"{aid}:e{n}"
        events.append(
            Event(
                event_id=eid,
                article_id=aid,
                event_type=ev.event_type,
                cameo_code=ev.cameo_code,
                status=ev.status,
                trigger=doc.text[ev.trigger[0] : ev.trigger[1]],
                location=ev.location,
                location_country=ev.location_country,
                event_date=ev.event_date,
                date_text=ev.date_text,
                date_precision=ev.date_precision,
                start=ev.sentence[0],
                end=ev.sentence[1],
                confidence=ev.confidence,
                trigger_start=ev.trigger[0],
                trigger_end=ev.trigger[1],
            )
        )
        members.extend(
            EventParticipant(eid, parts[ent].participant_id, role) for ent, role in ev.participants.items()
        )
    members.sort(key=lambda m: (m.event_id, m.participant_id))
    return ArticleTables(
        article=art,
        # _participants numbers them in insertion order
        participants=list(parts.values()),
        events=events,
        event_participants=members,
        quotes=quotes,
    )
