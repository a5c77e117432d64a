"""Curation commands: review, merge, apart, unmerge, rename and alias — decisions kept across re-loads."""

from enum import StrEnum
from typing import Annotated

import typer

from kb.cli.common import DbOption, FormatOption, LimitOption


class Kind(StrEnum):
    agency = "agency"
    official = "official"
    agreement = "agreement"


KindArg = Annotated[Kind, typer.Argument(help="agency, official or agreement.")]
Reason = Annotated[str | None, typer.Option("--reason", "-m", help="Why (kept with the decision).")]
IdArg = Annotated[int, typer.Argument(metavar="ID", help="The row's id (from kb query).")]
Curator = Annotated[str | None, typer.Option("--curator", help="Who decides (default: your login name).")]

alias_app = typer.Typer(help="Add or remove another name of an agency, official or agreement.\n\n"
                             "Example: kb alias add agency 3 \"Korean customs\"",
                        no_args_is_help=True)


def _apply(action, *args, db: str | None, **kwargs) -> None:  # type: ignore[no-untyped-def]
    from kb.db import database, write_transaction

    with database(db) as engine, write_transaction(engine) as conn:
        typer.echo(action(conn, *args, **kwargs))


def merge(kind: KindArg, keep: Annotated[int, typer.Argument(help="Id of the row to keep.")],
          other: Annotated[int, typer.Argument(help="Id of the row merged into it.")],
          reason: Reason = None, curator: Curator = None, db: DbOption = None) -> None:
    """Merge row OTHER into row KEEP (evidence, values, aliases move over; OTHER's names become aliases).

    Example: kb merge agency 3 7 --reason "KCS is the Korea Customs Service"
    """
    from kb import curate

    _apply(curate.merge, kind.value, keep, other, reason=reason, curator=curator, db=db)


def unmerge(kind: KindArg, record_id: Annotated[int, typer.Argument(metavar="ID", help="The merged row.")],
            name: Annotated[str, typer.Argument(help="The name whose records are split off again.")],
            reason: Reason = None, curator: Curator = None, db: DbOption = None) -> None:
    """Split the records named NAME off row ID again, and keep them apart in later loads.

    Example: kb unmerge agency 3 "KCS"
    """
    from kb import curate

    _apply(curate.unmerge, kind.value, record_id, name, reason=reason, curator=curator, db=db)


def rename(kind: KindArg, record_id: IdArg,
           new_name: Annotated[str, typer.Argument(help="The name to show from now on.")],
           on: Annotated[str | None, typer.Option("--on", help="When the new name took effect (YYYY[-MM[-DD]]).")]
           = None,
           reason: Reason = None, curator: Curator = None, db: DbOption = None) -> None:
    """Give row ID a new name (a renamed body, or a better name); the old name stays as an alias.

    Articles from either side of a renaming then land on row ID, and a row that already holds the new name
    is merged into it.

    Example: kb rename agency 7 "QazTrade" --on 2020-09 --reason "the centre was renamed"
    """
    from kb import curate

    _apply(curate.rename, kind.value, record_id, new_name, on=on, reason=reason, curator=curator, db=db)


def apart(kind: KindArg, first: Annotated[int, typer.Argument(metavar="A", help="Id of one row.")],
          second: Annotated[int, typer.Argument(metavar="B", help="Id of the other row.")],
          reason: Reason = None, curator: Curator = None, db: DbOption = None) -> None:
    """Keep rows A and B apart for good: later loads never join them, and kb review stops showing the pair.

    Example: kb apart official 12 15 --reason "two Sultanovs at the committee"
    """
    from kb import curate

    _apply(curate.apart, kind.value, first, second, reason=reason, curator=curator, db=db)


def review(kind: Annotated[Kind | None, typer.Option("--kind", help="Only pairs of this kind.")] = None,
           limit: LimitOption = None, fmt: FormatOption = None, db: DbOption = None) -> None:
    """List pairs of rows that may be one thing, most alike first, each with a sentence of its evidence.

    The resolver found them alike without enough evidence to join them (an initial against a full name at
    another agency, a descriptor that fits two agencies, an agreement designation sharing some subject
    words). Answer with kb merge KIND A B or kb apart KIND A B; a decided pair is not shown again.

    Example: kb review --kind official --format table
    """
    from kb.cli.output import print_rows
    from kb.db import database
    from kb.review import pending

    with database(db) as engine, engine.connect() as conn:
        pairs = pending(conn, kind.value if kind else None, limit)
    columns = ["kind", "a", "a_name", "a_evidence", "b", "b_name", "b_evidence", "score", "why"]
    print_rows(columns, [[p.kind, p.a, p.a_name, p.a_evidence, p.b, p.b_name, p.b_evidence, round(p.score, 1),
                          p.why] for p in pairs], fmt, title="Pairs to review (kb merge KIND A B, kb apart KIND A B)")


@alias_app.command("add")
def alias_add(kind: KindArg, record_id: IdArg,
              name: Annotated[str, typer.Argument(help="The other name.")],
              reason: Reason = None, curator: Curator = None, db: DbOption = None) -> None:
    """Add another name; records with that name in later articles are matched to row ID.

    Example: kb alias add agency 3 "Korean customs"
    """
    from kb import curate

    _apply(curate.alias_add, kind.value, record_id, name, reason=reason, curator=curator, db=db)


@alias_app.command("remove")
def alias_remove(kind: KindArg, record_id: IdArg,
                 name: Annotated[str, typer.Argument(help="The name to remove.")],
                 reason: Reason = None, curator: Curator = None, db: DbOption = None) -> None:
    """Remove a name of row ID (it will not come back from re-loads).

    Example: kb alias remove agency 3 "Korean customs"
    """
    from kb import curate

    _apply(curate.alias_remove, kind.value, record_id, name, reason=reason, curator=curator, db=db)
