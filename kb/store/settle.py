"""Settling what depends on the whole base, not on one article, so the rows do not depend on load order.

A descriptor ("China's customs administration") joins the one agency of its
country and kind it can name, and goes back to its own row when a second
appears; a name joined to a person on weak evidence goes back to its own row
when another person it fits appears. Either way the articles concerned are
matched afresh.
"""

from __future__ import annotations

from bisect import insort
from collections import defaultdict
from collections.abc import Mapping
from functools import cache, partial

from sqlalchemy import Delete, Select, bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection

from kb import descriptors
from kb.candidates import candidates
from kb.driver import AHEAD, answered_from_held, driver, held_by, held_by_id, kept_for_batch
from kb.facts import Facts
from kb.names import compare
from kb.normalize import name_key
from kb.resolve import _by_key_statement, curated, people_compatible, record_keys
from kb.store.derive import _aliases_statement, _existing_statement, rederive
from kb.store.fold import fold_row
from kb.store.tables import T, Touched, ids_param
from kb.store.write import restore_articles


# The statements run for every article (settling its groups), built once and run on the driver (kb.driver).
@cache
def _kinds_of_agencies() -> Select:
    ag = T["agency"]
    return kept_for_batch(answered_from_held(select(ag.c.id, ag.c.country_code, ag.c.kind).where(
        ag.c.id.in_(ids_param())), {"agency"}, held_by_id("agency", ("id", "country_code", "kind"))),
        by="ids", of="agency")


@cache
def _agencies_of_country() -> Select:
    ag = T["agency"]
    return kept_for_batch(answered_from_held(
        select(ag.c.id, ag.c.name, ag.c.kind).where(ag.c.country_code == bindparam("country")).order_by(ag.c.id),
        {"agency"}, held_by("agency", "country_code", lambda p: [p["country"]], ("id", "name", "kind"))),
        patch=_agencies_updated)


_UNKNOWN = object()


def _agencies_updated(answers: dict[tuple, list[tuple]], changes: dict[int, Mapping[str, object]]) -> bool:
    """`_agencies_of_country`'s kept answers ({(("country", code),): [(id, name, kind), …] by id}) after agencies
    were updated by id (kb.driver.ReadCache.updated): each row leaves the country it was in and joins the one
    it is in now, if that one is kept. A value the update leaves out stays the row's; a row no kept answer
    holds (its country not asked for) joining a kept country with a value unknown here drops that answer."""
    for rid, values in changes.items():
        old, was = None, None
        for key, rows in answers.items():
            at = next((i for i, row in enumerate(rows) if row[0] == rid), None)
            if at is not None:
                old, was = rows.pop(at), key[0][1]
                break
        country = values.get("country_code", was)
        if country is None or (rows := answers.get(key := (("country", country),))) is None:
            continue  # `country_code = NULL` matches no row; a country not kept is read when asked for
        name = values.get("name", old[1] if old is not None else _UNKNOWN)
        kind = values.get("kind", old[2] if old is not None else _UNKNOWN)
        if name is _UNKNOWN or kind is _UNKNOWN:
            del answers[key]
        else:
            insort(rows, (rid, name, kind), key=_first)
    return True


def _first(row: tuple) -> object:
    return row[0]


@cache
def _agencies_of_countries() -> Select:
    """The agencies of a list of countries, for reading `_agencies_of_country` ahead (the batch's held agencies
    are not among them: each country's own read adds them). No ORDER BY: each country's rows are sorted here."""
    ag = T["agency"]
    return answered_from_held(select(ag.c.id, ag.c.name, ag.c.kind, ag.c.country_code).where(
        ag.c.country_code.in_(bindparam("countries", expanding=True))), {"agency"}, lambda held, p: [])


def read_ahead(conn: Connection, articles: list[Facts]) -> None:
    """What settling a chunk of articles' descriptors and re-deriving their agencies and officials read, at once
    (after kb.resolve.read_ahead has read the rows with their names), kept for the batch's transaction
    (kb.driver.ReadCache): the agencies of every country the articles' agencies may be of, one statement; and
    of the rows with the articles' agency and official names, their values, aliases, and (agencies) kinds and
    aliases' names, a statement each. A row an article reaches another way reads its own."""
    run = driver(conn)
    if run.cache is None or not articles:
        return
    countries = sorted({c for facts in articles for c in (
        *(a.country for a in facts.agencies), *(o.country for o in facts.officials if o.agency),
        *(c for f in facts.trade_flows for c, name in ((f.from_, f.exporter), (f.to, f.importer)) if name)) if c})
    of_countries: set[int] = set()  # the agencies of those countries, whose aliases' names settling reads
    for start in range(0, len(countries), AHEAD):
        chunk = countries[start:start + AHEAD]
        found: dict[str, list[tuple]] = {country: [] for country in chunk}
        for row in run.rows(_agencies_of_countries(), {"countries": chunk}):
            found[row.country_code].append((row.id, row.name, row.kind))
        for country, rows in found.items():
            run.cache.fill(_agencies_of_country(), {"country": country}, sorted(rows))
            of_countries.update(r[0] for r in rows)
    for kind, names in sorted(_keys_of(articles).items()):
        if kind not in ("agency", "official"):
            continue
        ids = sorted({r[0] for r in run.rows(_by_key_statement(kind), {"keys": sorted(names)})}) if names else []
        for statement in (_existing_statement(kind), _aliases_statement(kind),
                          *((_kinds_of_agencies(),) if kind == "agency" else ())):
            if ids:
                run.read_ahead(statement, {"ids": ids})
        if kind == "agency" and (ids or of_countries):
            run.read_ahead(_alias_names(), {"ids": sorted(of_countries.union(ids))})


def _keys_of(articles: list[Facts]) -> dict[str, set[str]]:
    keys: dict[str, set[str]] = defaultdict(set)
    for facts in articles:
        for kind, found in record_keys(facts).items():
            keys[kind] |= found
    return keys


@cache
def _alias_names() -> Select:
    al = T["alias"]
    return kept_for_batch(answered_from_held(select(al.c.agency_id, al.c.name).where(al.c.agency_id.in_(ids_param())),
                                             {"alias"}, held_by("alias", "agency_id", lambda p: p["ids"],
                                                               ("agency_id", "name"))), by="ids", of="agency")


@cache
def _descriptor_decisions() -> Select:
    dec = T["decision"]
    return select(dec.c.record_id, dec.c.article_id, dec.c.incoming_name).where(
        dec.c.record_kind == "agency", dec.c.record_id.in_(ids_param()), dec.c.reason.like("descriptor%"))


@cache
def _descriptor_candidates_delete() -> Delete:
    cand = T["candidate"]
    return delete(cand).where(cand.c.record_kind == "agency", cand.c.record_id == bindparam("rid"),
                              cand.c.reason.like("descriptor%"))


@cache
def _official_aliases_of_country() -> Select:
    al, off = T["alias"], T["official"]
    return (select(al.c.official_id, off.c.name, al.c.name.label("alias"), al.c.name_key, al.c.origin)
            .join(off, off.c.id == al.c.official_id).where(off.c.country_code == bindparam("country")))

# ---------------------------------------------------------------- descriptors: "China's customs administration"

def descriptor_groups(conn: Connection, facts: Facts, changed: set[int],
                      known: Mapping[int, tuple[str | None, str | None]] | None = None) -> set[tuple[str, str]]:
    """Where descriptors may have to be settled: the (country, kind) of the article's descriptors and of the
    agency rows it made or joined (a new agency can make a descriptor fit one, or two). `known`: the (country,
    kind) of some of those rows, known without reading them."""
    groups = {(a.country, kind) for a in facts.agencies
              if a.country and descriptors.topics(a.name, a.country) is not None
              and (kind := a.kind or descriptors.kind_of(a.name))}
    known = known or {}
    groups |= {pair for rid in changed if (pair := known.get(rid)) and pair[0] and pair[1]}  # type: ignore[misc]
    read = sorted(rid for rid in changed if rid not in known)
    if read:
        groups |= {(r.country_code, r.kind) for r in driver(conn).rows(_kinds_of_agencies(), {"ids": read})
                   if r.country_code and r.kind}
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
    index = candidates(conn).of("agency")
    if index is not None and not index.derived(conn, country, "descriptors", partial(_may_describe, country=country)):
        return set()  # no name of the country's agencies can be a descriptor: nothing to join or to split
    dec, cand = T["decision"], T["candidate"]
    names: dict[int, list[str]] = {}
    for r in driver(conn).rows(_agencies_of_country(), {"country": country}):
        if r.kind == kind or (r.kind is None and descriptors.kind_of(r.name) == kind):
            names[r.id] = [r.name]
    if not names:
        return set()
    for rid, name in driver(conn).rows(_alias_names(), {"ids": sorted(names)}):
        names[rid].append(name)
    if not any(descriptors.topics(n, country) is not None for ns in names.values() for n in ns):
        return set()  # no descriptor in the group: nothing to join or to split
    described = {rid: _described(ns, country) for rid, ns in names.items()}
    proper = [rid for rid, t in described.items() if t is None]
    joined = driver(conn).rows(_descriptor_decisions(), {"ids": proper}) if proper else []
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
        driver(conn).run(_descriptor_candidates_delete(), {"rid": rid})
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


def _may_describe(names: dict[int, frozenset[str]], country: str) -> bool:
    """Whether a name key of a country's agencies (main names and aliases: the load's index, kept current by
    the store) can be a descriptor's (`descriptors.may_describe`): where none can, no group of the country has
    a descriptor, known without reading its agencies and their aliases' names."""
    return any(descriptors.may_describe(key, country) for keys in names.values() for key in keys)


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
    off, pos, claim = T["official"], T["position"], T["claim"]
    index = candidates(conn).of("official")
    if index is not None and index.unaliased(country):
        return set()  # only rows with more than one name can hold one on weak evidence (below)
    names: dict[int, set[str]] = defaultdict(set)
    curated: set[tuple[int, str]] = set()
    for r in driver(conn).rows(_official_aliases_of_country(), {"country": country}):
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

