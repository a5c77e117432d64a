"""`--format comtrade`: one CSV row per trade flow, in UN Comtrade's columns and codes, plus kb's source.

Comtrade records trade as a reporter's exports (X) or imports (M) with a partner. A kb flow names
both ends when the article does: the exporter is the reporter and the flow an export; with only
the importer known, the importer reports an import. An unknown end stays empty (never Comtrade's
"World", which means the total with every partner).

Codes: countries as ISO 3166-1 alpha-3 (`reporterISO`, `partnerISO`) and Comtrade's numeric area
codes, which are the UN M49 (= ISO numeric) codes except where Comtrade reports a customs area
under its own code (COMTRADE_AREAS); quantities in Comtrade's units (tonnes become kg), `netWgt`
in kg; `primaryValue` only for values stated in US dollars, as kb converts no currency.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from functools import cache
from typing import IO, Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from kb.export.selection import Selection
from kb.export.tabular import cell

COLUMNS = ["typeCode", "freqCode", "refPeriodId", "refYear", "refMonth", "period", "reporterCode", "reporterISO",
           "reporterDesc", "flowCode", "flowDesc", "partnerCode", "partnerISO", "partnerDesc", "classificationCode",
           "cmdCode", "cmdDesc", "aggrLevel", "qtyUnitCode", "qtyUnitAbbr", "qty", "netWgt", "primaryValue",
           # kb's own columns: the figures as the article gave them, and where it said so
           "kbTradeFlowId", "kbPeriod", "kbRatePeriod", "kbQuantity", "kbUnit", "kbValue", "kbCurrency",
           "kbSourceUrl", "kbSourceTitle"]

# Comtrade's own codes for customs areas that differ from the country's M49 code, with the ISO code
# Comtrade shows for them (France with Monaco, Italy with San Marino and the Holy See, the United
# States with Puerto Rico and the US Virgin Islands, India, Switzerland with Liechtenstein, Norway
# with Svalbard and Jan Mayen; Taiwan is "Other Asia, nes").
COMTRADE_AREAS = {"FR": (251, "FRA"), "IT": (381, "ITA"), "US": (842, "USA"), "IN": (699, "IND"),
                  "CH": (757, "CHE"), "NO": (579, "NOR"), "TW": (490, "S19")}
# kb unit → Comtrade quantity unit (code, abbreviation, factor to the Comtrade unit).
UNITS = {"kg": (8, "kg", 1.0), "t": (8, "kg", 1000.0), "lb": (8, "kg", 0.45359237),
         "head": (5, "u", 1.0), "units": (5, "u", 1.0),
         "l": (7, "l", 1.0), "m3": (12, "m³", 1.0), "m2": (2, "m²", 1.0), "m": (4, "m", 1.0),
         "pairs": (6, "2u", 1.0), "carats": (13, "carat", 1.0), "kWh": (3, "1000 kWh", 0.001)}
# Other kb units (bottles, bags, containers, barrels…) have no Comtrade unit: qty stays empty and
# kbQuantity / kbUnit keep the figure.


@cache
def area(code: str | None) -> tuple[int | None, str | None, str | None]:
    """Comtrade's numeric code, ISO alpha-3 and name of a kb country code."""
    import pycountry

    if not code:
        return None, None, None
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return None, None, None
    number, iso = COMTRADE_AREAS.get(code, (int(country.numeric), country.alpha_3))
    return number, iso, getattr(country, "common_name", None) or country.name


def write_comtrade(conn: Connection, selection: Selection, stream: IO[str]) -> int:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for record in rows(conn, selection):
        writer.writerow([cell(record[c]) for c in COLUMNS])
        count += 1
    return count


def rows(conn: Connection, selection: Selection) -> Iterator[dict[str, Any]]:
    condition = selection.where("trade_flow")
    sql = ("SELECT f.*, (SELECT min(a.url) FROM evidence e JOIN article a ON a.id = e.article_id "
           "WHERE e.trade_flow_id = f.id AND a.url IS NOT NULL) AS source_url, "
           "(SELECT min(a.title) FROM evidence e JOIN article a ON a.id = e.article_id "
           "WHERE e.trade_flow_id = f.id) AS source_title "
           f"FROM (SELECT * FROM trade_flow{f' WHERE {condition}' if condition else ''}) f ORDER BY f.id")
    result = conn.execution_options(yield_per=1_000).execute(text(selection.sql(sql)), selection.params)
    for flow in result.mappings():
        yield comtrade_row(dict(flow))


def comtrade_row(flow: dict[str, Any]) -> dict[str, Any]:
    exporter, importer = flow["exporter_country_code"], flow["importer_country_code"]
    export = exporter is not None or importer is None
    reporter, partner = (exporter, importer) if export else (importer, exporter)
    reporter_code, reporter_iso, reporter_name = area(reporter)
    partner_code, partner_iso, partner_name = area(partner)
    freq, period, year, month = reference_period(flow["period_start"], flow["period_end"], flow["rate_period"])
    unit = UNITS.get(flow["unit"] or "")
    qty = flow["quantity"] * unit[2] if unit and flow["quantity"] is not None else None
    hs = flow["hs_code"]
    return {
        "typeCode": "C", "freqCode": freq, "refPeriodId": f"{period}01" if period and len(period) == 6 else
        (f"{period}0101" if period else None), "refYear": year, "refMonth": month, "period": period,
        "reporterCode": reporter_code, "reporterISO": reporter_iso, "reporterDesc": reporter_name,
        "flowCode": "X" if export else "M", "flowDesc": "Export" if export else "Import",
        "partnerCode": partner_code, "partnerISO": partner_iso, "partnerDesc": partner_name,
        "classificationCode": "HS" if hs else None, "cmdCode": hs, "cmdDesc": flow["commodity"],
        "aggrLevel": len(hs) if hs else None,
        # Comtrade's code for "no quantity" is -1, N/A (also for units it has no code for).
        "qtyUnitCode": unit[0] if unit and qty is not None else -1,
        "qtyUnitAbbr": unit[1] if unit and qty is not None else "N/A", "qty": qty,
        "netWgt": flow["quantity_kg"],
        "primaryValue": flow["value"] if flow["currency"] == "USD" else None,
        "kbTradeFlowId": flow["id"],
        "kbPeriod": _kb_period(flow["period_start"], flow["period_end"]), "kbRatePeriod": flow["rate_period"],
        "kbQuantity": flow["quantity"], "kbUnit": flow["unit"],
        "kbValue": flow["value"], "kbCurrency": flow["currency"],
        "kbSourceUrl": flow["source_url"], "kbSourceTitle": flow["source_title"],
    }


def reference_period(start: str | None, end: str | None, rate: str | None
                     ) -> tuple[str | None, str | None, int | None, int | None]:
    """Comtrade's frequency, period (2023 or 202308), year and month for a kb period, when it is one year or
    one month; None for what Comtrade cannot say (a day, a span of several months, no date)."""
    if not start or (end and end != start):
        return None, None, None, None
    if len(start) == 4 and rate in (None, "year"):
        return "A", start, int(start), 52  # Comtrade's refMonth for a whole year
    if len(start) == 7 and rate in (None, "month"):
        return "M", start.replace("-", ""), int(start[:4]), int(start[5:])
    return None, None, None, None


def _kb_period(start: str | None, end: str | None) -> str | None:
    if not start:
        return None
    return start if not end or end == start else f"{start}/{end}"
