"""Find agreements, protocols, memoranda… with parties, date, place, signatories and status.

The stage reads an article in named steps over one `Reading`:

1. `mentions` — kind nouns ("protocol", "memorandum of understanding", "MRA")
   widened to the article's designation;
2. `resolve` — each mention is a new instrument, one named before ("the
   document", "the deal"), or one instrument per member of a list;
3. `frames` — signing and status cues fill each instrument's date, place,
   signatories, status, countries and agencies from its sentences, with the
   roles of the cue's clause (`roles`) and the place of signing (`places`);
4. `records` — parties (`parties`), party agencies and names, as kb-facts/1
   records.

`lexicon` compiles the data files (`agreement_kinds.yaml`, `places.yaml`);
`model` holds the working objects (`Instrument`, `Mention`, `Reading`).
"""

from __future__ import annotations

import re

from kb.extract.agreements.frames import read_frames
from kb.extract.agreements.mentions import find_mentions
from kb.extract.agreements.model import Instrument, Mention, Reading
from kb.extract.agreements.records import records
from kb.extract.agreements.resolve import merge_generic, nesting, resolve, those_with, year_before
from kb.extract.agreements.topics import inline_topic_items, topic_items
from kb.extract.context import ArticleContext, Sentence, mentions_of
from kb.facts import Agency, Agreement

__all__ = ["extract_agreements", "prune_governments_in_names"]


def extract_agreements(ctx: ArticleContext) -> list[Agreement]:
    reading = Reading(ctx)
    found = find_mentions(ctx)
    for n in range(len(ctx.sentences)):
        if n in found:
            _resolve_sentence(reading, ctx.sentences[n], found[n])
        inline_topic_items(reading, n)
    reading.topic_items = topic_items(reading)
    merge_generic(reading)
    nesting(reading)
    read_frames(reading)
    year_before(reading)
    _amended_apply(reading)
    _signed_long_ago_applies(reading)
    _headline_status(reading)
    mentions_of(ctx).agreements[:] = sorted(span for inst in reading.instruments for span in inst.mentions)
    return records(reading)


def _amended_apply(reading: Reading) -> None:
    """"an additional protocol to Economic Complementation Agreement No. 6": a text being amended is applied
    already, when the article tells of it no other way."""
    year = (reading.ctx.published or "")[:4]
    insts = reading.instruments
    for inst in insts:
        # the one it amends, or the one its name holds ("protocol to Agreement No. 6")
        held = [t for t in insts if t.nested_in is not None and insts[t.nested_in] is inst and inst.kind == "protocol"]
        for target in ([insts[inst.amends]] if inst.amends is not None else []) + held:
            if target.status in (None, "signed") and (target.signed is None or target.signed[:4] < year):
                target.status = "in_force"


# words of an instrument that does not yet apply: "yet to be ratified", "awaiting ratification", "once it enters"
_PENDING = re.compile(r"\b(?:ratif\w*|yet\s+to|not\s+yet|await\w*|pending|once|will\s+(?:enter|take|come)|"
                      r"expected\s+to\s+(?:enter|take|come)|enter(?:s|ing)?\s+into\s+force|before\s+it\s+can|"
                      r"suspend\w*|terminat\w*|withdr[ae]w\w*|expire\w*|stalled|froz\w*)\b", re.I)


# "Iraq exports crude to Jordan … under a separate agreement", "the agreement signed in 2025 by … allowing Colombia
# to export": trade that an instrument governs or allows
_TRADED_UNDER = re.compile(r"\b(?:export\w*|import\w*|ship\w*|suppl\w*|sold|sells?|trad\w*|deliver\w*)\b[^.;]{0,120}?"
                           r"\b(?:under|within\s+the\s+framework\s+of|pursuant\s+to)\s+(?:the\s+|a\s+|an\s+|its\s+|"
                           r"their\s+)?(?:[\w-]+\s+){0,4}$", re.I)
# "the existing framework for cooperation, including the memorandum signed in 2022": one that is in place
# "the centre's operations under the customs cooperation agreement that Jordan and Iraq signed in 2022", "the MoU …
# signed in 2019, which he said gives us the legal basis to act": work that goes on under a text
_WORK_UNDER = re.compile(r"\b(?:under|pursuant\s+to)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,4}$", re.I)
# "the memorandum, which develops the Agreement … signed in 2019": a newer text builds on one that applies
_DEVELOPED = re.compile(r"\b(?:develops|developing|builds\s+on|building\s+on|supplements|supplementing|"
                        r"complements|implements|implementing|is\s+based\s+on|based\s+on)\s+(?:the\s+)?$", re.I)
_LEGAL_BASIS = re.compile(r"\blegal\s+basis\b", re.I)
_EXISTING = re.compile(r"\b(?:existing|long-standing|standing|current)\s+(?:[\w-]+\s+){0,6}?"
                       r"(?:framework|arrangements?|agreements?|accords?|treaty|cooperation|mechanism)\b[^.;]{0,80}$",
                       re.I)
_BINDING = ("agreement", "treaty", "convention", "protocol")
# "in line with the Mexico-United States-Canada Agreement", "the Customs Union, governed by the …"
_FRAMED_BY = re.compile(r"\b(?:in\s+line\s+with|in\s+accordance\s+with|in\s+compliance\s+with|"
                        r"as\s+provided\s+(?:for\s+)?(?:by|in|under)|governed\s+by|members?\s+of)\s+(?:the\s+)?"
                        r"(?:[\w-]+\s+){0,3}$", re.I)
# "Traders are keen to begin trading under the agreement": trade wished for, not going on
_WISHED = re.compile(r"\b(?:keen|eager|hopes?|hoping|plans?|planning|wants?|wanting|aims?|aiming|seeks?|seeking|"
                     r"expects?|expected|will|would|could|to\s+begin|to\s+start)\b", re.I)
# "…, in force since 2018,", "which has been in force since 2016", "(in effect since 2021)"
_IN_FORCE_SINCE = re.compile(r"[\s,(]*(?:(?:which|that)\s+(?:has|have)\s+been\s+|now\s+)?in\s+(?:force|effect)\s+"
                             r"since\b", re.I)
_IMPLEMENTED = re.compile(r"\bimplementation\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$", re.I)
_ALLOWING = re.compile(r"[^.;,]{0,140}?\ballowing\b|\s*,?\s*(?:which|that)\s+(?:allows|permits)\b", re.I)


def _months_between(earlier: str, later: str) -> int:
    """Whole months from one ISO date (a year, a month or a day) to another; a bare year counts from its middle."""
    if len(earlier) < 4 or len(later) < 7:
        return 0
    month = int(earlier[5:7]) if len(earlier) >= 7 else 6
    return (int(later[:4]) - int(earlier[:4])) * 12 + int(later[5:7]) - month


def _signed_over_a_year_before(inst: Instrument, published: str | None) -> bool:
    """An instrument signed more than a year before the story, told in passing, applies; not one that amends
    another, which is the story's news."""
    return bool(inst.signed) and inst.amends is None and _months_between(inst.signed, published or "") > 12


def _signed_long_ago_applies(reading: Reading) -> None:
    """"Iraq exports crude to Jordan under a separate agreement signed in 2019": an instrument signed in an earlier
    year than the article's that a sentence says trade goes on under or is allowed by, and that none says is still
    to apply or has ended, applies."""
    year = (reading.ctx.published or "")[:4]
    text = reading.ctx.text
    for inst in reading.instruments:
        if inst.status != "signed" or not inst.signed or not year or inst.signed[:4] >= year:
            continue
        sentences = {reading.ctx.sentence_at(s) for s, _ in inst.mentions} - {None}
        if any(_PENDING.search(text, sent.start, sent.end) for sent in sentences):
            continue
        if any(_TRADED_UNDER.search(text, max(0, s - 170), s) or _ALLOWING.match(text, e)
               or _EXISTING.search(text, max(0, s - 120), s) or _DEVELOPED.search(text, max(0, s - 40), s)
               # (a memorandum "under" which the sides "aim to" act sets out plans, not work under way)
               or (inst.kind in _BINDING and _WORK_UNDER.search(text, max(0, s - 60), s))
               for s, e in inst.mentions) or any(_LEGAL_BASIS.search(sent.text) for sent in sentences) \
                or _signed_over_a_year_before(inst, reading.ctx.published):
            inst.status = "in_force"
    for inst in reading.instruments:
        if inst.status is not None:
            continue
        # "exchange information on the implementation of the AfCFTA Agreement": a text being carried out applies
        if inst.kind in ("agreement", "treaty", "convention") and any(
                _IMPLEMENTED.search(text, max(0, s - 40), s) for s, _ in inst.mentions):
            inst.status = "in_force"
        # "already trades with PNG under the Melanesian Spearhead Group Trade Agreement", "in line with the T-MEC",
        # "in force since 2018": a text named as the frame trade or work goes on in, with no step told of it
        sentences = {reading.ctx.sentence_at(s) for s, _ in inst.mentions} - {None}
        if any(_PENDING.search(text, sent.start, sent.end) and not _IN_FORCE_SINCE.search(sent.text)
               for sent in sentences):
            continue
        if any(((_TRADED_UNDER.search(text, max(0, s - 170), s) or _FRAMED_BY.search(text, max(0, s - 40), s)
                 or _WORK_UNDER.search(text, max(0, s - 60), s))
                and not _WISHED.search(text, max(0, s - 90), s)) or _IN_FORCE_SINCE.match(text, e)
               for s, e in inst.mentions) \
                or _signed_over_a_year_before(inst, reading.ctx.published):  # "the 2013 memorandum"
            inst.status = "in_force"


# A headline's step beyond signing ("Parliament Ratifies Ghana-Togo Customs Agreement", "EU-Chile pact enters into
# force"), not one to come ("set to ratify", "will enter into force", "rejects ratification")
_HEADLINE_STEPS = (("in_force", re.compile(r"(?<!to )(?<!will )(?<!set to )\b(?:enters|entered|comes|came)\s+into\s+"
                                           r"(?:force|effect)\b|(?<!to )(?<!will )\b(?:takes|took)\s+effect\b", re.I)),
                   ("ratified", re.compile(r"(?<!to )(?<!will )(?<!set to )\b(?:ratifies|ratified)\b|"
                                           # "Law on ratification of Russian-Uzbek agreement …"
                                           r"\b(?:law|act|decree)\s+on\s+(?:the\s+)?ratification\b", re.I)))
_RANK = {None: 0, "proposed": 1, "negotiating": 2, "signed": 3, "ratified": 4, "in_force": 5}


def _headline_status(reading: Reading) -> None:
    """A headline that tells of one instrument's ratification or entry into force sets its status when the body
    names one instrument of the headline's kind and says less."""
    title = reading.ctx.document.title or ""
    step = next((status for status, pattern in _HEADLINE_STEPS if pattern.search(title)), None)
    if step is None:
        return
    kinds = [inst for inst in reading.instruments if not inst.older
             and re.search(rf"\b{re.escape(inst.kind)}", title, re.I)]
    if len(kinds) == 1 and _RANK.get(kinds[0].status, 6) < _RANK[step]:
        kinds[0].status = step


def _resolve_sentence(reading: Reading, sent: Sentence, mentions: list[Mention]) -> None:
    """The instruments a sentence's designations stand for, and where it names each."""
    reading.noun_sentences.add(sent.start)
    found: list[tuple[int, int]] = []
    for mention in mentions:
        indices = resolve(reading, mention)
        if not indices and mention.info["plural"]:  # "signed three documents": the object of a signing
            reading.collective.setdefault(sent.start, []).append((mention.start, mention.end))
        # each where this mention put it ("… by a protocol signed in …, the `Protocol`": both places)
        found += [(index, len(reading.instruments[index].mentions) - 1) for index in indices]
    found += [(index, -1) for index in those_with(reading, sent)]
    for index, at in found:
        span = reading.instruments[index].mentions[at]
        reading.by_sentence.setdefault(sent.start, []).append((*span, index))


_ON_BEHALF = re.compile(r"\bon\s+behalf\s+of\s+(?:the\s+)?$", re.I)


def prune_governments_in_names(ctx: ArticleContext) -> list[Agency]:
    """A government named only inside an instrument's name ("Agreement between the Government of X
    and ...") is a party to it, not an agency acting in the article."""
    mentions = mentions_of(ctx)
    spans = mentions.agreements
    dropped = set()
    parties = {name for rec in ctx.agreements for name in rec.party_agencies or []}
    for a in ctx.agencies:
        if a.name in parties:  # "between the Commission and the Government of X": a party
            continue
        found = [m for m in mentions.agencies if m.name == a.name]
        # … or one a text is signed "on behalf of": the formula names the party, no body acting
        if a.kind == "government" and found and all(
                any(s <= m.start and m.end <= e for s, e in spans)
                or _ON_BEHALF.search(ctx.text, max(0, m.start - 20), m.start) for m in found):
            dropped.add(a.name)
    if not dropped:
        return ctx.agencies
    for rec in ctx.agreements:
        if rec.party_agencies and set(rec.party_agencies) & dropped:
            rec.party_agencies = [n for n in rec.party_agencies if n not in dropped]
    for o in ctx.officials:
        if o.agency in dropped:
            o.agency = None
    mentions.agencies[:] = [m for m in mentions.agencies if m.name not in dropped]
    return [a for a in ctx.agencies if a.name not in dropped]
