"""Date expressions in news text, resolved against the publication date.

`find_dates` finds candidates with a few precompiled patterns and turns each
into an ISO value at the precision the text supports: `2023-09-22` (a day),
`2023-08` (a month), `2023` (a year) or an interval `2024-01/2024-05`.
Relative expressions ("on Friday", "last month", "in January", "the same
period of 2023") are resolved against `published` (ISO `YYYY-MM-DD`); without
it they are skipped. Overlapping candidates: the longest wins.
"""

from __future__ import annotations

import calendar
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import NamedTuple

import yaml
from dateutil.relativedelta import relativedelta

from kb import gazetteers
from kb.extract.quantities import counted

DATA = gazetteers.DATA


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    value: str


MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
            "fourth": 4, "4th": 4, "last": -1, "final": -1}
SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
         "twenty": 20, "thirty": 30}

# Month names are matched with their capital letter: "may" and "march" are common words.
_MONTH_NAMES = (r"Jan(?:uary|\.)?", r"Feb(?:ruary|\.)?", r"Mar(?:ch|\.)?", r"Apr(?:il|\.)?", r"May", r"June?",
                r"July?", r"Aug(?:ust|\.)?", r"Sep(?:tember|t\.|\.)?", r"Oct(?:ober|\.)?", r"Nov(?:ember|\.)?",
                r"Dec(?:ember|\.)?")
_MONTH = rf"(?:{'|'.join(_MONTH_NAMES)})(?![a-z])"
_YEAR = r"(?:19[5-9]\d|20\d\d)(?![\d,.]\d)"
# A year as a number or relative to publication.
_YEAR_EXPR = (rf"(?:{_YEAR}|(?i:this|last|next|the\s+current|the\s+previous|the\s+past|the\s+last|a)\s+year"
              r"|(?i:the\s+)?year\s+(?:earlier|before|ago))")
_DAY = r"(?<![\d.,])(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_QUAL = r"(?:(?i:mid-?|early[\s-]|late[\s-]|the\s+(?:end|beginning|start|middle)\s+of\s+))?"
# One end of a range: "Jan. 1", "1 January", "mid-March", "March".
_POINT = rf"{_QUAL}(?:{_MONTH}\s+{_DAY}(?![\d:])|{_DAY}\s+{_MONTH}|{_MONTH})"
_NUM = r"(?:\d{1,2}|" + "|".join(SMALL) + ")"


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# Order matters only between candidates of equal span.
# "July-October of FY2026-27", "the July-October period of FY2025-26": months of a fiscal year written out
_RANGE_TAIL = rf"(?P<b>{_POINT})(?:,?\s+(?:(?i:of)\s+)?(?P<yb>{_YEAR_EXPR})|(?:\s+(?i:period))?\s+(?i:of|in)\s+" \
              r"(?i:the\s+)?(?:FY\s*'?|(?i:fiscal|financial)\s+(?i:year)\s+)(?P<fy>(?:19|20)?\d\d)[-/](?P<fy2>\d\d(?:\d\d)?)\b)?"
_RANGE = _c(rf"(?=(?i:[fmelt])|[JFMASOND0-9])(?:(?i:from)\s+)?(?P<a>{_POINT})(?:,?\s+(?P<ya>{_YEAR}))?"
            rf"\s*(?:-|–|—|(?i:to|through|till|until))\s*" + _RANGE_TAIL)
# "and" joins a range only after "between": "in March and May" may be two months.
_BETWEEN = _c(rf"(?i:between)\s+(?P<a>{_POINT})(?:,?\s+(?P<ya>{_YEAR}))?\s+(?i:and)\s+" + _RANGE_TAIL)
# … but two months in a row after "in" are the months between them: "in January and February", "during March and
# April of this year" (months apart, "in March and May", stay two months)
_NEXT_MONTH_NAMES = (*_MONTH_NAMES[1:], _MONTH_NAMES[0])
_MONTHS_IN_A_ROW = "|".join(rf"(?P<a{i}>{a})(?![a-z])\s+(?i:and)\s+{b}(?![a-z])"
                            for i, (a, b) in enumerate(zip(_MONTH_NAMES, _NEXT_MONTH_NAMES, strict=True)))
_TWO_MONTHS = _c(rf"(?<![\w-])(?i:in|during|over|for|throughout)\s+(?P<a>{_MONTHS_IN_A_ROW})"
                 rf"(?:,?\s+(?:(?i:of)\s+)?(?P<yb>{_YEAR_EXPR}))?")
_DAYRANGE = _c(rf"(?=[0-9])(?P<d1>{_DAY})\s*(?:-|–|(?i:to|and))\s*(?P<d2>{_DAY})\s+(?P<m>{_MONTH})"
               rf"(?:,?\s+(?P<y>{_YEAR}))?"
               # "November 1-25", "Nov. 1–20, 2025": the month first, as cargo surveyors write it
               rf"|(?P<m2>{_MONTH})\s+(?P<d3>{_DAY})\s*(?:-|–)\s*(?P<d4>{_DAY})(?![\d:])(?:,?\s+(?P<y2>{_YEAR}))?")
_FISCAL_TAIL = (r"(?P<fiscal>(?:\s*\([^)]{0,30}\))?\s+(?i:of)\s+(?i:the\s+)?(?:(?P<which>(?i:current|this|last|"
                # "of the current 2025-26 fiscal year": the years written before the words
                r"previous|past))\s+)?(?:(?P<fyb>(?:19|20)\d\d)[-/](?P<fyb2>\d{2}|(?:19|20)\d\d)\s+)?"
                # "of the 2025/26 Ethiopian fiscal year": the country's adjective before the words
                r"(?:[A-Z][a-z]+\s+(?=(?i:fiscal|financial)\s))?"
                # "of the current fiscal": India's press leaves out "year" after "current", "this", "last"
                r"(?:(?i:(?:fiscal|financial)\s+year|FY)|(?(which)(?i:fiscal)(?![\w-])|(?!)))(?:\s*'?(?P<fy>\d{2,4})"
                r"(?:[-/](?P<fy2>\d{2,4}))?)?)")
_PART = _c(rf"(?=(?i:[tsf])|[1-4])(?i:the\s+)?(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th|final))[\s-]+"
           # "4th qtr. 2025": a statistics table's heading, the year without "of"
           rf"(?P<kind>(?i:quarter|half|qtr\.?))(?![a-z])(?:\s+(?:(?i:of)\s+)?(?:(?i:the\s+)?(?i:year)\b|"
           rf"(?P<y>{_YEAR_EXPR})))?"
           # "the first half (July-December) of the current fiscal year", "the second quarter of FY2023-24"
           rf"{_FISCAL_TAIL}?")
# "the March 2026 quarter", "the June quarter", "the quarter ended September 2025": the three months ending in the
# month named, as statistics offices of the Pacific and Australasia write them
_MONTH_QUARTER = _c(rf"(?P<m>{_MONTH})(?:\s+(?P<y>{_YEAR}))?\s+(?i:quarter)(?![\w-])"
                    rf"|(?i:quarter)\s+(?i:ending|ended|to)\s+(?P<m2>{_MONTH})(?:,?\s+(?P<y2>{_YEAR}))?")
# "Q3 2017", "H1 2018", "1H 2019", "Q1 of this year"; a bare "Q1" is the latest first quarter begun.
_QCODE = _c(rf"\b(?:(?P<q>Q[1-4])|(?P<h>H[12])|(?P<h2>[12])H)(?:[\s/-]*(?:(?i:of)\s+)?(?P<y>{_YEAR_EXPR})"
            r"|(?<=Q[1-4])\b(?![-/]\w))")
# "from 2019 to 2023", "between 2020-21 and 2024-25": a span of years, or of seasons or fiscal years, end to end
_YEAR_RANGE_TEXT = _c(r"\b(?i:from|between)\s+(?:(?i:fiscal|financial|marketing)\s+(?:(?i:year)\s+)?)?"
                 r"(?P<a>(?:19|20)\d\d)(?:[-/](?P<a2>\d\d)\b)?\s+(?i:to|and|until|through|till)\s+"
                 r"(?P<b>(?:19|20)\d\d)(?:[-/](?P<b2>\d\d)\b)?(?![\d]|[,.]\d|[-/]\d|\s*(?:tonnes|tons|t\b|kg|%|per))")
class _YearRange:
    """`_YEAR_RANGE_TEXT` where no change comes before it ("exports rose 9% from 2024 to 2025" compares two years:
    each is its own date)."""

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return (m for m in _YEAR_RANGE_TEXT.finditer(text, pos, endpos)
                if not _CHANGED_BEFORE.search(text, max(0, m.start() - 40), m.start()))


_YEAR_RANGE = _YearRange()
_CHANGED_BEFORE = re.compile(r"\b(?:rose|fell|grew|increased|decreased|jumped|climbed|dropped|declined|doubled|"
                             r"tripled|halved|rising|falling|growing|up|down)\b(?:\s+\S+){0,3}\s+$", re.I)
# "5M26" (January to May 2026), "1H25", "3Q25": the codes of financial and regional business news, a year
# of two digits fused on
_FUSED_CODE = _c(r"\b(?:(?P<q>[1-4])Q|(?P<h>[12])H|(?P<m>1[0-2]|[1-9])M)(?P<y>\d\d)\b")
# ("the opening four months", "the initial six months": the first ones)
_SPAN = _c(rf"(?=(?i:[tflpoi]))(?i:the\s+)?(?P<ord>(?i:first|last|final|past|opening|initial))\s+(?P<n>(?i:{_NUM}))\s+"
           rf"(?P<kind>(?i:months|days|weeks))(?:{_FISCAL_TAIL}|\s+(?i:of)\s+(?:(?P<m>{_MONTH})(?:\s+(?P<my>{_YEAR}))?|"
           rf"(?i:the\s+year)\b|(?P<y>{_YEAR_EXPR})))?")
_OF_A_SEASON = re.compile(r"\s+of\s+(?:the\s+)?(?:19|20)\d\d\s*[/-]\s*(?:\d{4}|\d{2})\s+"
                          r"(?:season|campaign|marketing\s+year|crop\s+year)\b", re.I)
# "Over the same period, …" opening a sentence: the period told just before, not the one a figure is compared with
_OVER_THE_SAME = re.compile(r"(?:^|[.!?]\s+|\n)(?:(?:Over|In|During|For|Across)\s+)$")
_SAME = _c(rf"(?i:the\s+)?(?i:same|corresponding|comparable)\s+(?i:period|months?|time)"
           rf"(?:\s+(?:(?i:of|in|a)\s+)?(?P<y>{_YEAR_EXPR}|{_YEAR}))?")
_FULL = _c(rf"(?=(?i:[melt])|[JFMASOND0-9])"
           rf"(?:{_QUAL}(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})(?![\d:])(?:,?\s+(?P<y1>{_YEAR}))?"
           rf"|{_QUAL}(?P<d2>{_DAY})\s+(?:(?i:of)\s+)?(?P<m2>{_MONTH})(?:,?\s+(?P<y2>{_YEAR}))?)")
_ISO = _c(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")
_DOTTED = _c(r"\b(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)\b")
# "10/06/2024" (day first, as most of the world writes it; month first when the day-first reading cannot be),
# "2024/06/10"
_SLASHED = _c(r"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)\d\d)\b")
# "on the 10th": that day of the month of publication, or of the month before when it is yet to come
_NTH = _c(r"\b(?i:on)\s+the\s+(?P<d>[1-3]?\d)(?:st|nd|rd|th)\b(?=\s*(?:[,.;)]|$)|\s+(?i:at|in|when|and|after|"
          r"before|during|with)\b)")
_YMD_SLASHED = _c(r"\b(?P<y>(?:19|20)\d\d)/(?P<m>[01]\d)/(?P<d>[0-3]\d)\b")
_MONTHYEAR = _c(rf"(?=(?i:[tmel])|[JFMASOND])(?:(?i:the\s+(?:whole\s+)?(?:month\s+)?of)\s+)?{_QUAL}(?P<m>{_MONTH}),?\s+"
                rf"(?:(?i:of)\s+)?(?P<y>{_YEAR_EXPR})")
# "Oct'26", "Jan'25-Oct'25", "Oct/25 to Sep/26": a month with its year's last two digits after an apostrophe or a
# slash (trade data tables)
_SHORT_YEAR = r"['’/](?P<{}>\d\d)(?![\d'’/])"
_APOS_MONTH = _c(rf"(?=[JFMASOND])(?P<m>{_MONTH})" + _SHORT_YEAR.format("y")
                 + rf"(?:\s*(?:-|–|(?i:to))\s*(?P<m2>{_MONTH})" + _SHORT_YEAR.format("y2") + ")?")
# "in week 49", "week 2 of 2026", "wk 12": an ISO week, as fresh-produce and freight reports count them
_ISO_WEEK = _c(rf"(?=[wW])(?i:week|wk)\.?\s*(?:no\.?\s*)?(?P<n>[1-4]?\d|5[0-3])(?![\d:%-]|[.,]\d)"
               rf"(?:,?\s+(?:(?i:of)\s+)?(?P<y>{_YEAR}))?")
_LASTMONTH = _c(rf"(?P<rel>(?i:last|this|next|(?:earlier|later)\s+this))\s+(?P<m>{_MONTH})")
_BAREMONTH = _c(r"(?=(?i:[iosutbdfmelt]))(?:(?i:in|of|since|until|till|by|during|from|throughout|for|through)\s+"
                r"(?:(?i:the\s+(?:whole\s+)?(?:month\s+)?of)\s+)?"
                r"|(?i:mid-?|early\s+|late\s+|the\s+(?:end|beginning|start|middle)\s+of\s+))"
                rf"(?P<m>{_MONTH})")
# "June by itself accounted for 214 tons", "March alone saw …": a month standing for its own trade
_MONTH_ALONE = _c(rf"(?P<m>{_MONTH})(?=\s+(?i:alone|by\s+itself|on\s+its\s+own)\b)")
_RELATIVE = _c(r"(?i:\b(?P<rel>(?:earlier\s+|later\s+)?(?:this|last|next|past)|previous|the\s+previous)"
               r"\s+(?:(?P<fisc>fiscal|financial)\s+(?=year))?(?P<unit>year|month|week|season|campaign)\b)")
# "the Iranian calendar year 1404", "the past Iranian year": a solar Hijri year, from March 21 (1404 began in 2025)
_IRANIAN_YEAR = _c(r"(?i:\b(?:(?:the\s+)?(?P<rel>current|this|past|last|previous)\s+)?(?:Iranian|Persian)\s+"
                   r"(?:calendar\s+|solar\s+)?year)(?:\s+(?P<y>1[34]\d\d)\b)?")
# "the first five months of the current Iranian year", "the first quarter of the Iranian year 1405": months of the
# solar Hijri year, counted from Farvardin 1 (March 20 or 21) to the last day of the last month
_IRANIAN_MONTHS = _c(rf"(?=(?i:[tf]))(?i:the\s+)?(?i:first)\s+"
                     rf"(?:(?P<n>(?i:{_NUM}))\s+(?i:months)|(?P<q>(?i:quarter|half)))"
                     r"\s+(?i:of)\s+(?i:the\s+)?(?:(?P<rel>(?i:current|this|past|last|previous))\s+)?"
                     r"(?i:Iranian|Persian)\s+(?i:(?:calendar|solar|fiscal)\s+)?(?i:year)(?:\s+(?P<y>1[34]\d\d)\b)?")
_DAYWORD = _c(r"\b(?P<w>(?i:today|yesterday|tomorrow))\b")
_WEEKDAY_NAME = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# "this Friday (14)": the day of the month in brackets picks the week.
_WEEKDAY = _c(r"(?=(?i:[ltnop])|[MTWFS])"
              rf"(?:(?P<rel>(?i:last|this|next|on|past))\s+)?(?P<w>{_WEEKDAY_NAME})\b"
              r"(?:,?\s*\((?P<dn>[0-3]?\d)(?:st|nd|rd|th)?\))?")
# "the week to Friday", "the week ended March 15": the seven days ending that day.
_WEEKTO = _c(rf"(?i:the\s+)?(?i:week)\s+(?i:to|ended|ending|through)\s+(?:(?P<w>{_WEEKDAY_NAME})\b"
             rf"|(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})(?![\d:])|(?P<d2>{_DAY})\s+(?P<m2>{_MONTH}))(?:,?\s+(?P<y>{_YEAR}))?")
# "the 12 months to June", "the year ended March 2023": months ending with the month named.
_MONTHSTO = _c(rf"(?i:the\s+)?(?:(?P<n>(?i:{_NUM}))\s+(?i:months)|(?i:(?:financial\s+|fiscal\s+)?year))\s+"
               rf"(?i:to|ended|ending|through)\s+(?:(?i:the\s+end\s+of)\s+)?(?P<m>{_MONTH})(?:\s+{_DAY}(?![\d:]))?"
               rf"(?:,?\s+(?P<y>{_YEAR}))?")
# "By the end of April, Kenya had exported …", "as of end-June": the year so far, January to that month
# … and "took 276,300 tons through September" (American usage: the year's total to the end of that month)
_YEAR_SO_FAR = _c(rf"(?:(?i:by|as\s+of|up\s+to)\s+(?i:the\s+)?(?i:end)(?:\s+(?i:of)\s+|-)"
                  rf"|(?i:through|thru)\s+(?:(?i:the\s+end\s+of)\s+)?"
                  # "exported until August", "until the month of August", "up to August": the year so far too (not
                  # "up to January 11", a day that ends the period told before it)
                  rf"|(?i:until|till|up\s+to)\s+(?:(?i:the\s+end\s+of|the\s+month\s+of)\s+)?(?=(?:{_MONTH})"
                  rf"(?![\w-])(?!\s*(?:[12]?\d|3[01])(?:st|nd|rd|th)?\b(?![,.]\d))))"
                  rf"(?P<m>{_MONTH})(?![\w-])"
                  rf"(?:,?\s+(?P<y>{_YEAR}))?")
_RANGE_BEFORE = _c(rf"(?:{_MONTH}|\d)\s*$")
# "since June", "since the start of the year", "since exports resumed in June", and the end of such a period
# when the sentence gives it ("... by the end of March 2018"); otherwise the period runs to publication.
_CLAUSE = r"(?:[^.,;:!?\n]|[.,](?=\d))"  # within one clause ("2.5 million" and "300,000" inside it)
# "… as of September 20, 2026": the day such a period ends
_SINCE_END = (rf"(?:(?:{_CLAUSE}|,){{0,100}}?\b(?i:by|until|till|through|to|as\s+of)\s+(?:(?i:the\s+end\s+of)\s+)?"
              rf"(?:(?P<me>{_MONTH})(?:\s+(?P<de>{_DAY})(?![\d:]))?|(?P<de2>{_DAY})\s+(?P<me2>{_MONTH}))"
              rf"(?:,?\s+(?P<ye>{_YEAR}))?)?")
# "since the start of the season on August 1": the day a season or a campaign began
_SEASON_BEGAN = (r"(?i:the\s+(?:start|beginning|opening)\s+of\s+the\s+(?:[\w-]+\s+){0,2}?(?:season|campaign)"
                 r"\s+(?:on|in)\s+)")
_SINCE = _c(rf"(?i:since)\s+(?:(?:{_SEASON_BEGAN}|(?i:the\s+(?:start|beginning)\s+of\s+))?"
            rf"(?:(?P<m>{_MONTH})(?:\s+(?P<d>{_DAY})(?![\d:]))?|(?P<d2>{_DAY})\s+(?P<m2>{_MONTH}))"
            rf"(?:,?\s+(?P<y>{_YEAR}))?|(?i:the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+year)(?P<ty>)"
            # "since the start of 2026": from its January
            rf"|(?i:the\s+(?:start|beginning)\s+of\s+)(?P<sy>{_YEAR})(?![\d%/-])"
            rf"|{_CLAUSE}{{0,80}}?\b(?i:in)\s+(?P<m3>{_MONTH})(?:,?\s+(?P<y3>{_YEAR}))?){_SINCE_END}"
            rf"|(?i:since)\s+(?P<yy>{_YEAR})(?![\d%/-])")
# A year that starts a match. Its first digit is a literal, so the engine skips to "1" or "2" fast, and the
# lookbehind right after it keeps out "2,023", "$2015", "A2019", "2019-2015"; "FY2023" is the fiscal year
# named 2023, and a hyphen is allowed after "mid", "early" and "late": "mid-2021" is 2021, at the precision
# written. A word before the year ("fiscal 2022-23", "marketing year 2022/23", "late 2020") changes no value
# and is left out of the span.
_NOT_BEFORE = r"(?:(?<=[Mm]id-.)|(?<=[Ee]arly-.)|(?<=[Ll]ate-.)|(?<=[FM]Y.)|(?<![\w$€£.,/-].))"
_YEAR_AT = rf"(?:1{_NOT_BEFORE}9[5-9]|2{_NOT_BEFORE}0\d)\d(?![\d,.]\d)"
_SEASON_TAIL = r"\s*[-–/]\s*(?P<b>(?:19|20)\d\d|\d\d)(?![\d%]|/\d|-\d\d)"  # "-18", "/2018"
_NOT_YEAR_TAIL = r"(?![\d%-]|s\b|/\d|\s*(?:%|percent))"  # "2019%", "the 1990s", "2019/1020"


_FISCAL_BEFORE = re.compile(r"(?i:\b(?:fiscal|financial|budget)(?:\s+year)?|\bFY)\s*'?$")
# … "the 2025/26 Ethiopian fiscal year": the country's adjective between
_FISCAL_AFTER = re.compile(r"\s+(?:[A-Z][a-z]+\s+)?(?i:fiscal|financial|budget)(?:\s+year)?\b")


# "the 2024-25 season", "2023-24 crop year": a farming year, not the government's
_SEASON_AFTER = re.compile(r"\s+(?:[a-z]+\s+)?(?:season|crop|harvest|campaign|marketing|sugar|coffee|cocoa|"
                           r"cotton|academic|school)\b", re.I)


_SEASON_WORD = re.compile(r"(?i)season|crop|harvest|campaign|marketing")


# "the first since March", "its lowest level since 2019", "the biggest monthly volume since": what a record is
# measured against
_RECORD_SINCE = re.compile(r"\b(?:first|highest|lowest|largest|biggest|smallest|strongest|weakest|best|worst|most|"
                           r"least|fastest|slowest|steepest|sharpest|deepest|greatest|record)\b"
                           r"(?:\s+[\w-]+){0,3}\s*,?\s*$", re.I)


# A month a contract is for: "for December shipment", "January delivery", "March-loading cargoes"
_FORWARD_AFTER = re.compile(r"[\s-]+(?:shipments?|delivery|deliveries|loading|arrival|arrivals)\b", re.I)


# "2025-26 season, which runs from December to April", "2024/25 (July-June)": a season's own months
_SEASON_NOUN = r"(?i:season|campaign|crop\s+year|marketing\s+year)"
_RUNS_FROM = r"(?i:runs?|ran|running|lasts?|lasted|stretches|spans?)\s+(?i:from\s+)?"
# … and "the 2025/26 agricultural season (September-August)", "the 2025/26 season that ended on Aug. 31": a
# season that ends with a month is the twelve months up to it
_ENDED = r"(?i:that|which)\s+(?i:ended|ends|closed|closes|finished)|(?i:ending|closing)"
_SEASON_MONTHS = re.compile(
    rf"(?:\s+(?:[A-Za-z]+\s+){{0,2}}?{_SEASON_NOUN})?(?:,?\s*(?i:which\s+)?{_RUNS_FROM}"
    rf"(?P<m1>{_MONTH})\s+(?i:to|through|until|till|and)\s+(?P<m2>{_MONTH})"
    rf"|\s*\((?P<m1b>{_MONTH})\s*(?:-|–|(?i:to))\s*(?P<m2b>{_MONTH})\)"
    rf"|,?\s+(?:{_ENDED})\s+(?i:on\s+|in\s+)?(?:{_DAY}\s+)?(?P<me>{_MONTH}))")


# "The Peruvian blueberry export campaign, which runs from June to May, closed …" told apart from its years
_SEASON_RUNS = re.compile(rf"{_SEASON_NOUN}\b[^.;]{{0,30}}?,?\s*(?i:which\s+)?{_RUNS_FROM}"
                          rf"(?P<m1>{_MONTH})\s+(?i:to|through|until|till)\s+(?P<m2>{_MONTH})")
# "since the start of 2025/26 (September 2025 – May 2026)": the months so far of a season, so its first month
_SEASON_SO_FAR = re.compile(rf"\b(?:19|20)\d\d\s*[/–-]\s*\d\d(?:\d\d)?\s*\(\s*(?P<m1>{_MONTH})\s+(?:19|20)\d\d\s*"
                            rf"[-–—]\s*(?:{_MONTH})\s+(?:19|20)\d\d\s*\)")
# "Chileprunes, 01/04-31/03" under a table of seasons: the season's first and last days, day before month
_SEASON_DAYS = re.compile(r"\b0?1[/.](?P<m1>0[1-9]|1[0-2])\s*[-–]\s*(?:28|29|30|31)[/.](?P<m2>0[1-9]|1[0-2])\b"
                          r"(?![/.]\d)")
_TWO_YEARS = re.compile(r"(\d{4})/(\d{4})")


_FOUR_DIGITS = re.compile(r"\d{4}")


def years_moved(value: str, by: int) -> str:
    """An ISO date, month, year or span with every year moved by `by` ("2025-01/2025-06", 1: "2026-01/2026-06")."""
    return _FOUR_DIGITS.sub(lambda y: str(int(y.group(0)) + by), value)


def with_season_months(value: str, text: str) -> str:
    """A season of two calendar years ("2025/2026") as the months an article says its seasons run: in so many
    words, or by the months so far of one season ("2025/26 (September 2025 – May 2026)": seasons start in
    September)."""
    years = _TWO_YEARS.fullmatch(value)
    if years is None or int(years[2]) != int(years[1]) + 1:
        return value
    months = _SEASON_RUNS.search(text)
    if months is not None:
        lo, hi = _month(months["m1"]), _month(months["m2"])
    elif (so_far := _SEASON_SO_FAR.search(text)) is not None:
        lo = _month(so_far["m1"])
        hi = 12 if lo == 1 else lo - 1
    elif (days := _SEASON_DAYS.search(text)) is not None and int(days["m2"]) % 12 == int(days["m1"]) - 1:
        lo, hi = int(days["m1"]), int(days["m2"])
    else:
        return value
    a = int(years[1])
    return f"{a}-{lo:02d}/{a + 1 if hi < lo else a}-{hi:02d}"


def _fiscal_words_around(text: str, start: int, end: int) -> bool:
    """"fiscal 2023", "FY2022-23", "the 2017-18 financial year"."""
    return bool(_FISCAL_BEFORE.search(text, max(0, start - 20), start) or _FISCAL_AFTER.match(text, end))


class _FiscalYear(NamedTuple):
    """How a country's government counts its fiscal year (dates.yaml, `fiscal_years`)."""

    start: int  # its first month
    named: str  # named after the year it "start"s or "end"s in
    mid: bool  # it starts mid-month, so its first and last months are both partly in it
    era: int  # years its own calendar runs ahead of the Gregorian one (Nepal's Bikram Sambat: 57)


@cache
def dates_data() -> dict:
    """dates.yaml, read once: the words a year may not follow, fiscal years, marketing years."""
    return yaml.safe_load((DATA / "dates.yaml").read_text(encoding="utf-8")) or {}


@cache
def _fiscal_years() -> dict[str, _FiscalYear]:
    """Country -> how its government's fiscal year runs."""
    data = dates_data()
    return {str(code): _FiscalYear(int(v["start"]), str(v.get("named") or "end"), bool(v.get("mid")),
                                   int(v.get("era") or 0))
            for code, v in (data.get("fiscal_years") or {}).items()}


@cache
def _data_patterns() -> dict[str, re.Pattern[str]]:
    """Seasons and years, and what a year may not follow (dates.yaml)."""
    data = dates_data()
    forms = sorted((str(w) for w in data.get("not_year_after") or []), key=len, reverse=True)
    not_year = "|".join(r"\s+".join(map(re.escape, w.split())) for w in forms) or "(?!)"
    return {
        # "2017/18", "2019-2021", "FY2022-23"; "FY22/23", "MY 22/23"
        "season": _c(rf"(?P<a>{_YEAR_AT}){_SEASON_TAIL}(?:\s+(?i:season|campaign)\b)?"),
        "short_season": _c(r"\b[FM]Y\s*'?(?P<a2>\d\d)\s*[-–/]\s*(?P<b2>\d\d)(?!\d)"),
        # "2016", "FY2023"; "FY23"
        "year": _c(rf"(?P<y>{_YEAR_AT}){_NOT_YEAR_TAIL}"),
        "short_fiscal_year": _c(r"\bFY\s*'?(?P<y2>\d\d)(?![\d/-])"),
        "not_year": _c(rf"(?i:\b(?:{not_year}))\s*$"),
    }


def _month(token: str) -> int:
    return MONTHS[token.strip(". ").lower()[:3]]


def _day(token: str) -> int:
    return int(re.sub(r"\D", "", token))


def _ym(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _ymd(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


class _Resolver:
    """Resolves one match at a time; remembers the last period for "the same period"."""

    def __init__(self, published: str | None, country: str | None = None) -> None:
        self.fiscal = _fiscal_years().get(country or "")
        self.pub: date | None = None
        if published:
            try:
                self.pub = date.fromisoformat(str(published)[:10])
            except ValueError:
                self.pub = None
        self.last_period: tuple[tuple[int, ...], tuple[int, ...]] | None = None

    # -- years

    def year(self, expr: str | None) -> int | None:
        if not expr:
            return None
        if expr[:4].isdigit():
            return int(expr[:4])
        if self.pub is None:
            return None
        words = expr.lower().split()
        if words[0] in {"last", "previous", "past", "a"} or words[-1] in {"earlier", "before", "ago"} or (
                "previous" in words or words[:2] == ["the", "last"]):
            return self.pub.year - 1
        if words[0] == "next":
            return self.pub.year + 1
        return self.pub.year

    def year_for_month(self, month: int) -> int | None:
        """A month without a year: the most recent such month not after publication."""
        if self.pub is None:
            return None
        return self.pub.year if month <= self.pub.month else self.pub.year - 1

    def year_for_day(self, month: int, day: int) -> int | None:
        """A day without a year: the latest such day up to two months after publication."""
        if self.pub is None:
            return None
        for y in (self.pub.year + 1, self.pub.year, self.pub.year - 1):
            try:
                if (date(y, month, day) - self.pub).days <= 60:
                    return y
            except ValueError:
                continue
        return None

    # -- handlers; each returns an ISO value or None

    def range_(self, m: re.Match[str]) -> str | None:
        a, b = _point(m["a"]), _point(m["b"])
        if a is None or b is None:
            return None
        yb = self.year(m["yb"]) if m["yb"] else None
        ya = int(m["ya"]) if m["ya"] else None
        if m["fy"]:  # a month from the fiscal year's first on is in its first calendar year, else in its second
            first_year = int(m["fy"]) if len(m["fy"]) == 4 else 2000 + int(m["fy"])
            ya = first_year if a[0] >= (self.fiscal[0] if self.fiscal else 4) else first_year + 1
            yb = ya if a[0] <= b[0] else ya + 1
        if yb is None and ya is None:
            yb = self.year_for_month(b[0])
            if yb is None:
                return None
        if yb is None:
            yb = ya
        if ya is None:
            ya = yb if a[0] <= b[0] else yb - 1
        assert ya is not None and yb is not None
        # "October 1 - January 11"; "October-January 11": from the first month's first day ("April 2025 to 31
        # January 2026" is the months from April to January)
        if b[1] is not None and not (a[1] is None and b[1] == calendar.monthrange(yb, b[0])[1]):
            lo, hi = _ymd(ya, a[0], a[1] if a[1] is not None else 1), _ymd(yb, b[0], b[1])
            if lo is None or hi is None:
                return None
            self.last_period = ((ya, a[0], a[1] if a[1] is not None else 1), (yb, b[0], b[1]))
            return f"{lo}/{hi}"
        self.last_period = ((ya, a[0]), (yb, b[0]))
        return f"{_ym(ya, a[0])}/{_ym(yb, b[0])}"

    def two_months(self, m: re.Match[str]) -> str | None:
        first = next(i for i in range(12) if m[f"a{i}"])  # the pattern holds only months in a row
        a, b = (first + 1, None), (first + 1) % 12 + 1
        yb = self.year(m["yb"]) if m["yb"] else self.year_for_month(b)
        if yb is None:
            return None
        ya = yb if a[0] < b else yb - 1
        self.last_period = ((ya, a[0]), (yb, b))
        return f"{_ym(ya, a[0])}/{_ym(yb, b)}"

    def dayrange(self, m: re.Match[str]) -> str | None:
        if m["m2"]:
            month, d1, d2, year = _month(m["m2"]), _day(m["d3"]), _day(m["d4"]), m["y2"]
        else:
            month, d1, d2, year = _month(m["m"]), _day(m["d1"]), _day(m["d2"]), m["y"]
        y = int(year) if year else self.year_for_day(month, d2)
        if y is None or d1 >= d2:
            return None
        lo, hi = _ymd(y, month, d1), _ymd(y, month, d2)
        if lo is None or hi is None:
            return None
        self.last_period = ((y, month, d1), (y, month, d2))
        return f"{lo}/{hi}"

    def part(self, m: re.Match[str]) -> str | None:
        n = ORDINALS[m["ord"].lower()]
        size = 3 if m["kind"].lower().startswith("q") else 6
        count = 12 // size
        if n == -1:
            n = count
        if n > count:
            return None
        if m["fiscal"] and self.fiscal is not None:
            return self._fiscal_part(m, n, size)
        y = self.year(m["y"]) if m["y"] else None
        if y is None:
            if self.pub is None:
                return None
            # Without a year: the most recent such part that has begun by publication.
            y = self.pub.year if (n - 1) * size + 1 <= self.pub.month else self.pub.year - 1
        return self._months(y, (n - 1) * size + 1, n * size)

    def month_quarter(self, m: re.Match[str]) -> str | None:
        last = _month(m["m"] or m["m2"])
        written = m["y"] or m["y2"]
        y = int(written) if written else self.year_for_month(last)
        if y is None:
            return None
        if last >= 3:
            return self._months(y, last - 2, last)
        self.last_period = ((y - 1, last + 10), (y, last))  # "the January quarter": November to January
        return f"{_ym(y - 1, last + 10)}/{_ym(y, last)}"

    def _fiscal_part(self, m: re.Match[str], n: int, size: int) -> str | None:
        """The n-th quarter or half of a country's fiscal year: its months counted from the year's first."""
        return self._fiscal_months(m, (n - 1) * size, size)

    def _fiscal_months(self, m: re.Match[str], skip: int, count: int) -> str | None:
        """`count` months of a country's fiscal year, after its first `skip` months."""
        first_month, named = self.fiscal.start, self.fiscal.named  # type: ignore[union-attr]
        start_year = self._fiscal_start(m, first_month, named)
        if start_year is None:
            return None
        first = (start_year * 12 + first_month - 1) + skip  # months since year 0
        # (a year that starts mid-month: "the first four months" run from mid-July to mid-November)
        last = first + count - (0 if self.fiscal.mid else 1)  # type: ignore[union-attr]
        return f"{first // 12:04d}-{first % 12 + 1:02d}/{last // 12:04d}-{last % 12 + 1:02d}"

    def _in_era(self, year: int) -> int:
        """A year written in the country's own era ("fiscal year 2083/84" in Nepal) as the Gregorian year."""
        if self.fiscal and self.fiscal.era and self.pub and year > self.pub.year + self.fiscal.era // 2:
            return year - self.fiscal.era
        return year

    def _fiscal_start(self, m: re.Match[str], first_month: int, named: str) -> int | None:
        """The calendar year a fiscal year begins in: the one written ("2023-24", "FY24"), else the one running
        at publication (a year earlier for "last")."""
        if m["fyb"]:
            return self._in_era(int(m["fyb"]))
        if m["fy"]:
            year = self._in_era(int(m["fy"]) if len(m["fy"]) == 4 else 2000 + int(m["fy"]))
            if m["fy2"] or named == "start":
                return year
            return year - 1 if first_month > 1 else year
        if self.pub is None:
            return None
        running = self.pub.year if self.pub.month >= first_month else self.pub.year - 1
        return running - 1 if (m["which"] or "").lower() in ("last", "previous", "past") else running

    def qcode(self, m: re.Match[str]) -> str | None:
        if m["q"]:
            n, size = int(m["q"][1]), 3
        else:
            n, size = int((m["h"] or "H" + m["h2"])[1]), 6
        y = self.year(m["y"]) if m["y"] else self._latest_begun((n - 1) * size + 1)
        return None if y is None else self._months(y, (n - 1) * size + 1, n * size)

    def year_range(self, m: re.Match[str]) -> str | None:
        a, b = int(m["a"]), int(m["b"])
        seasons = bool(m["a2"]) and bool(m["b2"])
        if b <= a or (bool(m["a2"]) != bool(m["b2"])) or (seasons and (int(m["a2"]) != (a + 1) % 100
                                                                     or int(m["b2"]) != (b + 1) % 100)):
            return None
        if seasons and self.fiscal is not None:  # "the fiscal years 2020-21 to 2024-25" in Pakistan
            return f"{self._fiscal_span(a).partition('/')[0]}/{self._fiscal_span(b).partition('/')[2]}"
        return f"{a}/{b + 1 if seasons else b}"

    def fused_code(self, m: re.Match[str]) -> str | None:
        y = 2000 + int(m["y"])
        if m["m"]:
            return str(y) if m["m"] == "12" else self._months(y, 1, int(m["m"]))  # the first n months
        n, size = (int(m["q"]), 3) if m["q"] else (int(m["h"]), 6)
        return self._months(y, (n - 1) * size + 1, n * size)

    def _latest_begun(self, first_month: int) -> int | None:
        """The year of the latest period starting in `first_month` that had begun by publication."""
        if self.pub is None:
            return None
        return self.pub.year if first_month <= self.pub.month else self.pub.year - 1

    def span(self, m: re.Match[str]) -> str | None:
        ord_, kind = m["ord"].lower(), m["kind"].lower()
        ord_ = "first" if ord_ in ("opening", "initial") else ord_
        n = count_of(m["n"])
        if not n:
            return None
        if kind == "days" and m["m"]:
            return self._first_days(m, ord_, n)
        if kind != "months" or n > 12 or m["m"] or _OF_A_SEASON.match(m.string, m.end()):
            return None  # (… "of the 2025/26 season": months of a season, counted from its first by its goods)
        if m["fiscal"] and self.fiscal is not None and ord_ == "first":
            return self._fiscal_months(m, 0, n)
        y = self.year(m["y"]) if m["y"] else None
        if y is not None:
            return self._months(y, 1, n) if ord_ == "first" else self._months(y, 13 - n, 12)
        if ord_ == "first":  # "the first five months" without a year: the latest such span that has ended
            y = self._latest_begun(n)
            return None if y is None else self._months(y, 1, n)
        return self._months_before_publication(n)

    def _first_days(self, m: re.Match[str], ord_: str, n: int) -> str | None:
        """"the first ten days of June"."""
        month = _month(m["m"])
        y = int(m["my"]) if m["my"] else self.year_for_month(month)
        if y is None or ord_ != "first" or n > 31:
            return None
        lo, hi = _ymd(y, month, 1), _ymd(y, month, n)
        if lo is None or hi is None:
            return None
        self.last_period = ((y, month, 1), (y, month, n))
        return f"{lo}/{hi}"

    def _months_before_publication(self, n: int) -> str | None:
        """"the past five months": the last n whole months before the month of publication."""
        if self.pub is None:
            return None
        end = self.pub.replace(day=1) - relativedelta(months=1)
        start = end - relativedelta(months=n - 1)
        self.last_period = ((start.year, start.month), (end.year, end.month))
        return f"{_ym(start.year, start.month)}/{_ym(end.year, end.month)}"

    def months_to(self, m: re.Match[str]) -> str | None:
        """"the 12 months to June", "the year ended March 2023": n months ending with the month named."""
        n = count_of(m["n"]) if m["n"] else 12
        month = _month(m["m"])
        y = int(m["y"]) if m["y"] else self.year_for_month(month)
        if not n or n > 24 or y is None:
            return None
        start = date(y, month, 1) - relativedelta(months=n - 1)
        self.last_period = ((start.year, start.month), (y, month))
        return f"{_ym(start.year, start.month)}/{_ym(y, month)}"

    def year_so_far(self, m: re.Match[str]) -> str | None:
        """"by the end of April": January to April of that year (the latest April by publication)."""
        if m.group(0)[:1] in "tT" and _RANGE_BEFORE.search(m.string, max(0, m.start() - 16), m.start()):
            return None  # "June 1 through September": a range, not the year so far
        month = _month(m["m"])
        y = int(m["y"]) if m["y"] else self.year_for_month(month)
        if y is None:
            return None
        self.last_period = ((y, 1), (y, month))
        return _ym(y, 1) if month == 1 else f"{_ym(y, 1)}/{_ym(y, month)}"

    def week_to(self, m: re.Match[str]) -> str | None:
        """"the week to Friday" (the latest Friday up to publication), "the week ended March 15"."""
        if m["w"]:
            if self.pub is None:
                return None
            end: date | None = self.pub - timedelta(days=(self.pub.weekday() - WEEKDAYS[m["w"].lower()]) % 7)
        else:
            month, d = _month(m["m1"] or m["m2"]), _day(m["d1"] or m["d2"])
            y = int(m["y"]) if m["y"] else self.year_for_day(month, d)
            iso = None if y is None else _ymd(y, month, d)
            end = None if iso is None else date.fromisoformat(iso)
        if end is None:
            return None
        start = end - timedelta(days=6)
        self.last_period = ((start.year, start.month, start.day), (end.year, end.month, end.day))
        return f"{start.isoformat()}/{end.isoformat()}"

    def iso_week(self, m: re.Match[str]) -> str | None:
        """"week 49", "in week 2 of 2026": the ISO week (Monday to Sunday) of the year named, else the one
        nearest publication."""
        week = int(m["n"])
        if m["y"]:
            y = int(m["y"])
        elif self.pub is not None:  # the nearest such week: "due in week 41" in September is this year's
            now = self.pub.isocalendar()[1]
            y = self.pub.year - 1 if week - now > 26 else self.pub.year + 1 if now - week > 26 else self.pub.year
        else:
            return None
        try:
            start = date.fromisocalendar(y, week, 1)
        except ValueError:
            return None
        end = start + timedelta(days=6)
        self.last_period = ((start.year, start.month, start.day), (end.year, end.month, end.day))
        return f"{start.isoformat()}/{end.isoformat()}"

    def since(self, m: re.Match[str]) -> str | None:
        """"since June": from that month to publication, or to the end the sentence gives; "since 2019" from
        that year to the year of publication."""
        if _RECORD_SINCE.search(m.string, max(0, m.start() - 50), m.start()):
            return None  # "the first since March", "the highest level since 2019": a record's reference, no period
        if m["yy"]:
            if self.pub is None or int(m["yy"]) > self.pub.year:
                return None
            return m["yy"] if int(m["yy"]) == self.pub.year else f"{m['yy']}/{self.pub.year}"
        month = 1 if m["ty"] is not None or m["sy"] else _month(m["m"] or m["m2"] or m["m3"])
        dtok, ytok = m["d"] or m["d2"], m["y"] or m["y3"] or m["sy"]
        y = int(ytok) if ytok else None
        if m["ty"] is not None:
            y = None if self.pub is None else self.pub.year
        if m["me"] or m["me2"]:
            return self._since_until(m, y, month, dtok)
        if self.pub is None:
            return None
        y = y if y is not None else self.year_for_month(month)
        assert y is not None
        if dtok:
            start = _ymd(y, month, _day(dtok))
            return None if start is None or start >= self.pub.isoformat() else f"{start}/{self.pub.isoformat()}"
        lo, hi = (y, month), (self.pub.year, self.pub.month)
        if lo > hi:
            return None
        self.last_period = (lo, hi)
        return _ym(*lo) if lo == hi else f"{_ym(*lo)}/{_ym(*hi)}"

    def _since_until(self, m: re.Match[str], y: int | None, month: int, day: str | None = None) -> str | None:
        """"since the campaign opened in November ... by the end of March 2018": 2017-11/2018-03; "since August 1
        … as of September 20, 2026", both days given: 2026-08-01/2026-09-20."""
        end_month = _month(m["me"] or m["me2"])
        end_day = m["de"] or m["de2"]
        end_y = int(m["ye"]) if m["ye"] else None
        if end_y is None:
            end_y = (y if end_month >= month else y + 1) if y is not None else self.year_for_month(end_month)
        if end_y is None:
            return None
        if y is None:
            y = end_y if month <= end_month else end_y - 1
        if (y, month) >= (end_y, end_month):
            return None
        if day and end_day:
            start, end = _ymd(y, month, _day(day)), _ymd(end_y, end_month, _day(end_day))
            if start is not None and end is not None:
                self.last_period = ((y, month, _day(day)), (end_y, end_month, _day(end_day)))
                return f"{start}/{end}"
        return self._months_between((y, month), (end_y, end_month))

    def _months_between(self, lo: tuple[int, int], hi: tuple[int, int]) -> str:
        self.last_period = (lo, hi)
        return f"{_ym(*lo)}/{_ym(*hi)}"

    def same(self, m: re.Match[str]) -> str | None:
        if self.last_period is None:
            return None
        lo, hi = self.last_period
        expr = (m["y"] or "").lower()
        if not expr and _OVER_THE_SAME.search(m.string, max(0, m.start() - 40), m.start()):
            return f"{_fmt(lo)}/{_fmt(hi)}"  # "Over the same period, the US took 39.6%": the period just told
        if expr[:4].isdigit():
            y = int(expr[:4])
        elif not expr or re.search(r"earlier|before|ago|^a\s", expr):
            y = hi[0] - 1  # "the same period (a year earlier)" compares with the year before
        else:
            y = self.year(expr) or hi[0] - 1
        dy = y - hi[0]
        return f"{_fmt((lo[0] + dy, *lo[1:]))}/{_fmt((hi[0] + dy, *hi[1:]))}"

    def full(self, m: re.Match[str]) -> str | None:
        month = _month(m["m1"] or m["m2"])
        d = _day(m["d1"] or m["d2"])
        ytok = m["y1"] or m["y2"]
        y = int(ytok) if ytok else self.year_for_day(month, d)
        if y is None:
            return None
        return _ymd(y, month, d)

    def iso(self, m: re.Match[str]) -> str | None:
        return _ymd(int(m["y"]), int(m["m"]), int(m["d"]))

    def nth(self, m: re.Match[str]) -> str | None:
        if self.pub is None:
            return None
        day, year, month = int(m["d"]), self.pub.year, self.pub.month
        if day > self.pub.day:
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        return _ymd(year, month, day)

    def slashed(self, m: re.Match[str]) -> str | None:
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        day_first, month_first = _ymd(y, b, a), _ymd(y, a, b)
        if day_first and month_first and self.pub is not None and day_first > self.pub.isoformat() \
                and month_first <= self.pub.isoformat():
            return month_first  # a news date is not after the article
        return day_first or month_first

    def monthyear(self, m: re.Match[str]) -> str | None:
        y = self.year(m["y"])
        return None if y is None else _ym(y, _month(m["m"]))

    def apos_month(self, m: re.Match[str]) -> str | None:
        first = _ym(2000 + int(m["y"]), _month(m["m"]))
        if not m["m2"]:
            return first
        last = _ym(2000 + int(m["y2"]), _month(m["m2"]))
        if last <= first:
            return None
        self.last_period = ((2000 + int(m["y"]), _month(m["m"])), (2000 + int(m["y2"]), _month(m["m2"])))
        return f"{first}/{last}"

    def lastmonth(self, m: re.Match[str]) -> str | None:
        if self.pub is None:
            return None
        month, rel = _month(m["m"]), m["rel"].lower()
        if rel == "last":
            y = self.pub.year if month < self.pub.month else self.pub.year - 1
        elif rel == "next":
            y = self.pub.year if month > self.pub.month else self.pub.year + 1
        else:
            y = self.pub.year
        return _ym(y, month)

    def baremonth(self, m: re.Match[str]) -> str | None:
        month = _month(m["m"])
        y = self.year_for_month(month)
        if self.pub is not None and _FORWARD_AFTER.match(m.string, m.end()):
            # "bought for December shipment" in November: the coming December, not the last
            y = self.pub.year if month >= self.pub.month else self.pub.year + 1
        return None if y is None else _ym(y, month)

    def relative(self, m: re.Match[str]) -> str | None:
        if self.pub is None:
            return None
        rel, unit = m["rel"].lower().split()[-1], m["unit"].lower()
        step = {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1}[rel]
        if m["fisc"] and self.fiscal is not None and self.fiscal.start != 1:  # "the last fiscal year" in Kenya
            running = self.pub.year if self.pub.month >= self.fiscal.start else self.pub.year - 1
            return self._fiscal_span(running + step)
        if unit in ("year", "season", "campaign"):  # "last season": the year before (a season told as its year)
            return f"{self.pub.year + step:04d}"
        if unit == "month":
            d = self.pub + relativedelta(months=step)
            return _ym(d.year, d.month)
        monday = self.pub - timedelta(days=self.pub.weekday()) + timedelta(weeks=step)
        if step == 0:
            return None
        return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"

    def dayword(self, m: re.Match[str]) -> str | None:
        if self.pub is None:
            return None
        step = {"today": 0, "yesterday": -1, "tomorrow": 1}[m["w"].lower()]
        return (self.pub + timedelta(days=step)).isoformat()

    def weekday(self, m: re.Match[str]) -> str | None:
        if self.pub is None:
            return None
        wd = WEEKDAYS[m["w"].lower()]
        rel = (m["rel"] or "").lower()
        if m["dn"] and (confirmed := self._weekday_numbered(wd, int(m["dn"]))) is not None:
            return confirmed
        if rel == "next":
            ahead = (wd - self.pub.weekday()) % 7 or 7
            return (self.pub + timedelta(days=ahead)).isoformat()
        if rel == "this":  # the day of the publication's week (Monday to Sunday)
            return (self.pub + timedelta(days=wd - self.pub.weekday())).isoformat()
        # the latest such day up to publication: "signed on Thursday" in a Thursday story is that day (a week
        # before, news says "last Thursday")
        back = (self.pub.weekday() - wd) % 7 or (7 if rel == "last" else 0)  # "last Tuesday" on a Tuesday: before
        return (self.pub - timedelta(days=back)).isoformat()

    def _weekday_numbered(self, wd: int, day: int) -> str | None:
        """"Friday (14)": the Friday the 14th nearest publication, within ten days of it."""
        assert self.pub is not None
        for offset in sorted(range(-10, 11), key=abs):
            d = self.pub + timedelta(days=offset)
            if d.weekday() == wd and d.day == day:
                return d.isoformat()
        return None

    def season(self, m: re.Match[str]) -> str | None:
        """"2017/18", "FY2022-23", "FY22/23": the two calendar years "2017/2018"; "2019-2021" likewise.

        A fiscal year of a country whose fiscal year is known is its months: "the 2017-18 financial year"
        in Australia is 2017-07/2018-06."""
        if m.groupdict().get("a2"):
            a, b = 2000 + int(m["a2"]), 2000 + int(m["b2"])
            if b != a + 1:
                return ""
            return self._fiscal_span(a) if self.fiscal and m.group(0).startswith("F") else f"{a}/{b}"
        a, raw = int(m["a"]), m["b"]
        if len(raw) == 4:
            b = int(raw)
        else:
            b = a - a % 100 + int(raw)
            b = b + 100 if b <= a else b
        if self._in_era(a) != a:
            a, b = self._in_era(a), self._in_era(b)  # "fiscal year 2081/82" in Nepal: 2024/25
        months = _SEASON_MONTHS.match(m.string, m.end()) if b == a + 1 else None
        if months and months["me"]:  # "the 2025/26 season that ended on Aug. 31": the twelve months to August
            hi = _month(months["me"])
            lo = hi % 12 + 1
            return f"{a if lo > 1 else b}-{lo:02d}/{b}-{hi:02d}"
        if months:  # "the 2025-26 season, which runs from December to April": those months
            lo, hi = _month(months["m1"] or months["m1b"]), _month(months["m2"] or months["m2b"])
            return f"{a}-{lo:02d}/{b if hi < lo else a}-{hi:02d}"
        if b == a + 1 and self.fiscal and _fiscal_words_around(m.string, m.start(), m.end()):
            return self._fiscal_span(a)
        if b == a + 1 and len(raw) == 2 and self.fiscal and self.fiscal[0] != 1 and "-" in m.group(0) \
                and not _SEASON_AFTER.match(m.string, m.end()) and not _SEASON_WORD.search(m.group(0)):
            # "exports reached $41bn in 2024-25" in an Indian story: the way its fiscal years are written
            return self._fiscal_span(a)
        if len(raw) == 4 or b == a + 1:
            return f"{a}/{b}" if b > a else ""
        sep = m.group(0)[m.end("a") - m.start():m.start("b") - m.start()].strip()
        return _ym(a, int(raw)) if sep == "-" and 1 <= int(raw) <= 12 else ""  # "2022-05"

    def iranian_year(self, m: re.Match[str]) -> str | None:
        """A solar Hijri year as the calendar months it spans (March to March: its days from the 21st)."""
        if m["y"]:
            start = int(m["y"]) + 621
        elif self.pub is None:
            return None
        else:
            start = self.pub.year if (self.pub.month, self.pub.day) >= (3, 21) else self.pub.year - 1
            start -= (m["rel"] or "").lower() in ("past", "last", "previous")
        return f"{start:04d}-03/{start + 1:04d}-03"

    def iranian_months(self, m: re.Match[str]) -> str | None:
        """The first months of a solar Hijri year as days: "the first five months of the current Iranian year" in
        September 2026 is 2026-03-21/2026-08-22."""
        import jdatetime  # the solar Hijri calendar, for the few Iranian stories that count in it

        n = {"quarter": 3, "half": 6}.get((m["q"] or "").lower()) or count_of(m["n"] or "")
        if not n or n > 12:
            return None
        if m["y"]:
            year = int(m["y"])
        elif self.pub is None:
            return None
        else:
            year = jdatetime.date.fromgregorian(date=self.pub).year
            year -= (m["rel"] or "").lower() in ("past", "last", "previous")
        last_day = 31 if n <= 6 else 30 if n <= 11 else (30 if jdatetime.date(year, 1, 1).isleap() else 29)
        lo = jdatetime.date(year, 1, 1).togregorian()
        hi = jdatetime.date(year, n, last_day).togregorian()
        self.last_period = ((lo.year, lo.month, lo.day), (hi.year, hi.month, hi.day))
        return f"{lo.isoformat()}/{hi.isoformat()}"

    def yearonly(self, m: re.Match[str]) -> str | None:
        if m.groupdict().get("y2"):
            y = 2000 + int(m["y2"])  # "FY23"
            return self._fiscal_year(y) if self.fiscal else str(y)
        pats = _data_patterns()
        if pats["not_year"].search(m.string, max(0, m.start("y") - 25), m.start("y")):
            return None  # "HS 2009", "Article 1995", "Vision 2030"
        if counted(m.string, m.start("y"), m.end()):
            return None  # "2000 tonnes", "Rs 2020 a quintal"
        if self.fiscal and _fiscal_words_around(m.string, m.start("y"), m.end()):
            return self._fiscal_year(int(m["y"][:4]))
        return m["y"][:4]

    def _fiscal_year(self, y: int) -> str:
        """"FY2023": the months of the fiscal year named 2023 (Japan names it after the year it starts in)."""
        assert self.fiscal is not None
        first, named = self.fiscal.start, self.fiscal.named
        return self._fiscal_span(y if named == "start" or first == 1 else y - 1)

    def _fiscal_span(self, y: int) -> str:
        """The fiscal year that starts in `y`."""
        assert self.fiscal is not None
        lo = date(y, self.fiscal[0], 1)
        hi = lo + relativedelta(months=12 if self.fiscal.mid else 11)  # mid-July to mid-July: both Julys
        return self._months_between((lo.year, lo.month), (hi.year, hi.month))

    def _months(self, y: int, a: int, b: int) -> str:
        self.last_period = ((y, a), (y, b))
        return f"{_ym(y, a)}/{_ym(y, b)}"


def count_of(raw: str) -> int | None:
    """"8", "eight": a small number written in figures or words."""
    raw = raw.lower()
    return int(raw) if raw.isdigit() else SMALL.get(raw)


def _fmt(parts: tuple[int, ...]) -> str:
    return "-".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])])


_POINT_RE = re.compile(rf"{_QUAL}(?:(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})|(?P<d2>{_DAY})\s+(?P<m2>{_MONTH})"
                       rf"|(?P<m3>{_MONTH}))")


def _point(text: str) -> tuple[int, int | None] | None:
    """(month, day or None) of one end of a range; a qualified month ("mid-March") has no day."""
    m = _POINT_RE.fullmatch(text.strip())
    if m is None:
        return None
    month = _month(m["m1"] or m["m2"] or m["m3"])
    d = m["d1"] or m["d2"]
    return month, (_day(d) if d else None)


_Handler = Callable[[_Resolver, re.Match[str]], str | None]

# Cheap gates: a pattern runs over a paragraph only when its key words are there, and
# from at most `reach` characters before the first of them ("from the beginning of 1st March").
@dataclass(frozen=True)
class _Gate:
    regex: re.Pattern[str] | None = None  # case-sensitive gates
    words: tuple[str, ...] = ()  # lower-case substrings, looked up in the lower-cased text
    reach: int = 60

    def __post_init__(self) -> None:
        # one search for all the words: the leftmost match is the first of them
        object.__setattr__(self, "_words", re.compile("|".join(map(re.escape, self.words))) if self.words else None)

    def start(self, text: str, low: str, a: int, b: int) -> int:
        """Where scanning may start in text[a:b], or -1 when the gate word is absent."""
        if self.regex is not None:
            m = self.regex.search(text, a, b)
            return -1 if m is None else max(a, m.start() - self.reach)
        m = self._words.search(low, a, b)  # type: ignore[attr-defined]
        if m is None:
            return -1
        return max(a, m.start() - self.reach) if len(low) == len(text) else a


_G_MONTH = _Gate(re.compile(_MONTH))  # a month name, not "Market" or "Decision"
_G_SPAN = _Gate(words=("quarter", "qtr", "half", "months", "days", "weeks"), reach=30)
# "Q1", "H2", "1H", and the short fiscal and marketing years "FY23", "MY22/23"; a character class first lets
# the engine skip fast to where one may start
_G_CODE = _Gate(re.compile(r"[QH12FM](?:(?<=[QH])[1-4]|(?<=[12])H|(?<=[FM])Y)"), reach=0)
_G_FUSED = _Gate(re.compile(r"\d[QHM]\d\d"), reach=2)
_G_REL = _Gate(words=("year", "month", "week", "season", "campaign"), reach=30)
_G_WEEKDAY = _Gate(re.compile(r"day\b"), reach=30)
# Rare words, one gate for their patterns: "since June", "the week to Friday", "the 12 months to June",
# "the same period", "yesterday"
_G_RARE = _Gate(words=("since", "week to", "week end", "months to", "months end", "year to", "year end", "end of",
                       "end-", "through", "thru", "until", "till", "up to",
                       "same", "corresponding", "comparable", "today", "yesterday", "tomorrow"), reach=40)
_G_YEAR = _Gate(re.compile(r"(?:19|20)\d\d"), reach=10)
_G_NTH = _Gate(re.compile(r"\d(?:st|nd|rd|th)\b"), reach=20)


@cache
def _plan() -> tuple[list[_Gate], list[tuple[re.Pattern[str], int, _Handler]]]:
    """The patterns in rank order (which wins between candidates of equal span), each with its gate's index:
    a gate is computed once per paragraph."""
    data = _data_patterns()
    patterns: list[tuple[re.Pattern[str], _Handler, _Gate]] = [
        (_RANGE, _Resolver.range_, _G_MONTH),
        (_BETWEEN, _Resolver.range_, _G_MONTH),
        (_TWO_MONTHS, _Resolver.two_months, _G_MONTH),
        (_DAYRANGE, _Resolver.dayrange, _G_MONTH),
        (_SINCE, _Resolver.since, _G_RARE),
        (_WEEKTO, _Resolver.week_to, _G_RARE),
        (_ISO_WEEK, _Resolver.iso_week, _G_REL),
        (_MONTHSTO, _Resolver.months_to, _G_RARE),
        (_YEAR_SO_FAR, _Resolver.year_so_far, _G_RARE),
        (_IRANIAN_MONTHS, _Resolver.iranian_months, _G_SPAN),
        (_SPAN, _Resolver.span, _G_SPAN),
        (_PART, _Resolver.part, _G_SPAN),
        (_MONTH_QUARTER, _Resolver.month_quarter, _G_SPAN),
        (_QCODE, _Resolver.qcode, _G_CODE),
        (_FUSED_CODE, _Resolver.fused_code, _G_FUSED),
        (_YEAR_RANGE, _Resolver.year_range, _G_YEAR),
        (_SAME, _Resolver.same, _G_RARE),
        (_FULL, _Resolver.full, _G_MONTH),
        (_ISO, _Resolver.iso, _G_YEAR),
        (_DOTTED, _Resolver.iso, _G_YEAR),
        (_SLASHED, _Resolver.slashed, _G_YEAR),
        (_YMD_SLASHED, _Resolver.iso, _G_YEAR),
        (_NTH, _Resolver.nth, _G_NTH),
        (_APOS_MONTH, _Resolver.apos_month, _G_MONTH),
        (_MONTHYEAR, _Resolver.monthyear, _G_MONTH),
        (_LASTMONTH, _Resolver.lastmonth, _G_MONTH),
        (_BAREMONTH, _Resolver.baremonth, _G_MONTH),
        (_MONTH_ALONE, _Resolver.baremonth, _G_MONTH),
        (_IRANIAN_YEAR, _Resolver.iranian_year, _G_REL),
        (_RELATIVE, _Resolver.relative, _G_REL),
        (_DAYWORD, _Resolver.dayword, _G_RARE),
        (_WEEKDAY, _Resolver.weekday, _G_WEEKDAY),
        (data["short_season"], _Resolver.season, _G_CODE),
        (data["season"], _Resolver.season, _G_YEAR),
        (data["short_fiscal_year"], _Resolver.yearonly, _G_CODE),
        (data["year"], _Resolver.yearonly, _G_YEAR),
    ]
    gates = list(dict.fromkeys(gate for _, _, gate in patterns))
    return gates, [(pattern, gates.index(gate), handler) for pattern, handler, gate in patterns]


_PARAGRAPH = re.compile(r"[^\n]+")


def _candidates(text: str) -> list[tuple[int, int, int, re.Match[str]]]:
    gates, plan = _plan()
    found = []
    low = text.lower()
    spans = [(0, len(text))] if text and "\n" not in text else [p.span() for p in _PARAGRAPH.finditer(text)]
    for a, b in spans:
        starts = [gate.start(text, low, a, b) for gate in gates]
        for rank, (pattern, g, _) in enumerate(plan):
            pos = starts[g]
            if pos >= 0:
                found += [(*_trim(text, m.start(), m.end()), rank, m)
                          for m in pattern.finditer(text, pos, b) if m.end() > m.start()]
    return found


def find_dates(text: str, published: str | None, country: str | None = None) -> list[DateMention]:
    """Date expressions in `text`, in order, each with its ISO value.

    `country` (ISO alpha-2), when the caller knows whose fiscal year the text means, turns a fiscal year
    ("FY2023", "the 2017-18 financial year") into its months (dates.yaml `fiscal_years`); without it a
    fiscal year stays the year named ("2023") or the two calendar years ("2017/2018").
    """
    found = _candidates(text)
    kept = _longest_first(found, len(text)) if len(found) > 1 else found
    plan = _plan()[1]
    resolver = _Resolver(published, country)
    out = []
    told_until = -1  # the end of a season's own months ("…, which runs from December to April"), told with it
    for start, end, rank, m in kept:  # in text order, so "the same period" sees the period before it
        if start < told_until:
            continue
        value = plan[rank][2](resolver, m)
        if value:
            out.append(DateMention(start, end, value))
            months = _SEASON_MONTHS.match(text, m.end()) if "/" in value and "-" in value[:7] else None
            told_until = months.end() if months else told_until
    return _year_told_again(text, _refined_in_brackets(text, out))


def fiscal_where_named(found: list[DateMention], article: str, published: str | None,
                       country: str | None) -> list[DateMention]:
    """A split year written bare ("exports reached 40,215 tonnes in 2025/2026") that the article names a fiscal
    year elsewhere ("in the 2025-26 fiscal year") is that fiscal year: its months where the country's are known."""
    fiscal = _fiscal_years().get(country or "")
    if fiscal is None or not article:
        return found
    out = []
    for d in found:
        years = _TWO_YEARS.fullmatch(d.value)
        if years and int(years[2]) == int(years[1]) + 1 and any(
                _fiscal_words_around(article, m.start(), m.end())
                for m in re.finditer(rf"\b{years[1]}\s*[/–-]\s*(?:{years[2][:2]})?{years[2][2:]}\b", article)):
            d = DateMention(d.start, d.end, _Resolver(published, country)._fiscal_span(int(years[1])))
        out.append(d)
    return out


# "the first nine months (January-September) of this year": the year the months are of, no period of its own
_OF_ITS_YEAR = re.compile(r"\s*(?:\([^()]{1,30}\)\s*)?of\s+(?:the\s+)?$")


def _year_told_again(text: str, found: list[DateMention]) -> list[DateMention]:
    """Drop a year that only says which year the months told just before are of."""
    out: list[DateMention] = []
    for d in found:
        if out and len(d.value) == 4 and out[-1].value.startswith(d.value) and len(out[-1].value) > 4 \
                and _OF_ITS_YEAR.fullmatch(text, out[-1].end, d.start):
            continue
        out.append(d)
    return out


# "… of the current Iranian calendar year (March 21-November 21)": the days in brackets say which period
_BRACKET_AFTER = re.compile(r"[^.;()\d]{0,50}\(\s*$")


def _refined_in_brackets(text: str, found: list[DateMention]) -> list[DateMention]:
    """A period followed by its own days in brackets is those days: the bracketed range takes its place."""
    out: list[DateMention] = []
    for i, d in enumerate(found):
        nxt = found[i + 1] if i + 1 < len(found) else None
        if nxt is not None and "/" in d.value and "/" in nxt.value and len(nxt.value) == 21 \
                and _BRACKET_AFTER.fullmatch(text, d.end, nxt.start) and text.startswith(")", nxt.end):
            if out and "/" in out[-1].value and re.fullmatch(r"\s+of\s+", text[out[-1].end:d.start]):
                out.pop()  # "the first two months of the Iranian year (March 21-May 21)": all of it is told again
            continue
        out.append(d)
    return out


def _longest_first(found: list[tuple[int, int, int, re.Match[str]]], size: int
                   ) -> list[tuple[int, int, int, re.Match[str]]]:
    """Longest candidate first (then pattern order); a candidate overlapping a kept one is dropped."""
    found.sort(key=lambda f: (f[0] - f[1], f[2], f[0]))
    taken = bytearray(size + 1)  # 1 where a kept candidate lies: each check costs only its own length
    kept = []
    for f in found:
        if taken.find(1, f[0], f[1]) < 0:
            kept.append(f)
            taken[f[0]:f[1]] = b"\x01" * (f[1] - f[0])
    kept.sort(key=lambda f: f[0])
    return kept


_LEAD = re.compile(r"(?i:in|on|of|since|until|till|by|during|throughout|for|through|at)\s+")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the date itself, without a leading preposition or trailing comma."""
    while start < end and text[start].isspace():
        start += 1
    lead = _LEAD.match(text, start, end)
    if lead:
        start = lead.end()
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    return start, end
