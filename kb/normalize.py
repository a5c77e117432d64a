"""Normal forms used to match names across articles (and to compare them in tests)."""

from __future__ import annotations

import re
import unicodedata

_PUNCT = re.compile(r"[^\w\s]|_")
_SPACE = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"'s\b")
# Honorifics are not part of a name: "Dr. Li Wei", "H.E. Li Wei" and "Li Wei" are one person.
_HONORIFIC = re.compile(r"^(?:(?:mr|mrs|ms|miss|dr|prof|professor|sir|dame|hon|honourable|honorable|h e|"
                        r"his excellency|her excellency|datuk seri|datuk|dato sri|dato|datin|tan sri|engr|eng)\s+)+")


def name_key(text: str | None) -> str:
    """Lower case, accents and punctuation gone, a leading 'the' and possessive 's dropped."""
    s = unicodedata.normalize("NFKC", text or "")
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = _POSSESSIVE.sub("", s.casefold().replace("’", "'"))
    s = _SPACE.sub(" ", _PUNCT.sub(" ", s)).strip()
    return _HONORIFIC.sub("", s.removeprefix("the "))


def singular_key(text: str | None) -> str:
    """name_key with plural words folded, for commodities ('fresh avocados' = 'fresh avocado')."""
    return " ".join(_singular(w) for w in name_key(text).split())


def _singular(word: str) -> str:
    if len(word) <= 3 or word.endswith("ss"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "oes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word
