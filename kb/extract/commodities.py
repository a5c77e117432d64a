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
def _terms() -> list[str]:
    entries = yaml.safe_load((DATA / "hs_headings.yaml").read_text(encoding="utf-8")) or []
    return sorted({str(t).lower() for e in entries for t in e.get("terms") or []}, key=len, reverse=True)


@cache
def _pattern() -> re.Pattern[str]:
    """Every term as the data writes it, its last word also in the plural; longest first.

    A plural term is not matched in the singular: "roses" must not find the verb "rose".
    """
    alts = []
    for term in _terms():
        words = term.split()
        if not words:
            continue
        body = r"\s+".join([*(re.escape(w) for w in words[:-1]), _plural_form(words[-1])])
        alts.append(body)
    if not alts:
        return re.compile(r"(?!)")
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", re.I)


_PLURAL = r"(?:s|es)?"


def _plural_form(word: str) -> str:
    if word.endswith("s"):
        return re.escape(word)
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return re.escape(word[:-1]) + "(?:y|ies)"
    if word.endswith("f"):
        return re.escape(word[:-1]) + "(?:f|ves|fs)"
    return re.escape(word) + _PLURAL


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
    """Known commodity terms in `text`, with their surface name and HS code."""
    out = []
    for m in _pattern().finditer(text):
        name = re.sub(r"\s+", " ", m.group(0)).lower()
        out.append(Commodity(m.start(), m.end(), name, _index().get(fold(name))))
    return out
