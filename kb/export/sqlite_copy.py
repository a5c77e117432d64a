"""`--format sqlite`: any kb database, PostgreSQL included, copied into a new SQLite file.

The file's schema is made by kb's own migrations (views, indexes, comments' tables and the
revision stamp included), so kb, sqlite3 and Datasette open it as they open any kb database; then
every table's rows are copied in dependency order, in batches, inside one transaction.
"""

from __future__ import annotations

from itertools import islice
from pathlib import Path

from sqlalchemy import insert, text
from sqlalchemy.engine import Connection

from kb.export.destination import replacing
from kb.export.relations import relations, rows
from kb.export.selection import EVERYTHING

BATCH = 1_000


def write_sqlite(conn: Connection, out: Path) -> dict[str, int]:
    """Copy every table into a new SQLite database at `out`; the rows copied per table."""
    from kb.db import make_engine, run_alembic

    counts: dict[str, int] = {}
    with replacing(out) as temporary:
        temporary.unlink()  # the migrations create the file
        target = make_engine(f"sqlite:///{temporary}")
        try:
            run_alembic(target, "upgrade", "head")
            with target.begin() as copy:
                # Rows arrive table by table; a self-reference (agreement.amends_id) may point forwards.
                copy.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
                copy.execute(text("DELETE FROM country"))  # filled by a migration; the source's rows win
                for relation in relations(conn):
                    if relation.table is None:
                        continue
                    counts[relation.name] = _copy(copy, relation.table, rows(conn, relation, EVERYTHING))
        finally:
            target.dispose()
    return counts


def _copy(target: Connection, table, source) -> int:  # type: ignore[no-untyped-def]
    names = [c.name for c in table.columns]
    count = 0
    while batch := list(islice(source, BATCH)):
        target.execute(insert(table), [dict(zip(names, row, strict=True)) for row in batch])
        count += len(batch)
    return count
