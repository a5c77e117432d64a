"""What every reader shares: reading the file, and filling metadata from weaker sources."""

from __future__ import annotations

import re
from pathlib import Path

from kb.errors import ReadError
from kb.files import MAX_FILE_BYTES, read_regular_file
from kb.readers import publishers
from kb.readers.bylines import clean_author
from kb.readers.cleaning import Page, mentioned_publisher
from kb.readers.dates import date_from_filename, to_iso
from kb.readers.document import Document

_DOMAIN = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$", re.IGNORECASE)
_STEM_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}[-_]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]")  # and lone surrogates ("\\ud800" in JSON)


def read_bytes(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The file's bytes: a regular file only (never a pipe or device), at most `max_bytes`."""
    return read_regular_file(path, max_bytes)


def decode(path: Path, data: bytes) -> str:
    try:
        return without_controls(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ReadError(f"{path}: not UTF-8 text (bad byte at offset {exc.start})") from None


def without_controls(text: str) -> str:
    """The text without NUL, the other control characters no article holds (tabs and line breaks stay)
    and lone surrogates, which no database can encode.

    PostgreSQL refuses NUL in text, SQLite keeps it: dropped here, an article reads the same on both.
    """
    return _CONTROLS.sub("", text)


def read_text(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """The file as text; a ReadError for a missing, unreadable, oversized, non-UTF-8 or blank file."""
    text = decode(path, read_bytes(path, max_bytes))
    if not text.strip():
        raise ReadError(f"{path}: the file is empty")
    return text


def slug_publisher(path: Path) -> str | None:
    """The outlet named by a file name such as `2023-09-26-korea-herald-...`."""
    m = _STEM_DATE.match(path.stem)
    if not m:
        return None
    found = publishers.by_slug(path.stem[m.end() :])
    return found.name if found else None


def clean_str(value: object) -> str | None:
    """A metadata value as one tidy line, or None for blanks and non-strings."""
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def build(
    path: Path,
    page: Page,
    *,
    title: str | None = None,
    publisher: str | None = None,
    author: str | None = None,
    published: object = None,
    url: str | None = None,
    language: str | None = None,
) -> Document:
    """A Document from explicit metadata, falling back on what the page text shows.

    Publisher: explicit > the page's own site/byline/copyright lines > URL
    domain > file-name slug > a site's name alone atop the page > the outlet the
    body names as itself > a wire agency credited in the dateline. A wire is the
    author when no byline names one and another outlet publishes its copy.
    """
    if not page.text.strip():
        raise ReadError(f"{path}: no article text after removing page boilerplate")
    # Metadata from JSON, front matter or meta tags has not been through decode().
    title, publisher, author, url, language = (without_controls(v) if isinstance(v, str) else v
                                               for v in (title, publisher, author, url, language))
    published = without_controls(published) if isinstance(published, str) else published
    publisher = (
        _display(clean_str(publisher))
        or page.publisher
        or _name(publishers.by_url(url))
        or slug_publisher(path)
        or page.site_atop
        or mentioned_publisher(page.text)
        or page.wire  # a wire's own copy, filed under no other outlet's name
    )
    if publisher:  # "Infobae (English edition)": the edition noted in brackets is not the outlet's name
        publisher = _EDITION.sub("", publisher) or publisher
    author = clean_author(author) if isinstance(author, str) else None
    author = author or page.author
    if author is None and page.wire and page.wire != publisher:
        author = page.wire
    return Document(
        path=path,
        text=page.text,
        title=clean_str(title) or page.title,
        publisher=publisher,
        author=author,
        published=to_iso(published) or page.published or date_from_filename(path.stem),
        url=clean_str(url),
        language=(clean_str(language) or "en").lower()[:2],
    )


def _display(publisher: str | None) -> str | None:
    """A publisher given as a bare domain ("reuters.com") under the outlet's display name.

    Only all-lower-case values: "FreshFruitPortal.com" is how that outlet writes its name.
    """
    if publisher and publisher.islower() and _DOMAIN.match(publisher):
        return _name(publishers.by_domain(publisher)) or publisher
    return publisher


_EDITION = re.compile(r"\s*\((?:[A-Z][a-z]+\s+)?(?:edition|version|service|desk)\)\s*$|"
                      r"\s*\((?:in\s+)?(?:English|Spanish|French|Arabic|Russian|Portuguese|Chinese)\)\s*$", re.I)


def _name(outlet: publishers.Outlet | None) -> str | None:
    return outlet.name if outlet else None
