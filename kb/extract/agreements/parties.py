"""Who an instrument binds: the countries (`parties`) and, agency to agency, the agencies.

In order of trust: the partners a list gave it, the countries its own name holds,
the countries of its party agencies or of its signatories, the countries of its
sentences, and last the article's two principal countries when the text says "the
two countries".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.extract.agreements.lexicon import BODY_OF
from kb.extract.agreements.model import Instrument, countries
from kb.extract.context import ArticleContext, mentions_of
from kb.extract.countries import find_countries, home_country, main_countries
from kb.extract.dates import count_of
from kb.facts import Agency, Official

_TWO = re.compile(r"(?i)\b(?:the|both)\s+(?:two|three|four)?\s*(?:countries|sides|states|nations|governments|"
                  r"parties|neighbou?rs|customs\s+services|customs\s+administrations|customs\s+authorities|"
                  r"administrations|ministries)\b|\bbetween\s+them\b|\bbilateral\b")
_COUNTED_SIDES = re.compile(r"(?i)\b(?:the|all|both)\s+(?P<n>three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
                            r"(?:[a-z-]+\s+){0,2}?(?:countries|sides|states|nations|governments|parties|partners|members|"
                            r"directors[\s-]general|ministers|heads|delegations|administrations|customs\s+services)\b")
_PARTY_KINDS = ("customs", "international", "ministry", "state_body", "association", "company")
_PRIVATE_KINDS = ("association", "company")  # parties only where no two public bodies are
# An "agency" that is an instrument's abbreviation ("MRA", "MoU").
_INSTRUMENT_NAME = re.compile(r"MRAs?|MoUs?|MOUs?|FTAs?")


@dataclass
class Cast:
    """The article's agencies and officials by name, and its principal countries."""

    agencies: dict[str, Agency]
    officials: dict[str, Official]
    main: list[str]
    home: str | None
    blocs: list[frozenset[str]]  # the members each bloc mention stands for

    @classmethod
    def of(cls, ctx: ArticleContext) -> Cast:
        blocs: dict[tuple[int, int], set[str]] = {}
        for c in ctx.countries:
            if c.form == "bloc":
                blocs.setdefault((c.start, c.end), set()).add(c.code)
        return cls({a.name: a for a in ctx.agencies}, {o.name: o for o in ctx.officials},
                   main_countries(ctx), home_country(ctx), [frozenset(b) for b in blocs.values()])

    def two_sides(self, codes: list[str]) -> bool:
        """Two parties at least: two countries, or a bloc and a country ("the EU" alone is one side; but two of a
        bloc's members named each on its own, "Ghana and Togo" in a story of ECOWAS, are two)."""
        return len(codes) >= 2 and not any(set(codes) == bloc for bloc in self.blocs)


def party_agencies(ctx: ArticleContext, inst: Instrument, cast: Cast) -> list[str]:
    """The agencies bound: those its name lists ("between A and B", not governments alone), else the
    signatories' two agencies, else two acting agencies of its sentences."""
    named = _named_agencies(ctx, inst, cast)
    if len(named) >= 2 and any(cast.agencies[a].kind != "government" for a in named):
        return named
    signers = [cast.officials[n].agency for n in inst.signatories if n in cast.officials]
    if len(set(signers)) >= 2 and all(signers):  # (two signers given one body say nothing of the other side)
        return list(dict.fromkeys(signers))
    acting = [a for a in inst.agencies if a in cast.agencies and cast.agencies[a].kind in _PARTY_KINDS
              and not _INSTRUMENT_NAME.fullmatch(a)]
    public = [a for a in acting if cast.agencies[a].kind not in _PRIVATE_KINDS]
    if len(public) >= 2:
        return public  # two customs services sign; a trade association quoted beside them does not
    return acting if len(acting) >= 2 else []


def _named_agencies(ctx: ArticleContext, inst: Instrument, cast: Cast) -> list[str]:
    spans = inst.mentions
    return list(dict.fromkeys(m.name for m in mentions_of(ctx).agencies if m.name in cast.agencies
                              and any(s <= m.start and m.end <= e for s, e in spans)))


def parties(ctx: ArticleContext, inst: Instrument, agencies: list[str], cast: Cast) -> list[str]:
    in_name = _name_countries(ctx, inst, cast)
    if inst.parties_hint:
        return _hinted(ctx, inst, in_name, cast)
    if cast.two_sides(in_name) or (inst.named and in_name):  # "RCEP" stands for its parties
        return sorted(in_name)
    if agencies:
        codes = [cast.agencies[a].country for a in agencies if a in cast.agencies]
        if all(c is None for c in codes):
            return []
        found = {c for c in codes if c}
        if len(agencies) >= 2 and len(found) == 1 and all(codes) and set(inst.sentence_countries) <= found \
                and any(cast.agencies[a].kind in ("company", "association") for a in agencies if a in cast.agencies):
            return sorted(found)  # "an MoU between the revenue authority and a bottler": bodies of one country
        # Two of the three signing countries' agencies named: the signing's countries are the parties.
        if len(found) >= 2:
            frame = set(inst.frame_countries)
            return sorted(frame) if found < frame and len(frame) == len(found) + 1 else sorted(found)
    signers = {cast.officials[n].country for n in inst.signatories
               if n in cast.officials and cast.officials[n].country}
    if len(signers) >= 2:
        return sorted(signers)
    partner_named = len(in_name) == 1 and bool(_PARTNER_IN_NAME.search(_designation(ctx, inst)))
    if partner_named and _owned(ctx, inst):
        # "its free trade agreement with Ecuador": the partner the name gives, and the side that holds it, not
        # another partner of the sentence
        return _hinted(ctx, inst, in_name, cast)
    # "Talks on an FTA with India …, and negotiations with the GCC": another talk's partner holds none of this one
    others = _other_partners(ctx, inst, in_name) if partner_named else set()
    for more in (inst.frame_countries, inst.countries, inst.sentence_countries):
        codes = list(dict.fromkeys(in_name + [c for c in more if c not in others]))
        if cast.two_sides(codes):
            return sorted(codes)
    codes = list(dict.fromkeys(in_name + inst.countries))
    if not codes and cast.home:
        # "Under the oil-for-tea arrangement, we have sent tea worth $20m to Iran": the country its sentence
        # trades with, and the article's own
        told = [c.code for s, e in inst.mentions[:1] if (sent := ctx.sentence_at(s))
                for c in ctx.countries_in(sent.start, sent.end) if c.form in ("name", "adjective")]
        others = list(dict.fromkeys(c for c in told if c != cast.home))
        if len(others) == 1:
            return sorted([others[0], cast.home])
    return _by_context(ctx, inst, codes, cast)


_COUNTED_WORDS = re.compile(r"countries|nations|economies|members")
_N_COUNTRIES = re.compile(r"\b(?P<n>\w+)\s+(?:[A-Z][\w-]*\s+){0,2}(?:countries|nations|economies|members)\b")


def counted_parties(ctx: ArticleContext, inst: Instrument, codes: list[str],
                    main: list[str] | None = None) -> list[str]:
    """"Ministers from the ten countries behind the X Agreement signed it …  Ms Tainui welcomed the ministers from
    A, B, C, …": parties told by their number, then listed in a sentence of the article."""
    said = " ".join(sent.text for s, _e in inst.mentions if (sent := ctx.sentence_at(s)))
    if not _COUNTED_WORDS.search(said):
        return codes
    n = next((k for m in _N_COUNTRIES.finditer(said) if (k := count_of(m["n"])) and 3 <= k <= 30), None)
    if n is None or len(codes) >= n:
        return codes
    for sent in ctx.sentences:
        listed = list(dict.fromkeys(c.code for c in ctx.countries_in(sent.start, sent.end) if c.form == "name"))
        union = {*codes, *listed}
        if len(listed) >= max(3, n - 2) and len(union) == n and sent.text.count(",") >= 2:
            return sorted(union)
    if main and len(main) >= n and set(codes) <= set(main[:n]):
        return sorted(main[:n])  # "… that the four countries concluded in 2015": the article's four principal ones
    return codes


_PARTNER_IN_NAME = re.compile(rf"\bwith\s+(?:the\s+)?{BODY_OF}[A-Z]")


_OWNER_BEFORE = re.compile(r"(?:\bits|\btheir|\w['’]s?)\s+(?:[\w-]+\s+){0,2}$", re.I)


def _owned(ctx: ArticleContext, inst: Instrument) -> bool:
    """"its FTA with Ecuador", "Peru's trade deal with Korea": a designation with its holder before it."""
    start = min(inst.mentions)[0]
    return bool(_OWNER_BEFORE.search(ctx.text, max(0, start - 30), start))


def _other_partners(ctx: ArticleContext, inst: Instrument, in_name: list[str]) -> set[str]:
    """The countries its sentence names as partners ("with the GCC") outside its own name."""
    start, end = min(inst.mentions)
    sent = ctx.sentence_at(start)
    found = ctx.countries_in(sent.start, sent.end) if sent else []
    # (not the last of the subjects: "Argentina, Brazil, Paraguay and Uruguay examined a deal with Japan")
    return {c.code for c in found if c.code not in in_name and not start <= c.start < end
            and not (c.start < start and c.code in inst.subjects)
            and _PARTNER_BEFORE.search(ctx.text, max(sent.start, c.start - 50), c.start)}


def _designation(ctx: ArticleContext, inst: Instrument) -> str:
    return ctx.text[slice(*min(inst.mentions))] if inst.mentions and not inst.split else ""


def _name_countries(ctx: ArticleContext, inst: Instrument, cast: Cast) -> list[str]:
    """The countries its designation names: the first designation that names two sides, else the first that
    names one ("the Chile-Peru FTA" after "a trade deal")."""
    if inst.split or not inst.mentions:
        return []
    named = [countries(ctx, s, e) for s, e in sorted(inst.mentions)]
    return next((c for c in named if cast.two_sides(c)), None) or next((c for c in named if c), [])


def _hinted(ctx: ArticleContext, inst: Instrument, in_name: list[str], cast: Cast) -> list[str]:
    """A partner given by a list ("its deals with A and B", "a deal with Peru"): it and the country that
    acts in the sentence, else the article's own country."""
    codes = list(dict.fromkeys(inst.parties_hint + in_name))
    if len(codes) < 2:
        # the partners the list split it by, not the holder ("Ghana's free trade agreements with Peru and Chile")
        held = {c.code for c in ctx.countries_in(*min(inst.mentions)) if _POSSESSIVE.match(ctx.text, c.end)}
        others = {*inst.partners, *(countries(ctx, *min(inst.mentions)) if inst.split else [])} - held
        order = (*inst.subjects, *_possessors_before(ctx, inst), cast.home, *cast.main, *inst.countries)
        extra = [c for c in order if c and c not in codes and c not in others]
        # "EFTA's … Economic Partnership Agreement with India": a bloc that holds it brings all its members
        bloc = next((b for b in cast.blocs if extra and extra[0] in b and b <= set(extra)), None)
        codes += sorted(bloc) if bloc else extra[:1]
    return sorted(set(codes))


_POSSESSIVE = re.compile(r"['’]s?\s")


def _possessors_before(ctx: ArticleContext, inst: Instrument) -> list[str]:
    """"…, would add to the UAE's growing CEPA network, following agreements with India": whose deals they are."""
    start = min(s for s, _ in inst.mentions)
    sent = ctx.sentence_at(start)
    if sent is None:
        return []
    named = [c for c in ctx.countries_in(sent.start, start) if c.form in ("name", "capital")]
    if _ITS.search(ctx.text, max(sent.start, start - 6), start):
        # "Two deals took effect for Costa Rica: its FTA with Ecuador and its CEPA with the UAE": the country the
        # sentence is about, not a partner named on the way
        held = [c.code for c in named if not _PARTNER_BEFORE.search(ctx.text, max(sent.start, c.start - 12), c.start)]
        return held[:1]
    return [c.code for c in named if _POSSESSIVE.match(ctx.text, c.end)][-1:]


_ITS = re.compile(r"\bits\s+$", re.I)
_PARTNER_BEFORE = re.compile(rf"\b(?:(?:with|and|to)\s+(?:the\s+)?|with\s+(?:the\s+)?{BODY_OF})$")


def _by_context(ctx: ArticleContext, inst: Instrument, codes: list[str], cast: Cast) -> list[str]:
    """One side named: it and the article's own country; none: "the two countries" are the article's
    principal ones."""
    if codes:
        partner = next((c for c in (cast.home, *cast.main) if c and c not in codes), None)
        return sorted([*codes, partner]) if partner else sorted(codes)
    sentences = " ".join(ctx.text[s:e] for s, e in inst.mentions[:3])
    sentence_text = " ".join(sent.text for s, _ in inst.mentions if (sent := ctx.sentence_at(s)))
    counted = _COUNTED_SIDES.search(sentence_text)
    n = count_of(counted["n"]) if counted else None
    if n is not None and 3 <= n <= len(cast.main):
        # "the four directors general signed a protocol", "the agreement the four countries concluded in 2015": the
        # article's principal countries, as many as the sentence counts
        return sorted(cast.main[:n])
    if _TWO.search(sentence_text) or _TWO.search(sentences):
        pair = _pair_just_named(ctx, inst)
        if pair:
            return pair
        return sorted(cast.main[:3] if re.search(r"(?i)three", sentence_text) else cast.main[:2])
    # Signed in the article's story but no country named with it: the story's two countries, or the bloc and
    # the country its headline names ("EU and Vietnam agree new trade commitments")
    if inst.signed_in >= 0 and len(cast.main) >= 2:
        return sorted(cast.main[:2])
    title_blocs = _title_blocs(ctx)
    if inst.signed_in >= 0 and len(title_blocs) == 1 and cast.main and cast.main[0] not in title_blocs[0]:
        return sorted({*title_blocs[0], cast.main[0]})
    return _one_bloc_of_its_sentences(ctx, inst)


def _one_bloc_of_its_sentences(ctx: ArticleContext, inst: Instrument) -> list[str]:
    """"… the committee adopted its work plan and asked the IOC Secretariat to prepare a draft regional
    memorandum": no country named, one bloc's bodies in its sentence: the bloc's members are bound."""
    found = [c for s, _ in inst.mentions if (sent := ctx.sentence_at(s))
             for c in ctx.countries_in(sent.start, sent.end)]
    blocs = {c.surface.casefold() for c in found if c.form == "bloc"}
    if len(blocs) != 1 or any(c.form != "bloc" for c in found):
        return []
    return sorted({c.code for c in found})


def _pair_just_named(ctx: ArticleContext, inst: Instrument) -> list[str]:
    """"Jamaica and Guyana signed an MOU … The two had already signed …": "the two" are the two countries the
    sentence before names, when it names exactly two."""
    sent = ctx.sentence_at(min(s for s, _ in inst.mentions))
    before = [x for x in ctx.sentences if sent is not None and x.end <= sent.start]
    if not before:
        return []
    named = {c.code for c in ctx.countries_in(before[-1].start, before[-1].end) if c.form in ("name", "capital")}
    return sorted(named) if len(named) == 2 else []


def _title_blocs(ctx: ArticleContext) -> list[frozenset[str]]:
    """The members of each bloc the headline names ("EU and Vietnam …")."""
    spans: dict[tuple[int, int], set[str]] = {}
    for c in find_countries(ctx.document.title or "", ctx.published):
        if c.form == "bloc":
            spans.setdefault((c.start, c.end), set()).add(c.code)
    return [frozenset(b) for b in spans.values()]
