"""The `kb` command: thin commands that parse, call the library, and print.

Nothing heavy is imported here: each command imports the database stack
(SQLAlchemy, Alembic) or the extractor when it runs, so `kb --help` stays instant.
The command modules do without `from __future__ import annotations`: Typer
reads every command's annotations on every run, and as strings it would
evaluate each one again (25 ms of `kb --help`).
"""

import contextlib
import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from kb.cli import curate, db, lean_help, query
from kb.cli.dossier import dossier
from kb.cli.export import export
from kb.cli.extract import extract
from kb.cli.load import load
from kb.cli.search import search
from kb.cli.serve import serve
from kb.cli.sql import sql
from kb.errors import KbError


class _KbGroup(TyperGroup):
    """Turns the errors users can meet into one line on stderr and exit status 1, never a traceback."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KbError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(1) from None
        except BrokenPipeError:
            # The reader went away (`kb query … | head`): stop quietly, as other command-line tools do.
            # Python would report the pipe again when it flushes stdout at exit: point stdout at /dev/null.
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(1) from None
        except Exception as exc:
            if not _from_the_database(exc):
                raise
            detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            typer.echo(f"Error: the database refused the operation: {detail}", err=True)
            raise typer.Exit(1) from None


def _from_the_database(exc: Exception) -> bool:
    """A SQLAlchemy error, recognised without importing SQLAlchemy: a command that never loaded it raised none."""
    sqlalchemy_exc = sys.modules.get("sqlalchemy.exc")
    return sqlalchemy_exc is not None and isinstance(exc, sqlalchemy_exc.SQLAlchemyError)


app = typer.Typer(
    name="kb",
    cls=_KbGroup,
    help="A knowledge base of international trade and customs cooperation, built from news articles.\n\n"
         "Example: kb load seed/",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # --install-completion / --show-completion: tab completion for bash, zsh, fish and PowerShell.
    add_completion=True,
)


def _print_version(asked: bool) -> None:
    if asked:
        from kb import __version__

        typer.echo(f"kb {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool | None, typer.Option(
        "--version", help="Print kb's version and stop.", is_eager=True, callback=_print_version)] = None,
) -> None:
    # The help of the `kb` command is the Typer's own (above); this only adds the --version option.
    pass


app.command()(load)
app.command()(extract)
app.command()(export)
app.add_typer(query.app, name="query")
app.command()(query.show)
app.command()(sql)
app.command()(search)
app.command()(serve)
app.command()(dossier)
app.command()(curate.review)
app.command()(curate.merge)
app.command()(curate.apart)
app.command()(curate.unmerge)
app.command()(curate.rename)
app.add_typer(curate.alias_app, name="alias")
app.add_typer(db.app, name="db")


lean_help.install()


def main() -> None:
    app()
