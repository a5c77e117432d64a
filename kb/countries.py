"""Turning what a user types ('Korea', 'south korea', 'KR') into an ISO 3166-1 alpha-2 code."""

from __future__ import annotations

from functools import cache

import pycountry

from kb import gazetteers
from kb.errors import QueryError
from kb.normalize import name_key


@cache
def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    for entry in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            if getattr(entry, attr, None):
                names.setdefault(name_key(getattr(entry, attr)), entry.alpha_2)
    for code, entry in gazetteers.countries().items():  # the everyday forms: "South Korea", "Britain", "Türkiye"
        for form in entry.get("names") or []:
            names.setdefault(name_key(str(form)), code)
    return names


@cache
def country_words(code: str) -> frozenset[str]:
    """Normalised names and adjectives of a country ('kyrgyzstan', 'kyrgyz', …), to compare names without them."""
    entry = gazetteers.countries().get(code, {})
    forms = [*(entry.get("names") or []), *(entry.get("adjectives") or [])]
    country = pycountry.countries.get(alpha_2=code)
    if country is not None:
        forms.append(country.name)
    return frozenset(name_key(str(f)) for f in forms if f)


def country_code(text: str) -> str:
    """The code for a country code or name; a clear error when there is none."""
    cleaned = text.strip()
    if len(cleaned) == 2 and cleaned.isalpha() and pycountry.countries.get(alpha_2=cleaned.upper()):
        return cleaned.upper()
    code = _names().get(name_key(cleaned))
    if code is None:
        raise QueryError(f"unknown country {text!r}: give an ISO code such as KR or a name such as 'South Korea'")
    return code


def is_country_name(text: str) -> bool:
    """Whether a text is a country's name ("Ethiopia", "South Korea")."""
    return name_key(text.strip()) in _names()
