"""The store's tables and the statements every part of it runs, built once.

Building a statement costs more than running it (see kb.resolve), so each is
built on first use and cached.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import (
    Delete,
    Insert,
    Select,
    Table,
    TextClause,
    Update,
    bindparam,
    delete,
    func,
    insert,
    select,
    text,
    update,
)

from kb import models
from kb.driver import cascading_nowhere, updates_by_id

# Every table by its name, and the store's short names for the ones it writes most.
T: dict[str, Table] = {**models.SQLModel.metadata.tables, "party": models.AgreementParty.__table__,
                       "signatory": models.AgreementSignatory.__table__, "decision": models.MatchDecision.__table__,
                       "candidate": models.MatchCandidate.__table__}

# A delete from a table no foreign key names drops only the kept answers of reads of that table (kb.driver).
cascading_nowhere({table.name for table in T.values()}
                  - {fk.column.table.name for table in T.values() for fk in table.foreign_keys})


@dataclass
class Fresh:
    """A row made by the change being stored, which nothing else has reached since (no join): what the database
    holds of it is known here and need not be read back to re-derive it."""

    values: dict[str, object]  # as inserted
    # (field, value) → [claims, latest article date], in the order of their first claim
    claims: dict[tuple[str, str], list] = field(default_factory=dict)
    parties: list[str] | None = None  # the party rows made with it (country codes), None: none yet
    # Its party rows (country, agency) and signatories as re-deriving it last wrote them; None: as made.
    links: tuple[set[tuple[str | None, int | None]], set[int]] | None = None
    posts: dict[tuple[str | None, int | None], int] = field(default_factory=dict)  # (title key, agency) → position

    def claimed(self, name: str, value: str, published: str | None) -> None:
        group = self.claims.setdefault((name, value), [0, None])
        group[0] += 1
        if published is not None and (group[1] is None or published > group[1]):
            group[1] = published


@dataclass
class Touched:
    """Rows whose derived values must be recomputed after a change."""

    ids: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    cited: set[int] = field(default_factory=set)  # positions this change cited: none of them is left orphaned
    fresh: dict[tuple[str, int], Fresh] = field(default_factory=dict)  # (kind, id) → a row made by this change

    def add(self, kind: str, rid: int | None) -> None:
        if rid is not None:
            self.ids[kind].add(rid)


def ids_param() -> object:
    """The list of ids a statement is run for, expanded at execution."""
    return bindparam("ids", expanding=True)


@cache
def insert_into(name: str, returning: bool = False) -> Insert:
    """INSERT into one of the tables of `T`, values bound at execution (RETURNING id when asked)."""
    statement = insert(T[name])
    return statement.returning(T[name].c.id) if returning else statement


@cache
def update_by_id(name: str) -> Update:
    """UPDATE one row by its id (`_id`), run by `Driver.many`: a load's kept answers take the new values."""
    return updates_by_id(update(T[name]).where(T[name].c.id == bindparam("_id")), name)  # type: ignore[return-value]


@cache
def delete_by_ids(name: str, column: str = "id") -> Delete:
    return delete(T[name]).where(T[name].c[column].in_(ids_param()))



# ---------------------------------------------------------------- claims counted by value (revision 0013)

# The kinds whose claims `claim_value_count` counts by value (claim.<kind>_id).
COUNTED = ("agency", "official")
_COUNT = "claim_value_count"


@cache
def last_claim() -> Select:
    """The greatest claim id: the claims an insert makes come after it."""
    return select(func.max(T["claim"].c.id))


@cache
def count_claims() -> TextClause:
    """The agencies' and officials' claims after claim `:after` counted into `claim_value_count`, grouped by
    value: one statement after an insert of claims (the database's triggers count claims deleted and moved,
    revision 0013). Claims come after every claim before them, so the first claim of a value counted already
    stays its first; SQLite's two-argument max() is NULL when either is, hence the CASEs."""
    kind = " ".join(f"WHEN c.{k}_id IS NOT NULL THEN '{k}'" for k in COUNTED)
    row = ", ".join(f"c.{k}_id" for k in COUNTED)
    either = " OR ".join(f"c.{k}_id IS NOT NULL" for k in COUNTED)
    return text(
        f"INSERT INTO {_COUNT} (kind, row_id, field, value, claims, latest_published, first_claim_id) "
        f"SELECT CASE {kind} END, coalesce({row}), c.field, c.value, count(*), max(a.published), min(c.id) "
        f"FROM claim c JOIN article a ON a.id = c.article_id WHERE c.id > :after AND ({either}) "
        f"GROUP BY 1, 2, c.field, c.value "
        f"ON CONFLICT (kind, row_id, field, value) DO UPDATE SET claims = {_COUNT}.claims + excluded.claims, "
        f"latest_published = CASE WHEN {_COUNT}.latest_published IS NULL "
        f"OR excluded.latest_published > {_COUNT}.latest_published THEN excluded.latest_published "
        f"ELSE {_COUNT}.latest_published END, "
        f"first_claim_id = CASE WHEN excluded.first_claim_id < {_COUNT}.first_claim_id "
        f"THEN excluded.first_claim_id ELSE {_COUNT}.first_claim_id END")


def counted(rows: Sequence[Mapping[str, object]]) -> bool:
    """Whether any of these claim rows is counted by value (an agency's or an official's)."""
    return any(row.get(f"{k}_id") is not None for row in rows for k in COUNTED)
