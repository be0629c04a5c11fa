"""Direct quotes: the attribution next to a quoted region, and the speaker of a cue.

``"...," X said`` / ``said X`` / ``- X`` after the closing mark
(:func:`attribution_after`); ``X said: "..."`` / ``Chairwoman X: "..."`` or a
paragraph ending in ``X continued:`` before the opening mark
(:func:`attribution_before`); the subject a cue points at, or for a participle
(``..., saying``) the subject of its clause (:func:`cue_subject`,
:func:`clause_subject`).
"""

from __future__ import annotations

from typing import Final

from mypy_extensions import mypyc_attr

from etl.lexicons import load_set
from etl.quote_grammar import (
    ADJUNCT_STARTS,
    ADVERBS,
    CUE_FIRST_WORDS,
    DASHES,
    IRREGULAR_PAST,
    NP_STOPS,
    OBJECT_VERBS,
    SUBJECT_PRONOUNS,
    TIME_WORDS,
    Tok,
    is_participle,
    is_quote_mark,
    match_cue,
    np_after,
    np_before,
    skip_addressee,
    skip_back,
    skip_intro,
    tokenize,
)
from etl.quote_marks import ALL_MARKS, QuoteRegion
from etl.quote_paras import Para, Unit

# Words before a quote's opening mark in its sentence that make it part of a mixed quote
# whose attribution comes after ("The remarks were "a disgrace," he said").
MIN_LEAD_WORDS: Final = 2
# How many tokens may stand between a reporting cue and the opening mark of the
# quote it introduces (``said in a statement on Friday:``).
MAX_CUE_TO_QUOTE_TOKENS: Final = 8
# How far after a closing mark the speaker + cue of ``"...," X said`` may reach.
MAX_AFTER_ATTRIBUTION_TOKENS: Final = 24
# How long a phrase set off by commas between a speaker and its cue may be ("X, a lawyer for Y, said").
MAX_APPOSITIVE_TOKENS: Final = 12
# Words that may stand before a clause-opening inverted cue ("But, said X, "..."").
INVERSION_OPENERS: Final[frozenset[str]] = load_set("quote_inversion_openers")
# A dateline ("BUENA PARK, Calif. (AP) -") is at most this many tokens before its dash.
MAX_DATELINE_TOKENS: Final = 8

# one-word sentence openers that are no subject ("However, ...")
OPENERS: Final[frozenset[str]] = load_set("quote_openers")
# punctuation between a closing mark and its attribution, between a cue and the quote it
# introduces, and before a quote that stands alone (module constants: a set display
# with ``*DASHES`` in it would be built again at every test)
_DASH_TOKENS: Final = frozenset({"-", *DASHES})
_LEAD_PUNCT: Final = frozenset({",", *_DASH_TOKENS})
_INTRO_PUNCT: Final = frozenset({",", ":", *DASHES})
_STATEMENT_OPENERS: Final = frozenset({":", *DASHES})

# the quotation marks, which content comparison does not count (nor white space)
_MARK_CHARS: Final = tuple(sorted(ALL_MARKS))


# conjunctions that may open a sentence before its subject
_LEAD_CONJUNCTIONS: Final = frozenset({"but", "and", "yet", "so"})

# Words after "he said" that open an adjunct or an addressee, not a sentence of its own:
# '"...border!" he said to an enormous cheer' is the quote's attribution.
_NO_CLAUSE_STARTS: Final = ADJUNCT_STARTS | {"to"}


@mypyc_attr(acyclic=True)
class Attr:
    """An attribution: cue and speaker token ranges and the char offset where its text ends.

    A plain slotted class, not a dataclass, so that compiled code builds it natively.
    """

    __slots__ = ("cue", "gap_end", "speaker")

    def __init__(self, cue: tuple[int, int], speaker: tuple[int, int] | None, gap_end: int) -> None:
        self.cue = cue  # token range
        self.speaker = speaker  # token range
        self.gap_end = gap_end  # char offset where the attribution text ends


def is_finite(tok: Tok) -> bool:
    """A finite verb form (``said``, ``adds``, ``wrote``): what closes ``"...," X said``; a noun or
    adjective cue (``paid tribute``, ``is confident``) never does."""
    return tok.low.endswith(("ed", "s")) or tok.low in IRREGULAR_PAST


def attribution_after(para: Para, pos: int, limit: int, ended: bool) -> Attr | None:
    """``"...," X said`` / ``said X`` / ``- X`` starting at char ``pos`` (before ``limit``), with
    the source of ``..., according to Y`` closing its sentence as speaker (PolNeAR Source: the
    account that reports X's words, in all ten such train sentences)."""
    attr = _attribution_after(para, pos, limit, ended)
    if attr is None:
        return None
    toks = para.toks
    e = attr.cue[1] if attr.speaker is None else max(attr.cue[1], attr.speaker[1])
    hi = min(para.sent_of(attr.cue[0])[1], para.tok_at(limit))
    for c in range(e, min(hi, e + MAX_AFTER_ATTRIBUTION_TOKENS) - 2):
        t = toks[c]
        if t.is_word and match_cue(toks, c, weak=False):
            break  # another statement before it
        if t.text == "," and toks[c + 1].low == "according" and toks[c + 2].low == "to":
            sp = np_after(toks, c + 3, hi, lower_ok=True)
            if sp is not None:
                return Attr(attr.cue, sp, toks[sp[1] - 1].end)
            break
    return attr


def _goes_on(toks: list[Tok], after: int, hi: int, ended: bool) -> bool:
    """A clause goes on (before token ``hi``) after an attribution's last token ``toks[after - 1]``
    of a quote that ``ended`` on a full stop. (A function of its own, not a closure: compiled,
    a named closure and its environment hold each other, garbage only the cyclic collector frees.)"""
    j = skip_intro(toks, after, hi)
    if toks[after - 1].low in OBJECT_VERBS:
        # '"..." Risch told The Spokesman-Review on Monday.': the addressee is no new clause
        j = skip_intro(toks, skip_addressee(toks, j, hi, False), hi)
    return ended and j < hi and toks[j].is_word and toks[j].low not in _NO_CLAUSE_STARTS


def _attribution_after(para: Para, pos: int, limit: int, ended: bool) -> Attr | None:
    """The attribution of :func:`attribution_after` without its reporting source.

    ``ended``: the quote closed on a full stop, so a clause that goes on after the cue
    (``"...heart." He said he ...``) is a new sentence, not this quote's attribution.
    """
    toks = para.toks
    i = para.tok_at(pos)
    if i >= len(toks) or toks[i].start >= limit:
        return None
    _, s_hi = para.sent_of(i)
    hi = min(s_hi, para.tok_at(limit))
    dash = toks[i].text in _DASH_TOKENS
    while i < hi and toks[i].text in _LEAD_PUNCT:
        i += 1
    if i >= hi:
        return None
    n = match_cue(toks, i, weak=False)
    if n and is_finite(toks[i]):
        sp = np_after(toks, skip_intro(toks, i + n, hi), hi, lower_ok=True)
        if sp is not None and not _goes_on(toks, sp[1], hi, ended):
            return Attr((i, i + n), sp, toks[sp[1] - 1].end)
    for m in range(i, min(hi, i + MAX_AFTER_ATTRIBUTION_TOKENS)):
        n = match_cue(toks, m, weak=False) if is_finite(toks[m]) else 0
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
            if sp is not None and sp[0] > i and _np_prefix(toks, i, sp):
                sp = (i, sp[1])  # "Clinton campaign manager Robby Mook wrote"
        if sp is not None and sp[0] == i and not _goes_on(toks, m + n, hi, ended):
            return Attr((m, m + n), sp, toks[m + n - 1].end)
        break
    if dash:
        sp = np_after(toks, i, hi)
        if sp is not None and sp[1] >= hi - 1:
            return Attr((i - 1, i), sp, toks[sp[1] - 1].end)
    return None


def _np_prefix(toks: list[Tok], i: int, sp: tuple[int, int]) -> bool:
    """``toks[i:sp[0]]`` can open the noun phrase ``sp``: words that are no clause of their own.
    ('"...," but also hungry for what she calls' is a new clause, and "she" its whole subject.)"""
    if sp[1] - sp[0] == 1 and toks[sp[0]].low in SUBJECT_PRONOUNS:
        return False
    return all(
        toks[x].is_word
        and toks[x].low not in NP_STOPS
        and toks[x].low not in TIME_WORDS
        and toks[x].low not in SUBJECT_PRONOUNS
        for x in range(i, sp[0])
    )


def attribution_before(
    para: Para, open_mark: int, units: list[Unit], short: bool, prev: Para | None
) -> Attr | None:
    """``X said: "..."`` / ``X told reporters "..."`` / ``Chairwoman X: "..."`` ending at ``open_mark``."""
    if _opens_para(para, open_mark):
        # nothing before the mark (token 0; found without tokenizing ``para``)
        if prev is not None and prev.text[prev.end - 1] == ":":
            # "Cruz continued:" closing the paragraph before the quote
            return _introducer(prev, len(prev.toks), prev.sents[-1][0], units, short)
        return None
    toks = para.toks
    q = para.tok_at(open_mark)
    if q >= len(toks):
        return None
    lo, _ = para.sent_of(q)
    return _introducer(para, q, lo, units, short)


def _introducer(para: Para, q: int, lo: int, units: list[Unit], short: bool) -> Attr | None:
    """The attribution in ``toks[lo:q]`` that introduces what starts at token ``q``."""
    toks = para.toks
    e = q - 1
    colon = toks[e].text == ":"
    while e >= lo and toks[e].text in _INTRO_PUNCT:
        e -= 1
    if e < lo:
        return None
    for m in range(e, max(lo, e - MAX_CUE_TO_QUOTE_TOKENS) - 1, -1):
        # a set lookup first: match_cue finds nothing at a word no cue opens with
        n = match_cue(toks, m, weak=False) if toks[m].low in CUE_FIRST_WORDS else 0
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
        sp = _after_cue(toks, m, n, e, lo) if j <= e else None
        if sp is None:
            sp = _before_appositive(toks, m, lo) or cue_subject(para, m, lo, units)
        return Attr((m, m + n), sp, toks[q - 1].end)
    if colon:
        sp = np_before(toks, e, lo)
        # a label opening its sentence, or set off by a dash ("SHIFT IN POLLS - Frank Newport:")
        if sp is not None and (sp[0] == lo or toks[sp[0] - 1].text in _DASH_TOKENS):
            return Attr((q - 1, q), sp, toks[q - 1].end)
    return None


def _after_cue(toks: list[Tok], m: int, n: int, e: int, lo: int) -> tuple[int, int] | None:
    """The source after the cue and before the quote: ``According to X: "..."``, or an inverted
    speaker opening the clause (``Said Comey, "..."``, ``But, explained X: "..."``)."""
    j = m + n
    if toks[m].low != "according":
        # a cue opening the clause, after nothing but a conjunction or an adverbial set off by a comma
        k = m - 1
        if k >= lo and toks[k].text == ",":
            k -= 1
        while k >= lo and toks[k].is_word and toks[k].low in INVERSION_OPENERS:
            k -= 1
        if k >= lo:
            return None
    sp = np_after(toks, j, e + 1, lower_ok=True)
    return sp if sp is not None and sp[1] == e + 1 else None


def _before_appositive(toks: list[Tok], m: int, lo: int) -> tuple[int, int] | None:
    """``X, a military spokesman, said, "..."`` / ``X, speaking to Iowans, said``: the name before
    the comma-set phrase that ends right before the cue."""
    if is_participle(toks[m]):
        return None  # ", Cruz said, adding: ..." (the clause's speaker, see cue_subject)
    k = skip_back(toks, m - 1, lo)
    if k <= lo or toks[k].text != ",":
        return None
    c = next(
        (x for x in range(k - 1, max(lo, k - MAX_APPOSITIVE_TOKENS) - 1, -1) if toks[x].text == ","), None
    )
    if c is None or c - 1 < lo or not toks[c - 1].is_cap:
        return None
    return np_before(toks, c - 1, lo)


def cue_subject(para: Para, m: int, lo: int, units: list[Unit]) -> tuple[int, int] | None:
    """Token range of the speaker of the cue at ``toks[m]`` (subject before it, else the clause's)."""
    toks = para.toks
    if is_participle(toks[m]):
        return clause_subject(para, m, lo, units)  # "She released a statement saying ..."
    k = skip_back(toks, m - 1, lo)
    if k >= lo and toks[k].is_word:
        sp = np_before(toks, k, lo)
        if sp is not None:
            return sp
    return clause_subject(para, m, lo, units)


def clause_subject(para: Para, m: int, lo: int, units: list[Unit]) -> tuple[int, int] | None:
    """Speaker of a participle (``..., saying``): the sentence's previous speaker, else its subject."""
    toks = para.toks
    s_start = toks[lo].start if lo < len(toks) else para.start
    # (units are in the order the passes found them, not text order: look at all of them)
    prev = max(
        (u.speaker for u in units if u.speaker is not None and s_start <= u.speaker[0] < toks[m].start),
        default=None,
    )
    if prev is not None:
        return (para.tok_at(prev[0]), para.tok_at(prev[1]))
    for c in range(lo, m):
        # (a set lookup first: only words a cue opens with can match)
        if toks[c].low in CUE_FIRST_WORDS and match_cue(toks, c) and not is_participle(toks[c]):
            k = skip_back(toks, c - 1, lo)
            sp = np_before(toks, k, lo) if k >= lo and toks[k].is_word else None
            if sp is not None:
                return sp
            break
    return sentence_subject(toks, lo, m)


def _opener(tok: Tok) -> bool:
    """A word that opens a sentence before a comma without being its subject ("However,")."""
    low = tok.low
    return low in OPENERS or low in ADVERBS or low in TIME_WORDS or not tok.is_cap


def past_dateline(toks: list[Tok], lo: int, m: int) -> int:
    """Index after a dateline opening ``toks[lo:m]`` ("BUENA PARK, Calif. -", "PARIS (Reuters) -"),
    else ``lo``."""
    window = range(lo, min(m, lo + MAX_DATELINE_TOKENS))
    dash = next((c for c in window if toks[c].text in _DASH_TOKENS), None)
    if dash is not None and toks[lo].text.isupper() and len(toks[lo].text) > 1:
        return dash + 1
    return lo


def _np_goes_on(toks: list[Tok], i: int, m: int) -> bool:
    """A noun phrase starts at ``toks[i]`` and a verb, not a comma, follows it before ``m``."""
    sp = np_after(toks, i, m, lower_ok=True)
    return sp is not None and sp[1] < m and toks[sp[1]].text != ","


def sentence_subject(toks: list[Tok], lo: int, m: int) -> tuple[int, int] | None:
    """First noun phrase of the sentence ``toks[lo:m]``, past an opening adjunct ("In Iowa, she ...")."""
    s0 = lo = past_dateline(toks, lo, m)
    # a one-word opener set off by a comma: "However, ...", "Soon, ..."
    if s0 + 1 < m and toks[s0 + 1].text == "," and _opener(toks[s0]):
        s0 = lo = s0 + 2
    # a two-word time opener: "Hours later, ...", "Two days ago, ..."
    elif (
        s0 + 2 < m
        and toks[s0 + 2].text == ","
        and (toks[s0 + 1].low in TIME_WORDS or toks[s0 + 1].low == "ago")
    ):
        s0 = lo = s0 + 3
    opener = toks[lo].low if lo < m else ""
    if (
        opener in ADJUNCT_STARTS
        or opener in ADVERBS
        or (opener.endswith(("ed", "ing")) and opener not in ADVERBS)
    ):
        commas = [c for c in range(lo, m) if toks[c].text == ","]
        # the first comma after which a noun phrase goes on into its verb: "At a town hall
        # in Salem, New Hampshire, Trump went after Bush" (not "New Hampshire,")
        after = next((c + 1 for c in commas if _np_goes_on(toks, c + 1, m)), None)
        j = lo + 1
        while opener in ADJUNCT_STARTS and j < m and toks[j].low in TIME_WORDS:
            j += 1
        if after is not None:
            s0 = after
        elif j > lo + 1:
            # a time adjunct with no comma: "On Tuesday she doubled down on it, seeking ..."
            s0 = j
        elif commas:
            s0 = commas[0] + 1
    return np_after(toks, past_leads(toks, s0, m), m, lower_ok=True)


def past_leads(toks: list[Tok], i: int, m: int) -> int:
    """Index past the conjunctions and adverbs before a subject ("And now Mr. Manafort has ...")."""
    while i < m and (toks[i].low in _LEAD_CONJUNCTIONS or toks[i].low in ADVERBS):
        i += 1
    return i


def clause_lead(para: Para, open_mark: int) -> int | None:
    """Start of the sentence text before a quote opening mid-sentence, when it holds a clause
    of its own (``The remarks were "a disgrace," he said``): the quote is then mixed."""
    if _opens_para(para, open_mark):
        return None  # no words before the mark
    q = para.tok_at(open_mark)
    lo, _ = para.sent_of(q)
    toks = para.toks
    if _opens_cue(toks, lo, q):
        return None  # 'X said the remarks were "a disgrace"': the indirect pass owns it
    words = sum(1 for t in toks[lo:q] if t.is_word)
    return toks[lo].start if words >= MIN_LEAD_WORDS else None


def opens_statement(para: Para, open_mark: int) -> bool:
    """A quote with no attribution stands alone only at a sentence start or after a colon or dash;
    elsewhere it is a phrase of the sentence around it (``he wanted to "go an extra step"``)."""
    if _opens_para(para, open_mark):
        return True
    q = para.tok_at(open_mark)
    lo, _ = para.sent_of(q)
    return q <= lo or para.toks[q - 1].text in _STATEMENT_OPENERS or is_quote_mark(para.toks[q - 1])


def _opens_para(para: Para, pos: int) -> bool:
    """No token of ``para`` starts before ``pos``: only white space lies between them. Read off
    the text, so that a quote opening its sentence does not need the sentence tokenized."""
    return not para.text[para.start : pos].strip()


def solid_chars(text: str, a: int, b: int) -> int:
    """Characters of ``text[a:b]`` that content comparison counts (no spaces, no quotation marks)."""
    # White space goes by str.split (the characters of a regex \s), the marks by counting
    # each: all C loops, where a regex match per run of them costs more than the rest.
    if b <= a:
        return 0
    kept = "".join(text[a:b].split())
    n = len(kept)
    for mark in _MARK_CHARS:  # a typed loop: compiled, str.count is a native call
        n -= kept.count(mark)
    return n


def best_prefix(text: str, regions: list[QuoteRegion], first: int, last: int) -> int:
    """Last region of the group's prefix whose one span best covers all of the group's quoted text.

    A quote is one span, so an attribution between its parts is counted in it; when that
    attribution is long, ending the span before it overlaps the quoted text better.
    """
    if first == last:
        return first
    sizes = [solid_chars(text, regions[k].start, regions[k].end) for k in range(first, last + 1)]
    total = sum(sizes) or 1
    best, best_score, quoted, gaps = first, -1.0, 0, 0
    for k in range(first, last + 1):
        if k > first:
            gaps += solid_chars(text, regions[k - 1].end, regions[k].start)
        quoted += sizes[k - first]
        score = quoted / (total + gaps)
        if score > best_score:
            best, best_score = k, score
    return best


def has_cue(text: str, a: int, b: int) -> bool:
    """A reporting cue in ``text[a:b]``: the gap then holds another statement, not just an attribution."""
    toks = tokenize(text, a, b)
    return _opens_cue(toks, 0, len(toks))


def _opens_cue(toks: list[Tok], lo: int, hi: int) -> bool:
    """A cue opens at one of ``toks[lo:hi]`` (it may run on past ``hi``)."""
    # (a set lookup first: only words a cue opens with can match)
    return any(toks[k].low in CUE_FIRST_WORDS and match_cue(toks, k) for k in range(lo, hi))
