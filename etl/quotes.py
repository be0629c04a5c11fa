"""Reported statements: direct, indirect and mixed quotes with cue and speaker span.

Steps of :func:`find_quotes`:

1. Paragraphs are the runs of ``Doc.sentences`` with one paragraph number;
   :func:`etl.quote_marks.quote_regions` pairs the quotation marks over them.
2. Direct quotes: each quoted region looks for its attribution right after
   its closing mark (``"...," X said`` / ``said X`` / ``- X``) or right before
   its opening mark (``X said: "..."``, ``Chairwoman X: "..."``). Regions with
   only an attribution (or nothing) between them join one quote
   (``"...," he said, "..."``).
3. Indirect and mixed quotes: every reporting cue outside quotation marks
   whose cue an attribution of step 2 did not use opens one: content after
   the cue (``X said that ...``, ``X told reporters ...``), before it
   (``..., X said.``), or both around it (``..., he said, ...``);
   ``according to X`` likewise; a headline ``Source: content`` too. Content
   that holds a quoted region only in part is ``mixed``.
4. Remaining quoted regions long enough to be statements are direct quotes
   attributed from context: the speaker of the previous quote, if it is at
   most ``INHERIT_MAX_PARAGRAPHS`` paragraphs back.
5. Overlaps are resolved in favour of attributed direct quotes, then
   indirect ones, then inherited ones; output is in text order.
"""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass, field

from etl.doc import Doc, QuoteSpan, Span
from etl.lexicons import load_set
from etl.quote_grammar import (
    ADVERBS,
    CUE_FIRST_WORDS,
    DASHES,
    OBJECT_VERBS,
    Tok,
    is_participle,
    is_quote_mark,
    is_title_case,
    match_cue,
    np_after,
    np_before,
    skip_addressee,
    skip_back,
    skip_intro,
    tokenize,
)
from etl.quote_marks import ALL_MARKS, QuoteRegion, quote_regions
from etl.sentences import ABBREVIATIONS

CONTENT_CUTS: frozenset[str] = load_set("quote_content_cuts")

# An unattributed quoted region shorter than this is a scare quote, a title or a
# fragment, not a statement. PolNeAR train: 60% of 1-word regions lie in a gold content,
# but as part of a longer attribution; raising the bar from 4 to 8 words moved direct
# content F1 from 0.883 to 0.886 (precision 0.864 to 0.876), beyond 8 it stays flat.
MIN_UNATTRIBUTED_WORDS = 8
# A quote right after its cue with no comma or colon between (``called it "a disgrace"``)
# is the verb's object, part of a mixed quote, unless it is at least this long
# (train: 4 -> 12 words moved direct content F1 from 0.883 to 0.885).
MIN_BARE_QUOTE_WORDS = 12
# How far back the last speaker may be for a quote with no attribution of its own.
INHERIT_MAX_PARAGRAPHS = 2
# How many tokens may stand between a reporting cue and the opening mark of the
# quote it introduces (``said in a statement on Friday:``).
MAX_CUE_TO_QUOTE_TOKENS = 8
# How far after a closing mark the speaker + cue of ``"...," X said`` may reach.
MAX_AFTER_ATTRIBUTION_TOKENS = 24
# Non-space characters outside quotation marks that content may hold and still be direct.
MAX_DIRECT_SLACK = 3
# An item of a serial list ("political, economic, and defense") is at most this long;
# a ", and" after one is the list's last item, not a new clause.
MAX_LIST_ITEM_TOKENS = 3
# A headline ``Source: content`` has a short source before the colon.
MAX_HEADLINE_SOURCE_TOKENS = 6

QUANTIFIERS: frozenset[str] = load_set("quote_quantifiers")
ADJUNCT_STARTS: frozenset[str] = load_set("quote_adjunct_starts")
# case-insensitive words for the cheap cue test; cue words are lower-case in the lexicon
_WORD = re.compile(r"[A-Za-z]+")
_TRAIL = ".,;:!? \t\r\n"
_GAP_PUNCT = " \t,.;:—–-"
_PRIORITY = {"attributed": 0, "indirect": 1, "inherited": 2}


@dataclass(slots=True)
class _Para:
    """One paragraph; tokenized on first use, since most extraction never looks at most of them."""

    text: str
    start: int
    end: int
    # the paragraph's sentences as char spans
    spans: list[tuple[int, int]]
    # opening marks of attributed direct quotes: indirect content never runs into them
    barriers: list[int] = field(default_factory=list)
    # quoted regions of the paragraph as (start, end): content is never cut inside one
    quoted: list[tuple[int, int]] = field(default_factory=list)
    _toks: list[Tok] | None = None
    _starts: list[int] = field(default_factory=list)
    _sents: list[tuple[int, int]] = field(default_factory=list)

    def _load(self) -> list[Tok]:
        if self._toks is None:
            self._toks = tokenize(self.text, self.start, self.end)
            self._starts = [t.start for t in self._toks]
            self._sents = [(self.tok_at(a), self.tok_at(b)) for a, b in self.spans]
        return self._toks

    @property
    def toks(self) -> list[Tok]:
        return self._load()

    @property
    def sents(self) -> list[tuple[int, int]]:
        self._load()
        return self._sents

    def has_cue_word(self) -> bool:
        """Cheap test before tokenizing: does any word of the paragraph start a cue?"""
        return not CUE_FIRST_WORDS.isdisjoint(_WORD.findall(self.text[self.start : self.end].lower()))

    def in_quote(self, pos: int) -> bool:
        k = bisect.bisect_right(self.quoted, (pos, sys.maxsize)) - 1
        return k >= 0 and self.quoted[k][0] <= pos < self.quoted[k][1]

    def tok_at(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        self._load()
        return bisect.bisect_left(self._starts, pos)

    def sent_of(self, ti: int) -> tuple[int, int]:
        for lo, hi in self.sents:
            if lo <= ti < hi:
                return lo, hi
        return self.sents[-1] if self.sents else (0, len(self.toks))


@dataclass(slots=True)
class _Attr:
    cue: tuple[int, int]  # token range
    speaker: tuple[int, int] | None  # token range
    gap_end: int  # char offset where the attribution text ends


@dataclass(slots=True)
class _Unit:
    start: int
    end: int
    kind: str
    cue: Span | None
    speaker: Span | None
    inherited: bool
    rank: str
    para: int


def _paragraphs(doc: Doc) -> list[_Para]:
    out: list[_Para] = []
    cur: list[tuple[int, int]] = []
    cur_p: int | None = None

    def flush() -> None:
        if cur:
            out.append(_Para(doc.text, cur[0][0], cur[-1][1], list(cur)))

    for s in doc.sentences:
        if s.paragraph != cur_p:
            flush()
            cur, cur_p = [], s.paragraph
        cur.append((s.start, s.end))
    flush()
    return out


def _abbrev(toks: list[Tok], j: int) -> bool:
    """The full stop at ``toks[j]`` belongs to an abbreviation or initial (``Mr.``, ``G.``)."""
    w = toks[j - 1].text if j > 0 and toks[j - 1].end == toks[j].start else ""
    return bool(w) and (w.lower() in ABBREVIATIONS or w in ABBREVIATIONS or (len(w) == 1 and w.isupper()))


def _span(toks: list[Tok], rng: tuple[int, int] | None) -> Span | None:
    if rng is None or rng[0] >= rng[1]:
        return None
    return (toks[rng[0]].start, toks[rng[1] - 1].end)


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in ",;:—–-"):
        a += 1
    while b > a and text[b - 1] in _TRAIL:
        b -= 1
    if text[a : a + 5].lower() == "that " and b - a > 5:
        a += 5
    return a, b


# ----------------------------------------------------------------- direct ---


def _attribution_after(para: _Para, pos: int, limit: int, ended: bool) -> _Attr | None:
    """``"...," X said`` / ``said X`` / ``- X`` starting at char ``pos`` (before ``limit``).

    ``ended``: the quote closed on a full stop, so a clause that goes on after the cue
    (``"...heart." He said he ...``) is a new sentence, not this quote's attribution.
    """
    toks = para.toks

    def goes_on(j: int) -> bool:
        j = skip_intro(toks, j, hi)
        return ended and j < hi and toks[j].is_word and toks[j].low not in ADJUNCT_STARTS

    i = para.tok_at(pos)
    if i >= len(toks) or toks[i].start >= limit:
        return None
    _, s_hi = para.sent_of(i)
    hi = min(s_hi, para.tok_at(limit))
    dash = toks[i].text in DASHES or toks[i].text == "-"
    while i < hi and toks[i].text in {",", "-", *DASHES}:
        i += 1
    if i >= hi:
        return None
    n = match_cue(toks, i)
    if n and not is_participle(toks[i]):
        sp = np_after(toks, skip_intro(toks, i + n, hi), hi, lower_ok=True)
        if sp is not None and not goes_on(sp[1]):
            return _Attr((i, i + n), sp, toks[sp[1] - 1].end)
    for m in range(i, min(hi, i + MAX_AFTER_ATTRIBUTION_TOKENS)):
        n = match_cue(toks, m)
        if not n:
            if not toks[m].is_word and toks[m].text not in ".(),":
                break
            continue
        k = skip_back(toks, m - 1, i)
        if k > i and toks[k].text == ",":
            # an appositive between speaker and cue: "X, director of Y, said"
            sp = np_after(toks, i, k, lower_ok=True)
        else:
            sp = np_before(toks, k, i)
            if sp is not None and sp[0] > i and all(toks[x].is_word for x in range(i, sp[0])):
                sp = (i, sp[1])  # "Clinton campaign manager Robby Mook wrote"
        if sp is not None and sp[0] == i and not goes_on(m + n):
            return _Attr((m, m + n), sp, toks[m + n - 1].end)
        break
    if dash:
        sp = np_after(toks, i, hi)
        if sp is not None and sp[1] >= hi - 1:
            return _Attr((i - 1, i), sp, toks[sp[1] - 1].end)
    return None


def _attribution_before(
    para: _Para, open_mark: int, units: list[_Unit], short: bool, prev: _Para | None
) -> _Attr | None:
    """``X said: "..."`` / ``X told reporters "..."`` / ``Chairwoman X: "..."`` ending at ``open_mark``."""
    toks = para.toks
    q = para.tok_at(open_mark)
    if q == 0 and prev is not None and prev.toks and prev.toks[-1].text == ":":
        # "Cruz continued:" closing the paragraph before the quote
        return _introducer(prev, len(prev.toks), prev.sents[-1][0], units, short)
    if q >= len(toks) or q == 0:
        return None
    lo, _ = para.sent_of(q)
    return _introducer(para, q, lo, units, short)


def _introducer(para: _Para, q: int, lo: int, units: list[_Unit], short: bool) -> _Attr | None:
    """The attribution in ``toks[lo:q]`` that introduces what starts at token ``q``."""
    toks = para.toks
    e = q - 1
    colon = toks[e].text == ":"
    while e >= lo and toks[e].text in {",", ":", *DASHES}:
        e -= 1
    if e < lo:
        return None
    for m in range(e, max(lo, e - MAX_CUE_TO_QUOTE_TOKENS) - 1, -1):
        n = match_cue(toks, m)
        if not n:
            continue
        if m + n - 1 > e:
            continue
        j = skip_intro(toks, m + n, e + 1)
        if toks[m].low in OBJECT_VERBS:
            j = skip_intro(toks, skip_addressee(toks, j, e + 1, False), e + 1)
        if j <= e and toks[j].low == "that":
            j += 1
        # "told her supporters, "..."" / "asked rhetorically, "..."": punctuation sets the quote off
        set_off = toks[q - 1].text in {",", ":"}
        if j != e + 1 and not (set_off and toks[j].low != "that"):
            return None
        if not set_off and short:
            return None  # 'told ABC's "Good Morning America"': a title, not a statement
        return _Attr((m, m + n), _subject(para, m, lo, units), toks[q - 1].end)
    if colon:
        sp = np_before(toks, e, lo)
        if sp is not None and sp[0] == lo:
            return _Attr((q - 1, q), sp, toks[q - 1].end)
    return None


def _subject(para: _Para, m: int, lo: int, units: list[_Unit]) -> tuple[int, int] | None:
    """Token range of the speaker of the cue at ``toks[m]`` (subject before it, else the clause's)."""
    toks = para.toks
    if is_participle(toks[m]):
        return _clause_subject(para, m, lo, units)  # "She released a statement saying ..."
    k = skip_back(toks, m - 1, lo)
    if k >= lo and toks[k].is_word:
        sp = np_before(toks, k, lo)
        if sp is not None:
            return sp
    return _clause_subject(para, m, lo, units)


def _clause_subject(para: _Para, m: int, lo: int, units: list[_Unit]) -> tuple[int, int] | None:
    """Speaker of a participle (``..., saying``): the sentence's previous speaker, else its subject."""
    toks = para.toks
    s_start = toks[lo].start if lo < len(toks) else para.start
    for u in reversed(units):
        if u.speaker is not None and s_start <= u.speaker[0] < toks[m].start:
            a = para.tok_at(u.speaker[0])
            b = para.tok_at(u.speaker[1])
            return (a, b)
        if u.start < s_start:
            break
    for c in range(lo, m):
        if match_cue(toks, c) and not is_participle(toks[c]):
            k = skip_back(toks, c - 1, lo)
            sp = np_before(toks, k, lo) if k >= lo and toks[k].is_word else None
            if sp is not None:
                return sp
            break
    return _sentence_subject(toks, lo, m)


def _sentence_subject(toks: list[Tok], lo: int, m: int) -> tuple[int, int] | None:
    """First noun phrase of the sentence ``toks[lo:m]``, past an opening adjunct ("In Iowa, she ...")."""
    s0 = lo
    opener = toks[lo].low if lo < m else ""
    if opener in ADJUNCT_STARTS or opener in ADVERBS or (opener.endswith(("ed", "ing")) and opener not in ADVERBS):
        comma = next((c for c in range(lo, m) if toks[c].text == ","), None)
        if comma is not None:
            s0 = comma + 1
    while s0 < m and toks[s0].low in ("but", "and", "yet", "so"):
        s0 += 1
    return np_after(toks, s0, m, lower_ok=True)


# --------------------------------------------------------------- indirect ---


def _content_after(para: _Para, i: int, hi: int, title_case: bool) -> tuple[int, int]:
    """Token range of what follows the cue ending at token ``i`` up to a clause cut."""
    toks = para.toks
    j = skip_intro(toks, i, hi)
    if i > 0 and toks[i - 1].low in OBJECT_VERBS:
        j = skip_intro(toks, skip_addressee(toks, j, hi, title_case), hi)
    if j < hi and toks[j].text in {",", ":"}:
        j += 1
    # an attributed direct quote ahead is a unit of its own: content stops before it
    b = bisect.bisect_left(para.barriers, toks[j].start if j < hi else para.end)
    if b < len(para.barriers):
        hi = min(hi, para.tok_at(para.barriers[b]))
    end = j
    while end < hi:
        t = toks[end]
        if para.in_quote(t.start):
            end += 1
            continue
        if t.text == ";":
            break
        if (t.text == "," or t.text in DASHES) and end + 1 < hi and _attribution_follows(toks, end + 1, hi):
            break  # "..., he said there's no precedent": another attribution starts
        if t.text == "," and end + 1 < hi:
            nxt = toks[end + 1]
            if nxt.low in CONTENT_CUTS and not (nxt.low == "and" and _and_continues(toks, j, end, hi)):
                break
            n = match_cue(toks, end + 1)
            if n and (is_participle(nxt) or nxt.low == "according"):
                break
        if t.low == "and" and end + 1 < hi and end > j and match_cue(toks, end + 1):
            break
        new_sentence = end + 1 < hi and (toks[end + 1].is_cap or is_quote_mark(toks[end + 1]))
        if t.text in ".!?" and new_sentence and not (t.text == "." and _abbrev(toks, end)):
            break  # a sentence end the splitter did not see (''Quote.'' He said)
        end += 1
    return j, end


def _attribution_follows(toks: list[Tok], i: int, hi: int) -> bool:
    """``toks[i:]`` opens with a speaker and a reporting cue ("he said", "others say")."""
    sp = np_after(toks, i, hi, lower_ok=toks[i].low in QUANTIFIERS)
    if sp is None:
        return False
    k = sp[1]
    while k < hi and toks[k].low in ADVERBS:
        k += 1
    return k < hi and match_cue(toks, k) > 0 and not is_participle(toks[k])


def _and_continues(toks: list[Tok], j: int, comma: int, hi: int) -> bool:
    """``, and`` at ``comma`` goes on with the same clause: the last item of a serial list
    ("political, economic, and defense") or a second verb of the same subject (", and is ready")."""
    if comma + 2 < hi and toks[comma + 2].low in ADVERBS:
        return True
    return any(toks[k].text == "," for k in range(max(j, comma - MAX_LIST_ITEM_TOKENS), comma))


def _indirect_for_cue(
    para: _Para, i: int, n: int, lo: int, hi: int, units: list[_Unit], title_case: bool
) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """(content token range, speaker token range) for the cue ``toks[i:i+n]``, or None."""
    toks = para.toks
    cue_low = " ".join(t.low for t in toks[i : i + n])
    if cue_low == "according to":
        comma = next((k for k in range(i + n, min(hi, i + n + 15)) if toks[k].text == ","), None)
        sp = (i + n, comma) if comma is not None and comma > i + n else np_after(toks, i + n, hi, lower_ok=True)
        k = skip_back(toks, i - 1, lo)
        if k < lo or toks[k].low in ("and", "but", "so"):
            if comma is None:
                return None
            a, b = _content_after(para, comma + 1, hi, title_case)
            return ((a, b), sp) if a < b else None
        end = k if toks[k].text == "," else k + 1
        if comma is not None and comma + 1 < hi - 1:
            return (lo, hi), sp
        return ((lo, end), sp) if lo < end else None
    if is_participle(toks[i]) and i > lo and (toks[i - 1].text == "," or toks[i - 1].low not in ADVERBS):
        a, b = _content_after(para, i + n, hi, title_case)
        return ((a, b), _clause_subject(para, i, lo, units)) if a < b else None
    k = skip_back(toks, i - 1, lo)
    if k < lo or toks[k].text == "," or is_quote_mark(toks[k]) or toks[k].text in DASHES:
        after = skip_intro(toks, i + n, hi)
        sp = np_after(toks, after, hi, lower_ok=after < hi and toks[after].low in QUANTIFIERS)
        if sp is not None and k >= lo and (sp[1] >= hi - 1 or toks[sp[1]].text in {",", ".", ";"}):
            end = k
            if end <= lo:
                return None
            return (lo, end), sp
        if k >= lo and toks[k].text == ",":
            # appositive subject: "Trump, the GOP nominee, said ..."
            first_comma = next(c for c in range(lo, k + 1) if toks[c].text == ",")
            sp = np_before(toks, first_comma - 1, lo) if first_comma > lo else None
            if sp is None or sp[0] != lo:
                s0 = lo
                while s0 < k and (toks[s0].low in ADVERBS or toks[s0].low in ("yet", "but", "and", "so")):
                    s0 += 1
                sp = np_after(toks, s0, k, lower_ok=True)  # "Yet some voters who ..., said"
            a, b = _content_after(para, i + n, hi, title_case)
            return ((a, b), sp) if a < b else None
        return None
    sp = np_before(toks, k, lo)
    if sp is None and toks[k].low in ("and", "but"):
        sp = _clause_subject(para, i, lo, units)  # "He expressed concern ... and said ..."
    a, b = _content_after(para, i + n, hi, title_case)
    comma_before = sp is not None and sp[0] > lo + 1 and toks[sp[0] - 1].text == ","
    if comma_before and sp[0] - 1 > lo and a < b and toks[a].low in ADJUNCT_STARTS:
        return (lo, sp[0] - 1), sp  # "..., Wilkin said during his speech."
    if any(toks[x].is_word for x in range(a, b)) and toks[a].text != ",":
        if sp is not None and sp[0] > lo and toks[sp[0] - 1].text == "," and toks[a - 1].text == ",":
            return (lo, b), sp  # "The plan, he said, is flawed."
        return (a, b), sp
    if sp is not None and sp[0] > lo + 1 and toks[sp[0] - 1].text == ",":
        return (lo, sp[0] - 1), sp  # "..., X said."
    return None


def _headline_colon(para: _Para, lo: int, hi: int) -> tuple[tuple[int, int], tuple[int, int], int] | None:
    toks = para.toks
    for c in range(lo + 1, min(hi, lo + MAX_HEADLINE_SOURCE_TOKENS + 1)):
        if toks[c].text == ":":
            sp = np_before(toks, c - 1, lo)
            if sp is not None and sp[0] == lo and c + 1 < hi:
                return (c + 1, hi), sp, c
            return None
    return None


# ----------------------------------------------------------------- driver ---


def _kind(text: str, a: int, b: int, regions: list[QuoteRegion], reg_starts: list[int]) -> str:
    k = max(0, bisect.bisect_right(reg_starts, a) - 1)
    inside = 0
    while k < len(regions) and regions[k].start < b:
        r = regions[k]
        inside += sum(1 for p in range(max(a, r.start), min(b, r.end)) if not text[p].isspace())
        k += 1
    if not inside:
        return "indirect"
    total = sum(1 for p in range(a, b) if not text[p].isspace() and text[p] not in '"“”‘’«»')
    return "direct" if total - inside <= MAX_DIRECT_SLACK else "mixed"


def _select(units: list[_Unit]) -> list[_Unit]:
    """Non-overlapping units, better-attributed first, returned in text order."""
    chosen: list[_Unit] = []
    taken: list[tuple[int, int]] = []
    for u in sorted(units, key=lambda u: (_PRIORITY[u.rank], u.start)):
        k = bisect.bisect_left(taken, (u.start, u.end))
        if k > 0 and taken[k - 1][1] > u.start:
            continue
        if k < len(taken) and taken[k][0] < u.end:
            continue
        taken.insert(k, (u.start, u.end))
        chosen.append(u)
    return sorted(chosen, key=lambda u: (u.start, u.end))


def find_quotes(doc: Doc) -> list[QuoteSpan]:
    """Quotes of the document in text order, without overlaps."""
    text = doc.text
    paras = _paragraphs(doc)
    if not paras:
        return []
    para_starts = [p.start for p in paras]
    regions = quote_regions(text, [(p.start, p.end) for p in paras])
    reg_starts = [r.start for r in regions]

    def para_of(pos: int) -> int:
        return max(0, bisect.bisect_right(para_starts, pos) - 1)

    units: list[_Unit] = []
    used_cues: set[int] = set()
    grouped: set[int] = set()

    # step 2: direct quotes with an attribution, grouped
    after_cache: dict[int, _Attr | None] = {}

    def after_of(k: int) -> _Attr | None:
        if k not in after_cache:
            reg = regions[k]
            para = paras[para_of(reg.end)]
            limit = regions[k + 1].open_mark if k + 1 < len(regions) else para.end
            ended = text[reg.end - 1] in ".!?"
            aft = _attribution_after(para, reg.after, min(limit, para.end), ended)
            leads_on = aft is not None and k + 1 < len(regions) and limit < para.end
            if leads_on and ended and not text[aft.gap_end : limit].strip(" \t,:"):
                aft = None  # '"A." Of B, X said, "C"': it introduces the next quote
            after_cache[k] = aft
        return after_cache[k]

    r = 0
    while r < len(regions):
        pi = para_of(regions[r].open_mark)
        short = len(text[regions[r].start : regions[r].end].split()) < MIN_BARE_QUOTE_WORDS
        prev_para = paras[pi - 1] if pi > 0 else None
        attr = _attribution_before(paras[pi], regions[r].open_mark, units, short, prev_para)
        attr_para = paras[pi]
        if attr is not None and attr.gap_end < paras[pi].start and prev_para is not None:
            attr_para = prev_para
        last = r
        while True:
            cur_para = paras[para_of(regions[last].end)]
            aft = after_of(last)
            if aft is not None:
                if attr is not None:
                    break
                attr, attr_para = aft, cur_para
            nxt = last + 1
            if nxt >= len(regions) or para_of(regions[nxt].open_mark) != para_of(regions[last].end):
                break
            if attr is not None and after_of(nxt) is not None:
                break
            gap_start = aft.gap_end if aft is not None else regions[last].after
            gap = text[gap_start : regions[nxt].open_mark]
            if gap.strip(_GAP_PUNCT) and (
                aft is None or _has_cue(cur_para, gap_start, regions[nxt].open_mark)
            ):
                break
            last = nxt
        if attr is not None:
            ts = attr_para.toks
            used_cues.add(ts[attr.cue[0]].start)
            start, end = regions[r].start, regions[_best_prefix(text, regions, r, last)].end
            units.append(
                _Unit(
                    start,
                    end,
                    "direct",
                    _span(ts, attr.cue),
                    _span(ts, attr.speaker),
                    False,
                    "attributed",
                    pi,
                )
            )
            grouped.update(range(r, last + 1))
        r = last + 1

    for reg in regions:
        for pj in range(para_of(reg.start), para_of(reg.end - 1) + 1):
            paras[pj].quoted.append((reg.start, reg.end))
    for u in units:
        paras[para_of(u.start)].barriers.append(_open_mark_of(regions, reg_starts, u.start))
    for p in paras:
        p.barriers.sort()

    # step 3: indirect and mixed quotes from cues outside quotation marks
    for pi, para in enumerate(paras):
        in_title = para.start < doc.title_end
        if not in_title and not para.has_cue_word():
            continue
        toks = para.toks
        for lo, hi in para.sents:
            if lo >= hi:
                continue
            title_case = in_title and is_title_case(toks[lo:hi])
            found = False
            covered = -1  # content end of this sentence's last unit: cues inside it are nested
            i = lo
            while i < hi:
                t = toks[i]
                n = match_cue(toks, i)
                if not n or t.start in used_cues or t.start < covered or para.in_quote(t.start):
                    i += 1
                    continue
                got = _indirect_for_cue(para, i, n, lo, hi, units, title_case)
                if got is not None:
                    (a, b), sp = got
                    ca, cb = _trim(text, toks[a].start, toks[b - 1].end)
                    if ca < cb:
                        kind = _kind(text, ca, cb, regions, reg_starts)
                        cue = (toks[i].start, toks[i + n - 1].end)
                        units.append(_Unit(ca, cb, kind, cue, _span(toks, sp), False, "indirect", pi))
                        found = True
                        if ca > cue[0]:
                            covered = cb
                i += n
            if in_title and not found:
                got_h = _headline_colon(para, lo, hi)
                if got_h is not None:
                    (a, b), sp, c = got_h
                    ca, cb = _trim(text, toks[a].start, toks[b - 1].end)
                    if ca < cb:
                        cue = (toks[c].start, toks[c].end)
                        units.append(_Unit(ca, cb, "indirect", cue, _span(toks, sp), False, "indirect", pi))

    # step 4: quoted statements attributed from context
    ordered = sorted(units, key=lambda u: u.start)
    starts = [u.start for u in ordered]
    for r, reg in enumerate(regions):
        if r in grouped or len(text[reg.start : reg.end].split()) < MIN_UNATTRIBUTED_WORDS:
            continue
        pi = para_of(reg.start)
        if not _opens_statement(paras[pi], reg.open_mark):
            continue
        k = bisect.bisect_left(starts, reg.start) - 1
        speaker = None
        while k >= 0:
            u = ordered[k]
            if pi - u.para > INHERIT_MAX_PARAGRAPHS:
                break
            if u.speaker is not None:
                speaker = u.speaker
                break
            k -= 1
        units.append(_Unit(reg.start, reg.end, "direct", None, speaker, speaker is not None, "inherited", pi))

    return [
        QuoteSpan(u.start, u.end, u.kind, cue=u.cue, speaker=u.speaker, inherited=u.inherited)
        for u in _select(units)
    ]


def _solid(text: str, a: int, b: int) -> int:
    """Characters of ``text[a:b]`` that content comparison counts (no spaces, no quotation marks)."""
    return sum(1 for ch in text[a:b] if not ch.isspace() and ch not in ALL_MARKS)


def _best_prefix(text: str, regions: list[QuoteRegion], first: int, last: int) -> int:
    """Last region of the group's prefix whose one span best covers all of the group's quoted text.

    A quote is one span, so an attribution between its parts is counted in it; when that
    attribution is long, ending the span before it overlaps the quoted text better.
    """
    sizes = [_solid(text, regions[k].start, regions[k].end) for k in range(first, last + 1)]
    total = sum(sizes) or 1
    best, best_score, quoted, gaps = first, -1.0, 0, 0
    for k in range(first, last + 1):
        if k > first:
            gaps += _solid(text, regions[k - 1].end, regions[k].start)
        quoted += sizes[k - first]
        score = quoted / (total + gaps)
        if score > best_score:
            best, best_score = k, score
    return best


def _opens_statement(para: _Para, open_mark: int) -> bool:
    """A quote with no attribution stands alone only at a sentence start or after a colon or dash;
    elsewhere it is a phrase of the sentence around it (``he wanted to "go an extra step"``)."""
    q = para.tok_at(open_mark)
    lo, _ = para.sent_of(q)
    return q <= lo or para.toks[q - 1].text in {":", *DASHES} or is_quote_mark(para.toks[q - 1])


def _open_mark_of(regions: list[QuoteRegion], reg_starts: list[int], start: int) -> int:
    k = bisect.bisect_left(reg_starts, start)
    return regions[k].open_mark if k < len(regions) and regions[k].start == start else start


def _has_cue(para: _Para, a: int, b: int) -> bool:
    i, j = para.tok_at(a), para.tok_at(b)
    return any(match_cue(para.toks, k) for k in range(i, j))


def _limit(regions: list[QuoteRegion], k: int, para: _Para) -> int:
    return min(regions[k].open_mark, para.end) if k < len(regions) else para.end
