"""`kb serve`: Datasette over a kb SQLite database, read-only, described by the models themselves.

Datasette's metadata is generated here, not written by hand: every table's
and column's description comes from the comments the models carry (the same
ones `kb db schema` prints), views are described by their columns' sources,
internal tables (claims, match decisions, the review queue, alembic_version)
are hidden, and foreign keys show names (label columns). Canned queries
answer the questions analysts bring; a small plugin (kb/datasette_plugin.py)
turns record ids into links to the row and to its evidence.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from kb import models  # noqa: F401  (registers the tables)
from kb.errors import DatabaseError
from kb.kinds import KINDS

HIDDEN = ("claim", "match_decision", "match_candidate", "alembic_version")
LABELS = {"article": "title", "country": "name", **{k.name: k.name_field for k in KINDS}, "position": "title",
          "evidence": "quote", "alias": "name"}
FACETS = {
    "agreement": ["kind", "status"],
    "agency": ["kind", "country_code"],
    "official": ["country_code"],
    "trade_flow": ["exporter_country_code", "importer_country_code", "unit"],
    "article": ["publisher", "facts_origin"],
    "agreement_overview": ["kind", "status"],
    "agreement_party_overview": ["country", "kind", "status"],
    "agency_overview": ["kind", "country"],
    "position_overview": ["country_code", "title"],
    "trade_flow_overview": ["exporter_country", "importer_country"],
    "evidence_overview": ["record_kind"],
    "curation": ["action", "record_kind"],
}
SORT_DESC = {"article": "published", "agreement": "signed", "agreement_overview": "signed",
             "trade_flow_overview": "period", "evidence_overview": "published"}
FULL_TEXT = {"article": "article_search", "evidence": "evidence_search"}

VIEWS = {
    "agreement_overview": ("agreement", "One row per agreement with its parties, party agencies, signatories, the "
                                        "agreement it amends and the articles that report it"),
    "agreement_party_overview": ("agreement_party", "One row per party of an agreement (country and agency), so "
                                                    "that facets count countries, not combinations of them"),
    "agency_overview": ("agency", "One row per agency with its country, aliases and the articles that name it"),
    "position_overview": ("position", "One row per post of an official at an agency, dated by the articles that "
                                      "attest it"),
    "trade_flow_overview": ("trade_flow", "One row per trade flow with country and organisation names and its "
                                          "sources"),
    "evidence_overview": ("evidence", "Every piece of evidence: the record it supports (kind, id, name), the "
                                      "sentence and the source article"),
    "evidence_country": ("evidence", "Each piece of evidence with each country its record involves (what "
                                     "`kb search --country` filters on)"),
}
VIEW_COLUMNS = {
    "parties": "Party countries (ISO codes), joined", "party_agencies": "Party agencies, joined",
    "signatories": "Officials who signed, joined", "amends": "Name of the agreement this one amends",
    "article_count": "Number of articles supporting the row", "first_seen": "Earliest publication date of them",
    "last_seen": "Latest publication date of them", "source_articles": "Titles of the supporting articles",
    "aliases": "Other names, joined", "official": "The official's name", "agency": "The agency's name",
    "agreement": "The agreement's name", "country": "The country's English name",
    "exporter": "Exporting country (ISO code)", "importer": "Importing country (ISO code)",
    "exporter_country": "Exporting country's name", "importer_country": "Importing country's name",
    "exporter_organisation": "Exporting company or agency", "importer_organisation": "Importing company or agency",
    "period": "Date or period the flow covers (start/end)", "record_kind": "Kind of record the evidence supports",
    "record_id": "Id of that record", "record_name": "Name of that record", "article_title": "Headline of the article",
    "party_id": "Party row number",
}

CANNED_QUERIES: dict[str, dict[str, Any]] = {
    "agreements_of_a_country": {
        "title": "Agreements of a country",
        "description": "Every agreement a country is party to, newest first (country: ISO code, e.g. KR)",
        "sql": "SELECT a.agreement_id, a.name, a.kind, a.status, a.signed, a.place, a.parties, a.signatories, "
               "a.amends, a.article_count\nFROM agreement_overview a\nWHERE a.agreement_id IN (SELECT "
               "agreement_id FROM agreement_party WHERE country_code = upper(:country))\n"
               "ORDER BY a.signed DESC NULLS LAST, a.agreement_id",
    },
    "flows_between_two_countries": {
        "title": "Trade flows between two countries",
        "description": "Flows either way between two countries (ISO codes), latest period first",
        "sql": "SELECT trade_flow_id, commodity, hs_code, exporter, importer, quantity, unit, value, currency, "
               "rate_period, period, exporter_organisation, importer_organisation, article_count\n"
               "FROM trade_flow_overview\nWHERE (exporter = upper(:a) AND importer = upper(:b)) "
               "OR (exporter = upper(:b) AND importer = upper(:a))\nORDER BY period_start DESC NULLS LAST",
    },
    "posts_of_an_official": {
        "title": "An official's posts",
        "description": "The posts of officials whose name contains the text, with the dates articles attest them",
        "sql": "SELECT official_id, official, country_code, title, agency_id, agency, first_seen, last_seen, "
               "article_count\nFROM position_overview\nWHERE official LIKE '%' || :name || '%'\n"
               "ORDER BY official, first_seen",
    },
    "evidence_for_a_record": {
        "title": "The evidence for a record",
        "description": "Every sentence that supports one record, with its article (kind: agreement, agency, "
                       "official, position or trade_flow; id: the record's id)",
        "sql": "SELECT v.evidence_id, v.record_kind, v.record_id, v.record_name, v.quote, v.article_id, "
               "v.article_title, v.published, r.url, v.char_start, v.char_end\nFROM evidence_overview v "
               "JOIN article r ON r.id = v.article_id\n"
               "WHERE v.record_kind = :kind AND v.record_id = CAST(:id AS INTEGER)\n"
               "ORDER BY v.published, v.article_id, v.char_start",
    },
}


def metadata(conn: Connection, database_name: str) -> dict[str, Any]:
    """Datasette metadata for a kb database: titles, descriptions, labels, facets, hidden tables, queries."""
    tables: dict[str, dict[str, Any]] = {}
    for name, table in SQLModel.metadata.tables.items():
        entry: dict[str, Any] = {"description": table.comment or "",
                                 "columns": {c.name: c.comment for c in table.columns if c.comment}}
        if name in LABELS:
            entry["label_column"] = LABELS[name]
        tables[name] = entry
    found = inspect(conn)
    for view in found.get_view_names():
        base, description = VIEWS.get(view, (None, ""))
        base_columns = SQLModel.metadata.tables[base].columns if base in SQLModel.metadata.tables else {}
        columns = {}
        for column in found.get_columns(view):
            name = column["name"]
            comment = VIEW_COLUMNS.get(name) or _comment_of(name, base, base_columns)
            if comment:
                columns[name] = comment
        tables[view] = {"description": description, "columns": columns}
    for name in HIDDEN:
        tables.setdefault(name, {})["hidden"] = True
    for name, facets in FACETS.items():
        tables.setdefault(name, {})["facets"] = facets
    for name, column in SORT_DESC.items():
        tables.setdefault(name, {})["sort_desc"] = column
    for name, fts in FULL_TEXT.items():
        tables[name].update({"fts_table": fts, "fts_pk": "id"})
    return {
        "title": "kb — trade and customs cooperation, from the news",
        "description_html": (
            "Agreements, agencies, officials and trade flows read from news articles, each with the sentences "
            f'that support it. Start with <a href="/{database_name}/agreement_overview">agreements</a>, '
            f'<a href="/{database_name}/trade_flow_overview">trade flows</a> or '
            f'<a href="/{database_name}/article">search the articles</a>.'),
        "databases": {database_name: {"tables": tables, "queries": CANNED_QUERIES}},
    }


def _comment_of(name: str, base: str | None, base_columns: Any) -> str | None:
    """A view column's description from the column of its base table it shows (`agreement_id` is `id`)."""
    if base and name == f"{base}_id" and "id" in base_columns:
        return base_columns["id"].comment
    if name in base_columns:
        return base_columns[name].comment
    for table in SQLModel.metadata.tables.values():  # e.g. evidence_overview.quote, article.published
        if name in table.columns and table.columns[name].comment and name not in ("id", "name"):
            return table.columns[name].comment
    return None


def served_path(url: str | None) -> Path:
    """The SQLite file of `url`, which must exist and be at kb's head revision; PostgreSQL is refused."""
    from sqlalchemy.engine import make_url

    from kb.db import open_database, sqlite_path
    from kb.settings import database_url

    full = database_url(url)
    if make_url(full).get_backend_name() != "sqlite":
        raise DatabaseError("kb serve needs a SQLite database (Datasette reads SQLite only): make a copy with "
                            "`kb export --format sqlite --out kb.db`, then run `kb serve --db sqlite:///kb.db`")
    path = sqlite_path(full)
    if path is None or not path.is_file():
        raise DatabaseError(f"no database at {path or full}: load articles first (`kb load FOLDER --db {full}`)")
    open_database(full).dispose()  # refuses a database at another revision, with the upgrade command
    return path.resolve()


def make_datasette(path: Path) -> Any:
    """A Datasette serving `path` immutable (opened read-only, never written), with kb's metadata and plugin."""
    from datasette.app import Datasette
    from datasette.plugins import pm

    from kb import datasette_plugin
    from kb.db import make_engine

    if not pm.is_registered(datasette_plugin):
        pm.register(datasette_plugin, name="kb")
    engine = make_engine(f"sqlite:///{path}", read_only=True)
    try:
        with engine.connect() as conn:
            meta = metadata(conn, path.stem)
    finally:
        engine.dispose()
    return Datasette(immutables=[str(path)], metadata=meta,
                     settings={"default_page_size": 50, "truncate_cells_html": 400})
