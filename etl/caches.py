"""Bounded caches of the extractors: plain dicts a worker keeps for its whole life.

Compiled, a dict lookup is read natively, where an ``lru_cache`` wrapper costs a
generic call, a key tuple and a list reorder per question. The caches hold
verdicts on words and pieces of text, whose vocabulary is far smaller than a
corpus; a full cache is emptied rather than trimmed, since the words that
matter come back within an article or two.
"""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


def remember(cache: dict[K, V], key: K, value: V, limit: int) -> V:
    """Store ``value`` under ``key`` and return it; a cache of ``limit`` entries is emptied first."""
    if len(cache) >= limit:
        cache.clear()
    cache[key] = value
    return value
