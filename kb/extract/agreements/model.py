"""The agreement stage's working objects: instruments being read, their mentions, the article's reading."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kb.extract.agreements.lexicon import bloc_outsiders, drop_words
from kb.extract.context import ArticleContext, CountryMention, Sentence
from kb.extract.dates import DateMention, find_dates


@lru_cache(maxsize=4096)
def name_words(name: str) -> frozenset[str]:
    """The content words of a name, plurals folded ("technologies" → "technology")."""
    words = re.findall(r"[a-z0-9]+", name.lower().replace("mou", "memorandum of understanding"))
    return frozenset(_stem(w) for w in words if w not in drop_words() and w not in ("of", "on", "and", "in", "the"))


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def codes(mentions: Iterable[CountryMention]) -> list[str]:
    """Distinct country codes of mentions, in order; a bloc stands for the members in its agreements."""
    out: dict[str, None] = {}
    for c in mentions:
        if c.code not in out and (c.form != "bloc" or c.code not in bloc_outsiders(c.surface)):
            out[c.code] = None
    return list(out)


def countries(ctx: ArticleContext, start: int, end: int) -> list[str]:
    """Distinct country codes named between two offsets, in order."""
    return codes(c for c in countries_in(ctx, start, end) if not in_region(ctx.text, c))


_index: list = [None, []]  # the country mentions last indexed, and their starts


def countries_in(ctx: ArticleContext, start: int, end: int) -> list[CountryMention]:
    """`ctx.countries_in` by bisection: the mentions are in text order, their starts indexed once."""
    if _index[0] is not ctx.countries:
        _index[0], _index[1] = ctx.countries, [c.start for c in ctx.countries]
    starts = _index[1]
    return [c for c in ctx.countries[bisect_left(starts, start):bisect_left(starts, end)] if c.end <= end]


# "Latin America", "South American": a region, not the United States.
_REGION = re.compile(r"(?:Latin|North|South|Central)\s+$")


def in_region(text: str, c: CountryMention) -> bool:
    return c.surface.startswith("America") and bool(_REGION.search(text, max(0, c.start - 10), c.start))


@dataclass
class Instrument:
    """An instrument the article names, with what its sentences say about it."""

    kind: str
    name: str
    generic: bool  # named by its kind noun alone ("the protocol")
    mentions: list[tuple[int, int]] = field(default_factory=list)  # name spans
    nested_in: int | None = None  # index of the instrument whose name holds this one
    amends: int | None = None
    countries: list[str] = field(default_factory=list)  # acting countries of the clauses that name it
    frame_countries: list[str] = field(default_factory=list)  # acting countries of the events that signed it
    sentence_countries: list[str] = field(default_factory=list)  # acting countries of its whole sentences
    subjects: list[str] = field(default_factory=list)  # acting countries of its sentences, but not partners "with X"
    partners: list[str] = field(default_factory=list)  # all the partners of the list it came from
    agencies: list[str] = field(default_factory=list)
    signatories: list[str] = field(default_factory=list)
    signed: str | None = None
    signed_in: int = -1  # the sentence that gave the date of signature
    events: list[Any] = field(default_factory=list)  # the frames.Event signings it took part in
    place: str | None = None
    status: str | None = None
    parties_hint: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    split: bool = False  # one of a plural's partners: the other partners in the mention are not its parties
    older: bool = False  # named as an older instrument ("the 2009 agreement", "the original deal")
    named: bool = False  # known by a name of its own ("RCEP")
    distinct: bool = False  # told apart from those named before ("a similar MoU", "another protocol")
    counted: bool = False  # one of the texts a counted signing's list names by topic ("The documents cover A, B …")


@dataclass(frozen=True)
class Mention:
    """A designation found in a sentence: the kind noun and the name widened around it."""

    sent: Sentence
    noun: str  # the kind noun as written ("memorandum of understanding", "MoUs")
    info: dict  # the noun's entry in agreement_kinds.yaml (kind, plural, anaphor…)
    ns: int  # the noun's span
    ne: int
    start: int  # the designation's span
    end: int
    name: str
    definite: bool  # "the …", "this …"
    proper: bool  # a capitalised noun inside the sentence ("the Protocol")
    negated: bool = False  # "has no free trade agreement", "without a deal"
    older: bool = False  # "the 2009 transit agreement", "the original deal"
    newer: bool = False  # "the modernized agreement", "an updated deal"
    indefinite: bool = False  # "a separate agreement", "similar agreements": not one named before
    predicate: bool = False  # "This is a landmark agreement": what an instrument is, not a new one
    other: bool = False  # "a similar MoU", "another protocol", "a separate agreement"

    @property
    def kind(self) -> str:
        return self.info["kind"]

    @property
    def generic(self) -> bool:
        """Nothing but the noun: "an agreement" (a name such as "RCEP" is not generic)."""
        return self.start == self.ns and self.end == self.ne and not self.info.get("named")


class Dates:
    """Dates of the sentences that need them, found once per sentence (offsets into the article).

    Agreements only need the dates of a signing sentence and of the sentences that
    name a place, so the rest of the article is never scanned.
    """

    def __init__(self, ctx: ArticleContext) -> None:
        self._ctx = ctx
        self._found: dict[int, list[DateMention]] = {}

    def of(self, sent: Sentence) -> list[DateMention]:
        found = self._found.get(sent.start)
        if found is None:
            found = [DateMention(sent.start + d.start, sent.start + d.end, d.value)
                     for d in find_dates(sent.text, self._ctx.published)]
            self._found[sent.start] = found
        return found


@dataclass
class Reading:
    """One article's reading: its instruments and where each sentence mentions them."""

    ctx: ArticleContext
    instruments: list[Instrument] = field(default_factory=list)
    # sentence start → (designation start, end, instrument index)
    by_sentence: dict[int, list[tuple[int, int, int]]] = field(default_factory=dict)
    noun_sentences: set[int] = field(default_factory=set)  # starts of the sentences with a kind noun
    collective: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # plurals naming no instrument
    aliases: set[str] = field(default_factory=set)  # the abbreviations instruments are known by ("RCEP")
    named_as: dict[tuple[str, frozenset[str]], list[int]] = field(default_factory=dict)  # (kind, name words) → i
    acting: Any = None  # roles.Acting: which country mentions act, once the frames are read
    places: list[tuple[Sentence, str | None]] | None = None  # the place each sentence names, when asked
    topic_items: dict[int, int] = field(default_factory=dict)  # a topic list's item sentence → its colon sentence
    colon_events: dict[int, Any] = field(default_factory=dict)  # a colon sentence's index → the signing it lists

    def __post_init__(self) -> None:
        self.dates = Dates(self.ctx)
        self._starts: list[int] | None = None

    @property
    def text(self) -> str:
        return self.ctx.text

    def add(self, inst: Instrument) -> int:
        self.instruments.append(inst)
        self.named_as.setdefault((inst.kind, name_words(inst.name)), []).append(len(self.instruments) - 1)
        return len(self.instruments) - 1

    def rename(self, i: int, name: str) -> None:
        """A fuller designation of instrument `i` ("the Protocol on X" after "a protocol")."""
        inst = self.instruments[i]
        inst.name, inst.generic = name, False
        self.named_as.setdefault((inst.kind, name_words(name)), []).append(i)

    def sentence_at(self, offset: int) -> Sentence | None:
        """`ctx.sentence_at` by bisection over starts indexed once."""
        if self._starts is None:
            self._starts = [s.start for s in self.ctx.sentences]
        i = bisect_right(self._starts, offset) - 1
        sent = self.ctx.sentences[i] if i >= 0 else None
        return sent if sent is not None and offset < sent.end else None
