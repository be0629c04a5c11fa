"""One self-contained HTML page that tells the story of a database at a glance.

Steps of :func:`build_report`:

1. Open the database read-only and run the named queries of
   ``sql/reports_html/`` (one question per file).
2. Turn quotes into their sentence, with the quote, speaker and cue spans
   highlighted from their offsets.
3. Fill ``etl/templates/report.html``: tables as escaped HTML, the network and
   timeline as JSON that the inline script draws as SVG. No network access,
   no external file: the page works offline, from a file:// URL or an email.

Output is a pure function of the database (and the data-quality report): no
clock, so the same database gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from etl import __version__
from etl.db import DatabaseError, base_tables, connect_read_only, row_count, sql_dir
from etl.html_sections import Safe, Span, esc, highlight, join, json_html, script_json, table, tag, void
from etl.sentences import Sentence, sentence_at, split_sentences

TEMPLATES = Path(__file__).resolve().parent / "templates"

SQL_DIR = sql_dir() / "reports_html"

REQUIRED_TABLES = ("articles", "participants", "events", "event_participants", "quotes")

# A browser filters a table of a few thousand rows as fast as one types; past
# that the page grows by megabytes and search lags. The header says when rows
# were left out.
MAX_QUOTES = 2000
# Beyond ~150 edges a force layout on one screen is a hairball nobody reads.
MAX_EDGES = 150
# Dots on the timeline; the table under it lists the same events.
MAX_EVENTS = 2000
MAX_SPEAKERS = 25
MAX_PUBLISHERS = 20
# A quote shown with its sentence(s); when the speaker sits further away than
# this many characters (attributed from an earlier paragraph) only the quote's
# own sentences are shown, and the speaker column names them.
MAX_CONTEXT_CHARS = 1200

SEARCH_HINT = "Search quotes, speakers, articles…"

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


class ReportError(DatabaseError):
    """The database cannot feed the report (missing file or tables)."""


@dataclass(slots=True)
class ReportData:
    db_name: str
    summary: dict[str, Any]
    table_counts: list[tuple[str, int]]
    publishers: list[dict[str, Any]]
    rejects: list[dict[str, Any]] | None
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    events: list[dict[str, Any]]
    speakers: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    n_quotes: int
    n_events: int
    dq: Any = None
    dq_source: str | None = None


def query(con: duckdb.DuckDBPyConnection, name: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    """Rows of ``sql/reports_html/<name>.sql`` as dicts."""
    sql = (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
    cur = con.execute(sql, params or [])
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def quote_window(text: str, sentences: list[Sentence], spans: list[tuple[int, int]]) -> tuple[int, int]:
    """The sentences that hold every span, as one (start, end) window."""
    lo = min(s for s, _ in spans)
    hi = max(e for _, e in spans)
    first = sentence_at(sentences, lo)
    last = sentence_at(sentences, max(lo, hi - 1))
    start = sentences[first].start if first is not None else lo
    end = sentences[last].end if last is not None else hi
    return max(0, min(start, lo)), min(len(text), max(end, hi))


def quote_context(text: str, sentences: list[Sentence], row: dict[str, Any]) -> Safe:
    """The quote's sentence(s) with quote, speaker and cue highlighted."""
    spans = [Span(row["start"], row["end"], "hl-quote")]
    for key, css in (("speaker", "hl-speaker"), ("cue", "hl-cue")):
        s, e = row.get(f"{key}_start"), row.get(f"{key}_end")
        if s is not None and e is not None and 0 <= s < e <= len(text):
            spans.append(Span(s, e, css))
    lo, hi = quote_window(text, sentences, [(s.start, s.end) for s in spans])
    if hi - lo > MAX_CONTEXT_CHARS:
        lo, hi = quote_window(text, sentences, [(row["start"], row["end"])])
    return highlight(text, lo, hi, spans)


def _quote_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quote rows with their highlighted context, article texts split once each."""
    cache: dict[str, list[Sentence]] = {}
    out = []
    for row in rows:
        text = row.pop("article_text") or ""
        if row["article_id"] not in cache:
            cache[row["article_id"]] = split_sentences(text)
        row["context"] = quote_context(text, cache[row["article_id"]], row)
        out.append(row)
    return out


def collect(con: duckdb.DuckDBPyConnection, db_name: str) -> ReportData:
    """Every section's rows from an open connection."""
    present = base_tables(con)
    missing = [t for t in REQUIRED_TABLES if t not in present]
    if missing:
        raise ReportError(f"{db_name}: no table {', '.join(missing)}; run `etl load` or `etl pipeline` first")
    edges = query(con, "network_edges", [MAX_EDGES])
    in_edges = {e["source"] for e in edges} | {e["target"] for e in edges}
    nodes = [n for n in query(con, "network_nodes") if n["entity_key"] in in_edges]
    n_quotes = row_count(con, "quotes")
    return ReportData(
        db_name=db_name,
        summary=query(con, "summary")[0],
        table_counts=[(t, row_count(con, t)) for t in present],
        publishers=query(con, "publishers"),
        rejects=query(con, "rejects_by_rule") if "rejects" in present else None,
        nodes=nodes,
        edges=edges,
        events=query(con, "timeline", [MAX_EVENTS]),
        speakers=query(con, "top_speakers", [MAX_SPEAKERS]),
        quotes=_quote_rows(query(con, "quotes", [MAX_QUOTES])),
        n_quotes=n_quotes,
        n_events=row_count(con, "events"),
    )


def _date(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, dt.date):
        return value.isoformat()
    return ""


def _shown(shown: int, total: int, what: str) -> str:
    return f"{total} {what}" if shown == total else f"the first {shown} of {total} {what}"


def _summary_html(d: ReportData) -> Safe:
    s = d.summary
    first, last = _date(s["first_published"]), _date(s["last_published"])
    span = f"{first} – {last}" if first and first != last else first or "no dates"
    n_rejects = dict(d.table_counts).get("rejects")
    cards = [
        ("articles", s["articles"]),
        ("published", span),
        ("publishers", s["publishers"]),
        ("words", s["words"]),
        ("rejects", "no rejects table" if n_rejects is None else n_rejects),
    ]
    stat_cards = join(
        tag("div", join([tag("div", v, cls="stat-value"), tag("div", k, cls="stat-label")]), cls="stat")
        for k, v in cards
    )
    pubs = d.publishers[:MAX_PUBLISHERS]
    parts: list[object] = [
        tag("div", stat_cards, cls="stats", id="summary-stats"),
        tag(
            "div",
            join(
                [
                    tag("div", join([tag("h3", "Rows per table"), table(["table", "rows"], d.table_counts)])),
                    tag(
                        "div",
                        join(
                            [
                                tag("h3", "Publishers"),
                                table(
                                    ["publisher", "articles"],
                                    [(p["publisher"] or "(unknown)", p["articles"]) for p in pubs],
                                ),
                            ]
                        ),
                    ),
                    tag("div", join([tag("h3", "Rejected rows"), _rejects_html(d.rejects)])),
                ]
            ),
            cls="cols",
        ),
    ]
    return join(parts)


def _rejects_html(rejects: list[dict[str, Any]] | None) -> Safe:
    if rejects is None:
        return tag("p", "The database has no rejects table.", cls="muted")
    if not rejects:
        return tag("p", "None: every row passed validation.", cls="muted")
    return table(["table", "rule", "rows"], [(r["table_name"], r["rule"], r["rows"]) for r in rejects])


def _network_table(d: ReportData) -> Safe:
    names = {n["entity_key"]: n["name"] for n in d.nodes}
    rows = [
        (names.get(e["source"], e["source"]), names.get(e["target"], e["target"]), e["meetings"], e["calls"])
        for e in d.edges
    ]
    return table(["actor", "actor", "meetings", "calls"], rows, cls="compact")


def _events_table(d: ReportData) -> Safe:
    rows = [
        (
            _date(e["event_date"]) or "undated",
            e["event_type"],
            e["status"],
            e["actors"],
            ", ".join(x for x in (e["location"], e["location_country"]) if x),
            e["trigger"],
            e["article_title"],
        )
        for e in d.events
    ]
    return table(["date", "type", "status", "actors", "where", "trigger", "article"], rows, cls="compact")


def _speakers_html(d: ReportData) -> Safe:
    if not d.speakers:
        return tag("p", "No quote has a resolved speaker.", cls="muted")
    rows = [
        (s["name"], s["title"], s["country"], s["quotes"], s["direct"], s["articles"]) for s in d.speakers
    ]
    return table(["speaker", "title", "country", "quotes", "direct", "articles"], rows, cls="compact")


def _quote_row(q: dict[str, Any]) -> Safe:
    who = join([tag("div", q["speaker"] or "unknown"), tag("div", q["speaker_country"], cls="muted")])
    where = join([tag("div", q["article_title"]), tag("div", _date(q["published_at"]), cls="muted")])
    cells = [
        tag("td", who),
        tag("td", q["kind"], cls=f"kind kind-{q['kind']}"),
        tag("td", q["context"], cls="context"),
        tag("td", where),
    ]
    return tag("tr", join(cells), data_quote=q["quote_id"])


def _quotes_html(d: ReportData) -> Safe:
    if not d.quotes:
        return tag("p", "No quotes.", cls="muted")
    shown = len(d.quotes)
    note = _shown(shown, d.n_quotes, "quotes")
    rows = join(_quote_row(q) for q in d.quotes)
    head = tag("tr", join(tag("th", h) for h in ("speaker", "kind", "in context", "article")))
    legend = join(
        [
            tag("span", "quote", cls="hl-quote"),
            " ",
            tag("span", "speaker", cls="hl-speaker"),
            " ",
            tag("span", "reporting words", cls="hl-cue"),
        ]
    )
    return join(
        [
            tag(
                "div",
                join(
                    [
                        void(
                            "input",
                            type="search",
                            id="quote-search",
                            placeholder="Search quotes, speakers, articles…",
                        ),
                        tag("span", note, id="quote-count", data_total=shown, cls="muted"),
                        tag("span", legend, cls="legend"),
                    ]
                ),
                cls="toolbar",
            ),
            tag("table", join([tag("thead", head), tag("tbody", rows)]), id="quotes-table", cls="compact"),
        ]
    )


def _dq_html(d: ReportData) -> Safe:
    if d.dq_source is None:
        return tag("p", "No data-quality report was given (etl validate writes dq_report.json).", cls="muted")
    return join([tag("p", join(["From ", tag("code", d.dq_source)]), cls="muted"), json_html(d.dq)])


def _chart_data(d: ReportData) -> dict[str, Any]:
    nodes = [
        {
            "id": n["entity_key"],
            "name": n["name"],
            "kind": n["kind"],
            "country": n["country"],
            "mentions": int(n["mentions"] or 0),
            "articles": int(n["articles"]),
        }
        for n in d.nodes
    ]
    edges = [{k: e[k] for k in ("source", "target", "weight", "meetings", "calls")} for e in d.edges]
    dated = [
        {
            "id": e["event_id"],
            "date": _date(e["event_date"]),
            "type": e["event_type"],
            "status": e["status"],
            "actors": e["actors"],
            "location": e["location"],
            "trigger": e["trigger"],
        }
        for e in d.events
        if e["event_date"] is not None
    ]
    return {
        "network": {"nodes": nodes, "edges": edges},
        "timeline": {"events": dated, "undated": len(d.events) - len(dated)},
    }


def _fill(template: str, values: dict[str, str]) -> str:
    # one pass: text that came from the data is never scanned for placeholders again
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def render(d: ReportData) -> str:
    """The page for collected data."""
    values = {
        "title": esc(f"News ETL report — {d.db_name}"),
        "db_name": esc(d.db_name),
        "version": esc(__version__),
        "style": (TEMPLATES / "report.css").read_text(encoding="utf-8"),
        "script": (TEMPLATES / "report.js").read_text(encoding="utf-8"),
        "data": script_json(_chart_data(d)),
        "summary": _summary_html(d),
        "network_table": _network_table(d),
        "n_edges": esc(len(d.edges)),
        "events_table": _events_table(d),
        "n_events": esc(_shown(len(d.events), d.n_events, "events")),
        "speakers": _speakers_html(d),
        "quotes": _quotes_html(d),
        "dq": _dq_html(d),
    }
    return _fill((TEMPLATES / "report.html").read_text(encoding="utf-8"), values)


def build_report(db: Path, dq_report: Path | None = None) -> str:
    """The HTML report of a DuckDB database (opened read-only)."""
    dq, dq_source = None, None
    if dq_report is not None:
        try:
            dq = json.loads(dq_report.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ReportError(f"{dq_report}: cannot read the data-quality report ({exc})") from exc
        dq_source = dq_report.name
    with connect_read_only(db) as con:
        data = collect(con, db.name)
    data.dq, data.dq_source = dq, dq_source
    return render(data)


def write_report(db: Path, out: Path, dq_report: Path | None = None) -> Path:
    """Write the report of ``db`` to ``out`` (folders created) and return ``out``."""
    page = build_report(db, dq_report)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out
