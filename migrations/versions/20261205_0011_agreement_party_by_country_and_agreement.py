"""agreement parties by country and agreement

Matching an agreement by its parties reads the agreements of its first party
country and keeps those with the other parties. Through the single-column
index on `agreement_party.country_code`, every one of that country's party
rows was read from the table for its agreement id (about 3,200 rows per
country at 100,000 articles, 4 ms a match, growing with the base). An index
on (country_code, agreement_id) gives a country's agreement ids from the
index alone, so the check for the second party and the agreement rows follow
the few agreements the parties share. It replaces the single-column index,
which it starts with.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index(op.f("ix_agreement_party_country_code"), table_name="agreement_party")
    op.create_index(op.f("ix_agreement_party_country_code_agreement_id"), "agreement_party",
                    ["country_code", "agreement_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_agreement_party_country_code_agreement_id"), table_name="agreement_party")
    op.create_index(op.f("ix_agreement_party_country_code"), "agreement_party", ["country_code"], unique=False)
