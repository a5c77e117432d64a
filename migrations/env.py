"""Alembic environment: one tree of revisions for SQLite (batch mode) and PostgreSQL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from kb import models  # noqa: F401  (registers every table on the metadata)
from kb.db import SEARCH_VECTOR_COLUMN, TRIGRAM_SUFFIX, is_search_table, make_engine, migration_transaction
from kb.settings import database_url

config = context.config
target_metadata = SQLModel.metadata


def _include_object(obj, name, type_, reflected, compare_to) -> bool:  # type: ignore[no-untyped-def]
    """The full-text and trigram search objects of revisions 0009 and 0012 are each engine's own, written by
    those migrations and absent from the models: autogenerate leaves them alone."""
    if type_ == "table":
        return not is_search_table(name)
    if type_ in ("column", "index"):
        # the tsvector columns and ix_<table>_search_vector; PostgreSQL's ix_<table>_<column>_trigram
        return not (name or "").endswith((SEARCH_VECTOR_COLUMN, TRIGRAM_SUFFIX))
    return True


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_object=_include_object,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        compare_server_default=True,
        transaction_per_migration=True,
    )


def run_migrations_online() -> None:
    # kb.db.run_alembic() and the tests hand in an open Connection, already in kb's locked transaction;
    # pytest-alembic hands in an Engine; the alembic command line hands in nothing (the URL is configured).
    handed_in = config.attributes.get("connection")
    if isinstance(handed_in, Connection):
        _run(handed_in)
        return
    engine = handed_in if isinstance(handed_in, Engine) else make_engine(
        config.get_main_option("sqlalchemy.url") or database_url())
    # The same engine settings and the same locked, all-or-nothing transaction as `kb db upgrade`.
    try:
        with engine.connect() as conn, migration_transaction(conn):
            _run(conn)
    finally:
        if engine is not handed_in:
            engine.dispose()


def _run(connection: Connection) -> None:
    _configure(connection)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    context.configure(
        url=config.get_main_option("sqlalchemy.url") or database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
