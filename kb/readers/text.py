"""Plain-text articles: pages saved as text by a scraper, header and footer included."""

from __future__ import annotations

from pathlib import Path

from kb.files import MAX_FILE_BYTES
from kb.readers.cleaning import clean_page
from kb.readers.common import build, read_text
from kb.readers.document import Document


def read_text_article(path: Path, max_bytes: int = MAX_FILE_BYTES) -> Document:
    return build(path, clean_page(read_text(path, max_bytes)))
