"""Scored gate: participants (and quote speakers) on the hand-annotated gold dev file.

Runs exactly what the referee runs: ``etl parse`` on ``../shared/data/gold/dev.jsonl``,
then ``score_gold.py --json``; each figure must reach its floor in
``tests/floors/participants.json`` (set a little under what was measured; raise
them as extraction improves, never lower them without saying why).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from etl.cli import app

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD = SHARED / "data" / "gold" / "dev.jsonl"
SCORER = SHARED / "tools" / "score_gold.py"
FLOORS = json.loads((Path(__file__).parent / "floors" / "participants.json").read_text(encoding="utf-8"))

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (GOLD.exists() and SCORER.exists()), reason="../shared gold data or scorer not present"
    ),
]


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("gold")
    out = root / "parsed"
    result = CliRunner().invoke(app, ["parse", str(GOLD), "--out", str(out)])
    assert result.exit_code == 0, result.output
    report = root / "scores.json"
    proc = subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(GOLD), "--pred", str(out), "--json", str(report)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(report.read_text(encoding="utf-8"))


def _figure(scores: dict, key: str) -> float:
    section, _, field = key.partition(".")
    value = scores[section][field] if field else scores[section]
    return float(value or 0.0)


@pytest.mark.parametrize("key", sorted(k for k in FLOORS if not k.startswith("_")))
def test_score_reaches_floor(scores: dict, key: str) -> None:
    assert _figure(scores, key) >= FLOORS[key], f"{key}: {_figure(scores, key):.3f} < floor {FLOORS[key]}"
