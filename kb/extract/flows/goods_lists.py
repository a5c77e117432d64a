"""Bulleted lists of goods under a lead-in that told the trade: each line one goods of that flow.

    In 2025, Barbados exported $118.6 million worth of goods to the U.S., including:
    - Beverages, spirits, and vinegar – $26.1 million
    - Electrical machinery – $11.7 million

A line with a figure names one line of goods (its words may hold commas: a statistical heading); a line without
one may list several ("- Yams, sauces and seasonings"). "Total …" is the trade in all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kb.extract.context import Sentence
from kb.extract.dates import find_dates
from kb.extract.flows.frames import Reading
from kb.extract.flows.goods import Goods, goods_hs
from kb.extract.flows.lexicon import lexicon
from kb.extract.flows.records import Draft
from kb.extract.flows.tables import BULLET
from kb.extract.quantities import Amount, find_amounts

_BULLET = re.compile(r"^[ \t]*" + BULLET + r"[ \t]+(?P<body>[^\n]{2,120})$", re.M)
# "- Crude petroleum – $4.31 billion", "- Gold": the goods, then a dash and the figure
# … or "• cement ($13.2 million),": the figure in brackets
_ROW = re.compile(r"(?P<goods>[A-Za-z][A-Za-z ,'’&/-]{1,70}?)\s*(?:[–—:]|\s-\s)\s*(?P<fig>[^\n]+)$|"
                  r"(?P<bgoods>[A-Za-z][A-Za-z '’&/-]{1,70}?)\s*\((?P<bfig>[^()\n]{2,40})\)[,;.]?$|"
                  r"(?P<only>[A-Za-z][A-Za-z ,'’&/-]{1,70}?)\.?$")
# A line that opens a list ("Key exports include:", "… to the U.S., led by:"); one of "include" needs no trade word
_LEAD_IN = re.compile(r"\b(?:(?P<includes>include|includes|included|including)|led\s+by|such\s+as|were|are|was|is|"
                      r"comprised|consisted\s+of)\s*:\s*$", re.I)
_TOTAL = re.compile(r"\s*(?:total|overall|all)\b", re.I)
_MEMBERS = re.compile(r"\s*(?:,\s*(?:and\s+|&\s+)?|\s+and\s+|\s*&\s*)")
_NEAR = 400  # characters: how far back the flow a lead-in continues may be told


def read_goods_lists(rd: Reading) -> None:
    """One flow per goods line of a bulleted list whose lead-in continues a flow told just before."""
    text, drafts = rd.ctx.text, list(rd.drafts)
    for intro_start, intro, rows in _runs(text):
        lead_in = _LEAD_IN.search(intro)
        if lead_in is None or not (lead_in["includes"] or lexicon().cue.search(intro)):
            continue
        if any(c.start == start for start, _ in rows for c in rd.ctx.countries_in(start, start + 40)):
            continue  # lines opening with a country are a list of partners, read with `read_lists`
        model = _own_sides(rd, intro_start, intro)
        told = [d for d in drafts if intro_start - d.sentence.end <= _NEAR
                and d.sentence.end <= intro_start + len(intro) + 1]
        if model is None and not told:
            continue
        # the flow of the sentence told last (its first figure: "…, up from $255 million in 2018" is compared)
        model = model or next(d for d in told if d.sentence.start == told[-1].sentence.start)
        if model.sentence.end < intro_start and model.goods.name != "goods":
            continue  # "… kava going to the US. The remaining export categories were:": not the kava's parts
        for start, body in rows:
            for goods, amount in _row_goods(body):
                rd.drafts.append(Draft(goods, model.exporter, model.importer, amount, None, model.date, None,
                                       model.company, Sentence(start, start + len(body), body)))


# "Tajikistan's leading exports to Uzbekistan from January to May 2026 were:": a lead-in naming both sides
_OWN_SIDES = re.compile(r"(?P<owner>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})['’]s?\s+(?:[a-z-]+\s+){0,2}"
                        r"(?P<trade>exports|imports|sales|purchases|shipments)\s+(?P<how>to|from)\s+(?:the\s+)?"
                        r"(?P<partner>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2})")


def _own_sides(rd: Reading, start: int, intro: str) -> Draft | None:
    """The flow a lead-in tells itself, whose goods the lines break down: its two sides and period."""
    m = _OWN_SIDES.search(intro)
    if m is None:
        return None
    owner = [c.code for c in rd.ctx.countries_in(start + m.start("owner"), start + m.end("owner"))]
    partner = [c.code for c in rd.ctx.countries_in(start + m.start("partner"), start + m.end("partner"))]
    if len(owner) != 1 or len(partner) != 1 or owner == partner:
        return None
    incoming = m["trade"] in ("imports", "purchases") or m["how"] == "from"
    exporter, importer = (partner[0], owner[0]) if incoming else (owner[0], partner[0])
    dates = find_dates(intro, rd.ctx.published, country=rd.frame.home)
    date = dates[-1].value if dates else rd.period_at(start)
    return Draft(Goods("goods", None), exporter, importer, None, None, date, None, None,
                 Sentence(start, start + len(intro), intro))


def _runs(text: str) -> Iterator[tuple[int, str, list[tuple[int, str]]]]:
    """Runs of two or more bullet lines, each with the line just above it: (its start, its text, the rows)."""
    run: list[tuple[int, str]] = []
    end = -1
    for m in _BULLET.finditer(text):
        if run and text[end:m.start()].strip() == "":
            run.append((m.start("body"), m.group("body")))
            end = m.end()
            continue
        if len(run) >= 2:
            yield (*_intro(text, run[0][0]), run)
        run, end = [(m.start("body"), m.group("body"))], m.end()
    if len(run) >= 2:
        yield (*_intro(text, run[0][0]), run)


def _intro(text: str, pos: int) -> tuple[int, str]:
    line_start = text.rfind("\n", 0, pos)
    before = text[:max(0, line_start)].rstrip()
    start = before.rfind("\n") + 1
    return start, before[start:]


def _row_goods(body: str) -> list[tuple[Goods, Amount | None]]:
    m = _ROW.fullmatch(body.strip())
    if m is None:
        return []
    if m["goods"] or m["bgoods"]:
        figures = [a for a in find_amounts(m["fig"] or m["bfig"]) if a.kind in ("money", "quantity")]
        if not figures:
            return []
        name = (m["goods"] or m["bgoods"]).strip(" ,").lower()
        if _TOTAL.match(name):
            return [(Goods("goods", None), figures[0])]
        return [(Goods(name, goods_hs(name)), figures[0])]
    names = [n.strip().lower() for n in _MEMBERS.split(m["only"]) if n.strip()]
    if not names or any(len(n.split()) > 5 for n in names):
        return []
    return [(Goods(n, goods_hs(n)), None) for n in names]
