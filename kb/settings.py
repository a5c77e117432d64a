"""Where the database is: `--db URL`, else KB_DATABASE_URL, else kb.db in the working directory."""

from __future__ import annotations

import os

DEFAULT_DATABASE_URL = "sqlite:///kb.db"
DATABASE_URL_VARIABLE = "KB_DATABASE_URL"


def database_url(explicit: str | None = None) -> str:
    url = explicit or os.environ.get(DATABASE_URL_VARIABLE) or DEFAULT_DATABASE_URL
    # Accept the plain scheme people copy from psql docs; kb talks to PostgreSQL through psycopg 3.
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url
