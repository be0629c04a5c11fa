"""validate_tables, validate_dir and `etl validate`: bad rows go to rejects with their rule."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
import tempfile
from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from etl.article_chunks import NotGrouped, article_chunks
from etl.cli import app
from etl.parse import parse_docs
from etl.readers import read_txt
from etl.records import SCHEMAS, TABLES, Reject, article_of, to_frame
from etl.validate import SPEAKER_NULLED, ValidationInputError, table_files, validate_dir, validate_tables

Tables = dict[str, pl.DataFrame]
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "tehran-baku-2022-07-15.txt"


def _set(table: str, row: int, **values: object) -> Callable[[Tables], Tables]:
    """A change to one cell (or a few) of one row of one table."""

    def change(t: Tables) -> Tables:
        frame = t[table].with_row_index("_i")
        frame = frame.with_columns(
            pl.when(pl.col("_i") == row).then(pl.lit(v, dtype=frame.schema[c])).otherwise(pl.col(c)).alias(c)
            for c, v in values.items()
        ).drop("_i")
        return {**t, table: frame}

    return change


def _rules(rejects: pl.DataFrame, table: str) -> dict[str, str]:
    return dict(rejects.filter(pl.col("table") == table).select("row_id", "rule").iter_rows())


def test_clean_tables_pass_whole(tables: Tables) -> None:
    result = validate_tables(tables)
    assert result.n_rejected == 0
    for name in TABLES:
        assert result.tables[name].equals(tables[name])


def test_report_counts(tables: Tables) -> None:
    report = validate_tables(tables).report
    assert report["tables"]["quotes"] == {
        "checked": 3,
        "duplicates_collapsed": 0,
        "passed": 3,
        "failed": 0,
        "rules": {},
    }
    assert report["repairs"] == {SPEAKER_NULLED: 0}


AID = "5351f921982c2abb"


@pytest.mark.parametrize(
    ("change", "table", "row_id", "rule"),
    [
        (_set("quotes", 0, text="not the span"), "quotes", f"{AID}:q1", "text_equals_span"),
        (_set("quotes", 0, end=10**6), "quotes", f"{AID}:q1", "span_inside_text:start; text_equals_span"),
        (
            _set("participants", 2, first_end=10**6),
            "participants",
            f"{AID}:p3",
            "span_inside_text:first_start",
        ),
        (_set("participants", 2, country="XYZ"), "participants", f"{AID}:p3", "country:iso3166_alpha3"),
        (
            _set("events", 0, event_date=dt.date(2022, 7, 16)),
            "events",
            f"{AID}:e1",
            "event_date_not_after_published",
        ),
        (_set("events", 1, cameo_code="057"), "events", f"{AID}:e2", "cameo_code_matches_event_type"),
        (
            _set("event_participants", 3, participant_id=f"{AID}:p9"),
            "event_participants",
            f"{AID}:e2|{AID}:p9",
            "fk:participant_id",
        ),
        (
            _set("event_participants", 3, event_id=f"{AID}:e9"),
            "event_participants",
            f"{AID}:e9|{AID}:p3",
            "fk:event_id",
        ),
        (
            _set("quotes", 1, speaker_participant_id=f"{AID}:p9"),
            "quotes",
            f"{AID}:q2",
            "fk:speaker_participant_id",
        ),
        (_set("quotes", 1, speaker="Shamkhani"), "quotes", f"{AID}:q2", "speaker_is_participant_name"),
        (_set("quotes", 2, kind="rumour"), "quotes", f"{AID}:q3", "kind:isin"),
    ],
)
def test_bad_row_goes_to_rejects_with_its_rule(
    tables: Tables, change: Callable[[Tables], Tables], table: str, row_id: str, rule: str
) -> None:
    result = validate_tables(change(tables))
    assert _rules(result.rejects, table) == {row_id: rule}
    assert result.tables[table].height == tables[table].height - 1


def test_planned_event_may_lie_after_publication(tables: Tables) -> None:
    changed = _set("events", 0, event_date=dt.date(2022, 8, 1), status="planned")(tables)
    assert validate_tables(changed).n_rejected == 0


def test_reject_row_holds_the_row_as_json_and_its_source(tables: Tables) -> None:
    result = validate_tables(_set("participants", 2, country="XYZ")(tables))
    reject = result.rejects.row(0, named=True)
    assert list(result.rejects.columns) == list(SCHEMAS["rejects"])
    assert json.loads(reject["row"])["participant_id"] == f"{AID}:p3"
    assert json.loads(reject["row"])["country"] == "XYZ"
    assert reject["source"] == str(EXAMPLE)


def test_rejected_article_takes_its_rows_along(tables: Tables) -> None:
    result = validate_tables(_set("articles", 0, language="english")(tables))
    assert _rules(result.rejects, "articles") == {AID: "language:iso639_1"}
    for table in ("participants", "events", "quotes"):
        assert set(_rules(result.rejects, table).values()) == {"cascade:articles"}
        assert result.tables[table].is_empty()
    # event_participants follow their events and participants
    assert set(_rules(result.rejects, "event_participants").values()) == {
        "cascade:events; cascade:participants"
    }


def test_rejected_participant_leaves_no_dangling_key(tables: Tables) -> None:
    result = validate_tables(_set("participants", 0, kind="robot")(tables))
    assert _rules(result.rejects, "participants") == {f"{AID}:p1": "kind:isin"}
    assert _rules(result.rejects, "event_participants") == {
        f"{AID}:e1|{AID}:p1": "cascade:participants",
        f"{AID}:e2|{AID}:p1": "cascade:participants",
    }
    # the quotes stay (valid statements with their speaker text), their link is nulled and counted
    quotes = result.tables["quotes"]
    assert quotes.height == 3
    assert quotes.get_column("speaker_participant_id").null_count() == 3
    assert quotes.get_column("speaker").to_list() == ["Ali Shamkhani"] * 3
    assert result.report["repairs"][SPEAKER_NULLED] == 3


def test_rejected_event_takes_its_participations_along(tables: Tables) -> None:
    result = validate_tables(_set("events", 1, status="maybe")(tables))
    assert set(_rules(result.rejects, "event_participants")) == {f"{AID}:e2|{AID}:p1", f"{AID}:e2|{AID}:p3"}
    assert result.tables["participants"].height == 3


def test_duplicate_ids_reject_every_copy(tables: Tables) -> None:
    other = tables["participants"].head(1).with_columns(pl.lit("Someone Else").alias("name"))
    result = validate_tables({**tables, "participants": pl.concat([tables["participants"], other])})
    rejected = result.rejects.filter(pl.col("table") == "participants")
    assert rejected.get_column("row_id").to_list() == [f"{AID}:p1", f"{AID}:p1"]
    assert set(rejected.get_column("rule")) == {"participant_id:field_uniqueness"}


def test_exact_copies_collapse_into_one_row(tables: Tables) -> None:
    doubled = pl.concat([tables["quotes"], tables["quotes"]])
    result = validate_tables({**tables, "quotes": doubled})
    assert result.n_rejected == 0
    assert result.tables["quotes"].equals(tables["quotes"])
    assert result.report["tables"]["quotes"]["duplicates_collapsed"] == 3


def test_missing_column_rejects_every_row(tables: Tables) -> None:
    result = validate_tables({**tables, "events": tables["events"].drop("status")})
    rules = _rules(result.rejects, "events")
    assert len(rules) == tables["events"].height
    assert all("missing_column:status" in rule for rule in rules.values())


def test_value_that_does_not_cast_is_rejected(tables: Tables) -> None:
    mentions = tables["participants"].get_column("mentions").cast(pl.Utf8).scatter(1, "two")
    frame = tables["participants"].with_columns(mentions)
    result = validate_tables({**tables, "participants": frame})
    rules = _rules(result.rejects, "participants")
    assert list(rules) == [f"{AID}:p2"]
    assert "dtype:mentions" in rules[f"{AID}:p2"]
    assert result.tables["participants"].schema["mentions"] == pl.Int64


def test_missing_table_is_empty(tables: Tables) -> None:
    del tables["event_participants"]
    result = validate_tables(tables)
    assert result.n_rejected == 0
    assert result.tables["event_participants"].schema == pl.Schema(SCHEMAS["event_participants"])


def test_parsed_example_breaks_no_rule() -> None:
    # whatever extraction finds on the example article, it must keep the contract
    parsed = parse_docs(read_txt(EXAMPLE))
    result = validate_tables(parsed.tables)
    assert result.rejects.select("table", "row_id", "rule").to_dicts() == []


def _write(tables: Tables, directory: Path, input_rejects: list[Reject] | None = None) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        frame.write_parquet(directory / f"{name}.parquet")
    to_frame("rejects", input_rejects or []).write_parquet(directory / "rejects.parquet")
    return directory


def test_validate_dir_writes_rejects_and_report(tables: Tables, tmp_path: Path) -> None:
    unreadable = Reject("inputs", None, "bad.txt", "{}", "not valid UTF-8")
    folder = _write(_set("quotes", 0, text="x")(tables), tmp_path / "t", [unreadable])
    validate_dir(folder)
    second = validate_dir(folder)  # running again must not pile rule rejects onto input rejects
    written = pl.read_parquet(folder / "rejects.parquet")
    assert written.select("table", "rule").to_dicts() == [
        {"table": "inputs", "rule": "not valid UTF-8"},
        {"table": "quotes", "rule": "text_equals_span"},
    ]
    report = json.loads((folder / "dq_report.json").read_text())
    assert report == second.report
    assert report["inputs"] == {"rejected": 1, "reasons": {"not valid UTF-8": 1}}
    assert report["tables"]["quotes"]["rules"] == {"text_equals_span": 1}


def test_validate_dir_names_a_missing_table(tables: Tables, tmp_path: Path) -> None:
    folder = _write(tables, tmp_path / "t")
    (folder / "events.parquet").unlink()
    with pytest.raises(ValidationInputError, match=r"events\.parquet: table file missing"):
        validate_dir(folder)


def test_validate_dir_reads_parse_output(tmp_path: Path) -> None:
    parsed = parse_docs(read_txt(EXAMPLE))
    folder = _write(parsed.tables, tmp_path / "t")
    parsed.rejects.write_parquet(folder / "rejects.parquet")
    result = validate_dir(folder)
    assert result.tables["articles"] == folder / "valid" / "articles.parquet"
    assert pl.read_parquet(folder / "valid" / "articles.parquet").height == 1


@pytest.mark.parametrize(("extra", "code"), [([], 1), (["--allow-rejects"], 0)])
def test_cli_exit_status_follows_rejects(tables: Tables, tmp_path: Path, extra: list[str], code: int) -> None:
    folder = _write(_set("quotes", 0, text="x")(tables), tmp_path / "t")
    result = CliRunner().invoke(app, ["validate", str(folder), *extra])
    assert result.exit_code == code
    assert "text_equals_span: 1" in result.stdout


def test_cli_clean_folder_exits_zero(tables: Tables, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["validate", str(_write(tables, tmp_path / "t"))])
    assert result.exit_code == 0, result.stderr


def test_cli_missing_folder_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["validate", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "etl parse" in result.stderr


def test_validate_dir_reads_folders_of_parts(tables: Tables, tmp_path: Path) -> None:
    folder = _write(tables, tmp_path / "t")
    quotes = tables["quotes"]
    (folder / "quotes.parquet").unlink()
    (folder / "quotes").mkdir()
    quotes.head(1).write_parquet(folder / "quotes" / "part-0.parquet")
    quotes.tail(2).write_parquet(folder / "quotes" / "part-1.parquet")
    validate_dir(folder)
    assert pl.read_parquet(folder / "valid" / "quotes.parquet").equals(quotes)


# --- validate_dir in chunks of articles: exactly what validating the whole gives ---

FAKE = "f" * 16  # an article id no article has


@functools.cache
def _corpus() -> Tables:
    """Four real articles parsed from variants of the example (polars frames are immutable: shared)."""
    text = EXAMPLE.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for i in range(4):
            paths.append(Path(tmp) / f"a{i}.txt")
            paths[-1].write_text(f"{text}\nFiled as note {i}.\n", encoding="utf-8")
        return parse_docs(itertools.chain.from_iterable(read_txt(p) for p in paths)).tables


def _ids(tables: Tables) -> list[str]:
    return tables["articles"].get_column("article_id").to_list()


def _rows_of(tables: Tables, aid: str, new_aid: str | None = None) -> Tables:
    """One article's rows of every table, with their ids moved to ``new_aid`` if given."""
    out = {}
    for name, frame in tables.items():
        key = article_of(name)
        rows = frame.filter(key == aid)
        if new_aid is not None:
            rows = rows.with_columns(
                pl.col(c).str.replace(aid, new_aid, literal=True)
                for c, dtype in rows.schema.items()
                if dtype == pl.String and (c.endswith("_id") or c == "event_id")
            )
        out[name] = rows
    return out


def _insert_after(tables: Tables, aid: str, extra: Tables, *, skip_articles: bool = False) -> Tables:
    """``extra``'s rows placed right after the rows of article ``aid`` in every table."""
    out = {}
    for name, frame in tables.items():
        key = article_of(name)
        at = frame.with_row_index("_i").filter(key == aid).get_column("_i").max()
        cut = frame.height if at is None else int(at) + 1
        add = extra[name].head(0) if skip_articles and name == "articles" else extra[name]
        out[name] = pl.concat([frame.head(cut), add.select(frame.columns), frame.slice(cut)])
    return out


def _duplicate_article(t: Tables) -> Tables:
    a, b = _ids(t)[:2]
    copy = _rows_of(t, a)
    copy["articles"] = copy["articles"].with_columns(pl.lit("Another title").alias("title"))
    return _insert_after(t, b, copy)


def _exact_copy_article(t: Tables) -> Tables:
    a, b = _ids(t)[:2]
    return _insert_after(t, b, _rows_of(t, a))


def _orphan_rows(t: Tables) -> Tables:
    a, b = _ids(t)[:2]
    return _insert_after(t, b, _rows_of(t, a, FAKE), skip_articles=True)


def _rejected_article(t: Tables) -> Tables:
    row = _ids(t).index(_ids(t)[2])
    return _set("articles", row, language="english")(t)


def _bad_quote_in_each_article(t: Tables) -> Tables:
    ids = t["quotes"].with_row_index("_i").group_by("article_id", maintain_order=True).first()
    for row in ids.get_column("_i").to_list():
        t = _set("quotes", row, text="not the span")(t)
    return t


CHUNKED = [
    _duplicate_article,
    _exact_copy_article,
    _orphan_rows,
    _rejected_article,
    _bad_quote_in_each_article,
]


def _validated(tables: Tables, folder: Path, chunk_articles: int) -> tuple[Tables, pl.DataFrame, dict]:
    _write(tables, folder)
    result = validate_dir(folder, chunk_articles=chunk_articles)
    valid = {name: pl.read_parquet(path) for name, path in result.tables.items()}
    return valid, result.rejects, result.report


@pytest.mark.parametrize("change", CHUNKED, ids=lambda f: f.__name__)
def test_chunks_give_what_the_whole_gives(change: Callable[[Tables], Tables], tmp_path: Path) -> None:
    tables = change(_corpus())
    _write(tables, tmp_path / "probe")
    assert len(list(article_chunks(table_files(tmp_path / "probe"), 1))) > 1  # really validated in chunks
    whole = validate_tables(tables)
    valid, rejects, report = _validated(tables, tmp_path / "chunked", chunk_articles=1)
    assert whole.report != validate_tables(_corpus()).report  # the change shows
    assert rejects.equals(whole.rejects)
    assert report == {**whole.report, "inputs": {"rejected": 0, "reasons": {}}}
    for name in TABLES:
        assert valid[name].equals(whole.tables[name]), name


@pytest.mark.parametrize("change", CHUNKED, ids=lambda f: f.__name__)
def test_chunk_size_changes_no_output(change: Callable[[Tables], Tables], tmp_path: Path) -> None:
    tables = change(_corpus())
    one = _validated(tables, tmp_path / "one", chunk_articles=10**6)
    (tmp_path / "one" / "dq_report.json").rename(tmp_path / "one.json")
    two = _validated(tables, tmp_path / "two", chunk_articles=2)
    assert one[1].equals(two[1])
    assert one[2] == two[2]
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two" / "dq_report.json").read_bytes()
    for name in TABLES:
        assert one[0][name].equals(two[0][name]), name


def test_rows_apart_from_their_article_are_validated_whole(tmp_path: Path) -> None:
    corpus = _corpus()
    tables = {**corpus, "participants": corpus["participants"].reverse()}
    _write(tables, tmp_path / "probe")
    with pytest.raises(NotGrouped):
        list(article_chunks(table_files(tmp_path / "probe"), 1))
    whole = validate_tables(tables)
    valid, rejects, _ = _validated(tables, tmp_path / "t", chunk_articles=1)
    assert rejects.equals(whole.rejects)
    assert valid["participants"].equals(whole.tables["participants"])


def test_valid_rows_go_where_asked(tables: Tables, tmp_path: Path) -> None:
    folder = _write(tables, tmp_path / "t")
    result = validate_dir(folder, out=tmp_path / "elsewhere")
    assert result.tables == {name: tmp_path / "elsewhere" / f"{name}.parquet" for name in TABLES}
    assert pl.read_parquet(tmp_path / "elsewhere" / "quotes.parquet").equals(tables["quotes"])
    result.remove_files()
    assert not (tmp_path / "elsewhere").exists()


def test_cli_writes_valid_rows_to_out(tables: Tables, tmp_path: Path) -> None:
    folder = _write(tables, tmp_path / "t")
    result = CliRunner().invoke(app, ["validate", str(folder), "--out", str(tmp_path / "v")])
    assert result.exit_code == 0, result.stderr
    assert pl.read_parquet(tmp_path / "v" / "events.parquet").equals(tables["events"])
