"""`kb db current|history|upgrade|downgrade` on both engines, and databases at another revision refused."""

from __future__ import annotations

import json

import pytest
from alembic.script import ScriptDirectory
from helpers import CORPUS, kb
from sqlalchemy import inspect, text

from kb.db import alembic_config, head_revision, make_engine


def shown_url(url: str) -> str:
    engine = make_engine(url)
    try:
        return engine.url.render_as_string()
    finally:
        engine.dispose()


def revisions() -> list[str]:
    """Every revision id, newest first."""
    return [s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()]


def tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return set(inspect(conn).get_table_names()) | set(inspect(conn).get_view_names())
    finally:
        engine.dispose()


def test_current_on_a_new_database(db_url: str) -> None:
    result = kb("db", "current", "--db", db_url)
    assert result.stdout == f"{shown_url(db_url)}: revision none (empty) (head is {head_revision()})\n"


def test_upgrade_to_head_then_current(db_url: str) -> None:
    head = head_revision()
    line = f"{shown_url(db_url)}: revision {head} (head)\n"
    assert kb("db", "upgrade", "--db", db_url).stdout.endswith(line)
    assert kb("db", "current", "--db", db_url).stdout == line
    assert kb("db", "upgrade", "head", "--db", db_url).stdout.endswith(line)  # again: nothing to do
    assert {"article", "agency", "agreement", "agreement_overview", "evidence_overview"} <= tables(db_url)


def test_history_lists_every_revision_newest_first() -> None:
    lines = kb("db", "history").stdout.splitlines()
    assert [line.split()[0] for line in lines] == revisions()
    assert lines[0].startswith(f"{head_revision()}  ")
    assert lines[-1] == "0001  create core tables"
    assert all(len(line.split("  ", 1)) == 2 and line.split("  ", 1)[1] for line in lines)


def test_an_older_database_is_refused_until_upgraded(db_url: str) -> None:
    kb("load", CORPUS, "--db", db_url)
    previous = revisions()[1]
    down = kb("db", "downgrade", "--db", db_url, "--", "-1")
    assert down.stdout.endswith(f"{shown_url(db_url)}: revision {previous} (head is {head_revision()})\n")
    refusal = (f"Error: the database {shown_url(db_url)} is at revision {previous}, this kb needs "
               f"{head_revision()}: run `kb db upgrade` (back it up first)\n")
    for command in (["query", "agreements"], ["query", "articles"], ["show", "agency", "1"],
                    ["sql", "SELECT 1 AS one"], ["load", CORPUS]):
        result = kb(*command, "--db", db_url, code=1)
        assert result.stderr == refusal, command
        assert result.stdout == ""
    kb("db", "upgrade", "--db", db_url)
    assert len(json.loads(kb("query", "articles", "--db", db_url, "-f", "json").stdout)) == 4
    again = kb("load", CORPUS, "--db", db_url)
    assert "4 articles: 0 new, 0 updated, 4 unchanged, 0 failed; 0 facts stored" in again.stdout


def test_downgrade_by_revision_id(db_url: str) -> None:
    kb("db", "upgrade", "--db", db_url)
    result = kb("db", "downgrade", "0001", "--db", db_url)
    assert result.stdout.endswith(f": revision 0001 (head is {head_revision()})\n")
    assert "country" in tables(db_url) and "agreement_overview" not in tables(db_url)
    assert kb("db", "upgrade", "--db", db_url).stdout.endswith(f": revision {head_revision()} (head)\n")


def test_a_loaded_database_goes_down_to_base_and_up_again(db_url: str) -> None:
    kb("load", CORPUS, "--db", db_url)
    result = kb("db", "downgrade", "base", "--yes", "--db", db_url)
    assert result.stdout.startswith("deleted 191 rows (claim 98, evidence 28, match_decision 22, ")
    assert result.stdout.endswith(f"{shown_url(db_url)}: revision none (empty) (head is {head_revision()})\n")
    assert tables(db_url) <= {"alembic_version"}
    kb("db", "upgrade", "--db", db_url)
    assert json.loads(kb("query", "articles", "--db", db_url, "-f", "json").stdout) == []
    assert "4 articles: 4 new" in kb("load", CORPUS, "--db", db_url).stdout


def test_a_database_kb_did_not_make_is_refused(db_url: str) -> None:
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE notes (body TEXT)"))
    engine.dispose()
    result = kb("query", "agencies", "--db", db_url, code=1)
    assert result.stderr == (f"Error: the database {shown_url(db_url)} is at no kb revision, this kb needs "
                             f"{head_revision()}: run `kb db upgrade` (back it up first)\n")


def test_downgrade_minus_one_as_the_help_shows(db_url: str) -> None:
    kb("db", "upgrade", "--db", db_url)
    result = kb("db", "downgrade", "-1", "--db", db_url)
    assert result.stdout.endswith(f"{shown_url(db_url)}: revision {revisions()[1]} (head is {head_revision()})\n")


@pytest.mark.parametrize("direction", ["upgrade", "downgrade"])
def test_unknown_revision_is_a_clear_error(db_url: str, direction: str) -> None:
    kb("db", "upgrade", "--db", db_url)
    result = kb("db", direction, "nonsense", "--db", db_url, code=1)
    assert result.stderr == f"Error: {direction} nonsense: Can't locate revision identified by 'nonsense'\n"
    assert kb("db", "current", "--db", db_url).stdout.endswith(f"revision {head_revision()} (head)\n")


def test_bad_database_url_is_a_clear_error() -> None:
    result = kb("db", "current", "--db", "nonsense", code=1)
    assert result.stderr == ("Error: not a database URL: 'nonsense' (expected e.g. sqlite:///kb.db or "
                             "postgresql+psycopg://user@host/db)\n")


def test_downgrade_needs_a_revision(db_url: str) -> None:
    assert "Usage: kb db downgrade" in kb("db", "downgrade", "--db", db_url, code=2).output
