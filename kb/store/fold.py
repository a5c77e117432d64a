"""Joining two rows of a kind into one: everything that points at the other row moves to the kept one.

The kept row's values are not recomputed here: the rows touched are recorded
for `kb.store.derive.rederive`.
"""

from __future__ import annotations

from sqlalchemy import delete, select, text, update
from sqlalchemy.engine import Connection

from kb.candidates import Tallies, candidates
from kb.kinds import KINDS
from kb.kinds import kind as kind_of
from kb.models import ID_CLAIMS
from kb.resolve import forget_curated
from kb.store.tables import T, Touched


def fold_row(conn: Connection, kind: str, keep: int, other: int, touched: Touched) -> None:
    """Move everything of row `other` to row `keep` and delete `other`; derived values are re-derived later."""
    forget_curated(conn)  # curation rows that named `other` name `keep` now
    col = kind_of(kind).column
    for name in ("claim", "evidence", "alias"):
        conn.execute(update(T[name]).where(T[name].c[col] == other).values({col: keep}))
    for name in ("decision", "curation", "candidate"):
        conn.execute(update(T[name]).where(T[name].c.record_kind == kind, T[name].c.record_id == other)
                     .values(record_id=keep))
    for name in ("curation", "candidate"):
        conn.execute(update(T[name]).where(T[name].c.record_kind == kind, T[name].c.other_id == other)
                     .values(other_id=keep))
    _move_id_claims(conn, kind, keep, other, touched)
    for ref in kind_of(kind).references:
        conn.execute(update(T[ref.table]).where(T[ref.table].c[ref.column] == other).values({ref.column: keep}))
    if kind_of(kind).holds_positions:
        _fold_positions(conn, T["position"].c[col], keep, other, touched)
    for link in kind_of(kind).links:  # re-derived from the claims that moved
        conn.execute(delete(T[link.table]).where(T[link.table].c[link.column] == other))
    _dedupe_aliases(conn, kind, keep)
    conn.execute(delete(T[kind]).where(T[kind].c.id == other))
    index = candidates(conn).of(kind)
    if index is not None:
        index.folded(keep, other)
    if kind in Tallies.KINDS:  # the other row's claims are the kept row's now: counted afresh
        candidates(conn).tallies.dropped(keep)
        candidates(conn).tallies.dropped(other)
    touched.ids[kind].discard(other)
    touched.add(kind, keep)


def _move_id_claims(conn: Connection, kind: str, keep: int, other: int, touched: Touched) -> None:
    """Claims whose value is the folded row's id name the kept row now; the rows that claim it are re-derived."""
    claim, fields = T["claim"], kind_of(kind).id_claims
    if not fields:
        return
    holders = [k for k in KINDS if any(f in k.fields for f in fields)]
    named = (claim.c.field.in_(fields), claim.c.value == str(other), text(ID_CLAIMS))  # ID_CLAIMS: the index's
    for row in conn.execute(select(*(claim.c[k.column] for k in holders)).where(*named)):
        for k, rid in zip(holders, row, strict=True):
            touched.add(k.name, rid)
    conn.execute(update(claim).where(*named).values(value=str(keep)))


def _fold_positions(conn: Connection, column, keep: int, other: int, touched: Touched) -> None:  # type: ignore[no-untyped-def]
    """Posts of the folded row move over; a post the kept row already has absorbs its evidence."""
    pos = T["position"]
    for p in list(conn.execute(select(pos).where(column == other))):
        moved = {**p._mapping, column.name: keep}
        twin = conn.execute(select(pos.c.id).where(
            pos.c.official_id == moved["official_id"], pos.c.title_key == moved["title_key"],
            pos.c.agency_id == moved["agency_id"] if moved["agency_id"] is not None else pos.c.agency_id.is_(None),
            pos.c.id != p.id)).scalar()
        if twin is None:
            conn.execute(update(pos).where(pos.c.id == p.id).values({column.name: keep}))
        else:
            conn.execute(update(T["evidence"]).where(T["evidence"].c.position_id == p.id).values(position_id=twin))
            conn.execute(delete(pos).where(pos.c.id == p.id))
            touched.ids["position"].discard(p.id)
            touched.add("position", twin)


def _dedupe_aliases(conn: Connection, kind: str, rid: int) -> None:
    al = T["alias"]
    seen: set[tuple[str, str]] = set()
    for row in list(conn.execute(select(al.c.id, al.c.name_key, al.c.origin).where(al.c[kind_of(kind).column] == rid)
                                 .order_by(al.c.origin.desc(), al.c.id))):
        if (row.name_key, row.origin) in seen:
            conn.execute(delete(al).where(al.c.id == row.id))
        seen.add((row.name_key, row.origin))

