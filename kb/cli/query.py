"""`kb query …` (listings with filters) and `kb show KIND ID` (one record with all its evidence)."""

import json
from enum import StrEnum
from typing import Annotated, Any

import typer

from kb.cli.common import DbOption, Format, FormatOption, LimitOption, ShowSqlOption, fail
from kb.cli.output import print_rows

app = typer.Typer(help="List agreements, agencies, officials, trade flows or articles, with filters.\n\n"
                       "Example: kb query agreements --party KR",
                  no_args_is_help=True)

Since = Annotated[str | None, typer.Option("--since", help="On or after this date (YYYY, YYYY-MM or YYYY-MM-DD).")]
Until = Annotated[str | None, typer.Option("--until", help="On or before this date (YYYY, YYYY-MM or YYYY-MM-DD).")]
Contains = Annotated[str | None, typer.Option("--contains", "-c", help="Text the name or evidence contains.")]
Country = Annotated[str | None, typer.Option("--country", help="Country code or name, e.g. KR or 'South Korea'.")]
After = Annotated[str | None, typer.Option(
    "--after", metavar="CURSOR", help="The next page: the cursor kb printed (to stderr) after a page of --limit rows.")]


def _run(query: Any, fmt: Format | None, show_sql: bool, db: str | None, title: str) -> None:
    from kb.db import database
    from kb.errors import CursorError

    try:
        query.statements()  # a bad --after is a usage error, told before the database is opened
    except CursorError as exc:
        raise fail(str(exc), 2) from None
    with database(db) as engine, engine.connect() as conn:
        query.prepare(conn)
        if show_sql:
            typer.echo(query.shown(), err=True)
        columns, rows = query.run(conn)
        print_rows(columns, rows, fmt, title=title)
    if query.next_cursor:
        # On stderr, so JSON and CSV on stdout stay whole; the cursor is the line's last word.
        typer.echo(f"kb: more rows: repeat with --after {query.next_cursor}", err=True)


@app.command()
def agreements(
    party: Annotated[list[str] | None, typer.Option(
        "--party", "--country", help="A party country, code or name (repeatable).")] = None,
    kind: Annotated[str | None, typer.Option(help="agreement, protocol, memorandum, treaty, …")] = None,
    status: Annotated[str | None, typer.Option(help="signed, in_force, ratified, negotiating, proposed…")] = None,
    since: Since = None, until: Until = None,
    agency: Annotated[str | None, typer.Option(help="A party or signatory's agency (name contains).")] = None,
    official: Annotated[str | None, typer.Option(help="A signatory (name contains).")] = None,
    contains: Contains = None, fmt: FormatOption = None, limit: LimitOption = None, after: After = None,
    show_sql: ShowSqlOption = False, db: DbOption = None,
) -> None:
    """Agreements, newest first, with parties, signing date and place, signatories and sources.

    Example: kb query agreements --party UZ --since 2023 --limit 20
    """
    from kb import queries

    q = queries.agreements(country=party, kind=kind, status=status, since=since, until=until, agency=agency,
                           official=official, contains=contains, limit=limit, after=after)
    _run(q, fmt, show_sql, db, "Agreements")


@app.command()
def agencies(
    country: Country = None,
    kind: Annotated[str | None, typer.Option(help="customs, ministry, state_body, company, international…")] = None,
    contains: Contains = None, fmt: FormatOption = None, limit: LimitOption = None, after: After = None,
    show_sql: ShowSqlOption = False, db: DbOption = None,
) -> None:
    """Agencies by name, with their aliases and how many articles support them.

    Example: kb query agencies --kind customs
    """
    from kb import queries

    q = queries.agencies(country=country, kind=kind, contains=contains, limit=limit, after=after)
    _run(q, fmt, show_sql, db, "Agencies")


@app.command()
def officials(
    agency: Annotated[str | None, typer.Option(help="The agency of the post (name or alias contains).")] = None,
    country: Country = None,
    title: Annotated[str | None, typer.Option(help="The post (contains), e.g. chairman.")] = None,
    contains: Contains = None, fmt: FormatOption = None, limit: LimitOption = None, after: After = None,
    show_sql: ShowSqlOption = False, db: DbOption = None,
) -> None:
    """Officials by name and their posts, with the dates the articles attest them.

    Example: kb query officials --agency "Korea Customs Service"
    """
    from kb import queries

    q = queries.officials(agency=agency, country=country, title=title, contains=contains, limit=limit, after=after)
    _run(q, fmt, show_sql, db, "Officials")


@app.command()
def flows(
    commodity: Annotated[str | None, typer.Option(help="Goods (contains), e.g. wheat.")] = None,
    hs: Annotated[str | None, typer.Option(help="HS code prefix, e.g. 10 or 1001.")] = None,
    exporter: Annotated[str | None, typer.Option("--exporter", "--from", help="Exporting country.")] = None,
    importer: Annotated[str | None, typer.Option("--importer", "--to", help="Importing country.")] = None,
    since: Since = None, until: Until = None,
    contains: Contains = None, fmt: FormatOption = None, limit: LimitOption = None, after: After = None,
    show_sql: ShowSqlOption = False, db: DbOption = None,
) -> None:
    """Trade flows, latest period first: goods, HS code, exporter → importer, quantity (and as kg) or value, period.

    HS codes are text ("0106"): in CSV, read the hs column as a string (pandas: dtype={"hs": str}).
    kb export --format csv also writes a datapackage.json that types every column.

    Example: kb query flows --exporter UZ --importer KR
    """
    from kb import queries

    q = queries.flows(commodity=commodity, hs=hs, exporter=exporter, importer=importer, since=since, until=until,
                      contains=contains, limit=limit, after=after)
    _run(q, fmt, show_sql, db, "Trade flows")


@app.command()
def articles(
    publisher: Annotated[str | None, typer.Option(help="Publisher (contains).")] = None,
    since: Since = None, until: Until = None,
    contains: Contains = None, fmt: FormatOption = None, limit: LimitOption = None, after: After = None,
    show_sql: ShowSqlOption = False, db: DbOption = None,
) -> None:
    """The source articles, newest first, with how much evidence each gave.

    Example: kb query articles --contains customs
    """
    from kb import queries

    q = queries.articles(publisher=publisher, since=since, until=until, contains=contains, limit=limit,
                         after=after)
    _run(q, fmt, show_sql, db, "Articles")


class RecordKind(StrEnum):
    agreement = "agreement"
    agency = "agency"
    official = "official"
    flow = "flow"


def show(
    kind: Annotated[RecordKind, typer.Argument(help="agreement, agency, official or flow.")],
    record_id: Annotated[int, typer.Argument(metavar="ID", help="The record's id (from kb query).")],
    fmt: Annotated[Format | None, typer.Option("--format", "-f", help="table (text) or json.")] = None,
    db: DbOption = None,
) -> None:
    """One record with all its fields, every value each article gave, and the evidence quotes.

    Example: kb show agreement 2
    """
    from kb import queries
    from kb.db import database

    with database(db) as engine, engine.connect() as conn:
        data = queries.record(conn, kind.value, record_id)
    if fmt is Format.json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return
    typer.echo(render_record(kind.value, data))


def render_record(kind: str, data: dict[str, Any]) -> str:
    lines = [f"{kind} {next(iter(data['fields'].values()))}"]
    for key, value in data["fields"].items():
        if value not in (None, ""):
            lines.append(f"  {key:<22} {value}")
    if data.get("positions"):
        lines.append("positions:")
        for p in data["positions"]:
            lines.append(f"  {p['title'] or '-'} — {p['agency'] or '-'} ({p['first_seen']} … {p['last_seen']}, "
                         f"{p['articles']} article{'s' * (p['articles'] != 1)})")
    if data.get("aliases"):
        lines.append("aliases: " + "; ".join(f"{a['name']}{' (curated)' * (a['origin'] == 'curated')}"
                                             for a in data["aliases"]))
    if data.get("conflicts"):
        lines.append("conflicting values (all kept; the row shows the best-attested):")
        for field_name, values in data["conflicts"].items():
            for v in values:
                lines.append(f"  {field_name} = {v['value']}  — {v['article']} ({v['published'] or 'undated'})")
    lines.append("evidence:")
    for ev in data["evidence"]:
        quote = f"“{ev['quote']}”" if ev["quote"] else "(stated in a curated facts file)"
        lines.append(f"  [{ev['article']}, {ev['published'] or 'undated'}] {quote}")
    if data.get("matches"):
        lines.append("matched:")
        for m in data["matches"]:
            lines.append(f"  {m['incoming_name']!r} from {m['article']}: {m['reason']} ({m['score']:.0f})")
    return "\n".join(lines)
