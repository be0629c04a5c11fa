"""The HTML report in a real browser (headless Chromium): the network and the
timeline draw, no script error or console message, no injected markup runs,
and a screenshot of the example articles' report lands in ``build/``.

Needs Debian's ``chromium`` (``.ci/run`` installs it); skipped without it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import polars as pl
import pytest
from _report_db import REPO, hand_db, write_db

from etl.html_report import write_report
from etl.parse import parse_docs
from etl.readers import read_inputs
from etl.validate import validate_tables

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# CI sets this so that a missing browser fails the run instead of skipping it
REQUIRED = os.environ.get("ETL_REQUIRE_BROWSER") == "1"
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not REQUIRED, reason="no chromium: apt-get install -y chromium (as .ci/run does)"
)

# Flags for a sandbox-less, offline machine: without the background-networking
# ones Chromium keeps trying (and failing) to reach Google's services.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
)
# A hung browser fails the test instead of the CI job.
TIMEOUT_S = 120
SCREENSHOT = REPO / "build" / "report.png"


def chromium(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None, "ETL_REQUIRE_BROWSER=1 but chromium is not installed"
    args = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *extra, page.resolve().as_uri()]
    return subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)


def console_lines(stderr: str) -> list[str]:
    """What the page wrote to the console (Chromium logs it as INFO:CONSOLE)."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def body_attrs(dom: str) -> dict[str, str]:
    body = re.search(r"<body([^>]*)>", dom)
    assert body is not None, dom[:500]
    return dict(re.findall(r'([\w-]+)="([^"]*)"', body.group(1)))


def svg(dom: str, svg_id: str) -> str:
    found = re.search(rf'<svg id="{svg_id}".*?</svg>', dom, re.S)
    assert found is not None
    return found.group(0)


@pytest.fixture(scope="module")
def hand_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The DOM after the scripts ran, and the browser's log, for the hand-made database."""
    tmp = tmp_path_factory.mktemp("browser")
    page = write_report(hand_db(tmp / "hand.duckdb"), tmp / "report.html")
    run = chromium(page, tmp / "profile", "--dump-dom")
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout, run.stderr


def test_network_draws_every_actor(hand_page: tuple[str, str]) -> None:
    dom, _ = hand_page
    assert body_attrs(dom)["data-rendered"].startswith("network:5;")
    assert svg(dom, "network-svg").count("<circle") == 5
    assert svg(dom, "network-svg").count("<line") == 3


def test_timeline_draws_every_dated_event(hand_page: tuple[str, str]) -> None:
    dom, _ = hand_page
    assert body_attrs(dom)["data-rendered"].endswith(";timeline:4")
    assert svg(dom, "timeline-svg").count('class="event ') == 4


def test_no_script_error_and_no_console_message(hand_page: tuple[str, str]) -> None:
    dom, log = hand_page
    assert "data-js-errors" not in body_attrs(dom)
    assert console_lines(log) == []


def test_injected_markup_never_runs(hand_page: tuple[str, str]) -> None:
    dom, _ = hand_page
    assert "data-pwned" not in body_attrs(dom)


def test_search_filters_quotes(tmp_path: Path) -> None:
    """Typing in the search box hides the quotes that do not match."""
    page = write_report(hand_db(tmp_path / "hand.duckdb"), tmp_path / "report.html")
    # the test drives the box from a small script appended to a copy of the page
    driver = (
        "<script>var i=document.getElementById('quote-search');"
        "i.value='priority';i.dispatchEvent(new Event('input'));"
        "document.body.setAttribute('data-count',document.getElementById('quote-count').textContent);</script>"
    )
    copy = tmp_path / "driven.html"
    copy.write_text(page.read_text(encoding="utf-8").replace("</body>", driver + "</body>"), encoding="utf-8")
    run = chromium(copy, tmp_path / "profile", "--dump-dom")
    assert body_attrs(run.stdout)["data-count"] == "1 of 3 match"


def test_screenshot_of_the_example_articles(tmp_path: Path) -> None:
    """The report of the bundled examples renders, and its picture is kept for people to look at."""
    result = parse_docs(read_inputs([str(REPO / "examples")]))
    checked = validate_tables(result.tables)
    dq = tmp_path / "dq_report.json"
    dq.write_text(json.dumps(checked.report), encoding="utf-8")
    rejects = pl.concat([result.rejects, checked.rejects], how="diagonal_relaxed")
    db = write_db(tmp_path / "examples.duckdb", checked.tables, rejects)
    page = write_report(db, tmp_path / "report.html", dq)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    SCREENSHOT.unlink(missing_ok=True)
    run = chromium(page, tmp_path / "profile", "--window-size=1280,3000", f"--screenshot={SCREENSHOT}")
    assert run.returncode == 0, run.stderr[-2000:]
    assert SCREENSHOT.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert console_lines(run.stderr) == []
    dom = chromium(page, tmp_path / "profile2", "--dump-dom").stdout
    attrs = body_attrs(dom)
    assert "data-js-errors" not in attrs
    assert re.fullmatch(r"network:\d+;timeline:\d+", attrs["data-rendered"])
