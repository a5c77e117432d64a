"""A season told only by its two years ("the 2025/26 season") read as its goods' marketing year.

Trade in crops is counted by marketing year, and a story about one says "the 2025–26 season" without the
months: Australian wool sells from July to June, Turkish hazelnuts from September to August, cocoa from
October to September. When the article gives the months itself (`dates.with_season_months`) they win; this
fills in the months the trade keeps by custom (dates.yaml, `marketing_years`).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from kb.extract.dates import count_of, dates_data

_TWO_YEARS = re.compile(r"(\d{4})/(\d{4})")
_SEASON = r"(?:season|campaign|marketing\s+year|crop\s+year)"
_SEASON_WORDS = re.compile(rf"\b{_SEASON}\b", re.I)


@cache
def _marketing_years() -> list[tuple[tuple[str, ...], dict[str, int]]]:
    """(HS prefixes, {exporter or "*": first month}) per family of goods."""
    return [(tuple(str(h) for h in entry["hs"]), {str(k): int(v) for k, v in entry["start"].items()})
            for entry in dates_data().get("marketing_years") or []]


def first_month(hs: str | None, exporter: str | None) -> int | None:
    """The month a marketing year of these goods from this exporter begins in, if the trade keeps one."""
    if not hs:
        return None
    best: tuple[int, dict[str, int]] | None = None
    for prefixes, starts in _marketing_years():
        for prefix in prefixes:
            if hs.startswith(prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), starts)
    if best is None:
        return None
    return best[1].get(exporter or "", best[1].get("*"))


def with_marketing_year(value: str, hs: str | None, exporter: str | None, text: str) -> str:
    """"2025/2026" in a story of seasons, for goods whose marketing year is known, as that year's months."""
    years = _TWO_YEARS.fullmatch(value)
    if years is None or int(years[2]) != int(years[1]) + 1 or not _SEASON_WORDS.search(text):
        return value
    month = first_month(hs, exporter)
    if month is None or month == 1:
        return value
    a = int(years[1])
    last = month - 1
    return f"{a}-{month:02d}/{a + 1}-{last:02d}"


_COUNTS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven")
_FIRST_MONTHS = re.compile(r"\bfirst\s+(?P<n>\d{1,2}|" + "|".join(_COUNTS) + r")\s+months\s+of\s+(?:the\s+)?"
                           r"(?P<y1>\d{4})\s*[/-]\s*(?:\d{4}|\d{2})\s+" + _SEASON + r"\b",
                           re.I)


def first_months_of_season(value: str, text: str) -> str:
    """A whole season's months ("2025-07/2026-06") cut to the months the story counts so far: "in the first ten
    months of the 2025/26 season" → 2025-07/2026-04."""
    span = re.fullmatch(r"(\d{4})-(\d\d)/(\d{4})-(\d\d)", value)
    if span is None:
        return value
    a, first = int(span[1]), int(span[2])
    told = _first_months_told(text)
    # … and the same stretch of the season before, its figures compared with them
    counts = {n for y1, n in told if y1 == a} or {n for y1, n in told if y1 == a + 1}
    if len(counts) != 1:
        return value
    n = counts.pop()
    if not n or not 1 <= n < 12:
        return value
    last = first + n - 1
    return f"{a}-{first:02d}/{a + (last - 1) // 12}-{(last - 1) % 12 + 1:02d}"


@lru_cache(maxsize=16)  # asked for every flow of a season story: the text is read once
def _first_months_told(text: str) -> frozenset[tuple[int, int | None]]:
    """(first year, count of months) of each "first N months of the YYYY/YY season" the text names."""
    return frozenset((int(m["y1"]), count_of(m["n"])) for m in _FIRST_MONTHS.finditer(text))

