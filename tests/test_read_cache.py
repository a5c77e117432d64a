"""What a load keeps of the database's answers for its transaction (`kb.driver.ReadCache`), its articles' rows
held for the batch, and the savepoints it opens only when an article needs one: on both engines."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update
from test_concurrent_load import copy_articles, corpus_articles
from test_load import dump_tables

import kb.driver
import kb.load
import kb.store.article
from kb.db import open_database, write_transaction
from kb.driver import driver
from kb.facts import Agreement
from kb.load import AHEAD_FILES, load_paths
from kb.resolve import (
    _by_key_statement,
    _column_by_id_statement,
    _names_of_statement,
    _parties_ahead,
    _party_params,
    _same_kind_and_parties,
)
from kb.store import T
from kb.store.derive import _existing_statement
from kb.store.held import Held, drop, hold
from kb.store.settle import _agencies_of_country, _kinds_of_agencies
from kb.store.tables import update_by_id

CORPUS = Path(__file__).parent / "resolution_corpus"


def _loaded(url: str) -> Any:
    engine = open_database(url)
    report = load_paths(engine, [CORPUS])
    assert not report.failed and report.new == len(corpus_articles()), report.errors
    return engine


@contextmanager
def _a_load_s_transaction(url: str, seen: _Seen) -> Iterator[Any]:
    """A connection of the loaded corpus's database inside a load's write transaction, rows held as a batch's
    are, with the statements seen so far forgotten."""
    engine = _loaded(url)
    seen.sql.clear()
    seen.params.clear()
    try:
        with write_transaction(engine) as conn:
            hold(conn)
            try:
                yield conn
            finally:
                drop(conn)
    finally:
        engine.dispose()


class _Seen:
    """The statements the driver runs (kb.driver.observers)."""

    def __init__(self) -> None:
        self.sql: list[str] = []
        self.params: list[Any] = []

    def __call__(self, sql: str, params: Any) -> None:
        self.sql.append(sql)
        self.params.append(params)


@pytest.fixture
def seen() -> Any:
    found = _Seen()
    kb.driver.observers.append(found)
    yield found
    kb.driver.observers.remove(found)


def test_a_kept_read_is_answered_until_a_statement_changes_a_table_it_reads(url: str, seen: _Seen) -> None:
    agency = T["agency"]
    with _a_load_s_transaction(url, seen) as conn:
        country, rid = conn.execute(select(agency.c.country_code, agency.c.id)
                                    .where(agency.c.country_code.is_not(None)).order_by(agency.c.id)).first()
        first = driver(conn).rows(_agencies_of_country(), {"country": country})
        assert rid in [r.id for r in first] and len(seen.sql) == 1
        assert driver(conn).rows(_agencies_of_country(), {"country": country}) == first
        assert len(seen.sql) == 1  # answered without the database
        conn.execute(update(T["claim"]).where(T["claim"].c.id == -1).values(value="x"))  # another table
        assert driver(conn).rows(_agencies_of_country(), {"country": country}) == first
        assert len(seen.sql) == 1
        conn.execute(update(agency).where(agency.c.id == rid).values(kind="customs"))  # a table it reads
        again = driver(conn).rows(_agencies_of_country(), {"country": country})
        assert len(seen.sql) == 2  # read again: the update is seen
        assert {r.id: r.kind for r in again}[rid] == "customs"


def test_kept_reads_take_an_update_of_agencies_by_id_as_the_database_would_answer(url: str, seen: _Seen) -> None:
    """The store's update of agencies by id (re-deriving them) is applied to the answers kept of the reads of
    agencies — a country's agencies, rows by name key, a row's values, its country and kind, its names — which
    then answer without a statement what reading them again gives: a row renamed and moved to another
    country leaves its old key and country and joins the new ones, among the others by id."""
    agency = T["agency"]
    with _a_load_s_transaction(url, seen) as conn:
        run = driver(conn)
        rows = conn.execute(select(agency.c.id, agency.c.name, agency.c.name_key, agency.c.country_code,
                                   agency.c.kind).where(agency.c.country_code.is_not(None)).order_by(agency.c.id)).all()
        moved = rows[0]
        other = next(r.country_code for r in rows if r.country_code != moved.country_code)
        untouched = next(r for r in rows if r.id != moved.id)
        ids = [moved.id, untouched.id]
        keys = [moved.name_key, untouched.name_key, "renamed customs agency"]
        reads = [(_agencies_of_country(), {"country": moved.country_code}),
                 (_agencies_of_country(), {"country": other}),
                 (_by_key_statement("agency"), {"keys": keys}), (_existing_statement("agency"), {"ids": ids}),
                 (_kinds_of_agencies(), {"ids": ids}), (_names_of_statement("agency"), {"ids": ids}),
                 (_column_by_id_statement("agency", "country_code"), {"ids": ids})]
        before = [run.rows(statement, params) for statement, params in reads]
        assert moved.id in [r.id for r in before[0]] and moved.id not in [r.id for r in before[1]]
        read = len(seen.sql)
        run.many(update_by_id("agency"), [{"_id": moved.id, "name": "Renamed Customs Agency",
                                           "name_key": "renamed customs agency", "country_code": other,
                                           "kind": "customs"}], answered=frozenset({"agency"}))
        assert len(seen.sql) == read + 1  # the update
        kept = [run.rows(statement, params) for statement, params in reads[:5] + reads[6:]]
        assert len(seen.sql) == read + 1, seen.sql[read:]  # answered from what was kept, the update applied
        again = run.rows(*reads[5])  # a row's names (with its aliases): its element read again
        assert len(seen.sql) == read + 2
        run.cache.clear()  # type: ignore[union-attr]
        fresh = [run.rows(statement, params) for statement, params in reads]
    assert kept == fresh[:5] + fresh[6:] and again == fresh[5]
    assert moved.id not in [r.id for r in kept[0]] and moved.id in [r.id for r in kept[1]]
    assert ("Renamed Customs Agency", "customs") in [(r.name, r.kind) for r in kept[1]]
    assert [r.id for r in kept[2] if r.name_key == "renamed customs agency"] == [moved.id]
    assert kept[0] != before[0] and kept[1] != before[1]


def test_a_kept_read_by_elements_asks_only_for_the_elements_it_has_not_read(url: str, seen: _Seen) -> None:
    agency = T["agency"]
    with _a_load_s_transaction(url, seen) as conn:
        keys = [k for (k,) in conn.execute(select(agency.c.name_key).order_by(agency.c.id).limit(3))]
        both = driver(conn).rows(_by_key_statement("agency"), {"keys": keys[:2]})
        assert {r.name_key for r in both} >= set(keys[:2])
        rows = driver(conn).rows(_by_key_statement("agency"), {"keys": keys[1:]})
        assert [p for p in seen.params[1] if p.startswith("keys__")] == ["keys__0"]  # only the third key
        assert seen.params[1]["keys__0"] == keys[2]
        assert [r for r in rows if r.name_key == keys[1]] == [r for r in both if r.name_key == keys[1]]
        held = conn.info["kb.held"]
        assert isinstance(held, Held)
        new = held.new("agency", {"name": "Held Only Agency", "name_key": "held only agency",
                                  "country_code": None, "kind": None})
        found = driver(conn).rows(_by_key_statement("agency"), {"keys": ["held only agency"]})
        assert [r.id for r in found] == [new]  # the held row, added to the database's (empty) answer


def test_a_rolled_back_article_drops_what_was_kept(url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file refused after its article changed the database: its savepoint is rolled back, and answers kept
    since are read again (the next files see the database as it is)."""
    verbs: Counter[str] = Counter()
    run = Held._run_savepoint

    def counted(self: Held, verb: str) -> None:
        verbs[verb] += 1
        if verb == "ROLLBACK TO SAVEPOINT":
            assert driver(self.conn).cache is not None
        run(self, verb)
        if verb == "ROLLBACK TO SAVEPOINT":
            assert not driver(self.conn).cache.answers  # type: ignore[union-attr]

    monkeypatch.setattr(Held, "_run_savepoint", counted)
    articles = corpus_articles()
    folder = copy_articles(articles, tmp_path / "articles")
    apply_facts = kb.store.article.apply_facts
    bad = articles[len(articles) // 2].name

    def failing(conn: Any, article_id: int, facts: Any, touched: Any) -> Any:
        changed = apply_facts(conn, article_id, facts, touched)
        name = conn.execute(select(T["article"].c.file_name).where(T["article"].c.id == article_id)).scalar_one()
        if name == bad:  # the read above wrote the held articles: a change, inside the article's savepoint
            raise ValueError("refused on purpose")
        return changed

    monkeypatch.setattr(kb.store.article, "apply_facts", failing)
    engine = open_database(url)
    try:
        report = load_paths(engine, [folder])
    finally:
        engine.dispose()
    assert report.failed == 1 and report.new == len(articles) - 1, report.errors
    assert verbs["ROLLBACK TO SAVEPOINT"] == 1
    assert verbs["SAVEPOINT"] == verbs["RELEASE SAVEPOINT"]  # each opened one released (the rolled back too)


def test_savepoints_only_for_articles_that_change_the_database(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite opens an article's savepoint at its first change (most new articles make only held rows);
    PostgreSQL at its first statement. Every one opened is released."""
    verbs: Counter[str] = Counter()
    run = Held._run_savepoint

    def counted(self: Held, verb: str) -> None:
        verbs[verb] += 1
        run(self, verb)

    monkeypatch.setattr(Held, "_run_savepoint", counted)
    _loaded(url).dispose()
    articles = len(corpus_articles())
    assert verbs["SAVEPOINT"] == verbs["RELEASE SAVEPOINT"] and not verbs["ROLLBACK TO SAVEPOINT"]
    # PostgreSQL: reading ahead for each chunk of articles runs in a savepoint of its own too.
    assert 0 < verbs["SAVEPOINT"] <= articles + (-(-articles // AHEAD_FILES) if url.startswith("postgres") else 0)
    if url.startswith("sqlite"):
        assert verbs["SAVEPOINT"] < articles / 2, verbs


def test_a_file_loaded_twice_in_one_batch_is_found_among_the_held_articles(url: str, tmp_path: Path) -> None:
    """The second copy of a file (another path, the same bytes) finds the first one's article row, held for the
    batch and not yet written: unchanged, one row."""
    article = corpus_articles()[0]
    for folder in ("a", "b"):
        copy_articles([article], tmp_path / folder)
    engine = open_database(url)
    try:
        report = load_paths(engine, [tmp_path / "a", tmp_path / "b"])
        assert (report.new, report.unchanged, report.failed) == (1, 1, 0), report.errors
        with engine.connect() as conn:
            assert conn.execute(select(T["article"].c.id)).all() == [(1,)]
    finally:
        engine.dispose()


def test_reading_ahead_gives_the_same_rows_in_fewer_statements(url: str, second_url: str, seen: _Seen,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch's lookups read at once (`StoreBatch.read_ahead`: names of every kind, the articles each file may
    replace, flows, agreements by party set, agencies by country and by the names found): every table as when
    each article reads its own, ids included, the reads by name key and of stored articles at most half as
    many, of agreements by party set and of agencies fewer."""
    def reads() -> Counter[str]:
        found: Counter[str] = Counter()
        for sql in seen.sql:
            if sql.startswith("SELECT"):
                found[" ".join(sql.split()[:4])] += 1
        seen.sql.clear()
        return found

    _loaded(url).dispose()
    ahead = reads()
    monkeypatch.setattr(kb.load.StoreBatch, "read_ahead", lambda self, articles: None)
    _loaded(second_url).dispose()
    alone = reads()
    monkeypatch.undo()
    assert dump_tables(url) == dump_tables(second_url)
    for shape in ("SELECT agreement.id, agreement.name_key, NULL", "SELECT official.id, official.name_key, NULL",
                  "SELECT article.id, article.content_hash, article.facts,"):
        assert alone[shape] >= 8, (shape, alone)
        assert ahead[shape] * 2 <= alone[shape], (shape, ahead[shape], alone[shape])
    # Agreements by party set: fewer (the corpus's agreements are often written, which drops what was read ahead).
    by_parties = "SELECT agreement.id, agreement.name_key, agreement.signed"
    assert ahead[by_parties] < alone[by_parties], (ahead[by_parties], alone[by_parties])
    # What settling descriptors and re-deriving agencies read (kb.store.settle.read_ahead): a country's agencies,
    # their aliases' names, an agency's values and its aliases, fewer.
    for shape in ("SELECT agency.id, agency.name, agency.kind", "SELECT alias.agency_id, alias.name FROM",
                  "SELECT agency.id, agency.name, agency.name_key,", "SELECT alias.id, alias.agency_id, alias.name,"):
        assert ahead[shape] < alone[shape], (shape, ahead[shape], alone[shape])


@pytest.mark.parametrize(("sql", "changes"), [
    ("SELECT agency.id FROM agency", ""),
    ("SAVEPOINT kb_article", ""),
    ("RELEASE SAVEPOINT kb_article", ""),
    ("INSERT INTO claim (article_id) VALUES (:article_id)", "claim"),
    ('INSERT INTO "alias" (name) VALUES (%(name)s)', "alias"),
    ("UPDATE agency SET name=:name WHERE agency.id = :_id", "agency"),
    ("UPDATE OR IGNORE alias SET agency_id = 1", "*"),
    ("INSERT OR REPLACE INTO alias (id) VALUES (1)", "*"),
    ("DELETE FROM alias WHERE alias.id IN (1)", "alias"),  # no foreign key names an alias: nothing cascades
    ("DELETE FROM agreement_party WHERE agreement_party.agreement_id = :rid", "agreement_party"),
    ("DELETE FROM agency WHERE agency.id IN (1)", "*"),  # its aliases, positions, parties… cascade
    ("ROLLBACK TO SAVEPOINT kb_article", "*"),
    ("PRAGMA data_version", "*"),
])
def test_what_a_statement_may_change_for_the_kept_answers(sql: str, changes: str) -> None:
    """An insert or update drops the answers of the reads naming its table; a delete (its foreign keys cascade),
    a rollback, an `OR REPLACE` or anything unknown drops every answer; reads and savepoints none."""
    assert kb.driver._changes(sql) == changes


def test_agreements_read_ahead_by_parties_answer_as_each_agreement_reads_alone(url: str, seen: _Seen) -> None:
    """A chunk's agreement party sets read in one statement (`kb.resolve._parties_ahead`): each agreement's
    answer — the agreements of its kind whose party countries are exactly its own, in the order of their ids —
    is what its own read gives, for a superset, another kind, no kind, a party without a country and a
    country named twice (once with an agency); no agreement then reads its own."""
    engine = open_database(url)
    agreement, party = T["agreement"], T["agreement_party"]
    stored = [("treaty", ["CN", "KZ"]), ("treaty", ["CN", "KZ", "RU"]), ("memorandum", ["CN", "KZ"]),
              (None, ["CN", "KZ"]), ("treaty", ["CN", "KZ"]), ("treaty", ["CN"]), ("treaty", ["CN", "RU"]),
              ("treaty", ["KZ", "RU"])]
    try:
        with write_transaction(engine) as conn:
            agency = conn.execute(T["agency"].insert().values(name="Customs", name_key="customs",
                                                              country_code="CN")).inserted_primary_key[0]
            for n, (kind, countries) in enumerate(stored):
                rid = conn.execute(agreement.insert().values(name=f"Accord {n}", name_key=f"accord {n}",
                                                             kind=kind, signed=f"20{10 + n}")).inserted_primary_key[0]
                conn.execute(party.insert(), [{"agreement_id": rid, "country_code": c, "agency_id": None}
                                              for c in countries])
                if n == 6:
                    conn.execute(party.insert(), [{"agreement_id": rid, "country_code": None, "agency_id": agency}])
                if n == 4:
                    conn.execute(party.insert(), [{"agreement_id": rid, "country_code": "CN", "agency_id": agency}])
        records = [Agreement(name="x", kind=k, parties=p) for k, p in [
            ("treaty", ["KZ", "CN"]), ("treaty", ["CN", "KZ", "RU"]), ("memorandum", ["CN", "KZ"]),
            (None, ["CN", "KZ"]), ("treaty", ["CN"]), ("treaty", ["CN", "RU"]), ("agreement", ["CN", "KZ"]),
            ("treaty", ["CN", "US"]), ("treaty", ["RU", "KZ"])]]

        def alone(conn: Any, record: Agreement) -> list[Any]:
            return driver(conn).rows(_same_kind_and_parties(not record.kind, True),
                                     _party_params(record.kind, sorted(record.parties)))

        with engine.connect() as conn:
            expected = [alone(conn, r) for r in records]
        assert [len(e) for e in expected] == [3, 1, 1, 1, 1, 1, 0, 0, 1]  # the one with two CN rows twice
        seen.sql.clear()
        with write_transaction(engine) as conn:
            hold(conn)
            try:
                _parties_ahead(conn, records)
                assert len(seen.sql) == 1  # one statement for every pair
                assert [alone(conn, r) for r in records] == expected
                assert len(seen.sql) == 1  # each answered from what was read ahead
            finally:
                drop(conn)
    finally:
        engine.dispose()
