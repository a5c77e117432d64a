"""pytest-alembic's built-in migration tests, on SQLite and on PostgreSQL.

single head, upgrade from empty to head, the models match what the migrations
build (autogenerate finds nothing), every revision's downgrade undoes its
upgrade, and a downgrade leaves no trace. The plugin's own collection is off
(pyproject.toml: `-p no:pytest_alembic`), so the tests and the fixture that
runs them are imported here; `alembic_engine` and `alembic_config` are kb's.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import postgres_schema
from pytest_alembic.plugin.fixtures import alembic_runner
from pytest_alembic.tests import (
    test_model_definitions_match_ddl,
    test_single_head_revision,
    test_up_down_consistency,
    test_upgrade,
)
from pytest_alembic.tests.experimental import test_downgrade_leaves_no_trace
from sqlalchemy import Engine

from kb.db import alembic_config as kb_alembic_config
from kb.db import make_engine

__all__ = [
    "alembic_runner",
    "test_downgrade_leaves_no_trace",
    "test_model_definitions_match_ddl",
    "test_single_head_revision",
    "test_up_down_consistency",
    "test_upgrade",
]


@pytest.fixture(params=["sqlite", "postgres"])
def alembic_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A new, empty database on each engine, made as kb makes them (pragmas, psycopg); env.py takes the Engine."""
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'kb.db'}")
        yield engine
        engine.dispose()
        return
    with postgres_schema() as url:
        engine = make_engine(url)
        yield engine
        engine.dispose()


@pytest.fixture
def alembic_config():  # type: ignore[no-untyped-def]
    """kb's own configuration: the migrations wherever this kb finds them."""
    return kb_alembic_config()
