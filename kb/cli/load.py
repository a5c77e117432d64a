"""`kb load`: store articles (files or folders) and their facts in the database."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from kb.cli.common import DbOption, fail
from kb.files import MAX_FILE_BYTES, MAX_FILE_SECONDS

MaxFileSizeOption = Annotated[float, typer.Option(
    "--max-file-size", min=0.001, help="Refuse article and facts files larger than this many MB.")]
FileTimeoutOption = Annotated[float, typer.Option(
    "--file-timeout", min=0.1, help="Stop reading and extracting one file after this many seconds.")]
DEFAULT_MB = MAX_FILE_BYTES / 1024 / 1024


def load(
    paths: Annotated[list[Path] | None, typer.Argument(help="Article files and folders (walked).",
                                                       show_default=False)] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Extract with this many processes.")] = 1,
    reextract: Annotated[bool, typer.Option(
        "--reextract", help="Re-read every stored article with the current extractor and reconcile.")] = False,
    max_file_size: MaxFileSizeOption = DEFAULT_MB,
    file_timeout: FileTimeoutOption = MAX_FILE_SECONDS,
    db: DbOption = None,
) -> None:
    """Load articles into the knowledge base.

    A facts file beside an article (NAME.facts.yaml) is stored instead of the
    extractor's reading. Unchanged files are skipped; a changed file replaces
    what its article contributed. A file that cannot be stored gets one line
    and the others still load. Example: kb load seed/
    """
    from kb.db import database
    from kb.isolation import Limits
    from kb.load import InputLimits, load_found, reextract_all
    from kb.readers.discover import discover

    if not paths and not reextract:
        raise fail("give at least one article file or folder (or --reextract)", 2)
    limits = InputLimits(max_bytes=int(max_file_size * 1024 * 1024), work=Limits(seconds=file_timeout))
    failed = False
    found = discover(paths or [])
    with database(db) as engine, _progress(len(found.articles) or None) as advance:
        if reextract:
            again = reextract_all(engine, progress=advance, limits=limits)
            _print_problems(again.errors, again.notes)
            typer.echo(f"{again.articles} extracted article{'s' * (again.articles != 1)} re-read with "
                       f"{again.extractor}: {again.updated} updated, {again.unchanged} unchanged, {again.failed} "
                       f"failed; {again.facts} facts stored; {again.curated} curated left as they are")
            failed = bool(again.failed)
        if paths:
            report = load_found(engine, found, jobs=jobs, progress=advance, limits=limits)
            _print_problems(report.errors, report.notes)
            total = report.articles
            skipped = f"; {report.skipped} skipped" if report.skipped else ""
            typer.echo(f"{total} article{'s' * (total != 1)}: {report.new} new, {report.updated} updated, "
                       f"{report.unchanged} unchanged, {report.failed} failed; {report.facts} facts stored{skipped}")
            failed = failed or bool(report.failed or report.skipped)
    if failed:
        raise typer.Exit(1)


def _print_problems(errors: list[str], notes: list[str]) -> None:
    for message in errors:
        typer.echo(f"Error: {message}", err=True)
    for message in notes:
        typer.echo(f"Note: {message}", err=True)


class _progress:
    """A progress bar on a terminal (stderr); silent when output is captured."""

    def __init__(self, total: int | None) -> None:
        self.total = total

    def __enter__(self):  # type: ignore[no-untyped-def]
        self.bar = None
        if sys.stderr.isatty():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(TextColumn("loading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
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
