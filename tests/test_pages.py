"""Keyset pages (`--after CURSOR`, `after=`) and `--contains` through the trigram indexes, on both engines.

Pages: every listing's pages, concatenated, are the listing, for every filter of tests/test_query.py and
for rows made to tie on their sort key or to have none (undated rows come last). Cursors: a bad one is one
line and exit status 2. `--contains`: the rows found through revision 0012's indexes are those of the LIKE
scan it replaces, for text with accents, capitals, LIKE's own wildcards and fewer than three characters.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import kb, query
from sqlalchemy import text
from test_query import CASES

import kb as kb_api
from kb import queries
from kb.db import TRIGRAM_INDEXES, make_engine
from kb.errors import CursorError

LISTINGS = ("agreements", "agencies", "officials", "flows", "articles")
CURSOR = re.compile(r"^kb: more rows: repeat with --after (\S+)$", re.MULTILINE)


def pages(url: str, command: str, *args: str, size: int) -> Iterator[list[dict[str, Any]]]:
    """Each page of a listing through the command line, following the cursor each prints on stderr."""
    after: list[str] = []
    while True:
        result = kb("query", command, *args, "--limit", str(size), *after, "--db", url, "-f", "json")
        yield json.loads(result.stdout)  # stdout is JSON alone: the cursor is on stderr
        found = CURSOR.search(result.stderr)
        if found is None:
            return
        after = ["--after", found.group(1)]


@pytest.mark.parametrize(("command", "args"), [(c, a) for c, a, _ in CASES],
                         ids=[f"{c}{''.join(' ' + a for a in args)}" for c, args, _ in CASES])
def test_pages_make_the_listing(loaded: str, command: str, args: list[str]) -> None:
    whole = query(loaded, command, *args)
    for size in (1, 2):
        got = list(pages(loaded, command, *args, size=size))
        assert [row for page in got for row in page] == whole
        assert all(len(page) == size for page in got[:-1])
        assert len(got) == max(1, -(-len(whole) // size))  # no empty last page when the rows fill the pages


# ---------------------------------------------------------------- ties and rows without a date

# Rows made to tie on each listing's sort key and to lack a date (undated rows come last).
DATES = ["2024-05-01", None, "2024-05-01", "2023", None, "2024-05-01", "2025-01-02", "2023"]
NAMES = ["Beta Agency", "Alpha Agency", "Beta Agency", "alpha agency", "Beta Agency", "Ézé Agency"]


def _insert(conn: Any, table: str, **values: Any) -> int:
    columns = ", ".join(values)
    marks = ", ".join(f":{c}" for c in values)
    return conn.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({marks}) RETURNING id"), values).scalar_one()


def fill_ties(url: str) -> None:
    """Articles, agreements and flows dated from DATES; agencies and officials (two posts each) named from
    NAMES, with their evidence."""
    kb_api.open(url).close()  # migrated (a PostgreSQL test schema starts empty)
    engine = make_engine(url)
    with engine.begin() as conn:
        for i, date in enumerate(DATES):
            article = _insert(conn, "article", source_path=f"/a/{i}.txt", file_name=f"{i}.txt",
                              content_hash=f"h{i}", facts_origin="curated", body=f"body {i}", facts="{}", language="en",
                              loaded_at="2026-01-01", published=date, title=f"Article {i}")
            agreement = _insert(conn, "agreement", name=f"Agreement {i}", name_key=f"agreement {i}", signed=date)
            flow = _insert(conn, "trade_flow", commodity=f"goods {i}", commodity_key=f"goods {i}",
                           period_start=date)
            for column, value in (("agreement_id", agreement), ("trade_flow_id", flow)):
                _insert(conn, "evidence", article_id=article, quote=f"Quote {i}", **{column: value})
        for i, name in enumerate(NAMES):
            _insert(conn, "agency", name=name, name_key=name.lower())
            official = _insert(conn, "official", name=name.replace("Agency", "Person"), name_key=f"p{i}")
            for title in ("chief", "deputy"):
                _insert(conn, "position", official_id=official, title=title, title_key=title)
    engine.dispose()


@pytest.mark.parametrize("command", LISTINGS)
def test_pages_over_ties_and_undated_rows(url: str, command: str) -> None:
    fill_ties(url)
    whole = query(url, command)
    assert len(whole) >= 6
    for size in (1, 2, 3, 5):
        assert [row for page in pages(url, command, size=size) for row in page] == whole


@pytest.mark.parametrize("command", LISTINGS)
def test_pages_from_python(url: str, command: str) -> None:
    fill_ties(url)
    with kb_api.open(url) as db:
        listing = getattr(db, command)
        whole = listing()
        assert whole.next_cursor is None  # no limit: every row, no next page
        got, after = [], None
        while True:
            page = listing(limit=2, after=after)
            got += page
            if page.next_cursor is None:
                break
            after = page.next_cursor
        assert got == whole


def test_a_page_is_read_after_its_cursor_however_the_table_changed(url: str) -> None:
    """Keyset, not offset: rows added before the cursor do not shift the next page."""
    fill_ties(url)
    first = kb("query", "agencies", "--limit", "2", "--db", url, "-f", "json")
    cursor = CURSOR.search(first.stderr).group(1)  # type: ignore[union-attr]
    engine = make_engine(url)
    with engine.begin() as conn:
        _insert(conn, "agency", name="Aardvark Agency", name_key="aardvark agency")
    engine.dispose()
    rest = query(url, "agencies", "--after", cursor)
    assert [r["name"] for r in json.loads(first.stdout) + rest] == [r["name"] for r in query(url, "agencies")][1:]


# ---------------------------------------------------------------- what the command prints

def test_a_table_says_how_to_get_the_next_page(loaded: str) -> None:
    result = kb("query", "agreements", "--limit", "2", "--db", loaded, "-f", "table")
    (cursor,) = CURSOR.findall(result.stderr)
    assert cursor not in result.stdout
    last = kb("query", "agreements", "--limit", "100", "--db", loaded, "-f", "table")
    assert "more rows" not in last.stderr  # the last page has no cursor
    assert "more rows" not in kb("query", "agreements", "--db", loaded, "-f", "csv").stderr


def test_csv_pages_are_clean(loaded: str) -> None:
    result = kb("query", "flows", "--limit", "1", "--db", loaded, "-f", "csv")
    assert result.stdout.splitlines()[0].startswith("id,commodity,")
    assert len(result.stdout.splitlines()) == 2 and CURSOR.search(result.stderr)


def _token(value: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


BAD = [
    ("garbage", "is not a cursor kb printed"),
    ("%%%", "is not a cursor kb printed"),
    (base64.urlsafe_b64encode(b"\xff\xfe").decode(), "is not a cursor kb printed"),
    (_token({"a": 1}), "is not a cursor kb printed"),
    (_token([]), "is not a cursor kb printed"),
    (_token(["agencies", "Alpha", 1]), "continues `kb query agencies`, not `kb query agreements`"),
    (_token(["agreements", "2023"]), "is not a cursor of `kb query agreements`"),
    (_token(["agreements", "2023", "1"]), "is not a cursor of `kb query agreements`"),
    (_token(["agreements", 2023, 1]), "is not a cursor of `kb query agreements`"),
    (_token(["agreements", "2023", True]), "is not a cursor of `kb query agreements`"),
    ("x" * 500, "is not a cursor kb printed"),
]


@pytest.mark.parametrize(("cursor", "message"), BAD, ids=[m[:20] + str(i) for i, (_, m) in enumerate(BAD)])
def test_a_bad_cursor_is_one_line_and_exit_2(loaded: str, cursor: str, message: str) -> None:
    result = kb("query", "agreements", "--after", cursor, "--db", loaded, code=2)
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("Error: --after") and message in line and len(line) < 200
    with kb_api.open(loaded) as db, pytest.raises(CursorError, match=re.escape(message)):
        db.agreements(after=cursor)


def test_a_null_date_is_a_cursor_of_date_listings_only() -> None:
    assert queries.AGREEMENTS.decode(_token(["agreements", None, 3])) == [None, 3]
    with pytest.raises(CursorError):
        queries.AGENCIES.decode(_token(["agencies", None, 3]))


# ---------------------------------------------------------------- --contains through the trigram indexes

STRINGS = ["aduanas", "ADUANAS", "Dirección", "DIRECCIÓN", "dirección nacional", "école", "ÉCOLE", "Ecole",
           "100%", "0% j", "0% JU", "% J", "under_score", "r_s", "%", "_", "ab", "a", "é", "ión", "  ", "customs",
           "CUSTOMS SERVICE", "zzz", "ção", "straße", "STRASSE", "o'b"]
ROWS = ["Dirección Nacional de Aduanas", "ÉCOLE des Douanes", "Ecole nationale", "100% Juice Co", "under_score Ltd",
        "undersore Ltd", "Korea Customs Service", "Alfândega de Ação", "Straße Zoll", "O'Brien Trading", "ab"]


def fill_texts(url: str) -> None:
    """Each of ROWS as an agency (with an alias), an official, an agreement with a quote, a flow's quote and an
    article's title and body."""
    kb_api.open(url).close()
    engine = make_engine(url)
    with engine.begin() as conn:
        for i, value in enumerate(ROWS):
            article = _insert(conn, "article", source_path=f"/t/{i}.txt", file_name=f"{i}.txt",
                              content_hash=f"t{i}", facts_origin="curated", body=f"It said: {value}.", language="en",
                              facts="{}", loaded_at="2026-01-01", published=f"2024-01-{i + 1:02}", title=value)
            agency = _insert(conn, "agency", name=value, name_key=f"a{i}")
            _insert(conn, "alias", agency_id=agency, name=f"{value} alias", name_key=f"x{i}", origin="article")
            official = _insert(conn, "official", name=value, name_key=f"o{i}")
            _insert(conn, "position", official_id=official, agency_id=agency, title="chief", title_key="chief")
            agreement = _insert(conn, "agreement", name=f"Agreement {i}", name_key=f"g{i}")
            flow = _insert(conn, "trade_flow", commodity=f"goods {i}", commodity_key=f"goods {i}")
            for column, row in (("agreement_id", agreement), ("trade_flow_id", flow)):
                _insert(conn, "evidence", article_id=article, quote=f"Quote: {value}", **{column: row})
    engine.dispose()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def texts(request: pytest.FixtureRequest) -> Iterator[str]:
    url = request.getfixturevalue(f"{request.param}_module_url")
    fill_texts(url)
    yield url


@pytest.fixture(scope="module")
def sqlite_module_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('texts') / 'kb.db'}"


@pytest.fixture(scope="module")
def postgres_module_url() -> Iterator[str]:
    from helpers import postgres_schema

    with postgres_schema() as url:
        yield url


def run(url: str, listing: str, value: str, *, scan: bool, limit: int | None = None) -> tuple[list[tuple], str]:
    """The rows of `listing --contains value`, through the indexes or by the LIKE scan (the query written
    without a connection), and the SQL that ran."""
    q = queries.QUERIES[listing](contains=value, limit=limit)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            q.prepare(None if scan else conn)
            _columns, rows = q.run(conn)
            return list(rows), q.sql
    finally:
        engine.dispose()


@pytest.mark.parametrize("value", STRINGS)
@pytest.mark.parametrize("listing", LISTINGS)
def test_contains_finds_the_rows_of_the_scan(texts: str, listing: str, value: str) -> None:
    found, sql = run(texts, listing, value, scan=False)
    expected, scan_sql = run(texts, listing, value, scan=True)
    assert found == expected
    dialect = "postgresql" if texts.startswith("postgresql") else "sqlite"
    indexed = queries.trigram_searchable(value, dialect)
    assert (sql != scan_sql) == indexed  # three characters in a row go through the index, fewer scan
    if indexed and dialect == "sqlite":
        assert "_trigram" in sql


def test_the_strings_cover_both_ways(texts: str) -> None:
    """Some strings find rows and some do not; some are looked up, some are too short."""
    counts = {v: len(run(texts, "agencies", v, scan=False)[0]) for v in STRINGS}
    assert {v for v, n in counts.items() if n} >= {"aduanas", "ADUANAS", "100%", "r_s", "ab", "Dirección"}
    assert counts["zzz"] == 0
    assert not queries.trigram_searchable("ab", "sqlite") and queries.trigram_searchable("0% ju", "sqlite")


@pytest.mark.parametrize("listing", LISTINGS)
def test_a_common_string_is_read_in_order_with_the_same_rows(texts: str, listing: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Past COMMON rows found, a page reads the listing in order and checks each row: the same pages."""
    monkeypatch.setattr(queries, "COMMON", 2)
    for limit in (1, 3, 100):
        for value in ("nal", "ion", "zzz"):  # more rows than COMMON, and none
            assert run(texts, listing, value, scan=False, limit=limit)[0] == \
                run(texts, listing, value, scan=True, limit=limit)[0]


def test_show_sql_says_when_a_common_string_is_read_in_order(texts: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(queries, "COMMON", 2)
    shown = kb("query", "agencies", "-c", "ion", "--limit", "1", "--show-sql", "--db", texts, "-f", "csv").stderr
    assert "-- --contains: 2 rows or more hold it" in shown and "_trigram" not in shown
    rare = kb("query", "agencies", "-c", "zzzz", "--limit", "1", "--show-sql", "--db", texts, "-f", "csv").stderr
    assert "rows or more" not in rare


def test_trigram_indexes_follow_writes(url: str) -> None:
    """Insert, rename and delete: the index (SQLite's triggers, PostgreSQL's GIN) follows every write."""
    fill_texts(url)
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE official SET name = 'Renamed Customs Person' WHERE name = 'Straße Zoll'"))
        conn.execute(text("DELETE FROM alias WHERE name = 'O''Brien Trading alias'"))
    engine.dispose()
    names = {r["name"] for r in query(url, "officials", "--contains", "customs person")}
    assert names == {"Renamed Customs Person"}
    assert query(url, "officials", "--contains", "straße") == []
    assert {r["aliases"] for r in query(url, "agencies", "--contains", "brien tr")} == {None}


def test_sqlite_trigram_triggers_exist_at_head(tmp_path: Path) -> None:
    """Revision 0012's triggers are there, and each external-content FTS5 table agrees with its table after a
    load, a rename and a delete (FTS5's own consistency check raises when it does not)."""
    url = f"sqlite:///{tmp_path / 'kb.db'}"
    fill_texts(url)
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE agency SET name = 'Renamed' WHERE name = 'ab'"))
        conn.execute(text("DELETE FROM alias WHERE name = 'ab alias'"))
        triggers = set(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars())
        assert {f"{index}_trigram_{event}" for index in TRIGRAM_INDEXES
                for event in ("insert", "delete", "update")} <= triggers
        for index in TRIGRAM_INDEXES:
            conn.execute(text(f"INSERT INTO {index}_trigram({index}_trigram) VALUES ('integrity-check')"))
    engine.dispose()
