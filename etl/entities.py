"""Actors of an article: persons, organizations and countries, with their mentions."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from etl.doc import Doc, Entity, Mention, Span


def entity_key(name: str) -> str:
    """Cross-article key: case-folded, accents removed, single-spaced."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", plain).strip().casefold()


@dataclass(slots=True)
class EntityIndex:
    entities: list[Entity] = field(default_factory=list)

    def resolve(self, span: Span) -> int | None:
        """Entity that the span (name, short name, description, pronoun) refers to."""
        return None

    def entities_in(self, span: Span) -> list[tuple[Mention, int]]:
        """Mentions inside ``span`` with their entity index, in text order."""
        out = [(m, i) for i, e in enumerate(self.entities) for m in e.mentions
               if span[0] <= m.start and m.end <= span[1]]
        return sorted(out, key=lambda mi: (mi[0].start, mi[0].end))


def find_entities(doc: Doc) -> EntityIndex:
    """All candidate actors of the document (placeholder until the extractor lands)."""
    return EntityIndex()
