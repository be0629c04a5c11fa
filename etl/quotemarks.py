"""Spans inside quotation marks, paragraph by paragraph.

Entities named only inside a quotation do not act, and pronouns there do not
point at the article's own referents, so the entity finder needs to know what
is quoted. Double marks only (straight, curly, guillemets): a single ``’`` is
far more often an apostrophe. An opening mark left unclosed at the paragraph's
end quotes nothing (multi-paragraph quotes reopen on every paragraph anyway).
"""

from __future__ import annotations

from typing import Final

from etl.quote_marks import char_positions, int_bisect_left

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
    """Fast 'is this offset inside a quotation' over spans sorted by start."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        # One byte per offset up to the last span's end, 1 inside: the entity passes ask for
        # every mention and pronoun, and a byte read costs a fraction of a bisection over
        # boxed offsets. The ones are what the bisection answered: offsets in the last span
        # starting at or before them (so a span reaches only up to the next one's start).
        parts: list[bytes] = []
        at = 0
        for k in range(len(spans)):
            a, b = spans[k]
            if k + 1 < len(spans):
                b = min(b, spans[k + 1][0])
            if a < at or b <= a:
                continue  # (never for the spans of quoted_spans: sorted and disjoint)
            parts.append(bytes(a - at))
            parts.append(b"\x01" * (b - a))
            at = b
        self._bits = b"".join(parts)

    def inside(self, pos: int) -> bool:
        return 0 <= pos < len(self._bits) and self._bits[pos] == 1
