"""`kb db`: the database's schema revision — upgrade, downgrade, current, history."""

from typing import Annotated

import typer

from kb.cli.common import DbOption, fail

app = typer.Typer(help="Manage the database schema (Alembic migrations).\n\nExample: kb db current",
                  no_args_is_help=True)


@app.command()
def upgrade(revision: Annotated[str, typer.Argument(help="Target revision.")] = "head", db: DbOption = None) -> None:
    """Migrate the database up to REVISION (default: head). Example: kb db upgrade"""
    from kb.db import make_engine, run_alembic

    engine = make_engine(db)
    run_alembic(engine, "upgrade", revision)
    _report(engine)


@app.command(context_settings={"ignore_unknown_options": True})
def downgrade(revision: Annotated[str, typer.Argument(help="Target revision: an id, -1, or base.")],
              yes: Annotated[bool, typer.Option("--yes", help="Go ahead even if rows would be deleted.")] = False,
              db: DbOption = None) -> None:
    """Migrate the database down to REVISION; refused without --yes if that deletes rows.

    Example: kb db downgrade -1
    """
    from kb.db import make_engine, rows_lost_by, run_alembic

    engine = make_engine(db)
    lost = rows_lost_by(engine, "downgrade", revision)  # a dry run, rolled back
    if lost and not yes:
        raise fail(f"downgrading to {revision} would delete {_rows(lost)}; nothing was changed: "
                   "back the database up and run again with --yes to do it")
    run_alembic(engine, "downgrade", revision)
    if lost:
        typer.echo(f"deleted {_rows(lost)}")
    _report(engine)


def _rows(lost: dict[str, int]) -> str:
    total = sum(lost.values())
    tables = ", ".join(f"{name} {count:,}" for name, count in sorted(lost.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"{total:,} row{'s' * (total != 1)} ({tables})"


@app.command()
def current(db: DbOption = None) -> None:
    """Print the database's revision. Example: kb db current"""
    from kb.db import make_engine

    engine = make_engine(db)
    try:
        _report(engine)
    finally:
        engine.dispose()


@app.command()
def history() -> None:
    """List the migrations, newest first. Example: kb db history"""
    from alembic.script import ScriptDirectory

    from kb.db import alembic_config

    for script in ScriptDirectory.from_config(alembic_config()).walk_revisions():
        typer.echo(f"{script.revision}  {script.doc.splitlines()[0] if script.doc else ''}")


def _report(engine) -> None:  # type: ignore[no-untyped-def]
    from kb.db import current_revision, head_revision

    with engine.connect() as connection:
        revision = current_revision(connection)
    head = head_revision()
    state = "head" if revision == head else f"head is {head}"
    typer.echo(f"{engine.url.render_as_string()}: revision {revision or 'none (empty)'} ({state})")


@app.command()
def schema() -> None:
    """Print the schema as Markdown: a mermaid diagram and the meaning of every table and column.

    Example: kb db schema > schema.md
    """
    from kb.schema_doc import schema_markdown

    typer.echo(schema_markdown())
