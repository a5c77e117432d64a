"""Shared fixtures: a fresh database per test, on SQLite always and on PostgreSQL when configured.

PostgreSQL tests run when KB_TEST_POSTGRES_URL points at a server (CI sets
it); each test gets its own schema, dropped afterwards. Locally, without the
variable, they are skipped with a message saying so; under CI a missing
variable is an error, never a silent skip.

`url` starts SQLite databases from a template migrated once per module;
`loaded` is one database per engine with tests/data/corpus loaded, shared by
the tests of a module that only read it. Helper functions (`kb`, `load`,
`query`, `rows`, PostgreSQL scratch schemas) are in helpers.py.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import CORPUS, kb, postgres_schema

from kb.db import open_database, sqlite_path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seed"


def pytest_configure(config: pytest.Config) -> None:
    """The tests read piped tables at kb's piped width (200 columns unless COLUMNS says otherwise); pytest-xdist's
    workers are handed COLUMNS=80 from the terminal, which would wrap them."""
    os.environ.pop("COLUMNS", None)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'kb.db'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with postgres_schema() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest) -> str:
    """A URL of a new, empty database on each engine."""
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture(scope="module")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite database migrated once (by the migrations); each test gets its own copy."""
    path = tmp_path_factory.mktemp("template") / "kb.db"
    open_database(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture
def url(db_url: str, request: pytest.FixtureRequest) -> str:
    """The test's own database on each engine (SQLite ones start from the migrated template)."""
    path = sqlite_path(db_url)
    if path is not None:
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
    return db_url


@pytest.fixture
def second_url(url: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """Another empty database on the same engine as `url`."""
    if sqlite_path(url) is not None:
        path = tmp_path / "second.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    with postgres_schema() as other:
        yield other


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def loaded(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One database per engine with tests/data/corpus loaded, shared by a module's tests, which only read it."""
    folder = tmp_path_factory.mktemp("loaded")
    shutil.copytree(CORPUS, folder / "articles")
    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'kb.db'}"
        kb("load", folder / "articles", "--db", url)
        yield url
        return
    with postgres_schema() as url:
        kb("load", folder / "articles", "--db", url)
        yield url
