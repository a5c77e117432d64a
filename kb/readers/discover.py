"""Finding the article files among paths a user gives: files named directly, folders walked."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from kb.facts import is_facts_file
from kb.readers import ARTICLE_SUFFIXES


def find_articles(paths: Iterable[Path]) -> Iterator[Path]:
    """Article files named directly or found in folders (sorted), each once; a facts file stands for its article."""
    seen: set[Path] = set()
    for found in _walk(paths):
        key = found.resolve()
        if key not in seen:
            seen.add(key)
            yield found


def _walk(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and _is_article(p))
        elif is_facts_file(path):
            stem = path.name.removesuffix(".facts.yaml")
            matches = [path.with_name(stem + s) for s in ARTICLE_SUFFIXES if path.with_name(stem + s).exists()]
            yield matches[0] if matches else path
        else:
            yield path


def _is_article(path: Path) -> bool:
    return path.suffix.lower() in ARTICLE_SUFFIXES and not is_facts_file(path) and not path.name.startswith(".")
