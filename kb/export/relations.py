"""The tables and overview views an export writes, their columns' types, and their rows as a stream.

Tables are read through their SQLAlchemy definitions, so every engine hands back the same Python
types (a timestamp is a datetime on SQLite too); the views through plain SQL. Rows come in batches
from a server-side cursor on PostgreSQL, so memory stays flat whatever the size of the database.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import DateTime, Float, Integer, Table, TypeDecorator, text
from sqlalchemy.engine import Connection

from kb.export.selection import Selection
from kb.queries import STREAM_BATCH

VIEWS = ("agreement_overview", "trade_flow_overview", "agency_overview", "position_overview",
         "evidence_overview")
# What the views' computed columns hold (the others have a table column's name and type).
VIEW_COLUMN_TYPES = {"article_count": "integer", "record_id": "integer", "first_seen": "string",
                     "last_seen": "string", "period": "string"}


@dataclass(frozen=True)
class Relation:
    name: str
    columns: list[str]
    types: list[str]  # Frictionless field types: integer, number, string, datetime
    descriptions: list[str]
    description: str
    primary_key: list[str]
    table: Table | None  # None for a view


def tables() -> list[Table]:
    """kb's tables, parents before children (the order a copy inserts them in)."""
    from sqlmodel import SQLModel

    from kb import models  # noqa: F401  (registers every table)

    return list(SQLModel.metadata.sorted_tables)


def field_type(column_type: object) -> str:
    if isinstance(column_type, TypeDecorator):  # e.g. SQLModel's UTCDateTime: what it stores decides
        column_type = column_type.impl
    if isinstance(column_type, Integer):
        return "integer"
    if isinstance(column_type, Float):
        return "number"
    if isinstance(column_type, DateTime):
        return "datetime"
    return "string"


def relations(conn: Connection) -> list[Relation]:
    """Every table, then every overview view, with columns as the database has them."""
    out = []
    known: dict[str, tuple[str, str]] = {}
    for table in tables():
        out.append(Relation(table.name, [c.name for c in table.columns], [field_type(c.type) for c in table.columns],
                            [c.comment or "" for c in table.columns], table.comment or "",
                            [c.name for c in table.primary_key.columns], table))
        for c in table.columns:
            known.setdefault(c.name, (field_type(c.type), c.comment or ""))
    for view in VIEWS:
        columns = list(conn.execute(text(f"SELECT * FROM {view} WHERE 1 = 0")).keys())
        types = [VIEW_COLUMN_TYPES.get(c) or ("integer" if c.endswith("_id") else known.get(c, ("string", ""))[0])
                 for c in columns]
        descriptions = [known.get(c, ("", ""))[1] for c in columns]
        out.append(Relation(view, columns, types, descriptions, f"The {view} view: names joined in for reading",
                            [columns[0]], None))
    return out


def rows(conn: Connection, relation: Relation, selection: Selection) -> Iterator[tuple]:
    """The relation's rows in primary-key order (a view's: its first column), those the selection keeps."""
    condition = selection.where(relation.name)
    columns = ", ".join(relation.columns) if relation.table is not None else "*"
    order = ", ".join(relation.primary_key)
    sql = selection.sql(f"SELECT {columns} FROM {relation.name}" + (f" WHERE {condition}" if condition else "")
                        + f" ORDER BY {order}")
    # A table's columns are typed, so every engine hands back the same Python types.
    query = text(sql) if relation.table is None else text(sql).columns(*relation.table.columns)
    result = conn.execution_options(yield_per=STREAM_BATCH).execute(query, selection.params)
    return (tuple(r) for r in result)
