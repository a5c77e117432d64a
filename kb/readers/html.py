"""HTML pages: main text and metadata through trafilatura (offline), meta tags as fallback."""

from __future__ import annotations

import html as htmllib
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from kb.errors import ReadError
from kb.files import MAX_FILE_BYTES
from kb.normalize import initials
from kb.readers import publishers
from kb.readers.bylines import parse_byline
from kb.readers.cleaning import clean_page, is_masthead
from kb.readers.common import build, decode, read_bytes, without_controls
from kb.readers.dates import find_date
from kb.readers.document import Document

# Tags end at the next "<" too: "[^>]*" ran to the end of the page from every unclosed tag (quadratic).
_META_TAG = re.compile(r"<meta\b[^<>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_TITLE_OPEN = re.compile(r"<title\b[^<>]*>", re.IGNORECASE)
_TITLE_CLOSE = re.compile(r"</title>", re.IGNORECASE)
_CANONICAL = re.compile(r"""<link\b[^<>]*\brel\s*=\s*["']?canonical["']?[^<>]*>""", re.IGNORECASE)
_LONGEST_TAG = 8192  # a <meta> or <link> longer than this is no metadata (and its attributes are not parsed)
_HTML_LANG = re.compile(r"""<html\b[^>]*\blang\s*=\s*["']?([A-Za-z]{2})""", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
_TITLE_SPLIT = re.compile(r"\s+(?:\||-|–|—|::|·|»)\s+")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_BLOCK_END = re.compile(r"<\s*(?:br|/p|/div|/h\d|/li|/tr|/figcaption|/blockquote)\s*/?>", re.IGNORECASE)
_SCRIPT_OPEN = re.compile(r"<(script|style|noscript|nav|header|footer)\b", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]+>")
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)+$")
_SECTION_TITLE = re.compile(r"(?i)what[’']?s\s+new|(?:latest\s+)?news|news\s*(?:room|releases?)|press\s+releases?|"
                            r"announcements?|media\s+cent(?:re|er)|updates")

_META_NAMES = {
    "title": ("og:title", "twitter:title", "dc.title", "headline"),
    "publisher": ("og:site_name", "application-name", "publisher", "dc.publisher", "<ld:publisher>", "twitter:site"),
    "author": ("author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author"),
    "published": (
        "article:published_time", "datepublished", "pubdate", "publishdate", "date", "dc.date",
        "dc.date.issued", "sailthru.date", "parsely-pub-date", "og:published_time", "publish-date",
    ),
    "url": ("og:url", "twitter:url"),
    "language": ("og:locale", "language", "content-language", "dc.language"),
}  # fmt: skip


def _html_text(path: Path, data: bytes) -> str:
    """The page as text: UTF-8, or the charset the page declares."""
    try:
        return decode(path, data)
    except ReadError:
        m = _CHARSET.search(data[:4096])
        if not m:
            raise
        try:
            return without_controls(data.decode(m[1].decode("ascii")))
        except (LookupError, UnicodeDecodeError):
            raise ReadError(f"{path}: not valid {m[1].decode('ascii')} or UTF-8 text") from None


def meta_tags(page: str) -> dict[str, str]:
    """`<meta>` tags by lower-cased name/property/itemprop (first one wins), plus title and canonical."""
    head = page[: page.lower().find("</head>") if "</head>" in page.lower() else 200_000]
    found: dict[str, str] = {}
    for tag in _META_TAG.findall(head):
        if len(tag) > _LONGEST_TAG:
            continue
        attrs = {k.lower(): a or b or c for k, a, b, c in _ATTR.findall(tag)}
        name = attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or attrs.get("http-equiv")
        content = attrs.get("content")
        if name and content and content.strip():
            found.setdefault(name.lower(), htmllib.unescape(content.strip()))
    title = _title_tag(head)
    if title is not None:
        found.setdefault("<title>", htmllib.unescape(_TAG.sub("", title)).strip())
    m = _CANONICAL.search(head)
    if m and len(m[0]) <= _LONGEST_TAG:
        href = dict((k.lower(), a or b or c) for k, a, b, c in _ATTR.findall(m[0])).get("href")
        if href:
            found.setdefault("<canonical>", href)
    m = _HTML_LANG.search(page[:2000])
    if m:
        found.setdefault("<lang>", m[1])
    site = _linked_data_site(head)
    if site:
        found.setdefault("<ld:publisher>", site)
    return found


# bounded on both sides of the type, so a page of unclosed "<script" tags costs one pass
_LINKED_DATA = re.compile(r"<script\b[^<>]{0,200}application/ld\+json[^<>]{0,200}>", re.IGNORECASE)
_SCRIPT_END = re.compile(r"</script>", re.IGNORECASE)


def _linked_data_site(head: str) -> str | None:
    """The publisher's or the website's name a page's JSON-LD gives ("isPartOf": {"@type": "WebSite", …})."""
    if "ld+json" not in head:
        return None
    for m in _LINKED_DATA.finditer(head):
        end = _SCRIPT_END.search(head, m.end())
        if end is None:
            return None
        try:
            data = json.loads(head[m.end():end.start()])
        except (ValueError, RecursionError):
            continue
        for item in data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []:
            if not isinstance(item, dict):
                continue
            for key in ("publisher", "isPartOf"):
                part = item.get(key)
                name = part.get("name") if isinstance(part, dict) else None
                if isinstance(name, str) and name.strip() and (key == "publisher" or part.get("@type") == "WebSite"):
                    return name.strip()
    return None


def _title_tag(head: str) -> str | None:
    """The text of the first <title>…</title>, found with two linear scans (a lazy regex was quadratic)."""
    opening = _TITLE_OPEN.search(head)
    if not opening:
        return None
    closing = _TITLE_CLOSE.search(head, opening.end())
    return head[opening.end():closing.start()] if closing else None


def _meta(tags: dict[str, str], field: str) -> str | None:
    return next((tags[n] for n in _META_NAMES[field] if tags.get(n)), None)


def strip_site(title: str, site: str | None) -> str:
    """Drop a site name at either end of a <title> ("Headline | Site" → "Headline")."""
    if site and len(title) > len(site) + 10 and title.endswith(site) and title[-len(site) - 1] in "-|–":
        return title[:-len(site) - 1].rstrip()  # "Headline-Ministry of Economic Affairs,R.O.C.": glued on
    parts = _TITLE_SPLIT.split(title)
    if len(parts) < 2:
        return title

    def is_site(part: str) -> bool:
        key = publishers.key(part)
        return bool(site and key == publishers.key(site)) or publishers.by_name(part) is not None

    if is_site(parts[-1]):
        parts = parts[:-1]
    elif is_site(parts[0]):
        parts = parts[1:]
    return " | ".join(parts)


def _extract(page: str, url: str | None) -> Any:
    import trafilatura  # slow to import: only when an HTML file is read

    try:
        return trafilatura.bare_extraction(
            page, url=url, with_metadata=True, include_comments=False, include_tables=True, favor_recall=True,
            include_images=False, deduplicate=False,
            # no guessing from any year on the page ("© 2026" is no publication date): a date the page states
            date_extraction_params={"extensive_search": False},
        )  # fmt: skip
    except Exception:  # trafilatura raises assorted errors on broken markup; fall back below
        return None


def _paragraphs(text: str) -> str:
    """Trafilatura's one-line-per-paragraph text → blank-line paragraphs; table rows stay together."""
    blocks: list[list[str]] = []
    in_table = False
    for line in text.split("\n"):
        line = line.strip()
        if not line or _TABLE_RULE.match(line):
            continue
        is_row = line.startswith("|")
        if is_row:
            line = " | ".join(c.strip() for c in line.strip("| ").split("|"))
        if is_row and in_table:
            blocks[-1].append(line)
        else:
            blocks.append([line])
        in_table = is_row
    return "\n\n".join("\n".join(block) for block in blocks)


def _without_scripts(page: str) -> str:
    """The page without <script>…</script>, <nav>…</nav> and the like (each up to its first closing tag).

    Linear: a lazy `<(script|…)\\b.*?</\\1>` scanned to the end of the page from every unclosed one.
    """
    out: list[str] = []
    done = 0
    unclosed: set[str] = set()  # kinds with no closing tag after some point: none after it either
    opening = _SCRIPT_OPEN.search(page)
    while opening:
        kind = opening[1].lower()
        closing = None if kind in unclosed else re.compile(rf"</{kind}>", re.IGNORECASE).search(page, opening.end())
        if closing is None:
            unclosed.add(kind)
            opening = _SCRIPT_OPEN.search(page, opening.end())
            continue
        out += [page[done:opening.start()], " "]
        done = closing.end()
        opening = _SCRIPT_OPEN.search(page, done)
    out.append(page[done:])
    return "".join(out)


def _crude_text(page: str) -> str:
    body = _without_scripts(page)
    return htmllib.unescape(_TAG.sub(" ", _BLOCK_END.sub("\n\n", body)))


def read_html(path: Path, max_bytes: int = MAX_FILE_BYTES) -> Document:
    page = _html_text(path, read_bytes(path, max_bytes))
    if not page.strip():
        raise ReadError(f"{path}: the file is empty")
    tags = meta_tags(page)
    url = _meta(tags, "url") or tags.get("<canonical>")
    result = _extract(page, url)
    guessed_site = _not_the_headline(getattr(result, "sitename", None), tags.get("<title>"))
    site = _meta(tags, "publisher") or _site_from_guess(guessed_site)
    guessed_title = getattr(result, "title", None)
    if guessed_title and _SECTION_TITLE.fullmatch(guessed_title.strip()):
        guessed_title = None  # "What's New": the section's heading above the story, not its headline
    title = _meta(tags, "title") or guessed_title or tags.get("<title>")
    title = strip_site(title, site) if title else None
    before = _site_before_headline(tags.get("<title>"), page)
    if before is not None and title in (tags.get("<title>"), before[0]):
        # "Renasterea Nucului - Moldovan walnut kernels find …", the site's name the page's first <h1>
        site = before[0] if site is None or _words(site) in (_words(before[1]), _words(tags.get("<title>") or "")) \
            else site
        title = before[1]
    titled = _site_after_headline(tags.get("<title>"), title)
    # the outlet as its <title> prints it: "… | European Free Trade Association" over a site name "EFTA"
    site = titled if titled and (site is None or _same_outlet(site, titled)) else site
    body = getattr(result, "text", None) or ""
    text = _paragraphs(body) if body.strip() and not _layout_table(body) else _crude_text(page)
    lead = _lead_paragraph(page, text) if body.strip() else None
    text = f"{lead}\n\n{text}" if lead else text
    cleaned = clean_page(text, title=title)
    byline = _byline_element(page)
    doc = build(
        path,
        cleaned,
        title=title,
        publisher=site if site and not site.startswith("@") else None,
        author=_meta(tags, "author") or getattr(result, "author", None) or byline[0],
        published=_meta(tags, "published") or getattr(result, "date", None) or byline[1],
        url=url or getattr(result, "url", None),
        language=_meta(tags, "language") or tags.get("<lang>") or getattr(result, "language", None),
    )
    if doc.publisher is None and guessed_site:
        doc = replace(doc, publisher=guessed_site)  # a bare domain still says where it came from
    return doc


def _layout_table(body: str) -> bool:
    """An older page laid out in a <table>, which the extraction flattens into table rows: the story is a row's
    cell, its paragraphs run together ("| Trade | Headline > Trade > … Updated: 02/03/2026 Headline now in …")."""
    rows = [line for line in body.splitlines() if line.lstrip().startswith("|")]
    return bool(rows) and max(len(r) for r in rows) >= _LAYOUT_ROW and sum(map(len, rows)) >= 0.6 * len(body)


_LAYOUT_ROW = 600  # characters: a table cell this long is a page's body, not a table of figures


# A lead set apart under the headline: <div class="read__lead entry-summary"><p>…</p></div>, <p class="standfirst">
_LEAD_ELEMENT = re.compile(r"<(?P<tag>div|p)\b[^>]*\bclass=\"[^\"]*\b(?:lead|read__lead|entry-summary|standfirst|"
                           r"article-lead|article__lead|intro|dek)\b[^\"]*\"[^>]*>(?P<inner>.{20,3000}?)</(?P=tag)>",
                           re.IGNORECASE | re.DOTALL)
_H1_CLOSE = re.compile(r"</h1>", re.IGNORECASE)


def _lead_paragraph(page: str, text: str) -> str | None:
    """The lead paragraph right under the headline that the main-text extraction left out (trafilatura drops an
    element classed as a summary), when the text does not already hold it."""
    h1 = _H1_CLOSE.search(page)
    m = _LEAD_ELEMENT.search(page, h1.end()) if h1 else None
    if m is None or m.start() - h1.end() > 1500:  # type: ignore[union-attr]
        return None
    lead = " ".join(htmllib.unescape(_TAG.sub(" ", m["inner"])).split())
    if len(lead.split()) < 8 or lead[:60] in " ".join(text.split()):
        return None
    return lead


# A theme's byline element: <div class="submitted">By Name - Jan 21,2026 - …</div>, <p class="byline">…</p>
_BYLINE_ELEMENT = re.compile(r"<(?:div|p|span|li)\b[^>]*\bclass=\"[^\"]*\b(?:submitted|byline|author|post-meta|"
                             r"entry-meta)\b[^\"]*\"[^>]*>(?P<inner>[^<]{4,200})<", re.IGNORECASE)


def _byline_element(page: str) -> tuple[str | None, str | None]:
    """(author, date) a page's byline element states, for pages whose extracted text leaves it out."""
    m = _BYLINE_ELEMENT.search(page)
    if m is None:
        return None, None
    inner = htmllib.unescape(m["inner"]).strip()
    return parse_byline(inner)[0], find_date(inner)


def _site_after_headline(raw: str | None, headline: str | None) -> str | None:
    """"Headline | Agro Daily" in the <title> of a page whose headline is "Headline": the site's name."""
    parts = [p.strip() for p in _TITLE_SPLIT.split(raw or "")]
    # "Digest - March 2025 | Statistics Botswana" over a headline "Digest | March 2025": all but the last part
    if len(parts) < 2 or not headline:
        return None
    # (a headline cut short or lengthened only when the <title> has one separator: "Headline | Site")
    cut = len(parts) == 2 and _same_headline(parts[0], headline)
    if _words(" ".join(parts[:-1])) != _words(headline) and not cut:
        return None
    site = parts[-1]
    return site if 1 <= len(site.split()) <= 8 and site[:1].isupper() and not _DOMAIN.match(site) else None


_H1 = re.compile(r"<h1\b[^<>]*>(?P<inner>.{1,200}?)</h1>", re.IGNORECASE | re.DOTALL)
_HEADING = re.compile(r"<h([1-4])\b[^<>]*>(?P<inner>.{1,300}?)</h\1>", re.IGNORECASE | re.DOTALL)


def _site_before_headline(raw: str | None, page: str) -> tuple[str, str] | None:
    """"Site - Headline" in a <title> whose page prints the site's name as its first <h1> (the header of an older
    site), the headline further down: (site, headline)."""
    parts = [p.strip() for p in _TITLE_SPLIT.split(raw or "")]
    if len(parts) == 2 and is_masthead(parts[0]) and not is_masthead(parts[1]) \
            and len(_words(parts[1])) > len(_words(parts[0])):
        # "Mauritius Chamber of Agriculture - Mauritius-Indonesia Preferential Trade Agreement": a body's page
        return parts[0], parts[1]
    h1 = _H1.search(page)
    if len(parts) != 2 or h1 is None:
        return None
    first = htmllib.unescape(_TAG.sub("", h1["inner"])).strip()
    # (the name shorter than the headline, which a heading further down prints: "Headline | The Loadstar" with the
    # headline as <h1> is the usual order)
    if _words(first) != _words(parts[0]) or len(_words(parts[1])) <= len(_words(parts[0])):
        return None
    later = (htmllib.unescape(_TAG.sub("", m["inner"])).strip() for m in _HEADING.finditer(page, h1.end()))
    return (parts[0], parts[1]) if any(_words(h) == _words(parts[1]) for h in later) else None


def _same_headline(a: str, b: str) -> bool:
    """The same headline, or one cut short or lengthened ("Kenya tea exports rise" in the <title>, "Kenya tea exports
    rise in March" on the page): most words shared, in a headline of three words or more."""
    wa, wb = set(_words(a)), set(_words(b))
    if len(wa) < 3 or len(wb) < 3:
        return _words(a) == _words(b)
    return wa <= wb or wb <= wa or len(wa & wb) / len(wa | wb) >= 0.6


def _not_the_headline(guess: str | None, raw_title: str | None) -> str | None:
    """Trafilatura's site name, unless it is the headline part of the <title> ("(LEAD) S. Korea-Ecuador trade pact
    takes effect | Yonhap News Agency")."""
    parts = [p.strip() for p in _TITLE_SPLIT.split(raw_title or "")]
    if guess and len(parts) >= 2 and _words(guess) and _words(guess) == _words(" ".join(parts[:-1])):
        return None
    return guess


def _same_outlet(a: str, b: str) -> bool:
    """"EFTA" and "European Free Trade Association", "CATTS" and "CATTS - Customs and Trade Training Solutions"."""
    fa, fb = a.casefold(), b.casefold()
    return fa in fb or fb in fa or initials(a).casefold() == fb or initials(b).casefold() == fa


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _site_from_guess(guess: str | None) -> str | None:
    """Trafilatura's site name, which may be a bare domain: a known outlet's display name if so."""
    if not guess:
        return None
    outlet = publishers.by_name(guess)
    if outlet:
        return outlet.name
    return None if _DOMAIN.match(guess) else guess
