"""A season told only by its two years ("the 2025/26 season") read as its goods' marketing year.

Trade in crops is counted by marketing year, and a story about one says "the 2025–26 season" without the
months: Australian wool sells from July to June, Turkish hazelnuts from September to August, cocoa from
October to September. When the article gives the months itself (`dates.with_season_months`) they win; this
fills in the months the trade keeps by custom (dates.yaml, `marketing_years`).
"""

from __future__ import annotations

import re
from functools import cache

from kb.extract.dates import dates_data

_TWO_YEARS = re.compile(r"(\d{4})/(\d{4})")
_SEASON_WORDS = re.compile(r"\b(?:season|campaign|marketing\s+year|crop\s+year)\b", re.I)


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
