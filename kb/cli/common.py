"""What every command shares: the --db option, output formats, and errors as one clear line."""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated, Any

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


def _cell(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def print_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: Format | None,
               *, title: str | None = None) -> None:
    fmt = resolve_format(fmt)
    rows = [[_cell(v) for v in row] for row in rows]
    if fmt is Format.json:
        typer.echo(json.dumps([dict(zip(columns, r, strict=True)) for r in rows], ensure_ascii=False,
                              indent=2, default=str))
    elif fmt is Format.csv:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
        typer.echo(buffer.getvalue(), nl=False)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title, show_lines=False, header_style="bold")
        for column in columns:
            table.add_column(column, overflow="fold", min_width=len(column))
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        # Piped tables keep a readable width unless COLUMNS says otherwise (rich reads it).
        console = Console(width=None if sys.stdout.isatty() or "COLUMNS" in os.environ else 200)
        console.print(table)
        if not rows:
            typer.echo("(no rows)")
