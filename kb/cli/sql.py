"""`kb sql`: run one read-only SELECT against the knowledge base."""

from __future__ import annotations

from typing import Annotated

import typer

from kb.cli.common import DbOption, FormatOption, LimitOption, print_rows


def sql(
    statement: Annotated[str, typer.Argument(metavar="SQL", help="One SQL statement; writes are refused.")],
    fmt: FormatOption = None, limit: LimitOption = None, db: DbOption = None,
) -> None:
    """Run SQL on a read-only connection (SQLite opened read-only, PostgreSQL in a read-only transaction).

    Example: kb sql "SELECT name, parties, signed FROM agreement_overview"
    """
    import sqlite3

    import psycopg

    from kb.db import run_read_only
    from kb.errors import QueryError

    try:
        columns, rows = run_read_only(db, statement, limit)
    except (sqlite3.Error, psycopg.Error) as exc:
        message = str(exc).strip().splitlines()[0]
        if "readonly" in message or "read-only" in message or "not authorized" in message:
            raise QueryError(f"refused: kb sql is read-only ({message}); nothing was changed") from None
        raise QueryError(f"SQL failed: {message}") from None
    print_rows(columns, rows, fmt)
