"""Opening the database: engines, migrations, and the differences between SQLite and PostgreSQL."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, ProgrammingError, SQLAlchemyError

from kb.errors import DatabaseError
from kb.settings import database_url

PACKAGE = Path(__file__).resolve().parent
# The newest migration, known without reading migrations/ (Alembic's script loading costs a third of a
# second on every command); tests/test_startup.py checks that it is Alembic's head.
HEAD_REVISION = "0014"


def make_engine(url: str | None = None, *, read_only: bool = False) -> Engine:
    """An engine for `url` (or the configured one); never created at import time."""
    url = database_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(f"not a database URL: {url!r} (expected e.g. sqlite:///kb.db or "
                            "postgresql+psycopg://user@host/db)") from None
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed.database, read_only=read_only)
    if parsed.get_backend_name() != "postgresql":
        raise DatabaseError(f"unsupported database {parsed.get_backend_name()!r}: use sqlite or postgresql")
    engine = create_engine(parsed, pool_pre_ping=True)
    if read_only:
        @event.listens_for(engine, "connect")
        def _read_only(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
            with dbapi_connection.cursor() as cursor:
                cursor.execute("SET default_transaction_read_only = on")
            dbapi_connection.commit()

    return engine


def _sqlite_engine(database: str | None, *, read_only: bool) -> Engine:
    if not database or database == ":memory:":
        engine = create_engine("sqlite://")
    elif read_only:
        # The file is opened read-only by SQLite itself: no statement can write through it.
        path = Path(database).resolve()
        engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    else:
        engine = create_engine(f"sqlite:///{database}")

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 10000")
        # Listings read tables in index order, not file order: a 32 MB page cache (the default is 2 MB,
        # filled only as pages are read) keeps them from re-reading pages.
        cursor.execute("PRAGMA cache_size = -32768")
        cursor.close()
        if read_only:
            # mode=ro covers the main file only: ATTACH could still create or write another one.
            dbapi_connection.set_authorizer(_deny_attach)

    return engine


def _deny_attach(action: int, *_args: object) -> int:
    import sqlite3

    return sqlite3.SQLITE_DENY if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH) else sqlite3.SQLITE_OK


def is_sqlite(engine: Engine | Connection) -> bool:
    return engine.dialect.name == "sqlite"


def sqlite_path(url: str | None) -> Path | None:
    parsed = make_url(database_url(url))
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        return Path(parsed.database)
    return None


# ---------------------------------------------------------------- migrations

def migrations_folder() -> Path:
    """Where the migrations are: inside the package in an installed kb (the wheel ships the top-level
    migrations/ as kb/migrations, see pyproject.toml), at the top of the source tree in a checkout."""
    for folder in (PACKAGE / "migrations", PACKAGE.parent / "migrations"):
        if (folder / "env.py").is_file():
            return folder
    raise DatabaseError(f"kb's migrations are missing (looked in {PACKAGE / 'migrations'} and "
                        f"{PACKAGE.parent / 'migrations'}): reinstall kb")


def alembic_config(engine: Engine | None = None):  # type: ignore[no-untyped-def]
    """kb's Alembic configuration, made in code so that it needs no alembic.ini (an installed kb has none;
    alembic.ini is for the `alembic` command in a checkout and says the same)."""
    from alembic.config import Config

    config = Config(stdout=sys.stdout)
    config.set_main_option("script_location", str(migrations_folder()))
    config.set_main_option("path_separator", "os")
    if engine is not None:
        config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False)
                               .replace("%", "%%"))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    return heads[0]


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def run_alembic(engine: Engine, command_name: str, *args: str) -> None:
    """Run one alembic command (upgrade, downgrade, …) as one transaction that holds the migration lock.

    All of it commits or none of it does, on SQLite too, so a kill leaves the
    database as it was; two processes migrating one database take turns.
    """
    from alembic import command
    from alembic.util import CommandError

    config = alembic_config(engine)
    try:
        with engine.connect() as connection, migration_transaction(connection):
            if command_name == "upgrade":
                _clear_half_built(connection)
            config.attributes["connection"] = connection
            getattr(command, command_name)(config, *args)
    except CommandError as exc:
        raise DatabaseError(f"{command_name} {' '.join(args)}: {exc}") from None


@contextmanager
def migration_transaction(connection: Connection, *, commit: bool = True) -> Iterator[Connection]:
    """A transaction in which DDL is transactional and only one migrator runs at a time.

    SQLite: pysqlite opens no transaction before CREATE or DROP, so each
    statement of a migration committed on its own and a kill mid-way left a
    half-built schema; `BEGIN IMMEDIATE` opens one explicitly and takes the
    database's write lock, which the next migrator waits for (busy_timeout).
    PostgreSQL: DDL is transactional already; a transaction-level advisory
    lock per schema makes a second migrator wait for the first to commit,
    after which it finds the work done. `commit=False` rolls back (a dry run).
    """
    with connection.begin() as transaction:
        if is_sqlite(connection):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.execute(text("SELECT pg_advisory_xact_lock(:kb, hashtext(coalesce(current_schema(), '')))"),
                               {"kb": MIGRATION_LOCK})
        yield connection
        if not commit:
            transaction.rollback()


MIGRATION_LOCK = 0x6B62  # "kb": the first key of kb's advisory lock, the schema's hash is the second
WRITE_LOCK = 0x6B6277  # "kbw": the first key of the lock every change to the shared rows holds
WRITER_WAIT_MS = 600_000  # SQLite: how long a writer waits for the write lock (other loaders' batches)


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that changes kb's shared rows (storing an article, a curator's decision), one at a time.

    Resolving an article reads the rows it may join (every agency of a country, an agreement's party set),
    then writes: two such transactions side by side would each miss the other's new rows and make
    duplicates. So each takes a lock first, held until it commits, and the next one starts from what the
    last committed. PostgreSQL: a transaction-level advisory lock per schema, so loaders on many machines
    take turns at the store while their extraction runs in parallel. SQLite: `BEGIN IMMEDIATE` takes the
    database's write lock at once (a deferred transaction that read first could not upgrade its lock).
    """
    with engine.connect() as connection, connection.begin():
        if is_sqlite(connection):
            # Wait for the other writers' turns as PostgreSQL's lock does, not the 10 s a reader waits.
            connection.exec_driver_sql(f"PRAGMA busy_timeout = {WRITER_WAIT_MS}")
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.execute(text("SELECT pg_advisory_xact_lock(:kb, hashtext(coalesce(current_schema(), '')))"),
                               {"kb": WRITE_LOCK})
        yield connection


def write_mark(connection: Connection) -> object:
    """A mark of the writes this connection can see, taken in a write transaction before it commits:
    `unwritten_since` tells, in the next write transaction (holding the lock), whether anyone wrote in
    between, so that what a loader keeps in memory about the rows can be kept or must be read again.

    PostgreSQL: the transaction's id. Ids are given out one after another, to every transaction that writes
    anything anywhere on the server, and a writer takes its id after it takes the lock, so the next
    transaction's id is this one's plus one only if no one wrote in between (kb or not: any other write, even
    in another database, counts as a change, which costs a read, never a wrong row). SQLite: the connection
    itself, its `data_version` (changed by every commit of another connection) and its own count of rows
    changed (by any statement of this connection, kb's or not).
    """
    if is_sqlite(connection):
        raw = connection.connection.dbapi_connection
        version = connection.exec_driver_sql("PRAGMA data_version").scalar_one()
        # The connection object itself, not its id: the mark keeps it alive, so no other can take its place.
        return ("sqlite", raw, version, raw.total_changes)  # type: ignore[union-attr]
    return ("postgresql", connection.exec_driver_sql("SELECT txid_current()").scalar_one())


def unwritten_since(connection: Connection, mark: object) -> bool:
    """Nothing was written to the database since `mark` (`write_mark` of the last write transaction, which
    committed) but by that transaction itself. Call holding the write lock, before writing."""
    if not isinstance(mark, tuple):
        return False
    now = write_mark(connection)
    if mark[0] == "sqlite":
        return now[1] is mark[1] and now[2:] == mark[2:]  # type: ignore[index]
    return now[0] == mark[0] and now[1] == mark[1] + 1  # type: ignore[index,operator]


def _clear_half_built(connection: Connection) -> None:
    """Drop a schema that an older kb left half-built (killed during its first migration on SQLite)."""
    if not _is_half_built(connection):
        return
    from sqlmodel import SQLModel

    found = inspect(connection)
    for view in found.get_view_names():
        if view.endswith("_overview"):
            connection.execute(text(f'DROP VIEW "{view}"'))
    present = set(found.get_table_names())
    SQLModel.metadata.drop_all(connection, tables=[SQLModel.metadata.tables[name] for name in present
                                                   if name in SQLModel.metadata.tables])


def _is_half_built(connection: Connection) -> bool:
    """No revision, only kb's tables, and no row in any (`country`, filled by the migrations, excepted):
    nothing can be lost by starting the migrations again from empty."""
    if current_revision(connection) is not None:
        return False
    from sqlmodel import SQLModel

    from kb import models  # noqa: F401  (registers every table)

    tables = set(inspect(connection).get_table_names()) - {"alembic_version"}
    if not tables or not tables <= set(SQLModel.metadata.tables):
        return False
    return not any(connection.execute(text(f'SELECT 1 FROM "{name}" LIMIT 1')).first()
                   for name in tables - {"country"})


# Tables whose rows the migrations write themselves (and write again on the way up): no one's data.
REFERENCE_TABLES = {"alembic_version", "country"}
# SQLite's full-text indexes and their shadow tables (revision 0009), and its trigram indexes (revision 0012):
# derived from the tables they index by triggers, no one's data either.
SEARCH_TABLE_PREFIXES = ("article_search", "evidence_search")
TRIGRAM_SUFFIX = "_trigram"  # SQLite's <table>_<column>_trigram (and shadow tables), PostgreSQL's ix_<…>_trigram
TRIGRAM_INDEXES = ("agreement_name", "agency_name", "alias_name", "official_name", "evidence_quote",
                   "article_title", "article_body")
# PostgreSQL's generated tsvector columns of the same revision, on article and evidence.
SEARCH_VECTOR_COLUMN = "search_vector"
# Tables kb keeps in step with others (revision 0013: agencies' and officials' claims counted by value): derived
# from loaded rows, no one's data, so a downgrade that drops them loses nothing.
COUNT_TABLES = ("claim_value_count",)


def is_search_table(name: str) -> bool:
    return name.startswith(SEARCH_TABLE_PREFIXES) or name.startswith(
        tuple(f"{t}{TRIGRAM_SUFFIX}" for t in TRIGRAM_INDEXES))


def row_counts(connection: Connection) -> dict[str, int]:
    """Rows in every table that holds data people loaded or decided (reference tables excepted)."""
    names = sorted(name for name in set(inspect(connection).get_table_names()) - REFERENCE_TABLES
                   - set(COUNT_TABLES) if not is_search_table(name))
    quote = connection.dialect.identifier_preparer.quote
    return {name: connection.execute(text(f"SELECT count(*) FROM {quote(name)}")).scalar_one() for name in names}


def rows_lost_by(engine: Engine, command_name: str, *args: str) -> dict[str, int]:
    """Rows per table that running the alembic command would delete: it is run, counted, and rolled back."""
    from alembic import command
    from alembic.util import CommandError

    config = alembic_config(engine)
    try:
        with engine.connect() as connection, migration_transaction(connection, commit=False):
            before = row_counts(connection)
            config.attributes["connection"] = connection
            getattr(command, command_name)(config, *args)
            after = row_counts(connection)
    except CommandError as exc:
        raise DatabaseError(f"{command_name} {' '.join(args)}: {exc}") from None
    return {name: count - after.get(name, 0) for name, count in before.items() if count > after.get(name, 0)}


def _is_empty(connection: Connection) -> bool:
    """Nothing of kb's in it yet (or only what a killed first migration left: see `_is_half_built`)."""
    names = set(inspect(connection).get_table_names())
    if not names or (names == {"alembic_version"} and current_revision(connection) is None):
        return True
    return _is_half_built(connection)


def stored_revision(connection: Connection) -> str | None:
    """The revision alembic_version records, read in one query; None when there is none (or no such table)."""
    try:
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    except (OperationalError, ProgrammingError) as exc:
        if not _no_such_table(exc):
            raise
        connection.rollback()  # PostgreSQL refuses more statements in a failed transaction
        return None
    return ", ".join(sorted(versions)) or None


def _no_such_table(exc: SQLAlchemyError) -> bool:
    """No alembic_version table: a new database, or not kb's (a locked or broken one is something else)."""
    orig = getattr(exc, "orig", None)
    return getattr(orig, "sqlstate", None) == "42P01" or "no such table" in str(orig)


def open_database(url: str | None = None) -> Engine:
    """The engine of a database ready for use.

    A database that does not exist yet (or is empty) is created and migrated
    to the head revision; one at an older revision is refused with a message
    that says how to upgrade it.
    """
    path = sqlite_path(url)
    if path is not None and path.parent and not path.parent.exists():
        raise DatabaseError(f"cannot create {path}: folder {path.parent} does not exist")
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            current = stored_revision(connection)
            empty = current is None and _is_empty(connection)
    except OperationalError as exc:
        raise DatabaseError(f"cannot open the database {engine.url.render_as_string()}: "
                            f"{_first_line(exc)}") from None
    if empty:
        run_alembic(engine, "upgrade", "head")
        return engine
    if current != HEAD_REVISION:
        where = f"revision {current}" if current else "no kb revision"
        raise DatabaseError(f"the database {engine.url.render_as_string()} is at {where}, this kb needs "
                            f"{HEAD_REVISION}: run `kb db upgrade` (back it up first)")
    return engine


@contextmanager
def database(url: str | None = None) -> Iterator[Engine]:
    """An opened database for one command: its connections are closed when the command is done (a server
    holds a connection until its pool goes, and a process that runs many commands must not pile them up)."""
    engine = open_database(url)
    try:
        yield engine
    finally:
        engine.dispose()


@contextmanager
def read_only_connection(url: str | None = None) -> Iterator[Connection]:
    """A connection that cannot write: SQLite opened read-only, PostgreSQL in a read-only transaction."""
    open_database(url).dispose()
    engine = make_engine(url, read_only=True)
    try:
        with engine.connect() as connection:
            if not is_sqlite(connection):
                connection.execute(text("SET TRANSACTION READ ONLY"))
            try:
                yield connection
            finally:
                connection.rollback()
    finally:
        engine.dispose()


def _first_line(exc: SQLAlchemyError) -> str:
    return str(getattr(exc, "orig", exc)).strip().splitlines()[0]
