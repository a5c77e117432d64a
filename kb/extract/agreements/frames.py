"""Signing and status frames: what each sentence says about the instruments it mentions.

A signing cue ("signed", "inked", "put their signatures to") opens a frame whose
roles are filled from the sentence: the instrument (the cue's object, else the
nearest mention), the date, the place, the officials who signed. Status cues
("entered into force", "ratified", "in talks on") set the status of the nearest
instrument. Cues of things still to come ("expected to be signed") sign nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.extract.agreements.lexicon import sign_cues, status_cues
from kb.extract.agreements.model import Instrument, Reading
from kb.extract.agreements.places import dateline_place, place_by_date, place_in
from kb.extract.context import ArticleContext, Sentence, mentions_of
from kb.extract.countries import is_destination
from kb.extract.phrases import Caseless

# Witnesses of a signing: named before "looked on" / "witnessed", or after "in the presence of".
_LOOKED_ON = re.compile(r"(?i)\b(?:looked on|witnessed|attended|oversaw|watched)\b(?!\s+by\b)")
_WITNESSES_AFTER = re.compile(r"(?i)\b(?:in (?:the )?presence of|witnessed by|attended by|overseen by|"
                              r"watched by|looked on by)\b")
_SAME_DAY = re.compile(r"(?i)\b(?:on the same day|the same day|at the same ceremony|on the same occasion|"
                       r"alongside|at the same time)\b")
# A signing or entry into force still to come ("expected to be signed", "agreed to sign",
# "will enter into force"), or a round of talks concluded: no signature.
_NOT_YET = re.compile(r"(?i)\b(?:to|be|will|would|shall|not|yet|plans?|expected|set|intends?|ready)\s+$")
_ROUND = re.compile(r"(?i)\s+(?:(?:the|a|an|its|their)\s+)?(?:[\w-]+\s+){0,2}?(?:round|rounds|talks|negotiations|"
                    r"consultations)\b")
_AT_PLACE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?(?:[A-Z]\w+\s+)?(?:city\s+of\s+)?$")
_IN_PLACE_COMMA = re.compile(r"\bin\s+[A-Z]\w+,\s*$")
_RANK = {None: 0, "proposed": 1, "negotiating": 2, "signed": 3, "ratified": 4, "in_force": 5, "terminated": 6}

Span = tuple[int, int, int]  # (designation start, end, instrument index)


@dataclass
class _LastSigning:
    """The instrument most recently signed, for the sentences that follow ("It was signed by…")."""

    inst: Instrument | None = None
    sentence: int = -10


def read_frames(reading: Reading) -> None:
    """Fill every instrument's countries, agencies, status, date, place and signatories."""
    last = _LastSigning()
    for n, sent in enumerate(reading.ctx.sentences):
        _read_sentence(reading, n, sent, last)
    # A place by the date: "agreed ... in Lima on Friday" / "signs a protocol ... on Friday".
    for inst in reading.instruments:
        if inst.signed and not inst.place:
            inst.place = place_by_date(reading, inst.signed) or dateline_place(reading.ctx, inst.signed)


def _read_sentence(reading: Reading, n: int, sent: Sentence, last: _LastSigning) -> None:
    ctx = reading.ctx
    here = reading.by_sentence.get(sent.start, [])
    # Only the outermost mentions take the sentence's facts.
    outer = [(s, e, i) for s, e, i in here
             if not any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2, _ in here)]
    low = sent.text.lower()
    cues = [(sent.start + m.start(), sent.start + m.end()) for m in sign_cues().finditer(sent.text, low=low)
            if not _not_done(sent.text, m.start(), m.end())]
    officials = _signers(ctx, sent)
    if not outer:
        # "Signing for Peru was X…": the instrument of the sentences just before.
        if cues and officials and last.inst is not None and n - last.sentence <= 2:
            _add(last.inst.signatories, officials)
            last.sentence = n
        return
    recs = reading.instruments
    for s, e, i in here:
        _add(recs[i].countries, _sentence_countries(ctx, sent, s, e))
    for s, _e, i in outer:
        _add(recs[i].agencies, _agencies_near(ctx, sent, s))
    _statuses(reading, sent, low, outer)
    if cues:
        _sign(reading, n, sent, outer, cues, officials, last)


def _add(values: list[str], new: list[str]) -> None:
    values.extend(v for v in dict.fromkeys(new) if v not in values)


def _statuses(reading: Reading, sent: Sentence, low: str, outer: list[Span]) -> None:
    """Each status cue sets the status of the nearest mention, a higher status winning."""
    for status, pos in status_cues_in(sent.text, low, status_cues()):
        pos += sent.start
        nearest = min(outer, key=lambda x: min(abs(x[0] - pos), abs(x[1] - pos)))
        for s, e, i in outer:
            inst = reading.instruments[i]
            if (s, e) == nearest[:2] and _RANK[status] > _RANK[inst.status]:
                inst.status = status


def _sign(reading: Reading, n: int, sent: Sentence, outer: list[Span], cues: list[tuple[int, int]],
          officials: list[str], last: _LastSigning) -> None:
    """A signing frame: its instrument takes the sentence's date, place and signers."""
    ctx = reading.ctx
    for _s, _e, i in _sign_targets(outer, cues):
        inst = reading.instruments[i]
        when = _date(ctx, sent, reading, cues[0][0])
        if when is None and _SAME_DAY.search(sent.text) and last.inst is not None:
            when = last.inst.signed
            inst.place = inst.place or last.inst.place
        if when and (inst.signed is None or len(when) > len(inst.signed)):
            inst.signed = when
        place = place_in(ctx, sent)
        if place:
            inst.place = place
        _add(inst.signatories, officials)
        if inst.status is None:
            inst.status = "signed"
        last.inst, last.sentence = inst, n


def _not_done(text: str, start: int, end: int) -> bool:
    if _NOT_YET.search(text[max(0, start - 14):start]):
        return True
    return text[start:end].lower().startswith("conclud") and bool(_ROUND.match(text, end))


def status_cues_in(text: str, low: str, statuses: list[tuple[str, Caseless]]) -> list[tuple[str, int]]:
    """The status cues of a sentence: a longer cue wins over one inside it ("start negotiations
    on" over "negotiations on"); signings and entries into force still to come do not count."""
    found = [(status, m.start(), m.end()) for status, cue in statuses for m in cue.finditer(text, low=low)]
    out = []
    for status, s, e in found:
        if any(s2 <= s and e <= e2 and (s2, e2) != (s, e) for _, s2, e2 in found):
            continue
        if status in ("signed", "in_force") and _not_done(text, s, e):
            continue
        out.append((status, s))
    return out


def _sign_targets(outer: list[Span], cues: list[tuple[int, int]]) -> list[Span]:
    """The mentions a signing verb is about: its object ("signing a protocol"), else the nearest."""
    if len({i for *_, i in outer}) <= 1:
        return outer
    objects = [m for m in outer if any(0 <= m[0] - ce <= 12 for _, ce in cues)]
    if objects:
        return [m for m in outer if m[:2] == objects[0][:2]]
    nearest = min(outer, key=lambda m: min(min(abs(m[0] - cs), abs(m[1] - cs)) for cs, _ in cues))
    return [m for m in outer if m[:2] == nearest[:2]]


def _signers(ctx: ArticleContext, sent: Sentence) -> list[str]:
    names: list[str] = []
    looked = _LOOKED_ON.search(sent.text)
    witnesses = _WITNESSES_AFTER.search(sent.text)
    for s, _e, name in mentions_of(ctx).officials:
        if not (sent.start <= s < sent.end):
            continue
        if witnesses and s >= sent.start + witnesses.end():
            continue
        if looked and s < sent.start + looked.start() and not re.search(
                r"(?i)\bsign", sent.text[s - sent.start:looked.start()]):
            continue
        if name not in names:
            names.append(name)
    return names


def _agencies_near(ctx: ArticleContext, sent: Sentence, start: int) -> list[str]:
    """Agencies of the clause after a mention ("a MoU that A signed with B"), else of the sentence."""
    def names(lo: int) -> list[str]:
        return list(dict.fromkeys(m.name for m in mentions_of(ctx).agencies if lo <= m.start < sent.end))
    after = names(start)
    return after if len(after) >= 2 else names(sent.start)


def _sentence_countries(ctx: ArticleContext, sent: Sentence, start: int, end: int) -> list[str]:
    """Countries a sentence binds to an instrument: not places of signing, not destinations, not titles."""
    spans = [(s, e) for s, e, _ in mentions_of(ctx).titles] + [(m.start, m.end) for m in mentions_of(ctx).agencies]
    out = []
    for c in ctx.countries_in(sent.start, sent.end):
        if start <= c.start < end:
            out.append(c.code)
            continue
        before = ctx.text[max(sent.start, c.start - 30):c.start]
        if _AT_PLACE.search(before) and c.form != "adjective":
            continue
        if c.form == "name" and _IN_PLACE_COMMA.search(before):
            continue
        if any(s <= c.start < e for s, e in spans) or is_destination(ctx.text, c):
            continue
        out.append(c.code)
    return list(dict.fromkeys(out))


def _date(ctx: ArticleContext, sent: Sentence, reading: Reading, cue_pos: int) -> str | None:
    inside = [d for d in reading.dates.of(sent) if "/" not in d.value
              and not re.search(r"(?i)\b(?:since|until|from|by)\s+$", ctx.text[max(0, d.start - 7):d.start])]
    if not inside:
        return None
    after = [d for d in inside if d.start >= cue_pos]
    best = min(after or inside, key=lambda d: abs(d.start - cue_pos))
    return best.value
