"""The mention layer: a sentence's typed spans, found once, that frames are read from.

Countries (names, adjectives, capitals; blocs and currency prefixes left
out), figures, known goods terms, trade cues with their frame kind, dates
(on first use) and clauses. Offsets are relative to the sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import pairwise

from kb.extract.commodities import Commodity
from kb.extract.context import CountryMention, Sentence
from kb.extract.dates import DateMention, find_dates
from kb.extract.flows.lexicon import Lexicon, lexicon
from kb.extract.quantities import Amount, find_amounts


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    form: str  # lower case, single spaces
    kind: str  # a frame kind of lexicon.FRAME_KINDS


@dataclass
class SentenceMentions:
    sentence: Sentence
    published: str | None
    countries: list[CountryMention]
    amounts: list[Amount]
    terms: list[Commodity]
    cues: list[Cue]
    clauses: list[tuple[int, int]]
    _dates: list[DateMention] | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return self.sentence.text

    def dates(self) -> list[DateMention]:
        if self._dates is None:
            self._dates = find_dates(self.text, self.published)
        return self._dates

    def clause_of(self, pos: int) -> tuple[int, int]:
        return next((c for c in self.clauses if c[0] <= pos < c[1]), (0, len(self.text)))

    def countries_in(self, lo: int, hi: int) -> list[CountryMention]:
        return [c for c in self.countries if lo <= c.start and c.end <= hi]

    def terms_in(self, lo: int, hi: int) -> list[Commodity]:
        return [t for t in self.terms if lo <= t.start and t.end <= hi]


# ", while", "; ", " – ": a new clause with its own subject, goods and figures.
_CLAUSE_BREAK = re.compile(r";|\s[–—]\s|\s-\s|,\s+(?:while|whereas|but|although|though|even\s+as|and\s+while)\s",
                           re.I)
# "imported wine", "the exported volume": an adjective, not a trade word.
_ATTRIBUTIVE = re.compile(r"\b(?:on|of|the|an?|with|for|from|by|cheap|cheaper|more|less|other|all|any|some|"
                          r"against|its|their)\s+$", re.I)
_AGENTS = frozenset(("importers", "exporters", "suppliers", "buyers", "importer", "exporter", "supplier",
                     "buyer", "shippers", "sellers"))


@dataclass
class ArticleMentions:
    """The article-wide mentions, sorted, that each sentence takes its slice of."""

    text: str
    published: str | None
    countries: list[CountryMention]
    terms: list[Commodity]
    cue_starts: list[int]

    def __post_init__(self) -> None:
        self.countries = sorted(self.countries, key=lambda c: c.start)
        self._country_starts = [c.start for c in self.countries]
        self._term_starts = [t.start for t in self.terms]

    def has_cue(self, sentence: Sentence) -> bool:
        i = bisect_left(self.cue_starts, sentence.start)
        return i < len(self.cue_starts) and self.cue_starts[i] < sentence.end

    def sentence(self, sentence: Sentence) -> SentenceMentions:
        s, base = sentence.text, sentence.start
        lo, hi = bisect_left(self._country_starts, base), bisect_left(self._country_starts, sentence.end)
        countries = [CountryMention(c.start - base, c.end - base, c.code, c.surface, c.form)
                     for c in self.countries[lo:hi]
                     if c.end <= sentence.end and c.form != "bloc" and not self.text.startswith("$", c.end)]
        lo, hi = bisect_left(self._term_starts, base), bisect_left(self._term_starts, sentence.end)
        terms = [Commodity(t.start - base, t.end - base, t.name, t.hs) for t in self.terms[lo:hi]
                 if t.end <= sentence.end]
        amounts = find_amounts(s)
        cues = _cues(s, amounts, lexicon())
        return SentenceMentions(sentence, self.published, countries, amounts, terms, cues, _clauses(s))


def _clauses(s: str) -> list[tuple[int, int]]:
    cuts = [0, *(m.start() for m in _CLAUSE_BREAK.finditer(s)), len(s)]
    return [(a, b) for a, b in pairwise(cuts) if b > a]


def _cues(s: str, amounts: list[Amount], lex: Lexicon) -> list[Cue]:
    out = []
    for m in lex.cue.finditer(s):
        form = " ".join(m.group(0).lower().split())
        if _in_name(s, m) or _agent_before_verb(s, m, form, lex):
            continue
        if form in ("imported", "exported") and _ATTRIBUTIVE.search(s[max(0, m.start() - 20):m.start()]):
            continue
        if form in lex.weak and lex.kind(form).endswith("verb") and not _figure_follows(s, m.end(), amounts):
            continue
        out.append(Cue(m.start(), m.end(), form, lex.kind(form)))
    return out


def _in_name(s: str, m: re.Match[str]) -> bool:
    """"National Cooperative Exports Ltd": a capitalised trade word between capitalised words is a name."""
    if not s[m.start()].isupper() or s[m.start():m.end()].isupper():
        return False
    before = re.search(r"([A-Z][\w&'-]*)\s+$", s[max(0, m.start() - 40):m.start()])
    after = re.match(r"\s+([A-Z][\w&'.-]*)", s[m.end():m.end() + 40])
    return bool(before and after and m.start() - len(before.group(0)) > 0)


def _agent_before_verb(s: str, m: re.Match[str], form: str, lex: Lexicon) -> bool:
    """"importers took": the agent noun belongs to the next trade word's frame."""
    if form not in _AGENTS:
        return False
    nxt = lex.cue.search(s, m.end(), m.end() + 40)
    return nxt is not None and nxt.start() - m.end() < 25 and " of " not in s[m.end():nxt.start()] \
        and lex.kind(nxt.group(0)).endswith("verb")


def _figure_follows(s: str, pos: int, amounts: list[Amount]) -> bool:
    return any(pos <= a.start and len(s[pos:a.start].split()) <= 3 for a in amounts
               if a.kind in ("quantity", "money"))
