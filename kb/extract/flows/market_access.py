"""Markets opened to the story's goods, listed as goods and the country that now takes them.

    Since January the ministry has opened five markets that had been closed to Egyptian produce, among them
    table grapes in Japan, fresh dates in Canada and potatoes in Senegal.

Each "<goods> in <country>" of the list is a flow from the story's own country to that one, with no figure: the
market is open and the goods go there (a date comes only from a later sentence telling them arrive).
"""

from __future__ import annotations

import re

from kb.extract.commodities import find_commodities
from kb.extract.flows.frames import Reading
from kb.extract.flows.goods import term_goods
from kb.extract.flows.records import Draft

_OPENED = re.compile(r"\b(?:open|opens|opened|opening|reopen|reopened|reopening|unlock|unlocked|gained\s+access\s+"
                     r"to|won\s+access\s+to)\b[^.;]{0,80}?\bmarkets?\b", re.I)
_LIST_START = re.compile(r"\b(?:among\s+them|including|such\s+as|namely)\s+|:\s+")
# "table grapes in ", ", fresh dates in ", " and frozen strawberries in "
_ITEM = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+)?(?P<goods>[a-z][\w' -]{1,40}?)\s+(?:in|to|for)\s+(?:the\s+)?")


def read_market_access(rd: Reading) -> None:
    """A flow for each goods and country a sentence lists after telling that markets were opened."""
    home = rd.frame.home
    if home is None:
        return
    for sentence in rd.ctx.sentences:
        opened = _OPENED.search(sentence.text) if "arket" in sentence.text else None
        listed = _LIST_START.search(sentence.text, opened.end()) if opened else None
        if listed is None:
            continue
        pos = sentence.start + listed.end()
        for c in rd.ctx.countries_in(pos, sentence.end):
            item = _ITEM.fullmatch(rd.ctx.text, pos, c.start)
            if item is None or c.form != "name" or c.code == home:
                break  # the list ends where an item is no "<goods> in <country>"
            terms = find_commodities(item["goods"])
            if terms:
                goods = term_goods(item["goods"], terms[0])
                rd.drafts.append(Draft(goods, home, c.code, None, None, None, None, None, sentence))
            pos = c.end
