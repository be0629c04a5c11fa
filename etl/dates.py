"""Date expressions in news text, resolved against the publication date.

Steps:

1. :func:`find_dates` finds every date expression in a stretch of text, longest
   first and without overlaps: ISO dates, `14 July 2022`, `July 14, 2022`,
   `on July 14`, `July 2022`, `in October`, `in 2022`, weekdays (`on Friday`,
   `last Saturday`), day words (`yesterday`), `last week`, `next month`,
   `this year`, `over the weekend`, `five years ago`.
2. :func:`resolve` turns one of them into a calendar date and a precision
   (`day`, `month` or `year`: how much of the date the text fixes). Relative
   expressions need the publication date; without it only absolute ones
   resolve. ``future`` says whether the event is planned: a bare weekday or
   month then means the next one, otherwise the latest one on or before the
   publication date.

A span that covers several days (a week, a weekend) resolves to its first
day, with the coarsest precision that still holds for all of it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from etl.lexicons import load_map
from etl.word_trie import trie_pattern

_WORDS: Final = load_map("date_words")
MONTHS: Final[dict[str, int]] = {k: int(v.split(":")[1]) for k, v in _WORDS.items() if v.startswith("month:")}
WEEKDAYS: Final[dict[str, int]] = {
    k: int(v.split(":")[1]) for k, v in _WORDS.items() if v.startswith("weekday:")
}
DAY_WORDS: Final[dict[str, int]] = {
    k: int(v.split(":")[1]) for k, v in _WORDS.items() if v.startswith("day:")
}
UNIT_MODIFIERS: Final[dict[str, int]] = {k: int(v) for k, v in load_map("date_units").items()}
NUMBER_WORDS: Final[dict[str, int]] = {k: int(v) for k, v in load_map("number_words").items()}

# Years a news date can plausibly name; gates bare four-digit numbers so that
# amounts (`1500 troops`) are not read as years.
MIN_YEAR, MAX_YEAR = 1900, 2099


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MONTH: Final = rf"(?P<month>{_alt(list(MONTHS))})(?![A-Za-z])"
_DAY: Final = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR: Final = r"(?P<year>(?:19|20)\d\d)(?!\d)"
_WEEKDAY: Final = rf"(?P<weekday>{_alt(list(WEEKDAYS))})"
_NUM: Final = rf"(?P<num>\d+|{_alt(list(NUMBER_WORDS))}|several|a few)"
_MOD: Final = rf"(?P<mod>{_alt(list(UNIT_MODIFIERS))})"
# Words that can sit before a bare month or year to make it a date (`in October`,
# `since 2004`); May also needs one, to tell it from the modal verb.
_PREP: Final = r"(?:in|since|during|until|by|of|from|and|or|early|late|mid-?|end of|beginning of|through)"

# Patterns in priority order: an earlier one wins an overlap.
PATTERNS: Final[list[tuple[str, re.Pattern[str]]]] = [
    # (?<!\d) after the first digit, not before it: re then skips to the digits
    ("iso", re.compile(r"(?P<year>\d(?<!\d\d)\d{3})-(?P<mnum>\d\d)-(?P<day>\d\d)(?!\d)")),
    ("dmy", re.compile(rf"(?<!\d)(?:on )?{_DAY} {_MONTH},? {_YEAR}")),
    ("mdy", re.compile(rf"\b(?:on )?{_MONTH} {_DAY},? {_YEAR}")),
    ("md", re.compile(rf"\b(?:on )?{_MONTH} {_DAY}(?![\d,]*\d)(?!\w)")),
    ("dm", re.compile(rf"(?<![\d.,])\b(?:on )?{_DAY} {_MONTH}")),
    ("my", re.compile(rf"\b{_MONTH},? {_YEAR}")),
    (
        "ago",
        re.compile(
            rf"(?i)\b(?:nearly |almost |about |some |more than )?{_NUM} (?P<unit>day|week|month|year)s? ago\b"
        ),
    ),
    ("weekend", re.compile(rf"(?i)\b(?:over |during |at )?(?:the |{_MOD} )weekend\b")),
    ("unit", re.compile(rf"(?i)\b{_MOD} (?P<unit>week|month|year)(?:'s|’s)?\b")),
    (
        "weekday",
        re.compile(rf"(?i)\b(?:(?:on|last|next|this|later|earlier|early|late) )?{_WEEKDAY}(?:'s|’s)?\b"),
    ),
    ("dayword", re.compile(rf"(?i)\b(?:earlier |later )?(?P<dayword>{_alt(list(DAY_WORDS))})\b")),
    ("month", re.compile(rf"\b(?:{_PREP}) (?:the )?{_MONTH}(?! {_DAY})")),
    ("month", re.compile(rf"\b(?!May\b){_MONTH}(?!\s*[\d])")),
    ("year", re.compile(rf"(?i)\b(?:{_PREP}) {_YEAR}\b(?![-.,]\d)")),
]


# What each of PATTERNS cannot match without, tested once per call with a fast search (a
# character class or a literal, which re skips to; most patterns open with \b, which re tries
# at every offset): most stretches name no month, no weekday and no number, and their
# patterns need not run.
_GATES: Final[dict[str, re.Pattern[str]]] = {
    "digit": re.compile(r"\d"),
    "month": re.compile(trie_pattern(MONTHS)),
}
# The gates of the case-insensitive patterns: words looked for in the lower-cased stretch
# (str.find; a case-insensitive regex has no literal to skip to and is tried at every offset).
# Under re.IGNORECASE their letters match only what lowers to them, but for `i`, which also
# matches `ı` and `İ` (lowered `i` and U+0307): either in the stretch opens the gate.
_WORD_GATES: Final[dict[str, tuple[str, ...]]] = {
    "ago": ("ago",),
    "weekend": ("weekend",),
    "unit": ("week", "month", "year"),
    # every weekday and day word but two ends in "day"
    "day": ("day", "tonight", "tomorrow", "\u0131", "\u0307"),
}
_NEEDS: Final[list[tuple[str, ...]]] = [
    ("digit",),  # iso
    ("digit", "month"),  # dmy
    ("digit", "month"),  # mdy
    ("digit", "month"),  # md
    ("digit", "month"),  # dm
    ("digit", "month"),  # my
    ("ago",),
    ("weekend",),
    ("unit",),
    ("day",),  # weekday
    ("day",),  # dayword
    ("month",),
    ("month",),
    ("digit",),  # year
]
assert len(_NEEDS) == len(PATTERNS)
assert {*_GATES, *_WORD_GATES} == {needs[0] for needs in _NEEDS if len(needs) == 1}
assert all(w.endswith("day") for w in WEEKDAYS) and all(
    w.endswith("day") or w in ("tonight", "tomorrow") for w in DAY_WORDS
)

_DAY_NEEDS: Final = ("day",)
_DAY_GATE_WORDS: Final = ("day", "tonight", "tomorrow")
# The longest a weekday or day-word match runs before its gate word: the longest lead word and
# space (`earlier `), and the longest word.
_DAY_REACH: Final = len("earlier ") + max(len(w) for w in [*WEEKDAYS, *DAY_WORDS])


# A plain class, not a frozen dataclass: compiled with mypyc, a dataclass keeps its generated
# ``__init__`` interpreted. Compared and hashed by value as the dataclass was; treat as immutable.
class DateMention:
    __slots__ = ("end", "fields", "kind", "start", "text")

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        kind: str,
        fields: tuple[tuple[str, str], ...],
    ) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.kind = kind
        self.fields = fields

    def _key(self) -> tuple[int, int, str, str, tuple[tuple[str, str], ...]]:
        return (self.start, self.end, self.text, self.kind, self.fields)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DateMention):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return "DateMention(start={!r}, end={!r}, text={!r}, kind={!r}, fields={!r})".format(*self._key())

    def get(self, key: str) -> str | None:
        return dict(self.fields).get(key)


# A plain class, not a frozen dataclass: compiled with mypyc, a dataclass keeps its generated
# ``__init__`` interpreted. Compared and hashed by value as the dataclass was; treat as immutable.
class ResolvedDate:
    __slots__ = ("date", "precision")

    def __init__(
        self,
        date: dt.date,
        precision: str,  # day | month | year
    ) -> None:
        self.date = date
        self.precision = precision

    def _key(self) -> tuple[dt.date, str]:
        return (self.date, self.precision)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ResolvedDate):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return "ResolvedDate(date={!r}, precision={!r})".format(*self._key())


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Date expressions in ``text[start:end]`` in text order, without overlaps."""
    end = len(text) if end is None else end
    taken: list[tuple[int, int]] = []
    out: list[DateMention] = []
    # every gate is some pattern's only need, so each is tested anyway: once, up front
    present = {need for need, gate in _GATES.items() if gate.search(text, start, end)}
    low = text[start:end].lower()
    for need, words in _WORD_GATES.items():
        if any(w in low for w in words):
            present.add(need)
    day_from = start
    if "day" in present and len(low) == end - start and "\u0131" not in low and "\u0307" not in low:
        # each match of a weekday or day word holds one of these words at the same offset in
        # the lower-cased stretch (of the same length, no `ı` nor `İ`), at most _DAY_REACH
        # characters after its start: re need not try the offsets well before the first
        first = end - start
        for w in _DAY_GATE_WORDS:
            at = low.find(w)
            if 0 <= at < first:
                first = at
        day_from = start + max(0, first - _DAY_REACH)
    for (kind, pat), needs in zip(PATTERNS, _NEEDS, strict=True):
        if not present.issuperset(needs):
            continue
        for m in pat.finditer(text, day_from if needs == _DAY_NEEDS else start, end):
            a, b = m.span()
            if any(a < y and x < b for x, y in taken):
                continue
            fields = tuple((k, v) for k, v in m.groupdict().items() if v is not None)
            taken.append((a, b))
            out.append(DateMention(a, b, text[a:b], kind, fields))
    return sorted(out, key=lambda d: d.start)


def _precision_of(first: dt.date, last: dt.date) -> str | None:
    """The finest unit that holds for every day from ``first`` to ``last``."""
    if first == last:
        return "day"
    if (first.year, first.month) == (last.year, last.month):
        return "month"
    if first.year == last.year:
        return "year"
    return None


def _range(first: dt.date, last: dt.date) -> ResolvedDate | None:
    precision = _precision_of(first, last)
    return ResolvedDate(first, precision) if precision else None


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    n = year * 12 + (month - 1) + by
    return n // 12, n % 12 + 1


def _month_of(mention: DateMention) -> int:
    word = mention.get("month") or ""
    return MONTHS[word] if word in MONTHS else int(mention.get("mnum") or 0)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _nearest_year(month: int, day: int, ref: dt.date, future: bool) -> dt.date | None:
    """The month-day in the year that puts it on the right side of ``ref``."""
    this = _safe_date(ref.year, month, day)
    if this is None:
        return None
    if future:
        return this if this >= ref else _safe_date(ref.year + 1, month, day)
    return this if this <= ref else _safe_date(ref.year - 1, month, day)


def _count(mention: DateMention) -> int | None:
    raw = (mention.get("num") or "").lower()
    if raw.isdigit():
        return int(raw)
    return NUMBER_WORDS.get(raw)


def _weekday(mention: DateMention, ref: dt.date, future: bool) -> dt.date:
    target = WEEKDAYS[(mention.get("weekday") or "").lower()]
    lead = mention.text.split()[0].lower()
    if lead == "next" or (future and lead not in ("last", "earlier")):
        ahead = (target - ref.weekday()) % 7
        return ref + dt.timedelta(days=ahead or (7 if lead == "next" else 0))
    back = (ref.weekday() - target) % 7
    if lead == "last" and back == 0:
        back = 7
    return ref - dt.timedelta(days=back)


def _relative(mention: DateMention, ref: dt.date, future: bool) -> ResolvedDate | None:
    kind = mention.kind
    if kind == "weekday":
        return ResolvedDate(_weekday(mention, ref, future), "day")
    if kind == "dayword":
        offset = DAY_WORDS[(mention.get("dayword") or "").lower()]
        return ResolvedDate(ref + dt.timedelta(days=offset), "day")
    if kind in ("md", "dm"):
        day = _nearest_year(_month_of(mention), int(mention.get("day") or 0), ref, future)
        return ResolvedDate(day, "day") if day else None
    if kind == "month":
        month = _month_of(mention)
        year = ref.year
        if future and month < ref.month:
            year += 1
        elif not future and month > ref.month:
            year -= 1
        return ResolvedDate(dt.date(year, month, 1), "month")
    if kind == "weekend":
        # "last weekend" and "over the weekend" both mean the latest one in
        # past-tense reporting; any weekend of a planned event is the next one
        if future:
            saturday = ref + dt.timedelta(days=(5 - ref.weekday()) % 7)
        else:
            saturday = ref - dt.timedelta(days=(ref.weekday() - 5) % 7)
        return _range(saturday, saturday + dt.timedelta(days=1))
    if kind == "unit":
        return _unit(mention.get("unit") or "", UNIT_MODIFIERS[(mention.get("mod") or "").lower()], ref)
    if kind == "ago":
        n = _count(mention)
        return None if n is None else _unit(mention.get("unit") or "", -n, ref)
    return None


def _unit(unit: str, by: int, ref: dt.date) -> ResolvedDate | None:
    unit = unit.lower()
    if unit == "day":
        return ResolvedDate(ref + dt.timedelta(days=by), "day")
    if unit == "week":
        monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=by)
        return _range(monday, monday + dt.timedelta(days=6))
    if unit == "month":
        year, month = _shift_month(ref.year, ref.month, by)
        return ResolvedDate(dt.date(year, month, 1), "month")
    if unit == "year":
        return ResolvedDate(dt.date(ref.year + by, 1, 1), "year")
    return None


def resolve(mention: DateMention, published: dt.date | None, future: bool = False) -> ResolvedDate | None:
    """Calendar date and precision of ``mention``; None when the text does not fix one."""
    kind = mention.kind
    if kind in ("iso", "dmy", "mdy"):
        day = _safe_date(int(mention.get("year") or 0), _month_of(mention), int(mention.get("day") or 0))
        return ResolvedDate(day, "day") if day else None
    if kind == "my":
        return ResolvedDate(dt.date(int(mention.get("year") or 0), _month_of(mention), 1), "month")
    if kind == "year":
        year = int(mention.get("year") or 0)
        return ResolvedDate(dt.date(year, 1, 1), "year") if MIN_YEAR <= year <= MAX_YEAR else None
    if published is None:
        return None
    return _relative(mention, published, future)
