"""The reader's output: one article's clean body text and its metadata."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Document:
    """An article as read from a file.

    `text` is the clean body: no breadcrumbs, title line, byline, dateline-only
    lines, share/related boilerplate, and each repeated photo caption only once.
    Evidence spans are character offsets into `text`. `published` is an ISO
    date (`YYYY-MM-DD`) or None.
    """

    path: Path
    text: str
    title: str | None = None
    publisher: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    language: str = "en"
