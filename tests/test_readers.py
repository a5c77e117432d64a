"""Article readers: invented pages in each format, their metadata forms, and bad inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb.errors import ReadError
from kb.readers import ARTICLE_SUFFIXES, is_article, read_article

BODY_1 = (
    "Lorvania and Estmark signed a customs cooperation protocol in Port Alder on Monday, the two "
    "revenue services said, pledging to exchange data on goods crossing their shared border."
)
BODY_2 = (
    "Under the protocol, the Lorvanian Customs Board will share advance cargo information with its "
    "Estmark counterpart, and both services will train officers together from next year onward."
)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- dispatch ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.txt", True),
        ("a.md", True),
        ("a.HTML", True),
        ("a.htm", True),
        ("a.json", True),
        ("a.facts.yaml", False),
        ("a.yaml", False),
        ("a.pdf", False),
    ],
)
def test_is_article(name: str, expected: bool) -> None:
    assert is_article(Path(name)) is expected


def test_suffixes_are_the_documented_ones() -> None:
    assert ARTICLE_SUFFIXES == (".txt", ".md", ".html", ".htm", ".json")


# --- plain text --------------------------------------------------------------

CAPTION = "Customs chiefs shake hands in Port Alder on Monday. (Lorvania Customs)"

SCRAPED = f"""\
 date 2022-03-14 Home > Business > Economy

Lorvania, Estmark sign customs protocol

By Alia Verhoven

Published : March 14, 2022 - 10:05

Share | Print | Font size: A- A+

{CAPTION} {CAPTION}

{BODY_1}

Advertisement

{BODY_2}

Tags: customs, Lorvania, Estmark

Read more: Estmark port volumes rise in February

Related news:
» Lorvania cuts import duty on grain
» Estmark customs goes paperless

Copyright Gulf News, 2022
"""


def test_txt_scraped_page(tmp_path: Path) -> None:
    doc = read_article(write(tmp_path, "page.txt", SCRAPED))
    assert doc.title == "Lorvania, Estmark sign customs protocol"
    assert doc.author == "Alia Verhoven"
    assert doc.published == "2022-03-14"
    assert doc.publisher == "Gulf News"
    assert doc.url is None and doc.language == "en"
    assert doc.text == "\n\n".join([CAPTION, BODY_1, BODY_2])


def test_txt_site_line_name_alone_and_dateline(tmp_path: Path) -> None:
    page = f"""\
Kazinform  |  Economy  |  09:30 05.06.2021

Estmark grain exports climb in May

Saturday, 05/06/2021 09:30 (GMT+5)

Dana Rustemova

PORT ALDER. June 5 (Kazinform) – {BODY_1}

{BODY_2}
"""
    doc = read_article(write(tmp_path, "grain.txt", page))
    assert doc.publisher == "Kazinform"
    assert doc.author == "Dana Rustemova"
    assert doc.published == "2021-06-05"
    assert doc.title == "Estmark grain exports climb in May"
    assert doc.text.startswith("PORT ALDER. June 5 (Kazinform) – Lorvania")  # datelines stay body text


def test_txt_blog_post_short_title_and_user_name(tmp_path: Path) -> None:
    # a blog theme: the site, a breadcrumb whose last link is the two-word headline, "Posted on … by <user>"
    page = f"""\
Harbour Notes
Home » Uncategorized » Cmaa Explained

Cmaa Explained

Posted on March 3, 2026 by harbournotes

{BODY_1}

Posted in Uncategorized
"""
    doc = read_article(write(tmp_path, "cmaa.txt", page))
    assert doc.title == "Cmaa Explained"
    assert doc.author == "harbournotes"
    assert doc.published == "2026-03-03"
    assert doc.text.startswith(BODY_1[:40])


def test_txt_blog_tagline_then_dated_post_and_posted_by_foot(tmp_path: Path) -> None:
    # a blog: its name, its tagline saying whom the news is for, the day's header, the post's title; the foot
    # credits the writer ("Posted by … at 09:14")
    page = f"""\
Grain Desk Daily
Market news for millers, bakers and importers
Tuesday, 9 June 2026
Estmark wheat exports climb in May

{BODY_1}

Posted by Ilse Varga at 09:14
No comments:
"""
    doc = read_article(write(tmp_path, "blog.txt", page))
    assert doc.title == "Estmark wheat exports climb in May"
    assert doc.author == "Ilse Varga"
    assert "Posted by" not in doc.text


@pytest.mark.parametrize("stamp", ["Post time: Mar-04-2026", "Published: 04-Mar-2026", "Release date: March 4, 2026"])
def test_txt_labelled_date_under_the_story_is_the_publication_date(tmp_path: Path, stamp: str) -> None:
    # a company site's news page prints its date below the text, with "Previous:/Next:" links after it
    page = f"""\
GREENFIELD PUMPS
Home > News > Industry News

Estmark wheat exports climb in May

{BODY_1}

{BODY_2}

Millers expect the new crop to lift shipments again next year, the grain board said on Monday.

{stamp}

Previous: New pump line opens
Next: Irrigation fair in June
"""
    doc = read_article(write(tmp_path, "company.txt", page))
    assert doc.published == "2026-03-04"
    assert stamp not in doc.text


def test_txt_a_byline_with_the_date_on_its_line(tmp_path: Path) -> None:
    page = f"""\
Grain Desk Daily
Economy

Estmark wheat exports climb in May

By GDD | 9 March 2026

{BODY_1}
"""
    doc = read_article(write(tmp_path, "byline.txt", page))
    assert (doc.author, doc.published) == ("GDD", "2026-03-09")


def test_txt_breadcrumb_on_the_headline_line_and_site_after_the_date(tmp_path: Path) -> None:
    # a portal prints its breadcrumb on the headline's line and its name after the date and time
    page = f"""\
Estmark.Az » Business » Estmark grain exports climb in May

23 June 2026 [14:05] - Estmark.Az

{BODY_1}
"""
    doc = read_article(write(tmp_path, "portal.txt", page))
    assert doc.title == "Estmark grain exports climb in May"
    assert doc.publisher == "Estmark.Az"
    assert doc.published == "2026-06-23"


def test_txt_section_label_repeating_the_breadcrumb_is_no_headline(tmp_path: Path) -> None:
    # a chamber's news page: the breadcrumb ends in the section, printed again as a heading, then the headline
    page = f"""\
Home > Media & Events > Member updates

Member updates

Quarterly Trade Figures Show Exports Up 6% on Tea and Sugar

Trade 12 Aug 2026

{BODY_1}
"""
    doc = read_article(write(tmp_path, "chamber.txt", page))
    assert doc.title == "Quarterly Trade Figures Show Exports Up 6% on Tea and Sugar"
    assert doc.text.startswith(BODY_1[:40])


def test_txt_rule_under_the_headline_is_no_part_of_it(tmp_path: Path) -> None:
    # a government press release: a row of asterisks under its headline
    page = f"""\
Press Releases

Estmark's merchandise trade with Lorvania in the third quarter of 2026
**********************************************************************

{BODY_1}
"""
    doc = read_article(write(tmp_path, "release.txt", page))
    assert doc.title == "Estmark's merchandise trade with Lorvania in the third quarter of 2026"
    assert "*" not in doc.text


def test_txt_byline_with_agency_and_repeated_title(tmp_path: Path) -> None:
    page = f"""\
Home  >  Business

Estmark wine sales abroad grow

Materials 12 August 2020 14:20 (UTC +04:00)

Estmark wine sales abroad grow

PORT ALDER, Estmark, Aug. 12

By KARIM ODENSE – Trend:

{BODY_1}
"""
    doc = read_article(write(tmp_path, "wine.txt", page))
    assert doc.publisher == "Trend"
    assert doc.author == "Karim Odense"
    assert doc.published == "2020-08-12"
    assert doc.text == BODY_1


def test_txt_site_name_line_and_uppercase_byline(tmp_path: Path) -> None:
    page = f"""\
The EastAfrican
Home | News

Advertisement

Lorvania joins regional customs union

Tuesday March 1 2022

By OTIENO WAMALA

{BODY_1}

Share this article: Facebook | Twitter | LinkedIn | Email
"""
    doc = read_article(write(tmp_path, "union.txt", page))
    assert (doc.publisher, doc.author, doc.published) == ("The EastAfrican", "Otieno Wamala", "2022-03-01")
    assert doc.text == BODY_1


def test_txt_metadata_from_file_name(tmp_path: Path) -> None:
    page = f"Estmark opens new border post\n\n{BODY_1}\n"
    doc = read_article(write(tmp_path, "2021-11-02-the-jakarta-post-estmark-border.txt", page))
    assert doc.publisher == "The Jakarta Post"  # the longest known slug after the date
    assert doc.published == "2021-11-02"
    assert doc.author is None


def test_txt_file_name_without_known_outlet(tmp_path: Path) -> None:
    page = f"Estmark opens new border post\n\n{BODY_1}\n"
    doc = read_article(write(tmp_path, "2021-11-02-estmark-border.txt", page))
    assert doc.publisher is None
    assert doc.published == "2021-11-02"


def test_txt_wire_agency_is_author_not_publisher(tmp_path: Path) -> None:
    page = f"""\
Home>>

Estmark ships first cherries to Lorvania

(Xinhua) 08:15, May 03, 2023

PORT ALDER, May 2 (Xinhua) -- {BODY_1}

【1】【2】【3】

(Web editor: Lin Qiao)
"""
    doc = read_article(write(tmp_path, "2023-05-03-china-daily-cherries.txt", page))
    assert doc.author == "Xinhua"
    assert doc.publisher == "China Daily"
    assert doc.published == "2023-05-03"
    assert doc.text == f"PORT ALDER, May 2 (Xinhua) -- {BODY_1}"


def test_txt_wire_agency_that_is_the_publisher_is_no_author(tmp_path: Path) -> None:
    page = (
        "Interfax-Ukraine | Economic | 11:02 14.02.2019\n\nTitle of the wire story\n\n"
        f"KYIV. Feb 14 (Interfax-Ukraine) – {BODY_1}\n"
    )
    doc = read_article(write(tmp_path, "story.txt", page))
    assert doc.publisher == "Interfax-Ukraine"
    assert doc.author is None


def test_txt_publisher_named_in_the_body(tmp_path: Path) -> None:
    page = f"Estmark and Lorvania to cut tariffs\n\n{BODY_1} An official told The Korea Herald the deal was close.\n"
    doc = read_article(write(tmp_path, "tariffs.txt", page))
    assert doc.publisher == "The Korea Herald"


def test_txt_masthead_and_name_after_date(tmp_path: Path) -> None:
    page = f"""\
Supervisor Ilham Rashed
Editor in Chief Omar Halabi

Home | Economy

Lorvania to buy 2 Mln Tons of Estmark Wheat

Thu 09 Feb 2023 | 04:10 PM
Samira Fawzy

{BODY_1}

EF/MA
"""
    doc = read_article(write(tmp_path, "wheat.txt", page))
    assert doc.title == "Lorvania to buy 2 Mln Tons of Estmark Wheat"
    assert doc.author == "Samira Fawzy"
    assert doc.published == "2023-02-09"
    assert doc.text == BODY_1


def test_txt_hard_wrapped_lines_are_joined(tmp_path: Path) -> None:
    wrapped = BODY_1.replace(" two ", " two\n", 1).replace(" on Monday", "\non Monday", 1)
    doc = read_article(write(tmp_path, "wrapped.txt", f"A wrapped article title here\n\n{wrapped}\n"))
    assert doc.text == BODY_1


def test_repeated_caption_paragraph_kept_once(tmp_path: Path) -> None:
    caption = "Officers inspect a truck at the Port Alder crossing. (File photo)"
    page = f"A title for the caption case\n\n{BODY_1}\n\n{caption} {caption}\n\n{BODY_2}\n\n{caption}\n"
    doc = read_article(write(tmp_path, "caption.txt", page))
    assert doc.text.count(caption) == 1
    assert doc.text == "\n\n".join([BODY_1, caption, BODY_2])


def test_caption_with_broken_parenthesis_kept_once(tmp_path: Path) -> None:
    caption = "Officers inspect a truck at the Port Alder crossing on Friday. (Estmark customs"
    page = f"A title for the caption case\n\n{BODY_1}\n\n{caption} {caption}\n"
    doc = read_article(write(tmp_path, "caption2.txt", page))
    assert doc.text == f"{BODY_1}\n\n{caption}"


# --- markdown ----------------------------------------------------------------

MARKDOWN = f"""\
---
title: "Estmark apple exports to Lorvania double"
date: 2019-10-04
source: Fresh Plaza
author: Ines Carvalho
url: https://example.org/estmark-apples
---

# Estmark apple exports to Lorvania double

*Published October 4, 2019 · Markets*

*PORT ALDER, Oct. 4* – {BODY_1}

![Apples in crates](/img/apples.jpg)
*Apples in crates at a packhouse. Photo: Estmark Fruit Board*

## By market

| Market   | Tonnes | Change |
|----------|-------:|-------:|
| Lorvania | 12,400 | +104%  |
| Sildavia | 3,050  | -8%    |

> "We expected **strong** demand," said [the board](https://example.org/board).

---

**Related:**
- [Estmark pear crop shrinks](/pears)

*Share this article:* [Twitter] [Facebook]
"""


def test_markdown_front_matter_and_plain_text(tmp_path: Path) -> None:
    doc = read_article(write(tmp_path, "apples.md", MARKDOWN))
    assert doc.title == "Estmark apple exports to Lorvania double"
    assert doc.published == "2019-10-04"
    assert doc.publisher == "Fresh Plaza"
    assert doc.author == "Ines Carvalho"
    assert doc.url == "https://example.org/estmark-apples"
    assert doc.text == "\n\n".join(
        [
            f"PORT ALDER, Oct. 4 – {BODY_1}",
            "Apples in crates at a packhouse. Photo: Estmark Fruit Board",
            "By market",
            "Market | Tonnes | Change\nLorvania | 12,400 | +104%\nSildavia | 3,050 | -8%",
            '"We expected strong demand," said the board.',
        ]
    )


def test_markdown_front_matter_variants(tmp_path: Path) -> None:
    page = f"""---
headline: Lorvania opens a green corridor
published: "2020-07-01T08:00:00+05:00"
publisher: {{name: Daryo}}
authors: [Aziz Karimov, Lola Nurova]
---
{BODY_1}
"""
    doc = read_article(write(tmp_path, "corridor.md", page))
    assert doc.title == "Lorvania opens a green corridor"
    assert doc.published == "2020-07-01"
    assert doc.publisher == "Daryo"
    assert doc.author == "Aziz Karimov, Lola Nurova"


def test_markdown_without_front_matter_uses_heading(tmp_path: Path) -> None:
    page = f"# Estmark trims tariffs on machinery\n\nBy Petra Lind\n\n{BODY_1}\n"
    doc = read_article(write(tmp_path, "2018-05-06-tariffs.md", page))
    assert doc.title == "Estmark trims tariffs on machinery"
    assert doc.author == "Petra Lind"
    assert doc.published == "2018-05-06"
    assert doc.text == BODY_1


# --- HTML --------------------------------------------------------------------

HTML = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Lorvania and Estmark link customs systems | The Loadstar</title>
<meta property="og:site_name" content="The Loadstar">
<meta property="og:title" content="Lorvania and Estmark link customs systems">
<meta property="og:url" content="https://theloadstar.com/lorvania-estmark-link">
<meta name="author" content="Tomas Breck">
<meta property="article:published_time" content="2020-02-11T07:30:00+00:00">
</head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article>
<h1>Lorvania and Estmark link customs systems</h1>
<p>{BODY_1}</p>
<p>{BODY_2}</p>
<div class="share">Share: <a href="#">Facebook</a> <a href="#">Twitter</a></div>
</article>
<footer><p>&copy; 2020 The Loadstar. All rights reserved.</p></footer>
</body></html>
"""


def test_html_with_meta_tags(tmp_path: Path) -> None:
    doc = read_article(write(tmp_path, "link.html", HTML))
    assert doc.title == "Lorvania and Estmark link customs systems"
    assert doc.publisher == "The Loadstar"
    assert doc.author == "Tomas Breck"
    assert doc.published == "2020-02-11"
    assert doc.url == "https://theloadstar.com/lorvania-estmark-link"
    assert doc.text == f"{BODY_1}\n\n{BODY_2}"


def test_html_without_og_tags_falls_back_on_title_and_url(tmp_path: Path) -> None:
    page = f"""<html><head><title>Estmark customs goes digital - Daily Sabah</title>
<link rel="canonical" href="https://www.dailysabah.com/business/estmark-digital"></head>
<body><article><h1>Estmark customs goes digital</h1><p>{BODY_1}</p><p>{BODY_2}</p></article></body></html>"""
    doc = read_article(write(tmp_path, "digital.htm", page))
    assert doc.title == "Estmark customs goes digital"
    assert doc.publisher == "Daily Sabah"  # known domain of the canonical URL
    assert doc.url == "https://www.dailysabah.com/business/estmark-digital"
    assert BODY_1 in doc.text


@pytest.mark.parametrize(("title", "site_meta", "publisher"), [
    # the outlet as the <title> prints it, when the site name is its acronym or the acronym with its expansion
    ("Estmark customs goes digital | Sildavian Customs Union", "SCU", "Sildavian Customs Union"),
    ("Estmark customs goes digital - SCU", "SCU - Sildavian Customs Union", "SCU"),
    # a long name after the headline is still the site
    ("Estmark customs goes digital | Ministry of Foreign Affairs of Sildavia", None,
     "Ministry of Foreign Affairs of Sildavia"),
    # a site name the <title> does not repeat stays
    ("Estmark customs goes digital | Trade Desk", "Sildavia Herald", "Sildavia Herald"),
])
def test_html_publisher_as_the_title_prints_it(tmp_path: Path, title: str, site_meta: str | None,
                                               publisher: str) -> None:
    meta = f'<meta property="og:site_name" content="{site_meta}">' if site_meta else ""
    page = f"""<html><head><title>{title}</title>{meta}</head>
<body><article><h1>Estmark customs goes digital</h1><p>{BODY_1}</p><p>{BODY_2}</p></article></body></html>"""
    doc = read_article(write(tmp_path, "site.html", page))
    assert (doc.title, doc.publisher) == ("Estmark customs goes digital", publisher)


def test_html_site_first_in_the_title_and_as_the_header(tmp_path: Path) -> None:
    # an older site: "Site - Headline" in the <title>, the site's name its first <h1>, the headline further down
    page = f"""<html><head><title>Orchard Notes - Estmark walnut kernels find new buyers</title></head>
<body><div id="header"><h1>Orchard Notes</h1><div>Dedicated to the walnut</div></div>
<div id="content"><h2>Estmark walnut kernels find new buyers</h2><p>{BODY_1}</p><p>{BODY_2}</p></div></body></html>"""
    doc = read_article(write(tmp_path, "orchard.html", page))
    assert (doc.title, doc.publisher) == ("Estmark walnut kernels find new buyers", "Orchard Notes")


def test_html_layout_table_page_of_a_body(tmp_path: Path) -> None:
    # an older page laid out in a <table>: the body's paragraphs stay paragraphs, the menu of agreements is no
    # byline, and "Body - Topic" in the <title> names the body as the site
    title = "Sildavian Chamber of Agriculture - Estmark-Sildavia Preferential Trade Agreement"
    page = f"""<html><head><title>{title}</title>
</head><body><table><tr><td class="menu"><a href="#">Home</a> | <a href="#">Trade</a></td></tr></table>
<table><tr><td class="leftcol"><p>Trade</p><ul><li><a href="#">SADC FTA</a></li><li><a href="#">COMESA FTA</a></li></ul>
</td><td><p class="titre">Estmark-Sildavia Preferential Trade Agreement</p><p class="date">Updated: 02/03/2026</p>
<p><b>Estmark-Sildavia Preferential Trade Agreement now in operation</b></p><p>{BODY_1} {BODY_1} {BODY_1}</p>
<p>{BODY_2} {BODY_2}</p></td></tr></table></body></html>"""
    doc = read_article(write(tmp_path, "pta.html", page))
    assert (doc.title, doc.publisher) == ("Estmark-Sildavia Preferential Trade Agreement",
                                          "Sildavian Chamber of Agriculture")
    assert doc.author is None
    assert f"{BODY_1} {BODY_1} {BODY_1}\n\n{BODY_2}" in doc.text


def test_html_in_declared_legacy_charset(tmp_path: Path) -> None:
    page = f"""<html><head><meta charset="iso-8859-1"><title>Caf\xe9 exports rise</title></head>
<body><article><p>Caf\xe9 {BODY_1}</p><p>{BODY_2}</p></article></body></html>"""
    doc = read_article(write(tmp_path, "cafe.html", page.encode("latin-1")))
    assert doc.title == "Café exports rise"
    assert "Café Lorvania" in doc.text


# --- JSON --------------------------------------------------------------------


def test_json_record(tmp_path: Path) -> None:
    record = {
        "title": "Estmark sends first avocados to Lorvania",
        "url": "https://example.org/avocados",
        "published_at": "2022-08-03T23:43:00+08:00",
        "author": "Xinhua",
        "source": "People's Daily Online",
        "text": f"Home>>\n\nEstmark sends first avocados to Lorvania\n\n(Xinhua) 09:43, August 03, 2022\n\n"
        f"{BODY_1}\n\nRelated Stories\nEstmark and Lorvania sign fruit protocols",
    }
    doc = read_article(write(tmp_path, "avocados.json", json.dumps(record)))
    assert doc.title == "Estmark sends first avocados to Lorvania"
    assert doc.published == "2022-08-03"  # the publisher's local date, not UTC
    assert (doc.author, doc.publisher, doc.url) == ("Xinhua", "People's Daily Online", record["url"])
    assert doc.text == BODY_1


@pytest.mark.parametrize(
    "record",
    [
        {"headline": "T", "content": BODY_1, "publishedAt": "2021-04-05", "source": {"id": "x", "name": "Reuters"}},
        {"title": "T", "body": f"<p>{BODY_1}</p>", "date": "April 5, 2021", "source_name": "Reuters"},
        [{"title": "T", "text": BODY_1, "published": "2021-04-05", "source": "Reuters"}],
        {"articles": [{"title": "T", "content": BODY_1 + " [+2140 chars]", "publishedAt": "2021-04-05T10:00:00Z",
                       "source": {"name": "Reuters"}}]},
    ],
)  # fmt: skip
def test_json_field_variants(tmp_path: Path, record: object) -> None:
    doc = read_article(write(tmp_path, "variant.json", json.dumps(record)))
    assert (doc.title, doc.publisher, doc.published) == ("T", "Reuters", "2021-04-05")
    assert doc.text == BODY_1


def test_json_author_list(tmp_path: Path) -> None:
    record = {"title": "T", "text": BODY_1, "authors": ["Mira Sol", "Ken Ito"]}
    assert read_article(write(tmp_path, "a.json", json.dumps(record))).author == "Mira Sol, Ken Ito"


# --- bad inputs ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("latin.txt", "Caf\xe9 exports".encode("latin-1"), "not UTF-8"),
        ("empty.txt", "  \n\n", "empty"),
        ("boiler.txt", "Advertisement\n\nShare | Print\n\nTags: customs\n", "no article text"),
        ("broken.json", '{"title": "T", "text": ', "invalid JSON"),
        ("notext.json", '{"title": "T", "url": "https://example.org"}', "no article text"),
        ("blanktext.json", '{"title": "T", "text": "   "}', "no article text"),
        ("many.json", '[{"text": "a"}, {"text": "b"}]', "found a list of 2"),
        ("scalar.json", "42", "expected a JSON object"),
        ("front.md", "---\ntitle: [unclosed\n---\nBody text here.\n", "invalid YAML front matter"),
        ("listfront.md", "---\n- a\n- b\n---\nBody text here.\n", "front matter is not a mapping"),
        ("empty.html", "", "empty"),
        ("latin.html", "<p>Caf\xe9</p>".encode("latin-1"), "not UTF-8"),
        ("paper.pdf", "%PDF-1.4", "not an article file"),
    ],
)
def test_bad_input_gives_read_error_naming_the_file(
    tmp_path: Path, name: str, content: str | bytes, problem: str
) -> None:
    path = write(tmp_path, name, content)
    with pytest.raises(ReadError) as info:
        read_article(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert problem in message
    assert "\n" not in message


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"
    with pytest.raises(ReadError, match=r"nowhere\.txt: no such file"):
        read_article(path)


def test_directory_with_article_suffix(tmp_path: Path) -> None:
    path = tmp_path / "folder.md"
    path.mkdir()
    with pytest.raises(ReadError, match="is a directory"):
        read_article(path)


def test_txt_a_wire_credited_only_in_the_dateline_is_the_publisher(tmp_path: Path) -> None:
    page = f"Title of the wire story\n\nPORT ALDER, May 2 (Reuters) - {BODY_1}\n"
    doc = read_article(write(tmp_path, "story.txt", page))
    assert doc.publisher == "Reuters"
    assert doc.author is None


def test_txt_rows_of_a_labelled_list_stay_lines(tmp_path: Path) -> None:
    page = (f"Title of the copper story\n\n{BODY_1}\n\nShipments by destination in April:\n\n"
            "China — copper concentrate 1.04 million tonnes\nJapan — copper concentrate 212,000 tonnes\n"
            "Brazil: 18,500 tonnes\n")
    doc = read_article(write(tmp_path, "story.txt", page))
    assert "China — copper concentrate 1.04 million tonnes\nJapan — copper" in doc.text
    assert "tonnes\nBrazil: 18,500 tonnes" in doc.text


@pytest.mark.parametrize("site", ["34.tj news agency", "Akipress.kg", "Steppe Information Agency"])
def test_txt_a_site_name_on_the_first_line_is_the_publisher_not_the_headline(tmp_path: Path, site: str) -> None:
    page = (f"{site}\n\nEconomy\n\nNew customs chief appointed; onion exports to Kazakhstan grow\n\n"
            "DUSHANBE, 15/10/25 12:18\n\nRustam Nazarov has been appointed head of the customs service, the "
            "presidential press office said on Tuesday. Onion exports reached 40,000 tons in the first half.\n")
    doc = read_article(write(tmp_path, "page.txt", page))
    assert (doc.title, doc.publisher) == ("New customs chief appointed; onion exports to Kazakhstan grow", site)


@pytest.mark.parametrize(("first", "byline", "publisher", "author"), [
    ("Xinhua | English.news.cn", "Source: Xinhua", "Xinhua", None),
    ("El Observador", "Por Lucía Fernández Gómez", "El Observador", "Lucía Fernández Gómez"),
    ("Anadolu Ajansı", "Mehmet Öztürk   |02.10.2025 - Update : 02.10.2025", "Anadolu Ajansı", "Mehmet Öztürk"),
    ("ALMATY -Kazinform, Dana Seitova", None, None, "Dana Seitova"),
])
def test_txt_mastheads_and_bylines_as_sites_print_them(tmp_path: Path, first: str, byline: str | None,
                                                       publisher: str | None, author: str | None) -> None:
    head = f"{first}\n\n" if not first.startswith("ALMATY") else ""
    line = byline or first
    page = (f"{head}Economy\n\nWheat exports to Uzbekistan grow in the first half\n\n{line}\n\n"
            "Kazakhstan exported 1.2 million tonnes of wheat to Uzbekistan in January-June, the ministry said "
            "on Tuesday. Flour exports also rose.\n")
    doc = read_article(write(tmp_path, "page.txt", page))
    assert doc.title == "Wheat exports to Uzbekistan grow in the first half"
    assert doc.author == author
    if publisher:
        assert doc.publisher == publisher


def test_html_a_bulleted_list_in_the_body_is_text_the_menu_is_not(tmp_path: Path) -> None:
    page = """<html><head><title>Summit seals six documents | Ministry of Trade of Lorvania</title></head><body>
<nav><ul><li><a href="/about">About the ministry</a></li><li><a href="/news">News and updates</a></li></ul></nav>
<div class="view_cont">
<p>The Ministry of Trade of Lorvania announced on June 17 that six documents were signed at the summit in Lorva.</p>
<p>The ministry concluded intergovernmental documents with three governments on trade and supply chains.</p>
<ul>
<li>With Sildavia, the two trade ministers declared the launch of negotiations on an economic partnership.</li>
<li>With Borduria, the ministry signed a memorandum of understanding on critical minerals cooperation.</li>
</ul>
<p>Sildavia is Lorvania's largest trading partner in the region, officials said at the close of the summit.</p>
</div></body></html>"""
    doc = read_article(write(tmp_path, "summit.html", page))
    assert "memorandum of understanding on critical minerals" in doc.text
    assert "launch of negotiations" in doc.text
    assert "About the ministry" not in doc.text


def test_html_byline_element_and_no_date_guessed_from_a_copyright_year(tmp_path: Path) -> None:
    page = """<html><head><title>Produce exports pass 41,000 tonnes | Lorvania Times</title></head><body>
<div class="submitted">By Dana Karam - Jan 21,2026 - Last updated at Jan 21,2026</div>
<div class="article-body"><p>Some 2,400 tonnes of fruit and vegetables are leaving Lorvania every day, officials
said on Tuesday, as exports since the start of the year passed 41,000 tonnes.</p>
<p>Sildavia had again become the largest market for Lorvanian produce, the ministry said.</p></div>
<div id="footer"><p>&copy; 2026 Lorvania Times. All rights reserved.</p></div></body></html>"""
    doc = read_article(write(tmp_path, "produce.html", page))
    assert doc.author == "Dana Karam"
    assert doc.published == "2026-01-21"


def test_a_lead_set_apart_under_the_headline_is_kept(tmp_path: Path) -> None:
    """trafilatura drops an element classed as a summary; a page's lead paragraph is the story's first."""
    lead = ("The President signed the Federal Law on Ratification of the Agreement between Sildavia and Lorvania "
            "on the Exchange of Advance Information on Goods.")
    body = "".join(f"<p>{s} The customs services of both states will share data on cargo before it reaches the "
                   f"border, officials said.</p>" for s in ("The agreement was concluded in Klow.",
                                                           "Both parliaments approved it in the autumn."))
    page = (f"<html><head><title>Law on ratification</title></head><body><article><h1>Law on ratification of the "
            f"Sildavian-Lorvanian agreement</h1><time>October 14, 2026</time><div class=\"read__lead "
            f"entry-summary\"><p>{lead}</p></div><div class=\"entry-content\">{body}</div></article></body></html>")
    path = tmp_path / "law.html"
    path.write_text(page, encoding="utf-8")
    doc = read_article(path)
    assert doc.text.startswith(lead), doc.text[:200]
    assert doc.text.count(lead) == 1


def test_a_site_after_a_headline_cut_short_in_the_title_tag(tmp_path: Path) -> None:
    """"Kenya tea exports rise | Daily Nation" over a page headline "Kenya tea exports rise in March": the site."""
    body = "".join(f"<p>{s} The board said prices at the Mombasa auction were firmer than a year earlier.</p>"
                   for s in ("Kenya's tea exports rose 12 per cent in March.", "Pakistan remained the top buyer."))
    page = ("<html><head><title>Kenya tea exports rise | Daily Nation</title></head><body><article>"
            f"<h1>Kenya tea exports rise in March</h1>{body}</article></body></html>")
    path = tmp_path / "tea.html"
    path.write_text(page, encoding="utf-8")
    doc = read_article(path)
    assert (doc.title, doc.publisher) == ("Kenya tea exports rise in March", "Daily Nation")


def test_txt_table_set_in_columns_keeps_its_rows(tmp_path: Path) -> None:
    """A statistics release's table set in columns with spaces stays a row a line, its gaps kept (they tell the
    cells apart); a hard-wrapped paragraph typed with two spaces after its full stops is joined as usual."""
    page = """\
Estmark trade by partner

Estmark's exports rose in March.  Imports fell.  The bureau released its monthly
figures on Tuesday, with revisions to February.

                    March 2026
Partner        Exports     Imports
Lorvania      1,204.5       880.2
  Norland       310.0     1,020.7
"""
    doc = read_article(write(tmp_path, "release.txt", page))
    assert "Estmark's exports rose in March. Imports fell. The bureau released its monthly figures on Tuesday" \
        in doc.text
    assert doc.text.endswith("March 2026\nPartner        Exports     Imports\nLorvania      1,204.5       880.2\n"
                             "Norland       310.0     1,020.7")


def test_txt_share_bar_with_a_button_unknown_is_no_headline(tmp_path: Path) -> None:
    page = f"""\
twitter linkedin acp contact

Farm Weekly
Crops | Livestock | Machinery

Estmark ships more maize abroad

19 August 2026

{BODY_1}
"""
    doc = read_article(write(tmp_path, "bar.txt", page))
    assert doc.title == "Estmark ships more maize abroad"


def test_txt_logo_text_and_bracketed_note_are_no_headline(tmp_path: Path) -> None:
    page = f"""\
The Lorvania Ledger logo

[English version of the original report]

Estmark ships more maize abroad

19 August 2026

{BODY_1}
"""
    doc = read_article(write(tmp_path, "logo.txt", page))
    assert doc.title == "Estmark ships more maize abroad"
    assert "logo" not in doc.text and "English version" not in doc.text
