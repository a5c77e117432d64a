"""Normal forms used to match names across articles (and to compare them in tests)."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import inflect

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
    """name_key with plural words folded, for commodities ('fresh avocados' = 'fresh avocado', 'shoes' = 'shoe')."""
    return " ".join(singular(w) for w in name_key(text).split())


# Nouns whose plural form is their own name: inflect would make 'good' of 'goods', 'clothe' of 'clothes'.
_PLURAL_ONLY = frozenset({"goods", "clothes", "customs", "molasses", "arms", "means", "proceeds", "earnings"})


@lru_cache(maxsize=4096)
def singular(word: str) -> str:
    """A plural English noun's singular (inflect's rules and irregulars: 'glasses' → 'glass', 'knives' → 'knife');
    any other word as it is. Words ending in -us, -is, -ss are taken as singular ('bus', 'crisis'), since inflect
    strips their s too."""
    if len(word) <= 3 or word in _PLURAL_ONLY or not word.isalpha():
        return word
    found = _inflect().singular_noun(word)
    if not found or (found == word[:-1] and word.endswith(("us", "is", "ss"))):
        return word
    return found


@cache
def _inflect() -> inflect.engine:
    return inflect.engine()
