"""claims by id value only

`ix_claim_field_value` (field, value) finds, when two rows merge, the claims
whose value is the other row's id (`party_agency`, `signatory`, `amends`,
the flows' agency ids) to name the kept row instead. It held every claim,
though, about nine in ten of them names, countries and kinds at a random
place of the index: every batch of a load touched most of its pages, each
copied to the rollback journal and written back at the commit (a fifth of
the page writes of 500 articles into a 10,000-article SQLite base). It now
holds the claims of those fields only (a partial index; a query repeats its
condition word for word, `kb.models.ID_CLAIMS`, for SQLite to use it).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As kb.models.ID_CLAIMS at this revision (a migration does not import what may change later).
ID_CLAIMS = "field IN ('amends', 'exporter_agency_id', 'importer_agency_id', 'party_agency', 'signatory')"


def upgrade() -> None:
    op.drop_index("ix_claim_field_value", table_name="claim")
    op.create_index("ix_claim_field_value", "claim", ["field", "value"], unique=False,
                    sqlite_where=sa.text(ID_CLAIMS), postgresql_where=sa.text(ID_CLAIMS))


def downgrade() -> None:
    op.drop_index("ix_claim_field_value", table_name="claim")
    op.create_index("ix_claim_field_value", "claim", ["field", "value"], unique=False)
