"""The store's in-memory names of a country's rows (kb.candidates) stay what the database holds.

The resolver asks kb.candidates, not the database, for the names of a country's agencies and officials once a
transaction has read them; the store tells the index every row it makes, re-derives, joins or deletes. After a
whole batch of articles (the resolution corpus: folds, descriptors settled, names restored), the index must
answer exactly as a fresh read of the database would, on both engines.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.candidates import INDEXED, CountryNames, candidates
from kb.db import open_database
from kb.load import StoreBatch, load_paths

CORPUS = Path(__file__).parent / "resolution_corpus"


def _held_as_read(conn) -> list[str]:  # type: ignore[no-untyped-def]
    """Where the transaction's index differs from the database: one line per country and kind."""
    differences = []
    index = candidates(conn)
    for kind in sorted(INDEXED):
        held = index.of(kind)
        assert held is not None
        loaded = list(held.loaded)  # what the batch read and kept current (asking for others would read them)
        assert loaded, kind
        for country in sorted(loaded, key=str):
            mine = held.names(conn, country)
            fresh = CountryNames(kind).names(conn, country)
            if mine != fresh:
                differences.append(f"{kind} {country}: index {mine} database {fresh}")
    return differences


def test_the_index_holds_what_the_database_holds_after_a_batch(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    found: list[list[str]] = []
    commit = StoreBatch.commit

    def checked_commit(self: StoreBatch) -> None:
        if self._conn is not None:
            found.append(_held_as_read(self._conn))
        commit(self)

    monkeypatch.setattr(StoreBatch, "commit", checked_commit)
    # One batch for the whole corpus, so that every fold and restore happens under one index.
    monkeypatch.setattr(StoreBatch, "__init__", _one_batch(StoreBatch.__init__))
    engine = open_database(url)
    try:
        report = load_paths(engine, [CORPUS])
    finally:
        engine.dispose()
    assert report.failed == 0 and report.new > 40
    assert found and found[-1] == []


def _one_batch(init):  # type: ignore[no-untyped-def]
    def one(self, engine, **options):  # type: ignore[no-untyped-def]
        init(self, engine, max_seconds=3600.0, max_articles=10**6)
    return one
