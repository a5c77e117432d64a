"""Writing one article's claims and evidence, resolving each of its records to a row.

A record either joins the row the resolver finds (and every other row it
links, folded into that one) or makes a new row; the values of the rows it
touches are derived later (`kb.store.derive`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import cache

from sqlalchemy import Select, bindparam, delete, select
from sqlalchemy.engine import Connection

from kb.candidates import candidates
from kb.driver import answered_from_held, driver, held_by, kept_for_batch
from kb.facts import Agency, Agreement, Evidence, Facts, Official, TradeFlow
from kb.kinds import KINDS
from kb.normalize import name_key, singular_key
from kb.resolve import (
    KnownKeys,
    Match,
    curated,
    match_agency,
    match_agreement,
    match_official,
    match_trade_flow,
    period_of,
    record_keys,
)
from kb.store.derive import MASS_IN_KG, rederive
from kb.store.fold import fold_row
from kb.store.held import blank, write_rows
from kb.store.held import new_row as insert_row
from kb.store.held import new_rows as insert_rows
from kb.store.tables import Fresh, T, Touched

# An article's claims, evidence and decisions are made with every column of their table (`blank`): held as made.
_CLAIM, _EVIDENCE, _DECISION = blank("claim"), blank("evidence"), blank("decision")


@cache
def _position_statement(with_agency: bool) -> Select:
    pos = T["position"]
    columns = ("official_id", "title_key", "agency_id")
    return kept_for_batch(answered_from_held(select(pos.c.id).where(
        pos.c.official_id == bindparam("official_id"), pos.c.title_key == bindparam("title_key"),
        pos.c.agency_id == bindparam("agency_id") if with_agency else pos.c.agency_id.is_(None)), {"position"},
        lambda held, p: [(row["id"],) for row in held.lookup("position", columns, tuple(p[c] for c in columns))
                         if None not in (p["official_id"], p["title_key"])]))  # type: ignore[return-value]


def remove_contributions(conn: Connection, article_id: int, touched: Touched) -> None:
    """Delete what an article contributed, remembering which rows must be re-derived."""
    for table in (T["evidence"], T["claim"]):
        for kind in KINDS:
            rows = conn.execute(select(table.c[kind.column]).distinct()
                                .where(table.c.article_id == article_id, table.c[kind.column].is_not(None)))
            for (rid,) in rows:
                touched.add(kind.name, rid)
    positions = conn.execute(select(T["evidence"].c.position_id).distinct()
                             .where(T["evidence"].c.article_id == article_id,
                                    T["evidence"].c.position_id.is_not(None)))
    for (rid,) in positions:
        touched.add("position", rid)
    for table in (T["evidence"], T["claim"], T["decision"], T["candidate"]):
        conn.execute(delete(table).where(table.c.article_id == article_id))
    tallies = candidates(conn).tallies
    for rid in touched.ids.get("agency", ()):  # their claims are fewer now: counted afresh when re-derived
        tallies.dropped(rid)


def restore_articles(conn: Connection, article_ids: list[int]) -> None:
    """Store articles' facts again from what the database holds, so their records are matched afresh."""
    art = T["article"]
    touched = Touched()
    stored = {}
    for aid in article_ids:
        stored[aid] = Facts.model_validate(json.loads(conn.execute(select(art.c.facts).where(art.c.id == aid))
                                                      .scalar_one()))
        remove_contributions(conn, aid, touched)
    rederive(conn, touched)
    touched = Touched()
    for aid in article_ids:
        apply_facts(conn, aid, stored[aid], touched)
    rederive(conn, touched)


class _Writer:
    """Adds one article's claims and evidence, resolving each record to a row."""

    def __init__(self, conn: Connection, article_id: int, published: str | None, touched: Touched) -> None:
        self.conn, self.article_id, self.published, self.touched = conn, article_id, published, touched
        self.claims: list[dict] = []
        self.evidence: list[dict] = []
        self.decisions: list[dict] = []
        self.candidates: list[dict] = []
        self.changed: dict[str, set[int]] = defaultdict(set)  # rows made or joined, or joined on weak evidence
        self.moved: dict[tuple[str, int], int] = {}  # rows joined into others while this article is stored
        # Rows this article made that no join has reached (`touched.fresh`): what they hold is known here, not
        # read (their values, claims, posts, parties). Forgotten at the first join, which moves all of these.
        self.fresh = touched.fresh
        self.keys = KnownKeys()  # the rows with the names of the article's agencies and officials
        self.cur = curated(conn)

    def current(self, kind: str, rid: int) -> int:
        """Where a row of this article's records is now, after any joins."""
        while (kind, rid) in self.moved:
            rid = self.moved[(kind, rid)]
        return rid

    def resolve(self, kind: str, found: list[Match], name: str, new_row: dict) -> int:
        """The row for a record: the best match, joined with every other row it links; else a new row.
        Near matches are not joined: they become candidates for review."""
        matches: list[Match] = []
        for m in (m for m in found if not m.near):
            if not any(self.cur.kept_apart(kind, m.record_id, k.record_id) for k in matches):
                matches.append(m)
        if not matches:
            rid = insert_row(self.conn, kind, new_row)  # held for the batch's write, its id given out now
            index = candidates(self.conn).of(kind)
            if index is not None:
                index.made(rid, new_row["country_code"], new_row["name_key"])
            matches = [Match(rid, "new row", 100.0)]
            self.changed[kind].add(rid)
            self.fresh[(kind, rid)] = Fresh(dict(new_row))
            self.keys.made(kind, rid, new_row.get("name_key") or "")
        keep = min(m.record_id for m in matches)
        best = matches[0]
        reason = best.reason
        others = sorted({m.record_id for m in matches} - {keep})
        if others:
            self.flush()  # decisions and claims pending for the rows being joined move with them
            self.fresh.clear()
            self.keys.forget()
            for other in others:
                fold_row(self.conn, kind, keep, other, self.touched)
                self.moved[(kind, other)] = keep
            self.cur = curated(self.conn)  # curation rows of the joined rows now name the kept one
            reason += f"; joined rows {', '.join(map(str, others))} that this record links"
            self.changed[kind].add(keep)
        if "same country and agency" in reason:
            self.changed[kind].add(keep)
        self.decisions.append({**_DECISION, "article_id": self.article_id, "record_kind": kind, "record_id": keep,
                               "incoming_name": name, "reason": reason, "score": best.score})
        joined = {m.record_id for m in matches}
        self.candidates += [{"article_id": self.article_id, "record_kind": kind, "record_id": keep,
                             "other_id": m.record_id, "incoming_name": name, "other_name": m.other_name,
                             "reason": m.reason, "score": m.score}
                            for m in found if m.near and m.record_id not in joined]
        self.touched.add(kind, keep)
        return keep

    def claim(self, kind: str, rid: int, name: str, value: object) -> None:
        if value is None or value == "":
            return
        if self.moved:  # most articles join no rows: nothing to follow
            rid = self.current(kind, rid)
        text = value if type(value) is str else _as_text(value)
        self.claims.append({**_CLAIM, "article_id": self.article_id, f"{kind}_id": rid, "field": name, "value": text})
        fresh = self.fresh.get((kind, rid))
        if fresh is not None:
            fresh.claimed(name, text, self.published)

    def cite(self, kind: str, rid: int, evidence: list[Evidence]) -> None:
        rid = self.current(kind, rid) if kind != "position" else rid
        if kind == "position":
            self.touched.cited.add(rid)
        quotes = evidence or [None]
        seen: set[tuple] = set()
        for ev in quotes:
            key = (ev.start, ev.end) if ev else None
            if key in seen:
                continue
            seen.add(key)
            self.evidence.append({**_EVIDENCE, "article_id": self.article_id, f"{kind}_id": rid,
                                  "quote": ev.quote if ev else None, "char_start": ev.start if ev else None,
                                  "char_end": ev.end if ev else None})

    def flush(self) -> None:
        tallies = candidates(self.conn).tallies
        for claim in self.claims:
            if claim.get("agency_id") is not None:
                tallies.added(claim["agency_id"], claim["field"], claim["value"], self.published)
        for name, rows in (("claim", self.claims), ("evidence", self.evidence), ("decision", self.decisions),
                           ("candidate", self.candidates)):
            if rows:
                write_rows(self.conn, name, rows, self.published)  # or held for the batch's write (kb.store.held)
                rows.clear()


def _as_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def apply_facts(conn: Connection, article_id: int, facts: Facts, touched: Touched) -> dict[str, set[int]]:
    """Store one article's records; returns the rows it made or joined (by kind), whose neighbours may need
    settling."""
    w = _Writer(conn, article_id, facts.article.published, touched)
    # Every name the records below may look up, read a kind at a time.
    keys = record_keys(facts)
    w.keys.read(conn, "agency", keys["agency"])
    w.keys.read(conn, "official", keys["official"])
    agencies = {name_key(a.name): _store_agency(w, a) for a in facts.agencies}
    for a in facts.agencies:
        for other in a.also:
            agencies.setdefault(name_key(other), agencies[name_key(a.name)])
    countries = {a.name: a.country for a in facts.agencies}

    def agency_id(name: str | None, country: str | None = None) -> int | None:
        if not name:
            return None
        if name_key(name) not in agencies:
            agencies[name_key(name)] = _store_agency(w, Agency(name=name, country=countries.get(name, country)))
        return w.current("agency", agencies[name_key(name)])

    officials: dict[str, int] = {}
    for o in facts.officials:
        officials[name_key(o.name)] = _store_official(w, o, agency_id(o.agency, o.country))

    agreements: dict[str, int] = {}
    for ag in facts.agreements:
        agreements[name_key(ag.name)] = _store_agreement(w, ag)
    for ag in facts.agreements:
        rid = w.current("agreement", agreements[name_key(ag.name)])
        for code in ag.parties:
            w.claim("agreement", rid, "party", code)
        for name in ag.party_agencies:
            w.claim("agreement", rid, "party_agency", agency_id(name))
        for name in ag.signatories:
            if name_key(name) not in officials:
                officials[name_key(name)] = _store_official(w, Official(name=name), None)
            w.claim("agreement", rid, "signatory", w.current("official", officials[name_key(name)]))
        if ag.amends:
            if name_key(ag.amends) not in agreements:
                agreements[name_key(ag.amends)] = _store_agreement(
                    w, Agreement(name=ag.amends, kind="agreement", parties=ag.parties))
            w.claim("agreement", rid, "amends", w.current("agreement", agreements[name_key(ag.amends)]))

    for flow in facts.trade_flows:
        _store_trade_flow(w, flow, agency_id(flow.exporter, flow.from_), agency_id(flow.importer, flow.to))
    w.flush()
    return {kind: {w.current(kind, rid) for rid in ids} for kind, ids in w.changed.items()}


def _store_agency(w: _Writer, a: Agency) -> int:
    rid = w.resolve("agency", match_agency(w.conn, a, w.cur, w.keys), a.name,
                    {"name": a.name, "name_key": name_key(a.name), "country_code": a.country, "kind": a.kind})
    if a.also or not w.decisions[-1]["reason"].startswith("same name"):
        # The row may gain a name ('FBR' becomes 'Federal Board of Revenue'): a descriptor of its country may
        # fit it now ("Pakistan's revenue board"), so its group is settled again, as in any other order.
        w.changed["agency"].add(rid)
    w.claim("agency", rid, "name", a.name)
    for other in a.also:
        w.claim("agency", rid, "also", other)
    w.claim("agency", rid, "country_code", a.country)
    w.claim("agency", rid, "kind", a.kind)
    w.cite("agency", rid, a.evidence)
    return rid


def _store_official(w: _Writer, o: Official, agency_id: int | None) -> int:
    rid = w.resolve("official", match_official(w.conn, o, w.cur, agency_id, w.keys), o.name,
                    {"name": o.name, "name_key": name_key(o.name), "country_code": o.country})
    w.claim("official", rid, "name", o.name)
    w.claim("official", rid, "country_code", o.country)
    w.cite("official", rid, o.evidence)
    if o.title or agency_id:
        post = {"official_id": rid, "agency_id": agency_id, "title": o.title, "title_key": name_key(o.title)}
        key = (post["title_key"], agency_id)
        fresh = w.fresh.get(("official", rid))
        pid = fresh.posts.get(key) if fresh else driver(w.conn).scalar(_position_statement(bool(agency_id)), post)
        if pid is None:
            pid = insert_row(w.conn, "position", post)
            if fresh:
                fresh.posts[key] = pid
        w.touched.add("position", pid)
        w.cite("position", pid, o.evidence)
    return rid


def _store_agreement(w: _Writer, ag: Agreement) -> int:
    # A new row starts with the values its record gives, which re-deriving it then mostly finds unchanged.
    rid = w.resolve("agreement", match_agreement(w.conn, ag, w.cur), ag.name,
                    {"name": ag.name, "name_key": name_key(ag.name), "kind": ag.kind, "signed": ag.signed,
                     "place": ag.place, "status": ag.status, "subject": ag.subject})
    fresh = w.fresh.get(("agreement", rid))
    if ag.parties and (fresh.parties is None if fresh else not _has_parties(w.conn, rid)):
        # Parties are part of an agreement's identity: fix them at creation so the next match sees them.
        insert_rows(w.conn, "party", [{"agreement_id": rid, "country_code": c, "agency_id": None}
                                      for c in ag.parties])
        if fresh:
            fresh.parties = list(ag.parties)
    for key in ("name", "kind", "signed", "place", "status", "subject"):
        w.claim("agreement", rid, key, getattr(ag, key))
    w.cite("agreement", rid, ag.evidence)
    return rid


def _has_parties(conn: Connection, rid: int) -> bool:
    return driver(conn).first(_has_parties_statement(), {"rid": rid}) is not None


@cache
def _has_parties_statement() -> Select:
    return kept_for_batch(answered_from_held(select(T["party"].c.id).where(T["party"].c.agreement_id == bindparam(
        "rid")).limit(1), {"party"}, held_by("party", "agreement_id", lambda p: [p["rid"]], ("id",))))


def _store_trade_flow(w: _Writer, f: TradeFlow, exporter: int | None, importer: int | None) -> int:
    start, end = period_of(f)
    factor = MASS_IN_KG.get(f.unit or "")
    rid = w.resolve("trade_flow", match_trade_flow(w.conn, f), f.commodity, {
        "commodity": f.commodity, "commodity_key": singular_key(f.commodity), "hs_code": f.hs,
        "exporter_country_code": f.from_, "importer_country_code": f.to, "rate_period": f.per,
        "period_start": start, "period_end": end, "unit": f.unit, "currency": f.currency,
        "quantity": f.quantity, "value": f.value, "exporter_agency_id": exporter, "importer_agency_id": importer,
        "quantity_kg": f.quantity * factor if factor and f.quantity is not None else None})
    for key, value in (("commodity", f.commodity), ("hs_code", f.hs), ("quantity", f.quantity),
                       ("unit", f.unit), ("value", f.value), ("currency", f.currency),
                       ("exporter_agency_id", exporter), ("importer_agency_id", importer)):
        w.claim("trade_flow", rid, key, value)
    w.cite("trade_flow", rid, f.evidence)
    return rid

