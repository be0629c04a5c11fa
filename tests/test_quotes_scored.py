"""Scored gate: quotes on the PolNeAR dev articles stay above pinned floors.

Runs what the referee runs: ``etl parse`` on ``../shared/data/polnear/dev``,
then ``score_quotes.py --json``;
the floors live in ``tests/floors/quotes.json``.
"""

from __future__ import annotations

import pytest

from tests.referee import SHARED, TOOLS, floors, parse, score

GOLD = SHARED / "data" / "polnear" / "dev"
FLOORS = floors("quotes")

pytestmark = pytest.mark.skipif(
    not (GOLD.is_dir() and (TOOLS / "score_quotes.py").exists()),
    reason="../shared PolNeAR dev data or score_quotes.py absent",
)

CHECKS = [
    (subset, metric) for subset in ("all", "direct") for metric in ("content_F1", "speaker_acc", "e2e_F1")
]


@pytest.fixture(scope="module")
def metrics(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, float]]:
    out = tmp_path_factory.mktemp("polnear-dev")
    return score("score_quotes.py", GOLD, parse(GOLD, out / "tables"), out / "score.json")["metrics"]


@pytest.mark.parametrize(("subset", "metric"), CHECKS, ids=[f"{s}.{m}" for s, m in CHECKS])
def test_quotes_above_floor(metrics: dict[str, dict[str, float]], subset: str, metric: str) -> None:
    assert metrics[subset][metric] >= FLOORS[subset][metric], metrics[subset]
