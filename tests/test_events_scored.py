"""Scored gate: events on the annotated dev articles stay above pinned floors.

Runs what the referee runs: ``etl parse`` on ``../shared/data/gold/dev.jsonl``,
then ``score_gold.py --json``; the floors live in ``tests/floors/events.json``.
"""

from __future__ import annotations

import pytest

from tests.referee import SHARED, TOOLS, floors, parse, score

GOLD = SHARED / "data" / "gold" / "dev.jsonl"
FLOORS = floors("events")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (GOLD.exists() and (TOOLS / "score_gold.py").exists()),
        reason="../shared gold dev data or scorer absent",
    ),
]


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    out = tmp_path_factory.mktemp("gold-dev")
    return score("score_gold.py", GOLD, parse(GOLD, out / "tables"), out / "score.json")


def test_events_f1(scores: dict[str, object]) -> None:
    events = scores["events"]
    assert isinstance(events, dict)
    assert events["F1"] >= FLOORS["events_f1"], events


@pytest.mark.parametrize("key", ["event_status_acc", "event_date_acc", "event_location_acc"])
def test_event_accuracy(scores: dict[str, object], key: str) -> None:
    value = scores[key]
    assert isinstance(value, float)
    assert value >= FLOORS[key], f"{key} = {value:.3f} < floor {FLOORS[key]}"
