"""`kb load`: find articles, get their facts (a curated file beside them, or the extractor), store them.

Each article is stored in its own transaction, so one bad file never undoes
another, and a file whose bytes (and facts file) are unchanged is skipped
before it is even read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, select

from kb.errors import KbError
from kb.facts import Facts, facts_path_for, is_facts_file, read_facts
from kb.readers import ARTICLE_SUFFIXES, read_article
from kb.readers.discover import find_articles
from kb.readers.document import Document
from kb.store import ArticleSource, T, facts_count, store_article, stored_hashes


@dataclass
class LoadReport:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    facts: int = 0
    errors: list[str] = field(default_factory=list)

    def count(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)


@dataclass(frozen=True)
class Prepared:
    """One article ready to store (made in a worker process when --jobs > 1)."""

    source: ArticleSource
    facts: Facts


def content_hash(article: Path) -> str:
    """Hash of the article's bytes and, when present, its facts file's bytes."""
    try:
        digest = hashlib.sha256(article.read_bytes())
    except FileNotFoundError:
        raise KbError(f"{article}: no such file") from None
    except OSError as exc:
        raise KbError(f"{article}: cannot read: {exc.strerror}") from None
    curated = facts_path_for(article)
    if curated.exists():
        digest.update(b"\0facts\0" + curated.read_bytes())
    return digest.hexdigest()


def prepare(article: Path, digest: str | None = None) -> Prepared:
    """Read an article and get its facts: the curated file beside it, else the extractor's reading."""
    if is_facts_file(article):
        stem = article.name.removesuffix(".facts.yaml")
        raise KbError(f"{article}: a facts file with no article beside it (expected {stem}.txt, .md, .html or .json)")
    if article.suffix.lower() not in ARTICLE_SUFFIXES:
        raise KbError(f"{article}: not an article file (expected {', '.join(ARTICLE_SUFFIXES)})")
    digest = digest or content_hash(article)
    document = read_article(article)
    curated = facts_path_for(article)
    if curated.exists():
        facts = read_facts(curated)
        if facts.article.file != article.name:
            raise KbError(f"{curated}: article.file: says {facts.article.file!r}, but the file sits beside "
                          f"{article.name!r} (a facts file is named after its article and describes it)")
        facts = _with_document_metadata(facts, document)
        origin, version = "curated", None
    else:
        from kb.extract import EXTRACTOR_NAME, EXTRACTOR_VERSION, extract

        facts = extract(document)
        origin, version = "extracted", f"{EXTRACTOR_NAME} {EXTRACTOR_VERSION}"
    source = ArticleSource(source_path=str(article.resolve()), file_name=article.name, content_hash=digest,
                           facts_origin=origin, extractor_version=version, body=document.text)
    return Prepared(source, facts)


def _with_document_metadata(facts: Facts, document: Document) -> Facts:
    """A curated file is authoritative, but metadata it leaves out is taken from the article itself."""
    info = facts.article.model_copy()
    for key in ("title", "publisher", "author", "published", "url"):
        if getattr(info, key) is None:
            setattr(info, key, getattr(document, key))
    return facts.model_copy(update={"article": info})


def _prepare_or_error(job: tuple[Path, str]) -> Prepared | str:
    try:
        return prepare(*job)
    except KbError as exc:
        return str(exc)


def load_paths(engine: Engine, paths: list[Path], *, jobs: int = 1,
               progress: Callable[[Path], None] | None = None) -> LoadReport:
    report = LoadReport()
    pending: list[tuple[Path, str]] = []
    with engine.connect() as conn:
        stored = stored_hashes(conn)
    for article in find_articles(paths):
        try:
            digest = content_hash(article)
        except KbError as exc:
            _fail(report, str(exc), article, progress)
            continue
        if stored.get(str(article.resolve())) == digest:
            report.count("unchanged")
            if progress:
                progress(article)
            continue
        pending.append((article, digest))
    for (article, _), result in zip(pending, _prepared(pending, jobs), strict=True):
        if isinstance(result, str):
            _fail(report, result, article, progress)
            continue
        try:
            with engine.begin() as conn:
                status = store_article(conn, result.source, result.facts)
        except KbError as exc:
            _fail(report, str(exc), article, progress)
            continue
        report.count(status)
        report.facts += facts_count(result.facts) if status != "unchanged" else 0
        if progress:
            progress(article)
    return report


def _prepared(pending: list[tuple[Path, str]], jobs: int) -> Iterator[Prepared | str]:
    if jobs <= 1 or len(pending) < 2:
        yield from (_prepare_or_error(job) for job in pending)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_prepare_or_error, pending, chunksize=8)


def _fail(report: LoadReport, message: str, article: Path, progress: Callable[[Path], None] | None) -> None:
    report.failed += 1
    report.errors.append(message)
    if progress:
        progress(article)


def reextract_all(engine: Engine, *, progress: Callable[[str], None] | None = None) -> LoadReport:
    """Read every stored, extracted article again with the current extractor and reconcile.

    Articles whose facts came from a curated file keep them; curated decisions
    (merges, renames, aliases) live in their own tables and are applied again
    as the rows are re-derived.
    """
    from kb.extract import EXTRACTOR_NAME, EXTRACTOR_VERSION, extract

    report = LoadReport()
    art = T["article"]
    with engine.connect() as conn:
        rows = list(conn.execute(select(art).where(art.c.facts_origin == "extracted").order_by(art.c.id)))
    version = f"{EXTRACTOR_NAME} {EXTRACTOR_VERSION}"
    for row in rows:
        document = Document(path=Path(row.source_path), text=row.body, title=row.title, publisher=row.publisher,
                            author=row.author, published=row.published, url=row.url, language=row.language)
        facts = extract(document)
        source = ArticleSource(source_path=row.source_path, file_name=row.file_name,
                               content_hash=row.content_hash, facts_origin="extracted",
                               extractor_version=version, body=row.body)
        with engine.begin() as conn:
            status = store_article(conn, source, facts, force=True)
        report.count(status)
        report.facts += facts_count(facts)
        if progress:
            progress(row.file_name)
    return report
