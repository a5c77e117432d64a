"""Curation commands: merge, unmerge, rename and alias — decisions kept across re-loads."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from kb.cli.common import DbOption


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
    from kb.db import open_database

    with open_database(db).begin() as conn:
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
           reason: Reason = None, curator: Curator = None, db: DbOption = None) -> None:
    """Give row ID a name of your choosing; the old name stays as an alias.

    Example: kb rename agency 3 "Korea Customs Service"
    """
    from kb import curate

    _apply(curate.rename, kind.value, record_id, new_name, reason=reason, curator=curator, db=db)


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
