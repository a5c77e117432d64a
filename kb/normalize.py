"""Normal forms used to match names across articles (and to compare them in tests)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_PUNCT = re.compile(r"[^\w\s]|_")
_SPACE = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"'s\b")
# Honorifics are not part of a name: "Dr. Li Wei", "H.E. Li Wei" and "Li Wei" are one person.
_HONORIFIC = re.compile(r"^(?:(?:mr|mrs|ms|miss|dr|prof|professor|sir|dame|hon|honourable|honorable|h e|"
                        r"his excellency|her excellency|datuk seri|datuk|dato sri|dato|datin|tan sri|engr|eng)\s+)+")


def name_key(text: str | None) -> str:
    """Lower case, accents and punctuation gone, a leading 'the' and possessive 's dropped."""
    return _name_key(text or "")


@lru_cache(maxsize=65536)  # the store asks for the same names' keys many times per article
def _name_key(text: str) -> str:
    s = unicodedata.normalize("NFKC", text)
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = _POSSESSIVE.sub("", s.casefold().replace("’", "'"))
    s = _SPACE.sub(" ", _PUNCT.sub(" ", s)).strip()
    return _HONORIFIC.sub("", s.removeprefix("the "))


def singular_key(text: str | None) -> str:
    """name_key with plural words folded, for commodities ('fresh avocados' = 'fresh avocado', 'shoes' = 'shoe')."""
    return " ".join(singular(w) for w in name_key(text).split())


# Nouns that are plural in form but name one thing ('goods' is not more than one 'good'), and a few plurals
# no spelling rule gets right. (inflect knows these and more, but importing it takes seconds: every kb command
# would pay that for a handful of commodity words.)
_PLURAL_ONLY = frozenset({"goods", "clothes", "customs", "molasses", "arms", "means", "proceeds", "earnings",
                          "news", "series", "species", "lens", "chassis"})
_IRREGULAR = {"knives": "knife", "leaves": "leaf", "loaves": "loaf", "halves": "half", "shelves": "shelf",
              "calves": "calf", "wives": "wife", "lives": "life", "gases": "gas", "lenses": "lens",
              "children": "child", "mice": "mouse", "geese": "goose", "teeth": "tooth", "feet": "foot",
              "oxen": "ox", "men": "man", "women": "woman", "data": "datum", "canoes": "canoe"}


@lru_cache(maxsize=4096)
def singular(word: str) -> str:
    """A plural English noun's singular by spelling ('glasses' → 'glass', 'buses' → 'bus', 'shoes' → 'shoe',
    'potatoes' → 'potato', 'houses' → 'house'); any other word as it is ('bus', 'crisis')."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or word in _PLURAL_ONLY or not word.isalpha() or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "zzes", "ches", "shes")):
        return word[:-2]
    if word.endswith("oes"):  # potatoes, mangoes, heroes; but shoes, toes
        return word[:-2] if len(word) > 5 else word[:-1]
    if word.endswith("uses"):  # buses, viruses, bonuses; but houses, causes, blouses
        return word[:-1] if word[-5] in "aeiou" else word[:-2]
    return word[:-1] if word.endswith("s") else word


def initials(name: str) -> str:
    """The capitals that open a name's words, as an abbreviation takes them: "Mauritius Revenue Authority" → "MRA"
    (its small linking words, "of", "and", are lower case and left out)."""
    return "".join(w[0] for w in name.split() if w[0].isupper())
