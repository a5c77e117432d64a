"""Markdown articles, with optional YAML front matter, turned into plain text."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from kb.errors import ReadError
from kb.readers.cleaning import clean_page
from kb.readers.common import build, read_text
from kb.readers.document import Document

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_LINK_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_AUTOLINK = re.compile(r"<(https?://[^>]+)>")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_|~~)(?=\S)(.+?)(?<=\S)\1")
_CODE = re.compile(r"`([^`]*)`")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_BULLET = re.compile(r"^\s{0,3}[*+]\s+")

_META_KEYS = {
    "title": ("title", "headline"),
    "published": ("date", "published", "published_at", "publishedAt", "pubdate", "datePublished"),
    "publisher": ("source", "publisher", "site", "site_name", "sitename", "outlet", "publication"),
    "author": ("author", "authors", "byline", "creator"),
    "url": ("url", "link", "canonical", "canonical_url", "source_url"),
    "language": ("language", "lang"),
}


def split_front_matter(path: Path, text: str) -> tuple[dict[str, Any], str]:
    """(front matter mapping, the rest) — an empty mapping when there is none."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        meta = yaml.load(m[1], Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        raise ReadError(f"{path}: invalid YAML front matter{where}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ReadError(f"{path}: front matter is not a mapping of keys to values")
    return meta, text[m.end() :]


def pick(meta: dict[str, Any], field: str) -> Any:
    """The first non-empty value among the usual spellings of a metadata field."""
    for name in _META_KEYS[field]:
        value = meta.get(name)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v) or None
        elif isinstance(value, dict):
            value = value.get("name") or value.get("title")
        if value not in (None, ""):
            return value
    return None


def _inline(line: str) -> str:
    line = _IMAGE.sub("", line)  # the caption that follows an image says more than its alt text
    line = _LINK.sub(r"\1", line)
    line = _REF_LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    line = _HTML_TAG.sub("", line)
    line = _CODE.sub(r"\1", line)
    for _ in range(2):  # nested emphasis: ***x***
        line = _EMPHASIS.sub(r"\2", line)
    return line.replace("\\", "")


def _table_row(line: str) -> str:
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    return " | ".join(_inline(c) for c in cells)


def to_plain(markdown: str) -> tuple[str, str | None]:
    """(plain text, first level-1 heading): markup removed, table rows kept as "a | b | c" lines."""
    out: list[str] = []
    h1: str | None = None
    in_fence = False
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            out.append(line)
            continue
        if _TABLE_RULE.match(line) or _LINK_DEF.match(line):
            continue
        heading = _HEADING.match(line)
        if heading:
            if h1 is None and line.lstrip().startswith("# "):
                h1 = _inline(heading[1])
            out.extend(["", _inline(heading[1]), ""])  # a heading is a paragraph of its own
            continue
        line = _QUOTE.sub("", line)
        line = _BULLET.sub("- ", line)
        out.append(_table_row(line) if line.lstrip().startswith("|") else _inline(line))
    return "\n".join(out), h1


def read_markdown(path: Path) -> Document:
    meta, body = split_front_matter(path, read_text(path))
    plain, h1 = to_plain(body)
    title = pick(meta, "title")
    title = str(title) if title is not None else h1
    page = clean_page(plain, title=title)
    return build(
        path,
        page,
        title=title,
        publisher=_str(pick(meta, "publisher")),
        author=_str(pick(meta, "author")),
        published=pick(meta, "published"),
        url=_str(pick(meta, "url")),
        language=_str(pick(meta, "language")),
    )


def _str(value: Any) -> str | None:
    return str(value) if value is not None else None
