"""Reported statements: direct, indirect and mixed quotes with cue and speaker span."""

from __future__ import annotations

from etl.doc import Doc, QuoteSpan


def find_quotes(doc: Doc) -> list[QuoteSpan]:
    """Quotes of the document in text order (placeholder until the extractor lands)."""
    return []
