"""Author names from bylines and meta tags, in one clean form."""

from __future__ import annotations

import re

from kb.readers import publishers

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
    july august september october november december"""
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
        return None  # "Staff Reporter", "Web Desk": no one in particular
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
    author = clean_author(parts[0])
    if author and not all(_NAME_TOKEN.match(w) or w == "and" for w in author.split()):
        return None, None  # "By the way, ..." is prose, not a byline
    outlet = None
    for part in parts[1:]:
        found = publishers.by_name(part)
        if found and (not found.wire or outlet is None):  # a paper beats a wire
            outlet = found.name
    return author, outlet


def looks_like_name(line: str) -> bool:
    """A person's name alone on a line ("Quang Hung"), as some sites print the author."""
    words = line.split()
    if not 2 <= len(words) <= 4 or _DIGIT.search(line):
        return False
    if any(w.lower().strip(".") in _NOT_NAME_WORDS or w.lower() in _LINK_WORDS for w in words):
        return False
    # letters of any alphabet after a capital ("Yıldız", "Sánchez", "Nguyễn")
    return all(w[0].isupper() and all(ch.isalpha() or ch in "'’-" for ch in w.rstrip(".")) for w in words)
