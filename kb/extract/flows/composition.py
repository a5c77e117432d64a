"""A directed total broken down by goods in shares: each share's goods moved the same way.

"Indonesia sold $4.5bn of goods to India in 2022. Coal made up 60 percent of that figure,
with palm oil making up 20 percent and rubber 5 percent": coal, palm oil and rubber each
went from Indonesia to India in 2022. The share is no figure of the goods' own (a share of
a value is neither a quantity nor a value), so the flows carry none. A share of something
other than the total ("60 percent of the world's coal") says nothing of the flow.
"""

from __future__ import annotations

import re

from kb.extract.flows.figures import Figure, sentence_figures
from kb.extract.flows.goods import Goods, goods_hs, read_phrase_list
from kb.extract.flows.mentions import SentenceMentions
from kb.extract.quantities import APPROX

_NUMBER = APPROX + \
          r"\d[\d.,]*\s*(?:percent|per\s+cent|%|pc)"
_SHARE_VERB = r"(?:represented|representing|made\s+up|making\s+up|accounted\s+for|accounting\s+for|comprised|" \
              r"constituted|took\s+up|was|were)"
# The sentence says its shares are of the total just told: "of that figure", "of the total", "of those exports".
_OF_THE_TOTAL = re.compile(_SHARE_VERB + r"\s+" + _NUMBER + r"\s+of\s+(?:that|the|this|those|these|its|their|all|"
                           r"the\s+country['’]s)?\s*(?:total\s+)?(?:figure|total|sum|amount|value|exports|shipments|"
                           r"imports|sales|purchases|deliveries|it|them|this|that)\b", re.I)
_SHARE = re.compile(r"(?P<verb>" + _SHARE_VERB + r"\s+|at\s+|with\s+)?(?P<number>" + _NUMBER + r")", re.I)
# What may come between a share and the next goods: "of the total, followed by", ", with", "and", "while".
_LEAD = re.compile(r"\s*(?:of\s+[^,;]{1,40}[,;])?\s*(?:\([^)]*\))?\s*[,;]?\s*(?:(?:with|followed\s+by|and|while|then|"
                   r"ahead\s+of|before)\s+)?(?:other\s+)?", re.I)


def composition_goods(sm: SentenceMentions) -> list[Goods]:
    """The goods each share of a just-told total names, in order; none unless the sentence says its shares are
    of that total."""
    s = sm.text
    if not _OF_THE_TOTAL.search(s) or sm.countries:
        return []
    out: list[Goods] = []
    pos = 0
    for share in _SHARE.finditer(s):
        lead = _LEAD.match(s, pos, share.start())
        start = lead.end() if lead else pos
        phrase = s[start:share.start()].strip(" ,")
        goods = _one_category(sm, start, start + len(phrase)) if phrase else None
        if goods is not None and goods.name not in (g.name for g in out):
            out.append(goods)
        pos = share.end()
    return out


_VERB_TAIL = re.compile(r"\s+(?:alone\s+)?" + _SHARE_VERB + r"?\s*$", re.I)


def _one_category(sm: SentenceMentions, start: int, end: int) -> Goods | None:
    """The goods phrase one share is about, a coordination kept whole: one share of "cars and car parts" is one
    category."""
    tail = _VERB_TAIL.search(sm.text, start, end)
    end = tail.start() if tail else end
    listed = read_phrase_list(sm, start, end)
    if not listed or listed[-1].end < end - 1:
        return None  # more words than goods: "the rest", "exports to Europe"
    name = sm.text[listed[0].start:listed[-1].end]
    name = name if re.search(r"[A-Z]{2}", name) else name.lower()
    hs = listed[0].hs if len(listed) == 1 else goods_hs(listed[0].name)
    return Goods(name, hs, False, listed[0].start, listed[-1].end)


# "aircraft and aircraft parts (US$1.5 billion), pig iron (US$1.2 billion) and coffee (US$1.1 billion)"
_ITEM_START = re.compile(r"(?:[,;:]\s*(?:and\s+)?|\s+and\s+|\b(?:were|was|included|include|are|is)\s+)(?=[^,;:]*$)")


def itemised_goods(sm: SentenceMentions) -> list[tuple[Goods, Figure]]:
    """Goods each followed by its figure in brackets, in a sentence that names no country: more items of the
    total just told ("Other highlights were aircraft (US$1.5 billion), pig iron (US$1.2 billion) …")."""
    s = sm.text
    if sm.countries or sm.cues:
        return []
    out: list[tuple[Goods, Figure]] = []
    pos = 0
    for figure in sentence_figures(sm):
        if not re.search(r"\(\s*$", s[pos:figure.start]):
            return []
        head = s[pos:figure.start].rstrip(" (")
        first = _ITEM_START.search(head)  # the first start with no comma after it: "A and B (…)" is one item
        start = first.end() if first else 0
        goods = _one_category(sm, pos + start, pos + len(head))
        if goods is None:
            return []
        out.append((goods, figure))
        pos = figure.end
    return out if len(out) >= 2 else []


# "Diesel accounted for 1.12 million kilolitres of the imports and petrol for 520,000 kilolitres"
_PART_OF_TOTAL = re.compile(r"\b(?:accounted\s+for|made\s+up|represented|comprised)\s+(?:[^.;]|\.(?=\d)){1,40}?\s+of\s+"
                            r"(?:the|that|"
                            r"this|those|these|its|their)\s+(?:total\s+)?(?:imports|exports|shipments|purchases|sales|"
                            r"deliveries|total|volume)\b", re.I)
_PART_VERB = re.compile(r"\s*(?:accounted\s+for|made\s+up|represented|comprised|for|,|and|while)\s*$", re.I)


# "Of the exports, wheat accounted for 1.14 million tonnes, barley for …": the whole named first
# … or by a pronoun: "Japan took 27,940 tonnes of beef. Of that, grain-fed beef accounted for 15,610 tonnes, …"
_FRONTED_WHOLE = re.compile(r"^\W*(?:Of|Out\s+of)\s+(?:(?:the|that|this|those|these|its|their)\s+(?:total\s+)?"
                            r"(?:imports|exports|shipments|purchases|sales|deliveries|total|volume)|that|this|these|those|"
                            r"that\s+(?:figure|amount|volume|total))\s*,\s*"
                            r"(?=[^.;]{1,60}?\b(?:accounted\s+for|made\s+up|represented|comprised)\b)", re.I)
# "…, while China supplied mainly vegetables": a clause of its own after the parts
_CONTRAST = re.compile(r",?\s+(?:while|whereas|but)\s+", re.I)


def parts_reach(sm: SentenceMentions) -> int:
    """Where the parts of a total end: a contrasting clause after them is read on its own."""
    s = sm.text
    fronted = _FRONTED_WHOLE.match(s)
    contrast = _CONTRAST.search(s, fronted.end()) if fronted else None
    return contrast.start() if contrast else len(s)


def parts_of_total(sm: SentenceMentions) -> list[tuple[Goods, Figure]]:
    """Goods each given its own figure as a part of the total just told, in a sentence (or its stretch before a
    contrasting clause) naming no country."""
    s = sm.text
    fronted = _FRONTED_WHOLE.match(s)
    reach = parts_reach(sm)
    if any(c.start < reach for c in sm.countries) or not (fronted or _PART_OF_TOTAL.search(s)):
        return []
    out: list[tuple[Goods, Figure]] = []
    pos = fronted.end() if fronted else 0
    # the figures as written: "accounted for" makes them parts here, not shares set aside
    for figure in (Figure(a) for a in sm.amounts if a.kind in ("quantity", "money") and a.end <= reach):
        head = s[pos:figure.start]
        verb = _PART_VERB.search(head)
        phrase_end = pos + (verb.start() if verb else len(head))
        first = _ITEM_START.search(s, pos, phrase_end)
        goods = _one_category(sm, first.end() if first else pos, phrase_end)
        if goods is None:
            return []
        out.append((goods, figure))
        pos = figure.end
    return out if out else []


# "The list is headed by cotton fabrics at US$118.2 million, ahead of T-shirts with …", "Further down come cement at
# …": the goods of the total just told, ranked, each with its figure
_RANKING_OF_ITEMS = re.compile(r"\b(?:headed|led|topped)\s+by\b|\bahead\s+of\b|\b(?:further\s+down|next|then)\s+"
                               r"(?:come|comes|came|are|were|is)\b", re.I)
_ITEM_OPENER = re.compile(r"(?:\b(?:headed|led|topped|followed)\s+by|\bahead\s+of|\b(?:come|comes|came|are|were|is)|,|"
                          r"\band)\s+", re.I)
_FIGURE_LINK = re.compile(r"\s+(?:at|with|worth|of)\s+" + APPROX + "$", re.I)
# "…, along with edible oils, pasta and plantains in smaller amounts": more of the goods, their figures left out
_ALONG_WITH = re.compile(r",?\s+(?:along\s+with|as\s+well\s+as|besides)\s+", re.I)
_SMALLER_AMOUNTS = re.compile(r"\s+in\s+(?:smaller|lesser|small|minor)\s+(?:amounts|quantities|volumes)\b", re.I)


def ranked_goods(sm: SentenceMentions) -> list[tuple[Goods, Figure | None]]:
    """Goods ranked with their figures in a sentence naming no country ("… headed by cotton fabrics at US$118.2
    million, ahead of T-shirts with US$54.6 million"): more items of the total just told; goods added after them
    "in smaller amounts" too, without a figure."""
    s = sm.text
    if sm.countries or not _RANKING_OF_ITEMS.search(s):
        return []
    out: list[tuple[Goods, Figure | None]] = []
    pos = 0
    for figure in sentence_figures(sm):
        link = _FIGURE_LINK.search(s, pos, figure.start)
        if link is None:
            return []
        # the longest phrase that is goods: "ahead of T-shirts and knitted garments with" is one item
        starts = [m.end() for m in _ITEM_OPENER.finditer(s, pos, link.start())
                  if not _ITEM_OPENER.match(s, m.end())] or ([pos] if pos == 0 else [])
        goods = next((g for g in (_one_category(sm, start, link.start()) for start in starts) if g is not None), None)
        if goods is None:
            return []
        out.append((goods, figure))
        pos = figure.end
    along = _ALONG_WITH.match(s, pos)
    tail = _SMALLER_AMOUNTS.search(s, along.end()) if along else None
    if along and tail:
        out.extend((g, None) for g in read_phrase_list(sm, along.end(), tail.start()))
    return out if len(out) >= 2 else []


_TRADE_PARTICIPLE = r"(?:\s+(?:sold|exported|shipped|imported|traded|bought|purchased|supplied|sent|delivered))?"
_ITEM_NOUNS = r"(?:items|goods|products|commodities|exports|imports|shipments|categories)"
# "Among the items sold were cement, tomatoes and …", "The main goods exported included …": the goods of the
# trade just told, listed with no figure
_ITEMS_LISTED = re.compile(r"^\W*(?:Among\s+(?:the\s+|its\s+|their\s+)?(?:(?:main|key|major|principal|chief|leading|"
                           r"top|other)\s+)?" + _ITEM_NOUNS + _TRADE_PARTICIPLE + r"\s+(?:were|are|was|is)"
                           r"|(?:The|Its|Their)\s+(?:main|key|major|principal|chief|leading|top)\s+" + _ITEM_NOUNS
                           + _TRADE_PARTICIPLE + r"\s+(?:were|are|included|include|comprised|consisted\s+of))\s+",
                           re.I)


# "Wheat flour, petroleum products and coal made up the majority of these deliveries": the goods first, then what
# they are the bulk of
_BULK_OF = re.compile(r"\s+(?:made\s+up|make\s+up|makes\s+up|accounted\s+for|account\s+for|formed|form|comprised)\s+"
                      r"(?:the\s+(?:majority|bulk|rest|remainder|balance|lion['’]s\s+share)|most|much|(?:over\s+|more\s+"
                      r"than\s+)?half)\s+of\s+(?:these|those|the|its|their|this|that)\s+(?:[\w'’-]+\s+)?(?:deliveries|"
                      r"exports|imports|shipments|supplies|purchases|sales|trade|cargo|cargoes|consignments)\b", re.I)


def listed_items(sm: SentenceMentions) -> list[Goods]:
    """The goods a sentence naming no country and no figure lists as the items of the trade just told; none
    unless the list runs to the sentence's end (or, told first, up to the verb that makes them its bulk)."""
    s = sm.text
    if any(a.kind in ("quantity", "money") for a in sm.amounts):
        return []
    bulk = _BULK_OF.search(s)
    if bulk is not None and not any(c.start < bulk.start() for c in sm.countries):  # ("… of the Pakistani cargo")
        start = len(s) - len(s.lstrip(" \"'“"))
        listed = read_phrase_list(sm, start, bulk.start(), pairs=False)
        return listed if listed and listed[0].start <= start + 4 and listed[-1].end >= bulk.start() - 1 else []
    lead = _ITEMS_LISTED.match(s)
    if lead is None or sm.countries:
        return []
    end = len(s.rstrip(" .;!"))
    listed = read_phrase_list(sm, lead.end(), end, pairs=False)
    if not listed or listed[-1].end < end - 1:
        return []
    return listed
