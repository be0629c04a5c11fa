"""Character tests and scans as ``re`` reads them, for the readers written by hand.

Several extractors read a few words around a mention by hand where a regular
expression cost thousands of instructions per call; each such reader must
take ``\\w`` and ``\\s`` exactly as ``re`` does, so they share these.
"""

from __future__ import annotations


def word_char(ch: str) -> bool:
    """``\\w`` as re reads a str: an alphanumeric (str.isalnum) or the underscore."""
    return ch.isalnum() or ch == "_"


def word_code(c: int) -> bool:
    """:func:`word_char` of ``chr(c)``: for ASCII the ranges str.isalnum takes and the
    underscore. Compiled, ``ord(text[i])`` is read in place, where ``text[i]`` builds a
    one-character str to ask its method."""
    if c < 128:
        return 97 <= c <= 122 or 65 <= c <= 90 or 48 <= c <= 57 or c == 95
    return chr(c).isalnum()


def space_code(c: int) -> bool:
    """``chr(c).isspace()`` (``\\s``): for ASCII the space, tab to carriage return, and the four
    separators 28-31."""
    if c < 128:
        return c == 32 or 9 <= c <= 13 or 28 <= c <= 31
    return chr(c).isspace()


def word_end(text: str, i: int, limit: int) -> int:
    """The end of the run of ``\\w`` characters from ``i`` (``i`` itself when there is none)."""
    while i < limit and word_code(ord(text[i])):
        i += 1
    return i


def skip_space(text: str, i: int, limit: int) -> int:
    """The first offset from ``i`` that is not white space (``\\s`` and str.isspace agree)."""
    while i < limit and space_code(ord(text[i])):
        i += 1
    return i
