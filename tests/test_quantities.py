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
