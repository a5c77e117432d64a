"""Author names from bylines and meta tags, in one clean form."""

from __future__ import annotations

import re

from kb.readers import publishers
from kb.readers.dates import find_date

_BYLINE = re.compile(
    # "Por" / "Par" / "Von": Spanish, Portuguese, French and German sites print the byline so
    r"^(?:(?:written|words|story|text|reported)\s+by|by|author|reporter|writer|por|par|von)\b\s*:?\s*(?P<rest>\S.*)$",
    re.IGNORECASE,
)
# "By Jane Doe – Trend:", "By Jane Doe | Reuters", "By Jane Doe, Staff Reporter"
_TAIL_SPLIT = re.compile(r"\s+[–—-]\s+|\s*[|/]\s*|,\s+|\s+for\s+|\s*:$")
_EMAIL_OR_HANDLE = re.compile(r"\S+@\S+|@\w+")
_DIGIT = re.compile(r"\d")
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.-]*|[a-z]{1,3}|[A-Z]\.)$")  # "van", "de", "bin" allowed
_MAX_NAME_WORDS = 8
_ROLES = "staff reporter correspondent writer editor our special desk bureau team contributor web online agencies"
# Words of section labels and organisation names that a name alone on a line never holds.
_NON_NAMES = """news business economy economic trade world politics home latest markets market region regions
    area free international national government ministry customs agency service services committee
    council union organisation organization bank company group corporation cooperation agriculture
    energy finance sports society opinion analysis culture science technology health tourism transport
    logistics shipping ports aviation industry tags share print email advertisement related follow
    comments photo video gallery materials africa asia europe america middle east local features
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december new what's what’s whats press release releases
    announcements"""
_ROLE_WORDS = frozenset(_ROLES.split())
_LINK_WORDS = frozenset(("and", "of", "the", "for", "in", "on", "to", "with", "at", "a", "an"))
_NOT_NAME_WORDS = frozenset(_NON_NAMES.split()) | _ROLE_WORDS


def title_case(name: str) -> str:
    """Upper-case names to title case ("BAMUTURAKI MUSINGUZI" → "Bamuturaki Musinguzi")."""
    if name.isupper() and len(name) > 3 and publishers.by_name(name) is None:
        return " ".join(w.capitalize() if len(w) > 1 else w for w in name.split())
    return name


def clean_author(raw: str) -> str | None:
    """A person's (or agency's) name from a meta tag or byline fragment, or None."""
    name = _EMAIL_OR_HANDLE.sub("", raw).strip(" \t:;,.–—-|")
    m = _BYLINE.match(name)
    if m:
        name = m["rest"].strip(" :;,.–—-|")
    name = " ".join(name.split())
    if not name or _DIGIT.search(name) or len(name.split()) > _MAX_NAME_WORDS:
        return None
    if all(w.lower() in _ROLE_WORDS for w in name.split()):
        return " ".join(w.capitalize() for w in name.split())  # "Staff Reporter", "Our Bureau": as printed
    if name.isupper() and len(name) > 3:
        name = title_case(name)
    return name


def parse_byline(line: str) -> tuple[str | None, str | None]:
    """(author, outlet named in the byline) from a "By ..." line; (None, None) if not one."""
    m = _BYLINE.match(line.strip())
    if not m:
        return None, None
    parts = [p.strip() for p in _TAIL_SPLIT.split(m["rest"]) if p and p.strip()]
    if not parts:
        return None, None
    author = clean_author(_DATE_AFTER.split(parts[0], maxsplit=1)[0])  # "By Hoang Minh   January 14, 2026"
    if author and not all(_NAME_TOKEN.match(w) or w in ("and", "with") for w in author.split()):
        return None, None  # "By the way, ..." is prose, not a byline ("by Daily Sabah with AA" is one)
    outlet = None
    for part in parts[1:]:
        found = publishers.by_name(part)
        if found and (not found.wire or outlet is None):  # a paper beats a wire
            outlet = found.name
    return author, outlet


# what may follow a byline's name on its line: a run of spaces, or a date
_DATE_AFTER = re.compile(r"\s{2,}|\s+(?=(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)|\s+(?=\d)")
# "Amjad Mahmood Published April 20, 2026", "ONA | Published: 14 Jun 2023": a name, then when it was published
_NAME_THEN_PUBLISHED = re.compile(r"^(?P<name>[^|\d]{2,60}?)\s*(?:\|\s*)?(?:Published|Updated|Posted)\b", re.I)
_BY_AFTER_DATE = re.compile(r"\d[^|]{0,30}?\s(?P<by>by\s+[^|\d]{4,60})$", re.I)
_HANDLE = re.compile(r"by\s+(?P<handle>[a-z][a-z0-9_.-]{2,30})\s*", re.I)
# "Source: Kafui Dzamesi, Contributor": a writer credited as the source
_SOURCE_WRITER = re.compile(r"^Source\s*:\s*(?P<name>[^,|]{4,60}),\s*(?:Contributor|Correspondent|Reporter|"
                            r"Staff\s+Writer|Writer|Journalist)\b", re.I)


def author_in_line(line: str, outlet: str | None = None) -> str | None:
    """The writer a header line credits in forms other than "By …": a "by" segment ("Asia | October 22, 2026 |
    by Mirza Hadžić"), a name before "Published", a writer given as the source, or a name after the outlet's
    ("Hespress English - Youssef Alaoui")."""
    words = line.split()
    if 2 <= len(words) <= 3 and all(w.lower() in _ROLE_WORDS for w in words):
        return " ".join(w.capitalize() for w in words)  # "Staff Reporter", "Our Bureau" alone on a line
    if "|" in line:
        for segment in line.split("|")[1:]:
            author = parse_byline(segment.strip())[0]
            if author:
                return author
    m = _BY_AFTER_DATE.search(line)
    if m and find_date(line[:m.start("by")]):  # "20 March 2025 - 05:00 by Thando Maseko"
        author = parse_byline(m["by"])[0]
        if author:
            return author
        handle = _HANDLE.fullmatch(m["by"])
        if handle:  # "Posted on December 5, 2026 by sixoffpiste": a blog's user name, as printed
            return handle["handle"]
    m = _NAME_THEN_PUBLISHED.match(line)
    if m:
        name = m["name"].strip(" -–—,")
        known = publishers.by_name(name)
        if looks_like_name(name) or (known is not None and known.wire):
            return name
    m = _SOURCE_WRITER.match(line)
    if m and looks_like_name(m["name"].strip()):
        return m["name"].strip()
    head, dash, tail = line.partition(" - ")
    if dash and outlet and head.strip().casefold() == outlet.casefold() and looks_like_name(tail.strip()):
        return tail.strip()
    m = _DATE_NAME_COMMENTS.match(line)
    if m and find_date(m["date"]) and looks_like_name(m["name"]):
        return m["name"]  # "August 30, 2026 Chikondi Phiri Be the first to comment"
    m = _POSTED_BY_AT.match(line)
    if m and looks_like_name(m["name"]):
        return m["name"]  # a blog post's foot: "Posted by Rakesh Ahuja at 09:14"
    return None


_POSTED_BY_AT = re.compile(r"Posted\s+by\s+(?P<name>[^|,]{4,50}?)\s+(?:at|on)\s+\d", re.I)


# A blog theme's byline: the date, the writer, then the comment count's link
_DATE_NAME_COMMENTS = re.compile(r"(?P<date>.*?\d{4})\s+(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})\s+"
                                 r"(?i:Be\s+the\s+first\s+to\s+comment|Leave\s+a\s+comment|No\s+comments?|"
                                 r"\d+\s+comments?)\s*$")


_AGREEMENT_ABBREVIATIONS = frozenset(("FTA", "FTAS", "PTA", "EPA", "CEPA", "MOU", "MOUS", "MRA", "AFCFTA", "RTA"))


def looks_like_name(line: str) -> bool:
    """A person's name alone on a line ("Quang Hung"), as some sites print the author."""
    words = line.split()
    if not 2 <= len(words) <= 4 or _DIGIT.search(line):
        return False
    if any(w.lower().strip(".") in _NOT_NAME_WORDS or w.lower() in _LINK_WORDS for w in words):
        return False
    if any(w.upper() in _AGREEMENT_ABBREVIATIONS for w in words):
        return False  # "SADC FTA", "COMESA FTA": a menu's links to trade agreements, no person
    # letters of any alphabet after a capital ("Yıldız", "Sánchez", "Nguyễn")
    return all(w[0].isupper() and all(ch.isalpha() or ch in "'’-" for ch in w.rstrip(".")) for w in words)
