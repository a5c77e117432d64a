"""create overview views

Views that join names in, for ad-hoc SQL: one row per agreement, trade flow,
agency, position and piece of evidence. Lists are joined into text in a
stable order ('KR, UZ'), with each engine's own string aggregate.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VIEWS = ("agreement_overview", "trade_flow_overview", "agency_overview", "position_overview",
         "evidence_overview")


def _joined(expr: str, source: str, sep: str = ", ") -> str:
    """A sorted, de-duplicated, `sep`-joined list of `expr` over `source` (a FROM … WHERE …)."""
    if op.get_bind().dialect.name == "postgresql":
        return f"(SELECT string_agg(DISTINCT {expr}, '{sep}' ORDER BY {expr}) {source})"
    return f"(SELECT group_concat(v, '{sep}') FROM (SELECT DISTINCT {expr} AS v {source} ORDER BY 1))"


def _seen(column: str) -> tuple[str, str, str]:
    """Article count and first/last publication dates of the articles supporting a row."""
    source = f"FROM evidence e JOIN article r ON r.id = e.article_id WHERE e.{column}"
    return (f"(SELECT count(DISTINCT e.article_id) {source})",
            f"(SELECT min(r.published) {source})",
            f"(SELECT max(r.published) {source})")


def _period(alias: str) -> str:
    return (f"CASE WHEN {alias}.period_end IS NULL OR {alias}.period_end = {alias}.period_start "
            f"THEN {alias}.period_start ELSE {alias}.period_start || '/' || {alias}.period_end END")


def upgrade() -> None:
    count, first, last = _seen("agreement_id = a.id")
    op.execute(f"""
        CREATE VIEW agreement_overview AS
        SELECT a.id AS agreement_id, a.name, a.kind,
               {_joined("p.country_code", "FROM agreement_party p WHERE p.agreement_id = a.id")} AS parties,
               {_joined("g.name", "FROM agreement_party p JOIN agency g ON g.id = p.agency_id "
                                  "WHERE p.agreement_id = a.id", "; ")} AS party_agencies,
               a.signed, a.place, a.status,
               {_joined("o.name", "FROM agreement_signatory s JOIN official o ON o.id = s.official_id "
                                  "WHERE s.agreement_id = a.id", "; ")} AS signatories,
               m.name AS amends,
               {count} AS article_count, {first} AS first_seen, {last} AS last_seen,
               {_joined("r.title", "FROM evidence e JOIN article r ON r.id = e.article_id "
                                   "WHERE e.agreement_id = a.id", " | ")} AS source_articles
        FROM agreement a LEFT JOIN agreement m ON m.id = a.amends_id
    """)
    count, first, last = _seen("trade_flow_id = f.id")
    op.execute(f"""
        CREATE VIEW trade_flow_overview AS
        SELECT f.id AS trade_flow_id, f.commodity, f.hs_code,
               f.exporter_country_code AS exporter, ce.name AS exporter_country,
               f.importer_country_code AS importer, ci.name AS importer_country,
               f.quantity, f.unit, f.quantity_kg, f.value, f.currency, f.rate_period,
               {_period("f")} AS period,
               ge.name AS exporter_organisation, gi.name AS importer_organisation,
               {count} AS article_count, {first} AS first_seen, {last} AS last_seen,
               {_joined("r.title", "FROM evidence e JOIN article r ON r.id = e.article_id "
                                   "WHERE e.trade_flow_id = f.id", " | ")} AS source_articles
        FROM trade_flow f
        LEFT JOIN country ce ON ce.code = f.exporter_country_code
        LEFT JOIN country ci ON ci.code = f.importer_country_code
        LEFT JOIN agency ge ON ge.id = f.exporter_agency_id
        LEFT JOIN agency gi ON gi.id = f.importer_agency_id
    """)
    count, first, last = _seen("agency_id = g.id")
    op.execute(f"""
        CREATE VIEW agency_overview AS
        SELECT g.id AS agency_id, g.name, g.country_code, c.name AS country, g.kind,
               {_joined("x.name", "FROM alias x WHERE x.agency_id = g.id", "; ")} AS aliases,
               {count} AS article_count, {first} AS first_seen, {last} AS last_seen
        FROM agency g LEFT JOIN country c ON c.code = g.country_code
    """)
    count, first, last = _seen("position_id = p.id")
    op.execute(f"""
        CREATE VIEW position_overview AS
        SELECT p.id AS position_id, o.id AS official_id, o.name AS official, o.country_code,
               p.title, g.id AS agency_id, g.name AS agency,
               {count} AS article_count, {first} AS first_seen, {last} AS last_seen
        FROM position p JOIN official o ON o.id = p.official_id LEFT JOIN agency g ON g.id = p.agency_id
    """)
    op.execute("""
        CREATE VIEW evidence_overview AS
        SELECT e.id AS evidence_id,
               CASE WHEN e.agency_id IS NOT NULL THEN 'agency'
                    WHEN e.official_id IS NOT NULL THEN 'official'
                    WHEN e.position_id IS NOT NULL THEN 'position'
                    WHEN e.agreement_id IS NOT NULL THEN 'agreement'
                    ELSE 'trade_flow' END AS record_kind,
               COALESCE(e.agency_id, e.official_id, e.position_id, e.agreement_id, e.trade_flow_id) AS record_id,
               COALESCE(g.name, o.name, po.name || ', ' || COALESCE(p.title, ''), a.name,
                        f.commodity || ' ' || COALESCE(f.exporter_country_code, '?') || '->'
                        || COALESCE(f.importer_country_code, '?')) AS record_name,
               r.id AS article_id, r.title AS article_title, r.published, e.quote, e.char_start, e.char_end
        FROM evidence e
        JOIN article r ON r.id = e.article_id
        LEFT JOIN agency g ON g.id = e.agency_id
        LEFT JOIN official o ON o.id = e.official_id
        LEFT JOIN position p ON p.id = e.position_id
        LEFT JOIN official po ON po.id = p.official_id
        LEFT JOIN agreement a ON a.id = e.agreement_id
        LEFT JOIN trade_flow f ON f.id = e.trade_flow_id
    """)


def downgrade() -> None:
    for view in reversed(VIEWS):
        op.execute(f"DROP VIEW IF EXISTS {view}")
