"""Flows as read (`Draft`), merged to one per (from, to, goods, period, figure), written as kb-facts records."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kb.extract.context import Sentence
from kb.extract.dates import find_dates
from kb.extract.flows.goods import Goods, natural_name
from kb.extract.quantities import Amount
from kb.extract.shared_money import SHARED_NAMES
from kb.facts import Evidence, TradeFlow


@dataclass
class Draft:
    goods: Goods
    exporter: str
    importer: str
    amount: Amount | None  # the flow's quantity, or its money when it has only a value
    money: Amount | None  # the value of a quantity
    date: str | None
    per: str | None
    company: str | None  # the exporting organisation
    sentence: Sentence
    buyer: str | None = None  # the importing organisation
    part: bool = False  # a goods a figure's total is broken into ("…, mainly sardines"): a flow of its own

    @property
    def key(self) -> tuple[str, str, str]:
        return self.exporter, self.importer, self.goods.key


def _same_flow(a: Draft, b: Draft) -> bool:
    """The same sides and goods: "pork" told again for "pork and processed pork products" is the same goods,
    named short (the known term opening the longer name the story gave first)."""
    if a.key == b.key:
        return True
    if (a.exporter, a.importer) != (b.exporter, b.importer) or bool(a.goods.hs) == bool(b.goods.hs):
        return False
    short, long = (a.goods, b.goods) if a.goods.hs else (b.goods, a.goods)
    return long.name.lower().startswith(short.name.lower() + " and ")


def merge(drafts: list[Draft]) -> list[Draft]:
    """One flow per (from, to, goods, period, figure); figureless ones only when nothing says more."""
    out: list[Draft] = []
    for d in drafts:
        same = [g for g in out if _same_flow(g, d) and not (d.part and g.part and g.goods.name != d.goods.name)]
        if d.amount is None:
            _merge_figureless(out, same, d)
            continue
        # "the largest supplier of pipeline natural gas to China … imported 24.7 Mt of pipeline gas": one flow
        kin = [g for g in out if g.amount is None and g not in same and not g.part and not d.part
               and (g.exporter, g.importer) == (d.exporter, d.importer) and (g.date == d.date or not g.date)
               and (_same_heading(g.goods.hs, d.goods.hs) or g.goods.name.split()[-1] == d.goods.name.split()[-1])]
        for g in [g for g in same if g.amount is None] + kin:
            out.remove(g)
            d.company, d.date, d.buyer = d.company or g.company, d.date or g.date, d.buyer or g.buyer
        if d.amount.kind == "money":
            host = next((g for g in same if g.amount is not None and g.amount.kind == "quantity"
                         and g.money is None and _same_period(g.date, d.date)
                         and (d.date is not None or g.sentence.start == d.sentence.start)), None)
            if host is not None:  # "418,000 tonnes … The value of these exports was 241 billion francs"
                host.money = d.amount
                # "the 2025-26 season" told as September–August
                host.date = max((host.date or "", d.date or ""), key=len) or None
                continue
        if d.amount.kind == "quantity" and d.money is None:
            # "Imports from China fell 4.6% in value to $1,003.72 million, and 6.2% in quantity to 41,388 tonnes"
            # … and "Italy accounted for $412 million. … 118,460 metric tons went to Italy": the same period's
            # value and volume told in two sentences
            host = next((g for g in same if g.amount is not None and g.amount.kind == "money"
                         and g.date == d.date and (g.sentence.start == d.sentence.start or d.date is not None)), None)
            if host is not None:
                d.money = host.amount
                out[out.index(host)] = d
                continue
        dup = next((g for g in same if g.amount is not None and _same_amount(g.amount, d.amount)
                    and (g.date == d.date or g.date is None or d.date is None)), None)
        if dup is not None:
            dup.date, dup.company, dup.buyer = dup.date or d.date, dup.company or d.company, dup.buyer or d.buyer
            continue
        out.append(d)
    return out


def _same_period(a: str | None, b: str | None) -> bool:
    """The same period, or a season told once by its years ("2025/2026") and once by its months
    ("2025-09/2026-08")."""
    if a == b:
        return True
    if a is None or b is None:
        return False
    years, months = (a, b) if len(a) < len(b) else (b, a)
    return bool(re.fullmatch(r"\d{4}/\d{4}", years)) and months[:4] == years[:4] and months[8:12] == years[5:9] \
        and bool(re.fullmatch(r"\d{4}-\d\d/\d{4}-\d\d", months))


def _merge_figureless(out: list[Draft], same: list[Draft], d: Draft) -> None:
    # "The US took 688,902 t of rice … Jasmine rice made up most of the shipments to the US": a kind of it told
    same = [g for g in same if not _a_kind_of(d, g)] if same else [
        g for g in out if (g.exporter, g.importer) == (d.exporter, d.importer) and g.amount is not None
        and not d.part and _same_chapter(g.goods, d.goods) and not _a_kind_of(d, g)  # "RMG" beside "garments"
        # … but "fresh fruit" worth $54.5 million, then "wax apples, mangoes and citrus": goods of a heading told
        # apart from the chapter's figure are kinds of it, each its own flow
        and not _heading_inside_a_chapter(d.goods, g.goods)]
    # "For 2025 as a whole, the main customers were Turkey, …" after the first quarter's figures: another period's
    # (told at the sentence's head: a date lent by the story, or an aside's, says nothing of another period)
    if same and d.date and any(g.date and g.amount is not None and _apart(g.date, d.date) for g in same) \
            and any(m.value == d.date and m.start <= _FRONTED for m in find_dates(d.sentence.text, None)):
        same = [g for g in same if not (g.date and g.amount is not None and _apart(g.date, d.date))]
    if not same and any(_a_kind_of(d, g) for g in out if g.key == d.key):
        out.append(d)
        return
    if same:
        for g in same:
            g.company, g.buyer = g.company or d.company, g.buyer or d.buyer
            g.date = g.date or d.date if g.amount is None else g.date
        return
    if not d.part and any(g.sentence is d.sentence and (g.exporter, g.importer) == (d.exporter, d.importer)
                          and _broader(d.goods.hs, g.goods.hs) for g in out):
        return  # "fresh pears … the fresh fruit": the chapter adds nothing
    # "The first shipment of Hass avocados … left": the same goods, read twice from one sentence
    named = next((g for g in out if g.sentence is d.sentence and (g.exporter, g.importer) == (d.exporter, d.importer)
                  and not g.part and not d.part and _one_names_the_other(g.goods.name, d.goods.name)), None)
    if named is not None:
        if not named.goods.hs and d.goods.hs:
            named.goods = replace(named.goods, hs=d.goods.hs)
        return
    out.append(d)


_FRONTED = 12  # characters: "For 2025 as a whole, …", "In the 2025 season, …"


def _apart(a: str, b: str) -> bool:
    """Two periods that do not overlap ("2025" and "2026-01/2026-03"), compared by their first and last months."""
    def bounds(period: str) -> tuple[str, str]:
        first, _, last = period.partition("/")
        last = last or first
        return first[:7] if len(first) >= 7 else first + "-01", last[:7] if len(last) >= 7 else last + "-12"
    (a0, a1), (b0, b1) = bounds(a), bounds(b)
    return a1 < b0 or b1 < a0


def _a_kind_of(d: Draft, figured: Draft) -> bool:
    """A figureless flow told later of a kind of goods a figured flow names ("jasmine rice" after "rice")."""
    name, general = d.goods.name.lower(), figured.goods.name.lower()
    if figured.amount is None or figured.sentence is d.sentence or not name.endswith(" " + general):
        return False
    return not all(w in _STATES for w in name[:-len(general)].split())  # "fresh avocados" are the avocados


_STATES = frozenset(("fresh", "chilled", "frozen", "live"))  # how goods travel, not which kind they are


def _one_names_the_other(a: str, b: str) -> bool:
    """"hass avocados" and "avocados": one name is the other with words before it."""
    return a != b and (a.endswith(" " + b) or b.endswith(" " + a))


def _same_heading(a: str | None, b: str | None) -> bool:
    return bool(a and b and len(a) >= 4 and len(b) >= 4 and a[:4] == b[:4])


def _same_chapter(a: Goods, b: Goods) -> bool:
    """Goods of one chapter, the later not named in its sentence as a heading apart from the other's ("RMG" and
    "garments"; not "ginger, sold mostly to Bangladesh" beside cardamom, two headings of chapter 09)."""
    x, y = a.hs, b.hs
    return bool(x and y and x[:2] == y[:2] and (b.start < 0 or len(x) == 2 or len(y) == 2 or x[:4] == y[:4]))


def _heading_inside_a_chapter(specific: Goods, chapter: Goods) -> bool:
    return bool(specific.hs and chapter.hs and len(chapter.hs) == 2 and len(specific.hs) >= 4)


def _broader(a: str | None, b: str | None) -> bool:
    return bool(a and b and len(a) < len(b) and b.startswith(a))


def _same_amount(a: Amount, b: Amount) -> bool:
    return a.kind == b.kind and a.unit == b.unit and abs(a.value - b.value) <= 1e-6 * max(1.0, a.value)


# "the main destinations of the province's exports": a trade noun standing for what was traded names no goods
_TRADE_NOUNS = frozenset(("exports", "imports", "shipments", "sales", "supplies", "deliveries", "trade"))


def to_record(d: Draft) -> TradeFlow:
    a = d.amount
    quantity = a.value if a is not None and a.kind == "quantity" else None
    m = a if a is not None and a.kind == "money" else d.money
    name = natural_name(d.goods.name)
    return TradeFlow.model_validate({
        "commodity": "goods" if name.lower() in _TRADE_NOUNS else name, "hs": d.goods.hs,
        "from": d.exporter, "to": d.importer,
        "quantity": quantity, "unit": a.unit if quantity is not None else None,
        "value": m.value if m is not None else None, "currency": _currency(d, m) if m is not None else None,
        "per": d.per, "date": d.date, "exporter": d.company, "importer": d.buyer,
        "evidence": [Evidence(quote=d.sentence.text, start=d.sentence.start, end=d.sentence.end)],
    })


def _currency(d: Draft, m: Amount) -> str | None:
    surface = d.sentence.text[m.start:m.end] if m.end <= len(d.sentence.text) else ""
    for pattern, default, by_country in SHARED_NAMES:
        # a table's cell has no surface: its column header named the currency, read the same way
        named = re.search(r"Indian|Kenyan|Saudi|Iranian|₹|INR|KES|KSh|₱|PHP|SAR|IRR", surface)
        if m.currency == default and (pattern.search(surface) or m.end == 0) and not named:
            for country in (d.exporter, d.importer):  # the exporter's money first: India's rupees to Nepal stay INR
                if country == default[:2]:
                    return default
                if country in by_country:
                    return by_country[country]
            return m.currency
    return m.currency
