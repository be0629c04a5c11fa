"""Reported statements: direct, indirect and mixed quotes with cue and speaker span.

Steps of :func:`find_quotes`:

1. Paragraphs are the runs of ``Doc.sentences`` with one paragraph number;
   :func:`etl.quote_marks.quote_regions` pairs the quotation marks over them.
2. Direct quotes: each quoted region looks for its attribution right after
   its closing mark (``"...," X said`` / ``said X`` / ``- X``) or right before
   its opening mark (``X said: "..."``, ``Chairwoman X: "..."``) — see
   :mod:`etl.quote_direct`. Regions with only an attribution (or nothing)
   between them join one quote (``"...," he said, "..."``), cut where one
   span covers their quoted text best; a quote opening mid-sentence with its
   attribution after it makes the whole sentence a mixed quote.
3. Indirect and mixed quotes (only sentences holding a cue outside quotation
   marks that step 2 did not use are tokenized): every reporting cue outside quotation marks
   whose cue an attribution of step 2 did not use opens one: content after
   the cue (``X said that ...``, ``X told reporters ...``), before it
   (``..., X said.``), or both around it (``..., he said, ...``);
   ``according to X`` likewise (``Y, according to X, ...``: content ``Y`` when
   it is a clause of its own, else the whole sentence); content after a cue
   stops before ``and``/``but`` joining a clause with its own speaker and cue
   (``quote_clause_links.txt``); a headline ``Source: content`` too (before any
   cue after its colon); ``X is expected to ...`` makes the whole clause the
   content, with no source; content keeps its complementizer ``that``;
   ``X was criticized by Y`` makes the subject X the
   content and Y the speaker; ``Asked whether ..., X said`` makes the question a
   unit with no source. A cue inside a sentence-opening subordinate clause
   (``While most voters say ..., the party``), a comma-set relative clause or a
   sentence-opening participle clause has its content end at the clause's comma.
   A paragraph opening with an upper-case label and a colon (``WALLACE: ...``) is
   a transcript turn.
   Content that holds a quoted region only in part is ``mixed``; content that stops at its
   sentence's end inside a quotation runs on to the quotation's close. Weak cues
   (``quote_weak_cues.txt``: ``think``, ``wants``, ``support for``) open
   indirect quotes too, but rank below the speech verbs, and a speech verb
   inside their content still opens a quote of its own. Context-gated cues
   (``quote_gated_cues.tsv``: ``criticism of``, ``assertion that``, ``pledged to``)
   rank as weak ones and open a quote only before the token their entry names; a
   noun or adjective one takes a possessive before it or its clause's subject as speaker.
   A cue followed by a token marking a sense that reports nothing (``added to``,
   ``appeared on``, ``known as Super Tuesday``: ``quote_cue_blocks.tsv``) opens nothing.
   An endorsement or opposition (``quote_object_cues.txt``) reports its object noun
   phrase only (``endorsed Jeb Bush for president``). Content never runs into the
   attribution of a direct quote after it (``praised them but said, "..."``), nor into
   ``..., federal officials said.`` closing its sentence. A sentence opening with its
   poll (``In a CBS poll released Monday, 50 percent ...``) is a quote of that poll. A
   sentence-final speaker may have words before the name the speaker walk finds
   (``..., ministry spokesman Benali Cherif said.``); after ``told`` a short object
   ending the sentence is the addressee (content before it), and an addressee before a
   ``that`` clause stays out of the content.
4. A quoted region right after the sentence of an attributed quote's
   attribution (``"A," X said. "B."``) extends that quote. Remaining quoted
   regions long enough to be statements are direct quotes attributed from
   context: the speaker of the next attributed direct quote of the same
   paragraph, else that of the previous quote, if it is at most
   ``INHERIT_MAX_PARAGRAPHS`` paragraphs back.
5. Overlaps are resolved in favour of attributed direct quotes, then
   indirect ones, then inherited ones, then those of weak cues (a quoted
   statement outweighs a weak cue's reading of it: PolNeAR train +5 units);
   output is in text order.
"""

from __future__ import annotations

import re
from typing import Final

from mypy_extensions import i64, mypyc_attr

from etl.doc import Doc, QuoteSpan, Span
from etl.lexicons import load_map, load_set
from etl.quote_direct import (
    Attr,
    attribution_after,
    attribution_before,
    best_prefix,
    clause_lead,
    clause_subject,
    has_cue,
    is_finite,
    opens_statement,
    past_dateline,
    past_leads,
    solid_chars,
)
from etl.quote_grammar import (
    ADJUNCT_STARTS,
    ADVERBS,
    ALL_CUES,
    CUE_FIRST_WORDS,
    DASHES,
    NP_STOPS,
    OBJECT_VERBS,
    QUANTIFIERS,
    RELATIVE_PRONOUNS,
    ROLE_NOUNS,
    SUBJECT_PRONOUNS,
    TIME_WORDS,
    Tok,
    is_participle,
    is_quote_mark,
    is_title_case,
    is_weak_cue,
    match_cue,
    np_after,
    np_before,
    skip_addressee,
    skip_back,
    skip_intro,
)
from etl.quote_marks import (
    ALL_MARKS,
    QuoteRegion,
    count_words,
    int_bisect_left,
    int_bisect_right,
    quote_regions,
)
from etl.quote_paras import Para, Unit, abbrev_stop, paragraphs, token_span
from etl.titles import is_head
from etl.word_trie import trie_pattern

CONTENT_CUTS: Final[frozenset[str]] = load_set("quote_content_cuts")
CONTENT_BAD_STARTS: Final[frozenset[str]] = load_set("quote_content_bad_starts")
CLAUSE_LINKS: Final[frozenset[str]] = load_set("quote_clause_links")
# words that end content before another attribution: the clause links, and "and" before a cue
LINK_WORDS: Final = CLAUSE_LINKS | {"and"}
# The tokens (lower case) that may end content after a cue (_content_after): the link words
# and the punctuation it tests; any other token is part of the content.
_CONTENT_STOPS: Final = LINK_WORDS | {";", ",", ".", "!", "?"} | ALL_MARKS | DASHES
# Cues whose content is their object noun phrase, and the words that end it (see the files).
OBJECT_CUES: Final[frozenset[str]] = load_set("quote_object_cues")
OBJECT_ENDS: Final[frozenset[str]] = load_set("quote_object_ends")
# Context-gated cues (quote_gated_cues.tsv): word -> the next tokens that make it report
# ("assertion that", "criticism of", "backing Clinton"); QUOTE stands for any quotation mark,
# CAP for a capitalised word, WORD for a lower-case one.
GATED_CUES: Final[dict[str, frozenset[str]]] = {
    w: frozenset(nxt.split()) for w, nxt in load_map("quote_gated_cues").items()
}
# Cue senses that report nothing (quote_cue_blocks.tsv): cue -> the next tokens that mark them.
CUE_BLOCKS: Final[dict[str, frozenset[str]]] = {
    w: frozenset(nxt.split()) for w, nxt in load_map("quote_cue_blocks").items()
}
_BLOCK_FIRST_WORDS: Final = frozenset(c.split()[0] for c in CUE_BLOCKS)
# particles that belong to a gated cue ("criticism of"); after "that"/"to" the content starts
GATED_PARTICLES: Final = frozenset({"of", "about", "for", "on", "against"})
# first words of every cue, gated ones included: only these open a unit
_FIRST_WORDS: Final = CUE_FIRST_WORDS | frozenset(GATED_CUES)
# no shorter token is one of them: a length test spares most tokens ("a", "of", ",") the
# set lookup and the hash of their new string
_FIRST_MIN: Final = min(len(w) for w in _FIRST_WORDS)


def _idioms_by_word() -> dict[str, list[tuple[tuple[str, ...], int]]]:
    """word -> (idiom, position of the word in it), for the idioms of quote_idioms.txt."""
    out: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for idiom in load_set("quote_idioms"):
        words = tuple(idiom.split())
        for k, w in enumerate(words):
            out.setdefault(w, []).append((words, k))
    return out


_IDIOMS_OF: Final = _idioms_by_word()


def _gate_strings(word: str, nexts: frozenset[str]) -> set[str]:
    """What a sentence must hold for ``word`` to open a gated cue: the word and its next
    token when that is a word, else (a class, a mark) the word alone."""
    if all(n.isalpha() and n.islower() for n in nexts):
        return {f"{word} {n}" for n in nexts}
    return {word}


def _cue_search(phrases: frozenset[str]) -> re.Pattern[str]:
    """One search over lower-cased text for any of ``phrases`` (words joined by a space), as a
    prefix tree, each match taking the character before its phrase (the caller puts a space
    before the text): true wherever the tokens would spell one, and for a few more spans
    (inside a word when a phrase holds other than ASCII word characters, after a non-ASCII
    letter); the caller tokenizes to decide."""
    body = trie_pattern(phrases).replace(re.escape(" "), r"(?u:\s+)")
    if all(re.fullmatch(r"[a-z0-9_]+", w) for p in phrases for w in p.split()):
        # Not \b before the phrase but a character that is no word character: a pattern
        # opening with a character class lets the engine skip in C to where a match may
        # start, instead of trying one at every character. ASCII-only \W and \b are table
        # lookups where Unicode ones call into the character database; a character that is
        # no Unicode word character is no ASCII one either, so the matches are those of
        # Unicode \b...\b and a few more. White space stays Unicode, as tokens see it.
        return re.compile(r"\W" + body + r"\b", re.ASCII)
    return re.compile(r"(?s:.)" + body.replace(r"(?u:\s+)", r"(?u:\s*)"))


# could a sentence hold a cue or a gated cue? (one search; only those are tokenized)
_CUE_PHRASES: Final = ALL_CUES.union(*(_gate_strings(w, nexts) for w, nexts in GATED_CUES.items()))
_CUE_OR_GATE: Final = _cue_search(_CUE_PHRASES)

# The characters as _has_free_cue reads them: a slot per lower-case ASCII word character
# (1-37; upper case shares its lower case's), _SPACE_SLOT for white space, 0 for the others;
# _ODD_SLOT for those whose lower case is ASCII or two characters long (U+0130, the Kelvin
# sign; tests/test_quotes.py checks these and _wide_slot's white space against Unicode).
# Tables are strings of code points: compiled, ord(table[i]) is a native read, no boxed int.
_WORD_CHARS: Final = "abcdefghijklmnopqrstuvwxyz0123456789_"
_SPACE_SLOT: Final = 38
_ODD_SLOT: Final = 39
_SLOTS: Final = 39  # slots a prefix tree node has children for (0: none, ODD: never)
assert len(_WORD_CHARS) + 1 == _SPACE_SLOT


def _char_slots() -> str:
    out = [0] * 128
    for k, ch in enumerate(_WORD_CHARS):
        out[ord(ch)] = out[ord(ch.upper())] = k + 1
    for c in range(128):
        if chr(c).isspace():
            out[c] = _SPACE_SLOT
    return "".join(map(chr, out))


_CHAR_SLOTS: Final = _char_slots()


def _phrase_trie(phrases: frozenset[str]) -> tuple[str, str]:
    """The phrases as a prefix tree over slots: ``ord(trie[node * _SLOTS + slot])`` is the child
    (0: none; node 0 is the root) and ``ord(ends[node])`` is 1 where a phrase ends. Empty when a
    phrase holds other characters than _WORD_CHARS and single inner spaces: the search then."""
    if not all(re.fullmatch(r"[a-z0-9_]+(?: [a-z0-9_]+)*", p) for p in phrases):
        return "", ""
    trie = [0] * _SLOTS
    ends = [0]
    for p in phrases:
        node = 0
        for ch in p:
            x = node * _SLOTS + (_SPACE_SLOT if ch == " " else _WORD_CHARS.index(ch) + 1)
            if trie[x] == 0:
                trie[x] = len(ends)
                ends.append(0)
                trie.extend([0] * _SLOTS)
            node = trie[x]
        ends[node] = 1
    return "".join(map(chr, trie)), "".join(map(chr, ends))


_PHRASE_TREE: Final = _phrase_trie(_CUE_PHRASES)
# this module runs compiled (mypyc): a loop over characters is then cheaper than the regex
# search, interpreted it costs several times more
_COMPILED: Final = not __file__.endswith(".py")
_PHRASE_TRIE: Final = _PHRASE_TREE[0]
_PHRASE_ENDS: Final = _PHRASE_TREE[1]


def _has_free_cue(text: str, a: int, b: int, used_cues: set[int], para: Para) -> bool:
    """Could ``text[a:b]`` hold a cue or gated cue that is neither in ``used_cues`` nor inside a
    quotation of ``para``? Those open nothing (the indirect pass skips them), so a sentence
    whose every cue is such is never tokenized. Exact because every token the indirect pass
    could take as a cue starts where the search matches (see :func:`_cue_search`)."""
    if _PHRASE_TRIE and _COMPILED:
        return _has_free_cue_scanned(text, a, b, used_cues, para)
    return _has_free_cue_searched(text, a, b, used_cues, para)  # (interpreted: the faster)


def _has_free_cue_scanned(text: str, a: i64, b: i64, used_cues: set[int], para: Para) -> bool:
    """:func:`_has_free_cue` by _CUE_OR_GATE's matches read off the text by a typed loop over
    its characters and the prefix tree of its phrases: compiled, no slice, lower-cased copy or
    regex call per sentence (those cost about 19,000 instructions a sentence)."""
    # Its answers are the search's: a match starts at a word character after one that is none
    # (the search's leading \W; the start ``a`` counts as such, as the space put before the
    # slice did), both read as lower-cased ASCII (_CHAR_SLOTS), any other character being no
    # word character, and white space Unicode's. The characters whose lower case would be
    # ASCII or longer (_ODD_SLOT) send the sentence to the search.
    word = False  # the character before is a word character
    for k in range(a, b):
        c: i64 = ord(text[k])
        # (comparisons, no table read: this test runs for every character)
        if 97 <= c <= 122 or 65 <= c <= 90 or 48 <= c <= 57 or c == 95:
            if not word:
                got = _phrase_at(text, k, b)
                if got < 0:
                    return _has_free_cue_searched(text, a, b, used_cues, para)
                if got and k not in used_cues and not para.in_quote(k):
                    return True
            word = True
        elif c == 0x130 or c == 0x212A:  # _ODD_SLOT's
            return _has_free_cue_searched(text, a, b, used_cues, para)
        else:
            word = False
    return False


def _phrase_at(text: str, p: i64, b: i64) -> i64:
    """1 when a phrase of ``_PHRASE_TRIE`` starts at ``text[p]`` and ends before ``b`` at a word
    boundary (as ``_CUE_OR_GATE`` matches one), 0 when none does, -1 when the walk met a
    character of _ODD_SLOT. A phrase's space stands for a run of white space; the walk
    takes all of the run, as the search must: a word character follows it in the phrase."""
    # (native ints throughout: compiled, no tagged-int checks per character)
    node: i64 = 0
    k: i64 = p
    while True:
        s: i64 = 0
        if k < b:
            c: i64 = ord(text[k])
            if 97 <= c <= 122:
                s = c - 96  # a lower-case letter, _CHAR_SLOTS' most frequent read
            else:
                s = _slot(c)
                if s == _ODD_SLOT:
                    return -1
        if not 0 < s < _SPACE_SLOT and ord(_PHRASE_ENDS[node]) == 1:
            return 1  # a phrase ends here and no word character follows: \b
        if s == 0:
            return 0
        node = ord(_PHRASE_TRIE[node * _SLOTS + s])
        if node == 0:
            return 0
        k += 1
        if s == _SPACE_SLOT:
            while k < b:
                c = ord(text[k])
                if c != 32 and _slot(c) != _SPACE_SLOT:
                    break
                k += 1


def _slot(c: i64) -> i64:
    """The slot of code point ``c``. (Returns, not a conditional expression: compiled, that
    one boxes its value.)"""
    if c < 128:
        return ord(_CHAR_SLOTS[c])
    return _wide_slot(c)


def _wide_slot(c: i64) -> i64:
    """The slot of a character outside ASCII: white space, one of _ODD_SLOT's, or no word
    character (lower-cased, every other one stays one character outside ASCII)."""
    if c == 0x85 or c == 0xA0 or c == 0x1680 or 0x2000 <= c <= 0x200A:
        return _SPACE_SLOT
    if c == 0x2028 or c == 0x2029 or c == 0x202F or c == 0x205F or c == 0x3000:
        return _SPACE_SLOT
    if c == 0x130 or c == 0x212A:
        return _ODD_SLOT
    return 0


def _has_free_cue_searched(text: str, a: int, b: int, used_cues: set[int], para: Para) -> bool:
    """:func:`_has_free_cue` by the search itself (a lexicon the prefix tree cannot hold, a
    character of _ODD_SLOT)."""
    # The slice, not search(text, a, b): what comes before ``a`` must not count, the space
    # put before the slice stands for it.
    low = " " + text[a:b].lower()
    m = _CUE_OR_GATE.search(low)
    if m is None:
        return False
    if len(low) != b - a + 1:
        return True  # lower-casing changed the length: offsets no longer line up
    while m is not None:
        pos = a + m.start()  # the phrase starts one past the match, which counts the space
        if pos not in used_cues and not para.in_quote(pos):
            return True
        # every start, not only non-overlapping matches: a cue may begin inside another
        # ("expressed hope" then "hope")
        m = _CUE_OR_GATE.search(low, m.start() + 1)
    return False


def _free_cue_token(para: Para, used_cues: set[int]) -> bool:
    """Does tokenized ``para`` hold a token the indirect pass takes as a cue candidate (a first
    word of a cue or gated cue) that is neither in ``used_cues`` nor inside a quotation? Where
    :func:`_has_free_cue` would say otherwise, the indirect pass finds no unit either way: it
    opens units only at such candidates whose cue the search also matches."""
    toks = para.toks
    for i in range(len(toks)):
        t = toks[i]
        if len(t.low) >= _FIRST_MIN and t.low in _FIRST_WORDS:
            pos = t.start
            if pos not in used_cues and not para.in_quote(pos):
                return True
    return False


# An unattributed quoted region shorter than this is a scare quote, a title or a
# fragment, not a statement. PolNeAR train: 60% of 1-word regions lie in a gold content,
# but as part of a longer attribution; raising the bar from 4 to 8 words moved direct
# content F1 from 0.883 to 0.886 (precision 0.864 to 0.876), beyond 8 it stays flat.
MIN_UNATTRIBUTED_WORDS: Final = 8
# A quote right after its cue with no comma or colon between (``called it "a disgrace"``)
# is the verb's object, part of a mixed quote, unless it is at least this long
# (train: 4 -> 12 words moved direct content F1 from 0.883 to 0.885).
MIN_BARE_QUOTE_WORDS: Final = 12
# How many paragraphs back an unattributed quote may go on from an attributed one
# ('"A," X said. "B."': one unit). PolNeAR train: 0 (same paragraph) +0.0004 content F1,
# 1 (B opening the next paragraph too) lost precision.
MAX_CONTINUE_PARAGRAPHS: Final = 0
_SENTENCE_END: Final = re.compile(r"[.!?][\"”’']*\s")
# A quoted region shorter than this followed by "X said <clause>" is a title, not the
# statement X's cue introduces (train content F1 +0.0017 at 4; 3 and 5-6 gain less).
MIN_STATEMENT_WORDS: Final = 4
# How far back the last speaker may be for a quote with no attribution of its own.
INHERIT_MAX_PARAGRAPHS: Final = 2
# Non-space characters outside quotation marks that content may hold and still be direct.
MAX_DIRECT_SLACK: Final = 3
# An item of a serial list ("political, economic, and defense") is at most this long;
# a ", and" after one is the list's last item, not a new clause.
MAX_LIST_ITEM_TOKENS: Final = 3
# Cues that open a construction of their own (quote_cue_frames.tsv says which and why).
_CUE_FRAMES: Final = {cue: frozenset(frames.split()) for cue, frames in load_map("quote_cue_frames").items()}


def _cues_of(frame: str) -> frozenset[str]:
    return frozenset(cue for cue, frames in _CUE_FRAMES.items() if frame in frames)


# A sentence opening with a participle of asking ("Asked whether ..., X said"; "When asked
# about ..., X replied"): the clause up to its comma is a question with no named source.
QUESTION_CUES: Final = _cues_of("question")
QUESTION_LEADS: Final = frozenset({"when", "whenever", "if", "after", "once", "but", "and", "later", "again"})
# Conjunctions opening a subordinate clause: a cue inside one ("While most voters say the
# race is over, the party ...") has its content end at the clause's comma, where the main
# clause starts (quote_subordinators.txt).
SUBORDINATORS: Final[frozenset[str]] = load_set("quote_subordinators")
COORDINATORS: Final = frozenset({"and", "but", "or", "nor"})
ARTICLES: Final = frozenset({"the", "a", "an"})
# speaker spans of a relative clause (PolNeAR marks the pronoun, "that" included)
_RELATIVE_SPEAKERS: Final = RELATIVE_PRONOUNS | {"that"}
POSSESSIVES: Final = frozenset({"his", "her", "its", "their", "our", "my", "your"})
# An adjunct between a cue and its ``that`` clause is at most this long ("during a news
# conference on Friday").
MAX_ADJUNCT_TOKENS: Final = 8
# Words opening the clause a passive cue reports ("asked by a reporter whether ...").
COMPLEMENTIZERS: Final = frozenset({"whether", "if", "that", "to", "about", "why", "how", "what", "when"})
AUXILIARIES: Final = frozenset(
    {"has", "have", "had", "will", "would", "could", "should", "may", "might", "can", "must"}
)
# A past participle right after one of these is an adjective, not a reporting verb
# (PolNeAR train: 44 such units, 5 right).
DETERMINERS: Final = frozenset(
    {"the", "a", "an", "its", "their", "his", "her", "our", "my", "your", "this", "these", "those"}
)
# Passive cues of expectation ("X is expected to ..."): the content is the whole clause.
RAISING_CUES: Final = _cues_of("raising")
BE_FORMS: Final = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "’s"})
# Content before its cue of at most this many tokens is not kept (PolNeAR train: 2 of 29
# such units were right).
MAX_SHORT_CONTENT_TOKENS: Final = 3
# A headline ``Source: content`` has a short source before the colon.
MAX_HEADLINE_SOURCE_TOKENS: Final = 6
# Prepositions after a headline's speaker that name whom or what the statement is addressed to
# or about ("Clinton to Planned Parenthood: ...", "Obama on Climate Change: ..."): those of the
# PolNeAR train/dev titles whose colon is a gold cue ("to", "on", "at"), and "about" beside them.
HEADLINE_TOPIC_WORDS: Final = frozenset({"to", "on", "at", "about"})
# "Y, according to Z, W": a lead ``Y`` this short ("Now", "His criticism") is part of one
# clause with ``W``, the content is the whole sentence; a longer one is a clause of its own
# and the content ends before ", according to" (PolNeAR train: 4 to 14 tokens all gain alike,
# about 0.001 content F1; 8 taken from the middle).
MAX_ACCORDING_LEAD_TOKENS: Final = 8
# The source of "according to X, ..." is at most this long, up to its comma ("According to
# early results of exit polls conducted for the Associated Press and television networks by
# Edison Research, ..."). PolNeAR train: 15 -> 20 tokens +6 units (dev +1); 25-35 the same.
MAX_ACCORDING_SOURCE_TOKENS: Final = 20

# A sentence-opening conjunction stays outside content ("But, according to the poll, 46
# percent ... remain undecided"): PolNeAR train, 55 gold contents start right after a
# sentence-initial "But"/"And" and 36 start with it; content F1 +0.0005 on train.
LEAD_CONJUNCTIONS: Final = ("But, ", "But ", "And, ", "And ")
_LEAD_CONJUNCTION_INITIALS: Final = "".join(sorted({w[0] for w in LEAD_CONJUNCTIONS}))
_LEAD_WORDS: Final = frozenset({"and", "but", "so"})
# Prepositions opening a participle clause at the start of a sentence ("After blasting X, Y
# said"), at most this many words before the participle ("In addition to stating").
_PARTICIPLE_LEADS: Final = frozenset(
    {"after", "before", "since", "while", "when", "despite", "by", "upon", "to"}
)
MAX_PARTICIPLE_LEAD_TOKENS: Final = 4

# A paragraph opening with an upper-case speaker label and a colon is a transcript turn
# (PolNeAR train: 12 of 16 such paragraphs are a gold content; the others' labels are in
# quote_label_stops.txt).
LABEL_STOPS: Final[frozenset[str]] = load_set("quote_label_stops")
_SPEAKER_LABEL: Final = re.compile(r"[\"“]?([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):[ \t]+(?=\S)")
# A sentence opening with the poll that reports it ("In a CBS News poll released Monday, 50
# percent chose Clinton"): the poll is the source, "In" the cue, the clause after its comma
# the content. PolNeAR train: 15 of 21 sentence-opening "In ... poll(s)/survey(s) ...," are
# gold cues (mid-sentence "in the polls" only 17 of 60: not taken); nouns of the poll's
# phrase never hold a relative word ("In eight states where exit polls were conducted").
_POLL_LEAD: Final = re.compile(
    r"(?:(?:But|And),?\s+)?(?P<cue>In)\s+"
    r"(?P<src>(?:(?!(?:where|which|that|who|when|as)\s)[\w.'’/&-]+\s+){0,8}?(?:polls?|surveys?)\b[^,.;:!?\n]{0,50}),\s*"
)
# the words a _POLL_LEAD match opens with
_POLL_LEAD_WORDS: Final = ("In", "But", "And")
_POLL_LEAD_INITIALS: Final = "".join(sorted({w[0] for w in _POLL_LEAD_WORDS}))
# How many words a sentence-final speaker's subject may hold before the name the
# noun-phrase walk stops at ("..., Algerian foreign affairs ministry spokesman Benali Cherif
# said"). PolNeAR train: see _lead_comma.
MAX_SUBJECT_LEAD_TOKENS: Final = 6
# Cues of telling: the addressee and adjuncts before a "that" clause stay out of the content
# ("told the Associated Press on Saturday that ..."), up to this many tokens; a verb or
# relative word among them means the "that" is no complementizer.
TELL_CUES: Final = _cues_of("tell")
MAX_TELL_GAP_TOKENS: Final = 12
TELL_GAP_STOPS: Final = RELATIVE_PRONOUNS | BE_FORMS | AUXILIARIES | frozenset({"said", "says", "say"})
# "..., X told a Senate panel Wednesday.": after these cues a short object that ends the
# sentence is the addressee, and the content is the clause before the speaker.
ADDRESSEE_CUES: Final = _cues_of("addressee")
MAX_ADDRESSEE_TOKENS: Final = 6
# The cues that rule applies to (the others' units so found were mostly wrong on train).
LEAD_COMMA_CUES: Final = _cues_of("lead_comma")
_TRAIL: Final = ".,;:!? \t\r\n"
_GAP_PUNCT: Final = " \t,.;:—–-"
# the quotation marks by code point (see _solid_count)
_MARK_CODES: Final = frozenset(ord(m) for m in ALL_MARKS)
_PRIORITY: Final = {"attributed": 0, "indirect": 1, "inherited": 2, "weak": 3}
# text offsets are below 2**_KEY_SHIFT: an int key (a << _KEY_SHIFT) + b sorts like (a, b)
_KEY_SHIFT: Final = 40


def _next_allowed(nxt: Tok, allowed: frozenset[str]) -> bool:
    """``nxt`` is one of the tokens ``allowed`` names: a word, QUOTE (any quotation mark),
    CAP (a capitalised word) or WORD (a lower-case one)."""
    if is_quote_mark(nxt):
        return "QUOTE" in allowed
    return nxt.low in allowed or (nxt.is_word and ("CAP" if nxt.is_cap else "WORD") in allowed)


def _gated_cue(toks: list[Tok], i: int, hi: int) -> int:
    """Tokens of the context-gated cue at ``toks[i]`` (0: none): the word is one of
    ``GATED_CUES`` and the token after it one its entry allows."""
    nexts = GATED_CUES.get(toks[i].low)
    if nexts is None or i + 1 >= hi or not _next_allowed(toks[i + 1], nexts):
        return 0
    nxt = toks[i + 1].low
    return 2 if nxt in nexts and nxt in GATED_PARTICLES else 1


def _in_idiom(toks: list[Tok], i: int) -> bool:
    """``toks[i]`` is a word of an idiom occurring there ("That said, ...", "truth be told")."""
    for idiom, k in _IDIOMS_OF.get(toks[i].low, ()):
        a = i - k
        n = len(idiom)
        # (word by word: compiled, no list and tuple of the words per candidate)
        if a >= 0 and a + n <= len(toks) and all(toks[a + x].low == idiom[x] for x in range(n)):
            return True
    return False


def _blocked(toks: list[Tok], i: int, n: int, hi: int) -> bool:
    """The cue ``toks[i:i+n]`` is followed by a token that gives it a sense reporting nothing
    ("added to", "appeared on", "known as Super Tuesday")."""
    if toks[i].low not in _BLOCK_FIRST_WORDS:
        return False
    nexts = CUE_BLOCKS.get(toks[i].low if n == 1 else " ".join(t.low for t in toks[i : i + n]))
    return nexts is not None and i + n < hi and _next_allowed(toks[i + n], nexts)


def _gated_speaker(para: Para, i: int, lo: int, units: list[Unit]) -> tuple[int, int] | None:
    """Speaker of a gated noun or adjective cue ("their criticism of", "a fierce supporter of"):
    a possessive right before it, else its clause's subject; the words right before such a
    cue are its modifiers, not its source."""
    toks = para.toks
    if i > lo and toks[i - 1].low in POSSESSIVES:
        return (i - 1, i)
    if i > lo and toks[i - 1].low.endswith(("'s", "’s")):
        return np_before(toks, i - 1, lo)  # "Mr. Trump's assertion that"
    return clause_subject(para, i, lo, units)


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in ",;:—–-"):
        a += 1
    while b > a and text[b - 1] in _TRAIL:
        b -= 1
    if a < b and text[a] in _LEAD_CONJUNCTION_INITIALS:  # (most content: no startswith calls)
        for w in LEAD_CONJUNCTIONS:
            if text.startswith(w, a) and b - a > len(w):
                a += len(w)
                break
    return a, b


def _content_after(para: Para, i: int, hi: int, title_case: bool) -> tuple[int, int]:
    """Token range of what follows the cue ending at token ``i`` up to a clause cut."""
    toks = para.toks
    j = skip_intro(toks, i, hi)
    if i > 0 and toks[i - 1].low in OBJECT_VERBS:
        j = skip_intro(toks, skip_addressee(toks, j, hi, title_case), hi)
    if j < hi and toks[j].text in {",", ":"}:
        j += 1
        if toks[j - 1].text == "," and j < hi and _attribution_follows(toks, j, hi):
            return j, j  # "... are worrying, Cuban said": the attribution after the comma owns it
    j = _past_adjunct(toks, j, hi)
    # an attributed direct quote ahead is a unit of its own: content stops before it
    b = int_bisect_left(para.barriers, toks[j].start if j < hi else para.end)
    if b < len(para.barriers):
        hi = min(hi, para.tok_at(para.barriers[b]))
    # Only tokens of _CONTENT_STOPS can end the content: the others are stepped over by a
    # set lookup of their lower case (native when compiled).
    end = hi
    quoted = para.quoted  # most sentences hold no quotation: skip the lookup then
    for c in range(j, hi):
        t = toks[c]
        if t.low not in _CONTENT_STOPS:
            continue
        if quoted and para.in_quote(t.start):
            continue
        if t.text[0].isalnum():
            # a word ends the content only as a link to another attribution
            if c > j and c + 1 < hi:
                if t.low == "and" and match_cue(toks, c + 1, weak=False):
                    end = c
                    break
                # "... twice but said neither ...": the second cue of the same subject opens a
                # unit (train +22 units), unless its object is a quotation ('but said "..."':
                # PolNeAR keeps it in one mixed quote)
                if (
                    t.low == "but"
                    and (m := match_cue(toks, c + 1, weak=False))
                    and not (c + 1 + m < hi and is_quote_mark(toks[c + 1 + m]))
                ):
                    end = c
                    break
                if _attribution_follows(toks, c + 1, hi):
                    end = c
                    break  # "... for the attack but U.S. officials have said ...": a clause of its own
            continue
        if t.text == ";":
            end = c
            break
        # a closing mark after a comma ('called it "a disgrace," and ...') ends a clause like one
        comma = t.text == "," or (t.text in ALL_MARKS and para.text[t.start - 1] == ",")
        if (comma or t.text in DASHES) and c + 1 < hi and _attribution_follows(toks, c + 1, hi):
            end = c
            break  # "..., he said there's no precedent": another attribution starts
        if comma and c + 1 < hi:
            nxt = toks[c + 1]
            if (
                nxt.low in CONTENT_CUTS
                and not (nxt.low == "and" and _and_continues(toks, j, c, hi))
                # "said A, and that B" / ", but that B": a second clause of the same cue
                # (PolNeAR train +20 units, dev +2)
                and not (nxt.low in COORDINATORS and c + 2 < hi and toks[c + 2].low == "that")
            ):
                end = c
                break
            n = match_cue(toks, c + 1, weak=False)
            if n and (is_participle(nxt) or nxt.low == "according"):
                end = c
                break
            if n and is_finite(nxt):
                end = c
                break  # "X, citing data from Y, said that ...": the main verb's own unit
        if (
            t.text in ".!?"
            and c + 1 < hi
            and (toks[c + 1].is_cap or is_quote_mark(toks[c + 1]))
            and not (t.text == "." and abbrev_stop(toks, c))
        ):
            end = c
            break  # a sentence end the splitter did not see (''Quote.'' He said)
    return j, end


def _past_adjunct(toks: list[Tok], j: int, hi: int) -> int:
    """Index of the ``that`` after an adjunct between a cue and its clause ("said earlier on
    Friday during a news conference that ..."), else ``j``."""
    if j >= hi or not (toks[j].low in ADJUNCT_STARTS or toks[j].low in TIME_WORDS):
        return j
    for k in range(j + 1, min(hi, j + MAX_ADJUNCT_TOKENS + 1)):
        if toks[k].low == "that":
            return k
        if not toks[k].is_word and toks[k].text != ",":
            break
    return j


def _attribution_follows(toks: list[Tok], i: int, hi: int) -> bool:
    """``toks[i:]`` opens with a speaker and a reporting cue ("he said", "others say"); a
    lower-case speaker after a comma ("..., federal officials said.") only when the cue closes
    the sentence."""
    sp = np_after(toks, i, hi, lower_ok=toks[i].low in QUANTIFIERS)
    lower = sp is None
    if lower and i > 0 and (toks[i - 1].text == "," or toks[i - 1].text in DASHES):
        sp = np_after(toks, i, hi, lower_ok=True)
    if sp is None:
        return False
    k = sp[1]
    while k < hi and toks[k].low in ADVERBS:
        k += 1
    n = match_cue(toks, k, weak=False) if k < hi else 0
    if not n or is_participle(toks[k]):
        return False
    return not lower or _closes_sentence(toks, k + n, hi)


def _closes_sentence(toks: list[Tok], j: int, hi: int) -> bool:
    """Nothing but time words and a full stop from ``toks[j]`` to the sentence end."""
    j = skip_intro(toks, j, hi)
    return j >= hi or (toks[j].text in ".!?" and j + 1 >= hi)


def _and_continues(toks: list[Tok], j: int, comma: int, hi: int) -> bool:
    """``, and`` at ``comma`` goes on with the same clause: the last item of a serial list
    ("political, economic, and defense") or a second verb of the same subject (", and is ready")."""
    if comma + 2 < hi and toks[comma + 2].low in ADVERBS:
        return True
    return any(toks[k].text == "," for k in range(max(j, comma - MAX_LIST_ITEM_TOKENS), comma))


def _indirect_for_cue(
    para: Para, i: int, n: int, lo: int, hi: int, units: list[Unit], title_case: bool, in_title: bool
) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """(content token range, speaker token range) for the cue ``toks[i:i+n]``, or None."""
    toks = para.toks
    cue_low = " ".join(t.low for t in toks[i : i + n])
    if toks[i].low in QUESTION_CUES and all(toks[x].low in QUESTION_LEADS for x in range(lo, i)):
        # "Asked whether he would run, Smith said ...": the question is the content, its
        # asker (a reporter, a pollster) is not named
        a = skip_intro(toks, i + n, hi)
        comma = next(
            (c for c in range(a, hi) if toks[c].text == "," and not para.in_quote(toks[c].start)), None
        )
        return ((a, comma), None) if comma is not None and comma > a else None
    opening = (
        cue_low != "according to"
        and is_participle(toks[i])
        and i - lo <= len(_LEAD_WORDS)
        and all(toks[x].low in _LEAD_WORDS for x in range(lo, i))
    )
    # "After blasting the report, Beck ...", "One month after announcing ..., Rubio"
    led = (
        not opening
        and is_participle(toks[i])
        and i > lo
        and toks[i - 1].low in _PARTICIPLE_LEADS
        and i - lo <= MAX_PARTICIPLE_LEAD_TOKENS
        and all(toks[x].is_word for x in range(lo, i))
    )
    if opening or led:
        # "Citing the attack, Will urged ...": a participle clause opening the sentence; its
        # content ends at the clause's comma, its speaker is the main clause's subject
        a = skip_intro(toks, i + n, hi)
        a, b = _clause_cut(para, a, hi)
        if b < hi and a < b:
            return (a, b), np_after(toks, b + 1, hi, lower_ok=True)
        if opening:
            return None
        # (a led clause with no comma of its own outside quotation marks: read as below)
    if cue_low in RAISING_CUES and i + n < hi and toks[i + n].low == "to":
        k = skip_back(toks, i - 1, lo)
        if any(toks[x].low in BE_FORMS for x in range(k + 1, i)):
            # "The House is expected to pass the bill": PolNeAR's content is the whole clause,
            # its subject included, and the expectation has no source of its own
            # the clause opens at the sentence start or after a comma, unless the comma closes
            # a relative clause of the subject ("The bank, which ..., is expected to")
            start = lo
            if toks[k].text != ",":
                start = next((c + 1 for c in range(k, lo - 1, -1) if toks[c].text == ","), lo)
            _, b = _content_after(para, i + n, hi, title_case)
            # the expected event ends at its clause's comma or dash ("The White House is
            # expected to sign the measure, potentially teeing up ...": train +5 units)
            _, b = _clause_cut(para, i + n, b)
            return ((start, b), None) if start <= k < b else None
    if cue_low == "according to":
        comma = next(
            (k for k in range(i + n, min(hi, i + n + MAX_ACCORDING_SOURCE_TOKENS)) if toks[k].text == ","),
            None,
        )
        sp = (
            (i + n, comma)
            if comma is not None and comma > i + n
            else np_after(toks, i + n, hi, lower_ok=True)
        )
        k = skip_back(toks, i - 1, lo)
        if k >= lo and toks[k].text == "," and all(toks[x].low in _LEAD_WORDS for x in range(lo, k)):
            k = lo - 1  # "But, according to X, ...": nothing before the cue but a conjunction
        if k < lo or toks[k].low in _LEAD_WORDS:
            if comma is None:
                return None
            a, b = _content_after(para, comma + 1, hi, title_case)
            return ((a, b), sp) if a < b else None
        end = k if toks[k].text == "," else k + 1
        if comma is not None and comma + 1 < hi - 1 and end - lo < MAX_ACCORDING_LEAD_TOKENS:
            return (lo, hi), sp
        return ((lo, end), sp) if lo < end else None
    if i + n < hi and toks[i + n].low == "by":
        # a passive cue: "asked by a reporter if ...", "as reported by X, ..."
        agent = np_after(toks, i + n + 1, hi, lower_ok=True)
        if agent is not None:
            subject = _passive_subject(toks, i, lo)
            a, b = _content_after(para, agent[1], hi, title_case)
            if a < b and (subject is None or toks[a].low in COMPLEMENTIZERS):
                return (a, b), agent
            if subject is not None:
                return subject, agent  # "The plan was rejected by the council": its subject
    if is_participle(toks[i]) and i > lo and (toks[i - 1].text == "," or toks[i - 1].low not in ADVERBS):
        a, b = _content_after(para, i + n, hi, title_case)
        if a >= b:
            return None
        # "with Sen. John McCain calling it a menu": the participle's own subject
        sp = np_before(toks, i - 1, lo) if toks[i - 1].is_word else None
        if sp is not None and sp[0] > lo and toks[sp[0] - 1].low == "with":
            return (a, b), sp
        return (a, b), clause_subject(para, i, lo, units)
    k = skip_back(toks, i - 1, lo)
    if k < lo or toks[k].text == "," or is_quote_mark(toks[k]) or toks[k].text in DASHES:
        after = skip_intro(toks, i + n, hi)
        sp = np_after(toks, after, hi, lower_ok=after < hi and toks[after].low in QUANTIFIERS)
        if (
            sp is not None
            and k >= lo
            and (sp[1] >= hi - 1 or toks[sp[1]].text in {",", ".", ";"})
            and not _clause_like(toks, *sp)
            and _speakerish(toks, *sp)
            # a headline drops the subject of its second predicate: "Trump says he had a call
            # with Zelensky, discussed war" is no "..., said X"
            and not (in_title and any(match_cue(toks, x, weak=False) for x in range(lo, k)))
        ):
            end = k
            if end <= lo:
                return None
            return (lo, end), sp
        if k >= lo and (toks[k].text == "," or toks[k].text in DASHES):
            # appositive subject: "Trump, the GOP nominee, said ..." / "X -- who lost ... -- said"
            sep = {","} if toks[k].text == "," else DASHES
            sp = _appositive_subject(toks, lo, k, sep)
            if sp is None:
                # "Yet some voters who ..., said"
                sp = np_after(toks, past_leads(toks, lo, k), k, lower_ok=True)
            if sp is None:
                # '"...," X said, going on to say ...': the sentence's speaker (train speaker
                # accuracy 0.879 -> 0.881)
                sp = clause_subject(para, i, lo, units)
            a, b = _content_after(para, i + n, hi, title_case)
            return ((a, b), sp) if a < b else None
        return None
    sp = np_before(toks, k, lo)
    if (
        sp is not None
        and i > lo
        and toks[i - 1].low == "to"
        and sp[0] > lo
        and toks[sp[0] - 1].low in NP_STOPS
    ):
        # "descended an escalator in New York to declare": the object of a preposition is
        # no one's speaker; the infinitive's subject is the clause's
        sp = clause_subject(para, i, lo, units)
    if toks[k].low == "that" and k > lo and toks[k - 1].is_word:
        sp = (k, k + 1)  # "a report that explains ...": PolNeAR marks the relative pronoun
    if sp is None and toks[k].low in ("and", "but"):
        sp = clause_subject(para, i, lo, units)  # "He expressed concern ... and said ..."
    a, b = _content_after(para, i + n, hi, title_case)
    comma_before = sp is not None and sp[0] > lo + 1 and toks[sp[0] - 1].text == ","
    # "..., X said in remarks published on Monday": a participle after an intro phrase goes on
    # with the adjunct
    adjunct = a < b and (
        toks[a].low in ADJUNCT_STARTS or (a > i + n and toks[a - 1].is_word and _is_past_participle(toks[a]))
    )
    if comma_before and sp is not None and sp[0] - 1 > lo and adjunct:
        return (lo, sp[0] - 1), sp  # "..., Wilkin said during his speech."
    if (
        comma_before
        and sp is not None
        and sp[0] - 1 > lo
        and cue_low in ADDRESSEE_CUES
        and _bare_object(toks, a, b, hi)
    ):
        return (lo, sp[0] - 1), sp  # "..., Ash Carter told a Senate panel Wednesday."
    if any(toks[x].is_word for x in range(a, b)) and toks[a].text != ",":
        if sp is not None and sp[0] > lo and toks[sp[0] - 1].text == "," and toks[a - 1].text == ",":
            return (lo, b), sp  # "The plan, he said, is flawed."
        return (a, b), sp
    if sp is not None and sp[0] > lo + 1 and toks[sp[0] - 1].text == ",":
        return (lo, sp[0] - 1), sp  # "..., X said."
    c = _lead_comma(toks, sp[0], lo) if sp is not None and cue_low in LEAD_COMMA_CUES else None
    if c is not None:
        return (lo, c), sp  # "..., ministry spokesman Benali Cherif said Thursday."
    return None


def _speakerish(toks: list[Tok], a: int, b: int) -> bool:
    """``toks[a:b]`` after a cue can be its inverted speaker: a name, a role or title word or a
    pronoun in it ("said the spokesman", "says Smith"); "proposed a wall" has none."""
    return any(
        t.is_cap or t.low in ROLE_NOUNS or is_head(t.low) or t.low in SUBJECT_PRONOUNS for t in toks[a:b]
    )


def _clause_like(toks: list[Tok], a: int, b: int) -> bool:
    """``toks[a:b]``, read as a noun phrase after a cue, holds a verb: it is the clause the cue
    reports ("X, a lawyer, said the plan would fail"), not an inverted speaker ("..., said
    the spokesman")."""
    last = toks[b - 1]
    if b - a > 1 and not last.is_cap and last.low.endswith("ed"):
        return True
    return any(t.low in AUXILIARIES or t.low in BE_FORMS for t in toks[a:b])


def _appositive_subject(
    toks: list[Tok], lo: int, k: int, sep: set[str] | frozenset[str]
) -> tuple[int, int] | None:
    """The subject of ``X, <appositive>, said`` whose last separator is ``toks[k]``: the
    nearest stretch between separators before the appositive that is one noun phrase
    ("By contrast, Daniel Hamermesh, a labor economist, predicted"; "Smith, 45, a lawyer,
    said": a number is no subject)."""
    lo = past_dateline(toks, lo, k)  # "PARIS, Aug 31 (Reuters) - France's leader, X, voiced"
    bounds = [lo - 1, *(c for c in range(lo, k) if toks[c].text in sep)]
    for x in range(len(bounds) - 1, 0, -1):
        a, b = bounds[x - 1] + 1, bounds[x]
        sp = np_before(toks, b - 1, a) if b > a else None
        if (
            sp is not None
            and (
                sp[0] == a
                # modifiers the walk stopped at ("France's far-right party leader")
                or (toks[a].low not in NP_STOPS and toks[sp[0] - 1].low not in NP_STOPS)
                # a clause of its own opening with its subject ("..., while Mike Huckabee, the
                # former governor, proposed"), never a relative clause ("who led ... alongside X")
                or (sp[0] == a + 1 and (toks[a].low in SUBORDINATORS or toks[a].low in COORDINATORS))
            )
            and any(t.text[0].isalpha() for t in toks[sp[0] : b])
        ):
            return sp  # (modifiers the walk stops at may stand before it: "France's far-right")
    return None


def _bare_object(toks: list[Tok], a: int, b: int, hi: int) -> bool:
    """``toks[a:b]``, after a cue, is only its addressee up to the sentence end (``a Senate
    panel Wednesday``): short, running to the end, with no clause or quotation in it."""
    words = [t for t in toks[a:hi] if t.is_word]
    return (
        0 < len(words) <= MAX_ADDRESSEE_TOKENS
        and all(t.low not in NP_STOPS and t.low not in COMPLEMENTIZERS for t in words)
        and all(t.is_word or t.text in ".!?" for t in toks[a:hi])
    )


def _past_addressee(toks: list[Tok], a: int, b: int) -> tuple[int, int]:
    """Content ``toks[a:b]`` after a cue of telling, past the addressee and adjuncts the
    audience lexicon does not know ("told the Associated Press on Saturday that ..."): from
    its first "that" when only plain words come before it, else unchanged."""
    for x in range(a, min(b, a + MAX_TELL_GAP_TOKENS + 1)):
        t = toks[x]
        if t.low == "that":
            return (x, b) if x > a and x + 1 < b else (a, b)
        if not (t.is_word or (t.text == "." and abbrev_stop(toks, x))) or t.low in TELL_GAP_STOPS:
            break
    return a, b


def _lead_comma(toks: list[Tok], s: int, lo: int) -> int | None:
    """The comma opening a subject whose speaker span ``toks[s:]`` the noun-phrase walk cut
    short ("..., the news site RTL Info reported", "..., teachers and union officials
    said"): at most ``MAX_SUBJECT_LEAD_TOKENS`` plain words before ``s``, none a clause
    word (quote_np_stops.txt) but an inner "and"."""
    c = s - 1
    while c >= lo and s - c <= MAX_SUBJECT_LEAD_TOKENS and toks[c].is_word:
        if toks[c].low in NP_STOPS and toks[c].low != "and":
            return None
        c -= 1
    if c <= lo or toks[c].text != "," or c == s - 1 or toks[c + 1].low in COORDINATORS:
        return None
    return c


def _is_past_participle(tok: Tok) -> bool:
    return tok.low.endswith("ed") and not tok.is_cap


def _passive_subject(toks: list[Tok], i: int, lo: int) -> tuple[int, int] | None:
    """Token range of the subject of a passive cue (``X was criticized by``): the clause
    before its verb group (with a form of "be"), from the sentence start or the last comma."""
    k, passive = i - 1, False
    while k >= lo and (toks[k].low in BE_FORMS or toks[k].low in AUXILIARIES or toks[k].low in ADVERBS):
        passive = passive or toks[k].low in BE_FORMS
        k -= 1
    if not passive or k < lo or not toks[k].is_word or toks[k].low in COORDINATORS:
        return None  # "... next month but is threatened by ...": a second verb, no subject here
    start = next((c + 1 for c in range(k, lo - 1, -1) if toks[c].text == ","), lo)
    return (start, k + 1) if start <= k else None


def _in_subordinate(toks: list[Tok], lo: int, i: int) -> bool:
    """The cue at ``toks[i]`` lies in a sentence-opening subordinate clause ("While most voters
    say ..., the party ..."), before the comma that closes it."""
    k = lo
    while k < i and toks[k].low in _LEAD_WORDS:
        k += 1
    return k < i and toks[k].low in SUBORDINATORS and all(toks[x].text != "," for x in range(k, i))


def _in_relative(toks: list[Tok], lo: int, i: int) -> bool:
    """The cue at ``toks[i]`` opens a relative clause set off by a comma or dash ("Smith, who
    said ..., is ..."), which ends at its next comma or dash."""
    k = skip_back(toks, i - 1, lo)
    return (
        k > lo
        and toks[k].low in RELATIVE_PRONOUNS
        and (toks[k - 1].text == "," or toks[k - 1].text in DASHES)
    )


def _appositive_cut(para: Para, a: int, b: int) -> tuple[int, int]:
    """``[a, b)`` ended before ``, the ...`` / ``, a ...``: an appositive after a weak cue's object
    ("opposed the pact, the 12-country trade deal ...") is not part of the stance (train +11 units)."""
    toks = para.toks
    for c in range(a + 1, b - 1):
        if toks[c].text == "," and toks[c + 1].low in ARTICLES and not para.in_quote(toks[c].start):
            return a, c
    return a, b


def _object_cut(para: Para, a: int, b: int) -> tuple[int, int]:
    """``[a, b)`` ended with the object of an endorsement or opposition ("endorsed Jeb Bush for
    president"): before its first comma or dash, or a word of OBJECT_ENDS, outside quotation marks."""
    toks = para.toks
    for c in range(a + 1, b):
        t = toks[c]
        if (t.text == "," or t.text in DASHES or t.low in OBJECT_ENDS) and not para.in_quote(t.start):
            return a, c
    return a, b


def _clause_cut(para: Para, a: int, b: int) -> tuple[int, int]:
    """``[a, b)`` ended at its first comma outside quotation marks: the subordinate clause's end."""
    toks = para.toks
    for c in range(a + 1, b):
        if (toks[c].text == "," or toks[c].text in DASHES) and not para.in_quote(toks[c].start):
            return a, c
    return a, b


def _headline_colon(para: Para, lo: int, hi: int) -> tuple[tuple[int, int], tuple[int, int], int] | None:
    toks = para.toks
    for c in range(lo + 1, min(hi, lo + MAX_HEADLINE_SOURCE_TOKENS + 1)):
        if toks[c].text == ":":
            sp = np_before(toks, c - 1, lo)
            label = " ".join(t.low for t in toks[lo:c])
            if sp is not None and sp[0] == lo and c + 1 < hi and label not in LABEL_STOPS:
                return (c + 1, hi), sp, c
            if c + 1 < hi:
                sp = _headline_addressed(toks, lo, c)
                if sp is not None:
                    return (c + 1, hi), sp, c
            return None
    return None


def _headline_addressed(toks: list[Tok], lo: int, c: int) -> tuple[int, int] | None:
    """The speaker of a headline ``Clinton to Planned Parenthood: ...`` / ``Obama on Climate
    Change: ...``: the name before a preposition of address or topic (HEADLINE_TOPIC_WORDS),
    when only words follow it up to the colon at ``toks[c]`` and it is no newsroom label
    (``The Latest on ...``). PolNeAR train +2 units, dev +1."""
    for p in range(lo + 1, c - 1):
        if toks[p].low in HEADLINE_TOPIC_WORDS:
            sp = np_before(toks, p - 1, lo)
            label = " ".join(t.low for t in toks[lo:p])
            if (
                sp is not None
                and sp[0] == lo
                and label not in LABEL_STOPS
                and all(t.is_word for t in toks[p + 1 : c])
            ):
                return sp
            return None
    return None


def _through_quote(text: str, b: int, regions: list[QuoteRegion], reg_starts: list[int]) -> int:
    """Content end ``b`` carried to the close of a quotation it stops inside: indirect content
    never crosses a sentence, but a quotation it takes in may run on over several (``said the
    Trump "train may have left the station. I don't want ..."``); PolNeAR's content runs to
    the closing mark (PolNeAR train +25 units, direct content F1 0.906 -> 0.911). Only a
    quotation closed in its paragraph."""
    k = int_bisect_left(reg_starts, b) - 1
    if k < 0:
        return b
    r = regions[k]
    if not (r.closed and b < r.end) or text.find("\n", b, r.end) >= 0 or not text[b : r.end].strip(_TRAIL):
        return b  # (only the trailing punctuation _trim took off is left in it: kept off)
    return r.end


def _kind(text: str, a: int, b: int, regions: list[QuoteRegion], reg_starts: list[int]) -> str:
    """Indirect when no solid character (see :func:`etl.quote_direct.solid_chars`) of ``[a, b)``
    is quoted, direct when at most MAX_DIRECT_SLACK of them are not, else mixed."""
    k0 = max(0, int_bisect_right(reg_starts, a) - 1)
    # Solid characters are counted one by one, so the count over [a, b) is the quoted parts'
    # plus the gaps': when the parts do not overlap, only the gaps (an attribution, a few
    # words) are counted, up to the slack, and the quoted text (most of a direct quote) is
    # read up to its first solid character.
    inside = False
    at = a
    k = k0
    while k < len(regions) and regions[k].start < b:
        r = regions[k]
        if r.end > a:
            x = max(a, r.start)
            if x < at:
                return _kind_counted(text, a, b, regions, k0)  # overlapping regions
            at = min(b, r.end)
            inside = inside or _solid_count(text, x, at, 0) > 0
        k += 1
    if not inside:
        return "indirect"
    slack = 0
    at = a
    k = k0
    while k < len(regions) and regions[k].start < b and slack <= MAX_DIRECT_SLACK:
        r = regions[k]
        if r.end > a:
            slack += _solid_count(text, at, max(a, r.start), MAX_DIRECT_SLACK - slack)
            at = min(b, r.end)
        k += 1
    if slack <= MAX_DIRECT_SLACK:
        slack += _solid_count(text, at, b, MAX_DIRECT_SLACK - slack)
    return "direct" if slack <= MAX_DIRECT_SLACK else "mixed"


def _kind_counted(text: str, a: int, b: int, regions: list[QuoteRegion], k: int) -> str:
    """:func:`_kind` by whole counts (quoted regions that overlap)."""
    inside = 0
    while k < len(regions) and regions[k].start < b:
        r = regions[k]
        if r.end > a:
            inside += solid_chars(text, max(a, r.start), min(b, r.end))
        k += 1
    if not inside:
        return "indirect"
    return "direct" if solid_chars(text, a, b) - inside <= MAX_DIRECT_SLACK else "mixed"


def _solid_count(text: str, a: int, b: int, limit: int) -> int:
    """``solid_chars(text, a, b)``, or any number above ``limit`` once the count passes it: a
    typed loop over the characters (neither white space nor a quotation mark), which stops
    there. (Compiled, no slice, split, join or count per mark.)"""
    n = 0
    for k in range(a, b):
        c = ord(text[k])
        if c < 128:
            # ASCII white space (str.isspace's: 9-13, 28-32) and marks (" ' `)
            if 9 <= c <= 13 or 28 <= c <= 32 or c == 34 or c == 39 or c == 96:
                continue
        elif _wide_slot(c) == _SPACE_SLOT or c in _MARK_CODES:
            continue
        n += 1
        if n > limit:
            break
    return n


def _select(units: list[Unit]) -> list[Unit]:
    """Non-overlapping units, better-attributed first, returned in text order."""
    chosen: list[Unit] = []
    taken: list[tuple[int, int]] = []
    # Sorted by one int per unit standing for its (priority, start) pair, read by a C-level
    # key function: compiled, a lambda building a tuple per unit is a generic call and the
    # tuples compare generically. (Stable like the tuple sort, same order: offsets stay
    # below 2**_KEY_SHIFT.)
    keys = [(_PRIORITY[u.rank] << _KEY_SHIFT) + u.start for u in units]
    for x in sorted(range(len(units)), key=keys.__getitem__):
        u = units[x]
        # bisect_left of (u.start, u.end) over the pairs, as a typed loop (compiled: no
        # generic tuple comparisons)
        k, hi = 0, len(taken)
        while k < hi:
            mid = (k + hi) // 2
            ms, me = taken[mid]
            if ms < u.start or (ms == u.start and me < u.end):
                k = mid + 1
            else:
                hi = mid
        if k > 0 and taken[k - 1][1] > u.start:
            continue
        if k < len(taken) and taken[k][0] < u.end:
            continue
        taken.insert(k, (u.start, u.end))
        chosen.append(u)
    spans = [(u.start << _KEY_SHIFT) + u.end for u in chosen]
    return [chosen[x] for x in sorted(range(len(chosen)), key=spans.__getitem__)]


def _poll_lead(text: str, a: int, b: int, pi: int) -> Unit | None:
    """The unit of a sentence ``text[a:b]`` opening with its poll (``_POLL_LEAD``), or None."""
    if a >= b or text[a] not in _POLL_LEAD_INITIALS or not text.startswith(_POLL_LEAD_WORDS, a, b):
        return None  # most sentences: no regex call (and no startswith call, a generic one)
    if text.find("poll", a, b) < 0 and text.find("survey", a, b) < 0:
        return None  # the regex needs one of them: two native scans instead of its match
    m = _POLL_LEAD.match(text, a, b)
    if m is None:
        return None
    ca, cb = _trim(text, m.end(), b)
    if count_words(text, ca, cb, MAX_SHORT_CONTENT_TOKENS + 1) <= MAX_SHORT_CONTENT_TOKENS:
        return None  # "In the polls, anyway."
    return Unit(ca, cb, "indirect", m.span("cue"), m.span("src"), False, "indirect", pi)


def _indirect_in(
    para: Para,
    pi: int,
    in_title: bool,
    doc: Doc,
    regions: list[QuoteRegion],
    reg_starts: list[int],
    used_cues: set[int],
    units: list[Unit],
) -> None:
    """Step 3 on one paragraph (or one sentence of it): append its indirect and mixed quotes."""
    text = doc.text
    toks = para.toks
    for lo, hi in para.sents:
        if lo >= hi:
            continue
        title_case = in_title and is_title_case(toks[lo:hi])
        covered = -1  # content end of this sentence's last unit: cues inside it are nested
        nxt_free = lo
        if in_title:
            # "Gingrich: Trump Must Decide If He Wants ...": the colon's source owns the headline
            got_h = _headline_colon(para, lo, hi)
            if got_h is not None:
                (a, b), head_sp, c = got_h
                ca, cb = _trim(text, toks[a].start, toks[b - 1].end)
                if ca < cb:
                    cue = (toks[c].start, toks[c].end)
                    units.append(
                        Unit(ca, cb, "indirect", cue, token_span(toks, head_sp), False, "indirect", pi)
                    )
                    covered = cb
        for i in range(lo, hi):
            # a typed loop: compiled, the set lookup is native (compress/map over a bound
            # __contains__ went through generic calls per token)
            t = toks[i]
            if len(t.low) < _FIRST_MIN or t.low not in _FIRST_WORDS:
                continue
            if i < nxt_free or t.start in used_cues or t.start < covered or para.in_quote(t.start):
                continue
            if t.low in _IDIOMS_OF and _in_idiom(toks, i):
                continue
            n = match_cue(toks, i)
            gated = not n
            n = n or _gated_cue(toks, i, hi)
            if not n or _blocked(toks, i, n, hi):
                continue
            if i > lo and toks[i - 1].low in DETERMINERS and t.low.endswith("ed"):
                nxt_free = i + n
                continue  # "an emailed statement", "his reported net worth": an adjective
            got = _indirect_for_cue(para, i, n, lo, hi, units, title_case, in_title)
            if got is not None and got[0][0] >= i + n and toks[got[0][0]].low in CONTENT_BAD_STARTS:
                got = None  # "added to the picture", "shared with": the verb does not report here
            passive = i + n < hi and toks[i + n].low == "by"  # a passive's subject may be short
            if (
                got is not None
                and got[0][1] <= i
                and got[0][1] - got[0][0] <= MAX_SHORT_CONTENT_TOKENS
                and not passive
            ):
                got = None  # "Hardly, he said.": content before its cue this short is no statement
            if (
                got is not None
                and got[0][0] >= i + n
                and (_in_subordinate(toks, lo, i) or _in_relative(toks, lo, i))
            ):
                got = (_clause_cut(para, *got[0]), got[1])
            if got is not None and gated and not t.low.endswith(("ed", "ing")):
                # a noun or adjective ("criticism of"): the words before it modify it; a verb
                # form ("pledged to") keeps the subject found before it
                got = (got[0], _gated_speaker(para, i, lo, units))
            weak = got is not None and is_weak_cue(toks, i, n)
            if weak and got is not None and got[0][0] >= i + n:
                got = (_appositive_cut(para, *got[0]), got[1])
            if got is not None and got[0][0] >= i + n and t.low in TELL_CUES:
                got = (_past_addressee(toks, *got[0]), got[1])
            if got is not None and got[0][0] >= i + n and n == 1 and t.low in OBJECT_CUES:
                got = (_object_cut(para, *got[0]), got[1])
            if got is not None:
                (a, b), sp = got
                ca, cb = _trim(text, toks[a].start, toks[b - 1].end)
                if ca < cb:
                    cb = _through_quote(text, cb, regions, reg_starts)
                    kind = _kind(text, ca, cb, regions, reg_starts)
                    cue = (toks[i].start, toks[i + n - 1].end)
                    rank = "weak" if weak else "indirect"
                    units.append(Unit(ca, cb, kind, cue, token_span(toks, sp), False, rank, pi))
                    if ca > cue[0] and not weak:
                        covered = cb
            nxt_free = i + n


@mypyc_attr(acyclic=True)
class _Reader:
    """The document's paragraphs and sentences for the passes of :func:`find_quotes`: sentences
    become Paras of their own, tokenized on first use and kept.

    A class, not closures over ``find_quotes``' locals: compiled with mypyc, nested functions
    share an environment object that holds them, a reference cycle per call that only the cyclic
    collector frees (about a thousand objects per article, tokens included).
    """

    def __init__(self, doc: Doc, paras: list[Para], regions: list[QuoteRegion]) -> None:
        self.text = doc.text
        self.paras = paras
        self.para_starts = [p.start for p in paras]
        self.regions = regions
        # sentences as paragraphs of their own, tokenized on demand: direct attributions and
        # indirect quotes never cross a sentence, so text far from cues and marks is never tokenized
        self.sentences = doc.sentences
        self.sent_starts = [x.start for x in doc.sentences]
        self.sent_cache: dict[int, Para] = {}
        self.after_cache: dict[int, tuple[Attr, Para] | None] = {}

    def para_of(self, pos: int) -> int:
        return max(0, int_bisect_right(self.para_starts, pos) - 1)

    def sent_index(self, pos: int) -> int:
        return max(0, int_bisect_right(self.sent_starts, pos) - 1)

    def sent_para(self, pos: int) -> Para:
        return self.sent_para_at(self.sent_index(pos))

    def sent_para_at(self, k: int) -> Para:
        para = self.sent_cache.get(k)
        if para is None:
            x = self.sentences[k]
            whole = self.paras[self.para_of(x.start)]
            para = Para(self.text, x.start, x.end, [(x.start, x.end)], whole.barriers, whole.quoted)
            self.sent_cache[k] = para
        return para

    def tail_para(self, pos: int) -> Para:
        """The sentence holding ``pos``, from ``pos`` on when the sentence is not tokenized yet
        and white space before ``pos`` makes it a token start: an attribution after a closing
        mark reads only what follows it, so the quotation is not tokenized for it."""
        k = self.sent_index(pos)
        x = self.sentences[k]
        if k in self.sent_cache or not x.start < pos < x.end or not self.text[pos - 1].isspace():
            return self.sent_para(pos)
        whole = self.paras[self.para_of(x.start)]
        return Para(self.text, pos, x.end, [(pos, x.end)], whole.barriers, whole.quoted)

    def prev_sentence(self, pos: int) -> Para | None:
        """The paragraph before's last sentence, when ``pos`` opens its paragraph's first sentence."""
        k = self.sent_index(pos)
        if k == 0 or self.sentences[k - 1].paragraph == self.sentences[k].paragraph:
            return None
        return self.sent_para(self.sentences[k - 1].start)

    def after_of(self, k: int) -> tuple[Attr, Para] | None:
        """The attribution after quote region ``k`` (``"...," X said``), with the Para it was read in."""
        if k in self.after_cache:
            return self.after_cache[k]
        text, regions = self.text, self.regions
        reg = regions[k]
        whole = self.paras[self.para_of(reg.end)]
        limit = min(regions[k + 1].open_mark if k + 1 < len(regions) else whole.end, whole.end)
        pos = reg.after
        while pos < limit and text[pos].isspace():
            pos += 1
        found = None
        if pos < limit:
            # a short quoted title ('on CBS's "Face the Nation," X said the ...') is no
            # statement: a clause after the cue is X's, not the title's attribution
            short = count_words(text, reg.start, reg.end, MIN_STATEMENT_WORDS) < MIN_STATEMENT_WORDS
            ended = text[reg.end - 1] in ".!?"
            para = self.tail_para(pos)
            aft = attribution_after(para, pos, limit, ended or short)
            leads_on = aft is not None and k + 1 < len(regions) and limit < whole.end
            if aft is not None and leads_on and ended and not text[aft.gap_end : limit].strip(" \t,:"):
                aft = None  # '"A." Of B, X said, "C"': it introduces the next quote
            found = (aft, para) if aft is not None else None
        self.after_cache[k] = found
        return found


def find_quotes(doc: Doc) -> list[QuoteSpan]:
    """Quotes of the document in text order, without overlaps."""
    text = doc.text
    paras = paragraphs(doc)
    if not paras:
        return []
    regions = quote_regions(text, [(p.start, p.end) for p in paras])
    reg_starts = [r.start for r in regions]
    rd = _Reader(doc, paras, regions)

    units: list[Unit] = []
    used_cues: set[int] = set()
    grouped: set[int] = set()

    # step 2: direct quotes with an attribution, grouped
    r = 0
    while r < len(regions):
        pi = rd.para_of(regions[r].open_mark)
        short = (
            count_words(text, regions[r].start, regions[r].end, MIN_BARE_QUOTE_WORDS) < MIN_BARE_QUOTE_WORDS
        )
        open_para = rd.sent_para(regions[r].open_mark)
        prev_para = rd.prev_sentence(regions[r].open_mark)
        attr = attribution_before(open_para, regions[r].open_mark, units, short, prev_para)
        attr_para = open_para
        if attr is not None and attr.gap_end <= open_para.start and prev_para is not None:
            attr_para = prev_para
        before_attr = attr is not None
        last = r
        while True:
            got = rd.after_of(last)
            aft = got[0] if got is not None else None
            if got is not None:
                if attr is not None:
                    break
                attr, attr_para = got
            nxt = last + 1
            if nxt >= len(regions) or rd.para_of(regions[nxt].open_mark) != rd.para_of(regions[last].end):
                break
            if attr is not None and rd.after_of(nxt) is not None:
                break
            gap_start = aft.gap_end if aft is not None else regions[last].after
            gap = text[gap_start : regions[nxt].open_mark]
            if gap.strip(_GAP_PUNCT) and (aft is None or has_cue(text, gap_start, regions[nxt].open_mark)):
                break
            last = nxt
        if attr is not None:
            ts = attr_para.toks
            used_cues.add(ts[attr.cue[0]].start)
            start, end = regions[r].start, regions[best_prefix(text, regions, r, last)].end
            kind = "direct"
            lead = None if before_attr else clause_lead(open_para, regions[r].open_mark)
            if lead is not None:
                start, kind = lead, "mixed"  # 'The remarks were "a disgrace," he said.'
            units.append(
                Unit(
                    start,
                    end,
                    kind,
                    token_span(ts, attr.cue),
                    token_span(ts, attr.speaker),
                    False,
                    "attributed",
                    pi,
                )
            )
            grouped.update(range(r, last + 1))
        r = last + 1

    for reg in regions:
        for pj in range(rd.para_of(reg.start), rd.para_of(reg.end - 1) + 1):
            paras[pj].quoted.append((reg.start, reg.end))
    for u in units:
        paras[rd.para_of(u.start)].barriers.append(
            _attribution_start(text, u, _open_mark_of(regions, reg_starts, u.start))
        )
    for p in paras:
        p.barriers.sort()

    # step 3: indirect and mixed quotes from cues outside quotation marks
    # the paragraphs' sentences are doc.sentences in order: their indexes are counted, not
    # searched for
    next_sent = 0
    for pi, whole in enumerate(paras):
        si = next_sent
        next_sent += len(whole.spans)
        in_title = whole.start < doc.title_end
        if in_title:
            _indirect_in(whole, pi, True, doc, regions, reg_starts, used_cues, units)
            continue
        # (a label holds a colon: most paragraphs need no regex call)
        has_colon = text.find(":", whole.start, whole.end) >= 0
        label = _SPEAKER_LABEL.match(text, whole.start, whole.end) if has_colon else None
        if label is not None and label.group(1).lower() not in LABEL_STOPS:
            # a transcript turn "WALLACE: If I may, sir, ...": the rest of the paragraph is its content
            ca, cb = _trim(text, label.end(), whole.end)
            if ca < cb:
                kind = _kind(text, ca, cb, regions, reg_starts)
                cue = (label.end(1), label.end(1) + 1)
                units.append(Unit(ca, cb, kind, cue, (label.start(1), label.end(1)), False, "attributed", pi))
                continue
        for a, b in whole.spans:
            poll = _poll_lead(text, a, b, pi)
            if poll is not None:
                units.append(poll)
            # a sentence step 2 tokenized already has its candidates read off its tokens, not
            # searched for: the same answer for the indirect pass (see _free_cue_token)
            # (sent_index(a) unless a sentence after it starts at ``a`` too)
            k = si if si + 1 >= len(rd.sent_starts) or rd.sent_starts[si + 1] > a else rd.sent_index(a)
            si += 1
            seen = rd.sent_cache.get(k)
            if seen is not None and seen.start == a and seen.is_tokenized():
                free = _free_cue_token(seen, used_cues)
            else:
                free = _has_free_cue(text, a, b, used_cues, whole)
            if free:
                _indirect_in(rd.sent_para_at(k), pi, False, doc, regions, reg_starts, used_cues, units)

    # step 4: quoted statements attributed from context
    ordered = sorted(units, key=lambda u: u.start)
    starts = [u.start for u in ordered]
    for r, reg in enumerate(regions):
        if r in grouped:
            continue
        # (counted up to the larger bar: only the comparisons below read it)
        words = count_words(text, reg.start, reg.end, max(MIN_STATEMENT_WORDS, MIN_UNATTRIBUTED_WORDS))
        if words < MIN_STATEMENT_WORDS:
            continue
        pi = rd.para_of(reg.start)
        k = int_bisect_left(starts, reg.start) - 1
        carried = _carried_over(text, ordered, k, reg.open_mark, pi)
        if (words < MIN_UNATTRIBUTED_WORDS and carried is None) or not opens_statement(
            rd.sent_para(reg.open_mark), reg.open_mark
        ):
            continue
        if carried is not None:
            units.append(Unit(reg.start, reg.end, "direct", None, carried.speaker, True, "inherited", pi))
            continue
        c = k
        while c >= 0 and _relative_speaker(text, ordered[c]) and ordered[c].end <= reg.open_mark:
            c -= 1  # "said X, who wrote about it. "B."": B goes on from X's quote
        prev = _continued(text, ordered, c, reg.open_mark, pi)
        if prev is not None and _joins(text, prev, reg):
            prev.end = reg.end
            continue
        speaker = _next_speaker(ordered, k + 1, pi)
        while k >= 0 and speaker is None:
            u = ordered[k]
            if pi - u.para > INHERIT_MAX_PARAGRAPHS:
                break
            # a relative clause's unit ("said X, who wrote ...") names no one a later quote is from
            if u.speaker is not None and u.rank != "weak" and not _relative_speaker(text, u):
                speaker = u.speaker
                break
            k -= 1
        units.append(Unit(reg.start, reg.end, "direct", None, speaker, speaker is not None, "inherited", pi))

    return [
        QuoteSpan(u.start, u.end, u.kind, cue=u.cue, speaker=u.speaker, inherited=u.inherited)
        for u in _select(units)
    ]


def _continued(text: str, ordered: list[Unit], k: int, open_mark: int, pi: int) -> Unit | None:
    """The attributed direct quote that an unattributed quote at ``open_mark`` goes on from:
    ``"A," X said. "B."`` (B right after the attribution's sentence, at most
    ``MAX_CONTINUE_PARAGRAPHS`` on). PolNeAR makes A and B one unit (one content in two
    fragments); the span covers both, the attribution between them included."""
    while k >= 0 and ordered[k].end > open_mark:
        k -= 1
    if k < 0:
        return None
    u = ordered[k]
    if u.rank != "attributed" or u.kind != "direct" or u.cue is None or pi - u.para > MAX_CONTINUE_PARAGRAPHS:
        return None
    if not (u.end <= u.cue[0] and u.cue[1] <= open_mark):
        return None  # the attribution came before A: the group of step 2 already joined B
    if len(_SENTENCE_END.findall(text, u.end, open_mark)) > 1:
        return None
    return u


def _carried_over(text: str, ordered: list[Unit], k: int, open_mark: int, pi: int) -> Unit | None:
    """The speaker of a quote at ``open_mark`` that goes on from an attributed direct quote
    across the indirect unit its attribution holds: ``"A," X said, adding that C. "B."`` (B is
    X's: PolNeAR joins it to A or to C, and a short B is no scare quote there)."""
    while k >= 0 and ordered[k].end > open_mark:
        k -= 1
    if k < 1:
        return None
    c, a = ordered[k], ordered[k - 1]
    if c.kind == "direct" or c.rank not in ("attributed", "indirect") or c.speaker is None or c.para != pi:
        return None
    if a.kind != "direct" or a.rank != "attributed" or a.cue is None or a.speaker != c.speaker:
        return None
    if not (a.end <= a.cue[0] and a.cue[1] <= c.start):
        return None  # the attribution came before A
    ends = _SENTENCE_END.findall(text, c.end, open_mark)
    if _SENTENCE_END.search(text, a.cue[1], c.start) or len(ends) > 1:
        return None
    return c


def _joins(text: str, u: Unit, reg: QuoteRegion) -> bool:
    """One span over ``u`` and the quote ``reg`` after it is at least half quoted text: PolNeAR
    content leaves the attribution between them out, so a span over a long one ('said X, a lawyer
    for Y, who has been ...') would hardly overlap it (PolNeAR train: joining regardless, or only
    when the span beats the larger part alone, both score lower)."""
    a = solid_chars(text, u.start, u.end)
    b = solid_chars(text, reg.start, reg.end)
    gap = solid_chars(text, u.end, reg.start)
    return gap <= a + b


def _relative_speaker(text: str, u: Unit) -> bool:
    """The unit's speaker is a relative pronoun: its clause is an aside about someone named
    before it, whose quotation goes on after it."""
    sp = u.speaker
    return sp is not None and text[sp[0] : sp[1]].lower() in _RELATIVE_SPEAKERS


def _next_speaker(ordered: list[Unit], k: int, pi: int) -> Span | None:
    """Speaker of the next attributed direct quote of paragraph ``pi`` (from ``ordered[k]`` on):
    a quote followed in its paragraph by ``"...," X said`` is X's more often than the last
    speaker's (PolNeAR train: half of the wrongly inherited speakers were attributed later)."""
    while k < len(ordered) and ordered[k].para == pi:
        u = ordered[k]
        if u.rank == "attributed" and u.speaker is not None:
            return u.speaker
        k += 1
    return None


def _attribution_start(text: str, u: Unit, open_mark: int) -> int:
    """Where the attributed direct quote ``u`` begins for content before it: its opening mark,
    or the start of its attribution when that comes first in its sentence ('X praised them but
    said, "..."'; '..., saying, "..."'), with the speaker right before the cue ('... and Y said:
    "..."'). The content of an earlier cue stops there: gold contents never hold a cue."""
    if u.cue is None or u.cue[1] > open_mark or _SENTENCE_END.search(text, u.cue[1], open_mark):
        return open_mark
    start = u.cue[0]
    sp = u.speaker
    if sp is not None and sp[1] <= start and not text[sp[1] : start].strip():
        start = sp[0]
    return start


def _open_mark_of(regions: list[QuoteRegion], reg_starts: list[int], start: int) -> int:
    k = int_bisect_left(reg_starts, start)
    return regions[k].open_mark if k < len(regions) and regions[k].start == start else start


def _limit(regions: list[QuoteRegion], k: int, para: Para) -> int:
    return min(regions[k].open_mark, para.end) if k < len(regions) else para.end
