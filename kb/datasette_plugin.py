"""kb's Datasette plugin: in views and canned queries, a record's id links to its row and to its evidence.

Datasette links foreign keys of tables by itself; views and query results
have none, so `agreement_id` in agreement_overview would be a bare number.
Here such ids become a link to the row and one to the canned query that
lists the sentences and articles supporting it.
"""

from __future__ import annotations

from html import escape
from typing import Any

from datasette import hookimpl
from markupsafe import Markup
from sqlmodel import SQLModel

from kb.kinds import KINDS

RECORD_IDS = {**{k.column: k.name for k in KINDS}, "position_id": "position"}
ROW_IDS = {"article_id": "article", "evidence_id": "evidence", "party_id": "agreement_party"}


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    if table in SQLModel.metadata.tables or not isinstance(value, int):
        return None  # a table's own foreign keys are Datasette's to link
    base = datasette.urls.database(database)
    if column in RECORD_IDS:
        return _record_links(base, RECORD_IDS[column], value)
    if column == "record_id" and _get(row, "record_kind") in RECORD_IDS.values():
        return _record_links(base, _get(row, "record_kind"), value)
    if column in ROW_IDS:
        return Markup(f'<a href="{base}/{ROW_IDS[column]}/{value}">{value}</a>')
    return None


def _record_links(base: str, kind: str, record_id: int) -> Markup:
    evidence = f"{base}/evidence_for_a_record?kind={escape(kind)}&amp;id={record_id}"
    return Markup(f'<a href="{base}/{escape(kind)}/{record_id}">{record_id}</a> '
                  f'<a class="kb-evidence" href="{evidence}">evidence</a>')


def _get(row: Any, key: str) -> Any:
    try:
        return row[key]
    except (KeyError, IndexError):
        return None
