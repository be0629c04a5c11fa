"""``etl parse`` and ``etl pipeline`` through the real app: exit codes and messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from etl.cli import app

TEXT = (
    "Leaders meet in Baku\n\nBAKU — President Ilham Aliyev met the Iranian envoy on Friday. "
    '"We agreed on the border," Aliyev said.\n'
)

runner = CliRunner()


def write(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return folder


@pytest.mark.parametrize("command", ["parse", "pipeline"])
def test_command_has_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert (result.exit_code, "--workers" in result.output) == (0, True)


def test_parse_reports_counts_and_writes_tables(tmp_path: Path) -> None:
    src = write(tmp_path / "in", {"a.txt": TEXT, "b.txt": TEXT})
    out = tmp_path / "out"
    result = runner.invoke(app, ["parse", str(src), "--out", str(out), "--quiet"])
    assert (result.exit_code, result.stdout) == (0, f"1 articles, 0 rejected, 1 duplicates -> {out}\n")
    assert pl.read_parquet(out / "articles.parquet").height == 1


def test_parse_names_a_bad_file_and_goes_on(tmp_path: Path) -> None:
    src = write(tmp_path / "in", {"a.txt": TEXT, "empty.txt": b""})
    result = runner.invoke(app, ["parse", str(src), "--out", str(tmp_path / "out"), "-q"])
    assert (result.exit_code, result.stderr) == (0, f"{src / 'empty.txt'}: empty file\n")


def test_parse_fails_when_nothing_can_be_read(tmp_path: Path) -> None:
    src = write(tmp_path / "in", {"binary.txt": b"\x00\x01" * 40})
    result = runner.invoke(app, ["parse", str(src), "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{src / 'binary.txt'}: binary file (NUL bytes), not text",
        "error: no article could be parsed from the inputs",
    ]


def test_parse_forced_format(tmp_path: Path) -> None:
    src = write(tmp_path, {"dump.data": json.dumps({"text": TEXT}) + "\n"})
    result = runner.invoke(
        app, ["parse", str(src / "dump.data"), "--format", "jsonl", "--out", str(tmp_path / "o")]
    )
    assert (result.exit_code, result.stdout.splitlines()[-1].split(" ->")[0]) == (
        0,
        "1 articles, 0 rejected, 0 duplicates",
    )


def test_parse_unknown_format_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(tmp_path), "--format", "docx", "--out", str(tmp_path / "o")])
    assert result.exit_code == 2


def test_parse_text_column_option(tmp_path: Path) -> None:
    pl.DataFrame({"story": [TEXT], "hed": ["Custom title"]}).write_csv(tmp_path / "a.csv")
    out = tmp_path / "out"
    args = [
        "parse",
        str(tmp_path / "a.csv"),
        "--text-column",
        "story",
        "--title-column",
        "hed",
        "--out",
        str(out),
    ]
    result = runner.invoke(app, args)
    assert (result.exit_code, pl.read_parquet(out / "articles.parquet")["title"].to_list()) == (
        0,
        ["Custom title"],
    )


def test_parse_plain_progress_lines_go_to_stderr_not_stdout(tmp_path: Path) -> None:
    src = write(tmp_path / "in", {"a.txt": TEXT})
    result = runner.invoke(app, ["parse", str(src), "--out", str(tmp_path / "out")])
    assert result.stdout.count("\n") == 1


def test_pipeline_prints_summary_and_a_second_run_says_nothing_is_new(tmp_path: Path) -> None:
    src = write(tmp_path / "in", {"a.txt": TEXT})
    args = ["pipeline", str(src), "--db", str(tmp_path / "news.duckdb"), "-q"]
    first = runner.invoke(app, args)
    second = runner.invoke(app, args)
    assert (first.exit_code, second.exit_code) == (0, 0)
    assert first.stdout.splitlines()[0] == (
        "articles: read 1 = loaded 1 (new 1, already in database 0) + rejected 0 + duplicates 0"
    )
    assert "nothing new to load" in second.stdout


def test_pipeline_exits_1_on_rejects(tmp_path: Path) -> None:
    src = write(tmp_path / "in", {"a.txt": TEXT, "empty.txt": b""})
    out = tmp_path / "tables"
    result = runner.invoke(
        app, ["pipeline", str(src), "--db", str(tmp_path / "n.duckdb"), "--out", str(out), "-q"]
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{src / 'empty.txt'}: empty file",
        f"error: 1 rejected rows (see {out / 'rejects.parquet'}); --allow-rejects to accept",
    ]


def test_pipeline_allow_rejects_exits_0(tmp_path: Path) -> None:
    src = write(tmp_path / "in", {"a.txt": TEXT, "empty.txt": b""})
    args = ["pipeline", str(src), "--db", str(tmp_path / "n.duckdb"), "-q", "--allow-rejects"]
    assert runner.invoke(app, args).exit_code == 0


def test_parse_reads_jsonl_from_stdin(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["parse", "-", "--out", str(out), "-q", "-w", "1"], input=json.dumps({"text": TEXT})
    )
    assert (result.exit_code, pl.read_parquet(out / "articles.parquet")["source"].to_list()) == (
        0,
        ["<stdin>:1"],
    )


HOLD_LOCK = """
import time
from pathlib import Path
from etl.db import writer_lock
with writer_lock(Path({db!r})):
    print("holding", flush=True)
    while not Path({release!r}).exists():
        time.sleep(0.05)
"""


def test_pipeline_fails_at_once_while_another_writer_runs(tmp_path: Path) -> None:
    src = write(tmp_path / "in", {"a.txt": TEXT})
    db, release, out = tmp_path / "news.duckdb", tmp_path / "release", tmp_path / "tables"
    script = HOLD_LOCK.format(db=str(db), release=str(release))
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline() == "holding\n"
        result = runner.invoke(app, ["pipeline", str(src), "--db", str(db), "--out", str(out), "-q"])
    finally:
        release.touch()
        child.wait()
    assert (result.exit_code, f"pid {child.pid}" in result.stderr, out.exists()) == (1, True, False)
