"""`--format csv` (a folder of CSV files and a Frictionless datapackage.json) and `--format jsonl`.

The descriptor is written here, not by the `frictionless` library: it is one JSON file defined by
the Data Package standard, and every field's type is already known from kb's own schema (the
tables' SQLAlchemy types and comments), so writing it takes a few lines and no dependency with its
own dozen; the tests read the export back through `frictionless` to prove that tools understand it.
What the descriptor fixes: a reader that guesses types turns HS code "0106" into the number 106,
while one that reads the descriptor keeps it as the text it is.
"""

from __future__ import annotations

import csv
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy.engine import Connection

from kb.export.destination import replacing
from kb.export.relations import Relation, relations, rows
from kb.export.selection import Selection


def cell(value: Any) -> Any:
    """A value as text tools read back: ISO timestamps, integral floats without '.0' (3000, not 3000.0)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def write_csv_folder(conn: Connection, selection: Selection, out: Path) -> dict[str, int]:
    """One CSV per table and view in `out`, then datapackage.json; the rows written per file."""
    counts: dict[str, int] = {}
    resources = []
    for relation in relations(conn):
        path = out / f"{relation.name}.csv"
        with replacing(path) as temporary, temporary.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow(relation.columns)
            count = 0
            for row in rows(conn, relation, selection):
                writer.writerow([cell(v) for v in row])
                count += 1
        counts[relation.name] = count
        resources.append(_resource(relation, path.name))
    package = {
        "profile": "tabular-data-package",
        "name": "kb-export",
        "title": "kb: international trade and customs cooperation, from news articles",
        "created": datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "resources": resources,
    }
    with replacing(out / "datapackage.json") as temporary:
        temporary.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return counts


def _resource(relation: Relation, path: str) -> dict[str, Any]:
    fields = []
    for name, kind, description in zip(relation.columns, relation.types, relation.descriptions, strict=True):
        field: dict[str, Any] = {"name": name, "type": kind}
        if description:
            field["description"] = description
        fields.append(field)
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if relation.table is not None:
        schema["primaryKey"] = relation.primary_key
    return {"name": relation.name, "path": path, "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "description": relation.description, "schema": schema}


def write_jsonl(conn: Connection, selection: Selection, stream: IO[str]) -> dict[str, int]:
    """Every row of every table and view as one JSON object a line: {"table": name, "row": {column: value}}."""
    counts: dict[str, int] = {}
    for relation in relations(conn):
        count = 0
        for row in rows(conn, relation, selection):
            record = {"table": relation.name, "row": dict(zip(relation.columns, map(cell, row), strict=True))}
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
        counts[relation.name] = count
    return counts
