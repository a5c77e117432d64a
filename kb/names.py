"""How two written forms of a person's name compare, as the press moves names between scripts.

The heavy lifting is rigour's (OpenSanctions' name library): honorific
prefixes ("Dr.", "H.E."), tokenising, transliteration of Cyrillic, Greek,
Armenian and Georgian to Latin, particles it knows as stopwords ("al-",
"el-", "de", "von"), metaphone codes, and its residue distance, whose costs
treat confusable letters as cheap edits and refuse edit densities that
mean another name. What rigour lacks is the Latin-to-Latin spelling
correspondences of Cyrillic- and Arabic-origin names (Қ as K or Q, Ж as J or
Zh, Х as Kh or H, -ayev or -aev, -off or -ov, Ю as Yu or Iu…): `fold`
writes each to one form before comparing.

A comparison aligns the tokens of the shorter name with those of the longer
(order-free, so family-name-first order is no obstacle) and says how sure it
is. Initials, short forms of a given name and vowel drift ("Ahmad"/"Ahmed")
are marked `weak`: the caller accepts them only with other evidence (the
same agency), because "B. Sultanov" may be any Sultanov whose name starts
with B.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rigour.names import NamePart, compare_parts, remove_person_prefixes
from rigour.text import is_stopword
from rigour.text.phonetics import metaphone
from rigour.text.translit import ascii_text

from kb.normalize import name_key

# Particles rigour does not list among its stopwords ("bin Salman", "van Dijk"): joining words, not names.
_PARTICLES = frozenset({"bin", "ibn", "bint", "binti", "ben", "van", "ter", "ten", "ould"})
# Patronymics and Turkic "son/daughter of" words may be missing from one article's form of a name.
_PATRONYMIC = re.compile(r"(?:ovich|evich|ovna|evna|ich|uly|uli|ogly|oglu|kyzy|kizi|qizi|ugli)$")
# Latin spellings of one Cyrillic or Arabic letter, written to one form (longest first).
_FOLD = [
    (re.compile(r"(?<=[oe])ff$"), "v"),  # Ivanoff / Ivanov
    (re.compile(r"(.)\1+"), r"\1"),  # doubled letters: Kassym / Kasym, Abdullaev / Abdulaev
    (re.compile(r"dzh|dj|zh"), "j"),  # Ж, Дж: Zhomart / Jomart, Dzhaparov / Japarov
    (re.compile(r"kh"), "h"),  # Х: Khalil / Halil
    (re.compile(r"gh"), "g"),  # غ: Ghani / Gani
    (re.compile(r"q"), "k"),  # Қ, ق: Qasym / Kasym, Toqaev / Tokaev
    (re.compile(r"ph"), "f"),
    (re.compile(r"x"), "ks"),  # Кс: Alexander / Aleksandr
    (re.compile(r"w"), "v"),  # В: Wladimir / Vladimir
    (re.compile(r"ou|oo"), "u"),  # У: Yousef / Yusuf
    (re.compile(r"ee"), "i"),
    (re.compile(r"(?<=[aeiou])y(?=[aeiou])"), ""),  # Е after a vowel: Tokayev / Tokaev, Mirziyoyev / Mirziyoev
    (re.compile(r"iy$"), "i"),  # Й: Dmitriy / Dmitry
    (re.compile(r"y"), "i"),  # Ы, Й: Dmitry / Dmitri, Yusuf / Iusuf
]

SAME, CLOSE = "same", "close"  # strong token matches
INITIAL, SHORT, VOWELS = "initial", "short form", "vowel drift"  # weak ones: need other evidence
PENALTY = {SAME: 0, CLOSE: 3, INITIAL: 5, SHORT: 5, VOWELS: 4}
MIDDLE_PENALTY = 2  # a middle name or patronymic one form gives and the other leaves out


@dataclass(frozen=True)
class Token:
    raw: str  # lower-case ASCII as written
    folded: str  # spelling correspondences folded

    @property
    def initial(self) -> bool:
        return len(self.raw) == 1


@dataclass(frozen=True)
class NameMatch:
    """How sure a comparison is: a score out of 100, why, and whether it needs corroboration."""

    score: float
    how: str
    weak: bool = False


NO_MATCH = NameMatch(0.0, "different names")


def fold(token: str) -> str:
    """One spelling for the Latin forms of one transliterated name: 'Qasym' and 'Kassym' → 'kasim'."""
    for pattern, replacement in _FOLD:
        token = pattern.sub(replacement, token)
    return token


@lru_cache(maxsize=16384)
def tokens(name: str) -> tuple[Token, ...]:
    """The name's words in lower-case ASCII, honorifics and particles left out."""
    text = ascii_text(remove_person_prefixes(name_key(name))).lower()
    words = [w for w in re.split(r"[^a-z]+", text) if w]
    return tuple(Token(w, fold(w)) for w in words if w not in _PARTICLES and not (is_stopword(w) and len(words) > 2))


@lru_cache(maxsize=65536)
def block_keys(name: str) -> frozenset[str]:
    """Cheap keys two forms of one name share (a metaphone of a folded word): pairs sharing none are not compared."""
    return frozenset(metaphone(t.folded) for t in tokens(name) if len(t.folded) > 2)


@lru_cache(maxsize=65536)  # words recur far more than names: a new name meets the same given and family names
def _pair(a: Token, b: Token) -> str | None:
    """How two tokens of two names match, if they do."""
    if a.folded == b.folded:
        return SAME
    if a.initial or b.initial:
        full = b if a.initial else a
        letter = (a if a.initial else b).raw
        return INITIAL if full.raw.startswith(letter) or full.folded.startswith(fold(letter)) else None
    short, long_ = sorted((a.folded, b.folded), key=len)
    if long_ == short + "a" or long_ == short + "aia":
        return None  # Ospanov / Ospanova, Kovalsky / Kovalskaya: another person's family name form
    if len(short) >= 3 and long_.startswith(short):
        return SHORT
    score = compare_parts([NamePart(a.folded, 0)], [NamePart(b.folded, 0)])[0].score
    if score >= 0.8:
        return CLOSE
    if score >= 0.55 and metaphone(a.folded) == metaphone(b.folded):
        return VOWELS
    return None


@lru_cache(maxsize=65536)
def compare(a: str, b: str) -> NameMatch:
    """Compare two names of people; both need two words or more (a lone surname says too little)."""
    left, right = tokens(a), tokens(b)
    if len(left) < 2 or len(right) < 2:
        return NameMatch(100.0, "same name") if left and [t.folded for t in left] == [
            t.folded for t in right] else NO_MATCH
    short, long_ = sorted((left, right), key=len)
    pairs = _align(short, long_)
    if pairs is None:
        return NO_MATCH
    kinds = [kind for _, kind in pairs]
    if not any(k in (SAME, CLOSE) and len(long_[j].folded) > 2 for j, k in pairs):
        return NO_MATCH  # at least one full word spelt alike, never initials and short forms alone
    if sum(k in (INITIAL, SHORT) for k in kinds) > 1:
        return NO_MATCH
    matched = {j for j, _ in pairs}
    extra = [i for i in range(len(long_)) if i not in matched]
    for i in extra:
        if not (min(matched) < i < max(matched) or long_[i].initial or _PATRONYMIC.search(long_[i].folded)):
            return NO_MATCH  # an extra first or last word is another given or family name
    score = 100.0 - sum(PENALTY[k] for k in kinds) - MIDDLE_PENALTY * len(extra)
    how = sorted({k for k in kinds if k != SAME} | ({"middle name"} if extra else set()))
    return NameMatch(score, "person name: " + (", ".join(how) or "same words"),
                     weak=any(k in (INITIAL, SHORT, VOWELS) for k in kinds) or any(long_[i].initial for i in extra))


def _align(short: tuple[Token, ...], long_: tuple[Token, ...]) -> list[tuple[int, str]] | None:
    """Each word of the shorter name with a distinct word of the longer, best kinds first; None when one has none."""
    options = []
    for s in short:  # a word of the shorter name with no partner ends the comparison: the rest is not paired
        found = [(PENALTY[kind], j, kind) for j, t in enumerate(long_) if (kind := _pair(s, t))]
        if not found:
            return None
        options.append(found)
    best: tuple[int, list[tuple[int, str]]] | None = None

    def search(i: int, used: frozenset[int], cost: int, chosen: list[tuple[int, str]]) -> None:
        nonlocal best
        if best is not None and cost >= best[0]:
            return
        if i == len(short):
            best = (cost, list(chosen))
            return
        for penalty, j, kind in sorted(options[i]):
            if j not in used:
                search(i + 1, used | {j}, cost + penalty, [*chosen, (j, kind)])

    search(0, frozenset(), 0, [])
    return best[1] if best else None
