"""A load holds its claims, evidence and decisions and writes them once per table for a batch
(`kb.store.held`): the same rows as writing each article's at once, and a file that fails still rolls back
alone, on both engines."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import cast, func, select, text
from sqlalchemy.dialects.postgresql import REGCLASS
from test_concurrent_load import canonical_rows, copy_articles, corpus_articles
from test_load import dump_tables

import kb.driver
import kb.load
import kb.store.article
from kb.db import open_database
from kb.driver import DriverError
from kb.errors import DatabaseError, KbError
from kb.load import LoadReport, load_paths
from kb.store import T
from kb.store.held import MADE, Held, drop, held, hold

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


def test_new_rows_held_with_a_refused_article_get_the_ids_written_at_once_gives(
        url: str, second_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """New agencies, officials, agreements, flows, posts, aliases and parties are held with ids given out ahead
    (`kb.store.held.Ids`); an article refused after its new rows are held, and after the held rows were written
    inside its savepoint, leaves every table, ids included, as a load writing each row at once and refusing
    the same article."""
    articles = corpus_articles()
    # An article making an agency, an official, an agreement, a flow, a post and parties, each table getting
    # new rows from later articles too.
    bad = CORPUS / "2021-06-02-addis-business-weekly-ethiopia-indonesia-pta.txt"
    assert bad in articles[:len(articles) // 2]
    folder = copy_articles(articles, tmp_path / "all")
    apply_facts = kb.store.article.apply_facts
    made: list[set[str]] = []

    def failing(conn: Any, article_id: int, facts: Any, touched: Any) -> Any:
        rows = held(conn)
        before = {name: set(found) for name, found in rows.made.items()} if rows is not None else {}
        changed = apply_facts(conn, article_id, facts, touched)
        name = conn.execute(text("SELECT file_name FROM article WHERE id = :id"), {"id": article_id}).scalar_one()
        if name == bad.name:
            if rows is not None:
                made.append({name for name, found in rows.made.items() if set(found) - before[name]})
                rows.write()  # the held rows written inside the savepoint, as a statement needing them would
            raise KbError("refused on purpose")
        return changed

    monkeypatch.setattr(kb.store.article, "apply_facts", failing)
    report = _load(url, folder)
    assert report.failed == 1 and report.new == len(articles) - 1, report.errors
    # The refused article's own new rows were held, with their ids given out, when it was refused.
    assert made == [{"agency", "official", "agreement", "trade_flow", "position", "party"}]
    monkeypatch.setattr(kb.load, "hold", lambda conn: None)
    report = _load(second_url, folder)
    assert report.failed == 1 and report.new == len(articles) - 1, report.errors
    monkeypatch.undo()
    held_load, at_once = dump_tables(url), dump_tables(second_url)
    for name in MADE:  # the new rows, ids included
        assert held_load[T[name].name] == at_once[T[name].name], name
    # (PostgreSQL gives the claims and evidence written inside the refused savepoint new ids when they are
    # written again, where writing at once had kept theirs: those are compared by what they hold.)
    assert canonical_rows(url) == canonical_rows(second_url)
    assert {n: len(r) for n, r in held_load.items()} == {n: len(r) for n, r in at_once.items()}


def test_a_row_inserted_after_a_load_gets_the_next_id(url: str, tmp_path: Path) -> None:
    """The ids given out ahead are the table's: after the load (on PostgreSQL the sequences set to the last
    one), an insert that is not a load's gets the next id and collides with none."""
    report = _load(url, copy_articles(corpus_articles()[:10], tmp_path / "ten"))
    assert report.new == 10 and not report.failed, report.errors
    engine = open_database(url)
    try:
        with engine.begin() as conn:
            for name in ("agency", "official", "agreement", "trade_flow", "position", "alias", "party"):
                top = conn.execute(select(func.max(T[name].c.id))).scalar_one()
                assert top, name
                if conn.dialect.name == "postgresql":  # where the next nextval starts from
                    assert conn.execute(select(func.pg_sequence_last_value(cast(
                        func.pg_get_serial_sequence(T[name].name, "id"), REGCLASS)))).scalar_one() >= top, name
            top = conn.execute(select(func.max(T["agency"].c.id))).scalar_one()
            new = conn.execute(text("INSERT INTO agency (name, name_key, country_code) VALUES "
                                    "(:name, :key, NULL) RETURNING id"), {"name": "Test Board", "key": "test board"})
            assert new.scalar_one() == top + 1
    finally:
        engine.dispose()


def test_a_new_row_a_table_would_refuse_is_refused_when_held(url: str) -> None:
    """Held rows are checked as they are held (what the table's constraints decide from the values alone, the
    countries against the database's own table), so the batch's write is not refused for one article's row:
    the refusal is that article's ("the database refused it: …", tests/test_load_safety.py)."""
    engine = open_database(url)
    try:
        with engine.begin() as conn:
            rows = Held(conn)
            with pytest.raises(DriverError, match="ck_agreement_party_country_or_agency"):
                rows.new("party", {"agreement_id": 1, "country_code": None, "agency_id": None})
            with pytest.raises(DriverError, match=re.escape("FOREIGN KEY constraint failed: agency.country_code 'XX'")):
                rows.new("agency", {"name": "A", "name_key": "a", "country_code": "XX"})
            with pytest.raises(DriverError, match="ck_alias_one_record"):
                rows.new("alias", {"name": "A", "name_key": "a", "origin": "article", "agency_id": 1,
                                   "official_id": 1})
            first = rows.new("position", {"official_id": 1, "agency_id": 2, "title": "Head", "title_key": "head"})
            with pytest.raises(DriverError, match=re.escape("UNIQUE constraint failed: position.official_id")):
                rows.new("position", {"official_id": 1, "agency_id": 2, "title": "Head", "title_key": "head"})
            assert list(rows.made["position"]) == [first]
    finally:
        engine.dispose()


def test_new_rows_are_written_a_few_statements_a_table_for_a_batch(url: str, second_url: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The resolution corpus in one batch: its new rows take at most half the insert statements writing them at
    once takes, for every table (a read that writes them first, when it could be answered with them, shows
    here; the corpus's joins and re-derivations still write some before the commit)."""
    batch = kb.load.StoreBatch.__init__

    def one_batch(self: kb.load.StoreBatch, engine: Any, **options: Any) -> None:
        batch(self, engine, max_seconds=1e9, max_articles=10**6)

    def inserts(into: str) -> Counter[str]:
        found: Counter[str] = Counter()

        def observe(sql: str, params: Any) -> None:
            words = sql.split(None, 3)
            if words[:2] == ["INSERT", "INTO"]:
                found[words[2].strip('"')] += 1

        kb.driver.observers.append(observe)
        try:
            report = _load(into, CORPUS)
        finally:
            kb.driver.observers.remove(observe)
        assert report.new == len(corpus_articles()) and not report.failed, report.errors
        return found

    monkeypatch.setattr(kb.load.StoreBatch, "__init__", one_batch)
    held_load = inserts(url)
    monkeypatch.setattr(kb.load, "hold", lambda conn: None)
    at_once = inserts(second_url)
    monkeypatch.undo()
    for name in MADE:
        table = T[name].name
        assert at_once[table] >= 8, table  # the corpus makes rows of every kind
        assert held_load[table] * 2 <= at_once[table], (table, held_load[table], at_once[table])


@pytest.mark.parametrize(("sql", "written"), [
    ("SELECT DISTINCT position.official_id FROM position WHERE position.agency_id = :agency", {"position"}),
    ("SELECT DISTINCT position.official_id FROM position WHERE position.agency_id = %(agency)s::INTEGER",
     {"position"}),  # a parameter named after a table is not a read of it
    ("SELECT agency.id FROM agency WHERE agency.country_code = :country", {"agency"}),
    ("SELECT count(agency.id) FROM agency", {"agency"}),
])
def test_the_held_rows_a_read_needs_written_first(sql: str, written: set[str]) -> None:
    from kb.store.held import _made_plan

    every, tables, inserted = _made_plan(sql)
    assert (every, set(tables), inserted) == (False, written, None)


@pytest.mark.parametrize("then", ["held", "written", "discarded"])
def test_a_rolled_back_article_leaves_the_held_rows_as_they_were(url: str, then: str) -> None:
    """An article's savepoint keeps where the held rows stood: a rollback after it held new rows only (undone
    one by one), after it wrote the held rows, or after it deleted a held row (both from a copy made first)
    leaves every held row, unique key and id as before it, in the order they were held; its claims go."""
    with _held_rows(url) as rows:
        agency = rows.new("agency", {"name": "Kept Customs", "name_key": "kept customs",
                                     "country_code": "KZ", "kind": "customs"})
        official = rows.new("official", {"name": "Aida Bek", "name_key": "aida bek", "country_code": "KZ"})
        agreement = rows.new("agreement", {"name": "Kept accord", "name_key": "kept accord", "kind": "accord"})
        rows.new("party", {"agreement_id": agreement, "country_code": "KZ", "agency_id": None})
        rows.new("position", {"official_id": official, "agency_id": agency, "title": "Head",
                              "title_key": "head"})
        rows.add("claim", [{"article_id": 1, "agency_id": agency, "field": "name",
                            "value": "Kept Customs"}])
        before = ({name: {rid: dict(row) for rid, row in made.items()} for name, made in rows.made.items()},
                  {key: set(found) for key, found in rows._keys.items() if found}, rows.ids.saved(),
                  {name: list(found) for name, found in rows.rows.items()})
        rows.savepoint()
        rows.new("agency", {"name": "Gone Customs", "name_key": "gone customs", "country_code": "KZ",
                            "kind": "customs"})
        rows.new("position", {"official_id": official, "agency_id": agency, "title": "Deputy",
                              "title_key": "deputy"})
        rows.add("claim", [{"article_id": 1, "official_id": official, "field": "name", "value": "A"}])
        if then == "written":
            rows.write_made({"position"})
            assert not rows.made["position"]
        elif then == "discarded":
            assert rows.discard("party", {"agreement_id": agreement, "country_code": "KZ", "agency_id": None},
                                "agreement")
        rows.new("official", {"name": "Gone Person", "name_key": "gone person", "country_code": "KZ"})
        rows.rollback()
        after = ({name: {rid: dict(row) for rid, row in made.items()} for name, made in rows.made.items()},
                 {key: set(found) for key, found in rows._keys.items() if found}, rows.ids.saved(),
                 {name: list(found) for name, found in rows.rows.items()})
        if rows.ids.postgres:  # a sequence does not roll back: the ids go on from where they were
            after, before = after[:2] + after[3:], before[:2] + before[3:]
        assert after == before
        assert [list(made) for made in rows.made.values()] == [list(made) for made in before[0].values()]


class _RolledBack(Exception):
    """Leaves a test's transaction without committing it."""


@contextmanager
def _held_rows(url: str) -> Iterator[Held]:
    """Held rows in a transaction of a fresh connection, dropped and rolled back afterwards (nothing is kept)."""
    engine = open_database(url)
    try:
        with engine.begin() as conn:
            rows = hold(conn)
            try:
                yield rows
            finally:
                drop(conn)
            raise _RolledBack
    except _RolledBack:
        pass
    finally:
        engine.dispose()


def test_whether_every_held_party_is_of_a_held_agreement_is_kept_count_of(url: str) -> None:
    """`Held.parties_of_held_agreements` (whether reads of agreements by party set can be answered with the held
    rows) answers as a pass over the held party rows would, as parties are held, deleted, written, rolled back."""
    def counted(rows: Held) -> bool:
        return all(r["agreement_id"] in rows.made["agreement"] for r in rows.made["party"].values())

    with _held_rows(url) as rows:
        seen = []
        agreement = rows.new("agreement", {"name": "Accord", "name_key": "accord", "kind": "accord"})
        rows.new("party", {"agreement_id": agreement, "country_code": "KZ", "agency_id": None})
        seen.append(rows.parties_of_held_agreements())
        rows.write_made({"agreement"})  # its party rows are now of an agreement written
        seen.append(rows.parties_of_held_agreements())
        assert seen[-1] == counted(rows)
        rows.savepoint()
        rows.new("party", {"agreement_id": agreement, "country_code": "CN", "agency_id": None})
        seen.append(rows.parties_of_held_agreements())
        rows.rollback()
        seen.append(rows.parties_of_held_agreements())
        rows.write_made({"party"})
        seen.append(rows.parties_of_held_agreements())
        other = rows.new("agreement", {"name": "Other", "name_key": "other", "kind": "accord"})
        rows.new("party", {"agreement_id": other, "country_code": "CN", "agency_id": None})
        assert rows.discard("party", {"agreement_id": other, "country_code": "CN", "agency_id": None},
                            "agreement")
        seen.append(rows.parties_of_held_agreements())
        assert seen == [True, False, False, False, True, True]
        assert seen[-1] == counted(rows)


def test_postgresql_sends_an_article_s_release_with_the_next_savepoint(postgres_url: str) -> None:
    """PostgreSQL: an article's savepoint released is released by the next savepoint statement, in one round
    trip, or before the batch's rows are written; the next article's rollback still undoes its own change
    alone, and the first's is kept."""
    from sqlalchemy import insert

    from kb.db import write_transaction
    from kb.driver import driver

    class Sent:
        def __init__(self, cursor: Any) -> None:
            self.cursor, self.sql = cursor, []

        def execute(self, sql: str, *args: Any) -> Any:
            self.sql.append(sql)
            return self.cursor.execute(sql, *args)

        def __getattr__(self, name: str) -> Any:
            return getattr(self.cursor, name)

    agency = T["agency"]
    engine = open_database(postgres_url)
    try:
        with pytest.raises(_RolledBack), write_transaction(engine) as conn:
            rows = hold(conn)
            run = driver(conn)
            sent = run.cursor = Sent(run.cursor)
            try:
                for name, fails in (("Kept Customs", False), ("Gone Customs", True)):
                    rows.savepoint()
                    conn.execute(insert(agency).values(name=name, name_key=name.lower(), country_code="KZ"))
                    if fails:
                        rows.rollback()
                    else:
                        rows.release_savepoint()
                names = conn.execute(select(agency.c.name).where(agency.c.name.like("% Customs"))).scalars().all()
                rows.released()  # before the batch's rows are written (`release`), the last release is sent
                rows.released()  # once
            finally:
                drop(conn)
                run.cursor = sent.cursor
            raise _RolledBack
        assert names == ["Kept Customs"]
        savepoints = [sql for sql in sent.sql if "SAVEPOINT" in sql]
        assert savepoints == ["SAVEPOINT kb_article", "RELEASE SAVEPOINT kb_article; SAVEPOINT kb_article",
                              "ROLLBACK TO SAVEPOINT kb_article", "RELEASE SAVEPOINT kb_article"]
    finally:
        engine.dispose()
