"""Case table for numbers, units, money and rates."""

import pytest

from kb.extract.quantities import find_amounts, parse_number, rate_in

CASES = [
    ("exports 250 tons a year", ("250 tons a year", 250, "quantity", "t", None, "year")),
    ("some 48,750 tonnes of barley", ("48,750 tonnes", 48750, "quantity", "t", None, None)),
    ("1.7 million tons of rice", ("1.7 million tons", 1.7e6, "quantity", "t", None, None)),
    ("312.4 thousand tonnes of sugar", ("312.4 thousand tonnes", 312400, "quantity", "t", None, None)),
    ("6 Mln Tons of maize", ("6 Mln Tons", 6e6, "quantity", "t", None, None)),
    ("three million tonnes of ore", ("three million tonnes", 3e6, "quantity", "t", None, None)),
    ("2.5m tonnes of soybeans", ("2.5m tonnes", 2.5e6, "quantity", "t", None, None)),
    ("640 kilograms of saffron", ("640 kilograms", 640, "quantity", "kg", None, None)),
    ("12,500 metric tons", ("12,500 metric tons", 12500, "quantity", "t", None, None)),
    ("worth $57 million", ("$57 million", 57e6, "money", None, "USD", None)),
    ("US$2.3 billion in sales", ("US$2.3 billion", 2.3e9, "money", None, "USD", None)),
    ("valued at $3.1bn", ("$3.1bn", 3.1e9, "money", None, "USD", None)),
    ("refined petroleum – $1.12B", ("$1.12B", 1.12e9, "money", None, "USD", None)),  # a capital B is billions
    ("€450 million of machinery", ("€450 million", 450e6, "money", None, "EUR", None)),
    ("8.2 billion euros", ("8.2 billion euros", 8.2e9, "money", None, "EUR", None)),
    ("USD 75 million", ("USD 75 million", 75e6, "money", None, "USD", None)),
    ("120 million dollars", ("120 million dollars", 120e6, "money", None, "USD", None)),
    ("$40 million a month", ("$40 million a month", 40e6, "money", None, "USD", "month")),
    ("500 tons per week", ("500 tons per week", 500, "quantity", "t", None, "week")),
    ("a rise of 14 percent", ("14 percent", 14, "percent", None, None, None)),
    ("down 3.5%", ("3.5%", 3.5, "percent", None, None, None)),
    ("at US$2.10 per kilo", ("US$2.10 per kilo", 2.1, "price", None, "USD", None)),
    ("fetched $310/t", ("$310/t", 310, "price", None, "USD", None)),
    ("in 1,200 cases", ("1,200", 1200, "number", None, None, None)),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_first_amount(text, expected):
    a = find_amounts(text)[0]
    surface, value, kind, unit, currency, per = expected
    assert (text[a.start:a.end], a.kind, a.unit, a.currency, a.per) == (surface, kind, unit, currency, per)
    assert a.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["one of the largest", "two sides agreed", "a dozen officials"])
def test_number_words_alone_are_not_figures(text):
    assert find_amounts(text) == []


@pytest.mark.parametrize(("text", "value"), [("48,300", 48300), ("2.9 million", 2.9e6),
                                             ("five million", 5e6), ("1.2bn", 1.2e9), ("4 Mln", 4e6)])
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(("text", "per"), [("annually exports 250 tons", "year"),
                                           ("ships 40 containers a week", "week"),
                                           ("shipped 40 containers last week", None)])
def test_rate_in(text, per):
    assert rate_in(text) == per


def test_mixed_case_suffix_currency():
    from kb.extract.quantities import find_amounts
    money = [a for a in find_amounts("worth 13 million US dollars") if a.kind == "money"]
    assert [(m.value, m.currency) for m in money] == [(13e6, "USD")]


# ---------------------------------------------------------------- numbers as written (issue 7)
# Each case: invented snippet -> every amount found, as (surface, value, kind, unit, currency, per).

def _all(text):
    return [(text[a.start:a.end], a.value, a.kind, a.unit, a.currency, a.per) for a in find_amounts(text)]


def _q(surface, value, unit, per=None):
    return (surface, value, "quantity", unit, None, per)


def _m(surface, value, currency, per=None):
    return (surface, value, "money", None, currency, per)


GROUPING = [  # thousands written with commas, lakh grouping, no-break and thin spaces, decimal commas
    ("Mills shipped 3,45,000 tonnes of sugar.", [_q("3,45,000 tonnes", 345000, "t")]),
    ("A record 1,23,45,678 tonnes moved through the port.", [_q("1,23,45,678 tonnes", 12345678, "t")]),
    ("Dealers sold 12,50,000 bales abroad.", [_q("12,50,000 bales", 1250000, "bales")]),
    ("The yard handled 12\u00a0500 tonnes of scrap.", [_q("12\u00a0500 tonnes", 12500, "t")]),
    ("It moved 2\u202f350\u202f000 litres of oil.", [_q("2\u202f350\u202f000 litres", 2350000, "l")]),
    ("Some 48\u2009000 head crossed the border.", [_q("48\u2009000 head", 48000, "head")]),
    # spaces group the thousands and a comma marks the decimals, as Russian-language sources write them
    ("Russia was the largest buyer, taking 2 914,6 tons.", [_q("2 914,6 tons", 2914.6, "t")]),
    ("Farmers delivered 12 500 tonnes of barley.", [_q("12 500 tonnes", 12500, "t")]),
    ("The fund paid out 1,5 million euros.", [_m("1,5 million euros", 1.5e6, "EUR")]),
    ("Sales were worth US$ 2.130,5 million.", [_m("US$ 2.130,5 million", 2130.5e6, "USD")]),  # a point groups
    ("Sales reached 1,500 million euros.", [_m("1,500 million euros", 1.5e9, "EUR")]),
    ("Importers took 2,310 thousand tonnes.", [_q("2,310 thousand tonnes", 2310000, "t")]),
]

FUSED_UNITS = [  # the unit written against the digits, and abbreviations of the tonne
    ("Traders booked 52,000MT of rice.", [_q("52,000MT", 52000, "t")]),
    ("A 30,000t cargo left on time.", [_q("30,000t", 30000, "t")]),
    ("The plant made 450kg of saffron.", [_q("450kg", 450, "kg")]),
    ("Buyers ordered 3.5Mt of coal.", [_q("3.5Mt", 3.5e6, "t")]),
    ("Ships carried 45 mln tn of wheat.", [_q("45 mln tn", 45e6, "t")]),
    ("It bought 2.5 tn of tea leaves.", [_q("2.5 tn", 2.5, "t")]),
    ("The country imports 4 MMT of wheat.", [_q("4 MMT", 4e6, "t")]),
    ("Stocks stood at 12 LMT of rice.", [_q("12 LMT", 1.2e6, "t")]),
    ("Egypt received 802.6 KMT of flour.", [_q("802.6 KMT", 802600, "t")]),  # thousand metric tons
    ("Mills shipped 120 '000 t of maize.", [_q("120 '000 t", 120000, "t")]),
    ("Smelters sold 30 kt of copper.", [_q("30 kt", 30000, "t")]),
    ("A further 9 t of tea followed.", [_q("9 t", 9, "t")]),
    ("Millers took 800 mt of maize.", [_q("800 mt", 800, "t")]),
    ("The terminal handles 1.2 million MT a year.", [_q("1.2 million MT a year", 1.2e6, "t", "year")]),
]

VOLUME_AND_COUNTS = [  # cubic metres, packages, livestock, vehicles, containers, barrels and rates in one word
    ("Loggers shipped 1,200 m³ of teak.", [_q("1,200 m³", 1200, "m3")]),
    ("Distillers sold 5.62 million cases in the US.", [_q("5.62 million cases", 5.62e6, "cases")]),  # wine, spirits
    ("Loggers shipped 1,200 m3 of teak.", [_q("1,200 m3", 1200, "m3")]),
    ("Mills sold 800 cubic metres of sawn wood.", [_q("800 cubic metres", 800, "m3")]),
    ("Wineries shipped 4,812,000 HL abroad.", [_q("4,812,000 HL", 481.2e6, "l")]),  # hectolitres, in capitals
    ("Growers shipped 74,100 GB bags of coffee.", [_q("74,100 GB bags", 74100, "bags")]),  # a grade's initials
    ("Growers shipped 40,000 bags of coffee.", [_q("40,000 bags", 40000, "bags")]),
    ("Output reached 12 million 60-kg bags of coffee.", [_q("12 million 60-kg bags", 12e6, "bags")]),
    ("Cooperatives sold 250,000 60kg bags.", [_q("250,000 60kg bags", 250000, "bags")]),
    ("Relief agencies sent 2,000 sacks of maize.", [_q("2,000 sacks", 2000, "bags")]),
    ("Ginners exported 3,500 bales of cotton.", [_q("3,500 bales", 3500, "bales")]),
    ("Farms packed 800 cartons of mangoes.", [_q("800 cartons", 800, "cartons")]),
    ("Orchards sent 900 boxes of apples.", [_q("900 boxes", 900, "boxes")]),
    ("Growers flew 120 pallets of roses.", [_q("120 pallets", 120, "pallets")]),
    ("The brewery shipped 75 crates of beer.", [_q("75 crates", 75, "crates")]),
    ("Traders moved 600 drums of palm oil.", [_q("600 drums", 600, "drums")]),
    ("Herders sold 12,000 heads of goats.", [_q("12,000 heads", 12000, "head")]),
    ("Ranchers exported 500,000 head of cattle.", [_q("500,000 head of cattle", 500000, "head")]),
    ("Some 3,000 animals were loaded.", [_q("3,000 animals", 3000, "head")]),
    ("Dealers imported 8,000 vehicles.", [_q("8,000 vehicles", 8000, "units")]),
    ("The factory shipped 2,500 units.", [_q("2,500 units", 2500, "units")]),
    ("The port handled 12,000 TEU.", [_q("12,000 TEU", 12000, "TEU")]),
    ("Forwarders booked 300 40-foot containers.", [_q("300 40-foot containers", 300, "containers")]),
    ("Tankers lifted 1.2 million barrels.", [_q("1.2 million barrels", 1.2e6, "barrels")]),
    ("The field pumps 850,000 bpd.", [_q("850,000 bpd", 850000, "barrels", "day")]),
    ("The plant can make 5 mtpa of LNG.", [_q("5 mtpa", 5e6, "t", "year")]),
    ("Vintners sold five million bottles.", [_q("five million bottles", 5e6, "bottles")]),
]

CURRENCIES = [  # prefixes, suffixes, symbols, codes, local forms
    ("The deal is worth R2.5 billion.", [_m("R2.5 billion", 2.5e9, "ZAR")]),
    ("Re-exports fell to RO318.5mn.", [_m("RO318.5mn", 318.5e6, "OMR")]),  # the Gulf press: Omani rials, two letters
    ("Sales reached BD1.2bn last year.", [_m("BD1.2bn", 1.2e9, "BHD")]),
    ("Exports were worth RM28.4bil last year.", [_m("RM28.4bil", 28.4e9, "MYR")]),  # the Malaysian press's "bil"
    ("Revenue rose to N$300 million.", [_m("N$300 million", 3e8, "NAD")]),
    ("Cocoa earned GH₵1.2 billion.", [_m("GH₵1.2 billion", 1.2e9, "GHS")]),
    ("Duties brought in ₦45 billion.", [_m("₦45 billion", 4.5e10, "NGN")]),
    ("Exporters earned N5bn from sesame.", [_m("N5bn", 5e9, "NGN")]),
    ("Remittances reached P3,905.8 million.", [_m("P3,905.8 million", 3.9058e9, "PHP")]),  # peso (or pula: flows)
    ("Tea fetched KSh3.4 billion.", [_m("KSh3.4 billion", 3.4e9, "KES")]),
    ("Kava earned VT 287 million.", [_m("VT 287 million", 2.87e8, "VUV")]),  # the vatu as Vanuatu writes it
    ("Logs earned SI$ 45 million.", [_m("SI$ 45 million", 4.5e7, "SBD")]),
    ("Sugar earned FJD 12 million.", [_m("FJD 12 million", 1.2e7, "FJD")]),
    ("Flowers earned Sh2 billion last month.", [_m("Sh2 billion", 2e9, "KES")]),
    ("The levy raised TZS 500 million.", [_m("TZS 500 million", 5e8, "TZS")]),
    ("Coffee brought UGX 1.2 trillion.", [_m("UGX 1.2 trillion", 1.2e12, "UGX")]),
    ("Palm oil earned Rp 4.5 trillion.", [_m("Rp 4.5 trillion", 4.5e12, "IDR")]),
    ("Rubber sales hit RM2.1 billion.", [_m("RM2.1 billion", 2.1e9, "MYR")]),
    ("Rice sales hit Bt5 billion.", [_m("Bt5 billion", 5e9, "THB")]),
    ("Bananas earned ₱3 billion.", [_m("₱3 billion", 3e9, "PHP")]),
    ("Shrimp earned ₹2,500 crore.", [_m("₹2,500 crore", 2.5e10, "INR")]),
    ("Garments brought Tk 500 crore.", [_m("Tk 500 crore", 5e9, "BDT")]),
    ("Coffee earned Br 3 billion.", [_m("Br 3 billion", 3e9, "ETB")]),
    ("The scheme costs Rs. 1,200 crore.", [_m("Rs. 1,200 crore", 1.2e10, "INR")]),
    ("Copper paid ZK 400 million in royalties.", [_m("ZK 400 million", 4e8, "ZMW")]),
    ("Tobacco earned MK 20 billion.", [_m("MK 20 billion", 2e10, "MWK")]),
    ("Chips worth ₩1.5 trillion left the port.", [_m("₩1.5 trillion", 1.5e12, "KRW")]),
    ("Hazelnuts earned TL 3 billion.", [_m("TL 3 billion", 3e9, "TRY")]),
    ("Hazelnuts earned ₺800 million.", [_m("₺800 million", 8e8, "TRY")]),
    ("Grain earned ₴2 billion.", [_m("₴2 billion", 2e9, "UAH")]),
    ("Wheat earned ₸50 billion.", [_m("₸50 billion", 5e10, "KZT")]),
    ("Re-exports reached AED 2 billion.", [_m("AED 2 billion", 2e9, "AED")]),
    ("Gold trade hit Dh5 billion.", [_m("Dh5 billion", 5e9, "AED")]),
    ("Dates earned SR 4 billion.", [_m("SR 4 billion", 4e9, "SAR")]),
    ("The port earned QR 700 million.", [_m("QR 700 million", 7e8, "QAR")]),
    ("Cotton earned E£3 billion.", [_m("E£3 billion", 3e9, "EGP")]),
    ("Citrus earned LE 12 billion.", [_m("LE 12 billion", 1.2e10, "EGP")]),
    ("Dates earned DA 30 billion.", [_m("DA 30 billion", 3e10, "DZD")]),
    ("Phosphates earned MAD 2 billion.", [_m("MAD 2 billion", 2e9, "MAD")]),
    ("Tomatoes earned DH 800 million.", [_m("DH 800 million", 8e8, "MAD")]),
    ("Cashew earned 12 billion CFA francs.", [_m("12 billion CFA francs", 1.2e10, "XOF")]),
    ("Cotton earned 5 billion F CFA.", [_m("5 billion F CFA", 5e9, "XOF")]),
    ("Semiconductors earned 2.3 trillion won.", [_m("2.3 trillion won", 2.3e12, "KRW")]),
    ("The deal is worth US$5 million.", [_m("US$5 million", 5e6, "USD")]),
    ("The deal is worth USD 5 million.", [_m("USD 5 million", 5e6, "USD")]),
    ("The deal is worth 5 million dollars.", [_m("5 million dollars", 5e6, "USD")]),
    ("Machinery worth £5 million arrived.", [_m("£5 million", 5e6, "GBP")]),
    ("Cars worth ¥5 billion were sold.", [_m("¥5 billion", 5e9, "JPY")]),
    ("Orders reached 5 billion yuan.", [_m("5 billion yuan", 5e9, "CNY")]),
    ("Orders reached RMB 5 billion.", [_m("RMB 5 billion", 5e9, "CNY")]),
    ("Orders reached CNY 5 billion.", [_m("CNY 5 billion", 5e9, "CNY")]),
    ("Spices earned 5 billion rupees.", [_m("5 billion rupees", 5e9, "INR")]),
    ("The outlay is Rs 5 lakh crore.", [_m("Rs 5 lakh crore", 5e12, "INR")]),
    ("Farmers received 5 crore rupees.", [_m("5 crore rupees", 5e7, "INR")]),
    ("Subsidies of Rs 500 cr were paid.", [_m("Rs 500 cr", 5e9, "INR")]),
    ("A $1.2-billion plant is planned.", [_m("$1.2-billion", 1.2e9, "USD")]),
    ("Trade reached $1.2 tn last year.", [_m("$1.2 tn", 1.2e12, "USD")]),
]

WRITTEN_OUT = [  # numbers in words, with scales
    ("It is a billion dollars of trade.", [_m("a billion dollars", 1e9, "USD")]),
    ("Some half a million tonnes moved.", [_q("half a million tonnes", 5e5, "t")]),
    ("Exports hit nearly 1.5 million tons.", [_q("1.5 million tons", 1.5e6, "t")]),
    ("About one and a half million tonnes left.", [_q("one and a half million tonnes", 1.5e6, "t")]),
    ("Two hundred thousand tonnes were sold.", [_q("Two hundred thousand tonnes", 2e5, "t")]),
    ("Some twenty-five thousand head crossed.", [_q("twenty-five thousand head", 25000, "head")]),
    ("They shipped three containers of tiles.", [_q("three containers", 3, "containers")]),
    ("A hundred thousand bags were loaded.", [_q("A hundred thousand bags", 1e5, "bags")]),
    ("Shares rose five percent.", [("five percent", 5, "percent", None, None, None)]),
]

RANGES = [  # one amount over both bounds; its value is the lower bound
    ("Mills need 10,000-12,000 tonnes a month.", [_q("10,000-12,000 tonnes a month", 10000, "t", "month")]),
    ("Mills need 10,000–12,000 tonnes.", [_q("10,000–12,000 tonnes", 10000, "t")]),
    ("Buyers want between 10,000 and 12,000 tonnes.", [_q("10,000 and 12,000 tonnes", 10000, "t")]),
    ("Buyers want 10,000 to 12,000 tonnes.", [_q("10,000 to 12,000 tonnes", 10000, "t")]),
    ("Output may reach 5-6 million tonnes.", [_q("5-6 million tonnes", 5e6, "t")]),
    ("The plant will cost $5-6 million.", [_m("$5-6 million", 5e6, "USD")]),
    ("Tariffs of 10-12% apply.", [("10-12%", 10, "percent", None, None, None)]),
    ("Oil traded at $80-85 a barrel.", [("$80-85 a barrel", 80, "price", None, "USD", None)]),
    ("Deals of between $5 million and $6 million each.", [_m("$5 million and $6 million", 5e6, "USD")]),
    ("Revenue grew from $5 million to $6 million.", [_m("$5 million", 5e6, "USD"), _m("$6 million", 6e6, "USD")]),
]

PRICES_AND_PERCENTS = [  # a money amount per unit is a price; a percent stays a percent
    ("Wheat sold for $300 a tonne.", [("$300 a tonne", 300, "price", None, "USD", None)]),
    ("Saffron fetched $2.50 per kg.", [("$2.50 per kg", 2.5, "price", None, "USD", None)]),
    ("Cocoa traded at $310/t.", [("$310/t", 310, "price", None, "USD", None)]),
    ("Bags sold at KSh 3,000 per bag.", [("KSh 3,000 per bag", 3000, "price", None, "KES", None)]),
    ("Gas cost $9 per MMBtu.", [("$9 per MMBtu", 9, "price", None, "USD", None)]),
    ("Cattle sold at R15,000 a head.", [("R15,000 a head", 15000, "price", None, "ZAR", None)]),
    ("Margins fell 3 percentage points.", [("3 percentage points", 3, "percent", None, None, None)]),
    ("Exports rose 15 per cent.", [("15 per cent", 15, "percent", None, None, None)]),
    ("Sales were up 58pc on the year.", [("58pc", 58, "percent", None, None, None)]),
]

NOT_FIGURES = [  # numbers that are no quantity or money, or no number at all
    ("the 60-kg bags were reused", []),
    ("rice packed in 25-kg sacks", []),
    ("COVID-19 vaccines arrived", []),
    ("N95 masks were donated", []),
    ("Take route RO12 north", []),  # fused letters refused without a scale word, separator or four digits
    ("the G20 members met", []),
    ("the 5th round of talks", []),
    ("in the 1990s", []),
    ("a dozen officials attended", []),
    ("one of the largest buyers", []),
    ("Exports rose in 2022 to 12,000 tonnes.",
     [("2022", 2022, "number", None, None, None), _q("12,000 tonnes", 12000, "t")]),
    ("rose from 10,000 to 12,000 tonnes",
     [("10,000", 10000, "number", None, None, None), _q("12,000 tonnes", 12000, "t")]),
    ("grew 12 percent to 2,000 tonnes",
     [("12 percent", 12, "percent", None, None, None), _q("2,000 tonnes", 2000, "t")]),
    ("a 5 m wall", [("5", 5, "number", None, None, None)]),
    ("Article 14 of the code", [("14", 14, "number", None, None, None)]),
    ("In 2019 500 tonnes left.", [("2019", 2019, "number", None, None, None), _q("500 tonnes", 500, "t")]),
    ("ships sold 1,5 and 7 units", [("1", 1, "number", None, None, None), _q("7 units", 7, "units")]),
]


@pytest.mark.parametrize(("text", "expected"), [*GROUPING, *FUSED_UNITS, *VOLUME_AND_COUNTS, *CURRENCIES,
                                                *WRITTEN_OUT, *RANGES, *PRICES_AND_PERCENTS, *NOT_FIGURES])
def test_numbers_as_written(text, expected):
    got = _all(text)
    assert [g[:1] + g[2:] for g in got] == [e[:1] + e[2:] for e in expected]
    assert [g[1] for g in got] == pytest.approx([e[1] for e in expected])


def test_amounts_data_file():
    """amounts.yaml: rate units shaped like units.yaml and clear of its forms; packages and sizes are units."""
    import yaml

    from kb.extract.quantities import DATA

    amounts = yaml.safe_load((DATA / "amounts.yaml").read_text(encoding="utf-8"))
    units = yaml.safe_load((DATA / "units.yaml").read_text(encoding="utf-8"))
    unit_names = {e["unit"] for e in units}
    unit_forms = {f if len(f) <= 3 else f.lower() for e in units for f in e["forms"]}
    for e in amounts["rate_units"]:
        assert set(e) == {"unit", "factor", "per", "forms"} and e["per"] in {"year", "month", "week", "day"}
        assert e["unit"] in unit_names and not {f if len(f) <= 3 else f.lower() for f in e["forms"]} & unit_forms
    assert set(amounts["packages"]) <= unit_names and set(amounts["sizes"]["units"]) <= unit_names
    currencies = {e["code"] for e in yaml.safe_load((DATA / "currencies.yaml").read_text(encoding="utf-8"))}
    assert set(amounts["fused_currencies"].values()) <= currencies


@pytest.mark.parametrize(("text", "expected"), [
    ("were 3.2 and 1.1 million tonnes, respectively", [(3.2e6, "t"), (1.1e6, "t")]),
    ("stood at 12,000, 8,500 and 3,100 tonnes", [(12000, "t"), (8500, "t"), (3100, "t")]),
    ("earned $2.1, $1.5 and $0.9 billion", [(2.1e9, "USD"), (1.5e9, "USD"), (0.9e9, "USD")]),
])
def test_a_list_of_numbers_shares_the_unit_and_scale_of_its_last(text: str, expected: list) -> None:
    got = [(a.value, a.unit or a.currency) for a in find_amounts(text) if a.kind in ("quantity", "money")]
    assert got == expected


def test_a_year_before_a_figure_takes_no_unit() -> None:
    assert find_amounts("in 2022 and 2023 tonnes")[0].kind == "number"


def test_scaled_figures_are_the_numbers_written_not_float_artefacts() -> None:
    assert find_amounts("4.1 million tonnes")[0].value == 4_100_000


@pytest.mark.parametrize(("text", "value"), [
    ("delivered to Turkey (17 thousand 310 tons)", 17_310),
    ("exported 1 million 250 thousand tonnes", 1_250_000),
])
def test_a_number_written_in_parts_is_one_figure(text: str, value: float) -> None:
    assert [a.value for a in find_amounts(text) if a.kind == "quantity"] == [value]


def test_a_text_with_decimal_commas_groups_thousands_with_points() -> None:
    text = "Uruguay shipped 178.420 tonnes of beef, earning 812,6 million dollars"
    assert [(a.value, a.unit or a.currency) for a in find_amounts(text)] == [(178_420, "t"), (812_600_000, "USD")]
    assert find_amounts("Kenya exported 4.5 million tonnes worth 1.250 dollars")[0].value == 4_500_000


@pytest.mark.parametrize(("text", "values"), [
    # a tonnage padded with zeros after a point groups thousands, even where commas group the others
    ("taking 702.400 tons worth USD381.2 million, and 498,300 tons", [702400.0, 381200000.0, 498300.0]),
    ("shipped 12.300 tonnes", [12300.0]),
    # … but a decimal is a decimal: no padding, a scale word after, or money
    ("about 1.5 tons", [1.5]),
    ("weighing 2.450 kg", [2.45]),
    ("exports of 2.125 million tons", [2125000.0]),
])
def test_point_padded_with_zeros_groups_thousands(text, values):
    assert [a.value for a in find_amounts(text)] == values


def test_a_stray_point_between_a_scale_and_its_unit() -> None:
    # "15.6 thousand. Tons": a machine translation's point between the scale word and a capitalised unit
    text = "supplies to Poland (15.6 thousand. Tons) and Egypt (1.3 thousand. Tons). Exports reached 5 million. Then"
    assert [(a.value, a.unit) for a in find_amounts(text)] == [(15600.0, "t"), (1300.0, "t"), (5000000.0, None)]
