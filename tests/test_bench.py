"""`make bench` runs end to end on a tiny corpus and prints every figure it promises (no timing asserted)."""

from __future__ import annotations

import pytest

from etl import bench


def test_extractor_costs_name_every_extractor() -> None:
    texts = ["President Obama said on Monday that the talks would resume. “We are ready,” he added."] * 3
    costs = bench.extractor_costs(texts, rounds=1)
    assert set(costs) == {"quotes", "entities", "events", "all"}
    assert costs["all"] == pytest.approx(costs["quotes"] + costs["entities"] + costs["events"])


def test_bench_prints_rates_memory_and_baseline(capsys: pytest.CaptureFixture[str]) -> None:
    bench.main(
        [
            "--articles",
            "30",
            "--workers",
            "1",
            "--stages",
            "load",
            "parse-header",
            "pipeline-header",
            "--extractor-texts",
            "5",
        ]
    )
    out = capsys.readouterr().out
    assert "corpus: 30 articles" in out
    for row in ("baseline", "parse", "validate", "load", "parse-header", "pipeline-header"):
        assert any(line.split()[:1] == [row] for line in out.splitlines()), row
    assert "x baseline" in out and "RSS main MB" in out and "CPU ms/art" in out
    header = next(line for line in out.splitlines() if line.split()[:1] == ["stage"])
    # the columns before it are one word each in the header and in the rows
    cpu_col = header.split().index("CPU")
    for line in out.splitlines():
        if line.split()[:1] in (["parse-header"], ["pipeline-header"]):
            # reading, parsing and writing 30 articles takes some CPU time
            assert float(line.split()[cpu_col]) > 0, line
    assert "extractors, ms per 1,000 words" in out
