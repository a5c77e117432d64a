"""`kb sql`'s engine room: one user statement run where it can only read kb, within time and row bounds.

SQLite: the file is opened read-only, ATTACH is denied, a progress handler
stops the statement at its deadline and a heap limit bounds its memory.

PostgreSQL: the statement runs inside `kb_read_query`, a SECURITY DEFINER
function owned by the NOLOGIN role `kb_reader` (migration 0004). Whatever role
kb connects as — a superuser included — the statement then has kb_reader's
privileges only (SELECT on kb's tables), PostgreSQL forbids changing role from
inside it, the transaction is read-only and the server stops it at the
statement timeout. COPY, SET and every other non-query are refused before
anything runs.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kb.errors import QueryError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

DEFAULT_TIMEOUT_SECONDS = 30.0
DEFAULT_MAX_ROWS = 10_000
FETCH_BATCH = 1_000  # rows fetched from the cursor at a time
SQLITE_HEAP_LIMIT_BYTES = 512 * 1024 * 1024
NOTHING_CHANGED = "nothing was changed"
QUERY_KEYWORDS = frozenset({"select", "with", "values", "table"})
# PostgreSQL's other command words: refused before the server even parses them.
COMMAND_KEYWORDS = frozenset([
    "abort", "alter", "analyze", "begin", "call", "checkpoint", "close", "cluster", "comment", "commit", "copy",
    "create", "deallocate", "declare", "delete", "discard", "do", "drop", "end", "execute", "explain", "fetch",
    "grant", "import", "insert", "listen", "load", "lock", "merge", "move", "notify", "prepare", "reassign",
    "refresh", "reindex", "release", "reset", "revoke", "rollback", "savepoint", "security", "select", "set", "show",
    "start", "truncate", "unlisten", "update", "vacuum",
]) - QUERY_KEYWORDS
# Leading blanks, comments and parentheses before a statement's first word.
_LEADING = re.compile(r"(?:\s+|--[^\n]*(?:\n|$)|/\*.*?\*/|\()*", re.DOTALL)
_FIRST_WORD = re.compile(r"[A-Za-z_]+")
# A statement's trailing semicolons and blanks: the statement becomes a subquery on PostgreSQL.
_TRAILING = re.compile(r"[\s;]+$")


@dataclass(frozen=True)
class Bounds:
    """How long a statement may run and how many rows kb sql hands back."""

    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS
    max_rows: int = DEFAULT_MAX_ROWS


@dataclass
class QueryResult:
    columns: list[str]
    rows: Iterator[tuple[Any, ...]]  # at most Bounds.max_rows, fetched from the cursor as they are read
    truncated: bool = False  # known once `rows` is read out: the statement had more rows


@contextmanager
def user_query(url: str | None, statement: str, bounds: Bounds) -> Iterator[QueryResult]:
    """Run one user statement where it cannot write or reach the server; read its rows inside the context.

    The bounds hold while the rows are read: the deadline, SQLite's heap limit, the row count.
    """
    from kb.db import is_sqlite, read_only_connection

    if not statement.strip():
        raise QueryError(f"kb sql runs queries only: the statement returned no rows; {NOTHING_CHANGED}")
    with read_only_connection(url) as connection:
        run = _run_on_sqlite if is_sqlite(connection) else _run_on_postgres
        with run(connection, statement, bounds) as result:
            yield result


def _bounded(result: QueryResult, rows: Iterator[tuple[Any, ...]], max_rows: int) -> Iterator[tuple[Any, ...]]:
    """The first `max_rows` rows; reading one more tells whether the statement had more."""
    for count, row in enumerate(rows):
        if count == max_rows:
            result.truncated = True
            return
        yield row


def first_word(statement: str) -> str:
    """The statement's first keyword, lower-cased, past comments and opening parentheses ('' if none)."""
    rest = statement[_LEADING.match(statement).end():]  # type: ignore[union-attr]
    word = _FIRST_WORD.match(rest)
    return word.group(0).lower() if word else ""


# ---------------------------------------------------------------- SQLite

@contextmanager
def _run_on_sqlite(connection: Connection, statement: str, bounds: Bounds) -> Iterator[QueryResult]:
    import sqlite3

    raw = connection.connection.dbapi_connection
    deadline = time.monotonic() + bounds.timeout_seconds
    # Called every 10,000 virtual-machine steps; a true result interrupts the statement.
    raw.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)  # type: ignore[union-attr]
    # The heap limit is the process's, not the connection's: put the previous one back afterwards.
    previous_limit = raw.execute("PRAGMA hard_heap_limit").fetchone()[0]  # type: ignore[union-attr]
    raw.execute(f"PRAGMA hard_heap_limit = {SQLITE_HEAP_LIMIT_BYTES}")  # type: ignore[union-attr]
    cursor = raw.cursor()  # type: ignore[union-attr]
    try:
        try:
            cursor.execute(statement)
        except sqlite3.Error as exc:
            raise _sqlite_error(exc, bounds) from None
        except MemoryError:
            raise _memory_error() from None
        if cursor.description is None:
            raise QueryError(f"kb sql runs queries only: the statement returned no rows; {NOTHING_CHANGED}")
        result = QueryResult([d[0] for d in cursor.description], iter(()))
        result.rows = _bounded(result, _sqlite_rows(cursor, bounds), bounds.max_rows)
        yield result
    finally:
        cursor.close()
        raw.set_progress_handler(None, 0)  # type: ignore[union-attr]
        raw.execute(f"PRAGMA hard_heap_limit = {int(previous_limit)}")  # type: ignore[union-attr]


def _sqlite_rows(cursor: Any, bounds: Bounds) -> Iterator[tuple[Any, ...]]:
    import sqlite3

    try:
        while batch := cursor.fetchmany(FETCH_BATCH):
            yield from batch
    except sqlite3.Error as exc:
        raise _sqlite_error(exc, bounds) from None
    except MemoryError:
        raise _memory_error() from None


def _sqlite_error(exc: Exception, bounds: Bounds) -> QueryError:
    message = _first_line(exc)
    if message == "interrupted":
        return _timeout_error(bounds)
    if "out of memory" in message:
        return _memory_error()
    if "readonly" in message or "not authorized" in message:
        return QueryError(f"refused: kb sql is read-only ({message}); {NOTHING_CHANGED}")
    return QueryError(f"SQL failed: {message}")


def _memory_error() -> QueryError:
    return QueryError(f"the query needed more than {SQLITE_HEAP_LIMIT_BYTES // 2**20} MB of memory and was "
                      f"stopped; {NOTHING_CHANGED}")


# ---------------------------------------------------------------- PostgreSQL

@contextmanager
def _run_on_postgres(connection: Connection, statement: str, bounds: Bounds) -> Iterator[QueryResult]:
    word = first_word(statement)
    if word in COMMAND_KEYWORDS:
        raise _not_a_query(word)
    raw = connection.connection.dbapi_connection
    with _postgres_errors(bounds):
        columns = _describe(raw, statement)  # a misspelt keyword gets the server's syntax error here
        if word not in QUERY_KEYWORDS:
            raise _not_a_query(word)
        if not columns:
            raise QueryError(f"kb sql runs queries only: the statement returned no rows; {NOTHING_CHANGED}")
        _require_harmless_sandbox(raw)
        with raw.cursor() as cursor:  # type: ignore[union-attr]
            cursor.execute("SELECT set_config('statement_timeout', %s, true)",
                           [f"{int(bounds.timeout_seconds * 1000)}ms"])
    # A server-side cursor: the client holds one batch of rows at a time.
    with raw.cursor(name="kb_sql") as cursor:  # type: ignore[union-attr]
        cursor.itersize = FETCH_BATCH
        with _postgres_errors(bounds):
            cursor.execute("SELECT kb_read_query(%s, %s)", [_TRAILING.sub("", statement), bounds.max_rows + 1])
        result = QueryResult(columns, iter(()))
        result.rows = _bounded(result, _postgres_rows(cursor, len(columns), bounds), bounds.max_rows)
        yield result


def _postgres_rows(cursor: Any, width: int, bounds: Bounds) -> Iterator[tuple[Any, ...]]:
    with _postgres_errors(bounds):
        for (text,) in cursor:
            yield _json_row(text, width)


@contextmanager
def _postgres_errors(bounds: Bounds) -> Iterator[None]:
    """The server's refusals as one clear line."""
    import psycopg

    try:
        yield
    except psycopg.errors.QueryCanceled:
        raise _timeout_error(bounds) from None
    except psycopg.errors.InsufficientPrivilege as exc:
        raise QueryError(f"refused: kb sql may only read kb's tables ({_first_line(exc)}); "
                         f"{NOTHING_CHANGED}") from None
    except psycopg.errors.ReadOnlySqlTransaction as exc:
        raise QueryError(f"refused: kb sql is read-only ({_first_line(exc)}); {NOTHING_CHANGED}") from None
    except psycopg.Error as exc:
        raise QueryError(f"SQL failed: {_first_line(exc)}") from None


def _not_a_query(word: str) -> QueryError:
    return QueryError(f"refused: kb sql is read-only ({word.upper() or 'this'} is not a query: kb sql runs "
                      f"SELECT, WITH, VALUES or TABLE statements); {NOTHING_CHANGED}")


def _describe(raw: Any, statement: str) -> list[str]:
    """The statement's column names (none for a non-query), from the server's parser alone: nothing is
    planned or run. The server refuses more than one statement here.
    """
    import psycopg
    from psycopg import pq

    prepared = raw.pgconn.prepare(b"", statement.encode(), None)
    if prepared.status != pq.ExecStatus.COMMAND_OK:
        raise psycopg.errors.lookup(prepared.error_field(pq.DiagnosticField.SQLSTATE).decode())(
            (prepared.error_field(pq.DiagnosticField.MESSAGE_PRIMARY) or b"").decode())
    description = raw.pgconn.describe_prepared(b"")
    return [description.fname(i).decode() for i in range(description.nfields)]


def _require_harmless_sandbox(raw: Any) -> None:
    """Refuse when kb_read_query would run with server-side powers (its owner migrated without superuser)."""
    with raw.cursor() as cursor:
        cursor.execute("""
            SELECT r.rolname FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner
            WHERE p.oid = to_regprocedure('kb_read_query(text, bigint)')
              AND (r.rolsuper OR pg_has_role(r.oid, 'pg_read_server_files', 'USAGE')
                   OR pg_has_role(r.oid, 'pg_write_server_files', 'USAGE')
                   OR pg_has_role(r.oid, 'pg_execute_server_program', 'USAGE')
                   OR pg_has_role(r.oid, 'pg_signal_backend', 'USAGE'))""")
        powerful = cursor.fetchone()
    if powerful:
        raise QueryError(f"refused: kb sql's sandbox belongs to {powerful[0]}, a role with server-side powers; "
                         "migrate as a superuser so that it belongs to kb_reader")


class _Pairs(list):  # type: ignore[type-arg]
    """A JSON object as its key/value pairs: keeps column order and repeated column names."""


def _plain(value: Any) -> Any:
    if isinstance(value, _Pairs):
        return {k: _plain(v) for k, v in value}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _json_row(text: str, width: int) -> tuple[Any, ...]:
    pairs = json.loads(text, object_pairs_hook=_Pairs)
    values = tuple(_plain(v) for _, v in pairs)
    return values if len(values) == width else values[:width] + (None,) * (width - len(values))


# ---------------------------------------------------------------- shared

def _timeout_error(bounds: Bounds) -> QueryError:
    return QueryError(f"the query ran longer than {bounds.timeout_seconds:g} s and was stopped "
                      f"(raise --timeout to allow more); {NOTHING_CHANGED}")


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
