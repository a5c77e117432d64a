"""Helpers shared by the benchmark scripts: the corpus to measure, the machine, printing tables."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))  # for `import generate_corpus` when run as a script


@contextmanager
def corpus(folder: Path | None, count: int, seed: int, *, with_facts: float = 0.0) -> Iterator[Path]:
    """The folder given, or a synthetic corpus generated into a temporary folder for the run."""
    if folder is not None:
        if not folder.is_dir():
            raise SystemExit(f"error: {folder}: not a folder")
        yield folder
        return
    from generate_corpus import write_corpus

    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        write_corpus(Path(tmp), count, seed, with_facts=with_facts)
        yield Path(tmp)


def article_paths(folder: Path) -> list[Path]:
    from kb.readers import is_article

    return sorted(p for p in folder.rglob("*") if p.is_file() and is_article(p) and not p.name.startswith("."))


def git_commit() -> str:
    """The commit measured; KB_BENCH_COMMIT names it when the tree is an export without .git."""
    if os.environ.get("KB_BENCH_COMMIT"):
        return os.environ["KB_BENCH_COMMIT"]
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "kb"], cwd=ROOT, capture_output=True,
                               text=True, check=True).stdout.strip()
        return out + (" (kb/ has uncommitted changes)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def header(title: str) -> str:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{title} — {date.today().isoformat()}, commit {git_commit()}, Python {platform.python_version()}, "
            f"{cores} cores, load average {load:.2f} at the end")


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table (readable in a terminal and pasteable into the README)."""
    cells = [[str(h) for h in headers], *[[_fmt(c) for c in row] for row in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(cells[0], widths, strict=True)) + " |",
             "| " + " | ".join("-" * w for w in widths) + " |"]
    for row in cells[1:]:
        lines.append("| " + " | ".join(c.rjust(w) if _numeric(c) else c.ljust(w)
                                       for c, w in zip(row, widths, strict=True)) + " |")
    return "\n".join(lines)


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.0f}" if value >= 100 else f"{value:,.2f}" if value < 10 else f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _numeric(cell: str) -> bool:
    return cell.replace(",", "").replace(".", "").replace("×", "").strip().isdigit()
