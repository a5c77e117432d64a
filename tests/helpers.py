"""Helpers for the tests that run kb end to end: the `kb` command, its common calls, PostgreSQL scratch schemas.

Fixtures built on these live in conftest.py.
"""

from __future__ import annotations

import json
import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import quote

import pytest
import typer
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.exc import DBAPIError, IntegrityError
from typer.testing import CliRunner, Result

from kb.cli import app
from kb.db import make_engine
from kb.settings import database_url

POSTGRES_VARIABLE = "KB_TEST_POSTGRES_URL"
CORPUS = Path(__file__).parent / "data" / "corpus"

runner = CliRunner()
# Built once: `runner.invoke(app, …)` builds the whole command tree again on every call (~30 ms, hundreds of
# calls). The built command runs inside the runner's public `isolation()`, as `invoke` itself does.
command = typer.main.get_command(app)


def kb(*args: object, code: int = 0) -> Result:
    """Run the kb command; never a traceback, always the expected exit code."""
    exception: BaseException | None = None
    exit_code = 0
    with runner.isolation() as (stdout, stderr, output):
        try:
            command.main(args=[str(a) for a in args], prog_name="kb")
        except SystemExit as exc:
            exit_code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            exception = exc if exit_code else None
        except Exception as exc:  # a traceback: reported by the assertions below
            exception, exit_code = exc, 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            result = Result(runner=runner, stdout_bytes=stdout.getvalue(), stderr_bytes=stderr.getvalue(),
                            output_bytes=output.getvalue(), return_value=None, exit_code=exit_code,
                            exception=exception, exc_info=None)
    assert "Traceback" not in result.output
    assert exception is None or isinstance(exception, SystemExit), repr(exception)
    assert result.exit_code == code, result.output
    return result


def load(url: str, *paths: object, code: int = 0) -> Result:
    return kb("load", *paths, "--db", url, code=code)


def query(url: str, *args: str, code: int = 0) -> list[dict]:
    return json.loads(kb("query", *args, "--db", url, "-f", "json", code=code).stdout)


def rows(url: str, sql: str, **params: object) -> list[tuple]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql), params)]
    finally:
        engine.dispose()


def postgres_base_url() -> str | None:
    url = os.environ.get(POSTGRES_VARIABLE)
    if not url and os.environ.get("CI"):
        pytest.fail(f"{POSTGRES_VARIABLE} is not set under CI: PostgreSQL tests must run there")
    return database_url(url) if url else None


_SHARED_MADE: set[str] = set()  # the servers this process has made them on


def _shared_server_objects(conn: Connection, base: str) -> None:
    """What the test schemas share on the server, made once per database and process.

    Revision 0012's extension goes in `public`: made in a test's schema, it would go with that schema, and every
    other schema's trigram indexes with it. Revision 0004's read-only role `kb_reader` is kept alive by a grant on
    `public`: a downgrade test drops the role when no schema grants it anything, and with workers in parallel that
    can happen while another worker's upgrade is granting it ("role … was concurrently dropped"). Workers race to
    make both, and "IF NOT EXISTS" does not stop two of them at once: the loser sees the winner's."""
    if base in _SHARED_MADE:
        return
    with suppress(IntegrityError):
        conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public"))
    conn.execute(text("""
        DO $$ BEGIN
            CREATE ROLE kb_reader NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END $$"""))
    # (the grant itself, not has_schema_privilege: public's USAGE granted to PUBLIC would answer for any role)
    granted = conn.execute(text("SELECT EXISTS (SELECT FROM pg_namespace n, aclexplode(n.nspacl) a "
                                "WHERE n.nspname = 'public' AND a.grantee = 'kb_reader'::regrole)")).scalar()
    if not granted:
        with suppress(DBAPIError):  # another worker granting it at the same moment ("tuple concurrently updated")
            conn.execute(text("GRANT USAGE ON SCHEMA public TO kb_reader"))
    _SHARED_MADE.add(base)


@contextmanager
def postgres_schema() -> Iterator[str]:
    """The URL of a new, empty schema on the test server, dropped afterwards; skips the test without a server."""
    base = postgres_base_url()
    if base is None:
        pytest.skip(f"{POSTGRES_VARIABLE} not set: PostgreSQL tests skipped locally")
    schema = f"kbtest_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        _shared_server_objects(conn, base)
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
