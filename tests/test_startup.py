"""Instant commands: what each command imports, in a fresh interpreter, and the one-row revision check.

`kb --help` and `kb extract` never load the database stack; opening a database
at the head revision reads alembic_version and never loads Alembic (whose
migration scripts take a third of a second to read).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kb.db import HEAD_REVISION, head_revision, open_database

ROOT = Path(__file__).resolve().parent.parent
DATABASE_STACK = {"sqlalchemy", "alembic", "sqlmodel", "psycopg"}
# Runs the kb command in a new interpreter, then prints the top-level packages it imported.
RUN_KB = """
import atexit, sys
atexit.register(lambda: print("imported:", *sorted({m.split(".")[0] for m in sys.modules}), file=sys.stderr))
sys.argv = ["kb", *sys.argv[1:]]
from kb.cli import main
main()
"""


def imported_by(*args: str) -> set[str]:
    result = subprocess.run([sys.executable, "-c", RUN_KB, *args], capture_output=True, text=True, cwd=ROOT,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("imported:")]
    return set(line.split()[1:])


def test_help_imports_no_database_stack() -> None:
    assert imported_by("--help") & DATABASE_STACK == set()


def test_every_command_help_imports_no_database_stack() -> None:
    assert imported_by("query", "agreements", "--help") & DATABASE_STACK == set()
    assert imported_by("db", "--help") & DATABASE_STACK == set()


def test_extract_never_imports_the_database_stack(tmp_path: Path) -> None:
    assert imported_by("extract", str(ROOT / "seed"), "--out", str(tmp_path)) & DATABASE_STACK == set()
    assert list(tmp_path.glob("*.facts.yaml"))


def test_a_query_checks_the_revision_without_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    open_database(url).dispose()
    imported = imported_by("query", "agreements", "--db", url)
    assert "sqlalchemy" in imported
    assert "alembic" not in imported


def test_the_head_revision_kb_knows_is_alembics() -> None:
    """HEAD_REVISION saves reading every migration on every command; it must name the newest one."""
    assert head_revision() == HEAD_REVISION


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    """`kb sql … | head -1`: rows stream until the pipe closes, then kb stops quietly."""
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    open_database(url).dispose()
    endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n"
    command = [sys.executable, "-c", RUN_KB, "sql", endless, "--max-rows", "1000000", "-f", "csv", "--db", url]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()  # as `head -1` does
        errors = process.stderr.read().decode()
        process.wait(timeout=120)
    assert "Traceback" not in errors
    assert "Error" not in errors


def test_import_kb_loads_no_database_stack() -> None:
    """`import kb` for the front door: kb.open and the record types come when used, not at import."""
    probe = "import sys, kb; kb.open; kb.__version__; print(*sorted({m.split('.')[0] for m in sys.modules}))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert set(result.stdout.split()) & (DATABASE_STACK | {"typer", "rich", "yaml"}) == set()


def test_help_defers_the_rich_modules_kb_does_not_use() -> None:
    """`kb --help` formats with typer.rich_utils but loads neither rich.markdown nor rich.traceback (40 ms);
    the stand-ins it saw then are the real classes when used, and a later import gets the real module."""
    probe = """
import sys
sys.argv = ["kb", "--help"]
from kb.cli import main
try:
    main()
except SystemExit:
    pass
deferred = [name for name in ("rich.markdown", "rich.traceback") if name in sys.modules]
import typer.rich_utils as formatter
import rich.markdown, rich.traceback
assert type(formatter.Markdown("# title")) is rich.markdown.Markdown
assert formatter.Traceback.from_exception.__self__ is rich.traceback.Traceback
print("deferred:", *deferred, file=sys.stderr)
"""
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Usage: kb" in result.stdout
    assert result.stderr.strip() == "deferred:"
