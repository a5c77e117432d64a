"""Shared fixtures: a fresh database per test, on SQLite always and on PostgreSQL when configured.

PostgreSQL tests run when KB_TEST_POSTGRES_URL points at a server (CI sets
it); each test gets its own schema, dropped afterwards. Locally, without the
variable, they are skipped with a message saying so; under CI a missing
variable is an error, never a silent skip.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from kb.settings import database_url

POSTGRES_VARIABLE = "KB_TEST_POSTGRES_URL"
ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seed"


def postgres_base_url() -> str | None:
    url = os.environ.get(POSTGRES_VARIABLE)
    if not url and os.environ.get("CI"):
        pytest.fail(f"{POSTGRES_VARIABLE} is not set under CI: PostgreSQL tests must run there")
    return database_url(url) if url else None


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'kb.db'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
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


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest) -> str:
    """A URL of a new, empty database on each engine."""
    return request.getfixturevalue(f"{request.param}_url")
