"""review queue, apart decisions and dated renames

`match_candidate` keeps the pairs of rows the resolver found alike but could
not join (an initial against a full name at another agency, a descriptor
with two possible agencies, an agreement designation that shares too few
subject words): `kb review` lists them until a person answers with
`kb merge` or `kb apart`. A candidate belongs to the article whose record
was compared, so re-loading the article renews it. `curation` gains
`other_id`, the other row of an apart decision (rows with a decision are
never deleted, so both ids stay valid), and `effective`, the date a rename
took effect.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "match_candidate",
        sa.Column("id", sa.Integer(), nullable=False, comment="Candidate number"),
        sa.Column("article_id", sa.Integer(), nullable=False, comment="The article whose record was compared"),
        sa.Column("record_kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False,
                  comment="agency, official or agreement"),
        sa.Column("record_id", sa.Integer(), nullable=False, comment="Row the record was attached to"),
        sa.Column("other_id", sa.Integer(), nullable=False,
                  comment="Row it resembled, kept apart for want of evidence"),
        sa.Column("incoming_name", sqlmodel.sql.sqltypes.AutoString(), nullable=False,
                  comment="The record's name in the article"),
        sa.Column("other_name", sqlmodel.sql.sqltypes.AutoString(), nullable=False,
                  comment="The other row's name it was compared with"),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(), nullable=False,
                  comment="What was alike and what was missing, e.g. 'person name: initial; no shared agency'"),
        sa.Column("score", sa.Float(), nullable=False, comment="Similarity 0–100 of the pair"),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], name=op.f("fk_match_candidate_article_id_article"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match_candidate")),
        comment="A row an article's record resembled without enough evidence to join it: the review queue that "
                "`kb review` lists until a person merges the pair or keeps it apart",
    )
    op.create_index("ix_match_candidate_article_id", "match_candidate", ["article_id"], unique=False)
    op.create_index("ix_match_candidate_record_kind_record_id", "match_candidate", ["record_kind", "record_id"],
                    unique=False)
    with op.batch_alter_table("curation") as batch:
        batch.add_column(sa.Column("other_id", sa.Integer(), nullable=True,
                                   comment="For apart: the row kept apart from record_id for good"))
        batch.add_column(sa.Column("effective", sqlmodel.sql.sqltypes.AutoString(), nullable=True,
                                   comment="For a rename: when the new name took effect (ISO 8601, partial), "
                                           "when known"))
        batch.alter_column("action", existing_type=sqlmodel.sql.sqltypes.AutoString(), existing_nullable=False,
                           comment="merge, unmerge, apart, rename, alias_add, alias_remove",
                           existing_comment="merge, unmerge, rename, alias_add, alias_remove")
        batch.alter_column("other_name", existing_type=sqlmodel.sql.sqltypes.AutoString(), existing_nullable=True,
                           comment="Merged-in or removed name, the alias, or the name before a rename",
                           existing_comment="Merged-in or removed name, or the alias")
        batch.create_table_comment(
            "A person's decision (merge, unmerge, apart, rename, alias add/remove); kept across re-loads and "
            "re-extraction",
            existing_comment="A person's decision (merge, unmerge, rename, alias add/remove); kept across re-loads "
                             "and re-extraction",
        )


def downgrade() -> None:
    with op.batch_alter_table("curation") as batch:
        batch.alter_column("other_name", existing_type=sqlmodel.sql.sqltypes.AutoString(), existing_nullable=True,
                           comment="Merged-in or removed name, or the alias",
                           existing_comment="Merged-in or removed name, the alias, or the name before a rename")
        batch.alter_column("action", existing_type=sqlmodel.sql.sqltypes.AutoString(), existing_nullable=False,
                           comment="merge, unmerge, rename, alias_add, alias_remove",
                           existing_comment="merge, unmerge, apart, rename, alias_add, alias_remove")
        batch.create_table_comment(
            "A person's decision (merge, unmerge, rename, alias add/remove); kept across re-loads and re-extraction",
            existing_comment="A person's decision (merge, unmerge, apart, rename, alias add/remove); kept across "
                             "re-loads and re-extraction",
        )
        batch.drop_column("effective")
        batch.drop_column("other_id")
    op.drop_index("ix_match_candidate_record_kind_record_id", table_name="match_candidate")
    op.drop_index("ix_match_candidate_article_id", table_name="match_candidate")
    op.drop_table("match_candidate")
