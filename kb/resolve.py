"""Matching an article's records to the rows already stored.

Conservative by design: a match needs the same (or an unknown) country, and
agreements need the same kind and parties and dates that do not contradict.
Every match comes back with the rule that made it and a score, which the
store keeps in `match_decision`.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz
from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.engine import Connection

from kb.facts import Agency, Agreement, Official, TradeFlow
from kb.models import Agency as AgencyRow
from kb.models import Agreement as AgreementRow
from kb.models import AgreementParty, Alias, Curation
from kb.models import Official as OfficialRow
from kb.models import TradeFlow as TradeFlowRow
from kb.normalize import name_key, singular_key

agency_t = AgencyRow.__table__
official_t = OfficialRow.__table__
agreement_t = AgreementRow.__table__
party_t = AgreementParty.__table__
flow_t = TradeFlowRow.__table__
alias_t = Alias.__table__
curation_t = Curation.__table__

FUZZY_AGENCY = 92
FUZZY_OFFICIAL = 95
FUZZY_AGREEMENT = 85


def blocked(conn: Connection, kind: str, rid: int, keys: set[str]) -> bool:
    """A curator split records with one of these names off this row: never match them to it again."""
    rows = conn.execute(select(curation_t.c.other_name).where(
        curation_t.c.record_kind == kind, curation_t.c.record_id == rid, curation_t.c.action == "unmerge"))
    return any(name_key(r.other_name) in keys for r in rows)


@dataclass(frozen=True)
class Match:
    record_id: int
    reason: str
    score: float


def _countries_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _by_key(conn: Connection, table, alias_column, keys: set[str]) -> list[tuple[int, str, str]]:  # type: ignore[no-untyped-def]
    """Rows whose name or alias has one of `keys`, or that a curator merged such a name into: (id, how, key)."""
    if not keys:
        return []
    rows = [(r.id, "same name", r.name_key)
            for r in conn.execute(select(table.c.id, table.c.name_key).where(table.c.name_key.in_(keys)))]
    rows += [(r.rid, f"{r.origin} alias", r.name_key)
             for r in conn.execute(select(alias_column.label("rid"), alias_t.c.name_key, alias_t.c.origin)
                                   .where(alias_t.c.name_key.in_(keys), alias_column.is_not(None)))]
    merges = conn.execute(select(curation_t.c.record_id, curation_t.c.other_name)
                          .where(curation_t.c.record_kind == table.name, curation_t.c.action == "merge"))
    rows += [(r.record_id, "curated alias", name_key(r.other_name)) for r in merges
             if name_key(r.other_name) in keys]
    return rows


def match_agency(conn: Connection, record: Agency) -> Match | None:
    keys = {name_key(n) for n in [record.name, *record.also]} - {""}
    candidates = _by_key(conn, agency_t, alias_t.c.agency_id, keys)
    countries = dict(conn.execute(select(agency_t.c.id, agency_t.c.country_code)
                                  .where(agency_t.c.id.in_({c[0] for c in candidates}))).all())
    # Curated aliases win over names seen in articles; then the main name over its abbreviations.
    rank = {"curated alias": 0, "same name": 1, "article alias": 2}
    for rid, how, key in sorted(candidates, key=lambda c: (rank[c[1]], key_is_main(c[2], record), c[0])):
        curated = how == "curated alias"
        if (curated or _countries_compatible(countries.get(rid), record.country)) and not blocked(
                conn, "agency", rid, keys):
            return Match(rid, how if key == name_key(record.name) else f"{how} ({key})", 100.0)
    if record.country is None:
        return None
    main = name_key(record.name)
    best: Match | None = None
    for row in conn.execute(select(agency_t.c.id, agency_t.c.name_key)
                            .where(agency_t.c.country_code == record.country).order_by(agency_t.c.id)):
        score = fuzz.token_sort_ratio(main, row.name_key)
        if score >= FUZZY_AGENCY and (best is None or score > best.score) and not blocked(conn, "agency", row.id, keys):
            best = Match(row.id, "similar name, same country", score)
    return best


def key_is_main(key: str, record: Agency) -> int:
    return 0 if key == name_key(record.name) else 1


def match_official(conn: Connection, record: Official) -> Match | None:
    key = name_key(record.name)
    candidates = _by_key(conn, official_t, alias_t.c.official_id, {key})
    countries = dict(conn.execute(select(official_t.c.id, official_t.c.country_code)
                                  .where(official_t.c.id.in_({c[0] for c in candidates}))).all())
    for rid, how, _ in sorted(candidates, key=lambda c: (c[1] != "curated alias", c[0])):
        curated = how == "curated alias"
        if (curated or _countries_compatible(countries.get(rid), record.country)) and not blocked(
                conn, "official", rid, {key}):
            return Match(rid, how, 100.0)
    if record.country is None:
        return None
    best: Match | None = None
    for row in conn.execute(select(official_t.c.id, official_t.c.name_key)
                            .where(official_t.c.country_code == record.country).order_by(official_t.c.id)):
        score = fuzz.token_sort_ratio(key, row.name_key)
        if score >= FUZZY_OFFICIAL and (best is None or score > best.score) and not blocked(
                conn, "official", row.id, {key}):
            best = Match(row.id, "similar name, same country", score)
    return best


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Unknown, equal, or one a coarser form of the other (2023-09 and 2023-09-22)."""
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def match_agreement(conn: Connection, record: Agreement) -> Match | None:
    key = name_key(record.name)
    parties = sorted(record.parties)
    for rid, how, _ in sorted(_by_key(conn, agreement_t, alias_t.c.agreement_id, {key}),
                              key=lambda c: (c[1] != "curated alias", c[0])):
        if blocked(conn, "agreement", rid, {key}):
            continue
        if how == "curated alias":
            return Match(rid, how, 100.0)
        row = conn.execute(select(agreement_t).where(agreement_t.c.id == rid)).one()
        if (row.kind == record.kind and _parties(conn, rid) == parties
                and dates_compatible(row.signed, record.signed)):
            return Match(rid, how, 100.0)
    best: Match | None = None
    for row in conn.execute(_same_kind_and_parties(record.kind, parties)):
        if not dates_compatible(row.signed, record.signed) or blocked(conn, "agreement", row.id, {key}):
            continue
        score = float(fuzz.token_set_ratio(key, row.name_key))
        same_day = record.signed is not None and row.signed == record.signed and len(record.signed) == 10
        if same_day and score >= 60:
            candidate = Match(row.id, "same parties, kind and signing day", score)
        elif score >= FUZZY_AGREEMENT and parties:
            candidate = Match(row.id, "similar name, same parties and kind", score)
        else:
            continue
        if best is None or candidate.score > best.score:
            best = candidate
    return best


def _same_kind_and_parties(kind: str | None, parties: list[str]):  # type: ignore[no-untyped-def]
    """Agreements of this kind whose party countries are exactly `parties` (found through the index)."""
    query = select(agreement_t.c.id, agreement_t.c.name_key, agreement_t.c.signed).order_by(agreement_t.c.id)
    query = query.where(agreement_t.c.kind == kind) if kind else query.where(agreement_t.c.kind.is_(None))
    if not parties:
        return query.where(~select(party_t.c.id).where(party_t.c.agreement_id == agreement_t.c.id,
                                                       party_t.c.country_code.is_not(None)).exists())
    exact = (select(party_t.c.agreement_id)
             .where(party_t.c.country_code.is_not(None))
             .group_by(party_t.c.agreement_id)
             .having(func.count(func.distinct(party_t.c.country_code)) == len(parties))
             .having(func.sum(case((party_t.c.country_code.in_(parties), 0), else_=1)) == 0))
    first = select(party_t.c.agreement_id).where(party_t.c.country_code == parties[0])
    return query.where(agreement_t.c.id.in_(first), agreement_t.c.id.in_(exact))


def _parties(conn: Connection, agreement_id: int) -> list[str]:
    rows = conn.execute(select(party_t.c.country_code).distinct()
                        .where(party_t.c.agreement_id == agreement_id, party_t.c.country_code.is_not(None)))
    return sorted(r[0] for r in rows)


def period_of(record: TradeFlow) -> tuple[str | None, str | None]:
    if not record.date:
        return None, None
    start, _, end = record.date.partition("/")
    return start, end or start


def match_trade_flow(conn: Connection, record: TradeFlow) -> Match | None:
    """Same exporter, importer, period and rate, and the same goods (name or HS heading)."""
    start, end = period_of(record)
    same_period = and_(flow_t.c.period_start == start, flow_t.c.period_end == end) if start else \
        flow_t.c.period_start.is_(None)
    same_goods = [flow_t.c.commodity_key == singular_key(record.commodity)]
    if record.hs and len(record.hs) >= 4:
        same_goods.append(flow_t.c.hs_code.like(record.hs[:4] + "%"))
    rate = flow_t.c.rate_period == record.per if record.per else flow_t.c.rate_period.is_(None)
    query = (select(flow_t.c.id, flow_t.c.commodity_key)
             .where(_eq(flow_t.c.exporter_country_code, record.from_),
                    _eq(flow_t.c.importer_country_code, record.to), same_period, rate, or_(*same_goods))
             .order_by(flow_t.c.id))
    for row in conn.execute(query):
        how = "same goods" if row.commodity_key == singular_key(record.commodity) else "same HS heading"
        return Match(row.id, f"{how}, countries and period", 100.0)
    return None


def _eq(column, value):  # type: ignore[no-untyped-def]
    return column == value if value is not None else column.is_(None)
