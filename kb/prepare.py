"""One article file → what the store needs: its clean text and its facts, checked, or one line saying why not.

This is the work done per file in a worker process (see isolation.py): it
reads only regular files within the size limit, takes a curated facts file
beside the article when there is one (validated in full before anything is
written: dates, country codes, amounts, evidence spans within the text), else
runs the extractor. It never touches the database.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from kb.errors import KbError
from kb.facts import Facts, check_evidence, facts_path_for, read_facts, stored_json
from kb.files import MAX_FILE_BYTES, read_regular_file, size_text
from kb.readers import ARTICLE_SUFFIXES, read_article
from kb.readers.document import Document

# A text file this big that cleans down to under 1/20 of itself is worth a word (50 MB of one repeated
# paragraph becomes one paragraph: lines and paragraphs a page repeats are kept once).
_NOTICE_BYTES = 256 * 1024
_NOTICE_SHARE = 20


@dataclass(frozen=True)
class Hashes:
    """SHA-256 of the article file's bytes, and of those bytes with its facts file's."""

    file: str
    content: str


@dataclass(frozen=True)
class Job:
    """One article to prepare: its path, its hashes, the size limit."""

    article: Path
    hashes: Hashes | None = None
    max_bytes: int = MAX_FILE_BYTES


@dataclass(frozen=True)
class Prepared:
    """An article ready to store."""

    article: Path
    hashes: Hashes
    facts: Facts
    body: str
    origin: str  # "curated" or "extracted"
    extractor_version: str | None
    notes: list[str] = field(default_factory=list)
    facts_json: str | None = None  # the facts as the article row keeps them (`kb.facts.stored_json`)


def hashes(article: Path, max_bytes: int = MAX_FILE_BYTES) -> Hashes:
    """The article's hashes (both files read as regular files within the size limit)."""
    digest = hashlib.sha256(read_regular_file(article, max_bytes))
    file = digest.hexdigest()
    curated = facts_path_for(article)
    if os.path.lexists(curated):
        digest.update(b"\0facts\0" + read_regular_file(curated, max_bytes))
    return Hashes(file, digest.hexdigest())


def prepare(job: Job) -> Prepared | str:
    """The article's text and facts, or the one-line reason (naming the file) why it cannot be stored."""
    try:
        return _prepare(job)
    except KbError as exc:
        return str(exc)


def _prepare(job: Job) -> Prepared:
    article = job.article
    if article.suffix.lower() not in ARTICLE_SUFFIXES:
        raise KbError(f"{article}: not an article file (expected {', '.join(ARTICLE_SUFFIXES)})")
    document = read_article(article, job.max_bytes)
    curated = facts_path_for(article)
    if os.path.lexists(curated):
        facts = read_facts(curated, job.max_bytes)
        if facts.article.file != article.name:
            raise KbError(f"{curated}: article.file: says {facts.article.file!r}, but the file sits beside "
                          f"{article.name!r} (a facts file is named after its article and describes it)")
        check_evidence(facts, document.text, str(curated))
        facts, origin, version = _with_document_metadata(facts, document), "curated", None
    else:
        facts = extract_facts(document)
        origin, version = "extracted", f"{facts.extractor.name} {facts.extractor.version}" if facts.extractor else None
    assert job.hashes is not None
    return Prepared(article, job.hashes, facts, document.text, origin, version, _notices(article, document),
                    stored_json(facts))


def extract_facts(document: Document) -> Facts:
    from kb.extract import extract

    return extract(document)


def extract_file(job: Job) -> Facts | str:
    """The extractor's reading of one article file (for `kb extract`), or the line saying why there is none."""
    try:
        return extract_facts(read_article(job.article, job.max_bytes))
    except KbError as exc:
        return str(exc)


def warm_up() -> None:
    """Load the extractor's gazetteers and patterns once, before workers are forked, so each starts warm."""
    extract_facts(Document(path=Path("warm-up.txt"), text="Uzbekistan exported 250 tons of juice to Korea."))


def _with_document_metadata(facts: Facts, document: Document) -> Facts:
    """A curated file is authoritative, but metadata it leaves out is taken from the article itself."""
    info = facts.article.model_copy()
    for key in ("title", "publisher", "author", "published", "url"):
        if getattr(info, key) is None:
            setattr(info, key, getattr(document, key))
    return facts.model_copy(update={"article": info})


def _notices(article: Path, document: Document) -> list[str]:
    if article.suffix.lower() in (".html", ".htm"):
        return []  # markup is most of a web page
    size = article.stat().st_size
    body = len(document.text.encode("utf-8"))
    if size >= _NOTICE_BYTES and body * _NOTICE_SHARE < size:
        return [f"{article}: {size_text(size)} of text became a body of {len(document.text):,} characters "
                "(lines and paragraphs repeated in a page are kept once; page furniture is dropped)"]
    return []
