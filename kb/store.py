"""Writing one article's facts into the shared rows, idempotently, in one transaction (or savepoint).

Every value an article states is kept as a `claim` row of that article, and
every record it supports gets an `evidence` row. The entity rows (agency,
official, agreement, trade flow, position and their link tables) are then
*derived* from the claims of all articles: the best-attested value wins, and
nothing an article contributed survives its removal. So re-loading a changed
article is: remove its claims and evidence, add the new ones, re-derive the
rows they touch.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache

from sqlalchemy import Delete, Insert, Select, Update, bindparam, delete, func, insert, select, update
from sqlalchemy.engine import Connection, Row

from kb import descriptors, models
from kb.driver import driver
from kb.errors import KbError
from kb.facts import Agency, Agreement, Evidence, Facts, Official, TradeFlow
from kb.identity import canonical_url
from kb.names import compare
from kb.normalize import name_key, singular_key
from kb.resolve import (
    Match,
    column_by_id,
    curated,
    forget_curated,
    match_agency,
    match_agreement,
    match_official,
    match_trade_flow,
    people_compatible,
    period_of,
)

T = {name: getattr(models, cls).__table__ for name, cls in {
    "article": "Article", "agency": "Agency", "official": "Official", "position": "Position",
    "agreement": "Agreement", "party": "AgreementParty", "signatory": "AgreementSignatory",
    "trade_flow": "TradeFlow", "evidence": "Evidence", "claim": "Claim", "alias": "Alias",
    "decision": "MatchDecision", "curation": "Curation", "candidate": "MatchCandidate"}.items()}

MASS_IN_KG = {"t": 1000.0, "kg": 1.0}
DATE_FIELDS = frozenset({"signed"})
ENTITY_KINDS = ("agency", "official", "agreement", "trade_flow")


@dataclass
class ArticleSource:
    """Everything the store needs about one article besides its facts."""

    source_path: str
    file_name: str
    content_hash: str
    file_hash: str | None  # of the article file alone; None for articles stored before kb knew it
    facts_origin: str  # "curated" or "extracted"
    extractor_version: str | None
    body: str


@dataclass
class Touched:
    """Rows whose derived values must be recomputed after a change."""

    ids: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))

    def add(self, kind: str, rid: int | None) -> None:
        if rid is not None:
            self.ids[kind].add(rid)


# Statements run for every article are built once (see kb.resolve: building one costs more than running it).

def _ids() -> object:
    return bindparam("ids", expanding=True)


@cache
def _insert(name: str, returning: bool = False) -> Insert:
    """INSERT into one of the tables of `T`, values bound at execution (RETURNING id when asked)."""
    statement = insert(T[name])
    return statement.returning(T[name].c.id) if returning else statement


@cache
def _update_by_id(name: str) -> Update:
    return update(T[name]).where(T[name].c.id == bindparam("_id"))


@cache
def _article_by(column: str) -> Select:
    art = T["article"]
    return (select(art.c.id, art.c.content_hash, art.c.facts, art.c.extractor_version, art.c.source_path)
            .where(art.c[column] == bindparam("value")).order_by(art.c.id).limit(1))


@cache
def _position_statement(with_agency: bool) -> Select:
    pos = T["position"]
    return select(pos.c.id).where(pos.c.official_id == bindparam("official_id"), pos.c.title_key == bindparam(
        "title_key"), pos.c.agency_id == bindparam("agency_id") if with_agency else pos.c.agency_id.is_(None))


@cache
def _existing_statement(kind: str) -> Select:
    return select(T[kind].c.id).where(T[kind].c.id.in_(_ids()))


@cache
def _claims_statement(kind: str) -> Select:
    claim, art = T["claim"], T["article"]
    col = claim.c[f"{kind}_id"]
    return (select(col, claim.c.field, claim.c.value, art.c.published).join(art, art.c.id == claim.c.article_id)
            .where(col.in_(_ids())).order_by(claim.c.id))


@cache
def _delete_by_id(name: str, column: str = "id") -> Delete:
    return delete(T[name]).where(T[name].c[column].in_(_ids()))


@cache
def _article_aliases_delete(kind: str) -> Delete:
    al = T["alias"]
    return delete(al).where(al.c[f"{kind}_id"].in_(_ids()), al.c.origin == "article")


@cache
def _alias_keys_statement(kind: str) -> Select:
    al = T["alias"]
    return select(al.c[f"{kind}_id"], al.c.name_key).where(al.c[f"{kind}_id"].in_(_ids()))


@cache
def _cited_positions_statement() -> Select:
    ev = T["evidence"]
    return select(ev.c.position_id).distinct().where(ev.c.position_id.in_(_ids()))


@cache
def _countries_statement(kind: str) -> Select:
    return select(T[kind].c.country_code).distinct().where(T[kind].c.id.in_(_ids()))


def facts_count(facts: Facts) -> int:
    return len(facts.agencies) + len(facts.officials) + len(facts.agreements) + len(facts.trade_flows)


def stored_hashes(conn: Connection) -> dict[str, int]:
    """Every stored article's content hash and id: one query, so unchanged files cost no round trip.

    Keyed by the file's bytes, not its path: the same file loaded from another folder is unchanged.
    """
    art = T["article"]
    return dict(conn.execute(select(art.c.content_hash, func.min(art.c.id)).group_by(art.c.content_hash)).all())


@dataclass(frozen=True)
class Stored:
    """What storing one article did: 'new', 'updated' or 'unchanged', to which article row."""

    status: str
    article_id: int


def find_article(conn: Connection, source: ArticleSource, facts: Facts) -> tuple[Row, str] | None:
    """The stored article this one is, and why: the same URL, else the same article file, else the same path."""
    url_key = canonical_url(facts.article.url)
    tests = [("url_key", url_key, f"the same URL {url_key}")] if url_key else []
    if source.file_hash:
        tests.append(("file_hash", source.file_hash, "the same article file"))
    tests.append(("source_path", source.source_path, "the same path"))
    for column, value, why in tests:
        row = driver(conn).first(_article_by(column), {"value": value})
        if row is not None:
            return row, why
    return None


def store_article(conn: Connection, source: ArticleSource, facts: Facts, *, force: bool = False,
                  article_id: int | None = None, claimed: Mapping[int, str] | None = None) -> Stored:
    """Store or replace one article. Call inside a transaction.

    The article replaced is the one `find_article` finds (or `article_id`).
    `force` stores even when the file is unchanged (re-extraction), unless the
    facts are the same too. `claimed` maps the articles already stored in
    this run to their files: another version of one of them is refused.
    """
    art = T["article"]
    facts_json = json.dumps(facts.model_dump(mode="json", by_alias=True, exclude_none=True), ensure_ascii=False)
    if article_id is not None:
        row = conn.execute(select(art.c.id, art.c.content_hash, art.c.facts, art.c.extractor_version,
                                  art.c.source_path).where(art.c.id == article_id)).first()
        found = (row, "") if row is not None else None
    else:
        found = find_article(conn, source, facts)
    row = found[0] if found else None
    if row is not None and row.content_hash == source.content_hash and (
            not force or (row.facts == facts_json and row.extractor_version == source.extractor_version)):
        return Stored("unchanged", row.id)
    if found and claimed and row.id in claimed:
        raise KbError(f"another version of {claimed[row.id]} ({found[1]}), which this load has just stored; "
                      "not stored")
    values = {
        "file_name": source.file_name, "content_hash": source.content_hash,
        "url_key": canonical_url(facts.article.url), "file_hash": source.file_hash,
        "facts_origin": source.facts_origin, "extractor_version": source.extractor_version,
        "title": facts.article.title, "publisher": facts.article.publisher, "author": facts.article.author,
        "published": facts.article.published, "url": facts.article.url,
        "language": facts.article.language or "en", "body": source.body,
        "facts": facts_json,
        "loaded_at": datetime.now(UTC),
    }
    touched = Touched()
    if row is None:
        # The path is where the article was first loaded from: a later copy elsewhere leaves it.
        article_id = conn.execute(insert(art).values(source_path=source.source_path, **values)
                                  .returning(art.c.id)).scalar_one()
    else:
        article_id = row.id
        remove_contributions(conn, article_id, touched)
        conn.execute(update(art).where(art.c.id == article_id).values(**values))
    changed = apply_facts(conn, article_id, facts, touched)
    rederive(conn, touched)
    settle_descriptors(conn, descriptor_groups(conn, facts, changed.get("agency", set())))
    settle_people(conn, _countries(conn, "official", changed.get("official", set())))
    return Stored("new" if row is None else "updated", article_id)


def _countries(conn: Connection, kind: str, ids: set[int]) -> set[str]:
    return {c for (c,) in driver(conn).rows(_countries_statement(kind), {"ids": sorted(ids)}) if c} if ids else set()


def remove_contributions(conn: Connection, article_id: int, touched: Touched) -> None:
    """Delete what an article contributed, remembering which rows must be re-derived."""
    for table in (T["evidence"], T["claim"]):
        for kind in ENTITY_KINDS:
            rows = conn.execute(select(table.c[f"{kind}_id"]).distinct()
                                .where(table.c.article_id == article_id, table.c[f"{kind}_id"].is_not(None)))
            for (rid,) in rows:
                touched.add(kind, rid)
    positions = conn.execute(select(T["evidence"].c.position_id).distinct()
                             .where(T["evidence"].c.article_id == article_id,
                                    T["evidence"].c.position_id.is_not(None)))
    for (rid,) in positions:
        touched.add("position", rid)
    for table in (T["evidence"], T["claim"], T["decision"], T["candidate"]):
        conn.execute(delete(table).where(table.c.article_id == article_id))




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


# ---------------------------------------------------------------- descriptors: "China's customs administration"

def descriptor_groups(conn: Connection, facts: Facts, changed: set[int]) -> set[tuple[str, str]]:
    """Where descriptors may have to be settled: the (country, kind) of the article's descriptors and of the
    agency rows it made or joined (a new agency can make a descriptor fit one, or two)."""
    groups = {(a.country, kind) for a in facts.agencies
              if a.country and descriptors.topics(a.name, a.country) is not None
              and (kind := a.kind or descriptors.kind_of(a.name))}
    ag = T["agency"]
    if changed:
        groups |= {(r.country_code, r.kind) for r in conn.execute(
            select(ag.c.country_code, ag.c.kind).where(ag.c.id.in_(changed))) if r.country_code and r.kind}
    return groups


def settle_descriptors(conn: Connection, groups: set[tuple[str, str]]) -> None:
    """Rows known only by descriptors join the one agency of their country and kind they can describe; a
    descriptor joined earlier goes back to its own row when a second such agency appears. Done after each
    article, over the whole (country, kind) group, so the rows do not depend on the order articles came in."""
    for _ in range(3):  # matching restored articles afresh settles in one more round
        touched, restore = Touched(), set()
        for country, kind in sorted(groups):
            restore |= _settle_group(conn, country, kind, touched)
        rederive(conn, touched)
        if not restore:
            return
        restore_articles(conn, sorted(restore))


def _settle_group(conn: Connection, country: str, kind: str, touched: Touched) -> set[int]:
    """Fold this group's descriptor rows where they fit one agency; return the articles to match afresh."""
    ag, al, dec, cand = T["agency"], T["alias"], T["decision"], T["candidate"]
    names: dict[int, list[str]] = {}
    for r in conn.execute(select(ag.c.id, ag.c.name, ag.c.kind).where(ag.c.country_code == country)
                          .order_by(ag.c.id)):
        if r.kind == kind or (r.kind is None and descriptors.kind_of(r.name) == kind):
            names[r.id] = [r.name]
    if not names:
        return set()
    for rid, name in conn.execute(select(al.c.agency_id, al.c.name).where(al.c.agency_id.in_(names))):
        names[rid].append(name)
    if not any(descriptors.topics(n, country) is not None for ns in names.values() for n in ns):
        return set()  # no descriptor in the group: nothing to join or to split
    described = {rid: _described(ns, country) for rid, ns in names.items()}
    proper = [rid for rid, t in described.items() if t is None]
    joined = conn.execute(select(dec.c.record_id, dec.c.article_id, dec.c.incoming_name).where(
        dec.c.record_kind == "agency", dec.c.record_id.in_(proper), dec.c.reason.like("descriptor%"))).all()
    restore = {d.article_id for d in joined
               if _fitting(descriptors.topics(d.incoming_name, country), proper, names) != [d.record_id]}
    if restore:
        return restore
    cur = curated(conn)
    for rid, wanted in described.items():
        if wanted is None:
            continue
        # A person keeping the descriptor apart from one of two fitting agencies has not said it is the other.
        fitting = _fitting(wanted, proper, names)
        conn.execute(delete(cand).where(cand.c.record_kind == "agency", cand.c.record_id == rid,
                                        cand.c.reason.like("descriptor%")))
        if len(fitting) == 1 and not cur.kept_apart("agency", rid, fitting[0]):
            conn.execute(update(dec).where(dec.c.record_kind == "agency", dec.c.record_id == rid)
                         .values(reason=f"descriptor of the one {kind} agency of {country} it can name"))
            fold_row(conn, "agency", fitting[0], rid, touched)
        elif len(fitting) > 1:
            records = conn.execute(select(dec.c.article_id, dec.c.incoming_name).where(
                dec.c.record_kind == "agency", dec.c.record_id == rid)).all()
            pairs = [{"article_id": d.article_id, "record_kind": "agency", "record_id": rid, "other_id": q,
                      "incoming_name": d.incoming_name, "other_name": names[q][0], "score": 85.0,
                      "reason": f"descriptor fits {len(fitting)} {kind} agencies of {country}"}
                     for d in records for q in fitting if not cur.kept_apart("agency", rid, q)]
            if pairs:
                conn.execute(insert(cand), pairs)
    return set()


def _described(names: list[str], country: str) -> frozenset[str] | None:
    """The topic words of a row known only by descriptors; None when one of its names is a proper name."""
    found = [descriptors.topics(n, country) for n in names]
    if any(t is None for t in found):
        return None
    return frozenset().union(*found)  # type: ignore[arg-type]


def _fitting(wanted: frozenset[str] | None, proper: list[int], names: dict[int, list[str]]) -> list[int]:
    return [] if wanted is None else [q for q in proper if descriptors.fits(wanted, names[q])]


# ---------------------------------------------------------------- initials that fit more than one person

def settle_people(conn: Connection, countries: set[str]) -> None:
    """A name joined to a person on weak evidence ('B. Ismailov' to Bakhyt Ismailov at the same committee)
    goes back to its own row when another person it fits appears there (Bolat Ismailov), as it would have
    stayed apart had the articles come in the other order: its articles are matched afresh."""
    restore: set[int] = set()
    for country in sorted(countries):
        restore |= _ambiguous_people(conn, country)
    if restore:
        restore_articles(conn, sorted(restore))


def _ambiguous_people(conn: Connection, country: str) -> set[int]:
    off, al, pos, claim = T["official"], T["alias"], T["position"], T["claim"]
    names: dict[int, set[str]] = defaultdict(set)
    curated: set[tuple[int, str]] = set()
    for r in conn.execute(select(al.c.official_id, off.c.name, al.c.name.label("alias"), al.c.name_key, al.c.origin)
                          .join(off, off.c.id == al.c.official_id).where(off.c.country_code == country)):
        names[r.official_id] |= {r.name, r.alias}
        if r.origin == "curated":
            curated.add((r.official_id, r.name_key))  # a person joined it: theirs to undo
    held = {(rid, n) for rid, ns in names.items() for n in ns if (rid, name_key(n)) not in curated
            and (others := [m for m in ns if name_key(m) != name_key(n)]) and all(compare(n, m).weak for m in others)}
    if not held:
        return set()  # only rows with more than one name can hold one on weak evidence
    for rid, name in conn.execute(select(off.c.id, off.c.name).where(off.c.country_code == country)):
        names[rid].add(name)
    posts: dict[int, set[int]] = defaultdict(set)
    for oid, aid in conn.execute(select(pos.c.official_id, pos.c.agency_id).where(pos.c.official_id.in_(names))):
        posts[oid].add(aid)
    restore: set[int] = set()
    for rid, name in sorted(held):
        rivals = [q for q, ns in names.items() if q != rid and posts[q] & posts[rid]
                  and any(compare(name, n).weak for n in ns) and not people_compatible(ns, names[rid] - {name})]
        if rivals:
            restore |= {r.article_id for r in conn.execute(select(claim.c.article_id, claim.c.value).where(
                claim.c.official_id == rid, claim.c.field == "name")) if name_key(r.value) == name_key(name)}
    return restore


# ---------------------------------------------------------------- applying one article's facts

class _Writer:
    """Adds one article's claims and evidence, resolving each record to a row."""

    def __init__(self, conn: Connection, article_id: int, touched: Touched) -> None:
        self.conn, self.article_id, self.touched = conn, article_id, touched
        self.claims: list[dict] = []
        self.evidence: list[dict] = []
        self.decisions: list[dict] = []
        self.candidates: list[dict] = []
        self.changed: dict[str, set[int]] = defaultdict(set)  # rows made or joined, or joined on weak evidence
        self.moved: dict[tuple[str, int], int] = {}  # rows joined into others while this article is stored
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
            rid = driver(self.conn).insert(_insert(kind, returning=True), new_row)
            matches = [Match(rid, "new row", 100.0)]
            self.changed[kind].add(rid)
        keep = min(m.record_id for m in matches)
        best = matches[0]
        reason = best.reason
        others = sorted({m.record_id for m in matches} - {keep})
        if others:
            self.flush()  # decisions and claims pending for the rows being joined move with them
            for other in others:
                fold_row(self.conn, kind, keep, other, self.touched)
                self.moved[(kind, other)] = keep
            self.cur = curated(self.conn)  # curation rows of the joined rows now name the kept one
            reason += f"; joined rows {', '.join(map(str, others))} that this record links"
            self.changed[kind].add(keep)
        if "same country and agency" in reason:
            self.changed[kind].add(keep)
        self.decisions.append({"article_id": self.article_id, "record_kind": kind, "record_id": keep,
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
        rid = self.current(kind, rid)
        self.claims.append({"article_id": self.article_id, f"{kind}_id": rid, "field": name,
                            "value": _as_text(value)})

    def cite(self, kind: str, rid: int, evidence: list[Evidence]) -> None:
        rid = self.current(kind, rid) if kind != "position" else rid
        quotes = evidence or [None]
        seen: set[tuple] = set()
        for ev in quotes:
            key = (ev.start, ev.end) if ev else None
            if key in seen:
                continue
            seen.add(key)
            self.evidence.append({"article_id": self.article_id, f"{kind}_id": rid,
                                  "quote": ev.quote if ev else None, "char_start": ev.start if ev else None,
                                  "char_end": ev.end if ev else None})

    def flush(self) -> None:
        for name, rows in (("claim", self.claims), ("evidence", self.evidence), ("decision", self.decisions),
                           ("candidate", self.candidates)):
            if rows:
                driver(self.conn).many(_insert(name), [_complete(T[name], r) for r in rows])
                rows.clear()


# ---------------------------------------------------------------- joining two rows into one

# Columns elsewhere that point at a row of each kind, and claim fields whose value is such an id.
REFERENCES = {
    "agency": [("trade_flow", "exporter_agency_id"), ("trade_flow", "importer_agency_id")],
    "official": [],
    "agreement": [("agreement", "amends_id")],
    "trade_flow": [],
}
ID_CLAIMS = {"agency": ("party_agency", "exporter_agency_id", "importer_agency_id"),
             "official": ("signatory",), "agreement": ("amends",), "trade_flow": ()}


def fold_row(conn: Connection, kind: str, keep: int, other: int, touched: Touched) -> None:
    """Move everything of row `other` to row `keep` and delete `other`; derived values are re-derived later."""
    forget_curated(conn)  # curation rows that named `other` name `keep` now
    col = f"{kind}_id"
    for name in ("claim", "evidence", "alias"):
        conn.execute(update(T[name]).where(T[name].c[col] == other).values({col: keep}))
    for name in ("decision", "curation", "candidate"):
        conn.execute(update(T[name]).where(T[name].c.record_kind == kind, T[name].c.record_id == other)
                     .values(record_id=keep))
    for name in ("curation", "candidate"):
        conn.execute(update(T[name]).where(T[name].c.record_kind == kind, T[name].c.other_id == other)
                     .values(other_id=keep))
    claim = T["claim"]
    for row in conn.execute(select(claim.c.agreement_id, claim.c.trade_flow_id)
                            .where(claim.c.field.in_(ID_CLAIMS[kind]), claim.c.value == str(other))):
        touched.add("agreement", row.agreement_id)
        touched.add("trade_flow", row.trade_flow_id)
    conn.execute(update(claim).where(claim.c.field.in_(ID_CLAIMS[kind]), claim.c.value == str(other))
                 .values(value=str(keep)))
    for table, column in REFERENCES[kind]:
        conn.execute(update(T[table]).where(T[table].c[column] == other).values({column: keep}))
    if kind in ("official", "agency"):
        _fold_positions(conn, T["position"].c[col], keep, other, touched)
    if kind == "agency":
        conn.execute(delete(T["party"]).where(T["party"].c.agency_id == other))
    if kind == "official":
        conn.execute(delete(T["signatory"]).where(T["signatory"].c.official_id == other))
    if kind == "agreement":
        conn.execute(delete(T["party"]).where(T["party"].c.agreement_id == other))
        conn.execute(delete(T["signatory"]).where(T["signatory"].c.agreement_id == other))
    _dedupe_aliases(conn, kind, keep)
    conn.execute(delete(T[kind]).where(T[kind].c.id == other))
    touched.ids[kind].discard(other)
    touched.add(kind, keep)


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
    for row in list(conn.execute(select(al.c.id, al.c.name_key, al.c.origin).where(al.c[f"{kind}_id"] == rid)
                                 .order_by(al.c.origin.desc(), al.c.id))):
        if (row.name_key, row.origin) in seen:
            conn.execute(delete(al).where(al.c.id == row.id))
        seen.add((row.name_key, row.origin))


def _complete(table, row: dict) -> dict:  # type: ignore[no-untyped-def]
    """executemany needs the same keys in every row."""
    return {c.name: row.get(c.name) for c in table.c if c.name != "id"}


def _as_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def apply_facts(conn: Connection, article_id: int, facts: Facts, touched: Touched) -> dict[str, set[int]]:
    """Store one article's records; returns the rows it made or joined (by kind), whose neighbours may need
    settling."""
    w = _Writer(conn, article_id, touched)
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
    rid = w.resolve("agency", match_agency(w.conn, a, w.cur), a.name,
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
    rid = w.resolve("official", match_official(w.conn, o, w.cur, agency_id), o.name,
                    {"name": o.name, "name_key": name_key(o.name), "country_code": o.country})
    w.claim("official", rid, "name", o.name)
    w.claim("official", rid, "country_code", o.country)
    w.cite("official", rid, o.evidence)
    if o.title or agency_id:
        post = {"official_id": rid, "agency_id": agency_id, "title": o.title, "title_key": name_key(o.title)}
        pid = driver(w.conn).scalar(_position_statement(bool(agency_id)), post)
        if pid is None:
            pid = driver(w.conn).insert(_insert("position", returning=True), post)
        w.touched.add("position", pid)
        w.cite("position", pid, o.evidence)
    return rid


def _store_agreement(w: _Writer, ag: Agreement) -> int:
    rid = w.resolve("agreement", match_agreement(w.conn, ag, w.cur), ag.name,
                    {"name": ag.name, "name_key": name_key(ag.name), "kind": ag.kind, "signed": ag.signed})
    if ag.parties and not _has_parties(w.conn, rid):
        # Parties are part of an agreement's identity: fix them at creation so the next match sees them.
        driver(w.conn).many(_insert("party"), [{"agreement_id": rid, "country_code": c, "agency_id": None}
                                          for c in ag.parties])
    for key in ("name", "kind", "signed", "place", "status", "subject"):
        w.claim("agreement", rid, key, getattr(ag, key))
    w.cite("agreement", rid, ag.evidence)
    return rid


def _has_parties(conn: Connection, rid: int) -> bool:
    return driver(conn).first(_has_parties_statement(), {"rid": rid}) is not None


@cache
def _has_parties_statement() -> Select:
    return select(T["party"].c.id).where(T["party"].c.agreement_id == bindparam("rid")).limit(1)


def _store_trade_flow(w: _Writer, f: TradeFlow, exporter: int | None, importer: int | None) -> int:
    start, end = period_of(f)
    rid = w.resolve("trade_flow", match_trade_flow(w.conn, f), f.commodity, {
        "commodity": f.commodity, "commodity_key": singular_key(f.commodity), "hs_code": f.hs,
        "exporter_country_code": f.from_, "importer_country_code": f.to, "rate_period": f.per,
        "period_start": start, "period_end": end})
    for key, value in (("commodity", f.commodity), ("hs_code", f.hs), ("quantity", f.quantity),
                       ("unit", f.unit), ("value", f.value), ("currency", f.currency),
                       ("exporter_agency_id", exporter), ("importer_agency_id", importer)):
        w.claim("trade_flow", rid, key, value)
    w.cite("trade_flow", rid, f.evidence)
    return rid


# ---------------------------------------------------------------- deriving rows from claims

def best_values(claims: Iterable[tuple[str, str, str | None]], *, agency: bool = False) -> dict[str, str]:
    """The best-attested value per field from (field, value, article date) claims.

    Most supporting articles wins; for names a full name beats an
    abbreviation, and an agency's proper name beats a descriptor ("Tuvalu's
    customs administration"); a coarser date counts for a finer one it
    agrees with; remaining ties go to the value of the latest
    article, then the longest and alphabetically first, so the result never
    depends on the order articles were loaded in.
    """
    support: dict[str, Counter] = defaultdict(Counter)
    latest: dict[tuple[str, str], str] = {}
    for name, value, published in claims:
        support[name][value] += 1
        latest[(name, value)] = max(latest.get((name, value), ""), published or "")

    countries = support.get("country_code") or Counter()
    country = min(countries, key=lambda c: (-countries[c], c)) if countries else None

    def rank(name: str, value: str, counts: Counter) -> tuple:
        described = agency and name == "name" and descriptors.topics(value, country) is not None
        short = name == "name" and _looks_abbreviated(value)
        backed = counts[value]
        if name in DATE_FIELDS:  # '2022-03' backs '2022-03-04': the precise date wins when they agree
            backed += sum(n for other, n in counts.items() if other != value and value.startswith(other))
        return (described, short, -backed, _neg(latest[(name, value)]), -len(value), value)

    return {name: min(counts, key=lambda v: rank(name, v, counts)) for name, counts in support.items()}


def _looks_abbreviated(name: str) -> bool:
    """'KCS', 'SFS', 'QazTrade': one word, so a full name shows better."""
    return " " not in name.strip()


def _neg(text: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in text)


def rederive(conn: Connection, touched: Touched) -> None:
    """Recompute touched rows from their claims, a kind at a time, in a few statements per kind."""
    for kind in ("agency", "official", "agreement", "trade_flow"):
        ids = sorted(touched.ids.get(kind, ()))
        if ids:
            _rederive_kind(conn, kind, ids)
    pids = sorted(touched.ids.get("position", ()))
    if pids:
        cited = {r[0] for r in driver(conn).rows(_cited_positions_statement(), {"ids": pids})}
        orphans = [p for p in pids if p not in cited]
        if orphans:
            driver(conn).run(_delete_by_id("position"), {"ids": orphans})


def _rederive_kind(conn: Connection, kind: str, ids: list[int]) -> None:
    existing = {r[0] for r in driver(conn).rows(_existing_statement(kind), {"ids": ids})}
    if not existing:
        return
    claims: dict[int, list[tuple[str, str, str | None]]] = defaultdict(list)
    for rid, field_name, value, published in driver(conn).rows(_claims_statement(kind), {"ids": sorted(existing)}):
        claims[rid].append((field_name, value, published))
    decisions = {rid: curated(conn).of_row.get((kind, rid), []) for rid in existing}
    # Rows a curator has worked on are kept even when no article supports them any more.
    gone = [rid for rid in sorted(existing) if not claims[rid] and not decisions[rid]]
    if gone:
        driver(conn).run(_delete_by_id(kind), {"ids": gone})
    alive = [rid for rid in sorted(existing) if rid not in set(gone)]
    if not alive:
        return
    updates = []
    best_by_id = {}
    for rid in alive:
        best = best_values(claims[rid], agency=kind == "agency")
        renames = [d for d in decisions[rid] if d.action == "rename"]
        if renames:
            best["name"] = renames[-1].new_name
        best_by_id[rid] = best
        updates.append({"_id": rid, **_row_values(kind, best)})
    driver(conn).many(_update_by_id(kind), updates)
    if kind != "trade_flow":
        _rederive_aliases(conn, kind, alive, best_by_id, claims, decisions)
    if kind == "agreement":
        _rederive_agreement_links(conn, alive, claims)


def _row_values(kind: str, best: dict[str, str]) -> dict[str, object]:
    values: dict[str, object] = {}
    if kind in ("agency", "official", "agreement") and "name" in best:
        values.update(name=best["name"], name_key=name_key(best["name"]))
    if kind == "agency":
        values.update(country_code=best.get("country_code"), kind=best.get("kind"))
    elif kind == "official":
        values.update(country_code=best.get("country_code"))
    elif kind == "agreement":
        values.update({k: best.get(k) for k in ("kind", "signed", "place", "status", "subject")})
        values["amends_id"] = _int(best.get("amends"))
    elif kind == "trade_flow":
        for key in ("commodity", "hs_code", "unit", "currency"):
            values[key] = best.get(key)
        values["commodity_key"] = singular_key(best.get("commodity"))
        for key in ("quantity", "value"):
            values[key] = float(best[key]) if key in best else None
        for key in ("exporter_agency_id", "importer_agency_id"):
            values[key] = _int(best.get(key))
        factor = MASS_IN_KG.get(best.get("unit") or "")
        values["quantity_kg"] = values["quantity"] * factor if factor and values["quantity"] is not None else None
    return values


def _int(value: str | None) -> int | None:
    return int(value) if value is not None else None


def _rederive_aliases(conn: Connection, kind: str, ids: list[int], best: dict[int, dict[str, str]],
                      claims: dict[int, list[tuple[str, str, str | None]]], decisions: dict[int, list]) -> None:
    """Article aliases are every other name the claims give; curated ones are left alone."""
    driver(conn).run(_article_aliases_delete(kind), {"ids": ids})
    kept: dict[int, set[str]] = defaultdict(set)
    for rid, key in driver(conn).rows(_alias_keys_statement(kind), {"ids": ids}):
        kept[rid].add(key)
    rows = []
    for rid in ids:
        removed = {name_key(d.other_name) for d in decisions[rid] if d.action == "alias_remove"}
        main = name_key(best[rid].get("name"))
        names: dict[str, str] = {}
        for field_name, value, _ in claims[rid]:
            key = name_key(value)
            if field_name in ("name", "also") and key and key != main and key not in removed | kept[rid]:
                names.setdefault(key, value)
        rows += [{"agency_id": None, "official_id": None, "agreement_id": None,
                  f"{kind}_id": rid, "name": v, "name_key": k, "origin": "article"} for k, v in sorted(names.items())]
    if rows:
        driver(conn).many(_insert("alias"), rows)


def _rederive_agreement_links(conn: Connection, ids: list[int],
                              claims: dict[int, list[tuple[str, str, str | None]]]) -> None:
    driver(conn).run(_delete_by_id("party", "agreement_id"), {"ids": ids})
    driver(conn).run(_delete_by_id("signatory", "agreement_id"), {"ids": ids})
    wanted = {int(v) for rid in ids for f, v, _ in claims[rid] if f == "party_agency"}
    agency_country = column_by_id(conn, "agency", "country_code", wanted)
    parties, signatories = [], []
    for rid in ids:
        countries = sorted({v for f, v, _ in claims[rid] if f == "party"})
        agencies = sorted({int(v) for f, v, _ in claims[rid] if f == "party_agency"})
        for code in countries:
            own = [a for a in agencies if agency_country.get(a) == code]
            parties += [{"agreement_id": rid, "country_code": code, "agency_id": a} for a in own] or \
                [{"agreement_id": rid, "country_code": code, "agency_id": None}]
        parties += [{"agreement_id": rid, "country_code": None, "agency_id": a} for a in agencies
                    if agency_country.get(a) not in countries]
        signatories += [{"agreement_id": rid, "official_id": o}
                        for o in sorted({int(v) for f, v, _ in claims[rid] if f == "signatory"})]
    if parties:
        driver(conn).many(_insert("party"), parties)
    if signatories:
        driver(conn).many(_insert("signatory"), signatories)
