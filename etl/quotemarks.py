"""Spans inside quotation marks, paragraph by paragraph.

Entities named only inside a quotation do not act, and pronouns there do not
point at the article's own referents, so the entity finder needs to know what
is quoted. Double marks only (straight, curly, guillemets): a single ``’`` is
far more often an apostrophe. An opening mark left unclosed at the paragraph's
end quotes nothing (multi-paragraph quotes reopen on every paragraph anyway).
"""

from __future__ import annotations

from typing import Final

from etl.quote_marks import char_positions, int_bisect_left, int_bisect_right

# found with str.find per character (one C scan each), not a regex match per mark
_MARKS: Final = '"“”«»„'
_OPENERS: Final = "“«„"
_CLOSERS: Final = "”»"


def quoted_spans(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of every quoted stretch, marks included, in text order."""
    out: list[tuple[int, int]] = []
    found = char_positions(text, _MARKS)
    if not found:
        return out
    for a, b in paragraphs:
        open_at: int | None = None
        for i in found[int_bisect_left(found, a) : int_bisect_left(found, b)]:
            ch = text[i]
            if open_at is None:
                if ch in _OPENERS or ch == '"':
                    open_at = i
            elif ch in _CLOSERS or ch == '"':
                out.append((open_at, i + 1))
                open_at = None
            elif ch in _OPENERS:
                open_at = i
    return out


class QuoteMap:
    """Fast 'is this offset inside a quotation' over sorted, disjoint spans."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self._starts = [s for s, _ in spans]

    def inside(self, pos: int) -> bool:
        i = int_bisect_right(self._starts, pos) - 1
        return i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]
