"""Currency names several countries share ("Rs", "shillings", "riyals", "P", "K").

Written bare, they are the money of the story's own country when it has one of that name, not the name's most
common reading: "Rs 36.4 billion" in a Mauritian story is Mauritian rupees.
"""

from __future__ import annotations

import re

# (the name as written, the reading without context, {country: its own currency of that name})
SHARED_NAMES = (
    (re.compile(r"\bRs\.?|\brupees?\b", re.I), "INR", {"PK": "PKR", "LK": "LKR", "NP": "NPR", "MU": "MUR",
                                                         "SC": "SCR"}),
    (re.compile(r"\bSh(?:s|\.)?\b|\bSh(?=\d)|\bshillings?\b", re.I), "KES", {"TZ": "TZS", "UG": "UGX", "SO": "SOS"}),
    (re.compile(r"\briyals?\b", re.I), "SAR", {"QA": "QAR"}),  # "33.7 billion riyals" in a Qatari story
    (re.compile(r"\brials?\b", re.I), "IRR", {"OM": "OMR", "YE": "YER"}),
    (re.compile(r"\bP(?=\d)"), "PHP", {"BW": "BWP"}),
    (re.compile(r"\bK(?=\d)"), "ZMW", {"MW": "MWK", "PG": "PGK", "MM": "MMK", "LA": "LAK"}),
)


def own_reading(currency: str, country: str | None) -> str:
    """The currency a shared name read as `currency` is in a story of `country`."""
    for _, default, by_country in SHARED_NAMES:
        if currency == default and country in by_country:
            return by_country[country]
    return currency
