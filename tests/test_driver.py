"""kb.driver runs the store's statements on the DBAPI cursor: rows by name, IN lists of any length, the
statement's own literals, and a refusal as one line — on both engines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import bindparam, select

from kb.db import open_database, write_transaction
from kb.driver import DriverError, driver
from kb.store import T

ALIAS = T["alias"]
ARTICLE_ALIASES = select(ALIAS.c.id, ALIAS.c.name).where(
    ALIAS.c.name_key.in_(bindparam("keys", expanding=True)), ALIAS.c.origin == "article").order_by(ALIAS.c.id)
AGENCY_INSERT = T["agency"].insert().returning(T["agency"].c.id)
ALIAS_INSERT = ALIAS.insert()


def test_rows_in_lists_literals_and_refusals(url: str) -> None:
    engine = open_database(url)
    try:
        with write_transaction(engine) as conn:
            run = driver(conn)
            agency = run.insert(AGENCY_INSERT, {"name": "Korea Customs Service", "name_key": "korea customs service",
                                                "country_code": "KR", "kind": "customs"})
            run.many(ALIAS_INSERT, [
                {"agency_id": agency, "official_id": None, "agreement_id": None, "name": name, "name_key": key,
                 "origin": origin}
                for name, key, origin in (("KCS", "kcs", "article"), ("Korean customs", "korean customs", "curated"),
                                          ("Kwanse", "kwanse", "article"))])
            found = run.rows(ARTICLE_ALIASES, {"keys": ["kcs", "korean customs", "kwanse"]})
            assert [r.name for r in found] == ["KCS", "Kwanse"]  # the curated one left out by the literal
            assert run.rows(ARTICLE_ALIASES, {"keys": []}) == []
            assert run.first(ARTICLE_ALIASES, {"keys": ["kcs"]}).name == "KCS"
            with pytest.raises(DriverError) as refused, conn.begin_nested():
                run.insert(AGENCY_INSERT, {"name": "Nowhere Customs", "name_key": "nowhere customs",
                                           "country_code": "ZZ", "kind": "customs"})
            assert "foreign key" in str(refused.value).lower() and "\n" not in str(refused.value)
            assert len(run.rows(ARTICLE_ALIASES, {"keys": ["kcs"]})) == 1  # the transaction goes on
    finally:
        engine.dispose()



def test_many_binds_only_the_rows_and_postgresql_copies_a_load_s_held_rows(url: str, second_url: str,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """An INSERT or UPDATE run over rows has no values of its own to merge into each row (the compiler's
    placeholders for its columns are the rows'), so a load's held rows, eight or more a table, go as COPY on
    PostgreSQL: every table as a load whose rows all go as INSERTs leaves it, ids included."""
    from test_load import dump_tables

    import kb.driver
    from kb.driver import COPY_FROM, Driver, _compile
    from kb.load import load_paths
    from kb.store.tables import insert_into, update_by_id

    corpus = Path(__file__).parent / "resolution_corpus"
    copied: list[tuple[str, int]] = []
    original = Driver._copy

    def copy(self: Driver, table: str, columns: tuple[str, ...], rows: Sequence[Mapping[str, Any]]) -> None:
        copied.append((table, len(rows)))
        original(self, table, columns, rows)

    engine = open_database(url)
    try:
        claim_columns = tuple(c.name for c in T["claim"].c if c.name != "id")
        assert _compile(insert_into("claim"), engine.dialect, claim_columns)[2] == {}
        assert _compile(update_by_id("agency"), engine.dialect, ("_id", "name", "kind"))[2] == {}
        with monkeypatch.context() as patch:
            patch.setattr(Driver, "_copy", copy)
            report = load_paths(engine, [corpus])
        assert not report.failed, report.errors
        postgres = engine.dialect.name == "postgresql"
    finally:
        engine.dispose()
    if postgres:
        assert {"claim", "evidence", "article"} <= {table for table, n in copied if n >= COPY_FROM}
    else:
        assert copied == []
    engine = open_database(second_url)
    try:
        with monkeypatch.context() as patch:
            patch.setattr(kb.driver, "COPY_FROM", 10**9)  # every row by INSERT
            assert not load_paths(engine, [corpus]).failed
    finally:
        engine.dispose()
    assert dump_tables(url) == dump_tables(second_url)
