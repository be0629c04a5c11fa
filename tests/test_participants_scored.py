"""Scored gate: participants (and quote speakers) on the hand-annotated gold dev file.

Runs exactly what the referee runs: ``etl parse`` on ``../shared/data/gold/dev.jsonl``,
then ``score_gold.py --json``; each figure must reach its floor in
``tests/floors/participants.json`` (set a little under what was measured; raise
them as extraction improves, never lower them without saying why).
"""

from __future__ import annotations

import pytest

from tests.referee import SHARED, TOOLS, floors, parse, score

GOLD = SHARED / "data" / "gold" / "dev.jsonl"
FLOORS = floors("participants")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (GOLD.exists() and (TOOLS / "score_gold.py").exists()),
        reason="../shared gold data or scorer not present",
    ),
]


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("gold")
    return score("score_gold.py", GOLD, parse(GOLD, root / "parsed"), root / "scores.json")


def _figure(scores: dict, key: str) -> float:
    section, _, field = key.partition(".")
    value = scores[section][field] if field else scores[section]
    return float(value or 0.0)


@pytest.mark.parametrize("key", sorted(k for k in FLOORS if not k.startswith("_")))
def test_score_reaches_floor(scores: dict, key: str) -> None:
    assert _figure(scores, key) >= FLOORS[key], f"{key}: {_figure(scores, key):.3f} < floor {FLOORS[key]}"
