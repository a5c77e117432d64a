"""`kb search TEXT`: full-text search over articles and evidence quotes, ranked, with marked snippets."""

from typing import Annotated

import typer

from kb.cli.common import DbOption, Format, FormatOption, ShowSqlOption, resolve_format


def search(
    query: Annotated[str, typer.Argument(metavar="TEXT", help=(
        'What to find: words (all of them), "a phrase", a OR b, -word to exclude.'))],
    kind: Annotated[list[str] | None, typer.Option(
        "--kind", "-k", help="article, agreement, agency, official, position or trade_flow (repeatable).")] = None,
    country: Annotated[str | None, typer.Option(
        "--country", help="Only hits about this country (code or name): its agencies, officials, agreements, "
                          "flows, and the articles that report them.")] = None,
    since: Annotated[str | None, typer.Option(
        "--since", help="Articles published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(
        "--until", help="Articles published on or before this date.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="At most this many hits.")] = 20,
    fmt: FormatOption = None, show_sql: ShowSqlOption = False, db: DbOption = None,
) -> None:
    """Search article titles and bodies and evidence quotes; best hits first, matched words marked «so».

    The same syntax on SQLite and PostgreSQL: customs agreement (both words, any form), "mutual assistance"
    (the phrase), wheat OR barley, customs -tobacco. See docs/search-serve-dossier.md.

    Example: kb search "customs cooperation" --country UZ
    """
    from kb.cli.output import print_rows
    from kb.db import database
    from kb.search import TABLE_COLUMNS
    from kb.search import search as build

    with database(db) as engine, engine.connect() as conn:
        found = build(conn.dialect.name, query, kind=kind, country=country, since=since, until=until, limit=limit)
        if show_sql:
            typer.echo(found.shown(), err=True)
        columns, rows = found.run(conn)
        if resolve_format(fmt) is Format.table:
            keep = [columns.index(c) for c in TABLE_COLUMNS]
            columns, rows = TABLE_COLUMNS, ([row[i] for i in keep] for row in rows)
        print_rows(columns, rows, fmt, title=f"Search: {query}")
