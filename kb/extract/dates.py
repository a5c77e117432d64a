"""Date expressions in news text, resolved against the publication date.

`find_dates` finds candidates with a few precompiled patterns and turns each
into an ISO value at the precision the text supports: `2023-09-22` (a day),
`2023-08` (a month), `2023` (a year) or an interval `2024-01/2024-05`.
Relative expressions ("on Friday", "last month", "in January", "the same
period of 2023") are resolved against `published` (ISO `YYYY-MM-DD`); without
it they are skipped. Overlapping candidates: the longest wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta


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
_MONTH = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
          r"Aug(?:ust|\.)?|Sep(?:tember|t\.|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
          r"(?![a-z])")
_YEAR = r"(?:19[5-9]\d|20\d\d)(?![\d,.]\d)"
# A year as a number or relative to publication.
_YEAR_EXPR = (rf"(?:{_YEAR}|(?i:this|last|next|the\s+current|the\s+previous|the\s+past|a)\s+year"
              r"|(?i:the\s+)?year\s+(?:earlier|before|ago))")
_DAY = r"(?<![\d.,])(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_QUAL = r"(?:(?i:mid-?|early[\s-]|late[\s-]|the\s+(?:end|beginning|start|middle)\s+of\s+))?"
# One end of a range: "Jan. 1", "1 January", "mid-March", "March".
_POINT = rf"{_QUAL}(?:{_MONTH}\s+{_DAY}(?![\d:])|{_DAY}\s+{_MONTH}|{_MONTH})"
_NUM = r"(?:\d{1,2}|" + "|".join(SMALL) + ")"


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# Order matters only between candidates of equal span.
_RANGE_TAIL = rf"(?P<b>{_POINT})(?:,?\s+(?:(?i:of)\s+)?(?P<yb>{_YEAR_EXPR}))?"
_RANGE = _c(rf"(?=(?i:[fmelt])|[JFMASOND0-9])(?:(?i:from)\s+)?(?P<a>{_POINT})(?:,?\s+(?P<ya>{_YEAR}))?"
            rf"\s*(?:-|–|—|(?i:to|through|till|until))\s*" + _RANGE_TAIL)
# "and" joins a range only after "between": "in March and May" may be two months.
_BETWEEN = _c(rf"(?i:between)\s+(?P<a>{_POINT})(?:,?\s+(?P<ya>{_YEAR}))?\s+(?i:and)\s+" + _RANGE_TAIL)
_DAYRANGE = _c(rf"(?=[0-9])(?P<d1>{_DAY})\s*(?:-|–|(?i:to|and))\s*(?P<d2>{_DAY})\s+(?P<m>{_MONTH})"
               rf"(?:,?\s+(?P<y>{_YEAR}))?")
_PART = _c(rf"(?=(?i:[tsf])|[1-4])(?i:the\s+)?(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th|final))[\s-]+"
           rf"(?P<kind>(?i:quarter|half))(?![a-z])(?:\s+(?i:of)\s+(?:(?i:the\s+)?(?i:year)\b|(?P<y>{_YEAR_EXPR})))?")
_QCODE = _c(rf"\b(?:(?P<q>Q[1-4])|(?P<h>H[12])|(?P<h2>[12])H)\s*(?P<y>{_YEAR})")
_SPAN = _c(rf"(?=(?i:[tflp]))(?i:the\s+)?(?P<ord>(?i:first|last|final|past))\s+(?P<n>(?i:{_NUM}))\s+"
           rf"(?P<kind>(?i:months|days|weeks))(?:\s+(?i:of)\s+(?:(?P<m>{_MONTH})(?:\s+(?P<my>{_YEAR}))?|"
           rf"(?i:the\s+year)\b|(?P<y>{_YEAR_EXPR})))?")
_SAME = _c(rf"(?i:the\s+)?(?i:same|corresponding|comparable)\s+(?i:period|months?|time)"
           rf"(?:\s+(?:(?i:of|in|a)\s+)?(?P<y>{_YEAR_EXPR}|{_YEAR}))?")
_FULL = _c(rf"(?=(?i:[melt])|[JFMASOND0-9])"
           rf"(?:{_QUAL}(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})(?![\d:])(?:,?\s+(?P<y1>{_YEAR}))?"
           rf"|{_QUAL}(?P<d2>{_DAY})\s+(?:(?i:of)\s+)?(?P<m2>{_MONTH})(?:,?\s+(?P<y2>{_YEAR}))?)")
_ISO = _c(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")
_DOTTED = _c(r"\b(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)\b")
_MONTHYEAR = _c(rf"(?=(?i:[tmel])|[JFMASOND])(?:(?i:the\s+(?:whole\s+)?(?:month\s+)?of)\s+)?{_QUAL}(?P<m>{_MONTH}),?\s+"
                rf"(?:(?i:of)\s+)?(?P<y>{_YEAR_EXPR})")
_LASTMONTH = _c(rf"(?P<rel>(?i:last|this|next|(?:earlier|later)\s+this))\s+(?P<m>{_MONTH})")
_BAREMONTH = _c(r"(?=(?i:[iosutbdfmelt]))(?:(?i:in|of|since|until|till|by|during|from|throughout|for|through)\s+"
                r"(?:(?i:the\s+(?:whole\s+)?(?:month\s+)?of)\s+)?"
                r"|(?i:mid-?|early\s+|late\s+|the\s+(?:end|beginning|start|middle)\s+of\s+))"
                rf"(?P<m>{_MONTH})")
_RELATIVE = _c(r"(?i:\b(?P<rel>(?:earlier\s+|later\s+)?(?:this|last|next|past)|previous|the\s+previous)"
               r"\s+(?P<unit>year|month|week)\b)")
_DAYWORD = _c(r"\b(?P<w>(?i:today|yesterday|tomorrow))\b")
_WEEKDAY = _c(r"(?=(?i:[ltnop])|[MTWFS])"
              r"(?:(?P<rel>(?i:last|this|next|on|past))\s+)?(?P<w>Monday|Tuesday|Wednesday|Thursday|Friday"
              r"|Saturday|Sunday)\b")
_SEASON = _c(rf"\b{_YEAR}[-–/](?:\d\d|{_YEAR})\b")  # "2017-18" seasons: no ISO value, but not "2017"
_YEARONLY = _c(rf"(?<![\d$€£.,/-])(?=(?i:f)|[12])(?:(?i:fiscal|FY)\s*)?(?P<y>{_YEAR})(?![\d%-]|\s*(?:%|percent))")


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

    def __init__(self, published: str | None) -> None:
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
                "previous" in words):
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
        if yb is None and ya is None:
            yb = self.year_for_month(b[0])
            if yb is None:
                return None
        if yb is None:
            yb = ya
        if ya is None:
            ya = yb if a[0] <= b[0] else yb - 1
        assert ya is not None and yb is not None
        if a[1] is not None and b[1] is not None:
            lo, hi = _ymd(ya, a[0], a[1]), _ymd(yb, b[0], b[1])
            if lo is None or hi is None:
                return None
            self.last_period = ((ya, a[0], a[1]), (yb, b[0], b[1]))
            return f"{lo}/{hi}"
        self.last_period = ((ya, a[0]), (yb, b[0]))
        return f"{_ym(ya, a[0])}/{_ym(yb, b[0])}"

    def dayrange(self, m: re.Match[str]) -> str | None:
        month, d1, d2 = _month(m["m"]), _day(m["d1"]), _day(m["d2"])
        y = int(m["y"]) if m["y"] else self.year_for_day(month, d2)
        if y is None or d1 >= d2:
            return None
        lo, hi = _ymd(y, month, d1), _ymd(y, month, d2)
        if lo is None or hi is None:
            return None
        self.last_period = ((y, month, d1), (y, month, d2))
        return f"{lo}/{hi}"

    def part(self, m: re.Match[str]) -> str | None:
        n = ORDINALS[m["ord"].lower()]
        size = 3 if m["kind"].lower() == "quarter" else 6
        count = 12 // size
        if n == -1:
            n = count
        if n > count:
            return None
        y = self.year(m["y"]) if m["y"] else None
        if y is None:
            if self.pub is None:
                return None
            # Without a year: the most recent such part that has begun by publication.
            y = self.pub.year if (n - 1) * size + 1 <= self.pub.month else self.pub.year - 1
        return self._months(y, (n - 1) * size + 1, n * size)

    def qcode(self, m: re.Match[str]) -> str | None:
        y = int(m["y"])
        if m["q"]:
            n = int(m["q"][1])
            return self._months(y, 3 * n - 2, 3 * n)
        n = int((m["h"] or "H" + m["h2"])[1])
        return self._months(y, 6 * n - 5, 6 * n)

    def span(self, m: re.Match[str]) -> str | None:
        ord_, kind = m["ord"].lower(), m["kind"].lower()
        raw = m["n"].lower()
        n = int(raw) if raw.isdigit() else SMALL.get(raw)
        if not n:
            return None
        if kind == "days" and m["m"]:
            month = _month(m["m"])
            y = int(m["my"]) if m["my"] else self.year_for_month(month)
            if y is None or ord_ != "first" or n > 31:
                return None
            lo, hi = _ymd(y, month, 1), _ymd(y, month, n)
            if lo is None or hi is None:
                return None
            self.last_period = ((y, month, 1), (y, month, n))
            return f"{lo}/{hi}"
        if kind != "months" or n > 12 or m["m"]:
            return None
        if ord_ == "past":
            return None  # "the past six months" counts back from an unknown day
        y = self.year(m["y"]) if m["y"] else None
        if y is None:
            if self.pub is None:
                return None
            # "the first five months" without a year: the latest such span that has ended.
            y = self.pub.year if ord_ != "first" or n <= self.pub.month else self.pub.year - 1
            if ord_ != "first":
                return None
        if ord_ == "first":
            return self._months(y, 1, n)
        return self._months(y, 13 - n, 12)

    def same(self, m: re.Match[str]) -> str | None:
        if self.last_period is None:
            return None
        lo, hi = self.last_period
        expr = (m["y"] or "").lower()
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

    def monthyear(self, m: re.Match[str]) -> str | None:
        y = self.year(m["y"])
        return None if y is None else _ym(y, _month(m["m"]))

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
        return None if y is None else _ym(y, month)

    def relative(self, m: re.Match[str]) -> str | None:
        if self.pub is None:
            return None
        rel, unit = m["rel"].lower().split()[-1], m["unit"].lower()
        step = {"this": 0, "last": -1, "past": -1, "previous": -1, "next": 1}[rel]
        if unit == "year":
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
        if rel == "next":
            ahead = (wd - self.pub.weekday()) % 7 or 7
            return (self.pub + timedelta(days=ahead)).isoformat()
        back = (self.pub.weekday() - wd) % 7 or 7  # strictly before publication
        return (self.pub - timedelta(days=back)).isoformat()

    def season(self, m: re.Match[str]) -> str | None:
        """"2019-2021" is an interval; "2017-18" is a season with no ISO value (consumed only)."""
        a, b = m.group(0)[:4], re.split(r"[-–/]", m.group(0))[1]
        return f"{a}/{b}" if len(b) == 4 and b > a else ""

    def yearonly(self, m: re.Match[str]) -> str | None:
        return m["y"]

    def _months(self, y: int, a: int, b: int) -> str:
        self.last_period = ((y, a), (y, b))
        return f"{_ym(y, a)}/{_ym(y, b)}"


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

    def start(self, text: str, low: str, a: int, b: int) -> int:
        """Where scanning may start in text[a:b], or -1 when the gate word is absent."""
        if self.regex is not None:
            m = self.regex.search(text, a, b)
            return -1 if m is None else max(a, m.start() - self.reach)
        found = [i for i in (low.find(w, a, b) for w in self.words) if i >= 0]
        if not found:
            return -1
        return max(a, min(found) - self.reach) if len(low) == len(text) else a


_G_MONTH = _Gate(re.compile(_MONTH))  # a month name, not "Market" or "Decision"
_G_SPAN = _Gate(words=("quarter", "half", "months", "days", "weeks"), reach=30)
_G_Q = _Gate(re.compile(r"[QH][1-4]|[12]H"), reach=0)
_G_SAME = _Gate(words=("same", "corresponding", "comparable"), reach=10)
_G_REL = _Gate(words=("year", "month", "week"), reach=30)
_G_DAYWORD = _Gate(words=("today", "yesterday", "tomorrow"), reach=0)
_G_WEEKDAY = _Gate(re.compile(r"day\b"), reach=30)
_G_YEAR = _Gate(re.compile(r"(?:19|20)\d\d"), reach=10)

_PATTERNS: list[tuple[re.Pattern[str], _Handler, _Gate]] = [
    (_RANGE, _Resolver.range_, _G_MONTH),
    (_BETWEEN, _Resolver.range_, _G_MONTH),
    (_DAYRANGE, _Resolver.dayrange, _G_MONTH),
    (_SPAN, _Resolver.span, _G_SPAN),
    (_PART, _Resolver.part, _G_SPAN),
    (_QCODE, _Resolver.qcode, _G_Q),
    (_SAME, _Resolver.same, _G_SAME),
    (_FULL, _Resolver.full, _G_MONTH),
    (_ISO, _Resolver.iso, _G_YEAR),
    (_DOTTED, _Resolver.iso, _G_YEAR),
    (_MONTHYEAR, _Resolver.monthyear, _G_MONTH),
    (_LASTMONTH, _Resolver.lastmonth, _G_MONTH),
    (_BAREMONTH, _Resolver.baremonth, _G_MONTH),
    (_RELATIVE, _Resolver.relative, _G_REL),
    (_DAYWORD, _Resolver.dayword, _G_DAYWORD),
    (_WEEKDAY, _Resolver.weekday, _G_WEEKDAY),
    (_SEASON, _Resolver.season, _G_YEAR),
    (_YEARONLY, _Resolver.yearonly, _G_YEAR),
]
_PARAGRAPH = re.compile(r"[^\n]+")


_GATES = list(dict.fromkeys(gate for _, _, gate in _PATTERNS))
# (pattern, its gate's index in _GATES, rank): the gate is computed once per paragraph, by index
_PLAN = [(pattern, _GATES.index(gate), rank) for rank, (pattern, _, gate) in enumerate(_PATTERNS)]


def _candidates(text: str) -> list[tuple[int, int, int, re.Match[str]]]:
    found = []
    low = text.lower()
    spans = [(0, len(text))] if text and "\n" not in text else [p.span() for p in _PARAGRAPH.finditer(text)]
    for a, b in spans:
        starts = [gate.start(text, low, a, b) for gate in _GATES]
        for pattern, g, rank in _PLAN:
            pos = starts[g]
            if pos >= 0:
                found += [(*_trim(text, m.start(), m.end()), rank, m)
                          for m in pattern.finditer(text, pos, b) if m.end() > m.start()]
    return found


def find_dates(text: str, published: str | None) -> list[DateMention]:
    """Date expressions in `text`, in order, each with its ISO value."""
    found = _candidates(text)
    # Longest candidate first (then pattern order); a candidate overlapping a kept one is dropped.
    found.sort(key=lambda f: (f[0] - f[1], f[2], f[0]))
    kept: list[tuple[int, int, int, re.Match[str]]] = []
    for f in found:
        if not any(f[0] < k[1] and k[0] < f[1] for k in kept):
            kept.append(f)
    kept.sort(key=lambda f: f[0])
    resolver = _Resolver(published)
    out = []
    for start, end, rank, m in kept:  # in text order, so "the same period" sees the period before it
        value = _PATTERNS[rank][1](resolver, m)
        if value:
            out.append(DateMention(start, end, value))
    return out


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
