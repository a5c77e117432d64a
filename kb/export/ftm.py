"""`--format ftm`: FollowTheMoney entities, one JSON object a line, made with the `followthemoney` library.

Every value goes through `proxy.add`, which cleans it by its property's type (countries, dates,
languages), so what comes out is valid against the model. The mapping (docs/exports.md says why):

| kb | FollowTheMoney |
| --- | --- |
| article | Article (a Document): title, author, publisher, date, link, body text |
| agency | PublicBody (customs, ministry, government, state body), Company, else Organization |
| official | Person, with the post as text in `position` |
| position | Position (the post at its agency) + Occupancy (person → post, dated by the articles) |
| agreement | Contract: parties' countries, party agencies as `authority`, signing date, status |
| signatory | UnknownLink person → contract, role "signatory"; `amends` is UnknownLink role "amends" |
| trade flow | EconomicActivity: goods, HS code, countries of departure and destination, sender and receiver |
| evidence | Documentation article → record with the quote (flows keep it in `summary`); `proof` on each record |
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import IO, Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from kb.export.selection import Selection
from kb.kinds import EVIDENCE_KINDS, NAMED

PUBLIC_BODY_KINDS = {"customs", "ministry", "government", "state_body"}


def entity_id(kind: str, rid: object) -> str:
    return f"kb-{kind.replace('_', '-')}-{rid}"


def write_ftm(conn: Connection, selection: Selection, stream: IO[str]) -> dict[str, int]:
    """Write the selection's entities; the number written per FollowTheMoney schema."""
    counts: dict[str, int] = defaultdict(int)
    for proxy in entities(conn, selection):
        stream.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
        counts[proxy.schema.name] += 1
    return dict(counts)


def entities(conn: Connection, selection: Selection) -> Iterator[Any]:
    reader = _Reader(conn, selection)
    proofs = reader.proofs()
    aliases = reader.aliases()
    yield from _articles(reader)
    agency_country: dict[int, str | None] = {}
    for row in reader.rows("agency", "id, name, country_code, kind"):
        agency_country[row["id"]] = row["country_code"]
        schema = ("PublicBody" if row["kind"] in PUBLIC_BODY_KINDS else
                  "Company" if row["kind"] == "company" else "Organization")
        yield _make(schema, "agency", row["id"], proofs["agency", row["id"]], name=row["name"],
                    alias=aliases["agency", row["id"]], country=row["country_code"], classification=row["kind"])
    posts = defaultdict(list)
    for row in reader.rows("position", "id, official_id, agency_id, title", join_agency=True):
        posts[row["official_id"]].append(row)
    official_country: dict[int, str | None] = {}
    for row in reader.rows("official", "id, name, country_code"):
        official_country[row["id"]] = row["country_code"]
        yield _make("Person", "official", row["id"], proofs["official", row["id"]], name=row["name"],
                    alias=aliases["official", row["id"]], country=row["country_code"],
                    position=[_post_name(p) for p in posts[row["id"]]])
    yield from _positions(reader, posts, agency_country, official_country, proofs)
    yield from _agreements(reader, proofs, aliases)
    yield from _flows(reader, proofs)
    yield from _documentation(reader)


def _make(schema: str, kind: str, rid: object, proofs: Iterable[int], **properties: Any) -> Any:
    from followthemoney import model

    proxy = model.make_entity(schema)
    proxy.id = entity_id(kind, rid)
    for name, values in properties.items():
        for value in values if isinstance(values, list | tuple | set) else [values]:
            if value not in (None, ""):
                proxy.add(name, str(value))
    for article_id in sorted(proofs):
        proxy.add("proof", entity_id("article", article_id))
    return proxy


def _articles(reader: _Reader) -> Iterator[Any]:
    for row in reader.rows("article", "id, title, author, publisher, published, url, language, file_name, "
                                      "body"):
        yield _make("Article", "article", row["id"], (), title=row["title"], name=row["title"],
                    author=row["author"], publisher=row["publisher"], publishedAt=row["published"],
                    sourceUrl=row["url"], language=row["language"], fileName=row["file_name"],
                    bodyText=row["body"])  # no contentHash: FollowTheMoney's is SHA-1, kb keeps SHA-256


def _post_name(post: dict) -> str:
    return ", ".join(p for p in (post["title"], post["agency"]) if p) or "post"


def _positions(reader: _Reader, posts: dict, agency_country: dict, official_country: dict,
               proofs: dict) -> Iterator[Any]:
    dates = reader.position_dates()
    for official_id, held in sorted(posts.items()):
        for post in held:
            # The post's country is its agency's; a post at no named agency is the official's country's.
            country = agency_country.get(post["agency_id"]) if post["agency_id"] else official_country.get(official_id)
            seen_in = proofs["position", post["id"]]
            yield _make("Position", "position", post["id"], seen_in, name=_post_name(post),
                        organization=entity_id("agency", post["agency_id"]) if post["agency_id"] else None,
                        country=country)
            yield _make("Occupancy", "occupancy", post["id"], seen_in,
                        holder=entity_id("official", official_id), post=entity_id("position", post["id"]),
                        date=dates.get(post["id"], []))


def _agreements(reader: _Reader, proofs: dict, aliases: dict) -> Iterator[Any]:
    parties = defaultdict(list)
    for row in reader.rows("agreement_party", "agreement_id, country_code, agency_id"):
        parties[row["agreement_id"]].append(row)
    signatories = defaultdict(list)
    for row in reader.rows("agreement_signatory", "agreement_id, official_id"):
        signatories[row["agreement_id"]].append(row["official_id"])
    for row in reader.rows("agreement", "id, name, kind, signed, place, status, subject, amends_id"):
        rid = row["id"]
        seen_in = proofs["agreement", rid]
        yield _make("Contract", "agreement", rid, seen_in, title=row["name"], name=row["name"],
                    alias=aliases["agreement", rid], type=row["kind"], contractDate=row["signed"],
                    status=row["status"], summary=row["subject"],
                    notes=f"Signed in {row['place']}" if row["place"] else None,
                    country=[p["country_code"] for p in parties[rid]],
                    authority=[entity_id("agency", p["agency_id"]) for p in parties[rid] if p["agency_id"]])
        for official_id in signatories[rid]:
            yield _make("UnknownLink", "signatory", f"{rid}-{official_id}", seen_in, role="signatory",
                        subject=entity_id("official", official_id), object=entity_id("agreement", rid),
                        date=row["signed"])
        if row["amends_id"] is not None and reader.kept("agreement", row["amends_id"]):
            yield _make("UnknownLink", "amendment", rid, seen_in, role="amends", subject=entity_id("agreement", rid),
                        object=entity_id("agreement", row["amends_id"]), date=row["signed"])


def _flows(reader: _Reader, proofs: dict) -> Iterator[Any]:
    quotes = reader.quotes("trade_flow")
    for row in reader.rows("trade_flow", "id, commodity, hs_code, exporter_country_code, importer_country_code, "
                                         "quantity, unit, quantity_kg, value, currency, rate_period, period_start, "
                                         "period_end, exporter_agency_id, importer_agency_id"):
        yield _make("EconomicActivity", "trade_flow", row["id"], proofs["trade_flow", row["id"]],
                    goodsDescription=row["commodity"], vedCode=row["hs_code"],
                    departureCountry=row["exporter_country_code"],
                    destinationCountry=row["importer_country_code"],
                    sender=entity_id("agency", row["exporter_agency_id"]) if row["exporter_agency_id"] else None,
                    receiver=entity_id("agency", row["importer_agency_id"]) if row["importer_agency_id"] else None,
                    startDate=row["period_start"], endDate=row["period_end"],
                    description=flow_description(row), summary=quotes.get(row["id"], []))


def flow_description(row: dict) -> str | None:
    """The figures in words: '250 t (250,000 kg) a year; 1,500,000 USD'."""
    parts = []
    if row["quantity"] is not None:
        kg = f" ({row['quantity_kg']:,.0f} kg)" if row["quantity_kg"] is not None and row["unit"] != "kg" else ""
        parts.append(f"{row['quantity']:,g} {row['unit'] or ''}".rstrip() + kg)
    if row["value"] is not None:
        parts.append(f"{row['value']:,.0f} {row['currency'] or ''}".rstrip())
    if not parts:
        return None
    return "; ".join(parts) + (f" a {row['rate_period']}" if row["rate_period"] else "")


def _documentation(reader: _Reader) -> Iterator[Any]:
    """One Documentation per evidence row of a record that is a FollowTheMoney Thing, with its quote."""
    for row in reader.rows("evidence", "id, article_id, agency_id, official_id, position_id, agreement_id, quote, "
                                       "char_start, char_end"):
        kind = next((k for k in ("agency", "official", "position", "agreement") if row[f"{k}_id"]), None)
        if kind is None:
            continue  # a flow's quotes are in its summary: an EconomicActivity is not a Thing
        span = (f"characters {row['char_start']}–{row['char_end']} of the article's body"
                if row["char_start"] is not None else None)
        yield _make("Documentation", "evidence", row["id"], (), document=entity_id("article", row["article_id"]),
                    entity=entity_id(kind, row[f"{kind}_id"]), role="evidence", summary=row["quote"],
                    description=span)


class _Reader:
    """The selected rows of one table at a time, as dicts, in id order."""

    def __init__(self, conn: Connection, selection: Selection) -> None:
        self.conn = conn
        self.selection = selection

    def rows(self, table: str, columns: str, *, join_agency: bool = False) -> Iterator[dict]:
        condition = self.selection.where(table)
        source = f"(SELECT * FROM {table} WHERE {condition}) {table}" if condition else table
        columns = ", ".join(f"{table}.{c.strip()}" for c in columns.split(","))
        if join_agency:  # a post's agency name, for the Position's name
            source += f" LEFT JOIN agency g ON g.id = {table}.agency_id"
            columns += ", g.name AS agency"
        order = "agreement_id, id" if table == "agreement_party" else (
            "agreement_id, official_id" if table == "agreement_signatory" else "id")
        order = ", ".join(f"{table}.{c.strip()}" for c in order.split(","))
        result = self.conn.execution_options(yield_per=1_000).execute(
            text(self.selection.sql(f"SELECT {columns} FROM {source} ORDER BY {order}")), self.selection.params)
        return (dict(r) for r in result.mappings())

    def kept(self, kind: str, rid: int) -> bool:
        condition = self.selection.where(kind)
        if not condition:
            return True
        return self.conn.execute(text(self.selection.sql(f"SELECT 1 FROM {kind} WHERE id = :rid AND {condition}")),
                                 {**self.selection.params, "rid": rid}).first() is not None

    def proofs(self) -> dict[tuple[str, int], set[int]]:
        out: dict[tuple[str, int], set[int]] = defaultdict(set)
        for row in self.rows("evidence", "id, article_id, " + ", ".join(f"{k}_id" for k in EVIDENCE_KINDS)):
            for kind in EVIDENCE_KINDS:
                if row[f"{kind}_id"] is not None:
                    out[kind, row[f"{kind}_id"]].add(row["article_id"])
        return out

    def aliases(self) -> dict[tuple[str, int], list[str]]:
        out: dict[tuple[str, int], list[str]] = defaultdict(list)
        for row in self.rows("alias", "id, " + ", ".join(k.column for k in NAMED) + ", name"):
            kind = next(k for k in NAMED if row[k.column] is not None)
            out[kind.name, row[kind.column]].append(row["name"])
        return out

    def quotes(self, kind: str) -> dict[int, list[str]]:
        out: dict[int, list[str]] = defaultdict(list)
        for row in self.rows("evidence", f"id, {kind}_id, quote"):
            if row[f"{kind}_id"] is not None and row["quote"]:
                out[row[f"{kind}_id"]].append(row["quote"])
        return out

    def position_dates(self) -> dict[int, list[str]]:
        """First and last publication dates of the articles attesting each post."""
        condition = self.selection.where("position_overview")
        sql = "SELECT position_id, first_seen, last_seen FROM position_overview" + (
            f" WHERE {condition}" if condition else "")
        return {r[0]: [d for d in (r[1], r[2]) if d]
                for r in self.conn.execute(text(self.selection.sql(sql)), self.selection.params)}
