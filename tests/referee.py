"""Running the referee scripts of ``../shared/tools`` from the tests.

The scored gates (seed, gold dev, PolNeAR dev) run exactly what the referee
runs: ``etl parse`` through the real CLI, then the scorer as a subprocess.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from etl.cli import app

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TOOLS = SHARED / "tools"
FLOORS = Path(__file__).parent / "floors"


def floors(name: str) -> dict[str, Any]:
    """The pinned floors of ``tests/floors/<name>.json``."""
    return json.loads((FLOORS / f"{name}.json").read_text(encoding="utf-8"))


def parse(inputs: Path, out: Path) -> Path:
    """``etl parse INPUTS --out OUT`` through the real app; the output folder."""
    result = CliRunner().invoke(app, ["parse", str(inputs), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def score(scorer: str, gold: Path, pred: Path, report: Path) -> dict[str, Any]:
    """Run ``../shared/tools/<scorer> --gold GOLD --pred PRED --json REPORT``; the JSON it wrote."""
    proc = subprocess.run(
        [
            sys.executable,
            str(TOOLS / scorer),
            "--gold",
            str(gold),
            "--pred",
            str(pred),
            "--json",
            str(report),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(report.read_text(encoding="utf-8"))
