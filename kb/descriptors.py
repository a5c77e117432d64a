"""Agencies named by what they are rather than by their name: "China's customs administration".

A descriptor is a name made only of the country's own words, words that say
what sort of body it is (customs, service, ministry…) written in lower case,
and topic words (revenue, commerce…). A proper name capitalises the same
words ("State Customs Committee"), so case tells the two apart. A descriptor
stands for the one agency of its country and kind whose names hold its topic
words; when there are two, it stays apart (see `store.settle_descriptors`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kb.countries import country_words
from kb.normalize import name_key

# Words that say what sort of body an agency is, not which one.
FUNCTION_WORDS = frozenset({
    "customs", "service", "services", "administration", "committee", "ministry", "department", "agency",
    "authority", "office", "bureau", "directorate", "board", "state", "general", "federal", "national", "main",
    "central", "government", "cabinet", "inspectorate", "body", "chief"})
# Words that narrow a descriptor down: the agency's own names must hold them too.
TOPIC_WORDS = frozenset({
    "revenue", "revenues", "tax", "taxes", "fiscal", "trade", "commerce", "finance", "finances", "economy",
    "economic", "foreign", "affairs", "agriculture", "agricultural", "border", "transport", "industry", "energy",
    "health", "veterinary", "phytosanitary", "investment", "development", "justice", "interior", "treasury"})
GLUE = frozenset({"of", "the", "and", "for", "under", "s", "on", "in", "its", "country"})
_WORDS = FUNCTION_WORDS | TOPIC_WORDS | GLUE
KIND_WORDS = {"customs": "customs", "ministry": "ministry", "government": "government", "cabinet": "government"}


@lru_cache(maxsize=16384)
def topics(name: str, country: str | None) -> frozenset[str] | None:
    """The topic words of a descriptor ('Georgia's revenue service' → {'revenue'}), or None for a proper name."""
    if country is None:
        return None
    words = _without_country(name_key(name), country_words(country))
    if not words or any(w not in _WORDS for w in words):
        return None
    written = {w for w in re.findall(r"[A-Za-z]+", name)}
    if not any(w.lower() in FUNCTION_WORDS and w.islower() for w in written):
        return None  # capitalised: a proper name such as 'Customs Service'
    return frozenset(w for w in words if w in TOPIC_WORDS)


@lru_cache(maxsize=16384)
def may_describe(key: str, country: str | None) -> bool:
    """Whether a name with this name key can be a descriptor of the country: `topics` is None for every name
    whose key is not (its words alone decide it, before the case of the name is looked at)."""
    if country is None:
        return False
    words = _without_country(key, country_words(country))
    return bool(words) and all(w in _WORDS for w in words)


def kind_of(name: str) -> str | None:
    """The kind of agency a descriptor's words name, when they name one."""
    found = {KIND_WORDS[w] for w in name_key(name).split() if w in KIND_WORDS}
    return found.pop() if len(found) == 1 else None


def fits(wanted: frozenset[str], names: list[str]) -> bool:
    """An agency with these names can be the one a descriptor with these topic words describes."""
    have = {w for n in names for w in name_key(n).split()}
    return wanted <= have


def _without_country(key: str, countries: frozenset[str]) -> list[str]:
    for word in sorted(countries, key=len, reverse=True):
        if " " in word and f" {word} " in f" {key} ":
            key = f" {key} ".replace(f" {word} ", " ").strip()
    return [w for w in key.split() if w not in countries]
