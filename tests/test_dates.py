"""Date expressions found in text and resolved against the publication date."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl import dates
from etl.dates import find_dates, resolve

# Friday 15 July 2022, the example article's publication date.
PUBLISHED = dt.date(2022, 7, 15)


def _one(
    text: str, published: dt.date | None = PUBLISHED, future: bool = False
) -> tuple[str, str, str] | None:
    found = find_dates(text)
    assert len(found) == 1, found
    got = resolve(found[0], published, future)
    return None if got is None else (found[0].text, got.date.isoformat(), got.precision)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("met Aliyev on Friday.", ("on Friday", "2022-07-15", "day")),
        ("they spoke on Monday", ("on Monday", "2022-07-11", "day")),
        ("signed last Saturday", ("last Saturday", "2022-07-09", "day")),
        ("arrived yesterday", ("yesterday", "2022-07-14", "day")),
        ("met today", ("today", "2022-07-15", "day")),
        ("met on July 14", ("on July 14", "2022-07-14", "day")),
        ("on December 20 they met", ("on December 20", "2021-12-20", "day")),
        ("signed 14 July 2022", ("14 July 2022", "2022-07-14", "day")),
        ("signed on July 14, 2022", ("on July 14, 2022", "2022-07-14", "day")),
        ("dated 2022-07-15", ("2022-07-15", "2022-07-15", "day")),
        ("a meeting in Tokyo Sunday", ("Sunday", "2022-07-10", "day")),
        ("SEOUL, Dec. 29 (Yonhap)", ("Dec. 29", "2021-12-29", "day")),
        ("visits in October", ("in October", "2021-10-01", "month")),
        ("signed in May 2021", ("May 2021", "2021-05-01", "month")),
        ("deals signed in 2022", ("in 2022", "2022-01-01", "year")),
        ("last month", ("last month", "2022-06-01", "month")),
        ("talks last year", ("last year", "2021-01-01", "year")),
        ("Following last year's summit", ("last year's", "2021-01-01", "year")),
        ("nearly five years ago", ("nearly five years ago", "2017-01-01", "year")),
        ("two months ago", ("two months ago", "2022-05-01", "month")),
        # a week (Monday 11 to Sunday 17 July) fixes only its month
        ("this week", ("this week", "2022-07-11", "month")),
        ("last week", ("last week", "2022-07-04", "month")),
        ("over the weekend", ("over the weekend", "2022-07-09", "month")),
    ],
)
def test_past_reporting(text: str, expected: tuple[str, str, str]) -> None:
    assert _one(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("will visit Tehran next month", ("next month", "2022-08-01", "month")),
        ("will meet on Friday", ("on Friday", "2022-07-15", "day")),
        ("will meet on Monday", ("on Monday", "2022-07-18", "day")),
        ("will meet next Friday", ("next Friday", "2022-07-22", "day")),
        ("is due in Europe in January", ("in January", "2023-01-01", "month")),
        ("will sign on July 14", ("on July 14", "2023-07-14", "day")),
        ("talks tomorrow", ("tomorrow", "2022-07-16", "day")),
    ],
)
def test_planned_events_look_ahead(text: str, expected: tuple[str, str, str]) -> None:
    assert _one(text, future=True) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("signed 14 July 2022", ("14 July 2022", "2022-07-14", "day")),
        ("deals signed in 2024", ("in 2024", "2024-01-01", "year")),
        ("in January 2004", ("January 2004", "2004-01-01", "month")),
        ("met on Friday", None),
        ("met yesterday", None),
        ("in October", None),
    ],
)
def test_without_publication_date_only_absolute_dates_resolve(
    text: str, expected: tuple[str, str, str] | None
) -> None:
    assert _one(text, published=None) == expected


@pytest.mark.parametrize(
    "text",
    [
        "He may visit Tehran.",  # the modal, not the month
        "1,500 troops arrived",
        "a 2.2 trillion won deal",
        "the 2030 agenda",  # a year needs a preposition before it
    ],
)
def test_no_date(text: str) -> None:
    assert find_dates(text) == []


def test_two_years_in_a_row_are_two_dates() -> None:
    found = find_dates("deals signed in 2022 and 2024")
    assert [d.text for d in found] == ["in 2022", "and 2024"]


def _ungated(text: str) -> list[tuple[int, int, str, tuple[tuple[str, str], ...]]]:
    """find_dates without its gates: every pattern runs."""
    taken: list[tuple[int, int]] = []
    out: list[tuple[int, int, str, tuple[tuple[str, str], ...]]] = []
    for kind, pat in dates.PATTERNS:
        for m in pat.finditer(text):
            a, b = m.span()
            if any(a < y and x < b for x, y in taken):
                continue
            taken.append((a, b))
            out.append((a, b, kind, tuple((k, v) for k, v in m.groupdict().items() if v is not None)))
    return sorted(out)


_DATE_BITS = st.sampled_from(
    [
        "ago",
        "AGO",
        "weekend",
        "WeeK",
        "week",
        "month",
        "YEAR",
        "to",
        "TONİGHT",
        "tonıght",
        "Tomorrow",
        "Friday",
        "FRIDAY",
        "today",
        "May",
        "in",
        "last",
        "next",
        "2019",
        "14",
        "three",
        " ",
        ", ",
        "the",
        "earlier",
        "later",
        "on",
        "yesterday",
        "ſunday",
        "x",
    ]
)


@given(st.lists(_DATE_BITS, max_size=14).map(" ".join), st.integers(0, 30), st.integers(0, 90))
def test_a_stretch_gives_the_dates_every_pattern_finds_in_it(text: str, start: int, end: int) -> None:
    end = min(max(start, end), len(text))
    start = min(start, end)
    got = [(d.start, d.end, d.kind, d.fields) for d in dates.find_dates(text, start, end)]
    assert sorted(got) == _ungated_from(text, start, end)


def _ungated_from(text: str, start: int, end: int) -> list[tuple[int, int, str, tuple[tuple[str, str], ...]]]:
    """find_dates over ``text[start:end]`` without its gates: every pattern runs from ``start``."""
    taken: list[tuple[int, int]] = []
    out: list[tuple[int, int, str, tuple[tuple[str, str], ...]]] = []
    for kind, pat in dates.PATTERNS:
        for m in pat.finditer(text, start, end):
            a, b = m.span()
            if any(a < y and x < b for x, y in taken):
                continue
            taken.append((a, b))
            out.append((a, b, kind, tuple((k, v) for k, v in m.groupdict().items() if v is not None)))
    return sorted(out)


@given(st.lists(_DATE_BITS, max_size=12).map(" ".join))
def test_gates_never_change_the_dates(text: str) -> None:
    got = [(d.start, d.end, d.kind, d.fields) for d in dates.find_dates(text)]
    assert sorted(got) == _ungated(text)


# the ISO pattern as first spelt, with the look-behind in front
_ISO_LOOKBEHIND_FIRST = re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<mnum>\d\d)-(?P<day>\d\d)(?!\d)")


@given(st.text(alphabet="0129-x٣ ", max_size=20), st.integers(0, 5), st.integers(0, 25))
def test_iso_pattern_matches_as_first_spelt(text: str, start: int, end: int) -> None:
    from etl.dates import PATTERNS

    kind, iso = PATTERNS[0]
    assert kind == "iso"

    def found(p: re.Pattern[str]) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
        return [(m.span(), m.groupdict()) for m in p.finditer(text, start, end)]

    assert found(iso) == found(_ISO_LOOKBEHIND_FIRST)
