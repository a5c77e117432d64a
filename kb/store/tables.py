"""The store's tables and the statements every part of it runs, built once.

Building a statement costs more than running it (see kb.resolve), so each is
built on first use and cached.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import Delete, Insert, Table, Update, bindparam, delete, insert, update

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

