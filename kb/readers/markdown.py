"""Markdown articles, with optional YAML front matter, turned into plain text."""

from __future__ import annotations

import re
from bisect import bisect_left
from pathlib import Path
from typing import Any

import yaml

from kb import safe_yaml
from kb.errors import ReadError
from kb.files import MAX_FILE_BYTES
from kb.readers.cleaning import clean_page
from kb.readers.common import build, read_text
from kb.readers.document import Document

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*)$")  # closing #s are stripped in code: a regex for them was quadratic
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
# No bracket inside link text or address: a scan that may cross the next "[" made a line of
# unclosed links quadratic ("[a](b [a](b ...").
_IMAGE = re.compile(r"!\[([^\[\]]*)\]\([^()\[\]]*\)")
_LINK = re.compile(r"\[([^\[\]]+)\]\((?:[^()\[\]]|\([^()\[\]]*\))*\)")
_REF_LINK = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")
_LINK_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_AUTOLINK = re.compile(r"<(https?://[^<>\s]+)>")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_EMPHASIS_MARK = re.compile(r"\*\*|__|\*|_|~~")
_MARKS = ("**", "__", "*", "_", "~~")
_TRIED = {"**": ("**", "*"), "__": ("__", "_"), "*": ("*",), "_": ("_",), "~~": ("~~",)}  # in the regex's order
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
    try:
        meta = safe_yaml.load(m[1])
    except safe_yaml.AliasRefused as exc:  # a "billion laughs" front matter
        raise ReadError(f"{path}: invalid YAML front matter: {exc}") from None
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
        line = strip_emphasis(line)
    return line.replace("\\", "")


def strip_emphasis(line: str) -> str:
    """Emphasis markers removed, as `(\\*\\*|__|\\*|_|~~)(?=\\S)(.+?)(?<=\\S)\\1` replaced by its group 2 would.

    That regex scans to the end of the line from every marker that is never
    closed, so a line of unclosed markers took quadratic time. Here the
    closing candidates of each marker (positions after a non-space) are listed
    once, and each opening marker finds its first closer by bisection.
    """
    if "*" not in line and "_" not in line and "~~" not in line:
        return line
    closers = {mark: _all_starts(line, mark) for mark in _MARKS}
    out: list[str] = []
    done = 0
    found = _EMPHASIS_MARK.search(line)
    while found:
        i, match = found.start(), None
        for mark in _TRIED[found[0]]:
            inner = i + len(mark)
            if inner < len(line) and not line[inner].isspace():
                starts = closers[mark]
                k = bisect_left(starts, inner + 1)
                if k < len(starts):
                    match = (inner, starts[k], mark)
                    break
        if match is None:
            found = _EMPHASIS_MARK.search(line, i + 1)
            continue
        inner, close, mark = match
        out += [line[done:i], line[inner:close]]
        done = close + len(mark)
        found = _EMPHASIS_MARK.search(line, done)
    out.append(line[done:])
    return "".join(out)


def _all_starts(line: str, mark: str) -> list[int]:
    """Where `mark` starts right after a non-space character (overlapping starts included)."""
    starts, i = [], line.find(mark, 1)
    while i != -1:
        if not line[i - 1].isspace():
            starts.append(i)
        i = line.find(mark, i + 1)
    return starts


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
            words = heading[1].rstrip().rstrip("#").rstrip()  # "## Title ##" -> "Title"
            if h1 is None and line.lstrip().startswith("# "):
                h1 = _inline(words)
            out.extend(["", _inline(words), ""])  # a heading is a paragraph of its own
            continue
        line = _QUOTE.sub("", line)
        line = _BULLET.sub("- ", line)
        out.append(_table_row(line) if line.lstrip().startswith("|") else _inline(line))
    return "\n".join(out), h1


def read_markdown(path: Path, max_bytes: int = MAX_FILE_BYTES) -> Document:
    meta, body = split_front_matter(path, read_text(path, max_bytes))
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
