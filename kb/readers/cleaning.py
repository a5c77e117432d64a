"""Scraped page text → clean body paragraphs plus the metadata the page header holds.

A scraped page is a header (site name, breadcrumbs, headline, byline, date,
share bar, a photo caption), the article, and a footer (tags, "Read more",
related headlines, copyright). The header ends at the first real paragraph;
its short lines are mined for metadata and dropped. Boilerplate lines are
dropped anywhere; after a "Related"-style heading, short lines are dropped
until a real paragraph comes back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.readers import bylines, publishers
from kb.readers.dates import date_at, find_date

# --- line classes ------------------------------------------------------------

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_TERMINAL = re.compile(r"""[.!?:;"”’)\]]$""")
_SCRAPER_DATE = re.compile(r"^date\s+(\d{4}-\d{2}-\d{2})\b\s*(.*)$", re.IGNORECASE)
_PUBLISHED = re.compile(
    r"^(?:first\s+)?(?:published|posted|released|date(?:d)?|publication date|post\s+time|publish(?:ed)?\s+time|"
    r"release\s+date)\b\s*(?:on|at)?\s*:?\s*(.*)$",
    re.IGNORECASE,
)
_NAMED_MONTH_OR_ISO = re.compile(r"[A-Za-z]{3}|\b(?:19|20)\d\d-\d\d-\d\d\b")
_TRAILING_BY = re.compile(r"\bby\s+\S.*$", re.IGNORECASE)
_SOURCE_CREDIT = re.compile(r"^(?:source|sources|via)\s*:\s*(?P<name>.{2,40})$", re.IGNORECASE)
_UPDATED = re.compile(r"^(?:last\s+)?(?:updated|modified)\b", re.IGNORECASE)
_CRUMB_SEPARATORS = re.compile(r"\s*(?:>>|[>»›|·•]|\s/\s)\s*")
_SEPARATORS = re.compile(r"\s*(?:>>|[>»›|·•]|\s/\s|\s[–—-]\s)\s*")
_HOME = re.compile(r"^home\b", re.IGNORECASE)
# Menu or tag words scraped without spaces: "HomeNewsMoldova's …", "ExclusiveNewsTrending"
_GLUED_MENU = re.compile(r"^(?:Home(?=[A-Z])|(?:[A-Z][a-z]{2,}){3,}$)")
_MASTHEAD = re.compile(
    r"^(?:supervisor|editor[- ]in[- ]chief|chief editor|managing editor|executive editor|deputy editor"
    r"|chairman of the board|board chairman|founder|publisher)\b.{0,60}$",
    re.IGNORECASE,
)
_FOOTER_HEADING = re.compile(
    r"^(?:related(?:\s+(?:news|stories|articles|posts|content|coverage|topics|links))?|read\s+(?:more|also|next)"
    r"|see\s+also|also\s+read|more\s+(?:news|stories|from\s+.{1,40})|latest(?:\s+news)?|you\s+may\s+also\s+like"
    r"|recommended(?:\s+for\s+you)?|most\s+(?:read|popular|viewed)|trending(?:\s+now)?|further\s+reading"
    r"|top\s+stories|other\s+news|in\s+other\s+news|popular)\s*:?$",
    re.IGNORECASE,
)
_BOILERPLATE = re.compile(
    r"^(?:advertisement|advertising|sponsored(?:\s+content)?|scroll\s+to\s+continue.*|loading\.*"
    r"|skip\s+to\s+(?:main\s+)?(?:content|navigation|search|footer)|jump\s+to\s+(?:main\s+)?content"
    # "Press "Enter" to skip to content": a skip link's label; "You are here: Home News …": a breadcrumb's
    r"|press\s+[\"“']?enter[\"”']?\s+to\s+skip\s+to\s+(?:main\s+)?content|you\s+are\s+here\s*:.{0,120}"
    r"|(?:tags?|keywords|topics|filed\s+under)\s*:.*"
    r"|(?:read\s+(?:more|also|next)|see\s+also|also\s+read|related(?:\s+\w+)?)\s*:.{0,200}"
    r"|follow\s+(?:us|\S+)\s+on\b.*|subscribe\b.{0,80}|sign\s+up\b.{0,80}|click\s+here\b.{0,80}"
    r"|(?:[-*_=~]\s*){3,}|(?:【\d+】\s*)+|\[\d+\](?:\s*\[\d+\])*"
    r"|\(?(?:web\s+)?editors?\s*:.{0,80}\)?|\(?(?:editing|reporting|writing|compiled|translated)\s+by\b.{0,120}"
    r"|[A-Z]{1,4}(?:/[A-Z]{1,4})+|photo\s*(?:credit)?\s*:.{0,80}|image\s*:.{0,80}"
    # "The messenger logo": an image's text; "[English version of the official Spanish text]": an editor's note
    r"|.{1,60}\s+logo|\[[^\[\]]{3,80}\])$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"^(?:copyright\b|©|\(c\)\s)|all rights reserved", re.IGNORECASE)
_COPYRIGHT_NAME = re.compile(
    r"(?:copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(?:by\s+)?"
    r"(?P<name>[^,.|©]+?(?:\.(?:com|net|org|info|ma|az|uz|kz)\b)?)\s*(?:[,.|]|\d{4}|all rights|$)",
    re.IGNORECASE,
)
_SHARE_VOCABULARY = """share shares this article story post page print email e mail facebook twitter whatsapp telegram
    linkedin x pinterest reddit vk viber line font size a send to friend friends comments comment leave
    copy link on via save bookmark tweet messenger and or text contact"""
_SHARE_WORDS = frozenset(_SHARE_VOCABULARY.split())
_SHARE_TOKEN = re.compile(r"[a-z]+")
# "NAIROBI, Aug. 2 (Xinhua) --", "LONDON (Reuters) -": the agency that wrote the copy
_DATELINE_AGENCY = re.compile(
    r"^[A-Z][A-Za-z .,'’-]{1,60}?[.,]?\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*)?"
    r"\((?P<agency>[^()]{2,40})\)\s*(?:--|[–—-])"
)
_LEADING_AGENCY = re.compile(r"^\((?P<agency>[A-Za-z][\w .-]{1,30})\)")
# "YEREVAN, February 24. / ARKA /.": the agency between slashes after the place and day
_SLASHED_AGENCY = re.compile(r"^[A-Z][A-Za-z .,'’-]{1,60}?[.,]?\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*[.,]?\s*)?"
                             r"/\s*(?P<agency>[A-Za-z][\w .-]{1,30}?)\s*/")
# "OREANDA-NEWS. November 24, 2026. …", "New Delhi, May 11, 2026: …": the place or outlet before a whole date
# opening the first paragraph, and what closes the dateline after the date
_DATELINE_PLACE = re.compile(r"[A-Z][\w.'’&-]*(?:[ -][A-Za-z][\w.'’&-]*){0,3}[.,]\s+")
_DATELINE_CLOSE = re.compile(r"\s*[.,:;]?\s*(?:[–—-]+\s*)?")
_TOLD = re.compile(r"\btold\s+((?:[Tt]he\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})")
# From a word's start, words of at most 40 characters: else a long run of capitals was quadratic.
_REPORTS = re.compile(r"(?<![\w.'’-])((?:[A-Z][\w.'’-]{0,40}\s+){0,3}[A-Z][\w.'’-]{0,40})"
                      r"\s+(?:reports|correspondent reports)\b")
_CAPTION_HINT = re.compile(
    r"\b(?:photo|photograph|image|picture|file photo|credit)s?\b\s*(?::|\||/|by\b)|\([^()]{2,60}\)$",
    re.IGNORECASE,
)
_LIST_ITEM = re.compile(r"^(?:[-*•»›–]\s|\d+[.)]\s)")
_DATE_VOCABULARY = """jan january feb february mar march apr april may jun june jul july aug august sep sept september
    oct october nov november dec december mon monday tue tues tuesday wed wednesday thu thur thurs
    thursday fri friday sat saturday sun sunday am pm gmt utc st nd rd th at on of updated published
    posted date time"""
_DATE_WORDS = frozenset(_DATE_VOCABULARY.split())
_WORD = re.compile(r"[A-Za-z]+")

_PARAGRAPH_CHARS = 100  # a line this long with a sentence in it is article text
_PARAGRAPH_WORDS = 15
_SHORT_LINE = 80  # header lines that carry metadata are short
_TITLE_MAX = 250
_FOOTER_RESUME_CHARS = 150
_CAPTION_WORDS = 6
_SENTENCE_WORDS = 8


@dataclass
class Page:
    """What a scraped page yields: clean body text and metadata found in it."""

    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    publisher: str | None = None
    wire: str | None = None  # a news agency credited in a dateline ("(Xinhua)")
    site_atop: str | None = None  # the page's first line when only a site's name fits it: weak publisher evidence


@dataclass
class _Scan:
    title: str | None = None
    author: str | None = None
    name_line: str | None = None  # a name alone on a header line, the weakest author form
    published: str | None = None
    scraper_date: str | None = None
    published_line: str | None = None
    published_footer: str | None = None  # a labelled date under the story ("Post time: …"), when none is above it
    published_dateline: str | None = None  # the whole date in the first paragraph's dateline
    publisher: str | None = None
    byline_outlet: str | None = None
    copyright_outlet: str | None = None
    masthead: str | None = None  # an unknown outlet's or an agency's name atop the page
    last_header: str | None = None  # the header line before the current one
    first: bool = True  # the current line is the page's first
    outlet_line: str | None = None  # the header line that named a known outlet
    wire: str | None = None
    in_header: bool = True
    in_footer: bool = False
    seen: set[str] = field(default_factory=set)
    spare: list[str] = field(default_factory=list)  # header lines dropped only for being short
    title_guessed: bool = False  # the title is a header line taken for one, not given by the caller
    title_first: bool = False  # … and it was the page's first line
    first_line_name: str | None = None  # a short name-like first line dropped from the header: likely the site
    last_crumb: str | None = None  # a breadcrumb's last link, which a short headline repeats
    title_is_crumb: bool = False  # the title is a line that repeats the breadcrumb's last link
    body_lines: int = 0  # lines kept as body so far
    name_below_deck: str | None = None  # a name alone on a line just after the standfirst, awaiting its date line


def norm(line: str) -> str:
    return _SPACES.sub(" ", line).strip()


def _key(line: str) -> str:
    return re.sub(r"\W+", " ", line.casefold()).strip()


def undouble(line: str) -> str:
    """A photo caption the scraper printed twice in one line, once ("A. (B) A. (B)" → "A. (B)")."""
    n = len(line)
    half = n // 2
    if n >= 20:
        if n % 2 == 1 and line[half] == " " and line[:half] == line[half + 1 :]:
            return line[:half]
        if n % 2 == 0 and line[:half] == line[half:]:
            return line[:half]
    return line


def _is_paragraph(line: str) -> bool:
    return len(line) >= _PARAGRAPH_CHARS and len(line.split()) >= _PARAGRAPH_WORDS


def _is_sentence(line: str) -> bool:
    """A short article sentence after the headline ends the header as a paragraph would."""
    return len(line.split()) >= _SENTENCE_WORDS and line.endswith((".", "!", "?", '"', "”"))


def _is_caption(line: str) -> bool:
    return _CAPTION_HINT.search(line) is not None and not line.endswith(".")


def is_share_bar(line: str) -> bool:
    """A row of share/print/font-size buttons: every word is a button word."""
    if len(line) > 120:
        return False
    tokens = _SHARE_TOKEN.findall(line.lower())
    unknown = [t for t in tokens if t not in _SHARE_WORDS]
    # "twitter linkedin acp contact": a button the list does not know among two networks' names
    networks = sum(t in _NETWORKS for t in tokens)
    return (
        bool(tokens)
        and (not unknown or (len(unknown) == 1 and networks >= 2 and line == line.lower()))
        and ("share" in tokens or "print" in tokens or "font" in tokens or len(tokens) >= 2)
    )


_NETWORKS = frozenset(("twitter", "facebook", "linkedin", "whatsapp", "telegram", "pinterest", "reddit", "instagram",
                       "youtube", "tumblr", "vk", "viber"))


def is_boilerplate(line: str) -> bool:
    """Lines that are page furniture wherever they appear."""
    if len(line) > 250:
        return False
    return bool(_BOILERPLATE.match(line) or _COPYRIGHT.search(line) or is_share_bar(line))


def is_date_line(line: str) -> str | None:
    """The date of a short line that is little more than a date ("Fri 03rd April 2020 | 11:52 AM")."""
    if len(line) > _SHORT_LINE:
        return None
    iso = find_date(line)
    if iso is None:
        return None
    other = [w for w in _WORD.findall(line) if w.lower() not in _DATE_WORDS]
    return iso if len(other) <= 4 else None


def _segments(line: str) -> list[str]:
    return [s for s in _SEPARATORS.split(line) if s]


def is_breadcrumb(line: str) -> bool:
    """Short segments joined by separators: "Home > Business > Economy", "News | Politics"."""
    if (_HOME.match(line) or _GLUED_MENU.match(line)) and len(line) < 120:
        return True  # … "HomeNewsMoldova's apple exports …": a breadcrumb's links scraped without separators
    parts = [p for p in _CRUMB_SEPARATORS.split(line) if p]
    return len(parts) >= 2 and all(len(p.split()) <= 4 and not any(c.isdigit() for c in p) for p in parts)


def _outlet_in_line(line: str) -> str | None:
    """A known outlet named by a whole header line or by its first segment ("Interfax-Ukraine | ...",
    "MercoPress, South Atlantic News Agency"). A masthead that gives the outlet's short and full
    name ("TAP - Tunis Afrique Presse") is the publisher as printed."""
    found = publishers.by_name(line)
    if found is not None:  # "Trend News Agency", "RNZ Pacific" alone on a line: as printed
        return line if not (line.isupper() or line.islower()) else found.name
    parts = _segments(line) or [line]
    if len(parts) == 1 and "," in line:
        parts = [p.strip() for p in line.split(",", 1)]
    found = publishers.by_name(parts[0])
    if found is None:
        return None
    if len(parts) == 2 and publishers.by_name(parts[1]) == found and not _DOMAIN_PART.search(parts[1]):
        return line  # "TAP - Tunis Afrique Presse"; not "Xinhua | English.news.cn", a name and its site
    return found.name


def _copyright_outlet(line: str) -> str | None:
    m = _COPYRIGHT_NAME.search(line)
    if not m:
        return None
    name = m["name"].strip(" .,-")
    found = publishers.by_name(name) or publishers.leading_name(name)
    if found:
        return found.name
    return name if 1 <= len(name.split()) <= 5 and name[:1].isupper() else None


# --- header lines ------------------------------------------------------------


def _take_byline(scan: _Scan, line: str, author: str, outlet: str | None) -> None:
    """A byline's writer, its outlet and the date on its line ("By TMO | 9 March 2026")."""
    scan.author = scan.author or author
    scan.byline_outlet = scan.byline_outlet or outlet
    if published := find_date(line):
        scan.published_line = scan.published_line or published


def _header_meta(line: str, scan: _Scan) -> bool:
    """Mine one short header line for metadata; True when the line is metadata (to drop)."""
    m = _SCRAPER_DATE.match(line)
    if m:
        scan.scraper_date = scan.scraper_date or m[1]
        rest = m[2].strip()
        if rest and not scan.publisher:
            scan.publisher = _outlet_in_line(rest)
        return True
    if _MASTHEAD.match(line) or _UPDATED.match(line):
        return True
    author, outlet = bylines.parse_byline(line)
    if author:
        _take_byline(scan, line, author, outlet)
        return True
    author = bylines.author_in_line(line, scan.masthead or scan.publisher)
    if author:
        scan.author = scan.author or author
        published = find_date(line)
        if published:
            scan.published_line = scan.published_line or published
        return True
    m = _PUBLISHED.match(line)
    if m and find_date(m[1]):
        scan.published_line = scan.published_line or find_date(m[1])
        by = _TRAILING_BY.search(m[1])  # "Posted on May 3, 2023 by Jane Doe"
        if by and scan.author is None:
            scan.author = bylines.parse_byline(by[0].strip())[0]
        return True
    outlet = _outlet_in_line(line) if len(line) <= _SHORT_LINE else None
    if outlet:
        scan.publisher = scan.publisher or outlet
        scan.outlet_line = line
        return True
    m = _LEADING_AGENCY.match(line)
    if m:
        _note_wire(m["agency"], scan)
    site = _DATE_THEN_SITE.match(line)
    if site and is_date_line(site["date"]) and len(line) <= _SHORT_LINE:
        # "23 June 2026 [14:05] - Today.Az": the date the site printed, and the site's name after it
        scan.published = scan.published or is_date_line(site["date"])
        scan.publisher = scan.publisher or site["site"]
        return True
    iso = is_date_line(line)
    if iso:
        scan.published = scan.published or iso
        return True
    if is_breadcrumb(line):
        scan.last_crumb = _segments(line)[-1].strip()
        return True
    return False


_CRUMB_SEPARATOR = re.compile(r"\s+[»›]\s+")
_DATE_THEN_SITE = re.compile(r"^(?P<date>.*\d.*?)\s+[-–—|]\s+(?P<site>[A-Z][\w-]*\.[A-Za-z]{2,6}(?:\.[a-z]{2})?)$")


def _note_wire(agency: str, scan: _Scan) -> None:
    found = publishers.by_name(agency.split("/")[0])
    if found and found.wire and scan.wire is None:
        scan.wire = found.name


def _is_title(line: str) -> bool:
    if len(line) > _TITLE_MAX or len(line.split()) < 3 or line.endswith(":") or _is_promotion(line):
        return False
    return not (_is_paragraph(line) and line.endswith("."))


# "Buy car in DR", "Ads by Google", "Subscribe to our newsletter": an advertisement's or a menu's line
_PROMOTION = re.compile(r"^(?:Buy|Shop|Subscribe|Sign\s+up|Download|Advertise|Click|Follow\s+us|Join\s+us|"
                        r"Get\s+(?:the|our)|Read\s+more)\b|\bAds?\s+by\b|\bSponsored\b|\bAdvertisement\b", re.I)
_SHOUTED = re.compile(r"\b[A-Z][A-Z'’]{3,}\b")


def _is_promotion(line: str) -> bool:
    """An advertisement, or an outlet's slogan with words in capitals among lower-case ones ("Committed to
    PEOPLE'S RIGHT TO KNOW"), not a headline."""
    if _PROMOTION.search(line):
        return True
    words = line.split()
    return len(_SHOUTED.findall(line)) >= 3 and any(w[:1].islower() for w in words)


def _name_line(line: str) -> str | None:
    """A person's name alone on a header line, or with the place they write from ("Ana Ruiz, Lima")."""
    if bylines.looks_like_name(line) and publishers.by_name(line) is None:
        return line
    name, _, place = line.partition(", ")
    if place and bylines.looks_like_name(name) and _PLACE.fullmatch(place) and publishers.by_name(name) is None:
        return name
    return None


_PLACE = re.compile(r"[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+){0,2}")
# "Ahmet Can Yıldız   |02.10.2025 - Update : 02.10.2025": a name, then the date it wrote
_NAME_THEN_DATE = re.compile(r"^(?P<name>[^|\d]{4,60}?)\s*\|\s*\d")
# "BISHKEK -24.kg, Aigerim Tashtanova": the city and site, then the writer
_DATELINE_THEN_NAME = re.compile(r"^[A-Z][A-Z .'-]{2,25}\s*[-–—]\s*\S+,\s+(?P<name>[^,]{4,60})$")


def _name_before_date(line: str) -> str | None:
    m = _NAME_THEN_DATE.match(line)
    return m["name"].strip() if m and bylines.looks_like_name(m["name"].strip()) else None


def _name_after_dateline(line: str) -> str | None:
    m = _DATELINE_THEN_NAME.match(line)
    return m["name"].strip() if m and bylines.looks_like_name(m["name"].strip()) else None


def _header_line(line: str, scan: _Scan) -> bool:
    """Handle a line of the page header; True to keep it as body text."""
    keep = _header_line_kind(line, scan)
    if scan.first and not keep and scan.title is None and scan.masthead is None and scan.name_line != line:
        scan.first_line_name = _site_name_atop(line)
    scan.last_header = None if keep else line
    scan.first = False
    return keep


def _header_line_kind(line: str, scan: _Scan) -> bool:
    if _headline_before_date(line, scan):
        # "Malawi News 360 / Business and Finance / <headline> / November 19, 2026": the line the date follows is
        # the headline; a first line taken for one before was the site
        site = _site_of(scan.title or "")
        if scan.title_first and scan.masthead is None and (_names_a_site(site) or _named(site)):
            scan.masthead = _name_before_bar(site)
        scan.title, scan.title_first, scan.title_is_crumb = scan.last_header, False, False
    if is_boilerplate(line):
        _footer_meta(line, scan)
        return False
    if _HOME.match(line) and is_breadcrumb(line) and scan.last_header:
        _masthead_before_breadcrumb(scan.last_header, scan)
    if scan.author is None and scan.name_line is None and "|" in line:
        scan.name_line = _name_before_date(line)  # "Name   |02.10.2025 - Update : …", a date line too
    if len(line) <= _TITLE_MAX and _header_meta(line, scan):
        return False
    if scan.first and (icon := _SITE_ICON.match(line)):
        scan.masthead = scan.masthead or icon["site"]  # "Site icon Global New Light Of Myanmar": an AMP page's logo
        return False
    if scan.title is None and scan.first and (_OUTLET_LINE.match(line) or _names_an_outlet(line)
                                               or _site_name_line(line)):
        # "24.kg news agency", "Xinhua | English.news.cn" atop the page: the site (a known outlet's own segment)
        scan.masthead = scan.masthead or _outlet_in_line(line) or _name_before_bar(line)
        return False
    if scan.title is None and (scan.first or scan.last_header == scan.outlet_line) and is_masthead(line):
        # "Fiji Revenue & Customs Service" atop its own press release; an outlet's tagline
        scan.masthead = scan.masthead or _name_before_bar(line)
        return False
    if scan.title and _key(line) == _key(scan.title):
        return False
    if scan.title is not None and scan.title_guessed and _is_title(line) and (
            _headline_after_label(scan, line) or _headline_after_section(scan, line)):
        # "Caucasus in Detail" or "Business & Economy", then the headline: the first was the site or a section
        if scan.title_first and scan.masthead is None:
            scan.masthead = _name_before_bar(scan.title)
        scan.title, scan.title_first, scan.title_is_crumb = line, False, False
        scan.spare.append(line)
        return False
    crumb = scan.last_crumb is not None and _key(line) == _key(scan.last_crumb)  # "Home » Blog » Cmaa Agreement"
    if scan.title is None and (_is_title(line) or (crumb and len(line) <= _TITLE_MAX)):
        scan.title, scan.title_guessed, scan.title_first = line, True, scan.first
        scan.title_is_crumb = crumb
        scan.spare.append(line)
        return False
    if not _is_paragraph(line) and not (scan.title and _is_sentence(line)):
        scan.spare.append(line)
        if _is_caption(line) and len(line.split()) >= _CAPTION_WORDS:
            return True  # a short photo caption: captions name people and places
        if scan.author is None and scan.name_line is None:
            scan.name_line = _name_line(line) or _name_before_date(line) or _name_after_dateline(line)
        return False  # headline kickers, datelines alone, topic labels
    if not _is_caption(line):
        scan.in_header = False
    return True


def _headline_before_date(line: str, scan: _Scan) -> bool:
    """Whether the header line before this date line, a headline's shape, is the headline rather than the earlier
    line taken for one (a site's name, a contact bar, a section)."""
    before = scan.last_header
    if not (scan.title is not None and scan.title_guessed and before is not None and before != scan.title):
        return False
    if not is_date_line(line) or not _is_title(before) or is_breadcrumb(before) or len(before.split()) < 5 \
            or is_masthead(before) or _names_an_outlet(before):
        return False  # (not "TAJIKISTAN INCREASED EXPORT …", then the agency's name above its date line)
    if _TEASER_AGE.search(scan.title):
        return True  # "Why Belize Expats Love the Cayo District 6 years ago": a sidebar's teasers, not the headline
    return len(scan.title.split()) <= 4 or "@" in scan.title or (scan.title_first and (
        bool(_BEFORE_HOME.search(scan.title)) or _names_a_site(_site_of(scan.title))))


def _site_of(line: str) -> str:
    """A site's name without its tagline after a bar or its breadcrumb after it ("… of Turkmenistan Home / News")."""
    return _BEFORE_HOME.split(line)[0].partition(" | ")[0].strip()


def _names_a_site(line: str) -> bool:
    return _site_name_line(line) or is_masthead(line) or _names_an_outlet(line) or bool(_NEWS_NAME.fullmatch(line))


_BEFORE_HOME = re.compile(r"\s+(?:Home|HOME)\b")
_TEASER_AGE = re.compile(r"\b(?:\d{1,2}|an?)\s+(?:year|month|week|day|hour)s?\s+ago\b", re.I)
# "Malawi News 360", "Daily Post 24": an outlet's name with a number in it
_NEWS_NAME = re.compile(r"(?:[A-Z][\w'’.-]*\s+){0,3}(?:News|Times|Post|Daily|Herald|Tribune|Gazette|Journal|Online|"
                        r"Today|Express|Monitor|Observer|Mirror|Voice|Reporter|Standard|Telegraph|Chronicle)"
                        r"(?:\s+(?:[A-Z][\w'’.-]*|\d{1,4})){0,2}")


_NOT_A_SITE = frozenset(("menu", "search", "login", "log", "in", "sign", "subscribe", "advertisement", "skip", "to",
                         "content", "close", "open", "main", "navigation", "toggle", "en", "english", "language",
                         "trending", "now", "live", "tv", "watch", "most", "read", "related", "articles", "popular",
                         "featured", "more", "editor's", "picks", "videos", "photos", "today", "just"))


def _page_furniture(line: str) -> bool:
    """"Breaking News", "Most Read", "Live TV": a line of section and menu words only, no site's name."""
    words = [w.lower().strip(".:|") for w in line.split()]
    return bool(words) and all(w in _SECTION_WORDS or w in _NOT_A_SITE for w in words)


def _site_name_atop(line: str) -> str | None:
    """The page's first line when it can only be the site's name: one to four words without sentence punctuation,
    a date, a section label or a menu word ("FRESH NEWS", "DR1 Newsletter", "teleSUR English", "CBW"). A name and
    its expansion ("HINA - Hrvatska izvještajna novinska agencija") or its tagline ("WoodPress | Timber trade news")
    give the short name."""
    parts = [p.strip() for p in re.split(r"\s[–—|-]\s", line, maxsplit=1)]
    name = parts[0]
    words = name.split()
    if not 1 <= len(words) <= 4 or name.endswith((".", "!", "?", ":", ";", ",")) or find_date(line):
        return None
    if any(w.isdigit() or not w[:1].isalnum() for w in words) or not any(c.isupper() for c in words[0]):
        return None
    if _page_furniture(name):
        return None
    return name


# A site's name alone on the first line: a domain ("24.kg", "Trend.az") or a name ending "news agency".
_OUTLET_LINE = re.compile(r"(?i)^(?:[\w-]+\.[a-z]{2,6}(?:\s+(?:news(?:\s+agency)?|online))?|"
                          r"[\w.'’ -]{2,40}?\s+(?:news\s+agency|news\s+service|newswire|information\s+agency))$")


_DOMAIN_PART = re.compile(r"\.[a-z]{2,6}$")
_SITE_ICON = re.compile(r"^Site\s+(?:icon|logo)\s+(?P<site>[A-Z].{1,60})$")
_SECTION_WORDS = frozenset(("news", "business", "economy", "economics", "world", "markets", "politics", "trade",
                            "agriculture", "home", "latest", "opinion", "finance", "money", "national", "region",
                            "regional", "international", "local", "sport", "sports", "breaking", "top", "stories"))


_SOURCE_LINE = re.compile(r"(?:The\s+)?[A-Z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,4}\s+\([A-Z][\w'’ .-]{2,30}\)")


def _headline_after_label(scan: _Scan, line: str) -> bool:
    """Whether a header line is the headline and the line taken for it before was a name or a label: a site's
    name atop the page ("Blasina y Asociados", "Sandler, Travis & Rosenberg Trade Report"), a section ("Business &
    Economy") or a site's tagline ("Uzbekistan news in English"), followed by a longer line."""
    title = scan.title or ""
    words, new_words = title.replace(",", " ").split(), len(line.split())
    if _SOURCE_LINE.fullmatch(line):
        return False  # "The Ethiopian Herald (Addis Ababa)": the outlet a story is taken from, and its city
    # a number of its own ("2026 News") is no site's name; a digit inside a name ("N1 Bosna i Hercegovina") may be
    if new_words < 4 or line.endswith(".") or any(w.strip(",").isdigit() for w in words) \
            or title.endswith((".", "?", "!", ":")):
        return False
    # … or a longer one saying whom the news is for ("Commodity news for traders, importers and shippers")
    tagline = (len(words) <= 5 and any(w.lower() == "news" for w in words)) or bool(_NEWS_FOR.search(title))
    # "Sénégal Export – Agence Sénégalaise de Promotion des Exportations": a site's name and its expansion
    named = (len(words) <= 8 or _site_name_atop(title) is not None) and _named(title)
    # a name atop the page; a section; a menu item ("Belarus' Top Tourist Sites") before a headline in sentence case
    return tagline or (named and (scan.title_first or not _named(line))) \
        or (named and len(words) <= 3 and new_words > len(words))


_NEWS_FOR = re.compile(r"^(?:[A-Z][\w&-]*\s+){0,3}(?:news|updates|insights|analysis)\s+(?:and\s+\w+\s+)?"
                       r"(?:for|from|about|on)\s+", re.I)


def _headline_after_section(scan: _Scan, line: str) -> bool:
    """"Home > News > Business updates", "Business updates", then "External Trade Statistics Jan-June 2026: …":
    a line repeating the breadcrumb's last link labels a section when a longer headline follows it."""
    words = len((scan.title or "").split())
    return scan.title_is_crumb and words <= 4 and len(line.split()) >= words + 3 and not line.endswith(".")


def _named(line: str) -> bool:
    """Every word capitalised but the links of names ("Blasina y Asociados"), no title-case link words."""
    return all(w[:1].isupper() or w.lower() in _NAME_LINKS for w in line.replace(",", " ").split()) \
        and not _TITLE_CASE_LINK.search(line)


# … and "and" in the languages of site names ("N1 Bosna i Hercegovina", "Diário e Notícias"), and "of" in
# Polynesian ones ("Matangi 'o Samoa")
_NAME_LINKS = frozenset(("of", "and", "&", "for", "the", "in", "y", "de", "du", "des", "la", "el", "da", "do", "-",
                         "–", "|", "i", "e", "et", "und", "ve", "og", "och", "en", "'o", "’o", "ʻo", "o", "di", "van",
                         "von", "al"))


_CAMEL = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]+)+")


def _name_before_bar(line: str) -> str:
    """A masthead's name: "SASEC | South Asia Subregional Economic Cooperation" is SASEC, a name then its
    expansion or tagline; a line without a bar is the name."""
    name, bar, _ = line.partition(" | ")
    return name.strip() if bar and _site_name_atop(name.strip()) else line


def _site_name_line(line: str) -> bool:
    """"El Economista" atop a page: two or three capitalised words, none a section's, no digits; or one word
    written in camel case ("IntraFish")."""
    words = line.split()
    if len(words) == 1:
        return bool(_CAMEL.fullmatch(line))
    return 2 <= len(words) <= 3 and not any(ch.isdigit() for ch in line) \
        and all(w[:1].isupper() for w in words) and not any(w.lower().strip(".:") in _SECTION_WORDS for w in words)


def _names_an_outlet(line: str) -> bool:
    """A short line without digits that holds a known outlet's name ("Agencia Peruana de Noticias Andina")."""
    words = line.split()
    if not 1 <= len(words) <= 8 or any(ch.isdigit() for ch in line):
        return False
    return any(publishers.by_name(" ".join(words[i:j])) is not None
               for i in range(len(words)) for j in range(i + 1, min(len(words), i + 4) + 1))


def is_masthead(line: str) -> bool:
    """A line that is only an organisation's or an outlet's name: a few capitalised words (and
    connectors) ending in an organisation word, no digits."""
    words = line.split()
    if not 2 <= len(words) <= 8 or _DIGIT_OR_END.search(line) or _TITLE_CASE_LINK.search(line):
        return False
    if not all(w[:1].isupper() or w in _MASTHEAD_LINKS for w in words):
        return False
    org = publishers.masthead_words()
    return words[-1].strip("()") in org or (any(w in org for w in words[:-1]) and " of " in line)


_DIGIT_OR_END = re.compile(r"\d|[.!?:;]$")
# A headline in title case capitalises its small words ("Sign Pact On Customs"); a name does not.
_TITLE_CASE_LINK = re.compile(r"\s(?:And|On|In|To|With|For|Of|At|By|As|From|Over|Into|Amid|After|Is|Are)\s")
_MASTHEAD_LINKS = frozenset(("of", "and", "&", "for", "the", "de", "du", "des", "-", "–", "|"))


def _masthead_before_breadcrumb(line: str, scan: _Scan) -> None:
    """"Horn Diplomat" then "Home / Business": the line atop the breadcrumb is the site's name."""
    words = line.split()
    if scan.publisher or scan.masthead or not 1 <= len(words) <= 5 or _DIGIT_OR_END.search(line):
        return
    if not all(w[:1].isupper() or w in _MASTHEAD_LINKS for w in words):
        return
    scan.masthead = line
    if scan.name_line == line:
        scan.name_line = None
    if scan.title == line:
        scan.title = None


def _footer_meta(line: str, scan: _Scan) -> None:
    if _COPYRIGHT.search(line) and scan.copyright_outlet is None:
        scan.copyright_outlet = _copyright_outlet(line)


# --- body lines --------------------------------------------------------------


def _body_line(line: str, scan: _Scan) -> bool:
    """Handle a line after the header; True to keep it."""
    if scan.in_footer:
        if len(line) >= _FOOTER_RESUME_CHARS and _TERMINAL.search(line) and not _LIST_ITEM.match(line):
            scan.in_footer = False
        else:
            _footer_meta(line, scan)
            return False
    if _FOOTER_HEADING.match(line):
        scan.in_footer = True
        return False
    if is_boilerplate(line):
        _footer_meta(line, scan)
        return False
    if scan.title and _key(line) == _key(scan.title):
        return False
    author = bylines.author_in_line(line, scan.masthead or scan.publisher) \
        if scan.author is None and len(line) < _SHORT_LINE else None
    if author:  # "20 March 2025 - 05:00 by Thando Maseko" below a standfirst
        scan.author = author
        return False
    iso = is_date_line(line)
    if iso and (label := _PUBLISHED.match(line)) and scan.body_lines > _DECK_LINES:
        # "Post time: May-26-2026" under the story, as company sites print it: the date it was put up (not
        # "Published: 11/6/2025", whose day and month may be either way round: the file's name may know)
        if _NAMED_MONTH_OR_ISO.search(label[1]):
            scan.published_footer = scan.published_footer or iso
        return False
    if iso:
        if scan.body_lines <= _DECK_LINES:
            # "Ellie Brannigan" then "June 5, 2026 - 3:14PM" below the standfirst: the byline and the date
            scan.published = scan.published or iso
            scan.author = scan.author or scan.name_below_deck
            scan.name_below_deck = None
        return False
    if scan.author is None and scan.body_lines <= _DECK_LINES and bylines.looks_like_name(line):
        scan.name_below_deck = line
        return False
    m = _SOURCE_CREDIT.match(line)
    if m and publishers.by_name(m["name"]):
        _note_wire(m["name"], scan)
        return False
    author, outlet = bylines.parse_byline(line) if len(line) < _SHORT_LINE else (None, None)
    if author:
        _take_byline(scan, line, author, outlet)
        return False
    scan.body_lines += 1
    return True


_DECK_LINES = 2  # a standfirst, maybe a caption: the byline and the date may still follow


# --- lines and blocks --------------------------------------------------------


def _logical_lines(block: list[str]) -> list[str]:
    """Join hard-wrapped lines of one block back into whole lines.

    The pieces of a line are joined once at its end, and what `_continues`
    asks of the line so far is kept as it grows: re-joining and re-scanning
    the whole line at every piece made a hard-wrapped 2 MB block quadratic.
    """
    out: list[str] = []
    pieces: list[str] = []
    length, bar, tail = 0, False, ""  # of the line being joined: its length, whether " | " is in it, its end
    for line in block:
        if pieces and _continues(pieces[-1], length, bar, line):
            bar = bar or " | " in f"{tail} {line[:2]}"  # a " | " across the join (its end may span a short piece)
            pieces.append(line)
            length += 1 + len(line)
            tail = f"{tail} {line}"[-2:]
        else:
            if pieces:
                out.append(" ".join(pieces))
            pieces, length, bar, tail = [line], len(line), " | " in line, line[-2:]
    if pieces:
        out.append(" ".join(pieces))
    return out


def _continues(last_piece: str, length: int, bar: bool, line: str) -> bool:
    """Whether `line` continues the line so far (of `length` characters, ending with `last_piece`)."""
    if _TERMINAL.search(last_piece[-1:]) or bar or " | " in line or _LIST_ITEM.match(line) \
            or _LABELLED_ROW.match(line) or _RULE_LINE.fullmatch(line):
        return False
    # (a long headline, then its date line "14.5.2026": two lines)
    return line[:1].islower() or (length >= 60 and not is_date_line(line))


# "****…" under a press release's headline: a rule, no words of it
_RULE_LINE = re.compile(r"[*=_~#-]{3,}")
# "Japan — copper concentrate 212,000 tonnes", "Brazil: 18,500 tonnes": a row of a list, a line of its own
_LABELLED_ROW = re.compile(r"[A-Z][\w.'’ -]{1,40}?\s+[—–]\s+\S.*\d|[A-Z][\w.'’ -]{1,40}?:\s+\S*\d")


def blocks_of(raw: str) -> list[list[str]]:
    """Blank-line separated blocks of normalised, non-empty lines; a table set in columns with spaces keeps its
    rows' gaps, one row a line."""
    blocks: list[list[str]] = [[]]
    for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [_block_lines(b) for b in blocks if b]


# "  Canada        29,412.7     35,108.4": cells two spaces or more (or a tab) apart
_COLUMN_GAP = re.compile(r"(?<=\S)(?:[ \u00a0]{2,}|\t+)(?=\S)")
_FIGURE_CELL = re.compile(r"[-+(]?[$€£]?\d[\d,.]*%?\)?")
_CELL_CHARS = 40  # a cell longer than this is prose (two spaces after a full stop), not a table's


def _aligned_cells(line: str) -> list[str]:
    cells = _COLUMN_GAP.split(line.strip())
    return cells if len(cells) >= 2 and all(len(c) <= _CELL_CHARS for c in cells) else []


def _is_figure_row(line: str) -> bool:
    cells = _aligned_cells(line)
    return len(cells) >= 3 and sum(bool(_FIGURE_CELL.fullmatch(c)) for c in cells[1:]) >= 2


def _block_lines(block: list[str]) -> list[str]:
    """The block's logical lines; in a block with two rows of figures or more set in columns, every line with
    column gaps stays as printed (its gaps tell its cells), the rest is normalised and joined as usual."""
    gapped = [line for line in block if "\t" in line or "  " in line.strip()]  # cheap: most blocks have none
    if len(gapped) < 2 or sum(_is_figure_row(line) for line in gapped) < 2:
        return _logical_lines([norm(line) for line in block])
    out: list[str] = []
    run: list[str] = []
    for line in block:
        if _aligned_cells(line):
            out.extend(_logical_lines(run))
            out.append(line.replace("\u00a0", " ").expandtabs(8).strip())
            run = []
        else:
            run.append(norm(line))
    out.extend(_logical_lines(run))
    return [line for line in out if line]


def _keep(line: str, scan: _Scan) -> str | None:
    line = undouble(line)
    held = None if scan.in_header else scan.name_below_deck
    keep = _header_line(line, scan) if scan.in_header else _body_line(line, scan)
    if held is not None and scan.name_below_deck == held:
        scan.name_below_deck = None  # no date line came after the name: it was body text after all
        line = f"{held}\n{line}" if keep else held
        keep = True
    if not keep:
        return None
    k = _key(line)
    if len(k) >= 20 and k in scan.seen:
        return None  # a caption or paragraph the page repeats
    scan.seen.add(k)
    return line


_EDITED_BY = re.compile(r"(?:Edited|Sub-edited|Subedited)\s+by\s+\S", re.I)


# "… Singapore and Malaysia.—Hnin Ei Phyu": the reporter's name after a dash closing the story's last sentence,
# maybe a translator's credit after it
_DASH_SIGN_OFF = re.compile(r"(?<=[.!?”\"])\s*[—–]\s*(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})"
                            r"(?:\s*\((?i:translated|edited|compiled)\s+by\s+[^()]{2,60}\))?$")


def _without_sign_off(paragraphs: list[str], scan: _Scan) -> list[str]:
    """"Kinley Dem" then "Edited by Sonam Pem" closing the story: the reporter's name above the editor's credit is
    the author; both lines leave the text. A name after a dash ending the last sentence is the author too."""
    dashed = _DASH_SIGN_OFF.search(paragraphs[-1]) if paragraphs else None
    if dashed and bylines.looks_like_name(dashed["name"]):
        scan.author = scan.author or dashed["name"]
        paragraphs = [*paragraphs[:-1], paragraphs[-1][:dashed.start()]]
    lines = [(i, line) for i, p in enumerate(paragraphs) for line in p.split("\n")]
    if len(lines) < 3 or not _EDITED_BY.match(lines[-1][1]) or not bylines.looks_like_name(lines[-2][1]):
        return paragraphs
    scan.author = scan.author or lines[-2][1]
    rest = lines[:-2]
    return ["\n".join(line for j, line in rest if j == i) for i in dict.fromkeys(i for i, _ in rest)]


def _mentioned_outlet(text: str) -> str | None:
    """An outlet the text names as itself: "told The Korea Herald", "Trend reports"."""
    for m in _TOLD.finditer(text):
        found = publishers.leading_name(m[1])
        if found and not found.wire:
            return found.name
    for m in _REPORTS.finditer(text):
        words = m[1].split()
        for i in range(len(words)):
            found = publishers.by_name(" ".join(words[i:]))
            if found:
                return found.name
    return None


_TITLE_META = re.compile(r"\s+(?:release\s+date|publish(?:ed)?(?:\s+(?:date|on))?|posted(?:\s+on)?|date)\s*:\s*"
                         r"(?P<date>\d{4}-\d{2}-\d{2}|\S+(?:\s+\S+){0,2}?\s+\d{4})"
                         r"(?:\s+source\s*:\s*(?P<source>[^:]{2,40}))?\s*$", re.IGNORECASE)


def clean_page(raw: str, title: str | None = None) -> Page:
    """Clean a scraped page body and collect the metadata it prints.

    `title`, when the caller knows it (front matter, JSON, HTML), is used to
    drop the headline lines instead of guessing the headline.
    """
    scan = _Scan(title=norm(title) if title else None)
    paragraphs: list[str] = []
    for block in blocks_of(raw):
        kept = [k for k in (_keep(line, scan) for line in block) if k]
        if kept:
            paragraphs.append("\n".join(kept))
    if not paragraphs:
        paragraphs = scan.spare  # a one-line note: its only lines are the text
    paragraphs = _without_sign_off(paragraphs, scan)
    text = "\n\n".join(paragraphs)
    first = paragraphs[0] if paragraphs else ""
    dated = date_at(first, place.end()) if (place := _DATELINE_PLACE.match(first)) else None
    if dated:
        scan.published_dateline = dated[0]
        # "New Delhi, May 11, 2026: MINSK, May 8 (Xinhua) —": a repost's dateline, the wire's after it
        first = first[_DATELINE_CLOSE.match(first, dated[1]).end():]
    m = _DATELINE_AGENCY.match(first) or _SLASHED_AGENCY.match(first)
    if m:
        _note_wire(m["agency"], scan)
    if scan.masthead and _page_furniture(scan.masthead):
        scan.masthead = None  # "Breaking News" atop the headline names no site
    if scan.title_guessed and scan.title and len(crumbs := _CRUMB_SEPARATOR.split(scan.title)) >= 2 \
            and len(crumbs[-1].split()) >= 3 and all(len(c.split()) <= 3 for c in crumbs[:-1]):
        # "Today.Az » Business » Tajik-Uzbek trade reaches …": a breadcrumb printed on the headline's line
        scan.title = crumbs[-1].strip()
    if scan.title_guessed and scan.title and (tail := _TITLE_META.search(scan.title)):
        # "Ghanaian cashew exporters eye India: official Release date: 2026-05-02 Source:Xinhua": the page's
        # date and source printed on the headline's line
        scan.title = scan.title[:tail.start()].rstrip()
        scan.published = scan.published or find_date(tail["date"])
        if tail["source"]:
            _note_wire(tail["source"].strip(), scan)
    publisher = scan.byline_outlet or scan.publisher or scan.copyright_outlet or scan.masthead
    if publisher and scan.masthead and publisher != scan.masthead and publisher.casefold() in scan.masthead.casefold():
        publisher = scan.masthead  # "© MOLDPRES" below a "MOLDPRES News Agency" masthead: the name as printed
    return Page(
        text=text,
        title=_without_country_label(scan.title) if scan.title_guessed else scan.title,
        author=scan.author or scan.name_line,
        published=scan.scraper_date or scan.published_line or scan.published or scan.published_dateline
        or scan.published_footer,
        publisher=publisher,
        wire=scan.wire,
        site_atop=_first_name(scan),
    )


# "Ethiopia: Ethiopia, Indonesia Sign Trade Memoranda": an aggregator's country label before the headline
_LABELLED = re.compile(r"(?P<label>[A-Z][\w'’ .-]{2,30}):\s+(?P<headline>\S.{14,})")


def _without_country_label(title: str | None) -> str | None:
    m = _LABELLED.fullmatch(title) if title else None
    if m is None:
        return title
    from kb.countries import is_country_name  # pycountry and the gazetteers: only for a labelled headline

    return m["headline"] if is_country_name(m["label"]) else title


def _first_name(scan: _Scan) -> str | None:
    name = scan.first_line_name
    return name if name and name != scan.title and name != scan.author else None


def mentioned_publisher(text: str) -> str | None:
    """The weakest publisher evidence: the outlet the body names as itself."""
    return _mentioned_outlet(text)
