"""Raw documents -> article records: title, date, dateline, body offsets.

Parsing is pure: a :class:`RawDoc` (text plus whatever metadata its source
carried) goes in, an :class:`etl.records.Article` and the offset where
extraction stops come out. Steps:

1. ``text`` is kept exactly as read; every offset points into it.
2. The title is the metadata title, else the first non-empty line.
3. Among the next few short lines, one that parses as a date (``July 15,
   2022 - 21:38``) gives ``published_at`` when the metadata has none; such
   header lines are skipped.
4. The body starts at the first remaining line; an opening ``TEHRAN—`` or
   ``BAKU, July 15 (Reuters) -`` is its ``dateline``, else a wire dateline
   behind a headline block (``SEOUL, Dec. 29 (Yonhap) --``).
5. Trailing site furniture (``Leave a Comment``, a captcha sum, share
   buttons) ends the extractable body: ``body_end``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from itertools import islice

from dateutil import parser as dateparser

from etl import sentences
from etl.lexicons import load_list
from etl.records import Article
from etl.sentences import iter_paragraphs, paragraphs_from_end

# Header lines after the title that may carry the date; a real body paragraph
# is longer than this, so a longer line ends the header (seen: dates, bylines
# and "Updated ..." lines stay under 80 characters).
MAX_HEADER_LINE = 80
MAX_HEADER_LINES = 4

FURNITURE: tuple[str, ...] = load_list("furniture")

_DATELINE = re.compile(
    r"""^(?P<place>[A-Z][A-Z.'’\- ]{1,40}?(?:,\s*[A-Z][A-Za-z.\- ]{1,30}?)?)   # TEHRAN / WASHINGTON, D.C.
        (?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?                               # , July 15
        (?:\s*\([A-Za-z .]+\))?                                             # (Reuters)
        \s*[—―–-]{1,2}\s*""",
    re.VERBOSE,
)
# Wire copy that opens with a headline block puts its dateline further in
# ("SEOUL, Dec. 29 (Yonhap) --"): searched for this far into the text; the
# month, the agency in brackets and the dash keep ordinary sentences out.
WIRE_DATELINE_WINDOW = 800
# The place opens with its first capital and then looks back for the word boundary: spelt
# with a leading \b, re tried the pattern at every offset of the window (21 against 8 us an
# article; tests/test_articles.py: same matches as the \b spelling).
_WIRE_DATELINE = re.compile(
    r"(?P<place>[A-Z](?<!\w[A-Z])[A-Z]{2,}(?:[ -][A-Z]{3,})*),\s+"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\s*"
    r"\([A-Z][\w .&-]*\)\s*(?:--|—|–|-)"
)
_DATEISH = re.compile(
    r"(?:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}|\d{1,2}\s+"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})",
    re.IGNORECASE,
)
# A word of n_words: letters and digits, with apostrophes inside (`don't`, `Xi’s`).
_WORD = re.compile(r"\w+(?:['’]\w+)*")
# n_words without the regex for the usual text (ASCII, with General Punctuation marks such
# as curly quotes and dashes, and no-break spaces): its UTF-8 bytes mapped to a class each
# (word, apostrophe, other), the words then counted by where they start. One re match per
# word was over half of parse_article; these byte passes take a third of that.
_ASCII_WORD = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_"
_CLASSES = bytes(
    ord("w") if c in _ASCII_WORD else ord("'") if c == ord("'") else ord(" ") for c in range(256)
)
# U+2000-U+203F (UTF-8 E2 80 xx) hold no letter or digit; U+2019 is the curly apostrophe.
_GENERAL_PUNCTUATION, _CURLY_APOSTROPHE, _NO_BREAK_SPACE = b"\xe2\x80", "’".encode(), b"\xc2\xa0"
# Compiled (etl.native), sentences.count_words is a C loop over the characters, a fifth of the
# byte passes' cost; interpreted, the same loop costs ten times as much as they do.
_TYPED_WORD_COUNT = not (sentences.__file__ or "").endswith(".py")


class ArticleParseError(ValueError):
    """A document that cannot become an article (no text, no title)."""


@dataclass(frozen=True, slots=True)
class RawDoc:
    """One input document as a reader produced it, before any parsing."""

    source: str
    text: str
    title: str | None = None
    published: str | dt.datetime | dt.date | None = None
    publisher: str | None = None
    url: str | None = None
    # the text's article id, when the run has hashed the text already (its duplicate check does,
    # before a batch goes to a worker): parse_article then does not hash it again
    text_id: str | None = None

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        # workers receive documents pickled; compiled (etl.native), a frozen dataclass's
        # default unpickling assigns its fields and is refused
        return RawDoc, (
            self.source,
            self.text,
            self.title,
            self.published,
            self.publisher,
            self.url,
            self.text_id,
        )


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    article: Article
    body_end: int

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        return ParsedArticle, (self.article, self.body_end)


def article_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def parse_date(value: str | dt.datetime | dt.date | None) -> dt.datetime | None:
    """A date or date-time as printed, with no time zone invented (an aware one is made naive)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    cleaned = re.sub(r"\s+[-|–—]\s+", " ", value.strip())
    try:
        parsed = dateparser.parse(cleaned, fuzzy=False, default=dt.datetime(1900, 1, 1))
    except (ValueError, OverflowError):
        return None
    if parsed.year == 1900:
        return None
    return parsed.replace(tzinfo=None)


def _header_date(line: str) -> dt.datetime | None:
    if len(line) > MAX_HEADER_LINE or not _DATEISH.search(line):
        return None
    return parse_date(line)


def find_dateline(text: str, body_start: int) -> str | None:
    """The body's opening ``TEHRAN—`` / ``BAKU, July 15 (Reuters) -``, else a wire dateline near the start."""
    line_end = text.find("\n", body_start)
    line = text[body_start : line_end if line_end >= 0 else len(text)]
    m = _DATELINE.match(line)
    if not m:
        return wire_dateline(text)
    place = m.group("place").strip(" ,")
    # an all-capital opening word is a dateline; a capitalised sentence start is not
    if not place or place != place.upper() or len(place.replace(" ", "")) < 2:
        return wire_dateline(text)
    return place


def wire_dateline(text: str) -> str | None:
    """``SEOUL, Dec. 29 (Yonhap) --`` near the start, for copy whose first lines are a headline block."""
    m = _WIRE_DATELINE.search(text, 0, WIRE_DATELINE_WINDOW)
    return m.group("place") if m else None


def find_body_end(text: str, body_start: int) -> int:
    """Offset where trailing site furniture begins (or the end of the text)."""
    end = len(text)
    cut = None
    for a, b in paragraphs_from_end(text, body_start):
        line = text[a:b].strip()
        lowered = line.lower()
        is_furniture = any(lowered.startswith(f) for f in FURNITURE) or bool(
            re.fullmatch(r"[\d\s+\-*x=?]+", line)
        )
        if not is_furniture:
            break
        cut = a
    return cut if cut is not None else end


def count_words(text: str) -> int:
    """How many words :data:`_WORD` finds in ``text``."""
    if _TYPED_WORD_COUNT:
        return sentences.count_words(text)
    return count_words_by_bytes(text)


def count_words_by_bytes(text: str) -> int:
    """:func:`count_words` by passes over the text's bytes (C loops, where the interpreter runs)."""
    raw = text.encode("utf-8", "surrogatepass")
    extra = len(raw) - len(text)
    if extra:
        # each General Punctuation mark adds two bytes, a no-break space one: any other
        # character besides ASCII (a letter among them) leaves bytes unaccounted for
        if extra != 2 * raw.count(_GENERAL_PUNCTUATION) + raw.count(_NO_BREAK_SPACE):
            return len(_WORD.findall(text))
        raw = raw.replace(_CURLY_APOSTROPHE, b"'")
    cls = raw.translate(_CLASSES)
    # a word starts at a letter after neither a letter nor an apostrophe that follows a letter
    # (`a'b` is one word, `'n'` and `a''b` are not joined)
    return (
        cls.startswith(b"w")
        + cls.startswith(b"'w")
        + cls.count(b" w")
        + cls.count(b" 'w")
        + cls.count(b"''w")
    )


def parse_article(doc: RawDoc) -> ParsedArticle:
    """Title, date, dateline and body offsets of one raw document."""
    text = doc.text
    if not text or text.isspace():
        raise ArticleParseError("empty text")
    # all that is read of them: the title, up to MAX_HEADER_LINES header lines, the body's first line
    paras = list(islice(iter_paragraphs(text), MAX_HEADER_LINES + 2))
    first_a, first_b = paras[0]
    published = parse_date(doc.published)
    title = (doc.title or "").strip()
    body_idx = 0
    if not title or text[first_a:first_b].strip() == title:
        title = text[first_a:first_b].strip()
        body_idx = 1
        # header lines: dates and other short non-sentences before the body
        for k in range(1, min(len(paras), 1 + MAX_HEADER_LINES)):
            a, b = paras[k]
            when = _header_date(text[a:b])
            if when is None:
                break
            published = published or when
            body_idx = k + 1
    if body_idx >= len(paras):
        body_idx = len(paras) - 1 if body_idx > 0 and len(paras) > 1 else 0
    body_start = paras[body_idx][0]
    body_end = max(find_body_end(text, body_start), body_start)
    return ParsedArticle(
        article=Article(
            article_id=doc.text_id or article_id(text),
            source=doc.source,
            publisher=doc.publisher,
            title=title,
            published_at=published,
            dateline=find_dateline(text, body_start),
            language="en",
            text=text,
            body_start=body_start,
            n_words=count_words(text),
        ),
        body_end=body_end,
    )
