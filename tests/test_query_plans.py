"""Every statement `kb query`, `kb show` and `kb merge` run reads indexes, on both engines.

The statements are captured as the commands run them (an engine event), then
explained with their own parameters:

- SQLite (`EXPLAIN QUERY PLAN`): no table read whole ("SCAN t" without an
  index), no index read whole except the one a listing reads in its order,
  and no sort of a listing's result ("USE TEMP B-TREE FOR ORDER BY" at the top;
  sorting the rest of one name's rows, "RIGHT PART OF ORDER BY", is fine).
- PostgreSQL (`EXPLAIN (FORMAT JSON)`): the test tables are small, so the
  planner would rightly read them whole; sequential scans, hash and merge
  joins (and sorts, for listings) are priced out, and a plan that still has
  one has no index to serve it. Same rules: no Seq Scan of a kb table, no
  index read without a condition but a listing's, no Sort above a listing's
  rows.

`kb query` runs each filter of tests/test_query.py (which checks that they
cover every option), with and without --limit, and for a next page (--after):
its order index is read from the cursor on (SQLite "SEARCH … USING INDEX",
PostgreSQL an Index Cond), never from the start. A "name contains" filter
may read the rows it searches (no B-tree serves `LIKE '%x%'`) but
`--contains`, which reads the trigram indexes of revision 0012 (SQLite's
FTS5 tables, "VIRTUAL TABLE INDEX n:L…"; PostgreSQL's GIN) and sorts the
rows they find.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from helpers import CORPUS, kb
from sqlalchemy import Engine, event
from test_query import CASES

from kb import queries
from kb.db import make_engine

# The indexes listings read in their order (migration 0007); any other index read whole is a scan.
ORDER_INDEXES = {"ix_agreement_signed_id", "ix_article_published_id", "ix_trade_flow_period_start_id",
                 "ix_agency_name_id", "ix_official_name_id"}
# Tables that may be read whole: one row, or the fixed list of countries; and the subqueries of --contains'
# count through the trigram index (kb.queries._at_least), which stops at queries.COMMON rows.
SMALL_TABLES = {"alembic_version", "country", "found", "candidate"}
SUBSTRING_OPTIONS = {"--agency", "--official", "--title", "--commodity", "--publisher"}
CONTAINS_OPTIONS = {"--contains", "-c"}


@contextmanager
def statements() -> Iterator[list[tuple[str, Any]]]:
    """The (statement, parameters) every engine runs inside the block."""
    seen: list[tuple[str, Any]] = []

    def capture(_conn, _cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        seen.append((statement, parameters))

    event.listen(Engine, "before_cursor_execute", capture)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", capture)


def reads_kb(statement: str) -> bool:
    """A statement over kb's tables (not the revision check, the sandbox's set-up or PRAGMAs)."""
    words = statement.lstrip().split(None, 1)
    return bool(words) and words[0].upper() in ("SELECT", "UPDATE", "DELETE") \
        and "alembic_version" not in statement and "pg_" not in statement


def problems(url: str, captured: list[tuple[str, Any]], *, listing: bool, substring: bool = False,
             sorts_found: bool = False, after: bool = False) -> list[str]:
    """What reads more than it should: `substring` may read what it searches, `sorts_found` (--contains) may sort
    the rows it found, and `after` (a next page) reads its order index from the cursor on."""
    engine = make_engine(url)
    found: list[str] = []
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "postgresql":
                # Price out what the planner picks for tiny tables: reading them whole, and hash or merge
                # joins over whole tables; left with a Seq Scan, a whole index or a sort, it has no index.
                for setting in ("seqscan", "hashjoin", "mergejoin", *(["sort"] if listing and not sorts_found else [])):
                    conn.exec_driver_sql(f"SET enable_{setting} = off")
            for statement, parameters in captured:
                if not reads_kb(statement):
                    continue
                if engine.dialect.name == "sqlite":
                    plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
                    bad = sqlite_problems(plan, listing=listing and not sorts_found, substring=substring, after=after)
                else:
                    (plan,) = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement, parameters).one()
                    plan = json.loads(plan) if isinstance(plan, str) else plan
                    bad = postgres_problems(plan[0]["Plan"], listing=listing and not sorts_found, substring=substring,
                                            top=True, after=after)
                found += [f"{b}\n    in: {' '.join(statement.split())[:300]}" for b in bad]
    finally:
        engine.dispose()
    return found


# Rows a statement is given, not read (`SCAN CONSTANT ROW`; the pairs of party countries an agreement read ahead
# joins to the party index, kb.resolve._agreements_of_pairs).
BOUND_ROWS = {"CONSTANT", "pairs"}
_SCAN = re.compile(r"SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?")
# An FTS5 table read through its index: a constraint in the index string (":L0" is a LIKE on column 0).
_VIRTUAL_INDEX = re.compile(r"SCAN \w+ VIRTUAL TABLE INDEX \d+:\S+")


def sqlite_problems(plan: list[Any], *, listing: bool, substring: bool, after: bool = False) -> list[str]:
    bad = []
    for _id, parent, _unused, detail in plan:
        scan = _SCAN.match(detail)
        if scan and _VIRTUAL_INDEX.match(detail):
            continue
        if scan and after and scan.group(2) in ORDER_INDEXES:
            bad.append(f"a next page reads {scan.group(2)} from the start: {detail}")
        elif scan and not substring and scan.group(1) not in SMALL_TABLES | BOUND_ROWS \
                and scan.group(2) not in ORDER_INDEXES:
            bad.append(detail)
        if listing and parent == 0 and detail == "USE TEMP B-TREE FOR ORDER BY":
            bad.append(detail)
    return bad


def postgres_problems(node: dict[str, Any], *, listing: bool, substring: bool, top: bool,
                      after: bool = False) -> list[str]:
    kind, relation, index = node["Node Type"], node.get("Relation Name"), node.get("Index Name")
    whole = relation not in SMALL_TABLES and not substring
    bad = []
    if after and kind in ("Index Scan", "Index Only Scan") and index in ORDER_INDEXES and "Index Cond" not in node:
        bad.append(f"a next page reads {index} from the start")
    if kind == "Seq Scan" and whole:
        bad.append(f"Seq Scan on {relation}")
    if kind in ("Index Scan", "Index Only Scan") and "Index Cond" not in node and index not in ORDER_INDEXES \
            and whole:
        bad.append(f"{kind} of all of {index}")
    if listing and top and kind == "Sort":
        bad.append(f"Sort by {node.get('Sort Key')}")
    for child in node.get("Plans", []):
        below_top = top and child.get("Parent Relationship") not in ("SubPlan", "InitPlan")
        bad += postgres_problems(child, listing=listing, substring=substring, top=below_top, after=after)
    return bad


@pytest.mark.parametrize(("command", "args"), [(c, a) for c, a, _ in CASES],
                         ids=[f"{c}{''.join(' ' + a for a in args)}" for c, args, _ in CASES])
def test_listings_read_indexes(loaded: str, command: str, args: list[str]) -> None:
    with statements() as captured:
        kb("query", command, *args, "--db", loaded, "-f", "csv")
        kb("query", command, *args, "--limit", "2", "--db", loaded, "-f", "csv")
    assert problems(loaded, captured, **_kinds_of(args)) == []


def _kinds_of(args: list[str]) -> dict[str, bool]:
    return {"listing": True, "substring": bool(SUBSTRING_OPTIONS & set(args)),
            "sorts_found": bool(CONTAINS_OPTIONS & set(args))}


# A cursor on an undated row and one on a dated row or a name, for each listing (the rows after it may be none).
CURSORS = {
    "agreements": [(None, 1), ("2022-06-13", 2)], "flows": [(None, 1), ("2020", 1)],
    "articles": [(None, 1), ("2022-06-15", 2)], "agencies": [("Directorate", 1)], "officials": [("Losana", 3, 5)],
}


@pytest.mark.parametrize(("command", "args"), [(c, a) for c, a, _ in CASES],
                         ids=[f"{c}{''.join(' ' + a for a in args)}" for c, args, _ in CASES])
def test_next_pages_read_from_the_cursor(loaded: str, command: str, args: list[str]) -> None:
    """A second page (the cursor the first printed) and pages after chosen keys read their order index from the
    cursor on: neither the table nor the index is read from the start, nor sorted."""
    first = kb("query", command, *args, "--limit", "1", "--db", loaded, "-f", "csv")
    found = re.search(r"--after (\S+)$", first.stderr.strip())
    order = queries.QUERIES[command]().order
    cursors = [order.encode(key) for key in CURSORS[command]] + ([found.group(1)] if found else [])
    with statements() as captured:
        for cursor in cursors:
            kb("query", command, *args, "--limit", "2", "--after", cursor, "--db", loaded, "-f", "csv")
    assert problems(loaded, captured, after=True, **_kinds_of(args)) == []


def test_next_pages_use_every_range(loaded: str) -> None:
    """After a dated row: its date's later ids, earlier dates, then the undated rows (three statements)."""
    cursor = queries.AGREEMENTS.encode(("2023-01-30", 0))
    with statements() as captured:
        kb("query", "agreements", "--limit", "10", "--after", cursor, "--db", loaded, "-f", "csv")
    shown = [s for s, _ in captured if reads_kb(s) and "agreement_overview" in s]
    wheres = [re.sub(r":\w+|%\(\w+\)s", "?", re.search(r"WHERE (.*)\nORDER", s).group(1)) for s in shown]  # type: ignore[union-attr]
    assert wheres == ["signed = ? AND agreement_id > ?", "signed < ?", "signed IS NULL"]


@pytest.mark.parametrize("kind", ["agreement", "agency", "official", "flow"])
def test_show_reads_indexes(loaded: str, kind: str) -> None:
    with statements() as captured:
        kb("show", kind, "1", "--db", loaded)
    assert problems(loaded, captured, listing=False) == []


MERGED_TABLES = ("claim", "match_decision", "curation", "evidence", "alias")


def test_merging_two_rows_reads_their_rows_only(url: str) -> None:
    """A merge moves one row's claims, decisions, evidence and aliases: found by index, not by reading all."""
    kb("load", CORPUS, "--db", url)
    ids = [r["id"] for r in json.loads(kb("query", "agencies", "--country", "PY", "--db", url, "-f", "json").stdout)]
    with statements() as captured:
        kb("merge", "agency", ids[0], ids[1], "--db", url)
    touching = [(s, p) for s, p in captured if any(re.search(rf"\b{t}\b", s) for t in MERGED_TABLES)]
    assert touching
    assert problems(url, touching, listing=False) == []


def tables_read(url: str, captured: list[tuple[str, Any]]) -> set[str]:
    """The tables (not indexes) the captured kb statements read: SQLite's OpenRead cursors named by root page,
    PostgreSQL's plan nodes named by relation."""
    engine = make_engine(url)
    read: set[str] = set()
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                tables = "SELECT rootpage, name FROM sqlite_master WHERE type = 'table'"
                roots = dict(conn.exec_driver_sql(tables).all())
            for statement, parameters in captured:
                if not reads_kb(statement):
                    continue
                if engine.dialect.name == "sqlite":
                    program = conn.exec_driver_sql("EXPLAIN " + statement, parameters).all()
                    # (addr, opcode, p1, p2, …): OpenRead's p2 is the root page of the table or index it opens.
                    read |= {roots[row[3]] for row in program if row[1] == "OpenRead" and row[3] in roots}
                else:
                    (plan,) = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement, parameters).one()
                    plan = json.loads(plan) if isinstance(plan, str) else plan
                    read |= relations(plan[0]["Plan"])
    finally:
        engine.dispose()
    return read


def relations(node: dict[str, Any]) -> set[str]:
    own = {node["Relation Name"]} if "Relation Name" in node and node["Node Type"] != "Index Only Scan" else set()
    return own.union(*(relations(child) for child in node.get("Plans", [])))


@pytest.mark.parametrize("command", ["agencies", "officials"])
def test_first_and_last_dates_read_no_article(loaded: str, command: str) -> None:
    """A row's article count and first and last dates come from evidence indexes (revision 0010): a listing of
    agencies or posts reads no article, however many articles cite the rows shown."""
    with statements() as captured:
        kb("query", command, "--limit", "2", "--db", loaded, "-f", "csv")
    read = tables_read(loaded, captured)
    assert read and "article" not in read


def trigram_reads(url: str, captured: list[tuple[str, Any]]) -> set[str]:
    """The trigram indexes (revision 0012) the plans of the captured listing statements read."""
    engine = make_engine(url)
    read: set[str] = set()
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "postgresql":
                # Tiny tables: price out reading them whole and walking an index whole with a filter, which the
                # planner would rightly prefer; left with bitmap scans, only an index of the LIKE serves it.
                for setting in ("seqscan", "indexscan", "indexonlyscan"):
                    conn.exec_driver_sql(f"SET enable_{setting} = off")
            for statement, parameters in captured:
                if not reads_kb(statement):
                    continue
                if engine.dialect.name == "sqlite":
                    plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
                    read |= {m.group(1) for *_, d in plan if (m := re.match(r"SCAN (\w+_trigram) VIRTUAL", d))}
                else:
                    (plan,) = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement, parameters).one()
                    read |= {i for i in indexes(plan[0]["Plan"]) if i.endswith("_trigram")}
    finally:
        engine.dispose()
    return read


def indexes(node: dict[str, Any]) -> set[str]:
    own = {node["Index Name"]} if "Index Name" in node else set()
    return own.union(*(indexes(child) for child in node.get("Plans", [])))


SEARCHED = {"agreements": {"agreement_name", "evidence_quote"}, "agencies": {"agency_name", "alias_name"},
            "officials": {"official_name"}, "flows": {"evidence_quote"}, "articles": {"article_title", "article_body"}}


@pytest.mark.parametrize(("command", "args"), [(c, a) for c, a, _ in CASES if CONTAINS_OPTIONS & set(a)],
                         ids=[f"{c}{''.join(' ' + a for a in args)}" for c, args, _ in CASES
                              if CONTAINS_OPTIONS & set(args)])
def test_contains_reads_the_trigram_indexes(loaded: str, command: str, args: list[str]) -> None:
    """Each table searched is searched through its trigram index: on SQLite in the listing's statement; on
    PostgreSQL, whose planner may rightly walk the tiny test tables in order instead, in the count of what the
    indexes find that comes before it (kb.queries._at_least: the same searches)."""
    with statements() as captured:
        kb("query", command, *args, "--limit", "2", "--db", loaded, "-f", "csv")
    read = trigram_reads(loaded, captured)
    if loaded.startswith("sqlite"):
        assert read == {f"{searched}_trigram" for searched in SEARCHED[command]}
    else:
        assert {name.removeprefix("ix_") for name in read} == {f"{s}_trigram" for s in SEARCHED[command]}
