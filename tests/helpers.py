"""Helpers for the tests that run kb end to end: the `kb` command, its common calls, PostgreSQL scratch schemas.

Fixtures built on these live in conftest.py.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
import typer
import typer.testing
from sqlalchemy import create_engine, text
from typer.testing import CliRunner, Result

from kb.cli import app
from kb.db import make_engine
from kb.settings import database_url

POSTGRES_VARIABLE = "KB_TEST_POSTGRES_URL"
CORPUS = Path(__file__).parent / "data" / "corpus"

runner = CliRunner()
command = typer.main.get_command(app)


def kb(*args: object, code: int = 0) -> Result:
    """Run the kb command; never a traceback, always the expected exit code."""
    # Speed: typer's CliRunner rebuilds the whole click command tree on every call (~30 ms, hundreds of calls);
    # this hands it the tree built once above. It patches `typer.testing._get_command`, a private typer name.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typer.testing, "_get_command", lambda a: command if a is app else typer.main.get_command(a))
        result = runner.invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == code, result.output
    return result


def load(url: str, *paths: object, code: int = 0) -> Result:
    return kb("load", *paths, "--db", url, code=code)


def query(url: str, *args: str, code: int = 0) -> list[dict]:
    return json.loads(kb("query", *args, "--db", url, "-f", "json", code=code).stdout)


def rows(url: str, sql: str, **params: object) -> list[tuple]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql), params)]
    finally:
        engine.dispose()


def postgres_base_url() -> str | None:
    url = os.environ.get(POSTGRES_VARIABLE)
    if not url and os.environ.get("CI"):
        pytest.fail(f"{POSTGRES_VARIABLE} is not set under CI: PostgreSQL tests must run there")
    return database_url(url) if url else None


@contextmanager
def postgres_schema() -> Iterator[str]:
    """The URL of a new, empty schema on the test server, dropped afterwards; skips the test without a server."""
    base = postgres_base_url()
    if base is None:
        pytest.skip(f"{POSTGRES_VARIABLE} not set: PostgreSQL tests skipped locally")
    schema = f"kbtest_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
