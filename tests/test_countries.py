"""The countries stage: names, adjectives and capitals, not regions or people named after a capital."""

from __future__ import annotations

import pytest

from kb.extract.countries import dateline_country, find_countries, with_shared_adjectives


@pytest.mark.parametrize(("text", "expected"), [
    ("Exports to Latin America grew by a fifth.", []),
    ("North American buyers paid more.", []),
    ("South American soybeans arrived in Rotterdam.", ["NL"]),  # a port stands for its country (cities.yaml)
    ("American buyers paid more.", ["US"]),
    ("Foreign Minister Santiago Cafiero of Argentina signed it.", ["AR"]),
    ("The ministers met in Santiago on Monday.", ["CL"]),
    # a capital ending a person's name: after an honorific, or after two given names
    ("The meeting was chaired by Mr. Rafael Monteiro Lima of Brazil.", ["BR"]),
    ("Jorge Andrade Lima, the director, spoke in Brasilia.", ["BR"]),
    ("Trade Ministers Meet In Lima", ["PE"]),  # a headline's words keep the place
    ("The Yerevan Brandy Company is owned by a French group.", ["AM", "FR"]),
    ("Nairobi County officials inspected the market.", ["KE"]),
    ("Lima (Reuters) - Peru's exports rose.", ["PE", "PE"]),
    ("Figures reported by Interfax-Kazakhstan show it.", []),
    ("Sino-Russian trade and the Chile-Peru border.", ["RU", "CL", "PE"]),
    ("China and Hong Kong (China) bought shrimp.", ["CN", "HK"]),
    # accents kept or dropped at will: the same country either way
    ("Việt Nam's shrimp went to Perú and México.", ["VN", "PE", "MX"]),
    ("Turkiye and Türkiye.", ["TR", "TR"]),
    ("Germán Bahena, an economist, spoke.", []),  # a Spanish given name, not "German"
    ("the United States-Mexico-Canada Agreement", ["US", "MX", "CA"]),  # countries joined by hyphens
    ("Tea worth US$ 20 million went to Iran, and 5 million US dollars more.", ["IR"]),  # money, not the US
    ("Zim, Indonesia to negotiate preferential trade deal", ["ZW", "ID"]),  # a headline's short name
    ("NZ log exports to India", ["NZ", "IN"]),  # the short form news and outlets' names write
    ("Logs earned NZ$165 million, and the NZ dollar fell against China's yuan.", ["CN"]),  # money, not the country
    ("The ZIM vessel called at Mombasa.", ["KE"]),  # the shipping line writes itself in capitals
    # a paragraph's first words shouted: names and adjectives read, a capital city in capitals may be an abbreviation
    ("GHANA'S cocoa exports to the NETHERLANDS rose.", ["GH", "NL"]),
    ("SOUTH AFRICAN citrus reached CHINA.", ["ZA", "CN"]),
    ("LIMA and PERU.", ["PE"]),
    # an adjective some outlets write in lower case: read before a word of trade only
    ("Sales to the russian and belarusian markets held up.", ["RU", "BY"]),
    ("The turkish delight and the french fries.", []),
    # an adjective naming a language, not the country
    ("The Chamber of Exporters (CAPEX, for its acronym in Spanish) met.", []),
    ("The SENASA, by its Spanish initials, and a French-language daily.", []),
    ("The statement, translated from Portuguese, was read in French.", []),
    ("Spanish exports fell in Spanish ports.", ["ES", "ES"]),  # … but still the country before a noun
])
def test_countries_found(text: str, expected: list[str]) -> None:
    assert [c.code for c in find_countries(text)] == expected


def test_a_bloc_joined_by_a_hyphen_keeps_the_country_after_it() -> None:
    codes = [c.code for c in find_countries("The ASEAN-Korea deal.")]
    assert codes[-1] == "KR" and "TH" in codes


def test_blocs_written_in_capitals_stay_blocs_among_shouted_words() -> None:
    codes = {c.code for c in find_countries("KENYA joined talks between ASEAN and the EAEU.")}
    assert {"KE", "TH", "RU"} <= codes


def test_a_mention_keeps_its_accented_surface() -> None:
    [mention] = find_countries("Perú exported more.")
    assert (mention.surface, mention.start, mention.end) == ("Perú", 0, 4)


def test_an_accented_dateline_names_its_country() -> None:
    assert dateline_country("HÀ NỘI — Exports rose.") == "VN"


@pytest.mark.parametrize(("text", "expected"), [
    ("Exports of frozen redfish and Greenland halibut rose.", []),  # goods that bear a country's name
    ("Bolivia sold Brazil nuts to Germany.", ["BO", "DE"]),
    ("Greenland exports fish to Denmark.", ["GL", "DK"]),  # the name acting is the country
])
def test_goods_named_after_a_country_name_no_country(text: str, expected: list[str]) -> None:
    assert [c.code for c in find_countries(text)] == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("the Greater Mekong Subregion transport pact", "2024-05-01", ["CN", "KH", "LA", "MM", "TH", "VN"]),
    ("the Mano River Union trade protocol", "2026-10-08", ["CI", "GN", "LR", "SL"]),  # Côte d'Ivoire since 2008
    ("the Baltic states bought more grain", "2024-05-01", ["EE", "LT", "LV"]),
    ("a SAARC summit", "2005-01-01", ["BD", "BT", "IN", "LK", "MV", "NP", "PK"]),  # before Afghanistan joined
    ("Visegrad Group ministers met", "2024-05-01", ["CZ", "HU", "PL", "SK"]),
])
def test_more_blocs_stand_for_their_members(text: str, published: str, expected: list[str]) -> None:
    assert sorted({c.code for c in find_countries(text, published)}) == expected


@pytest.mark.parametrize(("text", "adjective_code"), [
    ("Dominica signed the memorandum. Dominican rum enters Britain duty free.", "DM"),
    ("Dominican rum enters Britain duty free.", "DO"),
    ("Dominica and the Dominican Republic met. Dominican rum enters Britain.", "DO"),
    ("Guinea-Bissau sold cashews to India. Guinean cashews are prized.", "GW"),
])
def test_an_adjective_two_countries_share_is_the_one_the_story_names(text: str, adjective_code: str) -> None:
    mentions = with_shared_adjectives(find_countries(text))
    assert [m.code for m in mentions if m.form == "adjective"] == [adjective_code]


def test_cariforum_stands_for_its_members() -> None:
    codes = {m.code for m in find_countries("The CARIFORUM-UK Economic Partnership Agreement", "2026-04-09")
             if m.form == "bloc"}
    assert {"DM", "DO", "JM", "TT", "BS"} <= codes and "CU" not in codes and "MS" not in codes
