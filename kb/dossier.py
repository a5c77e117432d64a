"""A country-pair dossier: what the knowledge base says about two countries (or one and all its partners).

Gathered here as plain data, rendered by kb/dossier_render.py (HTML or
Markdown). Every statement carries the sources that support it: the
sentence (evidence quote) and its article, numbered once per dossier.

What belongs to the relationship:
- agreements with both countries among their parties (one country: all of its
  agreements), dated by signature, else by the first article reporting them;
- the agencies and officials of each side named in the articles that concern
  both countries (one country: all of its own), with their posts over time;
- trade flows between the two, either way (one country: all its flows).
`since`/`until` keep agreements signed, flows dated, and articles published
within the range (partial ISO dates, as everywhere in kb).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

from kb.countries import country_code
from kb.errors import QueryError
from kb.queries import check_dates, upper_bound


@dataclass(frozen=True)
class Source:
    article_id: int
    title: str | None
    publisher: str | None
    published: str | None
    url: str | None
    quote: str | None


@dataclass
class Footnotes:
    """Sources numbered in order of first use; the same sentence of the same article is one note."""

    sources: list[Source] = field(default_factory=list)
    _numbers: dict[tuple[int, str | None], int] = field(default_factory=dict)

    def cite(self, sources: list[Source]) -> list[int]:
        numbers = []
        for source in sources:
            key = (source.article_id, source.quote)
            if key not in self._numbers:
                self.sources.append(source)
                self._numbers[key] = len(self.sources)
            numbers.append(self._numbers[key])
        return sorted(set(numbers))


@dataclass
class Agreement:
    id: int
    name: str
    kind: str | None
    parties: str | None
    signed: str | None
    place: str | None
    status: str | None
    signatories: str | None
    amends: str | None
    first_seen: str | None
    notes: list[int]

    @property
    def date(self) -> str | None:
        return self.signed or self.first_seen

    @property
    def event(self) -> str:
        """What the timeline shows happening at `date`: signed (amending another, in force…), or, undated,
        its status when the first article reported it."""
        amending = f", amending {self.amends}" if self.amends else ""
        if not self.signed:
            status = (self.status or "mentioned").replace("_", " ")
            return f"{status}{amending} (first reported {self.first_seen or 'undated'})"
        if self.status == "in_force":
            return f"signed{amending}; in force"
        if self.status in (None, "signed"):
            return f"signed{amending}"
        return f"signed{amending}; {self.status.replace('_', ' ')}"


@dataclass
class Post:
    title: str | None
    agency: str | None
    first_seen: str | None
    last_seen: str | None
    notes: list[int]


@dataclass
class Person:
    id: int
    name: str
    posts: list[Post]


@dataclass
class Body:
    id: int
    name: str
    kind: str | None
    notes: list[int]


@dataclass
class Side:
    code: str
    name: str
    agencies: list[Body]
    officials: list[Person]


@dataclass
class Flow:
    id: int
    commodity: str
    hs_code: str | None
    exporter: str | None
    importer: str | None
    quantity: float | None
    unit: str | None
    quantity_kg: float | None
    value: float | None
    currency: str | None
    rate_period: str | None
    period: str | None
    year: str | None
    notes: list[int]


@dataclass
class Partner:
    code: str
    name: str
    agreements: int
    flows: int


@dataclass
class Dossier:
    first: Side
    second: Side | None
    since: str | None
    until: str | None
    agreements: list[Agreement]
    flows: list[Flow]
    partners: list[Partner]
    footnotes: Footnotes
    articles: int

    @property
    def title(self) -> str:
        if self.second is None:
            return f"{self.first.name} and its partners"
        return f"{self.first.name} – {self.second.name}"

    def country_name(self, code: str | None) -> str:
        for side in (self.first, self.second):
            if side is not None and side.code == code:
                return side.name
        return next((p.name for p in self.partners if p.code == code), code or "?")


def build(conn: Connection, first: str, second: str | None = None, *, since: str | None = None,
          until: str | None = None) -> Dossier:
    check_dates(since, until)
    a = country_code(first)
    b = country_code(second) if second else None
    if b == a:
        raise QueryError(f"{first!r} and {second!r} are the same country ({a}): give two countries, or one")
    window = _Window(since, upper_bound(until) if until else None)
    notes = Footnotes()
    countries = [a] if b is None else [a, b]
    articles = _articles(conn, countries, window)
    agreements = _agreements(conn, countries, window, notes)
    sides = [_side(conn, code, articles, notes) for code in countries]
    flows = _flows(conn, a, b, window, notes)
    partners = _partners(conn, a, window) if b is None else []
    return Dossier(first=sides[0], second=sides[1] if b else None, since=since, until=until,
                   agreements=agreements, flows=flows, partners=partners, footnotes=notes, articles=len(articles))


@dataclass(frozen=True)
class _Window:
    since: str | None
    until: str | None  # already an upper bound ('2023' → '2023-99')

    def condition(self, column: str) -> str:
        parts = []
        if self.since:
            parts.append(f"{column} >= :since")
        if self.until:
            parts.append(f"{column} <= :until")
        return " AND ".join(parts) or "1 = 1"

    @property
    def params(self) -> dict[str, str]:
        return {k: v for k, v in (("since", self.since), ("until", self.until)) if v}


def _articles(conn: Connection, countries: list[str], window: _Window) -> list[int]:
    """The articles that concern every country given (a fact about each of them), published within range."""
    parts = " INTERSECT ".join(f"SELECT article_id FROM evidence_country WHERE country_code = :c{i}"
                               for i in range(len(countries)))
    sql = (f"SELECT r.id FROM article r WHERE r.id IN ({parts}) AND {window.condition('r.published')} "
           "ORDER BY r.id")
    params = {f"c{i}": c for i, c in enumerate(countries)} | window.params
    return [r[0] for r in conn.execute(text(sql), params)]


def _sources(conn: Connection, column: str, ids: list[int],
             articles: list[int] | None = None) -> dict[int, list[Source]]:
    """The evidence of each record, oldest article first (within `articles` when given)."""
    if not ids:
        return {}
    sql = (f"SELECT e.{column} AS record_id, r.id, r.title, r.publisher, r.published, r.url, e.quote "
           f"FROM evidence e JOIN article r ON r.id = e.article_id WHERE e.{column} IN :ids")
    params: dict[str, Any] = {"ids": ids}
    statement = text(sql + (" AND r.id IN :articles" if articles is not None else "")
                     + " ORDER BY r.published, r.id, e.char_start").bindparams(bindparam("ids", expanding=True))
    if articles is not None:
        if not articles:
            return {}
        statement = statement.bindparams(bindparam("articles", expanding=True))
        params["articles"] = articles
    out: dict[int, list[Source]] = defaultdict(list)
    for row in conn.execute(statement, params):
        out[row[0]].append(Source(*row[1:]))
    return out


def _agreements(conn: Connection, countries: list[str], window: _Window, notes: Footnotes) -> list[Agreement]:
    parties = " AND ".join(f"EXISTS (SELECT 1 FROM agreement_party p WHERE p.agreement_id = o.agreement_id "
                           f"AND p.country_code = :c{i})" for i in range(len(countries)))
    sql = (f"SELECT o.agreement_id, o.name, o.kind, o.parties, o.signed, o.place, o.status, o.signatories, "
           f"o.amends, o.first_seen FROM agreement_overview o WHERE {parties} "
           f"AND {window.condition('COALESCE(o.signed, o.first_seen)')} "
           f"ORDER BY COALESCE(o.signed, o.first_seen), o.agreement_id")
    params = {f"c{i}": c for i, c in enumerate(countries)} | window.params
    rows = conn.execute(text(sql), params).all()
    sources = _sources(conn, "agreement_id", [r[0] for r in rows])
    return [Agreement(*r, notes=notes.cite(sources.get(r[0], []))) for r in rows]


def _side(conn: Connection, code: str, articles: list[int], notes: Footnotes) -> Side:
    name = _country_name(conn, code)
    if not articles:
        return Side(code, name, [], [])
    agencies = conn.execute(text(
        "SELECT g.id, g.name, g.kind FROM agency g WHERE g.country_code = :code AND EXISTS (SELECT 1 FROM "
        "evidence e WHERE e.agency_id = g.id AND e.article_id IN :articles) ORDER BY g.name, g.id")
        .bindparams(bindparam("articles", expanding=True)), {"code": code, "articles": articles}).all()
    agency_sources = _sources(conn, "agency_id", [g[0] for g in agencies], articles)
    posts = conn.execute(text(
        "SELECT p.position_id, p.official_id, p.official, p.title, p.agency, p.first_seen, p.last_seen "
        "FROM position_overview p WHERE p.country_code = :code AND EXISTS (SELECT 1 FROM evidence e "
        "WHERE e.position_id = p.position_id AND e.article_id IN :articles) "
        "ORDER BY p.official, p.official_id, p.first_seen, p.position_id")
        .bindparams(bindparam("articles", expanding=True)), {"code": code, "articles": articles}).all()
    post_sources = _sources(conn, "position_id", [p[0] for p in posts], articles)
    people: dict[int, Person] = {}
    for position_id, official_id, official, title, agency, first_seen, last_seen in posts:
        person = people.setdefault(official_id, Person(official_id, official, []))
        person.posts.append(Post(title, agency, first_seen, last_seen,
                                 notes.cite(post_sources.get(position_id, []))))
    bodies = [Body(g[0], g[1], g[2], notes.cite(agency_sources.get(g[0], []))) for g in agencies]
    return Side(code, name, bodies, list(people.values()))


def _flows(conn: Connection, a: str, b: str | None, window: _Window, notes: Footnotes) -> list[Flow]:
    if b is None:
        between = "(f.exporter = :a OR f.importer = :a)"
    else:
        between = "((f.exporter = :a AND f.importer = :b) OR (f.exporter = :b AND f.importer = :a))"
    sql = (f"SELECT f.trade_flow_id, f.commodity, f.hs_code, f.exporter, f.importer, f.quantity, f.unit, "
           f"f.quantity_kg, f.value, f.currency, f.rate_period, f.period, "
           f"substr(COALESCE(f.period_start, f.first_seen), 1, 4) AS year "
           f"FROM trade_flow_overview f WHERE {between} "
           f"AND {window.condition('COALESCE(f.period_start, f.first_seen)')} "
           f"ORDER BY f.commodity, year, f.trade_flow_id")
    rows = conn.execute(text(sql), {"a": a, "b": b} | window.params).all()
    sources = _sources(conn, "trade_flow_id", [r[0] for r in rows])
    return [Flow(*r, notes=notes.cite(sources.get(r[0], []))) for r in rows]


def _partners(conn: Connection, code: str, window: _Window) -> list[Partner]:
    """The countries one country shares agreements or trade flows with, most shared first."""
    sql = f"""
        SELECT partner, sum(agreements), sum(flows) FROM (
          SELECT other.country_code AS partner, count(DISTINCT a.id) AS agreements, 0 AS flows
          FROM agreement a
          JOIN agreement_party mine ON mine.agreement_id = a.id AND mine.country_code = :code
          JOIN agreement_party other ON other.agreement_id = a.id AND other.country_code <> :code
          WHERE {window.condition('a.signed')}
          GROUP BY other.country_code
          UNION ALL
          SELECT CASE WHEN f.exporter_country_code = :code THEN f.importer_country_code
                      ELSE f.exporter_country_code END, 0, count(*)
          FROM trade_flow f
          WHERE (f.exporter_country_code = :code OR f.importer_country_code = :code)
            AND {window.condition('f.period_start')}
          GROUP BY CASE WHEN f.exporter_country_code = :code THEN f.importer_country_code
                        ELSE f.exporter_country_code END
        ) shared WHERE partner IS NOT NULL
        GROUP BY partner ORDER BY sum(agreements) + sum(flows) DESC, partner"""
    rows = conn.execute(text(sql), {"code": code} | window.params).all()
    return [Partner(p, _country_name(conn, p), int(n_agreements), int(n_flows)) for p, n_agreements, n_flows in rows]


def _country_name(conn: Connection, code: str) -> str:
    row = conn.execute(text("SELECT COALESCE(common_name, name) FROM country WHERE code = :code"),
                       {"code": code}).first()
    return row[0] if row else code
