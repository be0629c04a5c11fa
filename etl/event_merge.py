"""One event per real-world occurrence: merging mentions, and what an event inherits.

A mention merges into an earlier event of the same type (and kind of
gathering) when their parties match (the visitor of a visit; two parties of
anything else), their dates and places are compatible and their statuses
agree; `the call`, `those talks` with too few parties of their own refer to
the last event of their kind; two mentions at the same place on compatible
dates are one gathering. `other`/`earlier` mentions stay apart.

Then an occurred meeting or agreement without place or date takes them from
the visit or meeting it happened during, and an undated visit is dated by
what happened during it.
"""

from __future__ import annotations

from typing import Final

from etl.doc import EventSpan
from etl.event_cues import DISTINCT_CUES
from etl.places import is_city

# Parties an event needs; a visit needs only its visitor.
MIN_PARTIES: Final = {"meeting": 2, "visit": 1, "call": 2, "agreement": 2}


class Found:
    """One event mention, before mentions of the same occurrence are merged.

    A plain class, not a dataclass: compiled with mypyc, a dataclass keeps its generated
    ``__init__`` interpreted. Compared by value as the dataclass was.
    """

    __slots__ = ("dated_by_text", "definite", "distinct", "form", "gathering", "members", "span")

    def __init__(
        self,
        span: EventSpan,
        form: str,
        distinct: str | None,
        gathering: str,
        definite: bool,
        dated_by_text: bool,
        members: set[int] | None = None,
    ) -> None:
        self.span = span
        self.form = form
        self.distinct = distinct
        self.gathering = gathering
        self.definite = definite
        self.dated_by_text = dated_by_text
        self.members: set[int] = set() if members is None else members

    def _fields(self) -> tuple[EventSpan, str, str | None, str, bool, bool, set[int]]:
        return (
            self.span,
            self.form,
            self.distinct,
            self.gathering,
            self.definite,
            self.dated_by_text,
            self.members,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Found):
            return NotImplemented
        return self._fields() == other._fields()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            "Found(span={!r}, form={!r}, distinct={!r}, gathering={!r}, definite={!r}, dated_by_text={!r}, "
            "members={!r})"
        ).format(*self._fields())


def _compatible_dates(a: EventSpan, b: EventSpan) -> bool:
    da, db = a.event_date, b.event_date
    if da is None or db is None:
        return True
    for precision in (a.date_precision, b.date_precision):
        if precision == "year" and da.year == db.year:
            return True
        if precision == "month" and da.timetuple()[:2] == db.timetuple()[:2]:
            return True
    return da == db


def _compatible_places(a: EventSpan, b: EventSpan) -> bool:
    """Same place, or one inside the other; a trip may take in several cities of one state."""
    if a.location is None or b.location is None or a.location == b.location:
        return True
    same_state = a.location_country is not None and a.location_country == b.location_country
    if a.event_type == "visit":
        return same_state
    return same_state and not (is_city(a.location) and is_city(b.location))


def _same_place(a: EventSpan, b: EventSpan) -> bool:
    return a.location is not None and a.location == b.location and a.event_type != "visit"


def _same_parties(a: Found, b: Found) -> bool:
    if a.span.event_type == "visit":
        va = {i for i, r in a.span.participants.items() if r == "visitor"}
        vb = {i for i, r in b.span.participants.items() if r == "visitor"}
        return bool(va & vb)
    return len(a.members & b.members) >= 2


def _absorb(into: Found, new: Found, same_parties: bool) -> None:
    s, n = into.span, new.span
    if same_parties:
        for i, role in n.participants.items():
            if s.participants.get(i, "participant") == "participant":
                s.participants[i] = role
        into.members |= new.members
    city_upgrade = n.location and is_city(n.location) and s.location and not is_city(s.location)
    if s.location is None or city_upgrade:
        s.location, s.location_country = n.location, n.location_country
    # a planned mention's date does not date an occurred event (nor the reverse)
    if s.event_date is None and n.event_date is not None and s.status == n.status:
        s.event_date, s.date_text, s.date_precision = n.event_date, n.date_text, n.date_precision
        into.dated_by_text = into.dated_by_text or new.dated_by_text


def _compatible_marks(a: str | None, b: str | None) -> bool:
    """`their second summit` may be the summit already reported; `other agreements` may not."""
    if a == b:
        return True
    kinds = {DISTINCT_CUES.get(a or ""), DISTINCT_CUES.get(b or "")}
    return None in kinds and "contrast" not in kinds and (a is None or b is None)


def merge(found: list[Found]) -> list[Found]:
    kept: list[Found] = []
    for f in found:
        target, by_parties = None, False
        for k in reversed(kept):
            if k.span.event_type != f.span.event_type or k.gathering != f.gathering:
                continue
            if (
                f.definite
                and _compatible_marks(k.distinct, f.distinct)
                and len(f.members) < MIN_PARTIES[f.span.event_type] + (f.span.event_type == "visit")
            ):
                # `the call`, `this state visit`: the last one of its kind
                target = k
                break
            if not _compatible_marks(k.distinct, f.distinct) or (
                f.span.status != k.span.status and not f.definite
            ):
                continue
            if not (_compatible_dates(k.span, f.span) and _compatible_places(k.span, f.span)):
                continue
            if _same_parties(k, f):
                target, by_parties = k, True
                break
            if _same_place(k.span, f.span) and (f.definite or k.members & f.members):
                # `the leaders' summit at Camp David`: one gathering per place and day
                target = k
                break
        if target is not None:
            _absorb(target, f, by_parties)
        else:
            kept.append(f)
    return kept


def inherit_context(kept: list[Found]) -> None:
    """An occurred meeting or agreement without place or date takes them from its visit or meeting."""
    for n, f in enumerate(kept):
        s = f.span
        if s.status != "occurred" or s.event_type not in ("meeting", "agreement") or f.distinct:
            continue
        for prev in reversed(kept[:n]):
            p = prev.span
            if p.status != "occurred" or p.event_type not in ("meeting", "visit") or prev.distinct:
                continue
            if not f.members & prev.members:
                continue
            if s.location is None and p.location is not None:
                s.location, s.location_country = p.location, p.location_country
            if s.event_date is None and p.event_date is not None and s.location in (None, p.location):
                s.event_date, s.date_precision = p.event_date, p.date_precision
            break


def date_visits(kept: list[Found]) -> None:
    """`who has traveled to Baku, met Aliyev on Friday`: a visit is dated by what happened during it."""
    for n, f in enumerate(kept):
        s = f.span
        if s.event_type != "visit" or s.event_date is not None or s.status != "occurred":
            continue
        for later in kept[n + 1 :]:
            t = later.span
            if (
                t.event_type in ("meeting", "agreement")
                and t.status == "occurred"
                and t.event_date
                and f.members & later.members
            ):
                if t.location in (None, s.location):
                    s.event_date, s.date_precision = t.event_date, t.date_precision
                break
