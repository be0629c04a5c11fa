"""HTML fragments of the report, built so that no data can inject markup.

Every value from the database reaches the page through one of two doors:
:func:`esc` (text and attributes, HTML-escaped) or :func:`script_json` (the
data the inline scripts draw from, JSON with every ``<``, ``>`` and ``&``
written as a ``\\u`` escape, so that nothing inside can close the script
element). Builders return :class:`Safe` strings; a plain ``str`` handed to a
builder is always escaped, so forgetting to escape cannot happen silently.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any


class Safe(str):
    """A string of markup built here, from escaped parts: inserted as is."""


def esc(value: object) -> str:
    """Any value -> HTML text safe in element content and quoted attributes."""
    if isinstance(value, Safe):
        return value
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.strftime("%Y-%m-%d %H:%M")
    elif isinstance(value, float):
        value = f"{value:g}"
    return html.escape(str(value), quote=True)


def script_json(value: Any) -> Safe:
    """A value as JSON for a ``<script type="application/json">`` block."""
    text = json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)
    # <, > and & are the only characters an HTML parser acts on inside a script
    # element ("</script", "<!--"); JSON.parse reads the \u escapes back.
    for ch, code in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(ch, code)
    # U+2028/2029 are valid in JSON but end a line in older JavaScript parsers
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Safe(text)


def _open(name: str, cls: str | None, attrs: dict[str, object]) -> str:
    parts = [name]
    if cls:
        parts.append(f'class="{esc(cls)}"')
    for key, val in attrs.items():
        if val is not None:
            # python names -> attribute names: data_total -> data-total, type_ -> type
            parts.append(f'{key.rstrip("_").replace("_", "-")}="{esc(val)}"')
    return f"<{' '.join(parts)}>"


def tag(name: str, content: object = "", cls: str | None = None, **attrs: object) -> Safe:
    """One element; content and attribute values are escaped unless Safe."""
    return Safe(f"{_open(name, cls, attrs)}{esc(content)}</{name}>")


def void(name: str, cls: str | None = None, **attrs: object) -> Safe:
    """An element with no content and no end tag (``input``, ``br``)."""
    return Safe(_open(name, cls, attrs))


def join(parts: Iterable[object]) -> Safe:
    return Safe("".join(esc(p) for p in parts))


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], cls: str | None = None) -> Safe:
    """A table; numbers are right-aligned through the ``num`` class."""
    head = tag("tr", join(tag("th", h) for h in headers))
    body = join(
        tag("tr", join(tag("td", v, cls="num" if isinstance(v, int | float) else None) for v in row))
        for row in rows
    )
    return tag("table", join([tag("thead", head), tag("tbody", body)]), cls=cls)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    css: str


def highlight(text: str, lo: int, hi: int, spans: Sequence[Span]) -> Safe:
    """``text[lo:hi]`` with each span wrapped in ``<span class=...>``.

    Spans are clipped to the window and may overlap (a segment then carries
    every class that covers it); out-of-range or empty spans are ignored, so
    a bad offset never breaks the page.
    """
    lo, hi = max(0, lo), min(len(text), hi)
    kept = [s for s in spans if s.start < s.end and s.start < hi and s.end > lo]
    cuts = sorted({lo, hi} | {min(max(p, lo), hi) for s in kept for p in (s.start, s.end)})
    out: list[str] = []
    for a, b in itertools.pairwise(cuts):
        piece = esc(text[a:b])
        classes = " ".join(sorted({s.css for s in kept if s.start <= a and b <= s.end}))
        out.append(f'<span class="{classes}">{piece}</span>' if classes else piece)
    return Safe("".join(out))


def _scalar(value: object) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def _classes(key: str, value: object) -> str | None:
    number = isinstance(value, int | float) and not isinstance(value, bool)
    # a non-zero failure count is what a reader of a data-quality report looks for
    flagged = any(word in key.lower() for word in ("fail", "reject"))
    bad = number and flagged and value > 0  # type: ignore[operator]
    return " ".join(c for c, on in (("num", number), ("bad", bad)) if on) or None


def _dd(key: str, value: object, depth: int) -> Safe:
    if _scalar(value):
        return tag("dd", value, cls=_classes(key, value))
    return tag("dd", json_html(value, depth + 1))


def _cell(key: str, value: object, depth: int) -> Safe:
    if _scalar(value):
        return tag("td", value, cls=_classes(key, value))
    return tag("td", json_html(value, depth + 1), cls="nested")


def _record(value: object) -> bool:
    """A dict that reads as one table row: it has at least one plain field."""
    return isinstance(value, dict) and any(_scalar(v) for v in value.values())


def _records_table(rows: list[tuple[str | None, dict[str, Any]]], depth: int) -> Safe:
    """Dicts as table rows (keyed rows get a header cell), one column per key."""
    cols = list(dict.fromkeys(k for _, r in rows for k in r))
    keyed = any(k is not None for k, _ in rows)
    head = tag("tr", join(([tag("th", "")] if keyed else []) + [tag("th", c) for c in cols]))
    body = join(
        tag("tr", join(([tag("th", k)] if keyed else []) + [_cell(c, r.get(c), depth) for c in cols]))
        for k, r in rows
    )
    return tag("table", join([tag("thead", head), tag("tbody", body)]), cls="dq")


def json_html(value: Any, depth: int = 0) -> Safe:
    """Any JSON value as nested HTML: a dict (or list) of records becomes a
    table, other dicts definition lists, other lists bullet lists.

    The validator owns the shape of ``dq_report.json``; this renders whatever
    it holds without knowing the shape, escaping every key and value.
    """
    if depth > 8:
        return tag("code", json.dumps(value, default=str)[:500])
    if isinstance(value, dict) and value:
        if all(_record(r) for r in value.values()):
            return _records_table([(str(k), r) for k, r in value.items()], depth)
        return tag("dl", join(join([tag("dt", k), _dd(k, v, depth)]) for k, v in value.items()))
    if isinstance(value, list) and value:
        if all(_record(r) for r in value):
            return _records_table([(None, r) for r in value], depth)
        return tag("ul", join(tag("li", json_html(v, depth + 1)) for v in value))
    if isinstance(value, dict | list):
        return tag("span", "none", cls="muted")
    return tag("span", value)
