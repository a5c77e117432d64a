"""The organisations on each side of a frame: who exported, who imported.

An organisation is a capitalised name that a trade verb's subject, "by" agent or
"to" object is, recognised as a company by what surrounds it: a legal suffix
("Ltd", "PT", "BV"), a descriptor before it ("Chilean miner X", "the Tokyo-based
X", "its rival X"), an apposition after it ("X, a Kenyan tea packer,"), an
abbreviation in brackets, or the article's agencies stage having found it.
"the company" points back to the company named last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.extract import gazetteer
from kb.extract.context import ArticleContext
from kb.extract.flows.lexicon import lexicon

_NAME_WORD = r"(?:[A-Z][\w&'’.-]*|&|and|of|de|du|del|la|le)"
_SUFFIX = (r"(?:Ltd|Limited|Company|Co|Corp|Corporation|Inc|LLC|PLC|Plc|JSC|PJSC|OJSC|BV|NV|AG|GmbH|SA|S\.A|SpA|"
           r"Bhd|Pte|Pty|Group|Holdings?|Enterprises?|Cooperative|Co-operative)\.?")
_ORG = rf"(?P<org>(?:PT\s+|CV\s+)?[A-Z][\w&'’.-]*(?:\s+{_NAME_WORD}){{0,5}}(?:\s+{_SUFFIX})?)"
# What a company does, in a descriptor before its name or an apposition after it.
_TRADE_NOUNS = (r"(?:company|firm|group|exporter|importer|producer|maker|manufacturer|supplier|miner|trader|"
                r"processor|packer|farmer|grower|refiner|buyer|house|mill|cooperative|co-operative|distributor|"
                r"marketer|shipper|operator|giant|conglomerate|corporation|subsidiary|venture|rival|unit|"
                r"business|retailer|wholesaler|brand|brewer|winery|roaster|packhouse|plant|factory)")
_DESCRIPTOR = (rf"(?:(?:[A-Z][a-z]+(?:-based)?\s+)?(?:state(?:-owned)?\s+|[a-z][\w-]*\s+){{0,2}}{_TRADE_NOUNS}s?"
               rf"|[A-Z][\w.-]*-based|its\s+rival|its\s+partner)")
_BEFORE_VERB = re.compile(
    rf"(?:^|[,;:]\s+|\b(?:and|while|but|the|The)\s+)(?P<desc>{_DESCRIPTOR}\s+)?{_ORG}"
    rf"(?:\s*\((?P<abbr>[A-Z][\w&]{{1,7}})\))?(?:,\s+(?P<app>[^,]{{0,70}}),)?\s+"
    rf"(?:(?:also|has|have|had|then|now|recently|alone|\w+ly)\s+)*$")
_AFTER_MARKER = re.compile(rf"\s*(?:the\s+)?(?P<desc>{_DESCRIPTOR}\s+)?{_ORG}(?:\s*\((?P<abbr>[A-Z][\w&]{{1,7}})\))?")
_BY = re.compile(r"\b(?:by|through|via)\s+$")
_TO = re.compile(r"\b(?:to|for)\s+$")
_THE_COMPANY = re.compile(r"\b(?:the|this)\s+(?:company|firm|group|exporter|producer|importer)\b", re.I)
_NOT_NAMES = frozenset(("The", "In", "On", "At", "By", "For", "From", "Last", "This", "That", "Its", "Their", "It",
                        "They", "But", "And", "While", "Meanwhile", "However", "Also", "Some", "Total", "Exports",
                        "Imports", "Shipments", "According", "Between", "During", "Since", "After", "Before"))


@dataclass(frozen=True)
class Organisation:
    name: str
    country: str | None  # from a demonym in its descriptor ("the Chinese importer X"), when given


def subject_organisation(ctx: ArticleContext, s: str, lo: int, cue_start: int) -> Organisation | str | None:
    """The company acting as the subject of a trade verb; "the company" for a back-reference."""
    window = s[max(lo, cue_start - 160):cue_start]
    m = _BEFORE_VERB.search(window)
    found = _organisation(ctx, m) if m else None
    if found is not None:
        return found
    by_agency = _agency_in(ctx, s[lo:cue_start])
    if by_agency is not None:
        return by_agency
    return "the company" if _THE_COMPANY.search(s[max(lo, cue_start - 40):cue_start]) else None


def marked_organisation(ctx: ArticleContext, s: str, pos: int, marker: re.Pattern[str]) -> Organisation | None:
    """A company right after "by"/"through" or "to"/"for" at `pos`: "shipped by the X-based company Y"."""
    before = s[max(0, pos - 12):pos]
    if not marker.search(before):
        return None
    m = _AFTER_MARKER.match(s, pos, min(len(s), pos + 120))
    return _organisation(ctx, m) if m else None


def companies_after(ctx: ArticleContext, s: str, lo: int, hi: int) -> tuple[Organisation | None, Organisation | None]:
    """The companies named as agent ("by X", "through X") and as receiver ("to the Chinese importer X") in a span."""
    agent = receiver = None
    for m in re.finditer(r"\b(?:by|through|via|to|for)\s+", s[lo:hi]):
        pos = lo + m.end()
        if agent is None:
            agent = marked_organisation(ctx, s, pos, _BY)
        if receiver is None:
            receiver = marked_organisation(ctx, s, pos, _TO)
    return agent, receiver


def _organisation(ctx: ArticleContext, m: re.Match[str]) -> Organisation | None:
    name = _trim(m.group("org"))
    if not name:
        return None
    desc = (m.groupdict().get("desc") or "").strip()
    app = m.groupdict().get("app") or ""
    evidence = bool(desc or m.groupdict().get("abbr") or re.search(rf"\b{_SUFFIX}$", name)
                    or re.search(rf"\b{_TRADE_NOUNS}\b", app) or _is_company_agency(ctx, name))
    if not evidence or _is_other_agency(ctx, name):
        return None  # "an analysis by the Meat Industry Association (MIA)": a body that reports, not a trader
    return Organisation(name, _demonym_country(f"{desc} {app}"))


def _trim(name: str) -> str | None:
    """The name without a leading common word, and not a country or a lone capitalised common word."""
    words = name.split()
    while words and words[0] in _NOT_NAMES:
        words = words[1:]
    name = " ".join(words).rstrip(".")  # a sentence's full stop after "Ltd." is not the name's
    forms = gazetteer.country_forms()
    if not name or name in forms or words[0] in forms or re.match(r"[\w-]+['’]s\b", name):
        return None
    return name


def _demonym_country(text: str) -> str | None:
    forms = gazetteer.country_forms()
    for word in re.findall(r"[A-Z][a-z]+", text):
        form = forms.get(word)
        if form is not None and form.form == "adjective":
            return form.code
    return None


def _is_company_agency(ctx: ArticleContext, name: str) -> bool:
    return any(a.kind == "company" and a.name == name for a in ctx.agencies)


def _is_other_agency(ctx: ArticleContext, name: str) -> bool:
    """A body that regulates, reports or represents traders (not a state buyer, which trades itself)."""
    return any(a.kind in _NOT_TRADERS and a.name == name for a in ctx.agencies)


_NOT_TRADERS = frozenset(("association", "ministry", "customs", "international"))


def _agency_in(ctx: ArticleContext, text: str) -> Organisation | None:
    for agency in ctx.agencies:
        if agency.kind == "company" and re.search(rf"(?<!\w){re.escape(agency.name)}(?!\w)", text):
            return Organisation(agency.name, agency.country)
    return None


def maker(s: str, lo: int, hi: int) -> str | None:
    """"grown by the Andes Fruit Company", "produced by X": the maker named after a participle."""
    m = lexicon().maker_by.search(s, lo, hi)
    name = m.group(1).strip() if m else None
    return None if name is None or name in gazetteer.country_forms() else name  # "made by American companies"


def company_country(ctx: ArticleContext, name: str) -> str | None:
    """The country the article's agencies give a company ("the Russian company Gazprom")."""
    return next((a.country for a in ctx.agencies if a.name == name and a.country), None)


def latest_company(ctx: ArticleContext, before: int) -> str | None:
    """The company the article named last before a position: what "the company" points back to."""
    named = [(m.start(), a.name) for a in ctx.agencies if a.kind == "company"
             for m in re.finditer(rf"(?<!\w){re.escape(a.name)}(?!\w)", ctx.text[:before])]
    return max(named)[1] if named else None
