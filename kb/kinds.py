"""The kinds of entity kb keeps, declared once: what the store, resolver, queries, exports and CLI know of each.

Each kind is a table of derived rows, a list in a facts file and a set of
claim fields (the values articles state about a row). Adding a field or a
kind starts here. Pure data: the extractor imports it through `kb.facts`, so
nothing of the database stack may be imported from this module.

Still written per kind, because each kind does something of its own there:
the tables (`kb.models`, the migrations), the facts file's record models
(`kb.facts`), matching (`kb.resolve`), turning a record into claims
(`kb.store.write`) and best values into columns (`kb.store.derive`), each
listing's SQL and filters (`kb.queries`, `kb.export.selection`), the
FollowTheMoney schemas (`kb.export.ftm`) and the CLI's choices (`kb.cli`).
tests/test_kinds.py checks this registry against the models and a load.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reference:
    """A column of another table whose value is the id of a row of this kind."""

    table: str
    column: str


@dataclass(frozen=True)
class Kind:
    name: str  # the table, `record_kind` in decisions and curation, the `<name>_id` column of claims
    plural: str  # the `kb query` listing of its rows: "agencies", "flows"
    facts_key: str  # the list in a facts file (and the `Facts` attribute)
    query: str  # what `kb show` and `kb query` call it ('flow')
    label: str  # for people: 'trade flow'
    name_field: str  # the field that names a row
    fields: tuple[str, ...]  # the claim fields an article can state
    references: tuple[Reference, ...] = ()  # columns elsewhere holding a row's id
    id_claims: tuple[str, ...] = ()  # claim fields (of any kind) whose value is a row's id
    links: tuple[Reference, ...] = ()  # link rows naming a row, derived from claims (dropped when it is folded)
    holds_positions: bool = False  # position rows name it (an official's post at an agency)
    named: bool = True  # rows have names and aliases, and curators merge, split and rename them

    @property
    def column(self) -> str:
        """The column of claim, evidence and alias rows that points at a row of this kind."""
        return f"{self.name}_id"


AGENCY = Kind(
    name="agency", plural="agencies", facts_key="agencies", query="agency", label="agency", name_field="name",
    fields=("name", "also", "country_code", "kind"),
    references=(Reference("trade_flow", "exporter_agency_id"), Reference("trade_flow", "importer_agency_id")),
    id_claims=("party_agency", "exporter_agency_id", "importer_agency_id"),
    links=(Reference("agreement_party", "agency_id"),), holds_positions=True)
OFFICIAL = Kind(
    name="official", plural="officials", facts_key="officials", query="official", label="official",
    name_field="name", fields=("name", "country_code"), id_claims=("signatory",),
    links=(Reference("agreement_signatory", "official_id"),), holds_positions=True)
AGREEMENT = Kind(
    name="agreement", plural="agreements", facts_key="agreements", query="agreement", label="agreement",
    name_field="name",
    fields=("name", "kind", "signed", "place", "status", "subject", "party", "party_agency", "signatory", "amends"),
    references=(Reference("agreement", "amends_id"),), id_claims=("amends",),
    links=(Reference("agreement_party", "agreement_id"), Reference("agreement_signatory", "agreement_id")))
TRADE_FLOW = Kind(
    name="trade_flow", plural="flows", facts_key="trade_flows", query="flow", label="trade flow",
    name_field="commodity",
    fields=("commodity", "hs_code", "quantity", "unit", "value", "currency", "exporter_agency_id",
            "importer_agency_id"),
    named=False)

KINDS: tuple[Kind, ...] = (AGENCY, OFFICIAL, AGREEMENT, TRADE_FLOW)  # in the order a facts file lists them
NAMED: tuple[Kind, ...] = tuple(k for k in KINDS if k.named)
FACTS_KEYS: tuple[str, ...] = tuple(k.facts_key for k in KINDS)
# Evidence also supports positions (an official's post at an agency), which have no claims of their own.
EVIDENCE_KINDS: tuple[str, ...] = (*(k.name for k in KINDS), "position")
# Claim fields holding several values at once (lists), where differing values are no conflict.
LIST_FIELDS = frozenset({"also", "party", "party_agency", "signatory"})

_BY_NAME = {k.name: k for k in KINDS}
_BY_QUERY = {k.query: k for k in KINDS}


def kind(name: str) -> Kind:
    """The kind of a table name ('trade_flow'); KeyError for anything else."""
    return _BY_NAME[name]


def by_query(name: str) -> Kind:
    """The kind `kb show` and `kb query` call `name` ('flow')."""
    return _BY_QUERY[name]
