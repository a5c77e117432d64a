"""Turning what a user types ('Korea', 'south korea', 'KR') into an ISO 3166-1 alpha-2 code."""

from __future__ import annotations

from functools import cache

import pycountry

from kb.errors import QueryError
from kb.normalize import name_key


@cache
def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    for entry in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            if getattr(entry, attr, None):
                names.setdefault(name_key(getattr(entry, attr)), entry.alpha_2)
    try:  # the extractor's gazetteer knows the everyday forms ("South Korea", "Britain", "Türkiye")
        from kb.extract.gazetteer import country_forms

        for form, code in country_forms().items():
            names.setdefault(name_key(form), code)
    except (ImportError, AttributeError):
        pass
    return names


def country_code(text: str) -> str:
    """The code for a country code or name; a clear error when there is none."""
    cleaned = text.strip()
    if len(cleaned) == 2 and cleaned.isalpha() and pycountry.countries.get(alpha_2=cleaned.upper()):
        return cleaned.upper()
    code = _names().get(name_key(cleaned))
    if code is None:
        raise QueryError(f"unknown country {text!r}: give an ISO code such as KR or a name such as 'South Korea'")
    return code
