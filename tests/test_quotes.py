"""find_quotes: one (text, expected quotes) case per construction, texts with no quote, and the seed.

Each case is an article body under the title line ``Report``; an expected quote
is ``(kind, content, speaker, cue)`` with spans given as their text (``None``
for no span). Titles are tested with their own table.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.articles import RawDoc, parse_article
from etl.doc import Doc, QuoteSpan
from etl.extract import extract_article
from etl.quotes import find_quotes

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED_TEXT = SHARED / "data" / "seed" / "tehran-baku-2022-07-15.txt"
SEED_EXPECTED = SHARED / "data" / "seed" / "expected.json"

Expected = tuple[str, str, str | None, str | None]


def _doc(text: str) -> Doc:
    return Doc.from_parsed(parse_article(RawDoc(source="case.txt", text=text)))


def _seen(text: str, quotes: list[QuoteSpan]) -> list[Expected]:
    def span(s: tuple[int, int] | None) -> str | None:
        return text[s[0] : s[1]] if s else None

    return [(q.kind, text[q.start : q.end], span(q.speaker), span(q.cue)) for q in quotes]


def _body(body: str) -> list[Expected]:
    text = "Report\n\n" + body
    return _seen(text, find_quotes(_doc(text)))


BODY_CASES: list[tuple[str, list[Expected]]] = [
    # direct, source after: "...," X said / said X
    ('"We will win this race," Trump said.', [("direct", "We will win this race,", "Trump", "said")]),
    (
        '"We will win this race," said Sen. John Smith (R-Ohio).',
        [("direct", "We will win this race,", "Sen. John Smith (R-Ohio)", "said")],
    ),
    (
        "“We will win this race,” said one senior adviser to the campaign.",
        [("direct", "We will win this race,", "one senior adviser", "said")],
    ),
    # an appositive between speaker and cue
    (
        '"Prices will fall soon," Jane Doe, an economist at the bank, said on Friday.',
        [("direct", "Prices will fall soon,", "Jane Doe", "said")],
    ),
    # direct, source before: X said: "..." / X told reporters, "..."
    (
        'Smith said: "The plan is dead and buried."',
        [("direct", "The plan is dead and buried.", "Smith", "said")],
    ),
    (
        'The mayor told reporters, "We are not going anywhere."',
        [("direct", "We are not going anywhere.", "The mayor", "told")],
    ),
    # source inside: "...," he said, "..." is one quote
    (
        '"We will win," he said, "and we will win big."',
        [("direct", 'We will win," he said, "and we will win big.', "he", "said")],
    ),
    # continuation after the attribution sentence joins the quote
    (
        '"This is a disgusting day," said Rep. Jim Clyburn. "He has no proof at all."',
        [
            (
                "direct",
                'This is a disgusting day," said Rep. Jim Clyburn. "He has no proof at all.',
                "Rep. Jim Clyburn",
                "said",
            )
        ],
    ),
    # colon label and dash signature
    (
        'Chairwoman Jane Doe: "We will hold hearings next week."',
        [("direct", "We will hold hearings next week.", "Chairwoman Jane Doe", ":")],
    ),
    (
        '"Leave the agency alone." - Commissioner Jane Doe',
        [("direct", "Leave the agency alone.", "Commissioner Jane Doe", "-")],
    ),
    # quotation mark styles: curly, guillemets, NYT double apostrophes, nested single quotes
    (
        "«We will not back down,» the minister said.",
        [("direct", "We will not back down,", "the minister", "said")],
    ),
    (
        "''We will not back down,'' the minister said.",
        [("direct", "We will not back down,", "the minister", "said")],
    ),
    (
        "“He told me ‘never again’ and left,” Smith said.",
        [("direct", "He told me ‘never again’ and left,", "Smith", "said")],
    ),
    # a quote over two paragraphs: opening mark on each, closing only at the end
    (
        '"The first part of the speech runs here.\n\n"The second part ends it," the senator said.',
        [
            (
                "direct",
                'The first part of the speech runs here.\n\n"The second part ends it,',
                "the senator",
                "said",
            )
        ],
    ),
    # indirect: X said (that) ..., X told reporters ..., ..., X said.
    # PolNeAR content keeps the complementizer "that" (train: 2,371 contents open with it, 30 after it)
    ("Smith said that the plan would fail.", [("indirect", "that the plan would fail", "Smith", "said")]),
    ("Smith told reporters the plan would fail.", [("indirect", "the plan would fail", "Smith", "told")]),
    ("The plan would fail, Smith said on Friday.", [("indirect", "The plan would fail", "Smith", "said")]),
    (
        "The plan would fail, said the mayor of Boston.",
        [("indirect", "The plan would fail", "the mayor of Boston", "said")],
    ),
    (
        "According to Smith, the plan would fail.",
        [("indirect", "the plan would fail", "Smith", "According to")],
    ),
    (
        "The plan would fail, according to Smith.",
        [("indirect", "The plan would fail", "Smith", "according to")],
    ),
    (
        "Smith stressed the importance of trade, noting that exports had doubled.",
        [
            ("indirect", "the importance of trade", "Smith", "stressed"),
            ("indirect", "that exports had doubled", "Smith", "noting"),
        ],
    ),
    (
        "The governor, for his part, warned against new taxes.",
        [("indirect", "new taxes", "The governor", "warned against")],
    ),
    # a serial list does not end the content at its ", and"
    (
        "Smith said the deal covers political, economic, and security ties.",
        [("indirect", "the deal covers political, economic, and security ties", "Smith", "said")],
    ),
    # mixed: reported clause holding a quoted phrase
    (
        'Smith said the plan was "a disaster" for voters.',
        [("mixed", 'the plan was "a disaster" for voters', "Smith", "said")],
    ),
    # a quote opening mid-sentence with its attribution after it: the sentence is a mixed quote
    (
        'The remarks were "the textbook definition of a racist comment," Ryan said.',
        [("mixed", 'The remarks were "the textbook definition of a racist comment,', "Ryan", "said")],
    ),
    # passive cue: the agent of "by" is the speaker
    (
        "He was asked by a reporter whether the plan would survive.",
        [("indirect", "whether the plan would survive", "a reporter", "asked")],
    ),
    # a question as content: "Asked whether ..., X said ..." (the asker is not named)
    (
        "Asked whether he would run again, Smith said no one had decided yet.",
        [
            ("indirect", "whether he would run again", None, "Asked"),
            ("indirect", "no one had decided yet", "Smith", "said"),
        ],
    ),
    (
        "When asked about the delay, the mayor smiled.",
        [("indirect", "the delay", None, "asked about")],
    ),
    # an appositive after a weak cue's object is not part of the stance
    (
        "Most voters oppose the pact, the trade deal the administration finished last year.",
        [("indirect", "the pact", "Most voters", "oppose")],
    ),
    # poll sentences: ", compared with ..." opens a second unit
    (
        "Some 47 percent say the economy is improving, compared with 40 percent who say it is not.",
        [
            ("indirect", "the economy is improving", "Some 47 percent", "say"),
            ("indirect", "it is not", "who", "say"),
        ],
    ),
    # a comma inside a closing quotation mark ends the clause like a bare one
    (
        'Smith called the plan "a disaster," but the council kept it anyway.',
        [("mixed", 'the plan "a disaster', "Smith", "called")],
    ),
    # a passive cue with "by": the subject is the content, the agent the speaker
    (
        "The plan was rejected by the city council on Monday.",
        [("indirect", "The plan", "the city council", "rejected")],
    ),
    # an adjunct between the cue and its "that" clause stays out of the content
    (
        "Adelson said earlier on Friday during a news conference that he may wait.",
        [("indirect", "that he may wait", "Adelson", "said")],
    ),
    # a subject set off by dashes
    (
        "John McCain -- who lost the 2008 election -- said the president offered no changes.",
        [("indirect", "the president offered no changes", "John McCain", "said")],
    ),
    # a short quoted title before "X said <clause>" is not the quote X's cue attributes
    (
        'In an interview on CBS\'s "Face the Nation," Smith said the plan would fail.',
        [("indirect", "the plan would fail", "Smith", "said")],
    ),
    # a transcript turn: an upper-case speaker label and a colon open the paragraph
    (
        "WALLACE: If I may, sir, we have limited time tonight.",
        [("indirect", "If I may, sir, we have limited time tonight", "WALLACE", ":")],
    ),
    # a cue inside a sentence-opening subordinate clause: the content ends at the clause's comma
    (
        "While most voters say the race is over, the party is still raising money.",
        [("indirect", "the race is over", "most voters", "say")],
    ),
    # ... and inside a relative clause set off by commas
    (
        "Smith, who said the plan would fail, left the room.",
        [("indirect", "the plan would fail", "who", "said")],
    ),
    # a participle clause opening the sentence: its speaker is the main clause's subject
    (
        "Promising that taxes would fall, the governor said the budget was balanced.",
        [
            ("indirect", "that taxes would fall", "the governor", "Promising"),
            ("indirect", "the budget was balanced", "the governor", "said"),
        ],
    ),
    # '"A," X said. "B."' in one paragraph: B goes on with A's quote, one unit
    (
        '"We will win this race," Trump said. "The voters know what is at stake this year."',
        [
            (
                "direct",
                'We will win this race," Trump said. "The voters know what is at stake this year.',
                "Trump",
                "said",
            )
        ],
    ),
    # ... but not across a paragraph break: B is inherited
    (
        '"We will win this race," Trump said.\n\n"The voters know what is at stake this year."',
        [
            ("direct", "We will win this race,", "Trump", "said"),
            ("direct", "The voters know what is at stake this year.", "Trump", None),
        ],
    ),
    # no reporting verb: the last speaker, from context
    (
        "Smith expressed hope that the talks succeed.\n"
        "“The talks will make history for both of our countries.”",
        [
            ("indirect", "that the talks succeed", "Smith", "expressed hope"),
            ("direct", "The talks will make history for both of our countries.", "Smith", None),
        ],
    ),
    # a weak cue (quote_weak_cues.txt) opens an indirect quote
    (
        "Most voters think the race is already over.",
        [("indirect", "the race is already over", "Most voters", "think")],
    ),
    # a weak cue inside the content of a speech verb gives way to it
    (
        "Clinton said she thinks the deal is weak.",
        [("indirect", "she thinks the deal is weak", "Clinton", "said")],
    ),
    # a weak cue gives way to a speech verb whose unit it overlaps
    (
        "Voters want to know what Smith said about the deal.",
        [("indirect", "the deal", "Smith", "said about")],
    ),
    # a weak noun + preposition cue: the content is its object
    (
        "Smith has voted against the bill twice.",
        [("indirect", "the bill twice", "Smith", "voted against")],
    ),
    # "X is expected to ...": the whole clause is the content, with no source
    (
        "The House is expected to pass the bill later this week.",
        [("indirect", "The House is expected to pass the bill later this week", None, "expected")],
    ),
    (
        "The central bank, which has held rates near zero, is expected to act in December.",
        [
            (
                "indirect",
                "The central bank, which has held rates near zero, is expected to act in December",
                None,
                "expected",
            )
        ],
    ),
    # a quote with no attribution takes the speaker of the next attributed quote of its paragraph
    (
        'Jones said the plan was good. "This is the best plan we have had in a very long time." '
        'The crowd cheered. "We will pass it," Smith said.',
        [
            ("indirect", "the plan was good", "Jones", "said"),
            ("direct", "This is the best plan we have had in a very long time.", "Smith", None),
            ("direct", "We will pass it,", "Smith", "said"),
        ],
    ),
    # an unclosed mark degrades to its paragraph, and the next paragraph is still read
    (
        '"This quote never closes and runs on to the end of its paragraph.\n\nHe said the economy is strong.',
        [
            ("direct", "This quote never closes and runs on to the end of its paragraph.", None, None),
            ("indirect", "the economy is strong", "He", "said"),
        ],
    ),
    # a joined clause with its own attribution ends the first content (quote_clause_links.txt)
    (
        "Islamic State claimed responsibility for the attack but U.S. officials have said they"
        " do not believe he was assisted from abroad.",
        [
            ("indirect", "responsibility for the attack", "Islamic State", "claimed"),
            ("indirect", "they do not believe he was assisted from abroad", "U.S. officials", "said"),
        ],
    ),
    (
        "The mayor praised the police and the governor said the city was safe.",
        [
            ("indirect", "the police", "The mayor", "praised"),
            ("indirect", "the city was safe", "the governor", "said"),
        ],
    ),
    # "and" with no speaker and cue after it does not cut
    (
        "The company said it had fixed the fault and the service was back.",
        [("indirect", "it had fixed the fault and the service was back", "The company", "said")],
    ),
    # "Y, according to Z, ...": a long lead is a clause of its own, a short one opens the sentence
    (
        "Verizon has struck a provisional work agreement with the unions, according to the Labor"
        " Department, the agency that mediated the talks.",
        [
            (
                "indirect",
                "Verizon has struck a provisional work agreement with the unions",
                "the Labor Department",
                "according to",
            )
        ],
    ),
    (
        "But, according to the poll, most voters remain undecided.",
        [("indirect", "most voters remain undecided", "the poll", "according to")],
    ),
    # a sentence-opening conjunction stays outside content (LEAD_CONJUNCTIONS), a name does not
    (
        "But the plan is flawed, the senator said.",
        [("indirect", "the plan is flawed", "the senator", "said")],
    ),
    (
        "Andrew's plan is flawed, the senator said.",
        [("indirect", "Andrew's plan is flawed", "the senator", "said")],
    ),
    (
        "Now, according to the recent poll, some states are swinging.",
        [
            (
                "indirect",
                "Now, according to the recent poll, some states are swinging",
                "the recent poll",
                "according to",
            )
        ],
    ),
    # context-gated cues (quote_gated_cues.tsv): only before the token their entry names
    (
        "The senator has been sharply critical of the trade deal.",
        [("indirect", "the trade deal", "The senator", "critical of")],
    ),
    (
        "Smith pledged to cut taxes for the middle class.",
        [("indirect", "to cut taxes for the middle class", "Smith", "pledged")],
    ),
    ("The mayor is backing Clinton.", [("indirect", "Clinton", "The mayor", "backing")]),
    ("The panel deemed the plan unfair.", [("indirect", "the plan unfair", "The panel", "deemed")]),
    # a gated noun takes the possessive before it as speaker, not its modifiers
    (
        "Republicans were unsparing in their criticism of the new rules.",
        [("indirect", "the new rules", "their", "criticism of")],
    ),
    # a participle after an intro phrase goes on with the adjunct: the content is before the cue
    (
        "Moscow has no offer yet, the minister said in remarks published on Monday.",
        [("indirect", "Moscow has no offer yet", "the minister", "said")],
    ),
    # a cue whose content after it would open with ", X said": that attribution owns the clause
    (
        "The tax plan and its timing are worrying, Cuban said.",
        [("indirect", "The tax plan and its timing are worrying", "Cuban", "said")],
    ),
    # "X is expected to ...": the expected event ends at its clause's comma
    (
        "The House is expected to pass the bill, ending a long fight.",
        [("indirect", "The House is expected to pass the bill", None, "expected")],
    ),
    # cues the indirect pass skips without tokenizing their sentence: inside a quotation, or
    # used by a direct quote's attribution; a free cue after a used one still opens a quote
    (
        '"The voters said no, and they meant it," Smith said.',
        [("direct", "The voters said no, and they meant it,", "Smith", "said")],
    ),
    (
        '"We will win. Everyone I meet says so," Smith said.',
        [("direct", "We will win. Everyone I meet says so,", "Smith", "said")],
    ),
    (
        '"We will win," Smith said, adding that the race was close.',
        [
            ("direct", "We will win,", "Smith", "said"),
            ("indirect", "that the race was close", "Smith", "adding"),
        ],
    ),
    # a quote after the attribution's indirect unit goes on from the first, however short
    (
        '"We will win," Smith said, adding that the race was close. "We have the votes."',
        [
            ("direct", "We will win,", "Smith", "said"),
            ("indirect", "that the race was close", "Smith", "adding"),
            ("direct", "We have the votes.", "Smith", None),
        ],
    ),
    # an attribution glued to the closing mark (no white space: read with the whole sentence)
    (
        '"We will win the race outright this year."—Commissioner Jane Doe said.',
        [("direct", "We will win the race outright this year.", "Commissioner Jane Doe", "said")],
    ),
    # a lower-case speaker and its cue closing the sentence after a comma own the clause before
    (
        "The agency has not been using social media references, federal officials said.",
        [("indirect", "The agency has not been using social media references", "federal officials", "said")],
    ),
    # an endorsement or opposition reports its object noun phrase (quote_object_cues.txt)
    (
        "Senator Jones endorsed Jeb Bush for president on Friday.",
        [("indirect", "Jeb Bush", "Senator Jones", "endorsed")],
    ),
    (
        "The union opposed the deal, which it signed last year.",
        [("indirect", "the deal", "The union", "opposed")],
    ),
    # ", in ..." and ", as ..." go on with the reported clause (quote_content_cuts.txt)
    (
        "Smith said the company would cut 200 jobs, in a blow to the town.",
        [("indirect", "the company would cut 200 jobs, in a blow to the town", "Smith", "said")],
    ),
    (
        "Smith said the plan would fail, as it did in 2012.",
        [("indirect", "the plan would fail, as it did in 2012", "Smith", "said")],
    ),
    # the attribution of a quote after a cue is no content of that cue: "continued, saying, "...""
    (
        'The candidate continued, saying, "You need somebody who understands economics and jobs."',
        [("direct", "You need somebody who understands economics and jobs.", "The candidate", "saying")],
    ),
    # a sentence opening with its poll: the poll is the source, "In" the cue
    (
        "In a CBS News poll released Monday, 50 percent of respondents chose Clinton.",
        [("indirect", "50 percent of respondents chose Clinton", "a CBS News poll released Monday", "In")],
    ),
    # a sentence-final speaker whose subject runs before the name the speaker walk finds
    (
        "The couple were among the passengers, foreign ministry spokesman Benali Cherif said Thursday.",
        [("indirect", "The couple were among the passengers", "Benali Cherif", "said")],
    ),
    (
        "Support is strong among the unions, teachers and union officials told POLITICO.",
        [("indirect", "Support is strong among the unions", "union officials", "told")],
    ),
    # a short object ending the sentence after "told" is the addressee
    (
        "This includes a special force, Defense Secretary Ash Carter told a Senate panel Wednesday.",
        [("indirect", "This includes a special force", "Defense Secretary Ash Carter", "told")],
    ),
    # the addressee and an adjunct before a "that" clause stay out of the content
    (
        "Wilson told the Associated Press on Saturday that he voted for Rubio.",
        [("indirect", "that he voted for Rubio", "Wilson", "told")],
    ),
    # a quoted statement outweighs a weak cue's reading of it
    (
        'Many voters want more: "We need a leader who will fight for the working families of this country."',
        [("direct", "We need a leader who will fight for the working families of this country.", None, None)],
    ),
    # indirect content runs on to the close of a quotation that goes on past its sentence
    (
        'Murphy said the Trump "train may have left the station. It is more important to narrow the field."',
        [
            (
                "mixed",
                'the Trump "train may have left the station. It is more important to narrow the field.',
                "Murphy",
                "said",
            )
        ],
    ),
    # ... but not into the next paragraph
    ('Smith said the plan "may fail.\n\nIt is late."', [("mixed", 'the plan "may fail', "Smith", "said")]),
    # ", and that" goes on with a second clause of the same cue; ", and" before a clause does not
    (
        "Sims said he made a late decision to vote for Rubio, and that the endorsement was a big deal.",
        [
            (
                "indirect",
                "he made a late decision to vote for Rubio, and that the endorsement was a big deal",
                "Sims",
                "said",
            )
        ],
    ),
    (
        "Sims said he voted for Rubio, and the polls closed at seven.",
        [("indirect", "he voted for Rubio", "Sims", "said")],
    ),
    (
        "Sims said the vote was close, but that he expected to win.",
        [("indirect", "the vote was close, but that he expected to win", "Sims", "said")],
    ),
    # a long source of "according to" up to its comma
    (
        "According to early results of exit polls conducted for the Associated Press and television"
        " networks by Edison Research, most voters feel betrayed by their party.",
        [
            (
                "indirect",
                "most voters feel betrayed by their party",
                "early results of exit polls conducted for the Associated Press and television networks"
                " by Edison Research",
                "According to",
            )
        ],
    ),
    # verbs of manner of speaking (speech_verbs.txt, section 4)
    ('"The race is over," Smith quipped.', [("direct", "The race is over,", "Smith", "quipped")]),
    (
        "Smith countered that the bill would raise taxes.",
        [("indirect", "that the bill would raise taxes", "Smith", "countered")],
    ),
    # "but" and a second cue of the same subject end the first content and open a unit
    (
        "She said she had met him twice but said neither man played a role.",
        [
            ("indirect", "she had met him twice", "She", "said"),
            ("indirect", "neither man played a role", "She", "said"),
        ],
    ),
    # ... unless that cue's object is a quotation: one mixed quote
    (
        'She said that the video should be released but said "the question is the timing."',
        [
            (
                "mixed",
                'that the video should be released but said "the question is the timing."',
                "She",
                "said",
            )
        ],
    ),
    # a cue after the attribution of a direct quote takes its speaker
    (
        '"That is insane," Sanders said, going on to say that the country has come too far to go back.',
        [
            ("direct", "That is insane,", "Sanders", "said"),
            ("indirect", "that the country has come too far to go back", "Sanders", "say"),
        ],
    ),
    # a participle clause set off by commas ends at its comma, where the main verb's unit starts
    (
        "Salceda, citing data from the State Department, said that 4 million people live there.",
        [
            ("indirect", "data from the State Department", "Salceda", "citing"),
            ("indirect", "that 4 million people live there", "Salceda", "said"),
        ],
    ),
    # ... while a sentence-opening adverb set off by a comma is no speaker (quote_openers.txt)
    (
        "However, Smith, citing new data, said exports fell.",
        [
            ("indirect", "new data", "Smith", "citing"),
            ("indirect", "exports fell", "Smith", "said"),
        ],
    ),
    # an appositive subject after an opener: the noun phrase nearest before the appositive
    (
        "By contrast, Daniel Hamermesh, a labor economist, predicted that wages would fall.",
        [("indirect", "that wages would fall", "Daniel Hamermesh", "predicted")],
    ),
    # ... but never a relative clause between the subject and the appositive
    (
        "Envoy Steve Witkoff, who led the team alongside Jared Kushner, Trump's son-in-law, said "
        "that work remains.",
        [("indirect", "that work remains", "Envoy Steve Witkoff", "said")],
    ),
    # ... past a dateline, and with modifiers the noun-phrase walk stops at before it
    (
        "PARIS, Aug 31 (Reuters) - France's far-right party leader, Marine Le Pen, voiced "
        "support for Donald Trump on Wednesday.",
        [("indirect", "support for Donald Trump on Wednesday", "France's far-right party leader", "voiced")],
    ),
    # a participle after a direct quote's attribution takes its speaker even when an indirect
    # quote earlier in the paragraph was found after it
    (
        'Ferre said Trump could do well. "I think that speaks volumes," she said, adding that the '
        "campaign will work hard.",
        [
            ("indirect", "Trump could do well", "Ferre", "said"),
            ("direct", "I think that speaks volumes,", "she", "said"),
            ("indirect", "that the campaign will work hard", "she", "adding"),
        ],
    ),
    # the object of a preposition before an infinitive cue is not its speaker: the clause's subject is
    (
        "Donald Trump, a perennial candidate, rode an escalator in New York to declare his candidacy.",
        [("indirect", "his candidacy", "Donald Trump", "declare")],
    ),
    # a subject after a conjunction opening its own clause, and an object with no name, role or
    # pronoun in it is no inverted speaker
    (
        "Trump wanted a ban, while Mike Huckabee, the former Arkansas governor, proposed a wall.",
        [
            ("indirect", "a ban", "Trump", "wanted"),
            ("indirect", "a wall", "Mike Huckabee", "proposed"),
        ],
    ),
    # a clause after "said" is its content, not an inverted speaker
    (
        "Smith, a lawyer, said the plan would fail.",
        [("indirect", "the plan would fail", "Smith", "said")],
    ),
    # conjunctions and adverbs opening the sentence stand before its subject
    (
        "And now Mr. Manafort has taken on a larger campaign, seeking to turn Trump into a winner.",
        [("indirect", "to turn Trump into a winner", "Mr. Manafort", "seeking")],
    ),
    # adverbs between a subject and its cue (quote_adverbs.txt)
    (
        "The American Legion has twice complained about the use of its emblem.",
        [("indirect", "the use of its emblem", "The American Legion", "complained about")],
    ),
    # the subject after an opening adjunct holding commas of its own
    (
        "At a town hall in Salem, New Hampshire, Trump went after Bush, calling him a total stiff.",
        [("indirect", "him a total stiff", "Trump", "calling")],
    ),
    # "with X <participle>": X is the participle's own subject
    (
        "Republicans were irritated by the plan, with Sen. John McCain calling it a Chinese menu.",
        [("indirect", "it a Chinese menu", "Sen. John McCain", "calling")],
    ),
    # a participle clause led by a preposition: its speaker is the main clause's subject
    (
        "After blasting the report for its errors, Glenn Beck doubled down on Monday.",
        [("indirect", "the report for its errors", "Glenn Beck", "blasting")],
    ),
    # ... or after a time adjunct with no comma, when the sentence's only comma comes later
    (
        "On Tuesday she doubled down on the issue, seeking to show that the bill failed.",
        [("indirect", "to show that the bill failed", "she", "seeking")],
    ),
    # a verb leading into "to" belongs to the verb group, not the speaker
    (
        "Hillary Clinton is continuing to insist she will release the transcripts.",
        [("indirect", "she will release the transcripts", "Hillary Clinton", "insist")],
    ),
    (
        "He will now need to persuade voters that he understands their fears.",
        [("indirect", "voters that he understands their fears", "He", "persuade")],
    ),
    # a quote closed on "!" keeps "he said to ..." as its attribution: "to" opens no new sentence
    (
        '"We will build a wall!" he said to an enormous cheer.',
        [("direct", "We will build a wall!", "he", "said")],
    ),
    # the addressee of "told" after a short quote is no new clause: the attribution holds
    (
        '"It is doable," Risch told The Spokesman-Review on Monday.',
        [("direct", "It is doable,", "Risch", "told")],
    ),
    # a colon label set off by a dash after a newsletter heading
    (
        "A TIGHT RACE IN OHIO - Frank Newport: “We found that the strengths most tied to the vote "
        "were inspiring.”",
        [
            (
                "direct",
                "We found that the strengths most tied to the vote were inspiring.",
                "Frank Newport",
                ":",
            )
        ],
    ),
    # a quote after an aside about the speaker goes on with the speaker's quote (one unit, as
    # PolNeAR joins "A," X said. "B.") when the span stays mostly quoted text
    (
        '"He did try to scare me," said Smith, who wrote about the visit in a book. "Thank goodness, '
        'none of those things turned out to be true."',
        [
            (
                "direct",
                'He did try to scare me," said Smith, who wrote about the visit in a book. "Thank '
                "goodness, none of those things turned out to be true.",
                "Smith",
                "said",
            ),
        ],
    ),
    # a clause after a closing mark with a pronoun subject is no attribution of the quote: the
    # cue before it owns the sentence, one mixed quote
    (
        "Obama said “it gets me mad” every time he thinks about the victims.",
        [("mixed", "“it gets me mad” every time he thinks about the victims", "Obama", "said")],
    ),
    # a capitalized "Al" / "De" opens a name after an inverted cue ("bin" inside one does not)
    ('"We won that race," said Al Gore.', [("direct", "We won that race,", "Al Gore", "said")]),
    # a relative clause's speaker ("who") names no one: a later quote inherits the name before it
    (
        '"I am very happy about all of this today," said Murphy, who thinks often about it.\n\n'
        '"I struggle with religion, but I get more of it, not less of it."',
        [
            ("direct", "I am very happy about all of this today,", "Murphy", "said"),
            ("indirect", "often about it", "who", "thinks"),
            ("direct", "I struggle with religion, but I get more of it, not less of it.", "Murphy", None),
        ],
    ),
    # ... and a quote right after that clause's sentence goes on from the quote before it
    (
        '"He did try to intimidate me," said O\'Donnell, who wrote about the visit in the book.'
        ' "Thank goodness, both of those things were not true."',
        [
            (
                "direct",
                "He did try to intimidate me,\" said O'Donnell, who wrote about the visit in the book."
                ' "Thank goodness, both of those things were not true.',
                "O'Donnell",
                "said",
            )
        ],
    ),
    # ... unless the attribution between them is longer than the quoted text: PolNeAR content
    # leaves it out, so one span over all of it would overlap the gold content too little
    (
        '"These are strange days," said Peter Morgan, a lawyer for the Sierra Club, who wrote about'
        ' the coal industry and its pollution of rivers for years. "I do not know what he wants from'
        ' any of us now."',
        [
            ("direct", "These are strange days,", "Peter Morgan", "said"),
            ("indirect", "the coal industry and its pollution of rivers for years", "who", "wrote about"),
            ("direct", "I do not know what he wants from any of us now.", "Peter Morgan", None),
        ],
    ),
    # the source after a cue that opens the clause before a quote: "According to X:", "Said X,"
    (
        "According to HuffPo: \u201cSenator Tim Kaine has had a mixed record on abortion.\u201d",
        [("direct", "Senator Tim Kaine has had a mixed record on abortion.", "HuffPo", "According to")],
    ),
    (
        'But, said Solovey, "I do not want to drum up conflict."',
        [("direct", "I do not want to drum up conflict.", "Solovey", "said")],
    ),
    # a phrase set off by commas between the speaker and the cue before a quote
    (
        'Fiorina, speaking to Iowans, said, "Last time I looked, you had not started voting yet."',
        [("direct", "Last time I looked, you had not started voting yet.", "Fiorina", "said")],
    ),
    # ... but a participle's speaker is its clause's, not a name before a comma
    (
        '"He is a leader for the state of Indiana," Cruz said, adding: "I would welcome his support."',
        [
            ("direct", "He is a leader for the state of Indiana,", "Cruz", "said"),
            ("direct", "I would welcome his support.", "Cruz", "adding"),
        ],
    ),
    # a participle's speaker is its clause's subject past an opening adjunct: a two-word time
    # phrase, or a place whose name is set off by commas
    (
        'Hours later, Trump returned the favor, telling Reuters, "He is an amazing man."',
        [("direct", "He is an amazing man.", "Trump", "telling")],
    ),
    (
        'At a rally in Salem, New Hampshire, Trump went after Bush, saying, "He is a total stiff."',
        [("direct", "He is a total stiff.", "Trump", "saying")],
    ),
    # ", according to Y" closing a direct quote's attribution: Y's account is the source
    (
        '"We are winning hearts and minds," Pence said on Friday, according to CNN.',
        [("direct", "We are winning hearts and minds,", "CNN", "said")],
    ),
]

NO_QUOTE_CASES: list[str] = [
    # idioms holding a reporting verb (quote_idioms.txt)
    "That said, the economy grew on Monday.",
    "Needless to say, the plan failed.",
    "The vote was, truth be told, close.",
    "The weather was fine on Monday and the markets were calm.",
    'He watched "Star Wars" twice last week.',
    'The film "The Big Short" opened in December.',
    "Prices rose 5 percent last year, the highest rate in a decade.",
    'He watched ABC\'s "Good Morning America" on Monday.',
    # a cue followed by an adverbial particle reports nothing (quote_content_bad_starts.txt)
    "The senator added up the votes on Monday.",
    # pruned from the speech verbs: mostly not reporting
    "The governor spoke at a rally in Iowa on Tuesday.",
    # content before its cue too short to be a statement
    "Not yet, Smith said.",
    # "expected" with no clause after it
    "The vote is expected on Tuesday.",
    # "and" / "but" between two clauses with no reporting verb open nothing
    "The bridge was closed for repairs and the traffic was heavy.",
    "The talks ended on Monday, but the delegates stayed in the city.",
    "But the bridge was closed on Monday.",
    # a past participle after a determiner is an adjective, not a reporting verb
    "His reported net worth is $10 billion.",
    "The agency sent an emailed statement on Monday.",
    # "Asked ..." with no clause comma is no question unit
    "Asked about the plan he smiled.",
    # an upper-case label that is not a speaker
    "UPDATE: The bridge was closed on Monday.",
    # a passive with no reporting cue opens nothing
    "The bridge was closed by the police on Monday.",
    # a subordinate clause with no reporting cue opens nothing
    "While the bridge was closed, the traffic was heavy.",
    # cue senses that report nothing (quote_cue_blocks.tsv)
    "The senator added to the confusion on Monday.",
    "The contests known as Super Tuesday begin in March.",
    "Smith was charged with fraud last year.",
    "She wrote a book about the war.",
    "He reports to the chief executive.",
    "He was sentenced to life in prison.",
    # content opening with "in" after a cue is an adjunct (quote_content_bad_starts.txt)
    "The figures cited in the report do not exist.",
    # gated cue words without their gate
    "The criticism was loud.",
    "He has a pledge card.",
    "The mayor is backing the plan.",
    "Critics deemed Monday a disaster.",
    "The mayor is looking for a new job.",
    # an endorsement whose object is only an adjunct reports nothing
    "The bill was endorsed in committee on Monday.",
    # "In ... polls," with no statement after it, or a clause naming the poll in passing
    "In the polls, anyway.",
    "In eight states where exit polls were conducted, turnout was high.",
    # a coordinated clause is no speaker's subject
    "The storm hit the coast, and local officials said.",
    "",
]

TITLE_CASES: list[tuple[str, list[Expected]]] = [
    (
        "Shamkhani tells Aliyev external factors shouldn't affect ties",
        [("indirect", "external factors shouldn't affect ties", "Shamkhani", "tells")],
    ),
    ("Pence: Flowers Won't Be at the Debate", [("indirect", "Flowers Won't Be at the Debate", "Pence", ":")]),
    # the colon's source owns the headline even with a cue word after it
    (
        "Gingrich: Trump Says He Wants a Bold Running Mate",
        [("indirect", "Trump Says He Wants a Bold Running Mate", "Gingrich", ":")],
    ),
    ("Markets Close Higher on Friday", []),
    # a headline's second predicate keeps the first one's subject: no "..., discussed X" inversion
    (
        "Trump says he had a very good call with Zelensky, discussed the war",
        [
            ("indirect", "he had a very good call with Zelensky", "Trump", "says"),
            ("indirect", "the war", "Trump", "discussed"),
        ],
    ),
    # the speaker before a preposition of address or topic
    (
        "Obama on Climate Change: The Trends Are Terrifying",
        [("indirect", "The Trends Are Terrifying", "Obama", ":")],
    ),
    ("The Latest on the Race: Cruz Wins Iowa", []),
    # a newsroom label before the colon is no speaker (quote_label_stops.txt)
    ("The Latest: Cruz to give away engraved shotgun", []),
    ("Breaking: Senate Passes the Budget Bill", []),
]


@pytest.mark.parametrize(("body", "expected"), BODY_CASES, ids=[c[0][:40] for c in BODY_CASES])
def test_body_construction(body: str, expected: list[Expected]) -> None:
    assert _body(body) == expected


# The speaker's name (the resolved participant) of a quote whose speaker span holds more than one name.
SPEAKER_NAME_CASES: list[tuple[str, list[tuple[str, str | None]]]] = [
    (
        '"Wages will rise," said Ross Eisenbrey of the Economic Policy Institute.',
        [("Wages will rise,", "Ross Eisenbrey")],
    ),
    (
        '"Turnout was high," said Ohio State University professor Paul Beck.',
        [("Turnout was high,", "Paul Beck")],
    ),
    (
        'Senator Ted Cruz spoke in Iowa. "The border is open," said one of his senior aides.',
        [("The border is open,", None)],
    ),
    ('Hillary Clinton spoke on Monday. "It was fine," Clinton aides said.', [("It was fine,", None)]),
    (
        "According to early results of exit polls conducted for the Associated Press by Edison Research, "
        "turnout rose.",
        [("turnout rose", "Edison Research")],
    ),
]


@pytest.mark.parametrize(
    ("body", "expected"), SPEAKER_NAME_CASES, ids=[c[0][:40] for c in SPEAKER_NAME_CASES]
)
def test_speaker_name(body: str, expected: list[tuple[str, str | None]]) -> None:
    tables = extract_article(RawDoc(source="case.txt", text="Report\n\n" + body))
    assert [(q.text, q.speaker) for q in tables.quotes] == expected


@pytest.mark.parametrize("body", NO_QUOTE_CASES)
def test_no_quote(body: str) -> None:
    assert _body(body) == []


@pytest.mark.parametrize(("title", "expected"), TITLE_CASES, ids=[c[0][:40] for c in TITLE_CASES])
def test_title(title: str, expected: list[Expected]) -> None:
    text = title + "\n\nThe meeting took place in the capital on Friday.\n"
    assert _seen(text, find_quotes(_doc(text))) == expected


def _solid(text: str, a: int, b: int) -> set[int]:
    return {i for i in range(a, b) if not text[i].isspace() and text[i] not in "\"'“”‘’«»"}


@pytest.mark.skipif(not SEED_EXPECTED.exists(), reason="../shared/data/seed not present")
def test_seed_quote_spans() -> None:
    """Every expected quote of the example article: Jaccard >= 0.8, same kind, the expected speaker span."""
    text = SEED_TEXT.read_text(encoding="utf-8")
    expected = json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))["quotes"]
    quotes = find_quotes(_doc(text))
    misses = []
    for e in expected:
        want = _solid(text, e["start"], e["end"])
        best = max(quotes, key=lambda q: len(want & _solid(text, q.start, q.end)))
        got = _solid(text, best.start, best.end)
        speaker = text[best.speaker[0] : best.speaker[1]] if best.speaker else None
        ok = (
            len(want & got) / len(want | got) >= 0.8
            and best.kind == e["kind"]
            and speaker is not None
            and (e["speaker_mention"] is None or speaker == e["speaker_mention"])
        )
        if not ok:
            misses.append((e["text"][:40], best.kind, speaker))
    assert misses == []
    assert len(quotes) <= len(expected) + 3


_MARKS = "\"'“”‘’«»„‟‹›`"
_ALPHABET = st.sampled_from(
    list(_MARKS)
    + list("ab Zq.,:;!?-—\n\n\r\t")
    + ["\x00", "\x1b", "\u202e", "\u200f", "ש", "ع", " said ", " told "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=120).map("".join))
def test_any_text_gives_valid_spans(body: str) -> None:
    text = "Title line\n" + body
    quotes = find_quotes(_doc(text))
    last_end = -1
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert q.start >= last_end  # text order, no overlap
        last_end = q.end
        assert q.kind in {"direct", "indirect", "mixed"}
        for span in (q.cue, q.speaker):
            if span is not None:
                assert 0 <= span[0] < span[1] <= len(text)


def test_cue_scan_character_classes_are_unicode_s() -> None:
    # _has_free_cue reads characters by slot: white space must be str.isspace's (the search's
    # Unicode \s), and every character whose lower case is ASCII or longer must be odd.
    from etl.quotes import _CHAR_SLOTS, _ODD_SLOT, _SPACE_SLOT, _WORD_CHARS, _wide_slot

    for c in range(0x110000):
        ch = chr(c)
        low = ch.lower()
        slot = ord(_CHAR_SLOTS[c]) if c < 128 else _wide_slot(c)
        if c >= 128 and (len(low) != 1 or low.isascii()):
            assert slot == _ODD_SLOT, hex(c)
        elif ch.isspace():
            assert slot == _SPACE_SLOT, hex(c)
        elif c < 128 and low in _WORD_CHARS:
            assert slot == _WORD_CHARS.index(low) + 1, hex(c)
        else:
            assert slot == 0, hex(c)


_CUE_WORDS = ["said", "Said", "SAID", "according", "to", "expressed", "hope", "told", "the", "ask", "ed"]
# white space of several kinds, word and other characters, and the two odd ones (U+0130, Kelvin)
_CUE_GLUE = [" ", "  ", "\n", "\u00a0", "\u2009", ",", ".", "-", "_", "’", "“", "é", "1", "\u0130", "\u212a"]
_CUE_TEXT = st.sampled_from(_CUE_WORDS + _CUE_GLUE)


@settings(max_examples=500, deadline=None)
@given(st.lists(_CUE_TEXT, max_size=14).map("".join), st.integers(0, 3))
def test_cue_scan_finds_what_the_search_finds(text: str, a: int) -> None:
    from etl.quote_paras import Para
    from etl.quotes import _has_free_cue_scanned, _has_free_cue_searched

    a = min(a, len(text))
    para = Para(text, a, len(text), [(a, len(text))])
    starts = {m for m in range(len(text)) if m % 3 == 0}
    for used in (set(), starts):
        assert _has_free_cue_scanned(text, a, len(text), used, para) == _has_free_cue_searched(
            text, a, len(text), used, para
        )


def test_solid_count_is_solid_chars() -> None:
    # _kind counts solid characters one by one: each one's class must be solid_chars'
    from etl.quote_direct import solid_chars
    from etl.quotes import _solid_count

    for c in range(0x110000):
        if 0xD800 <= c <= 0xDFFF:
            continue
        ch = chr(c)
        assert _solid_count(ch, 0, 1, 1) == solid_chars(ch, 0, 1), hex(c)
    text = "a “b” ‘c’ «d» \u00a0 e\u2009f \"g\" `h` 'i' ＂j＂ " * 3
    for a in range(len(text)):
        for b in range(a, len(text) + 1):
            full = solid_chars(text, a, b)
            assert _solid_count(text, a, b, full) == full
            assert _solid_count(text, a, b, 2) == min(full, 3)


def test_is_space_is_str_isspace() -> None:
    from etl.quote_marks import is_space

    for c in range(0x110000):
        assert is_space(c) == chr(c).isspace(), hex(c)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["a", "Bc", "1", " ", "  ", "\n", "\u00a0", "\u2009", "“", ",", "\x1c"]), max_size=20
    ).map("".join),
    st.integers(0, 3),
    st.integers(0, 3),
    st.integers(1, 12),
)
def test_count_words_is_split(text: str, a: int, cut: int, limit: int) -> None:
    from etl.quote_marks import count_words

    b = max(a, len(text) - cut)
    assert count_words(text, a, b, limit) == min(len(text[a:b].split()), limit)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["said", "Said", "USA", "é", "É", "İ", "ǅ", "x1", "-", " ", "’", "“"]), max_size=12
    )
)
def test_token_lower_case_is_str_lower(words: list[str]) -> None:
    from etl.quote_grammar import tokenize

    text = "".join(words)
    assert [t.low for t in tokenize(text, 0, len(text))] == [
        t.text.lower() for t in tokenize(text, 0, len(text))
    ]


_TOKEN_BITS = [
    "said",
    "Trump",
    "U.S.",
    "A.",
    "1",
    "é",
    "_",
    "’",
    "'",
    "-",
    "--",
    "&",
    ".",
    ",",
    "“",
    "”",
    "(",
    "!",
]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from([*_TOKEN_BITS, " ", " ", "  ", "\n", "\u00a0"]), max_size=14).map("".join))
def test_quote_tokens_are_the_regex_tokens(text: str) -> None:
    # tokenize reads most pieces without the regex: its tokens must be the regex's
    from etl.quote_grammar import _SPACED_TOKEN, tokenize

    want = []
    at = 0
    for chunk in _SPACED_TOKEN.findall(text):
        word = chunk.lstrip()
        at += len(chunk)
        want.append((at - len(word), at, word))
    toks = tokenize(text, 0, len(text))
    assert [(t.start, t.end, t.text) for t in toks] == want


_SCAN_BITS = [*_TOKEN_BITS, "A", "B.", "É", "ß", "İ", "٣", "ǅ", "&", "—", "‘", "a'", "'b", "\u2028", "\t"]


def _regex_tokens(text: str, start: int, end: int) -> list[tuple[int, int, str, str]]:
    from etl.quote_grammar import _SPACED_TOKEN

    out = []
    at = start
    for chunk in _SPACED_TOKEN.findall(text, start, end):
        word = chunk.lstrip()
        at += len(chunk)
        out.append((at - len(word), at, word, word.lower()))
    return out


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(st.sampled_from([*_SCAN_BITS, " ", " ", "  ", "\n", "\u00a0"]), max_size=16).map("".join),
    st.integers(0, 3),
    st.integers(0, 3),
)
def test_scanned_and_split_tokens_are_the_regex_tokens(text: str, cut_start: int, cut_end: int) -> None:
    # both tokenizers (the compiled build scans characters, the interpreted one splits pieces)
    # read any range as the regex reads it, lower case included
    from etl.quote_grammar import Tok, _scan_tokens, _tokenize_pieces

    start, end = min(cut_start, len(text)), max(min(cut_start, len(text)), len(text) - cut_end)
    want = _regex_tokens(text, start, end)
    for tokenize in (_scan_tokens, _tokenize_pieces):
        toks: list[Tok] = []
        tokenize(text, start, end, toks)
        assert [(t.start, t.end, t.text, t.low) for t in toks] == want


def test_scan_character_classes() -> None:
    from etl.quote_grammar import _OTHER, _SPACE, _WORD, _is_word, _wide_class

    for c in range(0x110000):
        ch = chr(c)
        assert _is_word(c) == (ch.isalnum() or ch == "_"), hex(c)
        if c >= 128:
            want = _SPACE if ch.isspace() else _WORD if ch.isalnum() else _OTHER
            assert _wide_class(c) == want, hex(c)


def test_mark_code_point_classes() -> None:
    from etl.quote_marks import _OPENERS_BEFORE, DOUBLE_OPEN, SINGLE_OPEN, is_alnum, opens_after

    for c in range(0x110000):
        ch = chr(c)
        assert opens_after(c) == (ch in _OPENERS_BEFORE or ch in DOUBLE_OPEN or ch in SINGLE_OPEN), hex(c)
        assert is_alnum(c) == ch.isalnum(), hex(c)


def _direction_by_strings(text: str, i: int, lo: int, hi: int) -> str:
    """The mark direction as it was read before code points (the reference for the test below)."""
    from etl.quote_marks import _OPENERS_BEFORE, DOUBLE_OPEN, SINGLE_OPEN

    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    before_ok = prev.isspace() or prev in _OPENERS_BEFORE or prev in DOUBLE_OPEN or prev in SINGLE_OPEN
    if before_ok and not nxt.isspace():
        return "open"
    if not prev.isspace() and (nxt.isspace() or not nxt.isalnum()):
        return "close"
    return "either"


def test_direction_by_code_points() -> None:
    from etl.quote_marks import _direction

    chars = " \n\u00a0\u2009aZ9é_,.-([{—–/:“”„«»‟‘’‚‹›\"'`!?"
    for p in chars:
        for n in chars:
            text = f'x{p}"{n}y'
            for lo in (0, 2):
                for hi in (3, 5):
                    assert _direction(text, 2, lo, hi) == _direction_by_strings(text, 2, lo, hi), (
                        text,
                        lo,
                        hi,
                    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b c", " ", "\n\n", '"', "“", "”", "‘", "’", "'", "''", ","]), max_size=24)
)
def test_quote_regions_merge_is_sorted(pieces: list[str]) -> None:
    from etl.quote_marks import double_regions, quote_regions, single_regions

    text = "".join(pieces)
    paras = [(0, len(text))]
    doubles = double_regions(text, paras)
    expected = sorted(doubles + single_regions(text, paras, doubles), key=lambda r: r.start)
    got = quote_regions(text, paras)
    assert [(r.start, r.end, r.open_mark, r.double) for r in got] == [
        (r.start, r.end, r.open_mark, r.double) for r in expected
    ]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 12)), max_size=8), st.integers(-3, 60))
def test_quote_map_answers_as_the_bisection(pairs: list[tuple[int, int]], pos: int) -> None:
    # the byte map answers what the bisection over span starts answered, overlapping or
    # empty spans included (quoted_spans gives sorted, disjoint ones)
    from bisect import bisect_right

    from etl.quotemarks import QuoteMap

    spans = sorted((a, a + n) for a, n in pairs)
    i = bisect_right([a for a, _ in spans], pos) - 1
    want = i >= 0 and spans[i][0] <= pos < spans[i][1]
    assert QuoteMap(spans).inside(pos) == want
