"""Find named officials with their title, agency and country.

A person is only taken with a title next to the name, which keeps places and
products out: before it ("ZRA Commissioner Ana Silva", "chief of the Zambia
Revenue Authority Ana Silva", "Minister of Agriculture Omar Diallo") or
after it ("Omar Diallo, head of Senegal's customs service", "X, who heads
the Y"). Honorifics are dropped; later mentions by surname are the same person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kb.extract import gazetteer
from kb.extract.context import ArticleContext, Sentence, mentions_of
from kb.extract.countries import find_countries, home_country, is_destination
from kb.facts import Agency, Official

# Latin letters beyond ASCII ("Ömer", "Ramírez", "Wałęsa"), by case.
_UPPER = "A-Z" + "".join(ch for ch in map(chr, range(0xC0, 0x250)) if ch.isupper())
_LOWER = "a-z" + "".join(ch for ch in map(chr, range(0xC0, 0x250)) if ch.islower())
# A capitalised name word: "Min-soo", "McClay", "MacDonald", "O'Brien".
_TOK = rf"(?:Ma?c(?=[{_UPPER}]))?[{_UPPER}][{_LOWER}'’]+(?:-[A-Za-z{_UPPER}][{_LOWER}]+)*"
_INIT = r"(?<![\w.])[A-Z]\."
_TRAILING_NOISE = re.compile(r"(?:\s*\([^)]*\)|\s*,|\s+)+$")


@cache
def _cfg() -> dict:
    t = gazetteer.titles()
    heads = sorted(t.get("heads", []) + t.get("counterpart", []), key=len, reverse=True)
    mods = sorted(t.get("modifiers", []), key=len, reverse=True)
    head = "|".join(re.escape(h) for h in heads)
    mod = "|".join(re.escape(m) for m in mods)
    core = rf"(?:(?:{mod})[\s-]+)*(?:{head})"
    word = r"(?:[A-Z][\w.’'&-]*|of|and|the|for|in|with|charge|on|to|at|,)"
    honor = "|".join(re.escape(h) for h in sorted(t.get("honorifics", []), key=len, reverse=True))
    particles = "|".join(re.escape(p) for p in t.get("name_particles", []))
    return {
        # Runs of capitalised words, maybe with an initial or lower-case particles ("van", "da") inside.
        "name_run": re.compile(rf"(?:{_INIT}\s+)?(?<![\w.'’-])(?:{_TOK})"
                               rf"(?:(?:\s+(?:{particles}))*\s+(?:{_INIT[10:]}|{_TOK}))*"),
        "particles": frozenset(t.get("name_particles", [])),
        "core": re.compile(rf"(?i:(?<![\w-]){core})(?![\w-])"),
        "before": re.compile(rf"(?P<title>(?i:(?<![\w]){core})(?:\s+(?:of|for|at|in|to)\s+{word}(?:\s*{word})*)?)"
                             rf"(?:\s*\([^)]*\))?\s*,?\s*(?:(?:{honor})\s*)*$"),
        "after": re.compile(rf"^(?:\s*\([^)]*\))?\s*,\s*(?:(?P<who>who\s+(?:heads|leads|chairs|runs)\s+)|"
                            rf"(?:an?\s+|the\s+)?(?P<owner>[A-Z][\w.\- ]*?['’]s\s+)?(?=(?i:{core})))"),
        "after_title": re.compile(rf"(?i:{core})(?:\s+(?:of|for|at|in|to)\s+[^,;()]*)?"),
        "honor": re.compile(rf"^(?:(?:{honor})\s*)+"),
        "not_names": frozenset(t.get("not_names", [])),
        "counterpart": frozenset(t.get("counterpart", [])),
    }


@dataclass
class _Person:
    name: str
    title: str | None
    agency: str | None
    country: str | None
    span: tuple[int, int]
    title_span: tuple[int, int]
    sentence: Sentence


def _names(sent: Sentence) -> list[tuple[int, int, str]]:
    """Candidate person names in a sentence: runs of 2+ capitalised words, none a stop word."""
    cfg = _cfg()
    forms = gazetteer.country_forms()
    out = []
    for m in cfg["name_run"].finditer(sent.text):
        parts = [(p.start() + m.start(), p.group()) for p in re.finditer(r"\S+", m.group())]
        segment: list[tuple[int, str]] = []
        for pos, word in [*parts, (-1, "")]:
            if not _stop(word, cfg, forms):
                segment.append((pos, word))
                continue
            while segment and segment[-1][1] in cfg["particles"]:
                segment.pop()
            while segment and segment[0][1] in cfg["particles"]:
                segment.pop(0)
            if len([w for _, w in segment if not w.endswith(".") and w not in cfg["particles"]]) >= 2:
                s = segment[0][0]
                e = segment[-1][0] + len(segment[-1][1])
                out.append((sent.start + s, sent.start + e, sent.text[s:e]))
            segment = []
    return out


def _stop(word: str, cfg: dict, forms: dict) -> bool:
    """A word that ends a name: a title or other not-name word ("Director-General" too), a country."""
    not_names = cfg["not_names"]
    if not word or word in not_names or word.rstrip(".") in not_names:
        return True
    if word in forms or re.sub(r"['’]s$", "", word) in forms:
        return True
    parts = word.split("-")
    return len(parts) > 1 and all(p.title() in not_names for p in parts)


def _agency_in(ctx: ArticleContext, start: int, end: int) -> str | None:
    for m in mentions_of(ctx).agencies:
        if start <= m.start and m.end <= end:
            return m.name
    return None


def _agency_before(ctx: ArticleContext, start: int) -> str | None:
    for m in mentions_of(ctx).agencies:
        if 0 <= start - m.end <= 3:
            return m.name
    return None


def _country_in(ctx: ArticleContext, start: int, end: int) -> str | None:
    for c in ctx.countries_in(start, end):
        if c.form != "bloc" and not is_destination(ctx.text, c) and not re.search(
                r"\bin\s+$", ctx.text[max(0, c.start - 4):c.start]):
            return c.code
    return None


def _by_title(title: str, country: str | None, agencies: list[Agency]) -> str | None:
    """"minister of agriculture" → the file's Ministry of Agriculture; a customs title → its customs."""
    low = title.lower()
    portfolio = re.search(r"minister\s+(?:of|for)\s+([a-z ]+?)(?:\s+and\b|$)", low) or re.search(
        r"^(?:deputy\s+|vice\s+)?([a-z][a-z ]*?)\s+minister$", low)
    for a in agencies:
        if country and a.country and a.country != country:
            continue
        if portfolio and a.kind == "ministry" and portfolio.group(1).strip() in a.name.lower():
            return a.name
        if a.kind == "customs" and country and a.country == country and re.search(r"\bcustoms\b", low):
            return a.name
    return None


def extract_officials(ctx: ArticleContext) -> list[Official]:
    cfg = _cfg()
    text = ctx.text
    people: list[_Person] = []
    for sent in ctx.sentences:
        for start, end, name in _names(sent):
            if any(c.start < end and start < c.end for c in ctx.countries_in(sent.start, sent.end)):
                continue  # "Sri Lanka", "Costa Rica": a country, not a person
            person = _with_title_before(ctx, sent, start, end, name) or _with_title_after(
                ctx, sent, start, end, name)
            if person:
                people.append(person)
    # "his Ugandan counterpart John Okello": the other official's title.
    for p in people:
        if p.title and p.title.split()[-1] in cfg["counterpart"]:
            other = next((q for q in people if q.sentence == p.sentence and q is not p and q.title
                          and q.title.split()[-1] not in cfg["counterpart"]), None)
            p.title = other.title if other else None
            kinds = {a.name: a.kind for a in ctx.agencies}
            if other and other.agency and p.agency is None and p.country and p.country != other.country:
                p.agency = next((a.name for a in ctx.agencies if a.country == p.country
                                 and a.kind == kinds.get(other.agency)), None)

    merged: list[_Person] = []
    for p in people:
        same = next((q for q in merged if _same_person(q.name, p.name)), None)
        if same is None:
            merged.append(p)
            continue
        same.title = same.title or p.title
        same.agency = same.agency or p.agency
        same.country = same.country or p.country
    mentions = mentions_of(ctx)
    for p in people:
        mentions.titles.append((*p.title_span, p.name))
    out = []
    for p in merged:
        out.append(Official(name=p.name, title=p.title, agency=p.agency, country=p.country,
                            evidence=[ctx.evidence_for(p.sentence)]))
        for variant in {p.name, p.name.split()[-1]}:
            for start in _occurrences(text, variant):
                mentions.officials.append((start, start + len(variant), p.name))
    for p in people:  # every full-name variant points at the merged record
        keep = next(q for q in merged if _same_person(q.name, p.name))
        mentions.officials.append((*p.span, keep.name))
    mentions.officials.sort()
    return out


_NAME_CHAR = re.compile(r"[\w-]")


def _occurrences(text: str, word: str) -> list[int]:
    """Starts of `word` in `text` as a whole word (a hyphen joins words: "Min-soo")."""
    out: list[int] = []
    pos = text.find(word)
    while pos >= 0:
        end = pos + len(word)
        if not (pos and _NAME_CHAR.match(text, pos - 1)) and not _NAME_CHAR.match(text, end):
            out.append(pos)
            pos = text.find(word, end)
        else:
            pos = text.find(word, pos + 1)
    return out


def _same_person(a: str, b: str) -> bool:
    ta, tb = set(a.replace(".", "").split()), set(b.replace(".", "").split())
    return ta <= tb or tb <= ta


def _with_title_before(ctx: ArticleContext, sent: Sentence, start: int, end: int, name: str) -> _Person | None:
    cfg = _cfg()
    left = ctx.text[sent.start:start]
    m = cfg["before"].search(left)
    if not m:
        return None
    # "Minister of Trade A B and Chinese Minister of Commerce C D": the title next to the name is
    # the one after the last "and" that opens a title of its own.
    for conj in reversed(list(_AND.finditer(left, m.start("title"), m.end("title")))):
        later = cfg["before"].search(left, conj.end())
        if later and _only_countries(left[conj.end():later.start("title")]):
            m = later
            break
    t_start = sent.start + m.start("title")
    t_end = sent.start + m.end("title")
    title = m.group("title")
    # A prefix right before the title: an agency ("ZRA Commissioner") or a country ("Chinese Premier").
    agency = _agency_in(ctx, t_start, t_end) or _agency_before(ctx, t_start)
    if agency is None and re.match(r"(?i)then-", left[m.start("title") - 5:m.start("title")] or ""):
        agency = _agency_before(ctx, t_start - 5)
    prefix_start = t_start
    for am in mentions_of(ctx).agencies:
        if 0 <= t_start - am.end <= 6 and am.name == agency:
            prefix_start = am.start
    country = None
    before = [c for c in ctx.countries if 0 <= t_start - c.end <= 3 and c.form != "bloc"]
    if before:
        country = before[-1].code
        prefix_start = min(prefix_start, before[-1].start)
    if agency is None and country is None:
        agency, country = _of_after_name(ctx, end)
    title = _without_agency(ctx, t_start, title)
    return _person(ctx, sent, start, end, name, title, agency, country, (prefix_start, end))


_AND = re.compile(r"\s(?:and|,)\s+")


def _only_countries(text: str) -> bool:
    """Nothing but countries ("Chinese", "Kenya's"), or nothing: what may stand before a title."""
    rest = text
    for c in reversed(find_countries(text)):
        rest = rest[:c.start] + rest[c.end:]
    return re.sub(r"['’]s\b", "", rest).strip() == ""


_OF_AFTER = re.compile(r"\s+of\s+(?:the\s+)?")


def _of_after_name(ctx: ArticleContext, end: int) -> tuple[str | None, str | None]:
    """"Ambassador Ana Ruiz of Chile", "Governor Ali Baba of the Central Bank": the post's owner."""
    m = _OF_AFTER.match(ctx.text, end)
    if m is None:
        return None, None
    for a in mentions_of(ctx).agencies:
        if a.start == m.end():
            return a.name, None
    for c in ctx.countries:
        if c.start == m.end() and c.form == "name":
            return None, c.code
    return None, None


def _with_title_after(ctx: ArticleContext, sent: Sentence, start: int, end: int, name: str) -> _Person | None:
    cfg = _cfg()
    right = ctx.text[end:sent.end]
    m = cfg["after"].match(right)
    if not m:
        return None
    rest_start = end + m.end()
    if m.group("who"):
        clause = re.match(r"[^,;]*", ctx.text[rest_start:sent.end]).group()
        agency = _agency_in(ctx, rest_start, rest_start + len(clause))
        if not agency:
            return None
        title, t_end = "head", rest_start + len(clause)
    else:
        t = cfg["after_title"].match(ctx.text, rest_start, sent.end)
        if not t:
            return None
        title, t_end = t.group(), t.end()
        # "secretary in the Ministry of Agriculture, Forestry and Fisheries": the title's
        # complement runs to the end of an agency name that holds commas.
        longer = [m.end for m in mentions_of(ctx).agencies if rest_start <= m.start < t_end < m.end <= sent.end]
        if longer:
            t_end = max(longer)
            title = ctx.text[rest_start:t_end]
        agency = _agency_in(ctx, rest_start, t_end)
        title = _without_agency(ctx, rest_start, title)
    country = None
    if m.group("owner"):
        owner = [c for c in ctx.countries_in(end + m.start("owner"), end + m.end("owner"))]
        country = owner[0].code if owner else None
    return _person(ctx, sent, start, end, name, title, agency, country, (start, t_end))


_OF_THE = re.compile(r"\s+of\s+(?:the\s+)?")


def _without_agency(ctx: ArticleContext, t_start: int, title: str) -> str:
    """"chief of the Korea Customs Service" → "chief": the agency is the official's `agency`, not
    part of the post. A portfolio that is no agency of the article stays ("minister of agriculture")."""
    end = t_start + len(_TRAILING_NOISE.sub("", title))
    kinds = {a.name: a.kind for a in ctx.agencies}
    for m in _OF_THE.finditer(title):
        at = t_start + m.end()
        for am in mentions_of(ctx).agencies:
            if am.start == at and am.end >= end and kinds.get(am.name) != "ministry":
                return title[:m.start()]
    return title


def _person(ctx: ArticleContext, sent: Sentence, start: int, end: int, name: str, title: str,
            agency: str | None, country: str | None, title_span: tuple[int, int]) -> _Person | None:
    cfg = _cfg()
    name = cfg["honor"].sub("", name).strip()
    if len(name.split()) < 2:
        return None
    title = re.sub(r"\s+", " ", _TRAILING_NOISE.sub("", title)).strip(" ,.").lower()
    title = re.sub(r"^then-", "", title)
    by_name = {a.name: a for a in ctx.agencies}
    if country is None:
        country = _country_in(ctx, title_span[0], title_span[1]) if agency is None else None
    if agency is None:
        agency = _by_title(title, country, ctx.agencies)
    if agency is not None and agency in by_name:
        country = by_name[agency].country if by_name[agency].kind != "international" else None
        if by_name[agency].kind == "international":
            return _Person(name, title, agency, None, (start, end), title_span, sent)
    if country is None:
        country = (_side_country(ctx, sent, start) or _sentence_country(ctx, sent, title_span)
                   or home_country(ctx))
    return _Person(name, title, agency, country, (start, end), title_span, sent)


_SIDE = re.compile(r"\bon\s+(?:the\s+)?(?P<side>[\w' -]+?)\s+side\s*,?\s*by\s+(?:(?:the|its|his|her)\s+)?[^,;]{0,60}$")


def _side_country(ctx: ArticleContext, sent: Sentence, start: int) -> str | None:
    """"signed on the Emirati side by Y": the side gives Y's country."""
    m = _SIDE.search(ctx.text, sent.start, start)
    if m is None:
        return None
    found = ctx.countries_in(m.start("side"), m.end("side"))
    return found[0].code if found and found[0].form != "bloc" else None


def _sentence_country(ctx: ArticleContext, sent: Sentence, span: tuple[int, int]) -> str | None:
    """A country the sentence ties the person to, ignoring ones inside other people's titles."""
    others = [(s, e) for s, e, _ in mentions_of(ctx).titles]
    found = []
    for c in ctx.countries_in(sent.start, sent.end):
        if c.form == "bloc" or is_destination(ctx.text, c) or any(s <= c.start < e for s, e in others):
            continue
        if span[0] <= c.start < span[1]:
            continue
        found.append(c.code)
    home = home_country(ctx)
    if home in found:
        return home
    return found[0] if found else None


def prune_title_only_agencies(ctx: ArticleContext) -> list[Agency]:
    """Drop ministries named only inside a person's title; their officials keep `agency: null`."""
    mentions = mentions_of(ctx)
    titles = [(s, e) for s, e, _ in mentions.titles]
    keep: list[Agency] = []
    dropped: set[str] = set()
    for a in ctx.agencies:
        spans = [m for m in mentions.agencies if m.name == a.name]
        inside = spans and all(any(s <= m.start and m.end <= e for s, e in titles) for m in spans)
        described = any(re.match(r",\s+(?:which|that)\b", ctx.text[m.end:m.end + 8]) for m in spans)
        if a.kind == "ministry" and inside and not described:
            dropped.add(a.name)
            continue
        keep.append(a)
    if dropped:
        for o in ctx.officials:
            if o.agency in dropped:
                o.agency = None
        mentions.agencies[:] = [m for m in mentions.agencies if m.name not in dropped]
    return keep
