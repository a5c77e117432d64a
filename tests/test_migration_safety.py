"""Migrations that cannot strand a database: all or nothing, re-runnable, one migrator at a time,
and no downgrade that deletes rows without being asked to."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pycountry
import pytest
from helpers import CORPUS, kb, postgres_schema, rows
from kill_trials import revision
from sqlalchemy import text
from sqlalchemy.schema import CreateTable
from sqlmodel import SQLModel
from test_db_cli import tables
from test_load import summary, table_counts

from kb.db import COUNT_TABLES, head_revision, make_engine, run_alembic

ROOT = Path(__file__).resolve().parent.parent


def test_a_downgrade_that_deletes_rows_is_refused_without_yes(db_url: str) -> None:
    kb("load", CORPUS, "--db", db_url)
    before = table_counts(db_url)
    result = kb("db", "downgrade", "base", "--db", db_url, code=1)
    assert result.stderr == ("Error: downgrading to base would delete 191 rows (claim 98, evidence 28, "
                             "match_decision 22, agreement_party 10, agreement_signatory 6, agreement 5, position 5, "
                             "agency 4, article 4, alias 3, official 3, trade_flow 3); nothing was changed: back the "
                             "database up and run again with --yes to do it\n")
    assert result.stdout == ""
    # The dry run that counted them left everything as it was.
    assert revision(db_url) == head_revision()
    assert table_counts(db_url) == before
    assert "agreement_overview" in tables(db_url)


def test_a_downgrade_that_deletes_no_rows_needs_no_yes(db_url: str) -> None:
    kb("db", "upgrade", "--db", db_url)
    assert kb("db", "downgrade", "base", "--db", db_url).stdout.endswith("revision none (empty) "
                                                                        f"(head is {head_revision()})\n")


def test_country_migration_applies_again_after_a_downgrade_that_kept_used_countries(db_url: str) -> None:
    kb("load", CORPUS, "--db", db_url)
    articles = rows(db_url, "SELECT id, title FROM article ORDER BY id")
    kb("db", "downgrade", "0001", "--db", db_url)  # 0002 down keeps the countries agencies still use
    assert rows(db_url, "SELECT code FROM country ORDER BY code") == [("FJ",), ("IS",), ("PY",)]
    kb("db", "upgrade", "--db", db_url)
    assert revision(db_url) == head_revision()
    assert rows(db_url, "SELECT count(*) FROM country") == [(len(pycountry.countries),)]
    assert rows(db_url, "SELECT id, title FROM article ORDER BY id") == articles
    assert "4 unchanged" in summary(kb("load", CORPUS, "--db", db_url))


def test_every_step_down_and_up_again_keeps_the_data(db_url: str) -> None:
    kb("load", CORPUS, "--db", db_url)
    before = table_counts(db_url)
    for _ in range(len(list(_revisions())) - 1):
        kb("db", "downgrade", "-1", "--db", db_url)
        kb("db", "upgrade", "--db", db_url)
        kb("db", "downgrade", "-1", "--db", db_url)  # each step down, up, and down again
    kb("db", "upgrade", "--db", db_url)
    assert table_counts(db_url) == before


def _revisions() -> list[str]:
    from alembic.script import ScriptDirectory

    from kb.db import alembic_config

    return [s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()]


class _Exploding:
    """pycountry.countries, failing half-way through migration 0002."""

    first = list(pycountry.countries)[:10]

    def __iter__(self):  # type: ignore[no-untyped-def]
        yield from self.first
        raise RuntimeError("interrupted")


def test_a_migration_that_fails_half_way_leaves_a_new_database_empty(db_url: str,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    engine = make_engine(db_url)
    monkeypatch.setattr(pycountry, "countries", _Exploding())
    with pytest.raises(RuntimeError, match="interrupted"):
        run_alembic(engine, "upgrade", "head")  # 0001 created every table, then 0002 failed
    engine.dispose()
    assert tables(db_url) <= {"alembic_version"}  # none of 0001's tables survived: it was one transaction
    assert revision(db_url) is None
    monkeypatch.undo()
    result = kb("load", CORPUS, "--db", db_url)
    assert summary(result) == "4 articles: 4 new, 0 updated, 0 unchanged, 0 failed; 22 facts stored"


def test_a_half_built_schema_left_by_an_older_kb_is_rebuilt(db_url: str) -> None:
    """An older kb killed during its first migration on SQLite left tables without a revision."""
    engine = make_engine(db_url)
    with engine.begin() as conn:
        for name in ("country", "article", "agency", "official"):  # the tables alone, as 0001 began with them
            conn.execute(CreateTable(SQLModel.metadata.tables[name]))
        conn.execute(text("INSERT INTO country (code, name) VALUES ('IS', 'Iceland')"))
    engine.dispose()
    result = kb("load", CORPUS, "--db", db_url)
    assert summary(result) == "4 articles: 4 new, 0 updated, 0 unchanged, 0 failed; 22 facts stored"
    assert revision(db_url) == head_revision()


def test_a_schema_without_revision_that_holds_rows_is_left_alone(db_url: str) -> None:
    engine = make_engine(db_url)
    with engine.begin() as conn:
        for name in ("country", "curation"):
            conn.execute(CreateTable(SQLModel.metadata.tables[name]))
        conn.execute(text("INSERT INTO curation (action, record_kind, record_id, curator, decided_at) "
                          "VALUES ('rename', 'agency', 1, 'someone', '2024-01-01')"))
    engine.dispose()
    result = kb("load", CORPUS, "--db", db_url, code=1)
    assert "is at no kb revision" in result.stderr
    assert rows(db_url, "SELECT curator FROM curation") == [("someone",)]


# ---------------------------------------------------------------- two first loads at once

_AT_THE_SAME_TIME = """
import sys, time
from kb.cli import main
import kb.db, kb.load, kb.prepare  # imported before the start line, so both start migrating together
time.sleep(max(0.0, float(sys.argv[1]) - time.time()))
sys.argv = ["kb", *sys.argv[2:]]
main()
"""


def _start_together(url: str, folders: list[Path]) -> list[subprocess.CompletedProcess[str]]:
    start = time.time() + 6  # after both have imported kb, even on a busy machine
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", _AT_THE_SAME_TIME, str(start), "load", str(folder),
                               "--db", url], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for folder in folders]
    out = []
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=300)
        out.append(subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr))
    return out


@contextmanager
def _new_database(engine: str, tmp_path: Path) -> Iterator[str]:
    if engine == "sqlite":
        yield f"sqlite:///{tmp_path / 'new.db'}"
    else:
        with postgres_schema() as url:
            yield url


@pytest.mark.parametrize("engine", ["sqlite", "postgres"])
def test_two_loads_starting_together_on_a_new_database_both_succeed(engine: str, tmp_path: Path) -> None:
    folders = []
    for name, stem in (("one", "2021-04-10-north-wire-iceland-paraguay-customs"),
                       ("two", "2023-02-01-island-times-fiji-iceland-memorandum")):
        folder = tmp_path / name
        folder.mkdir()
        for suffix in (".txt", ".facts.yaml"):
            (folder / f"{stem}{suffix}").write_bytes((CORPUS / f"{stem}{suffix}").read_bytes())
        folders.append(folder)
    with _new_database(engine, tmp_path) as url:
        results = _start_together(url, folders)
        for result in results:
            assert result.returncode == 0, result.stderr
            assert result.stderr == ""
            assert "1 article: 1 new" in result.stdout
        assert rows(url, "SELECT count(*) FROM article") == [(2,)]
        assert revision(url) == head_revision()


def test_identity_columns_are_filled_for_articles_stored_before_0006(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    shutil.copytree(CORPUS, folder)
    facts = folder / "2021-04-10-north-wire-iceland-paraguay-customs.facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8").replace(
        "  published: '2021-04-10'\n", "  published: '2021-04-10'\n  url: HTTP://www.Example.org/a1/#top\n"),
        encoding="utf-8")
    kb("load", folder, "--db", db_url)
    before = table_counts(db_url, without=COUNT_TABLES)
    kb("db", "downgrade", "0005", "--db", db_url)  # columns go, no row does (but the claims' counts, derived: 0013)
    assert table_counts(db_url, without=COUNT_TABLES) == before
    kb("db", "upgrade", "--db", db_url)
    assert rows(db_url, "SELECT url_key FROM article WHERE url IS NOT NULL") == [("https://example.org/a1",)]
    assert rows(db_url, "SELECT count(*) FROM article WHERE file_hash IS NULL") == [(4,)]  # only a load knows it
    # Unchanged files are still found unchanged (by content_hash); storing again fills file_hash.
    assert "4 unchanged" in summary(kb("load", folder, "--db", db_url))
