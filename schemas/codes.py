"""Code lists of the data contract (``../shared/spec/tables.md``), in one place.

Every column with a fixed set of values takes it from here, so that the
schemas, the cross-table validation and the SQL checks agree.
"""

from __future__ import annotations

import pycountry

COUNTRY_CODES: frozenset[str] = frozenset(c.alpha_3 for c in pycountry.countries)
LANGUAGE_CODES: frozenset[str] = frozenset(
    lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2")
)

PARTICIPANT_KINDS: tuple[str, ...] = ("person", "organization", "country")
EVENT_STATUSES: tuple[str, ...] = ("occurred", "planned", "denied")
DATE_PRECISIONS: tuple[str, ...] = ("day", "month", "year")
ROLES: tuple[str, ...] = ("visitor", "host", "participant")
QUOTE_KINDS: tuple[str, ...] = ("direct", "indirect", "mixed")

# CAMEO codes allowed for each event type, as the contract lists them: a
# meeting is 040 (043 when hosted, 044 at a third place), a visit 042, a call
# 040, an agreement 057. A new event type comes with its codes here.
EVENT_CAMEO: dict[str, frozenset[str]] = {
    "meeting": frozenset({"040", "043", "044"}),
    "visit": frozenset({"042"}),
    "call": frozenset({"040"}),
    "agreement": frozenset({"057"}),
}
EVENT_TYPES: tuple[str, ...] = tuple(EVENT_CAMEO)
CAMEO_CODES: tuple[str, ...] = tuple(sorted(set().union(*EVENT_CAMEO.values())))
