"""The organisation that exports in a frame: a company subject, "through X Ltd", "grown by the X Company"."""

from __future__ import annotations

import re

from kb.extract import gazetteer
from kb.extract.context import ArticleContext
from kb.extract.flows.lexicon import lexicon

_NAME = r"(?P<name>(?:[A-Z][\w'&.-]*\s+){0,5}[A-Z][\w'&-]*)"
_SUFFIX = re.compile(r"\b(?:Ltd|Limited|Company|Co|Corp|Corporation|Inc|LLC|PLC|Plc|JSC|Group|Holdings?|"
                     r"S\.?A|AG|GmbH|SpA|Bhd|Pte|Enterprises?)\.?$")
# "PhosAgro, Russia's largest producer of fertilizers, shipped", "Emirates Global Aluminium (EGA) shipped"
_SUBJECT = re.compile(_NAME + r"(?:\s*\((?P<abbr>[A-Z]{2,6})\))?(?:,\s+(?P<app>[^,]{0,60}\b(?:producer|"
                      r"exporter|maker|manufacturer|company|firm|group|supplier|miner|trader|processor)"
                      r"\b[^,]{0,40}),)?\s+(?:(?:also|\w+ly)\s+)?$")
_THROUGH = re.compile(r"\b(?:through|via)\s+(?:the\s+)?" + _NAME + r"(?:\s*\((?P<abbr>[A-Z]{2,6})\))?")
_LEADING = frozenset(("The", "In", "On", "At", "By", "For", "From"))
_THE_COMPANY = re.compile(r"\bthe\s+(?:company|firm|group|exporter|producer)\b", re.I)


def exporting_company(ctx: ArticleContext, s: str, lo: int, hi: int, cue_start: int) -> str | None:
    """A company named as the actor before the trade word, or "grown by the Andes Fruit Company".

    Returns "the company" for a back-reference, for the caller to resolve.
    """
    m = lexicon().maker_by.search(s, lo, hi)
    if m:
        return m.group(1).strip()
    subject = s[lo:cue_start]
    for agency in ctx.agencies:
        if agency.kind == "company" and re.search(rf"(?<!\w){re.escape(agency.name)}(?!\w)", subject):
            return agency.name
    for found in (_SUBJECT.search(subject), _THROUGH.search(s, cue_start, hi)):
        name = _company_name(found) if found else None
        if name:
            return name
    return "the company" if _THE_COMPANY.search(subject) else None


def _company_name(m: re.Match[str]) -> str | None:
    name = m.group("name").strip()
    words = name.split()
    if words[0] in _LEADING and len(words) > 1:
        name = " ".join(words[1:])
    forms = gazetteer.country_forms()
    has_app = "app" in m.groupdict() and m.group("app")
    if name and name not in forms and not re.match(r"[\w-]+['’]s\b", name) \
            and (m.group("abbr") or has_app or _SUFFIX.search(name)):
        return name
    return None


def company_country(ctx: ArticleContext, name: str) -> str | None:
    """The country the article's agencies give a company ("the Russian company Gazprom")."""
    return next((a.country for a in ctx.agencies if a.name == name and a.country), None)
