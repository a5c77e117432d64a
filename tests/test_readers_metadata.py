"""Reader building blocks: dates, bylines, caption doubling, outlets, and more metadata forms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb.readers import read_article
from kb.readers.bylines import author_in_line, clean_author, parse_byline
from kb.readers.cleaning import is_breadcrumb, is_share_bar, undouble
from kb.readers.dates import date_from_filename, find_date, to_iso
from kb.readers.publishers import by_name, by_slug, by_url

BODY = (
    "Sildavia and Lorvania agreed on Tuesday to open two new border crossings for freight, "
    "the transport ministries of both countries said in a joint statement after talks."
)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Published : Sept. 26, 2023 - 16:23", "2023-09-26"),
        ("Fri 03rd April 2020 | 11:52 AM", "2020-04-03"),
        ("Tuesday February 22 2022", "2022-02-22"),
        ("11 October 2021 15:27 (UTC+04:00)", "2021-10-11"),
        ("VCN - Thursday, 29/06/2017 08:15 (GMT+7)", "2017-06-29"),
        ("Interfax | Economic | 12:48 24.05.2016", "2016-05-24"),
        ("Wed 11 Jan 2023 | 08:20 PM", "2023-01-11"),
        ("May 19, 2023 - 18:12", "2023-05-19"),
        ("2024-03-29T10:00:00Z", "2024-03-29"),
        ("12/25/2020", "2020-12-25"),
        ("2021/7/5", "2021-07-05"),
        ("on the 5th of March, 2019", "2019-03-05"),
        ("2026 March 17 14:05", "2026-03-17"),  # year first
        # Spanish, Portuguese and French pages, and an English month inside their form
        ("20 de mayo de 2026 | Noticias", "2026-05-20"),
        ("3 de março de 2026", "2026-03-03"),
        ("12 juillet 2026", "2026-07-12"),
        ("20 de May de 2026 | News", "2026-05-20"),
        ("Mars 2026 mission", None),
        ("May 24 (Interfax)", None),
        ("31 February 2021", None),
        # a two-digit year after an apostrophe, as print pages write it
        ("Riga / 3 Mar.'26 / 09:10", "2026-03-03"),
        ("Mar 3 '26", "2026-03-03"),
        ("Hits of the '80s", None),
    ],
)
def test_find_date(text: str, iso: str | None) -> None:
    assert find_date(text) == iso


def test_to_iso_keeps_the_local_date() -> None:
    assert to_iso("2022-08-03T23:43:00-05:00") == "2022-08-03"
    assert to_iso(None) is None and to_iso("soon") is None
    assert date_from_filename("2023-09-26-some-outlet-story") == "2023-09-26"
    assert date_from_filename("story-2023-09-26") is None


@pytest.mark.parametrize(
    ("line", "author", "outlet"),
    [
        ("By Jane Moreau", "Jane Moreau", None),
        ("By JANE MOREAU", "Jane Moreau", None),
        ("By Jane Moreau – Trend:", "Jane Moreau", "Trend"),
        ("By Jane Moreau | Reuters", "Jane Moreau", "Reuters"),
        ("By Jane Moreau, Staff Reporter", "Jane Moreau", None),
        ("Written by: Jane Moreau", "Jane Moreau", None),
        ("Author: Jane Moreau", "Jane Moreau", None),
        ("By Staff Reporter", "Staff Reporter", None),  # a staff byline as printed
        ("By Jane Moreau   January 14, 2026 | 03:52 pm GMT+7", "Jane Moreau", None),  # a date after the name
        ("by Sildavia Daily with AA", "Sildavia Daily with AA", None),  # an outlet with a wire
        ("By the end of the year, exports rose", None, None),
        ("Byelorussian trade grew", None, None),
    ],
)
def test_parse_byline(line: str, author: str | None, outlet: str | None) -> None:
    assert parse_byline(line) == (author, outlet)


@pytest.mark.parametrize(("line", "outlet", "author"), [
    ("Asia | October 22, 2026 | by Jane Moreau", None, "Jane Moreau"),  # a "by" segment
    ("20 March 2025 - 05:00 by Jane Moreau", None, "Jane Moreau"),  # a byline after the date
    ("Jane Moreau Published April 20, 2026 Updated a day ago", None, "Jane Moreau"),
    ("ONA | Published: 14 Jun 2023, 11:48 AM", None, "ONA"),  # a known wire before "Published"
    ("Source: Jane Moreau, Contributor", None, "Jane Moreau"),
    ("Sildavia Post - Jane Moreau", "Sildavia Post", "Jane Moreau"),  # the outlet, then its writer
    ("Staff Reporter", None, "Staff Reporter"),
    ("Posted by Jane Moreau at 09:14", None, "Jane Moreau"),  # a blog post's foot
    ("Our Bureau", None, "Our Bureau"),
    # not bylines
    ("Live cattle exports break record in 2025, driven by Sildavia and Lorvania", None, None),
    ("Source: Ministry of Trade, Correspondent", None, None),
    ("Sildavia Post - Jane Moreau", None, None),  # a name after a dash, with no outlet known to be before it
    ("Trade Ministry Published New Rules", None, None),
    ("Economy | 04.08.2026 12:15", None, None),
])
def test_author_in_other_header_lines(line: str, outlet: str | None, author: str | None) -> None:
    assert author_in_line(line, outlet) == author


def test_clean_author() -> None:
    assert clean_author(" jane@example.org Jane Moreau ") == "Jane Moreau"
    assert clean_author("Web Desk") == "Web Desk"
    assert clean_author("OUR BUREAU") == "Our Bureau"
    assert clean_author("Xinhua") == "Xinhua"


def test_undouble() -> None:
    caption = "Trucks queue at the crossing. (File photo)"
    assert undouble(f"{caption} {caption}") == caption
    assert undouble(caption + caption) == caption
    assert undouble(caption) == caption
    assert undouble("abc abc") == "abc abc"  # too short to be a caption


def test_line_classes() -> None:
    assert is_breadcrumb("Home > Business > Economy")
    assert is_breadcrumb("News | Politics")
    assert not is_breadcrumb("China | 156,314 | +109%")  # a table row
    assert not is_breadcrumb("Kazakhstan - China trade grows in May")
    assert is_share_bar("Font size: A- A+ | Print | Share")
    assert is_share_bar("Share this: Facebook | Twitter | WhatsApp")
    assert not is_share_bar("Share prices fell sharply in Tokyo")


def test_outlet_lookups() -> None:
    assert by_name("Korea Herald").name == "The Korea Herald"
    assert by_name("UrduPoint.com").name == "UrduPoint"
    assert by_name("News") is None  # "The News" is an outlet, the word alone is not
    assert by_url("https://edition.cnn.com/2023/x").name == "CNN"
    assert by_url("https://en.people.cn/n3/2022/x.html").name == "People's Daily Online"
    assert by_url("not a url") is None
    assert by_slug("korea-herald-customs-story").name == "The Korea Herald"
    assert by_slug("customs-story") is None
    assert by_name("Xinhua").wire and not by_name("Tehran Times").wire


def write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_posted_by_line(tmp_path: Path) -> None:
    page = f"New crossings for Sildavian freight\n\nPosted on June 2, 2021 by Marta Kell\n\n{BODY}\n"
    doc = read_article(write(tmp_path, "crossings.txt", page))
    assert (doc.author, doc.published) == ("Marta Kell", "2021-06-02")
    assert doc.text == BODY


def test_reuters_style_dateline_and_source_line(tmp_path: Path) -> None:
    page = f"New crossings for Sildavian freight\n\nPORT ALDER (Reuters) - {BODY}\n\nSource: Reuters\n"
    doc = read_article(write(tmp_path, "2021-06-02-gulf-news-crossings.txt", page))
    assert (doc.author, doc.publisher) == ("Reuters", "Gulf News")
    assert doc.text == f"PORT ALDER (Reuters) - {BODY}"


def test_copyright_sign_names_the_publisher(tmp_path: Path) -> None:
    page = f"New crossings for Sildavian freight\n\n{BODY}\n\n© 2021 Daily News Egypt. All rights reserved.\n"
    assert read_article(write(tmp_path, "c.txt", page)).publisher == "Daily News Egypt"


def test_unknown_copyright_holder_is_kept(tmp_path: Path) -> None:
    page = f"New crossings for Sildavian freight\n\n{BODY}\n\nCopyright Sildavia Freight Monthly, 2021\n"
    assert read_article(write(tmp_path, "c.txt", page)).publisher == "Sildavia Freight Monthly"


def test_json_source_as_bare_domain(tmp_path: Path) -> None:
    record = {"title": "T", "text": BODY, "source": "reuters.com", "date": "2021-06-02"}
    assert read_article(write(tmp_path, "r.json", json.dumps(record))).publisher == "Reuters"


def test_json_url_gives_publisher_when_source_missing(tmp_path: Path) -> None:
    record = {"title": "T", "text": BODY, "url": "https://www.arabnews.com/node/1"}
    doc = read_article(write(tmp_path, "r.json", json.dumps(record)))
    assert doc.publisher == "Arab News"
    assert doc.url == "https://www.arabnews.com/node/1"


def test_short_article_keeps_its_sentences(tmp_path: Path) -> None:
    page = "Sildavia opens a border post\n\nSildavia opened a new border post with Lorvania on Monday.\n"
    doc = read_article(write(tmp_path, "short.txt", page))
    assert doc.title == "Sildavia opens a border post"
    assert doc.text == "Sildavia opened a new border post with Lorvania on Monday."


def test_one_line_note_is_its_own_text(tmp_path: Path) -> None:
    doc = read_article(write(tmp_path, "note.txt", "Sildavia and Lorvania signed a customs MoU\n"))
    assert doc.text == "Sildavia and Lorvania signed a customs MoU"


@pytest.mark.parametrize(("header", "title", "publisher"), [
    # a site's name atop the page, then the headline: the name is the publisher, not the title
    ("Sildavia in Focus\n\nNew crossings for Sildavian freight open at two posts",
     "New crossings for Sildavian freight open at two posts", "Sildavia in Focus"),
    ("Ruritania y Asociados\n\nLorvania 12 Agosto\n\nSildavia is Lorvania's third-largest supplier of oats",
     "Sildavia is Lorvania's third-largest supplier of oats", "Ruritania y Asociados"),
    ("Harlow, Pike & Vance Trade Report\n\nCustoms Pact Signed with Sildavia",
     "Customs Pact Signed with Sildavia", "Harlow, Pike & Vance Trade Report"),
    # a section label or a site's tagline before the headline is neither
    ("SILDAVIA TIMES\n\nBusiness & Economy\n\nSildavia and Lorvania open two freight crossings",
     "Sildavia and Lorvania open two freight crossings", "SILDAVIA TIMES"),
    ("Sildavia.sl\nSildavia news in English\n\nFreight crossings open on the Lorvanian border",
     "Freight crossings open on the Lorvanian border", "Sildavia.sl"),
    # one camel-case word atop the page is the site
    ("PortWatch\n\n2026 March 17 14:05\n\nFirst freight ship sails from Sildavia to Lorvania",
     "First freight ship sails from Sildavia to Lorvania", "PortWatch"),
    # a headline first and a longer standfirst after it: the headline stays
    ("Sildavia opens two crossings\n\nFreight will move faster, officials said, as both posts open at night too",
     "Sildavia opens two crossings", None),
    ("Sildavia Opens Two Crossings\n\nFreight will move faster as both posts open.",
     "Sildavia Opens Two Crossings", None),
    # the line the date follows is the headline: the site's name (with a number in it), a section, a contact bar
    # or a ministry's name with its breadcrumb above it are not
    ("Sildavia News 24\nBusiness and Finance\n\nFreight crossings of Sildavia and Lorvania to share their data\n\n"
     "November 19, 2026", "Freight crossings of Sildavia and Lorvania to share their data", "Sildavia News 24"),
    ("(675) 321 1133   info@board.sl\nSildavian Oat Board\nHome | About | Contact\n\nCOLUMN 31\n\n"
     "Where Sildavia's oats went in 2025 and what it means for growers\n\nPosted on 9 March 2026",
     "Where Sildavia's oats went in 2025 and what it means for growers", "Sildavian Oat Board"),
    ("Ministry of Trade of Sildavia\nHome / News\n\nSildavian woollens find more buyers abroad\n\n07.08.2026",
     "Sildavian woollens find more buyers abroad", "Ministry of Trade of Sildavia"),
])
def test_the_headline_after_a_site_name_or_a_label(tmp_path: Path, header: str, title: str,
                                                   publisher: str | None) -> None:
    doc = read_article(write(tmp_path, "page.txt", f"{header}\n\n{BODY}\n"))
    assert (doc.title, doc.publisher) == (title, publisher)
    assert doc.text.endswith(BODY)


@pytest.mark.parametrize("tail", ["Dorji Wangmo\nEdited by Pema Lhamo\n", "Dorji Wangmo\n\nEdited by Pema Lhamo\n"])
def test_a_reporters_name_above_the_editors_credit_is_the_author(tmp_path: Path, tail: str) -> None:
    body = ("Sildavia asked Lorvania to post more customs officers at the border gate.\n\n"
            "Trucks wait most of the day for clearance, officials said.\n\n")
    doc = read_article(write(tmp_path, "gate.txt", "Sildavia seeks more customs staff at the gate\n\n" + body + tail))
    assert doc.author == "Dorji Wangmo"
    assert doc.text.endswith("officials said.")


def test_a_blog_bylines_date_writer_and_comment_link(tmp_path: Path) -> None:
    body = "Sildavia and Lorvania open a one stop border post on Monday, the revenue authority said.\n"
    doc = read_article(write(tmp_path, "post.txt", "Border post opens\n\nAugust 30, 2026 Dora Banda Be the first to "
                                                   "comment\n\n" + body))
    assert doc.author == "Dora Banda"


@pytest.mark.parametrize(
    "furniture",
    ["Buy car in Sildavia", "Ads by Google", "Committed to the PEOPLE'S RIGHT TO KNOW", "Subscribe to our newsletter"],
)
def test_an_advertisement_or_slogan_above_the_headline_is_no_title(tmp_path: Path, furniture: str) -> None:
    path = tmp_path / "note.txt"
    path.write_text(f"Sildavia Daily\n\n{furniture}\n\nLorvania and Sildavia open two border crossings\n\n"
                    f"March 3, 2026\n\n{BODY}\n", encoding="utf-8")
    assert read_article(path).title == "Lorvania and Sildavia open two border crossings"


def test_a_headline_of_acronyms_is_still_a_title(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text(f"Sildavia Daily\n\nASEAN and COMESA sign trade MoU\n\nMarch 3, 2026\n\n{BODY}\n", encoding="utf-8")
    assert read_article(path).title == "ASEAN and COMESA sign trade MoU"


def test_a_byline_and_date_line_below_the_standfirst(tmp_path: Path) -> None:
    # headline, a standfirst sentence, then the reporter's name and a time-stamped date line
    deck = "Freight volumes through the new crossings rose in May, and one small market leapt up the rankings."
    page = f"New crossings for Sildavian freight\n\n{deck}\n\nMarta Kell\n\nJune 5, 2026 - 3:14PM\n\n{BODY}\n"
    doc = read_article(write(tmp_path, "crossings.txt", page))
    assert (doc.author, doc.published) == ("Marta Kell", "2026-06-05")
    assert doc.text == f"{deck}\n\n{BODY}"


def test_a_name_line_below_the_standfirst_with_no_date_after_it_stays_text(tmp_path: Path) -> None:
    deck = "Freight volumes through the new crossings rose in May, and one small market leapt up the rankings."
    page = f"New crossings for Sildavian freight\n\n{deck}\n\nPort Alder\n\n{BODY}\n"
    doc = read_article(write(tmp_path, "crossings.txt", page))
    assert doc.author is None and "Port Alder" in doc.text


@pytest.mark.parametrize(("opener", "published", "author"), [
    ("SILDA-NEWS. March 4, 2026. ", "2026-03-04", None),
    ("Port Alder, 12 May 2026: ", "2026-05-12", None),
    ("Port Alder, May 11, 2026: KORVAL, May 8 (Xinhua) — ", "2026-05-11", "Xinhua"),
    ("KORVAL, February 24. / ARKA /. ", None, "Arka"),
])
def test_a_dateline_opening_the_first_paragraph(tmp_path: Path, opener: str, published: str | None,
                                                author: str | None) -> None:
    page = f"Sildavia Club\n\nHome > News\n\nSildavian wool sales climb\n\n{opener}{BODY}\n"
    doc = read_article(write(tmp_path, "wool.txt", page))
    assert (doc.published, doc.author, doc.publisher) == (published, author, "Sildavia Club")


def test_a_dateline_later_in_the_text_gives_no_date(tmp_path: Path) -> None:
    page = f"Sildavian wool sales climb\n\n{BODY}\n\nPort Alder, 12 May 2026: the ministry confirmed the figures.\n"
    assert read_article(write(tmp_path, "wool.txt", page)).published is None


def test_an_amp_pages_site_icon_and_a_dashed_sign_off(tmp_path: Path) -> None:
    page = (f"Site icon Sildavia Morning Star\n\nWool traders fetch firm prices at the border\n\n{BODY}\n\n"
            "Most of the wool goes to Lorvania.—Dara Venn\n(Translated by Oto Mell)\n")
    doc = read_article(write(tmp_path, "wool.txt", page))
    assert (doc.title, doc.publisher, doc.author) == (
        "Wool traders fetch firm prices at the border", "Sildavia Morning Star", "Dara Venn")
    assert doc.text.endswith("goes to Lorvania.")


def test_a_dash_before_words_in_lower_case_is_no_sign_off(tmp_path: Path) -> None:
    page = f"Sildavian wool sales climb\n\n{BODY}\n\nMost of the wool goes to Lorvania — and to Korval.\n"
    doc = read_article(write(tmp_path, "wool.txt", page))
    assert doc.author is None and doc.text.endswith("and to Korval.")


def test_a_sidebars_dated_teasers_above_the_headline_are_no_title(tmp_path: Path) -> None:
    page = ("Sildavia Tropical\n\nWhy expats love the Korval coast 6 years ago\n"
            "Should you bank in Lorvania? 2 days ago\n\n"
            f"Sildavian Flower Exports Hit A Record\n\nFebruary 16, 2026\n\n{BODY}\n")
    doc = read_article(write(tmp_path, "flowers.txt", page))
    assert (doc.title, doc.published) == ("Sildavian Flower Exports Hit A Record", "2026-02-16")


def test_a_ministry_pages_section_heading_is_neither_title_nor_author(tmp_path: Path) -> None:
    page = ("<html><head><title>Minister opens Sildavia-Lorvania trade talks-Ministry of Trade,Sildavia</title>"
            '<meta name="DC.Publisher" content="Ministry of Trade,Sildavia"></head><body>'
            "<div class='path'>Home &gt; What's New</div><h2 class='title'>What's New</h2>"
            "<h3>Minister opens Sildavia-Lorvania trade talks</h3>"
            f"<div class='news-content'><p>{BODY}</p><p>{BODY}</p></div></body></html>")
    doc = read_article(write(tmp_path, "talks.html", page))
    assert (doc.title, doc.author) == ("Minister opens Sildavia-Lorvania trade talks", None)


@pytest.mark.parametrize("date_line", ["14.5.2026", "May 14, 2026", "Thursday, 14 May 2026 10:41"])
def test_a_long_headline_and_the_date_line_under_it_are_two_lines(tmp_path: Path, date_line: str) -> None:
    # a line of 60 characters or more without a full stop is taken as hard-wrapped, but not into a date line
    headline = "Lorvania and Korval seek more Sildavian wool for their mills - EXCLUSIVE"
    page = f"Sildavia Wire\nNews | Economy\n\n{headline}\n{date_line}\n\n{BODY}\n"
    doc = read_article(write(tmp_path, "wool.txt", page))
    assert (doc.title, doc.published) == (headline, "2026-05-14")


def test_a_hard_wrapped_sentence_still_joins_across_its_lines(tmp_path: Path) -> None:
    page = (f"Sildavian wool sales climb\n\n{BODY}\n\n"
            "The ministry said the wool agreement with Lorvania was signed in\n"
            "the capital and takes effect next month.\n")
    assert "signed in the capital" in read_article(write(tmp_path, "wool.txt", page)).text
