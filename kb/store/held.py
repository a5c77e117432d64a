"""A batch's append-only rows (claims, evidence, match decisions and candidates), written set-wise.

Storing an article ended with one insert per table for its claims, evidence,
decisions and candidates: three or four statements an article, each a round
trip on PostgreSQL. A load (`kb.load.StoreBatch`) holds these rows from
article to article and writes them when the batch commits, one statement per
table (docs/scale.md, "Holding a batch's claims", has what it saves).

Nothing may read the database without them: before any statement that reads
or writes one of these tables, or updates or deletes a row they may refer to
(an article, agency, official, position, agreement or trade flow), the held
rows are written first, in the order they were made, so every id and every
read is what writing them at once would give. The store's statements are
checked in `kb.driver` (`Driver.before`), SQLAlchemy's through its
`before_cursor_execute` event on the connection.

Per-file isolation stays: an article is stored in a savepoint, and when it is
rolled back so are the rows it held (`Held.rollback`); rows of earlier
articles written inside that savepoint are held again. The rows are checked
against their tables' NOT NULL and one-record constraints as they are held
(`Held.add`), so that the batch's write cannot fail for one article's rows:
a bad record is refused within its own article's savepoint.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection

from kb.driver import driver
from kb.errors import KbError
from kb.store.tables import T, insert_into

HELD = ("claim", "evidence", "decision", "candidate")  # the store's names, in the order they are written
_TABLES = "|".join(T[name].name for name in HELD)
_READS = re.compile(rf"\b({_TABLES})\b", re.IGNORECASE)
# Deleting a row held rows refer to (their foreign keys); updating an article, whose date a trigger copies to
# its evidence. (Updating an agency's or official's values changes nothing held rows hold.)
_CHANGES = re.compile(r"^\s*(DELETE\b.*\b(article|agency|official|position|agreement|trade_flow)\b|UPDATE\s+article\b)",
                      re.IGNORECASE | re.DOTALL)
_RECORD_COLUMNS = {"claim": ("agency_id", "official_id", "agreement_id", "trade_flow_id"),
                   "evidence": ("agency_id", "official_id", "position_id", "agreement_id", "trade_flow_id")}


@lru_cache(maxsize=4096)
def needs_held(sql: str) -> bool:
    """Whether this statement must see the held rows (or could make them invalid)."""
    return bool(_READS.search(sql) or _CHANGES.match(sql))


@cache
def _required(name: str) -> tuple[str, ...]:
    return tuple(c.name for c in T[name].c if not c.nullable and c.name != "id")


@cache
def _columns(name: str) -> tuple[str, ...]:
    return tuple(c.name for c in T[name].c if c.name != "id")


def _check(name: str, row: Mapping[str, Any]) -> None:
    """The table's constraints that the values alone decide (its foreign keys name rows already written)."""
    for column in _required(name):
        if row.get(column) is None:
            raise KbError(f"a {T[name].name} row without {column}; not stored")
    records = _RECORD_COLUMNS.get(name)
    if records and sum(row.get(c) is not None for c in records) != 1:
        raise KbError(f"a {T[name].name} row must name exactly one record; not stored")


class Held:
    """The rows held on one connection until they are written: per table, in the order they were made."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.rows: dict[str, list[dict[str, Any]]] = {name: [] for name in HELD}
        self._saved: dict[str, list[dict[str, Any]]] | None = None
        self.dates: dict[int, str | None] = {}  # article → its date, for the held claims' latest dates
        self._by_row: dict[tuple[str, int], list[dict[str, Any]]] | None = None  # (kind column, row) → claims
        self._writing = False

    def add(self, name: str, rows: Sequence[Mapping[str, Any]], published: str | None = None) -> None:
        """Hold rows of one table; `published`: the date of the article whose claims they are."""
        columns = _columns(name)
        for row in rows:
            _check(name, row)
            self.rows[name].append({c: row.get(c) for c in columns})  # executemany: the same keys in every row
            if name == "claim":
                self.dates[row["article_id"]] = published
                if self._by_row is not None:
                    self._index(self.rows[name][-1])

    def claims(self, kind: str, ids: set[int]) -> dict[int, list[tuple[str, str, str | None]]]:
        """The held claims of these rows, (field, value, article date) in the order they were made: they come
        after every claim written (their ids will be greater)."""
        if self._by_row is None:  # made when first asked for, then kept current: a batch holds thousands
            self._by_row = defaultdict(list)
            for row in self.rows["claim"]:
                self._index(row)
        column = f"{kind}_id"
        return {rid: [(r["field"], r["value"], self.dates.get(r["article_id"])) for r in rows]
                for rid in ids if (rows := self._by_row.get((column, rid)))}

    def _index(self, row: dict[str, Any]) -> None:
        column = next(c for c in _RECORD_COLUMNS["claim"] if row[c] is not None)
        self._by_row[(column, row[column])].append(row)  # type: ignore[index]

    @contextmanager
    def unheeded(self) -> Iterator[None]:
        """Statements that read the tables knowing what is held (their caller adds it), run without writing."""
        writing, self._writing = self._writing, True
        try:
            yield
        finally:
            self._writing = writing

    def write(self) -> None:
        """Every held row, one statement per table."""
        if self._writing or not any(self.rows.values()):
            return
        self._writing = True  # the inserts below are statements on these tables too
        try:
            for name in HELD:
                rows, self.rows[name] = self.rows[name], []
                self._by_row = None
                if rows:
                    driver(self.conn).many(insert_into(name), rows)
        finally:
            self._writing = False

    def before(self, sql: str) -> None:
        if not self._writing and needs_held(sql):
            self.write()

    def savepoint(self) -> None:
        """An article's savepoint begins: what is held now belongs to articles already stored."""
        self._saved = {name: list(rows) for name, rows in self.rows.items()}

    def rollback(self) -> None:
        """The article's savepoint was rolled back: its rows go, and earlier articles' rows written inside it
        (rolled back with it) are held again."""
        if self._saved is not None:
            self.rows, self._saved, self._by_row = self._saved, None, None


def held(conn: Connection) -> Held | None:
    return conn.info.get("kb.held")


def hold(conn: Connection) -> Held:
    """Hold this connection's claims, evidence and decisions until `release` (or a statement needing them)."""
    found = held(conn)
    if found is None:
        found = conn.info["kb.held"] = Held(conn)
        driver(conn).before = found.before
        event.listen(conn, "before_cursor_execute", _before_cursor_execute)
    return found


def release(conn: Connection) -> None:
    """Write what is held and hold no more (before the transaction commits)."""
    found = conn.info.pop("kb.held", None)
    if found is not None:
        try:
            found.write()
        finally:
            driver(conn).before = None
            event.remove(conn, "before_cursor_execute", _before_cursor_execute)


def drop(conn: Connection) -> None:
    """Hold no more, writing nothing (the transaction is being rolled back)."""
    if conn.info.pop("kb.held", None) is not None:
        driver(conn).before = None
        event.remove(conn, "before_cursor_execute", _before_cursor_execute)


def write_rows(conn: Connection, name: str, rows: Sequence[Mapping[str, Any]], published: str | None = None) -> None:
    """Insert rows of one of the held tables: held when the connection holds them, else written now."""
    found = held(conn)
    if found is not None:
        found.add(name, rows, published)
    elif rows:
        driver(conn).many(insert_into(name), [{c: r.get(c) for c in _columns(name)} for r in rows])


def _before_cursor_execute(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
    found = held(conn)
    if found is not None:
        found.before(statement)
