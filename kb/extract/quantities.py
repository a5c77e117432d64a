"""Numbers in news text: quantities with units, money with currencies, rates.

`find_amounts` reads figures as news writes them into `Amount`s: the number
after scale words and unit factors, the normalised unit (`units.yaml`) or ISO
currency (`currencies.yaml`), and `per` when the figure is a rate. It reads

- grouping: "48,300", Indian "3,45,000" and "1,23,45,678", no-break or thin
  spaces "12 500" (a plain space only before a unit, currency or scale word);
  a decimal comma only before a scale word ("1,5 million"; "1,500" is
  thousands);
- scales: "1.7 million", "$3.1bn", "$1.2-billion", "5 lakh crore", "Rs 500 cr",
  and written-out numbers ("five million", "a billion dollars", "half a
  million tonnes", "one and a half million");
- units written apart, hyphenated or fused ("52,000MT", "1,200 m³", "kt",
  "LMT", "tn"), counted goods ("40,000 bags", "12 million 60-kg bags": the
  count is bags, the size is no figure), rates in one word ("bpd", "mtpa");
- currencies before or after, symbols, codes and words ("US$", "KSh", "R2.5bn",
  "2.3 trillion won", "CFA francs"), prices ("$300 a tonne", "/t"), percents.

A range ("10,000-12,000 tonnes", "between 5 and 6 million tonnes", "$80-85 a
barrel") is one amount over both numbers whose value is the LOWER bound: what
the article asserts at least, and never a number it does not write. "from X to
Y" is a change, not a range, and stays two figures.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, NamedTuple

import yaml

from kb import gazetteers

DATA = gazetteers.DATA

AmountKind = Literal["quantity", "money", "price", "percent", "number"]

# Where a figure starts, for patterns that look for one beside a word ("with US$ 87.2 million", "worth Rs 45
# crore", "at EUR 3 million"): a currency symbol, with or without a country's letters, or a currency's letters
# before the digits. Case is kept inside, so it can sit in a pattern compiled without case.
FIGURE_START = r"(?-i:(?:[A-Z]{1,3}\s?)?[$€£¥₹]\s?|(?:Rs\.?|Sh|Dh|Tk|Rp|RM|[A-Z]{3})\s?)?\d"
# The hedges news puts before a figure ("close to", "upwards of", "just over", "an estimated"), written once for
# every pattern that looks past them to the figure; any number of them, so "just over" and "a little over" pass.
APPROX = (r"(?:(?:about|around|some|nearly|almost|roughly|approximately|circa|close\s+to|upwards\s+of|"
          r"in\s+excess\s+of|more\s+than|less\s+than|over|under|above|below|at\s+least|just|a\s+little|slightly|"
          r"well|an?\s+estimated|a\s+record|a\s+total\s+of|a\s+combined|combined|only|a\s+mere)\s+)*")


# "forty-pound boxes", "twenty-foot containers": a package's size spelled out
_SPELLED_SIZE = r"(?:ten|twelve|fifteen|twenty|twenty-five|thirty|forty|forty-five|fifty|sixty|eighty|hundred)"


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    value: float  # after scale words and the unit's factor: "2.9 million tons" -> 2900000
    kind: AmountKind
    unit: str | None = None  # normalised unit of a quantity: "t", "kg", "head", "bottles"...
    currency: str | None = None  # ISO 4217 code of money
    per: str | None = None  # "year", "month", "week", "day", "quarter" for a rate

    def __post_init__(self) -> None:
        # "4.1 million" is 4100000, not the 4099999.9999999995 that binary floating point makes of 4.1 × 10⁶
        object.__setattr__(self, "value", float(f"{self.value:.12g}"))


SCALES = {"hundred": 1e2, "dozen": 12, "thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6,
          "m": 1e6, "mil": 1e6, "mill": 1e6, "mio": 1e6, "bill": 1e9, "billion": 1e9, "bln": 1e9, "bn": 1e9,
          "bil": 1e9, "b": 1e9,
          "trillion": 1e12, "tn": 1e12, "trln": 1e12, "lakh": 1e5, "crore": 1e7, "cr": 1e7}
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
         "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
         "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90, "a": 1, "an": 1}
RATES = {"year": "year", "annum": "year", "annually": "year", "yearly": "year", "month": "month",
         "monthly": "month", "week": "week", "weekly": "week", "day": "day", "daily": "day",
         "quarter": "quarter", "quarterly": "quarter"}

_THIN = "\u00a0\u2007\u2009\u202f"  # no-break, figure, thin and narrow no-break spaces
_SCALE_WORD = (r"(?:hundred|thousand|lakh)(?:[\s-]+(?:thousand|million|billion|crore)\b)?"
               r"|million|billion|trillion|mln|bln|trln|crore|mio|dozen|mill(?=\.)|bill(?=\.)")  # "€51.2 mill."
# Letter scales ("m", "bn", "k") only right after the digits or one space, never before a letter or "m³".
_SCALE = (rf"(?:\s*-?\s*(?i:{_SCALE_WORD})\b"
          r"|\s?(?i:mn|bn|tn|mil|bil|cr)(?![\w³²])|\s?(?:m|M|b|B|k|K)(?![\w³²]))")  # "RM28.4bil": Malaysian
_ONES = "one|two|three|four|five|six|seven|eight|nine"
_WORDNUM = (rf"half\s+an?|an?(?=[\s-]+(?:{_SCALE_WORD})\b)"
            rf"|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:{_ONES}))?"
            rf"|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|{_ONES})"
            r"(?:\s+hundred)?(?:\s+and\s+a\s+half)?")
_PERCENT = re.compile(r"\s*(?:%|(?i:per\s?cent|pct|pc|percentage\s+points?)\b)")
_RATE = re.compile(r"\s*(?:(?i:a|an|per|each|every|/)\s*(?P<u>(?i:year|annum|month|week|day|quarter))\b"
                   r"|(?P<adv>(?i:annually|yearly|monthly|weekly|daily|quarterly))\b)"
                   r"(?![- ](?i:on|earlier|ago|before|later|after|over)\b)")
_RATE_ANYWHERE = re.compile(r"\b(?:(?:a|an|per|each|every)\s+(?P<u>year|annum|month|week|day)"
                            r"|(?P<adv>annually|yearly|monthly|weekly|daily))\b"
                            r"(?![- ](?:on|earlier|ago|before|later|after|over)\b)", re.I)
_TAIL_FIRST = frozenset("aApPeE/yYmMwWdDqQ")  # how a rate or a unit price can start
_RANGE_DASH = re.compile(r"\s*[-–—]\s*")
_RANGE_TO = re.compile(r"\s+(?:to|-)\s+")
_RANGE_AND = re.compile(r"\s+and\s+")
_FROM_BEFORE = re.compile(r"(?i:\bfrom)\s+(?:[A-Z$€£¥₹]{0,4}\s*)?$")
_BETWEEN_BEFORE = re.compile(r"(?i:\bbetween)\s+(?:[A-Z$€£¥₹]{0,4}\s*)?$")


UnitInfo = tuple[str, float, str | None]  # normal unit, factor, rate ("bpd": barrels, 1, day)


@dataclass(frozen=True)
class _Grammar:
    """Everything compiled once from the data files."""

    digits: re.Pattern[str]
    words: re.Pattern[str]  # over lower-cased text
    words_any_case: re.Pattern[str]  # when lower-casing changes the text's length ("İ")
    unit: re.Pattern[str]
    units: dict[str, UnitInfo]
    prefix: re.Pattern[str]
    suffix: re.Pattern[str]
    currencies: dict[str, str]
    fused: dict[str, str]
    price: re.Pattern[str]
    modifier: re.Pattern[str]
    packages: frozenset[str]
    prefix_last: frozenset[str]  # how a prefix currency can end: the only places worth a search before a number
    currency_first: frozenset[str]  # how a suffix currency can start
    unit_first: frozenset[str]  # how a unit can start
    size_units: frozenset[str]  # units that may give a package's size ("60-kg bags")


@cache
def _grammar() -> _Grammar:
    amounts = _load("amounts.yaml") or {}
    unit_forms = _unit_forms(_load("units.yaml") or [], amounts.get("rate_units") or [])
    unit_alts = _alternation(unit_forms, lambda f: len(f) <= 3)
    unit_first = _first_chars(list(unit_forms))
    unit_re = re.compile(rf"(?=\s*-?\s*{unit_first})\s*-?\s*(?P<unit>{unit_alts})(?![\w])")
    cur_forms = _currency_forms(_load("currencies.yaml") or [])
    prefix, suffix, cur_first = _currency_patterns(cur_forms)
    fused = {str(k): str(v) for k, v in (amounts.get("fused_currencies") or {}).items()}
    price_alts = "|".join(r"\s+".join(map(re.escape, str(f).split()))
                          for f in sorted(amounts.get("price_units") or [], key=len, reverse=True))
    price = re.compile(rf"\s*(?:(?i:a|an|per|each)\s+|/\s*)(?i:{price_alts or '(?!)'})(?:e?s)?(?![\w])")
    sizes = amounts.get("sizes") or {}
    size_forms = [f for f, (u, k, p) in unit_forms.items() if u in set(sizes.get("units") or []) and k == 1
                  and p is None] + [str(w) for w in sizes.get("lengths") or []]
    size_alts = "|".join(re.escape(f) for f in sorted(size_forms, key=len, reverse=True))
    modifier = re.compile(rf"\s+(?:\d{{1,3}}(?:\.\d+)?|(?i:{_SPELLED_SIZE}))\s?-?\s?(?i:{size_alts})-?(?=\s)")
    # a plain space groups thousands only before what makes the figure a quantity or money
    spaced = rf"(?=\s*-?\s*(?:{unit_first}|{cur_first}|(?i:{_SCALE_WORD})\b))"
    # The first digit is consumed before any lookbehind or alternative, so the engine skips to digits fast;
    # no number starts right after a digit, point or comma, so no start scans a long run twice.
    digits = re.compile(r"(?P<d>\d(?<![\d.,]\d)(?:\d{0,2}(?:,\d{3})+(?![\d,]\d)"  # 48,300
                        r"|\d?(?:,\d\d)+,\d{3}(?![\d,]\d)"  # 3,45,000 (lakh grouping)
                        rf"|\d{{0,2}}(?:[{_THIN}]\d{{3}})+(?!\d)"  # 12 500 (no-break or thin space)
                        rf"|\d{{0,2}}(?: \d{{3}})+,\d{{1,2}}(?![\d,]){spaced}"  # 2 914,6 tons (a decimal comma)
                        rf"|\d{{0,2}}(?: \d{{3}})+(?![\d,.]?\d){spaced}"  # 12 500 tonnes
                        r"|\d*)(?:\.\d+)?)"
                        rf"(?P<dc>,\d{{1,2}}(?![\d,])(?=\s*-?\s*(?i:{_SCALE_WORD})\b))?"  # 1,5 million
                        rf"(?P<s>{_SCALE})?(?P<w>(?!))?")
    # Run over the lower-cased text: a trie of the first words fails fast where no number word starts.
    words = re.compile(rf"(?<![\w.,-])(?={_trie([*WORDS, 'half'])}\b)(?P<w>{_WORDNUM})\b(?P<s>{_SCALE})?"
                       r"(?P<d>(?!))?(?P<dc>(?!))?")
    packages = frozenset(str(p) for p in amounts.get("packages") or [])
    prefix_last = frozenset(c for f in cur_forms for c in (f[-1], f[-1].lower(), f[-1].upper())) | set(fused)
    return _Grammar(digits, words, re.compile(words.pattern, re.I), unit_re, unit_forms, prefix, suffix, cur_forms,
                    fused, price, modifier, packages, prefix_last, _initials(f for f in cur_forms if f[:1].isalpha()),
                    _initials(unit_forms), frozenset(str(u) for u in sizes.get("units") or []))


def _initials(forms: Any) -> frozenset[str]:
    return frozenset(c for f in forms for c in (f[0], f[0].lower(), f[0].upper()))


def _trie(words: list[str], space: str = r"\s+") -> str:
    """A regex of `words` as a trie ("t(?:en|wo)"): the engine follows one branch per letter instead of
    trying every word, and prefers the longest word that fits. A space in a word matches `space`."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alts = [(space if ch == " " else re.escape(ch)) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + build(tree) + ")"


def _load(name: str) -> Any:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def _unit_key(form: str) -> str:
    """Forms of up to 3 characters keep their case ("Mt" million tonnes, "MT" metric tons)."""
    return form if len(form) <= 3 else re.sub(r"\s+", " ", form.lower())


def _unit_forms(entries: list[dict[str, Any]], rates: list[dict[str, Any]]) -> dict[str, UnitInfo]:
    forms: dict[str, UnitInfo] = {}
    for entry in [*entries, *rates]:
        info = (str(entry["unit"]), float(entry.get("factor") or 1), entry.get("per"))
        for form in entry.get("forms") or []:
            forms.setdefault(_unit_key(str(form)), info)
    return forms


def _alternation(forms: dict[str, Any] | list[str], exact: Any, space: str = r"\s+") -> str:
    """All forms as two tries, the case-blind words first (they are the longer ones: "CFA francs" before
    "CFA"); `exact(form)` says which forms keep their case. Words inside a form are joined by `space`."""
    folded = [" ".join(f.split()).lower() for f in forms if not exact(f)]
    kept = [" ".join(f.split()) for f in forms if exact(f)]
    alts = ([f"(?i:{_trie(folded, space)})"] if folded else []) + ([_trie(kept, space)] if kept else [])
    return "|".join(alts) or "(?!)"


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


def _fold_currency(form: str) -> str:
    form = re.sub(r"\s+", " ", form)
    return form if form.isupper() or not form[:1].isalpha() else form.lower()


def _currency_code(g: _Grammar, form: str) -> str | None:
    """The ISO code of a currency form as matched; none when the match's case names no currency ("2082 BS.", a
    Nepali calendar year, matched by a case-blind trie of "Bs." forms)."""
    return g.currencies.get(_fold_currency(form))


def _currency_forms(entries: list[dict[str, Any]]) -> dict[str, str]:
    forms: dict[str, str] = {}
    for entry in entries:
        for form in [*(entry.get("forms") or []), entry["code"]]:
            forms.setdefault(_fold_currency(str(form)), str(entry["code"]))
    return forms


def _case_kept(form: str) -> bool:
    """Symbols, capitals and short forms with a capital ("Sh", "Rs") keep their case; words do not."""
    return not form[:1].isalpha() or form.isupper() or (len(form) <= 3 and not form.islower())


def _currency_patterns(forms: dict[str, str]) -> tuple[re.Pattern[str], re.Pattern[str], str]:
    """Prefix forms ("US$", "$", "USD", "Rs") and suffix forms ("dollars", "USD", "euros")."""
    prefixes = [f for f in forms if not f[-1:].isalpha() or f.isupper() or len(f) <= 3]
    suffixes = [f for f in forms if f[:1].isalpha()]
    lead, first = _first_chars(prefixes), _first_chars(suffixes)
    pre_alts, suf_alts = _alternation(prefixes, _case_kept, r"\s*"), _alternation(suffixes, _case_kept, r"\s*")
    pre = re.compile(rf"(?<![\w$])(?={lead})(?P<cur>{pre_alts})\s*$")
    suf = re.compile(rf"(?=\s*{first})\s*(?P<cur>{suf_alts})(?![\w])")
    return pre, suf, first


# ---------------------------------------------------------------- numbers

def parse_number(text: str) -> float | None:
    """'254,200' -> 254200.0, '2.9 million' -> 2900000.0, 'five million' -> 5000000.0."""
    g = _grammar()
    m = g.digits.fullmatch(text.strip()) or g.words.fullmatch(text.strip())
    return None if m is None else _base(m) * _scale(m)


def _base(m: re.Match[str]) -> float:
    """The number as written, before its scale: "3,45,000" -> 345000, "1,5" -> 1.5, "half a" -> 0.5."""
    d = m["d"]
    if d is None:
        return _word_value(m["w"])
    if m["dc"]:  # "1,5 million"; "2.130,5 million", whose point groups thousands
        return float(re.sub(rf"[,.\s{_THIN}]", "", d) + "." + m["dc"][1:])
    if _SPACED_DECIMAL.search(d):  # "2 914,6": spaces group thousands, the comma marks the decimals
        return float(d.replace(" ", "").replace(",", "."))
    return float(d) if d.isdigit() else float(re.sub(rf"[,\s{_THIN}]", "", d))


_SPACED_DECIMAL = re.compile(r" \d{3},\d{1,2}$")


def _word_value(words: str) -> float:
    parts = re.split(r"[\s-]+", words.lower())
    if parts[0] == "half":
        return 0.5
    half = parts[-3:] == ["and", "a", "half"]
    value = 0.0
    for w in parts[:-3] if half else parts:
        value = value * 100 if w == "hundred" else value + WORDS[w]
    return value + (0.5 if half else 0.0)


def _scale(m: re.Match[str]) -> float:
    factor = 1.0
    for w in re.split(r"[\s-]+", (m["s"] or "").strip(" -").lower()):
        factor *= SCALES.get(w, 1.0)
    return factor


# ---------------------------------------------------------------- one figure

class _Read(NamedTuple):
    """One figure as read, with what range joining needs: the number as written and its own scale."""

    amount: Amount
    base: float
    scaled: bool


def find_amounts(text: str, decimal_comma: bool | None = None, pounds_weigh: bool | None = None) -> list[Amount]:
    """Every number in `text` with what it counts, in order. `decimal_comma`: whether the whole article writes
    decimals with a comma and groups thousands with a point; `pounds_weigh`: whether its bare "pounds" are
    weight (each decided from `text` itself when not given)."""
    g = _grammar()
    reads: list[_Read] = []
    last = 0
    low = text.lower()
    words = list(g.words.finditer(low) if len(low) == len(text) else g.words_any_case.finditer(text))
    found = heapq.merge(g.digits.finditer(text), words, key=_start) if words else g.digits.finditer(text)
    for m in found:
        if m.start() < last:
            continue  # inside the figure before ("60" of "12 million 60-kg bags")
        if m.start() >= 2 and text[m.start() - 1] in "'’" and text[m.start() - 2].isalpha():
            continue  # a year's last digits: "Oct'26", "FY'24"
        r = _read(text, m, g)
        if r is not None:
            reads.append(r)
            last = r.amount.end
    amounts = [r.amount for r in reads] if len(reads) < 2 else \
        [r.amount for r in _shared_units(text, _join_ranges(text, _compounds(text, reads), g))]
    comma = writes_decimal_commas(text) if decimal_comma is None else decimal_comma
    amounts = _points_as_thousands(text, amounts) if comma else _padded_thousands(text, amounts)
    weigh = writes_pounds_as_weight(text) if pounds_weigh is None else pounds_weigh
    amounts = [_instances(text, a) for a in amounts]
    return [_as_weight(text, a) for a in amounts] if weigh else amounts


_IN_BEFORE = re.compile(r"\bin\s+$", re.I)


def _instances(text: str, a: Amount) -> Amount:
    """"in 1,200 cases": instances, not cases of goods ("5.6 million cases" of whisky)."""
    if a.unit == "cases" and _IN_BEFORE.search(text, max(0, a.start - 4), a.start):
        number = text[a.start:a.end].rsplit(None, 1)[0]  # the figure without its unit word
        return Amount(a.start, a.start + len(number), a.value, "number", None, None, None)
    return a


# "262.4 million pounds" of shrimp in a story that prices it "$2.21 per pound": its pounds weigh, they do not pay
_POUND_MONEY = re.compile(r"£|\bsterling\b|\bGBP\b|\b(?:British|UK|Egyptian|Lebanese|Sudanese|Syrian)\s+pounds?\b|"
                          r"\bthe\s+pound\b|\bpounds?\s+(?:a|per)\s+(?:kilo|kg|kilogram|tonne|ton)\b", re.I)
_POUND_WEIGHT = re.compile(r"\b(?:per|a)\s+pound\b|\bpounds\s+of\s+[a-z]|\d\s*lbs?\b"
                           # "US pork to Mexico rose 44.1m pounds": goods US trade data weighs in pounds
                           r"|\b(?:pork|beef|poultry|chicken|turkey|lamb|cotton|soybeans?|meat|cheese|butter|shrimp)\b"
                           r"(?:[^.;]|\.(?=\d)){0,80}?\d\s*(?:m|mn|million|bn|billion)?\s+pounds\b", re.I)
_BARE_POUNDS = re.compile(r"\bpounds?$")


def writes_pounds_as_weight(text: str) -> bool:
    if "pound" not in text and "lb" not in text and "Pound" not in text:
        return False  # most stories never weigh or pay in pounds: no pattern to run
    return bool(_POUND_WEIGHT.search(text)) and not _POUND_MONEY.search(text)


def _as_weight(text: str, a: Amount) -> Amount:
    if a.kind == "money" and a.currency == "GBP" and _BARE_POUNDS.search(text, a.start, a.end):
        return Amount(a.start, a.end, a.value, "quantity", "lb", None, a.per)
    return a


# "812,6 million dollars" beside "178.420 tonnes": a text that writes decimals with a comma groups thousands with
# a point (as Spanish, Portuguese and much of Europe do), unless it also writes decimals with a point.
_COMMA_DECIMAL = re.compile(r"(?<![\d.,])\d{1,3},\d{1,2}(?![\d,])")
_POINT_DECIMAL = re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?![\d.])")
_FIRST_DIGIT = re.compile(r"\d")
_POINT_GROUPS = re.compile(r"\d{1,3}((?:\.\d{3})+)(?![\d.])")


# "352.640 tons", "each with less than 5.000 tons": thousands grouped with a point before a unit, in a text that
# never groups them with a comma
_UNIT_AFTER = r"\s*(?:tons|tonnes|tonne|ton|t|kg|kilos|kilograms|boxes|cartons|bags|head|units|litres|liters)\b"
_POINT_THOUSANDS = re.compile(rf"(?<![\d.,])\d{{1,3}}\.\d{{3}}(?![\d.,]){_UNIT_AFTER}")
_ROUND_POINT_THOUSANDS = re.compile(rf"(?<![\d.,])\d{{1,3}}\.000(?![\d.,]){_UNIT_AFTER}")
_COMMA_GROUPS = re.compile(r"\d,\d{3}(?!\d)")


def writes_decimal_commas(text: str) -> bool:
    if _COMMA_DECIMAL.search(text) and not _POINT_DECIMAL.search(text):
        return True
    # points for thousands alone, without a decimal comma to show it: several figures or a round one
    return not _COMMA_GROUPS.search(text) and (
        bool(_ROUND_POINT_THOUSANDS.search(text)) or len(_POINT_THOUSANDS.findall(text)) >= 3)


def _points_as_thousands(text: str, amounts: list[Amount]) -> list[Amount]:
    out = []
    for a in amounts:
        digits = _FIRST_DIGIT.search(text, a.start, a.end)  # "US$1.205 million": the number after the currency
        m = _POINT_GROUPS.match(text, digits.start()) if digits else None
        if m is not None and a.kind in ("quantity", "money", "number"):
            a = Amount(a.start, a.end, a.value * 1000 ** m.group(1).count("."), a.kind, a.unit, a.currency, a.per)
        out.append(a)
    return out


# "taking 702.400 tons" in a text that otherwise groups thousands with a comma: no one pads a decimal tonnage with
# zeros, so the point groups thousands here too
_PADDED_POINT_THOUSANDS = re.compile(rf"(?<![\d.,])\d{{1,3}}\.\d00(?![\d.,]){_UNIT_AFTER}")


def _padded_thousands(text: str, amounts: list[Amount]) -> list[Amount]:
    return [Amount(a.start, a.end, a.value * 1000, a.kind, a.unit, a.currency, a.per)
            if a.kind == "quantity" and _PADDED_POINT_THOUSANDS.match(text, a.start) else a for a in amounts]


def _compounds(text: str, reads: list[_Read]) -> list[_Read]:
    """"17 thousand 310 tons", "1 million 250 thousand tonnes": a scaled number and a smaller figure right after
    it are one figure (the way some agencies write numbers)."""
    out: list[_Read] = []
    for r in reads:
        prev = out[-1] if out else None
        if prev is not None and prev.amount.kind == "number" and prev.scaled and r.amount.kind != "number" \
                and text[prev.amount.end:r.amount.start].strip() == "" and 0 < r.amount.value < _scale_of(prev):
            a, b = prev.amount, r.amount
            out[-1] = _Read(Amount(a.start, b.end, a.value + b.value, b.kind, b.unit, b.currency, b.per), a.value, True)
            continue
        out.append(r)
    return out


def _scale_of(r: _Read) -> float:
    """The scale word's value of a scaled number read ("17 thousand": 1000)."""
    return r.amount.value / r.base if r.base else 1.0


# "3.2 and 1.1 million tonnes", "12,000, 8,500 and 3,100 tonnes": a list of numbers whose last carries the unit
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)")


def _shared_units(text: str, reads: list[_Read]) -> list[_Read]:
    """Bare numbers listed before a figure with a unit (or currency) take its unit and its scale."""
    out = list(reads)
    for i in range(len(out) - 1, 0, -1):
        head = out[i]
        if head.amount.kind not in ("quantity", "money", "price"):
            continue
        j = i - 1
        while j >= 0 and _bare_like(out[j], head) and _LIST_GAP.fullmatch(text, out[j].amount.end,
                                                                           out[j + 1].amount.start) \
                and not (1900 <= out[j].amount.value <= 2100 and float(out[j].amount.value).is_integer()):
            a, b = out[j].amount, head.amount
            value = a.value if out[j].scaled else out[j].base * (b.value / head.base if head.base else 1.0)
            out[j] = _Read(Amount(a.start, a.end, value, b.kind, b.unit, b.currency, b.per), out[j].base, True)
            j -= 1
    return out


def _bare_like(r: _Read, head: _Read) -> bool:
    """A number without a unit, or "$2.1" without the scale of "$0.9 billion" after it."""
    a, b = r.amount, head.amount
    if a.kind == "money" and b.kind == "price":
        return a.currency == b.currency  # "$300 and $400 a tonne": two prices
    return a.kind == "number" or (a.kind == b.kind == "money" and a.currency == b.currency and not r.scaled
                                  and head.scaled and a.per is None)


def _start(m: re.Match[str]) -> int:
    return m.start()


def _read(text: str, m: re.Match[str], g: _Grammar) -> _Read | None:
    start, end = m.start(), m.end()
    pre = _prefix_currency(text, m, g)
    if pre is not None and pre[1] < 0:
        return None  # "G20", "COVID-19", "1,5" read from its "5", or a fused letter refused ("N95")
    base, scale = _base(m), (_scale(m) if m["s"] else 1.0)
    scale_word = (m["s"] or "").strip(" -").lower()
    if scale_word == "tn" and pre is None and not g.suffix.match(text, end):
        end, scale = m.start("s"), 1.0  # "45 tn" is tonnes; "$1.2 tn" and "2 tn won" are trillions
    if pre is not None:
        return _tail(text, _Read(Amount(pre[1], end, base * scale, "money", currency=pre[0]), base, bool(m["s"])), g)
    after = _after(text, end, base * scale, g)
    if after is None:
        return None  # a size ("60-kg bags"), or letters fused to the digits that are no unit ("5th")
    end, value, kind, unit, currency, per = after
    if kind == "number" and m["w"] and scale < 1000:
        return None  # "one", "two", "a dozen" without a unit are words, not figures
    if kind == "number" and scale_word in {"m", "b", "k"}:
        return _Read(Amount(start, m.start("s"), base, "number"), base, False)  # "5 m": metres more likely
    read = _Read(Amount(start, end, value, kind, unit, currency, per), base, bool(m["s"]))
    return read if kind == "percent" else _tail(text, read, g)


def _prefix_currency(text: str, m: re.Match[str], g: _Grammar) -> tuple[str, int] | None:
    """(currency, start) of "US$", "Rs", "KSh" before the number, or start -1 when the number is no figure."""
    start = m.start()
    prev = text[start - 1] if start else " "
    if prev == "-" and text[start - 2:start - 1].isalpha():
        return "", -1
    near = text[start - 2] if prev.isspace() and start > 1 else prev
    if near in g.prefix_last:
        head = text[max(0, start - 6):start]
        pm = g.prefix.search(head)
        if pm:
            code = _currency_code(g, pm["cur"])
            if code is not None:
                return code, start - len(head) + pm.start()
    if not (prev.isalpha() or prev == "_"):
        return None
    for size in (2, 1):  # "RO318.5mn" (Omani rials), "R2.5 billion" (rand)
        letters = text[max(0, start - size):start]
        alone = start <= size or not text[start - size - 1].isalnum()
        if len(letters) == size and letters in g.fused and alone and m["w"] is None:
            ok = bool(m["s"]) or not m["d"].isdigit() or len(m["d"]) >= 4
            return (g.fused[letters], start - size) if ok else ("", -1)
    return "", -1  # letters fused before the digits: "G20", "Q1", "COVID19"


_Figure = tuple[int, float, AmountKind, str | None, str | None, str | None]  # end, value, kind, unit, currency, per


def _after(text: str, end: int, value: float, g: _Grammar) -> _Figure | None:
    """What follows the number: a percent sign, a currency, a unit; None to drop the number."""
    c = _next_char(text, end)
    if c == "." and (unit_after := _unit_after_stray_point(text, end, g)) is not None:
        unit, factor, per, unit_end = unit_after  # "15.6 thousand. Tons": a machine translation's stray point
        return unit_end, value * factor, "quantity", unit, None, per
    if c in "%pP" and (pc := _PERCENT.match(text, end)) is not None:
        return pc.end(), value, "percent", None, None, None
    if c in g.currency_first and (sm := g.suffix.match(text, end)) is not None \
            and (code := _currency_code(g, sm["cur"])) is not None:
        return sm.end(), value, "money", None, code, None
    if c.isalnum() and not 1900 <= value <= 2100 \
            and (mod := g.modifier.match(text, end)) is not None:  # "12 million 60-kg bags", "610 forty-pound boxes"
        um = g.unit.match(text, mod.end())
        if um is not None and _unit(um, g)[0] in g.packages:  # "12 million 60-kg bags"
            unit, factor, per = _unit(um, g)
            return um.end(), value * factor, "quantity", unit, None, per
    if c in g.unit_first and (um := g.unit.match(text, end)) is not None:
        unit, factor, per = _unit(um, g)
        if unit in g.size_units and (pk := g.unit.match(text, um.end())) is not None \
                and _unit(pk, g)[0] in g.packages and text[um.end():pk.start()].strip() == "":
            return None  # "60-kg bags": the size of each bag, not a figure
        return um.end(), value * factor, "quantity", unit, None, per
    if text[end:end + 1].isalpha():
        return None  # letters fused to the digits that are no unit: "5th", "3D"
    grade = _GRADE.match(text, end)  # "74,100 GB bags": a grade's initials between the number and its packages
    if grade is not None and (pk := g.unit.match(text, grade.end())) is not None and _unit(pk, g)[0] in g.packages:
        unit, factor, per = _unit(pk, g)
        return pk.end(), value * factor, "quantity", unit, None, per
    return end, value, "number", None, None, None


_GRADE = re.compile(r"\s+[A-Z]{2,4}(?=\s)")
_SCALE_BEFORE = re.compile(r"\b(?:thousand|million|mln|thous)$", re.I)
_STRAY_POINT = re.compile(r"\.\s(?=[A-Z][a-z])")


def _unit_after_stray_point(text: str, end: int, g: _Grammar) -> tuple[str, float, str | None, int] | None:
    """"15.6 thousand. Tons": a scale word, a stray point and a capitalised unit, as machine translations print them."""
    point = _STRAY_POINT.match(text, end)
    if point is None or not _SCALE_BEFORE.search(text, max(0, end - 10), end):
        return None
    tail = text[point.end():point.end() + 24]
    um = g.unit.match(tail[:1].lower() + tail[1:])
    if um is None:
        return None
    unit, factor, per = _unit(um, g)
    return unit, factor, per, point.end() + um.end()


def _next_char(text: str, pos: int) -> str:
    """The first character after `pos` past a few spaces and a hyphen ("" at the end)."""
    j, n = pos, len(text)
    while j < n and j - pos < 8 and (text[j].isspace() or text[j] == "-"):
        j += 1
    return text[j:j + 1]


def _unit(um: re.Match[str], g: _Grammar) -> UnitInfo:
    key = _unit_key(um["unit"])
    return g.units.get(key, (key, 1.0, None))


def _tail(text: str, read: _Read, g: _Grammar) -> _Read:
    """A rate ("a year") or, after money, a unit price ("per kilo", "/t")."""
    a = read.amount
    j = a.end
    while j < len(text) and j - a.end < 4 and text[j].isspace():
        j += 1
    if text[j:j + 1] not in _TAIL_FIRST:
        return read
    rate = _RATE.match(text, a.end)
    if rate and a.per is None:
        per = RATES[(rate["u"] or rate["adv"]).lower()]
        a = Amount(a.start, rate.end(), a.value, a.kind, a.unit, a.currency, per)
    elif a.kind == "money" and (price := g.price.match(text, a.end)) is not None:
        a = Amount(a.start, price.end(), a.value, "price", a.unit, a.currency, a.per)
    return _Read(a, read.base, read.scaled)


# ---------------------------------------------------------------- ranges

def _join_ranges(text: str, reads: list[_Read], g: _Grammar) -> list[_Read]:
    """"10,000-12,000 tonnes", "between 5 and 6 million tonnes": one amount, the lower bound."""
    out: list[_Read] = []
    for r in reads:
        prev = out[-1] if out else None
        joined = _joined(text, prev, r, g) if prev is not None else None
        if joined is not None:
            out[-1] = joined
        else:
            out.append(r)
    return out


def _joined(text: str, lo: _Read, hi: _Read, g: _Grammar) -> _Read | None:
    a, b = lo.amount, hi.amount
    if b.start - a.end > 9 or not _range_gap(text, a, b):
        return None
    if a.kind == "number" and b.kind != "number":
        own = a.value if lo.scaled else lo.base * (b.value / hi.base if hi.base else 1.0)  # "5-6 million tonnes"
        joined = Amount(a.start, b.end, own, b.kind, b.unit, b.currency, b.per)
    elif a.kind == "money" and b.kind == "number" and a.per is None:
        own = a.value if lo.scaled else lo.base * (b.value / hi.base if hi.base else 1.0)  # "$5-6 million"
        return _tail(text, _Read(Amount(a.start, b.end, own, "money", None, a.currency), lo.base, True), g)
    elif (a.kind, a.unit, a.currency) == (b.kind, b.unit, b.currency) and a.kind != "number" \
            and not _RANGE_TO.fullmatch(text[a.end:b.start]):  # "$5 million-$6 million", "between 5% and 7%"
        joined = Amount(a.start, b.end, a.value, b.kind, b.unit, b.currency, b.per or a.per)
    else:
        return None
    return _Read(joined, lo.base, True)


def _range_gap(text: str, a: Amount, b: Amount) -> bool:
    """A dash, "to" (not after "from": "rose from 5 to 6 tonnes" is a change), or "between X and"."""
    gap = text[a.end:b.start]
    before = text[max(0, a.start - 12):a.start]
    if a.kind == "number" and 1900 <= a.value <= 2100 and text[a.start:a.end].isdigit():
        return False  # "rose in 2022 to 12,000 tonnes": a year, not a bound
    if _RANGE_DASH.fullmatch(gap):
        return not _FROM_BEFORE.search(before)
    if _RANGE_TO.fullmatch(gap):
        return not _FROM_BEFORE.search(before) and a.kind == "number"
    return bool(_RANGE_AND.fullmatch(gap) and _BETWEEN_BEFORE.search(before))


def rate_in(text: str) -> str | None:
    """The rate a clause states anywhere ("annually exports 250 tons" -> "year"), or None."""
    for m in _RATE_ANYWHERE.finditer(text):
        if m["adv"] and _RECORD_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            continue  # "its highest monthly intake": a record, not a rate
        return RATES[(m["u"] or m["adv"]).lower()]
    return None


_RECORD_BEFORE = re.compile(r"\b(?:highest|lowest|largest|biggest|smallest|strongest|weakest|best|worst|record|"
                            r"first|average)\s+$", re.I)


def counted(text: str, start: int, end: int) -> bool:
    """Whether the number at text[start:end] counts something: a currency before it, or a unit, a percent or
    a currency after it ("2000 tonnes", "Rs 2020 a quintal" are no years).

    Currency words of three lower-case letters ("won", "sol", "yen") are left out: "in 2023 won a bid".
    """
    g = _grammar()
    head = text[max(0, start - 6):start]
    if head.rstrip()[-1:] in g.prefix_last and g.prefix.search(head):
        return True
    c = _next_char(text, end)
    if c in "%pP" and _PERCENT.match(text, end):
        return True
    if c in g.unit_first and g.unit.match(text, end):
        return True
    sm = g.suffix.match(text, end) if c in g.currency_first else None
    return sm is not None and not (len(sm["cur"]) <= 3 and sm["cur"].islower())
