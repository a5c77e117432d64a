"""fill country from pycountry

Every ISO 3166-1 country with its English name, so that country codes in
every other table resolve to a name in plain SQL.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import pycountry
import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Everyday names news uses where pycountry has none of its own.
COMMON_NAMES = {
    "GB": "United Kingdom", "US": "United States", "RU": "Russia", "CZ": "Czechia",
    "TR": "Türkiye", "BN": "Brunei", "CD": "DR Congo", "FM": "Micronesia", "PS": "Palestine",
    "VA": "Vatican City", "MO": "Macau", "HK": "Hong Kong",
}

country = sa.table("country", sa.column("code", sa.String), sa.column("name", sa.String),
                   sa.column("common_name", sa.String))


def upgrade() -> None:
    # Only the countries not there yet: a downgrade keeps those still referenced, and upgrading
    # again must not stop on their keys.
    present = {code for (code,) in op.get_bind().execute(sa.select(country.c.code))}
    rows = []
    for entry in pycountry.countries:
        if entry.alpha_2 in present:
            continue
        common = getattr(entry, "common_name", None) or COMMON_NAMES.get(entry.alpha_2)
        rows.append({"code": entry.alpha_2, "name": entry.name,
                     "common_name": common if common and common != entry.name else None})
    if rows:
        op.bulk_insert(country, sorted(rows, key=lambda r: r["code"]))


# Columns that point at a country: those countries stay while rows still use them.
REFERENCES = (("agency", "country_code"), ("official", "country_code"), ("agreement_party", "country_code"),
              ("trade_flow", "exporter_country_code"), ("trade_flow", "importer_country_code"))


def downgrade() -> None:
    used = " AND ".join(f"code NOT IN (SELECT {column} FROM {table} WHERE {column} IS NOT NULL)"
                        for table, column in REFERENCES)
    op.execute(f"DELETE FROM country WHERE {used}")
