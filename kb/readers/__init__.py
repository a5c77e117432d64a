"""Article readers: one per file format, each returning a Document."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kb.errors import ReadError
from kb.files import MAX_FILE_BYTES
from kb.readers.document import Document

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json")
FACTS_SUFFIX = ".facts.yaml"

__all__ = ["ARTICLE_SUFFIXES", "Document", "is_article", "read_article"]


def is_article(path: Path) -> bool:
    """True for a file kb reads as an article (not a `*.facts.yaml` beside it)."""
    name = path.name.lower()
    return name.endswith(ARTICLE_SUFFIXES) and not name.endswith(FACTS_SUFFIX)


def _reader(suffix: str) -> Callable[[Path, int], Document] | None:
    # Imported here so that `import kb.readers` stays cheap (trafilatura is slow to load).
    if suffix == ".txt":
        from kb.readers.text import read_text_article

        return read_text_article
    if suffix == ".md":
        from kb.readers.markdown import read_markdown

        return read_markdown
    if suffix in (".html", ".htm"):
        from kb.readers.html import read_html

        return read_html
    if suffix == ".json":
        from kb.readers.jsonrecord import read_json

        return read_json
    return None


def read_article(path: Path, max_bytes: int = MAX_FILE_BYTES) -> Document:
    """Read one article file (at most `max_bytes`) into a Document; a ReadError names the file and the problem."""
    path = Path(path)
    reader = _reader(path.suffix.lower())
    if reader is None:
        expected = ", ".join(ARTICLE_SUFFIXES)
        raise ReadError(f"{path}: not an article file (expected one of {expected})")
    return reader(path, max_bytes)
