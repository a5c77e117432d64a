"""The read side shared by `kb query`, `kb show` and the tests: SQL over the overview views.

Queries are plain SQL with bind parameters, so `--show-sql` can print exactly
what ran and a user can paste it into sqlite3 or psql.

Every listing is sorted by columns an index holds in that order (migration
0007), so a first page reads as many rows as it shows and a whole listing
streams without a sort; filters are written so that an index can serve them
(ranges, EXISTS over indexed keys) except substring searches (`--contains`
and other "name contains" options), which read the rows they search.
tests/test_query_plans.py checks the plans on both engines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from kb.countries import country_code
from kb.errors import QueryError
from kb.kinds import LIST_FIELDS, by_query

STREAM_BATCH = 1_000  # rows fetched at a time by a listing


@dataclass
class Query:
    """A SELECT being built: columns and source fixed, conditions added by filters."""

    select: str
    source: str
    order: str
    where: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    limit: int | None = None

    def add(self, condition: str, **params: Any) -> None:
        self.where.append(condition)
        self.params.update(params)

    @property
    def sql(self) -> str:
        lines = [f"SELECT {self.select}", f"FROM {self.source}"]
        if self.where:
            lines.append("WHERE " + "\n  AND ".join(self.where))
        lines.append(f"ORDER BY {self.order}")
        if self.limit is not None:
            lines.append("LIMIT :limit")
        return "\n".join(lines)

    def run(self, conn: Connection) -> tuple[list[str], Iterator[tuple]]:
        """The column names and the rows, fetched in batches as they are read (a server-side cursor on
        PostgreSQL), so a listing of any length holds one batch in memory; a page within one batch is
        fetched at once.
        """
        params = dict(self.params)
        if self.limit is not None:
            params["limit"] = self.limit
        if self.limit is None or self.limit > STREAM_BATCH:
            conn = conn.execution_options(yield_per=STREAM_BATCH)
        result = conn.execute(text(self.sql), params)
        return list(result.keys()), (tuple(r) for r in result)

    def shown(self) -> str:
        """The SQL with its parameters, as `--show-sql` prints it."""
        params = dict(self.params, **({"limit": self.limit} if self.limit is not None else {}))
        return self.sql + (f"\n-- parameters: {params}" if params else "")


def like(value: str) -> str:
    return f"%{value.lower()}%"


def upper_bound(date: str) -> str:
    """'2023' → '2023-99': every partial or full date within 2023 sorts at or below it."""
    return date + "-99"


_PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def check_dates(since: str | None, until: str | None) -> None:
    """--since and --until are partial ISO dates, or a one-line error says what to give."""
    for option, value in (("--since", since), ("--until", until)):
        if value and not _PARTIAL_DATE.match(value):
            raise QueryError(f"{option} {value!r} is not a date: give YYYY, YYYY-MM or YYYY-MM-DD")


def _dates(q: Query, column: str, since: str | None, until: str | None) -> None:
    check_dates(since, until)
    if since:
        q.add(f"{column} >= :since", since=since)
    if until:
        q.add(f"{column} <= :until", until=upper_bound(until))


def agreements(*, country: list[str] | None = None, kind: str | None = None, status: str | None = None,
               since: str | None = None, until: str | None = None, agency: str | None = None,
               official: str | None = None, contains: str | None = None, limit: int | None = None) -> Query:
    q = Query(select="agreement_id AS id, name, kind, parties, signed, place, status, signatories, amends, "
                     "article_count AS articles, source_articles",
              source="agreement_overview", order="signed DESC NULLS LAST, agreement_id", limit=limit)
    for i, c in enumerate(country or []):
        q.add(f"EXISTS (SELECT 1 FROM agreement_party p WHERE p.agreement_id = agreement_overview.agreement_id "
              f"AND p.country_code = :country{i})", **{f"country{i}": country_code(c)})
    if kind:
        q.add("kind = :kind", kind=kind.lower())
    if status:
        q.add("status = :status", status=status.lower())
    _dates(q, "signed", since, until)
    if agency:
        # One EXISTS over both ways an agency takes part, not two OR-ed: PostgreSQL turns those into hashed
        # subplans that collect every matching agreement before the first page (22 ms at 3,000 articles).
        q.add("EXISTS (SELECT 1 FROM agreement_party p JOIN agency g ON g.id = p.agency_id "
              "LEFT JOIN alias x ON x.agency_id = g.id WHERE p.agreement_id = agreement_overview.agreement_id "
              "AND (lower(g.name) LIKE :agency OR lower(x.name) LIKE :agency)"
              " UNION ALL SELECT 1 FROM agreement_signatory s JOIN position ps ON ps.official_id = s.official_id "
              "JOIN agency g ON g.id = ps.agency_id WHERE s.agreement_id = agreement_overview.agreement_id "
              "AND lower(g.name) LIKE :agency)", agency=like(agency))
    if official:
        q.add("EXISTS (SELECT 1 FROM agreement_signatory s JOIN official o ON o.id = s.official_id "
              "WHERE s.agreement_id = agreement_overview.agreement_id AND lower(o.name) LIKE :official)",
              official=like(official))
    if contains:
        q.add("(lower(name) LIKE :contains OR EXISTS (SELECT 1 FROM evidence e WHERE "
              "e.agreement_id = agreement_overview.agreement_id AND lower(e.quote) LIKE :contains))",
              contains=like(contains))
    return q


def agencies(*, country: str | None = None, kind: str | None = None, contains: str | None = None,
             limit: int | None = None) -> Query:
    q = Query(select="agency_id AS id, name, country_code AS country, kind, aliases, article_count AS articles, "
                     "first_seen, last_seen",
              source="agency_overview", order="name, agency_id", limit=limit)
    if country:
        q.add("country_code = :country", country=country_code(country))
    if kind:
        q.add("kind = :kind", kind=kind.lower())
    if contains:
        q.add("(lower(name) LIKE :contains OR EXISTS (SELECT 1 FROM alias x WHERE "
              "x.agency_id = agency_overview.agency_id AND lower(x.name) LIKE :contains))", contains=like(contains))
    return q


def officials(*, agency: str | None = None, country: str | None = None, title: str | None = None,
              contains: str | None = None, limit: int | None = None) -> Query:
    q = Query(select="official_id AS id, official AS name, country_code AS country, title, agency, "
                     "first_seen, last_seen, article_count AS articles",
              source="position_overview", order="official, official_id, position_id", limit=limit)
    if agency:
        q.add("(lower(agency) LIKE :agency OR EXISTS (SELECT 1 FROM alias x WHERE "
              "x.agency_id = position_overview.agency_id AND lower(x.name) LIKE :agency))", agency=like(agency))
    if country:
        q.add("country_code = :country", country=country_code(country))
    if title:
        q.add("lower(title) LIKE :title", title=like(title))
    if contains:
        q.add("lower(official) LIKE :contains", contains=like(contains))
    return q


def flows(*, commodity: str | None = None, hs: str | None = None, exporter: str | None = None,
          importer: str | None = None, country: str | None = None, since: str | None = None,
          until: str | None = None, contains: str | None = None, limit: int | None = None) -> Query:
    q = Query(select="trade_flow_id AS id, commodity, hs_code AS hs, exporter, importer, quantity, unit, "
                     "quantity_kg, value, currency, rate_period AS per, period, exporter_organisation, "
                     "article_count AS articles",
              source="trade_flow_overview", order="period_start DESC NULLS LAST, trade_flow_id", limit=limit)
    if commodity:
        q.add("lower(commodity) LIKE :commodity", commodity=like(commodity))
    if hs:
        if not hs.isdigit():
            raise QueryError(f"HS code must be digits, e.g. 0809 or 08: {hs!r}")
        q.add("hs_code LIKE :hs", hs=hs + "%")
    if exporter:
        q.add("exporter = :exporter", exporter=country_code(exporter))
    if importer:
        q.add("importer = :importer", importer=country_code(importer))
    if country:  # either end of the flow (kb export --country)
        q.add("(exporter = :country OR importer = :country)", country=country_code(country))
    _dates(q, "period_start", since, until)
    if contains:
        q.add("EXISTS (SELECT 1 FROM evidence e WHERE e.trade_flow_id = trade_flow_overview.trade_flow_id "
              "AND lower(e.quote) LIKE :contains)", contains=like(contains))
    return q


def articles(*, publisher: str | None = None, since: str | None = None, until: str | None = None,
             contains: str | None = None, limit: int | None = None) -> Query:
    q = Query(select="a.id, a.published, a.publisher, a.title, a.file_name AS file, a.facts_origin AS facts, "
                     "(SELECT count(*) FROM evidence e WHERE e.article_id = a.id) AS evidence",
              source="article a", order="a.published DESC NULLS LAST, a.id", limit=limit)
    if publisher:
        q.add("lower(a.publisher) LIKE :publisher", publisher=like(publisher))
    _dates(q, "a.published", since, until)
    if contains:
        q.add("(lower(a.title) LIKE :contains OR lower(a.body) LIKE :contains)", contains=like(contains))
    return q


QUERIES = {"agreements": agreements, "agencies": agencies, "officials": officials, "flows": flows,
           "articles": articles}


# ---------------------------------------------------------------- one record, every detail

RECORDS = {
    "agreement": ("agreement_overview", "agreement_id"),
    "agency": ("agency_overview", "agency_id"),
    "official": ("official", "id"),
    "flow": ("trade_flow_overview", "trade_flow_id"),
}


def record(conn: Connection, kind: str, rid: int) -> dict[str, Any]:
    """Everything known about one row: its fields, every value each article gave, aliases, evidence."""
    view, key = RECORDS[kind]
    fields = _dicts(conn, f"SELECT * FROM {view} WHERE {key} = :id", {"id": rid})
    if not fields:
        raise QueryError(f"no {kind} with id {rid}: see `kb query {by_query(kind).plural}` for ids")
    out: dict[str, Any] = {"fields": fields[0]}
    column = by_query(kind).column
    if kind == "official":
        out["positions"] = _dicts(conn, "SELECT title, agency, first_seen, last_seen, article_count AS articles "
                                        "FROM position_overview WHERE official_id = :id ORDER BY first_seen, "
                                        "position_id", {"id": rid})
    claims = conn.execute(text(
        f"SELECT c.field, c.value, a.id AS article_id, a.title, a.published FROM claim c "
        f"JOIN article a ON a.id = c.article_id WHERE c.{column} = :id ORDER BY c.field, c.value, a.id"),
        {"id": rid}).all()
    values: dict[str, list[dict[str, Any]]] = {}
    for field_name, value, article_id, title, published in claims:
        values.setdefault(field_name, []).append({"value": value, "article_id": article_id, "article": title,
                                                  "published": published})
    out["values"] = values
    out["conflicts"] = {f: v for f, v in values.items()
                        if f not in LIST_FIELDS
                        and len({x["value"] for x in v}) > 1}
    if by_query(kind).named:
        out["aliases"] = _dicts(conn, f"SELECT name, origin FROM alias WHERE {column} = :id ORDER BY name",
                                {"id": rid})
    out["evidence"] = _dicts(conn, f"SELECT a.id AS article_id, a.title AS article, a.published, e.quote, "
                                   f"e.char_start, e.char_end FROM evidence e JOIN article a ON a.id = e.article_id "
                                   f"WHERE e.{column} = :id ORDER BY a.published, a.id, e.char_start", {"id": rid})
    out["matches"] = _dicts(conn, "SELECT m.incoming_name, m.reason, m.score, a.title AS article "
                                  "FROM match_decision m JOIN article a ON a.id = m.article_id "
                                  "WHERE m.record_kind = :kind AND m.record_id = :id ORDER BY a.id",
                            {"kind": by_query(kind).name, "id": rid})
    return out


def _dicts(conn: Connection, sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows as dicts: names zipped onto plain rows, a third of the cost of SQLAlchemy's mappings for the
    hundreds of values and quotes of a much-cited row."""
    result = conn.execute(text(sql), params)
    names = list(result.keys())
    return [dict(zip(names, row, strict=True)) for row in result.all()]

