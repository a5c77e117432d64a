"""What a load keeps in memory about the rows: the names of a country's agencies and officials, and each
agency's claims counted (`Tallies`), held for a write transaction and kept current by the store.

Matching an agency or an official compares its name with every name of its
country's rows (kb.resolve). Read from the database for every record, that
read grows with the base (about 500 names a record at 100,000 articles). So
a country's names are read once per transaction and then kept current by the
store, which tells this index each row it makes, re-derives, joins or
deletes. Within the transaction no other writer can change them: every
writer holds the write lock (`kb.db.write_transaction`) to its commit. A
load keeps the index from one batch's transaction to the next when no one
else wrote in between (`kb.db.unwritten_since`, `kb.load.StoreBatch`);
otherwise the next transaction reads afresh, so what another loader or a
curator committed is seen. A rolled-back savepoint or a curator's decision
forgets it all (`forget`).

A country is *loaded* once its rows have been read: from then on every row
of that country is in the index with its main name key and alias keys, and
the index answers for it without the database. Where it cannot know a row's
names exactly (a fold with a row it does not hold), it unloads the country,
which is read again when next asked for.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import Select, bindparam, false, select, true
from sqlalchemy.engine import Connection

from kb.driver import answered_from_held, driver
from kb.models import Agency, Alias, Official
from kb.names import block_keys

TABLES = {"agency": Agency.__table__, "official": Official.__table__}
INDEXED = frozenset(TABLES)
R = TypeVar("R")
_alias = Alias.__table__


@cache
def _country_statement(kind: str, international: bool) -> Select:
    """(id, name key, is an alias) of every row of one country (`:country`; NULL: `international`)."""
    table, column = TABLES[kind], _alias.c[f"{kind}_id"]
    same = table.c.country_code.is_(None) if international else table.c.country_code == bindparam("country")
    main = select(table.c.id, table.c.name_key, false().label("is_alias")).where(same)
    other = select(column, _alias.c.name_key, true().label("is_alias")).join(table, table.c.id == column).where(same)

    def held_rows(held: Any, params: Mapping[str, Any]) -> list[tuple]:
        """The held new rows of the country and their held aliases, and the held aliases of its written rows
        (kb.store.held)."""
        country, made = params["country"], held.made[kind]
        rows = held.lookup(kind, ("country_code",), (country,))
        found = [(row["id"], row["name_key"], False) for row in rows]
        found += [(row["id"], alias["name_key"], True) for row in rows
                  for alias in held.lookup("alias", (column.name,), (row["id"],))]
        written = [alias for alias in held.made["alias"].values()
                   if alias[column.name] is not None and alias[column.name] not in made]
        if written:  # their rows' countries are the database's
            owners = dict(driver(held.conn).rows(_countries_of_rows(kind), {"ids": sorted({a[column.name]
                                                                                           for a in written})}))
            found += [(a[column.name], a["name_key"], True) for a in written
                      if a[column.name] in owners and owners[a[column.name]] == country]
        return found

    return answered_from_held(main.union_all(other), {kind, "alias"}, held_rows)  # type: ignore[return-value]


@cache
def _countries_of_rows(kind: str) -> Select:
    """The written rows' countries (the held rows are not asked for: their countries are known)."""
    table = TABLES[kind]
    return answered_from_held(select(table.c.id, table.c.country_code).where(  # type: ignore[return-value]
        table.c.id.in_(bindparam("ids", expanding=True))), {kind}, lambda held, params: [])


@dataclass
class _Row:
    country: str | None
    main: str | None
    aliases: set[str] = field(default_factory=set)
    _keys: frozenset[str] | None = field(default=None, init=False, repr=False, compare=False)

    def name_keys(self) -> frozenset[str]:
        """Its main name and aliases (made once: asked for every row of a country for each agency stored)."""
        if self._keys is None:
            self._keys = frozenset(({self.main} if self.main else set()) | self.aliases)
        return self._keys


class CountryNames:
    """Rows of one kind (agency or official) by country, with their name keys and a person's blocking keys."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.rows: dict[int, _Row] = {}
        self.loaded: dict[str | None, set[int]] = {}  # country → its rows (every one of them)
        self.blocks: dict[str | None, dict[str, set[int]]] = {}  # country → blocking key → rows (officials)
        # country → what callers made of its rows' names (`derived`), until one of its rows changes
        self._derived: dict[str | None, dict[str, Any]] = {}

    def names(self, conn: Connection, country: str | None) -> dict[int, frozenset[str]]:
        """{row: every name key} of the rows of `country` (None: rows of no country)."""
        if country not in self.loaded:
            self._load(conn, country)
        return {rid: self.rows[rid].name_keys() for rid in self.loaded[country]}

    def derived(self, conn: Connection, country: str | None, name: str,
                make: Callable[[dict[int, frozenset[str]]], R]) -> R:
        """`make(self.names(conn, country))`, made once and kept until a row of `country` is made, changed,
        joined or dropped (a country's agencies are matched against by every agency of it stored, and change
        for about half of them)."""
        made = self._derived.setdefault(country, {})
        if name not in made:
            made[name] = make(self.names(conn, country))
        return made[name]  # type: ignore[no-any-return]

    def sharing_blocks(self, conn: Connection, country: str | None,
                       keys: Iterable[str]) -> dict[int, frozenset[str]]:
        """The rows of `country` with a name sharing one of the blocking keys `keys` (kb.names.block_keys)."""
        if country not in self.loaded:
            self._load(conn, country)
        blocks = self._blocks(country)
        found = set().union(*(blocks.get(k, ()) for k in keys)) if keys else set()
        return {rid: self.rows[rid].name_keys() for rid in found}

    def countries(self, ids: Iterable[int]) -> tuple[dict[int, str | None], list[int]]:
        """The country of each of these rows the index holds, and the rows it does not hold."""
        known: dict[int, str | None] = {}
        unknown: list[int] = []
        for rid in ids:
            row = self.rows.get(rid)
            if row is None:
                unknown.append(rid)
            else:
                known[rid] = row.country
        return known, unknown

    def unaliased(self, country: str | None) -> bool:
        """Known here that no row of `country` has an alias (False: some has, or the country is not loaded)."""
        rows = self.loaded.get(country)
        return rows is not None and not any(self.rows[rid].aliases for rid in rows)

    def _load(self, conn: Connection, country: str | None) -> None:
        found: dict[int, _Row] = {}
        for rid, key, is_alias in driver(conn).rows(_country_statement(self.kind, country is None),
                                                    {"country": country}):
            row = found.setdefault(rid, _Row(country, None))
            if is_alias:
                row.aliases.add(key)
            else:
                row.main = key
        for rid, row in found.items():
            self._forget_row(rid)
            self.rows[rid] = row
        self.loaded[country] = set(found)
        self._derived.pop(country, None)

    def _blocks(self, country: str | None) -> dict[str, set[int]]:
        blocks = self.blocks.get(country)
        if blocks is None:
            blocks = self.blocks[country] = defaultdict(set)
            for rid in self.loaded[country]:
                for key in self.rows[rid].name_keys():
                    for block in block_keys(key):
                        blocks[block].add(rid)
        return blocks

    # ------------------------------------------------------------ what the store tells it

    def made(self, rid: int, country: str | None, key: str) -> None:
        """A new row, named `key`, with no alias yet."""
        self.set(rid, country, key, set())

    def set(self, rid: int, country: str | None, main: str | None, aliases: set[str]) -> None:
        """A row's country and names as they now are in the database (`main` None: not known here)."""
        row = self.rows.get(rid)
        if row is not None and main is not None and (row.country, row.main, row.aliases) == (country, main, aliases):
            return  # as the index holds it (most rows re-derived keep their names)
        self._forget_row(rid)
        if country not in self.loaded:
            return  # read with its country when that is asked for
        if main is None:
            self.unload(country)
            return
        self.rows[rid] = _Row(country, main, set(aliases))
        self.loaded[country].add(rid)
        self._derived.pop(country, None)
        self._block(rid)

    def dropped(self, rid: int) -> None:
        self._forget_row(rid)

    def folded(self, keep: int, other: int) -> None:
        """`other`'s aliases are `keep`'s now and `other` is gone (its main name becomes an alias only when `keep`
        is re-derived, which tells the index again)."""
        kept, gone = self.rows.get(keep), self.rows.get(other)
        self._forget_row(other)
        if kept is None:
            return
        if gone is None:  # its aliases are not known here: read the country again when next asked
            self.unload(kept.country)
            return
        kept.aliases |= gone.aliases
        kept._keys = None
        self._derived.pop(kept.country, None)
        self._block(keep)

    def unload(self, country: str | None) -> None:
        self._derived.pop(country, None)
        for rid in self.loaded.pop(country, set()):
            self.rows.pop(rid, None)
        self.blocks.pop(country, None)

    def _forget_row(self, rid: int) -> None:
        row = self.rows.pop(rid, None)
        if row is None:
            return
        self._derived.pop(row.country, None)
        self.loaded.get(row.country, set()).discard(rid)
        blocks = self.blocks.get(row.country)
        if blocks is not None:
            for key in row.name_keys():
                for block in block_keys(key):
                    blocks.get(block, set()).discard(rid)

    def _block(self, rid: int) -> None:
        row = self.rows[rid]
        blocks = self.blocks.get(row.country)
        if blocks is not None:
            for key in row.name_keys():
                for block in block_keys(key):
                    blocks[block].add(rid)


class Tallies:
    """An agency's claims counted by (field, value): how many claims give the value, the latest article date
    among them, in the order of their first claim (what `kb.store.derive` ranks values by).

    An agency is named by hundreds of articles in a large base (about 900 each at 100,000), and re-deriving
    it read them all again for every article that names it. Read once per load and kept current instead:
    the store adds the claims it writes (`added`) and drops a row whose claims are removed or moved (an
    article stored again, a fold), which is then read afresh when next re-derived.
    """

    KINDS = frozenset({"agency"})

    def __init__(self) -> None:
        self.rows: dict[int, dict[tuple[str, str], list]] = {}  # row → (field, value) → [count, latest date]

    def get(self, rid: int) -> list[tuple[str, str, str | None, int]] | None:
        """(field, value, latest article date, claims) of the row, in the order of their first claim."""
        groups = self.rows.get(rid)
        return None if groups is None else [(f, v, latest, count) for (f, v), (count, latest) in groups.items()]

    def read(self, rid: int, groups: list[tuple[str, str, str | None, int]]) -> None:
        self.rows[rid] = {(f, v): [count, latest] for f, v, latest, count in groups}

    def added(self, rid: int, field_name: str, value: str, published: str | None) -> None:
        """A claim of the row was written (after every claim it held: a new value comes last)."""
        groups = self.rows.get(rid)
        if groups is None:
            return
        group = groups.setdefault((field_name, value), [0, None])
        group[0] += 1
        if published is not None and (group[1] is None or published > group[1]):
            group[1] = published

    def dropped(self, rid: int) -> None:
        self.rows.pop(rid, None)


class Candidates:
    """What a load keeps in memory about the rows for one transaction (and the next, when no one wrote in
    between): the names of each indexed kind by country, and agencies' claims counted."""

    def __init__(self) -> None:
        self.kinds = {kind: CountryNames(kind) for kind in INDEXED}
        self.tallies = Tallies()

    def of(self, kind: str) -> CountryNames | None:
        return self.kinds.get(kind)


def candidates(conn: Connection) -> Candidates:
    """This transaction's index (a new one for each transaction: another writer may have committed before it)."""
    transaction = conn.get_transaction()
    cached = conn.info.get("kb.candidates")
    if cached is None or cached[0] is not transaction or transaction is None:
        cached = conn.info["kb.candidates"] = (transaction, Candidates())
    return cached[1]


def held(conn: Connection) -> Candidates | None:
    """The index this transaction has built, if any."""
    cached = conn.info.get("kb.candidates")
    return cached[1] if cached is not None and cached[0] is conn.get_transaction() else None


def adopt(conn: Connection, index: Candidates) -> None:
    """Use `index`, built by the last write transaction, in this one: nothing was written in between
    (`kb.db.unwritten_since`)."""
    conn.info["kb.candidates"] = (conn.get_transaction(), index)


def forget(conn: Connection) -> None:
    """Drop the index: a savepoint was rolled back, so what the store told it may not be in the database."""
    conn.info.pop("kb.candidates", None)
