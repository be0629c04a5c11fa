"""The parse stage: duplicates, rejects, batches, workers and the deterministic merge."""

from __future__ import annotations

import json
import os
from pathlib import Path

import polars as pl
import pytest

import etl.parse
from etl.articles import RawDoc, article_id, parse_article
from etl.parse import parse_docs, parse_inputs
from etl.parts import TableFiles
from etl.readers import ReadFailure, Skipped
from etl.records import SCHEMAS, TABLES

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "tehran-baku-2022-07-15.txt"


def article(n: int) -> str:
    """A short article of its own, different for every n."""
    return (
        f"Minister {n} meets envoy in Baku\n\n"
        f'BAKU — Foreign Minister Jeyhun Bayramov met the envoy on Friday, talk number {n}. "We agreed on '
        f'the border," Bayramov said. He stressed that trade would grow by {n} percent.\n'
    )


def corpus(folder: Path, n: int) -> Path:
    """n articles: half as .txt files, half as lines of a JSONL file."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n // 2):
        (folder / f"a{i:04d}.txt").write_text(article(i), encoding="utf-8")
    lines = [json.dumps({"doc_id": f"j{i}", "text": article(i)}) for i in range(n // 2, n)]
    (folder / "more.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def table_bytes(out: Path) -> dict[str, bytes]:
    return {t: (out / f"{t}.parquet").read_bytes() for t in (*TABLES, "rejects")}


def test_identical_texts_are_one_article_and_counted() -> None:
    res = parse_docs([RawDoc("a", article(1)), RawDoc("b", article(1)), RawDoc("c", article(2))])
    assert (res.tables["articles"]["source"].to_list(), res.duplicates, res.read) == (["a", "c"], 1, 3)


def test_the_duplicate_check_hands_its_hash_to_the_parser() -> None:
    # a text is hashed once: the ids the check computes travel with the documents it lets through
    gate = etl.parse._Gate(None, etl.parse.RunStats())
    todo, checked = gate.before([RawDoc("a", article(1)), RawDoc("b", article(1)), RawDoc("c", article(2))])
    assert [(d.source, d.text_id) for d in todo if isinstance(d, RawDoc)] == [
        ("a", article_id(article(1))),
        ("c", article_id(article(2))),
    ]
    assert checked == {article_id(article(1)), article_id(article(2))}
    parsed = parse_docs(todo).tables["articles"]
    assert parsed["article_id"].to_list() == [article_id(article(1)), article_id(article(2))]
    # and the parser takes the id it is handed rather than hashing again
    assert parse_article(RawDoc("a", article(1), text_id="0" * 16)).article.article_id == "0" * 16


def test_read_failure_becomes_an_inputs_reject() -> None:
    res = parse_docs([ReadFailure("x.txt", "empty file")])
    assert res.rejects.select("table", "source", "rule").rows() == [("inputs", "x.txt", "empty file")]


def test_unparseable_document_becomes_a_reject() -> None:
    res = parse_docs([RawDoc("blank", "   \n  ")])
    assert res.rejects.select("source", "rule").rows() == [("blank", "empty text")]


def test_skipped_records_are_counted_not_read() -> None:
    res = parse_docs([Skipped("u1", "non-HTML"), Skipped("u2", "non-HTML"), Skipped("u3", "non-200")])
    assert (dict(res.skipped), res.read) == ({"non-HTML": 2, "non-200": 1}, 0)


def test_workers_do_not_change_a_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # small batches, so that two workers really split the corpus
    monkeypatch.setattr(etl.parse, "BATCH_ITEMS", 7)
    src = corpus(tmp_path / "in", 60)
    parse_inputs([str(src)], tmp_path / "one", workers=1)
    parse_inputs([str(src)], tmp_path / "two", workers=2)
    assert table_bytes(tmp_path / "one") == table_bytes(tmp_path / "two")


def test_input_order_does_not_change_a_byte(tmp_path: Path) -> None:
    src = corpus(tmp_path / "in", 10)
    (tmp_path / "in" / "bad.txt").write_bytes(b"")
    files = sorted(str(p) for p in src.iterdir())
    parse_inputs(files, tmp_path / "fwd")
    parse_inputs(files[::-1], tmp_path / "rev")
    assert table_bytes(tmp_path / "fwd") == table_bytes(tmp_path / "rev")


def test_rows_follow_input_order(tmp_path: Path) -> None:
    lines = [json.dumps({"doc_id": f"d{i}", "text": article(i)}) for i in (3, 1, 2)]
    (tmp_path / "b.jsonl").write_text("\n".join(lines))
    (tmp_path / "a.txt").write_text(article(0))
    parse_inputs([str(tmp_path)], tmp_path / "out")
    sources = pl.read_parquet(tmp_path / "out" / "articles.parquet")["source"].to_list()
    assert sources == [str(tmp_path / "a.txt"), "d3", "d1", "d2"]


def test_first_copy_in_path_order_wins_and_the_rest_are_counted(tmp_path: Path) -> None:
    for name in ("c.txt", "a.txt", "b.txt"):
        (tmp_path / name).write_text(article(7))
    summary = parse_inputs([str(tmp_path)], tmp_path / "out", workers=2)
    sources = pl.read_parquet(tmp_path / "out" / "articles.parquet")["source"].to_list()
    assert (sources, summary.stats.duplicates) == ([str(tmp_path / "a.txt")], 2)


def test_every_input_is_accounted_for(tmp_path: Path) -> None:
    src = corpus(tmp_path / "in", 6)
    (src / "copy.txt").write_text(article(0))
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    (src / "bad.jsonl").write_text('{"text": "ok but short"}\n{broken\n')
    s = parse_inputs([str(src)], tmp_path / "out").stats
    assert (s.read, s.articles, s.rejected, s.duplicates) == (11, 7, 3, 1)
    assert s.read == s.articles + s.rejected + s.duplicates + s.existing


def test_rejects_file_names_each_bad_input_and_its_reason(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bad.jsonl").write_text("{broken\n")
    parse_inputs([str(tmp_path)], tmp_path / "out")
    rejects = pl.read_parquet(tmp_path / "out" / "rejects.parquet")
    assert rejects.select("table", "source", "rule").rows() == [
        (
            "inputs",
            f"{tmp_path}/bad.jsonl:1",
            "malformed JSON line (Expecting property name enclosed in double quotes at column 2)",
        ),
        ("inputs", f"{tmp_path}/empty.txt", "empty file"),
    ]


def test_known_articles_are_not_parsed_again(tmp_path: Path) -> None:
    src = corpus(tmp_path / "in", 4)
    known = {article_id(article(0)), article_id(article(3))}
    stats = etl.parse.run_batches(
        etl.parse.InputStream([str(src)]), lambda out, drop: None, known=lambda ids: known & set(ids)
    )
    assert (stats.articles, stats.existing) == (2, 2)


def test_every_table_file_is_written_even_when_empty(tmp_path: Path) -> None:
    parse_inputs([str(tmp_path / "missing.txt")], tmp_path / "out")
    heights = {t: pl.read_parquet(tmp_path / "out" / f"{t}.parquet").height for t in TABLES}
    assert heights == dict.fromkeys(TABLES, 0)


def test_table_files_append_batches_in_order(tmp_path: Path) -> None:
    with TableFiles(tmp_path, ["quotes", "events"]) as files:
        for ids in [["b:q1", "b:q2"], [], ["a:q1"]]:
            rows = [{"quote_id": q, "article_id": q.split(":")[0]} for q in ids]
            files.write({"quotes": pl.DataFrame(rows, schema=SCHEMAS["quotes"])})
        counts = files.close()
    merged = pl.read_parquet(tmp_path / "quotes.parquet")
    assert (counts, merged["quote_id"].to_list(), merged.schema) == (
        {"quotes": 3, "events": 0},
        ["b:q1", "b:q2", "a:q1"],
        pl.Schema(SCHEMAS["quotes"]),
    )
    # a table no batch had rows for is an empty file with the contract's columns
    assert pl.read_parquet(tmp_path / "events.parquet").schema == pl.Schema(SCHEMAS["events"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.parquet", "quotes.parquet"]


def test_a_failed_run_keeps_the_last_complete_table_files(tmp_path: Path) -> None:
    before = pl.DataFrame([{"quote_id": "old:q1", "article_id": "old"}], schema=SCHEMAS["quotes"])
    before.write_parquet(tmp_path / "quotes.parquet")
    with pytest.raises(RuntimeError), TableFiles(tmp_path, ["quotes"]) as files:
        files.write({"quotes": pl.DataFrame([{"quote_id": "new:q1"}], schema=SCHEMAS["quotes"])})
        raise RuntimeError("a worker died")
    assert pl.read_parquet(tmp_path / "quotes.parquet")["quote_id"].to_list() == ["old:q1"]
    assert [p.name for p in tmp_path.iterdir()] == ["quotes.parquet"]


def test_example_article_parses_with_its_path_as_source(tmp_path: Path) -> None:
    parse_inputs([str(EXAMPLE)], tmp_path / "out")
    arts = pl.read_parquet(tmp_path / "out" / "articles.parquet")
    assert arts.select("source", "text").rows() == [(str(EXAMPLE), EXAMPLE.read_text(encoding="utf-8"))]


def test_warc_pages_become_articles_with_their_url(tmp_path: Path) -> None:
    from tests.test_readers import PAGE, write_warc

    write_warc(
        tmp_path / "crawl.warc.gz",
        [
            ("https://news.example/a", "200 OK", "text/html", PAGE.encode()),
            ("https://news.example/a.css", "200 OK", "text/css", b"body {}"),
            ("https://news.example/b", "301 Moved", "text/html", b""),
        ],
    )
    summary = parse_inputs([str(tmp_path)], tmp_path / "out")
    arts = pl.read_parquet(tmp_path / "out" / "articles.parquet")
    assert arts.select("source", "title", "publisher").rows() == [
        ("https://news.example/a", "Leaders meet in Baku", "Caspian News")
    ]
    assert dict(summary.stats.skipped) == {"non-HTML": 1, "non-200": 1}


def test_html_copy_of_a_text_counts_as_duplicate(tmp_path: Path) -> None:
    from etl.readers import HtmlPage, html_to_doc
    from tests.test_readers import PAGE

    text = html_to_doc(HtmlPage("p", PAGE.encode())).text
    (tmp_path / "a.html").write_text(PAGE)
    (tmp_path / "b.txt").write_text(text)
    s = parse_inputs([str(tmp_path)], tmp_path / "out", workers=2).stats
    assert (s.articles, s.duplicates) == (1, 1)


def test_plain_progress_prints_rate_share_and_eta(tmp_path: Path) -> None:
    import io

    from etl.progress import PlainProgress

    stream = io.StringIO()
    progress = PlainProgress(stream, interval=0.0)
    progress.start(total_bytes=1000)
    progress.update(articles=10, bytes_done=250)
    line = stream.getvalue()
    assert line.startswith("parsed 10 articles (") and ", 25% of input, ETA " in line


@pytest.mark.parametrize(("quiet", "kind"), [(True, "NullProgress"), (False, "PlainProgress")])
def test_progress_kind_follows_quiet_and_terminal(quiet: bool, kind: str) -> None:
    import io

    from etl.progress import make_progress

    assert type(make_progress(quiet, io.StringIO())).__name__ == kind


def _polars_threads() -> int:
    return pl.thread_pool_size()


def test_pool_workers_run_polars_on_one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    monkeypatch.delenv("POLARS_MAX_THREADS", raising=False)
    with etl.parse._worker_environment(), ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        assert pool.submit(_polars_threads).result() == 1
    assert "POLARS_MAX_THREADS" not in os.environ
    monkeypatch.setenv("POLARS_MAX_THREADS", "2")
    with etl.parse._worker_environment():
        assert os.environ["POLARS_MAX_THREADS"] == "2"  # the user's choice stands
