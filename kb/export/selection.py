"""Which rows an export writes: everything, or what `kb query`'s filters select plus what it refers to.

The filters are those of `kb query`, applied by the same builders in kb/queries.py. A record kind is
exported when every filter given applies to it (`--hs` keeps flows only, `--country` keeps agreements,
agencies, officials and flows), unless `--only` names the kinds. The selection is then closed over
references: a flow's companies, an agreement's party agencies and signatories, an official's posts,
and the articles whose evidence supports any selected row, so the export is a consistent subset.

Each table's rows are chosen by one SQL condition over id subqueries (bind parameters, no values
in the text), so a listing of any size streams from the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kb import queries
from kb.errors import ExportError

KINDS = ("agreements", "agencies", "officials", "flows", "articles")

# The filters each kind's query takes (kb/queries.py), by option name.
APPLIES = {
    "agreements": {"country", "since", "until", "contains"},
    "agencies": {"country", "contains"},
    "officials": {"country", "contains"},
    "flows": {"country", "since", "until", "contains", "hs", "commodity", "exporter", "importer"},
    "articles": {"since", "until", "contains"},
}


@dataclass
class Filters:
    country: str | None = None
    since: str | None = None
    until: str | None = None
    contains: str | None = None
    hs: str | None = None
    commodity: str | None = None
    exporter: str | None = None
    importer: str | None = None
    only: list[str] = field(default_factory=list)

    def given(self) -> set[str]:
        return {name for name in APPLIES["flows"] | APPLIES["articles"] if getattr(self, name) is not None}

    @property
    def any(self) -> bool:
        return bool(self.given() or self.only)


def _kinds(filters: Filters) -> list[str]:
    given = filters.given()
    for kind in filters.only:
        if kind not in KINDS:
            raise ExportError(f"--only {kind!r}: give one of {', '.join(KINDS)}")
        if not given <= APPLIES[kind]:
            wrong = ", ".join(f"--{name}" for name in sorted(given - APPLIES[kind]))
            raise ExportError(f"{wrong} cannot filter {kind}: `kb query {kind} --help` lists its filters")
    if filters.only:
        return list(filters.only)
    return [kind for kind in KINDS if given <= APPLIES[kind]]


def _query(kind: str, f: Filters) -> queries.Query:
    if kind == "agreements":
        return queries.agreements(country=[f.country] if f.country else None, since=f.since, until=f.until,
                                  contains=f.contains)
    if kind == "agencies":
        return queries.agencies(country=f.country, contains=f.contains)
    if kind == "officials":
        return queries.officials(country=f.country, contains=f.contains)
    if kind == "flows":
        return queries.flows(commodity=f.commodity, hs=f.hs, exporter=f.exporter, importer=f.importer,
                             country=f.country, since=f.since, until=f.until, contains=f.contains)
    return queries.articles(since=f.since, until=f.until, contains=f.contains)


NONE = "SELECT id FROM article WHERE 1 = 0"  # no row of a kind left out (an integer column on every engine)


@dataclass
class Selection:
    """Id subqueries per kind (None: every row), and the bind parameters they use."""

    ids: dict[str, str | None]
    params: dict[str, Any]

    @property
    def everything(self) -> bool:
        return all(sql is None for sql in self.ids.values())

    def where(self, relation: str) -> str | None:
        """The condition choosing `relation`'s rows (a table or an overview view); None: all of them."""
        if self.everything:
            return None
        return _CONDITIONS[relation].format(**{k: f"({v})" for k, v in self.ids.items() if v is not None})


def select(filters: Filters) -> Selection:
    if not filters.any:
        return Selection(dict.fromkeys(("agreement", "flow", "official", "position", "agency", "article")), {})
    kinds = _kinds(filters)
    params: dict[str, Any] = {}
    chosen: dict[str, str] = {}
    for kind in KINDS:
        if kind not in kinds:
            chosen[kind] = NONE
            continue
        q = _query(kind, filters)
        params.update(q.params)
        chosen[kind] = f"SELECT s.id FROM ({q.sql}) s"
    agreement = (f"SELECT id FROM agreement WHERE id IN ({chosen['agreements']}) "
                 f"OR id IN (SELECT amends_id FROM agreement WHERE id IN ({chosen['agreements']}))")
    flow = chosen["flows"]
    official = (f"SELECT id FROM official WHERE id IN ({chosen['officials']}) "
                f"OR id IN (SELECT official_id FROM agreement_signatory WHERE agreement_id IN ({agreement}))")
    position = f"SELECT id FROM position WHERE official_id IN ({official})"
    agency = (f"SELECT id FROM agency WHERE id IN ({chosen['agencies']}) "
              f"OR id IN (SELECT agency_id FROM agreement_party WHERE agreement_id IN ({agreement})) "
              f"OR id IN (SELECT exporter_agency_id FROM trade_flow WHERE id IN ({flow})) "
              f"OR id IN (SELECT importer_agency_id FROM trade_flow WHERE id IN ({flow})) "
              f"OR id IN (SELECT agency_id FROM position WHERE id IN ({position}))")
    supports = _supports(agreement, flow, official, position, agency)
    article = (f"SELECT id FROM article WHERE id IN ({chosen['articles']}) "
               f"OR id IN (SELECT article_id FROM evidence WHERE {supports})")
    return Selection({"agreement": agreement, "flow": flow, "official": official, "position": position,
                      "agency": agency, "article": article}, params)


def _supports(agreement: str, flow: str, official: str, position: str, agency: str) -> str:
    return (f"agreement_id IN ({agreement}) OR trade_flow_id IN ({flow}) OR official_id IN ({official}) "
            f"OR position_id IN ({position}) OR agency_id IN ({agency})")


_EVIDENCE = ("article_id IN {article} AND (agreement_id IN {agreement} OR trade_flow_id IN {flow} "
             "OR official_id IN {official} OR position_id IN {position} OR agency_id IN {agency})")
_CLAIM = ("article_id IN {article} AND (agreement_id IN {agreement} OR trade_flow_id IN {flow} "
          "OR official_id IN {official} OR agency_id IN {agency})")
_RECORD = ("((record_kind = 'agreement' AND record_id IN {agreement}) OR (record_kind = 'trade_flow' "
           "AND record_id IN {flow}) OR (record_kind = 'official' AND record_id IN {official}) "
           "OR (record_kind = 'agency' AND record_id IN {agency}))")

_CONDITIONS = {
    "country": "1 = 1",
    "article": "id IN {article}",
    "agency": "id IN {agency}",
    "official": "id IN {official}",
    "position": "id IN {position}",
    "agreement": "id IN {agreement}",
    "agreement_party": "agreement_id IN {agreement}",
    "agreement_signatory": "agreement_id IN {agreement}",
    "trade_flow": "id IN {flow}",
    "evidence": _EVIDENCE,
    "claim": _CLAIM,
    "alias": "(agreement_id IN {agreement} OR official_id IN {official} OR agency_id IN {agency})",
    "match_decision": "article_id IN {article} AND " + _RECORD,
    "match_candidate": "article_id IN {article} AND " + _RECORD,
    "curation": _RECORD,
    "agreement_overview": "agreement_id IN {agreement}",
    "trade_flow_overview": "trade_flow_id IN {flow}",
    "agency_overview": "agency_id IN {agency}",
    "position_overview": "position_id IN {position}",
    "evidence_overview": "evidence_id IN (SELECT id FROM evidence WHERE " + _EVIDENCE + ")",
}
