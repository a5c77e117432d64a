"""The review queue: pairs of rows the resolver found alike without the evidence to join them.

Candidates are kept per article in `match_candidate` as records are matched.
A pair leaves the queue when a person decides it: `kb merge` makes it one
row, `kb apart` (or an earlier `kb unmerge` of one's name from the other)
keeps it two for good. Each pair is shown with one supporting sentence of
each row, so it can be judged without opening the articles.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Connection

from kb.kinds import NAMED
from kb.kinds import kind as kind_of
from kb.normalize import name_key
from kb.store import T

KINDS = tuple(k.name for k in NAMED)  # the kinds a curator joins: flows are never candidates


@dataclass(frozen=True)
class Pair:
    kind: str
    a: int
    a_name: str
    a_evidence: str | None
    b: int
    b_name: str
    b_evidence: str | None
    score: float
    why: str


def pending(conn: Connection, kind: str | None = None, limit: int | None = None) -> list[Pair]:
    """Undecided pairs, most alike first."""
    cand = T["candidate"]
    query = select(cand.c.record_kind, cand.c.record_id, cand.c.other_id, cand.c.score, cand.c.reason)
    if kind is not None:
        query = query.where(cand.c.record_kind == kind)
    best: dict[tuple[str, int, int], tuple[float, str]] = {}
    for r in conn.execute(query.order_by(cand.c.id)):
        if r.record_id == r.other_id:
            continue  # joined since
        key = (r.record_kind, min(r.record_id, r.other_id), max(r.record_id, r.other_id))
        if key not in best or r.score > best[key][0]:
            best[key] = (r.score, r.reason)
    pairs = []
    for k in KINDS:
        ids = {i for (kind_, a, b) in best if kind_ == k for i in (a, b)}
        if not ids:
            continue
        names = _names(conn, k, ids)
        decided = _decided(conn, k, ids, names)
        quotes = _first_quotes(conn, k, ids)
        for (kind_, a, b), (score, why) in best.items():
            if kind_ == k and a in names and b in names and (a, b) not in decided:
                pairs.append(Pair(k, a, names[a][0], quotes.get(a), b, names[b][0], quotes.get(b), score, why))
    pairs.sort(key=lambda p: (-p.score, KINDS.index(p.kind), p.a, p.b))
    return pairs[:limit] if limit else pairs


def _names(conn: Connection, kind: str, ids: set[int]) -> dict[int, list[str]]:
    """The main name first, then the aliases, of each row that still exists."""
    table, al = T[kind], T["alias"]
    names: dict[int, list[str]] = {r.id: [r.name] for r in conn.execute(
        select(table.c.id, table.c.name).where(table.c.id.in_(ids)))}
    for rid, name in conn.execute(select(al.c[f"{kind}_id"], al.c.name).where(al.c[f"{kind}_id"].in_(ids))
                                  .order_by(al.c.id)):
        names[rid].append(name)
    return names


def _decided(conn: Connection, kind: str, ids: set[int], names: dict[int, list[str]]) -> set[tuple[int, int]]:
    """Pairs a person has ruled on: kept apart, or one's name split off the other."""
    cur = T["curation"]
    decided: set[tuple[int, int]] = set()
    split: dict[int, set[str]] = defaultdict(set)
    for r in conn.execute(select(cur.c.action, cur.c.record_id, cur.c.other_id, cur.c.other_name)
                          .where(cur.c.record_kind == kind, cur.c.record_id.in_(ids),
                                 cur.c.action.in_(("apart", "unmerge")))):
        if r.action == "apart" and r.other_id is not None:
            decided.add((min(r.record_id, r.other_id), max(r.record_id, r.other_id)))
        elif r.other_name:
            split[r.record_id].add(name_key(r.other_name))
    for rid, keys in split.items():
        for other, other_names in names.items():
            if other != rid and keys & {name_key(n) for n in other_names}:
                decided.add((min(rid, other), max(rid, other)))
    return decided


def _first_quotes(conn: Connection, kind: str, ids: set[int]) -> dict[int, str]:
    ev = T["evidence"]
    column = ev.c[kind_of(kind).column]
    quotes: dict[int, str] = {}
    for rid, quote in conn.execute(select(column, ev.c.quote).where(column.in_(ids), ev.c.quote.is_not(None))
                                   .order_by(ev.c.id)):
        quotes.setdefault(rid, quote)
    return quotes
