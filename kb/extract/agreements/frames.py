"""Signing and status frames: what each sentence says about the instruments it mentions.

A signing cue ("signed", "inked", "put their signatures to") opens an event whose
roles are filled from the cue's clause: the date, the place, the officials who
signed and the countries that act. The event covers the cue's objects — the
coordinated designations after it ("signed an agreement on X, a memorandum on Y and
a protocol on Z"), the designation before a passive ("The protocol was signed"), or
the items of a list the sentence opens ("signed several documents, including:") —
and nothing else in the sentence, so an older instrument named in passing keeps its
own date. Status cues ("entered into force", "ratified", "in talks on") set the
status of the nearest instrument of their clause. Cues of things still to come or
denied ("expected to be signed", "has not ratified") say nothing.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import NamedTuple

from kb.extract import gazetteer
from kb.extract.agreements.lexicon import sign_cues, status_cues
from kb.extract.agreements.model import Instrument, Reading
from kb.extract.agreements.places import dateline_place, place_by_date, place_in
from kb.extract.agreements.roles import (
    Acting,
    Clauses,
    agencies_near,
    clause_countries,
    not_done,
    signers,
    signing_date,
    subject_countries,
)
from kb.extract.context import Sentence, mentions_of

_SAME_DAY = re.compile(r"(?i)\b(?:on the same day|the same day|at the same ceremony|on the same occasion|"
                       r"alongside|at the same time)\b")
_ALSO = re.compile(r"(?i)\b(?:also|besides|other|as well|too|in addition|additionally)\b")
_SIDELINES = re.compile(r"(?i)\b(?:on|at)\s+the\s+(?:sidelines|margins?)\s+of\b|\bat\s+the\s+(?:same\s+)?"
                        r"(?:meeting|summit|conference|forum|session)\b|\b(?:during|at|in)\s+(?:these|those|the)\s+"
                        r"(?:meetings|talks|consultations|visit|sessions)\b|\b(?:at|by)\s+the\s+(?:end|close|conclusion)\s+"
                        r"of\s+the\s+(?:meeting|talks|negotiations|visit|session|summit)\b|\b(?:following|after)\s+the\s+"
                        r"(?:meeting|talks|negotiations)\b|"
                        # "The meeting ended with the two heads signing …"
                        r"\b(?:meeting|talks|visit|session|negotiations)\s+(?:ended|concluded|closed|culminated)\s+"
                        r"(?:with|in)\b")
# "BISHKEK, Feb. 6 (Xinhua) --": the date of filing, not of the news
_DATELINE_DATE = re.compile(r"[^\n.]{0,20}?(?:--|—|–|\s-\s)")
_MEETING = re.compile(r"(?i)\b(?:talks|negotiations|round|conference|summit|meeting|forum|session|visit|commission|"
                      r"met)\b")
# The signing parties told as a pair: the instruments of the last signing are theirs.
_SIDES = re.compile(r"(?i)\b(?:the\s+two|both)\s+(?:sides|administrations|countries|governments|agencies|"
                    r"parties|delegations|ministers)\b")
# "The documents were signed in Muscat": the texts of the signing told just before.
_BACK_PLURAL = re.compile(r"\W*(?:(?:The|These|Those|All|Both)\s+(?:\w+\s+)?(?:documents|agreements|memoranda|deals|"
                          r"texts|accords|MoUs|protocols|instruments|pacts)\b|They\b)")
# "The signing took place on Friday in Melbourne", "The signing ceremony was held in Rabat": the signing told before
_THE_SIGNING_HELD = re.compile(r"\W*The\s+(?:official\s+)?(?:signing|signature)(?:\s+ceremony)?\s+(?:took\s+place|"
                               r"was\s+held|happened|came)\b")
# A sentence that lists the texts a signing told just before: "Among them are …", "These include …".
_AMONG = re.compile(r"\W*(?:among\s+(?:them|these|those|the\s+\w+(?:\s+\w+)?)|(?:these|they|the\s+\w+)\s+"
                    r"include[ds]?)\b", re.I)
# A sentence whose subject is the pair of a meeting told before: the signing was at that meeting.
_SIDES_FIRST = re.compile(r"\W*(?:(?:Later|Afterwards|Then|After\s+the\s+\w+),?\s+)?(?:(?:the\s+two|both)\s+(?:sides|"
                          r"administrations|countries|governments|agencies|parties|delegations|ministers|leaders|"
                          r"heads|chiefs|officials)|the\s+(?:sides|parties|delegations))\b", re.I)
_NOT_SIGNING = re.compile(r"(?i)\s+(?:force|effect)\b")  # "entered into force" is no "entered into" a deal
# "concluded their negotiation on the FTA": the talks ended, nothing signed yet
_TALKS_AFTER = re.compile(r"(?i)\s+(?:(?:the|their|its|our)\s+)?(?:[\w-]+\s+)?(?:negotiations?|talks)\b")
# Between a cue and its first object: no other clause ("signed three documents in Quito: an agreement…",
# not "signed with A, and that a document with B").
_TO_OBJECT = re.compile(r"(?:(?![.;!?]|,\s+(?:and|but|while|which)\b|\s(?:that|which)\s)[^\n]){0,80}")
# Between two coordinated objects: ", a memorandum…", " and a protocol…", " as well as an…".
_COORDINATION = re.compile(r"\s*(?:,|;)?\s*(?:(?:and|as\s+well\s+as|plus|along\s+with|together\s+with)\s+)?"
                           r"(?:also\s+)?(?:(?:the|a|an|another|two|three|its|their)\s+)?")
_COORDINATOR = re.compile(r"\b(?:and|as\s+well\s+as|plus|along\s+with|together\s+with)\b")
# Between a designation and the passive verb after it: "The protocol was signed", "the agreement, signed in".
# "signed a protocol on … at the Kyzyl-Bel checkpoint, an agreement on …": the next item of the list after the
# rest of the first one's title
_LISTED_AFTER_TAIL = re.compile(r"[^.;:()]{0,100}?,\s*(?:and\s+)?(?:a|an|another)\s+")
_TO_PASSIVE = re.compile(r"\s*,?\s*(?:(?:which|that|was|were|is|are|has|have|had|been|being|be|also|formally|"
                         r"officially|jointly|finally|just|recently|duly)\s+)*")
# "… agreement (that) the two countries signed", "… the deal they had signed": a relative clause with its own subject
_OBJECT_RELATIVE = re.compile(r"\s+(?:that\s+|which\s+)?(?:the\s+two\s+(?:countries|sides|governments|nations|states)|"
                              r"both\s+(?:countries|sides)|they|the\s+parties)\s+(?:had\s+|have\s+|originally\s+|"
                              r"first\s+)*")
# "- Agreement on …", "1. Agreement on …", "(b) Protocol …", "2-Agreement on …" (a number joined by a dash)
_LIST_MARKER = re.compile(r"\s*(?:(?:[-–—•*·▪●]|\(?\d{1,2}[.)]|\(?[a-h][.)])(?:\s|$)|\d{1,2}\s*[-–—]\s*(?=[A-Z]))")
# "entry into force" is a fact only "since" it happened.
_ENTRY = re.compile(r"(?i)(?<!since\s)(?<!since\sits\s)(?<!since\sthe\s)\bentry\s+$")
_RANK = {None: 0, "proposed": 1, "negotiating": 2, "signed": 3, "ratified": 4, "in_force": 5, "terminated": 6}
# Implementation says an agreement is in force; a memorandum or a plan is only being carried out.
_BINDING = ("agreement", "protocol", "treaty", "convention", "arrangement")

Span = tuple[int, int, int]  # (designation start, end, instrument index)


class Cue(NamedTuple):
    start: int
    end: int
    passive: bool  # signs only the designation just before it ("a protocol agreed in March")


@dataclass
class Event:
    """A signing: its date, place, signers and acting countries."""

    date: str | None = None
    place: str | None = None
    signatories: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    instruments: list[int] = field(default_factory=list)  # signed at it
    companions: list[int] = field(default_factory=list)  # signed at the same ceremony, told before


@dataclass
class _Recent:
    """What the sentences before say: the last signing, and a list opened by a colon."""

    inst: Instrument | None = None
    event: Event | None = None
    sentence: int = -10
    list_event: Event | None = None
    list_paragraph: int = -1
    # every counted signing ("signed four documents in Riyadh on Tuesday": the texts told after are its): its
    # sentence, and the kind it counted (None: "documents", any kind)
    counts: list[tuple[int, Event, str | None]] = field(default_factory=list)

    @property
    def counted(self) -> Event | None:
        return self.counts[-1][1] if self.counts else None

    @property
    def counted_at(self) -> int:
        return self.counts[-1][0] if self.counts else -10


_COUNT_REACH = 8  # sentences after a counted signing in which the texts it counted are told one by one


def _told_after_a_count(reading: Reading, recent: _Recent) -> None:
    """"Four memoranda … were signed by Pakistan and Tajikistan on Monday." then "Under the MoU between TDAP and
    …": a text first named in the sentences after a counted signing, with no signing of its own, is one of those
    signed then."""
    if not recent.counts:
        return
    index = {s.start: k for k, s in enumerate(reading.ctx.sentences)}
    first_named: dict[int, int] = {}
    for start, spans in sorted(reading.by_sentence.items()):
        for _s, _e, i in spans:
            first_named.setdefault(i, index[start])
    for i, inst in enumerate(reading.instruments):
        n = first_named.get(i)
        count = next((c for c in reversed(recent.counts) if n is not None and 0 < n - c[0] <= _COUNT_REACH), None)
        if count is None or inst.signed or inst.older or inst.status not in (None, "signed") \
                or (inst.kind != count[2] and not inst.counted) or len(count[1].date or "") < 7:
            continue  # only a count that names the kind ("four memoranda"), signed on a day or in a month
        event = count[1]
        inst.signed, inst.signed_in = event.date or inst.signed, count[0]
        inst.place = inst.place or event.place
        _add(inst.frame_countries, event.countries)
        inst.status = "signed"


def _counted_kind(plural: str) -> str | None:
    """The kind a counted plural names: "four memoranda" counts memoranda, "documents" any kind."""
    for kind, words in (("memorandum", ("memorand", "mou")), ("agreement", ("agreement", "deal", "pact")),
                        ("protocol", ("protocol",)), ("treaty", ("treat",)), ("convention", ("convention",))):
        if any(w in plural for w in words):
            return kind
    return None


def read_frames(reading: Reading) -> None:
    """Fill every instrument's countries, agencies, status, date, place and signatories."""
    recent = _Recent()
    reading.acting = Acting(reading.ctx)
    for n in range(len(reading.ctx.sentences)):
        _read_sentence(reading, n, recent)
    _told_after_a_count(reading, recent)
    _signed_on_the_storys_day(reading)
    # A place by the date: "agreed ... in Lima on Friday" / "signs a protocol ... on Friday".
    for inst in reading.instruments:
        if inst.signed and not inst.place:
            inst.place = place_by_date(reading, inst.signed) or dateline_place(reading.ctx, inst.signed)


_ANOTHER_TIME = re.compile(r"\b(?:[Ee]arlier|[Pp]reviously|already|in\s+the\s+past|ago|[Ll]ast\s+year|once)\b")
_LEAD_SENTENCES = 2
_DAYS_BEFORE = 7


def _signed_on_the_storys_day(reading: Reading) -> None:
    """"Peru and Qatar announced on Wednesday …  The governments also signed a new investment agreement": a text
    signed in the news told, with no date of its own, was signed on the day the lead tells (within the week
    before publication)."""
    ctx = reading.ctx
    # … not "Earlier, the office signed similar agreements with Chile and Paraguay": another time
    undated = [inst for inst in reading.instruments if inst.status == "signed" and inst.signed is None
               and not inst.older and not inst.distinct and inst.mentions
               and not any(_ANOTHER_TIME.search(sent.text) for sent in
                           {ctx.sentence_at(s) for s, _ in inst.mentions} - {None})]
    if not undated or not ctx.published:
        return
    day = next((d.value for sent in ctx.sentences[:_LEAD_SENTENCES] for d in reading.dates.of(sent)
                if len(d.value) == 10 and 0 <= _days_between(d.value, ctx.published) <= _DAYS_BEFORE), None)
    for inst in undated if day else []:
        inst.signed = day


def _days_between(earlier: str, later: str) -> int:
    try:
        return (date.fromisoformat(later[:10]) - date.fromisoformat(earlier)).days
    except ValueError:
        return -1


def _read_sentence(reading: Reading, n: int, recent: _Recent) -> None:
    ctx = reading.ctx
    sent = ctx.sentences[n]
    here = reading.by_sentence.get(sent.start, [])
    colon = sent.text.rstrip().endswith(":")
    topic_event = reading.colon_events.get(reading.topic_items.get(sent.start, -1))  # "They cover: halal …;"
    item_of = _list_event(ctx, n, recent) or topic_event
    # A sentence that names no instrument matters only to a list, a plural ("signed two memoranda") or the
    # signing told just before ("Signing for Peru was X").
    if not here and _PRONOUN_OPENS.match(sent.text):
        _statuses(reading, sent, sent.text.lower(), Clauses(sent), [])  # "Its trade part has applied since …"
    if not here and not colon and sent.start not in reading.noun_sentences and not (
            recent.inst is not None and n - recent.sentence <= 2):
        return
    # Only the outermost mentions take the sentence's facts.
    outer = [(s, e, i) for s, e, i in here
             if not any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2, _ in here)]
    low = sent.text.lower()
    clauses = Clauses(sent)
    cues = _sign_cues(sent, low)
    if outer:
        _bind(reading, sent, low, clauses, here, outer)
    elif cues and _BACK_PLURAL.match(sent.text):
        _signers_of_all(reading, n, sent, clauses, cues[0], recent)
    elif cues and _THE_SIGNING_HELD.match(sent.text):
        _signers_of_all(reading, n, sent, clauses, cues[0], recent, named=False)
    elif cues and not cues[0].passive:
        # "A was the first to sign, and B added the final signature": each signing's signer
        for cue in cues:
            _signers_after(reading, n, sent, clauses, cue, recent)
    # Without an instrument of its own, a signing matters only as a list's intro or a plural's ("signed two MoUs").
    needed = outer or colon or sent.start in reading.collective
    events = _sign(reading, n, clauses, outer, cues, recent) if needed else []
    if item_of is None and not cues and outer and recent.event is not None and n - recent.sentence <= 2 \
            and _AMONG.match(sent.text):
        item_of = recent.event  # "… 14 documents were signed. Among them are an agreement on …, a memorandum …"
    if item_of is not None:
        for _s, _e, i in outer:
            _apply(reading, i, item_of, n, recent, fill_only=True)
    if colon and events and not (events[0].date or events[0].place) and recent.counted is not None \
            and 0 < n - recent.counted_at <= 6:
        # "On April 2, in Tashkent, … oversaw the handing over of signed documents. … Documents signed:": the list
        # is of that signing
        events[0].date, events[0].place = recent.counted.date, recent.counted.place
    if colon:
        recent.list_event = events[0] if events else (recent.event if n - recent.sentence <= 2 else None)
        recent.list_paragraph = sent.paragraph
        reading.colon_events[n] = recent.list_event


def _bind(reading: Reading, sent: Sentence, low: str, clauses: Clauses, here: list[Span], outer: list[Span]) -> None:
    """What a sentence says of every instrument it names: countries, agencies, status."""
    ctx = reading.ctx
    subjects = subject_countries(ctx, sent, reading.acting)
    for s, e, i in here:
        inst = reading.instruments[i]
        _add(inst.countries, clause_countries(ctx, sent, clauses, s, e, reading.acting))
        _add(inst.sentence_countries, clause_countries(ctx, sent, None, s, e, reading.acting))
        _add(inst.subjects, subjects)
    for s, _e, i in outer:
        _add(reading.instruments[i].agencies, agencies_near(ctx, sent, s))
    _statuses(reading, sent, low, clauses, outer)


def _signers_of_all(reading: Reading, n: int, sent: Sentence, clauses: Clauses, cue: Cue, recent: _Recent,
                    named: bool = True) -> None:
    """"The documents were signed by X and Y", "… were signed yesterday in Chisinau": every instrument of the signing
    told just before takes the signers, and the day and place where it has none (or only a year); "The signing
    took place on Friday": the instruments that signing signed, not all its sentence named."""
    event = recent.event
    if event is None or n - recent.sentence > 2:
        return
    here = _event(reading, sent, clauses, cue)
    also = _named_in(reading, recent.sentence) if named else []
    for i in dict.fromkeys([*event.companions, *event.instruments, *also]):
        inst = reading.instruments[i]
        _add(inst.signatories, here.signatories)
        if here.date and (not inst.signed or (len(inst.signed) < len(here.date) and here.date > inst.signed)):
            inst.signed = here.date
        inst.place = inst.place or here.place
    _add(event.signatories, here.signatories)
    if not named:  # "The signing took place on 23 June in Geneva": the day and place of that signing
        event.date, event.place = event.date or here.date, event.place or here.place


def _named_in(reading: Reading, n: int) -> list[int]:
    """The new instruments sentence `n` names: not older ones, nor one named inside another, nor one amended."""
    start = reading.ctx.sentences[n].start if 0 <= n < len(reading.ctx.sentences) else -1
    amended = {inst.amends for inst in reading.instruments if inst.amends is not None}
    return [i for _s, _e, i in reading.by_sentence.get(start, [])
            if not reading.instruments[i].older and reading.instruments[i].nested_in is None and i not in amended]


def _signers_after(reading: Reading, n: int, sent: Sentence, clauses: Clauses, cue: Cue, recent: _Recent) -> None:
    """"Signing for Peru was X…": the instrument of the sentences just before."""
    officials = signers(reading.ctx, sent, clauses, cue.start)
    if officials and recent.inst is not None and n - recent.sentence <= 2:
        _add(recent.inst.signatories, officials)
        recent.sentence = n


def _sign(reading: Reading, n: int, clauses: Clauses, outer: list[Span], cues: list[Cue],
          recent: _Recent) -> list[Event]:
    """The sentence's signing events, each applied to its objects."""
    sent = reading.ctx.sentences[n]
    events = [_event(reading, sent, clauses, cue) for cue in cues]
    for event in events:
        if not event.signatories and _TWO_HEADS.search(sent.text):
            event.signatories = _heads_told_before(reading, n)
    objects = [_objects(reading, clauses, outer, cue) for cue in cues]
    same_day = events and _SAME_DAY.search(sent.text)
    sidelines = events and _SIDELINES.search(sent.text)
    for cue, event, (found, _direct) in zip(cues, events, objects, strict=True):
        # "at the same ceremony", "alongside the customs text"; a signing told without date or place just after
        # another ("They also signed…") continues it.
        # "on the sidelines of the talks"; "… held talks in Tbilisi on Wednesday. The two sides signed …"
        if (sidelines or _SIDES_FIRST.match(sent.text)) and not (event.date and event.place):
            _meeting(reading, n, event)
        if same_day or (not (event.date or event.place) and _continues(reading, n, sent, recent)):
            _same_ceremony(reading, event, outer, found, recent)
        if not (event.date or event.place) and recent.counted is not None and 0 < n - recent.counted_at <= 6 \
                and found and not any(reading.instruments[i].older for _s, _e, i in found):
            # "… signed four cooperation documents in Riyadh on Tuesday. The SFDA and BPJPH signed a memorandum …"
            event.date, event.place = recent.counted.date, recent.counted.place
        if sent.start in reading.collective and (event.date or event.place):
            plural = " ".join(reading.text[a:b] for a, b in reading.collective[sent.start]).lower()
            recent.counts.append((n, event, _counted_kind(plural)))
        if len(event.countries) < 2 and recent.event is not None and _SIDES.search(
                reading.text, *clauses.around(cue.start)):  # "the two sides also adopted a plan"
            event.companions = event.companions or [*recent.event.companions, *recent.event.instruments]
    # A cue with objects of its own ("signed a protocol") leaves no guessing to the others in the sentence
    # ("the first such deal China ever concluded").
    syntactic = any(direct for _found, direct in objects)
    for event, (found, direct) in zip(events, objects, strict=True):
        for _s, _e, i in found:
            # A guess only confirms an instrument the sentence already signed ("and B added their signatures").
            if direct or not syntactic or reading.instruments[i].signed_in == n:
                _apply(reading, i, event, n, recent)
        if not event.date and recent.event is not None and recent.event.date and n - recent.sentence <= 2 \
                and (_BACK_PLURAL.match(sent.text) or (event.signatories and not event.place)):
            # "… signed three documents on Monday in Turkestan. The documents were signed by X and Y.": one signing
            event.date, event.place = recent.event.date, event.place or recent.event.place
            event.countries = event.countries or recent.event.countries
        if event.date or event.place or event.instruments or event.signatories:
            recent.event, recent.sentence = event, n
    return events


# "the heads of the two customs services signed", "inked by the two customs chiefs": the two named before
_TWO_HEADS = re.compile(r"(?i)\b(?:the\s+heads\s+of\s+(?:the\s+)?(?:two|both)|the\s+two\s+(?:[a-z]+\s+)?"
                        r"(?:heads|chiefs|ministers|chairmen|directors|leaders)|both\s+(?:[a-z]+\s+)?"
                        r"(?:heads|chiefs|ministers))\b")


def _heads_told_before(reading: Reading, n: int) -> list[str]:
    """The two officials of the nearest sentence before (within three) that names two or more."""
    for sent in reversed(reading.ctx.sentences[max(0, n - 3):n + 1]):
        names = list(dict.fromkeys(name for s, _e, name in mentions_of(reading.ctx).officials
                                   if sent.start <= s < sent.end))
        if len(names) >= 2:
            return names[:2]
    return []


def _continues(reading: Reading, n: int, sent: Sentence, recent: _Recent) -> bool:
    """"They also signed…" just after a signing of this article's news (not of an older instrument)."""
    last = recent.event
    return last is not None and n - recent.sentence <= 2 and bool(_ALSO.search(sent.text)) and not all(
        reading.instruments[i].older for i in last.instruments) if last else False


def _meeting(reading: Reading, n: int, event: Event) -> None:
    """The date and place of the meeting a signing was on the sidelines of: those of the last sentence before
    that tells of talks, a summit or a visit and names where they were held."""
    for sent in reversed(reading.ctx.sentences[max(0, n - 15):n + 1]):
        place = place_in(reading.ctx, sent, meeting=True) if _MEETING.search(sent.text) else None
        if place is None:
            continue
        dates = [d.value for d in reading.dates.of(sent) if "/" not in d.value or d.value[:7] == d.value[-10:-3]]
        event.place = event.place or place
        event.date = event.date or (dates[0][:7] if dates and "/" in dates[0] else dates[0] if dates else None)
        return
    # "China and Kyrgyzstan on Wednesday agreed to … The two sides signed …": the day of the lead's news
    lead = reading.ctx.sentences[0] if reading.ctx.sentences and n > 0 else None
    days = [d.value for d in reading.dates.of(lead) if len(d.value) == 10
            and not _DATELINE_DATE.match(reading.ctx.text, d.end, d.end + 30)] if lead is not None else []
    if n <= 3 and len(set(days)) == 1:
        event.date = event.date or days[0]


def _same_ceremony(reading: Reading, event: Event, outer: list[Span], found: list[Span], recent: _Recent) -> None:
    """An event told as part of another takes its date and place: those of an instrument the sentence names
    beside its objects ("alongside the customs text"), else those of the last signing."""
    others = [reading.instruments[i] for _s, _e, i in outer if (_s, _e, i) not in found]
    signed = next((inst for inst in others if inst.signed), None)
    if signed is not None:
        event.date, event.place = event.date or signed.signed, event.place or signed.place
        event.companions = [i for _s, _e, i in outer if reading.instruments[i] is signed]
    elif recent.event is not None:
        event.date, event.place = event.date or recent.event.date, event.place or recent.event.place
        event.companions = [*recent.event.companions, *recent.event.instruments]


def _add(values: list[str], new: list[str]) -> None:
    values.extend(v for v in dict.fromkeys(new) if v not in values)


def _sign_cues(sent: Sentence, low: str) -> list[Cue]:
    """Signing cues of a sentence (offsets into the article), without those still to come or denied."""
    cues, passive = sign_cues()
    out = []
    for m in cues.finditer(sent.text, low=low):
        if not_done(sent.text, m.start(), m.end()) or (
                m.group().lower().startswith("entered") and _NOT_SIGNING.match(sent.text, m.end())) \
                or (m.group().lower().startswith("conclud") and _TALKS_AFTER.match(sent.text, m.end())) \
                or _ADOPTED_ANOTHER.match(sent.text, m.end()):  # "adopted the Council decision on …"
            continue
        out.append(Cue(sent.start + m.start(), sent.start + m.end(), m.group().lower() in passive))
    return out


_SPEAKING_AT = re.compile(r"\b(?:[Ss]peaking|[Ss]poke|[Rr]emarks|[Ww]elcoming\s+\w+)\s+(?:at|during|after)\s+the\s+$")


def _event(reading: Reading, sent, clauses: Clauses, cue: Cue) -> Event:
    ctx = reading.ctx
    lo, hi = clauses.around(cue[0])
    # "Speaking at the signing, the envoy said … at Katuna": a speaker's words place nothing of the signing
    aside = _SPEAKING_AT.search(ctx.text, max(sent.start, cue[0] - 40), cue[0]) is not None
    return Event(date=signing_date(ctx, sent, reading.dates, cue[0]),
                 place=None if aside else place_in(ctx, sent, lo, hi, after=cue[1]),
                 signatories=signers(ctx, sent, clauses, cue[0]),
                 countries=clause_countries(ctx, sent, clauses, cue[0], cue[1], reading.acting))


def _objects(reading: Reading, clauses: Clauses, outer: list[Span], cue: Cue) -> tuple[list[Span], bool]:
    """The designations a signing cue is about, and whether the syntax says so: coordinated objects after it,
    the subject of a passive before it; else the nearest designation of its clause that is not an older
    instrument."""
    text = reading.text
    after = [m for m in outer if m[0] >= cue[1]] if not cue.passive else []
    before = [m for m in outer if m[1] <= cue[0]]
    found: list[Span] = []
    plural = [s for s, _e in reading.collective.get(clauses.sent.start, []) if s >= cue[1]]
    if plural and (not after or plural[0] < after[0][0]) and _TO_OBJECT.fullmatch(text, cue[1], plural[0]):
        # "signed three documents: an agreement on…, a memorandum on…" — the items are its objects, here or in
        # the list that follows.
        listed = after and ":" in text[plural[0]:after[0][0]]
        return (_chain(text, after) if listed else []), True
    # "The FTA with Ecuador, signed in Quito in March 2024, replaces …": a participle right after a designation
    # is passive, its object the designation before
    participle = bool(before) and re.fullmatch(r"\s*,\s*", text[before[-1][1]:cue[0]]) is not None
    if after and not participle and _TO_OBJECT.fullmatch(text, cue[1], after[0][0]) \
            and clauses.same(cue[0], after[0][0]):
        found = _chain(text, after)
    if before and _TO_PASSIVE.fullmatch(text, before[-1][1], cue[0]):
        found = _chain(text, list(reversed(before)), backwards=True) + found
    elif before and not found and _OBJECT_RELATIVE.fullmatch(text, before[-1][1], cue[0]):
        found = [before[-1]]  # "the partial scope agreement the two countries signed in 1998"
    if found or cue.passive:
        return found, bool(found)
    lo, hi = clauses.around(cue[0])
    near = [m for m in outer if lo <= m[0] < hi] or outer
    fresh = [m for m in near if not reading.instruments[m[2]].older] or near
    if not fresh:
        return [], False
    best = min(fresh, key=lambda m: min(abs(m[0] - cue[0]), abs(m[1] - cue[0])))
    return [m for m in fresh if m[:2] == best[:2]], False


def _chain(text: str, spans: list[Span], backwards: bool = False) -> list[Span]:
    """The first designation and those coordinated with it ("X, Y and Z"), in text order."""
    out = [spans[0]]
    for prev, nxt in itertools.pairwise(spans):
        gap = (nxt[1], prev[0]) if backwards else (prev[1], nxt[0])
        if gap[0] > gap[1] or not (_COORDINATION.fullmatch(text, *gap)
                                   or (not backwards and _LISTED_AFTER_TAIL.fullmatch(text, *gap))):
            if nxt[:2] == prev[:2]:  # one designation standing for several instruments
                out.append(nxt)
                continue
            break
        out.append(nxt)
    return out


def _apply(reading: Reading, i: int, event: Event, n: int, recent: _Recent, fill_only: bool = False) -> None:
    """An instrument signed at an event takes its date, place, signers and countries; of two signatures
    told in one sentence ("A signed in X on 15 December, B in Y on 3 April"), the later completes it."""
    inst = reading.instruments[i]
    later = inst.signed_in == n and event.date and inst.signed and len(event.date) == len(inst.signed) \
        and event.date > inst.signed
    if event.date and (inst.signed is None or later or (not fill_only and len(event.date) > len(inst.signed))):
        inst.signed, inst.signed_in = event.date, n
        inst.place = event.place or inst.place
    if event.place and (inst.place is None or not (fill_only or (inst.signed_in == n and not later))):
        inst.place = event.place
    _add(inst.signatories, event.signatories)
    _add(inst.frame_countries, event.countries)
    if not any(e is event for e in inst.events):
        inst.events.append(event)
    event.instruments.append(i)
    if _RANK["signed"] > _RANK[inst.status]:
        inst.status = "signed"
    recent.inst, recent.event, recent.sentence = inst, event, n


def _list_event(ctx, n: int, recent: _Recent) -> Event | None:
    """The signing a list item belongs to: the items after "…, including:" or "The three agreements are:"."""
    if recent.list_event is None:
        return None
    sent = ctx.sentences[n]
    first = n  # the paragraph's first sentence
    while first > 0 and ctx.sentences[first - 1].paragraph == sent.paragraph:
        first -= 1
    para_start = ctx.sentences[first]
    marked = _LIST_MARKER.match(para_start.text) is not None
    if sent.paragraph != recent.list_paragraph and not marked:
        recent.list_event = None
        return None
    if not marked:
        return None
    # A numbered item whose number is a sentence of its own ("1." then "Agreement on…").
    recent.list_paragraph = sent.paragraph
    return recent.list_event


def _statuses(reading: Reading, sent: Sentence, low: str, clauses: Clauses, outer: list[Span]) -> None:
    """Each status cue sets the status of the nearest designation of its clause, a higher status winning."""
    for status, pos in status_cues_in(sent.text, low):
        pos += sent.start
        lo, hi = clauses.around(pos)
        near = [m for m in outer if lo <= m[0] < hi]
        if not near and status in ("ratified", "in_force", "terminated"):
            # "The FTA … will be effective from August 1, after both sides completed their domestic approval
            # procedures": a ratification told in a clause of its own is of the sentence's one instrument; so is
            # "… signed in Canberra on 12 March and entered into force on 1 June"
            whole = [m for m in outer if sent.start <= m[0] < sent.end]
            near = whole if len({i for _s, _e, i in whole}) == 1 else []
        listed = _listed_after_colon(sent, pos, outer)
        if not near and not listed:
            near = _told_just_before(reading, sent, pos)  # "Its trade part has applied provisionally since …"
        if not near and not listed:
            continue
        nearest = min(near, key=lambda x: min(abs(x[0] - pos), abs(x[1] - pos))) if near else None
        ahead = [m for m in near if 0 <= m[0] - pos <= 30]
        if status == "proposed" and ahead:
            nearest = min(ahead)  # "an MoU on launching FTA talks", "will sign a protocol": the one it governs
        # "ratified the agreement on …, together with the Protocol amending …": the objects coordinated with it (by
        # a word: ", the treaty that …" after it is an apposition)
        if nearest is not None and nearest[0] >= pos:
            chain = _chain(reading.text, sorted(m for m in near if m[0] >= nearest[0]))
            listed = listed + [b for a, b in itertools.pairwise(chain)
                               if _COORDINATOR.search(reading.text, a[1], b[0]) and b not in listed]
        for s, e, i in near + listed:
            inst = reading.instruments[i]
            # "an MoU on launching FTA talks", "agreed to open free trade talks": talks still to open, whatever the
            # talks noun says of itself
            # (not "plan to sign the agreement" after talks that ended: the talks are told, the signing to come)
            opening = status == "proposed" and inst.status == "negotiating" and (s, e) == (nearest or (-1, -1))[:2] \
                and 0 <= s - pos <= 30 and not _SIGNING_PLANNED.match(sent.text, pos - sent.start)
            if ((s, e) != (nearest or (-1, -1))[:2] and (s, e, i) not in listed) \
                    or (_RANK[status] <= _RANK[inst.status] and not opening):
                continue
            if status == "in_force" and _implementation(sent.text, pos - sent.start) and (
                    inst.kind not in _BINDING or _signed_as_news(reading, inst.signed)):
                continue  # "This agreement gives our officers a legal basis …" of one signed this week: what it does
            inst.status = status


def _signed_as_news(reading: Reading, signed: str | None) -> bool:
    """Whether an instrument was signed in the month before the article: its signing is the news."""
    published = reading.ctx.published
    if not signed or not published or len(signed) < 7:
        return False
    try:
        gap = (date.fromisoformat(published[:10]) - date.fromisoformat((signed + "-01")[:10])).days
    except ValueError:
        return False
    return 0 <= gap <= 31


_SIGNING_PLANNED = re.compile(r"(?i)[\w ]{0,20}?\b(?:sign|signing|signature)\b")
_PRONOUN_OPENS = re.compile(r"\W*(?:It|Its|Their|They)\b")


def _told_just_before(reading: Reading, sent: Sentence, pos: int) -> list[Span]:
    """A sentence that opens with "It"/"Its" and names no instrument tells of the one the sentence before named,
    when that one named a single instrument."""
    if not _PRONOUN_OPENS.match(sent.text) or pos - sent.start > 80:
        return []
    before = [s for s in reading.ctx.sentences if s.end <= sent.start]
    if not before:
        return []
    spans = reading.by_sentence.get(before[-1].start, [])
    return spans[-1:] if len({i for _s, _e, i in spans}) == 1 else []


def _listed_after_colon(sent: Sentence, pos: int, outer: list[Span]) -> list[Span]:
    """"Two trade deals took effect on July 1: its FTA with Ecuador and its CEPA with the UAE": each instrument
    the colon lists has the status told before it."""
    colon = sent.text.find(":", pos - sent.start)
    if colon < 0 or colon - (pos - sent.start) > 60 or any(pos < m[0] < sent.start + colon for m in outer):
        return []
    return [m for m in outer if sent.start + colon < m[0] < sent.end]


def _implementation(text: str, pos: int) -> bool:
    return bool(re.match(r"(?i)(?:(?:being|been|began|begun|started|now|are|is|currently)\s+)?(?:implement|appl)|"
                         r"operational|governs|"
                         r"provisionally|legal\s+basis|remains", text[pos:]))


def status_cues_in(text: str, low: str) -> list[tuple[str, int]]:
    """The status cues of a sentence (the longest cue where two start together: "start negotiations on" over
    "negotiations on"); cues still to come or denied do not count."""
    cues, status_of = status_cues()
    out = []
    for m in cues.finditer(text, low=low):
        status, s = status_of[m.group().lower()], m.start()
        if status not in ("proposed", "negotiating") and not_done(text, s, m.end()):
            continue
        if status == "in_force" and _ENTRY.search(text, max(0, s - 30), s):  # "upon entry into force"
            continue
        if status == "negotiating" and _TALKS_SHOULD_OPEN.match(text, m.end()):
            status = "proposed"  # "it was agreed that talks on a free trade agreement should open in April"
        if status == "signed" and _ADOPTED_ANOTHER.match(text, m.end()):
            continue  # "Ministers adopted the Council decision on the signature of the CEPA": a decision adopted
        if m.group().lower().endswith(" the"):
            s = m.end()  # "The 2026 Agreement replaced the 2009 memorandum": the one replaced comes after
        out.append((status, s))
    # "kinnow enters duty-free during the season under the PTA signed in 2012": goods move under it now
    out += [("in_force", m.end() - 1) for m in (*_MOVES_UNDER.finditer(text), *_NOW_UNDER.finditer(text))]
    out += [("in_force", m.start()) for m in _CUT_DUTIES.finditer(text)
            if not not_done(text, m.start(), m.end())]  # "will remove duties" is still to come
    # "The Mexican Senate has approved the Protocol …": a legislature's approval is the ratification
    out += [("ratified", m.start("verb")) for m in _legislature_approved().finditer(text)
            if not not_done(text, m.start("verb"), m.end())]
    return out


@cache
def _legislature_approved() -> re.Pattern[str]:
    names = "|".join(re.escape(n) for n in sorted(gazetteer.agency_patterns().get("legislatures", []), key=len,
                                                    reverse=True))
    return re.compile(rf"\b(?:{names}|lawmakers|legislators|senators|MPs)\b[^.;]{{0,40}}?\b(?P<verb>approved|"
                      rf"endorsed|passed|voted\s+(?:for|in\s+favou?r\s+of|to\s+approve))\b")


_TALKS_SHOULD_OPEN = re.compile(r"(?i)[^.;]{0,60}?\b(?:should|would|will|are\s+to|are\s+expected\s+to|"
                                r"is\s+expected\s+to|are\s+due\s+to|could)\s+(?:open|start|begin|be\s+launched|"
                                r"get\s+under\s+way)\b")
_ADOPTED_ANOTHER = re.compile(r"(?i)(?<=adopted)\s+(?:the|a|an|its|their)\s+(?:[\w-]+\s+){0,2}?(?:decision|decisions|"
                              r"regulation|resolution|mandate|position|conclusions|directive|report|budget)\b")
_MOVES_UNDER = re.compile(r"(?i)\b(?:duty[- ]free|tariff[- ]free|zero[- ]tariff|zero[- ]duty|preferential\s+"
                          r"(?:access|tariffs?|rates?)|lower\s+tariffs?|(?:are|is|was|were)\s+(?:sent|made|shipped|"
                          r"exported|imported|traded|exchanged|granted|issued|carried\s+out)|bought|sold|shipped|"
                          r"exported|imported|exports|imports|ships|sells|launched|cooperated|co-operated|worked|"
                          r"progress\s+(?:made|achieved)|"
                          r"projects?\s+(?:carried\s+out|implemented))\b"
                          # "the progress made under the partnership agreement"
                          r"[^.;:]{0,50}?\bunder\s+(?:the\s+|an?\s+)?")
# "Under the Agreement on joint customs control signed in 2025, officers now work in a single facility"
_NOW_UNDER = re.compile(r"\b[Uu]nder\s+(?:the\s+|an?\s+)?(?=[^.;]{0,160},\s+[^.;]{0,60}\b(?:now|currently)\b)")
# "the IJEPA, signed in 2007, removed import duties": an agreement that has cut duties is applied
_CUT_DUTIES = re.compile(r"(?i)\b(?:removed|eliminated|abolished|cut|scrapped|lowered|reduced)\s+(?:\w+\s+){0,2}"
                         r"(?:duties|tariffs)\b")
