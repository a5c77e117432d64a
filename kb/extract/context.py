"""What the extraction stages share about one article while they run.

Stages run in order over one `ArticleContext`; each reads what earlier stages
found and adds its own records. Offsets are character offsets into
`document.text`, so every record can point at the sentence that supports it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from kb.facts import Agency, Agreement, Evidence, Official, TradeFlow
from kb.readers.document import Document


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int = 0


@dataclass(frozen=True)
class CountryMention:
    start: int
    end: int
    code: str
    surface: str
    form: str  # "name", "adjective", "capital", "bloc" (a bloc mention carries one member code each)


@dataclass
class ArticleContext:
    document: Document
    sentences: list[Sentence] = field(default_factory=list)
    countries: list[CountryMention] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    trade_flows: list[TradeFlow] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.document.text

    @property
    def published(self) -> str | None:
        return self.document.published

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence that contains a character offset."""
        starts = [s.start for s in self.sentences]
        i = bisect_right(starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def countries_in(self, start: int, end: int) -> list[CountryMention]:
        return [c for c in self.countries if start <= c.start and c.end <= end]

    @staticmethod
    def evidence_for(sentence: Sentence) -> Evidence:
        return Evidence(quote=sentence.text, start=sentence.start, end=sentence.end)


@dataclass(frozen=True)
class AgencyMention:
    """Where the text names an agency of the article (by any of its names)."""

    start: int
    end: int
    name: str  # the `Agency.name` it stands for


@dataclass
class Mentions:
    """Spans the stages record for later stages: agencies named, titles of officials."""

    agencies: list[AgencyMention] = field(default_factory=list)
    titles: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, official name)
    officials: list[tuple[int, int, str]] = field(default_factory=list)  # every mention of a person
    agreements: list[tuple[int, int]] = field(default_factory=list)  # every name span of an instrument


def mentions_of(ctx: ArticleContext) -> Mentions:
    """The context's shared mention spans, created on first use."""
    found = getattr(ctx, "_mentions", None)
    if found is None:
        found = Mentions()
        ctx._mentions = found  # type: ignore[attr-defined]
    return found
