"""evidence publication dates

The overviews' article count and first and last dates of a row (an agency,
an official's post, an agreement, a trade flow) were aggregated over its
evidence joined to `article`: one article read per piece of evidence, three
times, so the first page of `kb query agencies` cost every mention of the
fifty agencies shown (24 ms at 100,000 articles) and grew with the base.

- `evidence.published` holds its article's publication date, copied by the
  database itself (a trigger on each insert, and on a change of
  `article.published`), so no code path can forget it;
- an index per record column on (record, published), for rows of that kind
  only, gives a row's first and last date as one index read each;
- the article count reads the (record, article_id) index of revision 0007
  alone, without the join to `article` (every evidence row has its article).

The four views keep their columns, types and values.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = ("agency", "official", "position", "agreement", "trade_flow")

POSTGRESQL_TRIGGERS = (
    """CREATE FUNCTION kb_evidence_published() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
           NEW.published := (SELECT published FROM article WHERE id = NEW.article_id);
           RETURN NEW;
       END $$""",
    """CREATE TRIGGER evidence_published BEFORE INSERT OR UPDATE OF article_id ON evidence
       FOR EACH ROW EXECUTE FUNCTION kb_evidence_published()""",
    """CREATE FUNCTION kb_article_published() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
           UPDATE evidence SET published = NEW.published WHERE article_id = NEW.id;
           RETURN NULL;
       END $$""",
    """CREATE TRIGGER article_published AFTER UPDATE OF published ON article
       FOR EACH ROW WHEN (OLD.published IS DISTINCT FROM NEW.published) EXECUTE FUNCTION kb_article_published()""",
)
SQLITE_TRIGGERS = (
    # SQLite cannot change the row being inserted: the trigger writes the date just after.
    """CREATE TRIGGER evidence_published AFTER INSERT ON evidence BEGIN
           UPDATE evidence SET published = (SELECT published FROM article WHERE id = NEW.article_id)
           WHERE id = NEW.id;
       END""",
    """CREATE TRIGGER evidence_published_moved AFTER UPDATE OF article_id ON evidence BEGIN
           UPDATE evidence SET published = (SELECT published FROM article WHERE id = NEW.article_id)
           WHERE id = NEW.id;
       END""",
    """CREATE TRIGGER article_published AFTER UPDATE OF published ON article
       WHEN OLD.published IS NOT NEW.published BEGIN
           UPDATE evidence SET published = NEW.published WHERE article_id = NEW.id;
       END""",
)
TRIGGERS = ("evidence_published", "evidence_published_moved", "article_published")


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _joined(expr: str, source: str, sep: str = ", ") -> str:
    """As in revision 0003: a sorted, de-duplicated, `sep`-joined list of `expr` over `source`."""
    if _postgresql():
        return f"(SELECT string_agg(DISTINCT {expr}, '{sep}' ORDER BY {expr}) {source})"
    return f"(SELECT group_concat(v, '{sep}') FROM (SELECT DISTINCT {expr} AS v {source} ORDER BY 1))"


def _seen(column: str, *, indexed: bool) -> str:
    """article_count, first_seen, last_seen of a row: from the evidence indexes, or (revision 0003) joined."""
    if indexed:
        source = f"FROM evidence e WHERE e.{column}"
        return (
            f"(SELECT count(DISTINCT e.article_id) {source}) AS article_count, "
            f"(SELECT min(e.published) {source}) AS first_seen, "
            f"(SELECT max(e.published) {source}) AS last_seen"
        )
    source = f"FROM evidence e JOIN article r ON r.id = e.article_id WHERE e.{column}"
    return (
        f"(SELECT count(DISTINCT e.article_id) {source}) AS article_count, "
        f"(SELECT min(r.published) {source}) AS first_seen, "
        f"(SELECT max(r.published) {source}) AS last_seen"
    )


def _views(indexed: bool) -> dict[str, str]:
    """The four views as revisions 0003 and 0007 left them, with their dates read either way."""
    period = (
        "CASE WHEN f.period_end IS NULL OR f.period_end = f.period_start THEN f.period_start "
        "ELSE f.period_start || '/' || f.period_end END"
    )
    return {
        "agreement_overview": f"""
            SELECT a.id AS agreement_id, a.name, a.kind,
                   {_joined("p.country_code", "FROM agreement_party p WHERE p.agreement_id = a.id")} AS parties,
                   {
            _joined(
                "g.name", "FROM agreement_party p JOIN agency g ON g.id = p.agency_id WHERE p.agreement_id = a.id", "; "
            )
        } AS party_agencies,
                   a.signed, a.place, a.status,
                   {
            _joined(
                "o.name",
                "FROM agreement_signatory s JOIN official o ON o.id = s.official_id WHERE s.agreement_id = a.id",
                "; ",
            )
        } AS signatories,
                   m.name AS amends,
                   {_seen("agreement_id = a.id", indexed=indexed)},
                   {
            _joined(
                "r.title", "FROM evidence e JOIN article r ON r.id = e.article_id WHERE e.agreement_id = a.id", " | "
            )
        } AS source_articles
            FROM agreement a LEFT JOIN agreement m ON m.id = a.amends_id""",
        "trade_flow_overview": f"""
            SELECT f.id AS trade_flow_id, f.commodity, f.hs_code,
                   f.exporter_country_code AS exporter, ce.name AS exporter_country,
                   f.importer_country_code AS importer, ci.name AS importer_country,
                   f.quantity, f.unit, f.quantity_kg, f.value, f.currency, f.rate_period,
                   {period} AS period,
                   ge.name AS exporter_organisation, gi.name AS importer_organisation,
                   {_seen("trade_flow_id = f.id", indexed=indexed)},
                   {
            _joined(
                "r.title", "FROM evidence e JOIN article r ON r.id = e.article_id WHERE e.trade_flow_id = f.id", " | "
            )
        } AS source_articles,
                   f.period_start, f.period_end
            FROM trade_flow f
            LEFT JOIN country ce ON ce.code = f.exporter_country_code
            LEFT JOIN country ci ON ci.code = f.importer_country_code
            LEFT JOIN agency ge ON ge.id = f.exporter_agency_id
            LEFT JOIN agency gi ON gi.id = f.importer_agency_id""",
        "agency_overview": f"""
            SELECT g.id AS agency_id, g.name, g.country_code, c.name AS country, g.kind,
                   {_joined("x.name", "FROM alias x WHERE x.agency_id = g.id", "; ")} AS aliases,
                   {_seen("agency_id = g.id", indexed=indexed)}
            FROM agency g LEFT JOIN country c ON c.code = g.country_code""",
        "position_overview": f"""
            SELECT p.id AS position_id, o.id AS official_id, o.name AS official, o.country_code,
                   p.title, g.id AS agency_id, g.name AS agency,
                   {_seen("position_id = p.id", indexed=indexed)}
            FROM position p JOIN official o ON o.id = p.official_id LEFT JOIN agency g ON g.id = p.agency_id""",
    }


def _replace_views(indexed: bool) -> None:
    for name, body in _views(indexed).items():
        if _postgresql():
            # Same columns and types: replaced in place, keeping grants and the views built on them.
            op.execute(f"CREATE OR REPLACE VIEW {name} AS {body}")
        else:
            op.execute(f"DROP VIEW {name}")
            op.execute(f"CREATE VIEW {name} AS {body}")


def upgrade() -> None:
    op.add_column(
        "evidence",
        sa.Column(
            "published",
            sa.String(),
            nullable=True,
            comment="Publication date of the article (article.published, kept in "
            "step by the database): a row's first and last dates",
        ),
    )
    op.execute("UPDATE evidence SET published = (SELECT published FROM article WHERE article.id = evidence.article_id)")
    for statement in POSTGRESQL_TRIGGERS if _postgresql() else SQLITE_TRIGGERS:
        op.execute(statement)
    for kind in KINDS:
        only = sa.text(f"{kind}_id IS NOT NULL")
        op.create_index(
            op.f(f"ix_evidence_{kind}_id_published"),
            "evidence",
            [f"{kind}_id", "published"],
            unique=False,
            sqlite_where=only,
            postgresql_where=only,
        )
    _replace_views(indexed=True)


def downgrade() -> None:
    _replace_views(indexed=False)
    for kind in reversed(KINDS):
        op.drop_index(op.f(f"ix_evidence_{kind}_id_published"), table_name="evidence")
    for trigger in TRIGGERS:
        if _postgresql():
            op.execute(
                f"DROP TRIGGER IF EXISTS {trigger} ON {'article' if trigger.startswith('article') else 'evidence'}"
            )
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    if _postgresql():
        op.execute("DROP FUNCTION IF EXISTS kb_evidence_published()")
        op.execute("DROP FUNCTION IF EXISTS kb_article_published()")
    # A plain ALTER TABLE … DROP COLUMN (SQLite 3.35+): a batch rebuild would drop the full-text triggers of
    # revision 0009 with the old table.
    op.execute("ALTER TABLE evidence DROP COLUMN published")
