"""Goods a clause names as the main product of a partner's trade: a part of that trade, not its whole.

Statistics releases rank partners and then name what each took: "…, and the main product going there was copper
cathodes", "with sulphuric acid the leading product at 22.5 per cent", "Cement was the main item sent there". The
partner's flow is of the goods the ranking counts (often all goods); the product named is a flow of its own.
"""

from __future__ import annotations

import re

from kb.extract.flows.goods import Goods, goods_hs, read_phrase_list, term_goods
from kb.extract.flows.mentions import SentenceMentions

_RANK = r"(?:main|leading|principal|chief|top|biggest|largest|dominant|single\s+largest|single\s+biggest)"
_PRODUCT = r"(?:export\s+)?(?:products?|items?|commodit(?:y|ies)|exports?|goods)(?:\s+(?:groups?|categor(?:y|ies)))?"
# "sent there", "going to it", "shipped to them": the product's way to the partner just named
_THERE = (r"(?:\s+(?:sent|going|shipped|exported|heading|bound|delivered|sold)\s+(?:there|to\s+(?:it|them|that\s+"
          r"(?:country|market))))?")
_COPULA = r"\s+(?:was|were|is|are|remained|remains)\s+"
# "the main product going there was copper cathodes": the goods after the copula
_PRODUCT_FIRST = re.compile(r"\bthe\s+" + _RANK + r"\s+" + _PRODUCT + _THERE + _COPULA, re.I)
# "copper anodes were the main product sent there", "with sulphuric acid the leading product": the goods before
_PRODUCT_AFTER = re.compile(r"(?:" + _COPULA + r"|\s+(?:being\s+)?)the\s+" + _RANK + r"\s+" + _PRODUCT + _THERE
                            + r"\b", re.I)
_WITH = re.compile(r"\bwith\s+$", re.I)
_RANK_WORD = re.compile(r"\b" + _RANK + r"\b", re.I)


def main_products(sm: SentenceMentions, lo: int, hi: int) -> tuple[list[Goods], tuple[int, int] | None]:
    """The goods named as a main product within [lo, hi), and the stretch of text that names them."""
    if _RANK_WORD.search(sm.text, lo, hi) is None:
        return [], None  # most clauses rank nothing: one quick look
    m = _PRODUCT_FIRST.search(sm.text, lo, hi)
    if m is not None:
        terms = sm.terms_in(m.end(), min(hi, m.end() + 60))
        if terms and terms[0].start - m.end() <= 12:
            goods = term_goods(sm.text, terms[0], m.end())
            return [goods], (m.start(), goods.end)
    for t in sm.terms_in(lo, hi):
        after = _PRODUCT_AFTER.match(sm.text, t.end, hi)
        if after is None:
            continue
        goods = term_goods(sm.text, t, lo)
        with_before = _WITH.search(sm.text, max(lo, goods.start - 6), goods.start)
        if with_before is not None or re.match(_COPULA, after.group(0)):
            return [goods], (with_before.start() if with_before else goods.start, after.end())
    return [], None


# "Electrical equipment and wood were the main goods sold to Finland": the subject, ranked, before the participle
# ("… are the main Iranian goods sold in Iraq": the origin's adjective between)
_RANKED_SUBJECT = re.compile(_COPULA + r"the\s+" + _RANK + r"\s+(?:(?-i:[A-Z][\w-]+)\s+)?" + _PRODUCT + r"\s+$", re.I)
_REST_OF_LIST = re.compile(r"\s*|\s+(?:and|or)\s+[a-z][a-z -]{0,40}")
_LEAD = re.compile(r"[\W]*(?:(?:In|During|Over|For|By)\s+[^,;]{1,40},\s+)?")


def ranked_subject(sm: SentenceMentions, lo: int, cue_start: int) -> list[Goods]:
    """The goods a participle's subject names when it says they were the main products ("… were the main goods
    sold to Finland and Sweden"), the whole coordinated list."""
    m = _RANKED_SUBJECT.search(sm.text, lo, cue_start)
    if m is None or m.end() != cue_start:
        return []
    start = _LEAD.match(sm.text, lo, m.start())
    found = read_phrase_list(sm, start.end() if start else lo, m.start(), pairs=False)
    # (a last member read only in part, "wood" of "wood and articles of wood", still names the goods)
    return found if found and _REST_OF_LIST.fullmatch(sm.text, found[-1].end, m.start()) else []


# "Teak was the biggest AD export species at 2,690m3": goods, named as the subject a ranking of exports is of
_EXPORT_ITEM_SUBJECT = re.compile(r"\W*(?P<goods>(?:[A-Za-z][a-z-]+\s+){0,2}?[A-Za-z][a-z-]+)\s+"
                                  r"(?:was|were|is|are|remained|remains)\s+(?:also\s+)?the\s+" + _RANK +
                                  r"\s+(?:[\w()-]+\s+){0,2}?(?:(?:export|import)(?:ed)?\s+"
                                  r"(?:species|products?|items?|commodit(?:y|ies)|crops?|goods|lines?)\b"
                                  # "Fuel was the main import, sourced mainly from …": the trade noun alone
                                  r"|(?:export|import)s?\b(?=\s*[,;.]|\s+(?:from|to|of\s+the\s+(?:month|year|period)|"
                                  r"in|at|by|with)\b))", re.I)


def ranked_item_subject(sm: SentenceMentions, lo: int, hi: int) -> tuple[list[Goods], int]:
    """The goods a sentence opens with when it ranks them among exports ("Teak was the biggest AD export species"),
    and where that ranking ends; none when the subject is a country or a company."""
    m = _EXPORT_ITEM_SUBJECT.match(sm.text, lo, hi)
    if m is None or any(c.start < m.end("goods") for c in sm.countries_in(lo, m.end())):
        return [], -1
    start, end = m.span("goods")
    name = sm.text[start:end]
    if name.split()[0].lower() in ("the", "it", "this", "that", "which", "what", "its", "their"):
        return [], -1
    terms = sm.terms_in(start, end)
    goods = term_goods(sm.text, terms[-1], start) if terms else Goods(name.lower(), goods_hs(name), False, start, end)
    return [goods], m.end()
