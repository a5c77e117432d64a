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
        return {name for name in set().union(*APPLIES.values()) if getattr(self, name) is not None}

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
SETS = ("agreement", "flow", "official", "position", "agency", "article")


@dataclass
class Selection:
    """The chosen ids of each kind as named subqueries (a WITH clause), and the bind parameters they use;
    no clause at all when everything is exported. Each set is written once and named by the next ones, so
    the SQL grows with the number of kinds, not with the depth of their references.
    """

    ctes: list[tuple[str, str]]
    params: dict[str, Any]

    @property
    def everything(self) -> bool:
        return not self.ctes

    def where(self, relation: str) -> str | None:
        """The condition choosing `relation`'s rows (a table or an overview view); None: all of them."""
        if self.everything:
            return None
        return _CONDITIONS[relation].format(**{k: f"(SELECT id FROM sel_{k})" for k in SETS})

    def sql(self, body: str) -> str:
        """`body` (a SELECT using `where` conditions) with the WITH clause those conditions need."""
        if self.everything:
            return body
        return "WITH " + ",\n".join(f"{name} AS ({cte})" for name, cte in self.ctes) + "\n" + body


EVERYTHING = Selection([], {})


def select(filters: Filters) -> Selection:
    if not filters.any:
        return EVERYTHING
    kinds = _kinds(filters)
    params: dict[str, Any] = {}
    ctes: list[tuple[str, str]] = []
    for kind in KINDS:
        if kind not in kinds:
            ctes.append((f"q_{kind}", NONE))
            continue
        q = _query(kind, filters)
        params.update(q.params)
        ctes.append((f"q_{kind}", f"SELECT s.id FROM ({q.sql}) s"))
    ctes += [
        ("sel_agreement", "SELECT id FROM agreement WHERE id IN (SELECT id FROM q_agreements) OR id IN "
                          "(SELECT amends_id FROM agreement WHERE id IN (SELECT id FROM q_agreements))"),
        ("sel_flow", "SELECT id FROM q_flows"),
        ("sel_official", "SELECT id FROM official WHERE id IN (SELECT id FROM q_officials) OR id IN (SELECT "
                         "official_id FROM agreement_signatory WHERE agreement_id IN (SELECT id FROM sel_agreement))"),
        ("sel_position", "SELECT id FROM position WHERE official_id IN (SELECT id FROM sel_official)"),
        ("sel_agency", "SELECT id FROM agency WHERE id IN (SELECT id FROM q_agencies) "
                       "OR id IN (SELECT agency_id FROM agreement_party "
                       "WHERE agreement_id IN (SELECT id FROM sel_agreement)) "
                       "OR id IN (SELECT exporter_agency_id FROM trade_flow WHERE id IN (SELECT id FROM sel_flow)) "
                       "OR id IN (SELECT importer_agency_id FROM trade_flow WHERE id IN (SELECT id FROM sel_flow)) "
                       "OR id IN (SELECT agency_id FROM position WHERE id IN (SELECT id FROM sel_position))"),
        ("sel_article", "SELECT id FROM article WHERE id IN (SELECT id FROM q_articles) "
                        "OR id IN (SELECT article_id FROM evidence WHERE " + _SUPPORTS + ")"),
    ]
    return Selection(ctes, params)


_SUPPORTS = ("agreement_id IN (SELECT id FROM sel_agreement) OR trade_flow_id IN (SELECT id FROM sel_flow) "
             "OR official_id IN (SELECT id FROM sel_official) OR position_id IN (SELECT id FROM sel_position) "
             "OR agency_id IN (SELECT id FROM sel_agency)")

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
    "claim_value_count": "((kind = 'agency' AND row_id IN {agency}) OR (kind = 'official' AND row_id IN {official}))",
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
