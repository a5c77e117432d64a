"""Deriving entity rows from the claims of every article: the best-attested value wins.

A row's values, aliases and (for agreements) parties and signatories are
recomputed from its claims and a curator's decisions, a kind at a time, in a
few statements per kind; a row no article supports any more goes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from contextlib import nullcontext
from functools import cache, lru_cache

from sqlalchemy import Delete, Select, bindparam, delete, func, null, select
from sqlalchemy.engine import Connection

from kb import descriptors
from kb.candidates import Tallies, candidates
from kb.driver import answered_from_held, driver, held_by, held_by_id, kept_for_batch
from kb.kinds import KINDS, NAMED
from kb.kinds import kind as kind_of
from kb.normalize import name_key, singular_key
from kb.resolve import column_by_id, curated
from kb.store.held import held as held_rows
from kb.store.held import new_rows
from kb.store.tables import COUNTED, Fresh, T, Touched, delete_by_ids, ids_param, update_by_id

MASS_IN_KG = {"t": 1000.0, "kg": 1.0, "lb": 0.45359237}
DATE_FIELDS = frozenset({"signed"})
_NO_OWNER = {k.column: None for k in NAMED}  # executemany needs every alias row to have the same keys


# The columns a row's claims decide (what `_row_values` gives), read before re-deriving so that a row whose
# values come out the same is not written again (an UPDATE costs its index and trigram-trigger work).
DERIVED = {
    "agency": ("name", "name_key", "country_code", "kind"),
    "official": ("name", "name_key", "country_code"),
    "agreement": ("name", "name_key", "kind", "signed", "place", "status", "subject", "amends_id"),
    "trade_flow": ("commodity", "hs_code", "unit", "currency", "commodity_key", "quantity", "value",
                   "exporter_agency_id", "importer_agency_id", "quantity_kg"),
}


@cache
def _existing_statement(kind: str) -> Select:
    table = T[kind]
    return kept_for_batch(answered_from_held(select(table.c.id, *(table.c[c] for c in DERIVED[kind])).where(
        table.c.id.in_(ids_param())), {kind}, held_by_id(kind, ("id", *DERIVED[kind]))), by="ids", of=kind)


@cache
def _claims_statement(kind: str) -> Select:
    """Each row's distinct (field, value) claims with how many claims give them and the latest article date,
    in the order of their first claim: a row named in thousands of articles returns its few values, not every
    claim. Agencies and officials (named by the most articles) read them as the database keeps them counted,
    a few point reads; other rows count their claims in the database."""
    if kind in COUNTED:
        counted = T["claim_value_count"]
        return (select(counted.c.row_id, counted.c.field, counted.c.value, counted.c.claims,
                       counted.c.latest_published)
                .where(counted.c.kind == kind, counted.c.row_id.in_(ids_param())).order_by(counted.c.first_claim_id))
    claim, art = T["claim"], T["article"]
    col = claim.c[f"{kind}_id"]
    return (select(col, claim.c.field, claim.c.value, func.count(), func.max(art.c.published))
            .join(art, art.c.id == claim.c.article_id).where(col.in_(ids_param()))
            .group_by(col, claim.c.field, claim.c.value).order_by(func.min(claim.c.id)))


@cache
def _aliases_statement(kind: str) -> Select:
    al = T["alias"]
    return kept_for_batch(answered_from_held(select(al.c.id, al.c[f"{kind}_id"], al.c.name, al.c.name_key,
                                                    al.c.origin).where(al.c[f"{kind}_id"].in_(ids_param()))
                                             .order_by(al.c.id), {"alias"}, held_by(
        "alias", f"{kind}_id", lambda p: p["ids"], ("id", f"{kind}_id", "name", "name_key", "origin"))),
        by="ids", column=1, of=kind)


@cache
def _links_statement() -> Select:
    """An agreement's parties and signatories as they are, in one read: (agreement, party id, country, agency,
    signatory official)."""
    party, sig = T["party"], T["signatory"]
    parties = select(party.c.agreement_id, party.c.id, party.c.country_code, party.c.agency_id,
                     null().label("official_id")).where(party.c.agreement_id.in_(ids_param()))
    signatories = select(sig.c.agreement_id, null(), null(), null(), sig.c.official_id).where(
        sig.c.agreement_id.in_(ids_param()))
    held_parties = held_by("party", "agreement_id", lambda p: p["ids"],
                           ("agreement_id", "id", "country_code", "agency_id", "_none"))
    held_signatories = held_by("signatory", "agreement_id", lambda p: p["ids"],
                               ("agreement_id", "_none", "_none", "_none", "official_id"))
    return kept_for_batch(answered_from_held(parties.union_all(signatories), {"party", "signatory"},
                                             lambda held, p: held_parties(held, p) + held_signatories(held, p)),
                          by="ids", of="agreement")


def _delete_links(conn: Connection, stale: list[dict[str, object]]) -> None:
    """Party rows of fresh agreements, named by their values: most often a country's row without an agency,
    replaced by one with its agency, so one statement per agreement for those."""
    held = held_rows(conn)
    if held is not None:  # the parties of an agreement not yet written are held: they go from there
        stale = [row for row in stale if not held.discard("party", row, "agreement")]
    plain: dict[object, list[object]] = defaultdict(list)
    for row in stale:
        if row["agency_id"] is None and row["country_code"] is not None:
            plain[row["agreement_id"]].append(row["country_code"])
    for rid, codes in plain.items():
        driver(conn).run(_plain_parties_delete(), {"rid": rid, "codes": codes})
    rest = [row for row in stale if row["agency_id"] is not None or row["country_code"] is None]
    if rest:
        driver(conn).many(_party_delete(), rest)


@cache
def _plain_parties_delete() -> Delete:
    party = T["party"]
    return delete(party).where(party.c.agreement_id == bindparam("rid"), party.c.agency_id.is_(None),
                               party.c.country_code.in_(bindparam("codes", expanding=True)))


@cache
def _party_delete() -> Delete:
    """One party row of an agreement, named by its values (a fresh agreement's, whose ids are not kept)."""
    party = T["party"]
    return delete(party).where(party.c.agreement_id == bindparam("agreement_id"),
                               party.c.country_code.is_not_distinct_from(bindparam("country_code")),
                               party.c.agency_id.is_not_distinct_from(bindparam("agency_id")))


@cache
def _signatory_delete() -> Delete:
    sig = T["signatory"]
    return delete(sig).where(sig.c.agreement_id == bindparam("agreement_id"),
                             sig.c.official_id == bindparam("official_id"))


@cache
def _cited_positions_statement() -> Select:
    ev = T["evidence"]
    return select(ev.c.position_id).distinct().where(ev.c.position_id.in_(ids_param()))



def best_values(claims: Iterable[tuple[str, str, str | None]], *, agency: bool = False) -> dict[str, str]:
    """The best-attested value per field from (field, value, article date) claims.

    Most supporting articles wins; for names a full name beats an
    abbreviation, and an agency's proper name beats a descriptor ("Tuvalu's
    customs administration"); a coarser date counts for a finer one it
    agrees with; remaining ties go to the value of the latest
    article, then the longest and alphabetically first, so the result never
    depends on the order articles were loaded in.
    """
    return _best_counted(((name, value, published, 1) for name, value, published in claims), agency=agency)


def _best_counted(claims: Iterable[tuple[str, str, str | None, int]], *, agency: bool) -> dict[str, str]:
    """best_values from (field, value, latest article date, number of claims) groups."""
    # Plain dicts, not Counters: run for every row re-derived (a Counter costs a Python-level __init__ each).
    support: dict[str, dict[str, int]] = {}
    latest: dict[tuple[str, str], str] = {}
    for name, value, published, count in claims:
        counts = support.get(name)
        if counts is None:
            counts = support[name] = {}
        counts[value] = counts.get(value, 0) + count
        date, old = published or "", latest.get((name, value))
        if old is None or date > old:
            latest[(name, value)] = date

    countries = support.get("country_code") if agency else None
    country = min(countries, key=lambda c: (-countries[c], c)) if countries else None

    def rank(name: str, value: str, counts: dict[str, int]) -> tuple:
        described = agency and name == "name" and descriptors.topics(value, country) is not None
        short = name == "name" and _looks_abbreviated(value)
        backed = counts[value]
        if name in DATE_FIELDS:  # '2022-03' backs '2022-03-04': the precise date wins when they agree
            backed += sum(n for other, n in counts.items() if other != value and value.startswith(other))
        return (described, short, -backed, _neg(latest[(name, value)]), -len(value), value)

    # A field with one value (most of them) has nothing to rank.
    return {name: next(iter(counts)) if len(counts) == 1 else min(counts, key=lambda v: rank(name, v, counts))
            for name, counts in support.items()}


def _looks_abbreviated(name: str) -> bool:
    """'KCS', 'SFS', 'QazTrade': one word, so a full name shows better."""
    return " " not in name.strip()


@lru_cache(maxsize=4096)  # article dates: a few thousand values, ranked for every value of every row
def _neg(text: str) -> tuple[int, ...]:
    return tuple(-ord(c) for c in text)


def rederive(conn: Connection, touched: Touched) -> None:
    """Recompute touched rows from their claims, a kind at a time, in a few statements per kind."""
    for kind in (k.name for k in KINDS):
        ids = sorted(touched.ids.get(kind, ()))
        if ids:
            _rederive_kind(conn, kind, ids, {rid: f for rid in ids if (f := touched.fresh.get((kind, rid)))})
    pids = sorted(touched.ids.get("position", set()) - touched.cited)
    if pids:
        cited = {r[0] for r in driver(conn).rows(_cited_positions_statement(), {"ids": pids})}
        orphans = [p for p in pids if p not in cited]
        if orphans:
            driver(conn).run(delete_by_ids("position"), {"ids": orphans})


def _rederive_kind(conn: Connection, kind: str, ids: list[int], fresh: dict[int, Fresh]) -> None:
    """`fresh`: the rows among `ids` this change made, whose values and claims are known without reading."""
    read = [rid for rid in ids if rid not in fresh]
    existing = {r[0]: tuple(r[1:]) for r in driver(conn).rows(_existing_statement(kind), {"ids": read})} \
        if read else {}
    existing.update({rid: tuple(f.values.get(c) for c in DERIVED[kind]) for rid, f in fresh.items()})
    if not existing:
        return
    claims = _claims(conn, kind, set(existing), fresh)
    of_row = curated(conn).of_row
    decisions = {rid: of_row.get((kind, rid), []) for rid in existing}
    # Rows a curator has worked on are kept even when no article supports them any more.
    gone = [rid for rid in sorted(existing) if not claims[rid] and not decisions[rid]]
    index = candidates(conn).of(kind)
    if gone:
        driver(conn).run(delete_by_ids(kind), {"ids": gone})
        for rid in gone:
            if kind in Tallies.KINDS:
                candidates(conn).tallies.dropped(rid)
            if index is not None:
                index.dropped(rid)
    dropped = set(gone)
    alive = [rid for rid in sorted(existing) if rid not in dropped]
    if not alive:
        return
    updates = []
    best_by_id = {}
    agency, derived = kind == "agency", tuple(enumerate(DERIVED[kind]))
    for rid in alive:
        best = _best_counted(claims[rid], agency=agency)
        renames = [d for d in decisions[rid] if d.action == "rename"]
        if renames:
            best["name"] = renames[-1].new_name
        best_by_id[rid] = best
        values = _row_values(kind, best)
        before = existing[rid]
        if any(before[i] != values[c] for i, c in derived if c in values):
            updates.append({"_id": rid, **values})
            if rid in fresh:
                fresh[rid].values.update(values)  # as the database will hold it
    held = held_rows(conn)
    if held is not None:  # rows not yet written are changed where they are held
        updates = [u for u in updates if not _in_order(held, kind, u)
                   or not held.update(kind, u["_id"], {k: v for k, v in u.items() if k != "_id"})]
    for shape in {tuple(u) for u in updates}:  # executemany needs the same keys in every row
        driver(conn).many(update_by_id(kind), [u for u in updates if tuple(u) == shape],
                          answered=frozenset({kind}) if held is not None and kind != "agreement" else frozenset())
    if kind_of(kind).named:
        aliases = _rederive_aliases(conn, kind, alive, best_by_id, claims, decisions, fresh)
        for rid in alive if index is not None else ():
            # The row as the database now holds it; without a name claim its name was left as it was.
            name = best_by_id[rid].get("name")
            index.set(rid, best_by_id[rid].get("country_code"), name_key(name) if name else None, aliases[rid])
    if kind == "agreement":
        _rederive_agreement_links(conn, alive, claims, fresh)


def _in_order(held: object, kind: str, update: dict[str, object]) -> bool:
    """Whether a held row may take these values where it is held: an agreement amending a held agreement made
    after it would name a row not yet inserted when SQLite checks its foreign key (each row of an
    `executemany` is a statement of its own), so it is written first."""
    amends = update.get("amends_id")
    return kind != "agreement" or amends is None or amends not in held.made["agreement"] \
        or amends < update["_id"]  # type: ignore[attr-defined,operator]


def _claims(conn: Connection, kind: str, ids: set[int],
            fresh: dict[int, Fresh]) -> dict[int, list[tuple[str, str, str | None, int]]]:
    """Each row's (field, value, latest article date, claims), in the order of their first claim: from the
    load's tallies where it holds them (agencies), from this change for the rows it made, else read (and then
    tallied)."""
    claims: dict[int, list[tuple[str, str, str | None, int]]] = defaultdict(list)
    tallies = candidates(conn).tallies if kind in Tallies.KINDS else None
    for rid, made in fresh.items():
        claims[rid] = [(f, v, latest, count) for (f, v), (count, latest) in made.claims.items()]
        if tallies is not None:
            tallies.read(rid, claims[rid])
    wanted = set(ids) - set(fresh)
    if tallies is not None:
        for rid in ids:
            held = tallies.get(rid)
            if held is not None:
                claims[rid] = held
                wanted.discard(rid)
    if wanted:
        rows = held_rows(conn)
        with rows.unheeded() if rows is not None else nullcontext():
            for rid, field_name, value, count, published in driver(conn).rows(_claims_statement(kind),
                                                                              {"ids": sorted(wanted)}):
                claims[rid].append((field_name, value, published, count))
        if rows is not None:  # the batch's claims not yet written come after those read (kb.store.held)
            for rid, more in rows.claims(kind, wanted).items():
                claims[rid] = _counted(claims[rid], more)
        if tallies is not None:
            for rid in wanted:
                tallies.read(rid, claims[rid])
    return claims


def _counted(groups: list[tuple[str, str, str | None, int]],
             more: list[tuple[str, str, str | None]]) -> list[tuple[str, str, str | None, int]]:
    """(field, value, latest date, claims) groups with more claims counted in, a new value after the others."""
    merged = {(f, v): [latest, count] for f, v, latest, count in groups}
    for f, v, published in more:
        group = merged.setdefault((f, v), [None, 0])
        group[1] += 1
        if published is not None and (group[0] is None or published > group[0]):
            group[0] = published
    return [(f, v, latest, count) for (f, v), (latest, count) in merged.items()]


def _row_values(kind: str, best: dict[str, str]) -> dict[str, object]:
    values: dict[str, object] = {}
    if kind_of(kind).named and "name" in best:
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
                      claims: dict[int, list[tuple[str, str, str | None, int]]],
                      decisions: dict[int, list], fresh: dict[int, Fresh]) -> dict[int, set[str]]:
    """Article aliases are every other name the claims give; curated ones are left alone. Only the aliases that
    change are written (most re-derivations change none); a fresh row has none yet. Returns each row's alias
    keys as they now are."""
    kept: dict[int, set[str]] = defaultdict(set)
    held: dict[int, dict[tuple[str, str], list[int]]] = defaultdict(lambda: defaultdict(list))  # article aliases
    read = [rid for rid in ids if rid not in fresh]
    for aid, rid, value, key, origin in driver(conn).rows(_aliases_statement(kind), {"ids": read}) if read else ():
        if origin == "article":
            held[rid][(key, value)].append(aid)
        else:
            kept[rid].add(key)
    rows, stale = [], []
    keys: dict[int, set[str]] = {}
    for rid in ids:
        removed = {name_key(d.other_name) for d in decisions[rid] if d.action == "alias_remove"}
        main = name_key(best[rid].get("name"))
        names: dict[str, str] = {}
        other = removed | kept[rid]
        for field_name, value, _, _ in claims[rid]:
            if field_name not in ("name", "also"):
                continue  # most claims: no name to normalise
            key = name_key(value)
            if key and key != main and key not in other:
                names.setdefault(key, value)
        keys[rid] = kept[rid] | set(names)
        have = held.get(rid, {})
        for (key, value), alias_ids in have.items():
            stale += alias_ids[1:] if names.get(key) == value else alias_ids
        rows += [{**_NO_OWNER, kind_of(kind).column: rid, "name": v, "name_key": k, "origin": "article"}
                 for k, v in sorted(names.items()) if (k, v) not in have]
    found = held_rows(conn)
    if found is not None and stale:  # aliases not yet written go from where they are held
        stale = found.discard_ids("alias", sorted(stale))
    if stale:
        driver(conn).run(delete_by_ids("alias"), {"ids": sorted(stale)}, answered=frozenset({"alias"})
                         if found is not None else frozenset())
    if rows:
        new_rows(conn, "alias", rows)
    return keys


def _rederive_agreement_links(conn: Connection, ids: list[int],
                              claims: dict[int, list[tuple[str, str, str | None, int]]],
                              fresh: dict[int, Fresh]) -> None:
    """Parties and signatories from the claims; only those that change are written. A fresh row's links are
    known (`Fresh.links`), not read."""
    wanted = {int(v) for rid in ids for f, v, _, _ in claims[rid] if f == "party_agency"}
    agency_country = column_by_id(conn, "agency", "country_code", wanted)
    parties: dict[tuple[int, str | None, int | None], None] = {}  # in the order they are written
    signatories: dict[tuple[int, int], None] = {}
    for rid in ids:
        countries = sorted({v for f, v, _, _ in claims[rid] if f == "party"})
        agencies = sorted({int(v) for f, v, _, _ in claims[rid] if f == "party_agency"})
        for code in countries:
            own = [a for a in agencies if agency_country.get(a) == code]
            parties.update(dict.fromkeys([(rid, code, a) for a in own] or [(rid, code, None)]))
        parties.update(dict.fromkeys((rid, None, a) for a in agencies if agency_country.get(a) not in countries))
        signatories.update(dict.fromkeys((rid, o) for o in sorted({int(v) for f, v, _, _ in claims[rid]
                                                                   if f == "signatory"})))
    # A fresh row's links are known without reading them: the parties made with it, or what this wrote last.
    alive = set(ids)
    stale_links: list[dict[str, object]] = []
    stale_signatories: list[dict[str, object]] = []
    for rid, made in fresh.items():
        if rid not in alive:
            continue
        have, signed = made.links or ({(code, None) for code in made.parties or []}, set())
        made.links = ({(c, a) for r, c, a in parties if r == rid}, {o for r, o in signatories if r == rid})
        for code, agency in sorted(have, key=repr):
            if parties.pop((rid, code, agency), False) is False:
                stale_links.append({"agreement_id": rid, "country_code": code, "agency_id": agency})
        for official in sorted(signed):
            if signatories.pop((rid, official), False) is False:
                stale_signatories.append({"agreement_id": rid, "official_id": official})
    _delete_links(conn, stale_links)
    read = [rid for rid in ids if rid not in fresh]
    stale_parties = []
    for rid, party_id, code, agency, official in driver(conn).rows(_links_statement(), {"ids": read}) if read else ():
        if party_id is None:
            if (rid, official) in signatories:
                del signatories[(rid, official)]
            else:
                stale_signatories.append({"agreement_id": rid, "official_id": official})
        elif (rid, code, agency) in parties:
            del parties[(rid, code, agency)]
        else:
            stale_parties.append(party_id)
    if stale_parties:
        driver(conn).run(delete_by_ids("party"), {"ids": stale_parties})
    if stale_signatories:
        driver(conn).many(_signatory_delete(), stale_signatories)
    if parties:
        new_rows(conn, "party", [{"agreement_id": r, "country_code": c, "agency_id": a} for r, c, a in parties])
    if signatories:
        new_rows(conn, "signatory", [{"agreement_id": r, "official_id": o} for r, o in signatories])
