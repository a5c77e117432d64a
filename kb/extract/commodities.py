"""Commodity phrases and their Harmonized System heading (`data/hs_headings.yaml`).

A phrase is matched on its head noun phrase with plurals folded: "fresh
Kenyan avocados" tries "fresh kenyan avocado", "kenyan avocado", "avocado".
An entry whose `hs` is a chapter (two digits) gives a chapter; a term listed
with no `hs` maps to none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"

_IRREGULAR = {"cattle": "cattle", "sheep": "sheep", "fish": "fish", "livestock": "livestock",
              "goods": "goods", "glass": "glass", "gas": "gas", "molasses": "molasses",
              "asbestos": "asbestos", "fries": "fries", "oats": "oats", "leaves": "leaf",
              "knives": "knife", "potatoes": "potato", "tomatoes": "tomato", "mangoes": "mango",
              "boxes": "box", "peaches": "peach", "beans": "bean", "dishes": "dish",
              "fertilizers": "fertilizer", "fertilisers": "fertiliser", "clothes": "clothes",
              "geese": "goose", "mice": "mouse", "pulses": "pulse", "grapes": "grape"}
_WORD = re.compile(r"[a-z][a-z'-]*")


def singular(word: str) -> str:
    """A plural English noun's singular by spelling rules ("cherries" -> "cherry")."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3 or w.endswith(("ss", "us", "is")):
        return w
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "sses", "zes", "oes")):
        return w[:-2]
    if w.endswith("s"):
        return w[:-1]
    return w


def fold(phrase: str) -> str:
    """Lower case, words only, each folded to its singular."""
    return " ".join(singular(w) for w in _WORD.findall(phrase.lower()))


@dataclass(frozen=True)
class Commodity:
    start: int
    end: int
    name: str  # the surface words, lower case: "fresh avocados"
    hs: str | None


@cache
def _index() -> dict[str, str | None]:
    """Folded term -> HS code (None when the data says the term has no clear heading)."""
    entries = yaml.safe_load((DATA / "hs_headings.yaml").read_text(encoding="utf-8")) or []
    out: dict[str, str | None] = {}
    for entry in entries:
        hs = entry.get("hs")
        hs = None if hs in (None, "") else str(hs)
        for term in [*(entry.get("terms") or [])]:
            out.setdefault(fold(str(term)), hs)
    return out


@cache
def _surfaces() -> dict[str, str | None]:
    """Lower-case surface form -> HS: every term as the data writes it, and its plural.

    A plural term is not matched in the singular: "roses" must not find the verb "rose".
    """
    entries = yaml.safe_load((DATA / "hs_headings.yaml").read_text(encoding="utf-8")) or []
    out: dict[str, str | None] = {}
    for entry in entries:
        hs = entry.get("hs")
        hs = None if hs in (None, "") else str(hs)
        for term in entry.get("terms") or []:
            words = str(term).lower().split()
            if not words:
                continue
            out.setdefault(" ".join(words), hs)
            out.setdefault(" ".join([*words[:-1], _plural(words[-1])]), hs)
    return out


@cache
def _first_words() -> dict[str, int]:
    """First word of every surface form -> the most words a form starting with it has."""
    out: dict[str, int] = {}
    for key in _surfaces():
        words = key.split()
        out[words[0]] = max(out.get(words[0], 0), len(words))
    return out


def _plural(word: str) -> str:
    if word.endswith("s"):
        return word
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("ch", "sh", "x", "z")):
        return word + "es"
    return word + "s"


_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*")


def hs_for(phrase: str) -> str | None:
    """HS code of a commodity phrase, trying ever shorter tails of it ("fresh avocados" -> "avocado")."""
    index = _index()
    words = fold(phrase).split()
    for i in range(len(words)):
        key = " ".join(words[i:])
        if key in index:
            return index[key]
    return None


def known(phrase: str) -> bool:
    """Whether the data knows the phrase's head (even as having no heading)."""
    index = _index()
    words = fold(phrase).split()
    return any(" ".join(words[i:]) in index for i in range(len(words)))


def find_commodities(text: str) -> list[Commodity]:
    """Known commodity terms in `text`, longest first at each word, with their name and HS code."""
    surfaces, firsts = _surfaces(), _first_words()
    tokens = list(_TOKEN.finditer(text))
    out: list[Commodity] = []
    i = 0
    while i < len(tokens):
        longest = firsts.get(tokens[i].group(0).lower(), 0)
        for n in range(min(longest, len(tokens) - i), 0, -1):
            first, last = tokens[i], tokens[i + n - 1]
            if n > 1 and text.count(" ", first.start(), last.end()) != n - 1:
                continue  # words must be adjacent, separated by single spaces
            key = text[first.start():last.end()].lower()
            if key in surfaces:
                out.append(Commodity(first.start(), last.end(), key, surfaces[key]))
                i += n
                break
        else:
            i += 1
    return out
