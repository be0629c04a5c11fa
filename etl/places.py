"""Place names and the state they belong to (ISO 3166-1 alpha-3).

States and capitals come from :mod:`etl.countries` (pycountry plus its
lexicons), so that a place and an actor get the same code; ``cities.tsv`` adds
the other cities and venues where diplomacy is reported. A city is a finer
location than its state (`Baghdad` is preferred to `Iraq`).
"""

from __future__ import annotations

from typing import Final

from etl.countries import capitals, country_names
from etl.lexicons import load_map

CITIES: Final[dict[str, str]] = load_map("cities")


def _strip_article(name: str) -> str:
    return name.strip().removeprefix("the ").removeprefix("The ")


def country_code(name: str) -> str | None:
    """Alpha-3 code of the state a country or city name stands for."""
    plain = _strip_article(name)
    return country_names().get(plain) or capitals().get(plain) or CITIES.get(plain)


def is_city(name: str) -> bool:
    """True for a city or venue (a location finer than its state)."""
    plain = _strip_article(name)
    return plain in CITIES or plain in capitals()
