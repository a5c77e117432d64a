"""full-text search and party views

Full-text search over article titles and bodies and over evidence quotes,
in each engine's own way, kept in step with every write by the database
itself (loads, re-loads, curation, deletes), so no code path can forget it:

- SQLite: FTS5 tables `article_search` (title, body) and `evidence_search`
  (quote) with external content (the text is stored once, in `article` and
  `evidence`), Porter stemming, and triggers on insert, delete and update of
  the indexed columns. Filled from the rows present when the revision runs;
  the downgrade drops them with their triggers. A later migration that
  rebuilds `article` or `evidence` in batch mode drops the triggers with the
  old table and must create them again (tests/test_search.py checks they
  exist at head).
- PostgreSQL: a stored generated `tsvector` column `search_vector` on each
  of the two tables (English configuration; title weighted above body) with
  a GIN index. A tsvector holds at most 1 MB, so a body is indexed on its
  first 250,000 characters (real articles are 2,000–20,000).

And two views for browsing and filtering:

- `agreement_party_overview`: one row per party of an agreement (country and
  agency with their names), so that counts by country count countries, not
  combinations of them;
- `evidence_country`: each piece of evidence with each country its record
  involves (an agency's or official's country, an agreement's parties, a
  flow's exporter and importer): what `kb search --country` filters on.

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BODY_CHARACTERS = 250_000  # PostgreSQL: the part of a body indexed (a tsvector is at most 1 MB)

# (FTS5 table, content table, indexed columns)
SQLITE_INDEXES = (("article_search", "article", ("title", "body")),
                  ("evidence_search", "evidence", ("quote",)))

AGREEMENT_PARTY_OVERVIEW = """
    CREATE VIEW agreement_party_overview AS
    SELECT p.id AS party_id, a.id AS agreement_id, a.name AS agreement, a.kind, a.status, a.signed,
           p.country_code, c.name AS country, p.agency_id, g.name AS agency
    FROM agreement_party p
    JOIN agreement a ON a.id = p.agreement_id
    LEFT JOIN country c ON c.code = p.country_code
    LEFT JOIN agency g ON g.id = p.agency_id
"""

EVIDENCE_COUNTRY = """
    CREATE VIEW evidence_country AS
    SELECT e.id AS evidence_id, e.article_id, g.country_code
      FROM evidence e JOIN agency g ON g.id = e.agency_id WHERE g.country_code IS NOT NULL
    UNION ALL
    SELECT e.id, e.article_id, o.country_code
      FROM evidence e JOIN official o ON o.id = e.official_id WHERE o.country_code IS NOT NULL
    UNION ALL
    SELECT e.id, e.article_id, o.country_code
      FROM evidence e JOIN position p ON p.id = e.position_id JOIN official o ON o.id = p.official_id
      WHERE o.country_code IS NOT NULL
    UNION ALL
    SELECT e.id, e.article_id, p.country_code
      FROM evidence e JOIN agreement_party p ON p.agreement_id = e.agreement_id WHERE p.country_code IS NOT NULL
    UNION ALL
    SELECT e.id, e.article_id, f.exporter_country_code
      FROM evidence e JOIN trade_flow f ON f.id = e.trade_flow_id WHERE f.exporter_country_code IS NOT NULL
    UNION ALL
    SELECT e.id, e.article_id, f.importer_country_code
      FROM evidence e JOIN trade_flow f ON f.id = e.trade_flow_id WHERE f.importer_country_code IS NOT NULL
"""


def _sqlite_upgrade() -> None:
    for fts, table, columns in SQLITE_INDEXES:
        names = ", ".join(columns)
        new = ", ".join(f"new.{c}" for c in columns)
        old = ", ".join(f"old.{c}" for c in columns)
        op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, content='{table}', content_rowid='id', "
                   "tokenize='porter unicode61 remove_diacritics 2')")
        insert = f"INSERT INTO {fts}(rowid, {names}) VALUES (new.id, {new});"
        remove = f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ('delete', old.id, {old});"
        op.execute(f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {insert} END")
        op.execute(f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {remove} END")
        op.execute(f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {names} ON {table} BEGIN {remove} {insert} END")
        op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def _sqlite_downgrade() -> None:
    for fts, _table, _columns in SQLITE_INDEXES:
        for event in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS {fts}_{event}")
        op.execute(f"DROP TABLE IF EXISTS {fts}")


def postgresql_statements() -> list[str]:
    """The generated tsvector columns and their GIN indexes (benchmarks/bench_search_index.py times them)."""
    return [
        f"""ALTER TABLE article ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') ||
            setweight(to_tsvector('english'::regconfig, left(body, {BODY_CHARACTERS})), 'B')) STORED""",
        """ALTER TABLE evidence ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
            to_tsvector('english'::regconfig, coalesce(quote, ''))) STORED""",
        "CREATE INDEX ix_article_search_vector ON article USING gin (search_vector)",
        "CREATE INDEX ix_evidence_search_vector ON evidence USING gin (search_vector)",
    ]


def _postgresql_upgrade() -> None:
    for statement in postgresql_statements():
        op.execute(statement)


def _postgresql_downgrade() -> None:
    for table in ("article", "evidence"):
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_search_vector")
        op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_upgrade()
    else:
        _sqlite_upgrade()
    op.execute(AGREEMENT_PARTY_OVERVIEW)
    op.execute(EVIDENCE_COUNTRY)


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS evidence_country")
    op.execute("DROP VIEW IF EXISTS agreement_party_overview")
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_downgrade()
    else:
        _sqlite_downgrade()
