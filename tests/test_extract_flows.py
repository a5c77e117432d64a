"""Case table for the trade-flow stage: invented snippets -> expected flows (or none)."""

from pathlib import Path

import pytest

from kb.extract.context import ArticleContext
from kb.extract.countries import find_countries
from kb.extract.flows import extract_trade_flows
from kb.extract.sentences import split_sentences
from kb.readers.document import Document

FIELDS = ("commodity", "from_", "to", "quantity", "unit", "value", "currency", "per", "date", "exporter")


def flows(text: str, published: str = "2022-06-15", title: str | None = None) -> list[dict]:
    doc = Document(path=Path("snippet.txt"), text=text, title=title, published=published)
    ctx = ArticleContext(doc, split_sentences(text), find_countries(text, published))
    out = []
    for f in extract_trade_flows(ctx):
        rec = {k: getattr(f, k) for k in FIELDS if getattr(f, k) is not None}
        if f.hs:
            rec["hs"] = f.hs[:4]
        out.append(rec)
    return out


POSITIVE = [
    ("Brazil shipped 1.2 million tons of soybeans to Spain in March.",
     {"commodity": "soybeans", "from_": "BR", "to": "ES", "quantity": 1.2e6, "unit": "t", "date": "2022-03"}),
    ("Vietnam exported 48,000 tonnes of rice to the Philippines in the first quarter of 2021.",
     {"commodity": "rice", "from_": "VN", "to": "PH", "quantity": 48000, "unit": "t",
      "date": "2021-01/2021-03"}),
    ("Japan imported 3,500 tonnes of beef from Australia last month.",
     {"commodity": "beef", "from_": "AU", "to": "JP", "quantity": 3500, "unit": "t", "date": "2022-05"}),
    ("Egypt bought 60,000 tons of Romanian wheat on Monday.",
     {"commodity": "wheat", "from_": "RO", "to": "EG", "quantity": 60000, "unit": "t", "date": "2022-06-13"}),
    ("Peru's exports of blueberries to the Netherlands reached $120 million in 2021.",
     {"commodity": "blueberries", "from_": "PE", "to": "NL", "value": 120e6, "currency": "USD",
      "date": "2021"}),
    ("A cooperative near Lima annually exports 500 tons of coffee to Belgium.",
     {"commodity": "coffee", "from_": "PE", "to": "BE", "quantity": 500, "unit": "t", "per": "year"}),
    ("Frozen shrimp produced by the Pacific Seafood Company were exported to Canada in May.",
     {"commodity": "frozen shrimp", "from_": "EC", "to": "CA", "date": "2022-05",
      "exporter": "Pacific Seafood Company"}),
    ("Indian exporters sent 12,000 tonnes of sugar to Sri Lanka between January and April.",
     {"commodity": "sugar", "from_": "IN", "to": "LK", "quantity": 12000, "unit": "t",
      "date": "2022-01/2022-04"}),
    ("About 45 thousand tonnes of Ukrainian maize were loaded for Turkey in the first ten days of June.",
     {"commodity": "maize", "from_": "UA", "to": "TR", "quantity": 45000, "unit": "t",
      "date": "2022-06-01/2022-06-10"}),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVE)
def test_one_flow(text, expected):
    title = "Ecuador shrimp exports" if "shrimp" in text else None
    got = flows(text, title=title)
    assert len(got) == 1, got
    for key, value in expected.items():
        assert got[0].get(key) == value, (key, got[0])


def test_value_stays_with_its_quantity():
    got = flows("Ghana exported 12,000 tons of cocoa beans worth $30 million to Malaysia in 2021.")
    assert len(got) == 1
    assert (got[0]["quantity"], got[0]["value"], got[0]["currency"], got[0]["date"]) == (12000, 30e6, "USD", "2021")


def test_converted_value_is_not_a_second_flow():
    got = flows("Malaysian buyers purchased 5,000 tons of Thai rice worth 150 million baht "
                "(about $4.2 million) in May.")
    assert [(f["from_"], f["to"], f["quantity"], f["value"], f["currency"]) for f in got] == [
        ("TH", "MY", 5000, 150e6, "THB")]


def test_each_figure_keeps_its_own_goods():
    got = flows("Chile exported $80m of copper to Japan and $25m of wine to Germany in 2021.")
    assert {(f["to"], f["commodity"], f["value"], f["date"]) for f in got} == {
        ("JP", "copper", 80e6, "2021"), ("DE", "wine", 25e6, "2021")}


def test_total_broken_down_by_destination():
    got = flows("Ireland exported 30,000 head of live cattle in 2021, of which 20,000 head went to Spain "
                "and 6,000 head to Italy.")
    assert {(f["to"], f["quantity"], f["date"]) for f in got} == {("ES", 20000, "2021"), ("IT", 6000, "2021")}


def test_figure_compared_with_is_no_flow():
    got = flows("Kenya shipped 4,000 tons of tea to Pakistan in March, up from 3,100 tons.")
    assert [(f["to"], f["quantity"]) for f in got] == [("PK", 4000)]


def test_figure_compared_with_its_own_period_is_a_flow():
    got = flows("Kenya shipped 4,000 tons of tea to Pakistan in March 2022, compared with 3,100 tons "
                "in March 2021.")
    assert {(f["quantity"], f["date"]) for f in got} == {(4000, "2022-03"), (3100, "2021-03")}


def test_comparison_period_does_not_date_an_undated_figure():
    got = flows("Polish importers took 7,000 tons of Spanish oranges over the season, up 9 percent on "
                "the first half of 2021.")
    assert [f.get("date") for f in got] == [None]


def test_several_destinations_each_with_its_figure():
    got = flows("Chile shipped 40,000 tons of apples to Colombia and 12,500 tons to Peru in 2021.")
    assert {(f["to"], f["quantity"]) for f in got} == {("CO", 40000), ("PE", 12500)}


def test_comparison_period_is_its_own_flow():
    got = flows("Norway exported 9,100 tons of salmon to Poland in January-March 2022, "
                "compared with 8,000 tons in the same period of 2021.")
    assert {(f["quantity"], f["date"]) for f in got} == {(9100, "2022-01/2022-03"), (8000, "2021-01/2021-03")}


def test_list_of_buyers_gives_one_flow_each():
    got = flows("The main buyers of Argentine beef in 2021 were China, Israel and Chile.")
    assert sorted(f["to"] for f in got) == ["CL", "CN", "IL"]
    assert all(f["from_"] == "AR" and f["commodity"] == "beef" for f in got)


def test_there_points_back_to_the_country_just_named():
    got = flows("Morocco is the largest market. Spanish growers sent 3,000 tonnes of oranges there in 2021.")
    assert [(f["from_"], f["to"], f["quantity"]) for f in got] == [("ES", "MA", 3000)]


def test_neighbour_points_back():
    got = flows("Trade with Laos is growing. Thailand exported 5,000 tons of sugar to its northern "
                "neighbour in 2021.")
    assert [(f["from_"], f["to"]) for f in got] == [("TH", "LA")]


def test_importer_ranked_with_figure_and_home_origin():
    got = flows("Chinese buyers took 9,000 tons of New Zealand kiwifruit in 2021, while Japan came "
                "second with 4,000 tons.", title="New Zealand kiwifruit exports rise")
    assert {(f["from_"], f["to"], f["quantity"]) for f in got} == {("NZ", "CN", 9000), ("NZ", "JP", 4000)}


def test_including_list_splits_goods():
    got = flows("Shipments of other minerals to Japan, including zinc ore and lead ore, resumed.",
                title="Bolivia minerals")
    assert sorted(f["commodity"] for f in got) == ["lead ore", "zinc ore"]


def test_table_rows_after_a_flow_sentence():
    text = ("Turkish exporters shipped 50,000 tons of hazelnuts to Germany in 2021.\n\n"
            "Destination | Volume (tons)\nGermany | 50,000\nItaly | 20,500\nFrance | 9,000\n")
    got = flows(text)
    assert {(f["to"], f["quantity"]) for f in got} == {("DE", 50000), ("IT", 20500), ("FR", 9000)}
    assert all(f["from_"] == "TR" for f in got)


def test_table_of_origins_without_a_flow_sentence():
    text = ("ACCRA, Ghana - Demand for imported sugar stayed firm this year.\n\n"
            "Sugar imports by origin, January-March 2022\n\n"
            "Country of origin | Volume (MT) | Value (US$ million)\nBrazil | 120,000 | 54\n"
            "India | 45,500 | 20.5\nOthers | 3,000 | 1\n")
    got = flows(text, title="Ghana sugar imports rise")
    assert {(f["from_"], f["to"], f["quantity"], f["value"]) for f in got} == {
        ("BR", "GH", 120000, 54e6), ("IN", "GH", 45500, 20.5e6)}
    assert all(f["commodity"] == "sugar" and f["date"] == "2022-01/2022-03" for f in got)


def test_table_of_destinations_with_adjective_caption():
    text = ("Shipments fell last year.\n\nMain destinations for Kenyan tea, 2021\n\n"
            "Destination | Volume (tonnes)\nPakistan | 180,000\nEgypt | 90,000\nSudan | 40,000\n")
    got = flows(text, title="Tea shipments fall")
    assert {(f["from_"], f["to"], f["quantity"]) for f in got} == {
        ("KE", "PK", 180000), ("KE", "EG", 90000), ("KE", "SD", 40000)}


def test_table_in_an_article_that_writes_decimal_commas():
    """"10.215" tonnes and "74,6" US$ m in a story of point thousands ("352.640 tons for US$2.130,5 million")."""
    text = ("Peru shipped 352.640 tons of fresh blueberries worth US$ 2.130,5 million in the campaign.\n\n"
            "| Destination | Tonnes | FOB (US$ m) |\n|---|---:|---:|\n| United States | 10.215 | 74,6 |\n"
            "| Netherlands | 4.380 | 29,1 |\n")
    got = flows(text, title="Peru blueberry exports")
    assert {(f["to"], f["quantity"], f["value"], f["currency"]) for f in got if f["to"] in ("US", "NL")} == {
        ("US", 10215, 74.6e6, "USD"), ("NL", 4380, 29.1e6, "USD")}


def test_table_without_direction_is_not_read():
    text = ("Rainfall was low.\n\nCountry | Rainfall (mm)\nKenya | 300\nUganda | 250\nSudan | 40\n")
    assert flows(text, title="Kenya weather") == []


def test_numbered_list_of_destinations_after_a_flow():
    text = ("Chile's first cherries bound for India left Santiago on 3 January. "
            "Chile exported 300,000 tonnes of cherries in 2021. The main markets were:\n\n"
            "1. China – 250,000 tonnes\n2. United States – 20,000 tonnes\n\nPrices were firm.")
    got = flows(text)
    assert {("CL", "CN", 250000), ("CL", "US", 20000)} <= {(f["from_"], f["to"], f.get("quantity")) for f in got}


def test_headings_and_abbreviated_goods():
    got = flows("Mongolia exported 2,000 tonnes of horse meat to Japan in 2021. "
                "Chile shipped 900 tonnes of frozen raspberries to Canada in 2021. "
                "Bangladesh exported $2 billion of RMG to Germany in 2021.")
    by_to = {f["to"]: f for f in got}
    assert by_to["JP"]["hs"] == "0205" and by_to["CA"]["hs"] == "0811"
    assert by_to["DE"]["commodity"] == "ready-made garments"


def test_import_without_named_importer_goes_to_the_article_country():
    text = ("Brazilian mills ran at capacity in May. Crushers imported 300,000 tonnes of Paraguayan "
            "soybeans in April, the exchange said. Brazil's crush hit a record.")
    got = flows(text, title="Brazil soy crush hits record")
    assert [(f["from_"], f["to"], f["quantity"]) for f in got] == [("PY", "BR", 300000)]


def test_missing_exporter_taken_from_dateline_not_most_mentioned():
    text = ("NAIROBI, May 3 - The ministry has allowed the export of 5,000 tonnes of tea to Uganda. "
            "Uganda and Uganda's traders welcomed it; Uganda has asked for more.")
    got = flows(text, title="Ministry allows tea exports to Uganda")
    assert [(f["from_"], f["to"]) for f in got] == [("KE", "UG")]


def test_missing_exporter_taken_from_local_currency():
    text = ("The government allowed the export of 5,000 tonnes of rice to Nepal. Nepal and Nepal's "
            "millers welcomed it. Rice sold at ₹3,100 a quintal in local markets.")
    got = flows(text, title="Government permits rice exports to Nepal")
    assert [(f["from_"], f["to"]) for f in got] == [("IN", "NP")]


def test_goods_that_went_somewhere():
    got = flows("Chile exported 5 million tonnes of copper last year, and most of it went to China. "
                "Cherries from Chile also go to Brazil every season.")
    assert {(f["from_"], f["to"], f["commodity"]) for f in got} == {("CL", "CN", "copper"), ("CL", "BR", "cherries")}


def test_a_person_who_went_somewhere_is_no_flow():
    assert flows("The Chilean minister went to China in May to discuss the trade deal.") == []


def test_a_later_sentence_lends_its_figure_and_exporter():
    text = ("Colombia's first consignment of fresh mangoes bound for Korea left on Monday. "
            "Twelve containers of mangoes were dispatched by the Andes Fruit Company.")
    got = flows(text)
    assert len(got) == 1
    assert got[0]["quantity"] == 12 and got[0]["unit"] == "containers"


def test_falling_prices_elsewhere_in_the_clause_block_nothing():
    got = flows("Australia shipped less beef to China in March as prices fell.")
    assert [(f["from_"], f["to"], f["commodity"]) for f in got] == [("AU", "CN", "beef")]


def test_a_price_is_no_value_of_the_flow():
    got = flows("Chile shipped copper to Japan at prices of $8,000 per tonne.")
    assert [(f["from_"], f["to"], f.get("value")) for f in got] == [("CL", "JP", None)]


def test_appositive_supplier_keeps_its_subject_and_the_clause_its_goods():
    got = flows("Vietnam exported 80,000 tons of durian to China in March. Thailand, the largest supplier, "
                "shipped 150,000 tons to China over the same period, but Vietnamese fruit arrived earlier.")
    assert ("TH", "CN", "durian", 150000) in {(f["from_"], f["to"], f["commodity"], f.get("quantity")) for f in got}


def test_table_takes_the_goods_its_caption_names():
    text = ("Uruguay shipped less beef to Chile last year, while exports of live cattle went to Egypt.\n\n"
            "Main destinations for Uruguayan beef, 2021\n\n| Destination | Volume (tonnes) |\n|---|---|\n"
            "| Chile | 22,000 |\n| Brazil | 12,000 |\n| Israel | 9,000 |\n")
    got = flows(text)
    beef = {(f["to"], f.get("quantity"), f.get("date")) for f in got if f["commodity"] == "beef"}
    assert {("BR", 12000, "2021"), ("IL", 9000, "2021")} <= beef
    assert not [f for f in got if f["commodity"] == "live cattle" and f["to"] in ("BR", "IL")]


def test_a_total_lends_no_figure():
    got = flows("Uruguay shipped beef to Chile in 2021. Total beef exports fell 11% to 400,000 tonnes.")
    assert [(f["from_"], f["to"], f.get("quantity")) for f in got] == [("UY", "CL", None)]


def test_each_listed_source_is_a_flow():
    got = flows("Turkey imported wheat from Russia, Ukraine and Kazakhstan in 2021.")
    assert {(f["from_"], f["to"]) for f in got} == {("RU", "TR"), ("UA", "TR"), ("KZ", "TR")}


def test_each_listed_good_is_a_flow():
    got = flows("Kenya shipped tea, coffee and cut flowers to Egypt in May.")
    assert {f["commodity"] for f in got} == {"tea", "coffee", "cut flowers"}


def test_a_contrast_clause_keeps_its_own_goods_and_figures():
    got = flows("Cambodia shipped 15,000 tonnes of mangoes to China in 2021, while banana exports to China "
                "reached 270,000 tonnes.")
    assert {(f["commodity"], f["quantity"]) for f in got} == {("mangoes", 15000), ("banana", 270000)}


def test_a_contrast_clause_lends_no_destination_to_the_first():
    got = flows("Ethiopia exported 1.3 million sheep to Saudi Arabia, while Ethiopian coffee bound for "
                "Germany is also shipped through the port.")
    assert ("ET", "DE", "sheep") not in {(f["from_"], f["to"], f["commodity"]) for f in got}


def test_a_shared_destination_across_clauses():
    got = flows("Argentina sent 2,000 tonnes of beef to Chile, while Uruguay sent 1,500 tonnes.")
    assert {(f["from_"], f["to"], f["quantity"]) for f in got} == {("AR", "CL", 2000), ("UY", "CL", 1500)}


def test_a_ranked_partner_after_while_keeps_its_figure():
    got = flows("Peru's wine exports to Chile reached 9 million bottles in 2021, while Bolivia came second "
                "with 2 million bottles.")
    assert ("PE", "BO", 2e6) in {(f["from_"], f["to"], f.get("quantity")) for f in got}


def test_subject_before_a_relative_clause():
    got = flows("Kazakhstan delivered 5.9 billion cubic meters of gas to China, while Uzbekistan, which has been "
                "reducing exports to meet domestic demand, sent only about 1.1 billion cubic meters.")
    assert ("UZ", "CN", 1.1e9) in {(f["from_"], f["to"], f.get("quantity")) for f in got}


def test_value_after_destination_and_period():
    got = flows("Laos shipped 15,000 tonnes of bananas to China in the first ten months of the year, worth about "
                "13 million US dollars.")
    assert [(f.get("quantity"), f.get("value"), f.get("currency")) for f in got] == [(15000, 13e6, "USD")]


def test_the_goods_named_again_by_their_head_word():
    got = flows("Ghana, a big producer of raw cashew nuts, exported 40,000 tonnes of the nuts to India in May. "
                "The value of raw cashew exports to India was estimated at 30 billion CFA francs in May.")
    assert [(f["commodity"], f.get("quantity"), f.get("value")) for f in got] == [("raw cashew nuts", 40000, 30e9)]


def test_a_country_ranked_as_destination():
    got = flows("Ghana exported 400,000 tonnes of cocoa beans to the Netherlands in 2021. "
                "Belgium was the second destination with 63,000 tonnes.")
    assert ("GH", "BE", 63000) in {(f["from_"], f["to"], f.get("quantity")) for f in got}


def test_followed_by_partners_with_their_figures():
    got = flows("Argentina loaded 412,000 tonnes of soymeal for Vietnam last month, making it the top "
                "destination, followed by Indonesia with 298,000 tonnes and Poland with 155,000 tonnes.")
    assert {(f["to"], f["quantity"]) for f in got} == {("VN", 412000), ("ID", 298000), ("PL", 155000)}


def test_an_undated_flow_takes_the_year_just_reported():
    got = flows("Mongolia exported 2,000 tonnes of horse meat to Japan in 2021. "
                "Producers also shipped 500 tonnes of beef to Kazakhstan.")
    assert {(f["to"], f.get("date")) for f in got} == {("JP", "2021"), ("KZ", "2021")}


@pytest.mark.parametrize(("text", "exporter"), [
    ("AgroFert, Chile's largest producer of nitrate fertilizers, shipped 1.2 million tonnes to Brazil in 2021.",
     "AgroFert"),
    ("In the other direction, Nordic Aluminium Works (NAW) shipped 120,000 tonnes of Norwegian aluminium "
     "to Poland in 2021.",
     "Nordic Aluminium Works"),
    ("India allowed the export of 10,000 tonnes of onions to Nepal through the Western Farm Exports Ltd (WFEL).",
     "Western Farm Exports Ltd"),
    ("Chilean exports of frozen cherries to Korea began in 2021, with the first containers shipped by the "
     "Talca-based company Andes Fruit Ltd.", "Andes Fruit Ltd"),
])
def test_exporting_company(text, exporter):
    got = flows(text)
    assert got and all(f.get("exporter") == exporter for f in got), got


def test_the_company_is_the_exporter_named_before():
    got = flows("AgroFert, Chile's largest producer of nitrate fertilizers, shipped 1.2 million tonnes of urea to "
                "Brazil in 2021. Its chief executive said the company had also started supplies of potash to Peru.")
    assert {(f["to"], f.get("exporter")) for f in got} == {("BR", "AgroFert"), ("PE", "AgroFert")}


def test_a_country_with_an_aside_is_no_exporter():
    got = flows("China, the largest buyer of soybeans, imported 5 million tons from Brazil in May.")
    assert [(f["from_"], f["to"], f.get("exporter")) for f in got] == [("BR", "CN", None)]


def test_goods_bound_for_listed_countries():
    got = flows("Kenyan coffee bound for Germany and the United States is also shipped through the port.")
    assert {(f["from_"], f["to"]) for f in got} == {("KE", "DE"), ("KE", "US")}


def test_contracted_quantities_bound_for_countries():
    got = flows("The decree exempts quantities already contracted, including 25,000 tons of white sugar bound for "
                "Sudan and 15,000 tons for Libya.", title="Egypt bans sugar exports")
    assert {(f["from_"], f["to"], f["quantity"]) for f in got} == {("EG", "SD", 25000), ("EG", "LY", 15000)}


def test_smaller_amounts_refer_back_to_the_goods():
    got = flows("Tajikistan exported 1.5 million tons of cement to Uzbekistan in 2021. "
                "Smaller amounts also were delivered to Kyrgyzstan.")
    assert ("TJ", "KG", "cement") in {(f["from_"], f["to"], f["commodity"]) for f in got}


def test_unknown_goods_named_as_the_object():
    got = flows("Bhutan exported boulders worth 1.2 billion ngultrum to Bangladesh in 2021.")
    assert [(f["commodity"], f["from_"], f["to"]) for f in got] == [("boulders", "BT", "BD")]


def test_its_products_are_the_goods_named_before():
    got = flows("AgroFert, Chile's largest producer of fertilizers, shipped 1.6 million tonnes of its products "
                "to Brazil last year.")
    assert [(f["commodity"], f["to"]) for f in got] == [("fertilizer", "BR")]


def test_a_buyer_in_apposition_buys_from_the_possessive_country():
    got = flows("Shipments to Bangladesh, India's biggest onion buyer, have been moving under an earlier allocation.")
    assert [(f["from_"], f["to"]) for f in got] == [("IN", "BD")]


def test_each_partner_before_its_figure():
    got = flows("Garment exports to the US stood at $720 million in July, while shipments to Germany fetched "
                "$480 million and those to the UK $390 million.", title="Bangladesh garment exports rise")
    assert {(f["to"], f["value"]) for f in got} == {("US", 720e6), ("DE", 480e6), ("GB", 390e6)}


NEGATIVE = [
    "Russia plans to deliver 2 million tons of barley to Iran next year.",
    "Indonesia expects to export 500,000 tons of palm oil to Pakistan.",
    "The ministry aims to ship 1 million tonnes of rice to Africa by 2025.",
    "Ghana exported 800,000 tons of cocoa in all last season.",
    "Argentina sold 12 million tons of corn abroad in 2021.",
    "Turkey exported hazelnuts to 110 countries in 2021.",
    "Trade turnover between Kazakhstan and Uzbekistan reached $4 billion in 2021.",
    "Coffee prices in Brazil rose 12 percent in May.",
    "Exports of steel to Italy were halted in April.",
    "Customs officers from Laos were trained in Vietnam in March.",
    "The country held 4 million tons of wheat in stocks as of July 1.",
    "Clearance of goods from China now takes two hours.",
    "Peru could become a major supplier of avocados to India.",
    "The talks took place in Hanoi on Monday.",
    "The Egyptian market is important, said the minister.",
    "Officials said imports of cars would rise.",
    "The Kenyan trade minister went to Uganda on Monday.",
    "Ghana is a popular destination for tourists.",
    "Processors in Armenia have increasingly relied on imported wine distillates from Russia.",
    "In total, China imported 50 million tons of gas in 2021, the customs said.",
    "Chile exported more to Peru than to Bolivia.",
    "The ship bound for Rotterdam left Santos on Monday.",
    "Vietnam committed to supply 2 million tons of rice to the Philippines every year.",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_no_flow(text):
    assert flows(text) == []


def test_a_body_publishing_its_countrys_figures_is_the_exporter_nothing_else_names() -> None:
    # no dateline, no exporter in the text: "Statistics X" releasing a digest speaks of X's exports
    text = ("Statistics Lesotho hereby releases the trade digest for May. Total exports amounted to M310 million. "
            "Diamonds were mainly destined for Belgium and India.")
    doc = Document(path=Path("digest.txt"), text=text, title="Trade digest, May 2025", published="2025-07-01",
                   publisher="Statistics Lesotho")
    ctx = ArticleContext(doc, split_sentences(text), find_countries(text, "2025-07-01"))
    assert {(f.from_, f.to) for f in extract_trade_flows(ctx)} == {("LS", "BE"), ("LS", "IN")}


def test_a_figureless_flow_and_the_same_flow_with_its_figure_are_one() -> None:
    # the same pair, heading and period told twice, first without a figure: one flow, with the figure
    got = flows("Azerbaijan retained its position as the largest supplier of pipeline natural gas to Italy in "
                "2025, figures showed. Last year Italy imported 10.1 billion cubic metres of pipeline gas from "
                "Azerbaijan.", published="2026-02-03")
    assert [(f["from_"], f["to"], f.get("quantity")) for f in got] == [("AZ", "IT", 10.1e9)], got


def test_a_figureless_flow_of_another_period_stays_beside_a_figured_one() -> None:
    got = flows("Belgium and Japan were among the major buyers of Ethiopian coffee in the first quarter. "
                "A cooperative union shipped 46 containers of washed coffee to Japan in September.",
                published="2025-10-09")
    assert len([f for f in got if f["to"] == "JP"]) == 2, got


def test_a_markets_own_imports_name_no_seller() -> None:
    got = flows("The first shipment of Hass avocados from Colombia to South Korea left on Monday. The Korean market, "
                "where avocado imports have tripled in five years, is a major opportunity.", published="2026-03-17")
    assert [(f["from_"], f["to"]) for f in got] == [("CO", "KR")], got


def test_each_goods_comes_from_the_origin_named_before_it() -> None:
    read = flows("Georgia imported Turkish cement and Russian wheat in 2021.")
    got = {(f["commodity"], f["from_"], f["to"]) for f in read}
    assert got == {("cement", "TR", "GE"), ("wheat", "RU", "GE")}, got


def test_a_blocs_trade_is_no_countrys() -> None:
    read = flows("Uruguay's exports to Qatar rose. Mercosur exports to Qatar reached US$ 2.1 billion in 2021, mainly "
                 "beef and soybeans. Uruguay's exports to Qatar amounted to US$ 410 million in that year.")
    assert [(f["from_"], f["to"], f.get("value")) for f in read if f.get("value")] == [("UY", "QA", 410e6)], read


def test_a_stray_point_after_a_scale_word_ends_no_sentence() -> None:
    # a machine translation's "15.6 thousand. Tons" is one figure inside its sentence; "5 million." ends one
    text = ("Ukraine made big supplies to Poland (15.6 thousand. Tons) and Egypt (1.3 thousand. Tons). "
            "Exports reached 5 million. The ministry said so.")
    assert [s.text for s in split_sentences(text)] == [
        "Ukraine made big supplies to Poland (15.6 thousand. Tons) and Egypt (1.3 thousand. Tons).",
        "Exports reached 5 million.", "The ministry said so."]
