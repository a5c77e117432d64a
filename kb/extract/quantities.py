"""Numbers in news text: quantities with units, money with currencies, rates.

`find_amounts` reads "48,300 tons", "1.7 million tonnes", "62.5 thousand
tons", "$35 million", "US$612 million", "3 Mln tons", "five million bottles",
"8 percent", "US$4.40 per kilo" into `Amount`s: the number after scale words
and unit factors, the normalised unit (`kg/units.yaml`) or ISO currency
(`currencies.yaml`), and `per` when the figure is a rate ("a year").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import yaml

DATA = Path(__file__).resolve().parent / "data"

AmountKind = Literal["quantity", "money", "price", "percent", "number"]


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    value: float  # after scale words and the unit's factor: "2.9 million tons" -> 2900000
    kind: AmountKind
    unit: str | None = None  # normalised unit of a quantity: "t", "kg", "head", "bottles"...
    currency: str | None = None  # ISO 4217 code of money
    per: str | None = None  # "year", "month", "week", "day", "quarter" for a rate


SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6, "mil": 1e6,
          "billion": 1e9, "bln": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "trln": 1e12,
          "lakh": 1e5, "crore": 1e7}
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
         "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
         "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90, "hundred": 100, "a hundred": 100, "a dozen": 12, "dozen": 12, "half a": 0.5}
RATES = {"year": "year", "annum": "year", "annually": "year", "yearly": "year", "month": "month",
         "monthly": "month", "week": "week", "weekly": "week", "day": "day", "daily": "day",
         "quarter": "quarter", "quarterly": "quarter"}

_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?![\d,]\d)|\d+)(?:\.\d+)?"
_WORDNUM = "|".join(sorted((re.escape(w) for w in WORDS), key=len, reverse=True))
# Letter scales ("m", "bn", "k") only right after the digits or one space, never before a letter.
_SCALE = (r"(?:\s*(?i:thousand|million|billion|trillion|mln|bln|trln|lakh|crore)\b"
          r"|\s?(?i:mn|bn|tn|mil)(?![a-zA-Z])|\s?(?:m|M|b|k|K)(?![a-zA-Z]))")
_PERCENT = re.compile(r"\s*(?:%|(?i:per\s?cent|pct)\b)")
_RATE = re.compile(r"\s*(?:(?i:a|an|per|each|every|/)\s*(?P<u>(?i:year|annum|month|week|day|quarter))\b"
                   r"|(?P<adv>(?i:annually|yearly|monthly|weekly|daily|quarterly))\b)"
                   r"(?![- ](?i:on|earlier|ago|before|later|after|over)\b)")
_RATE_ANYWHERE = re.compile(r"\b(?:(?:a|an|per|each|every)\s+(?P<u>year|annum|month|week|day)"
                            r"|(?P<adv>annually|yearly|monthly|weekly|daily))\b"
                            r"(?![- ](?:on|earlier|ago|before|later|after|over)\b)", re.I)


@cache
def _units() -> tuple[re.Pattern[str], dict[str, tuple[str, float]]]:
    """One pattern over every unit form, longest first; short forms keep their case ("Mt" vs "MT")."""
    entries = yaml.safe_load((DATA / "units.yaml").read_text(encoding="utf-8")) or []
    forms: dict[str, tuple[str, float]] = {}
    for entry in entries:
        for form in entry.get("forms") or []:
            key = str(form) if len(str(form)) <= 3 else str(form).lower()
            forms.setdefault(key, (str(entry["unit"]), float(entry.get("factor") or 1)))
    alts = []
    for form in sorted(forms, key=len, reverse=True):
        body = r"\s+".join(re.escape(w) for w in form.split())
        alts.append(body if len(form) <= 3 else f"(?i:{body})")
    if not alts:
        return re.compile(r"(?!)"), forms
    first = _first_chars(list(forms))
    return re.compile(r"(?=\s*-?\s*" + first + r")\s*-?\s*(?P<unit>" + "|".join(alts) + r")(?![\w])"), forms


def _first_chars(forms: list[str]) -> str:
    """How the forms can start: their first two letters, case-blind (a superset), to fail fast elsewhere."""
    nexts: dict[str, set[str]] = {}
    for form in forms:
        words = form.split()
        if words:
            nexts.setdefault(words[0][0], set()).add(words[0][1] if len(words[0]) > 1 else "")
    alts = [re.escape(c) if "" in n else re.escape(c) + "[" + "".join(re.escape(x) for x in sorted(n)) + "]"
            for c, n in sorted(nexts.items())]
    return "(?i:" + "|".join(alts or ["(?!)"]) + ")"


@cache
def _currencies() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """Prefix forms ("US$", "$", "USD", "Rs") and suffix forms ("dollars", "USD", "euros")."""
    entries = yaml.safe_load((DATA / "currencies.yaml").read_text(encoding="utf-8")) or []
    forms: dict[str, str] = {}
    for entry in entries:
        for form in entry.get("forms") or []:
            forms.setdefault(_fold_currency(str(form)), str(entry["code"]))
        forms.setdefault(_fold_currency(str(entry["code"])), str(entry["code"]))
    ordered = sorted(forms, key=len, reverse=True)

    def alt(form: str) -> str:
        body = r"\s*".join(re.escape(w) for w in form.split())
        return body if not form[:1].isalpha() or form.isupper() else f"(?i:{body})"  # "US dollars" folded

    prefix = [alt(f) for f in ordered if not f[-1:].isalpha() or f.isupper() or len(f) <= 3]
    suffix = [alt(f) for f in ordered if f[:1].isalpha()]
    lead = _first_chars([f for f in ordered if not f[-1:].isalpha() or f.isupper() or len(f) <= 3])
    pre = (re.compile(r"(?<![\w$])(?=" + lead + r")(?P<cur>" + "|".join(prefix) + r")\s*$") if prefix
           else re.compile(r"(?!)"))
    first = _first_chars([f for f in ordered if f[:1].isalpha()])
    suf = (re.compile(r"(?=\s*" + first + r")\s*(?P<cur>" + "|".join(suffix) + r")(?![\w])") if suffix
           else re.compile(r"(?!)"))
    return pre, suf, forms


def _fold_currency(form: str) -> str:
    return form if form.isupper() or not form[:1].isalpha() else form.lower()


# The lookahead only fails fast where no number can start (a digit or a number word's first letter).
_NUMBER_START = "".join(sorted({w[0] for w in WORDS}))
_NUMBER = re.compile(rf"(?<![\w.,])(?=\d|(?i:[{_NUMBER_START}]))"
                     rf"(?:(?P<d>{_DIGITS})|(?P<w>(?i:{_WORDNUM})))(?:(?P<s>{_SCALE})|(?![\w]))")


def parse_number(text: str) -> float | None:
    """'254,200' -> 254200.0, '2.9 million' -> 2900000.0, 'five million' -> 5000000.0."""
    m = _NUMBER.fullmatch(text.strip())
    return None if m is None else _value(m)


def _value(m: re.Match[str]) -> float:
    base = float(m["d"].replace(",", "")) if m["d"] else float(WORDS[re.sub(r"\s+", " ", m["w"].lower())])
    scale = (m["s"] or "").strip().lower()
    return base * SCALES.get(scale, 1.0)


def find_amounts(text: str) -> list[Amount]:
    """Every number in `text` with what it counts, in order."""
    unit_re, unit_forms = _units()
    pre_re, suf_re, cur_forms = _currencies()
    out: list[Amount] = []
    for m in _NUMBER.finditer(text):
        start, end = m.start(), m.end()
        value = _value(m)
        if m["w"] and not m["s"] and not unit_re.match(text, end):
            continue  # "one", "two" without a unit or scale are words, not figures
        kind: AmountKind = "number"
        unit = currency = per = None
        head = text[max(0, start - 6):start]
        pm = pre_re.search(head)
        if pm:
            currency = cur_forms[_fold_currency(re.sub(r"\s+", " ", pm["cur"]))]
            start -= len(head) - pm.start()
            kind = "money"
        elif (pc := _PERCENT.match(text, end)) is not None:
            out.append(Amount(start, pc.end(), value, "percent"))
            continue
        elif (sm := suf_re.match(text, end)) is not None:
            currency = cur_forms[_fold_currency(re.sub(r"\s+", " ", sm["cur"]))]
            end = sm.end()
            kind = "money"
        elif (um := unit_re.match(text, end)) is not None:
            key = um["unit"] if len(um["unit"]) <= 3 else re.sub(r"\s+", " ", um["unit"].lower())
            unit, factor = unit_forms.get(key, (key, 1.0))
            value *= factor
            end = um.end()
            kind = "quantity"
        elif kind == "number" and m["s"] and m["s"].strip().lower() in {"m", "b", "k"}:
            end = m.start("s")  # "5 m" is more likely metres than millions: keep the bare number
            value = _value_without_scale(m)
        rate = _RATE.match(text, end)
        if rate:
            word = (rate["u"] or rate["adv"]).lower()
            per = RATES[word]
            end = rate.end()
        elif kind == "money" and (price := _per_unit(text, end)) is not None:
            kind, end = "price", price
        out.append(Amount(start, end, value, kind, unit, currency, per))
    return out


def _value_without_scale(m: re.Match[str]) -> float:
    return float(m["d"].replace(",", "")) if m["d"] else float(WORDS[m["w"].lower()])


_PER_UNIT = re.compile(r"\s*(?:(?i:a|an|per|each)\s+|/\s*)(?i:(?:metric\s+)?"
                       r"(?:ton|tonne|kilo|kilogram|kg|pound|lb|barrel|bbl|litre|liter|unit|head|bottle|box|carton|bushel|ounce|oz|t|mt)s?)\b")


def _per_unit(text: str, end: int) -> int | None:
    """End of "per kilo", "/kg", "a tonne" after a money amount: then it is a price."""
    m = _PER_UNIT.match(text, end)
    return m.end() if m else None


def rate_in(text: str) -> str | None:
    """The rate a clause states anywhere ("annually exports 250 tons" -> "year"), or None."""
    m = _RATE_ANYWHERE.search(text)
    if m is None:
        return None
    return RATES[(m["u"] or m["adv"]).lower()]
