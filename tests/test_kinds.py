"""kb.kinds agrees with the models and the facts format: every table, column and key it names exists, and the
claims a load writes use only the fields it declares."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from kb import models
from kb.db import open_database
from kb.facts import Facts
from kb.kinds import EVIDENCE_KINDS, KINDS, NAMED, by_query, kind
from kb.load import load_paths
from kb.store import T

TABLES = models.SQLModel.metadata.tables
CORPUS = Path(__file__).parent / "resolution_corpus"


@pytest.mark.parametrize("k", KINDS, ids=lambda k: k.name)
def test_each_kind_names_what_the_models_and_facts_have(k) -> None:  # type: ignore[no-untyped-def]
    assert k.name in TABLES and k.name_field in TABLES[k.name].c
    assert k.column in TABLES["claim"].c and k.column in TABLES["evidence"].c
    assert (k.column in TABLES["alias"].c) == k.named
    assert k.facts_key in Facts.model_fields
    for ref in (*k.references, *k.links):
        assert ref.column in TABLES[ref.table].c, ref
    assert (k.column in TABLES["position"].c) == k.holds_positions
    assert kind(k.name) is k and by_query(k.query) is k


def test_every_evidence_column_is_a_kind_or_a_position() -> None:
    columns = {c.name.removesuffix("_id") for c in TABLES["evidence"].c if c.name.endswith("_id")} - {"article"}
    assert columns == set(EVIDENCE_KINDS)
    assert {k.name for k in NAMED} == {c.name.removesuffix("_id") for c in TABLES["alias"].c
                                       if c.name.endswith("_id")}


def test_every_claim_a_load_writes_has_a_declared_field(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'kb.db'}")
    try:
        assert load_paths(engine, [CORPUS]).failed == 0
        claim = T["claim"]
        with engine.connect() as conn:
            written = {(k.name, f) for k in KINDS for (f,) in conn.execute(
                select(claim.c.field).distinct().where(claim.c[k.column].is_not(None)))}
    finally:
        engine.dispose()
    declared = {(k.name, f) for k in KINDS for f in k.fields}
    assert written <= declared, written - declared
    assert {f for k in KINDS for f in k.id_claims} <= {f for _, f in declared}, "an id claim no kind declares"
