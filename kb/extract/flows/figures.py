"""A sentence's figures that can be flows, each with its money value and its date.

"12,000 tons of tea worth $5 million": the money is the quantity's value.
"520 million somoni (about $47.6 million)": the bracketed figure restates the first.
"rose to 5,000 tons from 4,000 tons": the figure compared with is no flow, unless it has a
date of its own ("compared with 8,000 tons in 2021"). A price ("$300 a tonne", "at prices
of $300"), a share ("a share of 28 percent") or a percentage is never a flow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from kb.extract.dates import DateMention, years_moved
from kb.extract.flows.goods import goods_hs
from kb.extract.flows.lexicon import lexicon
from kb.extract.flows.mentions import OF_THE_WHOLE, RELATIVE_ASIDE, SentenceMentions
from kb.extract.quantities import APPROX, FIGURE_START, Amount

_WORTH = re.compile(r"(?:(?:\bworth|\bvalued\s+at|\bwith\s+a\s+value\s+of|\bfor|\btotall?ing|\bamounting\s+to|"
                    r"\bat\s+a\s+value\s+of|\bearning|\bfetching|\bgenerating|\bbringing\s+in|\byielding|"
                    r"\bfor\s+which\s+(?:[a-z]+\s+){0,2}paid|,)\s+" + APPROX + r"\(?"
                    r"|^\s*\()$",  # "198.4 thousand m³ (EUR 54.3 million)": the value in brackets
                    re.I)
# "$1.04 billion (956 million euros)", "13.8 billion lek, or 127.6 million euros": the same sum in another currency
_CONVERSION = re.compile(r"^\s*(?:\(|,\s+or)\s*(?:about|around|some|nearly|roughly|approximately|or|equivalent\s+to|~)?"
                         r"\s*$", re.I)


@dataclass(frozen=True)
class Figure:
    amount: Amount  # a quantity, or money when the flow has only a value
    money: Amount | None = None  # the value of a quantity
    date: DateMention | None = None
    year_before: bool = False  # "up from $1.71bn a year earlier" with no date to count back from: the reading's
    compared: bool = False  # "…, from 349.7 tonnes in 2024": the base a figure is compared with
    # "… to $2.88 billion year to date", "… for the month", "… over the period": the story's period its words point
    # at (the first two beat a date the sentence shares out; a date of the figure's own beats "for the month")
    refers: str | None = None

    @property
    def start(self) -> int:
        return self.amount.start

    @property
    def end(self) -> int:
        return (self.money or self.amount).end


def sentence_figures(sm: SentenceMentions) -> list[Figure]:
    """The flow figures of a sentence, in order, with values paired and dates owned."""
    kept, worth, compared = _pair(sm.text, _with_bare_comparisons(sm))
    kept = [a for a in kept if not _not_a_flow(sm, a)]
    if not kept:
        return []
    # "the Netherlands bought 82,000 tons (2024: 71,000 tons)": the bracket's year owns its figure, compared
    bracketed = {id(a): m for a in kept if (m := _BRACKET_YEAR.search(sm.text, max(0, a.start - 16), a.start))}
    compared |= set(bracketed)
    dated = [a for a in sm.amounts if a.kind == "percent" or a in kept]
    # "up from 12.9 million last year": the year before the story's period, not the calendar year 2025
    last_years = [m for a in kept if id(a) in compared and (m := _LAST_YEAR.match(sm.text, a.end))]
    # ", which … opened last year,": another event's (unless the aside holds a figure of its own: "Indonesia, which
    # purchased 1.2 Mt of rice in 2024, halted imports")
    asides = [m.span() for m in RELATIVE_ASIDE.finditer(sm.text)
              if not any(m.start() <= a.start < m.end() for a in kept)]
    dates = [d for d in sm.dates() if not any(m.start() <= d.start < m.end() for m in last_years)
             and not any(m.start() <= d.start < m.end() for m in bracketed.values())
             and not _compared_period_only(sm.text, d, kept, compared)
             and not any(a <= d.start < b for a, b in asides) and not day_of_telling(sm.text, d, days_only=True)
             and not _COMPARED_WITH.search(sm.text, max(0, d.start - 24), d.start)
             and not (_THAN_BEFORE.search(sm.text, max(0, d.start - 16), d.start)
                      and not _OWNS_A_FIGURE.match(sm.text, d.end))]  # "than last year's $433 million": its own
    owners = _date_owners(sm.text, dates, dated, {id(q): m.end for q, m in worth.values()})
    owners.update((key, DateMention(m.start(1), m.end(1), m[1])) for key, m in bracketed.items())
    owners.update(_to_date(sm, dated, owners))
    earlier = _year_earlier(sm.text, kept, compared, owners)
    # "up from $1.71bn a year earlier", "Arrivals were up from 11.4m tons a year earlier": a year before the
    # reading's period when no date in the sentence says which
    undated = {id(a) for a in kept if id(a) not in earlier
               and (_A_YEAR_BEFORE.match(sm.text, a.end) or (id(a) in compared and _LAST_YEAR.match(sm.text, a.end))
                    or (id(a) in compared and _BARE_FROM.search(sm.text, max(0, a.start - 12), a.start)
                        and _CLAUSE_ENDS.match(sm.text, a.end)))
               and (id(a) in compared or lexicon().comparison_before.search(sm.text[max(0, a.start - 40):a.start]))
               and not any(id(b) in owners for b in kept if b.end <= a.start) and id(a) not in owners}
    kept = [a for a in kept if id(a) not in compared or id(a) in earlier or id(a) in undated or id(a) in bracketed
            or (id(a) in owners and owners[id(a)].start > a.end)]
    owners = _shared_dates(sm, kept, [a for a in dated if a.kind == "percent"], {**owners, **earlier}, dates)
    owners = _within_fronted(sm.text, dates, owners)
    ends = _change_ends(sm.text, kept, owners)
    owners.update(ends)
    undated -= set(ends)
    return [Figure(a, worth[id(a)][1] if id(a) in worth else None,
                   None if id(a) in undated else owners.get(id(a)), id(a) in undated, id(a) in compared,
                   _refers(sm.text, kept, i))
            for i, a in enumerate(kept)]


_BRACKET_YEAR = re.compile(r"\(\s*(?:in\s+)?((?:19|20)\d\d)\s*:\s*" + APPROX + "$")


# "rose from 286,000 tons to 357,000 tons between March and April": each end of the change at its point in time
_FROM_BEFORE = re.compile(r"\bfrom\s+" + APPROX + "$")
_TO_BETWEEN = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?,?\s+to\s+(?:be\s+)?" + APPROX)
_TWO_POINTS_BEFORE = re.compile(r"\b(?:between|from)\s+(?:the\s+)?$", re.I)


def _change_ends(s: str, kept: list[Amount], owners: dict[int, DateMention]) -> dict[int, DateMention]:
    """A change told from one figure to another over a span named by its two points ("between 2024 and 2025",
    "from March to April"): the first figure is the first point's, the second the last point's."""
    out: dict[int, DateMention] = {}
    for a, b in pairwise(kept):
        if a.kind != b.kind or a.unit != b.unit or not _FROM_BEFORE.search(s, max(0, a.start - 16), a.start) \
                or not _TO_BETWEEN.fullmatch(s, a.end, b.start):
            continue
        told = {id(d): d for d in (owners.get(id(a)), owners.get(id(b))) if d is not None}
        if len(told) != 1:
            continue
        d = next(iter(told.values()))
        points = d.value.split("/")
        if len(points) != 2 or len(points[0]) != len(points[1]) or len(points[0]) not in (4, 7) \
                or not (_TWO_POINTS_BEFORE.search(s, max(0, d.start - 12), d.start)
                        or re.match(r"(?i:between|from)\s", s[d.start:d.end])):
            continue
        out[id(a)], out[id(b)] = DateMention(d.start, d.end, points[0]), DateMention(d.start, d.end, points[1])
    return out


_YEAR_TO_DATE = re.compile(r"\byear[- ]to[- ]date\b|\bYTD\b|\bso\s+far\s+this\s+year\b|\bthis\s+year\s+so\s+far\b"
                           # "which handled 214,870 tonnes so far", "in the accumulated result for the year"
                           r"|\bso\s+far\b(?!\s+(?:in|this|that)\b)|\baccumulated\s+(?:result|total|figure)s?\b"
                           r"|\bcumulative\s+(?:result|total|figure|exports|imports|shipments|sales)s?\b",
                           re.I)
_THE_MONTH = re.compile(r"\b(?:for|in|during|over)\s+the\s+month\b(?!\s+(?:before|earlier|prior|after|ago)\b)", re.I)
# ("the same period" the dates module reads itself: the period the sentence told before it)
_THE_PERIOD_TOLD = re.compile(r"\b(?:for|in|during|over)\s+the\s+(?:period|half[- ]year|six[- ]month\s+period)\b"
                              r"(?!\s+(?:of|in|last|a|before|earlier|prior|after|ago)\b)", re.I)


_THE_QUARTER_OPENS = re.compile(r"\W*(?:Over|In|During|For|Across)\s+the\s+(?:whole\s+|full\s+)?quarter\s*,", re.I)
_CLAUSE_JOINT = re.compile(r",\s|\s+(?:and|but|while|whereas)\s+")


def _refers(s: str, kept: list[Amount], i: int) -> str | None:
    """Whether a figure's words point at a period the story told: "ytd", "month", "period" or "quarter"."""
    if _THE_QUARTER_OPENS.match(s):
        return "quarter"  # "Over the quarter, …, with the US up 10 per cent to $655m": the quarter of the month told
    lo = kept[i - 1].end if i else 0
    hi = min(kept[i + 1].start if i + 1 < len(kept) else len(s), kept[i].end + 80)
    # the words after the figure, up to the next clause, else those between the figure before and this one
    after = _CLAUSE_JOINT.split(s[kept[i].end:hi])[0]
    before = _CLAUSE_JOINT.split(s[lo:kept[i].start])[-1]  # not the words of the figure before
    for text in (after, before):
        for kind, pattern in (("ytd", _YEAR_TO_DATE), ("month", _THE_MONTH), ("period", _THE_PERIOD_TOLD)):
            if pattern.search(text):
                return kind
    # "Among the biggest buyers in the year to date, China comes first, with 1.2 million tons": said earlier in the
    # sentence, before any other figure
    return "ytd" if _YEAR_TO_DATE.search(s, lo, kept[i].start) else None


# "…, the ministry said on Monday", "he told reporters after opening a seminar here today", "said at a press
# conference in Moscow on Tuesday", "Releasing the annual bulletin in Lusaka yesterday, …": the day of the telling
_SAID_ON = re.compile(r"\b(?:said|says|told|announced|reported|stated|added|noted|explained|disclosed|revealed)\b"
                      r"[^,;:.\d\"“”]{0,70}?\s(?:on\s+|in\s+|late\s+|early\s+|here\s+|there\s+)?$", re.I)
_TELLING_OPENS = re.compile(r"^\W*(?:Releasing|Announcing|Publishing|Presenting|Unveiling|Speaking)\b[^,.;]{0,70}$")


_SAID_RIGHT_ON = re.compile(r"\b(?:said|says|told\s+\w+|announced|reported|stated|added|noted)\s+"
                            r"(?:on\s+|in\s+|late\s+|early\s+)?$", re.I)


def day_of_telling(s: str, d: DateMention, days_only: bool = False) -> bool:
    """A date the sentence says something was told on: right after the telling verb, or a day further on. With
    `days_only`, only a day: "says between January and June Samoa exported …" is what was told."""
    if days_only and len(d.value) != 10:
        return False
    return bool(_SAID_RIGHT_ON.search(s, max(0, d.start - 25), d.start)) or (
        bool(_TELLING_OPENS.match(s[:d.start])) and s[d.end:d.end + 1] == ",") or (
        len(d.value) == 10 and bool(_SAID_ON.search(s, max(0, d.start - 90), d.start)))


def _with_bare_comparisons(sm: SentenceMentions) -> list[Amount]:
    """The sentence's quantities and money; "4.6 million cartons, up from 3.9 million a year earlier": a bare
    number compared with a figure is in that figure's unit; "1.3 million sheep and goats": a count of goods."""
    out: list[Amount] = []
    whole = _whole_before_shares(sm)
    for a in sm.amounts:
        if whole is not None and a.kind == "number" and a.start > whole.end and _COUNTRY_THEN_NUMBER.search(
                sm.text, max(0, a.start - 30), a.start) and any(0 <= a.start - c.end <= 25 for c in sm.countries):
            # "Of the 158 cargoes …, France received 24, the UK 19": each share in the whole's unit
            out.append(Amount(a.start, a.end, a.value, whole.kind, whole.unit, whole.currency, whole.per))
            continue
        if a is whole and any(b.kind == "number" and b.start > a.end for b in sm.amounts):
            continue  # the whole shared out is no flow of its own
        if a.kind in ("quantity", "money"):
            out.append(a)
        elif a.kind == "number" and out and (lexicon().comparison_before.search(sm.text[max(0, a.start - 40):a.start])
                                             or _short_after_country(sm, a)):
            prev = out[-1]
            out.append(Amount(a.start, a.end, a.value, prev.kind, prev.unit, prev.currency, prev.per))
        elif a.kind == "number" and (a.value >= 1000 or _few_animals(sm, a)):
            counted = next((t for t in sm.terms if 0 < t.start - a.end <= 1), None)
            # "the January - October 2026 tea export statistics": a year, no count of tea
            a_year = any(d.start <= a.start < d.end for d in sm.dates())
            if counted is not None and not a_year and not _CARRYING_AFTER.match(sm.text, counted.end):
                unit = "head" if (goods_hs(counted.name) or "").startswith("01") else "units"
                out.append(Amount(a.start, a.end, a.value, "quantity", unit, None, a.per))
    return out


def _few_animals(sm: SentenceMentions, a: Amount) -> bool:
    """"at least 96 horses were sent": a small count of live animals (HS 01) ending its noun phrase (not "20 cattle
    farms")."""
    counted = next((t for t in sm.terms if 0 < t.start - a.end <= 1), None)
    return counted is not None and a.value >= 2 and (goods_hs(counted.name) or "").startswith("01") \
        and bool(_NOUN_PHRASE_ENDS.match(sm.text, counted.end))


_NOUN_PHRASE_ENDS = re.compile(r"\s*(?:[,.;:)]|$|\s(?:were|was|are|is|have|has|had|went|left|to|from|for|in|into|and|"
                               r"or|worth|valued|at|on|by|that|which|bound|destined)\b)")
_SCALED = re.compile(r"\s*(?:million|billion|thousand|mn|mln|bn|bln|m)\b", re.I)
# "Iraq (0.71 million)", "Iraq: 0.71 million", "Russia with 91 mln"
_BRACKET_OR_SPACE = re.compile(r"\s*(?:\(\s*|[:–-]\s*|with\s+)?$")


def _short_after_country(sm: SentenceMentions, a: Amount) -> bool:
    """"… led by Indonesia with 1.16 million tonnes, followed by Iraq (0.71 million)", "…, then come Russia with 91
    mln": a scaled number right after a country, the unit left out, is in the unit of the figure told before it."""
    digits = re.match(r"[\d.,]+", sm.text[a.start:a.end])
    if digits is None or not _SCALED.match(sm.text, a.start + digits.end()):
        return False
    return any(0 <= a.start - c.end <= 6 and _BRACKET_OR_SPACE.fullmatch(sm.text, c.end, a.start)
               for c in sm.countries)


# "38,000 trucks a day cross …, carrying mainly auto parts": vehicles counted, not the goods they carry
_CARRYING_AFTER = re.compile(r"[^.;]{0,120}?\b(?:carrying|carry|carried|laden\s+with|loaded\s+with|transporting|"
                             r"hauling)\b", re.I)
_COUNTRY_THEN_NUMBER = re.compile(r"[A-Z][\w'’.-]*(?:\s+(?:[a-z]+ed|took|got|received|bought|had|imported|"
                                  r"took\s+in))?\s+$")


def _whole_before_shares(sm: SentenceMentions) -> Amount | None:
    """"Of the 158 cargoes that left US terminals, …": the whole a sentence opens with, shared out after it."""
    m = OF_THE_WHOLE.match(sm.text)
    if m is None:
        return None
    first = next((a for a in sm.amounts if a.start >= m.end()), None)
    return first if first is not None and first.start == m.end() and first.kind == "quantity" else None


# "By the end of April, Kenya had exported goods worth Sh20.6bn … this year": the months the sentence opens with
_FRONTED = re.compile(r"\W*(?:(?:By|In|During|Over|For|As\s+of|Up\s+to)\s+)?(?:the\s+)?$")


def _within_fronted(s: str, dates: list[DateMention], owners: dict[int, DateMention]) -> dict[int, DateMention]:
    """A figure dated by a whole year the sentence's opening period lies in takes that period."""
    opening = next((d for d in dates if "/" in d.value and _FRONTED.fullmatch(s, 0, d.start)
                    and s[d.end:d.end + 1] == ","), None)
    if opening is None:
        return owners
    year = opening.value[:4]
    return {k: (opening if d.value == year and opening.value.split("/")[-1][:4] == year else d)
            for k, d in owners.items()}


# "has imported 7 million kg to date", "shipped 40,000 tonnes so far": the year of publication, up to it
# ("year to date" is the story's months so far: `_refers`)
_TO_DATE = re.compile(r"[^,;:.\d]{0,50}?\b(?:(?<!year\s)(?<!year-)to\s+date|so\s+far)\b(?!\s+(?:this|in|during|for)\b)",
                      re.I)


def _to_date(sm: SentenceMentions, dated: list[Amount], owners: dict[int, DateMention]) -> dict[int, DateMention]:
    """Figures told "to date" with no date of their own: the year published (a later date is another's)."""
    if sm.published is None:
        return {}
    out = {}
    for a in dated:
        m = _TO_DATE.match(sm.text, a.end)
        own = owners.get(id(a))
        if m and (own is None or own.start > m.end()):
            out[id(a)] = DateMention(m.start(), m.end(), sm.published[:4])
    return out


# "rose by 100,000 head", "up 17pc, or 41,000 head": a change, not a flow.
_CHANGE_BEFORE = re.compile(r"(?:\b(?:rose|rising|risen|increased|increasing|grew|growing|grown|jumped|climbed|fell|"
                            r"falling|fallen|dropped|declined|decreased|slipped|gained|lost|up|down|higher|lower|"
                            r"expanded|shrank|contracted)\s+by|%|\bpc|\bper\s?cent|\bpercent|\bpoints?|"
                            r"(?<!\w)(?<!making\s)(?<!made\s)(?<!make\s)(?<!makes\s)(?<!adds\s)(?<!added\s)(?:up|down|(?P<noun>an?\s+(?:increase|rise|drop|decline|fall|jump|loss|gain|decrease|reduction|"
                            r"contraction|shortfall|surge|slump)\s+of)))\s*,?\s+(?:or\s+)?"
                            r"(?:more\s+than\s+|about\s+|nearly\s+|almost\s+|some\s+|around\s+|roughly\s+|over\s+)?$",
                            re.I)


# "exports rose $142 million to $690 million", "log exports dropped $58 million": a figure right after a verb of
# change (no "to", "by" or "from" between) is the change
_CHANGE_VERB_BEFORE = re.compile(r"\b(?:exports?|imports?|shipments|sales|purchases|deliveries|earnings|value)\s+"
                                 r"(?:[\w-]+\s+){0,5}?(?:rose|fell|increased|decreased|dropped|declined|grew|jumped|"
                                 r"climbed|slipped|gained|surged|plunged|soared|slumped|tumbled)\s+"
                                 r"(?:about\s+|nearly\s+|some\s+|almost\s+|around\s+|more\s+than\s+)?$", re.I)


# "2.1 billion lek (19.4 million euros) higher than in January-August last year": a figure of the difference
_THAN_AFTER = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?(?:higher|lower|more|less|greater|bigger|smaller|above|below)"
                         r"\s+than\b", re.I)


# "₹3,100 a quintal", "$4.20 per kilo", "sold at $300": money per unit of goods is a price.
# "Benin absorbed 10.7%, or about 131,000 t": a share taken, then the same part as a figure (not "rose 10%, or …")
_SHARE_RESTATED = re.compile(r"\b(?:took|takes|taking|absorbed|absorbing|accounted\s+for|accounting\s+for|"
                             r"represented|representing|captured|held|holding|with)\s+"
                             + APPROX + r"\d[\d.,]*\s*"
                             r"(?:%|per\s?cent|percent)(?:\s+of\s+(?:the\s+|its\s+|all\s+)?(?:[\w-]+\s+){0,3}[\w-]+)?\s*,?\s+"
                             r"or\s+" + APPROX + "$", re.I)
_PER_UNIT_AFTER = re.compile(r"\s*(?:a|an|per|/)\s*(?:quintal|tonne|ton|metric\s+ton|kg|kilo|kilogram|pound|lb|bag|"
                             r"head|litre|liter|barrel|bushel|box|carton|crate|unit|piece|dozen|bottle|mt|t)\b", re.I)
_SOLD_AT = re.compile(r"\b(?:sold|selling|sells|bought|buying|traded|trading|fetched|fetching|offered)\s+at\s+"
                      r"(?:about\s+|around\s+|an\s+average\s+of\s+)?$", re.I)


def _not_a_flow(sm: SentenceMentions, a: Amount) -> bool:
    lex, s = lexicon(), sm.text
    before = s[max(sm.clause_of(a.start)[0], a.start - 40):a.start]
    if a.kind == "money" and (_PER_UNIT_AFTER.match(s, a.end) or _SOLD_AT.search(before)):
        return True
    if a.kind == "money" and lex.comparison_before.search(before) and any(
            p.kind == "price" and p.end <= a.start for p in sm.amounts):
        return True  # "quoted at $505 a tonne, up from $478": the price it was, not a flow
    change = _CHANGE_BEFORE.search(before)
    # (not "rose to 40,000 tonnes": the level reached; but "a loss of 41 million dollars" is the change)
    if change and (change["noun"] or not re.search(r"\b(?:to|of|at)\s+(?:\w+\s+){0,2}$", before)) \
            and not _SHARE_RESTATED.search(before):
        return True
    if _CHANGE_VERB_BEFORE.search(before):
        return True  # "Milk powder exports rose $96 million (19 percent) to $602 million": the rise, not the trade
    if _THAN_AFTER.match(s, a.end):
        return True  # "were almost 2.1 billion lek (19.4 million euros) higher than a year earlier": the difference
    if _PACKED_IN.search(before) or _RUNNING_TOTAL.search(before):
        return True  # "214,000 cartons of 4 kg", "…, bringing total exports to 515,000 cartons": no flow of its own
    if _HOPED_FOR.search(before):
        return True  # "…, and it is now counting on 260,000 tonnes by the close of the campaign": a hope, no flow
    if _LIMIT_OF.search(before):
        return True  # "the low-tariff quota of 65,005 tons ran out", "stocks of 97.6 lakh tonne": no goods moved
    if _GAP_AFTER.match(s, a.end) and any(b.start > a.end and b.kind == a.kind for b in sm.amounts):
        return True  # "7 million kg to date, 4 million kg short of the 11 million kg": a gap between two figures
    if lex.share_before.search(before) and _OWN_FIGURE_AFTER_SHARE.search(before):
        return False  # "accounting for 27.4 percent of the total with 1.15 billion USD": the share's holder's own
    if a.kind in ("quantity", "money") and _BRACKET_OPENS.search(before) and lex.share_before.search(before):
        return False  # "Russia took the largest share of the fruit (8,214 tons)": the share's size, in brackets
    price = lex.price_before.search(before)
    if price is not None and _TERMS_OF_VALUE.match(price.group(0)) and _VALUE_END.search(before, 0, price.start()):
        price = None  # "took 864,510 mt for $74.02 million FOB and Brazil 791,236 mt": the value's terms, no price
    return bool(price or lex.share_before.search(before))


_BRACKET_OPENS = re.compile(r"\(\s*" + APPROX + "$")
_TERMS_OF_VALUE = re.compile(r"(?:fob|cif)\b", re.I)
_VALUE_END = re.compile(r"(?:\d|\b(?:million|billion|mln|bln|bn|mn|m|thousand))\s+$", re.I)


# "214,000 cartons of 4 kg": the size of each package, after the count of packages
_PACKED_IN = re.compile(r"\d\s*(?:cartons|boxes|bags|sacks|crates|cases|cans|bottles|packs|pallets|containers|bales)"
                        r"\s+of\s+$", re.I)
# "…, bringing total exports from Morocco to 515,000 cartons": the running total, of all partners
_RUNNING_TOTAL = re.compile(r"\b(?:bringing|taking|lifting|pushing|raising)\s+(?:the\s+|its\s+|their\s+)?"
                            r"(?:total|overall|cumulative|combined|season['’]s|year['’]s)\b[^.;]{0,60}?\bto\s+"
                            r"(?:about\s+|some\s+|nearly\s+|almost\s+|over\s+|more\s+than\s+)?$", re.I)
_HOPED_FOR = re.compile(r"\b(?:counting|counts?|banking|banks?|relying)\s+on\s+(?:about\s+|some\s+|around\s+)?$"
                        r"|\b(?:expects?|expecting|targets?|targeting|aims?\s+(?:for|at)|hopes?\s+for|forecasts?|"
                        r"projects?)\s+(?:about\s+|some\s+|around\s+|up\s+to\s+|at\s+least\s+)?$", re.I)


_LIMIT_OF = re.compile(r"\b(?:quotas?|caps?|ceilings?|limits?|allowances?|allocations?|capacity|stocks?|inventories|"
                       r"reserves|requirements?)\s+(?:of|at|for)\s+"
                       r"(?:about\s+|some\s+|around\s+|up\s+to\s+)?$", re.I)


# "4 million kg short of the 11 million kg it took", "2,000 tonnes more than in 2025": the gap, not a flow
_GAP_AFTER = re.compile(r"\s+(?:short\s+of|shy\s+of|more\s+than|less\s+than|fewer\s+than|above|below|ahead\s+of|"
                        r"behind)\s+(?:the\s+|its\s+|their\s+|in\s+|last\s+)?(?:[$€£¥]|\d|year|a\s+year|the\s+same)",
                        re.I)


# … or "took the largest share with 362,900 tons", "the biggest share, at $41m": the holder's figure after its share
_OWN_FIGURE_AFTER_SHARE = re.compile(r"\b(?:percent|per\s+cent|%)\s+of\s+(?:the\s+)?(?:total|whole|overall)\b"
                                     r"[^,;:.]{0,12}\s+with\s+$"
                                     r"|\bshare\s*,?\s+(?:with|at)\s+" + APPROX + "$",
                                     re.I)


# "…, while Canada came next with more than 4.81 million kg": a hedge on the figure a verb or "with" takes, not
# a comparison with the figure before
_HEDGED_MORE = re.compile(r"\b(?:with|at|reaching|taking|took|bought|received|imported|exported|shipped|totall?ing|"
                          r"worth)\s+(?:more|less|fewer)\s+than\s+$")


def _pair(s: str, figures: list[Amount]) -> tuple[list[Amount], dict[int, tuple[Amount, Amount]], set[int]]:
    lex = lexicon()
    out: list[Amount] = []
    compared: set[int] = set()
    worth: dict[int, tuple[Amount, Amount]] = {}
    for a in figures:
        prev = out[-1] if out else None
        gap = s[prev.end:a.start] if prev is not None else ""
        if prev is not None and a.kind == "money" and prev.kind == "money" and _CONVERSION.match(gap):
            continue
        if prev is not None and a.kind == "money" and prev.kind == "quantity" and id(prev) not in worth \
                and len(gap) < 100 and _WORTH.search(gap) \
                and (not re.search(r";|\band\b", gap) or _GOODS_THEN_WORTH.fullmatch(gap)):
            worth[id(prev)] = (prev, a)
            continue
        if prev is not None and id(prev) in worth and a.kind == "money" and _CONVERSION.match(
                s[worth[id(prev)][1].end:a.start]):
            continue
        if prev is not None and prev.kind == a.kind == "quantity" and prev.unit != a.unit \
                and _OR_ABOUT.fullmatch(gap) and a.unit in _MASS_UNITS:
            # "12 containers or about 240 tonnes": one shipment, counted by its weight; "782,510 metric tons or
            # 1.73 billion lbs.": one weight in two units, the metric one kept
            if prev.unit not in _MASS_UNITS or prev.unit == "lb":
                out[-1] = a
            continue
        if prev is not None and prev.kind == a.kind and prev.unit == a.unit \
                and lex.comparison_before.search(gap[-40:]) and not _ANOTHER_PARTNERS.match(s, a.end) \
                and not _HEDGED_MORE.search(gap[-40:]):
            compared.add(id(a))
        out.append(a)
    return out, worth, compared


# "9,104,772 kilograms of chilled and frozen beef worth USD 48.3 million": one goods phrase between, "and" inside it
_GOODS_THEN_WORTH = re.compile(r"\s+of\s+[A-Za-z][A-Za-z -]{0,60}?\s+(?:worth|valued\s+at)\s+"
                               r"(?:(?:more\s+than|over|about|nearly|some|around|almost)\s+)?")
_OR_ABOUT = re.compile(r"\s*,?\s+(?:or|i\.e\.)\s+(?:about\s+|around\s+|some\s+|nearly\s+|roughly\s+|almost\s+)?")
_MASS_UNITS = frozenset(("t", "kg", "lb"))


# "The US took beef worth $472 million, against $431 million for China", "… against Sh17.1 billion to the UK": set
# beside another partner's figure
_ANOTHER_PARTNERS = re.compile(r"\s+(?:for|to|from)\s+(?:the\s+)?[A-Z]")
# "… rose to 40,000 tonnes in May from 32,000 tonnes a year earlier": a figure of its own, a year before.
_A_YEAR_BEFORE = re.compile(r"(?:\s+(?:exported|imported|shipped|sold|recorded|registered|reported))?"
                            r"(?:\s*(?:,\s*)?(?:a|one)\s+(?:year|season)\s+(?:earlier|ago|before)\b|\s*(?:in|for|during|over)\s+the\s+same\s+(?:period|"
                            r"month|quarter|season)\s+(?:of\s+)?(?:last|the\s+previous|a\s+year\s+earlier)(?:\s+year)?\b)",
                            re.I)


_SAME_PERIOD_BEFORE = re.compile(r"\b(?:the\s+)?same\s+(?:period|time|months?|quarter|half|season)\s+(?:of\s+)?$", re.I)


_SAME_PERIOD = re.compile(r"(?:the\s+)?(?:same|corresponding)\s+", re.I)


def _compared_period_only(s: str, d: DateMention, kept: list[Amount], compared: set[int]) -> bool:
    """"412.6 tonnes, more than double the volume for the same period last year": the period compared with, when
    no figure of its own stands right before it."""
    if not (_SAME_PERIOD_BEFORE.search(s, max(0, d.start - 30), d.start) or _SAME_PERIOD.match(s, d.start, d.end)):
        return False
    return not any(id(a) in compared and 0 <= d.start - a.end <= 40 for a in kept)


_LAST_YEAR = re.compile(r"\s*(?:,\s*)?(?:(?:of|in|during)\s+)?(?:last|the\s+previous|the\s+preceding)\s+"
                        r"(?:year|season)\b", re.I)


def _year_earlier(s: str, amounts: list[Amount], compared: set[int],
                  owners: dict[int, DateMention]) -> dict[int, DateMention]:
    """Compared figures said to be a year before the figure they are compared with, dated a year before it."""
    out: dict[int, DateMention] = {}
    for i, a in enumerate(amounts):
        m = _A_YEAR_BEFORE.match(s, a.end) if id(a) in compared else None
        base = next((owners[id(b)] for b in reversed(amounts[:i]) if id(b) in owners), None)
        if m is not None and base is not None:
            value = years_moved(base.value, -1)
            out[id(a)] = DateMention(m.start(), m.end(), value)
    return out


def _date_owners(s: str, dates: list[DateMention], amounts: list[Amount],
                 ends: dict[int, int]) -> dict[int, DateMention]:
    """Each figure's date: the first date after it or inside it (before the next figure), else the one before
    it."""
    owners: dict[int, DateMention] = {}
    taken: set[int] = set()
    for i, a in enumerate(amounts):
        nxt = amounts[i + 1].start if i + 1 < len(amounts) else 10**9
        end = ends.get(id(a), a.end)
        # "612,400 tonnes abroad in the first ten months of 2026, earning 4.21 billion USD": between the
        # quantity and its value, the date is the figure's
        # "14,380 tons, more than double last year's 6,950 tons": a date owning the next figure is not this one's
        after = [d for d in dates if a.end <= d.start < end] or [
            d for d in dates if end <= d.start < nxt and not _OWNS_NEXT.match(s, d.end, nxt)]
        if after:
            owners[id(a)] = after[0]
            if a.kind != "percent":  # "fell 6 percent in April to $5.61 billion": the change's date is the figure's
                taken.update(id(d) for d in after)
    for i, a in enumerate(amounts):
        if id(a) in owners:
            continue
        # "imports during January-March 2026 increased by 2.17% to US$4,122 million": a change before the figure
        # holds no date of its own
        prev = next((b.end for b in reversed(amounts[:i]) if b.kind != "percent" or a.kind == "percent"), -1)
        # (not a date in a bracket closed before the figure: "376,000 tons (31 percent more than in January-
        # September 2025), China – 291,000 tons": the bracket's comparison)
        before = [d for d in dates if prev <= d.start < a.start and id(d) not in taken
                  and not _compared_in_bracket(s, d, max(prev, 0), a.start)]
        if before:
            owners[id(a)] = before[-1]
    return owners


# "…, but their volumes are less than last year": the base of a comparison, no figure's period
_THAN_BEFORE = re.compile(r"\bthan\s+(?:in\s+|during\s+|for\s+)?(?:the\s+)?$")
# "Against June 2025, exports to Finland fell 7 percent": the base of a change, not the period told
_COMPARED_WITH = re.compile(r"\b(?:[Aa]gainst|[Cc]ompared\s+(?:with|to)|[Vv]ersus|[Rr]elative\s+to|vs\.?)\s+"
                            r"(?:the\s+same\s+(?:month|period|quarter)\s+(?:of|in)\s+|the\s+)?$"
                            # "…, more than three times the volume of February 2025": the base of a multiple
                            r"|\b(?:twice|times|double|triple|half)\s+(?:the\s+)?"
                            r"(?:volume|value|level|amount|quantity|figure|total)\s+(?:of|in|for)\s+(?:the\s+)?$"
                            # "dropping 9.41% from January-June 2025": the base of a change in percent
                            r"|\d\s*(?:%|per\s*cent|percent)\s+(?:from|on)\s+(?:the\s+)?$")


def _compared_in_bracket(s: str, d: DateMention, lo: int, hi: int) -> bool:
    """Whether a date stands in a bracket of comparison closed before `hi` ("(31 percent more than in
    January-September 2025)"), not one that names the period ("(September 2025 – May 2026)")."""
    opened, closed = s.rfind("(", lo, d.start), s.find(")", d.end, hi)
    return opened >= 0 and closed >= 0 and _COMPARISON_WORD.search(s, opened, d.start) is not None


_COMPARISON_WORD = re.compile(r"\b(?:than|compared|against|versus|vs|from|percent|per\s+cent|up|down)\b|%", re.I)


# "Russia bought 15.8 million kilos, down from 16.4 million.": in a story of year-on-year figures, the year before
_BARE_FROM = re.compile(r"\bfrom\s+$")
_CLAUSE_ENDS = re.compile(r"\s*(?:[.;]|,\s+(?:while|and|but)\b|$)")
_OWNS_NEXT = re.compile(r"['’]s?\s+(?:[a-z-]+\s+)?$")
_OWNS_A_FIGURE = re.compile(r"['’]s?\s+(?:[a-z-]+\s+)?" + FIGURE_START)


def is_period(d: DateMention) -> bool:
    """A year, a month or a span: a date that can stand for a period of trade."""
    return "/" in d.value or len(d.value) in (4, 7)


_WITH_AFTER = re.compile(r"\s*,\s+with\s")


def _shared_dates(sm: SentenceMentions, figures: list[Amount], percents: list[Amount],
                  owners: dict[int, DateMention], dates: list[DateMention]) -> dict[int, DateMention]:
    """Owners, each undated figure given the sentence's period (not one compared with)."""
    s, lex = sm.text, lexicon()
    first = min((a.start for a in [*figures, *percents]), default=0)
    # "In January-February, exports rose 13 percent to …": a fronted period dates the whole sentence
    of_percent = {id(d) for a in percents if (d := owners.get(id(a))) is not None
                  and not (d.end <= first and s[d.end:d.end + 1] == ",")}
    # "supplied 1.2m bales, down from 1.9m bales in FY23": FY23 is the compared figure's, not the sentence's
    of_compared = {id(d) for a in figures if (d := owners.get(id(a))) is not None
                   and lex.comparison_before.search(s[max(0, a.start - 40):a.start])}
    shared = [d for d in dates if is_period(d) and id(d) not in of_percent and id(d) not in of_compared
              and not lex.comparison_before.search(s[max(0, d.start - 40):d.start])
              and not re.search(r"\bsame\b|\bcorresponding\b", s[max(0, d.start - 5):d.end], re.I)
              and not _OWNS_A_FIGURE.match(s, d.end)]  # "last year's 6,950 tons": that figure's, not the sentence's
    if not shared and len(dates) == 1 and id(dates[0]) in of_percent and is_period(dates[0]) \
            and _WITH_AFTER.match(s, dates[0].end) \
            and not lex.comparison_before.search(s[max(0, dates[0].start - 40):dates[0].start]):
        # "Imports grew 4 per cent in April, with France up 7 per cent to ¥9.1bn and Chile …": the total's change
        # and the parts after it share the one period told
        shared = dates
    if not shared:
        return owners
    out = dict(owners)
    for a in figures:
        if id(a) not in out:
            earlier = [d for d in shared if d.end <= a.start]
            out[id(a)] = earlier[-1] if earlier else shared[-1]
    return out
