"""News-API records saved as JSON: one article per file, in the common field spellings."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from kb.errors import ReadError
from kb.files import MAX_FILE_BYTES
from kb.readers.cleaning import clean_page
from kb.readers.common import build, read_text, without_controls
from kb.readers.document import Document

_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "full_text", "fulltext", "article_body", "articleBody", "maintext"),
    "title": ("title", "headline"),
    "published": (
        "published_at", "publishedAt", "published", "date", "pubDate", "datePublished",
        "date_published", "publish_date", "pub_date", "created_at", "time",
    ),
    "author": ("author", "authors", "byline", "creator"),
    "publisher": ("source", "source_name", "publisher", "site_name", "sitename", "site", "outlet"),
    "url": ("url", "link", "source_url", "canonical_url"),
    "language": ("language", "lang"),
}  # fmt: skip
_WRAPPERS = ("article", "articles", "data", "results", "items", "records")
_TRUNCATED = re.compile(r"\s*(?:…|\.\.\.)?\s*\[\+\d+ chars\]\s*$")  # NewsAPI's cut-off marker
_BLOCK_TAG = re.compile(r"<\s*(?:br|/p|/div|/h\d|/li|/blockquote|/figcaption|/tr)\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]+>")  # ends at the next "<" too: "[^>]+" made unclosed tags quadratic
_LOOKS_HTML = re.compile(r"<\s*(?:p|div|br|span|a|h\d)\b", re.IGNORECASE)


def _record(path: Path, data: Any) -> dict[str, Any]:
    """The one article record of the file, unwrapping `{"articles": [...]}` and one-item lists."""
    for _ in range(3):
        if isinstance(data, list):
            if len(data) != 1:
                raise ReadError(f"{path}: expected one article record, found a list of {len(data)}")
            data = data[0]
        elif isinstance(data, dict) and not _has_text_key(data):
            inner = next((data[k] for k in _WRAPPERS if isinstance(data.get(k), dict | list)), None)
            if inner is None:
                break
            data = inner
        else:
            break
    if not isinstance(data, dict):
        raise ReadError(f"{path}: expected a JSON object with the article's fields")
    return data


def _has_text_key(data: dict[str, Any]) -> bool:
    return any(k in data for k in _FIELDS["text"])


def _field(record: dict[str, Any], name: str) -> Any:
    for key in _FIELDS[name]:
        value = record.get(key)
        if isinstance(value, dict):
            value = value.get("name") or value.get("title") or value.get("id")
        elif isinstance(value, list):
            names = [v.get("name") if isinstance(v, dict) else v for v in value]
            value = ", ".join(str(v) for v in names if v) or None
        if value not in (None, ""):
            return value
    return None


def _plain(text: str) -> str:
    """HTML markup some APIs leave in the body → text with paragraph breaks."""
    if _LOOKS_HTML.search(text):
        import html

        text = html.unescape(_TAG.sub("", _BLOCK_TAG.sub("\n\n", text)))
    return _untruncated(text)


def _untruncated(text: str) -> str:
    """The text without NewsAPI's trailing "… [+123 chars]".

    Looked for in the last characters only: searched over the whole text, the
    pattern's leading `\\s*` made long runs of spaces quadratic.
    """
    body = text.rstrip()
    m = _TRUNCATED.search(body, max(0, len(body) - 100))
    return body[:m.start()].rstrip() if m else text


def read_json(path: Path, max_bytes: int = MAX_FILE_BYTES) -> Document:
    try:
        data = json.loads(read_text(path, max_bytes))
    except json.JSONDecodeError as exc:
        raise ReadError(f"{path}: invalid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})") from None
    except RecursionError:
        raise ReadError(f"{path}: JSON nested too deeply to be an article record") from None
    record = _record(path, data)
    body = _field(record, "text")
    if not isinstance(body, str) or not body.strip():
        raise ReadError(f"{path}: the JSON record has no article text (expected a 'text' or 'content' field)")
    title = _str(_field(record, "title"))
    page = clean_page(_plain(without_controls(body)), title=title)
    return build(
        path,
        page,
        title=title,
        publisher=_str(_field(record, "publisher")),
        author=_str(_field(record, "author")),
        published=_field(record, "published"),
        url=_str(_field(record, "url")),
        language=_str(_field(record, "language")),
    )


def _str(value: Any) -> str | None:
    return str(value) if value is not None and not isinstance(value, bool) else None
