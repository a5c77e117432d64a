"""The read side shared by `kb query`, `kb show` and the tests: SQL over the overview views.

Queries are plain SQL with bind parameters, so `--show-sql` can print exactly
what ran and a user can paste it into sqlite3 or psql.

Every listing is sorted by columns an index holds in that order (migration
0007), so a first page reads as many rows as it shows and a whole listing
streams without a sort; filters are written so that an index can serve them
(ranges, EXISTS over indexed keys). `--contains` reads trigram indexes
(revision 0012) when its text has three characters in a row; the other
"name contains" options read the rows they search.
tests/test_query_plans.py checks the plans on both engines.

Pages (keyset pagination): a listing with a limit fetches one row more than
it shows, and when that row exists the page ends with a cursor, an opaque
token holding the sort key of its last row. `after=cursor` continues from
that key with conditions an index range serves: rows after (k, id) in the
order `date DESC NULLS LAST, id` are three ranges read one after the other
(date = k and id > the id, then date < k, then the undated rows), since no
single row-value comparison follows mixed directions and NULLs last; the
listings sorted by name compare row values, `(name, id) > (k, id)`.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from kb.countries import country_code
from kb.errors import CursorError, QueryError
from kb.kinds import LIST_FIELDS, by_query

STREAM_BATCH = 1_000  # rows fetched at a time by a listing

# A condition is SQL text, or a function of the connection (None when the SQL is wanted without one) for
# conditions that each engine's indexes serve differently; it may add notes for --show-sql to the query.
Condition = str | Callable[["Query", Connection | None], str]


@dataclass(frozen=True)
class Key:
    """One column of a listing's sort key, as the listing's source names it."""

    column: str
    type: type  # str or int: what a cursor may hold for it
    newest_first: bool = False  # DESC NULLS LAST (a date, undated rows last); otherwise ascending, never NULL


@dataclass(frozen=True)
class Order:
    """A listing's sort key; `seek` leading columns are held together by one index (row-value comparisons)."""

    listing: str
    keys: tuple[Key, ...]
    seek: int = 1

    @property
    def sql(self) -> str:
        return ", ".join(f"{k.column} DESC NULLS LAST" if k.newest_first else k.column for k in self.keys)

    def after(self, key: Sequence[Any]) -> list[tuple[str, dict[str, Any]]]:
        """The conditions, one per index range in listing order, that select the rows after `key`."""
        params = {f"after{i}": v for i, v in enumerate(key)}
        first = self.keys[0]
        if first.newest_first:
            date, row_id = first.column, self.keys[1].column
            if key[0] is None:
                return [(f"{date} IS NULL AND {row_id} > :after1", params)]
            return [(f"{date} = :after0 AND {row_id} > :after1", params),
                    (f"{date} < :after0", {"after0": key[0]}), (f"{date} IS NULL", {})]
        columns = [k.column for k in self.keys]
        names = [f":after{i}" for i in range(len(columns))]
        if self.seek == len(columns):
            return [(f"({', '.join(columns)}) > ({', '.join(names)})", params)]
        head, head_values = ", ".join(columns[:self.seek]), ", ".join(names[:self.seek])
        tail, tail_values = ", ".join(columns[self.seek:]), ", ".join(names[self.seek:])
        # The index range is on the head; of the rows with the cursor's head, those up to its tail are skipped.
        return [(f"({head}) >= ({head_values}) AND (({head}) > ({head_values}) OR ({tail}) > ({tail_values}))",
                 params)]

    def encode(self, key: Sequence[Any]) -> str:
        raw = json.dumps([self.listing, *key], separators=(",", ":"), ensure_ascii=False).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    def decode(self, cursor: str) -> list[Any]:
        """The sort key a cursor of this listing holds, or a CursorError saying what is wrong with it."""
        try:
            raw = base64.b64decode(cursor + "=" * (-len(cursor) % 4), altchars=b"-_", validate=True)
            value = json.loads(raw.decode())
        except (binascii.Error, UnicodeDecodeError, ValueError):
            raise CursorError(f"--after {_short(cursor)} is not a cursor kb printed: copy the whole token from "
                              "the line 'kb: more rows: repeat with --after …'") from None
        if not isinstance(value, list) or not value or not isinstance(value[0], str):
            raise CursorError(f"--after {_short(cursor)} is not a cursor kb printed")
        if value[0] != self.listing:
            raise CursorError(f"--after: this cursor continues `kb query {value[0]}`, not `kb query {self.listing}`")
        key = value[1:]
        if len(key) != len(self.keys) or not all(_fits(v, k) for v, k in zip(key, self.keys, strict=True)):
            raise CursorError(f"--after {_short(cursor)} is not a cursor of `kb query {self.listing}`")
        return key


def _fits(value: Any, key: Key) -> bool:
    if value is None:
        return key.newest_first
    return isinstance(value, key.type) and not isinstance(value, bool)


def _short(cursor: str) -> str:
    return repr(cursor if len(cursor) <= 40 else cursor[:37] + "...")


@dataclass
class Query:
    """A SELECT being built: columns, source and order fixed, conditions added by filters.

    A page (a query with a limit) selects its sort key's columns last, hidden from the rows `run` yields, so
    its cursor can be made from its last row; a whole listing selects the listing's columns only.
    """

    select: str
    source: str
    order: Order
    where: list[Condition] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    limit: int | None = None
    after: str | None = None  # a cursor: the rows after its key
    next_cursor: str | None = None  # set once run()'s rows are all read: the cursor of the next page, if any
    notes: list[str] = field(default_factory=list)  # how conditions were written for the engine (--show-sql)
    found: bool = False  # a condition finds the rows through an index (not in the listing's order)
    _conditions: list[str] | None = None  # the conditions as written for the connection of prepare()

    def add(self, condition: Condition, **params: Any) -> None:
        self.where.append(condition)
        self.params.update(params)

    def _sql(self, extra: str | None = None) -> str:
        keys = "".join(f", {k.column} AS kb_key{i}" for i, k in enumerate(self.order.keys)) if self._hidden else ""
        lines = [f"SELECT {self.select}{keys}", f"FROM {self.source}"]
        where = list(self._conditions if self._conditions is not None else self._written(None))
        if extra:
            where.append(extra)
        condition = "\n  AND ".join(where)
        if self.found and self.limit is not None:
            # The found rows are sorted by their keys alone, then the page's rows are read whole: sorting the
            # rows themselves would work out every column of each (a view's counts and joined names).
            row = self.order.keys[-1].column  # the last key is the row's own id
            condition = (f"{row} IN (SELECT {row} FROM {self.source} WHERE {condition} "
                         f"ORDER BY {self.order.sql} LIMIT :limit)")
        if where:
            lines.append("WHERE " + condition)
        lines.append(f"ORDER BY {self.order.sql}")
        if self.limit is not None:
            lines.append("LIMIT :limit")
        return "\n".join(lines)

    @property
    def _hidden(self) -> int:
        """How many columns after the listing's are the sort key's (a page's)."""
        return 0 if self.limit is None else len(self.order.keys)

    @property
    def sql(self) -> str:
        """The SQL of the first page (of the rows after the cursor: its first range)."""
        return self.statements()[0][0]

    def statements(self) -> list[tuple[str, dict[str, Any]]]:
        """Each statement with its parameters (but :limit), run one after the other while the page is not full."""
        if self.after is None:
            return [(self._sql(), dict(self.params))]
        key = self.order.decode(self.after)
        return [(self._sql(extra), {**self.params, **params}) for extra, params in self.order.after(key)]

    def _written(self, conn: Connection | None) -> list[str]:
        return [c if isinstance(c, str) else c(self, conn) for c in self.where]

    def prepare(self, conn: Connection | None) -> None:
        """Write the conditions for this connection's engine (once: a condition may look at the data); with
        None, as for any engine (`--contains` then reads the rows it searches, as the tests compare)."""
        if self._conditions is None:
            self._conditions = self._written(conn)

    def run(self, conn: Connection) -> tuple[list[str], Iterator[tuple]]:
        """The column names and the rows, fetched in batches as they are read (a server-side cursor on
        PostgreSQL), so a listing of any length holds one batch in memory; a page within one batch is
        fetched at once. A page fetches one row more than it shows: when there is one, `next_cursor` is
        set once the rows are read.
        """
        self.prepare(conn)
        self.next_cursor = None
        statements = self.statements()
        wanted = None if self.limit is None else self.limit + 1
        if wanted is None or wanted > STREAM_BATCH:
            conn = conn.execution_options(yield_per=STREAM_BATCH)
        first = self._execute(conn, statements[0], wanted)
        columns = list(first.keys())
        return columns[:len(columns) - self._hidden], self._rows(conn, first, statements[1:], wanted)

    def _execute(self, conn: Connection, statement: tuple[str, dict[str, Any]], wanted: int | None) -> Any:
        sql, params = statement
        return conn.execute(text(sql), params if wanted is None else {**params, "limit": wanted})

    def _rows(self, conn: Connection, first: Any, later: list[tuple[str, dict[str, Any]]],
              wanted: int | None) -> Iterator[tuple]:
        shown, seen = len(first.keys()) - self._hidden, 0
        last: tuple[Any, ...] = ()
        result = first
        while True:
            for row in result:
                seen += 1
                if seen == wanted:  # the row past the page: there is a next one, after the page's last row
                    self.next_cursor = self.order.encode(last)
                    return
                last = tuple(row[shown:])
                yield tuple(row[:shown])
            if not later:
                return
            result = self._execute(conn, later.pop(0), None if wanted is None else wanted - seen)

    def shown(self) -> str:
        """The SQL with its parameters, as `--show-sql` prints it (a next page may take several statements);
        after prepare(), as written for that connection."""
        parts = [f"-- {note}" for note in self.notes]
        for i, (sql, params) in enumerate(self.statements()):
            if self.limit is not None:
                params = {**params, "limit": self.limit + 1 if i == 0 else "the rows still wanted"}
            note = "" if i == 0 else "-- then, while the page is not full:\n"
            parts.append(note + sql + (f"\n-- parameters: {params}" if params else ""))
        if self.limit is not None:
            parts.append("-- one row more than --limit is read: whether a next page follows")
        return "\n".join(parts)


def like(value: str) -> str:
    return f"%{value.lower()}%"


# The orders of the listings (their indexes: migration 0007).
AGREEMENTS = Order("agreements", (Key("signed", str, newest_first=True), Key("agreement_id", int)))
AGENCIES = Order("agencies", (Key("name", str), Key("agency_id", int)), seek=2)
OFFICIALS = Order("officials", (Key("official", str), Key("official_id", int), Key("position_id", int)), seek=2)
FLOWS = Order("flows", (Key("period_start", str, newest_first=True), Key("trade_flow_id", int)))
ARTICLES = Order("articles", (Key("a.published", str, newest_first=True), Key("a.id", int)))

# A trigram index finds a LIKE pattern by a run of three characters between its wildcards: on SQLite any
# three (FTS5's trigram tokenizer), on PostgreSQL three letters or digits (pg_trgm's words).
_TRIGRAM = {"sqlite": re.compile(r"[^%_]{3}"), "postgresql": re.compile(r"[^\W_]{3}")}


# A page of a --contains that this many rows or more hold is read in the listing's order, each row checked:
# such a page is found within the first rows. Rarer text is found through the index and its rows sorted.
# The planners cannot choose between the two: FTS5 gives SQLite no count, and PostgreSQL does not walk the
# ordered index with the IN-list (it hash-joins whole tables, 89 ms instead of 24 for a common word in
# 3,000 articles); a count through the index that stops at COMMON costs 0.3–14 ms.
COMMON = 1_000


def trigram_searchable(value: str, dialect: str | None) -> bool:
    """Whether `--contains value` can be found through revision 0012's trigram indexes on this engine."""
    pattern = _TRIGRAM.get(dialect or "")
    return pattern is not None and pattern.search(value.lower()) is not None


def _matching(dialect: str, table: str, column: str, out: str) -> str:
    """`out` of the rows of `table` whose `column` contains :contains, found through its trigram index.

    The LIKE of the scan is kept as the last word, so the rows are exactly the scan's: the index only
    narrows them (FTS5 folds the case of every letter, SQLite's LIKE and lower() only ASCII's).
    """
    exact = f"lower(t.{column}) LIKE :contains"
    if dialect == "postgresql":  # the GIN index is on lower(column): the same LIKE reads it
        return f"SELECT t.{out} FROM {table} t WHERE {exact}"
    fts = f"{table}_{column}_trigram"
    return (f"SELECT t.{out} FROM {table} t WHERE t.id IN (SELECT rowid FROM {fts} WHERE {fts}.{column} "
            f"LIKE :contains) AND {exact}")


def _candidates(dialect: str, table: str, column: str, out: str) -> str:
    """The rows of _matching that have an `out` (evidence quotes: those of the listing's kind), streamed so
    that a count can stop early."""
    if dialect == "postgresql":
        # OFFSET 0 keeps `out IS NOT NULL` out of the search, where a partial index on it would compete with the GIN.
        return f"SELECT s.{out} FROM ({_matching(dialect, table, column, out)} OFFSET 0) s WHERE s.{out} IS NOT NULL"
    fts = f"{table}_{column}_trigram"  # a join, not _matching's IN, which would collect every match first
    if out == "id":
        return f"SELECT f.rowid FROM {fts} f WHERE f.{column} LIKE :contains"
    return (f"SELECT f.rowid FROM {fts} f JOIN {table} t ON t.id = f.rowid WHERE f.{column} LIKE :contains "
            f"AND t.{out} IS NOT NULL")


def _contains(q: Query, value: str, key: str, sources: Sequence[tuple[str, str, str]], scan: str) -> None:
    """`--contains value`: `key IN` the rows the trigram indexes find in `sources` (table, column, the key
    it gives), or, without three characters in a row to look up (or without an engine), `scan`."""
    def condition(query: Query, conn: Connection | None) -> str:
        dialect = None if conn is None else conn.dialect.name
        if dialect is None or not trigram_searchable(value, dialect):
            return scan
        found = " UNION ALL ".join(_matching(dialect, *source) for source in sources)
        candidates = " UNION ALL ".join(_candidates(dialect, *source) for source in sources)
        if query.limit is not None and _at_least(conn, candidates, like(value), COMMON):
            query.notes.append(f"--contains: {COMMON:,} rows or more hold it (a trigram index count): the rows "
                               "are read in order and each checked")
            return scan
        query.found = True
        return f"{key} IN ({found})"

    q.add(condition, contains=like(value))


def _at_least(conn: Connection | None, rows: str, contains: str, count: int) -> bool:
    """Whether the SELECT `rows` gives `count` rows or more (it stops counting there)."""
    sql = f"SELECT count(*) FROM (SELECT 1 FROM ({rows}) candidate LIMIT :count) found"
    return conn is not None and conn.execute(text(sql), {"contains": contains, "count": count}).scalar_one() >= count


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
               official: str | None = None, contains: str | None = None, limit: int | None = None,
               after: str | None = None) -> Query:
    q = Query(select="agreement_id AS id, name, kind, parties, signed, place, status, signatories, amends, "
                     "article_count AS articles, source_articles",
              source="agreement_overview", order=AGREEMENTS, limit=limit, after=after)
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
        _contains(q, contains, "agreement_id", [("agreement", "name", "id"), ("evidence", "quote", "agreement_id")],
                  "(lower(name) LIKE :contains OR EXISTS (SELECT 1 FROM evidence e WHERE "
                  "e.agreement_id = agreement_overview.agreement_id AND lower(e.quote) LIKE :contains))")
    return q


def agencies(*, country: str | None = None, kind: str | None = None, contains: str | None = None,
             limit: int | None = None, after: str | None = None) -> Query:
    q = Query(select="agency_id AS id, name, country_code AS country, kind, aliases, article_count AS articles, "
                     "first_seen, last_seen",
              source="agency_overview", order=AGENCIES, limit=limit, after=after)
    if country:
        q.add("country_code = :country", country=country_code(country))
    if kind:
        q.add("kind = :kind", kind=kind.lower())
    if contains:
        _contains(q, contains, "agency_id", [("agency", "name", "id"), ("alias", "name", "agency_id")],
                  "(lower(name) LIKE :contains OR EXISTS (SELECT 1 FROM alias x WHERE "
                  "x.agency_id = agency_overview.agency_id AND lower(x.name) LIKE :contains))")
    return q


def officials(*, agency: str | None = None, country: str | None = None, title: str | None = None,
              contains: str | None = None, limit: int | None = None, after: str | None = None) -> Query:
    q = Query(select="official_id AS id, official AS name, country_code AS country, title, agency, "
                     "first_seen, last_seen, article_count AS articles",
              source="position_overview", order=OFFICIALS, limit=limit, after=after)
    if agency:
        q.add("(lower(agency) LIKE :agency OR EXISTS (SELECT 1 FROM alias x WHERE "
              "x.agency_id = position_overview.agency_id AND lower(x.name) LIKE :agency))", agency=like(agency))
    if country:
        q.add("country_code = :country", country=country_code(country))
    if title:
        q.add("lower(title) LIKE :title", title=like(title))
    if contains:
        _contains(q, contains, "official_id", [("official", "name", "id")], "lower(official) LIKE :contains")
    return q


def flows(*, commodity: str | None = None, hs: str | None = None, exporter: str | None = None,
          importer: str | None = None, country: str | None = None, since: str | None = None,
          until: str | None = None, contains: str | None = None, limit: int | None = None,
          after: str | None = None) -> Query:
    q = Query(select="trade_flow_id AS id, commodity, hs_code AS hs, exporter, importer, quantity, unit, "
                     "quantity_kg, value, currency, rate_period AS per, period, exporter_organisation, "
                     "article_count AS articles",
              source="trade_flow_overview", order=FLOWS, limit=limit, after=after)
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
        _contains(q, contains, "trade_flow_id", [("evidence", "quote", "trade_flow_id")],
                  "EXISTS (SELECT 1 FROM evidence e WHERE e.trade_flow_id = trade_flow_overview.trade_flow_id "
                  "AND lower(e.quote) LIKE :contains)")
    return q


def articles(*, publisher: str | None = None, since: str | None = None, until: str | None = None,
             contains: str | None = None, limit: int | None = None, after: str | None = None) -> Query:
    q = Query(select="a.id, a.published, a.publisher, a.title, a.file_name AS file, a.facts_origin AS facts, "
                     "(SELECT count(*) FROM evidence e WHERE e.article_id = a.id) AS evidence",
              source="article a", order=ARTICLES, limit=limit, after=after)
    if publisher:
        q.add("lower(a.publisher) LIKE :publisher", publisher=like(publisher))
    _dates(q, "a.published", since, until)
    if contains:
        _contains(q, contains, "a.id", [("article", "title", "id"), ("article", "body", "id")],
                  "(lower(a.title) LIKE :contains OR lower(a.body) LIKE :contains)")
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

