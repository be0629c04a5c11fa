"""`etl report` and `etl check`: every report runs, exact rows on the hand-made database, no path tricks."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from etl.cli import app
from etl.db import SchemaVersionError
from etl.reports import (
    MissingParameter,
    UnknownReport,
    list_checks,
    list_reports,
    run_checks,
    run_report,
)

REQUIRED = {"who_met_whom", "top_speakers", "quotes_by_participant", "events_timeline", "country_pairs"}
PARAMS = {"quotes_by_participant": {"participant": "Shamkhani"}}
REPORTS = [r.name for r in list_reports()]


def test_required_reports_exist() -> None:
    assert set(REPORTS) >= REQUIRED


@pytest.mark.parametrize("name", REPORTS)
def test_report_runs_on_parsed_example(parsed_db: Path, name: str) -> None:
    frame = run_report(parsed_db, name, PARAMS.get(name))
    assert frame.width > 0


@pytest.mark.parametrize("name", REPORTS)
def test_report_has_rows_on_hand_made_example(tiny_db: Path, name: str) -> None:
    assert run_report(tiny_db, name, PARAMS.get(name)).height > 0


def test_who_met_whom(tiny_db: Path) -> None:
    frame = run_report(tiny_db, "who_met_whom").select(
        "participant_a", "participant_b", "events", "first_date"
    )
    assert [tuple(r) for r in frame.iter_rows()] == [
        ("Ali Shamkhani", "Ilham Aliyev", 1, frame.item(0, "first_date")),
        ("Ali Shamkhani", "Ramil Usubov", 1, None),
    ]
    assert str(frame.item(0, "first_date")) == "2022-07-15"


def test_top_speakers(tiny_db: Path) -> None:
    rows = run_report(tiny_db, "top_speakers").to_dicts()
    assert rows == [
        {
            "speaker": "Ali Shamkhani",
            "title": "Secretary of the Supreme National Security Council",
            "country": "IRN",
            "quotes": 3,
            "direct_quotes": 2,
            "reported_quotes": 1,
            "articles": 1,
        }
    ]


@pytest.mark.parametrize(
    ("participant", "quotes"),
    [
        ("Shamkhani", 3),
        ("ali shamkhani", 3),
        ("the SNSC chief", 3),
        ("Usubov", 0),
        ("'; drop table quotes; --", 0),
    ],
)
def test_quotes_by_participant(tiny_db: Path, participant: str, quotes: int) -> None:
    frame = run_report(tiny_db, "quotes_by_participant", {"participant": participant})
    assert frame.height == quotes


def test_events_timeline(tiny_db: Path) -> None:
    frame = run_report(tiny_db, "events_timeline")
    assert frame.get_column("participants").to_list() == [
        "Ali Shamkhani (visitor), Ilham Aliyev (host)",
        "Ali Shamkhani (participant), Ramil Usubov (participant)",
    ]
    assert frame.get_column("location").to_list() == ["Baku", None]


def test_country_pairs(tiny_db: Path) -> None:
    rows = run_report(tiny_db, "country_pairs").select("country_a", "country_b", "events").rows()
    assert rows == [("AZE", "IRN", 2)]


@pytest.mark.parametrize(
    "name",
    [
        "../checks/duplicate_ids",
        "/etc/passwd",
        "who_met_whom.sql",
        "reports/who_met_whom",
        "WHO_MET_WHOM",
        "",
    ],
)
def test_path_tricks_are_unknown_reports(tiny_db: Path, name: str) -> None:
    with pytest.raises(UnknownReport, match="reports: country_pairs, events_timeline"):
        run_report(tiny_db, name)


def test_missing_parameter_is_named(tiny_db: Path) -> None:
    with pytest.raises(MissingParameter, match="--param participant=VALUE"):
        run_report(tiny_db, "quotes_by_participant")


def test_unexpected_parameter_is_named(tiny_db: Path) -> None:
    with pytest.raises(MissingParameter, match="no parameter speaker"):
        run_report(tiny_db, "top_speakers", {"speaker": "x"})


def test_report_refuses_a_newer_database(tiny_db: Path) -> None:
    con = duckdb.connect(str(tiny_db))
    con.execute("insert into schema_version values (99, now()::timestamp, '9.9.9')")
    con.close()
    with pytest.raises(SchemaVersionError, match="upgrade news-etl"):
        run_report(tiny_db, "top_speakers")


def test_cli_lists_reports_with_their_question() -> None:
    result = CliRunner().invoke(app, ["report"])
    assert result.exit_code == 0
    for report in list_reports():
        assert report.name in result.stdout
        assert report.question in result.stdout
    assert "quotes_by_participant --param participant=..." in result.stdout


def test_cli_unknown_report_is_one_line(tiny_db: Path) -> None:
    result = CliRunner().invoke(app, ["report", "../checks/orphan_quotes", "--db", str(tiny_db)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "no report named '../checks/orphan_quotes'" in result.stderr


def test_cli_report_with_parameter(tiny_db: Path) -> None:
    args = ["report", "quotes_by_participant", "--db", str(tiny_db), "-p", "participant=Shamkhani"]
    result = CliRunner().invoke(app, [*args, "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 4


# ---------------------------------------------------------------- checks


@pytest.mark.parametrize("db_fixture", ["tiny_db", "parsed_db"])
def test_every_check_holds_on_a_loaded_database(db_fixture: str, request: pytest.FixtureRequest) -> None:
    db = request.getfixturevalue(db_fixture)
    assert [c.name for c in run_checks(db) if not c.ok] == []


BREAKS = {
    "orphan_participants": "insert into participants select * replace ('ffffffffffffffff' as article_id, "
    "'ffffffffffffffff:p1' as participant_id) from participants limit 1",
    "orphan_quotes": "update quotes set article_id = 'ffffffffffffffff' where quote_id like '%:q1'",
    "orphan_event_participants": "delete from participants where participant_id like '%:p3'",
    "quote_text_matches_span": "update quotes set text = 'x' where quote_id like '%:q1'",
    "spans_inside_text": "update events set \"end\" = 10000000 where event_id like '%:e1'",
}


@pytest.mark.parametrize(("check", "sql"), BREAKS.items())
def test_cli_check_names_the_failing_check(tiny_db: Path, check: str, sql: str) -> None:
    con = duckdb.connect(str(tiny_db))
    con.execute(sql)
    con.close()
    result = CliRunner().invoke(app, ["check", "--db", str(tiny_db)])
    assert result.exit_code == 1
    assert f"FAIL {check}" in result.stdout
    assert check in result.stderr


def test_cli_check_passes(tiny_db: Path) -> None:
    result = CliRunner().invoke(app, ["check", "--db", str(tiny_db)])
    assert result.exit_code == 0
    assert f"{len(list_checks())} checks hold" in result.stdout


@pytest.mark.parametrize("command", ["validate", "load", "sql", "report", "check"])
def test_command_has_help(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.stdout


def test_cli_html_report(tiny_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", "--html", str(out), "--db", str(tiny_db)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == str(out)
    assert "Ali Shamkhani" in out.read_text(encoding="utf-8")
