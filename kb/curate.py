"""A person's corrections: merge, unmerge, apart, rename, alias add/remove.

Decisions are stored in `curation` (who, when, why) and take effect through
the same machinery loads use: a merge leaves curated aliases that the
resolver prefers over anything, an unmerge leaves a block the resolver
respects, a rename overrides the best-attested name. So they survive
re-loading the same files and re-extraction with a newer extractor. An
apart decision names both rows, which are then never deleted nor joined.
"""

from __future__ import annotations

import getpass
import re
from datetime import UTC, datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from kb.candidates import forget as forget_candidates
from kb.errors import CurationError
from kb.kinds import NAMED
from kb.normalize import name_key
from kb.resolve import forget_curated
from kb.store import T, Touched, fold_row, rederive, restore_articles

KINDS = tuple(k.name for k in NAMED)

def _row(conn: Connection, kind: str, rid: int):  # type: ignore[no-untyped-def]
    if kind not in KINDS:
        raise CurationError(f"cannot curate {kind!r}: choose one of {', '.join(KINDS)}")
    row = conn.execute(select(T[kind]).where(T[kind].c.id == rid)).first()
    if row is None:
        raise CurationError(f"no {kind} with id {rid}")
    return row


def _decide(conn: Connection, action: str, kind: str, rid: int, *, other: str | None = None,
            new: str | None = None, other_id: int | None = None, effective: str | None = None,
            reason: str | None, curator: str | None, when: datetime) -> None:
    forget_curated(conn)
    forget_candidates(conn)  # a curator's decision may change names (aliases, renames) behind the store's back
    conn.execute(insert(T["curation"]).values(
        action=action, record_kind=kind, record_id=rid, other_name=other, new_name=new, other_id=other_id,
        effective=effective, reason=reason, curator=curator or getpass.getuser(), decided_at=when))


def _names(conn: Connection, kind: str, rid: int) -> list[str]:
    al = T["alias"]
    row = _row(conn, kind, rid)
    return [row.name, *[r.name for r in conn.execute(select(al.c.name).where(al.c[f"{kind}_id"] == rid))]]


def merge(conn: Connection, kind: str, keep: int, other: int, *, reason: str | None = None,
          curator: str | None = None) -> str:
    """Fold row `other` into row `keep`: its evidence, values, aliases and references move over."""
    if keep == other:
        raise CurationError(f"cannot merge {kind} {keep} with itself")
    kept, gone = _row(conn, kind, keep), _row(conn, kind, other)
    when = datetime.now(UTC)
    moved = _names(conn, kind, other)
    touched = Touched()
    # The curator has answered for the merged-in row: what it resembled is no longer a question.
    cand = T["candidate"]
    conn.execute(delete(cand).where(cand.c.record_kind == kind,
                                    (cand.c.record_id == other) | (cand.c.other_id == other)))
    fold_row(conn, kind, keep, other, touched)
    if not conn.execute(select(T["curation"].c.id).where(
            T["curation"].c.record_kind == kind, T["curation"].c.record_id == keep,
            T["curation"].c.action == "rename")).first():
        # The row kept keeps its name, however many articles used the other one.
        _decide(conn, "rename", kind, keep, other=kept.name, new=kept.name, reason="name kept at merge",
                curator=curator, when=when)
    known = {name_key(kept.name)}
    for name in moved:
        if name_key(name) not in known:
            known.add(name_key(name))
            _add_alias(conn, kind, keep, name)
        _decide(conn, "merge", kind, keep, other=name, reason=reason, curator=curator, when=when)
    rederive(conn, touched)
    return f"merged {kind} {other} ({gone.name}) into {keep} ({kept.name})"


def _add_alias(conn: Connection, kind: str, rid: int, name: str) -> None:
    al = T["alias"]
    forget_candidates(conn)
    conn.execute(delete(al).where(al.c[f"{kind}_id"] == rid, al.c.name_key == name_key(name)))
    conn.execute(insert(al).values({"agency_id": None, "official_id": None, "agreement_id": None,
                                    f"{kind}_id": rid, "name": name, "name_key": name_key(name),
                                    "origin": "curated"}))


def unmerge(conn: Connection, kind: str, rid: int, name: str, *, reason: str | None = None,
            curator: str | None = None) -> str:
    """Split the records named `name` out of row `rid` again, and keep them apart from now on."""
    _row(conn, kind, rid)
    key = name_key(name)
    cur, al, claim = T["curation"], T["alias"], T["claim"]
    merged = conn.execute(select(cur.c.decided_at).where(
        cur.c.record_kind == kind, cur.c.record_id == rid, cur.c.action == "merge")).all()
    names = {key}
    for (when,) in merged:
        batch = {name_key(r.other_name) for r in conn.execute(select(cur.c.other_name).where(
            cur.c.record_kind == kind, cur.c.record_id == rid, cur.c.action == "merge", cur.c.decided_at == when))}
        if key in batch:
            names |= batch
    affected = sorted({r.article_id for r in conn.execute(
        select(claim.c.article_id, claim.c.value).where(claim.c[f"{kind}_id"] == rid,
                                                       claim.c.field.in_(("name", "also"))))
        if name_key(r.value) in names})
    if not affected and not conn.execute(select(al.c.id).where(al.c[f"{kind}_id"] == rid,
                                                               al.c.name_key.in_(names))).first():
        raise CurationError(f"{kind} {rid} has no name or alias {name!r} to split off")
    conn.execute(delete(al).where(al.c[f"{kind}_id"] == rid, al.c.origin == "curated", al.c.name_key.in_(names)))
    when = datetime.now(UTC)
    for other in sorted(names):
        _decide(conn, "unmerge", kind, rid, other=other, reason=reason, curator=curator, when=when)
    restore_articles(conn, affected)
    count = f"{len(affected)} article{'s' * (len(affected) != 1)}"
    return f"split the records named {name!r} off {kind} {rid} ({count})"


_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def rename(conn: Connection, kind: str, rid: int, new_name: str, *, on: str | None = None,
           reason: str | None = None, curator: str | None = None) -> str:
    """Row `rid` is now called `new_name` (since `on`, when given): both names find it from now on, and a row
    already holding the new name is the same body under its new name, so it is merged in."""
    old = _row(conn, kind, rid).name
    new_name = new_name.strip()
    if not new_name:
        raise CurationError("the new name is empty")
    if name_key(new_name) == name_key(old):
        raise CurationError(f"{kind} {rid} is already called {old!r}")
    if on is not None and not _DATE.match(on):
        raise CurationError(f"--on {on!r} is not a date: give YYYY, YYYY-MM or YYYY-MM-DD")
    _decide(conn, "rename", kind, rid, other=old, new=new_name, effective=on, reason=reason, curator=curator,
            when=datetime.now(UTC))
    _add_alias(conn, kind, rid, old)
    touched = Touched()
    touched.add(kind, rid)
    rederive(conn, touched)
    joined = [merge(conn, kind, rid, other, reason=reason or f"renamed {old!r} → {new_name!r}", curator=curator)
              for other in _rows_named(conn, kind, rid, new_name)]
    since = f" on {on}" if on else ""
    return "\n".join([f"renamed {kind} {rid}{since}: {old!r} → {new_name!r}", *joined])


def _rows_named(conn: Connection, kind: str, rid: int, name: str) -> list[int]:
    """Other rows with this name or alias, in the row's country (agencies and officials) or any."""
    table, al = T[kind], T["alias"]
    key = name_key(name)
    ids = {r[0] for r in conn.execute(select(table.c.id).where(table.c.name_key == key, table.c.id != rid))}
    ids |= {r[0] for r in conn.execute(select(al.c[f"{kind}_id"]).where(
        al.c.name_key == key, al.c[f"{kind}_id"].is_not(None), al.c[f"{kind}_id"] != rid))}
    if kind in ("agency", "official") and ids:
        mine = conn.execute(select(table.c.country_code).where(table.c.id == rid)).scalar()
        ids = {r.id for r in conn.execute(select(table.c.id, table.c.country_code).where(table.c.id.in_(ids)))
               if mine is None or r.country_code in (None, mine)}
    return sorted(ids)


def apart(conn: Connection, kind: str, a: int, b: int, *, reason: str | None = None,
          curator: str | None = None) -> str:
    """Rows `a` and `b` are different things: never join them, and take the pair off the review queue."""
    if a == b:
        raise CurationError(f"cannot keep {kind} {a} apart from itself")
    first, second = _row(conn, kind, a), _row(conn, kind, b)
    when = datetime.now(UTC)
    for rid, other, name in ((a, b, second.name), (b, a, first.name)):
        _decide(conn, "apart", kind, rid, other=name, other_id=other, reason=reason, curator=curator, when=when)
    return f"{kind} {a} ({first.name}) and {b} ({second.name}) are kept apart"


def alias_add(conn: Connection, kind: str, rid: int, name: str, *, reason: str | None = None,
              curator: str | None = None) -> str:
    _row(conn, kind, rid)
    if not name_key(name):
        raise CurationError("the alias is empty")
    _add_alias(conn, kind, rid, name)
    _decide(conn, "alias_add", kind, rid, other=name, reason=reason, curator=curator, when=datetime.now(UTC))
    return f"{kind} {rid} is also known as {name!r}"


def alias_remove(conn: Connection, kind: str, rid: int, name: str, *, reason: str | None = None,
                 curator: str | None = None) -> str:
    _row(conn, kind, rid)
    al = T["alias"]
    gone = conn.execute(delete(al).where(al.c[f"{kind}_id"] == rid, al.c.name_key == name_key(name))).rowcount
    if not gone:
        raise CurationError(f"{kind} {rid} has no alias {name!r}")
    _decide(conn, "alias_remove", kind, rid, other=name, reason=reason, curator=curator, when=datetime.now(UTC))
    return f"removed alias {name!r} of {kind} {rid}"
