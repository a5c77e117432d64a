"""trigram indexes for substring search

`--contains` is a case-insensitive substring search (`lower(column) LIKE
'%text%'`), which no B-tree serves: at 100,000 articles it read every
agreement's name and quotes (0.4 s). Trigram indexes find the rows holding
every three-character run of the text, and the LIKE then checks those rows
only, so the results stay exactly those of the scan:

- SQLite: an FTS5 table `<table>_<column>_trigram` per column, with the
  trigram tokenizer (case folded) and external content (the text is stored
  once, in the table), over agreement, agency and official names, aliases,
  evidence quotes and article titles and bodies; kept in step by triggers on
  insert, delete and update of the column, like revision 0009's, and filled
  from the rows present when the revision runs. Without positions
  (`detail=none`: the LIKE checks the candidates) the indexes are a fraction
  of the size (at 100,000 articles, 152 MB in all; positions for the bodies
  alone took 950 MB more), and one table per column, because without them
  FTS5 cannot tell the columns of one table apart: a title search would read
  every body holding the title's three-letter pieces.
- PostgreSQL: the `pg_trgm` extension (shipped with PostgreSQL, trusted since
  13: a database owner may create it) and a GIN index on `lower(column)` of
  the same columns, which the same LIKE uses. The extension is created where
  PostgreSQL puts it (the first schema of the search path) unless it exists,
  and the operator class is named with the schema it is in. The downgrade
  drops the indexes and leaves the extension, which other schemas of the
  database may use.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, column) searched by `kb query … --contains`
SEARCHED = (("agreement", "name"), ("agency", "name"), ("alias", "name"), ("official", "name"),
            ("evidence", "quote"), ("article", "title"), ("article", "body"))
EVENTS = ("insert", "delete", "update")


def _sqlite_upgrade() -> None:
    for table, column in SEARCHED:
        fts = f"{table}_{column}_trigram"
        op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({column}, content='{table}', content_rowid='id', "
                   "tokenize='trigram', detail=none)")
        insert = f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column});"
        remove = f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column});"
        op.execute(f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {insert} END")
        op.execute(f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {remove} END")
        op.execute(f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {column} ON {table} BEGIN {remove} {insert} END")
        op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def _sqlite_downgrade() -> None:
    for table, column in SEARCHED:
        for event in EVENTS:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_{column}_trigram_{event}")
        op.execute(f"DROP TABLE IF EXISTS {table}_{column}_trigram")


def _postgresql_upgrade() -> None:
    bind = op.get_bind()
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema = bind.exec_driver_sql("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n "
                                  "ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'").scalar_one()
    opclass = f"{bind.dialect.identifier_preparer.quote(schema)}.gin_trgm_ops"
    for table, column in SEARCHED:
        op.execute(f"CREATE INDEX ix_{table}_{column}_trigram ON {table} USING gin (lower({column}) {opclass})")


def _postgresql_downgrade() -> None:
    for table, column in SEARCHED:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_{column}_trigram")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_upgrade()
    else:
        _sqlite_upgrade()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_downgrade()
    else:
        _sqlite_downgrade()
