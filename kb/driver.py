"""The store's hot path: statements built once with SQLAlchemy Core, run by the database driver itself.

Storing an article runs about eighty small statements. Through SQLAlchemy's
`Connection.execute` each pays for parameter processing, result set-up and
cache look-ups (about half of a load's time, measured by
benchmarks/bench_store.py); the statement itself costs the database a few
tens of microseconds. So the statements the store runs for every article are
built once as Core constructs (kb.store, kb.resolve), compiled once per
dialect and shape to SQL text with named parameters, and run on the DBAPI
cursor of the same connection, inside the same transaction and savepoints.
Only SQLite and PostgreSQL are supported (kb supports no other); values go
to the driver as they are (text, numbers, None) — none of these statements
binds a type that SQLAlchemy would convert.

`IN` lists are bound with `bindparam(name, expanding=True)`: one placeholder
per element is written when the statement runs.
"""

from __future__ import annotations

import re
from collections import namedtuple
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.sql import ClauseElement, Insert

from kb.errors import DatabaseError

_EXPANDING = re.compile(r"__\[POSTCOMPILE_(\w+)\]")
_compiled: dict[tuple[int, str, tuple[str, ...]], tuple[str, Any, dict[str, Any]]] = {}
_keep: dict[int, ClauseElement] = {}  # the statements compiled, so that their ids stay theirs
# Called with (SQL, parameters) before each statement runs, as SQLAlchemy's before_cursor_execute event is for
# the others: tests/test_load_plans.py explains every statement a load runs.
observers: list[Callable[[str, Any], None]] = []


# Statements whose answer a load's held rows complete (kb.store.held): statement id → (the tables it reads whose
# held rows need not be written first, and a function giving the rows the held ones add, from the held rows and
# the statement's parameters). Registered where the statement is built (`answered_from_held`).
_from_held: dict[int, tuple[frozenset[str], Callable[[Any, Mapping[str, Any]], list[tuple]],
                            Callable[[Any], bool] | None]] = {}


def answered_from_held(statement: ClauseElement, tables: set[str],
                       rows: Callable[[Any, Mapping[str, Any]], list[tuple]],
                       ready: Callable[[Any], bool] | None = None) -> ClauseElement:
    """Mark a read as one the held rows of `tables` can complete: `rows(held, params)` gives the rows they add
    (after the database's: held rows have the greatest ids). `ready(held)`: whether they can now (else they
    are written first, as for any other read). Returns the statement."""
    _keep[id(statement)] = statement
    _from_held[id(statement)] = (frozenset(tables), rows, ready)
    return statement


def held_by_id(table: str, columns: tuple[str, ...],
               param: str = "ids") -> Callable[[Any, Mapping[str, Any]], list[tuple]]:
    """For `answered_from_held`: the held new rows of `table` whose ids are in the list `param`."""
    def rows(held: Any, params: Mapping[str, Any]) -> list[tuple]:
        made = held.made[table]
        return [tuple(row.get(c) for c in columns) for rid in params[param] if (row := made.get(rid)) is not None]

    return rows


def held_by(table: str, column: str, values: Callable[[Mapping[str, Any]], Iterable[Any]],
            columns: tuple[str, ...]) -> Callable[[Any, Mapping[str, Any]], list[tuple]]:
    """For `answered_from_held`: the held new rows of `table` with one of `values(params)` in `column`, in the
    order of their ids (NULL matches nothing, as in SQL)."""
    def rows(held: Any, params: Mapping[str, Any]) -> list[tuple]:
        found = {id(row): row for value in dict.fromkeys(values(params)) if value is not None
                 for row in held.lookup(table, (column,), (value,))}
        return [tuple(row.get(c) for c in columns) for row in sorted(found.values(), key=lambda r: r.get("id", 0))]

    return rows


# Reads whose database answer a load keeps for its transaction (`ReadCache`): statement id → (the tables it reads,
# the list parameter its answer is a union over, and the column naming each row's element; or None, None: kept
# by its whole parameters). Registered where the statement is built (`kept_for_batch`).
_kept: dict[int, tuple[frozenset[str], str | None, int, str | None]] = {}
# Kept reads that can take an update of rows by id (`ReadCache.updated`) rather than be dropped: statement id →
# a function changing the kept answers in place, given {id: new values} of one table's rows, returning False
# when it cannot (the answers are dropped then).
Patch = Callable[[dict[tuple, list[tuple]], dict[int, Mapping[str, Any]]], bool]
_patches: dict[int, Patch] = {}
# Kept reads of the rows of their elements' own table (`of`), every column selected a text or integer column of
# it: statement id → the names of the columns (an update of some of the rows by id changes them in place).
_plain: dict[int, tuple[str, ...]] = {}
# UPDATEs of one row by id run over rows {"_id": id, column: value, …} (`updates_by_id`): statement id → the
# table's name in the store (kb.store.held) and in SQL.
_updates: dict[int, tuple[str, str]] = {}


def kept_for_batch(statement: ClauseElement, by: str | None = None, column: int = 0,
                   of: str | None = None, patch: Patch | None = None) -> ClauseElement:
    """Mark a read whose database answer a load may keep until a statement writes one of the tables it reads
    (`ReadCache`). `by`: a list parameter (`IN`) whose answer is the rows of each element, `column` naming the
    element of each row: kept element by element, so another list sharing elements reads only the new ones
    (and a batch's elements can be read at once ahead: `Driver.read_ahead`). The statement's order across
    elements is not kept (each element's rows come in the database's order): its callers must not need it.
    `of`: the table whose ids the elements are; the database holds no row of (or naming) one of its held new
    rows (kb.store.held), so those are not asked for; and of that table the statement reads only the rows of
    its elements, so an update of some rows by id (`updates_by_id`) changes only their elements' answers
    (in place when the statement selects only text and integer columns of that table, else they are read
    again). `patch`: how the answers take such an update of another table it reads (`Patch`; without one they
    are dropped). Returns the statement."""
    _keep[id(statement)] = statement
    _kept[id(statement)] = (_tables_read(statement), by, column, of)
    if patch is not None:
        _patches[id(statement)] = patch
    if by is not None and of is not None and (columns := _plain_columns(statement)) is not None:
        _plain[id(statement)] = columns
    return statement


def updates_by_id(statement: ClauseElement, name: str) -> ClauseElement:
    """Mark an `UPDATE … WHERE id = :_id` of the store's table `name`, which `Driver.many` runs over rows
    {"_id": id, column: value, …}: the load's kept answers take the new values (`ReadCache.updated`) instead
    of being dropped. Returns the statement."""
    _keep[id(statement)] = statement
    _updates[id(statement)] = (name, statement.table.name)  # type: ignore[attr-defined]
    return statement


def _plain_columns(statement: ClauseElement) -> tuple[str, ...] | None:
    """The columns of a plain SELECT from one table whose values are text or integers (what an UPDATE binds is
    then what the database gives back), by name; None for any other statement."""
    from sqlalchemy import Integer, String, TypeDecorator
    from sqlalchemy.sql import Select
    from sqlalchemy.sql.schema import Column, Table

    def text_or_integer(kind: object) -> bool:
        return isinstance(kind.impl_instance if isinstance(kind, TypeDecorator) else kind, String | Integer)

    if not isinstance(statement, Select):
        return None
    froms = statement.get_final_froms()
    if len(froms) != 1 or not isinstance(froms[0], Table):
        return None
    columns = list(statement.selected_columns)
    if not all(isinstance(c, Column) and c.table is froms[0] and text_or_integer(c.type) for c in columns):
        return None
    return tuple(c.name for c in columns)


def _tables_read(statement: ClauseElement) -> frozenset[str]:
    from sqlalchemy.sql import visitors
    from sqlalchemy.sql.expression import TableClause

    return frozenset(e.name for e in visitors.iterate(statement, {"column_collections": False})
                     if isinstance(e, TableClause))


_VERB = re.compile(r"^\s*(\w+)(?:\s+(?:INTO|FROM))?\s+\"?(\w+)", re.IGNORECASE)


# Tables no foreign key names: a delete from one of them cascades nowhere (`cascading_nowhere`).
_leaves: set[str] = set()


def cascading_nowhere(tables: set[str]) -> None:
    """Name the tables whose rows no foreign key names: a DELETE from one changes that table alone (and the
    search tables its triggers keep, which no kept read names)."""
    _leaves.update(tables)
    _changes.cache_clear()


@lru_cache(maxsize=4096)
def _changes(sql: str) -> str | None:
    """What a statement may change among the tables kept reads name: "" nothing (a read, a savepoint or its
    release), a table's name (an insert or update: its triggers write only tables no kept read names; a delete
    from a table no foreign key names), "*" anything (another delete, whose foreign keys cascade; a rollback;
    any other statement)."""
    found = _VERB.match(sql)
    verb = found.group(1).upper() if found else ""
    if verb in ("SELECT", "SAVEPOINT", "RELEASE"):
        return ""
    if verb in ("INSERT", "UPDATE") and found.group(2).upper() != "OR":  # type: ignore[union-attr]
        return found.group(2).lower()  # type: ignore[union-attr]
    if verb == "DELETE" and found.group(2).lower() in _leaves:  # type: ignore[union-attr]
        return found.group(2).lower()  # type: ignore[union-attr]
    return "*"  # `INSERT OR REPLACE` deletes too


def _frozen(params: Mapping[str, Any]) -> tuple:
    if not params:  # a list read's other parameters: most often none
        return ()
    return tuple(sorted((k, tuple(v) if isinstance(v, (list, tuple)) else v) for k, v in params.items()))


class ReadCache:
    """The database's answers to some reads (`kept_for_batch`), kept for one load transaction.

    Under the write lock no one else writes, so an answer holds until a statement of this connection writes a
    table the read names; every statement is shown to `saw` first (the driver's, SQLAlchemy's through its
    `before_cursor_execute` event, the load's savepoints), and one that may change such a table drops the
    answers of the reads naming it. The held rows of the batch (kb.store.held) are not part of what is kept:
    they are added to each answer as it is given (`answered_from_held`).
    """

    def __init__(self) -> None:
        self.answers: dict[int, dict[tuple, list[tuple]]] = {}
        self.reads = 0  # database reads saved (statistics for benchmarks)

    def saw(self, sql: str) -> None:
        changed = _changes(sql)
        if not changed or not self.answers:
            return
        if changed == "*":
            self.answers.clear()
            return
        for statement_id in [s for s in self.answers if changed in _kept[s][0]]:
            del self.answers[statement_id]

    def updated(self, name: str, table: str, changes: dict[int, Mapping[str, Any]]) -> None:
        """Rows of one table were updated by id with these values ({id: {column: value}}, `updates_by_id`):
        the answers reading the table take them where they can (`kept_for_batch`'s `of` and `patch`), the
        others are dropped, as `saw` drops them."""
        for statement_id in [s for s in self.answers if table in _kept[s][0]]:
            answers = self.answers[statement_id]
            _, by, _, of = _kept[statement_id]
            if by is not None and of == name:  # the answers of the rows' own elements, in place or dropped
                columns = _plain.get(statement_id)
                for key in [k for k in answers if k[1] in changes]:
                    if columns is None or not _patched(answers[key], columns, changes[key[1]]):
                        del answers[key]
                continue
            patch = _patches.get(statement_id)
            if patch is None or not patch(answers, changes):
                del self.answers[statement_id]

    def clear(self) -> None:
        self.answers.clear()

    def fill(self, statement: ClauseElement, params: Mapping[str, Any], rows: list[tuple]) -> None:
        """The database's answer to a read kept by its whole parameters, found another way (read ahead)."""
        self.answers.setdefault(id(statement), {})[_frozen(params)] = rows


def _patched(rows: list[tuple], columns: tuple[str, ...], values: Mapping[str, Any]) -> bool:
    """A row's kept answer with the values an update gave it (False: a value of another type than its column's,
    which the database may give back otherwise)."""
    if not all(v is None or type(v) in (str, int) for c, v in values.items() if c in columns):
        return False
    rows[:] = [tuple(values.get(c, old) for c, old in zip(columns, row, strict=True)) for row in rows]
    return True


class DriverError(Exception):
    """The database refused a statement run through the driver (the driver's own error is its cause)."""


class ConnectionLost(DatabaseError):
    """The connection broke while a statement ran: nothing more can be stored through it."""


def _named_dialect(dialect: Dialect) -> Dialect:
    """A dialect like the connection's that writes named parameters (:name, %(name)s)."""
    named = type(dialect)(paramstyle="named" if dialect.name == "sqlite" else "pyformat")  # type: ignore[call-arg]
    for attribute in ("server_version_info", "insert_returning", "update_returning", "delete_returning",
                      "supports_multivalues_insert"):
        setattr(named, attribute, getattr(dialect, attribute))
    return named


_dialects: dict[str, Dialect] = {}


def _compile(statement: ClauseElement, dialect: Dialect, keys: tuple[str, ...]) -> tuple[str, Any, dict[str, Any]]:
    """SQL text with named parameters, a row class named after the statement's columns (None: no rows), and
    the values of the parameters the statement holds itself (literals such as `origin = 'article'`)."""
    key = (id(statement), dialect.name, keys)
    found = _compiled.get(key)
    if found is None:
        named = _dialects.get(dialect.name) or _dialects.setdefault(dialect.name, _named_dialect(dialect))
        compiled = statement.compile(dialect=named, column_keys=list(keys) if keys else None)
        columns = getattr(statement, "selected_columns", None)
        if columns is None and getattr(statement, "_returning", ()):
            columns = statement._returning  # type: ignore[attr-defined]
        row = namedtuple("Row", [c.key or f"c{i}" for i, c in enumerate(columns)], rename=True) \
            if columns is not None else None
        _keep[id(statement)] = statement
        # Bound when it runs: the statement's own `bindparam`s (found once, not per parameter: the flows read
        # ahead took 0.6 s to compile) and the columns an INSERT's or UPDATE's values are given for (`keys`),
        # which the compiler names after them with no value. Taking those for the statement's own made every
        # `many` copy each row to merge them in, and kept every held table's write from going as COPY.
        bound = statement_names(statement) | set(keys)
        own = {name: value for name, value in compiled.params.items() if name not in bound}
        found = _compiled[key] = (str(compiled), row, own)
    return found


def statement_names(statement: ClauseElement) -> set[str]:
    """The names of the parameters bound when the statement runs (`bindparam(name)` with no value)."""
    from sqlalchemy.sql import visitors

    return {b.key for b in visitors.iterate(statement) if getattr(b, "__visit_name__", "") == "bindparam"
            and b.value is None and not b.callable}


# Elements of a list read ahead in one statement, at most (SQLite allows 32,766 parameters; a shorter list
# keeps each statement's plan an index read per element).
AHEAD = 500

# PostgreSQL: an INSERT of this many rows or more goes as COPY (below it, COPY's extra round trip costs more).
COPY_FROM = 8


def _copyable(statement: ClauseElement) -> bool:
    """A plain INSERT of bound values into one table, returning nothing: what COPY can do instead."""
    return isinstance(statement, Insert) and not statement._returning and not statement._multi_values  # type: ignore[attr-defined]


def _placeholder(dialect: str, name: str) -> str:
    return f":{name}" if dialect == "sqlite" else f"%({name})s"


@lru_cache(maxsize=1024)
def _expanding_names(sql: str) -> tuple[str, ...]:
    """The lists bound in the SQL (`bindparam(name, expanding=True)`), each once, in order."""
    return tuple(dict.fromkeys(_EXPANDING.findall(sql)))


@lru_cache(maxsize=8192)
def _expanded(sql: str, dialect: str, lengths: tuple[int, ...]) -> str:
    """The SQL with each list's placeholder written once per element (`name__0, name__1, …`)."""
    sizes = dict(zip(_expanding_names(sql), lengths, strict=True))

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if not sizes[name]:
            return "NULL"  # an empty list matches nothing (callers skip them anyway)
        return ", ".join(_placeholder(dialect, f"{name}__{i}") for i in range(sizes[name]))

    return _EXPANDING.sub(one, sql)


class Driver:
    """Runs prepared statements on one SQLAlchemy connection's DBAPI cursor, in its transaction."""

    def __init__(self, conn: Connection) -> None:
        self.dialect = conn.dialect
        self.name = conn.dialect.name
        self.dbapi_error = conn.dialect.loaded_dbapi.Error
        self.raw = conn.connection.dbapi_connection
        self.cursor = self.raw.cursor()  # type: ignore[union-attr]
        # Called with each statement's SQL (and the tables whose held rows it is answered with) before it runs:
        # a load's held rows are written first when it needs them (kb.store.held).
        self.before: Callable[[str, frozenset[str]], None] | None = None
        self.held: Any = None  # those held rows, which complete the answers of some reads (`answered_from_held`)
        self.cache: ReadCache | None = None  # a load's kept answers (`kept_for_batch`), for its transaction

    def rows(self, statement: ClauseElement, params: Mapping[str, Any] | None = None) -> list[Any]:
        """Every row, as named tuples."""
        sql, row, own = _compile(statement, self.dialect, ())
        held = _from_held.get(id(statement)) if self.held is not None else None
        if held and held[2] is not None and not held[2](self.held):
            held = None  # the held rows are written first: the database answers alone
        answered = held[0] if held else frozenset()
        kept = _kept.get(id(statement)) if self.cache is not None else None
        if kept is not None:
            if self.before is not None:
                self.before(sql, answered)  # what it writes first drops the answers it changes
            found = list(map(row._make, self._kept_rows(statement, sql, own, params or {}, answered, kept)))
        else:
            sql, values = self._expand(sql, {**own, **params} if params else dict(own))
            self._run(sql, values, answered)
            found = list(map(row._make, self.cursor.fetchall()))
        if held:
            found += map(row._make, held[1](self.held, params or {}))
        return found

    def _kept_rows(self, statement: ClauseElement, sql: str, own: dict[str, Any], params: Mapping[str, Any],
                   answered: frozenset[str], kept: tuple[frozenset[str], str | None, int, str | None]) -> list[tuple]:
        """The database's answer, from the cache where it holds it (`ReadCache`)."""
        answers = self.cache.answers.setdefault(id(statement), {})  # type: ignore[union-attr]
        _, by, column, of = kept
        if by is None:
            key = _frozen(params)
            found = answers.get(key)
            if found is None:
                found = answers[key] = self._read(sql, own, params, answered)
            else:
                self.cache.reads += 1  # type: ignore[union-attr]
            return found
        others = _frozen({k: v for k, v in params.items() if k != by})
        elements = list(dict.fromkeys(params[by]))
        missing = [e for e in elements if (others, e) not in answers]
        for element in missing:
            answers[(others, element)] = []
        if missing and of is not None and self.held is not None:
            made = self.held.made[of]
            missing = [e for e in missing if e not in made]  # not written yet: nothing of it in the database
        if missing:
            for found_row in self._read(sql, own, {**params, by: missing}, answered):
                answers[(others, found_row[column])].append(found_row)
        else:
            self.cache.reads += 1  # type: ignore[union-attr]
        return [r for e in elements for r in answers[(others, e)]]

    def _read(self, sql: str, own: dict[str, Any], params: Mapping[str, Any], answered: frozenset[str]) -> list[tuple]:
        sql, values = self._expand(sql, {**own, **params})
        self._run(sql, values, answered)
        return [tuple(r) for r in self.cursor.fetchall()]

    def read_ahead(self, statement: ClauseElement, params: Mapping[str, Any]) -> None:
        """Read now, for the cache, the elements of a kept read (`kept_for_batch(by=…)`) that a batch will ask
        for: one statement for many articles instead of one each (at most `AHEAD` elements a statement)."""
        kept = _kept.get(id(statement))
        if self.cache is None or kept is None or kept[1] is None:
            return
        sql, _, own = _compile(statement, self.dialect, ())
        by = kept[1]
        held = _from_held.get(id(statement)) if self.held is not None else None
        answered = held[0] if held and (held[2] is None or held[2](self.held)) else frozenset()
        if self.before is not None:
            self.before(sql, answered)
        elements = list(dict.fromkeys(params[by]))
        for start in range(0, len(elements), AHEAD):
            self._kept_rows(statement, sql, own, {**params, by: elements[start:start + AHEAD]}, answered, kept)

    def first(self, statement: ClauseElement, params: Mapping[str, Any] | None = None) -> Any:
        found = self.rows(statement, params)
        return found[0] if found else None

    def scalar(self, statement: ClauseElement, params: Mapping[str, Any] | None = None) -> Any:
        found = self.first(statement, params)
        return found[0] if found is not None else None

    def insert(self, statement: ClauseElement, values: Mapping[str, Any]) -> Any:
        """One INSERT … RETURNING id: the new id."""
        sql, _, own = _compile(statement, self.dialect, tuple(values))
        self._run(sql, {**own, **values})
        return self.cursor.fetchone()[0]

    def run(self, statement: ClauseElement, params: Mapping[str, Any] | None = None,
            answered: frozenset[str] = frozenset()) -> None:
        """`answered`: tables whose held rows it needs not (kb.store.held: a delete of written rows only)."""
        sql, _, own = _compile(statement, self.dialect, ())
        sql, values = self._expand(sql, {**own, **params} if params else dict(own))
        self._run(sql, values, answered)

    def many(self, statement: ClauseElement, rows: Sequence[Mapping[str, Any]],
             answered: frozenset[str] = frozenset()) -> None:
        """One statement over many rows (INSERT, UPDATE); every row has the same keys. `answered`: tables whose
        held rows it needs not (kb.store.held: an UPDATE of written rows only)."""
        if not rows:
            return
        sql, _, own = _compile(statement, self.dialect, tuple(rows[0]))
        if self.before is not None:
            self.before(sql, answered)
        update = _updates.get(id(statement)) if self.cache is not None else None
        if self.cache is not None and update is None:
            self.cache.saw(sql)
        for observe in observers:
            observe(sql, {**own, **rows[0]})  # COPY too: it writes what this INSERT would (no plan to check)
        try:
            if self.name == "postgresql" and len(rows) >= COPY_FROM and _copyable(statement) and not own:
                self._copy(statement.table.name, tuple(rows[0]), rows)  # type: ignore[attr-defined]
            else:
                self.cursor.executemany(sql, [{**own, **r} for r in rows] if own else rows)
        except self.dbapi_error as exc:
            if update is not None:
                self.cache.clear()  # type: ignore[union-attr]  # some rows may be updated: nothing kept holds
            raise self._error(exc) from exc
        if update is not None:  # the kept answers take the new values (the rows are the database's, not held)
            self.cache.updated(*update, {r["_id"]: {c: v for c, v in r.items() if c != "_id"}  # type: ignore[union-attr]
                                         for r in rows})

    def _copy(self, table: str, columns: tuple[str, ...], rows: Sequence[Mapping[str, Any]]) -> None:
        """PostgreSQL: the rows in one COPY, a stream the server parses without a statement per row (about a
        third of executemany's time for an article's claims and evidence)."""
        quote = self.dialect.identifier_preparer.quote
        with self.cursor.copy(f"COPY {quote(table)} ({', '.join(map(quote, columns))}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(tuple(row[c] for c in columns))

    def _expand(self, sql: str, params: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        """The SQL with one placeholder per element of each list, and the values named after them (the text is
        made once per statement and list lengths)."""
        names = _expanding_names(sql)
        if not names:
            return sql, params
        lists = {name: list(params.pop(name)) for name in names}
        for name, items in lists.items():
            for i, item in enumerate(items):
                params[f"{name}__{i}"] = item
        return _expanded(sql, self.name, tuple(len(lists[name]) for name in names)), params

    def _run(self, sql: str, values: dict[str, Any], answered: frozenset[str] = frozenset()) -> None:
        if self.before is not None:
            self.before(sql, answered)
        if self.cache is not None:
            self.cache.saw(sql)
        for observe in observers:
            observe(sql, values)
        try:
            self.cursor.execute(sql, values)
        except self.dbapi_error as exc:
            raise self._error(exc) from exc

    def _error(self, exc: Exception) -> Exception:
        """A refusal of this statement; the driver's own error when the connection is gone (nothing more can
        be stored through it)."""
        if getattr(self.raw, "closed", False) or getattr(self.raw, "broken", False):
            return ConnectionLost(f"the connection to the database was lost: {str(exc).strip() or type(exc).__name__}")
        text = str(exc).strip()
        return DriverError(text.splitlines()[0] if text else type(exc).__name__)


def driver(conn: Connection) -> Driver:
    """The driver of this connection's DBAPI connection (one cursor, made once)."""
    found = conn.info.get("kb.driver")
    if found is None:
        found = conn.info["kb.driver"] = Driver(conn)
    return found
