"""read-only sandbox for kb sql on PostgreSQL

`kb sql` must not become a way to run programs, read files or signal other
sessions on the database server, even when kb connects as a superuser (the
common local set-up). A read-only transaction does not stop COPY TO PROGRAM or
pg_read_file, and SET ROLE can be undone by a superuser session from inside a
SELECT (set_config('role', …)). So user statements run inside a SECURITY
DEFINER function owned by `kb_reader`, a NOLOGIN role that may only read kb's
tables and views: inside such a function PostgreSQL itself forbids changing
role or session authorization, and every function or table the statement
touches is checked against kb_reader's privileges.

Roles belong to the cluster, so `kb_reader` is created once and shared by every
kb database and schema on the server; each schema grants it SELECT on its own
tables. Tables added by later migrations are covered by default privileges.
A migrating role that is not a superuser cannot hand the function to
kb_reader: the function is then owned by that role, and `kb sql` refuses to
run if that owner has server-side powers. SQLite needs none of this.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

READER = "kb_reader"
SIGNATURE = "kb_read_query(statement text, max_rows bigint)"
# Every table and view of kb at this revision; later ones are covered by the default privileges below.
RELATIONS = ("country", "article", "agency", "alias", "official", "position", "agreement",
             "agreement_party", "agreement_signatory", "trade_flow", "evidence", "claim", "match_decision",
             "curation", "agreement_overview", "trade_flow_overview", "agency_overview", "position_overview",
             "evidence_overview")


def _quoted_schema() -> str:
    bind = op.get_bind()
    schema = bind.execute(text("SELECT current_schema()")).scalar_one()
    return bind.dialect.identifier_preparer.quote_identifier(schema)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    schema = _quoted_schema()
    superuser = op.get_bind().execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar()
    if superuser:
        # Two first loads may migrate at once; the role is the cluster's, so its creation may race.
        op.execute(f"""
            DO $$ BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{READER}') THEN
                    CREATE ROLE {READER} NOLOGIN;
                END IF;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$""")
        op.execute(f"GRANT USAGE ON SCHEMA {schema} TO {READER}")
        op.execute(f"GRANT SELECT ON {', '.join(f'{schema}.{name}' for name in RELATIONS)} TO {READER}")
        op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT SELECT ON TABLES TO {READER}")
    # STABLE: PostgreSQL refuses INSERT/UPDATE/DELETE inside it, whatever the transaction mode.
    # The statement is wrapped as a subquery, so one statement only; LIMIT stops even an endless recursion.
    op.execute(f"""
        CREATE FUNCTION {schema}.{SIGNATURE} RETURNS SETOF text
        LANGUAGE plpgsql STABLE SECURITY DEFINER
        SET search_path = {schema}, pg_catalog, pg_temp
        AS $body$
        BEGIN
            RETURN QUERY EXECUTE format(E'SELECT row_to_json(q)::text FROM (%s\\n) AS q LIMIT %s',
                                        statement, max_rows);
        END
        $body$""")
    op.execute(f"REVOKE ALL ON FUNCTION {schema}.{SIGNATURE} FROM PUBLIC")
    if superuser:
        op.execute(f"ALTER FUNCTION {schema}.{SIGNATURE} OWNER TO {READER}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    schema = _quoted_schema()
    op.execute(f"DROP FUNCTION IF EXISTS {schema}.{SIGNATURE}")
    exists = op.get_bind().execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": READER}).scalar()
    if not exists:
        return
    op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} REVOKE SELECT ON TABLES FROM {READER}")
    op.execute(f"REVOKE SELECT ON {', '.join(f'{schema}.{name}' for name in RELATIONS)} FROM {READER}")
    op.execute(f"REVOKE USAGE ON SCHEMA {schema} FROM {READER}")
    # The role stays while another kb database or schema on the server still grants it something.
    op.execute(f"""
        DO $$ BEGIN
            DROP ROLE {READER};
        EXCEPTION WHEN dependent_objects_still_exist OR undefined_object THEN NULL;
        END $$""")
