"""Character tests and scans as ``re`` reads them, for the readers written by hand.

Several extractors read a few words around a mention by hand where a regular
expression cost thousands of instructions per call; each such reader must
take ``\\w`` and ``\\s`` exactly as ``re`` does, so they share these.
"""

from __future__ import annotations


def word_char(ch: str) -> bool:
    """``\\w`` as re reads a str: an alphanumeric (str.isalnum) or the underscore."""
    return ch.isalnum() or ch == "_"


def word_end(text: str, i: int, limit: int) -> int:
    """The end of the run of ``\\w`` characters from ``i`` (``i`` itself when there is none)."""
    while i < limit and word_char(text[i]):
        i += 1
    return i


def skip_space(text: str, i: int, limit: int) -> int:
    """The first offset from ``i`` that is not white space (``\\s`` and str.isspace agree)."""
    while i < limit and text[i].isspace():
        i += 1
    return i
