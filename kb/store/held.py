"""A batch's append-only rows (claims, evidence, match decisions and candidates) and its new entity rows,
written set-wise.

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
articles written inside that savepoint are held again. The database's
savepoint is opened only before the article's first statement that needs one
(`Held.savepoint`): an article whose reads are answered in memory and whose
rows are all held changes nothing in the database until the batch's write. The rows are checked
against their tables' NOT NULL and one-record constraints as they are held
(`Held.add`), so that the batch's write cannot fail for one article's rows:
a bad record is refused within its own article's savepoint.

New rows (the article's own, agencies, officials, agreements, trade flows,
positions, aliases, agreement parties and signatories) are held too
(`Held.new`), their ids given out ahead (`Ids`), and written once per table
per batch, each table after those its rows name. A statement naming one of their tables writes its
held rows first, unless it is a read the held rows complete
(`kb.driver.answered_from_held`): the reads the store runs for every article
are, so the new rows wait for the batch's write (docs/scale.md, "New rows
with their ids given out ahead").
"""

from __future__ import annotations

import re
from bisect import insort
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import cache, lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import PrimaryKeyConstraint, Select, UniqueConstraint, bindparam, event, func, select
from sqlalchemy.engine import Connection

from kb.driver import DriverError, ReadCache, driver
from kb.errors import KbError
from kb.store.tables import T, count_claims, counted, insert_into, last_claim

HELD = ("claim", "evidence", "decision", "candidate")  # the store's names, in the order they are written
# New entity rows, held with ids allocated ahead (`Ids`): in the order they are written, each after the tables
# its foreign keys name.
MADE = ("article", "agency", "official", "agreement", "trade_flow", "position", "alias", "party", "signatory")
_TABLE_OF = {T[name].name: name for name in MADE}
# A table's name, not a parameter's (`:agency`, `%(agency)s`: a read of positions at an agency is not a read of
# agencies, whose held rows it would write first).
_NAMES = re.compile(rf"(?<!:)(?<!%\()\b({'|'.join(_TABLE_OF)})\b", re.IGNORECASE)
_WRITE = re.compile(r"^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?(\w+)", re.IGNORECASE)
# What each table's rows refer to among the held ones (written first).
_REFS = {name: {_TABLE_OF[fk.column.table.name] for fk in T[name].foreign_keys
                if fk.column.table.name in _TABLE_OF} - {name} for name in MADE}
# The new-row tables whose rows may name (or cascade from) a row of each, itself included.
_NAMED_BY = {name: {name} | {other for other in MADE if name in _REFS[other]} for name in MADE}
# The other tables whose rows may name new rows (an insert into them or an update writes the new rows first).
_REFERRING = {table.name for table in T.values()
              if any(fk.column.table.name in _TABLE_OF for fk in table.foreign_keys)}
# The held tables, and the claims' counts by value (revision 0013), which count the held claims once written.
_TABLES = "|".join([*(T[name].name for name in HELD), "claim_value_count"])
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


PENDING, OPEN = "pending", "open"  # an article's savepoint: to open before its first statement needing one; opened
SAVEPOINT_NAME = "kb_article"


@lru_cache(maxsize=4096)
def _reads_only(sql: str) -> bool:
    """A SELECT (on SQLite, which changes nothing: kb's reads call no function that writes)."""
    return sql.lstrip()[:6].upper() == "SELECT"


@cache
def _required(name: str) -> tuple[str, ...]:
    return tuple(c.name for c in T[name].c if not c.nullable and c.name != "id")


@cache
def _columns(name: str) -> tuple[str, ...]:
    return tuple(c.name for c in T[name].c if c.name != "id")


_CLAIM_RECORDS = _RECORD_COLUMNS["claim"]


@cache
def _getter(columns: tuple[str, ...]) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    """A row's values in these columns as a tuple, in one C call (held rows are checked by the thousand)."""
    if len(columns) > 1:
        return itemgetter(*columns)
    return (lambda row: (row[columns[0]],)) if columns else (lambda row: ())


def _row_id(row: Mapping[str, Any]) -> Any:
    return row["id"]


def _check(name: str, row: Mapping[str, Any]) -> None:
    """The table's constraints that the values alone decide (its foreign keys name rows already written)."""
    get = row.get
    for column in _required(name):
        if get(column) is None:
            raise KbError(f"a {T[name].name} row without {column}; not stored")
    records = _RECORD_COLUMNS.get(name)
    if records and [get(c) is not None for c in records].count(True) != 1:
        raise KbError(f"a {T[name].name} row must name exactly one record; not stored")


@lru_cache(maxsize=4096)
def _made_plan(sql: str) -> tuple[bool, frozenset[str], str | None]:
    """What a statement needs of the new rows held: (every one written first, the tables whose rows must be
    written first, a table the statement itself inserts into or deletes from, whose next id is then read
    afresh)."""
    named = frozenset(_TABLE_OF[t.lower()] for t in _NAMES.findall(sql))  # read, or written
    write = _WRITE.match(sql)
    if write is not None:
        verb, table = write.group(1).split()[0].upper(), write.group(2).lower()
        if table in _TABLE_OF and verb == "UPDATE":  # the rows it changes, and those its values may name
            return False, named | _with_refs({_TABLE_OF[table]}), None
        if table in _TABLE_OF and verb == "DELETE":  # the rows it may delete, and the held rows naming them
            return False, named | _NAMED_BY[_TABLE_OF[table]], _TABLE_OF[table]
        if table in _TABLE_OF:  # an insert besides the held ones
            return True, frozenset(), _TABLE_OF[table]
        if table in _REFERRING:  # may name new rows: they must exist first
            return True, frozenset(), None
    return False, named, None


def _with_refs(names: set[str]) -> set[str]:
    found, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name not in found:
            found.add(name)
            todo += _REFS[name]
    return found


@cache
def _max_id_statement(name: str) -> Select:
    return select(func.max(T[name].c.id))


@cache
def _nextval_statement(name: str) -> Select:
    return select(func.nextval(func.pg_get_serial_sequence(T[name].name, "id")))


@cache
def _setval_statement(name: str) -> Select:
    return select(func.setval(func.pg_get_serial_sequence(T[name].name, "id"), bindparam("top")))


class Ids:
    """Ids for new rows, given out ahead of their insert, as the insert would have given them.

    Only a writer holding the write lock (`kb.db.write_transaction`) gives them out, so no one else takes one
    meanwhile. SQLite (`INTEGER PRIMARY KEY`): the next id is one more than the greatest id in the table,
    counting the held rows: the greatest written is read once per transaction and kept. PostgreSQL: the
    table's sequence gives the first id (`nextval`), the next ones are counted on from it, and the sequence
    is set to the last given out (`setval`) when the rows are written and before any other insert: a
    sequence is not rolled back with a savepoint, so an id given out is not given again, as with `nextval`.
    """

    def __init__(self, conn: Connection) -> None:
        self.conn, self.postgres = conn, conn.dialect.name == "postgresql"
        self.top: dict[str, int] = {}  # SQLite: the greatest id written; PostgreSQL: the greatest given out
        self.sequence: dict[str, int] = {}  # PostgreSQL: where the table's sequence stands

    def take(self, name: str, held: dict[int, dict[str, Any]]) -> int:
        if self.postgres:
            if name not in self.top:
                self.top[name] = self.sequence[name] = driver(self.conn).scalar(_nextval_statement(name))
            else:
                self.top[name] += 1
            return self.top[name]
        if name not in self.top:
            self.top[name] = driver(self.conn).scalar(_max_id_statement(name)) or 0
        return max(self.top[name], next(reversed(held), 0)) + 1

    def written(self, name: str, ids: Sequence[int]) -> None:
        if not self.postgres and ids and name in self.top:
            self.top[name] = max(self.top[name], max(ids))

    def settle(self) -> None:
        """PostgreSQL: each sequence set to the last id given out, so that the next `nextval` gives the next."""
        for name, top in self.top.items() if self.postgres else ():
            if top > self.sequence[name]:
                driver(self.conn).run(_setval_statement(name), {"top": top})
                self.sequence[name] = top

    def forget(self, name: str) -> None:
        """Something else inserted into or deleted from the table: its next id is read again when needed."""
        self.top.pop(name, None)
        self.sequence.pop(name, None)

    def saved(self) -> dict[str, int]:
        return dict(self.top)

    def restore(self, top: dict[str, int]) -> None:
        """SQLite: the rows written since are rolled back, so their ids are free again (as they are to an
        insert). PostgreSQL keeps counting: a sequence does not roll back."""
        if not self.postgres:
            self.top = dict(top)


@cache
def _default(name: str, column: str) -> Any:
    """What an insert leaving the column out writes (a scalar default; kb's entity tables have no other)."""
    default = T[name].c[column].default
    return getattr(default, "arg", None) if default is not None and default.is_scalar else None


@cache
def blank(name: str) -> dict[str, None]:
    """A row of one of the held tables with every column but its id None, to fill in (`Held.add` takes such a
    row as it is, without copying it to the table's columns)."""
    return dict.fromkeys(_columns(name))


@cache
def _defaults(name: str) -> tuple[tuple[str, Any], ...]:
    """(column, what an insert leaving it out writes) of a table's columns but its id: looked up once, not per row."""
    return tuple((c, _default(name, c)) for c in _columns(name))


@cache
def _has_id(name: str) -> bool:
    return "id" in T[name].c


@cache
def _unique(name: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(c.name for c in constraint.columns) for constraint in T[name].constraints
                 if isinstance(constraint, UniqueConstraint)
                 or (isinstance(constraint, PrimaryKeyConstraint) and not _has_id(name)))


def _check_made(name: str, row: Mapping[str, Any], countries: frozenset[str]) -> None:
    """What the table requires of a new row that its values alone decide, so that the batch's write cannot be
    refused for one article's row: it is refused here, as the database would refuse its insert (its foreign
    keys name rows written or held, ids the store was given; its countries are checked against the
    database's `country` table)."""
    for column in _required(name):
        if row.get(column) is None:
            raise DriverError(f"NOT NULL constraint failed: {T[name].name}.{column}")
    if name == "alias" and sum(row.get(c) is not None for c in ("agency_id", "official_id", "agreement_id")) != 1:
        raise DriverError("CHECK constraint failed: ck_alias_one_record")
    if name == "party" and row.get("country_code") is None and row.get("agency_id") is None:
        raise DriverError("CHECK constraint failed: ck_agreement_party_country_or_agency")
    for column in _country_columns(name):
        if row.get(column) is not None and row[column] not in countries:
            raise DriverError(f"FOREIGN KEY constraint failed: {T[name].name}.{column} {row[column]!r} is not in "
                              "the country table")


@cache
def _country_columns(name: str) -> tuple[str, ...]:
    """The table's columns naming a row of `country` (checked for every new row: only those it has)."""
    return tuple(c for c in ("country_code", "exporter_country_code", "importer_country_code") if c in T[name].c)


@cache
def _countries_statement() -> Select:
    return select(T["country"].c.code)


class Held:
    """The rows held on one connection until they are written: per table, in the order they were made."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.rows: dict[str, list[dict[str, Any]]] = {name: [] for name in HELD}
        # Where the held rows stood when the article's savepoint began: each table's list and its length (rows
        # are only appended to a list, and a write puts a new list in its place).
        self._saved: dict[str, tuple[list[dict[str, Any]], int]] | None = None
        self.dates: dict[int, str | None] = {}  # article → its date, for the held claims' latest dates
        self._by_row: dict[tuple[str, int], list[dict[str, Any]]] | None = None  # (kind column, row) → claims
        self._writing = False
        self.made: dict[str, dict[int, dict[str, Any]]] = {name: {} for name in MADE}  # new rows by id
        self.ids = Ids(conn)
        self._links = 0
        self._countries: frozenset[str] | None = None
        # table → columns → values → the held rows with them (by table first: each new row updates its own only)
        self._lookups: dict[str, dict[tuple[str, ...], dict[tuple[Any, ...], list[dict[str, Any]]]]] = {}
        self._keys: dict[tuple[str, tuple[str, ...]], set[tuple[Any, ...]]] = {}  # unique keys of held rows
        # What the article's savepoint restores of the new rows: the ids, and either the new rows and unique keys
        # held since (`_journal`, undone on a rollback), or, once anything else changes them (a write, a row
        # deleted), a copy of them as they were (`_made_saved`).
        self._made_saved: tuple[dict[str, dict[int, dict[str, Any]]],
                                dict[tuple[str, tuple[str, ...]], set[tuple[Any, ...]]]] | None = None
        self._ids_saved: dict[str, int] | None = None
        self._journal: list[tuple[str, Any, Any]] | None = None
        self._orphans = 0  # held party rows of agreements not held (`parties_of_held_agreements`)
        self._release_due = False  # PostgreSQL: a savepoint released, its RELEASE not yet sent (`_run_savepoint`)
        self._savepoint: str | None = None  # the article's savepoint in the database: None, PENDING or OPEN

    def countries(self) -> frozenset[str]:
        """The codes of the database's `country` table, read once (new rows' countries are checked against it)."""
        if self._countries is None:
            self._countries = frozenset(r[0] for r in driver(self.conn).rows(_countries_statement()))
        return self._countries

    def new(self, name: str, row: Mapping[str, Any]) -> int:
        """Hold a new row of an entity table; its id, given out now (`Ids`)."""
        _check_made(name, row, self.countries())
        held, journal = self.made[name], self._journal
        for columns in _unique(name):
            key = tuple(row.get(c) for c in columns)
            if None not in key:
                keys = self._keys.setdefault((name, columns), set())
                if key in keys:
                    raise DriverError(f"UNIQUE constraint failed: {', '.join(f'{T[name].name}.{c}' for c in columns)}")
                keys.add(key)
                if journal is not None:
                    journal.append(("key", (name, columns), key))
        get = row.get
        values = {c: get(c, default) for c, default in _defaults(name)}
        if not _has_id(name):  # a link keyed by what it links (agreement_signatory): held in order
            self._links += 1
            rid, row = -self._links, values
        elif name in self.ids.top:  # where the ids stand is known: nothing to read
            rid = self.ids.take(name, held)
            row = {"id": rid, **values}
        else:
            writing, self._writing = self._writing, True  # reading where the ids stand needs nothing written
            try:
                rid = self.ids.take(name, held)
            finally:
                self._writing = writing
            row = {"id": rid, **values}
        held[rid] = row
        if journal is not None:
            journal.append(("row", name, rid))
        if name == "party" and row["agreement_id"] not in self.made["agreement"]:
            self._orphans += 1
        for columns, index in self._lookups.get(name, {}).items():
            index[(row[columns[0]],) if len(columns) == 1 else tuple([row[c] for c in columns])].append(row)
        return rid

    def parties_of_held_agreements(self) -> bool:
        """Every held party row is of a held agreement (kept count, not a pass over the party rows)."""
        return not self._orphans

    def _orphan_gone(self, name: str, row: Mapping[str, Any]) -> None:
        if name == "party" and row["agreement_id"] not in self.made["agreement"]:
            self._orphans -= 1

    def _count_orphans(self) -> None:
        agreements = self.made["agreement"]
        self._orphans = sum(row["agreement_id"] not in agreements for row in self.made["party"].values())

    def lookup(self, name: str, columns: tuple[str, ...], key: tuple[Any, ...]) -> list[dict[str, Any]]:
        """The held new rows of a table with these values in these columns (an index made when first asked
        for, kept current as rows are held, dropped when they are written or rolled back)."""
        index = self._lookups.get(name, {}).get(columns)
        if index is None:
            index = self._lookups.setdefault(name, {})[columns] = defaultdict(list)
            for row in self.made[name].values():
                index[tuple(row[c] for c in columns)].append(row)
        return index.get(key, [])

    def update(self, name: str, rid: int, values: Mapping[str, Any]) -> bool:
        """Change a held row's values (checked as when it was held); False: it is not held (it is written)."""
        row = self.made[name].get(rid)
        if row is None:
            return False
        _check_made(name, {**row, **values}, self.countries())
        self._unindex(name, row)
        row.update(values)
        for columns, index in self._lookups.get(name, {}).items():  # in the order of the ids, as made afresh
            insort(index[tuple(row[c] for c in columns)], row, key=_row_id)
        if name in ("party", "agreement"):
            self._count_orphans()
        return True

    def discard_ids(self, name: str, ids: Sequence[int]) -> list[int]:
        """Delete the held rows with these ids (of a table no other held row names); the ids of written rows,
        for the database to delete."""
        made, journal = self.made[name], self._journal
        gone = [rid for rid in ids if rid in made]
        for rid in gone:
            row = made.pop(rid)
            if journal is not None:
                journal.append(("gone", name, (rid, row)))
            self._orphan_gone(name, row)
        if gone:
            self._forget_lookups(name)
            if name == "agreement":
                self._count_orphans()
        return [rid for rid in ids if rid not in set(gone)]

    def discard(self, name: str, values: Mapping[str, Any], owner: str) -> bool:
        """Delete held rows of `name` with these values, when the `owner` row they name (its `{owner}_id`) is
        held too (then none of its rows is written: these are all there are). False: the owner is written, so
        the database must be asked to delete them."""
        if values[f"{owner}_id"] not in self.made[owner]:
            return False
        made = self.made[name]
        owned = self.lookup(name, (f"{owner}_id",), (values[f"{owner}_id"],)) if _has_id(name) else [
            {"id": rid, **row} for rid, row in made.items()]  # through the lookup, not a pass over every held row
        gone = [row["id"] for row in owned if all(row[c] == v for c, v in values.items())]
        journal = self._journal
        for rid in gone:
            row = made.pop(rid)
            if journal is not None:
                journal.append(("gone", name, (rid, row)))
            for columns in _unique(name):
                key, keys = tuple(row[c] for c in columns), self._keys.get((name, columns))
                if keys is not None and key in keys:
                    keys.discard(key)
                    if journal is not None:
                        journal.append(("unkey", (name, columns), key))
            self._unindex(name, row)
            self._orphan_gone(name, row)
        if gone and name == "agreement":
            self._count_orphans()
        return True

    def new_rows(self, name: str, rows: Sequence[Mapping[str, Any]]) -> None:
        for row in rows:
            self.new(name, row)

    def _unindex(self, name: str, row: dict[str, Any]) -> None:
        """A held row gone: out of the lookups made for its table (they stay, for the rows left)."""
        for columns, index in self._lookups.get(name, {}).items():
            found = index.get(tuple(row[c] for c in columns))
            if found is not None:
                found[:] = [r for r in found if r is not row]

    def _keep_made(self) -> None:
        """Before the held rows of a table are written within an article's savepoint: a copy of the new rows as
        they were when it began, for its rollback (rows held or deleted since are undone on the copy)."""
        journal = self._journal
        if journal is None:
            return
        made = {name: dict(rows) for name, rows in self.made.items()}
        keys = {key: set(found) for key, found in self._keys.items()}
        _undo(journal, made, keys)
        self._made_saved, self._journal = (made, keys), None

    def _forget_lookups(self, name: str) -> None:
        self._lookups.pop(name, None)

    def write_made(self, names: set[str] | None = None) -> None:
        """The new rows of these tables (None: of every one), after those of the tables they refer to."""
        wanted = _with_refs(names) if names is not None else set(MADE)
        if not any(self.made[name] for name in wanted):
            return
        self._keep_made()
        writing, self._writing = self._writing, True
        try:
            for name in MADE:
                if name in wanted and self.made[name]:
                    rows, self.made[name] = list(self.made[name].values()), {}
                    self._forget_lookups(name)
                    for columns in _unique(name):
                        self._keys.pop((name, columns), None)
                    driver(self.conn).many(insert_into(name), rows)
                    if _has_id(name):
                        self.ids.written(name, [r["id"] for r in rows])
        finally:
            self._writing = writing
            self._count_orphans()

    def add(self, name: str, rows: Sequence[Mapping[str, Any]], published: str | None = None) -> None:
        """Hold rows of one table; `published`: the date of the article whose claims they are."""
        columns, held, claims = _columns(name), self.rows[name], name == "claim"
        required, records = _getter(_required(name)), _RECORD_COLUMNS.get(name)
        named, others = (_getter(records), len(records) - 1) if records else (None, 0)
        shape = blank(name).keys()
        for row in rows:
            # executemany: the same keys in every row (a row made from `blank` has them already: taken as it is)
            values = row if type(row) is dict and row.keys() == shape else {c: row.get(c) for c in columns}
            if None in required(values) or (named is not None and named(values).count(None) != others):
                _check(name, row)  # refused, with the reason
            held.append(values)
            if claims:
                self.dates[values["article_id"]] = published
                if self._by_row is not None:
                    self._index(values)

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
        for column in _CLAIM_RECORDS:
            rid = row[column]
            if rid is not None:
                self._by_row[(column, rid)].append(row)  # type: ignore[index]
                return

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
        if self._writing:
            return
        self.write_made()  # what the claims and evidence name
        if not any(self.rows.values()):
            return
        self._writing = True  # the inserts below are statements on these tables too
        try:
            for name in HELD:
                rows, self.rows[name] = self.rows[name], []
                self._by_row = None
                if rows:
                    insert_rows(self.conn, name, rows)
        finally:
            self._writing = False

    def before(self, sql: str, answered: frozenset[str] = frozenset()) -> None:
        """Before a statement runs: write what it needs of the held rows (`answered`: tables whose held rows
        the caller adds to its answer, `kb.driver.answered_from_held`)."""
        if self._savepoint is PENDING and (self.ids.postgres or not _reads_only(sql)):
            self._run_savepoint("SAVEPOINT")
            self._savepoint = OPEN
        if self._writing:
            return
        every, tables, inserted = _made_plan(sql)
        if every:
            self.write_made()
        elif tables - answered:
            self.write_made(set(tables - answered))
        if inserted is not None:  # an insert or delete of its own: the sequences first stand where the ids do
            self._settle()
            self.ids.forget(inserted)
        if needs_held(sql):
            self.write()

    def _run_savepoint(self, verb: str) -> None:
        """A savepoint statement, on the driver's cursor (SQLAlchemy does not track this savepoint: the load
        opens no other inside an article).

        PostgreSQL: a release is sent with the next savepoint statement, in one round trip (of the 1,000 a
        500-article load sent for savepoints, half were releases), or before the batch's rows are written
        (`release`). A statement run meanwhile, outside any article (reading ahead, in a savepoint of its
        own), runs inside the released savepoint, which changes nothing for it."""
        run = driver(self.conn)
        if run.cache is not None:
            run.cache.saw(f"{verb} {SAVEPOINT_NAME}")  # a rollback drops the answers kept
        sql = f"{verb} {SAVEPOINT_NAME}"
        if self.ids.postgres:
            if verb == "RELEASE SAVEPOINT":
                self._release_due = True
                return
            if self._release_due:
                sql, self._release_due = f"RELEASE SAVEPOINT {SAVEPOINT_NAME}; {sql}", False
        try:
            run.cursor.execute(sql)
        except run.dbapi_error as exc:
            raise run._error(exc) from exc

    def released(self) -> None:
        """PostgreSQL: the last article's release sent, if it is due (`_run_savepoint`): the batch's rows are
        written by the transaction itself, not by a subtransaction of the savepoint."""
        if self._release_due:
            self._release_due = False
            run = driver(self.conn)
            try:
                run.cursor.execute(f"RELEASE SAVEPOINT {SAVEPOINT_NAME}")
            except run.dbapi_error as exc:
                raise run._error(exc) from exc

    def _settle(self) -> None:
        writing, self._writing = self._writing, True
        try:
            self.ids.settle()
        finally:
            self._writing = writing

    def savepoint(self) -> None:
        """An article's savepoint begins: what is held now belongs to articles already stored.

        The database's savepoint is opened before the article's first statement that needs one (`before`):
        on SQLite its first change (a read that fails changes nothing), on PostgreSQL its first statement
        of any kind (a statement that fails aborts the transaction, back to the last savepoint). An article
        whose reads are answered in memory and whose rows are held runs no statement, and no savepoint.
        """
        self._savepoint = PENDING
        self._saved = {name: (rows, len(rows)) for name, rows in self.rows.items()}
        self._made_saved, self._ids_saved, self._journal = None, self.ids.saved(), []

    @contextmanager
    def aside(self) -> Iterator[None]:
        """Statements run outside any article (reading ahead for a batch), in a savepoint of their own on
        PostgreSQL, where a statement that fails would abort the batch's transaction: rolled back to it then,
        and whatever was kept since dropped."""
        if not self.ids.postgres:
            yield
            return
        self._run_savepoint("SAVEPOINT")
        try:
            yield
        except BaseException:
            self._run_savepoint("ROLLBACK TO SAVEPOINT")
            self._run_savepoint("RELEASE SAVEPOINT")
            raise
        self._run_savepoint("RELEASE SAVEPOINT")

    def release_savepoint(self) -> None:
        """The article is stored: its savepoint, if one was opened, is released."""
        opened, self._savepoint = self._savepoint is OPEN, None
        if opened:
            self._run_savepoint("RELEASE SAVEPOINT")

    def rollback(self) -> None:
        """The article's savepoint was rolled back: its rows go, and earlier articles' rows written inside it
        (rolled back with it) are held again. The database's savepoint, if one was opened, is rolled back."""
        opened, self._savepoint = self._savepoint is OPEN, None
        if opened:
            self._run_savepoint("ROLLBACK TO SAVEPOINT")
            self._run_savepoint("RELEASE SAVEPOINT")
        if self._saved is not None:
            self.rows = {name: rows[:length] for name, (rows, length) in self._saved.items()}
            self._saved, self._by_row = None, None
        if self._ids_saved is not None:
            if self._made_saved is not None:
                self.made, self._keys = self._made_saved
            else:  # new rows were held or deleted since, none written: undone
                _undo(self._journal or [], self.made, self._keys)
            self._lookups.clear()
            self._count_orphans()
            self.ids.restore(self._ids_saved)
            self._made_saved, self._ids_saved, self._journal = None, None, None


def _undo(journal: list[tuple[str, Any, Any]], made: dict[str, dict[int, dict[str, Any]]],
          keys: dict[tuple[str, tuple[str, ...]], set[tuple[Any, ...]]]) -> None:
    """Undo, last first, the changes of an article's savepoint to the held new rows (`Held._journal`): a row
    held goes, a row deleted comes back in its place (a table's rows are held in the order of their ids, a
    link table's by descending key), and so do their unique keys."""
    back: set[str] = set()
    for what, name, value in reversed(journal):
        if what == "row":
            made[name].pop(value, None)
        elif what == "key":
            keys[name].discard(value)
        elif what == "gone":
            made[name][value[0]] = value[1]
            back.add(name)
        else:
            keys.setdefault(name, set()).add(value)
    for name in back:
        rows = sorted(made[name].items(), reverse=not _has_id(name))
        made[name].clear()
        made[name].update(rows)


def held(conn: Connection) -> Held | None:
    return conn.info.get("kb.held")


def hold(conn: Connection) -> Held:
    """Hold this connection's claims, evidence and decisions until `release` (or a statement needing them)."""
    found = held(conn)
    if found is None:
        found = conn.info["kb.held"] = Held(conn)
        driver(conn).before = found.before
        driver(conn).held = found
        driver(conn).cache = ReadCache()  # reads answered for the transaction (kb.driver.kept_for_batch)
        event.listen(conn, "before_cursor_execute", _before_cursor_execute)
    return found


def release(conn: Connection) -> None:
    """Write what is held and hold no more (before the transaction commits)."""
    found = conn.info.pop("kb.held", None)
    if found is not None:
        try:
            found.released()
            found.write()
            found._settle()  # PostgreSQL: each sequence set to the last id given out (ids rolled back included)
        finally:
            driver(conn).before = driver(conn).held = driver(conn).cache = None
            event.remove(conn, "before_cursor_execute", _before_cursor_execute)


def drop(conn: Connection) -> None:
    """Hold no more, writing nothing (the transaction is being rolled back)."""
    if conn.info.pop("kb.held", None) is not None:
        driver(conn).before = driver(conn).held = driver(conn).cache = None
        event.remove(conn, "before_cursor_execute", _before_cursor_execute)


def write_rows(conn: Connection, name: str, rows: Sequence[Mapping[str, Any]], published: str | None = None) -> None:
    """Insert rows of one of the held tables: held when the connection holds them, else written now."""
    found = held(conn)
    if found is not None:
        found.add(name, rows, published)
    elif rows:
        insert_rows(conn, name, [{c: r.get(c) for c in _columns(name)} for r in rows])


def insert_rows(conn: Connection, name: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """One insert of rows of a held table; claims of agencies and officials then counted by value
    (`claim_value_count`, revision 0013), in one statement."""
    run = driver(conn)
    if name != "claim" or not counted(rows):
        run.many(insert_into(name), rows)
        return
    after = run.scalar(last_claim()) or 0
    run.many(insert_into(name), rows)
    run.run(count_claims(), {"after": after})


def new_row(conn: Connection, name: str, row: Mapping[str, Any]) -> int:
    """Insert a new entity row and return its id: held with an id given out now when the connection holds
    rows, else written now (`INSERT … RETURNING id`)."""
    found = held(conn)
    if found is not None:
        return found.new(name, row)
    return driver(conn).insert(insert_into(name, returning=True), row)


def new_rows(conn: Connection, name: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert new rows of an entity table whose ids the caller does not need: held, or written now."""
    found = held(conn)
    if found is not None:
        found.new_rows(name, rows)
    elif rows:
        driver(conn).many(insert_into(name), rows)


def _before_cursor_execute(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
    found = held(conn)
    if found is not None:
        found.before(statement)
        cache = driver(conn).cache
        if cache is not None:
            cache.saw(statement)
