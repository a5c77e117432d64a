"""`kb load`: store articles (files or folders) and their facts in the database."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kb.cli.common import DbOption, fail


def load(
    paths: Annotated[list[Path] | None, typer.Argument(help="Article files and folders (walked).",
                                                       show_default=False)] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Extract with this many processes.")] = 1,
    reextract: Annotated[bool, typer.Option(
        "--reextract", help="Re-read every stored article with the current extractor and reconcile.")] = False,
    db: DbOption = None,
) -> None:
    """Load articles into the knowledge base.

    A facts file beside an article (NAME.facts.yaml) is stored instead of the
    extractor's reading. Unchanged files are skipped; a changed file replaces
    what its article contributed. Example: kb load seed/
    """
    from kb.db import open_database
    from kb.load import load_paths, reextract_all
    from kb.readers.discover import find_articles

    if not paths and not reextract:
        raise fail("give at least one article file or folder (or --reextract)", 2)
    engine = open_database(db)
    report = None
    missing = [p for p in paths or [] if not p.exists()]
    articles = list(find_articles(p for p in paths or [] if p.exists()))
    with _progress(len(articles) or None) as advance:
        if reextract:
            report = reextract_all(engine, progress=advance)
        if paths:
            for p in missing:
                typer.echo(f"Error: {p}: no such file or folder", err=True)
            loaded = load_paths(engine, articles, jobs=jobs, progress=advance)
            loaded.failed += len(missing)
            report = loaded if report is None else _add(report, loaded)
    assert report is not None
    for message in report.errors:
        typer.echo(f"Error: {message}", err=True)
    total = report.new + report.updated + report.unchanged + report.failed
    typer.echo(f"{total} article{'s' * (total != 1)}: {report.new} new, {report.updated} updated, "
               f"{report.unchanged} unchanged, {report.failed} failed; {report.facts} facts stored")
    if report.failed:
        raise typer.Exit(1)


def _add(a, b):  # type: ignore[no-untyped-def]
    for key in ("new", "updated", "unchanged", "failed", "facts"):
        setattr(a, key, getattr(a, key) + getattr(b, key))
    a.errors += b.errors
    return a


class _progress:
    """A progress bar on a terminal (stderr); silent when output is captured."""

    def __init__(self, total: int | None) -> None:
        self.total = total

    def __enter__(self):  # type: ignore[no-untyped-def]
        self.bar = None
        if sys.stderr.isatty():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(TextColumn("loading"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                transient=True)
            self.bar.start()
            self.task = self.bar.add_task("load", total=self.total)
        return self.advance

    def advance(self, _item: object) -> None:
        if self.bar is not None:
            self.bar.advance(self.task)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()
