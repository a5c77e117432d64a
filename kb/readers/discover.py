"""Finding the article files in the paths a user names, and saying what among them cannot be one.

Folders are walked without following links to other folders; hidden names
(`.git`, `.cache.txt`) are passed over. A missing path, a broken link, a
named pipe, a device, a socket, a folder named like an article and a facts
file with no article beside it are each reported as one problem line and
never opened: opening a pipe for reading waits for a writer forever.
Anything else that is not an article (notes.yaml, a PDF) in a folder is
passed over quietly; named directly, it is reported.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kb.files import refusal
from kb.readers import ARTICLE_SUFFIXES, FACTS_SUFFIX


@dataclass
class Found:
    """Article files to read, each once, and one "PATH: problem" line per path that could not be one."""

    articles: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def discover(paths: Iterable[Path]) -> Found:
    found = Found()
    seen: set[Path] = set()
    for path, problem in _walk(Path(p) for p in paths):
        if problem:
            found.problems.append(f"{path}: {problem}")
            continue
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            found.articles.append(path)
    return found


def _walk(paths: Iterable[Path]) -> Iterator[tuple[Path, str | None]]:
    for path in paths:
        if not os.path.lexists(path):
            yield path, "no such file or folder"
        elif path.is_dir():
            yield from _folder(path)
        elif path.name.endswith(FACTS_SUFFIX):
            yield _article_beside(path)
        elif refusal(path):
            yield path, refusal(path)
        elif path.suffix.lower() not in ARTICLE_SUFFIXES:
            yield path, f"not an article file (expected {', '.join(ARTICLE_SUFFIXES)})"
        else:
            yield path, None


def _folder(root: Path) -> Iterator[tuple[Path, str | None]]:
    unreadable: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=unreadable.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # links to folders are listed, never walked
        base = Path(folder)
        entries = [(base / d, True) for d in dirs if _named_like_article(d)]
        entries += [(base / f, False) for f in files if not f.startswith(".")]
        for path, is_folder in sorted(entries):
            if is_folder:
                yield path, ("is a link to a folder, not an article file; not followed" if path.is_symlink()
                             else "is a folder, not an article file (the articles inside it are read)")
            elif path.name.endswith(FACTS_SUFFIX):
                orphan = _article_beside(path)
                if orphan[1]:
                    yield orphan
            elif _named_like_article(path.name):
                yield path, refusal(path)
        while unreadable:
            error = unreadable.pop()
            yield Path(error.filename or folder), f"cannot be read ({error.strerror or error})"


def _named_like_article(name: str) -> bool:
    return name.lower().endswith(ARTICLE_SUFFIXES) and not name.endswith(FACTS_SUFFIX)


def _article_beside(facts: Path) -> tuple[Path, str | None]:
    """The article a facts file stands for, or the facts file with the problem of having none."""
    stem = facts.name.removesuffix(FACTS_SUFFIX)
    for suffix in ARTICLE_SUFFIXES:
        article = facts.with_name(stem + suffix)
        if os.path.lexists(article):
            return article, refusal(article)
    return facts, f"a facts file with no article beside it (expected {stem}.txt, .md, .html or .json)"
