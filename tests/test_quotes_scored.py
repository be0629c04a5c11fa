"""Scored gate: quotes on the PolNeAR dev articles stay above pinned floors.

Runs what the referee runs: the parse stage on ``../shared/data/polnear/dev``
(through :func:`etl.parse.parse_inputs`), then ``score_quotes.py --json``;
the floors live in ``tests/floors/quotes.json``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from etl.parse import parse_inputs

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD = SHARED / "data" / "polnear" / "dev"
SCORER = SHARED / "tools" / "score_quotes.py"
FLOORS = json.loads((Path(__file__).parent / "floors" / "quotes.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.skipif(
    not (GOLD.is_dir() and SCORER.exists()), reason="../shared PolNeAR dev data or score_quotes.py absent"
)

CHECKS = [
    (subset, metric) for subset in ("all", "direct") for metric in ("content_F1", "speaker_acc", "e2e_F1")
]


@pytest.fixture(scope="module")
def metrics(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, float]]:
    out = tmp_path_factory.mktemp("polnear-dev")
    parse_inputs([str(GOLD)], out / "tables")
    report = out / "score.json"
    proc = subprocess.run(
        [
            sys.executable,
            str(SCORER),
            "--gold",
            str(GOLD),
            "--pred",
            str(out / "tables"),
            "--json",
            str(report),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(report.read_text(encoding="utf-8"))["metrics"]


@pytest.mark.parametrize(("subset", "metric"), CHECKS, ids=[f"{s}.{m}" for s, m in CHECKS])
def test_quotes_above_floor(metrics: dict[str, dict[str, float]], subset: str, metric: str) -> None:
    assert metrics[subset][metric] >= FLOORS[subset][metric], metrics[subset]
