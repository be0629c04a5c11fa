"""Readers: every input format, written by the tests themselves, and every kind of bad input."""

from __future__ import annotations

import gzip
import io
import json
import sys
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from etl.articles import RawDoc
from etl.readers import (
    MAX_TEXT_SIZE,
    Columns,
    HtmlPage,
    InputStream,
    ReadFailure,
    Skipped,
    _path_order,
    expand_inputs,
    html_to_doc,
    read_inputs,
)

TEXT = "Leaders meet in Baku\n\nBAKU — The two presidents met on Friday.\n"
OTHER = "Ministers talk by phone\n\nThe ministers held a call on Monday.\n"
PAGE = (
    "<html><head><title>Leaders meet in Baku</title>"
    '<meta property="og:site_name" content="Caspian News">'
    '<meta property="article:published_time" content="2022-07-15"></head>'
    "<body><nav>Home | World</nav><article><h1>Leaders meet in Baku</h1>"
    "<p>BAKU — The two presidents met on Friday to discuss trade and the common border.</p>"
    "<p>They agreed to meet again in Tehran before the end of the year, officials said.</p>"
    "</article><footer>Copyright</footer></body></html>"
)


def read_all(*paths: Path | str, fmt: str | None = None, cols: Columns = Columns()) -> list:
    return list(read_inputs([str(p) for p in paths], fmt, cols))


def docs(items: list) -> list[RawDoc]:
    return [i for i in items if isinstance(i, RawDoc)]


def failures(items: list) -> list[ReadFailure]:
    return [i for i in items if isinstance(i, ReadFailure)]


def write_warc(path: Path, records: list[tuple[str, str, str, bytes]]) -> None:
    """(url, status line, content type, body) -> a gzipped WARC of response records."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, status, ctype, body in records:
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
            writer.write_record(rec)


def test_txt_is_one_article_with_its_path_as_source(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode())
    assert docs(read_all(path)) == [RawDoc(source=str(path), text=TEXT)]


def test_txt_keeps_crlf(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(TEXT.replace("\n", "\r\n").encode())
    assert docs(read_all(path))[0].text == TEXT.replace("\n", "\r\n")


def test_txt_in_another_encoding_is_decoded(tmp_path: Path) -> None:
    text = "Café talks in Montréal\n\nThe ministers met déjà twice this year, officials said on Friday.\n"
    path = tmp_path / "latin.txt"
    path.write_bytes(text.encode("cp1252"))
    assert docs(read_all(path))[0].text == text


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n \n", "empty file"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10, "binary file"),
        (
            "invalid.txt",
            bytes(range(128, 256)) * 3 + b"\x00"[:0] + bytes([0xC3, 0x28] * 50),
            "not valid UTF-8",
        ),
        ("big.txt", b"word " * (MAX_TEXT_SIZE // 5 + 1), "limit"),
    ],
)
def test_unreadable_txt_is_a_failure_naming_the_file(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert [(f.source, reason in f.reason) for f in read_all(path)] == [(str(path), True)]


def test_jsonl_fields_map_to_the_raw_doc(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    rec = {
        "doc_id": "d1",
        "text": TEXT,
        "title": "T",
        "published": "2022-07-15",
        "publisher": "P",
        "url": "u",
    }
    path.write_text(json.dumps(rec) + "\n")
    assert docs(read_all(path)) == [
        RawDoc(source="d1", text=TEXT, title="T", published="2022-07-15", publisher="P", url="u")
    ]


@pytest.mark.parametrize(
    ("record", "source"),
    [
        ({"text": TEXT, "source": "s.txt"}, "s.txt"),
        ({"text": TEXT, "source": "a long description", "doc_id": "d9"}, "d9"),
        ({"text": TEXT, "url": "https://x.org/a"}, "https://x.org/a"),
        ({"text": TEXT}, "{path}:1"),
    ],
)
def test_jsonl_source_prefers_doc_id_then_source_then_url(tmp_path: Path, record: dict, source: str) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(record) + "\n")
    assert docs(read_all(path))[0].source == source.format(path=path)


def test_malformed_jsonl_line_is_rejected_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": TEXT}) + "\n{not json\n" + json.dumps({"text": OTHER}) + "\n")
    items = read_all(path)
    assert [d.text for d in docs(items)] == [TEXT, OTHER]
    assert [(f.source, f.reason.startswith("malformed JSON line")) for f in failures(items)] == [
        (f"{path}:2", True)
    ]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b'{"title": "no text"}', "record has no text field"),
        (b'{"text": "   "}', "empty text"),
        (b'{"text": 42}', "is not a string"),
        (b"[1, 2]", "not an object"),
        (b'{"text": "caf\xe9"}', "not valid UTF-8"),
    ],
)
def test_bad_jsonl_record_reasons(tmp_path: Path, line: bytes, reason: str) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(line + b"\n")
    assert [reason in f.reason for f in read_all(path)] == [True]


def test_json_array(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps([{"text": TEXT, "headline": "H"}, {"body": OTHER}]))
    assert [(d.text, d.title) for d in docs(read_all(path))] == [(TEXT, "H"), (OTHER, None)]


def test_csv_with_guessed_columns(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    pl.DataFrame(
        {"id": ["x1", "x2"], "headline": ["H1", "H2"], "date": ["2022-07-15", ""], "body": [TEXT, OTHER]}
    ).write_csv(path)
    assert [(d.source, d.title, d.published, d.text) for d in docs(read_all(path))] == [
        ("x1", "H1", "2022-07-15", TEXT),
        ("x2", "H2", None, OTHER),
    ]


def test_csv_with_named_columns(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    pl.DataFrame({"story_text": [TEXT], "hed": ["H"], "when": ["2022-07-15"]}).write_csv(path)
    cols = Columns(text="story_text", title="hed", date="when")
    assert [(d.title, d.published) for d in docs(read_all(path, cols=cols))] == [("H", "2022-07-15")]


def test_csv_without_a_text_column_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    pl.DataFrame({"a": [1], "b": [2]}).write_csv(path)
    assert [(f.source, "no text column" in f.reason) for f in read_all(path)] == [(str(path), True)]


def test_parquet_with_text_column(tmp_path: Path) -> None:
    path = tmp_path / "a.parquet"
    pl.DataFrame({"text": [TEXT, OTHER], "title": ["A", "B"]}).write_parquet(path)
    assert [(d.source, d.title) for d in docs(read_all(path))] == [(f"{path}:0", "A"), (f"{path}:1", "B")]


def test_broken_parquet_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "a.parquet"
    path.write_bytes(b"PAR1 this is not really parquet")
    assert ["Parquet" in f.reason for f in read_all(path)] == [True]


def test_html_file_is_a_page_with_its_path_as_source(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(PAGE)
    assert read_all(path) == [HtmlPage(source=str(path), html=PAGE.encode())]


def test_html_to_doc_takes_main_text_and_metadata() -> None:
    doc = html_to_doc(HtmlPage("p.html", PAGE.encode()))
    assert isinstance(doc, RawDoc)
    assert (doc.title, doc.publisher, doc.published) == ("Leaders meet in Baku", "Caspian News", "2022-07-15")
    assert "The two presidents met on Friday" in doc.text
    assert "Copyright" not in doc.text


def test_html_without_article_text_is_a_failure() -> None:
    page = HtmlPage("empty.html", b"<html><head><title>x</title></head><body><nav>Home</nav></body></html>")
    assert html_to_doc(page) == ReadFailure("empty.html", "no article text found in the HTML")


def test_warc_keeps_html_200_and_counts_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(
        path,
        [
            ("https://news.example/a", "200 OK", "text/html; charset=utf-8", PAGE.encode()),
            ("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG"),
            ("https://news.example/gone", "404 Not Found", "text/html", b"<html>gone</html>"),
        ],
    )
    assert read_all(path) == [
        HtmlPage(source="https://news.example/a", html=PAGE.encode(), url="https://news.example/a"),
        Skipped("https://news.example/logo.png", "non-HTML"),
        Skipped("https://news.example/gone", "non-200"),
    ]


def test_not_a_warc_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    path.write_bytes(b"hello, this is no WARC\n")
    assert ["WARC" in f.reason for f in read_all(path)] == [True]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.txt.gz", TEXT.encode()),
        ("a.jsonl.gz", (json.dumps({"text": TEXT}) + "\n").encode()),
        ("a.csv.gz", ('text\n"' + TEXT + '"\n').encode()),
    ],
)
def test_gzipped_inputs_are_read_like_plain_ones(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(gzip.compress(content))
    assert [d.text for d in docs(read_all(path))] == [TEXT]


def test_gzipped_parquet(tmp_path: Path) -> None:
    buf = io.BytesIO()
    pl.DataFrame({"text": [TEXT]}).write_parquet(buf)
    path = tmp_path / "a.parquet.gz"
    path.write_bytes(gzip.compress(buf.getvalue()))
    assert [d.text for d in docs(read_all(path))] == [TEXT]


def test_broken_gzip_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00 truncated")
    assert ["gzip" in f.reason for f in read_all(path)] == [True]


def test_stdin_is_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO((json.dumps({"text": TEXT}) + "\n{oops\n").encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    items = read_all("-")
    assert [d.text for d in docs(items)] == [TEXT]
    assert [f.source for f in failures(items)] == ["<stdin>:2"]


def test_forced_format_reads_any_name(tmp_path: Path) -> None:
    path = tmp_path / "dump.data"
    path.write_text(json.dumps({"text": TEXT}) + "\n")
    assert [d.text for d in docs(read_all(path, fmt="jsonl"))] == [TEXT]


def test_missing_file_is_a_failure(tmp_path: Path) -> None:
    assert read_all(tmp_path / "nope.txt") == [ReadFailure(str(tmp_path / "nope.txt"), "no such file")]


def test_folder_scan_takes_article_formats_only(tmp_path: Path) -> None:
    for name in ("b.txt", "a.jsonl", "sub/c.html", "d.warc.gz", "a_x.ann", "expected.json", ".hidden.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in expand_inputs([str(tmp_path)])] == [
        "a.jsonl",
        "b.txt",
        "d.warc.gz",
        "sub/c.html",
    ]


def test_stream_counts_input_bytes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "b.txt").write_text(OTHER)
    stream = InputStream([str(tmp_path)])
    list(stream)
    assert (stream.total_bytes, stream.bytes_done) == (len(TEXT.encode()) + len(OTHER.encode()),) * 2


def test_glob_matching_nothing_is_reported(tmp_path: Path) -> None:
    pattern = str(tmp_path / "*.txt")
    assert read_all(pattern) == [ReadFailure(pattern, "no such file")]


@given(
    st.lists(
        st.lists(st.text(alphabet="aB-._ 0/é", min_size=1, max_size=4), min_size=1, max_size=3).map(
            lambda parts: "/".join(parts)
        ),
        max_size=12,
    )
)
def test_input_order_is_paths_sorted(names: list[str]) -> None:
    # the sort key must give Path's own order ("a/b" before "a-b", unlike the strings' order)
    paths = [Path(n) for n in names]
    assert sorted(paths, key=_path_order) == sorted(paths)


def test_missing_and_folder_inputs_are_failures_with_sizes_known_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    (tmp_path / "dir").mkdir()
    stream = InputStream(
        [str(tmp_path / "a.txt"), str(tmp_path / "gone.txt"), str(tmp_path / "dir")], expand=False
    )
    assert stream.total_bytes == len(TEXT.encode())
    items = list(stream)
    assert [type(i).__name__ for i in items] == ["RawDoc", "ReadFailure", "ReadFailure"]
    assert [i.reason for i in items[1:]] == ["no such file", "not a regular file"]  # type: ignore[union-attr]
