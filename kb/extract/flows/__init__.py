"""Trade flows: goods that moved (or are contracted to move) from one named country to another.

Read in three layers (see READING.md in the project's shared notes):
1. mentions — per sentence, typed spans found once (`mentions`): countries, figures, goods terms,
   trade cues with their frame kind, dates, clauses;
2. frames — each cue opens a frame whose roles are filled from the mentions by the cue's valence
   (`roles` for the countries' sides, `goods`, `figures`), lists zipped or expanded (`frames`);
3. the article frame — the story's exporter, goods and period, inherited by frames that leave a
   role empty (`article`).
Tables and lists of countries with figures are read after the sentences (`tables`); flows are then
merged to one per (from, to, goods, period, figure) (`records`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from kb.extract.commodities import defined_goods, find_commodities, with_defined_initials
from kb.extract.context import ArticleContext, Sentence, mentions_of
from kb.extract.dates import find_dates, with_season_months
from kb.extract.flows.article import article_frame
from kb.extract.flows.frames import (
    GOODS_TRADED,
    LEAD,
    MOVE_BETWEEN,
    SEASON_OPENED,
    Reading,
    lead_period,
    may_continue,
    note_goods_level,
    note_story_total,
    ranks_goods,
    read_sentence,
    season_bounds,
)
from kb.extract.flows.goods import Goods, goods_hs, narrows, plausible_goods, term_goods
from kb.extract.flows.goods_lists import read_goods_lists
from kb.extract.flows.lexicon import lexicon
from kb.extract.flows.market_access import read_market_access
from kb.extract.flows.mentions import ArticleMentions, place_follows
from kb.extract.flows.named_lists import read_named_lists
from kb.extract.flows.partner_tables import read_partner_tables
from kb.extract.flows.partners import may_tell_level
from kb.extract.flows.pronouns import partner_pronouns
from kb.extract.flows.records import Draft, merge, to_record
from kb.extract.flows.tables import read_lists, read_tables
from kb.extract.flows.trade_rows import read_trade_rows
from kb.extract.seasons import first_months_of_season, with_marketing_year
from kb.facts import TradeFlow, country_codes


def extract_trade_flows(ctx: ArticleContext) -> list[TradeFlow]:
    """Flows the article reports, one per (from, to, goods, period, figure)."""
    if not ctx.sentences:
        return []
    terms = with_defined_initials(ctx.text, find_commodities(ctx.text))
    # sentences without a cue are skipped ("reached" is one only before places: "reached 61 countries, among them",
    # "reached Taiwan")
    cue_spans = [m.span() for m in lexicon().cue.finditer(ctx.text)
                 if not (m.group().lower() == "reached" and not place_follows(ctx.text, m.end()))]
    frame = article_frame(ctx, terms)
    countries = _trading_countries(ctx)
    countries = countries + partner_pronouns(ctx.sentences, countries)
    mentions = ArticleMentions(ctx.text, ctx.published, countries, terms, cue_spans, frame.home)
    reading = Reading(ctx, frame)
    heading_goods, paragraph = None, -1
    for sentence in ctx.sentences:
        if _is_heading(sentence.text):
            # a new section: its goods are the heading's, and nothing continues across it
            heading_goods = _heading_goods(sentence.text)
            reading.section_goods, reading.last, reading.named_goods = heading_goods, None, (-1, [])
            continue
        if sentence.paragraph != paragraph:
            # "GLYCERIN earned USD1.78 million. … Japan absorbed 1,415 MT": a paragraph led by its goods is theirs
            paragraph, lead = sentence.paragraph, _paragraph_goods(sentence.text)
            if lead is not None:  # the sides told before go on (a ranking may), in the paragraph's goods
                reading.section_goods, reading.named_goods = lead, (-1, [])
                reading.last = replace(reading.last, goods=[lead]) if reading.last is not None else None
            elif reading.section_goods is not heading_goods:
                reading.section_goods = heading_goods
        if SEASON_OPENED.search(sentence.text):
            season_bounds(reading, mentions.sentence(sentence))
        # goods of two origins exchanged "between" places; goods of a named origin at a level ("Indian shrimp
        # reached 48,215 t"), which needs a country and a figure
        readable = mentions.has_cue(sentence) or may_continue(reading, sentence) \
            or MOVE_BETWEEN.search(sentence.text) is not None or GOODS_TRADED.search(sentence.text) is not None \
            or (mentions.has_country(sentence) and may_tell_level(sentence.text))
        if readable and _can_write(reading, mentions, sentence) and not _table_row(reading, sentence.text) \
                and not _table_caption(ctx.text, sentence):
            read_sentence(reading, mentions.sentence(sentence))
        else:
            if mentions.has_cue(sentence) and not reading.drafts:
                note_story_total(reading, mentions.sentence(sentence))
            if ranks_goods(sentence.text):
                note_goods_level(reading, mentions.sentence(sentence))
            if sentence.start <= LEAD or lexicon().turnover.search(sentence.text):
                lead_period(reading, mentions.sentence(sentence))
        reading.note_period(sentence.end)
    if "|" in ctx.text or "\t" in ctx.text:
        read_tables(reading)
        read_trade_rows(reading)
    read_partner_tables(reading)
    read_lists(reading)
    read_goods_lists(reading)
    read_named_lists(reading)
    read_market_access(reading)
    _named_by_initials(reading.drafts, defined_goods(ctx.text, terms))
    # (a side that is no country code, whatever reading guessed it, is no flow: a record must never fail to build)
    codes = country_codes()
    drafts = _lead_company_lent(reading, [d for d in merge(reading.drafts)
                                          if d.exporter in codes and d.importer in codes])
    for d in drafts:  # "In the 2025/2026 campaign" where "the campaign … runs from June to May"
        if d.date and "/" in d.date:
            d.date = with_marketing_year(with_season_months(d.date, ctx.text), d.goods.hs, d.exporter, ctx.text)
            d.date = first_months_of_season(d.date, ctx.text)
            d.date = _so_far(d.date, d.sentence.text, ctx.published)
    return [_own_dollars(to_record(d), frame.home, ctx.text) for d in drafts]


def _named_by_initials(drafts: list[Draft], initials: dict[str, tuple[str, str | None]]) -> None:
    """"CNO was shipped mainly to the Netherlands" after "crude coconut oil (CNO)": the goods the initials stand for."""
    for d in drafts if initials else []:
        if (full := initials.get(d.goods.name.upper())) is not None:
            d.goods = Goods(full[0], full[1], d.goods.weak, d.goods.start, d.goods.end, d.goods.definite)


# Countries whose own currency is the dollar, as their own statistics and press write it bare ("$7.05 billion")
# (not Taiwan's, Hong Kong's or Singapore's press, which write their own "NT$", "HK$", "S$" and a bare "$" for US)
_OWN_DOLLARS = {"NZ": "NZD", "AU": "AUD", "CA": "CAD", "FJ": "FJD", "JM": "JMD", "TT": "TTD", "SB": "SBD",
                "BB": "BBD", "BS": "BSD", "BZ": "BZD", "GY": "GYD"}
_US_DOLLARS_NAMED = re.compile(r"US\s?\$|U\.S\.\s?\$|\bUSD\b|\bUS\s+dollars?\b|\bU\.S\.\s+dollars?\b|\bgreenbacks?\b")


def _own_dollars(flow: TradeFlow, home: str | None, text: str) -> TradeFlow:
    """"$602 million" in a New Zealand story of its own trade, where no sum is marked as US dollars: NZ dollars."""
    own = _OWN_DOLLARS.get(home or "")
    if own and flow.currency == "USD" and home in (flow.from_, flow.to) and not _US_DOLLARS_NAMED.search(text):
        flow.currency = own
    return flow


_HEADING = re.compile(r"[A-Z][\w'’&-]*(?:[ \t]+[\w'’&-]+){0,5}")


def _is_heading(text: str) -> bool:
    """A sub-heading inside the body ("Sheepmeat", "July to September quarter"): a short line, no sentence."""
    return len(text) <= 60 and bool(_HEADING.fullmatch(text))


def _heading_goods(text: str) -> Goods | None:
    """The goods a sub-heading names when it names nothing else, else none (a section of the story's goods)."""
    terms = find_commodities(text)
    if len(terms) == 1 and not text[:terms[0].start].strip() and not text[terms[0].end:].strip():
        return term_goods(text, terms[0])
    return None


# "In third place, GLYCERIN earned …", "Fifth-placed COIR & COIR PRODUCTS earned …", "COCONUT MILK POWDER came
# fourth": a product report's paragraph that opens with its goods in capitals, then their verb
_CAPITALS_LEAD = re.compile(r"\W*(?:(?:In|At)\s+(?:the\s+)?[a-z]+\s+(?:place|spot|position),\s+|[A-Z][a-z]+-placed\s+)?"
                           r"(?P<goods>[A-Z][A-Z'’-]+(?:\s+(?:&\s+)?[A-Z][A-Z'’-]+){0,4})\s+(?:\([^()]{1,20}\)\s+)?"
                           r"(?:again\s+|also\s+)?(?:[a-z]+ed|came|was|were|is|are|led|brought|took|fell|rose|grew|"
                           r"ranked|earned|headed|topped)\b")


def _paragraph_goods(text: str) -> Goods | None:
    """The goods a paragraph opens with in capitals, as a product report names them (lower-cased, "&" as "and")."""
    m = _CAPITALS_LEAD.match(text)
    if m is None or len(m["goods"].replace(" ", "")) < 4:
        return None
    name = re.sub(r"\s*&\s*", " and ", m["goods"]).lower()
    if not all(plausible_goods(part.split()) for part in name.split(" and ")):
        return None
    return Goods(name, goods_hs(name), False)


def _trading_countries(ctx: ArticleContext) -> list:
    """The country mentions that may be a side of a trade: not one inside a public body's name ("the spokesman
    for the Islamic Republic of Iran Customs Administration said China was the largest buyer")."""
    kinds = {a.name: a.kind for a in ctx.agencies}
    bodies = [(m.start, m.end) for m in mentions_of(ctx).agencies
              if kinds.get(m.name) not in ("company", "association")]
    if not bodies:
        return ctx.countries
    return [c for c in ctx.countries if not any(s <= c.start and c.end <= e and (s, e) != (c.start, c.end)
                                                for s, e in bodies)]


# "in the 2025-26 marketing year up to January 11": the period's start to that day
_UP_TO = re.compile(r"\b(?:up\s+to|till|until|through|as\s+of)\s+(?=[A-Z0-9])")


def _so_far(period: str, sentence: str, published: str | None) -> str:
    """A period cut at the day the sentence counts up to, when that day falls inside it."""
    start, _, end = period.partition("/")
    if len(start) != 7 or len(end) != 7:
        return period
    for m in _UP_TO.finditer(sentence):
        day = next((d.value for d in find_dates(sentence[m.end():m.end() + 30], published) if len(d.value) == 10
                    and d.start == 0), None)
        if day and start <= day[:7] <= end:
            return f"{start}-01/{day}"
    return period


# "The country's exports of phosphoric acid …": the country's trade, not the company's
_THE_COUNTRYS = re.compile(r"\b(?:the\s+country|the\s+nation|the\s+kingdom|the\s+republic)['’]s\b|\bnational\b", re.I)


def _lead_company_lent(reading: Reading, drafts: list[Draft]) -> list[Draft]:
    """"OCP Group exported 4.87 million tonnes of fertilizers … Brazil was the leading destination, with 1.12 million
    tonnes of DAP": in a story whose lead names one exporting company, and no other company exports, later flows of
    the lead's goods from its country are the company's."""
    companies = {d.company for d in drafts if d.company}
    if reading.lead_company is not None:
        company, exporter, goods = reading.lead_company
    elif drafts and drafts[0].company and drafts[0].sentence.start <= LEAD:
        company, exporter, goods = drafts[0].company, drafts[0].exporter, drafts[0].goods
    else:
        return drafts
    if companies - {company}:
        return drafts
    for d in drafts:
        if d.company is None and d.exporter == exporter and _same_goods(goods, d.goods) \
                and not _THE_COUNTRYS.search(d.sentence.text):
            d.company = company
    return drafts


def _same_goods(lead: Goods, goods: Goods) -> bool:
    """The lead's goods, or a kind of them ("diammonium phosphate" in a story of fertilizers)."""
    return goods.key == lead.key or goods.weak or narrows(goods, lead)


_POINTS_BACK = re.compile(r"\b(?:there|neighbou?r|partner)\b")


def _can_write(reading: Reading, mentions: ArticleMentions, sentence: Sentence) -> bool:
    """Whether a sentence can add anything: a country to read, a flow to lend to, a country pointed back to."""
    return mentions.has_country(sentence) or bool(reading.drafts) or bool(_POINTS_BACK.search(sentence.text)) \
        or bool(reading.frame.title_destinations)


# a table's first line: cells parted by bars or tabs
_TABLE_LINE = re.compile(r"\n[ \t]*\n?[^\n]*(?:\|[^\n]*\||\t[^\n]*\t)")


def _table_caption(text: str, sentence: Sentence) -> bool:
    """The heading of a table ("Prune exports, Chile, by destination (in mt)" over its rows): a line without a
    sentence's end, read with the table it heads."""
    return not sentence.text.rstrip().endswith((".", "!", "?", ":")) and "\n" not in sentence.text \
        and _TABLE_LINE.match(text, sentence.end) is not None


def _table_row(reading: Reading, text: str) -> bool:
    """A table's row is read with its table, not as a sentence."""
    return (bool(reading.drafts) and ("|" in text or "\t" in text) and text.lstrip().startswith(("|", "\t"))) \
        or text.count("|") >= 2
