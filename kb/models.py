"""The SQL contract: every table kb keeps, as SQLModel classes.

People read this database directly (sqlite3, psql, any SQL client), so the
names are part of the interface: singular snake_case tables, `id` primary
keys, `<table>_id` foreign keys, ISO codes as text. Every table and column
carries a comment; docs/schema.md's schema section is checked against them.

Dates are ISO 8601 text at the precision the source gives: `2023-09-22` is a
day, `2023-08` a month, `2023` a year, so nothing is invented by padding.
Entity rows (agency, official, position, agreement, trade_flow) are shared
by every article that mentions them; `evidence` says which article supports
which row, and `claim` keeps each article's value of a field, so sources that
disagree are all kept.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, Integer, MetaData, String, Text, UniqueConstraint
from sqlalchemy.sql import text
from sqlmodel import Field, SQLModel

# Constraint names are fixed here, never invented by a database: migrations
# written on SQLite then apply on PostgreSQL with the same names.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
SQLModel.metadata = MetaData(naming_convention=NAMING_CONVENTION)


def doc(comment: str, **kwargs: Any) -> Any:
    """A column with its comment stored in the database too."""
    return Field(description=comment, sa_column_kwargs={"comment": comment}, **kwargs)


def ref(table: str, comment: str, *, nullable: bool = True, on_delete: str = "CASCADE", index: bool = True) -> Any:
    """A foreign key column to `table.id` (or `country.code`), commented; indexed unless a wider index
    declared with the table starts with it.
    """
    target = "country.code" if table == "country" else f"{table}.id"
    kind = String(2) if table == "country" else Integer
    return Field(default=None, sa_column=Column(kind, ForeignKey(target, ondelete=on_delete),
                                                nullable=nullable, index=index, comment=comment))


class Article(SQLModel, table=True):
    """One source article: where it came from, its metadata and its clean body text."""

    __tablename__ = "article"
    __table_args__ = {"comment": "One source article: file, metadata, clean body text and how its facts were made"}

    id: int | None = doc("Article number", default=None, primary_key=True)
    source_path: str = doc("Absolute path of the file the article was first loaded from", unique=True)
    file_name: str = doc("File name of the article, e.g. 2023-09-26-korea-herald-uzbekistan-korea-customs.txt")
    content_hash: str = doc("SHA-256 of the article file (and its facts file); unchanged hash = nothing to do",
                            index=True)
    url_key: str | None = doc("The article's URL in canonical form: one URL, one article, wherever its file lies",
                              default=None, index=True)
    file_hash: str | None = doc("SHA-256 of the article file alone: the same file is the same article, wherever it "
                                "lies (NULL until an article stored before revision 0006 is stored again)",
                                default=None, index=True)
    facts_origin: str = doc("Where the facts came from: 'curated' (a facts file beside it) or 'extracted'")
    extractor_version: str | None = doc("Name and version of the extractor that read it, when extracted",
                                        default=None)
    title: str | None = doc("Headline", default=None)
    publisher: str | None = doc("Outlet that published it", default=None)
    author: str | None = doc("Byline", default=None)
    published: str | None = doc("Publication date, ISO 8601 (YYYY-MM-DD)", default=None)
    url: str | None = doc("Address of the article on the web", default=None)
    language: str = doc("ISO 639-1 language code", default="en")
    body: str = Field(sa_column=Column(Text, nullable=False, comment="Clean body text; evidence offsets point into it"))
    facts: str = Field(sa_column=Column(Text, nullable=False,
                                        comment="The article's kb-facts/1 record set as JSON, as stored"))
    loaded_at: datetime = doc("When this version of the article was stored (UTC)")


class Country(SQLModel, table=True):
    __tablename__ = "country"
    __table_args__ = {"comment": "Every ISO 3166-1 country, filled by a migration from pycountry"}

    code: str = doc("ISO 3166-1 alpha-2 code, e.g. KR", primary_key=True, max_length=2)
    name: str = doc("English short name, e.g. Korea, Republic of")
    common_name: str | None = doc("Everyday English name where it differs, e.g. South Korea", default=None)


class Agency(SQLModel, table=True):
    __tablename__ = "agency"
    __table_args__ = (
        # `kb query agencies` reads them in order, all or of one country.
        Index(None, "name", "id"),
        Index(None, "country_code", "name", "id"),
        {"comment": "An organisation acting in trade and customs news: customs service, ministry, "
                    "state body, company, international organisation"},
    )

    id: int | None = doc("Agency number", default=None, primary_key=True)
    name: str = doc("Best-attested full name")
    name_key: str = doc("Normalised name used for matching (lower case, no accents or punctuation)", index=True)
    country_code: str | None = ref("country", "Country the agency belongs to; NULL for international bodies",
                                   on_delete="RESTRICT", index=False)
    kind: str | None = doc("customs, ministry, government, state_body, company, international, association, other",
                           default=None)


class Official(SQLModel, table=True):
    __tablename__ = "official"
    __table_args__ = (
        # `kb query officials` reads them in order, all or of one country.
        Index(None, "name", "id"),
        Index(None, "country_code", "name", "id"),
        {"comment": "A named person acting for an agency, a country or an international body"},
    )

    id: int | None = doc("Official number", default=None, primary_key=True)
    name: str = doc("Name as articles write it (family-name-first names stay so), honorifics dropped")
    name_key: str = doc("Normalised name used for matching", index=True)
    country_code: str | None = ref("country", "Country the person acts for; NULL for international bodies",
                                   on_delete="RESTRICT", index=False)


class Position(SQLModel, table=True):
    __tablename__ = "position"
    __table_args__ = (
        UniqueConstraint("official_id", "agency_id", "title_key"),
        {"comment": "An official's post at an agency; the articles that attest it (see evidence) date it"},
    )

    id: int | None = doc("Position number", default=None, primary_key=True)
    official_id: int = ref("official", "The person holding the post", nullable=False)
    agency_id: int | None = ref("agency", "The agency of the post; NULL when the article names none")
    title: str | None = doc("The post, in lower case as stated: chairman, commissioner, deputy minister…",
                            default=None)
    title_key: str = doc("Normalised title used for matching ('' when unknown)", default="")


class Agreement(SQLModel, table=True):
    __tablename__ = "agreement"
    __table_args__ = {"comment": "An agreement, protocol, memorandum, treaty, convention, arrangement or plan"}

    id: int | None = doc("Agreement number", default=None, primary_key=True)
    name: str = doc("The designation articles give, as complete as given")
    name_key: str = doc("Normalised name used for matching", index=True)
    kind: str | None = doc("agreement, protocol, memorandum, treaty, convention, arrangement, plan, other",
                           default=None)
    signed: str | None = doc("Date of signature, ISO 8601 at the precision known (2023-09-22, 2023-08, 2023)",
                             default=None)
    place: str | None = doc("City where it was signed", default=None)
    status: str | None = doc("signed, in_force, ratified, negotiating, proposed, terminated", default=None)
    subject: str | None = doc("What the instrument is about, when stated", default=None)
    amends_id: int | None = ref("agreement", "The agreement this one amends", on_delete="SET NULL")


class AgreementParty(SQLModel, table=True):
    __tablename__ = "agreement_party"
    __table_args__ = (
        UniqueConstraint("agreement_id", "country_code", "agency_id"),
        CheckConstraint("country_code IS NOT NULL OR agency_id IS NOT NULL", name="country_or_agency"),
        # A country's agreements from the index alone, each checked for the other parties before its row is read
        # (matching an agreement by its parties, revision 0011).
        Index(None, "country_code", "agreement_id"),
        {"comment": "A party to an agreement: a country, and the agency for agency-to-agency instruments"},
    )

    id: int | None = doc("Party row number", default=None, primary_key=True)
    agreement_id: int = ref("agreement", "The agreement", nullable=False)
    country_code: str | None = ref("country", "Country bound by the agreement", on_delete="RESTRICT", index=False)
    agency_id: int | None = ref("agency", "Agency that is party to it (agency-level instruments)")


class AgreementSignatory(SQLModel, table=True):
    __tablename__ = "agreement_signatory"
    __table_args__ = {"comment": "An official who signed an agreement"}

    agreement_id: int = Field(sa_column=Column(Integer, ForeignKey("agreement.id", ondelete="CASCADE"),
                                               primary_key=True, comment="The agreement"))
    official_id: int = Field(sa_column=Column(Integer, ForeignKey("official.id", ondelete="CASCADE"),
                                              primary_key=True, index=True, comment="The official who signed"))


class TradeFlow(SQLModel, table=True):
    __tablename__ = "trade_flow"
    __table_args__ = {"comment": "Goods moving from an exporting to an importing country, with figures when given"}

    id: int | None = doc("Trade flow number", default=None, primary_key=True)
    commodity: str = doc("The goods in plain English, as articles name them")
    commodity_key: str = doc("Normalised commodity used for matching (singular, lower case)", index=True)
    hs_code: str | None = doc("Harmonized System code (2 to 6 digits)", default=None, index=True)
    exporter_country_code: str | None = ref("country", "Exporting country", on_delete="RESTRICT", index=False)
    importer_country_code: str | None = ref("country", "Importing country", on_delete="RESTRICT", index=False)
    quantity: float | None = doc("Amount in `unit`", default=None)
    unit: str | None = doc("Unit of quantity: t (metric tonne), kg, head, units, l, m3, containers, …",
                           default=None)
    quantity_kg: float | None = doc("The quantity as a mass in kg, when the unit is one of mass", default=None)
    value: float | None = doc("Money value in `currency`", default=None)
    currency: str | None = doc("ISO 4217 currency of `value`", default=None)
    rate_period: str | None = doc("year, month, week… when the figure is a rate ('annually exports')",
                                  default=None)
    period_start: str | None = doc("Start of the date or period the flow covers (ISO 8601, partial)",
                                   default=None)
    period_end: str | None = doc("End of that period; equal to period_start for a single date", default=None)
    exporter_agency_id: int | None = ref("agency", "Exporting company or agency, when named",
                                         on_delete="SET NULL")
    importer_agency_id: int | None = ref("agency", "Importing company or agency, when named",
                                         on_delete="SET NULL")


def exactly_one(*columns: str) -> CheckConstraint:
    """Exactly one of the record columns is set (written to work on SQLite and PostgreSQL alike)."""
    count = " + ".join(f"(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)" for c in columns)
    return CheckConstraint(f"{count} = 1", name="one_record")


class Evidence(SQLModel, table=True):
    __tablename__ = "evidence"
    __table_args__ = (
        exactly_one("agency_id", "official_id", "position_id", "agreement_id", "trade_flow_id"),
        Index("ix_evidence_article_id", "article_id"),
        # A row's supporting articles without reading its evidence rows: the overviews' counts and dates.
        *(Index(None, f"{kind}_id", "article_id")
          for kind in ("agency", "official", "position", "agreement", "trade_flow")),
        # A row's first and last dates as one index read each (revision 0010), for rows of that kind only.
        *(Index(None, f"{kind}_id", "published", sqlite_where=text(f"{kind}_id IS NOT NULL"),
                postgresql_where=text(f"{kind}_id IS NOT NULL"))
          for kind in ("agency", "official", "position", "agreement", "trade_flow")),
        {"comment": "Which article, which sentence and character span supports which row "
                    "(exactly one of the *_id record columns is set)"},
    )

    id: int | None = doc("Evidence number", default=None, primary_key=True)
    article_id: int = Field(sa_column=Column(Integer, ForeignKey("article.id", ondelete="CASCADE"),
                                             nullable=False, comment="The supporting article"))
    agency_id: int | None = ref("agency", "Supported agency", index=False)
    official_id: int | None = ref("official", "Supported official", index=False)
    position_id: int | None = ref("position", "Supported position (an official's post)", index=False)
    agreement_id: int | None = ref("agreement", "Supported agreement", index=False)
    trade_flow_id: int | None = ref("trade_flow", "Supported trade flow", index=False)
    quote: str | None = Field(default=None, sa_column=Column(Text, comment="The supporting sentence of the body"))
    char_start: int | None = doc("Offset of the quote's first character in article.body", default=None)
    char_end: int | None = doc("Offset just past the quote's last character in article.body", default=None)
    published: str | None = doc("Publication date of the article (article.published, kept in step by the "
                                "database): a row's first and last dates", default=None)


# Claim fields whose value is a row's id (kb.kinds' `id_claims`): when rows merge, the claims naming the other row
# are found by (field, value), and only these (revision 0014). A query must repeat `ID_CLAIMS` word for word for
# SQLite to use the index.
ID_CLAIM_FIELDS = ("amends", "exporter_agency_id", "importer_agency_id", "party_agency", "signatory")
ID_CLAIMS = "field IN (" + ", ".join(f"'{name}'" for name in ID_CLAIM_FIELDS) + ")"


class Claim(SQLModel, table=True):
    __tablename__ = "claim"
    __table_args__ = (
        exactly_one("agency_id", "official_id", "agreement_id", "trade_flow_id"),
        Index("ix_claim_article_id", "article_id"),
        # The claims that name a row by id (party_agency, signatory…), when rows merge: those alone (revision 0014),
        # not every claim's (field, value) at a random place of the index.
        Index("ix_claim_field_value", "field", "value", sqlite_where=text(ID_CLAIMS), postgresql_where=text(ID_CLAIMS)),
        {"comment": "One article's value for one field of a row; differing values from different articles "
                    "are all kept, and the row shows the best-attested one"},
    )

    id: int | None = doc("Claim number", default=None, primary_key=True)
    article_id: int = Field(sa_column=Column(Integer, ForeignKey("article.id", ondelete="CASCADE"),
                                             nullable=False, comment="The article that states the value"))
    agency_id: int | None = ref("agency", "Agency the value belongs to")
    official_id: int | None = ref("official", "Official the value belongs to")
    agreement_id: int | None = ref("agreement", "Agreement the value belongs to")
    trade_flow_id: int | None = ref("trade_flow", "Trade flow the value belongs to")
    field: str = doc("Column the value is for, e.g. signed, place, quantity")
    value: str = doc("The value as text, as the article gives it")


class ClaimValueCount(SQLModel, table=True):
    __tablename__ = "claim_value_count"
    __table_args__ = (
        {"comment": "The claims of each agency and official counted by value: for each (field, value) its claims "
                    "give, how many claims, the latest article date and the first claim (what the row's best "
                    "value is chosen by); kept in step with `claim` by the database (revision 0013), so "
                    "re-deriving a row named by thousands of articles reads its few values, not every claim"},
    )

    kind: str = doc("agency or official: the table of the row", primary_key=True)
    row_id: int = doc("The row (agency.id or official.id)", primary_key=True)
    field: str = doc("Column the value is for, as in claim.field", primary_key=True)
    value: str = doc("The value as text, as in claim.value", primary_key=True)
    claims: int = doc("How many claims give this value for this field of the row")
    latest_published: str | None = doc("The latest publication date among those claims' articles "
                                       "(article.published)", default=None)
    first_claim_id: int = doc("The first of those claims (the least claim.id): values rank in this order "
                              "when all else ties")


class Alias(SQLModel, table=True):
    __tablename__ = "alias"
    __table_args__ = (
        exactly_one("agency_id", "official_id", "agreement_id"),
        Index("ix_alias_name_key", "name_key"),
        {"comment": "Other names of agencies, officials and agreements: abbreviations, short and possessive "
                    "forms, and names a curator added"},
    )

    id: int | None = doc("Alias number", default=None, primary_key=True)
    agency_id: int | None = ref("agency", "Agency with this name")
    official_id: int | None = ref("official", "Official with this name")
    agreement_id: int | None = ref("agreement", "Agreement with this name")
    name: str = doc("The other name as written")
    name_key: str = doc("Normalised name used for matching")
    origin: str = doc("'article' (seen in an article) or 'curated' (added by a person; never removed by loads)")


class MatchDecision(SQLModel, table=True):
    __tablename__ = "match_decision"
    __table_args__ = (
        Index("ix_match_decision_article_id", "article_id"),
        Index(None, "record_kind", "record_id"),  # a row's decisions: `kb show`, merges
        {"comment": "Why an article's record was attached to an existing row: the rule and its score"},
    )

    id: int | None = doc("Decision number", default=None, primary_key=True)
    article_id: int = Field(sa_column=Column(Integer, ForeignKey("article.id", ondelete="CASCADE"),
                                             nullable=False, comment="The article whose record was matched"))
    record_kind: str = doc("agency, official, agreement or trade_flow")
    record_id: int = doc("Row the record was attached to")
    incoming_name: str = doc("The record's name (or commodity) in the article")
    reason: str = doc("Rule that matched: same name, alias, abbreviation, fuzzy name, same date…")
    score: float = doc("Similarity 0–100 of the match")


class MatchCandidate(SQLModel, table=True):
    __tablename__ = "match_candidate"
    __table_args__ = (
        Index("ix_match_candidate_article_id", "article_id"),
        Index("ix_match_candidate_record_kind_record_id", "record_kind", "record_id"),
        {"comment": "A row an article's record resembled without enough evidence to join it: the review "
                    "queue that `kb review` lists until a person merges the pair or keeps it apart"},
    )

    id: int | None = doc("Candidate number", default=None, primary_key=True)
    article_id: int = Field(sa_column=Column(Integer, ForeignKey("article.id", ondelete="CASCADE"),
                                             nullable=False, comment="The article whose record was compared"))
    record_kind: str = doc("agency, official or agreement")
    record_id: int = doc("Row the record was attached to")
    other_id: int = doc("Row it resembled, kept apart for want of evidence")
    incoming_name: str = doc("The record's name in the article")
    other_name: str = doc("The other row's name it was compared with")
    reason: str = doc("What was alike and what was missing, e.g. 'person name: initial; no shared agency'")
    score: float = doc("Similarity 0–100 of the pair")


class Curation(SQLModel, table=True):
    __tablename__ = "curation"
    __table_args__ = (
        Index(None, "record_kind", "record_id"),  # a row's decisions, read whenever the row is re-derived
        {"comment": "A person's decision (merge, unmerge, apart, rename, alias add/remove); kept across "
                    "re-loads and re-extraction"},
    )

    id: int | None = doc("Decision number", default=None, primary_key=True)
    action: str = doc("merge, unmerge, apart, rename, alias_add, alias_remove")
    record_kind: str = doc("agency, official or agreement")
    record_id: int = doc("Row the decision applies to (the one kept, for a merge)")
    other_name: str | None = doc("Merged-in or removed name, the alias, or the name before a rename", default=None)
    new_name: str | None = doc("New name, for a rename", default=None)
    other_id: int | None = doc("For apart: the row kept apart from record_id for good", default=None)
    effective: str | None = doc("For a rename: when the new name took effect (ISO 8601, partial), when known",
                                default=None)
    reason: str | None = doc("Why, in the curator's words", default=None)
    curator: str = doc("Who decided (the login name unless given)")
    decided_at: datetime = doc("When (UTC)")


def _newest_first(table: Any, date: str, *, first: str | None = None) -> Index:
    """The order a listing reads `table` in: newest first, undated last, then by id; with `first`, the rows
    of one value of that column (a filter) in that order. No listing sorts a table.

    SQLite keeps NULLs lowest, so its index is a plain DESC one: migration 0007 writes each engine's form.
    """
    columns = table.__table__.c
    leading = [columns[first]] if first else []
    return Index(None, *leading, columns[date].desc().nullslast(), columns.id)


_newest_first(Article, "published")
_newest_first(Agreement, "signed")
_newest_first(Agreement, "signed", first="kind")
_newest_first(TradeFlow, "period_start")
_newest_first(TradeFlow, "period_start", first="exporter_country_code")
_newest_first(TradeFlow, "period_start", first="importer_country_code")

ENTITY_TABLES = ("agency", "official", "position", "agreement", "trade_flow")
