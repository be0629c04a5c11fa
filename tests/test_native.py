"""The compiled extractor modules: used only when they match the sources, and the same tables either way."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import etl
from etl import quotes
from etl.native import GROUP, MANIFEST, NATIVE_MODULES, default_dir, source_hashes, status

PACKAGE = Path(etl.__file__).resolve().parent
ROOT = PACKAGE.parent
SHARED = ROOT.parent / "shared" / "data"
# CI builds the modules (make test depends on make native) and sets this, so that a build that
# silently stopped being used fails there instead of only running slower
REQUIRED = os.environ.get("ETL_REQUIRE_NATIVE") == "1"
BUILT = status(default_dir(), PACKAGE) is None


def _fake_build(tmp_path: Path, sources: dict[str, str], python: str = sys.implementation.cache_tag) -> Path:
    native = tmp_path / "native"
    native.mkdir()
    manifest = {"python": python, "mypy": "x", "sources": sources}
    (native / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    return native


def test_no_build_says_how_to_make_one(tmp_path: Path) -> None:
    assert status(tmp_path, PACKAGE) == "not built (make native)"


def test_an_edited_source_makes_the_build_unusable(tmp_path: Path) -> None:
    sources = source_hashes(PACKAGE)
    sources["quotes"] = hashlib.sha256(b"an older quotes.py").hexdigest()
    reason = status(_fake_build(tmp_path, sources), PACKAGE)
    assert reason is not None and reason.startswith("out of date: quotes changed")


def test_a_build_for_another_interpreter_is_not_used(tmp_path: Path) -> None:
    reason = status(_fake_build(tmp_path, source_hashes(PACKAGE), python="cpython-399"), PACKAGE)
    assert reason is not None and "built for cpython-399" in reason


def test_a_manifest_without_the_library_is_not_used(tmp_path: Path) -> None:
    reason = status(_fake_build(tmp_path, source_hashes(PACKAGE)), PACKAGE)
    assert reason == f"no {GROUP} library for this interpreter in {tmp_path / 'native'}"


def test_every_compiled_module_has_a_source() -> None:
    assert sorted(NATIVE_MODULES) == list(NATIVE_MODULES)  # kept sorted: easy to review
    for name in NATIVE_MODULES:
        assert (PACKAGE / f"{name}.py").is_file(), name


def test_ci_runs_the_compiled_modules() -> None:
    if not REQUIRED:
        pytest.skip("ETL_REQUIRE_NATIVE is not set (CI sets it)")
    assert BUILT, status(default_dir(), PACKAGE)
    assert etl.RUNTIME.startswith("compiled"), etl.RUNTIME
    assert Path(quotes.__file__).suffix != ".py"


def _parse(src: Path, out: Path, native: str) -> None:
    env = {**os.environ, "ETL_NATIVE": native}
    cmd = [sys.executable, "-c", "from etl.cli import app; app()", "parse", str(src), "--out", str(out)]
    subprocess.run([*cmd, "--quiet", "--workers", "1"], check=True, env=env, cwd=ROOT, capture_output=True)


@pytest.mark.slow
@pytest.mark.skipif(not BUILT and not REQUIRED, reason="no usable compiled build (make native)")
@pytest.mark.parametrize("source", ["seed", "polnear/dev", "gold/dev.jsonl"])
def test_compiled_and_pure_python_give_the_same_tables(tmp_path: Path, source: str) -> None:
    src = SHARED / source
    if not src.exists():
        pytest.skip(f"{src} is not there")
    _parse(src, tmp_path / "pure", "0")
    _parse(src, tmp_path / "compiled", "1")
    parts = sorted(p.name for p in (tmp_path / "pure").glob("*.parquet"))
    assert parts and parts == sorted(p.name for p in (tmp_path / "compiled").glob("*.parquet"))
    for name in parts:
        pure = pl.read_parquet(tmp_path / "pure" / name)
        compiled = pl.read_parquet(tmp_path / "compiled" / name)
        assert_frame_equal(pure, compiled, check_exact=True)


def test_the_build_folder_can_be_moved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ETL_NATIVE_DIR", str(tmp_path))
    assert default_dir() == tmp_path
    monkeypatch.delenv("ETL_NATIVE_DIR")
    assert default_dir() == Path(sys.prefix) / "native"


# Counts the cyclic garbage that extracting 40 PolNeAR dev articles leaves (run in a child
# process, so that ETL_NATIVE picks the build).
_CYCLES = """
import gc, sys
from pathlib import Path
import etl
from etl.articles import RawDoc
from etl.extract import extract_article

paths = sorted(Path(sys.argv[1]).glob("*.txt"))[:40]
docs = [RawDoc(source=str(p), text=p.read_text(encoding="utf-8")) for p in paths]
extract_article(docs[0])  # lexicons and caches load first: they are no garbage
gc.collect()
gc.disable()
for raw in docs:
    extract_article(raw)
print(gc.collect(), etl.RUNTIME)
"""


@pytest.mark.parametrize("native", ["1", "0"])
def test_extraction_leaves_no_cyclic_garbage(native: str) -> None:
    """Every object an article's extraction makes is freed by reference counting. Compiled,
    a closure that another closure calls shares an environment with it, a cycle per call: about
    a thousand objects per article were left to the cyclic collector, whose passes then cost a
    quarter of the worker's time. Pure Python too: compiled, classes marked acyclic are never
    traversed, so a cycle through one would be no garbage the collector finds, only a leak."""
    env = {**os.environ, "ETL_NATIVE": native}
    out = subprocess.run(
        [sys.executable, "-c", _CYCLES, str(SHARED / "polnear" / "dev")],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    found, runtime = out.split(" ", 1)
    assert int(found) == 0, f"{found} objects of cyclic garbage over 40 articles ({runtime.strip()})"
