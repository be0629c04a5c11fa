"""Input sources -> raw documents. All file I/O of the parse stage lives here.

A reader yields :class:`etl.articles.RawDoc` for every document it can read,
and a :class:`ReadFailure` (source and one-line reason) for every one it
cannot: nothing is dropped silently.
"""

from __future__ import annotations

import glob
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from etl.articles import RawDoc

SUFFIXES = (".txt", ".jsonl")


@dataclass(frozen=True, slots=True)
class ReadFailure:
    source: str
    reason: str


def expand_inputs(inputs: Iterable[str]) -> list[Path]:
    """Files, folders (recursive) and globs -> the input files, sorted, each once."""
    found: set[Path] = set()
    for item in inputs:
        paths = [Path(p) for p in glob.glob(item, recursive=True)] if any(c in item for c in "*?[") else [Path(item)]
        for p in paths:
            if p.is_dir():
                found.update(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
            else:
                found.add(p)
    return sorted(found)


def read_txt(path: Path) -> Iterator[RawDoc | ReadFailure]:
    try:
        # newline="" keeps \r\n: offsets index the file's text exactly as decoded
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
    except UnicodeDecodeError as exc:
        yield ReadFailure(str(path), f"not valid UTF-8 ({exc.reason} at byte {exc.start})")
        return
    yield RawDoc(source=str(path), text=text)


def read_jsonl(path: Path) -> Iterator[RawDoc | ReadFailure]:
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, start=1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                yield ReadFailure(where, f"malformed JSON ({exc.msg})")
                continue
            if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                yield ReadFailure(where, "record has no string 'text' field")
                continue
            source = rec.get("source") or rec.get("doc_id") or rec.get("url") or where
            if rec.get("doc_id") and rec.get("source") and rec["source"] != rec["doc_id"]:
                source = rec["doc_id"]
            yield RawDoc(
                source=str(source),
                text=rec["text"],
                title=rec.get("title"),
                published=rec.get("published") or rec.get("published_at") or rec.get("date"),
                publisher=rec.get("publisher"),
                url=rec.get("url"),
            )


def read_path(path: Path) -> Iterator[RawDoc | ReadFailure]:
    if not path.exists():
        yield ReadFailure(str(path), "no such file")
        return
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from read_jsonl(path)
    else:
        yield from read_txt(path)


def read_inputs(inputs: Iterable[str]) -> Iterator[RawDoc | ReadFailure]:
    for path in expand_inputs(inputs):
        yield from read_path(path)
