"""The schema documents itself: every table and column has a comment, and docs/schema.md shows them."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import SQLModel

from kb import models  # noqa: F401
from kb.schema_doc import BEGIN, END, schema_markdown

SCHEMA_DOC = Path(__file__).resolve().parent.parent / "docs" / "schema.md"


@pytest.mark.parametrize("table", sorted(SQLModel.metadata.tables.values(), key=lambda t: t.name),
                         ids=lambda t: t.name)
def test_every_table_and_column_is_commented(table) -> None:  # type: ignore[no-untyped-def]
    assert table.comment, f"table {table.name} has no comment"
    missing = [c.name for c in table.columns if not c.comment]
    assert not missing, f"{table.name}: columns without a comment: {missing}"


def test_the_schema_doc_is_the_generated_one() -> None:
    text = SCHEMA_DOC.read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    assert text[start:end] == schema_markdown(), \
        "docs/schema.md is stale: run `uv run kb db schema` and paste it between the markers"
    assert text.count(BEGIN) == text.count(END) == 1
