"""The goods-term finder: the data's terms, their plurals, and a plural term's singular used as a modifier."""

from __future__ import annotations

import pytest

from kb.extract.commodities import find_commodities, hs_for


@pytest.mark.parametrize("text,name", [
    ("Hazelnut exports earn $2.9 billion", "hazelnuts"),
    ("almond growers expect a smaller crop", "almonds"),
    ("Walnut shipments to Turkey rose", "walnuts"),
    ("China was the top destination of Iranian pistachio, buying 4,218 tons", "pistachios"),  # after an origin
])
def test_a_plural_terms_singular_before_a_trade_noun_is_the_goods(text: str, name: str) -> None:
    assert [c.name for c in find_commodities(text)] == [name]


@pytest.mark.parametrize("text", [
    "Prices rose sharply in March.",  # "rose" is a verb, though "roses" are goods
    "The walnut tree in the garden",  # a singular without a trade noun after it is not read
])
def test_a_singular_alone_is_no_goods(text: str) -> None:
    assert find_commodities(text) == []


@pytest.mark.parametrize("phrase,code", [
    # a subheading where the goods name one (six digits), the heading where they do not
    ("fresh avocados", "080440"), ("Hass avocados", "080440"), ("blueberries", "081040"),
    ("lemons", "080550"), ("table grapes", "080610"), ("raisins", "080620"), ("grapes", "0806"),
    ("broken rice", "100640"), ("rice", "1006"), ("LNG", "271111"), ("lithium carbonate", "283691"),
    ("soyabeans", "120190"), ("kava", "1211"), ("copra", "1203"), ("raw jute", "5303"), ("jute yarn", "5307"),
    ("sugar", "1701"), ("wool", "5101"), ("lamb", "0204"), ("live lambs", "0104"), ("tuna loins", "0304"),
    ("copper ores and concentrates", "2603"), ("soap", "3401"), ("wood pellets", "440131"),
    ("crude palm oil", "151110"), ("refined petroleum", "2710"), ("edible bird's nest", "0410"), ("talc", "2526"),
    # frozen fruit is 0811 whatever the fresh fruit's subheading
    ("frozen blueberries", "0811"), ("frozen mangoes", "0811"),
    # a term as the data writes it wins over another heading's plural folded to it: the spice, the vegetables
    ("pepper", "0904"), ("black pepper", "0904"), ("peppers", "0709"), ("sweet peppers", "0709"),
    # the Baltic and Nordic ministries' word for wood and its articles; a stone crusher is machinery
    ("forestry products", "44"), ("stone crushers", "8474"),
])
def test_hs_codes(phrase: str, code: str) -> None:
    assert hs_for(phrase) == code


@pytest.mark.parametrize("name,code", [
    # a head whose compounds stay in its heading keeps it whatever names its kind
    ("pomegranate juice", "2009"), ("electrical cables", "8544"), ("industrial salt", "2501"),
    ("cashew kernels", "080132"), ("walnut kernels", "080232"),
    # other heads do not: a compound is goods of its own
    ("shea butter", None), ("non-basmati rice", None), ("fresh pears", "080830"),
    # a hyphenated trait of the goods is no other goods; a variety's name alone is its fruit
    ("green-skin avocados", "080440"), ("export-grade cashews", "0801"), ("Hass", "080440"),
    ("grass-fed beef", "0202"),
    # "<goods> products" are products of those goods: their heading; a listed term keeps its own
    ("whey products", "0404"), ("wood products", "44"), ("petroleum products", "2710"),
    ("light industrial products", None),
])
def test_goods_hs_of_compounds(name: str, code: str | None) -> None:
    from kb.extract.flows.goods import goods_hs
    assert goods_hs(name) == code


@pytest.mark.parametrize(("text", "hs"), [
    ("frozen yellowfin tuna", "0303"),
    ("cooked and peeled shrimp", "1605"),
    ("electrical wiring harnesses", "8544"),
    ("sawn radiata pine", "4407"),
    ("npk fertilisers", "3105"),  # mixed fertilisers, not the chapter
    ("di ammonium phosphate", "3105"),
])
def test_named_kinds_keep_their_heading(text: str, hs: str) -> None:
    assert [(c.name, c.hs) for c in find_commodities(text)] == [(text, hs)]


@pytest.mark.parametrize(("phrase", "code"), [
    # a fish named by species takes the heading of its form
    ("fresh haddock", "0302"), ("chilled hake", "0302"), ("frozen redfish", "0303"), ("catfish fillets", "0304"),
    ("smoked halibut", "0305"), ("turbot", "03"),
])
def test_a_fish_species_takes_the_heading_of_its_form(phrase: str, code: str) -> None:
    assert hs_for(phrase) == code


@pytest.mark.parametrize("text", [
    "Morocco remains the largest market for Tunisian dates.",
    "Exports of premium dates rose to 40,000 tonnes.",
    "Iraq's date exports reached 650,000 tonnes.",
    "The dates sector employs 60,000 people.",
])
def test_dates_marked_by_an_origin_or_a_trade_word_are_the_fruit(text: str) -> None:
    assert [(c.name, c.hs) for c in find_commodities(text)] == [("dates", "0804")]


@pytest.mark.parametrize("text", [
    "The two sides set the dates for the next round of talks.",
    "Delivery dates slipped by two weeks.",
    "Both dates fall in March.",
])
def test_dates_of_a_calendar_are_no_goods(text: str) -> None:
    assert find_commodities(text) == []
