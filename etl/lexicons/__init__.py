"""Lexicons as data: one entry per line in ``<name>.txt`` beside this file.

Lines starting with ``#`` are comments (each file says what it gates and where
its entries come from); blank lines are skipped. ``.tsv`` files map a key to
a value with a tab between them.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


def _lines(filename: str) -> list[str]:
    raw = resources.files(__package__).joinpath(filename).read_text(encoding="utf-8")
    return [ln.rstrip("\n") for ln in raw.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@cache
def load_set(name: str) -> frozenset[str]:
    """Entries of ``<name>.txt``, stripped."""
    return frozenset(ln.strip() for ln in _lines(f"{name}.txt"))


@cache
def load_list(name: str) -> tuple[str, ...]:
    """Entries of ``<name>.txt`` in file order (for lexicons where order is priority)."""
    return tuple(ln.strip() for ln in _lines(f"{name}.txt"))


@cache
def load_map(name: str) -> dict[str, str]:
    """``key<TAB>value`` rows of ``<name>.tsv``."""
    out: dict[str, str] = {}
    for ln in _lines(f"{name}.tsv"):
        key, _, value = ln.partition("\t")
        out[key.strip()] = value.strip()
    return out
