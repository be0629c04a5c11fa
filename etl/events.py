"""Meetings, visits, calls and agreements, with participants, place, date and status."""

from __future__ import annotations

from etl.doc import Doc, EventSpan
from etl.entities import EntityIndex


def find_events(doc: Doc, index: EntityIndex) -> list[EventSpan]:
    """Events of the document in text order (placeholder until the extractor lands)."""
    return []
