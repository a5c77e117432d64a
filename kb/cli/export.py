"""`kb export`: the database, or what `kb query`'s filters select, in a format other tools read."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kb.cli.common import DbOption, fail

if TYPE_CHECKING:
    from kb.export.selection import Filters

FORMATS = ("csv", "jsonl", "sqlite", "ftm", "comtrade")


def export(
    fmt: Annotated[str | None, typer.Option("--format", "-f", show_default=False,
                                            help="csv (a folder with datapackage.json), jsonl, sqlite, ftm "
                                                 "(FollowTheMoney) or comtrade (UN Comtrade's columns).")] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", show_default=False,
        help="Folder (csv) or file (sqlite; jsonl, ftm and comtrade write to stdout without it).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Write over an earlier export at --out.")] = False,
    only: Annotated[list[str] | None, typer.Option(
        "--only", help="Export these kinds only: agreements, agencies, officials, flows, articles (repeatable).",
        show_default=False)] = None,
    country: Annotated[str | None, typer.Option(
        "--country", help="A party, agency or official's country, or either end of a flow.")] = None,
    since: Annotated[str | None, typer.Option(
        "--since", help="On or after this date (YYYY, YYYY-MM or YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="On or before this date.")] = None,
    contains: Annotated[str | None, typer.Option(
        "--contains", "-c", help="Text the name or evidence contains.")] = None,
    hs: Annotated[str | None, typer.Option(help="Flows: HS code prefix, e.g. 0106.")] = None,
    commodity: Annotated[str | None, typer.Option(help="Flows: goods (contains).")] = None,
    exporter: Annotated[str | None, typer.Option("--exporter", "--from", help="Flows: exporting country.")] = None,
    importer: Annotated[str | None, typer.Option("--importer", "--to", help="Flows: importing country.")] = None,
    db: DbOption = None,
) -> None:
    """Export the knowledge base for other tools: spreadsheets and pandas (csv, with a Frictionless
    datapackage.json giving every column's type), jq (jsonl), Datasette (sqlite), Aleph and other
    investigative tools (ftm), trade statistics (comtrade).

    Filters are kb query's; a kind is exported when every filter given applies to it (--hs keeps
    flows only), and the rows they refer to come along. See docs/exports.md.

    Example: kb export --format csv --out kb-csv/
    """
    from kb.export.selection import Filters

    if fmt is None:
        raise fail(f"give --format: {', '.join(FORMATS)}", 2)
    if fmt not in FORMATS:
        raise fail(f"unknown format {fmt!r}: give one of {', '.join(FORMATS)}", 2)
    filters = Filters(country=country, since=since, until=until, contains=contains, hs=hs, commodity=commodity,
                      exporter=exporter, importer=importer, only=only or [])
    if fmt in ("csv", "sqlite") and (out is None or str(out) == "-"):
        raise fail(f"--format {fmt} needs --out ({'a folder' if fmt == 'csv' else 'a file'})", 2)
    if fmt == "sqlite" and filters.any:
        raise fail("--format sqlite copies the whole database: filters apply to csv, jsonl, ftm and comtrade", 2)
    _check_destination(fmt, out, force)
    summary = _run(fmt, out, filters, db)
    if out is not None and str(out) != "-":  # on stdout, the data alone
        typer.echo(f"kb: {summary}", err=True)


def _check_destination(fmt: str, out: Path | None, force: bool) -> None:
    from kb.export.destination import check_file, check_folder

    if out is None or str(out) == "-":
        return
    if fmt == "csv":
        check_folder(out, force=force)
    else:
        check_file(out, force=force)


def _run(fmt: str, out: Path | None, filters: "Filters", db: str | None) -> str:
    from kb.db import database, is_sqlite
    from kb.export.destination import text_output
    from kb.export.selection import select

    selection = select(filters)
    with database(db) as engine, engine.connect() as conn:
        # Every table is read from one snapshot, so a load running meanwhile cannot leave a row in one file
        # whose parent is missing from another (on SQLite, that load waits for the export to finish).
        conn.exec_driver_sql("BEGIN" if is_sqlite(conn) else
                             "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        if fmt == "csv":
            from kb.export.tabular import write_csv_folder

            assert out is not None  # checked by export()
            counts = write_csv_folder(conn, selection, out)
            return f"{sum(counts.values()):,} rows in {len(counts)} CSV files and datapackage.json in {out}"
        if fmt == "sqlite":
            from kb.export.sqlite_copy import write_sqlite

            assert out is not None
            counts = write_sqlite(conn, out)
            return f"{sum(counts.values()):,} rows of {len(counts)} tables copied to {out}"
        with text_output(out) as stream:
            if fmt == "jsonl":
                from kb.export.tabular import write_jsonl

                written = sum(write_jsonl(conn, selection, stream).values())
                what = "rows"
            elif fmt == "ftm":
                from kb.export.ftm import write_ftm

                written = sum(write_ftm(conn, selection, stream).values())
                what = "FollowTheMoney entities"
            else:
                from kb.export.comtrade import write_comtrade

                written = write_comtrade(conn, selection, stream)
                what = "Comtrade rows"
        return f"{written:,} {what} written" + (f" to {out}" if out and str(out) != "-" else "")
