"""Scored gate: events on the annotated dev articles stay above pinned floors.

Runs what the referee runs: ``etl parse`` on ``../shared/data/gold/dev.jsonl``,
then ``score_gold.py --json``; the floors live in ``tests/floors/events.json``.
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
FLOORS = json.loads((Path(__file__).parent / "floors" / "events.json").read_text(encoding="utf-8"))

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (GOLD.exists() and SCORER.exists()), reason="../shared gold dev data or scorer absent"
    ),
]


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    out = tmp_path_factory.mktemp("gold-dev")
    result = CliRunner().invoke(app, ["parse", str(GOLD), "--out", str(out / "tables")])
    assert result.exit_code == 0, result.output
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
    return json.loads(report.read_text(encoding="utf-8"))


def test_events_f1(scores: dict[str, object]) -> None:
    events = scores["events"]
    assert isinstance(events, dict)
    assert events["F1"] >= FLOORS["events_f1"], events


@pytest.mark.parametrize("key", ["event_status_acc", "event_date_acc", "event_location_acc"])
def test_event_accuracy(scores: dict[str, object], key: str) -> None:
    value = scores[key]
    assert isinstance(value, float)
    assert value >= FLOORS[key], f"{key} = {value:.3f} < floor {FLOORS[key]}"
