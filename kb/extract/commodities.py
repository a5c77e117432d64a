"""Commodity phrases and their Harmonized System heading (`data/hs_headings.yaml`).

A phrase is matched on its head noun phrase with plurals folded: "fresh
Peruvian pears" tries "fresh peruvian pear", "peruvian pear", "pear".
An entry whose `hs` is a chapter (two digits) gives a chapter; a term listed
with no `hs` maps to none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import yaml

from kb import gazetteers

DATA = gazetteers.DATA

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
    name: str  # the surface words, lower case: "fresh pears"
    hs: str | None


@cache
def _entries() -> list[dict]:
    """hs_headings.yaml, read once for every index built from it."""
    return yaml.safe_load((DATA / "hs_headings.yaml").read_text(encoding="utf-8")) or []


@cache
def _index() -> dict[str, str | None]:
    """Folded term -> HS code (None when the data says the term has no clear heading)."""
    out: dict[str, str | None] = {}
    as_written: set[str] = set()  # keys a term gave in its own words, not folded from a plural
    for entry in _entries():
        hs = entry.get("hs")
        hs = None if hs in (None, "") else str(hs)
        for term in [*(entry.get("terms") or [])]:
            key = fold(str(term))
            if key == str(term).lower() and key not in as_written:
                # "pepper" (the spice, 0904) over the plural "peppers" (the vegetable, 0709) folded to it
                out[key] = hs
                as_written.add(key)
            else:
                out.setdefault(key, hs)
    out.setdefault(fold("dates"), _DATES_HS)  # never matched alone (see _DATES_MARKED), but a heading once marked
    return out


@cache
def _descriptions() -> dict[str, str]:
    """HS code -> its heading's description, folded, commas as spaces."""
    return {str(e["hs"]): " ".join(fold(str(e.get("description") or "")).replace(",", " ").split())
            for e in _entries() if e.get("hs")}


def names_heading(word: str, hs: str) -> bool:
    """Whether a word is what the heading itself calls its goods ("nuts" for 0802 "Other nuts, fresh or dried",
    "spices" for 0910), not one kind among them ("lentil" for 0713)."""
    folded = fold(word)
    description = _descriptions().get(hs, "")
    return bool(folded) and (description.startswith(f"{folded} ") or f"other {folded}" in description)


@cache
def _surfaces() -> dict[str, str | None]:
    """Lower-case surface form -> HS: every term as the data writes it, and its plural.

    A plural term is not matched in the singular: "roses" must not find the verb "rose".
    """
    out: dict[str, str | None] = {}
    for entry in _entries():
        hs = entry.get("hs")
        hs = None if hs in (None, "") else str(hs)
        for term in entry.get("terms") or []:
            words = str(term).lower().split()
            if not words:
                continue
            out.setdefault(" ".join(words), hs)
            out.setdefault(" ".join([*words[:-1], _plural(words[-1])]), hs)
    return out


def _plural(word: str) -> str:
    if word.endswith("s"):
        return word
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("ch", "sh", "x", "z")):
        return word + "es"
    return word + "s"


_FISH_FORMS = {"fresh": "0302", "chilled": "0302", "frozen": "0303", "fillet": "0304", "fillets": "0304",
               "dried": "0305", "salted": "0305", "smoked": "0305"}


@cache
def _two_word_starts() -> frozenset[tuple[str, str]]:
    """The first two words (lower case) of every term of two words or more: a cheap test before a search."""
    return frozenset(tuple(key.split()[:2]) for key in _surfaces() if len(key.split()) >= 2)


def may_start_term(first: str, second: str) -> bool:
    """Whether a term may begin with these two words ("greenland halibut", "brazil nuts")."""
    return (first.lower(), second.lower()) in _two_word_starts()


def hs_for(phrase: str) -> str | None:
    """HS code of a commodity phrase, trying ever shorter tails of it ("fresh pears" -> "pear")."""
    surface = " ".join(phrase.lower().split())
    if surface in _surfaces() and " " not in surface:
        return _surfaces()[surface]  # "peppers" as written (0709), not folded to the spice "pepper" (0904)
    index = _index()
    words = fold(phrase).split()
    for i in range(len(words)):
        key = " ".join(words[i:])
        if key in index:
            code = index[key]
            if i and words[0] == "frozen" and code and len(code) >= 4:
                # frozen fruit is 0811, frozen vegetables 0710, unless the data names the frozen form
                if "0803" <= code[:4] <= "0810":
                    return "0811"
                if "0701" <= code[:4] <= "0709":
                    return "0710"
            if i and code == "03":  # a fish named by species: its form gives the heading ("fresh cod" 0302)
                form = next((_FISH_FORMS[w] for w in words[:i] if w in _FISH_FORMS), None)
                return form or code
            return code
    return None


def is_term(phrase: str) -> bool:
    """Whether the data lists exactly this phrase (plurals folded)."""
    return fold(phrase) in _index()


def known(phrase: str) -> bool:
    """Whether the data knows the phrase's head (even as having no heading)."""
    index = _index()
    words = fold(phrase).split()
    return any(" ".join(words[i:]) in index for i in range(len(words)))


def trie_regex(words: list[str], space: str = " ") -> str:
    """A regex body matching exactly `words`, branching one character at a time.

    `re` tries an alternation's branches one by one at every position; a trie makes
    that one character test per level, so thousands of words cost little more than
    one. Greedy branches make the longest word win. A space in a word becomes `space`.
    """
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        alts = [(space if ch == " " else re.escape(ch)) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


@cache
def _pattern() -> re.Pattern[str]:
    """Every surface form as one character trie, on word boundaries of lower-case ASCII text.

    A term starts at a letter not preceded by a letter (nor by a letter and "'" or "-") and
    ends where the word ends; the trie's greedy branches make the longest form win.
    """
    body = trie_regex(list(_surfaces())) or "(?!)"
    return re.compile(rf"(?<![a-z])(?<![a-z]['-])(?:{body})(?![a-z'-])", re.ASCII)


# Goods words that headlines use as verbs: "Japan and Mongolia ink a pact", "iron out differences".
_VERB_SENSE = re.compile(r"(?:inks?|inked)\s+(?:[\w'’-]+\s+){0,4}?(?:deals?|pacts?|agreements?|accords?|mous?|"
                         r"memorand(?:um|a)|protocols?|contracts?|treat(?:y|ies)|arrangements?)\b|"
                         r"iron(?:s|ed|ing)?\s+out\b")


def find_commodities(text: str) -> list[Commodity]:
    """Known commodity terms in `text`, longest first at each word, with their name and HS code."""
    surfaces = _surfaces()
    lower = text.lower()
    if len(lower) != len(text):  # a character whose lower case is longer: match case-blind instead
        lower = re.sub(r"[^\x00-\x7f]", " ", text).lower()
    out: list[Commodity] = []
    for m in _pattern().finditer(lower):
        key = m.group()
        if _VERB_SENSE.match(lower, m.start()):
            continue
        out.append(Commodity(m.start(), m.end(), key, surfaces[key]))
    return _with_attributive(lower, _with_marked_dates(text, out))


# "dates" is left out of the data (calendar dates are far more common in news), but are the fruit where an origin
# or a trade word marks them: "Tunisian dates", "exports of dried dates", "date exports", "the dates sector"
_DATES_HS = "0804"
_DATES_MARKED = re.compile(r"\b(?:[A-Z][a-z]+(?:an|i|ese|ish)\s+|(?:Medjool|Deglet\s+Nour)\s+|(?i:exports?|imports?|"
                           r"shipments?|sales|tonnes|tons|kilos|kg|consignments?|cartons|boxes|containers|supplies)\s+"
                           r"of\s+(?:(?i:fresh|dried|premium|organic|quality)\s+)?)(?P<g>dates)\b"
                           r"|\b(?P<h>[Dd]ates?)(?=\s+(?:exports?|shipments?|imports?|growers|producers|farmers|palms?|"
                           r"sector|industry|crop|harvest|season|packers|packing|processors|market)\b)")


def _with_marked_dates(text: str, found: list[Commodity]) -> list[Commodity]:
    """The terms found, and dates where a mark makes them the fruit (not where a longer term holds them)."""
    marked = [Commodity(m.start(g), m.end(g), "dates", _DATES_HS) for m in _DATES_MARKED.finditer(text)
              for g in ("g", "h") if m.group(g)]
    if not marked:
        return found
    taken = [(c.start, c.end) for c in found]
    new = [c for c in marked if not any(a < c.end and c.start < b for a, b in taken)]
    return sorted([*found, *new], key=lambda c: c.start)


# "crude coconut oil (CNO)": goods, then the initials the article calls them by
_DEFINED_AFTER = re.compile(r"\s*\((?P<abbr>[A-Z]{2,6})\)")
_PHRASE_BEFORE = re.compile(r"(?:[a-z][a-z-]*\s+){0,3}$")
_NOT_IN_PHRASE = frozenset(("and", "or", "the", "of", "a", "an", "its", "their"))


def defined_goods(text: str, found: list[Commodity]) -> dict[str, tuple[str, str | None]]:
    """The initials an article defines for known goods, with the goods they stand for ("CNO": crude coconut oil)."""
    out: dict[str, tuple[str, str | None]] = {}
    for t in found:
        m = _DEFINED_AFTER.match(text, t.end)
        if m is None:
            continue
        words = text[_PHRASE_BEFORE.search(text, 0, t.start).start():t.end].lower().split()  # type: ignore[union-attr]
        cut = max((i + 1 for i, w in enumerate(words) if w in _NOT_IN_PHRASE), default=0)
        words = words[cut:]  # "copra meal and crude coconut oil (CNO)": the goods after the last link
        out[m["abbr"]] = (" ".join(words), t.hs)
    return out


def with_defined_initials(text: str, found: list[Commodity]) -> list[Commodity]:
    """The known terms of an article, and each use of the initials it defines for one, as that term."""
    initials = {m["abbr"]: t for t in found if (m := _DEFINED_AFTER.match(text, t.end))}
    if not initials:
        return found
    pattern = re.compile(r"(?<![\w(])(" + "|".join(map(re.escape, initials)) + r")(?![\w)])")
    more = [Commodity(m.start(), m.end(), initials[m[1]].name, initials[m[1]].hs) for m in pattern.finditer(text)]
    return sorted([*found, *more], key=lambda t: t.start)


def _with_attributive(lower: str, found: list[Commodity]) -> list[Commodity]:
    """"hazelnut exports", "almond growers": a plural term in the singular before a trade noun (the singular
    alone is not read, so that "rose" stays a verb)."""
    singulars = _singulars()
    extra = []
    matches = list(_singular_pattern().finditer(lower))
    attributive = {m.start() for m in matches if _TRADE_NOUN_AFTER.match(lower, m.end())}
    attributive |= {c.start for c in found if _TRADE_NOUN_AFTER.match(lower, c.end)}
    # "the top destination of Iranian pistachio": the singular after a country's adjective, as trade news writes
    # goods of an origin
    attributive |= {m.start() for m in matches if (word := _WORD_BEFORE.search(lower, max(0, m.start() - 30),
                                                                              m.start()))
                    and word.group(1) in _adjectives() and _PHRASE_ENDS.match(lower, m.end())}
    # "Export of lime in Mexico": the goods a trade noun's "of" names, a phrase ending there
    attributive |= {m.start() for m in matches if _TRADE_NOUN_OF_BEFORE.search(lower, max(0, m.start() - 30),
                                                                               m.start())
                    and _PHRASE_ENDS.match(lower, m.end())}
    for m in matches:
        # "grape and avocado exports", "fruit and vegetable shipments": the first of two attributive goods too
        joined = _AND_NEXT.match(lower, m.end())
        if not (m.start() in attributive or (joined and joined.end() in attributive)):
            continue
        inside = [c for c in found if c.start <= m.start() < c.end or m.start() <= c.start < m.end()]
        if inside and not all(c.end < m.end() for c in inside):
            continue
        # … and "fruit and vegetable shipments" is the longer term's singular, not "fruit" alone
        found = [c for c in found if c not in inside]
        plural = singulars[m.group()]
        extra.append(Commodity(m.start(), m.end(), plural, _surfaces()[plural]))
    return sorted([*found, *extra], key=lambda c: c.start) if extra else found


_AND_NEXT = re.compile(r"\s+(?:and|or|&)\s+")
_WORD_BEFORE = re.compile(r"([a-z][a-z'’-]+)\s+$")


@cache
def _adjectives() -> frozenset[str]:
    """Countries' adjectives, lower case ("iranian", "chilean")."""
    from kb.extract import gazetteer  # the gazetteer imports this module's terms

    return frozenset(k.lower() for k, f in gazetteer.country_forms().items() if f.form == "adjective")


_TRADE_NOUN_AFTER = re.compile(r"\s+(?:exports?|imports?|shipments?|sales|trade|production|output|crops?|harvests?|"
                               r"season|growers?|farmers?|producers?|exporters?|importers?|processors?|industry|"
                               r"sector|prices?|market|orchards?|plantations?)\b")


_TRADE_NOUN_OF_BEFORE = re.compile(r"\b(?:exports?|imports?|shipments?|sales|exporters?|importers?|exporting|"
                                   r"importing)\s+of\s+(?:(?:fresh|frozen|dried|chilled)\s+)?$")
_PHRASE_ENDS = re.compile(r"\s*(?:$|[,.;:)]|\s(?:in|to|from|by|at|for|during|this|last|was|were|is|are|rose|fell|"
                          r"grew|increased|decreased|reached|hit|totall?ed)\b)")


# "LEDs" folds to a verb: "Communication equipment led exports to the US" names no diodes
_VERB_SINGULARS = frozenset(("led",))


@cache
def _singulars() -> dict[str, str]:
    """Singular -> plural term, for terms the data lists only in the plural ("hazelnuts", "cherries")."""
    surfaces = _surfaces()
    out: dict[str, str] = {}
    for term in surfaces:
        words = term.split()
        last = words[-1]
        single = last[:-3] + "y" if last.endswith("ies") else last[:-1] if last.endswith("s") else None
        if single and len(single) > 2 and single not in _VERB_SINGULARS:
            key = " ".join([*words[:-1], single])
            if key not in surfaces:
                out.setdefault(key, term)
    return out


@cache
def _singular_pattern() -> re.Pattern[str]:
    body = trie_regex(list(_singulars())) or "(?!)"
    return re.compile(rf"(?<![a-z])(?<![a-z]['-])(?:{body})(?![a-z'-])", re.ASCII)
