"""A load holds its claims, evidence and decisions and writes them once per table for a batch
(`kb.store.held`): the same rows as writing each article's at once, and a file that fails still rolls back
alone, on both engines."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from test_concurrent_load import canonical_rows, copy_articles, corpus_articles
from test_load import dump_tables

import kb.load
import kb.store.article
from kb.db import open_database
from kb.driver import DriverError
from kb.errors import DatabaseError, KbError
from kb.load import LoadReport, load_paths
from kb.store.held import Held, held

CORPUS = Path(__file__).parent / "resolution_corpus"


def _load(url: str, folder: Path) -> LoadReport:
    engine = open_database(url)
    try:
        return load_paths(engine, [folder])
    finally:
        engine.dispose()


def test_held_rows_are_the_rows_written_article_by_article(url: str, second_url: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    report = _load(url, CORPUS)
    assert not report.failed, report.errors
    monkeypatch.setattr(kb.load, "hold", lambda conn: None)  # each article's rows written as it is stored
    report = _load(second_url, CORPUS)
    assert not report.failed, report.errors
    monkeypatch.undo()
    assert dump_tables(url) == dump_tables(second_url)  # ids included: written in the same order


def test_a_file_that_fails_rolls_back_alone_with_its_held_rows(url: str, second_url: str, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    articles = corpus_articles()
    bad = articles[len(articles) // 2]
    everything = copy_articles(articles, tmp_path / "all")
    without = copy_articles([a for a in articles if a != bad], tmp_path / "without")
    apply_facts = kb.store.article.apply_facts
    failed: list[int] = []

    def failing(conn: Any, article_id: int, facts: Any, touched: Any) -> Any:
        changed = apply_facts(conn, article_id, facts, touched)
        name = conn.execute(text("SELECT file_name FROM article WHERE id = :id"), {"id": article_id}).scalar_one()
        if name == bad.name:
            rows = held(conn)
            assert rows is not None and rows.rows["claim"]  # this article's claims and earlier ones are held
            failed.append(len(rows.rows["claim"]))
            rows.write()  # as a statement needing them would: earlier articles' rows written in this savepoint
            raise KbError("refused on purpose")
        return changed

    monkeypatch.setattr(kb.store.article, "apply_facts", failing)
    report = _load(url, everything)
    monkeypatch.undo()
    assert report.failed == 1 and report.new == len(articles) - 1, report.errors
    assert report.errors == [f"{everything / bad.name}: refused on purpose"]
    assert failed  # the failure came after rows were held
    report = _load(second_url, without)
    assert not report.failed, report.errors
    assert canonical_rows(url) == canonical_rows(second_url)
    counts = {name: len(rows) for name, rows in dump_tables(url).items()}
    assert counts == {name: len(rows) for name, rows in dump_tables(second_url).items()}
    assert counts["claim"] and counts["evidence"] and counts["match_decision"]


def test_a_batch_that_stops_keeps_nothing_held(url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A load stopped by an error beyond one file (the connection lost) rolls its batch back, held rows too."""
    folder = copy_articles(corpus_articles()[:5], tmp_path / "five")
    apply_facts = kb.store.article.apply_facts
    stored: list[int] = []

    def stop_at_third(conn: Any, article_id: int, facts: Any, touched: Any) -> Any:
        stored.append(article_id)
        if len(stored) == 3:
            raise kb.load.ConnectionLost("the connection to the database was lost: on purpose")
        return apply_facts(conn, article_id, facts, touched)

    monkeypatch.setattr(kb.store.article, "apply_facts", stop_at_third)
    with pytest.raises(kb.load.ConnectionLost):
        _load(url, folder)
    monkeypatch.undo()
    assert not any(dump_tables(url)[name] for name in ("article", "claim", "evidence", "match_decision"))
    report = _load(url, folder)  # all new again, their rows whole
    assert report.new == 5 and not report.failed, report.errors
    shutil.rmtree(folder)


def test_a_batch_whose_held_rows_cannot_be_written_is_not_kept(url: str, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Held rows are checked as they are held; should their write still be refused, the load stops with one
    sentence and keeps nothing of the batch (its articles are new again), rather than articles without claims."""
    folder = copy_articles(corpus_articles()[:5], tmp_path / "five")

    def refused(self: Held) -> None:
        if any(self.rows.values()):
            raise DriverError("refused on purpose")

    monkeypatch.setattr(Held, "write", refused)
    with pytest.raises(DatabaseError, match=re.escape("could not be written (refused on purpose); its 5 articles "
                                                      "are not stored: load them again")):
        _load(url, folder)
    monkeypatch.undo()
    assert not any(dump_tables(url)[name] for name in ("article", "claim", "evidence", "match_decision"))
    report = _load(url, folder)
    assert report.new == 5 and not report.failed, report.errors
