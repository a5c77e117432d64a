"""`kb load`: find articles, get their facts (a curated file beside them, or the extractor), store them.

Every file is on its own: it is read and its facts made in a worker process
within a time and memory limit (isolation.py), and stored in its own
savepoint (articles are committed in batches: StoreBatch), so a bad, hostile
or slow file costs one line naming it — its savepoint rolled back, what was
stored before untouched — and the load goes on. A file whose bytes (and facts file) are unchanged is skipped before
it is even read.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from kb.candidates import Candidates
from kb.candidates import adopt as adopt_candidates
from kb.candidates import forget as forget_candidates
from kb.candidates import held as held_candidates
from kb.db import unwritten_since, write_mark, write_transaction
from kb.driver import ConnectionLost, DriverError
from kb.errors import DatabaseError, KbError
from kb.facts import Facts, facts_path_for
from kb.files import MAX_FILE_BYTES
from kb.isolation import Limits, Stopped, run_isolated
from kb.prepare import Hashes, Job, Prepared, hashes, prepare, warm_up
from kb.readers.discover import Found, discover
from kb.readers.document import Document
from kb.resolve import forget_curated
from kb.store import ArticleSource, Stored, T, facts_count, read_ahead, store_article, stored_hashes
from kb.store.held import drop as drop_held
from kb.store.held import held as held_rows
from kb.store.held import hold
from kb.store.held import release as release_held


@dataclass(frozen=True)
class InputLimits:
    """What one file may be: its size, and what reading and extracting it may take."""

    max_bytes: int = MAX_FILE_BYTES
    work: Limits = field(default_factory=Limits)


@dataclass
class LoadReport:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    facts: int = 0
    skipped: int = 0  # paths that are no article: missing, pipes, devices, broken links, lone facts files
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def count(self, status: str) -> None:
        setattr(self, status, getattr(self, status) + 1)

    @property
    def articles(self) -> int:
        return self.new + self.updated + self.unchanged + self.failed


def find_articles(paths: Iterable[Path]) -> Iterator[Path]:
    """Article files named directly or found in folders (sorted), each once; a facts file stands for its article."""
    yield from discover(paths).articles


def load_paths(engine: Engine, paths: list[Path], *, jobs: int = 1,
               progress: Callable[[Path], None] | None = None, limits: InputLimits = InputLimits()) -> LoadReport:
    return load_found(engine, discover(paths), jobs=jobs, progress=progress, limits=limits)


def load_found(engine: Engine, found: Found, *, jobs: int = 1,
               progress: Callable[[Path], None] | None = None, limits: InputLimits = InputLimits()) -> LoadReport:
    """Store the articles `discover` found; its problems are the report's first lines ("skipped")."""
    report = LoadReport()
    report.skipped, report.errors = len(found.problems), list(found.problems)
    read: list[Hashes | KbError] = []
    for article in found.articles:
        try:
            read.append(hashes(article, limits.max_bytes))
        except KbError as exc:
            read.append(exc)
    with engine.connect() as conn:
        stored = stored_hashes(conn, (h.content for h in read if isinstance(h, Hashes)))
    claimed: dict[int, str] = {}  # articles this run has stored or found unchanged, with their files
    pending: list[Job] = []
    for article, found_hashes in zip(found.articles, read, strict=True):
        if isinstance(found_hashes, KbError):
            _fail(report, str(found_hashes), article, progress)
            continue
        if found_hashes.content in stored:  # these very bytes are stored, from this folder or any other
            claimed.setdefault(stored[found_hashes.content], str(article))
            report.count("unchanged")
            if progress:
                progress(article)
            continue
        pending.append(Job(article, found_hashes, limits.max_bytes))
    if any(not os.path.lexists(facts_path_for(job.article)) for job in pending):
        warm_up()
    prepared = zip(pending, run_isolated(prepare, pending, workers=jobs, limits=limits.work, ahead=AHEAD_FILES),
                   strict=True)
    with StoreBatch(engine) as batch:
        while chunk := list(islice(prepared, AHEAD_FILES)):  # read by the workers while the last was stored
            batch.read_ahead([(_source(r), r.facts) for _, r in chunk if isinstance(r, Prepared)])
            for job, result in chunk:
                if isinstance(result, Prepared):
                    report.notes += result.notes
                    _store(batch, report, result, claimed)
                else:
                    report.failed += 1
                    report.errors.append(f"{job.article}: {result.reason}" if isinstance(result, Stopped) else result)
                if progress:
                    progress(job.article)
    return report


# Articles resolved at once (`StoreBatch.read_ahead`): the workers prepare the next ones meanwhile.
AHEAD_FILES = 32
# Allocations between two runs of the cycle collector's youngest generation while storing (Python's default 700).
GC_ALLOCATIONS = 20_000


def _source(prepared: Prepared) -> ArticleSource:
    return ArticleSource(source_path=str(prepared.article.resolve()), file_name=prepared.article.name,
                         content_hash=prepared.hashes.content, file_hash=prepared.hashes.file,
                         facts_origin=prepared.origin, extractor_version=prepared.extractor_version,
                         body=prepared.body, facts_json=prepared.facts_json)


def _store(batch: StoreBatch, report: LoadReport, prepared: Prepared, claimed: dict[int, str]) -> None:
    """Store one prepared article in its own savepoint; any failure is one line and a rollback of it alone."""
    outcome = batch.store(_source(prepared), prepared.facts, claimed=claimed)
    if isinstance(outcome, str):
        report.failed += 1
        report.errors.append(f"{prepared.article}: {outcome}")
        return
    claimed.setdefault(outcome.article_id, str(prepared.article))
    report.count(outcome.status)
    report.facts += facts_count(prepared.facts) if outcome.status != "unchanged" else 0


class StoreBatch:
    """Articles stored a batch per transaction, each in a savepoint of its own.

    A commit costs a disk flush (about 10–20 ms on SQLite here, more than storing a small article), so
    articles are committed together, after `max_seconds` or `max_articles`; a savepoint per article keeps
    per-file isolation: a refusal rolls back that article alone and the batch goes on. The write lock
    (`write_transaction`) is held for the batch, so other loaders wait at most about `max_seconds` (plus
    the time this load waits for its next article to be read). A kill loses the uncommitted batch, whose
    articles are new again on the next load. Use as a context manager: the last batch commits on exit,
    and nothing of an unfinished one is kept when the load stops with an exception.
    """

    def __init__(self, engine: Engine, *, max_seconds: float = 1.0, max_articles: int = 500) -> None:
        self.engine, self.max_seconds, self.max_articles = engine, max_seconds, max_articles
        self._open: ExitStack | None = None
        self._conn: Connection | None = None
        self._started = 0.0
        self._articles = 0
        self._kept: tuple[object, Candidates] | None = None  # the last batch's index of names, and its mark
        self._ahead = 0  # articles read ahead and not yet stored: the batch commits after them
        self._collecting: tuple[int, ...] | None = None  # the cycle collector's thresholds before (`__enter__`)

    def __enter__(self) -> StoreBatch:
        # Storing allocates hundreds of thousands of short-lived objects (rows held, answers kept), which
        # reference counting frees; Python's cycle collector, run every 700 allocations and now and then over
        # the whole heap, took 0.1-0.3 s of a 500-article load. It runs a thirtieth as often while storing.
        self._collecting = gc.get_threshold()
        gc.set_threshold(max(self._collecting[0], GC_ALLOCATIONS), *self._collecting[1:])
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: object) -> None:
        try:
            if kind is None:
                self.commit()
            elif self._open is not None:
                stack, self._open, self._conn = self._open, None, None
                stack.__exit__(kind, error, trace)  # rolls the unfinished batch back
        finally:
            if self._collecting is not None:
                gc.set_threshold(*self._collecting)
                self._collecting = None

    def store(self, source: ArticleSource, facts: Facts, **options: object) -> Stored | str:
        """Store one article; a one-line reason when it was refused (nothing of it is kept then)."""
        try:
            outcome = self._store(source, facts, **options)
        except ConnectionLost:
            raise  # the database went away: no use trying the next file
        except KbError as exc:
            return str(exc)
        except DBAPIError as exc:
            if exc.connection_invalidated:
                raise
            return f"the database refused it: {_first_line(exc)}"
        except (SQLAlchemyError, DriverError) as exc:
            return f"the database refused it: {_first_line(exc)}"
        except Exception as exc:  # a bug in kb, but one file's: say what it was and go on
            return f"unexpected error {type(exc).__name__}: {_first_line(exc)}"
        self._articles += 1
        self._ahead = max(0, self._ahead - 1)
        if not self._ahead and self._due():
            self.commit()
        return outcome

    def _due(self) -> bool:
        return self._open is not None and (self._articles >= self.max_articles
                                           or time.monotonic() - self._started >= self.max_seconds)

    def read_ahead(self, articles: list[tuple[ArticleSource, Facts]]) -> None:
        """Resolve these articles' lookups at once, before storing them one by one (`kb.store.read_ahead`); the
        batch commits after them, so what was read holds for each (the batch then runs past `max_articles` or
        `max_seconds` by at most their number). A read that fails is no file's fault: each article then reads
        for itself, in its own savepoint."""
        if not articles:
            return
        if self._due():
            self.commit()
        conn = self._connection()
        self._ahead = len(articles)
        rows = held_rows(conn)
        if rows is None:
            return
        try:
            with rows.aside():
                read_ahead(conn, articles)
        except ConnectionLost:
            raise
        except (SQLAlchemyError, DriverError):
            pass

    def _store(self, source: ArticleSource, facts: Facts, **options: object) -> Stored:
        conn = self._connection()
        rows = held_rows(conn)
        try:
            if rows is None:
                with conn.begin_nested():
                    return store_article(conn, source, facts, **options)  # type: ignore[arg-type]
            rows.savepoint()  # the database's savepoint opened before the article's first statement needing it
            outcome = store_article(conn, source, facts, **options)  # type: ignore[arg-type]
            rows.release_savepoint()
            return outcome
        except BaseException:
            forget_curated(conn)  # what the rolled-back article did to curation rows is undone
            forget_candidates(conn)  # and to the names of rows
            if rows is not None:
                rows.rollback()  # and its claims, evidence and decisions
            raise

    def _connection(self) -> Connection:
        if self._conn is None:
            self._open = ExitStack()
            self._conn = self._open.enter_context(write_transaction(self.engine))
            self._open.callback(drop_held, self._conn)  # on a rollback; written before a commit (below)
            hold(self._conn)  # claims, evidence and decisions written once per table for the batch
            self._started, self._articles = time.monotonic(), 0
            if self._kept is not None and unwritten_since(self._conn, self._kept[0]):
                adopt_candidates(self._conn, self._kept[1])  # no one wrote since the last batch: still true
            self._kept = None
        return self._conn

    def commit(self) -> None:
        if self._open is not None:
            conn = self._conn
            if conn is not None:
                try:
                    release_held(conn)  # the batch's rows, before the commit and its mark
                except DriverError as exc:  # checked as they were held: not one file's fault, so none is kept
                    error = DatabaseError(f"the batch's claims and evidence could not be written ({exc}); its "
                                          f"{self._articles} articles are not stored: load them again")
                    stack, self._open, self._conn = self._open, None, None
                    stack.__exit__(DatabaseError, error, None)  # rolls the batch back and ends its transaction
                    raise error from exc
            index = held_candidates(conn) if conn is not None else None
            mark = write_mark(conn) if index is not None and conn is not None else None
            stack, self._open, self._conn = self._open, None, None
            stack.close()
            self._kept = (mark, index) if index is not None else None  # kept only once committed


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return (text.splitlines() or [""])[0][:300]


def _fail(report: LoadReport, message: str, article: Path, progress: Callable[[Path], None] | None) -> None:
    report.failed += 1
    report.errors.append(message)
    if progress:
        progress(article)


# ---------------------------------------------------------------- re-extraction

@dataclass
class ReextractReport(LoadReport):
    curated: int = 0  # articles whose facts came from a facts file: left as they are
    extractor: str = ""


@dataclass(frozen=True)
class _StoredText:
    source_path: str
    body: str
    title: str | None
    publisher: str | None
    author: str | None
    published: str | None
    url: str | None
    language: str


def _reextract(row: _StoredText) -> Facts:
    from kb.prepare import extract_facts

    return extract_facts(Document(path=Path(row.source_path), text=row.body, title=row.title,
                                  publisher=row.publisher, author=row.author, published=row.published,
                                  url=row.url, language=row.language))


def reextract_all(engine: Engine, *, progress: Callable[[str], None] | None = None,
                  limits: InputLimits = InputLimits()) -> ReextractReport:
    """Read every stored, extracted article again with the current extractor and reconcile.

    Articles whose facts came from a curated file keep them; curated decisions
    (merges, renames, aliases) live in their own tables and are applied again
    as the rows are re-derived. An article whose facts come out the same is
    "unchanged" and its facts are not counted as stored.
    """
    from kb.extract import EXTRACTOR_NAME, EXTRACTOR_VERSION

    art = T["article"]
    with engine.connect() as conn:
        rows = list(conn.execute(select(art).where(art.c.facts_origin == "extracted").order_by(art.c.id)))
        curated = conn.execute(select(art.c.id).where(art.c.facts_origin != "extracted")).all()
    version = f"{EXTRACTOR_NAME} {EXTRACTOR_VERSION}"
    report = ReextractReport(curated=len(curated), extractor=version)
    if rows:
        warm_up()
    jobs = [_StoredText(r.source_path, r.body, r.title, r.publisher, r.author, r.published, r.url, r.language)
            for r in rows]
    with StoreBatch(engine) as batch:
        _reextract_rows(batch, report, rows, run_isolated(_reextract, jobs, limits=limits.work), progress)
    return report


def _reextract_rows(batch: StoreBatch, report: ReextractReport, rows: list, results: Iterable[Facts | Stopped],
                    progress: Callable[[str], None] | None) -> None:
    version = report.extractor
    for row, facts in zip(rows, results, strict=True):
        if isinstance(facts, Stopped):
            report.failed += 1
            report.errors.append(f"{row.source_path} (stored article {row.id}): {facts.reason}")
        else:
            source = ArticleSource(source_path=row.source_path, file_name=row.file_name,
                                   content_hash=row.content_hash, file_hash=row.file_hash,
                                   facts_origin="extracted",
                                   extractor_version=version, body=row.body)
            outcome = batch.store(source, facts, force=True, article_id=row.id)
            if isinstance(outcome, str):
                report.failed += 1
                report.errors.append(f"{row.source_path} (stored article {row.id}): {outcome}")
            else:
                report.count(outcome.status)
                report.facts += facts_count(facts) if outcome.status != "unchanged" else 0
        if progress:
            progress(row.file_name)
