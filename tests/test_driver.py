"""kb.driver runs the store's statements on the DBAPI cursor: rows by name, IN lists of any length, the
statement's own literals, and a refusal as one line — on both engines."""

from __future__ import annotations

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
