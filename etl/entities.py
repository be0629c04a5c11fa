"""Actors of an article: persons, organizations and countries, with their mentions.

Steps of :func:`find_entities`, each linear in the text:

1. Lexicon hits: country names, capitals and demonyms (:mod:`etl.countries`),
   seats of government and news outlets.
2. Capitalized runs per sentence (:mod:`etl.names`): a run ending in an
   organization word is an organization (``Supreme National Security Council``,
   ``Ministry of Commerce``, acronym from a following ``(SNSC)``); otherwise its
   leading title, honorific and country words are split off and the rest is a
   person when something vouches for it: a title or honorific, a known first
   name, an apposition (:mod:`etl.titles`), a possessive country before it, or an
   act verb after it (:mod:`etl.acts`). Bylines are skipped.
3. Name mentions merge into persons (:mod:`etl.people`): the same first and
   last word, or a lone last (family-name-first: first) word.
4. Descriptions, pronouns and groups (:mod:`etl.coref`) join the persons they
   refer to; a description may fill a missing title or country (``the British
   prime minister``); weaker evidence fills the remaining countries
   (:mod:`etl.nationality`).
5. ``acts`` from the mentions outside quotations that are subjects of act
   verbs (:mod:`etl.acts`); :class:`etl.entity_index.EntityIndex` answers
   ``resolve`` and ``entities_in``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from etl import acts as act_rules
from etl import coref
from etl.articles import find_dateline
from etl.chars import word_char
from etl.countries import (
    canonical_names,
    code_of,
    country_table,
    find_countries,
    find_phrases,
    multiword_subdivisions,
    phrase_heads,
    with_bare_forms,
)
from etl.doc import Doc, Entity, Mention
from etl.entity_index import EntityIndex, entity_key, is_media
from etl.lexicons import load_map, load_set
from etl.names import (
    FEMALE_HONORIFICS,
    HONORIFICS,
    LOCATIVE,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    STOP_NAMES,
    Token,
    first_name_gender,
    is_first_name,
    is_initial,
    runs,
    tokenize_caps,
)
from etl.nationality import Nationality, home_state
from etl.people import People
from etl.quote_marks import int_bisect_left, int_bisect_right
from etl.quotemarks import QuoteMap, quoted_spans
from etl.sentences import paragraphs
from etl.titles import Tag, TitleInfo, title_after, title_before

__all__: Final = ["EntityIndex", "entity_key", "find_entities"]

ORG_WORDS: Final = load_set("org_words")
PLACE_WORDS: Final = load_map("place_words")
CITIES: Final = load_map("cities")
# words that make a run a place when they open it ("Lake ...") or end it ("... Strip")
_LEAD_PLACE_WORDS: Final = frozenset(w for w, roles in PLACE_WORDS.items() if "lead" in roles)
_HEAD_PLACE_WORDS: Final = frozenset(w for w, roles in PLACE_WORDS.items() if "head" in roles)
MEDIA_WORDS: Final = load_set("media_words")
MEDIA: Final = load_set("media")
_INSTITUTION_ROWS: Final = {k: v.split("\t") for k, v in load_map("institutions").items()}
INSTITUTIONS: Final = {k: None if v[0] == "-" else v[0] for k, v in _INSTITUTION_ROWS.items()}
INSTITUTION_NOUNS: Final = {k: v[-1] for k, v in _INSTITUTION_ROWS.items()}
_LEX_NAMES: Final = frozenset(INSTITUTIONS) | MEDIA
_ACRONYM_AFTER: Final = re.compile(r"\s*\((?P<acr>[A-Z][A-Za-z]?[A-Z][A-Z\-]{0,8})\)")
_OF_EXTENSION: Final = re.compile(
    r" of (?:the )?(?:[A-Z][\w'’\-]*)(?: (?:of |and )?(?:the )?[A-Z][\w'’\-]*)*"
)
# A credit line names the article's reporters: "By Kim Eun-jung", "Reporting by ...".
# Each branch needs "By" or one of CREDIT_WORDS ("reporting" and "Reporting" share the first).
CREDIT_WORDS: Final = ("porting", "Editing", "Writing")
CREDIT_WORD_LENGTH: Final = 7
assert all(len(w) == CREDIT_WORD_LENGTH for w in CREDIT_WORDS)
_BYLINE: Final = re.compile(
    r"(?:\bBy\s+$|(?:Reporting|Editing|Writing|reporting)\s+by\b.*$|;\s*Editing\s+by\b.*$)"
)
# A lower-case word of its own in the body; _lower_word_in tests it with string search.
_LOWER_WORD: Final = re.compile(r"(?<![\w.])[a-z]+(?![\w])")
_LOWER_LETTERS: Final = re.compile(r"[a-z]+")
# A state's body in lower case after its name or capital ("China's foreign ministry").
_STATE_BODY: Final = re.compile(
    r"(?P<state>[A-Z][\w.]*(?: [A-Z][\w.]*){0,2})['’]s (?P<body>(?:(?:foreign|defen[cs]e|interior|finance|"
    r"trade|economy|health|justice|unification|intelligence|state|national)\s+){1,2}(?:ministry|agency))\b"
)
# Words stripped from the front of an organization's run ("The Democratic National Committee").
_ORG_LEAD_STRIP: Final = frozenset(
    {"The", "A", "An", "But", "And", "In", "On", "At", "For", "From", "With", "By", "As", "Of", "To", "After"}
)
# Title modifiers that do go before a bare name ("Former Donald Trump" is no place).
_PERSON_MODIFIERS: Final = frozenset({"former", "then", "acting", "interim", "late"})
# A lone capitalized word right after these is a place ("Senator McConnell of Kentucky").
_PLACE_PREPOSITIONS: Final = frozenset({"of", "in", "from", "at"})
PARTICLE_LENGTH: Final = max(len(p) for p in NAME_PARTICLES)


# _Sent and _Cand are plain slotted classes, not dataclasses: compiled with mypyc a
# dataclass keeps the interpreted ``__init__`` its decorator generates.
class _Sent:
    __slots__ = ("end", "start", "tags", "toks")

    def __init__(self, start: int, end: int, toks: list[Token], tags: dict[int, Tag]) -> None:
        self.start = start
        self.end = end
        self.toks = toks
        self.tags = tags


class _Cand:
    """A person name found in a run, before names are merged."""

    __slots__ = ("core", "end", "evidence", "female", "info", "quoted", "sent", "start", "tok", "words")

    def __init__(
        self,
        start: int,
        end: int,
        words: list[str],
        core: list[str],  # _core(words), read for sorting and matching
        sent: int,
        tok: int,  # index of its first token in the sentence
        evidence: bool,
        quoted: bool,
        info: TitleInfo,
        female: bool | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.words = words
        self.core = core
        self.sent = sent
        self.tok = tok
        self.evidence = evidence
        self.quoted = quoted
        self.info = info
        self.female = female


class _Builder:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        end = doc.body_end if doc.body_end else len(doc.text)
        paras = paragraphs(self.text, 0, end)
        self.quotes = QuoteMap(quoted_spans(self.text, paras))
        self.entities: list[Entity] = []
        self.people = People()
        self.orgs: dict[str, int] = {}
        self.acronyms: dict[str, int] = {}
        self.countries: dict[str, int] = {}
        self.sents: list[_Sent] = []
        self.proper: set[str] = set()
        self.cands: list[_Cand] = []
        self.singles: list[tuple[int, int, str, int, bool]] = []  # start, end, word, sent, quoted
        self.media_spans: list[tuple[int, int]] = []
        self.mention_keys: set[tuple[int, int, int]] = set()
        self.person_words: set[str] = set()
        self.after_memo: act_rules.AfterMemo = {}
        # offsets of the words _BYLINE needs ("Reporting", "Editing", ...) and of each "By":
        # found once per article, for _byline to look up
        self._credit_at = sorted(at for word in CREDIT_WORDS for at in _find_all(self.text, word))
        self._by_at = _find_all(self.text, "By")
        # offsets of the nouns _STATE_BODY ends with (a match needs one inside its sentence)
        self._ministry_at = _find_all(self.text, "ministry")
        self._agency_at = _find_all(self.text, "agency")
        self._lower_words: dict[str, bool] = {}
        self.place_names = _place_names()

    # -- step 1 and 2 -----------------------------------------------------------------
    def scan(self) -> None:
        text = self.text
        proper = self.proper
        keys = _lexicon_keys()
        for s in self.doc.sentences:
            caps: list[tuple[int, int]] = []
            toks, keyed = tokenize_caps(text, s.start, s.end, keys, caps)
            sent = _Sent(s.start, s.end, toks, {})
            self.sents.append(sent)
            for k in range(1, len(toks)):
                t = toks[k]
                if t.cap:
                    proper.add(t.text)
            self._tag_lexicons(sent, caps, keyed)
        for si, sent in enumerate(self.sents):
            self._scan_sentence(si, sent)

    def _tag_lexicons(self, sent: _Sent, caps: list[tuple[int, int]], keyed: bool) -> None:
        """Tags the sentence's states, seats of government and outlets; ``caps`` are the spans
        of its capitalized words and ``keyed`` whether one of them can open a lexicon key
        (:func:`etl.names.tokenize_caps`)."""
        text = self.text
        words: list[tuple[int, int]] | None = caps
        if _spaced(text, sent.start, sent.end):
            # most sentences have no word that can open a state, seat of government or outlet,
            # and need no lexicon pass of their own
            if not keyed:
                return
        else:
            words = None  # a run-on cut inside a word: read the sentence itself
        table, longest, heads = _lexicon_table()
        hits = find_phrases(text, sent.start, sent.end, table, longest, heads, words)
        if not hits:
            return  # most sentences name no state or outlet: skip building the offsets
        starts = [t.start for t in sent.toks]
        for a, b in hits:
            kind, code = table[self.text[a:b]]
            for i in range(int_bisect_left(starts, a), len(starts)):
                if sent.toks[i].start >= b:
                    break
                sent.tags[i] = Tag(kind, code, a, b)

    def _scan_sentence(self, si: int, sent: _Sent) -> None:
        toks, text = sent.toks, self.text
        rest: list[tuple[int, int]] = []
        # organizations first: a person's apposition may name one further on
        for i, j in runs(text, toks):
            # leading words that only open the sentence ("Hanwha Aerospace said" keeps its first)
            org_run = toks[j - 1].text in ORG_WORDS and j - i > 1
            while i < j and (toks[i].text in _ORG_LEAD_STRIP if org_run else self._not_a_name_start(sent, i)):
                i += 1
            if i < j and self._place(sent, i, j):
                continue
            if i < j and not self._organization(si, sent, i, j):
                rest.append((i, j))
        for i, j in rest:
            self._person_or_place(si, sent, i, j)
        self._state_bodies(si, sent)
        self._country_mentions(si, sent)

    def _state_bodies(self, si: int, sent: _Sent) -> None:
        """``Seoul's foreign ministry said``: a state's body named in lower case."""
        text = self.text
        # the pattern tries every capital of the sentence: first make sure its noun is there
        # (the nouns' offsets are found once per article: most sentences have neither)
        if not _occurs_in(self._ministry_at, len("ministry"), sent.start, sent.end) and not _occurs_in(
            self._agency_at, len("agency"), sent.start, sent.end
        ):
            return
        table = country_table()
        for m in _STATE_BODY.finditer(text, sent.start, sent.end):
            hit = table.get(m.group("state"))
            if hit is None:
                continue
            name = " ".join(w.capitalize() for w in m.group("body").split())
            self._add_org(name, hit[0], m.start("body"), m.end("body"), si, "name")

    def _place(self, sent: _Sent, i: int, j: int) -> bool:
        """``Camp David``, ``Gaza Strip``, ``Abraham Accords``, a listed city: no person, no body."""
        toks, tags = sent.toks, sent.tags
        if tags:
            for k in range(i, j):
                if k in tags:
                    return False  # a state, a seat of government or an outlet is read as such
        # (a lone word's span is its text: the tokenizer's cached string, whose hash is kept)
        name = toks[i].text if j - i == 1 else self.text[toks[i].start : toks[j - 1].end]
        if name in self.place_names:
            return True
        return j - i > 1 and (toks[i].text in _LEAD_PLACE_WORDS or toks[j - 1].text in _HEAD_PLACE_WORDS)

    def _not_a_name_start(self, sent: _Sent, i: int) -> bool:
        """A run's leading word that opens no name: a stop word, or the sentence's first word when
        nothing vouches for it (a lexicon tag, a given name, a title, a name word after it, its
        capital in mid-sentence elsewhere)."""
        t = sent.toks[i]
        if t.text in STOP_NAMES and not t.poss:
            return True
        if t.start == sent.start:
            if i in sent.tags or is_first_name(t.text) or t.kind or t.text in HONORIFICS:
                return False
            nxt = sent.toks[i + 1] if i + 1 < len(sent.toks) else None
            if (
                nxt is not None
                and nxt.cap
                and self.text[t.end : nxt.start] == " "
                and not (nxt.kind or nxt.text in HONORIFICS or nxt.text in STOP_NAMES)
                and not self._lowercase_elsewhere(t.text)
            ):
                return False  # "Goldman Sachs said", "Camp David hosted": the run is one name
            return t.text not in self.proper and not t.allcaps
        return False

    def _organization(self, si: int, sent: _Sent, i: int, j: int) -> bool:
        toks, text = sent.toks, self.text
        if sent.tags:  # (most sentences have no tag: then no run is all lexicon words)
            lex = [sent.tags.get(k) for k in range(i, j)]
            if all(tg is not None and tg.kind in ("institution", "media") for tg in lex) and lex:
                tag = lex[0]
                assert tag is not None
                self._add_org(text[tag.start : tag.end], tag.code, tag.start, tag.end, si, "name")
                return True
        last = toks[j - 1]
        if last.text not in ORG_WORDS and last.text not in MEDIA_WORDS:
            return False
        if j - i == 1 and last.text in ORG_WORDS and not last.poss:
            # a bare "Council" or "Ministry" names nothing unless "of ..." follows
            ext = _OF_EXTENSION.match(text, last.end)
            if not ext:
                return False
        while i < j - 1 and toks[i].text in ("The",):
            i += 1
        start, end = toks[i].start, last.end
        code = None
        for k in range(i, j):
            tg = sent.tags.get(k)
            if tg is not None and tg.kind in ("country", "demonym", "capital"):
                code = code or tg.code
        if not last.poss:
            ext = _OF_EXTENSION.match(text, end, sent.end)
            if ext:
                end = ext.end()
                hits = find_countries(text, ext.start(), end)
                if hits:
                    code = code or hits[-1].code
        if i > 0 and toks[i - 1].poss:
            tg = sent.tags.get(i - 1)
            if tg is not None and tg.kind in ("country", "capital"):
                code = code or tg.code
        name = text[start:end]
        acr = _ACRONYM_AFTER.match(text, end)
        idx = self._add_org(name, code, start, end, si, "name")
        for k in range(i, len(toks)):
            if toks[k].start >= end:
                break
            sent.tags[k] = Tag("org", code, start, end)
        if acr and idx is not None:
            self.acronyms[acr.group("acr")] = idx
            self._mention(idx, acr.start("acr"), acr.end("acr"), "acronym", si)
        return True

    def _add_org(self, name: str, code: str | None, start: int, end: int, si: int, form: str) -> int | None:
        if is_media(name):
            # a news outlet reports the story: no actor, and no speaker to resolve to
            self.media_spans.append((start, end))
            return None
        key = entity_key(name.removeprefix("the ").removeprefix("The "))
        idx = self.orgs.get(key)
        if idx is None:
            idx = len(self.entities)
            self.entities.append(Entity(name=name.removeprefix("The "), kind="organization", country=code))
            self.orgs[key] = idx
        elif code and not self.entities[idx].country:
            self.entities[idx].country = code
        self._mention(idx, start, end, form, si)
        return idx

    def _person_or_place(self, si: int, sent: _Sent, i: int, j: int) -> None:
        toks, text = sent.toks, self.text
        honor = None
        k = i
        while k < j:
            t = toks[k]
            tg = sent.tags.get(k)
            if t.text in HONORIFICS:
                honor = t.text
            elif tg is not None and tg.kind in ("country", "demonym", "capital", "institution", "media"):
                if t.poss or k == j - 1:
                    break
            elif not t.kind:  # (Token.kind is titles.kind's answer, "" for None)
                break
            k += 1
        continues_title = i > 0 and (toks[i - 1].lower == "of" or toks[i - 1].kind != "")
        if (
            k > i
            and not honor
            and not continues_title
            and all(toks[x].kind == "mod" and toks[x].lower not in _PERSON_MODIFIERS for x in range(i, k))
        ):
            k = i  # "New Hampshire", "National Guard": modifiers with no role word are part of the name
        # "House Speaker Newt Gingrich", "Lt. Gen. Michael Flynn": the name starts after the last title word
        for x in range(j - 2, k - 1, -1):
            if (
                toks[x].kind in ("head", "fhead", "generic")
                and not is_first_name(toks[x].text)
                and any(toks[y].text not in NAME_SUFFIXES for y in range(x + 1, j))
            ):
                k = x + 1
                break
        while k < j and (toks[k].text in ORG_WORDS or toks[k].text in MEDIA_WORDS):
            k += 1
        if k >= j:
            return
        # the name: capitalized words up to a stop word, a lexicon word or a title word
        headline = sent.start < self.doc.title_end
        e = k
        while e < j:
            t = toks[e]
            if e > k and (sent.tags.get(e) is not None or (t.text in STOP_NAMES and t.text != "May")):
                break
            if e > k and headline and (self._lowercase_elsewhere(t.text) or act_rules.is_act_verb(t.text)):
                break  # "Hillary Clinton Was Headed ...", "Maher Tells ...": a Title Case headline
            if t.allcaps and len(t.text) > 2 and not is_initial(t):
                break
            e += 1
            if t.poss:
                break
        if e == k:
            return
        tags = sent.tags
        if tags and any(x in tags for x in range(k, e)):
            self._acronym_use(si, sent, k, e)
            return
        words = [toks[x].text for x in range(k, e)]
        # the hyphen test first: few names have one, and the compound test splits and looks up
        if (
            text.find("-", toks[k].start, toks[e - 1].end) >= 0
            and any("-" in w and _country_compound(w) for w in words)
        ) or (e - k == 1 and words[0] in ORG_WORDS):
            return
        if toks[k].allcaps and e - k == 1:
            self._acronym_use(si, sent, k, e)
            return
        if self._byline(toks[k].start):
            return
        start, end = toks[k].start, toks[e - 1].end
        quoted = self.quotes.inside(start)
        info = title_before(text, toks, k, sent.tags)
        if (
            len(words) == 1
            and not honor
            and not info.title
            and k > 0
            and toks[k - 1].lower in _PLACE_PREPOSITIONS
        ):
            # "McConnell of Kentucky": a place, unless it is a known person's name ("visit of Aliyev")
            self.singles.append((start, end, words[0], si, quoted))
            return
        if not info.title:
            after = title_after(text, toks, e, sent.tags, sent.end)
            if after.title:
                info = after
            elif after.country and not info.country:
                info.country = after.country
        if info.country is None:
            info.country = self._of_country(sent, e)
        vouched = bool(
            honor
            or info.title
            or info.relation
            # a lone given name ("Orlando", "Hunter") is more often a place or a word than a person
            or (len(words) > 1 and is_first_name(words[0]))
            or (len(words) > 1 and self._possessive_country_before(sent, k))
        )
        subject = False
        # the verb after the name is read only where it decides something: the evidence, or a
        # lone word's standing as a person word (the regex is the dearest test here)
        if not vouched or (len(words) == 1 and not honor):
            verb = (
                None
                if quoted or words[0] in STOP_NAMES
                else act_rules.act_verb_after(text, end, sent.end, memo=self.after_memo)
            )
            # a lone word is a person only as the subject of a finite verb ("Kishida announced"),
            # not of a participle ("Additional reporting by ...")
            subject = verb is not None and (len(words) > 1 or not verb.endswith("ing"))
        evidence = vouched or subject
        female: bool | None = None
        if honor:
            female = honor in FEMALE_HONORIFICS
        elif info.female:
            female = True
        else:
            gender = first_name_gender(words[0])
            if gender in ("m", "f"):
                female = gender == "f"
        core = _core(words)
        if len(core) >= 2 or evidence:
            self.cands.append(_Cand(start, end, words, core, si, k, evidence, quoted, info, female))
        elif len(words) == 1:
            self.singles.append((start, end, words[0], si, quoted))
        if len(words) == 1 and (honor or subject):
            self.person_words.add(words[0])

    def _acronym_use(self, si: int, sent: _Sent, k: int, e: int) -> None:
        t = sent.toks[k]
        if e - k == 1 and t.text in self.acronyms:
            self._mention(self.acronyms[t.text], t.start, t.end, "acronym", si)

    def _byline(self, start: int) -> bool:
        marks = self._credit_at
        if not marks and not self._by_at:
            return False  # no credit word or "By" anywhere: most articles have no credit line
        text = self.text
        a = max(text.rfind("\n", max(0, start - 200), start) + 1, start - 200)
        # what each branch of _BYLINE needs before it can match in text[a:start], looked up in
        # the offsets of its words: most names have none of them before them, and the search
        # would try every offset of the window
        at = int_bisect_left(marks, a)
        needs_search = at < len(marks) and marks[at] + CREDIT_WORD_LENGTH <= start
        if not needs_search:
            by = self._by_at
            at = int_bisect_right(by, start - 2) - 1  # the last "By" that ends by start
            needs_search = at >= 0 and by[at] >= a and text[by[at] + 2 : start].isspace()
        return needs_search and bool(_BYLINE.search(text, a, start))

    def _possessive_country_before(self, sent: _Sent, k: int) -> bool:
        if k == 0 or not sent.toks[k - 1].poss:
            return False
        tg = sent.tags.get(k - 1)
        return tg is not None and tg.kind in ("country",)

    def _of_country(self, sent: _Sent, e: int) -> str | None:
        """``President Yoon Suk Yeol of the Republic of Korea``: the country right after the name."""
        toks = sent.toks
        if e < len(toks) and toks[e].lower == "of":
            nxt = e + 1
            if nxt < len(toks) and toks[nxt].lower == "the":
                nxt += 1
            tg = sent.tags.get(nxt)
            if tg is not None and tg.kind == "country":
                return tg.code
        return None

    def _country_mentions(self, si: int, sent: _Sent) -> None:
        if not sent.tags:
            return  # most sentences name no state
        seen: set[int] = set()
        toks, text = sent.toks, self.text
        for k, tg in sorted(sent.tags.items()):
            if tg.kind not in ("country", "capital", "demonym") or tg.start in seen:
                continue
            seen.add(tg.start)
            adjective = tg.kind == "demonym" and not _plural_demonym(text, tg)
            before = text[max(sent.start, tg.start - 1) : tg.start]
            after = text[tg.end : tg.end + 1]
            if before == "-" or after == "-":
                continue  # "Tehran-Baku ties", "U.S.-ROK Alliance": a modifier, not the state
            n = k + 1
            while n < len(toks) and toks[n].start < tg.end:
                n += 1
            last = toks[n - 1]
            nxt = toks[n] if n < len(toks) else None
            if (
                not last.poss
                and nxt is not None
                and (nxt.cap or nxt.kind != "")
                and text[last.end : nxt.start] == " "
                and tg.kind != "demonym"
            ):
                continue  # "US President", "U.S. president", "Korea Herald": part of a longer name
            if tg.kind == "capital" and k > 0 and toks[k - 1].lower in LOCATIVE:
                continue
            if adjective and (nxt is None or nxt.cap or nxt.kind != "" or last.poss):
                # "Azerbaijani President", "The Azeri president": the person's, not a mention of
                # the state; "Russian officials", "Chinese firms" stay (form demonym)
                continue
            form = "name" if tg.kind == "country" else tg.kind
            self._country(tg.code, tg.start, tg.end, form, si, text[tg.start : tg.end])

    def _country(self, code: str | None, start: int, end: int, form: str, si: int, surface: str) -> None:
        if code is None:
            return
        idx = self.countries.get(code)
        if idx is None:
            idx = len(self.entities)
            self.entities.append(Entity(name=canonical_names().get(code, code), kind="country", country=code))
            self.countries[code] = idx
        self._mention(idx, start, end, form, si)

    def _mention(self, idx: int, start: int, end: int, form: str, si: int) -> None:
        if (idx, start, end) in self.mention_keys:
            return
        self.mention_keys.add((idx, start, end))
        self.entities[idx].mentions.append(Mention(start, end, form))

    # -- step 3 ------------------------------------------------------------------------
    def merge_people(self) -> None:
        # full names first, so that a headline's lone "Shamkhani" finds "Ali Shamkhani"
        # (candidates in a credit line were never made: _person_or_place tests it first)
        for c in _full_names_first(self.cands, len(self.text) + 1):
            core = c.core
            if not core:
                continue
            pid = self.people.match_full(core) if len(core) >= 2 else None
            if pid is None and len(core) == 1:
                pid = self.people.match_short(core[0], c.start)
            if pid is None:
                if not c.evidence and len(core) >= 2 and not self._multiword_person(c):
                    continue
                if not c.evidence and len(core) < 2:
                    continue
                pid = self.people.new(core)
            self.people.add_name(pid, c.start, c.end, core, c.quoted, c.sent)
            self.people.add_info(pid, c.info, c.female, c.quoted)
        for start, end, word, si, quoted in self.singles:
            pid = self.people.match_short(word, start)
            if pid is not None:
                self.people.add_name(pid, start, end, [word], quoted, si)

    def _multiword_person(self, c: _Cand) -> bool:
        """No title or first name vouches for it: a person only if its last word stands alone as
        one (``Mr Haltzel``, ``Haltzel said``)."""
        return c.words[-1] in self.person_words

    def _lowercase_elsewhere(self, word: str) -> bool:
        """The word also stands in lower case in the body, as a word of its own (_LOWER_WORD)."""
        low = word.lower()
        found = self._lower_words.get(low)
        if found is None:
            # a few words per article are asked about: finding each is cheaper than listing
            # every lower-case word of the body
            end = self.doc.body_end or len(self.text)
            found = self._lower_words[low] = _lower_word_in(self.text, low, self.doc.body_start, end)
        return found and not is_first_name(word)

    def finish(self) -> EntityIndex:
        people_idx = self.people.to_entities(self.text, self.entities)
        # (built once: each step reads the same spans and tokens)
        spans_of_sents = self.sents_spans()
        sent_tokens = self.sents_tokens()
        resolver = coref.Resolver(
            self.text, spans_of_sents, self.quotes, self.entities, people_idx, self.after_memo
        )
        resolver.add_title_mentions(self.people)
        resolver.find_descriptions(sent_tokens, self.countries, self.orgs, self.acronyms)
        resolver.find_org_descriptions(sent_tokens, INSTITUTION_NOUNS)
        resolver.find_pronouns(sent_tokens)
        doc = self.doc
        dateline = doc.dateline if doc.dateline_known else find_dateline(self.text, doc.body_start)
        home = home_state(self.text, dateline)
        nationality = Nationality(self.text, spans_of_sents, self.quotes, self.entities, home)
        owners = {
            people_idx[pid]: p.owner
            for pid, p in enumerate(self.people.people)
            if p.owner and pid in people_idx
        }
        nationality.inherit_from_owners(owners)
        nationality.fill()
        self._set_acts()
        self._name_countries()
        # the spans in (start, end, entity) order, entity -1 for none: each as the int
        # (start * (n + 1) + end) * (len(entities) + 1) + entity + 1, which sorts as the triple
        # does (end <= n, entity < len(entities)), natively and with no tuple per mention
        n1 = len(self.text) + 1
        k1 = len(self.entities) + 1
        order: list[int] = []
        for i, e in enumerate(self.entities):
            if not _in_text_order(e.mentions):  # (most are found in order)
                _sort_mentions(e.mentions, n1)
            for m in e.mentions:
                order.append((m.start * n1 + m.end) * k1 + i + 1)
        for a, b in resolver.anonymous:
            order.append((a * n1 + b) * k1)
        for a, b in self.media_spans:
            order.append((a * n1 + b) * k1)
        order.sort()
        # every entity was created with a mention, so indices need no remapping
        return EntityIndex(self.entities, order, resolver, n1, k1)

    def sents_spans(self) -> list[tuple[int, int]]:
        return [(s.start, s.end) for s in self.sents]

    def sents_tokens(self) -> list[tuple[int, int, list[Token], dict[int, Tag]]]:
        return [(s.start, s.end, s.toks, s.tags) for s in self.sents]

    def _set_acts(self) -> None:
        text = self.text
        sent_starts = [s.start for s in self.sents]
        for e in self.entities:
            if e.kind == "organization" and is_media(e.name):
                continue
            for m in e.mentions:
                if m.form == "demonym" and e.kind == "country" and not _plural_demonym_at(text, m):
                    continue
                if self.quotes.inside(m.start):
                    continue
                si = int_bisect_right(sent_starts, m.start) - 1
                if si < 0:
                    continue
                s = self.sents[si]
                if act_rules.mention_acts(text, m.start, m.end, s.start, s.end, self.after_memo):
                    e.acts = True
                    break

    def _name_countries(self) -> None:
        for code, idx in self.countries.items():
            e = self.entities[idx]
            counts: dict[str, int] = {}
            for m in e.mentions:
                if m.form != "name":
                    continue
                s = self.text[m.start : m.end]
                if s.isupper() or "." in s:
                    continue
                counts[s] = counts.get(s, 0) + 1
            if counts:
                e.name = max(counts, key=lambda s: counts[s])
            else:
                e.name = canonical_names().get(code, e.name)


@cache
def _lexicon_table() -> tuple[dict[str, tuple[str, str | None]], int, frozenset[str]]:
    """Every country form, seat of government and outlet -> (tag kind, code), for one pass."""
    table: dict[str, tuple[str, str | None]] = {
        surface: ("country" if form == "name" else form, code)
        for surface, (code, form) in country_table().items()
    }
    for name in _LEX_NAMES:
        table[name] = ("media" if name in MEDIA else "institution", INSTITUTIONS.get(name))
    return table, max(len(k) for k in table), phrase_heads(table)


@cache
def _place_names() -> frozenset[str]:
    """Runs that name a place, no person or body: listed cities, place names, and provinces
    and states of more than one word (pycountry's subdivisions, loaded on first use)."""
    named = frozenset(w for w, roles in PLACE_WORDS.items() if "name" in roles)
    return frozenset(CITIES) | named | multiword_subdivisions()


@cache
def _lexicon_keys() -> frozenset[str]:
    """The capitalized words that can open a key of :func:`_lexicon_table`, bare or not."""
    return with_bare_forms(_lexicon_table()[2])


def _country_compound(word: str) -> bool:
    """``Korea-China``, ``Tehran-Baku``: a compound of states, never a name."""
    if "-" not in word:
        return False
    return any(code_of(part) for part in word.split("-"))


def _core(words: list[str]) -> list[str]:
    """Name words without initials, suffixes and particles (for matching only)."""
    return [w for w in words if _is_core_word(w)]


def _is_core_word(w: str) -> bool:
    # (no particle has more than PARTICLE_LENGTH letters, and lower-casing never shortens a
    # word: most words need no lower-case copy; compiled, the tests cost less than a cache)
    return (
        len(w.rstrip(".")) != 1
        and w not in NAME_SUFFIXES
        and not (len(w) <= PARTICLE_LENGTH and w.lower() in NAME_PARTICLES)
    )


def _lower_word_in(text: str, low: str, start: int, end: int) -> bool:
    """Whether ``low`` is one of ``_LOWER_WORD.findall(text[start:end])``."""
    if not _LOWER_LETTERS.fullmatch(low):
        return False
    at = text.find(low, start, end)
    while at >= 0:
        after = at + len(low)
        if (at == start or (not word_char(text[at - 1]) and text[at - 1] != ".")) and (
            after == end or not word_char(text[after])
        ):
            return True
        at = text.find(low, at + 1, end)
    return False


def _in_text_order(mentions: list[Mention]) -> bool:
    """Whether the mentions are sorted by (start, end) already."""
    for k in range(1, len(mentions)):
        prev, m = mentions[k - 1], mentions[k]
        if m.start < prev.start or (m.start == prev.start and m.end < prev.end):
            return False
    return True


def _full_names_first(cands: list[_Cand], n1: int) -> list[_Cand]:
    """``sorted(cands, key=lambda c: (len(c.core) < 2, c.start))`` (stable), sorting the ints
    ``((short * n1) + start) * len + index`` (``n1`` past every start) where the key function
    was a generic call and a tuple per candidate."""
    k = len(cands)
    codes = [((int(len(c.core) < 2) * n1 + c.start) * k + j) for j, c in enumerate(cands)]
    codes.sort()
    return [cands[code % k] for code in codes]


def _sort_mentions(mentions: list[Mention], n1: int) -> None:
    """``mentions.sort(key=lambda m: (m.start, m.end))`` (stable), sorting the ints
    ``(start * n1 + end) * len + index`` (``n1`` past every end) instead of a key tuple each."""
    k = len(mentions)
    codes = [(m.start * n1 + m.end) * k + j for j, m in enumerate(mentions)]
    codes.sort()
    mentions[:] = [mentions[c % k] for c in codes]


def _spaced(text: str, start: int, end: int) -> bool:
    """White space (or the text's ends) on both sides of ``text[start:end]``: always for a
    sentence, but for a run-on cut inside a word."""
    return (start == 0 or text[start - 1].isspace()) and (end >= len(text) or text[end].isspace())


def _find_all(text: str, word: str) -> list[int]:
    """Offsets of every occurrence of ``word`` in ``text``, in order."""
    out: list[int] = []
    at = text.find(word)
    while at >= 0:
        out.append(at)
        at = text.find(word, at + 1)
    return out


def _occurs_in(starts: list[int], length: int, start: int, end: int) -> bool:
    """Whether a word of ``length`` found at ``starts`` (:func:`_find_all`) lies in
    ``text[start:end]``, as ``text.find(word, start, end) >= 0`` says."""
    at = int_bisect_left(starts, start)
    return at < len(starts) and starts[at] + length <= end


def _plural_demonym(text: str, tag: Tag) -> bool:
    word = text[tag.start : tag.end]
    return word.endswith("s") and not word.endswith("ss") and text[tag.end : tag.end + 1] != "'"


def _plural_demonym_at(text: str, m: Mention) -> bool:
    word = text[m.start : m.end]
    return word.endswith("s") and not word.endswith("ss")


def find_entities(doc: Doc) -> EntityIndex:
    """All candidate actors of the document, with every mention that refers to them."""
    b = _Builder(doc)
    b.scan()
    b.merge_people()
    return b.finish()
