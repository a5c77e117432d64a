"""`kb sql`: run one read-only query against the knowledge base, within time and row bounds."""

from typing import Annotated

import typer

from kb.cli.common import DbOption, FormatOption, LimitOption
from kb.cli.output import print_rows
from kb.sql_sandbox import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT_SECONDS, Bounds, user_query


def sql(
    statement: Annotated[str, typer.Argument(metavar="SQL", help="One SQL query; writes are refused.")],
    fmt: FormatOption = None, limit: LimitOption = None, db: DbOption = None,
    timeout: Annotated[float, typer.Option(
        "--timeout", min=0.001, help="Stop the query after this many seconds.")] = DEFAULT_TIMEOUT_SECONDS,
    max_rows: Annotated[int, typer.Option(
        "--max-rows", min=1, help="Print at most this many rows, saying so when there were more.")]
        = DEFAULT_MAX_ROWS,
) -> None:
    """Run SQL where it can only read kb: SQLite opened read-only; on PostgreSQL, a sandbox role that may
    read kb's tables and nothing else on the server.

    Example: kb sql "SELECT name, parties, signed FROM agreement_overview"
    """
    bounds = Bounds(timeout_seconds=timeout, max_rows=min(limit, max_rows) if limit else max_rows)
    with user_query(db, statement, bounds) as result:
        print_rows(result.columns, result.rows, fmt)
    if result.truncated and not (limit and limit <= max_rows):
        typer.echo(f"kb sql: stopped at {max_rows:,} rows; the query has more (raise --max-rows to see them)",
                   err=True)
