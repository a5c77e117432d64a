"""Article metadata of news pages, press releases and agency pages: publisher, title, author.

Every page is invented; each test is one way a page prints who publishes it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.readers import read_article
from kb.readers.publishers import by_name, country_of

BODY = ("Lorvania and Sildavia agreed on Tuesday to open two new border crossings for freight, the "
        "transport ministries of both countries said in a joint statement after two days of talks.")
MORE = ("The crossings will open in March and should cut waiting times for lorries by half, officials said, "
        "adding that customs officers of both sides would share one building at each crossing.")


def page(tmp_path: Path, head: str, name: str = "page.txt") -> Path:
    path = tmp_path / name
    path.write_text(f"{head}\n\n{BODY}\n\n{MORE}\n", encoding="utf-8")
    return path


def test_a_masthead_with_short_and_full_name_is_the_publisher_as_printed(tmp_path: Path) -> None:
    doc = read_article(page(tmp_path, "MAP - Maghreb Arabe Presse\nHome > Economy\n\n"
                                      "Lorvania and Sildavia open two freight crossings"))
    assert doc.publisher == "MAP - Maghreb Arabe Presse"
    assert doc.title == "Lorvania and Sildavia open two freight crossings"


def test_a_masthead_with_a_tagline_after_a_comma(tmp_path: Path) -> None:
    doc = read_article(page(tmp_path, "Hespress, the News of Morocco\n\nHome > Economy\n\n"
                                      "Lorvania and Sildavia open two freight crossings"))
    assert doc.publisher == "Hespress"
    assert doc.title == "Lorvania and Sildavia open two freight crossings"


def test_an_unknown_outlet_atop_its_breadcrumb(tmp_path: Path) -> None:
    doc = read_article(page(tmp_path, "Sildavia Courier\nHome / Business / Trade\n\n"
                                      "Lorvania and Sildavia open two freight crossings"))
    assert doc.publisher == "Sildavia Courier"
    assert doc.author is None
    assert doc.title == "Lorvania and Sildavia open two freight crossings"


def test_an_agency_press_release_names_the_agency_as_publisher_not_title(tmp_path: Path) -> None:
    doc = read_article(page(tmp_path, "Lorvania Revenue & Customs Service\n\n"
                                      "Lorvania and Sildavia sign customs cooperation pact"))
    assert doc.publisher == "Lorvania Revenue & Customs Service"
    assert doc.title == "Lorvania and Sildavia sign customs cooperation pact"


def test_a_ministry_page(tmp_path: Path) -> None:
    doc = read_article(page(tmp_path, "Ministry of Foreign Trade of Lorvania\n\n"
                                      "Minister opens two new freight crossings"))
    assert doc.publisher == "Ministry of Foreign Trade of Lorvania"
    assert doc.title == "Minister opens two new freight crossings"


def test_an_outlet_tagline_is_not_the_title(tmp_path: Path) -> None:
    doc = read_article(page(tmp_path, "Gulf Times\nQatar's Leading Daily Newspaper\n\n"
                                      "Lorvania and Sildavia open two freight crossings"))
    assert doc.publisher == "Gulf Times"
    assert doc.title == "Lorvania and Sildavia open two freight crossings"


def test_skip_links_are_not_the_title(tmp_path: Path) -> None:
    doc = read_article(page(tmp_path, "Skip to main content\n\nLorvania and Sildavia open two freight crossings"))
    assert doc.title == "Lorvania and Sildavia open two freight crossings"


def test_a_headline_in_title_case_stays_the_title(tmp_path: Path) -> None:
    doc = read_article(page(tmp_path, "Lorvania And Sildavia Sign Pact On Customs\n\nBy Ana Ruiz"))
    assert doc.title == "Lorvania And Sildavia Sign Pact On Customs"
    assert doc.author == "Ana Ruiz"


def test_an_author_line_with_the_place_written_from(tmp_path: Path) -> None:
    doc = read_article(page(tmp_path, "Ukrinform | Home > Economy\n\nLorvania and Sildavia open two crossings\n\n"
                                      "23.09.2023 10:41\n\nMarta Kowal, Warsaw"))
    assert doc.author == "Marta Kowal"
    assert doc.publisher == "Ukrinform"


def test_a_place_line_alone_is_no_author(tmp_path: Path) -> None:
    doc = read_article(page(tmp_path, "Ukrinform | Home > Economy\n\nLorvania and Sildavia open two crossings\n\n"
                                      "Trade News, Economy"))
    assert doc.author is None


# ---------------------------------------------------------------- the outlet registry

@pytest.mark.parametrize(("name", "outlet"), [
    ("BusinessLine", "BusinessLine"),
    ("The Hindu BusinessLine", "BusinessLine"),
    ("Horn Diplomat", "Horn Diplomat"),
    ("Tanjug", "Tanjug"),
    ("KyivPost", "Kyiv Post"),
    ("Farm Online", "Farm Online"),
])
def test_outlets_by_name(name: str, outlet: str) -> None:
    found = by_name(name)
    assert found is not None and found.name == outlet


@pytest.mark.parametrize(("publisher", "url", "country"), [
    ("Kuensel", None, "BT"),
    ("Tehran Times", None, "IR"),
    ("The Nordic Page", None, "NO"),
    ("Reuters", None, None),  # a global wire has no country of its own
    ("Fresh Fruit Portal", None, None),  # nor a trade outlet
    ("The Star", None, None),  # a name several outlets share
    ("The Star", "https://www.the-star.co.ke/business/2024-01-02-x/", "KE"),
    ("The Star", "https://www.thestar.com.my/business/x", "MY"),
    (None, "https://www.dawn.com/news/1", "PK"),
    ("Unknown Weekly", None, None),
    ("Growers Weekly NZ", None, "NZ"),  # a country code ending the name
    ("Growers Weekly UK", None, "GB"),
    ("Growers Weekly XY", None, None),  # no country has that code
    ("BBC", None, None),
])
def test_the_country_of_a_national_outlet(publisher: str | None, url: str | None, country: str | None) -> None:
    assert country_of(publisher, url) == country


def test_a_site_name_after_the_headline_in_the_title_tag(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    body = "Ukraine exported 412,000 tonnes of sunflower oil in July, the agriculture ministry said on Monday. " * 3
    path.write_text("<html><head><title>Sunflower oil exports rise | Steppe Agro Daily</title></head><body><article>"
                    f"<h1>Sunflower oil exports rise</h1><p>{body}</p></article></body></html>", encoding="utf-8")
    doc = read_article(path)
    assert (doc.title, doc.publisher) == ("Sunflower oil exports rise", "Steppe Agro Daily")


def test_a_site_name_after_a_headline_written_with_other_separators(tmp_path: Path) -> None:
    # the <title> joins the headline's parts with " - ", the page's headline with " | ": the last part is the site
    path = tmp_path / "release.html"
    body = "Total exports for the month amounted to K3.9 billion, the statistics office said. " * 3
    path.write_text("<html><head><title>Trade Digest - May 2025 | Zambia Statistics Agency</title></head><body>"
                    f"<article><h1>Trade Digest | May 2025</h1><p>{body}</p></article></body></html>",
                    encoding="utf-8")
    assert read_article(path).publisher == "Zambia Statistics Agency"


@pytest.mark.parametrize(("url", "country"), [
    ("https://www.lorvania-daily.co.zw/business/tobacco", "ZW"),  # an outlet the registry does not know
    ("https://news.example.ge/economy/wine", "GE"),
    ("https://trade-wire.io/story", None),  # a domain bought for its letters names no country
    ("https://example.com/story", None),
])
def test_an_unknown_outlets_country_code_domain(url: str, country: str | None) -> None:
    assert country_of(None, url) == country


@pytest.mark.parametrize(("head", "publisher"), [
    # an outlet's name alone atop the page, in capitals, with a digit, camel-cased or as an acronym
    ("LORVANIA POST\nEnglish | Local News\n\nLorvania and Sildavia open two freight crossings", "LORVANIA POST"),
    ("LV24 Newsletter\n\n2026 News\n\nLorvania and Sildavia open two freight crossings", "LV24 Newsletter"),
    ("sildaviaNET English\n\nNews > Lorvania\n\nLorvania and Sildavia open two freight crossings",
     "sildaviaNET English"),
    ("LBW\nLorvania Business Weekly\n\nEconomy\n\nLorvania and Sildavia Open Two Freight Crossings", "LBW"),
    # a site's name and its tagline after a bar, then a breadcrumb
    ("FreightLorvania | Cross-border logistics news\n\nHome > Roads > Lorvania\n\n"
     "Lorvania and Sildavia open two freight crossings", "FreightLorvania"),
    # a site's name and its expansion on one line, then a section and the headline
    ("Lorvania Export – Agence Lorvanienne de Promotion des Exportations\nActualités\n\n"
     "Lorvania and Sildavia: two crossings for freight",
     "Lorvania Export – Agence Lorvanienne de Promotion des Exportations Actualités"),
])
def test_a_site_name_alone_atop_the_page(tmp_path: Path, head: str, publisher: str) -> None:
    doc = read_article(page(tmp_path, head))
    assert doc.publisher == publisher
    assert doc.title is not None and "crossings" in doc.title.lower()


@pytest.mark.parametrize("head", [
    "Breaking News\n\nLorvania and Sildavia open two freight crossings",
    "Most Read\n\nLorvania and Sildavia open two freight crossings",
    "Live TV\n\nLorvania and Sildavia open two freight crossings",
    "Menu\n\nLorvania and Sildavia open two freight crossings",
    "Skip to content\n\nLorvania and Sildavia open two freight crossings",
    "Economy\n\nLorvania and Sildavia open two freight crossings",
    "12 March 2026\n\nLorvania and Sildavia open two freight crossings",
    "Home > News\n\nLorvania and Sildavia open two freight crossings",
])
def test_a_menu_word_section_date_or_breadcrumb_atop_the_page_is_no_publisher(tmp_path: Path, head: str) -> None:
    assert read_article(page(tmp_path, head)).publisher is None


def test_a_known_outlet_in_the_file_name_beats_a_line_atop_the_page(tmp_path: Path) -> None:
    doc = read_article(page(tmp_path, "LV24 Newsletter\n\nLorvania and Sildavia open two freight crossings",
                            name="2026-03-01-reuters-freight-crossings.txt"))
    assert doc.publisher == "Reuters"


@pytest.mark.parametrize("given", ["Lorvania Post (English edition)", "Lorvania Post (English)",
                                   "Lorvania Post (Russian version)"])
def test_an_edition_noted_in_brackets_is_not_the_outlets_name(tmp_path: Path, given: str) -> None:
    path = tmp_path / "page.md"
    path.write_text(f"---\ntitle: Lorvania and Sildavia open two freight crossings\nsource: {given}\n---\n\n"
                    f"{BODY}\n\n{MORE}\n", encoding="utf-8")
    assert read_article(path).publisher == "Lorvania Post"


def test_a_masthead_name_before_its_expansion_after_a_bar(tmp_path: Path) -> None:
    doc = read_article(page(tmp_path, "LOSEC | South Lorvania Subregional Economic Cooperation\nNews\n\n"
                                      "Lorvania and Sildavia Customs Agree to Share Data"))
    assert doc.publisher == "LOSEC"


def test_a_site_name_with_a_digit_and_a_foreign_and_atop_the_page_is_no_headline(tmp_path: Path) -> None:
    doc = read_article(page(tmp_path, "L1 Lorvania i Sildavia\nENGLISH | NEWS\n\n"
                                      "Lorvania and Sildavia sign protocol to their free trade agreement"))
    assert doc.title == "Lorvania and Sildavia sign protocol to their free trade agreement"


def test_a_breadcrumb_and_tags_scraped_without_separators_are_no_headline(tmp_path: Path) -> None:
    doc = read_article(page(tmp_path, "PearWire\nHomeNewsLorvania's pear exports gather pace in February\n"
                                      "ExclusiveNewsTrending\n\nLorvania's pear exports gather pace in February"))
    assert doc.title == "Lorvania's pear exports gather pace in February"


@pytest.mark.parametrize("linked_data", [
    '{"@type":"WebPage","name":"3. Border crossings","isPartOf":{"@type":"WebSite","name":"Sildavian Trade Portal"}}',
    '[{"@type":"NewsArticle","headline":"3. Border crossings","publisher":{"@type":"Organization",'
    '"name":"Sildavian Trade Portal"}}]',
    '{"@graph":[{"@type":"WebSite","name":"x"},{"@type":"WebPage","isPartOf":{"@type":"WebSite",'
    '"name":"Sildavian Trade Portal"}}]}',
])
def test_html_publisher_from_the_pages_linked_data(tmp_path: Path, linked_data: str) -> None:
    """A documentation page names only its section in <title> and <h1>; its JSON-LD names the site."""
    path = tmp_path / "page.html"
    path.write_text(f"<html><head><title>3. Border crossings</title>"
                    f'<script type="application/ld+json">{linked_data}</script></head>'
                    f"<body><h1>3. Border crossings</h1><div class=\"doc-content\"><p>{BODY}</p><p>{MORE}</p>"
                    f"</div></body></html>", encoding="utf-8")
    assert read_article(path).publisher == "Sildavian Trade Portal"


def test_html_broken_linked_data_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text('<html><head><title>Freight crossings | Sildavia Today</title>'
                    '<script type="application/ld+json">{"publisher": </script></head>'
                    f"<body><h1>Freight crossings</h1><p>{BODY}</p><p>{MORE}</p></body></html>", encoding="utf-8")
    assert read_article(path).publisher == "Sildavia Today"


def test_an_aggregators_country_label_and_source_line_are_no_part_of_the_headline(tmp_path: Path) -> None:
    # "Kenya: Kenya, Peru Sign …" then "The Standard (Nairobi)": the label is the aggregator's, the second line the
    # outlet the story is taken from, not the headline
    doc = read_article(page(tmp_path, "allAfrica.com\nKenya: Kenya, Peru Sign Agriculture, Trade Memoranda\n"
                                      "The Standard (Nairobi)\n27 October 2026"))
    assert doc.title == "Kenya, Peru Sign Agriculture, Trade Memoranda"


def test_a_headline_opening_with_a_label_that_is_no_country_keeps_it(tmp_path: Path) -> None:
    doc = read_article(page(tmp_path, "Trade Weekly\nAnalysis: Why Peru's grape exports keep growing\n"))
    assert doc.title == "Analysis: Why Peru's grape exports keep growing"


@pytest.mark.parametrize("link", ['Press "Enter" to skip to content', "You are here: Home News Trade Focus"])
def test_a_skip_link_label_or_you_are_here_trail_is_not_the_title(tmp_path: Path, link: str) -> None:
    doc = read_article(page(tmp_path, f"Harbour Daily\n\n{link}\n\nLorvania and Sildavia open two freight crossings"))
    assert doc.title == "Lorvania and Sildavia open two freight crossings"


def test_a_release_date_and_source_on_the_headline_line_are_the_page_date_and_wire(tmp_path: Path) -> None:
    doc = read_article(page(tmp_path, "Expo News\n\nYou are here: Home News Expo Focus\n\nLorvania and Sildavia open "
                                      "two freight crossings: official Release date: 2026-05-02    Source:Xinhua"))
    assert doc.title == "Lorvania and Sildavia open two freight crossings: official"
    assert doc.published == "2026-05-02"
    assert doc.author == "Xinhua"


def test_a_site_name_with_a_polynesian_of_is_the_publisher_not_the_title(tmp_path: Path) -> None:
    doc = read_article(page(tmp_path, "Matangi 'o Samoa\n\nLorvania and Sildavia open two freight crossings\n\n"
                                      "July 6, 2026"))
    assert doc.title == "Lorvania and Sildavia open two freight crossings"
    assert doc.publisher == "Matangi 'o Samoa"
