"""Known news outlets (data/publishers.yaml): recognise a publisher by name, domain or slug."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

import yaml

_NON_WORD = re.compile(r"[^a-z0-9]+")
_DOMAIN_LIKE = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$", re.IGNORECASE)
_MIN_ALIAS_SLUG = 3  # shorter abbreviations ("AP") match too much as file-name prefixes


@dataclass(frozen=True)
class Outlet:
    name: str
    wire: bool = False
    country: str | None = None  # a national outlet's own country
    common_name: bool = False  # a name other outlets share ("The Star")


@dataclass
class Registry:
    """Lookup tables built once from the data file."""

    by_key: dict[str, Outlet] = field(default_factory=dict)
    by_domain: dict[str, Outlet] = field(default_factory=dict)
    by_slug: dict[str, Outlet] = field(default_factory=dict)
    max_slug_parts: int = 1


def key(name: str) -> str:
    """Normalise a name for lookup: accents, case and punctuation dropped."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = text.replace("'", "").replace("’", "")
    text = _NON_WORD.sub(" ", text).strip()
    # "The Korea Herald" = "Korea Herald", but "The Star" ≠ "star": a one-word rest keeps its "the".
    if text.startswith("the ") and " " in text[4:]:
        text = text[4:]
    return text


def slugify(name: str) -> str:
    return key(name).replace(" ", "-")


def _slugs(entry: dict, names: list[str], domains: list[str]) -> set[str]:
    base = slugify(entry["name"]).removeprefix("the-")
    slugs = {base, "the-" + base}
    slugs |= {slugify(a) for a in names[1:] if len(key(a)) >= _MIN_ALIAS_SLUG}
    for domain in domains:
        host = domain.removeprefix("en.").removeprefix("english.")
        slugs |= {host.replace(".", "-"), host.replace(".", "")}
        first = host.split(".")[0]
        if len(first) >= 6:  # "koreaherald" is telling, "trans" or "news" is not
            slugs.add(first)
    slugs |= set(entry.get("slugs") or [])
    return {s for s in slugs if s}


def _build(entries: list[dict]) -> Registry:
    reg = Registry()
    aliases: list[tuple[str, Outlet]] = []
    for entry in entries:
        outlet = Outlet(entry["name"], bool(entry.get("wire")), entry.get("country"), bool(entry.get("common_name")))
        names = [entry["name"], *(entry.get("aliases") or [])]
        domains = [d.lower().removeprefix("www.") for d in entry.get("domains") or []]
        reg.by_key.setdefault(key(entry["name"]), outlet)  # display names win over aliases
        aliases += [(key(a), outlet) for a in names[1:]]
        for domain in domains:
            reg.by_domain.setdefault(domain, outlet)
        for slug in _slugs(entry, names, domains):
            reg.by_slug.setdefault(slug, outlet)
    for alias_key, outlet in aliases:
        reg.by_key.setdefault(alias_key, outlet)
    reg.max_slug_parts = max(s.count("-") + 1 for s in reg.by_slug)
    return reg


@cache
def registry() -> Registry:
    """The outlets, loaded on first use (most commands never need them)."""
    text = resources.files("kb.readers").joinpath("data/publishers.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return _build(yaml.load(text, Loader=loader) or [])


def by_name(name: str) -> Outlet | None:
    """The outlet a whole string names ("Korea Herald", "UrduPoint.com"), if known."""
    name = name.strip()
    if not name:
        return None
    reg = registry()
    found = reg.by_key.get(key(name))
    if found is None and _DOMAIN_LIKE.match(name):
        found = by_domain(name)
    return found


def by_domain(host: str) -> Outlet | None:
    """The outlet of a host name, trying parent domains too (edition.cnn.com → cnn.com)."""
    host = host.lower().removeprefix("www.").rstrip(".")
    reg = registry()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        found = reg.by_domain.get(".".join(parts[i:]))
        if found:
            return found
    return None


def by_url(url: str | None) -> Outlet | None:
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return None
    return by_domain(host) if host else None


def by_slug(rest: str) -> Outlet | None:
    """The outlet whose slug starts `rest` (a file stem after its date), longest slug first."""
    parts = rest.lower().split("-")
    reg = registry()
    for n in range(min(len(parts), reg.max_slug_parts), 0, -1):
        found = reg.by_slug.get("-".join(parts[:n]))
        if found:
            return found
    return None


@cache
def masthead_words() -> frozenset[str]:
    """Last words of a line that names an organisation or an outlet atop its page ("… Service",
    "… News Agency"), from data/mastheads.yaml."""
    text = resources.files("kb.readers").joinpath("data/mastheads.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return frozenset((yaml.load(text, Loader=loader) or {}).get("last_words") or [])


def country_of(publisher: str | None, url: str | None = None) -> str | None:
    """The country of the national outlet an article comes from: by its URL, else by its name
    unless other outlets share that name ("The Star" is Malaysian, Kenyan and South African)."""
    outlet = by_url(url)
    if outlet is None and publisher:
        outlet = by_name(publisher)
        if outlet is not None and outlet.common_name:
            return None
    return outlet.country if outlet else _country_domain(url) or _country_suffix(publisher)


def _country_suffix(publisher: str | None) -> str | None:
    """"Farmers Weekly NZ", "Business Insider UK": a country code ending an outlet's name."""
    last = (publisher or "").split()[-1:] or [""]
    if len(last[0]) != 2 or not last[0].isupper() or len((publisher or "").split()) < 2:
        return None
    import pycountry

    code = "GB" if last[0] == "UK" else last[0]
    return code if pycountry.countries.get(alpha_2=code) is not None else None


# Country-code domains that sites anywhere buy for the letters ("x.io", "x.tv", "x.co"): they name no country.
_GENERIC_CC = frozenset(("io", "co", "tv", "me", "ai", "fm", "to", "cc", "ws", "ly", "la", "gg", "sh", "so", "st",
                         "nu", "tk", "ml", "ga", "cf", "gq", "vc"))


def _country_domain(url: str | None) -> str | None:
    """"www.herald.co.zw" → ZW: an outlet the registry does not know, by its country-code domain."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        return None
    tld = host.rsplit(".", 1)[-1].lower()
    if len(tld) != 2 or tld in _GENERIC_CC:
        return None
    import pycountry  # only when an unknown outlet's domain is read

    code = "GB" if tld == "uk" else tld.upper()
    return code if pycountry.countries.get(alpha_2=code) is not None else None


def leading_name(words: str) -> Outlet | None:
    """The longest known outlet name at the start of `words` ("The Korea Herald on Monday")."""
    tokens = words.split()
    for n in range(min(len(tokens), 6), 0, -1):
        found = by_name(" ".join(tokens[:n]).rstrip(".,:;"))
        if found:
            return found
    return None
