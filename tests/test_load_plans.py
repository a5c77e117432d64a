"""Every statement `kb load` runs to store an article reads indexes, on both engines: its cost follows the
rows it is about, not the size of the base.

The statements are captured as a load of the resolution corpus runs them (SQLAlchemy's event, and
kb.driver's observers for the store's hot path), then explained with their own parameters on the loaded
database by the rules of tests/test_query_plans.py: no kb table read whole, no index read whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from helpers import kb, rows
from test_query_plans import problems, statements

from kb import driver
from kb.db import make_engine
from kb.kinds import KINDS
from kb.models import ID_CLAIM_FIELDS, ID_CLAIMS

CORPUS = Path(__file__).parent / "resolution_corpus"
# Read once per batch of articles, and again after a fold: the curators' merges and splits.
ONCE_PER_BATCH = "FROM curation ORDER BY curation.id"
# Matching an agreement by its parties (kb.resolve._same_kind_and_parties).
BY_PARTIES = "agreement_party.country_code = "
PARTY_INDEX = "ix_agreement_party_country_code_agreement_id"


@contextmanager
def driver_statements() -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def capture(statement: str, parameters: Any) -> None:
        seen.append((statement, parameters))

    driver.observers.append(capture)
    try:
        yield seen
    finally:
        driver.observers.remove(capture)


def test_storing_an_article_reads_indexes_only(url: str, tmp_path: Path) -> None:
    kb("db", "upgrade", "--db", url)  # the migrations' own statements are not the load's
    with statements() as captured, driver_statements() as hot:
        kb("load", CORPUS, "--db", url)
    assert len(hot) > 200  # the hot path was seen (about 8 statements an article, the batch's reads kept)
    everything = [(" ".join(s.split()), p) for s, p in [*captured, *hot]]
    assert sum(1 for s, _ in everything if ONCE_PER_BATCH in s) < 10  # 49 articles, a handful of folds
    assert any("GROUP BY article.content_hash" in s for s, _ in everything)  # the found files' stored hashes
    checked = [(s, p) for s, p in everything if ONCE_PER_BATCH not in s]
    distinct = list({(s, repr(p)): (s, p) for s, p in checked}.values())
    assert problems(url, distinct, listing=False) == []


def _plan(url: str, statement: str, parameters: Any) -> str:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
                return "\n".join(r[3] for r in rows)
            conn.exec_driver_sql("SET enable_seqscan = off")
            return "\n".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + statement, parameters))
    finally:
        engine.dispose()


def test_matching_an_agreement_by_parties_reads_the_party_index_alone(url: str) -> None:
    """A country's agreements come from the (country_code, agreement_id) index of revision 0011, and the second
    party is checked there before the agreement row is read: a country's thousands of agreements cost index
    entries, and only the few with both parties are read (SQLite: a covering index; PostgreSQL: that index)."""
    kb("db", "upgrade", "--db", url)
    with driver_statements() as hot:
        kb("load", CORPUS, "--db", url)
    matching = [(s, p) for s, p in hot if BY_PARTIES in " ".join(s.split()) and "second" in s]
    assert matching  # the corpus has agreements with parties
    statement, parameters = matching[0]
    plan = _plan(url, statement, parameters)
    assert PARTY_INDEX in plan, plan
    if url.startswith("sqlite"):
        lines = plan.splitlines()
        first = f"SEARCH agreement_party USING COVERING INDEX {PARTY_INDEX} (country_code=?)"
        assert lines[0] == first, plan
        second = next(i for i, line in enumerate(lines) if line.startswith("SEARCH second "))
        row = next(i for i, line in enumerate(lines) if line.startswith("SEARCH agreement USING"))
        assert second < row, plan  # the second party before the agreement row


def test_a_merge_finds_the_claims_naming_the_other_row_through_the_id_claims_index(url: str) -> None:
    """`ix_claim_field_value` holds only the claims whose value is a row's id (revision 0014); a merge looks up
    those naming the row merged away through it (the query repeats the index's condition), on both engines."""
    assert set(ID_CLAIM_FIELDS) == {f for k in KINDS for f in k.id_claims}
    kb("load", CORPUS, "--db", url)
    agencies = rows(url, "SELECT a.id, b.id FROM agency a JOIN agency b ON b.country_code = a.country_code "
                         "AND b.id > a.id ORDER BY a.id, b.id")
    keep, other = agencies[0]
    with statements() as captured:
        kb("merge", "agency", keep, other, "--db", url)
    moving = [(s, p) for s, p in captured if ID_CLAIMS in " ".join(s.split())]
    assert {" ".join(s.split())[:6] for s, _ in moving} == {"SELECT", "UPDATE"}, moving
    for statement, parameters in moving:
        plan = _plan(url, statement, parameters)
        assert "ix_claim_field_value" in plan, plan
