"""article identity by content

An article is known by its canonical URL when it has one, else by the bytes
of its file, and only then by the path it was loaded from: the same files
loaded from a moved or copied folder are the same articles, not new ones.
Two columns: `url_key`, filled here from `url`, and `file_hash`, the SHA-256
of the article file alone, which only a load can compute (articles stored
before keep NULL until stored again; `content_hash` still finds them
unchanged). `content_hash` gets the index `kb load` looks files up by.

The columns stay nullable: making them NOT NULL would rebuild `article` on
SQLite, and dropping the old table there deletes every claim and piece of
evidence through their ON DELETE CASCADE keys.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from kb.identity import canonical_url

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

URL_KEY = "The article's URL in canonical form: one URL, one article, wherever its file lies"
FILE_HASH = ("SHA-256 of the article file alone: the same file is the same article, wherever it lies "
             "(NULL until an article stored before revision 0006 is stored again)")
article = sa.table("article", sa.column("id", sa.Integer), sa.column("url", sa.String),
                   sa.column("url_key", sa.String))


def upgrade() -> None:
    # Plain ADD COLUMN (no batch): SQLite adds a column in place, without copying the table.
    op.add_column("article", sa.Column("url_key", sqlmodel.sql.sqltypes.AutoString(), nullable=True, comment=URL_KEY))
    op.add_column("article", sa.Column("file_hash", sqlmodel.sql.sqltypes.AutoString(), nullable=True,
                                       comment=FILE_HASH))
    op.create_index(op.f("ix_article_url_key"), "article", ["url_key"], unique=False)
    op.create_index(op.f("ix_article_file_hash"), "article", ["file_hash"], unique=False)
    op.create_index(op.f("ix_article_content_hash"), "article", ["content_hash"], unique=False)
    _comment_source_path("Absolute path of the file the article was first loaded from")
    bind = op.get_bind()
    rows = bind.execute(sa.select(article.c.id, article.c.url).where(article.c.url.is_not(None))).all()
    if rows:
        bind.execute(sa.update(article).where(article.c.id == sa.bindparam("_id")),
                     [{"_id": r.id, "url_key": canonical_url(r.url)} for r in rows])


def downgrade() -> None:
    op.drop_index(op.f("ix_article_content_hash"), table_name="article")
    op.drop_index(op.f("ix_article_file_hash"), table_name="article")
    op.drop_index(op.f("ix_article_url_key"), table_name="article")
    # Plain DROP COLUMN (SQLite ≥ 3.35): a batch rebuild would cascade-delete claims and evidence.
    op.drop_column("article", "file_hash")
    op.drop_column("article", "url_key")
    _comment_source_path("Absolute path of the file the article was loaded from")


def _comment_source_path(comment: str) -> None:
    if op.get_bind().dialect.name == "postgresql":  # SQLite keeps no comments
        op.alter_column("article", "source_path", comment=comment, existing_type=sqlmodel.sql.sqltypes.AutoString(),
                        existing_nullable=False)
