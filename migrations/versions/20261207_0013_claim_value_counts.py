"""claim value counts

Re-deriving an agency or an official (after every article that names it)
ranks its values by how many claims give each, the latest article date among
them and the first claim: those were counted from every claim of the row,
each joined to its article for the date. A row named by N articles cost N
claims and N article rows read (about 90 claims an agency at 10,000
articles, 900 at 100,000; the article rows are large, bodies included), so
a load slowed as the base grew.

`claim_value_count` holds those counts, one row per (kind, row, field,
value):

- claims inserted are counted in by the statement that follows their insert
  in kb's store (one grouped statement a batch, `kb.store.held`; a trigger
  on each claim cost SQLite more than the reads it saves);
- a claim deleted counts out (a re-load, a deletion, a curator's apart);
  the latest date and the first claim are read again from the remaining
  claims of that value only when the claim was the first or as late as the
  latest (or its article is gone);
- a claim moved to another row or value (a curator's merge, a join) counts
  out of one and into the other;
- an article's date changed re-reads the latest date of the values its
  claims give.

The last three by the database itself, so no code path can forget them:
SQLite row triggers; PostgreSQL statement triggers over the transition
tables, and a row trigger on the article date. The upgrade fills the table
from the claims present; the downgrade drops it with its triggers.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COUNTED = ("agency", "official")  # the kinds whose claims are counted (claim.<kind>_id)
TABLE = "claim_value_count"


def _key(kind: str, row: str) -> str:
    """The count row of `row`'s (a claim's) value, in a WHERE clause on claim_value_count."""
    return (f"{TABLE}.kind = '{kind}' AND {TABLE}.row_id = {row}.{kind}_id AND {TABLE}.field = {row}.field "
            f"AND {TABLE}.value = {row}.value")


def _recount(kind: str) -> str:
    """SET clause: the latest date and first claim of a count row, read from the claims of its value."""
    same = (f"c.{kind}_id = {TABLE}.row_id AND c.field = {TABLE}.field AND c.value = {TABLE}.value")
    return (f"latest_published = (SELECT max(a.published) FROM claim c JOIN article a ON a.id = c.article_id "
            f"WHERE {same}), first_claim_id = (SELECT min(c.id) FROM claim c WHERE {same})")


def _dated(kind: str) -> str:
    """An article's date changed: the latest dates of the values its claims give (NEW: the article)."""
    return (f"UPDATE {TABLE} SET latest_published = (SELECT max(a.published) FROM claim c JOIN article a "
            f"ON a.id = c.article_id WHERE c.{kind}_id = {TABLE}.row_id AND c.field = {TABLE}.field "
            f"AND c.value = {TABLE}.value) WHERE {TABLE}.kind = '{kind}' AND ({TABLE}.row_id, {TABLE}.field, "
            f"{TABLE}.value) IN (SELECT {kind}_id, field, value FROM claim WHERE article_id = NEW.id "
            f"AND {kind}_id IS NOT NULL);")


# ---------------------------------------------------------------- SQLite: row triggers

def _sqlite_added(kind: str) -> str:
    return (f"INSERT INTO {TABLE} (kind, row_id, field, value, claims, latest_published, first_claim_id) "
            f"SELECT '{kind}', NEW.{kind}_id, NEW.field, NEW.value, 1, "
            f"(SELECT published FROM article WHERE id = NEW.article_id), NEW.id WHERE NEW.{kind}_id IS NOT NULL "
            f"ON CONFLICT (kind, row_id, field, value) DO UPDATE SET claims = claims + 1, "
            f"latest_published = CASE WHEN latest_published IS NULL OR excluded.latest_published > latest_published "
            f"THEN excluded.latest_published ELSE latest_published END, "
            f"first_claim_id = min(first_claim_id, excluded.first_claim_id);")


def _sqlite_removed(kind: str) -> str:
    key = _key(kind, "OLD")
    return (f"UPDATE {TABLE} SET claims = claims - 1 WHERE {key}; "
            f"DELETE FROM {TABLE} WHERE {key} AND claims <= 0; "
            f"UPDATE {TABLE} SET {_recount(kind)} WHERE {key} AND (first_claim_id = OLD.id "
            f"OR (latest_published IS NOT NULL AND coalesce((SELECT published FROM article "
            f"WHERE id = OLD.article_id) >= latest_published, 1)));")


def _sqlite_triggers() -> list[str]:
    either = " OR ".join(f"{{row}}.{kind}_id IS NOT NULL" for kind in COUNTED)
    added = " ".join(_sqlite_added(kind) for kind in COUNTED)
    removed = " ".join(_sqlite_removed(kind) for kind in COUNTED)
    return [
        f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON claim WHEN {either.format(row='OLD')} "
        f"BEGIN {removed} END",
        f"CREATE TRIGGER {TABLE}_update AFTER UPDATE OF article_id, agency_id, official_id, field, value ON claim "
        f"WHEN {either.format(row='OLD')} OR {either.format(row='NEW')} BEGIN {removed} {added} END",
        f"CREATE TRIGGER {TABLE}_dated AFTER UPDATE OF published ON article WHEN OLD.published IS NOT NEW.published "
        f"BEGIN {' '.join(_dated(kind) for kind in COUNTED)} END",
    ]


SQLITE_TRIGGERS = (f"{TABLE}_delete", f"{TABLE}_update", f"{TABLE}_dated")


# ---------------------------------------------------------------- PostgreSQL: statement triggers

def _pg_added(kind: str) -> str:
    return (f"INSERT INTO {TABLE} (kind, row_id, field, value, claims, latest_published, first_claim_id) "
            f"SELECT '{kind}', c.{kind}_id, c.field, c.value, count(*), max(a.published), min(c.id) "
            f"FROM new_claims c LEFT JOIN article a ON a.id = c.article_id WHERE c.{kind}_id IS NOT NULL "
            f"GROUP BY c.{kind}_id, c.field, c.value "
            f"ON CONFLICT (kind, row_id, field, value) DO UPDATE SET claims = {TABLE}.claims + excluded.claims, "
            f"latest_published = GREATEST({TABLE}.latest_published, excluded.latest_published), "
            f"first_claim_id = LEAST({TABLE}.first_claim_id, excluded.first_claim_id);")


def _pg_removed(kind: str) -> str:
    gone = (f"(SELECT c.{kind}_id, c.field, c.value, count(*) AS n, min(c.id) AS first_id, "
            f"max(a.published) AS latest, bool_or(a.id IS NULL) AS orphan FROM old_claims c "
            f"LEFT JOIN article a ON a.id = c.article_id WHERE c.{kind}_id IS NOT NULL "
            f"GROUP BY c.{kind}_id, c.field, c.value) AS g")
    key = _key(kind, "g")
    return (f"UPDATE {TABLE} SET claims = {TABLE}.claims - g.n FROM {gone} WHERE {key}; "
            f"DELETE FROM {TABLE} USING {gone} WHERE {key} AND {TABLE}.claims <= 0; "
            f"UPDATE {TABLE} SET {_recount(kind)} FROM {gone} WHERE {key} AND (g.first_id = {TABLE}.first_claim_id "
            f"OR g.orphan OR g.latest >= {TABLE}.latest_published);")


def _pg_function(name: str, body: str) -> str:
    return (f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {body} RETURN NULL; END $$")


def _postgresql_statements() -> list[str]:
    added = " ".join(_pg_added(kind) for kind in COUNTED)
    removed = " ".join(_pg_removed(kind) for kind in COUNTED)
    return [
        _pg_function("kb_claim_value_count_delete", removed),
        _pg_function("kb_claim_value_count_update", f"{removed} {added}"),
        _pg_function("kb_claim_value_count_dated", " ".join(_dated(kind) for kind in COUNTED)),
        f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON claim REFERENCING OLD TABLE AS old_claims "
        f"FOR EACH STATEMENT EXECUTE FUNCTION kb_claim_value_count_delete()",
        f"CREATE TRIGGER {TABLE}_update AFTER UPDATE ON claim REFERENCING OLD TABLE AS old_claims "
        f"NEW TABLE AS new_claims FOR EACH STATEMENT EXECUTE FUNCTION kb_claim_value_count_update()",
        f"CREATE TRIGGER {TABLE}_dated AFTER UPDATE OF published ON article FOR EACH ROW "
        f"WHEN (OLD.published IS DISTINCT FROM NEW.published) EXECUTE FUNCTION kb_claim_value_count_dated()",
    ]


PG_FUNCTIONS = ("kb_claim_value_count_delete", "kb_claim_value_count_update",
                "kb_claim_value_count_dated")


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False,
                  comment="agency or official: the table of the row"),
        sa.Column("row_id", sa.Integer(), nullable=False, comment="The row (agency.id or official.id)"),
        sa.Column("field", sqlmodel.sql.sqltypes.AutoString(), nullable=False,
                  comment="Column the value is for, as in claim.field"),
        sa.Column("value", sqlmodel.sql.sqltypes.AutoString(), nullable=False,
                  comment="The value as text, as in claim.value"),
        sa.Column("claims", sa.Integer(), nullable=False,
                  comment="How many claims give this value for this field of the row"),
        sa.Column("latest_published", sqlmodel.sql.sqltypes.AutoString(), nullable=True,
                  comment="The latest publication date among those claims' articles (article.published)"),
        sa.Column("first_claim_id", sa.Integer(), nullable=False,
                  comment="The first of those claims (the least claim.id): values rank in this order when all "
                          "else ties"),
        sa.PrimaryKeyConstraint("kind", "row_id", "field", "value"),
        comment="The claims of each agency and official counted by value: for each (field, value) its claims "
                "give, how many claims, the latest article date and the first claim (what the row's best value "
                "is chosen by); kept in step with `claim` by the database (revision 0013), so re-deriving a row "
                "named by thousands of articles reads its few values, not every claim",
    )
    for kind in COUNTED:
        op.execute(f"INSERT INTO {TABLE} (kind, row_id, field, value, claims, latest_published, first_claim_id) "
                   f"SELECT '{kind}', c.{kind}_id, c.field, c.value, count(*), max(a.published), min(c.id) "
                   f"FROM claim c LEFT JOIN article a ON a.id = c.article_id WHERE c.{kind}_id IS NOT NULL "
                   f"GROUP BY c.{kind}_id, c.field, c.value")
    for statement in _postgresql_statements() if op.get_bind().dialect.name == "postgresql" else _sqlite_triggers():
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for name in ("delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_{name} ON claim")
        op.execute(f"DROP TRIGGER IF EXISTS {TABLE}_dated ON article")
        for function in PG_FUNCTIONS:
            op.execute(f"DROP FUNCTION IF EXISTS {function}()")
    else:
        for trigger in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.drop_table(TABLE)
