"""Frames: each trade cue opens one, its roles filled from the sentence's mentions, then written as drafts.

A frame covers the stretch of its clause between the cues before and after it.
Its countries get their sides from `roles`, its goods from `goods`, its figures
from `figures`. A coordination group in one role yields one flow per member;
a list of partners and a list of figures are zipped ("35,759 tonnes went to
Spain and 34,676 tonnes to Italy"); a single figure over several partners or
goods is a total that none of them gets. An empty side is inherited from the
article frame; modality, negation and two-way trade close a frame without a
record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import pairwise

from kb.extract import gazetteer
from kb.extract.commodities import find_commodities, fold
from kb.extract.context import ArticleContext, Sentence
from kb.extract.countries import SIDE_LEAD, CountryMention, is_destination
from kb.extract.dates import DateMention, years_moved
from kb.extract.flows.adverbs import MOSTLY
from kb.extract.flows.article import ArticleFrame
from kb.extract.flows.companies import (
    Organisation,
    companies_after,
    company_country,
    latest_company,
    maker,
    subject_organisation,
)
from kb.extract.flows.composition import (
    composition_goods,
    itemised_goods,
    listed_items,
    parts_of_total,
    parts_reach,
    ranked_goods,
)
from kb.extract.flows.figures import Figure, day_of_telling, is_period, sentence_figures
from kb.extract.flows.goods import (
    Goods,
    antecedent,
    clean_goods,
    goods_after_copula,
    goods_after_of,
    goods_before_list,
    goods_hs,
    goods_of_figure,
    goods_of_share_subject,
    list_around,
    narrows,
    nearest_term,
    of_own_trade,
    plausible_goods,
    read_phrase_list,
    term_goods,
    unpaired,
)
from kb.extract.flows.lexicon import EXPORTING, NOUNS, lexicon
from kb.extract.flows.mentions import (
    LESS_OR_MORE,
    PART_OF_WHOLE,
    PORTION_AFTER,
    RELATIVE_ASIDE,
    SHARE_TAKEN,
    Cue,
    SentenceMentions,
    compared_span_moved_on,
    known_goods_object,
    more_goods_after,
)
from kb.extract.flows.partners import CHANGED_TO, OPENING, goods_subject, may_tell_level
from kb.extract.flows.products import main_products, ranked_item_subject, ranked_subject
from kb.extract.flows.records import Draft
from kb.extract.flows.roles import (
    EXPORTER,
    IMPORTER,
    OWN_CHANGE,
    OWN_TRADE_CHANGED,
    REGION,
    Party,
    frame_parties,
    in_aside,
    subject_side,
)
from kb.extract.quantities import APPROX, FIGURE_START, rate_in

_BACK_REFERENCE = re.compile(r"\bthe\s+other\b|\b(?:smaller|larger|similar|further|some|the\s+same)\s+"
                             r"(?:amounts|volumes|quantities|shipments|consignments)\b|\b(?:the|this|that|these|those)\s+"
                             r"(?:consignments?|shipments?|cargo(?:es)?|batch(?:es)?|deliver(?:y|ies)|exports|sales|goods)\b",
                             re.I)
# "Most of it went to India": a part of the goods just told (no figure of another flow's)
_PART_OF_IT_TEXT = r"\b(?:most|much|all|half|the\s+bulk)\s+of\s+(?:it|them|this|that|these|those)"
_PART_OF_IT = re.compile(_PART_OF_IT_TEXT + r"\b", re.I)
# Goods words that say "a load of": the goods are what follows "of".
_CONTAINERS = frozenset(("cargo", "cargoes", "shipment", "shipments", "consignment", "consignments", "batch",
                         "batches", "load", "loads", "container", "containers", "lot", "lots", "volume", "volumes",
                         "quantity", "quantities", "tonnes", "tons", "worth", "supply", "supplies", "delivery",
                         "deliveries"))


@dataclass(frozen=True)
class _Sides:
    """The countries and goods of a frame that wrote flows: a later clause of its sentence may continue it."""

    sentence: int  # the sentence's start
    sentence_end: int
    exporters: list[str]
    importers: list[str]
    goods: list[Goods]
    ranked: str | None = None  # the side a role noun ranked ("the main buyer": importers), more of it may follow
    kind: str = "export_verb"  # the frame kind of the cue that wrote them
    buyer_owns: bool = False  # the importer owned the frame's roles ("Among China's other origins, A supplied …")


@dataclass
class Reading:
    """What reading one article keeps across its sentences."""

    ctx: ArticleContext
    frame: ArticleFrame
    drafts: list[Draft] = field(default_factory=list)
    last: _Sides | None = None
    named_exporters: tuple[int, list[str]] = (-1, [])  # (sentence start, exporters a partnerless frame named)
    named_importers: tuple[int, list[str]] = (-1, [])  # (sentence start, importers a frame named without a seller)
    named_goods: tuple[int, list[Goods]] = (-1, [])  # (sentence start, goods a frame read, flows or not)
    ranking: _Sides | None = None  # the latest frame that ranked a side ("Brazil was Chile's largest supplier")
    partnerless: _Sides | None = None  # the latest frame that named its exporter only ("X's tea exports earned …")
    sellerless: _Sides | None = None  # the latest that named its importer only ("China imported 9.6 Mt of soybeans")
    named_in_full: dict[str, Goods] = field(default_factory=dict)  # head word → the latest goods of two words or more
    # (company, its country, its goods): "OCP Group exported 4.87 million tonnes of fertilizers" leading the story
    lead_company: tuple[str, str, Goods] | None = None
    periods: list[tuple[int, str]] = field(default_factory=list)  # (sentence start, the story's period from there)
    section_goods: Goods | None = None  # the goods a sub-heading gave the section being read ("## Beef")

    def note_period(self, pos: int) -> None:
        """Remember the story's period as it stands from the sentence at `pos` on."""
        if self.frame.period and (not self.periods or self.periods[-1][1] != self.frame.period):
            self.periods.append((pos, self.frame.period))

    def period_at(self, pos: int) -> str | None:
        """The story's period where the text at `pos` stands (a list read after the sentences takes its own)."""
        return next((p for start, p in reversed(self.periods) if start <= pos), None) or self.frame.period


@dataclass(frozen=True)
class _Frame:
    sm: SentenceMentions
    cue: Cue
    clause: tuple[int, int]
    region: tuple[int, int]
    figures: list[Figure]
    parties: list[Party]
    goods: list[Goods]
    extras: tuple[Goods, ...] = ()  # goods a figure's total is broken into: "…, mainly crude oil and iron ore"


def read_sentence(rd: Reading, sm: SentenceMentions) -> None:
    """Every frame of one sentence, its flows added to the reading."""
    if _exchanged_between(rd, sm):
        return
    if (not sm.cues and not may_continue(rd, sm.sentence) and not may_tell_level(sm.text)) \
            or (_BY_SECTOR.search(sm.text) and not sm.countries):
        # … nor a breakdown by sector naming no country ("Food industries brought in JOD 141 million, medical
        # supplies JOD 97 million"): the whole trade's sectors, not the last flows' partner
        lead_period(rd, sm)
        note_goods_level(rd, sm)
        return
    _period_referred_to(rd, sm)
    resume = _breakdown(rd, sm) if continues_last(rd, sm.sentence) else 0
    if resume >= len(sm.text):
        return
    figures = sentence_figures(sm)
    if not sm.cues and _pronoun_total(rd, sm, figures):
        return
    skipped = _two_way(sm)
    previous: Cue | None = None
    for clause in sm.clauses:
        if clause[1] <= resume:
            continue  # the parts of the total told before, read by `_breakdown`
        clause = (max(clause[0], resume), clause[1])
        cues = _frame_cues(sm, [c for c in sm.cues if clause[0] <= c.start < clause[1]
                                and not in_aside(sm.text, c.start, clause)])
        if not cues and previous is not None and (_ELLIPTIC_CHANGE.match(sm.text, clause[0], clause[1]) or (
                previous.kind in ("motion", "export_verb") and _THE_REST_TO.match(sm.text, clause[0], clause[1]))
                or (previous.kind in ("motion", "export_verb", "import_verb")
                    and _PART_OF_WHOLE.match(sm.text, clause[0]))):
            # "exports fell to the US (-20.4%) but rose to India (15.2%)": the same trade word, left out; "… 41,2
            # thousand tons to China, the rest to Peru and Vietnam": the remainder sent the same way; "shipped
            # 9,000 tonnes …, 6,100 tonnes of them to the Netherlands": a part of the whole sent the same way
            rest = previous.kind == "motion"
            _read_frame(rd, sm, Cue(clause[0], clause[0], "shipped", "export_verb") if rest else previous, clause,
                        clause, figures)
            continue
        # "Kuwait, Oman and Qatar completed the list of the top six re-export markets": the role noun ranks
        # "the largest buyer of tiles": a role noun with goods of its own opens a frame
        roles_only = all(c.kind in ("buyer_noun", "supplier_noun") for c in cues) \
            and not any(g.hs for c in cues for g in goods_after_of(sm, c.end, clause[1], role=True))
        # "India slipped to second place with 14.1% of exports": the trade noun is the base of a share, the clause ranks
        roles_only = roles_only or (bool(cues) and all(c.kind in NOUNS and _SHARE_BASE.search(
            sm.text, max(0, c.start - 30), c.start) for c in cues) and _PLACED.search(sm.text, clause[0], clause[1]))
        # "Azerbaijan follows with USD 128 mln of purchases": the trade noun measures a ranked partner's figure
        roles_only = roles_only or (bool(cues) and all(c.kind in NOUNS and _MEASURED_BY.search(
            sm.text, max(0, c.start - 40), c.start) for c in cues) and _RANKED_WITH.search(sm.text, clause[0],
                                                                                           cues[0].start) is not None)
        # "Hong Kong and Cambodia followed, taking mainly frozen loin": a weak verb that counts nothing
        roles_only = roles_only or (all(c.form in lexicon().weak for c in cues)
                                    and not any(clause[0] <= f.start < clause[1] for f in figures))
        # "In fourth place, with 61,775 tonnes imported, is Egypt": a ranking whose participle opens no frame
        placed_first = (first := _NEXT_COME.match(sm.text, clause[0])) is not None and bool(first["with"])
        if not cues and _goods_subject_clause(rd, sm, clause, figures):
            continue
        if not cues:
            _note_level_subject(rd, sm, clause, figures)
        if previous is not None and len(cues) == 1 and cues[0].form in lexicon().weak \
                and LESS_OR_MORE.match(sm.text, cues[0].end):
            # "A and B bought more U.S. broiler meat, but C and D took less": the trade of the clause before
            _read_frame(rd, sm, Cue(cues[0].start, cues[0].end, previous.form, previous.kind), clause, clause,
                        figures)
            previous = cues[0]
            continue
        if (not cues or roles_only or placed_first) and _parallel_clause(rd, sm, clause, figures, cues):
            continue
        for i, cue in enumerate(cues):
            if cue in skipped:
                continue
            end = cues[i + 1].start if i + 1 < len(cues) else clause[1]
            handed = _handed_at(sm.text, cues, i, end) or _subject_of_next(sm, cues, i, end)
            # "Uzbekistan, the third largest buyer, saw its purchases fall to 640 tons": a role in an aside
            # about the subject, whose own trade follows
            aside = i and cues[i - 1].kind in ("buyer_noun", "supplier_noun") \
                and _ASIDE_THEN_ITS.match(sm.text, cues[i - 1].end, cue.start) is not None
            region = (_region_start(sm.text, cues[i - 1].end, cue.start) if i and not aside else clause[0],
                      end if handed is None else handed)
            _read_frame(rd, sm, cue, clause, region, figures)
        previous = cues[-1] if cues else previous
    # the period the sentence reports, not the one a figure is compared with ("…, from 349.7 tonnes in 2024")
    # (and not one the same months a year or more before another's: "In January–July last year the country sold
    # 1,146 tons; in the same seven months of this year shipments reached 4,208 tons")
    own = [f.date for f in figures if f.date is not None and not f.compared]
    dated = next((d for d in own if not any(_later_same_months(d.value, e.value) for e in own)), None)
    rd.frame.span = next((f.date.value for f in figures if f.date is not None and not f.compared
                          and "/" in f.date.value and _reported(rd, f.date.value)), rd.frame.span)
    if dated is None and sm.cues and rd.frame.period is None and (not figures or sm.sentence.start <= LEAD):
        # "Peru's avocado exports grew strongly in the first quarter.", "… pushed up goods exports in May 2026":
        # a lead's period dates what follows; "Fiji's agriculture exports in 2025 showed gains in kava", "2025
        # closed with a record for beef exports, as the country shipped 361,400 tons" too
        # (not "while meeting farmers … last week": a week or days without a figure date an event, not trade)
        # (the base of a comparison stands for the same months a year on: "Half-year imports came to 689 million
        # pounds, 3.1 percent less than in January-June 2025" in August 2026 tells January-June 2026)
        dated = next((replace(d, value=compared_span_moved_on(sm.text, d, rd.ctx.published)) for d in sm.dates()
                      if ("/" in d.value and len(d.value.split("/")[0]) < 10)
                      or (len(d.value) in (4, 7) and sm.sentence.start <= LEAD)), None)
    if dated is None and sm.cues:
        dated = _months_of_the_year(rd, sm)
    if dated is not None and is_period(dated) and _reported(rd, dated.value) \
            and not _looks_back(rd.frame.period, dated.value) \
            and not _within_year(rd.frame.period, dated.value) \
            and not (rd.frame.period is None and _years(rd.frame.told_period, dated.value)
                     and _looks_back(rd.frame.told_period, dated.value)) \
            and not _ALONE.match(sm.text, dated.end) \
            and not _unreal(sm.text[:dated.start]) \
            and not _PAST_RECORD.search(sm.text):  # "expects exports for the 2023/24 year to reach": a forecast's
        rd.frame.period = dated.value


# "The record was set in 2016/17, when …", "an all-time high reached in 2019": an aside on the past, not the
# period the story goes on reporting
_PAST_RECORD = re.compile(r"\b(?:record|peak)\s+(?:[\w-]+\s+){0,2}(?:was|were)\s+(?:set|reached|hit|achieved|posted)\b"
                          r"|\ball-time\s+(?:high|record|peak)\b", re.I)


_TURNED_ROUND = ("the other way", "the opposite direction", "the other direction")  # "goes the other way"
_SENT_THE_OTHER_WAY = re.compile(r"\s+(?:[\w'’-]+\s+){1,4}?(?:in\s+)?(?:"
                                 + "|".join(w.replace(" ", r"\s+") for w in _TURNED_ROUND) + r")\b")
_COMPASS = (" north", " south", " east", " west")
_ALONE = re.compile(r"\s+alone\b")
# "… with USD 128 mln of purchases", "… with 12,000 tonnes of imports": a figure's measure
_MEASURED_BY = re.compile(r"\bwith\s+" + APPROX + r"(?:[A-Z]{2,3}\$?\s?|[$€£]\s?)?"
                          r"\d[\d.,]*\s*(?:[^\W\d]{1,12}\.?\s+){0,2}"
                          r"(?:worth\s+)?of\s+(?:(?:its|their|the)\s+)?$", re.I)
# "Azerbaijan follows with", "Armenia came second with": a partner ranked, its figure after
_RANKED_WITH = re.compile(r"\b(?:follows?|followed|comes?|came|ranks?|ranked|is|was|are|were|stands?|stood)\s+"
                          r"(?:(?:first|second|third|fourth|fifth|sixth|next|behind|after)\s+)?with\s", re.I)
_PART_OF_WHOLE = re.compile(r"\W*" + PART_OF_WHOLE)
_THE_REST_TO = re.compile(r"\W*(?:and\s+)?the\s+(?:rest|remainder|balance)\s+(?:(?:going|went|goes)\s+)?to\s")
_ELLIPTIC_CHANGE = re.compile(r",?\s*(?:but|while|and)\s+(?:\w+ly\s+)?(?:rose|grew|increased|climbed|jumped|fell|"
                              r"declined|dropped|slipped|decreased)\s+(?:to|from)\s+(?:the\s+)?[A-Z]")
LEAD = 400  # characters: the lead paragraph, where a story states the period it reports on


# "Total exports for the month amounted to …": the month (quarter, year) the story has named
_THE_PERIOD = re.compile(r"\b(?:for|during|in|over|of)\s+the\s+(month|quarter|year|period|review\s+period)\b"
                         r"(?!\s+(?:before|earlier|ago))", re.I)


def _years(*periods: str | None) -> bool:
    return all(p is not None and len(p) == 4 for p in periods)


def _later_same_months(period: str, other: str) -> bool:
    """`other` is `period` in a later year: "2026-01/2026-07" of "2025-01/2025-07"."""
    return other > period and re.sub(r"\d{4}", "Y", other) == re.sub(r"\d{4}", "Y", period)


def _looks_back(current: str | None, period: str) -> bool:
    """A period over before the story's own began ("… brought in $2.6bn in the 2024/25 fiscal year" in a story of
    March 2026): an aside on the past, after which the story goes on with its own period."""
    if current is None:
        return False
    start, end = current.split("/")[0], period.split("/")[-1]
    n = min(len(start), len(end))
    return end[:n] < start[:n]


def _period_referred_to(rd: Reading, sm: SentenceMentions) -> None:
    told = rd.frame.told_period
    m = _THE_PERIOD.search(sm.text) if told and rd.frame.period is None else None
    if m is None or told is None:
        return
    word = m.group(1).lower()
    if (word == "month" and len(told) == 7) or (word == "year" and len(told) == 4) \
            or (word == "quarter" and "/" in told) or word.endswith("period"):
        rd.frame.period = told


def _reported(rd: Reading, period: str) -> bool:
    """A period that has begun by the story's date: "a target of $100bn by 2030" dates no later flow."""
    published = rd.ctx.published
    return published is None or period.split("/")[0] <= published[:len(period.split("/")[0])]


# "The campaign opened on 1 October 2025 and closed on 31 July 2026": the season's own first and last days
SEASON_OPENED = re.compile(r"\b(?:campaign|season|marketing\s+year|export\s+window)\s+(?:\w+\s+){0,2}?"
                            r"(?:opened|began|started|ran|runs|opens|begins|starts|was\s+open)\b", re.I)
_SEASON_CLOSED = re.compile(r"\b(?:closed|ended|ends|closes|finished|until|till|through|to)\b", re.I)


def season_bounds(rd: Reading, sm: SentenceMentions) -> None:
    """The period of "the campaign" when a sentence gives its first and last days; later undated flows take it."""
    opened = SEASON_OPENED.search(sm.text)
    if opened is None:
        return
    days = [d for d in sm.dates() if d.start >= opened.start() and len(d.value) == 10]
    if len(days) == 2 and days[0].value < days[1].value \
            and _SEASON_CLOSED.search(sm.text, days[0].end, days[1].start):
        rd.frame.period = f"{days[0].value}/{days[1].value}"


def lead_period(rd: Reading, sm: SentenceMentions) -> None:
    """"Dubai's non-oil trade reached AED1.6 trillion in the first nine months of 2025": a lead figure that
    is no flow (two-way trade, output), or a two-way total anywhere, still names the period of the flows after."""
    _period_referred_to(rd, sm)
    _months_up_to_the_month(rd, sm)
    if rd.frame.period is None and sm.text.rstrip().endswith(":") \
            and not any(a.kind in ("quantity", "money") for a in sm.amounts):
        # "… gains in its trade with the region in the first half of 2026, against January-June 2025:" over a
        # list of partners: the period the list reports (its first; what it is set against comes after)
        period = next((d for d in sm.dates() if is_period(d) and _reported(rd, d.value)), None)
        if period is not None:
            rd.frame.period = period.value
    told = _months_of_the_year(rd, sm) if any(a.kind in ("quantity", "money") for a in sm.amounts) else None
    if told is not None and "/" in told.value:
        rd.frame.period = told.value
    if rd.frame.period is not None or not any(a.kind in ("quantity", "money") for a in sm.amounts) \
            or (sm.sentence.start > LEAD and not lexicon().turnover.search(sm.text)):
        return  # the lead, or a two-way total anywhere ("Bilateral trade reached $6.2bn in 2025. Exports …")
    figures = sentence_figures(sm)
    dated = figures[0].date if figures else None  # the lead's own figure; a later one is compared with it
    if dated is not None and is_period(dated) and _reported(rd, dated.value) and not _ALONE.match(sm.text, dated.end) \
            and not (_years(rd.frame.told_period, dated.value) and _looks_back(rd.frame.told_period, dated.value)):
        # "In 2024, 338,000 tons …" in a story of 2025 (its headline's year): an aside on the past
        rd.frame.period = dated.value


def _months_up_to_the_month(rd: Reading, sm: SentenceMentions) -> None:
    """"… stepped up its exports of frozen fruit in July. In January–July shipments reached 4,208 tons": a lead
    figure of the months of the year up to the month the story told is the period of the figures after."""
    month = rd.frame.period
    if not month or len(month) != 7 or not any(a.kind in ("quantity", "money") for a in sm.amounts):
        return
    own = [f.date.value for f in sentence_figures(sm) if f.date is not None and not f.compared]
    span = next((d for d in own if "/" in d and d.endswith("/" + month) and d[:4] == month[:4]), None)
    if span is not None:
        rd.frame.period = span


_RELIANCE = re.compile(r"rel[iy]|depend")
# "Lithuanian goods went mainly to Poland", "Goods of Lithuanian origin went to …": goods words as the subject
# ("On the import side, most goods came from …", "Most imported goods came from …")
_GOODS_MOVE = re.compile(r"^\W*(?:[A-Z][^,;]{1,40},\s*)?(?:(?i:most|many|all|some|the)\s+)?(?:[A-Z][\w-]*\s+)?"
                         r"(?:(?:imported|exported|incoming|outgoing)\s+)?"
                         r"(?i:goods|products|merchandise|exports|shipments|produce)\b"
                         r"(?:\s+of\s+[A-Z][\w-]*\s+origin)?"
                         # "Exports to COMESA countries went mostly to Madagascar": the group, then its members
                         r"(?:\s+(?:to|from)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+){1,3}(?:(?:countries|members|states|"
                         r"nations|markets)\s+)?)?"
                         r"\s*(?:" + MOSTLY + r"\s+)?$")
_AMOUNTS_MOVE = re.compile(r"(?:\b(?:volumes|quantities|shipments|amounts|cargoes|consignments|lots|parcels|batches|"
                           r"the\s+rest|the\s+remainder|"
                           r"the\s+balance)|"
                           # "Most of it went to India", "Almost all of this cardamom went …": the goods told before
                           + _PART_OF_IT_TEXT + r"(?:\s+[a-z]+)?|"
                           # "Of everything exported since January 1, 44 per cent went to Syria": a share of the goods
                           r"\d\s*(?:%|per\s*cent|percent))\s+(?:also\s+)?$", re.I)
_RIGHT_AFTER = re.compile(r"\s+(?:the\s+)?(?:(?:neighbou?ring|fellow|nearby)\s+)?")  # "relied on neighbouring X"
_NOUN_AFTER = re.compile(r"\s+(?!for\b)[a-z]")  # "the Djibouti corridor": the country names a place
# ", with Indonesia taking 540,000 head": a new subject after a comma starts the next frame's stretch.
_AND_OF = re.compile(r"\s+and\s+(?=of\s+(?:the\s+)?[A-Z])")
_PART_ASIDE = (r",\s+(?:(?:dragged|pulled|weighed|held)\s+down|driven|boosted|helped|lifted|buoyed|propped\s+up|"
               r"offset|hit)\s+(?:" + MOSTLY + r"\s+)?by\s+")
_PART_ASIDE_RE = re.compile(_PART_ASIDE)
_ANOTHER_ORIGIN_TEXT = r"\s+and\s+(?=[A-Z][a-z]+(?:an|ese|ish|i)\s+[a-z])"
_ANOTHER_ORIGIN = re.compile(_ANOTHER_ORIGIN_TEXT)
_NEW_SUBJECT = re.compile(r",\s+(?:with|while|whereas|and)\s+|\s+and\s+(?=of\s+(?:the\s+)?[A-Z])"
                          # "… is trucked into Jordan and Egyptian foodstuffs … enter Iraq": goods of another origin
                          r"|" + _ANOTHER_ORIGIN_TEXT +
                          # "China's imports of Russian crude oil and its exports of machinery to Kazakhstan": the
                          # owner's other trade, in a stretch of its own (searched up to the next trade word)
                          r"|\s+and\s+(?=(?:its|their)\s)"
                          r"|\s+(?:while|whereas)\s+"  # "Sudan bought 24m kilos while the UAE took 21.6m kilos"
                          r"|\b(?:adding|saying|noting|stressing|explaining)\s+(?:that\s+)?"  # "…, adding that"
                          # "…, dragged down by a 31 percent drop in shipments from China to $688m": a part's own
                          r"|" + _PART_ASIDE)


_OF_ITS_FIGURE = re.compile(r"\s+(?:of|worth|totall?ing|valued\s+at)\s+(?:about\s+|some\s+|nearly\s+|over\s+)?"
                            + FIGURE_START)


_ASIDE_THEN_ITS = re.compile(r"\s*,\s+(?:[a-z]+\s+){1,2}(?:its|their)\s+(?:[\w-]+\s+){0,2}$")


def _region_start(s: str, previous_end: int, cue_start: int) -> int:
    if s.startswith("and of ", cue_start):
        return cue_start  # "…, and of Uzbek cotton yarn to Pakistan": the trade noun left out opens its own frame
    if _AFTER_A_COMMA.search(s, max(previous_end, cue_start - 12), cue_start) and _GAPPED_NOUN.match(s, cue_start):
        return cue_start  # "Chinese deliveries $8.70 billion, purchases $31 million": the noun's own figure only
    starts = [m.end() for m in _NEW_SUBJECT.finditer(s, previous_end, cue_start)]
    return starts[-1] if starts else previous_end


# a trade noun right before its figure: "purchases $31 million", "imports US$ 4.2bn"
_GAPPED_NOUN = re.compile(r"(?:imports|exports|re-exports|purchases|deliveries|shipments|sales)\s+(?:[A-Z]{1,3}\s?)?"
                          r"[$€£¥]?\s?\d")


_AUXILIARY = frozenset(("was", "were", "is", "are", "be", "been", "being", "has", "have", "had", "not", "it", "they",
                        "which", "that", "who", "and", "also", "he", "she", "we", "to", "will", "would", "could"))


_SHARE_BASE = re.compile(r"(?:%|\bper\s?cent|\bpercent|\bpc|\bshare)\s+of\s+(?:the\s+|its\s+|their\s+)?"
                         r"(?:total\s+|overall\s+|all\s+)?(?:[\w-]+\s+){0,2}$", re.I)


_IN_RELATIVE_ASIDE = re.compile(r",\s+(?:which|who)\b[^,;]{0,80}$")


def _frame_cues(sm: SentenceMentions, cues: list[Cue]) -> list[Cue]:
    """The cues that open frames: a participle that continues the frame before it opens none.

    "the biggest market, taking 385,000 head": "taking" adds to the market's frame; "the goats and sheep
    exported from Somalia": a reduced relative clause names the goods' origin in the same frame.
    """
    out: list[Cue] = []
    roles = [c for c in cues if c.kind in ("buyer_noun", "supplier_noun")]
    for n, cue in enumerate(cues):
        if _PASSIVE_ASIDE.match(sm.text, cue.end) and re.search(r",\s*$", sm.text[max(0, cue.start - 3):cue.start]) \
                and cue.form.endswith("ed") and any(c.kind.endswith("verb") for c in cues[n + 1:]):
            continue  # "Mauritania and Senegal, supplied by truck via Guerguerat, received 24,000 t": an aside
        if cue.kind.endswith("verb") and any(0 <= r.start - cue.end <= 1 for r in roles):
            continue  # "re-export markets", "import sources": a modifier of the role noun after it
        if out and cue.kind.endswith("verb") and _continues(sm.text, cue, out[-1]):
            continue
        if out and cue.kind in ("buyer_noun", "supplier_noun") and _OBJECT_ROLE.search(sm.text[:cue.start]) \
                and not sm.text.startswith(":", cue.end):
            # "sold sawn wood to the Chinese importer X": the verb's receiver, no frame of its own (but "paid to
            # four suppliers: China (18.9%), …" lists them)
            continue
        if cue.kind in ("buyer_noun", "supplier_noun") and out and _APPOSED_ROLE.search(sm.text, 0, cue.start) \
                and sm.text[cue.end:cue.end + 1] == ",":
            continue  # "Shipments from Australia, the second-biggest supplier, slipped to …": an aside
        if cue.kind in ("buyer_noun", "supplier_noun") and out and _BRACKETED_ROLE.search(sm.text, 0, cue.start) \
                and sm.text[cue.end:cue.end + 1] == ")":
            continue  # "Imports from China (the largest supplier) decreased … to $1bn": an aside
        if out and out[-1].kind in ("buyer_noun", "supplier_noun") and cue.kind in NOUNS \
                and _WITH_ITS_FIGURE.search(sm.text, max(0, cue.start - 30), cue.start) \
                and _FIGURE_NEXT.match(sm.text, cue.end):
            continue  # "the largest market for X, with imports worth $96m": the market's figure, no new frame
        noun = cue.kind in NOUNS or re.search(r"['’]s\s+$", sm.text[max(0, cue.start - 4):cue.start])
        if out and out[-1].kind in ("buyer_noun", "supplier_noun") and noun \
                and _ROLE_OF.fullmatch(sm.text, out[-1].end, cue.start):
            continue  # "the top destination for the emirate's re-exports": what the role noun is a role in
        if cue.kind in ("buyer_noun", "supplier_noun") and _IN_RELATIVE_ASIDE.search(sm.text, 0, cue.start) \
                and re.match(r"\s*,", sm.text[cue.end:]):
            continue  # "China, which had been emerging as a major buyer, took 5.6 million kilos": an aside
        if cue.kind in ("buyer_noun", "supplier_noun") and cue.form.endswith("share") and out \
                and out[-1].kind.endswith("verb") and _ITS_OBJECT.fullmatch(sm.text, out[-1].end, cue.start) \
                and not sm.text.startswith(" of ", cue.end):  # ("took the largest share of the fruit (8,214 t)")
            continue  # "China bought the largest share, valued at ₦9.4 billion": the verb's object, no frame
        if cue.kind == "buyer_noun" and cue.form in ("market", "the market") \
                and _SHARE_BASE.search(sm.text, max(0, cue.start - 50), cue.start):
            continue  # "still the largest importer with 38.6% of the market, took …": a market share, no buyer
        if out and cue.kind in NOUNS and _SHARE_BASE.search(sm.text, max(0, cue.start - 50), cue.start) \
                and re.search(r"\([^()]*$", sm.text[max(0, cue.start - 80):cue.start]):
            continue  # "Iraq (1.2m tonnes, accounting for 17.4% of total rice exports)": what a share is of
        out.append(cue)
    return out


_ITS_OBJECT = re.compile(r"\s+(?:the|a|its)\s+")


# "Korean electronic parts, and Philippine bananas and semiconductors, move in large volumes between our ports":
# goods of two origins exchanged, each going to the other's country
MOVE_BETWEEN = re.compile(r"\b(?:move|moves|moved|moving|flow|flows|flowed|flowing|travel|travels|travelled|"
                           r"traveled|pass|passes|passed|are\s+traded|were\s+traded|are\s+shipped|were\s+shipped)\b"
                           r"[^.;]{0,40}?\bbetween\b"
                           # "palm oil from Benin and Nigerian cement cross the border every day": the border of two
                           r"|\b(?:cross|crosses|crossed|crossing)\s+the\s+border\b", re.I)
_FROM_ORIGIN = re.compile(r"\bfrom\s+(?:the\s+)?$")


def _exchanged_between(rd: Reading, sm: SentenceMentions) -> bool:
    """Goods named by their origin, of exactly two countries, exchanged "between" places: each origin's goods go to
    the other country. Whether it wrote flows."""
    between = MOVE_BETWEEN.search(sm.text)
    traded = GOODS_TRADED.search(sm.text) if between is None else None
    if between is None and traded is None:
        return False
    # "The main goods traded are Egyptian citrus fruit and medicines, and Uzbek cotton yarn": the origins after it
    lo, hi = (0, between.start()) if between is not None else (traded.end(), len(sm.text))  # type: ignore[union-attr]
    named = [m for m in sm.countries if lo <= m.start and m.end <= hi]
    # "palm oil from Benin and Nigerian cement … cross the border": an origin by "from" holds the goods before it
    sources = {m.start for m in named
               if m.form == "name" and _FROM_ORIGIN.search(sm.text, max(0, m.start - 6), m.start)}
    origins = [m for m in named if m.form == "adjective" or m.start in sources]
    codes = list(dict.fromkeys(m.code for m in origins))
    if len(codes) != 2 or len(origins) != len(named):
        return False
    goods_of: list[tuple[str, list[Goods]]] = []
    for i, m in enumerate(origins):
        if m.start in sources:
            before = [t for t in sm.terms if t.end <= m.start and m.start - t.end <= 12]
            goods_of.append((m.code, [term_goods(sm.text, before[-1])] if before else []))
            continue
        limit = origins[i + 1].start if i + 1 < len(origins) else hi
        goods_of.append((m.code, read_phrase_list(sm, m.end, limit, pairs=False)))
    if not all(goods for _, goods in goods_of):
        return False
    told = between or traded
    cue = Cue(told.start(), told.end(), "", "motion")  # type: ignore[union-attr]
    clause = (0, len(sm.text))
    for code, goods in goods_of:
        other = codes[1] if code == codes[0] else codes[0]
        frame = _Frame(sm, cue, clause, clause, [], [], goods)
        for g in goods:
            _add(rd, frame, g, code, other, None, (None, None))
    return True


GOODS_TRADED = re.compile(r"\b(?:goods|products|items|commodities)\s+(?:traded|exchanged)\b[^.;:]{0,60}?"
                           r"\b(?:are|were|include|included|comprise)\s+", re.I)


# "Mauritania and Senegal received a combined 24,000 tons": the named partners' joint figure, not a story total
_JOINTLY = re.compile(r"\b(?:a\s+combined|together|between\s+them|jointly)\b", re.I)
_PASSIVE_ASIDE = re.compile(r"\s+(?:" + MOSTLY + r"\s+)?(?:by|via|through|overland|by\s+truck)\b")
_WITH_ITS_FIGURE = re.compile(r",\s+with\s+(?:its\s+|their\s+|total\s+|combined\s+|(?:19|20)\d\d(?:/\d{2,4})?\s+)*$")
# "… with imports worth $96m", "… with imports of Russian sunflower oil reaching 1.37 mln tonnes"
_FIGURE_NEXT = re.compile(r"(?:\s+of\s+(?:[\w'’-]+\s+){1,5}?(?=(?:worth|valued|totall?ing|amounting|reaching|at)\b))?"
                          r"\s*\b(?:worth|of|valued\s+at|totall?ing|amounting\s+to|at|reaching)\s+"
                          + APPROX + FIGURE_START)
_BRACKETED_ROLE = re.compile(r"[A-Z][\w'’.-]*\s*\(\s*(?:the|its|a|an)\s+(?:[\w-]+\s+){0,3}$")
_APPOSED_ROLE = re.compile(r"[A-Z][\w'’.-]*,\s+(?:the|its|a|an)\s+(?:[\w-]+\s+){0,3}$")
# ("the destination countries for the exports of the State of Qatar", "origin with respect to the imports of …")
_ROLE_OF = re.compile(r"\s+(?:(?:countries|markets|nations)\s+)?(?:for|of|with\s+respect\s+to)\s+"
                      r"(?:(?:the|its|their)\s+)?(?:[\w'’-]+\s+){0,3}")
_OBJECT_ROLE = re.compile(r"\b(?:to|for|from)\s+(?:the\s+|a\s+|an\s+)?(?:[A-Z][\w-]*\s+)?(?:[a-z-]+\s+)?$")


# "Chile ships copper to the Philippines, which sells bananas to Chile": the partner of the verb before is the
# subject of a trade of its own
_PARTNER_WHICH = re.compile(r"\b(?P<prep>to|from)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2},\s+which\s+"
                            r"(?:\w+ly\s+|also\s+|in\s+turn\s+)?$")


def _partner_trades_back(s: str, cue: Cue, previous: Cue) -> bool:
    """Whether a relative clause on the partner just named trades the other way ("to the Philippines, which
    sells …"), not on in the same flow ("to China, which received 301,000t")."""
    m = _PARTNER_WHICH.search(s, previous.end, cue.start)
    return m is not None and (m["prep"] == "to") == (cue.kind in EXPORTING)


def _handed_at(s: str, cues: list[Cue], i: int, end: int) -> int | None:
    """Where a frame's region is handed to the next cue's before that cue: "… wheat flour imported through
    Altanbulag and of Mongolian meat and coal going the other way" ("and of"), "aluminium shipped to Qatar and Qatari
    polyethylene sent to Bahrain" (a second participle's goods after the first's partner)."""
    if i + 1 >= len(cues):
        return None
    cue = cues[i]
    handed = _AND_OF.search(s, cue.end, end)
    if handed is not None:
        return handed.start()
    second = _PARTNER_THEN_AND.search(s[cue.end:end]) \
        if cue.kind.endswith("verb") and cues[i + 1].kind.endswith("verb") else None
    return cue.end + second.end() - 1 if second else None


def _subject_of_next(sm: SentenceMentions, cues: list[Cue], i: int, end: int) -> int | None:
    """"China received 158,402 t of thermal coal, and India took 72,118 t of coking coal": the next verb's subject,
    after a new clause's opening, is its own and not a partner of this one."""
    if i + 1 >= len(cues):
        return None
    start = _region_start(sm.text, cues[i].end, end)
    if start <= cues[i].end or not sm.countries_in(start, end):
        return None
    # (the next trade word a noun: "…, and South Korea raised its purchases": a country and its own verb first)
    if not cues[i + 1].kind.endswith("verb") and not _COUNTRY_THEN_VERB.match(sm.text, start, cues[i + 1].end):
        return None
    return start


_COUNTRY_THEN_VERB = re.compile(r"(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}\s+(?:also\s+)?"
                                r"(?:" + OWN_TRADE_CHANGED + r"|cut|reduced)\s"
                                # "…, and Senegal's purchases rose 3.1-fold": a country's own trade word
                                r"|(?:the\s+)?[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2}['’]s?\s+(?:[a-z-]+\s+)?"
                                r"(?:purchases|imports|exports|sales|shipments|deliveries|supplies)\b")
_PARTNER_THEN_AND = re.compile(r"^\s+(?:to|into|from)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}\s+and\s+"
                               r"(?!(?:the\s+)?[A-Z][\w'’.-]*\s*$)")


def _continues(s: str, cue: Cue, previous: Cue) -> bool:
    before = s[max(0, cue.start - 30):cue.start]
    if cue.form.endswith("ing") and re.search(r",\s+$", before):
        return True
    if re.search(r",\s+(?:which|who|that)\s+(?:\w+ly\s+|also\s+|alone\s+)?$", before) \
            and not _RELIANCE.match(previous.form) and not _partner_trades_back(s, cue, previous):
        # "… was Cambodia, which shipped 1.1 million units"; but "mills depend on wheat from Russia, which sent
        # 180,000 tonnes to Turkey": a reliance tells no flow, the relative clause one of its own
        return True
    between = s[previous.end:cue.start]
    if previous.kind in ("buyer_noun", "supplier_noun") and re.fullmatch(
            r"\s*,\s*(?:(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*,\s*)?(?:\w+ly\s+)?", between):
        return True  # "China, Australia's biggest iron ore buyer, took …", "Sri Lanka's largest buyer, Iraq, took …"
    word = re.search(r"([A-Za-z-]+)\s+$", before)
    if previous.kind.endswith("verb") and _PARTNER_THEN_AND.search(between):
        return False  # "aluminium shipped to Qatar and Qatari polyethylene sent to Bahrain": a second participle's own
    if re.search(r",\s+(?:including|notably|such\s+as)\s", between):
        return False  # "the movement of goods between the ports, including aluminium shipped to Qatar": an item's own
    if (cue.kind in EXPORTING) != (previous.kind in EXPORTING) \
            and (previous.kind in NOUNS or not previous.form.endswith(("ed", "sold", "bought", "sent", "took"))):
        return False  # "re-exports of tea imported from Kenya": the participle's trade goes the other way
    return bool(cue.form.endswith(("ed", "sent", "sold", "bought")) and word and word.group(1).islower()
                and word.group(1) not in _AUXILIARY and not word.group(1).endswith("ly"))


def _two_way(sm: SentenceMentions) -> set[Cue]:
    """"exports to and imports from the US came to $70bn", "exports and imports": a figure of both directions."""
    out: set[Cue] = set()
    for a, b in pairwise(sm.cues):
        if (a.kind in EXPORTING) != (b.kind in EXPORTING) and a.kind in NOUNS and b.kind in NOUNS \
                and re.fullmatch(r"\s+(?:(?:to|from|of)\s+)?(?:and|or|&)\s+", sm.text[a.end:b.start]):
            out.update((a, b))
    return out


def _read_frame(rd: Reading, sm: SentenceMentions, cue: Cue, clause: tuple[int, int], region: tuple[int, int],
                all_figures: list[Figure]) -> None:
    if _closed(sm, cue, clause, region, all_figures):
        return
    # A role noun after a verb counts only what follows it: "sold 2.6 Mt abroad, with China emerging as a market".
    # … unless a new stretch opened before it: "…, with France (3,140 t) and Greece (1,870 t) as the main buyers"
    lo = cue.start if cue.kind in ("buyer_noun", "supplier_noun") and region[0] > clause[0] \
        and not _NEW_SUBJECT.search(sm.text, max(0, region[0] - 12), region[0]) else region[0]
    if cue.kind in NOUNS and _OF_ITS_FIGURE.match(sm.text, cue.end):
        lo = max(lo, cue.start)  # "exports of $806 million and imports of $314 million": the figure after it
    if (joined := _second_verb_of_the_other_way(rd, sm, cue)) is not None:
        lo = max(lo, joined)  # "X sold Y goods worth $612m and bought goods worth $24.7m from it": the figure after it
    figures = [f for f in all_figures if lo <= f.start < region[1] and not _in_turnover(sm, clause, f)]
    if any(f.amount.unit not in _LOADS for f in figures):
        figures = [f for f in figures if f.amount.unit not in _LOADS]  # "Three cargoes …, 148,260t in all": the tonnes
    parties = _coordinated_role(rd, sm, cue, frame_parties(sm, cue, clause, region))
    if _domestic(rd, sm, clause, parties):
        return
    role_noun = cue.kind in ("buyer_noun", "supplier_noun")
    # "Sales to the other Central American markets rose: Panama, 22.4%; …": the markets goods go to, listed
    listed = _TO_THE_MARKETS.search(sm.text, max(0, cue.start - 60), cue.start) \
        and _LIST_AFTER_COLON.match(sm.text, cue.end)
    attached = ("ranked",) if role_noun and not listed else ("ranked", "to", "from")
    weak = cue.form in lexicon().weak and not _CONSIGNMENTS.match(sm.text, cue.end + 1) \
        and not re.match(r"\s+(?:[\w-]+\s+){1,3}(?:shipments|cargoes|consignments|deliveries|supplies)\b",
                         sm.text[cue.end:]) \
        and not PORTION_AFTER.match(sm.text, cue.end) \
        and not SHARE_TAKEN.match(sm.text, cue.end) \
        and not more_goods_after(sm.text, cue.end) and not known_goods_object(sm.text, cue.end)
    # ("small trial consignments", "took the rest", "taking 5%", "received mineral products")
    if (role_noun or weak) and not figures and not any(p.how in attached for p in parties):
        return  # "main markets", "sources said": a role noun that ranks no country and counts nothing
    # "…, while chacha went mainly to Russia": goods the data does not know, after a clause that moved goods
    contrasted = rd.named_goods[0] == sm.sentence.start and bool(_CONTRAST_LEAD.match(sm.text, clause[0], cue.start)) \
        and any(not _a_post(g.name) for g in _motion_subject(sm, cue, clause))
    if cue.kind == "motion" and not figures and not sm.terms_in(clause[0], cue.start) \
            and not _AMOUNTS_MOVE.search(sm.text, clause[0], cue.start) \
            and not _GOODS_MOVE.search(sm.text, clause[0], cue.start) and not contrasted \
            and not _origin_goods_enter(sm, cue, clause) and not _owned_goods_move(sm, cue, clause):
        return  # "the minister went to China": nothing moves ("smaller volumes went to Spain": goods do)
    if _RELIANCE.match(cue.form) and not any(p.how == "from" and _RIGHT_AFTER.fullmatch(sm.text, cue.end, p.start)
                                             and not _NOUN_AFTER.match(sm.text, p.end) for p in parties):
        return  # "relies on the Djibouti corridor for its exports": a reliance on no supplier
    parties = _coordinated_verb(rd, sm, cue, parties)
    goods, extras = _frame_goods(rd, sm, cue, clause, region, figures)
    if goods and not any(g.weak for g in goods):
        rd.named_goods = (sm.sentence.start, goods)
        rd.named_in_full.update((g.name.split()[-1], g) for g in goods if " " in g.name and _one_term(g.name))
    frame = _Frame(sm, cue, clause, region, figures, parties, goods, tuple(extras))
    exporters, importers = _sides(rd, frame)
    exporters, importers = _not_lent_from_beside(frame, exporters), _not_lent_from_beside(frame, importers)
    named = {p.code for p in parties}
    # (not "…, while 21,000 tons were still in transit": goods on their way, in a contrast of their own)
    contrast = _CONTRAST_AFTER.search(sm.text, cue.end)
    transit = _TRANSIT.search(sm.text, 0, contrast.start() if contrast else len(sm.text))
    if (transit or _HEADING_WAY.match(cue.form)) and not named.issuperset([*exporters, *importers]):
        return  # "fertiliser and fuel moving north into Zambia … the transit traffic at Chirundu": not the home's trade
    if not exporters and not importers and not parties and goods and not figures and _goods_of_last(rd, frame):
        # "Iran's exports to Turkmenistan reached $612m. Our main exports were cement, fruit and detergents.": the
        # goods of the trade just told
        exporters, importers = list(rd.last.exporters), list(rd.last.importers)  # type: ignore[union-attr]
    if not importers and sm.sentence.start <= LEAD and goods and len(exporters) <= 1 and rd.lead_company is None \
            and not rd.drafts and (company := _company(rd, frame)):
        own = next((a.country for a in rd.ctx.agencies if a.name == company), None)
        if exporters or own:
            rd.lead_company = (company, exporters[0] if exporters else own, goods[0])
    if not importers or not exporters:
        if importers and not exporters:
            rd.named_importers = (sm.sentence.start, importers)
            rd.sellerless = _Sides(sm.sentence.start, sm.sentence.end, [], importers, goods, EXPORTER, cue.kind)
        if exporters and not importers:
            rd.named_exporters = (sm.sentence.start, exporters)
            rd.partnerless = _Sides(sm.sentence.start, sm.sentence.end, exporters, [], goods)
            dated = next((f.date for f in figures if f.date is not None and not f.compared), None)
            if rd.frame.period is None and dated is not None and is_period(dated) and _reported(rd, dated.value) \
                    and not _ALONE.match(sm.text, dated.end):  # (not "February alone saw Vietnam ship …")
                # "Vanuatu sold 1,980 tonnes of dried kava abroad last year. Fiji took 610 tonnes, …": the total's
                # period is the story's, for the buyers told after it
                rd.frame.period = dated.value
            if len(exporters) == 1 and rd.frame.lead_exporter is None:
                rd.frame.lead_exporter = exporters[0]
                rd.frame.lead_sentence = sum(1 for s in rd.ctx.sentences if s.end <= sm.sentence.start)

        _lend(rd, frame, exporters)
        return
    _write(rd, frame, exporters, importers)


_LIST_AFTER_COLON = re.compile(r"[^:;.]{0,40}:\s")
_TO_THE_MARKETS = re.compile(r"\b(?:to|into)\s+(?:(?:the|other|its|their)\s+)*(?:[A-Z][\w-]*\s+){1,3}$")
_PORTION_OF = (r"(?:(?:most|much|half|the\s+bulk|a\s+(?:third|quarter)|(?:about\s+|nearly\s+)?"
               r"\d[\d.,]*\s*(?:%|per\s*cent|percent))\s+of\s+)?")  # "most of", "40 per cent of"
_ITS_IMPORTS_OF = re.compile(r"\s+" + _PORTION_OF + r"(?:its|their)\s+imports\s+of\s+")
# "Canada supplies much of the island's salted fish and flour": the place the goods go, named by a descriptor
_THE_PLACES_GOODS = re.compile(r"\s+" + _PORTION_OF + r"the\s+(?:island|country|kingdom|nation|republic|emirate|"
                               r"sultanate|archipelago)['’]s\s+")
_AND_THEN_VERB = re.compile(r"\s(?:and|but)\s+(?:(?:also|in\s+turn|" + MOSTLY + r")\s+)?$")


def _second_verb_of_the_other_way(rd: Reading, sm: SentenceMentions, cue: Cue) -> int | None:
    """Where the "and" starts that joins a trade verb to one of the other direction told just before in the sentence
    ("sold … and bought …"), or None."""
    last = rd.last
    if cue.kind not in ("export_verb", "import_verb") or last is None or last.sentence != sm.sentence.start \
            or last.kind not in ("export_verb", "import_verb") or last.kind == cue.kind:
        return None
    m = _AND_THEN_VERB.search(sm.text, max(0, cue.start - 30), cue.start)
    return m.start() if m is not None else None


def _coordinated_verb(rd: Reading, sm: SentenceMentions, cue: Cue, parties: list[Party]) -> list[Party]:
    """"Chile mainly sells copper to India and buys pharmaceuticals": a second verb of the other direction shares the
    first one's subject, and trades with its partner (the "to India" before it is the first verb's)."""
    last = rd.last
    if _second_verb_of_the_other_way(rd, sm, cue) is None or len(last.exporters) != 1 or len(last.importers) != 1:
        return parties
    subject = last.exporters if last.kind == "export_verb" else last.importers
    partner = last.importers if last.kind == "export_verb" else last.exporters
    own, other = (IMPORTER, EXPORTER) if cue.kind == "import_verb" else (EXPORTER, IMPORTER)
    # "Kenya buys wheat from Russia and sells tea to Pakistan": a partner of its own after the verb
    after = [p for p in parties if p.start > cue.end and p.side == other]
    return [Party(subject[0], own, cue.start, cue.start, "subject"),
            *(after or [Party(partner[0], other, cue.end, cue.end, "from" if other == EXPORTER else "to")])]


_AND_IS_THE = re.compile(r"\s(?:and|but)\s+(?:also\s+|still\s+)?(?:remains|remained|is|was|became|has\s+become|"
                         r"stays|stayed|ranks\s+as|ranked\s+as)\s+(?:the|a|an|its|their)\s+(?:[\w-]+\s+){0,3}$")


def _coordinated_role(rd: Reading, sm: SentenceMentions, cue: Cue, parties: list[Party]) -> list[Party]:
    """The holder of a role noun told by coordination or reference: "Vietnam sells 720,000 t of kernels a year and
    remains the largest supplier of the nut to the US" (the verb's subject, when on the role's side), "…, the latter
    remaining the largest buyer" (the last country named)."""
    side = EXPORTER if cue.kind == "supplier_noun" else IMPORTER if cue.kind == "buyer_noun" else None
    if side is None or any(p.side == side for p in parties):
        return parties
    latter = _LATTER_IS.search(sm.text, max(0, cue.start - 60), cue.start)
    if latter is not None:
        # "… and the United States (12.4 percent), the latter remaining the largest buyer at €29.6 million"
        named = [m for m in sm.countries if m.end <= latter.start() and m.form in ("name", "capital")]
        return [Party(named[-1].code, side, cue.start, cue.start, "ranked"), *parties] if named else parties
    if not _AND_IS_THE.search(sm.text, max(0, cue.start - 60), cue.start):
        return parties
    last = rd.last
    if last is not None and last.sentence == sm.sentence.start and last.kind in ("export_verb", "import_verb"):
        subject = last.exporters if last.kind == "export_verb" else last.importers
        same_side = (last.kind == "export_verb") == (side == EXPORTER)
    else:  # "Chile sells 900,000 t of fruit abroad and remains …": the verb told no partner
        told = rd.partnerless if side == EXPORTER else None
        subject = told.exporters if told is not None and told.sentence == sm.sentence.start else []
        same_side = True
    if len(subject) != 1 or not same_side:
        return parties
    return [Party(subject[0], side, cue.start, cue.start, "ranked"), *parties]


def _not_lent_from_beside(frame: _Frame, codes: list[str]) -> list[str]:
    """"American imports fell to $2.61 billion, dragged down by a drop in shipments from China to $688 million":
    a side the frame took from the story, which another frame of the same sentence names as its own partner, is
    that frame's; the total stays without it."""
    own = {p.code for p in frame.parties}
    lent = [c for c in codes if c not in own]
    if not lent or not frame.figures or not _PART_ASIDE_RE.search(frame.sm.text, max(0, frame.region[1] - 40)):
        return codes
    lo, hi = frame.region
    beside = {m.code for m in frame.sm.countries if (m.end <= lo or m.start >= hi) and m.form != "adjective"}
    return [c for c in codes if c in own] if all(c in beside for c in lent) else codes


def _domestic(rd: Reading, sm: SentenceMentions, clause: tuple[int, int], parties: list[Party]) -> bool:
    """"… allowed washing stations to deliver beans to Addis Ababa" in a story of Ethiopia's exports: goods moved to
    a town of the country the story's goods leave from, the clause naming no other, cross no border."""
    named = sm.countries_in(*clause)
    towns = {(m.start, m.end) for m in named if m.form == "capital"}
    if not parties or not all(p.how == "to" and (p.start, p.end) in towns for p in parties):
        return False
    home = rd.frame.exporter([])  # the country the story's goods leave from
    return home is not None and all(m.code == home for m in named)


_MAIN_GOODS_BEFORE = re.compile(r"\b(?:main|chief|leading|top|principal|key|major)\s+$", re.I)
_LIST_COPULA = re.compile(r"\s+(?:were|are|included|include|includes|comprised|consisted\s+of)\b")


def _goods_of_last(rd: Reading, frame: _Frame) -> bool:
    """"The main exports were A, B and C" right after one directed flow of the same kind: its goods."""
    last, s, cue = rd.last, frame.sm.text, frame.cue
    return last is not None and len(last.exporters) == 1 and len(last.importers) == 1 \
        and cue.kind in ("export_noun", "import_noun") and last.kind == cue.kind \
        and _soon_after(last, frame.sm.sentence) \
        and bool(_MAIN_GOODS_BEFORE.search(s, max(0, cue.start - 12), cue.start)) \
        and bool(_LIST_COPULA.match(s, cue.end))


def _origin_of(frame: _Frame, g: Goods) -> str | None:
    """The country adjective that heads goods in a list ("Ukrainian grain and steel": Ukraine for both)."""
    before = [m for m in frame.sm.countries if m.form == "adjective" and frame.region[0] <= m.start
              and m.end <= g.start and g.start - m.end <= 40]
    if not before or any(c.end <= g.start and c.start >= before[-1].end for c in frame.sm.countries):
        return None
    between = frame.sm.text[before[-1].end:g.start]
    return before[-1].code if re.fullmatch(r"[\s\w-]*?(?:\s+and\s+[\w\s-]*?)?\s*", between) else None


def _write(rd: Reading, frame: _Frame, exporters: list[str], importers: list[str]) -> None:
    seller, buyer = _organisations(rd, frame)
    pairs = _pairs(frame, exporters, importers)
    for figure, exp, imp in pairs:
        goods = _goods_of(frame, figure)
        shared = _goods_sharing(frame, figure) if figure is not None and not goods else []
        joined = _named_together(frame.sm, shared)
        if joined is not None:
            # "meat and dairy products worth $31 million": one goods, one flow
            _add(rd, frame, joined, exp, imp, figure, (seller, buyer))
        elif shared:
            # "$6bn of metal products, vehicles and phones": each goods moved; the total is of goods in all
            if figure.amount.kind == "money":
                _add(rd, frame, Goods("goods", None), exp, imp, figure, (seller, buyer))
            for g in shared:
                _add(rd, frame, g, exp, imp, None, (seller, buyer), date=_figure_date(rd, figure))
        for g in goods:
            if len(exporters) > 1 and _origin_of(frame, g) not in (None, exp):
                continue  # "Azerbaijani oil products and Ukrainian grain": each goods from its own origin
            g = _with_cargo_word(frame.sm, g)
            _add(rd, frame, g, exp, imp, figure, (seller, buyer))
            # "45,000 t of maize, along with mealie meal,": goods beside them, no figure of their own
            for extra in _moved_alongside(frame, g):
                _add(rd, frame, extra, exp, imp, None, (seller, buyer),
                     date=_figure_date(rd, figure) if figure is not None else None)
    for exp, imp in dict.fromkeys((exp, imp) for _, exp, imp in pairs):
        # "imports from A, mainly fuel and machinery, were valued at K6.2 billion during the month": the parts of a
        # total take its date
        figure = next((f for f, e, i in pairs if f is not None and (e, i) == (exp, imp)), None)
        date = _figure_date(rd, figure) if figure is not None else None
        for g in frame.extras:
            _add(rd, frame, g, exp, imp, None, (seller, buyer), date=date, part=True)
    ranked = next((p.side for p in frame.parties if p.how == "ranked"), None)
    # "Among China's other origins, Brazil supplied …": told as the buyer's imports, whatever the verb
    buyer_owns = frame.cue.kind == "export_verb" and any(p.side == IMPORTER and p.how == "possessor"
                                                         for p in frame.parties)
    rd.last = _Sides(frame.sm.sentence.start, frame.sm.sentence.end, exporters, importers, frame.goods, ranked,
                     frame.cue.kind, buyer_owns)
    if ranked is not None:
        rd.ranking = rd.last


_PLACED = re.compile(r"\s+(?:(?:(?:and\s+)?(?:moved|slipped|fell|dropped|rose|climbed|jumped|returned|went\s+back)\s+"
                     r"(?:up\s+|back\s+)?"
                     r"(?:to|into)|were|was|is|are|came|comes|ranked|ranks|finished|followed)\s+"
                     r"(?:in\s+)?"
                     r"(?:the\s+)?"
                     r"(?:first|second|third|fourth|fifth|sixth|next)\b[^.;]{0,25}?\b"
                     r"(?:place|places|position|positions|spot|spots)?"
                     # "… rank from 3 to 9 among the destinations", "… were third to fifth"
                     r"|(?:rank|ranks|ranked|occupy|occupies|occupied|hold|holds|held|were|are)\s+(?:from\s+)?"
                     r"(?:\d{1,2}(?:st|nd|rd|th)?|second|third|fourth|fifth|sixth)\s+(?:to|through|[-–])\s+"
                     r"(?:\d{1,2}(?:st|nd|rd|th)?|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b"
                     r"|(?:completed?|completes|rounded\s+out|rounds?\s+out|round\s+out|rounded\s+off|made\s+up|"
                     r"make\s+up)\s+the\s+(?:list\s+of\s+(?:the\s+)?)?(?:top\s+(?:three|four|five|"
                     r"six|seven|eight|nine|ten|\d+)\b"
                     # "… complete the list of the ten leading markets": the number, then the role
                     r"|(?:three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:[\w-]+\s+){0,2}?(?:markets|buyers|"
                     r"destinations|importers|customers|suppliers|sources|partners)\b"
                     # "… rounds out the leading buyers at 188,900 tonnes": a ranking without its length
                     r"|(?:leading|main|major|top|biggest|largest|principal|key)\s+(?:[\w-]+\s+)?(?:markets|buyers|"
                     r"destinations|importers|customers|suppliers|sources|partners)\b)"
                     # "Hong Kong and Cambodia followed, taking …", "… came next."
                     # "Within SADC, the DRC led, followed by Zimbabwe and South Africa"
                     # "…, with Malaysia and Oman trailing well behind"
                     r"|(?:followed|came\s+next|were\s+next|trailed|trailing|lagging|led)(?=\s*[,.;]|\s+(?:closely|"
                     r"behind|far\s+behind|"
                     r"well\s+behind|at\s+a\s+distance|some\s+way\s+(?:behind|back))\b)"
                     # "Japan and Belgium made up most of the rest", "… accounted for the remaining volume"
                     r"|(?:made\s+up|make\s+up|makes\s+up|accounted\s+for|account\s+for|accounts\s+for)\s+"
                     r"(?:(?:most|much|nearly\s+all|almost\s+all|the\s+bulk)\s+of\s+)?the\s+"
                     r"(?:rest|remainder|balance|remaining\s+(?:volume|share|sales|exports|imports|shipments|"
                     r"purchases|trade))\b)", re.I)
# A clause without a trade word that ranks a partner: "…, while Japan came second with 4,000 tons".
# what may stand before a ranking's first member: "", "The", "Within the CIS, "
_LEAD_IN = re.compile(r"[\s(\"'“‘]*(?:(?:Within|Among|In|Of|Outside|Beyond)\s+[^,;]{1,30},\s*)?(?:[Tt]he\s+)?")
_MEMBER_FOLLOWED_BY = re.compile(r"\s+(?:was|were|is|are)\s+(?:then\s+|closely\s+)?(?:followed|trailed)\s+by\s+"
                                 r"(?:the\s+)?")
_FOLLOWED_BY = re.compile(r"^\W*(?:It|They|This|That|These)\s+(?:was|were|is|are)\s+(?:then\s+)?followed\s+by\s+"
                          r"(?:the\s+)?$")
# "…, in that order, complete", "India, for its part, slipped to second place"
_ASIDE_AFTER = re.compile(r"(?:\s*\([^()]{0,30}\))?(?:,\s*(?:in\s+that\s+order|for\s+its\s+part|in\s+turn|meanwhile|"
                          r"however|though)\s*,)?")
# "The UAE with 31.06 tons, Spain with 27.3 tons … came next in that order": the ranking told after the list
_RANKED_TAIL = re.compile(r"\b(?:came|come|comes|were|ranked|followed|trailed)\s+(?:next|after|behind|thereafter)\b"
                          r"|\bin\s+that\s+order\b|\b(?:completed|rounded\s+out|made\s+up)\s+the\s+top\b")
_NEXT_COME = re.compile(r"\W*(?:Next\s+(?:in\s+line\s+|on\s+the\s+list\s+)?|Then\s+|After\s+(?:them|that)\s+)"
                        r"(?:come|comes|came|follow|follows|followed|were|was|are|is)\s+(?:the\s+)?"
                        # "In second place comes the US", "In fourth place, with 61,775 tonnes imported, is Egypt"
                        r"|\W*(?:In|At)\s+(?:the\s+)?(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                        r"next)\s+(?:place|position|spot)\s*(?P<with>,\s+with\s+(?:[^,;]|,(?=\d)){1,50},\s*)?"
                        r"(?:come|comes|came|is|was|are|were|stands|stood|sits|sat|follows|followed)\s+(?:the\s+)?")
# "Sharp falls were also recorded for China (41.5%), Malaysia (29.8%) …": the partners of the trade just told, each
# with its change only
_CHANGES_RECORDED_FOR = re.compile(r"\b(?:falls?|declines?|drops?|decreases?|rises?|increases?|gains?|growth)\s+"
                                   r"(?:(?:were|was|have\s+been|has\s+been)\s+)?(?:(?:also|likewise|too)\s+)?"
                                   r"(?:recorded|registered|seen|posted|reported|noted|observed)\s+(?:for|in|with)\s+"
                                   r"(?:shipments\s+to\s+|sales\s+to\s+|exports\s+to\s+)?(?:the\s+)?$", re.I)
# "…, while Japan accounted for a mere 1.4%": a partner's share of the goods just told, its only figure
# (a bare share, or "of it": not "33.5 per cent of total exports", the trade as a whole)
_SHARE_ONLY_AFTER = re.compile(r"\s+(?:(?:alone|only|also)\s+)?(?:accounted\s+for|took|made\s+up|represented)\s+"
                               + APPROX + r"\d[\d.,]*\s*(?:%|per\s*cent|percent)(?=\s*(?:[,.;)]|$|of\s+(?:it|them)\b))")
_THEN_BEFORE = re.compile(r"\bnext\b[^.;]{0,40},\s+(?:and\s+)?then\s+(?:the\s+)?$")  # "… were next …, then Iraq"
_COLON_BEFORE = re.compile(r":\s+(?:the\s+)?$")
_FIGURE_RIGHT_AFTER = re.compile(r"\s*(?:[:–—-]\s*|with\s+|at\s+|on\s+|\(\s*)?" + APPROX)
_WITH_FIGURE = re.compile(r"\s+(?:with|at|on|for)\s+" + APPROX + FIGURE_START)
_FOLLOWED_ONE = re.compile(r"\b(?:followed|trailed|follow|trail)\s+(?:the\s+)?$")
_RANKED_AGAINST = re.compile(r"\b(?:ahead\s+of|behind|trailing)\s+(?:the\s+)?$", re.I)
_AHEAD_OF = r"(?:just\s+|well\s+|narrowly\s+)?ahead\s+of\s+"  # "…, just ahead of the United States"
# (", whilst growing …,", ", which led the ranking in the previous two seasons,": an aside before the verb)
_RANKED_CLAUSE = re.compile(r"(?:\s*,\s*(?:while|whilst|though|although|which|who)\s+[^,;()]{1,60},)?"
                            r"\s+(?:[\w,]+\s+){0,2}(?:came|comes|come|ranked|ranks|placed|was|were|is\s+in|are\s+in|"
                            r"followed|follows|trailed|stood|took|occupied|occupies|secured|claimed|holds|sits|"
                            r"returned\s+to|regained|reclaimed|"
                            # "Pakistan rounds out the leading buyers at 188,900 tonnes"
                            r"rounds?\s+out|rounded\s+out|rounds?\s+off|rounded\s+off|completes?|completed|"
                            # "India topped the list by value with …"
                            r"topped|headed|led\s+the\s+(?:list|ranking|table)|"
                            # "Egypt tops the ranking for the year, having taken …": the present of a report
                            r"(?:tops|heads|leads)\s+the\s+(?:list|ranking|table|buyers|markets)|"
                            # "Spain is third with 15,906 tons"
                            r"(?:is|are|was|were)\s+(?:now\s+)?(?:second|third|fourth|fifth|sixth|seventh|next)|"
                            # "Turkey stayed in second place with …", "Iran fell to 7.2m kg from 9.0m"
                            r"stayed|remained|held|kept|slipped|finished|fell\s+to|dropped\s+to|rose\s+to|"
                            r"climbed\s+to|declined\s+to|increased\s+to|jumped\s+to|"
                            # "; the Philippines reached US$81 million and 66,000 tons": a level in a list of partners
                            r"reached|totall?ed|amounted\s+to|"
                            r"accounted\s+for|accounting\s+for|made\s+up|represented)\b", re.I)


def _breakdown(rd: Reading, sm: SentenceMentions) -> int:
    """"Coal made up 53 percent of the total, followed by clothing at 15 percent": the goods of the total just
    told, each moving the same way in the same period; where the sentence's reading resumes (0: nothing read, its
    length: all of it)."""
    last = rd.last
    if last is None or _BY_SECTOR.search(sm.text):
        return 0  # "By sector, the chemical industries led with …": the whole trade's sectors, not the last flows'
    told = next((d for d in reversed(rd.drafts) if d.exporter in last.exporters and d.importer in last.importers),
                None)
    # "… 186,000 t of wheat from Russia. Oil and gas made up 88% of exports": shares of a whole, not of the wheat
    of_whole = not any(g.name != "goods" and not g.weak for g in last.goods)
    items: list[tuple[Goods, Figure | None]] = ([(g, None) for g in composition_goods(sm)] if of_whole else []) \
        or list(itemised_goods(sm)) or list(parts_of_total(sm)) \
        or ([(g, None) for g in listed_items(sm)] if of_whole else [])
    ranked = ranked_goods(sm) if of_whole and not items else []
    # (a ranking of the story's goods is of the story's period, not of the year a last figure compared with)
    told_date = rd.period_at(sm.sentence.start) if ranked else None
    items = items or ranked
    exporters, importers = _whole_named(rd, sm, last)
    for g, figure in items:
        date = (figure.date.value if figure and figure.date else None) or told_date or (told.date if told else None)
        for exp in exporters:
            for imp in importers:
                rd.drafts.append(Draft(rd.frame.specific(g), exp, imp, figure.amount if figure else None,
                                       figure.money if figure else None, date, None, None, sm.sentence, None))
    if not items:
        return 0
    parts = list(parts_of_total(sm))
    return parts_reach(sm) if parts and items == parts else len(sm.text)


_BY_SECTOR = re.compile(r"\b(?:by\s+sector|sectors|industries)\b", re.I)
_WHOLE_NAMED = re.compile(r"\W*(?:Of|Out\s+of)\s+(?:the|these|those|its|their)\s+(?:total\s+)?(exports|imports)\b",
                          re.I)


def _whole_named(rd: Reading, sm: SentenceMentions, last: _Sides) -> tuple[list[str], list[str]]:
    """The way the whole went: the last frame's, or the other way when the sentence names the other trade and both
    ways were just told ("… Kazakh exports of $806m and imports of $314m. Of the exports, wheat …")."""
    m = _WHOLE_NAMED.match(sm.text)
    if m is None or (m.group(1).lower() == "exports") == (last.kind in EXPORTING):
        return last.exporters, last.importers
    both = any(d.sentence.start == last.sentence and d.exporter in last.importers and d.importer in last.exporters
               for d in rd.drafts)
    return (last.importers, last.exporters) if both else (last.exporters, last.importers)


_FOLLOWED_ON = re.compile(r",?\s*(?:and\s+)?(?:(?:were|was)\s+)?followed\s+by\s+(?:the\s+)?$", re.I)


_AHEAD_OF_ON = re.compile(r",?\s*" + _AHEAD_OF + r"(?:the\s+)?$", re.I)


_ORDINAL_RIGHT_AFTER = re.compile(r"\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b")


def _placed(sm: SentenceMentions, names: list[CountryMention], clause: tuple[int, int]) -> list[CountryMention]:
    """The names a placing phrase ranks: those before it ("Spain, the Netherlands and Chile completed the top six")
    and a list it is "followed by" (", followed by China and France"); none when no name is placed."""
    for i, name in enumerate(names):
        after = _ASIDE_AFTER.match(sm.text, name.end).end()  # "France (3.9%) came next"
        placing = _PLACED.match(sm.text, after, clause[1])
        if placing is None:
            continue
        if i + 1 == len(names):
            return names
        tail = names[i + 1:]
        # "Belgium came second with 17.9%, ahead of the Netherlands with 11.4% and the UK with 8.7%": ranked on
        # (those ahead of which it is named without a figure of their own were left out of `names`)
        ranked_on = _FOLLOWED_ON.search(sm.text, placing.end(), tail[0].start) \
            or _AHEAD_OF_ON.search(sm.text, placing.end(), tail[0].start)
        # "Bangladesh was second with a 13.4 per cent share and Nepal third with 10.2 per cent": placed in turn
        in_turn = [m for m in tail if _ORDINAL_RIGHT_AFTER.match(sm.text, m.end)]
        return names if ranked_on else names[:i + 1] + in_turn
    return []


def _parallel_clause(rd: Reading, sm: SentenceMentions, clause: tuple[int, int], figures: list[Figure],
                     roles: list[Cue]) -> bool:
    """A clause without a trade word that ranks more partners of the last frame, each with its figure:
    "…, while Japan came second with 4,000 tons", "Kazakhstan came second with 1.3 million litres, followed by
    Belarus with 720,000 litres". Whether it wrote flows. A role noun of the clause ("the top re-export
    market") must put the ranked countries on the side the last frame leaves open."""
    last = rd.last
    if last is None or not (last.sentence == sm.sentence.start or continues_last(rd, sm.sentence)):
        # "Sri Lanka's tea exports earned Rs 433bn. … Iraq was number one at 41.2m kilos"; "China imported 9.6 Mt of
        # soybeans. … Brazil fell 11 per cent to 7.1 Mt": a partner of the one side told
        last = rd.partnerless if _after_partnerless(rd, sm.sentence) else \
            rd.sellerless if _after_sellerless(rd, sm.sentence) else last
    elif last.sentence != sm.sentence.start and rd.partnerless is not None \
            and rd.partnerless.sentence == sm.sentence.start:
        last = rd.partnerless  # "Argentina also shipped 4.1 Mt of soybean oil, and India was the main market": its own
    own = [f for f in figures if clause[0] <= f.start < clause[1]]
    # "Argentina came second, just ahead of Uruguay, with 191,230 tonnes": the one it is ranked against is no member
    # … but "ahead of Argentina with 231,050 tonnes" gives the one behind its own figure: a member too
    # … nor "Italy and France followed Germany with 61,900 tons and 23,400 tons": the one followed, whose figures
    # are the subjects'
    names = [m for m in sm.countries_in(*clause) if m.form in ("name", "capital")
             and not (_RANKED_AGAINST.search(sm.text, max(clause[0], m.start - 16), m.start)
                      and not _WITH_FIGURE.match(sm.text, m.end))
             and not _FOLLOWED_ONE.search(sm.text, max(clause[0], m.start - 16), m.start)]
    if last is not None and len(names) >= 2 and names[0].code in (*last.importers, *last.exporters) \
            and _MEMBER_FOLLOWED_BY.fullmatch(sm.text, names[0].end, names[1].start) \
            and _LEAD_IN.fullmatch(sm.text, clause[0], names[0].start):
        names = names[1:]  # "Spain was followed by Turkey at 2.4 million tonnes, China at …": Spain was told before
    placed = _placed(sm, names, clause)
    if last is not None and names and not own and (placed
                                                   or _NEXT_COME.fullmatch(sm.text, clause[0], names[0].start)
                                                   or _FOLLOWED_BY.search(sm.text, clause[0], names[0].start)
                                                   or _THEN_BEFORE.search(sm.text, clause[0], names[0].start)
                                                   or _CHANGES_RECORDED_FOR.search(sm.text, clause[0], names[0].start)
                                                   or _SHARE_ONLY_AFTER.match(sm.text, names[-1].end)):
        # "…, while Japan, Korea and Taiwan were in second to fourth place", "Next in line come Spain and Italy",
        # "It was followed by Egypt, the UK and Sudan": ranked, no figure
        own_end = clause[1]
        names = placed or names
    elif (first := _NEXT_COME.fullmatch(sm.text, clause[0], names[0].start) if names else None) is not None \
            and first["with"] and own and last is not None:
        own_end = clause[1]  # "In fourth place, with 61,775 tonnes imported, is Egypt": the figure before the name
        names = names[:1]
    elif last is None or not own or not names or names[0].start > own[0].start:
        return False
    else:
        own_end = own[0].start
    # "It was followed by Egypt with 71,000 m³", "Spain was followed by Turkey at …", "Next came Tajikistan – 96.3
    # thousand tons, Afghanistan – 58.7 …"
    followed = _FOLLOWED_BY.search(sm.text, clause[0], names[0].start) or _MEMBER_FOLLOWED_BY.search(
        sm.text, clause[0], names[0].start) or _NEXT_COME.fullmatch(sm.text, clause[0], names[0].start) \
        or _RANKED_AGAINST.search(sm.text, max(clause[0], names[0].start - 16), names[0].start)  # "ahead of X with n"
    # "Southeast Asia took the bulk of the grain: the Philippines 468,910 tonnes, Indonesia 402,115t and …"
    listed = _COLON_BEFORE.search(sm.text, clause[0], names[0].start) if own else None
    if listed and _FIGURE_RIGHT_AFTER.fullmatch(sm.text, names[0].end, own[0].start):
        followed = followed or listed
        clause = (listed.end(), clause[1])  # the list is the clause: goods before the colon are not its figures
    # "Hong Kong, Spain and Germany followed, each with …": the ranking verb after the last name before the figure
    subject_end = max((n.end for n in names if n.end <= own_end), default=names[0].end)
    ranked_after = bool(own) and _RANKED_TAIL.search(sm.text, own[-1].end, clause[1]) is not None
    if (own and not followed and not ranked_after and not _RANKED_CLAUSE.match(sm.text, subject_end, own_end)
            and not CHANGED_TO.fullmatch(sm.text, subject_end, own_end)) \
            or lexicon().turnover.search(sm.text, clause[0], clause[1]) \
            or not (last.sentence == sm.sentence.start
                    or _soon_after(last, sm.sentence)):
        return False
    # unranked, the story's seller stays and its buyers vary ("Egypt bought 6,200 t. Iran was second at …")
    # "…, with 96 tonnes from Tonga and 61 tonnes from Fiji. Vanuatu came in third": the side that was listed varies
    listed_side = EXPORTER if len(last.exporters) > 1 and len(last.importers) == 1 else (
        IMPORTER if len(last.importers) > 1 and len(last.exporters) == 1 else None)
    ranking = _ranking_told(rd, last, sm.sentence)
    anchor_is_importer = ranking == EXPORTER if ranking else (listed_side == EXPORTER) if listed_side else (
        rd.frame.home in last.importers and rd.frame.home not in last.exporters
        and rd.frame.lead_exporter not in last.exporters and not _inherited_seller(rd, last))
    fixed = last.importers if anchor_is_importer else last.exporters
    side = EXPORTER if anchor_is_importer else IMPORTER
    if any(c.kind == ("buyer_noun" if side == EXPORTER else "supplier_noun") for c in roles):
        return False  # "Imports from China were led by phones. Saudi Arabia was the top re-export market, …"
    parties = [Party(m.code, side, m.start, m.end, "ranked") for m in names if m.code not in fixed]
    if not parties:
        return False
    codes = list(dict.fromkeys(p.code for p in parties))
    exporters, importers = (codes, fixed) if anchor_is_importer else (fixed, codes)
    cue = Cue(names[0].start, names[0].end, "", "export_verb")
    products, _ = main_products(sm, *clause)  # "…, with sulphuric acid the leading product": a part of its trade
    # "China was the second biggest destination for our exports": the trade as a whole, whatever was told last
    goods = [Goods("goods", None, weak=True)] if any(of_own_trade(sm, c.end, clause[1]) for c in roles) \
        else _fronted_goods(sm) or last.goods
    _write(rd, _Frame(sm, cue, clause, clause, own, parties, goods, tuple(products)), exporters, importers)
    return True


# "In vegetables, Bangladesh was second with a 13.4 per cent share": the goods the ranking goes on with
# … "Among oilseed buyers, China led, followed by …": the goods of the buyers a ranking ranks
_FRONTED_GOODS = re.compile(r"\W*(?:In|For|Among)\s+(?:the\s+)?(?P<goods>[a-z][a-z -]{2,30}?)"
                            r"(?P<role>\s+(?:buyers|importers|markets|destinations|customers|suppliers|sources))?\s*,\s")


def _fronted_goods(sm: SentenceMentions) -> list[Goods]:
    m = _FRONTED_GOODS.match(sm.text)
    if m is None:
        return []
    named = [t for t in sm.terms if t.start == m.start("goods") and t.end == m.end("goods")]
    if named:
        return [term_goods(sm.text, named[0])]
    words = m["goods"].split()  # "Among oilseed buyers": the singular a role noun takes, known or not
    return [Goods(m["goods"], goods_hs(m["goods"]))] if m["role"] and plausible_goods(words) else []


def _ranking_told(rd: Reading, last: _Sides, sentence: Sentence) -> str | None:
    """The side a ranking goes on with: the last frame's, else that of a ranking told a sentence or two before
    of the same fixed side ("Brazil was Chile's largest pork supplier. Pork sales to Chile brought Brazil $172m.
    The US holds second place …": suppliers)."""
    if last.ranked:
        return last.ranked
    told = rd.ranking
    if told is None or told is last or not told.ranked or sentence.start - told.sentence_end > _RANKING_REACH:
        return None
    fixed = (told.importers, last.importers) if told.ranked == EXPORTER else (told.exporters, last.exporters)
    return told.ranked if fixed[0] == fixed[1] else None


_RANKING_REACH = 600  # characters: about three sentences


def _goods_subject_clause(rd: Reading, sm: SentenceMentions, clause: tuple[int, int], figures: list[Figure]) -> bool:
    """"Indian shrimp reached 48,215 tonnes" in a story of Thailand's shrimp imports, "Pork to Chile totalled 9.2m
    pounds" in one of US pork exports: goods of a named origin or bound for a named place, the other side the
    story's. Whether it wrote flows."""
    told = goods_subject(sm.text, clause, sm.countries, sm.terms, [f.start for f in figures])
    if told is None:
        return False
    exporter = told.exporter or _story_seller(rd, sm, told.importer)
    importer = told.importer or _story_buyer(rd, sm, exporter)
    if not exporter or not importer or exporter == importer:
        return False
    term = next(t for t in sm.terms if t.start == told.goods_start)
    goods = rd.frame.specific(term_goods(sm.text, term, clause[0]))
    cue = Cue(told.goods_start, told.goods_end, "", "export_noun" if told.importer else "import_noun")
    own = [f for f in figures if f.start == told.figure_at]
    parties = [Party(exporter, EXPORTER, told.goods_start, told.goods_start, "subject"),
               Party(importer, IMPORTER, told.goods_end, told.goods_end, "subject")]
    _write(rd, _Frame(sm, cue, clause, clause, own, parties, [goods]), [exporter], [importer])
    return True


def _note_level_subject(rd: Reading, sm: SentenceMentions, clause: tuple[int, int], figures: list[Figure]) -> None:
    """"Cheese and curd reached 196,400 tonnes; besides Russia, Kazakhstan took 4,870 tonnes": known goods told at a
    level without a trade word are the goods the sentence goes on with."""
    opening = OPENING.match(sm.text, clause[0], clause[1])
    goods = read_phrase_list(sm, opening.end() if opening else clause[0], clause[1])
    if not goods or not all(g.hs for g in goods):
        return
    level = next((f for f in figures if goods[-1].end < f.start < clause[1]), None)
    if level is not None and _REACHED.fullmatch(sm.text, goods[-1].end, level.start) \
            and rd.named_goods[0] != sm.sentence.start:
        rd.named_goods = (sm.sentence.start, goods)


def note_goods_level(rd: Reading, sm: SentenceMentions) -> None:
    """A sentence with no trade word that gives goods a level or a rank ("Copper scrap came second with 455 t"):
    its goods are those the next sentences break down ("India received 389 t of it")."""
    if sm.clauses and not sm.cues and ranks_goods(sm.text):
        _note_level_subject(rd, sm, sm.clauses[0], sentence_figures(sm))


def ranks_goods(text: str) -> bool:
    """Whether a sentence may rank goods with their level ("… came second with 455 t")."""
    return " with" in text and _RANKED_GOODS_VERB.search(text) is not None


# "Cheese and curd reached", "… totalled", "Cinnamon accounted for": a level told plainly (not "were the largest
# category at"); "Copper scrap took second place among the categories with", "Iron and steel scrap led the
# categories with a combined": goods ranked among the story's goods, with their level
_ORDINAL = r"(?:first|second|third|fourth|fifth|sixth|seventh|top|next)"
_RANKED_GOODS = (r"led\s+(?:(?:the|all)\s+(?:categories|category|list|ranking|table|items|products|exports|shipments|"
                 r"goods|sales)\s+)?with|"
                 r"(?:took|came|ranked|was|were|finished|stood)\s+(?:in\s+)?(?:the\s+)?" + _ORDINAL
                 + r"(?:\s+(?:place|position|spot))?(?:\s+among\s+(?:the\s+)?[a-z]+(?:\s+[a-z]+)?)?,?\s+with")
_RANKED_GOODS_VERB = re.compile(r"\b(?:" + _RANKED_GOODS + r")\s")
_REACHED = re.compile(r",?\s+(?:reached|totall?ed|amounted\s+to|stood\s+at|came\s+to|accounted\s+for|earned|"
                      r"brought\s+in|" + _RANKED_GOODS + r")\s+" + APPROX)


def _story_seller(rd: Reading, sm: SentenceMentions, importer: str | None) -> str | None:
    """Who sells goods a clause sends to `importer`: the one seller of the flows just told, else the story's."""
    last = rd.last if continues_last(rd, sm.sentence) else rd.partnerless if _after_partnerless(rd, sm.sentence) \
        else None
    if last is not None and len(last.exporters) == 1:
        return last.exporters[0] if last.exporters[0] != importer else None
    return rd.frame.exporter([importer] if importer else []) if rd.frame.title_told else None


def _story_buyer(rd: Reading, sm: SentenceMentions, exporter: str | None) -> str | None:
    """Who buys goods a clause names only the origin of: the one buyer of the imports just told, else the
    headline's importer ("Thailand's shrimp imports climb"); none in a story of sales."""
    last = rd.last if continues_last(rd, sm.sentence) else None
    if last is not None and len(last.importers) == 1 and last.kind not in EXPORTING:
        return last.importers[0] if last.importers[0] != exporter else None
    return rd.frame.title_importer if rd.frame.title_importer != exporter else None


# "They totalled 289,110 tonnes, a fall of 4% …" after "Brazil remains China's main supplier, although its sales are
# down": a pronoun standing for the trade just told, and its total
_PRONOUN_TOTAL = re.compile(r"\W*(?:They|These|Those|It)\s+(?:(?:also|still|only|then)\s+)?(?:totall?ed|reached|"
                            r"amounted\s+to|stood\s+at|came\s+to|rose\s+to|fell\s+to|climbed\s+to|dropped\s+to|"
                            r"increased\s+to|decreased\s+to|grew\s+to|declined\s+to|jumped\s+to|slipped\s+to|"
                            r"hit|topped)\s+" + APPROX + FIGURE_START)


def _pronoun_total(rd: Reading, sm: SentenceMentions, figures: list[Figure]) -> bool:
    """"They totalled 289,110 tonnes": the figures of the flows the sentence before told (one pair of countries,
    the sentence naming none). Whether it wrote flows."""
    last = rd.last
    if last is None or not figures or sm.countries or not _PRONOUN_TOTAL.match(sm.text) \
            or not continues_last(rd, sm.sentence) or len(last.exporters) != 1 or len(last.importers) != 1:
        return False
    cue = Cue(0, 0, "", last.kind)
    clause = (0, len(sm.text))
    _write(rd, _Frame(sm, cue, clause, clause, figures, [], last.goods), last.exporters, last.importers)
    return True


def _inherited_seller(rd: Reading, last: _Sides) -> bool:
    """"Pakistani importers took 160m kilos. Egypt came second …": a buyer was the subject and the seller the
    story's, so the next ranked country is another buyer."""
    named = {c.code for c in rd.ctx.countries_in(last.sentence, last.sentence_end) if c.form != "adjective"}
    return last.kind == "import_verb" and not any(code in named for code in last.exporters)


_CONTINUATION_GAP = 300  # characters: about two sentences


def may_continue(rd: Reading, sentence: Sentence) -> bool:
    """Whether a sentence without a trade word may go on with a frame told just before."""
    return continues_last(rd, sentence) or _after_partnerless(rd, sentence) or _after_sellerless(rd, sentence)


def _after_sellerless(rd: Reading, sentence: Sentence) -> bool:
    """Whether a sentence comes soon after one that named its importer and no seller."""
    return _soon_after(rd.sellerless, sentence)


def _soon_after(told: _Sides | None, sentence: Sentence) -> bool:
    """Whether a sentence comes a sentence or two after the one a frame was told in."""
    return told is not None and 0 <= sentence.start - told.sentence_end <= _CONTINUATION_GAP


def note_story_total(rd: Reading, sm: SentenceMentions) -> None:
    """A sentence that names no country and tells the story's exports in all ("Total exports of sake rose 3.2% to
    JPY 139.8 billion"): no flow, but the partners ranked next ("China stayed at the top with JPY 36.2 billion")
    are buyers of the story's exporter, as after "Japan's sake exports rose …"."""
    # the cheap checks first: this runs on every countryless sentence with a cue until the first flow is written
    if not any(c.kind in ("export_verb", "export_noun") for c in sm.cues) or rd.frame.home is None:
        return
    # (the story's home only: a headline's other country may be its top buyer, "Saudi Arabia tops re-export markets")
    exporter = rd.frame.home if rd.frame.home == rd.frame.exporter([]) else None
    if exporter is None or not sentence_figures(sm):
        return
    terms = [t for t in sm.terms if t.name not in lexicon().general_goods]
    told = rd.partnerless  # "Chile shipped 80,000 tonnes of apples abroad. In March alone, exporters shipped …": apples
    goods = [Goods(terms[0].name, goods_hs(terms[0].name))] if terms else \
        list(told.goods) if told is not None and told.exporters == [exporter] else \
        [rd.frame.goods] if rd.frame.goods is not None else [Goods("goods", None, weak=True)]
    rd.partnerless = _Sides(sm.sentence.start, sm.sentence.end, [exporter], [], goods)


def _after_partnerless(rd: Reading, sentence: Sentence) -> bool:
    """Whether a sentence comes soon after one that named its exporter and no partner."""
    return _soon_after(rd.partnerless, sentence)


def continues_last(rd: Reading, sentence: Sentence) -> bool:
    """Whether a sentence comes soon after the one whose frame wrote the latest flows (a sentence or two on)."""
    return _soon_after(rd.last, sentence)


# "Ecuador's global monthly shrimp exports": its exports to the world (not "Emirates Global Aluminium")
_GLOBAL_TRADE = re.compile(r"\bglobal\s+(?:[a-z-]+\s+){0,3}(?:exports|shipments|sales|imports|purchases)\b")


def _to_the_world(text: str, own_from: int = 0) -> bool:
    """A figure of exports or imports in all ("abroad", "in total") from `own_from` on, or "global … exports"."""
    # "the world's largest producer" describes a country, no total; "the world's second-largest LNG buyer" ranks it
    # among all buyers, no partner
    return any((not re.match(r"['’]s\b", text[m.end():m.end() + 2]) or _WORLD_RANK.match(text, m.end()))
               and not _LAST_MEMBER.search(text, max(0, m.start() - 6), m.start())
               and not _AMONG.search(text, max(0, m.start() - 8), m.start())
               and not _SHARE_OF_BEFORE.search(text, max(0, m.start() - 60), m.start())
               for m in lexicon().totals.finditer(text, own_from)) or bool(_GLOBAL_TRADE.search(text))


# "…, or 54.6 percent of all frozen beef sold abroad": the whole a partner's share is of, the partner's figure no total
_SHARE_OF_BEFORE = re.compile(r"(?:%|\bper\s?cent|\bpercent|\bshare|\bhalf|\bthird|\bquarter)\s+of\s+[^,;()%]{0,50}$")


# "to Italy ($6.4 million), Brazil ($5.2 million) and other countries ($25 million)": the list's rest, no total;
# "…, among other countries": the list is some of them
_LAST_MEMBER = re.compile(r"(?:,|\band)\s+$")
_AMONG = re.compile(r"\bamong\s+$")


# (a frame's text may end right at the role noun)
_WORLD_RANK = re.compile(r"['’]s\s+(?:[\w-]+\s+){0,3}(?:(?:buyers?|importers?|exporters?|suppliers?|consumers?|"
                         r"markets?|sellers?|purchasers?|shippers?)\b|$)")


# "China continues to be the largest market": what still is, not what is to be
_STILL_IS = re.compile(r"\b(?:continues|continued|continue|continuing)\s+to\s+be\b", re.I)


def _unreal(text: str, reach: int | None = None) -> bool:
    """A plan or forecast word (within `reach` characters once asides are dropped), not counting "continues to
    be" nor a relative aside (", which X has targeted,")."""
    text = _UNDER_A_QUOTA.sub("", RELATIVE_ASIDE.sub("", text))[:reach]
    return bool(lexicon().unreal.search(_STILL_IS.sub(lambda m: " " * len(m.group(0)), text)))


# "Under the current quota, Bosnian exporters sold 2,140 tonnes": sales within a quota are sales told
_UNDER_A_QUOTA = re.compile(r"\b[Uu]nder\s+(?:the|a|an|its|their|this)\s+(?:[\w-]+\s+){0,2}quotas?\b")




# "finished vehicles and steel move north into Canada": a heading, the other side only where the sentence names it
_HEADING_WAY = re.compile(r"(?:move|moves|moved|moving)\s+(?:north|south|east|west)$")
_TRANSIT = re.compile(r"\btransit\s+(?:traffic|cargo|cargoes|goods|trade|trucks|flows?)\b|\bin\s+transit\b", re.I)
_TARIFF_ON = re.compile(r"\b(?:tariffs?|duties|duty|levies|levy|taxes|quotas?|restrictions|ban|bans)\s+on\s+"
                        r"[^.;:]{1,90}$", re.I)


def _closed(sm: SentenceMentions, cue: Cue, clause: tuple[int, int], region: tuple[int, int],
            figures: list[Figure]) -> bool:
    """A plan, a forecast, a negation or a ban: the frame reports no movement."""
    lex, s = lexicon(), sm.text
    before = s[max(clause[0], cue.start - 60):cue.start]
    relative = list(_WHO_OPENS.finditer(before))  # "an opportunity for growers, who already ship …": a fact of theirs
    if _unreal(before[relative[-1].end():] if relative else before):
        return True
    joint = list(_AS_JOINT.finditer(s, clause[0], cue.start))
    if joint and _unreal(s[clause[0]:joint[-1].start()]):
        return True  # "We expect to ship 560,000 t in February as rice goes to Benin": the forecast's, no flow told
    if _WORLD_MARKET_SHARE.search(s, clause[0], clause[1]) and (cue.kind == "buyer_noun" or any(
            f.amount.kind == "percent" for f in figures) or not any(clause[0] <= f.start < clause[1] for f in figures)):
        return True  # "Bolivia supplies about 22% of the world quinoa market, behind Peru with 45%": shares of all
    if _PURPOSE.search(s, max(clause[0], cue.start - 40), cue.start):
        return True  # "imported … for blending and re-export": what the goods are for, not a flow told ("as for
        # exports," is a topic)
    if _HINDERED.search(s, max(clause[0], cue.start - 60), min(clause[1], cue.end + 60)):
        return True  # "payment difficulties make direct sales from Mombasa hard": what does not happen
    if cue.kind == "motion" and _TARIFF_ON.search(s, max(clause[0], cue.start - 120), cue.start):
        return True  # "will cut tariffs on rice and mangoes coming from Pakistan": goods a concession covers
    first = next((f.start for f in figures if f.start >= cue.end), region[1])
    # "… imports Ethiopian coffee and hopes to sell more palm oil": the plan is the next verb's
    plan = _AND_THEN_PLAN.search(s, cue.end, min(first, region[1]))
    # (not "Trucks bringing Uzbek fruit to Belarus … will then clear in hours": the carriers' participle tells what
    # they carry; what they will do is another matter)
    carrying = cue.form.endswith("ing") and _CARRIERS_BEFORE.search(s, max(clause[0], cue.start - 20), cue.start)
    if not carrying and _unreal(s[cue.end:plan.start() if plan else min(first, region[1])], reach=50):
        return True  # "exports are expected to reach", "shipments could top"
    # "…, even though Manila suspended imports from September": a concession does not undo the flow told
    # … nor does "…, while 21,000 tons were still in transit with no declared destination": a contrast's own
    concession = _CONCESSION.search(s, cue.end, clause[1]) or _CONTRAST_AFTER.search(s, cue.end, clause[1])
    # "Run operations against smuggling along the corridor, through which Uganda sends maize …": the relative
    # clause tells a fact of its own
    opens = max(clause[0], cue.start - 60) + relative[-1].start() if relative else clause[0]
    ends = concession.start() if concession else clause[1]
    main = _MAIN_VERB_AFTER.search(s, cue.end, ends) if carrying else None
    ends = main.start() if main else ends  # "Trucks bringing X to Y … will clear in hours, not in days": theirs
    if relative and cue.kind.endswith("verb"):
        # "Indonesia, which purchased 1.2 Mt of rice in 2024, halted all imports": the aside's verb ends at its comma
        # (not "Exports to India, which opened its market …, have not yet begun": the role noun is the sentence's)
        comma = s.find(",", cue.end, ends)
        ends = comma if comma > 0 else ends
    told = s[opens:ends]
    # "Bangladesh, which has no free trade agreement with …, ships garments": an aside's negation is its own
    told = RELATIVE_ASIDE.sub(lambda m: " " * len(m.group(0)) if not (
        m.start() <= cue.start - clause[0] < m.end()) else m.group(0), told)
    # "… left for Jordan, Georgia and Japan, markets which did not buy Moldovan nuts before": a closing relative
    # clause about the partners, after the frame's verb, tells of them, not of this flow
    told = _CLOSING_RELATIVE.sub(lambda m: " " * len(m.group(0)) if m.start() > cue.end - opens else m.group(0), told)
    # "… after Beijing lifted a ban imposed in 2023", "Since the ban was lifted, …": a ban undone stops nothing
    if _BAN_WORD.search(told):
        told = _BAN_LIFTED.sub(lambda m: " " * len(m.group(0)), told)
    # "Iran – 205,000 tons (a year earlier Kazakhstan did not sell wheat to Iran at all)": a bracket's too
    if "(" in told:
        told = _BRACKETED.sub(lambda m: " " * len(m.group(0)) if not (
            m.start() <= cue.start - opens < m.end()) else m.group(0), told)
    return bool(lex.blocked.search(told))


_BRACKETED = re.compile(r"\([^()]{1,160}\)")
_WORLD_MARKET_SHARE = re.compile(r"\d\s*(?:%|per\s*cent|percent)\s+of\s+(?:the\s+)?(?:world|global|international)"
                                 r"(?:['’]s)?\s+(?:[\w-]+\s+){0,2}(?:market|trade|supply|exports|imports|output)\b",
                                 re.I)
_CLOSING_RELATIVE = re.compile(r",\s+(?:(?:[a-z]+\s+){1,2})?(?:which|who|that)\s[^,;()]{1,120}[.!]?\s*$")
_BAN_WORD = re.compile(r"(?i)\b(?:ban|bans|embargo|suspension)\b")
_BAN_LIFTED = re.compile(r"\b(?:lift(?:ed|ing|s)?|remov(?:ed|ing|es)?|end(?:ed|ing|s)?|scrap(?:ped|ping|s)?|"
                         r"eas(?:ed|ing|es)|overturn(?:ed|ing|s)?)\s+(?:(?:its|the|a|an|their|his|her)\s+)?"
                         r"(?:[\w-]+\s+){0,3}?(?:ban|bans|embargo|suspension)\b(?:\s+(?:imposed|introduced|put)\b)?"
                         r"|\b(?:ban|embargo|suspension)\s+(?:[\w-]+\s+){0,4}?(?:was|were|had\s+been|has\s+been|is)\s+"
                         r"(?:lifted|removed|ended|scrapped|eased)\b", re.I)


_MAIN_VERB_AFTER = re.compile(r"\s(?:will|would|can|could|may|might|must|should|are|were|is|was|have|has|had)\s")
_CARRIERS_BEFORE = re.compile(r"\b(?:trucks|lorries|vessels|ships|wagons|trains|containers|flights|barges|tankers)\s+$",
                              re.I)
_AND_THEN_PLAN = re.compile(r"\s(?:and|but)\s+(?:also\s+|now\s+)?(?:hopes?|plans?|wants?|aims?|expects?|seeks?|"
                            r"intends?|is\s+looking|would\s+like)\b")
_AS_JOINT = re.compile(r"\s(?:as|while|whereas)\s")
# ", who", ", through which", ", under which", ", where": a relative clause that tells a fact of its own
_WHO_OPENS = re.compile(r",\s+(?:(?:(?:through|via|by|from|to|into|in|across|along|under)\s+)?(?:who|which)|where)\s+")
_HINDERED = re.compile(r"\bmak(?:e|es|ing|ed)\s+(?:[\w-]+\s+){1,6}?(?:hard|difficult|impossible|costly)\b", re.I)
# … and ", having not done so in 2024": what did not happen another time
_CONCESSION = re.compile(r",?\s+(?:even\s+though|although|though|despite|even\s+as)\b"
                         r"|,\s+(?:having\s+not|having\s+never|not\s+having|after\s+not\s+having)\b", re.I)
# "…, while …", "…; …", and "…, before Libreville banned the export of logs": a later event's clause
_CONTRAST_AFTER = re.compile(r",\s+(?:while|whereas)\s|;\s|,\s+(?:before|until|till)\s+(?:the\s+)?[A-Z]")
_PURPOSE = re.compile(r"(?<![Aa]s\s)\bfor\s+(?:(?:further\s+)?[a-z-]+\s+(?:and|or)\s+)?(?:further\s+)?$")


def _bloc_owner(rd: Reading, frame: _Frame) -> bool:
    """Whether a bloc owns the frame's trade noun or verb: "Mercosur exports", "the EU's imports", "ASEAN bought"."""
    if frame.cue.kind not in ("export_noun", "import_noun", "export_verb", "import_verb"):
        return False
    base = frame.sm.sentence.start
    cue_start = base + frame.cue.start
    return any(c.form == "bloc" and 0 <= cue_start - c.end <= 3 for c in rd.ctx.countries_in(base, cue_start)) \
        or bool(_BLOCS_OWN.search(frame.sm.text, max(0, frame.cue.start - 14), frame.cue.start))


_BLOCS_OWN = re.compile(r"\bthe\s+bloc['’]s?\s+$", re.I)


def _turnover_pair(sm: SentenceMentions) -> tuple[str, str] | None:
    """The two countries whose two-way trade a sentence tells, in the order named ("between A and B")."""
    if not lexicon().turnover.search(sm.text):
        return None
    codes = list(dict.fromkeys(c.code for c in sm.countries))
    return (codes[0], codes[1]) if len(codes) == 2 else None


def _in_turnover(sm: SentenceMentions, clause: tuple[int, int], f: Figure) -> bool:
    """A figure of two-way trade: a turnover word before it, with no directed trade word in between
    ("turnover reached $20bn, with Turkish exports to Iraq making up $13bn": the $13bn is directed)."""
    lo = max(clause[0], f.start - 100)
    found = [m for m in lexicon().turnover.finditer(sm.text, lo, f.start)]
    return bool(found) and not any(found[-1].end() <= c.start < f.start for c in sm.cues)


def _codes(parties: list[Party], side: str) -> list[str]:
    out: list[str] = []
    for p in parties:
        if p.side == side and p.code not in out:
            out.append(p.code)
    return out


# a clause that opens with its trade noun alone: ", purchases $31 million", "; imports, $4.2 billion"
_BARE_TRADE_NOUN = re.compile(r"[\s,;:]*(?:and\s+|while\s+|whereas\s+)?(?:its\s+|their\s+)?")
_AFTER_A_COMMA = re.compile(r"[,;]\s*(?:and\s+|while\s+|whereas\s+)?$")


def _sides(rd: Reading, frame: _Frame) -> tuple[list[str], list[str]]:
    """Exporting and importing countries, an empty side inherited from the article when the frame allows it."""
    s = frame.sm.text
    exporters, importers = _codes(frame.parties, EXPORTER), _codes(frame.parties, IMPORTER)
    exporters = [c for c in exporters if c not in importers]
    last = rd.last
    described = _DESCRIBED_PARTNER.search(s, frame.clause[0], frame.region[1])
    if described and not exporters and not importers and last is not None and len(last.importers) == 1 \
            and len(last.exporters) == 1 and (last.sentence == frame.sm.sentence.start
                                              or _soon_after(last, frame.sm.sentence)):
        # "exports to the UAE reached $64m, while imports from the Gulf country totalled $39m": the partner just named
        partner, own = last.importers[0], last.exporters[0]
        if described["prep"] == "from" and frame.cue.kind not in EXPORTING:
            return [partner], [own]
        if described["prep"] == "to" and frame.cue.kind in EXPORTING:
            return [own], [partner]
    if not exporters and not importers and last is not None and last.sentence == frame.sm.sentence.start \
            and frame.cue.kind in ("export_noun", "import_noun") and (frame.cue.kind in EXPORTING) != (
                last.kind in EXPORTING) and len(last.exporters) == 1 and len(last.importers) == 1 \
            and (_BARE_TRADE_NOUN.fullmatch(s, frame.clause[0], frame.cue.start)
                 or _AFTER_A_COMMA.search(s, max(0, frame.cue.start - 12), frame.cue.start)) \
            and _GAPPED_NOUN.match(s, frame.cue.start) \
            and not frame.sm.countries_in(frame.cue.start, frame.region[1]):
        # "Chinese deliveries $8.70 billion, purchases $31 million": the other way between the same two
        return list(last.importers), list(last.exporters)
    compass = frame.cue.form.endswith(_COMPASS) and bool(exporters) and not importers and last is not None \
        and set(exporters) <= set(last.importers)  # "… from Kazakhstan, while Turkmen yarn travels north"
    # "… come in from Ethiopia, and our traders send cattle the other way": a verb's goods sent the other way
    sent_back = frame.cue.kind == "export_verb" and _SENT_THE_OTHER_WAY.match(s, frame.cue.end, frame.region[1])
    if (frame.cue.form.endswith(_TURNED_ROUND) or compass or sent_back) and last is not None \
            and (last.sentence == frame.sm.sentence.start
                 or _soon_after(last, frame.sm.sentence)):
        # "… maize coming into Malawi, while Malawian sugar goes the other way": the last flows turned round
        return exporters or list(last.importers), [c for c in last.exporters if c not in exporters]
    subjects = [p.code for p in frame.parties if p.how == "subject" and p.side == EXPORTER]
    if frame.cue.form.startswith("re-export") and subjects:
        exporters = subjects  # "Kenya re-exported Ugandan coffee": Kenya sells it on, Uganda grew it
    last = rd.last
    if not exporters and not importers and last is not None and last.sentence == frame.sm.sentence.start \
            and frame.cue.kind.endswith("verb") and _coordinated(s, frame):
        # "Oman exported cement to Saudi Arabia, and shipped fish worth …": the same subject, the same way
        same = (frame.cue.kind in EXPORTING) == (last.kind in EXPORTING)
        return (list(last.exporters), list(last.importers)) if same else (list(last.importers), list(last.exporters))
    if frame.cue.kind == "export_verb" and not importers and _ITS_IMPORTS_OF.match(s, frame.cue.end):
        # "…, while Russia and Kazakhstan supply most of its imports": "its" is the subject told just before
        told = rd.named_exporters[1] if rd.named_exporters[0] == frame.sm.sentence.start else []
        importers = [c for c in told if c not in exporters][:1]
    if frame.cue.kind == "export_verb" and not importers and exporters \
            and _THE_PLACES_GOODS.match(s, frame.cue.end, frame.region[1]):
        # "Canada, one of Jamaica's main trading partners, supplies much of the island's salted fish": the other
        # country the sentence names, else the story's
        others = [c.code for c in frame.sm.countries if c.form == "name" and c.code not in exporters]
        importers = others[:1] or [c for c in (rd.frame.home,) if c and c not in exporters]
    pronoun = _pronoun_subject(rd, frame) or _first_person(rd, frame)
    if pronoun and frame.cue.kind in EXPORTING and not exporters and pronoun not in importers:
        exporters = [pronoun]
    elif pronoun and frame.cue.kind not in EXPORTING and not importers and pronoun not in exporters:
        importers = [pronoun]
    if pronoun and last is not None and last.sentence == frame.sm.sentence.start \
            and (frame.cue.kind in EXPORTING) != (last.kind in EXPORTING):
        # "Bhutan exports boulders to Bangladesh, while it imports garments": the partner sells the other way
        partner = [c for c in (last.importers if last.kind in EXPORTING else last.exporters) if c != pronoun]
        if frame.cue.kind in EXPORTING and not importers:
            importers = partner
        elif frame.cue.kind not in EXPORTING and not exporters:
            exporters = partner
    owner = _bloc_owner(rd, frame)  # "Mercosur exports to the Emirates reached …": a bloc's trade, no country's
    if owner and frame.cue.kind in EXPORTING and not exporters:
        return [], importers
    if owner and frame.cue.kind in ("import_verb", "import_noun") and not importers:
        return exporters, []
    pair = _turnover_pair(frame.sm) if frame.cue.kind in ("export_noun", "import_noun") and frame.figures else None
    if pair and len({*exporters, *importers}) <= 1 and (exporters or importers or [pair[0]])[0] in pair:
        # "trade between Kazakhstan and China … including Kazakh exports of $806m and imports of $314m": the side
        # a trade word leaves open is the other of the two; with none named, the first is the one told of
        known = (exporters or importers or [pair[0]])[0]
        other = pair[1] if known == pair[0] else pair[0]
        if exporters or (not importers and frame.cue.kind == "export_noun"):
            return [known], [other]
        return [other], [known]
    # "imported 38.6 Mt, of which 26.4 Mt came from Brazil": a total the next clause breaks down has no partner
    totals = (_to_the_world(s[frame.clause[0]:frame.region[1]], frame.region[0] - frame.clause[0])
              and not _JOINTLY.search(s, frame.region[0], frame.region[1]) and not _summed_for_partner(frame)) \
        or bool(_BROKEN_DOWN.match(s, frame.clause[1])) \
        or (s.startswith(",", frame.clause[1]) and bool(_PART_OF_WHOLE.match(s, frame.clause[1] + 1)))
    elsewhere = bool(_ELSEWHERE.search(s, frame.cue.start, frame.region[1]))  # "bound for Mumbai": not inherited
    if not importers and not totals and not elsewhere:
        importers = _anaphoric_destination(rd, frame, exporters) or _continued_destination(rd, frame, exporters)
    arrived = frame.cue.kind == "motion" and any(p.how == "from" for p in frame.parties)  # "… came from Brazil"
    # "Shipments from Australia slipped to 3.1m tons" in a story of China's imports: arrivals in China
    # … and "US cargoes jumped to 802,000 tonnes" in a story of Japan's imports: arrivals in Japan
    # … and "China's shipments slid to $3.94 billion" in a story of US apparel imports
    arrived = arrived or (frame.cue.form in _ARRIVING and rd.frame.title_importer is not None
                          and any(p.how in ("from", "adjective", "possessor") for p in frame.parties))
    # "West African origins such as Benin and Mali" in a story of Bangladesh's imports: suppliers to it
    arrived = arrived or (frame.cue.kind == "supplier_noun" and rd.frame.title_importer is not None
                          and any(p.how == "ranked" for p in frame.parties))
    # "The DRC remained the main source of copper ores …" in a Zambian story: the supplier of the story's country
    arrived = arrived or (frame.cue.form in _SOURCE_NOUNS and any(p.how == "ranked" for p in frame.parties)
                          and rd.frame.home is not None and rd.frame.home not in exporters
                          and not any(c.code == rd.frame.home for c in frame.sm.countries))
    # "On the import side, South Africa supplied goods valued at P3.1bn": the lead-in names the story's imports
    arrived = arrived or ((lead := SIDE_LEAD.match(s, frame.clause[0])) is not None and lead["trade"][0] in "iI")
    if not importers and exporters and (frame.cue.kind in ("import_verb", "import_noun") or arrived) and not totals:
        # "…, while imports from the UAE were $48bn": the exporter of the clause before; else a country the
        # sentence names as acting ("Thailand's trade deficit … as imports of Chinese goods"); else home
        home = _swapped(rd, frame, exporters) or _sentence_actor(frame, exporters) \
            or _importing_just_before(rd, frame, exporters) or rd.frame.importer(exporters)
        importers = [home] if home else []
    story_buyer = rd.frame.title_importer
    if not importers and not totals and exporters and frame.figures and frame.cue.kind == "export_verb" \
            and story_buyer and story_buyer not in exporters and not _a_level(s, frame.figures[0]) and not elsewhere:
        importers = [story_buyer]  # "Argentina shipped 420,000 tonnes." in a story of China's imports
    if not importers and not totals and frame.figures and frame.cue.kind in EXPORTING and not frame.sm.countries \
            and not elsewhere \
            and len(rd.frame.title_destinations) == 1 and rd.frame.title_destinations[0] not in exporters:
        importers = list(rd.frame.title_destinations)  # the headline's destination: "… exports to Pakistan hit …"
    if importers and not exporters and rd.named_exporters[0] == frame.sm.sentence.start:
        exporters = [c for c in rd.named_exporters[1] if c not in importers]  # "Peru's exporters …, sending …"
    # the buyer this sentence named; for a ranking of suppliers, also the one the sentence just before named
    # ("Viet Nam imported 2.94 Mt of raw cashew. Tanzania was the third-largest supplier, …")
    since = frame.sm.sentence.start - rd.named_importers[0]
    supplying = frame.cue.kind == "supplier_noun" or frame.cue.form in _SUPPLY_VERBS
    buyers = rd.named_importers[1] if since == 0 or (supplying and 0 < since <= _CONTINUATION_GAP + 200) else []
    if supplying and exporters and not importers and buyers and not set(exporters) & set(buyers):
        # "Dubai imported 612 t of gold, with Mali and Ghana among the main suppliers"; "Japan bought 400,000 t of
        # coffee. Brazil supplied 160,000 t": the buyer just named is the one supplied
        importers = list(buyers)
    if importers and not exporters and frame.cue.kind == "buyer_noun" and rd.frame.home not in importers \
            and (_RE_EXPORT_ROLE.search(frame.sm.text, max(0, frame.cue.start - 12), frame.cue.start)
                 or _FOR_RE_EXPORTS.match(frame.sm.text, frame.cue.end)
                 or _FOR_EXPORTS.match(frame.sm.text, frame.cue.end)):
        # "Saudi Arabia was the top re-export market": the story's hub sells on; "China was the leading
        # destination for exports": the story's own, whoever the sentences before imported from
        exporters = [rd.frame.home]
    if importers and not exporters and frame.cue.form.startswith("re-export"):
        exporters = _re_exporter(rd, frame, importers)  # "most of the tea landed in Dubai is re-exported to Iran"
    suppliers_follow = frame.cue.kind in ("import_verb", "import_noun") and any(
        c.kind == "supplier_noun" and 0 < c.start - frame.cue.end <= 150 for c in frame.sm.cues)
    home = rd.frame.home
    if importers and not exporters and not totals and frame.cue.kind == "export_noun" \
            and frame.cue.form in _TRADE_AS_A_WHOLE and home and home not in importers \
            and rd.frame.title_importer == home:
        exporters = [home]  # "exports fell to the US (-20.4%)" in a story of China's imports: China's exports
    # "the Korean market, where avocado imports have tripled": a market's imports, told with no seller or figure
    market_imports = frame.cue.kind == "import_noun" and not frame.figures
    # "Viet Nam imported 2.94 million tonnes of raw cashew, most of it from Africa": a region's total, no seller's
    from_region = _FROM_REGION.search(s, frame.cue.end, frame.region[1]) is not None
    if importers and not exporters and not totals and not suppliers_follow and not market_imports and not from_region:
        country = company_country(rd.ctx, _company(rd, frame) or "")  # "In Ghana, Keda Ceramics has a consignment"
        own_imports = importers == [rd.frame.home] and frame.cue.kind in ("import_verb", "import_noun")
        named = {c.code for c in frame.sm.countries if c.code not in importers and c.form != "bloc"}
        inherited = country if country and country not in importers else (
            (next(iter(named)) if len(named) == 1 else rd.frame.source(importers)) if own_imports
            else rd.frame.exporter(importers))  # "Mexico bought … of US yellow corn": the one other country
        exporters = [inherited] if inherited else []
    if not exporters and not importers and (told := _other_measure(rd, frame)) is not None:
        return [told.exporter], [told.importer]
    return exporters, importers


# "Volume shipments were up by 26 percent to 1.18 million tons", "In value terms, exports reached $40m": the other
# measure of the flow just told
_MEASURE_NAMED = re.compile(r"\b(?:in\s+(?:volume|value|tonnage|weight)\s+terms|in\s+terms\s+of\s+(?:volume|value|"
                            r"tonnage|weight)|by\s+(?:volume|value|weight)|[Vv]olume\s+(?:shipments|exports|imports|"
                            r"sales)|(?:the\s+)?(?:volume|value|tonnage)\s+of\s+(?:the\s+)?(?:shipments|exports|"
                            r"imports|sales|deliveries))\b", re.I)


def _other_measure(rd: Reading, frame: _Frame) -> Draft | None:
    """The flow just told (a sentence or two before) that a frame naming no country tells in its other measure: a
    quantity after a value or a value after a quantity."""
    last = rd.last
    if last is None or frame.sm.countries or not frame.figures or not continues_last(rd, frame.sm.sentence) \
            or last.sentence == frame.sm.sentence.start or len(last.exporters) != 1 or len(last.importers) != 1 \
            or not _MEASURE_NAMED.search(frame.sm.text):
        return None
    told = [d for d in rd.drafts if d.sentence.start == last.sentence and d.exporter in last.exporters
            and d.importer in last.importers]
    kinds = {f.amount.kind for f in frame.figures}
    one = told[0] if len(told) == 1 and told[0].money is None and told[0].amount is not None else None
    return one if one is not None and one.amount.kind in ("quantity", "money") and one.amount.kind not in kinds \
        else None


def _summed_for_partner(frame: _Frame) -> bool:
    """"Three cargoes to Germany, 148,260t in all, …": "in all" sums what went to the partner named before it."""
    summed = _SUMMED.search(frame.sm.text, frame.region[0], frame.region[1])
    return summed is not None and any(p.how in ("to", "from") and p.end <= summed.start() for p in frame.parties)


_SUMMED = re.compile(r"\d[\d.,]*\s*[A-Za-z%]{0,6}\s+in\s+(?:all|total)\b")
_DESCRIBED_PARTNER = re.compile(r"\b(?P<prep>from|to)\s+the\s+(?:[A-Z][\w-]+|[a-z]+-?[a-z]*an)\s+"
                                r"(?:country|nation|kingdom|emirate|republic|state|island\s+nation|archipelago)\b")
_SUPPLY_VERBS = frozenset(("supply", "supplies", "supplied", "supplying"))
_FROM_REGION = re.compile(rf"\bfrom\s+{REGION}(?!\s+(?:and|or)\s+[A-Z])")
_SOURCE_NOUNS = frozenset(("source", "sources", "supplier", "suppliers", "origin", "origins", "provider"))
_RE_EXPORT_ROLE = re.compile(r"\bre-?exports?\s+$", re.I)
_FOR_EXPORTS = re.compile(r"\s+(?:for|of)\s+(?:the\s+)?(?:total\s+)?exports\b", re.I)
_FOR_RE_EXPORTS = re.compile(r"\s+(?:for|of)\s+(?:(?:the|its|their)\s+)?(?:[\w'’-]+\s+){0,2}re-?exports?\b", re.I)
_ARRIVING = frozenset(("shipments", "shipment", "deliveries", "delivery", "cargoes", "cargo", "supplies",
                       "consignments"))


def _importing_just_before(rd: Reading, frame: _Frame, exporters: list[str]) -> str | None:
    """"… Brazil supplied 5.9 million tons to China. Imports from Argentina reached 611,280 tons.": the buyer whose
    imports the sentences just before told (not a buyer of the story's own exports)."""
    last = rd.last
    if last is None or len(last.importers) != 1 or last.importers[0] in exporters \
            or not _soon_after(last, frame.sm.sentence):
        return None
    buyer = last.importers[0]
    imports = last.kind in ("import_verb", "import_noun", "supplier_noun") or last.buyer_owns \
        or buyer == rd.frame.title_importer
    return buyer if imports and buyer != rd.frame.home else None


def _re_exporter(rd: Reading, frame: _Frame, importers: list[str]) -> list[str]:
    """Who re-exports when the frame does not say: the place the goods landed in ("landed in Dubai"), else the
    buyer of the flow told just before ("The UAE took 22m kilos, but much of that is re-exported to Iran")."""
    s = frame.sm.text
    landed = [m.code for m in frame.sm.countries if m.end <= frame.cue.start and m.code not in importers
              and re.search(r"\b(?:in|at|into|to)\s+(?:the\s+)?$", s[max(0, m.start - 8):m.start])]
    if landed:
        return landed[-1:]
    last = rd.last
    if not frame.cue.form.endswith(("ed", "ing")):
        return []  # "Re-exports to the UAE fell 12%": the story's own re-export trade, not goods just bought
    if (last is not None and _soon_after(last, frame.sm.sentence)) \
            or (last is not None and last.sentence == frame.sm.sentence.start):
        return [c for c in last.importers if c not in importers][:1] if len(last.importers) == 1 else []
    return []


# "…, and shipped", "…, while importing": the same subject goes on with another verb
_COORDINATED_VERB = re.compile(r"(?:^|,|\s)\s*(?:and|but|while|whereas)\s+(?:also\s+|then\s+)?"
                               r"(?:(?:has|have|had)\s+(?:also\s+)?)?$")  # "… and has taken"
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?\w+ed\b")


def _coordinated(s: str, frame: _Frame) -> bool:
    """"…, and shipped fish", "supplies oil to X and buys medicines from it": a second verb of the same
    subject; not a passive's ("is processed there and sold on": what is sold, not who sells)."""
    m = _COORDINATED_VERB.search(s, frame.clause[0], frame.cue.start)
    if m is None:
        return False
    return m.group().lstrip()[:1] == "," or not _PASSIVE.search(s, frame.clause[0], m.start())
_BROKEN_DOWN = re.compile(r",?\s+of\s+which\b", re.I)
_PRONOUN = re.compile(r"^\W*(?:(?:But|And|However|Meanwhile|Also),?\s+)?"
                      # "AFA data shows the country shipped …": a source's report before the subject
                      r"(?:(?:[A-Z][\w.-]*\s+)?(?:[a-z]+\s+)?(?:data|figures|statistics)\s+(?:show|shows|showed)\s+"
                      r"(?:that\s+)?)?"
                      # "In the reporting period this destination received …": a time first
                      r"(?:(?:In|During|Over|So\s+far\s+in)\s+(?:the|this|that)\s+[\w-]+(?:\s+[\w-]+)?,?\s+)?"
                      r"(?:It|They|[Tt]he\s+country|[Tt]he\s+nation|[Tt]he\s+kingdom|[Tt]he\s+republic|"
                      r"(?:[Tt]his|[Tt]hat|[Tt]he\s+same)\s+(?:destination|market|buyer|customer|importer|supplier))\s+"
                      r"(?:(?:also|has|have|had|still|then|[a-z]+ly)\s+){0,2}$")


def _pronoun_subject(rd: Reading, frame: _Frame) -> str | None:
    """"Uzbekistan was the second buyer. It imported 5,140 wagons": the country the sentence before is about."""
    if frame.cue.kind in _AGGREGATES and _ITS_TRADE.search(frame.sm.text, max(0, frame.cue.start - 25),
                                                           frame.cue.start):
        # "China's imports of Russian crude oil and its exports of machinery to Kazakhstan": the owner named before
        owner = [c for c in frame.sm.countries if c.end <= frame.cue.start and c.form == "name"
                 and frame.sm.text.startswith(("'s", "’s"), c.end)]
        return owner[-1].code if owner else None
    if not frame.cue.kind.endswith("verb"):
        return None
    last = rd.last
    if last is not None and last.sentence == frame.sm.sentence.start \
            and _IT_BEFORE.search(frame.sm.text, max(0, frame.cue.start - 12), frame.cue.start):
        # "Russia shipped 12.75 Mt of urea to India, above the 9.88 Mt it supplied in 2025-26": the same seller;
        # "Bhutan exports boulders to Bangladesh, while it imports garments": the same subject, buying now
        if _WHILE_IT_BEFORE.search(frame.sm.text, max(0, frame.cue.start - 20), frame.cue.start):
            subject = last.exporters if last.kind in EXPORTING else last.importers
        else:
            subject = last.exporters if frame.cue.kind in EXPORTING else last.importers
        return subject[0] if len(subject) == 1 else None
    if last is not None and last.sentence == frame.sm.sentence.start and frame.cue.kind in EXPORTING \
            and _WHILE_ITS_GOODS.search(frame.sm.text, max(0, frame.cue.start - 60), frame.cue.start):
        # "Seychelles buys much of its produce from Madagascar, while its canned tuna is shipped to France": the
        # goods of the subject told just before, whichever way it traded
        subject = last.importers if last.kind in ("import_verb", "import_noun") else last.exporters
        return subject[0] if len(subject) == 1 else None
    if _THE_COUNTRY_BEFORE.search(frame.sm.text, max(0, frame.cue.start - 30), frame.cue.start):
        # "Paraguay's meat service said 2025 closed with a record, as the country shipped 361,400 tons": the country
        # the sentence named first, else the story's
        # (not "Besides China, the country sells gas to Russia": a partner named first)
        opening = _SENTENCE_OPENER.match(frame.sm.text)
        named = [c for c in frame.sm.countries if opening and c.start == opening.end() and c.form == "name"]
        return named[0].code if named else (rd.frame.exporter([]) if frame.cue.kind in EXPORTING else None)
    if not _PRONOUN.match(frame.sm.text[frame.clause[0]:frame.cue.start]):
        return None
    start = frame.sm.sentence.start
    before = [s for s in rd.ctx.sentences if s.end <= start]
    if not before:
        return None
    previous = before[-1]
    return next((c.code for c in rd.ctx.countries_in(previous.start, previous.end)
                 if c.form in ("name", "capital", "adjective") and not is_destination(rd.ctx.text, c)), None)


_SENTENCE_OPENER = re.compile(r"\W*(?:The\s+)?")
_ITS_TRADE = re.compile(r"\b(?:its|their)\s+(?:[a-z-]+\s+)?$")
_THE_COUNTRY_BEFORE = re.compile(r"\b(?:the|this)\s+(?:country|nation|kingdom|republic)\s+"
                                 r"(?:(?:also|has|had|have|now|already|[a-z]+ly)\s+)?$")
_WHILE_IT_BEFORE = re.compile(r"\b(?:while|whereas|and|but)\s+(?:it|they)\s+(?:also\s+)?$")
_IT_BEFORE = re.compile(r"\b(?:it|they)\s+(?:had\s+|has\s+|have\s+)?$")
_WHILE_ITS_GOODS = re.compile(r"\b(?:while|whereas|and|but)\s+(?:its|their)\s+(?:[\w-]+\s+){1,3}"
                              r"(?:is|are|was|were|has\s+been|have\s+been)\s+(?:(?:also|" + MOSTLY + r")\s+)?$")
_WE = re.compile(r"^\W*(?:(?:[Ff]or\s+(?:years|decades|a\s+long\s+time)|[Tt]oday|[Nn]ow|[Ll]ast\s+year|[Tt]his\s+year|"
                 r"[Ii]n\s+\d{4}),?\s+)?"  # "For years we have sold to …"
                 r"(?:[Ww]e|[Oo]ur\s+(?:country|farmers|exporters|growers|producers|companies))\s+"
                 r"(?:(?:also|still|now|already|only|[a-z]+ly|have|has|had|will)\s+){0,2}$")


def _first_person(rd: Reading, frame: _Frame) -> str | None:
    """"We send our dried roots to Fiji," Kalsakau told the radio: the quoted speaker's country (else the story's
    home)."""
    if not frame.cue.kind.endswith("verb") or not _WE.match(frame.sm.text[frame.clause[0]:frame.cue.start]):
        return None
    # the speaker named in the sentence, else in the two before ("Minister Fifita told the paper … “For years we
    # have sold to New Zealand,” he said.")
    before = [s for s in rd.ctx.sentences if s.end <= frame.sm.sentence.start][-2:]
    for text in (frame.sm.text, *(s.text for s in reversed(before))):
        for person in rd.ctx.officials:
            surname = person.name.split()[-1]
            if person.country and re.search(rf"\b{re.escape(surname)}\b", text):
                return person.country
    return rd.frame.home


def _swapped(rd: Reading, frame: _Frame, exporters: list[str]) -> str | None:
    last = rd.last
    if last is None or last.sentence != frame.sm.sentence.start or set(exporters) != set(last.importers):
        return None
    return last.exporters[0] if last.exporters else None


def _sentence_actor(frame: _Frame, exporters: list[str]) -> str | None:
    s = frame.sm.text
    for m in frame.sm.countries:
        if m.form in ("name", "capital") and m.code not in exporters and m.end <= frame.cue.start \
                and re.match(r"['’]s?\s", s[m.end:m.end + 3]):
            return m.code
    return None


_ANAPHOR = re.compile(r"\b(?:to|for|into)\s+(?:its|their|the)\s+(?:[\w-]+\s+){0,2}(?:neighbou?r|partner|"
                      r"country|market|nation|state|kingdom|emirate|sultanate|republic|island\s+nation)\b|\bthere\b",
                      re.I)


_POSSESSOR = re.compile(r"['’]s?\s")


def _anaphoric_destination(rd: Reading, frame: _Frame, exporters: list[str]) -> list[str]:
    """"sent 3,000 tonnes there", "to its northern neighbour": the country named last before, not the exporter."""
    m = _ANAPHOR.search(frame.sm.text, frame.cue.end, frame.region[1])
    if m is None:
        return []
    pos = frame.sm.sentence.start + m.start()
    named = [c for c in rd.ctx.countries if c.start < pos and c.form in ("name", "capital")
             and c.code not in exporters and not rd.ctx.text.startswith("$", c.end)]
    if not named:
        return []
    # "China is Ecuador's largest market. Shipments there …": China, not the owner named after it
    sentence = rd.ctx.sentence_at(named[-1].start)
    placed = [c for c in named if sentence is not None and c.start >= sentence.start
              and not _POSSESSOR.match(rd.ctx.text, c.end)]
    return [(placed or named)[-1].code]


def _continued_destination(rd: Reading, frame: _Frame, exporters: list[str]) -> list[str]:
    """"Argentina sent 2,000 t of beef to Chile, while Uruguay sent 1,500 t": the same destination."""
    last = rd.last
    # "…, while Oman supplied mostly petrochemicals": a contrast clause keeps the receiver, figure or not
    contrast = _WHILE_BEFORE.fullmatch(frame.sm.text, frame.clause[0], frame.cue.start)
    near = last is not None and (last.sentence == frame.sm.sentence.start
                                 or _soon_after(last, frame.sm.sentence))
    pair = [*last.exporters, *last.importers] if last is not None else []
    if contrast and near and len(pair) == 2 and len(exporters) == 1 and exporters[0] in pair \
            and frame.cue.kind == "export_verb":
        return [c for c in pair if c != exporters[0]]  # "… wheat to China, while China supplied mainly vegetables"
    if last is None or last.sentence != frame.sm.sentence.start or not (frame.figures or contrast) \
            or not exporters or set(exporters) & set(last.exporters) or set(exporters) & set(last.importers):
        return []
    return list(last.importers)


_WHILE_BEFORE = re.compile(r",?\s*(?:while|whereas)\s+(?:[A-Z][\w'’.-]*\s+){1,3}(?:\w+ly\s+)?$")


def _pairs(frame: _Frame, exporters: list[str], importers: list[str]
           ) -> list[tuple[Figure | None, str, str]]:
    """(figure, exporter, importer) of each flow: partners and figures zipped, a shared figure given to none."""
    varying = IMPORTER if len(importers) > 1 or len(exporters) == 1 else EXPORTER
    partners = [p for p in frame.parties if p.side == varying]
    fixed = exporters if varying == IMPORTER else importers
    codes = importers if varying == IMPORTER else exporters
    out: list[tuple[Figure | None, str, str]] = []
    for figure, partner_codes in _align(frame, codes, partners):
        for partner in partner_codes:
            for other in fixed:
                exp, imp = (other, partner) if varying == IMPORTER else (partner, other)
                if exp != imp:
                    out.append((figure, exp, imp))
    return out


_THE_LATTER = re.compile(r",\s+the\s+latter\b")
_LATTER_IS = re.compile(r",\s+the\s+latter\s+(?:\w+\s+){1,2}(?:the|a|its)\s+(?:[\w-]+\s+){0,3}$")
_FOLLOWED_TAIL = re.compile(r",\s+(?:and\s+)?(?:was\s+|were\s+)?followed\s+by\s+|\b" + _AHEAD_OF)


def _align(frame: _Frame, codes: list[str], partners: list[Party]) -> list[tuple[Figure | None, list[str]]]:
    figures = frame.figures
    if not figures:
        return [(None, codes)]
    if len(codes) <= 1:
        # "exported 500,000 tonnes of tea in 2025, mainly to Pakistan": the total went mostly there, not all of it
        mostly = [p for p in frame.parties if (p.code in codes or p not in partners) and _MOSTLY_TO.search(
            frame.sm.text, max(0, p.start - 40), p.start) and all(f.end <= p.start for f in figures)]
        if mostly:
            return [(None, codes)]
        return [(f, codes) for f in figures]
    if len(figures) == 1 and _EACH.search(frame.sm.text) and not _BOUND_BEFORE.search(
            frame.sm.text, max(0, figures[0].start - 14), figures[0].start):
        return [(figures[0], [code]) for code in codes]  # "Egypt and Türkiye each took 9,000 bales"
    behind = _RANKED_BEHIND.search(frame.sm.text, frame.region[0], figures[0].start) if len(figures) == 1 else None
    if behind is not None:
        # "Tanzania was the third-largest supplier after Côte d'Ivoire and Cambodia, shipping 318,650 tonnes":
        # the figure is the one ranked's, those ranked above it have none told
        above = {p.code for p in partners if behind.end() <= p.start < figures[0].start}
        own = [c for c in codes if c not in above]
        if len(own) == 1 and above:
            return [(figures[0], own), (None, [c for c in codes if c in above])]
    latter = _THE_LATTER.search(frame.sm.text, max(0, figures[0].start - 80), figures[0].start) \
        if len(figures) == 1 else None
    if latter is not None:
        # "… Canada (19.2 percent) and the United States (12.4 percent), the latter remaining the largest buyer at
        # €29.6 million": the figure is the last one named's
        named = [p for p in partners if p.code in codes and p.end <= latter.start()]
        if named:
            last = named[-1].code
            return [(figures[0], [last]), (None, [c for c in codes if c != last])]
    # "Poland was the largest market, buying 214,000 tonnes, followed by Denmark and France", "China bought 212
    # million pounds worth $741 million, …, ahead of the United States": the figures are the one named before
    # them; those ranked after have none told
    first = {p.code for p in partners if p.code in codes and p.start < figures[0].start}
    rest = [c for c in codes if c not in first]
    later = [p.start for p in partners if p.code in rest]
    tail = _FOLLOWED_TAIL.search(frame.sm.text, figures[-1].end, min(later)) if later else None
    if tail is not None and len(first) == 1 and rest and all(start >= tail.end() for start in later):
        return [(f, list(first)) for f in figures] + [(None, rest)]
    if len(figures) == 1 and not re.search(r"\brespectively\b", frame.sm.text, re.I):
        return [(None, codes)]  # "exported 5,000 t to Spain and Italy": the list's total is no one's
    bracketed = _bracketed(frame, codes, partners)
    if bracketed:
        return bracketed
    spans = sorted({(p.start, p.code) for p in partners if p.code in codes})
    if not spans:  # the partners came from the frame before, not from this sentence: no figure is theirs by place
        return [(None, codes)]
    if len(spans) == len(figures):
        return [(f, [code]) for f, (_, code) in zip(figures, spans, strict=True)]
    partner_first = spans[0][0] < figures[0].start
    out: list[tuple[Figure | None, list[str]]] = []
    for i, f in enumerate(figures):
        lo = figures[i - 1].end if i and partner_first else (f.end if not partner_first else frame.region[0])
        hi = f.start if partner_first else (figures[i + 1].start if i + 1 < len(figures) else frame.region[1])
        near = [code for start, code in spans if lo <= start < hi]
        if not near and partner_first and i and out[-1][1] and _NEXT_GOODS.match(frame.sm.text, lo, hi):
            near = out[-1][1]  # "from Kazakhstan 164,000 t of wheat and 58,000 t of flour": the same partner's
        if not near and partner_first and i and out[-1][1] and (f.compared or figures[i - 1].compared) \
                and f.amount.kind == figures[i - 1].amount.kind:
            near = out[-1][1]  # "the Netherlands 82,000 tons (2024: 71,000 tons)": the same partner's, compared
        if not near and partner_first and i and out[-1][1] and f.amount.kind != figures[i - 1].amount.kind \
                and _OTHER_MEASURE.fullmatch(frame.sm.text, lo, hi):
            near = out[-1][1]  # "from Vietnam amounted to $842 million (up 9%), 27,930 tonnes (up 7%)": its weight
        if len(set(near)) > 1 and not partner_first:
            out.append((None, list(dict.fromkeys(near))))  # "tyres worth €498m to Germany, Italy and Poland"
            continue
        if len(set(near)) > 1 and _EACH_AFTER.match(frame.sm.text, f.end):
            out.append((f, list(dict.fromkeys(near))))  # "… and Chile and China, level on 7,915 tonnes each"
            continue
        out.append((f, near[-1:] if partner_first else near[:1]))
    trailing = [(start, code) for start, code in spans if start >= figures[-1].end]
    if partner_first and trailing and _LIST_GOES_ON.fullmatch(frame.sm.text, figures[-1].end, trailing[0][0]):
        # "…, Belgium 6,000 tons and Saudi Arabia, Canada and Chile": members listed after the last figure, none
        out.append((None, list(dict.fromkeys(code for _, code in trailing))))
    return [(f, c) for f, c in out if c]


_LIST_GOES_ON = re.compile(r"\)?\s*(?:\([^()]{0,40}\)\s*)?(?:,?\s+and\s+|,\s*)(?:the\s+)?")


_EACH = re.compile(r"\b(?:each|apiece)\b", re.I)
# "…, mainly to Pakistan", "…, most of it from Russia": the figure's total went mostly there, not all of it
_MOSTLY_TO = re.compile(r",\s+(?:" + MOSTLY + r"|overwhelmingly|"
                        r"(?:most|much|the\s+bulk|the\s+majority)\s+of\s+(?:it|them))\s+"
                        r"(?:to|into|from)\s+(?:the\s+)?$", re.I)
_EACH_AFTER = re.compile(r"\s+(?:each|apiece)\b")
_RANKED_BEHIND = re.compile(r"\b(?:largest|biggest|top|leading|main|major|ranked|placed)\s+(?:[\w-]+\s+){0,3}?"
                            r"(?:after|behind)\s+", re.I)
_BOUND_BEFORE = re.compile(r"\b(?:fewer|less|more|under|over|up\s+to|at\s+most|at\s+least)\s+(?:than\s+)?$", re.I)
_OTHER_MEASURE = re.compile(r"\s*(?:\([^()]{0,30}\))?\s*(?:,|and|,\s*and|or)?\s*(?:about\s+|some\s+)?")
_NEXT_GOODS = re.compile(r"\s+of\s+[^,;.\d]{1,40}?\s+and\s+$")
_OPEN_BRACKET = re.compile(r"\s*\(\s*")


def _bracketed(frame: _Frame, codes: list[str], partners: list[Party]) -> list[tuple[Figure | None, list[str]]]:
    """"38,600 tons, with Russia (14,900 tons), China (8,200 tons), Kyrgyzstan and Afghanistan": each partner's
    figure is in its brackets; a figure before them is the list's total, and a partner without one has none,
    unless a figure follows it before the next partner ("India was the top buyer with 1.37 mln tonnes, followed by
    China (790,000 tonnes)")."""
    s = frame.sm.text
    ordered = sorted({(p.start, p.end, p.code) for p in partners if p.code in codes})
    out: list[tuple[Figure | None, list[str]]] = []
    for _start, end, code in ordered:
        own = next((f for f in frame.figures if f.start >= end and _OPEN_BRACKET.fullmatch(s, end, f.start)), None)
        out.append((own, [code]))
    if sum(1 for f, _ in out if f is not None) < 2:
        return []
    for i, (own, code) in enumerate(out[:-1]):
        if own is None:
            end, following = ordered[i][1], ordered[i + 1][0]
            own = next((f for f in frame.figures if end <= f.start and f.end <= following), None)
            out[i] = (own, code)
    return out


def _frame_goods(rd: Reading, sm: SentenceMentions, cue: Cue, clause: tuple[int, int], region: tuple[int, int],
                 figures: list[Figure]) -> tuple[list[Goods], list[Goods]]:
    """The goods a frame moves, and the goods named as parts of it: a total's breakdown, a main product."""
    products, told = main_products(sm, clause[0], clause[1])
    if told is not None and cue.start < told[0]:
        # "China was the second destination for our exports, and the main product going there was copper
        # cathodes": the ranking counts the trade, the product is a part of it
        goods, extras = _named_goods(rd, sm, cue, clause, region, figures)
        goods = [g for g in goods if not told[0] <= g.start < told[1]]
        if not goods:
            goods, extras = _inherited_goods(rd, sm, cue, clause, region, figures)
        return goods, [*extras, *products]
    return _named_goods(rd, sm, cue, clause, region, figures)


def _named_goods(rd: Reading, sm: SentenceMentions, cue: Cue, clause: tuple[int, int], region: tuple[int, int],
                 figures: list[Figure]) -> tuple[list[Goods], list[Goods]]:
    """The goods a frame moves, in the order English gives them, else inherited (weak); and the goods a
    figure's total is broken into."""
    if cue.kind in ("buyer_noun", "supplier_noun") and (driven := _DRIVEN_BY.search(sm.text, cue.end, region[1])) \
            and not goods_after_of(sm, cue.end, driven.start(), role=True):
        # "The United States followed as the second destination with a 15.6% share, driven by salmon and wine": the
        # ranking counts the whole trade, the goods after "driven by" are parts of it
        parts = _parts_after(sm, driven, region[1])
        if parts:
            whole, _ = _inherited_goods(rd, sm, cue, clause, region, figures)
            return whole or [Goods("goods", None)], parts
    # "exported goods worth US$38.6 million to Zimbabwe in 2025, most of them tractors": the goods named before
    # the figure are the whole
    apart = _figure_breakdown(sm, figures, region, apart=True)
    own = next((found for found in _goods_readings(sm, cue, clause, region, figures)
                if found and all(g.end <= figures[-1].start for g in found)), []) if apart else []
    if own:
        return own, apart
    # "… reached 214,000 tons in January-August, mostly coal and dairy products": with a time between, too
    breakdown = _figure_breakdown(sm, figures, region) or apart
    if breakdown:  # "Vietnam bought 44,800 tonnes, mainly frozen sardines and mackerel": the story's fish
        inherited, _ = _inherited_goods(rd, sm, cue, clause, region, figures)
        if inherited:
            return inherited, breakdown
    for found in _goods_readings(sm, cue, clause, region, figures):
        # "loaded two vessels bound for Mumbai, carrying 58,000 m³": the ships carry the goods
        goods = [_referent(sm, _unwrapped(sm, g, region)) for g in found
                 if g.name.split()[-1] not in lexicon().carriers or g.hs]
        goods = [_told_before(rd, sm, g) for g in goods]
        if not figures:
            goods = [part for g in goods for part in unpaired(sm, g)]
            if len(goods) == 1 and cue.kind in _AGGREGATES:
                goods += _changed_in_turn(sm, goods[0], clause)
        if goods:
            included = _included(sm, goods, region)
            return (goods, included) if figures else (included or goods, [])
    sector = _SECTOR_TRADE.search(sm.text)  # "agricultural trade between A and B …, including exports of $806m"
    if sector is not None and figures and _turnover_pair(sm):
        return [Goods(f"{sector.group(1).lower()} products", None, weak=True)], []
    return _inherited_goods(rd, sm, cue, clause, region, figures)


_SECTOR_TRADE = re.compile(r"\b(agricultural|agri-food|farm|industrial)\s+(?:trade|turnover)\b", re.I)
_CHANGE = r"(?:by\s+)?(?:about\s+|some\s+|nearly\s+)?[\d.,]+\s*(?:%|per\s*cent|percent|times|-fold|fold)"
_GOODS_CHANGED = re.compile(rf"\s+(?:grew|rose|fell|increased|decreased|jumped|climbed|dropped|declined|surged|"
                            rf"slumped|were\s+up|were\s+down|was\s+up|was\s+down)\s+{_CHANGE}")
_NEXT_CHANGED = re.compile(rf"(?:,\s+(?:and\s+)?|\s+and\s+)(?P<goods>[a-z][a-z -]{{1,30}}?)\s+{_CHANGE}")


def _changed_in_turn(sm: SentenceMentions, first: Goods, clause: tuple[int, int]) -> list[Goods]:
    """"deliveries of wheat flour grew by 21%, sunflower oil by 2.3 times and coal by 44.1%": goods listed each with
    its change, the verb said once."""
    m = _GOODS_CHANGED.match(sm.text, first.end)
    out: list[Goods] = []
    while m is not None and (m := _NEXT_CHANGED.match(sm.text, m.end(), clause[1])) is not None:
        name = m["goods"].strip()
        goods = Goods(name, goods_hs(name), False, m.start("goods"), m.end("goods"))
        if not clean_goods(goods):
            break
        out.append(goods)
    return out


_BREAKDOWN_AFTER = re.compile(r",\s+(?:" + MOSTLY + r"|notably|especially|including|"
                              r"(?:most|much|the\s+bulk|nearly\s+all|almost\s+all)\s+of\s+(?:it|which|them))\s+"
                              r"(?!(?:because|due|thanks|owing|as|on|in|at|to|from|through|for|by|with|via)\b)",
                              re.I)  # not "…, largely because of weaker prices"


_WITH_GOODS = re.compile(r"(?:\s+(?:in|during|over)\s+[\w\s-]{1,45}?)?,\s+with\s+")
# "…, with copper ores and concentrates and wine the main goods"
_THE_MAIN_GOODS = re.compile(r"\s+(?:the|its|their)\s+(?:main|chief|leading|top|biggest|largest|principal|key)\s+"
                             r"(?:goods|products|items|exports|imports|export\s+items|commodities)\b")
_TAKING_A_SHARE = re.compile(r"\s+(?:accounting\s+for|making\s+up|representing|comprising|contributing)\b")


def _shared_by(sm: SentenceMentions, pos: int, limit: int) -> list[Goods]:
    """"…, with used and new vehicles accounting for nearly half": the goods a share of the figure is of."""
    m = _WITH_GOODS.match(sm.text, pos, limit)
    if m is None:
        return []
    goods = read_phrase_list(sm, m.end(), limit)
    if not goods:
        return []
    if _TAKING_A_SHARE.match(sm.text, goods[-1].end, limit) or _THE_MAIN_GOODS.match(sm.text, goods[-1].end, limit):
        return goods
    more = _AND_MORE.match(sm.text, goods[-1].end, limit)  # "copper ores and concentrates and wine the main goods"
    if more and _THE_MAIN_GOODS.match(sm.text, more.end(), limit):
        return goods + read_phrase_list(sm, more.start("more"), more.end())
    return []


_AND_MORE = re.compile(r"\s+and\s+(?P<more>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2}?)(?=\s+(?:the|its|their)\s)")


_PLACE_OR_TIME = re.compile(r"(?:\s+(?:to|from|in|during|over|last|this)\b[^,;.]{1,45}?(?=,))?")


def _figure_breakdown(sm: SentenceMentions, figures: list[Figure], region: tuple[int, int],
                      apart: bool = False) -> list[Goods]:
    """The goods a figure without goods of its own is broken into: "44,800 tonnes, mainly sardines and mackerel";
    `apart`: with where or when between ("US$38.6 million to Zimbabwe in 2025, most of them tractors")."""
    if not figures:
        return []
    f = figures[-1].amount
    gap = _PLACE_OR_TIME.match(sm.text, f.end, region[1]) if apart else None
    m = _BREAKDOWN_AFTER.match(sm.text, gap.end() if gap else f.end, region[1])
    if m is None or goods_of_figure(sm, f.start, f.end, region[1]):
        return []
    return read_phrase_list(sm, m.end(), region[1], pairs=False)


_TOPIC_GOODS = re.compile(r"\W*(?:For|As\s+for|As\s+regards|Regarding|Turning\s+to)\s+(?P<g>[^,;]{2,40}),\s")


def _told_in_reverse(rd: Reading, sm: SentenceMentions, cue: Cue) -> bool:
    """"Tajikistan's exports to Kazakhstan fell to $238mn" in a story of Tajikistan's imports of Kazakh wheat: the
    story's buyer selling, whose goods are not the story's."""
    buyer = rd.frame.title_importer
    return buyer is not None and cue.kind == "export_noun" and any(
        c.code == buyer and c.form in ("name", "adjective") and 0 <= cue.start - c.end <= 25
        for c in sm.countries)


def _inherited_goods(rd: Reading, sm: SentenceMentions, cue: Cue, clause: tuple[int, int], region: tuple[int, int],
                     figures: list[Figure]) -> tuple[list[Goods], list[Goods]]:
    """Goods the frame does not name: the sentence's, the last flows', the story's."""
    topic = _TOPIC_GOODS.match(sm.text)
    if topic is not None:  # "For palm oil, export volume was 612,000 tons, of which …": the sentence's goods
        terms = sm.terms_in(topic.start("g"), topic.end("g"))
        if len(terms) == 1 and terms[0].start >= topic.start("g"):
            return [term_goods(sm.text, terms[0], topic.start("g"))], []
    ahead = next((f for f in figures if f.start >= cue.end), None)
    aside = _LED_BY_ASIDE.search(sm.text, cue.end, ahead.start) \
        if ahead is not None and ahead.amount.kind == "money" and cue.kind in _AGGREGATES else None
    if aside:  # "…, while its exports to Bangladesh, led by machinery and steel, totaled 298 billion yen"
        return [Goods("goods", None, weak=True)], read_phrase_list(sm, aside.end(), ahead.start, pairs=False)
    if rd.named_goods[0] == sm.sentence.start:
        return list(rd.named_goods[1]), []  # "exported 282,000 head of cattle, of which 251,000 went to …"
    whole = _OF_WHICH_BEFORE.search(sm.text, max(0, cue.start - 40), cue.start)
    if whole is not None:  # "Shrimp earned $512 million, of which shipments to the US …": the shrimp
        term = nearest_term(sm, 0, whole.start(), whole.start())
        if term is not None:
            return [term], []
    if rd.drafts and figures and _MORE_OF_IT.search(sm.text, max(0, figures[0].start - 25), figures[0].start):
        return [rd.drafts[-1].goods], []  # "the company sent another 450 tonnes": more of the goods told last
    if rd.named_goods[1] and _OF_THAT.match(sm.text):
        return list(rd.named_goods[1]), []  # "Fiji exported 1,124 t of kava. Of that, New Zealand took 412 t"
    if rd.named_goods[1] and 0 <= sm.sentence.start - rd.named_goods[0] <= _CONTINUATION_GAP and figures \
            and _OF_IT.match(sm.text, figures[0].amount.end):
        return list(rd.named_goods[1]), []  # "Copper scrap came second with 455 t. India received 389 t of it"
    last = rd.last
    if last is not None and last.goods and _soon_after(last, sm.sentence) \
            and _AMOUNTS_MOVE.search(sm.text, clause[0], cue.start):
        return list(last.goods), []  # "… Georgian wine … Smaller volumes went to Latvia": more of the last flows
    if last is not None and any(not g.weak for g in last.goods) and _soon_after(last, sm.sentence) \
            and _PRONOUN_ACTS.fullmatch(sm.text, clause[0], cue.start):
        return list(last.goods), []  # "China was the main buyer of whey. It took 44,610 tonnes": the same goods
    if cue.kind in ("buyer_noun", "supplier_noun") and of_own_trade(sm, cue.end, region[1]):
        # "China was the second destination for our exports" after a sentence of copper: the trade as a whole
        return [Goods("goods", None, weak=True)], []
    if _SOLD_TO.match(sm.text, cue.end) and _WE_BEFORE.search(sm.text, max(0, cue.start - 30), cue.start) \
            and (rd.frame.goods is None or not rd.frame.goods_told):
        # "For years we have sold to New Zealand and Japan": a speaker's sales, no object, in a story of no one goods
        return [Goods("goods", None, weak=True)], []
    told = rd.partnerless
    if cue.kind in ("buyer_noun", "supplier_noun") and told is not None and told.goods \
            and _after_partnerless(rd, sm.sentence) and (last is None or last.sentence_end <= told.sentence):
        # "For cocoa, the country exported 842 t of dried cocoa beans. Major export destinations included Indonesia
        # …": the buyers of the goods just told, not of the headline's first goods
        return list(told.goods), []
    if cue.kind in ("buyer_noun", "supplier_noun") and last is not None and any(not g.weak for g in last.goods) \
            and _soon_after(last, sm.sentence) and len(last.exporters) == 1 and len(last.importers) == 1 \
            and last.kind != "motion" \
            and (cue.kind == "supplier_noun") == (last.kind in ("import_verb", "import_noun")):
        # "Sri Lanka imported 38,450 MT of big onions from Pakistan. India remained the main supplier with …": the
        # role of the one side the sentence before fixed, in the goods it told (not after "The first grapes reached
        # Japanese buyers": an arrival, not the trade the ranking counts)
        return list(last.goods), []
    story = rd.section_goods or rd.frame.goods  # under a sub-heading "Beef", the section's goods
    money_only = bool(figures) and all(f.amount.kind == "money" for f in figures)
    # "Vietnam's exports to the US reached $26.3bn", "Iran's leading export markets were China, with $5.6bn, …":
    # a total in money of no goods named is of all goods
    # … and so is a sum a partner "received" or "bought" in a story that names no goods ("Among them are Morocco and
    # Kenya, which received US$1 million and US$1.2 million respectively")
    bought_sum = cue.kind == "import_verb" and (story is None or story.name == "goods") \
        and not rd.named_goods[1]
    if (cue.kind in _AGGREGATES or cue.kind in ("buyer_noun", "supplier_noun") or bought_sum) and money_only \
            and (story is None or not rd.frame.goods_told or story.name == "goods" or _told_in_reverse(rd, sm, cue)):
        story = Goods("goods", None, weak=True)
        after = _INCLUDING.match(sm.text, figures[-1].end, region[1])  # "…, led by copper ore"
        if after:
            return [story], _parts_after(sm, after, region[1])
        share = _shared_by(sm, figures[-1].end, region[1])
        if share:  # "…$412 million in 2025, with used and new vehicles accounting for nearly half"
            return [story], share
        ahead = next((f for f in figures if f.start >= cue.end), figures[0])
        aside = _LED_BY_ASIDE.search(sm.text, cue.end, ahead.start)  # "imports, led by motorcycles, amounted"
        return [story], read_phrase_list(sm, aside.end(), ahead.start, pairs=False) if aside else []
    if story is None and not rd.named_goods[1] and (
            (cue.kind in _AGGREGATES and cue.form in _TRADE_AS_A_WHOLE)
            or (_SOLD_TO.match(sm.text, cue.end) and _ACTOR_BEFORE.search(sm.text, max(0, cue.start - 30), cue.start)
                and not _GOODS_RELATIVE.search(sm.text, max(0, cue.start - 40), cue.start))
            or (cue.kind in ("buyer_noun", "supplier_noun")
                and (of_own_trade(sm, cue.end, region[1]) or cue.form.endswith(("partner", "partners"))
                     or cue.form.startswith(("export ", "import "))))):
        # "Purchases declined from the US (-11.4%)", "A and B were the main sources of Iran's imports", "X's main
        # import partners": all trade
        return [Goods("goods", None, weak=True)], []
    named = rd.named_goods[1]
    # "moringa powder" after a story of moringa; "Cherries went mainly to China. Supplies to China alone …" in a
    # story of fruit: the kind of the story's goods the last sentence named, when this one goes on about its partner
    last = rd.last
    went_on = last is not None and _soon_after(last, sm.sentence) \
        and any(c.code in last.importers for c in sm.countries_in(clause[0], clause[1]))
    refined = story is not None and bool(named) and all(
        story.name in g.name or (went_on and narrows(g, story)) for g in named)
    if named and 0 <= sm.sentence.start - rd.named_goods[0] <= _CONTINUATION_GAP + 200 \
            and rd.frame.goods is not None and ((rd.frame.goods.weak and not rd.frame.goods_told) or refined):
        # "Kyrgyzstan exported 54,300 tons of beans … Türkiye remained the main buyer, purchasing 21,600 tons."
        return list(named), []
    if story is None and named and 0 <= sm.sentence.start - rd.named_goods[0] <= _CONTINUATION_GAP + 200:
        return list(named), []  # "… taking 388,140 kg of kava … New Zealand took 96.2 tonnes": the goods just named
    return ([story] if story is not None else []), []


_OF_WHICH_BEFORE = re.compile(r",?\s+of\s+which\s+(?:the\s+)?$", re.I)
_OF_THAT = re.compile(r"\W*(?:Of\s+(?:that|this|these|those|the\s+total|this\s+total|that\s+total|which)|"
                      r"(?:Most|Much|Half|Part)\s+of\s+(?:that|this|it|them))\b", re.I)
_OF_IT = re.compile(r"\s+of\s+(?:it|them)\b")
_MORE_OF_IT = re.compile(r"\b(?:another|a\s+further|further|an\s+additional|additional|a\s+second|"
                         r"some\s+more)\s+$", re.I)


_GENERAL_GOODS_BEFORE = re.compile(r"\s(?:goods|products|items|commodities|merchandise)\s+$")


def _goods_readings(sm: SentenceMentions, cue: Cue, clause: tuple[int, int], region: tuple[int, int],
                    figures: list[Figure]):  # type: ignore[no-untyped-def]
    """Candidate goods lists, most telling first (a generator: later readings run only when needed)."""
    if cue.kind in NOUNS:
        ranked, ranked_end = ranked_item_subject(sm, clause[0], clause[1])
        # "Teak was the biggest export species …, with India and China its main customers": the subject's
        if ranked and (cue.start < ranked_end or _ITS_ROLE.search(sm.text, max(0, cue.start - 30), cue.start)):
            yield ranked
        # "exports of pears", "the top buyer of Tunisian oil", "the largest market for Egyptian tiles"
        # ("the movement of …", "flows of …": a cue that holds its own "of")
        of_at = cue.end - 3 if cue.form.endswith(" of") else cue.end
        yield goods_after_of(sm, of_at, region[1], role=cue.kind in ("buyer_noun", "supplier_noun"))
        before = goods_before_list(sm, cue.start, clause[0])  # "olive oil exports", "grape and avocado exports"
        # "the favourite destination", "the preferred market": before a role noun only known goods
        yield before if before and (before[-1].hs or cue.kind not in ("buyer_noun", "supplier_noun")) else []
        yield goods_after_copula(sm, cue.end, region[1])  # "main imports from Thailand include vehicles, …"
        yield goods_of_share_subject(sm, cue.start, clause[0])  # "Rice and meat make up most of its exports"
    elif cue.kind != "motion" and (not figures or figures[0].start > cue.end + 3):
        if cue.form in ("import", "export"):  # "Fuel was the main import": the word a noun here
            ranked, ranked_end = ranked_item_subject(sm, clause[0], clause[1])
            if ranked and cue.start < ranked_end:
                yield ranked
        supplied = _SUPPLIED_WITH.match(sm.text, cue.end, region[1])  # "supplies India with copper and fishmeal"
        if supplied:
            yield read_phrase_list(sm, supplied.end(), region[1])
        receiver = next((c for c in sm.countries if c.form == "name"
                         and _FIRST_OBJECT.fullmatch(sm.text, cue.end, c.start)
                         and re.match(r" [a-z]", sm.text[c.end:c.end + 2])), None)
        if receiver is not None and cue.form.startswith(("sell", "sold", "ship", "sen", "suppl")):
            yield read_phrase_list(sm, receiver.end, region[1])  # "the Dutch sell Kenya machinery and vehicles"
        its_imports = _ITS_IMPORTS_OF.match(sm.text, cue.end, region[1]) \
            or _THE_PLACES_GOODS.match(sm.text, cue.end, region[1])
        if its_imports:  # "Russia and Kazakhstan supply most of its imports of fertilisers", "… of the island's fish"
            yield read_phrase_list(sm, its_imports.end(), region[1])
        if cue.form.endswith(("ed", "sold", "sent")):
            yield ranked_subject(sm, clause[0], cue.start)  # "A and B were the main goods sold to Finland"
            general = _GENERAL_GOODS_BEFORE.search(sm.text, clause[0], cue.start)
            if general:  # "Iranian goods sold to Afghanistan … consisted mainly of fuel, steel and cement"
                yield goods_after_copula(sm, general.start(), clause[1])
        if cue.form.endswith("ed"):
            yield _participle_head(sm, cue, clause)  # "Mexican fresh produce trucked to Canada …"
        if cue.form.endswith(("ed", "sold", "sent")):
            yield _passive_subject(sm, cue, clause)  # "Khat, which is banned in several markets, is sold to …"
        yield read_phrase_list(sm, cue.end, region[1])  # "shipped boulders to", "sold tea and coffee to"
    if cue.kind == "motion":
        yield _motion_subject(sm, cue, clause)  # "chacha went mainly to Russia", "Lithuanian goods went to"
    yield _goods_worth_subject(sm, cue, clause)  # "Goods worth $13.8 million were shipped from A to B"
    for f in figures:
        yield goods_of_figure(sm, f.amount.start, f.amount.end, region[1])  # "5,000 tonnes of maize"
    if cue.kind in _AGGREGATES and figures:
        return  # "Ukrainian exports to Turkey were worth $4.1bn": the story's goods, not a term further on
    # "…, as more mills switch to Kazakh grain instead of flour": a reason given after the figures names no goods
    reason = _REASON_AFTER.search(sm.text, max(cue.end, figures[-1].end if figures else cue.end), region[1])
    hi = reason.start() if reason else region[1]
    term = nearest_term(sm, region[0], hi, cue.end) or nearest_term(sm, clause[0], min(clause[1], hi), cue.start)
    yield _listed_with(sm, term, region) if term else []


_PASSIVE_AUX = re.compile(r"\s+(?:is|are|was|were)\s+(?:(?:also|now|still|" + MOSTLY + r")\s+)?$")
_WHICH_ASIDE_ENDS = re.compile(r",\s+(?:which|that)\b[^,;]{1,80},\s*$")


def _passive_subject(sm: SentenceMentions, cue: Cue, clause: tuple[int, int]) -> list[Goods]:
    """The goods a passive trade verb's subject names ("Khat is sold mainly to Somalia"), past an aside on them
    (", which is banned in several markets,")."""
    aux = _PASSIVE_AUX.search(sm.text, clause[0], cue.start)
    if aux is None:
        return []
    end = aux.start()
    aside = _WHICH_ASIDE_ENDS.search(sm.text, clause[0], end)
    end = aside.start() if aside else end
    found = _motion_subject(sm, Cue(end, end, cue.form, cue.kind), clause)
    word = _ONE_WORD_SUBJECT.fullmatch(sm.text, clause[0], end) if not found and aside else None
    if word and not sm.countries_in(word.start(1), word.end(1)) and plausible_goods([word[1].lower()]):
        # "Frankincense, which is harvested from wild trees, is sold to …": a passive's subject is no company
        found = [Goods(word[1].lower(), goods_hs(word[1]), False, word.start(1), word.end(1))]
    return found


def _goods_worth_subject(sm: SentenceMentions, cue: Cue, clause: tuple[int, int]) -> list[Goods]:
    """"Goods worth $13.8 million were shipped from A to B": a passive whose subject is the trade as a whole."""
    aux = _PASSIVE_AUX.search(sm.text, clause[0], cue.start) if cue.form.endswith("ed") else None
    whole = _GOODS_WORTH_SUBJECT.fullmatch(sm.text, clause[0], aux.start()) if aux else None
    return [Goods("goods", None, False, whole.start("goods"), whole.end("goods"))] if whole else []


_GOODS_WORTH_SUBJECT = re.compile(r"\W*(?:(?:[A-Z][\w\s]{0,40}?\s)?(?:show|shows|showed|said|says)\s+(?:that\s+)?)?"
                                  r"(?:[Tt]he\s+)?(?P<goods>[Gg]oods|[Pp]roducts|[Mm]erchandise|[Cc]ommodities)\s+"
                                  r"(?:worth|valued\s+at)\s+[^,;]{1,60}?")
_ONE_WORD_SUBJECT = re.compile(r"\W*([A-Z][a-z]{2,})\s*")


_ITS_ROLE = re.compile(r"\b(?:its|their)\s+(?:[\w-]+\s+){0,2}$")
_REASON_AFTER = re.compile(r",\s*(?:as|because|since|due\s+to|owing\s+to|amid|thanks\s+to)\s")


_FIRST_OBJECT = re.compile(r"\s+(?:the\s+)?")
_CONTRAST_LEAD = re.compile(r",?\s*(?:while|whereas|and|but)\s+[a-z]")
# "Along the corridor, Nigerian cement … travel to …": an opening adverbial is no part of the subject
_SUBJECT_LEAD = re.compile(r"\W*(?:(?:Along|At|In|On|Through|Across|Via|From|Over|Under|Every|Each|Today|Now|Daily|"
                           r"Meanwhile|Similarly|Likewise)\b[^,;]{0,50},\s+)?(?:(?:while|whereas|and|but)\s+)?"
                           # "above 75% of textile goods are exported to …": the part, then the goods
                           r"(?:" + APPROX + r"\d[\d.,]*\s*(?:%|per\s*cent|percent)\s+of\s+"
                           r"(?:(?:the|all|its|their)\s+)?)?")
# ", the kingdom's biggest farm export,": an appositive between the goods and their verb
_SUBJECT_ASIDE = re.compile(r"\s*,\s+(?:the|its|their|a|an)\s+[^,;()]{3,50},")
_SUBJECT_END = re.compile(r"(?:\s*,\s+(?:the|its|their|a|an)\s+[^,;()]{3,50},)?"
                          r"(?:\s+(?:also|then|" + MOSTLY + r"|already|now|still|regularly|"
                          r"routinely|usually|often|daily))*"
                          # "Georgian goods worth USD 142 mln went to …": their figure, between
                          r"(?:\s+(?:worth|valued\s+at)\s+(?:[^,;.]|\.(?=\d)){1,30}?)?"
                          # "… foodstuffs shipped through the port of Aqaba enter Iraq": the way they came, between
                          r"(?:\s+(?:shipped|trucked|carried|brought|sent|transported|moved|routed)\s+"
                          r"(?:through|via|across)\s+[^,;.]{1,40}?)?\s*")
# "Goods of Lithuanian origin went …", "Lithuanian goods went …": the general word, named as written
# ("most goods", "Most imported goods": how many and which way, not what)
_GENERAL_SUBJECT = re.compile(r"(?:(?:most|many|all|some|the)\s+)?(?:(?:imported|exported|incoming|outgoing)\s+)?"
                              r"(?P<name>(?:[A-Za-z][\w-]*\s+)?(?:goods|products|merchandise)"
                              r"(?:\s+of\s+[A-Z][\w-]*\s+origin)?)", re.I)


def _a_post(name: str) -> bool:
    """"the minister went to China": a post's holder, no goods."""
    heads = _post_heads()
    return name.lower().split()[-1] in heads or name.lower() in heads


@cache
def _post_heads() -> frozenset[str]:
    return frozenset(str(h).lower() for h in gazetteer.titles().get("heads", []))


_PHRASE_OPENS = re.compile(r"(?:^|\b(?:that|while|whereas|but|of|with)\s+|[,;:(]\s*)")


def _participle_head(sm: SentenceMentions, cue: Cue, clause: tuple[int, int]) -> list[Goods]:
    """"Mexican fresh produce trucked to Canada still faces inspections": the goods a reduced relative clause
    (a participle right after its noun) moves."""
    s = sm.text
    before = s[max(clause[0], cue.start - 60):cue.start]
    if not before.endswith(" ") or re.search(r"\b(?:was|were|is|are|be|been|being|has|have|had|it|they)\s+$", before):
        return []
    opens = [m.end() for m in _PHRASE_OPENS.finditer(s, max(clause[0], cue.start - 60), cue.start)]
    start = opens[-1] if opens else clause[0]
    found = read_phrase_list(sm, start, cue.start)
    if found and re.fullmatch(r"\s*", s[found[-1].end:cue.start]) and all(clean_goods(g) for g in found) \
            and all(g.hs or (" " in g.name and g.name == g.name.lower()) for g in found) \
            and not any(fold(g.name) in lexicon().general_goods for g in found):  # not "goods purchased from X"
        return found
    if len(found) == 1 and fold(found[0].name) in lexicon().general_goods and _BY_A_COUNTRY.match(s, cue.end) \
            and re.fullmatch(r"\s*", s[found[-1].end:cue.start]):
        return [Goods("goods", None, weak=True)]  # "Kazakh goods imported by Tajikistan rose to $1.18bn": all goods
    return []


_BY_A_COUNTRY = re.compile(r"\s+by\s+(?:the\s+)?[A-Z]")


def _origin_goods_enter(sm: SentenceMentions, cue: Cue, clause: tuple[int, int]) -> bool:
    """"Egyptian foodstuffs and building materials enter Iraq": goods the data does not know, named with their
    origin, reaching a place (not "delegations enter Iraq", nor "the minister went to China")."""
    if cue.form not in lexicon().place_only:
        return False
    goods = _motion_subject(sm, cue, clause)
    return bool(goods) and any(c.form == "adjective" and goods[0].start - 12 <= c.start < goods[0].start + 1
                               for c in sm.countries_in(clause[0], cue.start))


def _owned_goods_move(sm: SentenceMentions, cue: Cue, clause: tuple[int, int]) -> bool:
    """"Tonga's squash goes mainly to Japan": goods the data does not know, owned by the country that grows them
    (not "Tonga's minister went to Japan")."""
    goods = _motion_subject(sm, cue, clause)
    return bool(goods) and not any(_a_post(g.name) for g in goods) and any(
        c.form in ("name", "capital") and _POSSESSIVE_RIGHT_BEFORE.fullmatch(sm.text, c.end, goods[0].start)
        for c in sm.countries_in(clause[0], cue.start))


_POSSESSIVE_RIGHT_BEFORE = re.compile(r"['’]s?\s+")


def _antecedent_goods(sm: SentenceMentions, floor: int, end: int) -> list[Goods]:
    """The goods list a relative clause's "which" stands for: the longest list of clean goods ending right before
    its comma, read from a word start at most eight words back (after "of", "the", an origin adjective)."""
    starts = [m.start() for m in re.finditer(r"(?<![\w'’-])\w", sm.text[floor:end])][-8:]
    for pos in (floor + p for p in starts):
        found = read_phrase_list(sm, pos, end)
        if found and found[-1].end >= end - 1 and sm.text[pos:found[0].start].strip().lower() in _LEADS:
            named = [part for g in found for part in _plural_parts(sm, g)]
            if all(clean_goods(g) for g in named):
                return named
    return []


_LEADS = frozenset(("", "the", "of", "of the"))
_WHICH_RIGHT_BEFORE = re.compile(r",\s+(?:which|that)\s+(?:(?:also|now|then|usually|" + MOSTLY + r")\s+)?$")


def _motion_subject(sm: SentenceMentions, cue: Cue, clause: tuple[int, int]) -> list[Goods]:
    """The goods a motion verb's subject names, when the subject is goods and nothing else."""
    s = sm.text
    lead = _SUBJECT_LEAD.match(s, clause[0], cue.start)
    start = lead.end() if lead else clause[0]
    # "… is trucked into Jordan and Egyptian foodstuffs … enter Iraq": the subject after the clause before's own
    # trade word (not "Nigerian cement and Ghanaian cocoa products travel to …", one subject of two goods)
    joined = [m.end() for m in _ANOTHER_ORIGIN.finditer(s, start, cue.start)
              if any(start <= c.start < m.start() for c in sm.cues)]
    start = joined[-1] if joined else start
    general = _GENERAL_SUBJECT.match(s, start, cue.start)
    if general and _SUBJECT_END.fullmatch(s, general.end(), cue.start):
        name = general["name"]
        words = name.split()
        if gazetteer.country_forms().get(words[0]) is not None:
            name = " ".join(words[1:])  # "Lithuanian goods": the origin is read by the roles
        name = name[:1].lower() + name[1:]  # "Goods of Lithuanian origin" opening a sentence
        return [Goods(name, None, False, general.start(), general.end())]
    which = _WHICH_RIGHT_BEFORE.search(s, start, cue.start)
    if which is not None:  # "the clearance of Thai sugar and building materials, which reach Myanmar …"
        named = _antecedent_goods(sm, start, which.start())
        if named:
            return named
    aside = _SUBJECT_ASIDE.search(s, start, cue.start)  # "squash, the kingdom's biggest farm export, goes"
    found = read_phrase_list(sm, start, aside.start() if aside else cue.start)
    if found and _SUBJECT_END.fullmatch(s, found[-1].end, cue.start):
        parts = [part for g in found for part in _plural_parts(sm, g)]
        if all(clean_goods(g) for g in parts):
            # "Trucks crossing into China are disinfected": vehicles move the goods, they are not the goods
            return [g for g in parts if g.name.split()[-1].lower() not in lexicon().carriers]
    return []


def _plural_parts(sm: SentenceMentions, g: Goods) -> list[Goods]:
    """"foodstuffs and building materials": two plural nouns the data does not know are two goods."""
    if g.hs or " and " not in g.name or g.start < 0:
        return [g]
    parts = read_phrase_list(sm, g.start, g.end, pairs=False)
    plural = len(parts) == 2 and all(not p.hs and p.name.endswith("s") and clean_goods(p) for p in parts)
    if plural:
        return parts
    # "Vietnamese rice and construction materials reach Cuba": with no figure for their total, two goods
    return unpaired(sm, g) if not any(a.kind in ("quantity", "money") for a in sm.amounts) else [g]
_SUPPLIED_WITH = re.compile(r"\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s+with\s+")
_LED_BY_ASIDE = re.compile(r",\s+(?:led\s+by|including|notably|" + MOSTLY + r")\s+", re.I)
_INCLUDING = re.compile(r"(?:[^.;:]|\.(?=\d)){0,70}?\b(?:including|such\s+as|namely|notably|especially|" + MOSTLY + r"|"
                        r"in\s+particular|particularly|"
                        r"(?:most|much|the\s+bulk|nearly\s+all|almost\s+all)\s+of\s+(?:it|which)|"
                        r"led\s+by|headed\s+by|dominated\s+by|"
                        # "increased to $1.62 billion in October, helped by iron ore and marine products"
                        r"(?:helped|driven|boosted|lifted|supported|underpinned|buoyed)\s+(?:" + MOSTLY
                        + r"\s+)?by)\s+",
                        re.I)


def _included(sm: SentenceMentions, goods: list[Goods], region: tuple[int, int]) -> list[Goods]:
    """"other minerals, including zinc ore and lead ore", "$3.2bn of goods, mainly crude oil and iron ore":
    the goods a list breaks the whole into."""
    if len(goods) != 1 or goods[0].end < 0:
        return []
    m = _INCLUDING.match(sm.text, goods[0].end, region[1])
    return _parts_after(sm, m, region[1]) if m else []


_DRIVEN_BY = re.compile(r",?\s+(?:driven|led|boosted|helped|lifted|buoyed)\s+(?:" + MOSTLY + r"\s+)?by\s+", re.I)
_HELPED_BY = re.compile(r"(?:helped|driven|boosted|lifted|supported|underpinned|buoyed)\b", re.I)


def _parts_after(sm: SentenceMentions, m: re.Match[str], limit: int) -> list[Goods]:
    """The goods a list after "including", "led by" names; after "helped by" (a cause) only goods the data knows
    ("helped by iron ore", not "helped by a shorter cold-treatment protocol")."""
    found = read_phrase_list(sm, m.end(), limit, pairs=False)
    return [g for g in found if g.hs] if _HELPED_BY.search(m.group(0)) else found


_GENERIC = frozenset(("product", "products", "commodity", "commodities", "item", "items", "crop", "crops", "harvest"))


def _the_story_goods(rd: Reading, g: Goods) -> Goods:
    """"China's third-largest supplier of the product" in a story of beef: the story's goods."""
    story = rd.frame.goods
    if g.name.lower() in _GENERIC and story is not None and story.name != "goods":
        return Goods(story.name, story.hs, g.weak, g.start, g.end, g.definite)
    return g


def _referent(sm: SentenceMentions, g: Goods) -> Goods:
    """"the nuts", "its products": the goods named before in the sentence, when there are any."""
    return (antecedent(sm, g) or g) if g.definite else g


_AGGREGATES = frozenset(("export_noun", "import_noun"))
_TRADE_AS_A_WHOLE = frozenset(("exports", "imports", "purchases", "sales", "shipments", "overseas sales",
                               "foreign sales", "export sales", "inbound shipments", "outbound shipments"))
_LIST_LEAD = re.compile(r"\b(?:such\s+as|including|namely|like|notably|especially|(?:consist(?:ed|ing|s)?\s+|"
                        r"made\s+up\s+)?" + MOSTLY + r"?\s*of|comprising|" + MOSTLY + r"|"
                        r"(?:led|dominated|headed)\s+by)\s+$", re.I)  # "Imports from China were led by A, B and C"


def _listed_with(sm: SentenceMentions, term: Goods, region: tuple[int, int]) -> list[Goods]:
    """"goods China sells to Mauritius, such as steel products, textiles and …": the whole list a term opens."""
    if _LIST_LEAD.search(sm.text[max(region[0], term.start - 25):term.start]):
        listed = read_phrase_list(sm, term.start, region[1], pairs=False)
        if listed:
            return listed
    return [_before_cue(sm, g) for g in list_around(sm, term, region[0], region[1])] or [term]


def _before_cue(sm: SentenceMentions, g: Goods) -> Goods:
    """"kava and other Vanuatu goods enter Fiji": a phrase read up to a trade word ends before it."""
    cut = next((c.start for c in sm.cues if g.start < c.start < g.end), None)
    if cut is None:
        return g
    name = g.name[:max(0, len(g.name) - (g.end - cut))].rstrip()
    return replace(g, name=name, end=cut) if name else g


def _unwrapped(sm: SentenceMentions, g: Goods, region: tuple[int, int]) -> Goods:
    """"its first cargo of LNG": the goods are what the container word holds."""
    head = g.name.split()[-1].lower()
    if head in _CONTAINERS and g.end > 0:
        inner = goods_after_of(sm, g.end, region[1])
        if inner:
            return inner[0]
    return g


def _goods_of(frame: _Frame, figure: Figure | None) -> list[Goods]:
    """A figure's own goods ("$80m of copper and $25m of wine"), else the frame's; a figure over several
    goods is their total, given to none."""
    if figure is not None:
        # (not "$9.4 billion of exports": the trade word after a figure names no goods)
        own = [g for g in goods_of_figure(frame.sm, figure.amount.start, figure.amount.end, frame.region[1])
               if not _on_cue(frame.sm, g.start)]
        if own and all(g.name.split()[-1].lower() in lexicon().carriers
                       and (not g.hs or frame.cue.kind == "motion") for g in own):
            return []  # "61,000 trucks have crossed into Iraq": vehicles counted, not goods
        if len(own) > 1:
            return []  # "5,000 tonnes of wheat and barley": the figure is their total
        if own:
            return [_referent(frame.sm, _unwrapped(frame.sm, own[0], frame.region))]
        ranked = _goods_ranked_with(frame, figure)
        if ranked is not None:
            return [ranked]
        if len(frame.goods) > 1:
            return []
    goods = frame.goods
    # a frame with neither figure nor ranking moves the story's goods only when it points back to them; a figure
    # shared by several partners ("Exports to A and B reached 3,200 t") still tells that the goods went to each
    if figure is None and not frame.figures and not any(p.how == "ranked" for p in frame.parties) \
            and not _moved_somewhere(frame) and not _partner_changed(frame):
        # ("bought more as well", "took less": more or less of the goods told, a change of their figure left out)
        back = _BACK_REFERENCE.search(frame.sm.text) or _MORE_OR_LESS_TAKEN.match(frame.sm.text, frame.cue.end) \
            or _PART_OF_IT.search(frame.sm.text)
        goods = [g for g in goods if not g.weak or back]
    return goods


_MORE_OR_LESS_TAKEN = re.compile(r"\s+(?:[a-z]+ly\s+)?(?:more|less|fewer)(?:\s+(?:as\s+well|too|also))?\s*(?:[,.;]|$)")


def _partner_changed(frame: _Frame) -> bool:
    """"Purchases declined from the US (-11.4 percent)": a partner's own change tells that trade with it went on."""
    return any(p.how in ("from", "to") and OWN_CHANGE.match(frame.sm.text, p.end) for p in frame.parties)


def _moved_somewhere(frame: _Frame) -> bool:
    """A frame that names where goods went or who received them ("deliveries were carried out to Iran", "Nigeria
    also received shipments"): the story's goods moved, figure or not."""
    destination = any(p.how == "to" for p in frame.parties)
    if destination and frame.cue.kind == "export_verb" and _SOLD_TO.match(frame.sm.text, frame.cue.end) \
            and not _GOODS_RELATIVE.search(frame.sm.text, max(0, frame.cue.start - 40), frame.cue.start) and (
            any(p.how == "subject" for p in frame.parties)
            or _PRONOUN_ACTS.search(frame.sm.text, max(0, frame.cue.start - 30), frame.cue.start)):
        return True  # "we have sold to New Zealand and Japan": whatever the country sells went there
    receiver = frame.cue.kind == "import_verb" and any(p.how == "subject" for p in frame.parties) \
        and bool(_CONSIGNMENTS.search(frame.sm.text, frame.cue.end, frame.clause[1]))
    return (destination and frame.cue.kind == "export_noun") or receiver


_LOADS = frozenset(("cargo", "cargoes", "cargos", "shipment", "shipments", "consignment", "consignments", "vessel",
                    "vessels", "ship", "ships", "truck", "trucks", "container", "containers"))
_WE_BEFORE = re.compile(r"\b[Ww]e\s+(?:[a-z]+\s+){0,2}$")
_PRONOUN_ACTS = re.compile(r"\b(?:we|they|it)\s+(?:[a-z]+\s+){0,2}$", re.I)
# "for goods they export to Korea": the goods' relative clause, what may be sold, no flow told
_GOODS_RELATIVE = re.compile(r"\b(?:goods|products|items|cargo|merchandise|produce)\s+(?:that\s+|which\s+)?"
                             r"(?:we|they|it|[A-Z][\w-]*)\s+(?:[a-z]+\s+){0,2}$")
# "we have sold to …", "Kenya exported to …": someone named sells (not "goods shipped to the other country")
_ACTOR_BEFORE = re.compile(r"(?:\b(?:[Ww]e|[Tt]hey|[Ii]t)|[A-Z][\w'’.-]+)\s+(?:[a-z]+\s+){0,2}$")
_SOLD_TO = re.compile(r"\s+(?:(?:also|" + MOSTLY + r")\s+)?(?:to|into)\s")
_CONSIGNMENTS = re.compile(r"\b(?:shipments|cargoes|consignments|deliveries|supplies)\b")


def _goods_sharing(frame: _Frame, figure: Figure) -> list[Goods]:
    """The goods a figure is the total of: its own list ("5,000 tonnes of wheat and barley"), else the frame's."""
    own = goods_of_figure(frame.sm, figure.amount.start, figure.amount.end, frame.region[1])
    listed = own if len(own) > 1 else frame.goods if len(frame.goods) > 1 else []
    return [_referent(frame.sm, g) for g in listed]


_ALONG_WITH = re.compile(r",?\s+(?:along|together)\s+with\s+")


def _moved_alongside(frame: _Frame, goods: Goods) -> list[Goods]:
    """Goods moved beside the frame's own without a figure of their own: those named right after them with "along
    with" or "together with", and those a cargo is "mainly" made of."""
    if goods.end < 0:
        return []
    m = _ALONG_WITH.match(frame.sm.text, goods.end, frame.region[1])
    if m is None and goods.name.lower().split()[-1] in _CARGO_WORDS:
        # "184 containers of export cargo, mainly raw jute and tea": the cargo's goods, each moved, no figure each
        m = _MAINLY_AFTER.match(frame.sm.text, goods.end, frame.clause[1])
    return read_phrase_list(frame.sm, m.end(), frame.clause[1], pairs=False) if m else []


def _with_cargo_word(sm: SentenceMentions, g: Goods) -> Goods:
    """"184 containers of export cargo": the goods as the article names them, the cargo word (a trade cue) kept."""
    cargo = _CARGO_AFTER.match(sm.text, g.end) if g.end > 0 and g.name.lower() in ("export", "import") else None
    return replace(g, name=f"{g.name} {cargo[1]}", end=cargo.end()) if cargo else g


_CARGO_AFTER = re.compile(r"\s+(cargo|cargoes|freight)\b")
_CARGO_WORDS = frozenset(("cargo", "cargoes", "freight", "merchandise", "export"))  # ("goods, mainly …": read before)
_MAINLY_AFTER = re.compile(r"(?:\s+(?:cargo|cargoes|freight))?,\s+" + MOSTLY + r"\s+")


_SHARED_HEAD_NOUNS = frozenset(("products", "goods", "items", "produce", "commodities", "foodstuffs"))


def _named_together(sm: SentenceMentions, listed: list[Goods]) -> Goods | None:
    """"meat and dairy products worth $31 million": a one-word modifier and goods whose class noun it shares
    (meat products and dairy products) are one goods as written; other lists keep their total apart."""
    if len(listed) != 2:
        return None
    first, second = sorted(listed, key=lambda g: g.start)
    if first.start < 0 or len(first.name.split()) != 1 or second.name.split()[-1].lower() not in _SHARED_HEAD_NOUNS \
            or sm.text[first.end:second.start] != " and ":
        return None
    codes = first.hs or "", second.hs or ""
    hs = next((codes[0][:n] for n in (4, 2) if len(codes[0]) >= n and codes[1][:n] == codes[0][:n]), None)
    return Goods(sm.text[first.start:second.end], hs, False, first.start, second.end)


def _goods_ranked_with(frame: _Frame, figure: Figure) -> Goods | None:
    """"steel products were the biggest item, at $4.5bn, followed by crude oil, … $3.1bn": with several figures
    in a frame, each takes the goods named last before it (after the figure before)."""
    if len(frame.figures) < 2:
        return None
    i = frame.figures.index(figure)
    lo = frame.figures[i - 1].end if i else frame.clause[0]
    before = [t for t in frame.sm.terms_in(lo, figure.start) if not _on_cue(frame.sm, t.start)
              and not in_aside(frame.sm.text, t.start, frame.clause)]
    if not before:
        return None
    ranked = term_goods(frame.sm.text, before[-1], lo)
    story = frame.goods[0] if len(frame.goods) == 1 else None
    if story is not None and ranked.hs and story.hs and story.hs != ranked.hs and story.hs.startswith(ranked.hs):
        return story  # "Most of the grain went to …, chiefly A (1.9 million tons), B (…)": the wheat told before
    return ranked


def _on_cue(sm: SentenceMentions, pos: int) -> bool:
    return any(c.start <= pos < c.end for c in sm.cues)


def _add(rd: Reading, frame: _Frame, goods: Goods, exporter: str, importer: str, figure: Figure | None,
         organisations: tuple[Organisation | None, Organisation | None], date: str | None = None,
         part: bool = False) -> None:
    s = frame.sm.text
    if figure is not None:
        per = figure.amount.per or rate_in(s[max(0, figure.start - 40):figure.end + 30])
        date = _figure_date(rd, figure)
        if figure.year_before and date is None:
            return  # a year before an unknown period: no flow to tell
        told = _other_measure(rd, frame) if figure.date is None else None
        if told is not None and (told.exporter, told.importer) == (exporter, importer):
            date = told.date  # the other measure of a flow told before: its period
    else:
        per, date = None, date or _figureless_date(rd, frame)
    date = _so_far(rd, s, frame.cue.end, date) if frame.cue.kind in ("buyer_noun", "supplier_noun") else date
    seller, buyer = (_on_side(rd, org, code) for org, code in zip(organisations, (exporter, importer), strict=True))
    goods = _qualified_whole(frame, _the_story_goods(rd, rd.frame.specific(_in_full(rd, goods, s))))
    rd.drafts.append(Draft(goods, exporter, importer, figure.amount if figure else None,
                           figure.money if figure else None, date, per, seller, frame.sm.sentence, buyer, part))
    rd.frame.exporters_seen[exporter] += 1
    if importer == rd.frame.home:
        rd.frame.supplied_home[exporter] += 1


def _class_member_before(rd: Reading, sm: SentenceMentions, g: Goods, noun: str, across: tuple[str, ...]
                         ) -> Goods | None:
    """"Frozen shrimps and prawns added ₦2.3 billion to the bill. Most of the seafood went to …": a class noun
    names the goods of its chapter the sentence or two before named, even where no trade word moved them."""
    if noun.removesuffix("s") not in lexicon().class_nouns or not (g.hs or across) \
            or not _DETERMINER_RIGHT_BEFORE.search(sm.text, max(0, g.start - 8), g.start):
        return None  # (not "bought the most Dominican fruit": the country's fruit as a whole)
    before = rd.ctx.document.text[max(0, sm.sentence.start - _CONTINUATION_GAP):sm.sentence.start]
    terms = find_commodities(before)
    for i in range(len(terms) - 1, -1, -1):
        hs = terms[i].hs or ""
        if len(hs) > 2 and (hs[:2] == (g.hs or "")[:2] or any(hs.startswith(h) for h in across)):
            first = i  # "shrimps and prawns": the goods named together, one pair
            while first and _JOINED.fullmatch(before, terms[first - 1].end, terms[first].start) \
                    and (terms[first - 1].hs or "")[:2] == hs[:2]:
                first -= 1
            named = term_goods(before, terms[first])
            name = before[named.start:terms[i].end].lower() if first < i else named.name
            shared = hs[:4]  # the heading the pair shares, else its chapter
            while not all((t.hs or "").startswith(shared) for t in terms[first:i]):
                shared = shared[:2]
            return Goods(name, named.hs if first == i else shared, g.weak, g.start, g.end, g.definite)
    return None


_DETERMINER_RIGHT_BEFORE = re.compile(r"\b(?:the|this|these|those|its|their)\s+$", re.I)
_JOINED = re.compile(r"\s*(?:,\s*|\s(?:and|&)\s+)\s*")


_NON_OIL_BEFORE = re.compile(r"\bnon-?oil\s+$", re.I)
_NON_OIL_TOLD = re.compile(r"\bnon-?oil\s+(?:exports|imports|trade|re-exports)\b[^;]*?\b(?:while|and|but)\b", re.I)


def _qualified_whole(frame: _Frame, goods: Goods) -> Goods:
    """"Non-oil exports to India", "Re-exports to the UAE": all goods but for what the trade word leaves out or
    re-exports, named so ("non-oil goods", "re-exported goods")."""
    if goods.name != "goods":
        return goods
    s, cue = frame.sm.text, frame.cue
    if _NON_OIL_BEFORE.search(s, max(0, cue.start - 10), cue.start) or _NON_OIL_TOLD.search(s, 0, cue.start):
        return Goods("non-oil goods", None, goods.weak, goods.start, goods.end)
    if cue.form in ("re-exports", "re-export"):
        return Goods("re-exported goods", None, goods.weak, goods.start, goods.end)
    return goods


def _told_before(rd: Reading, sm: SentenceMentions, g: Goods) -> Goods:
    """"Shipments of the metal" after "a key buyer of Peruvian gold": a general noun with "the" names the goods
    told a sentence or two before."""
    if not g.definite or " " in g.name:
        return g
    told = rd.named_goods[1][0] if rd.named_goods[1] else None
    noun = fold(g.name)
    across = lexicon().class_nouns_across.get(noun.removesuffix("s"), ())
    told_hs = told.hs if told is not None and told.hs else ""
    names_told = bool(told_hs) and (
        (bool(g.hs) and told_hs[:2] == g.hs[:2] and noun in lexicon().class_nouns)
        or any(told_hs.startswith(h) for h in across))  # "the bean" after coffee
    if g.hs and len(g.hs) > 2 and not names_told:
        return g  # "the nut" after cashew kernels, but not "the apples" after cherries
    if not names_told and (earlier := _class_member_before(rd, sm, g, noun, across)) is not None:
        return earlier
    gap = sm.sentence.start - rd.named_goods[0]
    # a sentence or two before, or earlier in this one ("shipped cherries to Korea and remains the largest supplier
    # of the fruit to China")
    if told is None or not (0 < gap <= _CONTINUATION_GAP + 200 or (gap == 0 and told.end <= g.start)):
        return g
    return Goods(told.name, told.hs, g.weak, g.start, g.end, g.definite) if told.hs and not told.weak else g


def _one_term(name: str) -> bool:
    """A name the commodity data knows whole ("cocoa beans"), not a term with modifiers ("young coconuts")."""
    terms = find_commodities(name)
    return len(terms) == 1 and terms[0].start == 0 and terms[0].end == len(name)


def _in_full(rd: Reading, goods: Goods, text: str = "") -> Goods:
    """"Ghana's beans" after "312,400 tonnes of cocoa beans": the goods named in full before; not "Indian
    coffee" after "instant coffee", which names the whole trade."""
    full = rd.named_in_full.get(goods.name) if " " not in goods.name else None
    if full is not None and text and goods.start > 0 and _ORIGIN_BEFORE.search(text, max(0, goods.start - 30),
                                                                            goods.start):
        return goods
    story = rd.frame.goods
    if full is not None and rd.frame.goods_told and story is not None and story.name == goods.name:
        return goods  # "coal customers" in a story headlined on coal, after "coking coal": all the coal
    return Goods(full.name, full.hs, goods.weak, goods.start, goods.end, goods.definite) if full else goods


# "the top buyers of Indian coffee": an origin before the goods
_ORIGIN_BEFORE = re.compile(r"\b(?:of|for)\s+(?:the\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+$")


_THIS_YEAR = re.compile(r"\b(?:this|the\s+current)\s+year\b", re.I)


def _so_far(rd: Reading, text: str, cue_end: int, date: str | None) -> str | None:
    """"The largest importer this year has been Iraq" in a story of January–October figures: the ranking is of the
    months told so far, not of the whole year."""
    period = rd.frame.period
    if date and period and len(date) == 4 and period.startswith(f"{date}-01/{date}-") \
            and _THIS_YEAR.search(text, cue_end, cue_end + 40):
        return period
    return date


def _figure_date(rd: Reading, figure: Figure) -> str | None:
    if figure.year_before:  # "up from $1.71bn a year earlier" in a story of September 2025: September 2024
        period = rd.frame.period
        return years_moved(period, -1) if period else None
    if figure.refers in ("ytd", "period") or (figure.refers and figure.date is None):
        return _referred_period(rd, figure.refers) or (figure.date.value if figure.date else None)
    if figure.date is not None and _within_year(rd.frame.period, figure.date.value):
        # "In 2025 Kyrgyzstan started selling dried fruits to Germany (8.2 tonnes)" in a story of January to
        # November 2025: the months the story counts, named by their year
        return rd.frame.period
    return figure.date.value if figure.date is not None else (rd.frame.period or _headline_year(rd))


def _months_of_the_year(rd: Reading, sm: SentenceMentions) -> DateMention | None:
    """"… this year. Up to the end of November, shipments totalled 43,215 tons": months of the year the story told
    as its period, named by a later sentence."""
    period = rd.frame.period
    if not period or len(period) != 4 or not _MONTH_WORD.search(sm.text):
        return None
    return next((d for d in sm.dates() if _within_year(d.value, period)), None)


# a word that may name months of a year (a cheap test before reading the sentence's dates)
_MONTH_WORD = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|months?|quarter|half|semester)")


def _within_year(period: str | None, year: str) -> bool:
    """A span of months inside one calendar year, and that year written bare."""
    if not period or len(year) != 4 or not year.isdigit():
        return False
    start, _, end = period.partition("/")
    return bool(end) and len(start) == 7 and len(end) == 7 and start[:4] == end[:4] == year


def _headline_year(rd: Reading) -> str | None:
    """"Paraguay exports 361,000 tons of beef in 2025", "Copra and cocoa exports climb in first quarter of 2026":
    the year or span of months a headline names dates a story that names none."""
    told = rd.frame.told_period
    if told is None or not _reported(rd, told):
        return None
    title = rd.ctx.document.title or ""
    if len(told) == 4:
        return told if told in title else None
    return told if "/" in told and told in rd.frame.title_periods else None


def _referred_period(rd: Reading, refers: str) -> str | None:
    """The story's period a figure points at: "year to date" runs from January to the month the story reports,
    "for the month" is that month, "over the period" the period told last."""
    period, told = rd.frame.period, rd.frame.told_period
    month = next((p for p in (period, told) if p and len(p) == 7), None)
    if refers == "ytd":
        if period and re.fullmatch(r"\d{4}-01/\d{4}-\d\d", period):
            return period
        return f"{month[:4]}-01/{month}" if month else period
    if refers == "month":
        return month or period
    if refers == "quarter":  # the calendar quarter the month told falls in
        if month is None or period != month:
            return period if period and "/" in period else None
        first = (int(month[5:]) - 1) // 3 * 3 + 1
        return f"{month[:4]}-{first:02d}/{month[:4]}-{first + 2:02d}"
    return rd.frame.span or period  # "advanced 12.4 percent for the period": the span told last


def _figureless_date(rd: Reading, frame: _Frame) -> str | None:
    concession = _CONCESSION.search(frame.sm.text, frame.cue.end)
    # "…, which Egas awarded to traders in September", "…, after India granted access last year": a clause
    # after the cue tells another event
    aside = _WHICH_AFTER.search(frame.sm.text, frame.cue.end)
    dates = [d for d in frame.sm.dates() if (concession is None or d.start < concession.start())
             and (aside is None or d.start < aside.start()) and not _day_of_telling(frame.sm, d)
             and not (_COMPARED_WITH.search(frame.sm.text, max(0, d.start - 30), d.start)
                      and not _N_MONTHS.match(frame.sm.text, d.start))
             and not _EVENT_CLAUSE.search(frame.sm.text, max(0, d.start - 80), d.start)]
    if not dates:
        return rd.frame.period or _headline_year(rd)
    after = [d for d in dates if d.start >= frame.cue.end]
    return (after[0] if after else dates[-1]).value


# "rose 27.6 percent over the six months": the span the change is over, not the base it is compared with
_N_MONTHS = re.compile(r"(?:[a-z]+|\d{1,2})\s+months\b")
# "Asked about the imports while touring farms last week, the minister said …": the day of another doing
_EVENT_CLAUSE = re.compile(r"\b(?:while|when|after|before|during)\s+[a-z]+ing\b[^,;.]*$")
# "Sudan's share fell compared with last year, while shipments to Morocco picked up": the base of a comparison
_COMPARED_WITH = re.compile(r"\b(?:compared\s+(?:with|to)|than(?:\s+(?:in|during|for))?|versus|vs\.?|against|"
                            r"(?:up|down)\s+from|on\s+the\s+same\s+\w+\s+of)\s+(?:the\s+)?$"
                            # "rose 17 percent from the same period last year": the base of a change
                            r"|\d\s*(?:%|per\s*cent|percent)\s+(?:from|on|over)\s+(?:the\s+)?$", re.I)


_WHICH_AFTER = re.compile(r",\s+(?:which|who|whom|whose)\b|,\s+(?:after|before|since|when|as)\s+(?:the\s+)?"
                          r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?\s+[a-z]+(?:ed|s)\b")  # "…, after India granted …"


def _day_of_telling(sm: SentenceMentions, d: DateMention) -> bool:
    """The day a figure was told, or an agreement's step ("governed by the X Agreement, signed in 2019")."""
    return day_of_telling(sm.text, d) or bool(_AGREEMENT_STEP.search(sm.text, max(0, d.start - 30), d.start))


_AGREEMENT_STEP = re.compile(r"\b(?:signed|ratified|took\s+effect|entered\s+into\s+force|came\s+into\s+force|"
                             r"concluded|effective)\s+(?:on\s+|in\s+|since\s+)?(?:the\s+)?$", re.I)


def _on_side(rd: Reading, org: Organisation | None, country: str) -> str | None:
    """An organisation's name, when its country (told or known) is the side's."""
    if org is None:
        return None
    known = org.country or company_country(rd.ctx, org.name)
    return org.name if known in (None, country) else None


def _organisations(rd: Reading, frame: _Frame) -> tuple[Organisation | None, Organisation | None]:
    """The exporting and importing organisations of a frame: its subject, its "by" agent, its "to" receiver."""
    s, cue = frame.sm.text, frame.cue
    agent, receiver = companies_after(rd.ctx, s, cue.end, frame.region[1])
    made = maker(s, frame.clause[0], frame.region[1])
    if cue.kind in ("buyer_noun", "supplier_noun"):
        # "Kilimanjaro Coffee Curers, a Tanzanian exporter, sent …": the company the apposition describes
        aside = re.match(r"\s*,\s*", s[cue.end:cue.end + 4])
        subject = subject_organisation(rd.ctx, s, frame.clause[0], cue.end + aside.end()) if aside else None
    else:
        subject = subject_organisation(rd.ctx, s, frame.clause[0], cue.start)
    if subject == "the company":  # "the company had also started supplies to Kenya": the company named last
        name = next((d.company for d in reversed(rd.drafts) if d.company), None) \
            or latest_company(rd.ctx, frame.sm.sentence.start)
        subject = Organisation(name, None) if name else None
    exporting = cue.kind in EXPORTING and subject_side(s, cue) == EXPORTER
    if exporting or cue.kind == "motion":
        seller = subject if isinstance(subject, Organisation) else agent
        return seller or (Organisation(made, None) if made else None), receiver
    buyer = subject if isinstance(subject, Organisation) else agent
    return (Organisation(made, None) if made else None), buyer


def _company(rd: Reading, frame: _Frame) -> str | None:
    """The exporting company a partnerless frame names, for the flow it lends to."""
    seller, _ = _organisations(rd, frame)
    return seller.name if seller is not None else None


# "raised its exports by 18 percent to 22.3 bcm", "exports reached $2bn": a level the whole trade rose or fell to,
# not a detail of one consignment told before.
_LEVEL = re.compile(r"(?:\b(?:rose|risen|raised|increased|grew|grown|jumped|climbed|fell|fallen|dropped|declined|"
                    r"decreased|surged|soared|slipped|edged\s+up|edged\s+down)\b[^.;]{0,40}?\bto|\breached|\bhit|"
                    r"\btopped|\btotall?ed|\bstood\s+at)\s+" + APPROX + "$")


def _a_level(s: str, figure: Figure) -> bool:
    return bool(_LEVEL.search(s[max(0, figure.start - 60):figure.start]))


# "shipped 4,000 tonnes to Europe": a destination kb cannot code is still a destination, not a flow told before.
_ELSEWHERE = re.compile(r"(?<!according\s)(?<!due\s)(?<!thanks\s)(?<!owing\s)(?<!compared\s)(?<!said\s)"
                        r"\b(?:to|into|for)\s+(?:the\s+)?(?!(?:[A-Z][\w-]*\s+){1,3}(?:country|nation|state|republic|"
                        r"kingdom|neighbou?r|market)\b)[A-Z][a-zA-Z]")


def _lend(rd: Reading, frame: _Frame, exporters: list[str]) -> None:
    """A frame with no partner gives its one figure, or its exporting company, to the latest flow of its goods."""
    figures = frame.figures if len(frame.figures) == 1 and not _a_level(frame.sm.text, frame.figures[0]) else []
    company = _company(rd, frame)
    if not rd.drafts or not (figures or company) or _to_the_world(frame.sm.text) \
            or _ELSEWHERE.search(frame.sm.text, frame.cue.end, frame.region[1]) \
            or _BROKEN_DOWN.match(frame.sm.text, frame.clause[1]):
        return
    keys = {g.key for g in frame.goods}
    dated = figures[0].date.value if figures and figures[0].date is not None else None
    for d in reversed(rd.drafts):
        if frame.sm.sentence.start - d.sentence.end > _CONTINUATION_GAP:
            return  # a flow told paragraphs before is not the one this figure counts
        if (exporters and d.exporter not in exporters) or (dated and d.date and dated != d.date):
            continue
        if d.sentence is frame.sm.sentence and figures:
            continue
        if keys and d.goods.key not in keys and not _BACK_REFERENCE.search(frame.sm.text):
            continue  # "the cargo was around 55,000 tonnes": the latest flow's, whatever the goods are called
        partners = {x.importer for x in rd.drafts if x.sentence is d.sentence and x.exporter == d.exporter}
        if figures and d.amount is None and len(partners) > 1:
            return  # "Kenya sells to A, B and C. The country shipped 94,300 tonnes": a total, not C's
        if figures and d.amount is None and not any(g.weak for g in frame.goods):
            d.amount, d.money = figures[0].amount, figures[0].money
            d.per = d.per or figures[0].amount.per
        elif figures and d.amount is not None and d.amount.kind == "quantity" and d.money is None \
                and figures[0].amount.kind == "money" and _BACK_REFERENCE.search(frame.sm.text):
            d.money = figures[0].amount  # "The consignment was worth $4.8 million"
        if company and d.company is None and company_country(rd.ctx, company) in (None, d.exporter):
            d.company = company
        return
