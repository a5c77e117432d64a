"""The records the Python front door returns (`kb.open(url).agreements()`, …): one per listing row.

Plain frozen dataclasses whose fields are the columns of the matching `kb query` listing, in its order,
so what a person sees at the command line is what a program gets. Lists the listing joins into one text
(parties, signatories, aliases, source articles) come back as tuples. Dates are text, because a partial
date keeps its precision: "2023" is a year, "2023-08" a month, "2023-08/2023-12" a span of months.
This module imports nothing heavy: `import kb` stays instant.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, ClassVar, Self

# How the overview views join the names of several rows into one text (migration 0003).
COUNTRY_SEPARATOR = ", "
NAME_SEPARATOR = "; "
TITLE_SEPARATOR = " | "


def split(text: str | None, separator: str) -> tuple[str, ...]:
    return tuple(text.split(separator)) if text else ()


class _Record:
    # Columns whose text is a joined list, and the separator that joins it.
    LISTS: ClassVar[dict[str, str]] = {}

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Self:
        values = {f.name: row[f.name] for f in fields(cls)}  # type: ignore[arg-type]
        for name, separator in cls.LISTS.items():
            values[name] = split(values[name], separator)
        for f in fields(cls):  # type: ignore[arg-type]
            if str(f.type).startswith("float") and values[f.name] is not None:
                values[f.name] = float(values[f.name])  # SQLite hands back 250 for a REAL 250.0
        return cls(**values)


@dataclass(frozen=True)
class Agreement(_Record):
    """An agreement, protocol, memorandum …: `kb query agreements`."""

    LISTS: ClassVar[dict[str, str]] = {"parties": COUNTRY_SEPARATOR, "signatories": NAME_SEPARATOR,
                                       "source_articles": TITLE_SEPARATOR}

    id: int
    name: str
    kind: str | None
    parties: tuple[str, ...]  # ISO 3166-1 alpha-2 codes
    signed: str | None
    place: str | None
    status: str | None
    signatories: tuple[str, ...]
    amends: str | None  # the name of the agreement this one amends
    articles: int  # how many articles support it
    source_articles: tuple[str, ...]  # their titles


@dataclass(frozen=True)
class Agency(_Record):
    """A customs service, ministry, company, international body …: `kb query agencies`."""

    LISTS: ClassVar[dict[str, str]] = {"aliases": NAME_SEPARATOR}

    id: int
    name: str
    country: str | None  # ISO code
    kind: str | None
    aliases: tuple[str, ...]
    articles: int
    first_seen: str | None  # publication dates of the first and last article that mention it
    last_seen: str | None


@dataclass(frozen=True)
class Official(_Record):
    """One post of a person (a person with two posts is two records with one id): `kb query officials`."""

    id: int
    name: str
    country: str | None
    title: str | None
    agency: str | None
    first_seen: str | None
    last_seen: str | None
    articles: int


@dataclass(frozen=True)
class Flow(_Record):
    """A trade flow: goods from one country to another, `kb query flows`."""

    id: int
    commodity: str | None
    hs: str | None  # HS code, as text: "0106" keeps its leading zero
    exporter: str | None  # ISO codes
    importer: str | None
    quantity: float | None
    unit: str | None
    quantity_kg: float | None  # the quantity in kilograms, when its unit has a known weight
    value: float | None
    currency: str | None
    per: str | None  # the period a rate is per ("year"), when the quantity or value is a rate
    period: str | None
    exporter_organisation: str | None
    articles: int


@dataclass(frozen=True)
class Article(_Record):
    """A source article: `kb query articles`."""

    id: int
    published: str | None
    publisher: str | None
    title: str | None
    file: str | None
    facts: str  # "extracted" or "curated" (read from a facts file beside it)
    evidence: int  # how many evidence quotes it gave


@dataclass(frozen=True)
class Hit(_Record):
    """A search hit: `kb search`. An article, or a record through one evidence sentence that matched."""

    kind: str  # "article", "agreement", "agency", "official", "position" or "trade_flow"
    id: int  # the article's or the record's id
    name: str | None
    published: str | None
    article_id: int
    article: str | None  # the article's title
    snippet: str  # the matching text, matched words marked «so»
    score: float  # the engine's rank (lower is better on SQLite's BM25)
