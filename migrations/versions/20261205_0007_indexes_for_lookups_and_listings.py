"""indexes for lookups and listings

Every lookup and listing reads an index instead of a whole table:

- a row's match decisions and curation decisions (`kb show`, merges,
  re-deriving a row) by (record_kind, record_id);
- claims that name a row by id (party_agency, signatory, amends…) by
  (field, value), which a merge rewrites;
- a row's supporting articles by (record id, article_id), so the overviews'
  article counts and dates need no evidence row read (these replace the
  single-column indexes on the record ids);
- the listings in their order: agreements, articles and trade flows newest
  first with undated ones last, then by id; agencies and officials by name;
  and for the filters on one value (kind, country, exporter, importer) the
  rows of that value in the same order. These replace the single-column
  indexes they start with. PostgreSQL puts NULLs first in a DESC index unless
  told otherwise; SQLite keeps NULLs lowest, so a plain DESC index already
  ends with them (and SQLite refuses NULLS LAST in an index);
- trade_flow_overview gains period_start and period_end, so the flow listing
  can sort and filter on the indexed column.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, the single-column index it replaces, columns; "DESC" marks a date read newest first)
INDEXES = (
    ("match_decision", None, ("record_kind", "record_id")),
    ("curation", None, ("record_kind", "record_id")),
    ("claim", None, ("field", "value")),
    *(("evidence", f"{kind}_id", (f"{kind}_id", "article_id"))
      for kind in ("agency", "official", "position", "agreement", "trade_flow")),
    ("agency", None, ("name", "id")),
    ("agency", "country_code", ("country_code", "name", "id")),
    ("official", None, ("name", "id")),
    ("official", "country_code", ("country_code", "name", "id")),
    ("agreement", "signed", ("signed DESC", "id")),
    ("agreement", "kind", ("kind", "signed DESC", "id")),
    ("article", "published", ("published DESC", "id")),
    ("trade_flow", "period_start", ("period_start DESC", "id")),
    ("trade_flow", "exporter_country_code", ("exporter_country_code", "period_start DESC", "id")),
    ("trade_flow", "importer_country_code", ("importer_country_code", "period_start DESC", "id")),
)


def _name(table: str, columns: Sequence[str]) -> str:
    return f"ix_{table}_{'_'.join(c.split()[0] for c in columns)}"


def _column(column: str) -> str | sa.TextClause:
    if not column.endswith(" DESC"):
        return column
    nulls = " NULLS LAST" if op.get_bind().dialect.name == "postgresql" else ""
    return sa.text(column + nulls)


def _seen(column: str) -> tuple[str, str, str]:
    source = f"FROM evidence e JOIN article r ON r.id = e.article_id WHERE e.{column}"
    return (f"(SELECT count(DISTINCT e.article_id) {source})",
            f"(SELECT min(r.published) {source})",
            f"(SELECT max(r.published) {source})")


def _trade_flow_overview(with_period_columns: bool) -> str:
    """The view of migration 0003, with period_start and period_end appended when asked."""
    count, first, last = _seen("trade_flow_id = f.id")
    if op.get_bind().dialect.name == "postgresql":
        sources = ("(SELECT string_agg(DISTINCT r.title, ' | ' ORDER BY r.title) FROM evidence e "
                   "JOIN article r ON r.id = e.article_id WHERE e.trade_flow_id = f.id)")
    else:
        sources = ("(SELECT group_concat(v, ' | ') FROM (SELECT DISTINCT r.title AS v FROM evidence e "
                   "JOIN article r ON r.id = e.article_id WHERE e.trade_flow_id = f.id ORDER BY 1))")
    extra = ", f.period_start, f.period_end" if with_period_columns else ""
    return f"""
        SELECT f.id AS trade_flow_id, f.commodity, f.hs_code,
               f.exporter_country_code AS exporter, ce.name AS exporter_country,
               f.importer_country_code AS importer, ci.name AS importer_country,
               f.quantity, f.unit, f.quantity_kg, f.value, f.currency, f.rate_period,
               CASE WHEN f.period_end IS NULL OR f.period_end = f.period_start THEN f.period_start
                    ELSE f.period_start || '/' || f.period_end END AS period,
               ge.name AS exporter_organisation, gi.name AS importer_organisation,
               {count} AS article_count, {first} AS first_seen, {last} AS last_seen,
               {sources} AS source_articles{extra}
        FROM trade_flow f
        LEFT JOIN country ce ON ce.code = f.exporter_country_code
        LEFT JOIN country ci ON ci.code = f.importer_country_code
        LEFT JOIN agency ge ON ge.id = f.exporter_agency_id
        LEFT JOIN agency gi ON gi.id = f.importer_agency_id
    """


def _replace_view(with_period_columns: bool) -> None:
    body = _trade_flow_overview(with_period_columns)
    if op.get_bind().dialect.name == "postgresql" and with_period_columns:
        # Appending columns keeps the view's grants (kb sql's kb_reader reads it).
        op.execute(f"CREATE OR REPLACE VIEW trade_flow_overview AS {body}")
        return
    # SQLite has no CREATE OR REPLACE VIEW, and PostgreSQL cannot drop a view's columns in place; the
    # default privileges of migration 0004 grant kb_reader the re-created view.
    op.execute("DROP VIEW trade_flow_overview")
    op.execute(f"CREATE VIEW trade_flow_overview AS {body}")


def upgrade() -> None:
    for table, replaced, columns in INDEXES:
        if replaced:
            op.drop_index(op.f(f"ix_{table}_{replaced}"), table_name=table)
        op.create_index(op.f(_name(table, columns)), table, [_column(c) for c in columns], unique=False)
    _replace_view(with_period_columns=True)


def downgrade() -> None:
    _replace_view(with_period_columns=False)
    for table, replaced, columns in reversed(INDEXES):
        op.drop_index(op.f(_name(table, columns)), table_name=table)
        if replaced:
            op.create_index(op.f(f"ix_{table}_{replaced}"), table, [replaced], unique=False)
