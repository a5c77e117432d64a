"""The Alembic tree on both engines: empty → head, round trip, models = migrations, one head."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlmodel import SQLModel

from kb.db import alembic_config, current_revision, head_revision, make_engine, open_database, run_alembic
from kb.errors import DatabaseError

VIEWS = {"agreement_overview", "trade_flow_overview", "agency_overview", "position_overview", "evidence_overview"}


def test_single_head() -> None:
    assert len(ScriptDirectory.from_config(alembic_config()).get_heads()) == 1


def test_open_creates_and_migrates_a_new_database(db_url: str) -> None:
    engine = open_database(db_url)
    with engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        assert set(SQLModel.metadata.tables) <= set(inspect(conn).get_table_names())
        assert VIEWS.issubset(inspect(conn).get_view_names())
        assert conn.execute(text("SELECT count(*) FROM country")).scalar() >= 249
        assert conn.execute(text("SELECT name FROM country WHERE code = 'UZ'")).scalar() == "Uzbekistan"


def test_down_to_base_and_up_again(db_url: str) -> None:
    engine = open_database(db_url)
    run_alembic(engine, "downgrade", "base")
    with engine.connect() as conn:
        assert current_revision(conn) is None
        assert not (set(inspect(conn).get_table_names()) - {"alembic_version"})
    run_alembic(engine, "upgrade", "head")
    with engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        assert conn.execute(text("SELECT count(*) FROM country")).scalar() >= 249


def test_models_and_migrations_agree(db_url: str) -> None:
    engine = open_database(db_url)
    config = alembic_config(engine)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.check(config)  # raises when autogenerate finds any difference


def test_an_older_database_is_refused_with_the_upgrade_command(db_url: str) -> None:
    engine = make_engine(db_url)
    run_alembic(engine, "upgrade", "0001")
    with pytest.raises(DatabaseError, match=r"kb db upgrade"):
        open_database(db_url)
    run_alembic(engine, "upgrade", "head")
    open_database(db_url)


def test_0005_keeps_curation_decisions_and_adds_the_review_queue(db_url: str) -> None:
    engine = make_engine(db_url)
    run_alembic(engine, "upgrade", "0004")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO curation (action, record_kind, record_id, other_name, curator, decided_at) "
                          "VALUES ('merge', 'agency', 7, 'QazTrade', 'ana', '2026-01-02 03:04:05')"))
    run_alembic(engine, "upgrade", "0005")
    with engine.begin() as conn:
        assert conn.execute(text("SELECT action, record_id, other_name, other_id, effective FROM curation")).all() == [
            ("merge", 7, "QazTrade", None, None)]
        assert conn.execute(text("SELECT count(*) FROM match_candidate")).scalar() == 0
        assert {"other_id", "effective"} <= {c["name"] for c in inspect(conn).get_columns("curation")}
    run_alembic(engine, "downgrade", "0004")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT action, record_id, other_name FROM curation")).all() == [
            ("merge", 7, "QazTrade")]
        assert "match_candidate" not in inspect(conn).get_table_names()
        assert not {"other_id", "effective"} & {c["name"] for c in inspect(conn).get_columns("curation")}
    engine.dispose()


def test_the_alembic_command_works_in_a_checkout(db_url: str) -> None:
    """alembic.ini is for people who run `alembic` in a checkout: it finds the same tree and the same database
    (KB_DATABASE_URL), and `alembic check` finds the models and the migrations in agreement."""
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, KB_DATABASE_URL=db_url)
    for args in (["upgrade", "head"], ["check"]):
        result = subprocess.run([sys.executable, "-m", "alembic", "-c", str(root / "alembic.ini"), *args],
                                cwd=root, env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
    engine = make_engine(db_url)
    with engine.connect() as conn:
        assert current_revision(conn) == head_revision()
    engine.dispose()
