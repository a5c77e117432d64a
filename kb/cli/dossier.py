"""`kb dossier A [B]`: the relationship between two countries (or one and its partners) on one page."""

from pathlib import Path
from typing import Annotated

import typer

from kb.cli.common import DbOption


def dossier(
    first: Annotated[str, typer.Argument(metavar="A", help="A country: code or name, e.g. UZ or Uzbekistan.")],
    second: Annotated[str | None, typer.Argument(
        metavar="[B]", help="The other country; without it, A with all its partners.")] = None,
    since: Annotated[str | None, typer.Option(
        "--since", help="Agreements, flows and articles on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).")]
        = None,
    until: Annotated[str | None, typer.Option("--until", help="… on or before this date.")] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Write to FILE.html (a page with a chart, for a browser or print) or FILE.md; "
                            "default: Markdown on stdout.", dir_okay=False)] = None,
    db: DbOption = None,
) -> None:
    """Agreements as a timeline, each side's agencies and officials with their posts over time, trade flows
    by commodity and year with a chart; every statement footnoted to its sentence and article.

    Example: kb dossier UZ KR --out uz-kr.html
    """
    from kb.cli.common import fail
    from kb.db import database
    from kb.dossier import build
    from kb.dossier_render import html, markdown

    if out is not None and out.suffix.lower() not in (".html", ".htm", ".md"):
        raise fail(f"--out {out}: give a file ending in .html or .md")
    with database(db) as engine, engine.connect() as conn:
        data = build(conn, first, second, since=since, until=until)
    if out is None:
        typer.echo(markdown(data), nl=False)
        return
    page = markdown(data) if out.suffix.lower() == ".md" else html(data)
    try:
        out.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise fail(f"cannot write {out}: {exc.strerror}") from None
    typer.echo(f"kb dossier: {data.title} written to {out} ({len(data.agreements)} agreements, "
               f"{len(data.flows)} trade flows, {len(data.footnotes.sources)} sources)", err=True)
