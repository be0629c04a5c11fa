"""Golden test: the example article yields the tables of ../shared/data/seed/expected.json.

Runs exactly what the referee runs: ``etl parse`` on the seed folder, then
``check_seed.py`` on the output; every check must hold.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.referee import SHARED, TOOLS, parse

CHECK = TOOLS / "check_seed.py"

pytestmark = pytest.mark.skipif(not CHECK.exists(), reason="../shared/tools/check_seed.py not present")


def test_seed_passes_every_check(tmp_path: Path) -> None:
    out = parse(SHARED / "data" / "seed", tmp_path / "seed")
    proc = subprocess.run(
        [sys.executable, str(CHECK), "--pred", str(out)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip().endswith("checks hold"), proc.stdout
