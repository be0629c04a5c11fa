"""Bounded caches: a value is kept until the cache fills, then the cache starts over."""

from __future__ import annotations

from etl.caches import remember


def test_remember_keeps_values_and_starts_over_when_full() -> None:
    cache: dict[str, int] = {}
    assert remember(cache, "a", 1, limit=2) == 1
    assert remember(cache, "b", 2, limit=2) == 2
    assert cache == {"a": 1, "b": 2}
    # full: emptied before the new entry, so it never holds more than the limit
    assert remember(cache, "c", 3, limit=2) == 3
    assert cache == {"c": 3}
