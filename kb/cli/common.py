"""What every command shares: the --db option, output formats, and errors as one clear line."""

from __future__ import annotations

import sys
from enum import StrEnum
from typing import Annotated

import typer

DbOption = Annotated[str | None, typer.Option(
    "--db", help="Database URL (default: $KB_DATABASE_URL, else sqlite:///kb.db).", show_default=False)]


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


FormatOption = Annotated[Format | None, typer.Option(
    "--format", "-f", help="table, json or csv (default: table on a terminal, csv when piped).",
    show_default=False)]
LimitOption = Annotated[int | None, typer.Option("--limit", "-n", min=1, help="At most this many rows.")]
ShowSqlOption = Annotated[bool, typer.Option("--show-sql", help="Print the SQL that ran (to stderr).")]


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one line to stderr and return the Exit to raise."""
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(code)


def resolve_format(fmt: Format | None) -> Format:
    if fmt is not None:
        return fmt
    return Format.table if sys.stdout.isatty() else Format.csv
