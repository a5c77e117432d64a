"""Printing rows as they come from the cursor: JSON and CSV one row at a time, tables for a terminal.

JSON and CSV hold only the row being written, so memory stays flat however
many rows a listing has. A table has to measure every row before it prints
the first, so it holds at most TABLE_ROWS of them and says so when there were
more.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice
from typing import Any

import typer

from kb.cli.common import Format, resolve_format

TABLE_ROWS = 1_000


def print_rows(columns: Sequence[str], rows: Iterable[Sequence[Any]], fmt: Format | None,
               *, title: str | None = None) -> None:
    """Write `rows` to stdout in `fmt`; the first row is fetched before anything is written, so an error the
    query raises on its first row leaves stdout empty.
    """
    fmt = resolve_format(fmt)
    rows = iter(rows)
    first = next(rows, None)
    cells = (_cells(r) for r in chain([] if first is None else [first], rows))
    if fmt is Format.json:
        _json(columns, cells)
    elif fmt is Format.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(cells)
    else:
        _table(columns, cells, title)


def _cells(row: Sequence[Any]) -> list[Any]:
    return [int(v) if isinstance(v, float) and v.is_integer() else v for v in row]


def _json(columns: Sequence[str], rows: Iterator[list[Any]]) -> None:
    """The same text as json.dumps(list_of_objects, indent=2), written one object at a time."""
    out = sys.stdout
    separator = "[\n  "
    for row in rows:
        text = json.dumps(dict(zip(columns, row, strict=True)), ensure_ascii=False, indent=2, default=str)
        out.write(separator + text.replace("\n", "\n  "))
        separator = ",\n  "
    out.write("[]\n" if separator.startswith("[") else "\n]\n")


def _table(columns: Sequence[str], rows: Iterator[list[Any]], title: str | None) -> None:
    from rich.console import Console
    from rich.table import Table

    shown = list(islice(rows, TABLE_ROWS))
    more = next(rows, None) is not None
    table = Table(title=title, show_lines=False, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold", min_width=len(column))
    for row in shown:
        table.add_row(*("" if v is None else str(v) for v in row))
    # Piped tables keep a readable width unless COLUMNS says otherwise (rich reads it).
    console = Console(width=None if sys.stdout.isatty() or "COLUMNS" in os.environ else 200)
    console.print(table)
    if not shown:
        typer.echo("(no rows)")
    if more:
        typer.echo(f"kb: the table shows the first {TABLE_ROWS:,} rows; use --limit to choose, or --format csv "
                   "or json for every row", err=True)
