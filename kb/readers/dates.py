"""Publication dates as scraped pages print them, turned into ISO `YYYY-MM-DD`.

Hand-written patterns rather than dateparser: a page header holds a handful of
date forms and this runs on every article (see DESIGN.md, costs).
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# Month names of the Spanish, Portuguese and French pages kb reads ("20 de mayo de 2026", "3 de março de 2026",
# "12 juillet 2026"), and the English name inside such a date ("20 de May de 2026")
_ROMANCE_MONTHS = {
    "enero": 1, "janeiro": 1, "janvier": 1, "febrero": 2, "fevereiro": 2, "février": 2, "fevrier": 2,
    "marzo": 3, "março": 3, "marco": 3, "mars": 3, "abril": 4, "avril": 4, "mayo": 5, "maio": 5, "mai": 5,
    "junio": 6, "junho": 6, "juin": 6, "julio": 7, "julho": 7, "juillet": 7, "agosto": 8, "août": 8, "aout": 8,
    "septiembre": 9, "setiembre": 9, "setembro": 9, "septembre": 9, "octubre": 10, "outubro": 10, "octobre": 10,
    "noviembre": 11, "novembro": 11, "novembre": 11, "diciembre": 12, "dezembro": 12, "décembre": 12,
    "decembre": 12,
}  # fmt: skip
_ROMANCE_MONTH = "(?P<romance>" + "|".join(sorted(_ROMANCE_MONTHS, key=len, reverse=True)) + ")"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_PATTERNS = [
    re.compile(rf"\b{_YEAR}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?![\d])"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+|,){_YEAR}\b", re.IGNORECASE),  # … and "Jan 21,2026"
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    # hyphenated, as shop and company sites print them: "Post time: May-26-2026", "26-May-2026"
    re.compile(rf"\b{_MONTH}-{_DAY}-{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}-{_MONTH}-{_YEAR}\b", re.IGNORECASE),
    # numeric day-first forms: 24.05.2016, 29/06/2017 (international sites)
    re.compile(rf"(?<![\d.:/])(?P<day>[0-3]?\d)[./-](?P<mnum>\d{{1,2}})[./-]{_YEAR}\b"),
    re.compile(rf"\b{_YEAR}/(?P<mnum>[01]?\d)/(?P<day>[0-3]?\d)\b"),
    # year first, as East Asian and Russian sites print it: "2026 March 17 14:05"
    re.compile(rf"\b{_YEAR}\s+{_MONTH}\s+{_DAY}\b", re.IGNORECASE),
    # a two-digit year after an apostrophe, as some print pages write it: "14 Dec.'26", "Dec 14 '26"
    re.compile(rf"\b{_DAY}\s+{_MONTH}\s*['’](?P<yy>\d\d)\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s*['’](?P<yy>\d\d)\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+de\s+{_MONTH}\s+de\s+{_YEAR}\b", re.IGNORECASE),  # "20 de May de 2026"
    re.compile(rf"\b{_DAY}\s+(?:de\s+)?{_ROMANCE_MONTH}\s+(?:de\s+|del\s+)?{_YEAR}\b", re.IGNORECASE),
]
_LEADING_ISO = re.compile(r"^((?:19|20)\d\d)-([01]\d)-([0-3]\d)")


def _make(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _from_match(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    year = 2000 + int(groups["yy"]) if groups.get("yy") else int(groups["year"])
    day = int(groups["day"])
    if groups.get("romance"):
        month = _ROMANCE_MONTHS[groups["romance"].lower()]
    elif groups.get("month"):
        month = _MONTHS[groups["month"][:3].lower()]
    else:
        month = int(groups["mnum"])
        if month > 12 and day <= 12:  # a US-style month/day/year
            month, day = day, month
    return _make(year, month, day)


def find_date(text: str) -> str | None:
    """The first full date (day, month and year) written in `text`, as ISO."""
    best: tuple[int, str] | None = None
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            iso = _from_match(m)
            if iso and (best is None or m.start() < best[0]):
                best = (m.start(), iso)
            if iso:
                break
    return best[1] if best else None


def date_at(text: str, pos: int) -> tuple[str, int] | None:
    """A full date written with its month's name right at `pos` ("November 24, 2026", "11 May 2026"), as ISO, and
    where it ends."""
    for pattern in _PATTERNS[1:3]:
        m = pattern.match(text, pos)
        if m and (iso := _from_match(m)):
            return iso, m.end()
    return None


def to_iso(value: object) -> str | None:
    """A date from metadata (a string, a date or a datetime) as ISO, or None.

    An ISO timestamp keeps its own local date: "2022-08-03T09:43:00+08:00" is
    the 3rd, as the publisher dated it, not converted to UTC.
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 10**8:
        try:
            return dt.datetime.fromtimestamp(value / 1000 if value > 10**11 else value, dt.UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):  # 1e300, inf: no date
            return None
    if not isinstance(value, str):
        return None
    m = _LEADING_ISO.match(value.strip())
    if m:
        return _make(int(m[1]), int(m[2]), int(m[3]))
    return find_date(value)


def date_from_filename(stem: str) -> str | None:
    """A leading `YYYY-MM-DD` in a file name, the last resort for a date."""
    m = _LEADING_ISO.match(stem)
    return _make(int(m[1]), int(m[2]), int(m[3])) if m else None
