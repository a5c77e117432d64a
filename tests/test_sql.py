"""`kb sql` on both engines: queries in every format; writes of any kind refused, with nothing changed."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from helpers import kb
from sqlalchemy import select, text
from sqlmodel import SQLModel

from kb import models  # noqa: F401  (registers every table)
from kb.db import make_engine, sqlite_path


def snapshot(url: str) -> dict[str, object]:
    """Row counts of every table, plus the names and tables a write would most likely touch."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            out: dict[str, object] = {name: conn.execute(select(text("count(*)")).select_from(table)).scalar_one()
                                      for name, table in SQLModel.metadata.tables.items()}
            out["agency names"] = sorted(r[0] for r in conn.execute(text("SELECT name FROM agency")))
            out["views"] = conn.execute(text("SELECT count(*) FROM agreement_overview")).scalar_one()
    finally:
        engine.dispose()
    return out


def test_select_as_json(loaded: str) -> None:
    result = kb("sql", "SELECT code, name FROM country WHERE code IN ('IS', 'PY') ORDER BY code", "--db", loaded,
                "-f", "json")
    assert json.loads(result.stdout) == [{"code": "IS", "name": "Iceland"}, {"code": "PY", "name": "Paraguay"}]
    assert result.stderr == ""


def test_select_as_csv(loaded: str) -> None:
    result = kb("sql", "SELECT name, parties, signed FROM agreement_overview WHERE kind = 'memorandum' "
                       "ORDER BY signed", "--db", loaded, "--format", "csv")
    assert list(csv.reader(io.StringIO(result.stdout))) == [
        ["name", "parties", "signed"],
        ["Memorandum of understanding on customs cooperation", "FJ, IS", "2023-01-30"],
        ["Memorandum of understanding on customs cooperation", "FJ, IS", "2023-11-17"]]


def test_select_as_table(loaded: str) -> None:
    out = kb("sql", "SELECT commodity, quantity FROM trade_flow ORDER BY commodity", "--db", loaded,
             "-f", "table").stdout
    assert "commodity" in out and "quantity" in out
    assert "frozen cod" in out and "kava" in out and "soybean meal" in out
    assert "(no rows)" in kb("sql", "SELECT * FROM agency WHERE 1 = 0", "--db", loaded, "-f", "table").stdout


def test_select_with_limit_and_cte(loaded: str) -> None:
    result = kb("sql", "WITH t AS (SELECT title, published FROM article) SELECT title FROM t ORDER BY published",
                "--db", loaded, "-f", "json", "--limit", "2")
    assert [r["title"] for r in json.loads(result.stdout)] == [
        "Iceland and Paraguay sign customs assistance agreement", "Paraguay and Iceland amend customs agreement"]


def test_select_from_every_overview_view(loaded: str) -> None:
    for statement, expected in (("SELECT count(*) AS n FROM agreement_overview", 5),
                                ("SELECT count(*) AS n FROM trade_flow_overview", 3),
                                ("SELECT count(*) AS n FROM agency_overview", 4),
                                ("SELECT count(*) AS n FROM position_overview", 5),
                                ("SELECT count(*) AS n FROM evidence_overview", 28)):
        result = kb("sql", statement, "--db", loaded, "-f", "json")
        assert json.loads(result.stdout) == [{"n": expected}], statement


WRITES = [
    "INSERT INTO country (code, name) VALUES ('XQ', 'Nowhere')",
    "DELETE FROM article",
    "DROP TABLE evidence",
    "DROP VIEW agreement_overview",
    "UPDATE agency SET name = 'Renamed'",
    "delete from evidence returning id",
    "CREATE TABLE scratch (x integer)",
    "ALTER TABLE agency ADD COLUMN scratch integer",
]
MULTI = [
    "SELECT 1; DELETE FROM article",
    "DELETE FROM article; SELECT 1",
    "SELECT 1; UPDATE agency SET name = 'Renamed'; SELECT 2",
]


@pytest.mark.parametrize("statement", WRITES)
def test_writes_are_refused_and_nothing_changes(loaded: str, statement: str) -> None:
    before = snapshot(loaded)
    result = kb("sql", statement, "--db", loaded, code=1)
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("Error: refused: kb sql is read-only (")
    assert result.stderr.endswith("; nothing was changed\n")
    assert snapshot(loaded) == before


@pytest.mark.parametrize("statement", MULTI)
def test_several_statements_are_refused_and_nothing_changes(loaded: str, statement: str) -> None:
    before = snapshot(loaded)
    result = kb("sql", statement, "--db", loaded, code=1)
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert ("one statement" in result.stderr or "multiple commands" in result.stderr
            or result.stderr.startswith("Error: refused: kb sql is read-only (DELETE is not a query"))
    assert snapshot(loaded) == before


def test_a_write_inside_a_query_is_refused(loaded: str) -> None:
    before = snapshot(loaded)
    result = kb("sql", "WITH d AS (DELETE FROM evidence RETURNING id) SELECT count(*) FROM d", "--db", loaded,
                code=1)
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert snapshot(loaded) == before


@pytest.mark.parametrize("statement", ["COMMIT", "BEGIN", "SELECT 1 WHERE 1 = 0; COMMIT"])
def test_transaction_control_cannot_open_a_way_to_write(loaded: str, statement: str) -> None:
    before = snapshot(loaded)
    result = kb("sql", statement, "--db", loaded, code=1)
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    kb("sql", "DELETE FROM article", "--db", loaded, code=1)
    assert snapshot(loaded) == before


def test_a_statement_that_returns_no_rows_is_refused(loaded: str) -> None:
    result = kb("sql", "", "--db", loaded, code=1)
    assert result.stderr == ("Error: kb sql runs queries only: the statement returned no rows; "
                             "nothing was changed\n")


@pytest.mark.parametrize(("statement", "sqlite_message", "postgres_message"), [
    ("SELEC * FROM agency", 'near "SELEC": syntax error', 'syntax error at or near "SELEC"'),
    ("SELECT * FROM no_such_table", "no such table: no_such_table", 'relation "no_such_table" does not exist'),
    ("SELECT no_such_column FROM agency", "no such column: no_such_column",
     'column "no_such_column" does not exist'),
])
def test_errors_are_one_line(loaded: str, statement: str, sqlite_message: str, postgres_message: str) -> None:
    result = kb("sql", statement, "--db", loaded, code=1)
    message = sqlite_message if sqlite_path(loaded) else postgres_message
    assert result.stderr == f"Error: SQL failed: {message}\n"
    assert result.stdout == ""


def test_attach_is_refused_and_creates_no_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    kb("db", "upgrade", "--db", url)
    target = tmp_path / "attached.db"
    result = kb("sql", f"ATTACH DATABASE '{target}' AS other", "--db", url, code=1)
    assert result.stderr == "Error: refused: kb sql is read-only (not authorized); nothing was changed\n"
    assert not target.exists()


def test_missing_statement_is_a_usage_error() -> None:
    assert "Usage: kb sql" in kb("sql", code=2).output
