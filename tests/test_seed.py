"""Golden test: the example article yields the tables of ../shared/data/seed/expected.json.

Runs exactly what the referee runs: ``etl parse`` on the seed folder, then
``check_seed.py`` on the output; every check must hold.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from etl.cli import app

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CHECK = SHARED / "tools" / "check_seed.py"

pytestmark = pytest.mark.skipif(not CHECK.exists(), reason="../shared/tools/check_seed.py not present")


def test_seed_passes_every_check(tmp_path: Path) -> None:
    out = tmp_path / "seed"
    result = CliRunner().invoke(app, ["parse", str(SHARED / "data" / "seed"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    proc = subprocess.run(
        [sys.executable, str(CHECK), "--pred", str(out)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
