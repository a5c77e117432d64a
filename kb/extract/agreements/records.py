"""From instruments to kb-facts/1 agreement records: name, parties, amends, evidence."""

from __future__ import annotations

import re

from kb.extract import gazetteer
from kb.extract.agreements.lexicon import drop_words, nouns
from kb.extract.agreements.model import Instrument, Reading
from kb.extract.agreements.parties import Cast, counted_parties, parties, party_agencies
from kb.extract.context import ArticleContext, Sentence
from kb.extract.countries import codes_in, find_countries
from kb.facts import Agreement


def records(reading: Reading) -> list[Agreement]:
    ctx = reading.ctx
    cast = Cast.of(ctx)
    out: list[Agreement] = []
    for inst in reading.instruments:
        agencies = party_agencies(ctx, inst, cast)
        codes = counted_parties(ctx, inst, parties(ctx, inst, agencies, cast), cast.main)
        sent = reading.sentence_at(min(inst.mentions)[0])
        codes = _two_when_bilateral(ctx, inst, codes, sent, cast)
        if len(agencies) >= 2 and all(cast.agencies[a].kind == "international" for a in agencies) \
                and not any(c.form != "bloc" for c in find_countries(inst.name, ctx.published)):
            codes = []  # "an MoU between ECOWAS and the WAEMU Commission": the bodies bind themselves, not members
        out.append(Agreement(name=name(inst, agencies, codes, ctx.document.title), kind=inst.kind, parties=codes,
                             party_agencies=agencies, signed=inst.signed, place=inst.place,
                             signatories=inst.signatories, status=inst.status,
                             evidence=[ctx.evidence_for(sent)] if sent else []))
    for i, (rec, inst) in enumerate(zip(out, reading.instruments, strict=True)):
        # Instruments signed at one ceremony bind the same parties.
        partner = next((out[j] for event in inst.events for j in (*event.companions, *event.instruments)
                        if j != i and len(out[j].parties) >= 2), None)
        if partner is not None and len(rec.parties) < 2 and not rec.party_agencies:
            rec.parties = partner.parties
        if partner is not None and not rec.party_agencies and partner.party_agencies:
            rec.party_agencies = partner.party_agencies
    for i, (rec, inst) in enumerate(zip(out, reading.instruments, strict=True)):
        # "the protocol on Azerbaijan's accession to the Treaty on a Free Trade Area": a protocol to a text binds
        # that text's parties (with the one it admits)
        held = next((out[k] for k, t in enumerate(reading.instruments) if t.nested_in == i), None)
        if inst.kind != "protocol" or held is None or len(held.parties) < 2:
            continue
        if _ACCESSION.search(inst.name):
            rec.parties = sorted({*held.parties, *rec.parties})
        elif set(rec.parties) < set(held.parties):
            rec.parties = list(held.parties)
    for rec, inst in zip(out, reading.instruments, strict=True):
        if inst.amends is not None:
            amended = out[inst.amends]
            rec.amends = amended.name
            # An amending protocol and the agreement it amends bind the same parties.
            if len(amended.parties) < 2 <= len(rec.parties):
                amended.parties = rec.parties
            elif len(rec.parties) < 2 <= len(amended.parties):
                rec.parties = amended.parties
    out = _amended_told_before(out, reading.instruments)
    # "The Senate ratified the agreement", "a draft agreement will be prepared": a bare noun binding no one
    # and named by nothing is no instrument a reader could find again
    amended_names = {rec.amends for rec in out if rec.amends}
    kept = [rec for rec in out if rec.parties or rec.party_agencies or rec.signatories or rec.signed
            or rec.name in amended_names or not _bare(rec.name)]
    for rec in kept:
        # "the memorandum on cargo manifest data", with no country near it: an instrument binds someone, and in a
        # story about two countries it is those two (not a bloc's or an international body's instrument)
        if not rec.parties and len(cast.main) >= 2 and not _multilateral(ctx, rec, cast):
            rec.parties = sorted(cast.main[:2])
    return kept


_ACCESSION = re.compile(r"(?i)\baccession\b")


def _amended_told_before(out: list[Agreement], insts: list[Instrument]) -> list[Agreement]:
    """"The Transit Agreement between A, B, C and D (the Transit Agreement) … A Protocol amending the Transit
    Agreement …; A and C have notified …": the agreement amended, read apart from the one of that name (or alias)
    the story told first, is that one, and its protocol binds all its parties."""
    dropped: set[int] = set()
    for rec, inst in zip(out, insts, strict=True):
        j = inst.amends
        if j is None:
            continue
        called = insts[j].name.casefold()
        first = next((k for k, other in enumerate(insts) if k != j and k not in dropped
                      and set(out[j].parties) < set(out[k].parties) and _called(other, called)), None)
        if first is None:
            continue
        rec.parties, rec.amends = list(out[first].parties), out[first].name
        if not (out[j].signed or out[j].place or out[j].signatories):
            dropped.add(j)
    return [rec for i, rec in enumerate(out) if i not in dropped]


def _called(inst: Instrument, name: str) -> bool:
    """Whether an instrument goes by `name` (casefolded): its name, an alias, or the head of its full title
    ("Transit Agreement" of "Transit Agreement between Kenya, Uganda, …")."""
    return any(n.casefold() == name or n.casefold().startswith(f"{name} between ")
               for n in (inst.name, *inst.aliases))


_BILATERAL = re.compile(r"(?i)\bbilateral\b")


def _two_when_bilateral(ctx: ArticleContext, inst: Instrument, codes: list[str], sent: Sentence | None,
                        cast: Cast) -> list[str]:
    """"a bilateral trade agreement" binds two countries: the two its first sentence names, else the story's two
    (not the members of a bloc both belong to, named later)."""
    if len(codes) <= 2 or not _BILATERAL.search(inst.name):
        return codes
    named = [c.code for c in ctx.countries_in(sent.start, sent.end) if c.form != "bloc" and c.code in codes] \
        if sent is not None else []
    pair = list(dict.fromkeys(named))
    if len(pair) != 2:
        pair = [c for c in cast.main if c in codes][:2]
    return sorted(pair) if len(pair) == 2 else codes


_FEW_COUNTRIES = 4


def _multilateral(ctx: ArticleContext, rec: Agreement, cast: Cast) -> bool:
    """A bloc in its name, an international body named in its sentence, or a story of many countries (a regional
    meeting, a continental pilot): no pair of them stands for whom an unattributed text binds."""
    if any(c.form == "bloc" for c in find_countries(rec.name, ctx.published)):
        return True
    if len({c.code for c in ctx.countries if c.form != "bloc"}) > _FEW_COUNTRIES:
        return True
    sent = ctx.sentence_at(rec.evidence[0].start) if rec.evidence else None
    return sent is not None and any(a.kind == "international" and a.name in sent.text for a in cast.agencies.values())


def _bare(designation: str) -> bool:
    words = designation.lower().split()
    while words and words[0] in ("draft", "new", "relevant", "such", "proposed"):
        words.pop(0)
    return " ".join(words) in nouns()[1]


_PREPOSITIONS = frozenset({"on", "for", "between", "with", "to", "of", "in", "among", "concerning", "regarding"})


_QUOTED_WHOLE = re.compile(r"(?P<lead>\b(?:on|concerning|regarding|for))\s+[\"“‘'](?P<subject>[^\"“”‘’']+)[\"”’']$")


# Capitalised words that describe an instrument rather than name it ("Trade Agreement", "Customs Protocol")
_DESCRIPTIVE = frozenset({"trade", "free", "economic", "partnership", "comprehensive", "customs", "cooperation",
    "co-operation", "transit", "investment", "framework", "preferential", "bilateral", "multilateral", "interim",
    "mutual", "recognition", "assistance", "strategic", "joint", "air", "services", "maritime", "transport",
    "energy", "gas", "supply", "sale", "purchase", "tax", "double", "taxation", "fisheries", "veterinary",
    "sanitary", "phytosanitary", "agricultural", "border", "security", "new", "amended", "revised", "updated",
    "enhanced", "upgraded", "digital", "green", "administrative", "technical", "scientific", "cultural", "visa",
    "exemption", "general", "regional", "global", "international", "partial", "scope", "protocol", "memorandum",
    "agreement", "treaty", "convention", "accord", "pact", "deal", "plan", "programme", "program"})


def _named_after_a_place(words: list[str]) -> bool:
    """"Agadir Agreement", "Cotonou Agreement", "Lomé Convention": a designation that opens with a proper word of
    its own (a place's) names the instrument; it takes no parties into its name."""
    first = words[0] if words else ""
    return len(words) >= 2 and first[:1].isupper() and not first.isupper() \
        and first.lower().strip("-") not in _DESCRIPTIVE


def name(inst: Instrument, agencies: list[str], parties: list[str], title: str | None = None) -> str:
    """The designation without leading determiners; a bare noun names its parties (or the headline's fuller
    designation ending in it: "Mauritius-Indonesia Preferential Trade Agreement now in operation")."""
    # 'an agreement on "mutual assistance in customs matters"': the quoted subject is part of the designation
    words = _QUOTED_WHOLE.sub(r"\g<lead> \g<subject>", inst.name.strip()).split()
    while words and words[0].lower() in drop_words():
        words.pop(0)
    out = " ".join(words) or inst.kind
    if re.fullmatch(r"(?i)mous?", out):
        out = "memorandum of understanding"
    # A bare kind noun or a short one ("a transit agreement"): name it by its parties.
    short = len(words) <= 3 and not set(map(str.lower, words)) & _PREPOSITIONS
    if inst.generic or (short and not inst.named and not codes_in(out) and not _named_after_a_place(words)):
        fuller = re.search(rf"(?:[A-Z][\w'’-]*\s+)+{re.escape(out)}\b", title or "") if not inst.generic else None
        if fuller is not None and codes_in(fuller.group()):
            return fuller.group()
        if len(agencies) >= 2:
            out = f"{out} between the {agencies[0]} and the {agencies[1]}"
        elif 2 <= len(parties) <= 3:
            names = [gazetteer.country_names().get(c, c) for c in parties]
            out = f"{out} between {', '.join(names[:-1])} and {names[-1]}"
    return out[0].upper() + out[1:]
