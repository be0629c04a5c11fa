"""``make bench``: throughput and peak memory of each stage on a corpus of real news texts.

Run as ``python -m etl.bench [--articles N] [--workers W] [--stages ...]``. Steps:

1. Build a corpus of N ``.txt`` articles (default :data:`DEFAULT_ARTICLES`)
   in a temporary folder by repeating the PolNeAR texts of
   ``../shared/data/polnear`` (the bundled ``examples/*.txt`` when that folder
   is absent); every copy gets its own closing line so every id differs.
2. Baseline, in this process: read every file and run one regular-expression
   pass over its text, the least any article pipeline must do.
3. Each stage runs in a fresh child process (so its peak RSS is its own):
   parse (``parse_inputs`` with W workers), validate (``validate_dir`` on the
   parse output), load (``load_tables`` of the valid rows into a new DuckDB
   file), and the whole pipeline (``run_pipeline`` into another new file).
4. Print, per stage: articles/s, MB/s of input text, CPU milliseconds per
   article (main process and workers together: what the cores spend, which
   moves less than wall-clock rates with the host's load), peak RSS of the main
   process and of the largest worker, and the ratio of its rate to the
   baseline's. ``parse-header`` and ``pipeline-header`` run the same stages
   with the extractors left out (title, date and body offsets only): what
   reading, batching, workers, validation, merging and loading cost alone.
5. Print what each extractor (quotes, entities, events) costs per 1,000
   words on one core (:func:`extractor_costs`).

Run it twice with different ``--articles`` (20,000 and 100,000) to see that
peak RSS does not grow with the corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import etl
from etl.articles import RawDoc, parse_article
from etl.extract import ArticleTables

DEFAULT_ARTICLES = 20_000
STAGES = ("parse", "validate", "load", "pipeline", "parse-header", "pipeline-header")
# Files per folder of the corpus: keeps directory listings short.
FILES_PER_FOLDER = 1000
# The baseline's one pass: every word, the cheapest regex that still reads every character.
BASELINE_PATTERN = re.compile(r"\w+")
ROOT = Path(__file__).resolve().parents[1]
# Extractor timing: this many distinct source texts, best of this many rounds
# (400 PolNeAR texts are ~320,000 words, a few seconds a round).
EXTRACTOR_TEXTS = 400
EXTRACTOR_ROUNDS = 3


def source_texts() -> tuple[list[str], str]:
    """The texts to repeat, and where they came from."""
    polnear = ROOT.parent / "shared" / "data" / "polnear"
    files = sorted(polnear.glob("*/*.txt")) if polnear.is_dir() else []
    where = str(polnear)
    if not files:
        files = sorted((ROOT / "examples").glob("*.txt"))
        where = str(ROOT / "examples")
    return [f.read_text(encoding="utf-8") for f in files], where


def build_corpus(folder: Path, n: int) -> int:
    """N article files under ``folder``; returns their total size in bytes."""
    texts, _ = source_texts()
    total = 0
    for i in range(n):
        sub = folder / f"{i // FILES_PER_FOLDER:04d}"
        if i % FILES_PER_FOLDER == 0:
            sub.mkdir(parents=True, exist_ok=True)
        # a closing line of its own makes every copy a distinct article (its id is the text's hash)
        text = texts[i % len(texts)].rstrip("\n") + f"\n\nBench copy {i}.\n"
        data = text.encode("utf-8")
        (sub / f"article-{i:06d}.txt").write_bytes(data)
        total += len(data)
    return total


def baseline(folder: Path) -> tuple[int, float]:
    """Read every file and run one regex pass; returns (articles, seconds)."""
    started = time.perf_counter()
    n = 0
    for path in sorted(folder.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        BASELINE_PATTERN.findall(text)
        n += 1
    return n, time.perf_counter() - started


def header_only(raw: RawDoc) -> ArticleTables:
    """Title, date and body offsets only: the stages' own cost, without the extractors."""
    return ArticleTables(article=parse_article(raw).article)


def extractor_costs(texts: list[str], rounds: int = EXTRACTOR_ROUNDS) -> dict[str, float]:
    """Milliseconds per 1,000 words of each extractor over ``texts``, single core, best of ``rounds``.

    Each round builds fresh documents (a Doc caches its tokens), and only the
    extractor's own call is timed; events are timed apart from the entity
    finder they read.
    """
    from etl.doc import Doc
    from etl.entities import find_entities
    from etl.events import find_events
    from etl.quotes import find_quotes

    words = sum(len(t.split()) for t in texts)
    best: dict[str, float] = {}
    for _ in range(rounds):
        docs = [
            Doc.from_parsed(parse_article(RawDoc(source=f"bench-{i}", text=t))) for i, t in enumerate(texts)
        ]
        spent = dict.fromkeys(("quotes", "entities", "events"), 0.0)
        for doc in docs:
            t0 = time.perf_counter()
            find_quotes(doc)
            t1 = time.perf_counter()
            index = find_entities(doc)
            t2 = time.perf_counter()
            find_events(doc, index)
            t3 = time.perf_counter()
            spent["quotes"] += t1 - t0
            spent["entities"] += t2 - t1
            spent["events"] += t3 - t2
        for name, secs in spent.items():
            best[name] = min(best.get(name, secs), secs)
    out = {name: secs / words * 1e6 for name, secs in best.items()}
    out["all"] = sum(out.values())
    return out


def _cpu_seconds() -> float:
    """User and system CPU time of this process and of its finished children (the workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _peak_mb() -> tuple[float, float]:
    """Peak RSS of this process and of its largest finished child, in MB (Linux reports KB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, kids


def run_stage(stage: str, work: Path, workers: int) -> dict[str, float]:
    """One stage, in this (child) process; returns its seconds and peak RSS."""
    import polars as pl

    corpus, tables, valid = work / "corpus", work / "tables", work / "valid"
    started, cpu = time.perf_counter(), _cpu_seconds()
    if stage in ("parse", "parse-header"):
        from etl.parse import parse_inputs

        extract = header_only if stage == "parse-header" else None
        dest = tables if stage == "parse" else work / "tables-header"
        parse_inputs([str(corpus)], dest, workers=workers, extract=extract)
    elif stage == "validate":
        from etl.validate import validate_dir

        # validate_dir writes the valid rows itself, chunk by chunk; that is part of its cost
        checked = validate_dir(tables, out=valid)
        elapsed, spent = time.perf_counter() - started, _cpu_seconds() - cpu
        checked.rejects.write_parquet(valid / "rejects.parquet")
        return {
            "seconds": elapsed,
            "cpu": spent,
            **dict(zip(("rss_main", "rss_worker"), _peak_mb(), strict=True)),
        }
    elif stage == "load":
        from etl.load import load_tables
        from etl.records import TABLES

        # Parquet paths, as the pipeline loads them: DuckDB streams them under its memory cap
        files: dict[str, pl.DataFrame | Path] = {t: valid / f"{t}.parquet" for t in TABLES}
        rejects = pl.read_parquet(valid / "rejects.parquet")
        started, cpu = time.perf_counter(), _cpu_seconds()
        load_tables(files, rejects, work / "load.duckdb")
    elif stage in ("pipeline", "pipeline-header"):
        from etl.pipeline import run_pipeline

        extract = header_only if stage == "pipeline-header" else None
        run_pipeline(
            [str(corpus)],
            work / f"{stage}.duckdb",
            out=work / f"{stage}-tables",
            workers=workers,
            extract=extract,
        )
    else:
        raise ValueError(f"unknown stage {stage!r}")
    elapsed, spent = time.perf_counter() - started, _cpu_seconds() - cpu
    return {
        "seconds": elapsed,
        "cpu": spent,
        **dict(zip(("rss_main", "rss_worker"), _peak_mb(), strict=True)),
    }


@dataclass(slots=True)
class Row:
    name: str
    seconds: float
    cpu: float | None = None  # CPU seconds, main process and workers together
    rss_main: float | None = None
    rss_worker: float | None = None


def _child(stage: str, work: Path, workers: int) -> Row:
    cmd = [
        sys.executable,
        "-m",
        "etl.bench",
        "--child",
        stage,
        "--work",
        str(work),
        "--workers",
        str(workers),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"bench: stage {stage} failed (exit {proc.returncode})")
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    return Row(stage, out["seconds"], out["cpu"], out["rss_main"], out["rss_worker"])


def _fmt_mb(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def _fmt_cpu(value: float | None, n: int) -> str:
    return "-" if value is None else f"{value * 1000 / n:.2f}"


def report(rows: list[Row], n: int, size: int, base: Row) -> list[str]:
    base_rate = n / base.seconds
    lines = [
        f"{'stage':<15} {'seconds':>8} {'articles/s':>11} {'MB/s':>7} {'CPU ms/art':>11} {'RSS main MB':>12} "
        f"{'RSS worker MB':>14} {'x baseline':>11}",
    ]
    for r in [base, *rows]:
        rate = n / r.seconds
        lines.append(
            f"{r.name:<15} {r.seconds:>8.1f} {rate:>11,.0f} {size / 1e6 / r.seconds:>7.1f} "
            f"{_fmt_cpu(r.cpu, n):>11} {_fmt_mb(r.rss_main):>12} {_fmt_mb(r.rss_worker):>14} "
            f"{rate / base_rate:>11.3f}"
        )
    return lines


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m etl.bench", description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=DEFAULT_ARTICLES, help="corpus size (default 20,000)")
    ap.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="parse workers (default: all cores)"
    )
    ap.add_argument("--stages", nargs="+", choices=STAGES, default=list(STAGES), help="stages to run")
    ap.add_argument(
        "--extractor-texts",
        type=int,
        default=EXTRACTOR_TEXTS,
        help=f"distinct texts the extractor timing reads (default {EXTRACTOR_TEXTS})",
    )
    ap.add_argument("--keep", type=Path, help="build the corpus and outputs here and keep them")
    ap.add_argument("--child", choices=STAGES, help=argparse.SUPPRESS)
    ap.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(run_stage(args.child, args.work, args.workers)))
        return

    work = args.keep or Path(tempfile.mkdtemp(prefix="etl-bench-"))
    try:
        _, where = source_texts()
        size = build_corpus(work / "corpus", args.articles)
        print(f"corpus: {args.articles:,} articles, {size / 1e6:,.1f} MB, copies of the texts in {where}")
        print(f"workers: {args.workers}; cores: {os.cpu_count()}; python {sys.version.split()[0]}")
        # the children inherit the environment, so they run what this process runs
        print(f"extractors: {etl.RUNTIME}")
        cpu = _cpu_seconds()
        n, secs = baseline(work / "corpus")
        base = Row("baseline", secs, _cpu_seconds() - cpu)
        stages = list(args.stages)
        # validate reads what parse wrote, and load what validate kept
        needed = {"validate": ["parse"], "load": ["parse", "validate"]}
        for stage in list(stages):
            for dep in needed.get(stage, []):
                if dep not in stages:
                    stages.insert(stages.index(stage), dep)
        rows: list[Row] = []
        for stage in STAGES:
            if stage in stages:
                rows.append(_child(stage, work, args.workers))
                print(f"  {stage} done in {rows[-1].seconds:.1f}s", file=sys.stderr, flush=True)
        print()
        for line in report(rows, n, size, base):
            print(line)
        texts, _ = source_texts()
        costs = extractor_costs(texts[: args.extractor_texts])
        used = min(len(texts), args.extractor_texts)
        print(f"\nextractors, ms per 1,000 words (first {used} texts, one core, best of {EXTRACTOR_ROUNDS}):")
        print("  " + ", ".join(f"{name} {ms:.2f}" for name, ms in costs.items()))
        print(
            "\nbaseline: read each file + one regex pass (\\w+), one process."
            "\nCPU ms/art: user + system CPU time of the stage's processes, per article; at full use"
            "\n  of W cores, articles/s is about W * 1000 / (CPU ms/art)."
            "\nRSS: peak resident memory of the stage's main process and of its largest worker (ru_maxrss)."
        )
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
