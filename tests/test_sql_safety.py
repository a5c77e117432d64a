"""`kb sql` cannot reach the database server, and stays within its time and row bounds, on both engines.

On PostgreSQL the tests connect as the test server's superuser, the set-up in
which a read-only transaction alone let COPY TO PROGRAM, pg_read_file,
lo_import and pg_terminate_backend through.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import psycopg
import pytest
from helpers import kb
from sqlalchemy.engine import make_url

from kb.db import open_database
from kb.settings import database_url


@pytest.fixture
def migrated(url: str) -> str:
    open_database(url).dispose()
    return url


@pytest.fixture
def postgres_migrated(postgres_url: str) -> str:
    open_database(postgres_url).dispose()
    return postgres_url


def libpq_dsn(url: str) -> str:
    """The psycopg connection string of a kb URL, search path included."""
    return make_url(database_url(url)).set(drivername="postgresql").render_as_string(hide_password=False)


def refused(url: str, statement: str) -> str:
    result = kb("sql", statement, "--db", url, code=1)
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")
    return result.stderr


@pytest.fixture
def scratch_file() -> Path:
    """A path in the world-writable /tmp that the database server could write to if it were let."""
    path = Path("/tmp") / f"kb-escape-{uuid.uuid4().hex}"
    yield path
    path.unlink(missing_ok=True)


SERVER_FILE_READS = [
    "SELECT pg_read_file('/etc/hostname')",
    "SELECT pg_read_binary_file('/etc/hostname')",
    "SELECT pg_ls_dir('.')",
    "SELECT lo_import('/etc/hostname')",
    "SELECT * FROM pg_stat_file('/etc/hostname')",
    "SELECT current_setting('data_directory')",
    "SELECT rolpassword FROM pg_authid",
    # A role change inside the statement, then the file read.
    "SELECT set_config('role', 'postgres', true), pg_read_file('/etc/hostname')",
    "SELECT set_config('session_authorization', 'postgres', true)",
    # Dynamic SQL run by the server on the statement's behalf.
    "SELECT query_to_xml('SELECT pg_read_file(''/etc/hostname'')', true, false, '')",
    "SELECT set_config('role', 'postgres', true), query_to_xml('SELECT pg_ls_dir(''.'')', true, false, '')",
    # Breaking out of the sandbox's subquery.
    "SELECT 1 AS a) q UNION ALL SELECT pg_read_file('/etc/hostname') FROM (SELECT 1",
]


@pytest.mark.parametrize("statement", SERVER_FILE_READS)
def test_server_files_and_settings_stay_out_of_reach(postgres_migrated: str, statement: str) -> None:
    message = refused(postgres_migrated, statement)
    assert "refused" in message or "SQL failed" in message
    assert "nothing was changed" in message or "SQL failed" in message


@pytest.mark.parametrize("template", [
    "COPY (SELECT 1) TO PROGRAM 'touch {path}'",
    "COPY (SELECT 1) TO '{path}'",
    "copy agency to '{path}'",
    "/* a comment first */ COPY (SELECT 1) TO PROGRAM 'touch {path}'",
    "SELECT lo_export(lo_from_bytea(0, 'x'), '{path}')",
    "SELECT pg_file_write('{path}', 'x', false)",
])
def test_nothing_is_written_or_run_on_the_server(postgres_migrated: str, scratch_file: Path, template: str) -> None:
    message = refused(postgres_migrated, template.format(path=scratch_file))
    assert message.startswith(("Error: refused: ", "Error: SQL failed: "))
    assert not scratch_file.exists()


@pytest.mark.parametrize("statement", ["SET ROLE postgres", "RESET ROLE", "RESET SESSION AUTHORIZATION",
                                       "DO $$ BEGIN PERFORM 1; END $$", "CALL no_such_procedure()",
                                       "LISTEN anything", "EXPLAIN ANALYZE SELECT 1"])
def test_statements_that_are_not_queries_are_refused(postgres_migrated: str, statement: str) -> None:
    assert refused(postgres_migrated, statement).startswith("Error: refused: kb sql is read-only (")


def test_other_sessions_cannot_be_terminated(postgres_migrated: str) -> None:
    with psycopg.connect(libpq_dsn(postgres_migrated)) as victim:
        refused(postgres_migrated, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                   f"WHERE pid = {victim.info.backend_pid}")
        refused(postgres_migrated, f"SELECT pg_cancel_backend({victim.info.backend_pid})")
        assert victim.execute("SELECT 1").fetchone() == (1,)


def test_kb_tables_stay_readable_through_the_sandbox(postgres_migrated: str) -> None:
    result = kb("sql", "SELECT current_user AS who, count(*) AS n FROM country", "--db", postgres_migrated,
                "-f", "csv")
    assert result.stdout.splitlines() == ["who,n", "kb_reader,249"]


def test_a_slow_statement_stops_on_the_server_at_the_timeout(postgres_migrated: str) -> None:
    marker = f"kb-timeout-{uuid.uuid4().hex}"
    result = kb("sql", f"SELECT pg_sleep(30), '{marker}' AS marker", "--db", postgres_migrated,
                "--timeout", "0.5", code=1)
    assert result.stderr == ("Error: the query ran longer than 0.5 s and was stopped (raise --timeout to allow "
                             "more); nothing was changed\n")
    with psycopg.connect(libpq_dsn(postgres_migrated)) as conn:
        still = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE query LIKE %s AND pid <> "
                             "pg_backend_pid()", [f"%{marker}%"]).fetchone()
    assert still == (0,)


ENDLESS = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n"


def test_an_endless_query_stops_at_max_rows(migrated: str) -> None:
    result = kb("sql", ENDLESS, "--db", migrated, "-f", "csv", "--max-rows", "5")
    assert result.stdout.splitlines() == ["i", "1", "2", "3", "4", "5"]
    assert result.stderr == "kb sql: stopped at 5 rows; the query has more (raise --max-rows to see them)\n"


def test_limit_truncates_without_a_notice(migrated: str) -> None:
    result = kb("sql", ENDLESS, "--db", migrated, "-f", "csv", "--limit", "3")
    assert result.stdout.splitlines() == ["i", "1", "2", "3"]
    assert result.stderr == ""


def test_an_endless_aggregate_stops_at_the_timeout(migrated: str) -> None:
    statement = f"SELECT count(*) AS n FROM ({ENDLESS}) AS endless"
    result = kb("sql", statement, "--db", migrated, "--timeout", "0.5", code=1)
    assert result.stderr.startswith("Error: the query ran longer than 0.5 s and was stopped")


def test_a_query_that_needs_too_much_memory_is_stopped(sqlite_url: str) -> None:
    """SQLite's heap bound (PostgreSQL bounds a statement's memory on the server: work_mem, temp files)."""
    migrated = open_database(sqlite_url).url.render_as_string()
    many = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 2000000) SELECT i FROM n"
    statement = f"SELECT length(group_concat(printf('%.1000c', 'x'))) AS n FROM ({many}) AS many"
    result = kb("sql", statement, "--db", migrated, "--timeout", "60", code=1)
    assert result.stderr.startswith("Error: the query needed more than 512 MB of memory and was stopped")


def test_column_order_and_repeated_names_survive(migrated: str) -> None:
    result = kb("sql", "SELECT 2 AS b, 1 AS a, 3 AS b", "--db", migrated, "-f", "csv")
    assert result.stdout.splitlines() == ["b,a,b", "2,1,3"]


def test_an_empty_result_keeps_its_columns(migrated: str) -> None:
    result = kb("sql", "SELECT code, name FROM country WHERE 1 = 0", "--db", migrated, "-f", "csv")
    assert result.stdout.splitlines() == ["code,name"]


def test_a_trailing_semicolon_and_comment_are_accepted(migrated: str) -> None:
    result = kb("sql", "SELECT code FROM country WHERE code = 'UZ' -- one country\n;", "--db", migrated,
                "-f", "csv")
    assert result.stdout.splitlines() == ["code", "UZ"]
