"""`kb extract`: read articles and write the extractor's facts files, without touching the database."""

from pathlib import Path
from typing import Annotated

import typer

from kb.cli.common import fail
from kb.cli.load import DEFAULT_MB, FileTimeoutOption, MaxFileSizeOption
from kb.files import MAX_FILE_SECONDS
from kb.kinds import KINDS


def extract(
    paths: Annotated[list[Path], typer.Argument(help="Article files and folders (walked).", show_default=False)],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write NAME.facts.yaml files into this folder.",
                                             file_okay=False)] = None,
    explain: Annotated[bool, typer.Option("--explain", help="Show each record with its evidence sentence.")] = False,
    max_file_size: MaxFileSizeOption = DEFAULT_MB,
    file_timeout: FileTimeoutOption = MAX_FILE_SECONDS,
) -> None:
    """Run the extractor over articles and write kb-facts/1 files (YAML to stdout without --out).

    Example: kb extract seed/ --out facts/
    """
    from kb.facts import Facts, dump_facts
    from kb.isolation import Limits, Stopped, run_isolated
    from kb.prepare import Job, extract_file, warm_up
    from kb.readers.discover import discover

    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    found = discover(paths)
    for problem in found.problems:
        typer.echo(f"Error: {problem}", err=True)
    jobs = [Job(article, max_bytes=int(max_file_size * 1024 * 1024)) for article in found.articles]
    if jobs:
        warm_up()
    failed = 0
    for job, facts in zip(jobs, run_isolated(extract_file, jobs, limits=Limits(seconds=file_timeout)), strict=True):
        if not isinstance(facts, Facts):
            typer.echo(f"Error: {job.article}: {facts.reason}" if isinstance(facts, Stopped) else f"Error: {facts}",
                       err=True)
            failed += 1
            continue
        article = job.article
        if explain:
            typer.echo(explanation(article, facts))
        if out is not None:
            (out / (article.stem + ".facts.yaml")).write_text(dump_facts(facts), encoding="utf-8")
        elif not explain:
            typer.echo(f"# {article}\n" + dump_facts(facts) + "---")
    failed += len(found.problems)
    if failed:
        raise fail(f"{failed} file{'s' * (failed != 1)} could not be read")


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _flow_label(r) -> str:  # type: ignore[no-untyped-def]
    parts = [f"{r.commodity} [{r.hs or '-'}] {r.from_ or '?'}->{r.to or '?'}"]
    if r.quantity is not None:
        parts.append(f"{_number(r.quantity)} {r.unit or ''}".rstrip())
    if r.value is not None:
        parts.append(f"{_number(r.value)} {r.currency or ''}".rstrip())
    if r.per:
        parts.append(f"per {r.per}")
    if r.date:
        parts.append(r.date)
    if r.exporter:
        parts.append(f"by {r.exporter}")
    return ", ".join(parts)


def explanation(article: Path, facts) -> str:  # type: ignore[no-untyped-def]
    """Each record on one line, then the sentence (and span) that supports it."""
    lines = [f"{article}: {facts.extractor.name} {facts.extractor.version}" if facts.extractor else f"{article}:"]
    labels = {
        "agencies": lambda r: f"{r.name} [{r.country or '-'}, {r.kind or '-'}]",
        "officials": lambda r: f"{r.name}, {r.title or '-'} of {r.agency or '-'} [{r.country or '-'}]",
        "agreements": lambda r: f"{r.kind} {r.name} [{', '.join(r.parties)}] signed {r.signed or '-'}"
                                f" in {r.place or '-'}",
        "trade_flows": _flow_label,
    }
    for kind in KINDS:
        for record in getattr(facts, kind.facts_key):
            lines.append(f"  {kind.name}: {labels[kind.facts_key](record)}")
            for ev in record.evidence:
                lines.append(f"      [{ev.start}:{ev.end}] “{ev.quote}”")
    return "\n".join(lines)
