"""What the store keeps in memory about rows (kb.candidates: names by country, agencies' claims counted) stays
what the database holds.

The resolver asks kb.candidates, not the database, for the names of a country's agencies and officials once a
transaction has read them; the store tells the index every row it makes, re-derives, joins or deletes. After a
whole batch of articles (the resolution corpus: folds, descriptors settled, names restored), the index must
answer exactly as a fresh read of the database would, on both engines.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from kb import descriptors
from kb.candidates import INDEXED, CountryNames, candidates
from kb.db import open_database
from kb.facts import read_facts
from kb.load import StoreBatch, load_paths
from kb.normalize import name_key
from kb.resolve import _country_cores
from kb.store import T
from kb.store.derive import _claims_statement
from kb.store.settle import _may_describe

CORPUS = Path(__file__).parent / "resolution_corpus"
# What the store makes of a country's names and the index keeps (`CountryNames.derived`), by the name it is kept as.
DERIVED = {"cores": _country_cores, "descriptors": _may_describe}


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
            for name, kept in held._derived.get(country, {}).items():  # made of the names, kept until they change
                again = DERIVED[name](fresh, country=country)
                if kept != again:
                    differences.append(f"{kind} {country}: {name} kept {kept} made afresh {again}")
    tallied = sorted(index.tallies.rows)
    assert tallied
    read: dict[int, list] = {rid: [] for rid in tallied}
    for rid, field_name, value, count, published in conn.execute(_claims_statement("agency"), {"ids": tallied}):
        read[rid].append((field_name, value, published, count))
    differences += [f"agency {rid}: tallied {index.tallies.get(rid)} read {read[rid]}" for rid in tallied
                    if index.tallies.get(rid) != read[rid]]
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


def _article(folder: Path, name: str, official: str) -> Path:
    """An article naming one official of Kazakhstan's revenue committee, with its facts file."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(f"{official} of the State Revenue Committee spoke in Astana.\n",
                                        encoding="utf-8")
    (folder / f"{name}.facts.yaml").write_text(
        "format: kb-facts/1\n"
        f"article: {{file: {name}.txt, title: {name}, published: '2024-01-0{len(name) % 9 + 1}'}}\n"
        "agencies: [{name: State Revenue Committee of Kazakhstan, country: KZ, kind: customs}]\n"
        f"officials: [{{name: {official}, country: KZ, title: chairman, "
        "agency: State Revenue Committee of Kazakhstan}]\n", encoding="utf-8")
    return folder / f"{name}.txt"


def test_a_batch_sees_what_another_writer_stored_since_its_last_commit(url: str, tmp_path: Path) -> None:
    """A load keeps its index of names from one batch to the next only when no one wrote in between: a person
    another loader stored meanwhile is found by the next batch through a spelling of the name (which only the
    index of the country's names finds), not made again."""
    from kb.prepare import Job, hashes, prepare
    from kb.store import ArticleSource

    def store(batch: StoreBatch, path: Path) -> None:
        prepared = prepare(Job(path, hashes(path, 10**6), 10**6))
        source = ArticleSource(source_path=str(path), file_name=path.name, content_hash=prepared.hashes.content,
                               file_hash=prepared.hashes.file, facts_origin=prepared.origin,
                               extractor_version=None, body=prepared.body)
        outcome = batch.store(source, prepared.facts)
        assert not isinstance(outcome, str), outcome

    first, other = open_database(url), open_database(url)
    try:
        with StoreBatch(first) as batch:
            store(batch, _article(tmp_path / "a", "first", "Nurlan Abenov"))
            batch.commit()
            assert batch._kept is not None  # the index of Kazakhstan's officials, kept for the next batch
            report = load_paths(other, [_article(tmp_path / "b", "second", "Bakhyt Ismailov")])
            assert report.new == 1
            store(batch, _article(tmp_path / "a", "third", "Bakhit Ismailov"))
        with first.connect() as conn:
            names = sorted(conn.execute(select(T["official"].c.name)).scalars())
    finally:
        first.dispose()
        other.dispose()
    assert names == ["Bakhyt Ismailov", "Nurlan Abenov"]


def test_a_batch_keeps_its_index_when_no_one_wrote(sqlite_url: str, tmp_path: Path) -> None:
    """SQLite (on PostgreSQL any write on the server in between counts, so a busy server reads afresh)."""
    engine = open_database(sqlite_url)
    try:
        load_paths(engine, [_article(tmp_path, "first", "Nurlan Abenov")])
        with StoreBatch(engine) as batch:
            conn = batch._connection()
            index = candidates(conn)
            batch.commit()
            assert batch._kept is not None and batch._kept[1] is index
            assert candidates(batch._connection()) is index
    finally:
        engine.dispose()


def test_a_name_key_that_cannot_be_a_descriptor_is_no_descriptors_name() -> None:
    """Settling skips a country none of whose name keys `may_describe`: so no name `topics` finds a descriptor
    may have a key it refuses (the names of the resolution corpus, in their own countries and in others)."""
    names = {(n, c) for facts in (read_facts(p) for p in sorted(CORPUS.glob("*.facts.yaml")))
             for a in facts.agencies for n in [a.name, *a.also] for c in {a.country, "CN", "PK", "GE"}}
    described = [(n, c) for n, c in sorted(names, key=str) if descriptors.topics(n, c) is not None]
    assert described  # the corpus has descriptors to check
    assert all(descriptors.may_describe(name_key(n), c) for n, c in described)
    assert not descriptors.may_describe(name_key("Korea Customs Service"), None)
