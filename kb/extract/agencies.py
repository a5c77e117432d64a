"""Find the organisations an article names: customs services, ministries, embassies, companies…

Three kinds of mention, merged into one record per organisation:
- proper names: a run of capitalised words holding a head word ("Korea Customs
  Service", "Ministry of Commerce of the People's Republic of China");
- descriptions of a country's customs ("Peru's customs service");
- abbreviations defined in the text ("(ZRA)") or known to the gazetteer, used later.
The gazetteer of customs administrations gives canonical names; names with no
country in them get the country from a possessive, the name, or the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from kb.extract import gazetteer
from kb.extract.context import AgencyMention, ArticleContext, Sentence, mentions_of
from kb.extract.countries import codes_in, find_countries, home_country, is_destination
from kb.extract.phrases import PhraseMatcher
from kb.facts import Agency

_CAP = r"[A-Z][A-Za-z0-9’'&.\-]*[A-Za-z0-9&]|[A-Z]"
_CONNECT = r"of|and|for|the|on|&|de|du|des"
_RUN = re.compile(rf"(?:{_CAP})(?:(?:\s+(?:{_CONNECT}))*\s+(?:{_CAP}))*")
_ABBR_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z&.\-]{1,11})\)")
_TOKEN = re.compile(rf"{_CAP}|\S+")
_POSSESSIVE = re.compile(r"^(.*?)['’]s$")
_CONNECTORS = frozenset(_CONNECT.split("|"))
_LEADING_WORD = re.compile(r"\w")
# A name whose complement is a list: "Ministry of Agriculture, Forestry and Fisheries".
_WORDS = rf"(?:{_CAP})(?:\s+(?:{_CAP}))*"
_LIST_TAIL = re.compile(rf"(?:,\s+{_WORDS})*,\s+{_WORDS}\s+and\s+{_WORDS}")
_COMPLEMENT = re.compile(r"\s(?:of|for)\s(?!the\b)")


@dataclass
class _Found:
    name: str
    country: str | None
    kind: str | None
    also: list[str] = field(default_factory=list)
    synthetic: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)


def _words(items: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))
                      + r")(?![\w])")


@cache
def _config() -> dict:
    p = gazetteer.agency_patterns()
    return {
        "heads": frozenset(p.get("heads", [])),
        "weak": {k: _words(v) for k, v in (p.get("weak_heads") or {}).items()},
        "not_after": frozenset(p.get("not_after_head", [])),
        "not_first": frozenset(p.get("not_first", [])),
        "kinds": [(r["kind"], _words(r["words"])) for r in p.get("kind_rules", [])],
        "titles": frozenset(p.get("title_words", [])),
        "title_continuations": frozenset(p.get("title_continuations", [])),
        "news": frozenset(n.casefold() for n in p.get("news_agencies", [])),
        "company_before": _words(p.get("company_before", [])),
        "company_after": _words(p.get("company_after", [])),
    }


@cache
def _descriptive() -> re.Pattern[str]:
    """What follows a country in a description of its customs: "'s customs committee", " customs"."""
    p = gazetteer.agency_patterns()
    words = "|".join(p.get("customs_words", ["customs"]))
    nouns = "|".join(p.get("customs_nouns", ["service"]))
    return re.compile(rf"(?:['’]s)?\s+(?P<org>(?i:(?:{words})(?:\s+(?:{nouns}))?))(?![\w-])")


_BARE_CUSTOMS_NEXT = re.compile(r"\s*(?:[,.;:)]|said|says|reported|announced|has|have|is|was|will|and\b)")


@cache
def _companies() -> tuple[re.Pattern[str], re.Pattern[str]]:
    p = gazetteer.agency_patterns()
    before = "|".join(p.get("company_before", ["firm"]))
    after = "|".join(p.get("company_after", ["factory"]))
    # Not "the Arilje-based company": a "-based" word places a company, it does not name one.
    name = r"(?![\w\-]*-based\b)[A-Z][A-Za-z0-9&\-]+(?:\s+(?![\w\-]*-based\b)[A-Z][A-Za-z0-9&\-]+){0,3}"
    return (re.compile(rf"\b(?:{before})\s+(?P<name>{name})"),
            re.compile(rf"\bthe\s+(?P<name>{name})\s+(?:{after})\b"))


@cache
def _known_index() -> dict[str, list[gazetteer.KnownAgency]]:
    index: dict[str, list[gazetteer.KnownAgency]] = {}
    for entry in gazetteer.known_agencies():
        for name in (entry.name, *entry.also):
            index.setdefault(_key(name), []).append(entry)
    return index


@cache
def _known_matcher() -> PhraseMatcher:
    return PhraseMatcher(n for e in gazetteer.known_agencies() for n in (e.name, *e.also)
                         if len(n) >= 3 and (" " in n or n.isupper()))


_POSSESSIVE_S = re.compile(r"'s\b")
_PUNCT = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def _key(name: str) -> str:
    """A name as compared: case folded, without possessives, punctuation and a leading "the"."""
    s = _POSSESSIVE_S.sub("", name.casefold().replace("’", "'"))
    s = _SPACES.sub(" ", _PUNCT.sub(" ", s)).strip()
    return s.removeprefix("the ")


_UNDER = re.compile(r"\s+(?:under|attached\s+to|within|at)\s+the\s+")


def kind_of(name: str) -> str:
    # "State Customs Service under the Ministry of Economy": the head before "under" gives the kind.
    name = _UNDER.split(name, maxsplit=1)[0]
    # "Ministry of Industrialization, Trade and Enterprise Development": a ministry whatever its portfolio.
    if re.match(r"(?:[Tt]he\s+)?Ministry\b", name):
        return "ministry"
    for kind, pattern in _config()["kinds"]:
        if pattern.search(name):
            return kind
    return "state_body"


# ---------------------------------------------------------------- proper names

def _is_title(word: str, after_title: bool) -> bool:
    """A capitalised title word ("Commissioner", "Director-General"; "General" right after a title)."""
    cfg = _config()
    if word in cfg["titles"]:
        return after_title or word not in cfg["title_continuations"]
    parts = word.split("-")
    return len(parts) > 1 and parts[0] in cfg["titles"] and all(p.title() in cfg["titles"] for p in parts)


def _segments(run: str, offset: int) -> list[tuple[int, int, str | None]]:
    """Split a capitalised run at possessive countries and titles: (start, end, possessive code).

    A title's person does not belong to the organisation after it: in "Secretary-General Ann Vos
    of the World Customs Organization" the segment starts after "of".
    """
    forms = gazetteer.country_forms()
    cfg = _config()
    not_names = _not_names()
    out: list[tuple[int, int, str | None]] = []
    seg_start, owner = None, None
    after_title = False  # the current token follows a title
    person = False  # the current segment so far is the name of a person after a title
    for m in _TOKEN.finditer(run):
        word = m.group()
        poss = _POSSESSIVE.match(word)
        if poss and poss.group(1) in forms:
            if seg_start is not None:
                out.append((seg_start, m.start(), owner))
            seg_start, owner, after_title, person = None, forms[poss.group(1)].code, False, False
            # "Bureau of Chile's Ministry": the segment before takes the owner too.
            if out and run[out[-1][0]:out[-1][1]].rstrip().endswith(" of") and out[-1][2] is None:
                out[-1] = (out[-1][0], out[-1][1], owner)
            continue
        if _is_title(word, after_title):
            if seg_start is not None:
                out.append((seg_start, m.start(), owner))
            seg_start, owner, after_title, person = None, None, True, False
            continue
        if person and word in ("of", "and", "&"):
            seg_start, person = None, False  # drop the name; the organisation comes after
            continue
        if seg_start is None:
            seg_start = m.start()
            person = after_title and word not in _CONNECTORS
        if person and (word in cfg["heads"] or word in not_names):
            person = False
        after_title = False
    if seg_start is not None:
        out.append((seg_start, len(run), owner))
    return [(offset + s, offset + e, o) for s, e, o in out]


@cache
def _not_names() -> frozenset[str]:
    return frozenset(gazetteer.titles().get("not_names", []))


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Cut a segment to the organisation it names, or None when it names none."""
    cfg = _config()
    toks = [(m.start() + start, m.end() + start, m.group()) for m in _TOKEN.finditer(text[start:end])]
    while toks and (toks[0][2] in _CONNECTORS or toks[0][2] in cfg["not_first"]):
        toks.pop(0)
    while toks and toks[-1][2] in _CONNECTORS:
        toks.pop()
    if not toks:
        return None
    segment = text[toks[0][0]:toks[-1][1]]
    heads = [i for i, t in enumerate(toks) if t[2] in cfg["heads"]
             or (t[2] in cfg["weak"] and cfg["weak"][t[2]].search(segment))]
    if not heads:
        return None
    last = heads[-1]
    after = toks[last + 1:]
    # In a comma-listed complement ("for Identity, Citizenship, Customs and Port Security") a head
    # word is one of the items: the name runs on.
    listed = any(t[2] == "," for t in toks[:last]) and heads[0] < last and not any(
        t[2] in cfg["not_after"] for t in after)
    if after and after[0][2] not in _CONNECTORS and not listed:
        # Capitalised words right after the head: a person's name ("Authority Ana Silva")
        # or a thing the head only qualifies ("Customs Partners Forum").
        if any(t[2] in cfg["not_after"] for t in after):
            earlier = [i for i in heads if i < last and toks[i + 1][2] in _CONNECTORS]
            if not earlier:
                return None
            last = earlier[-1]
        toks = toks[: last + 1]
    elif after:
        # "of ..." complement: keep it up to a title or a thing word.
        keep = last + 1
        for i in range(last + 1, len(toks)):
            if toks[i][2] in cfg["not_after"]:
                break
            keep = i + 1
        toks = toks[:keep]
        while toks and toks[-1][2] in _CONNECTORS:
            toks.pop()
        toks = _without_person_after_country(text, toks)
    words = [t for t in toks if t[2] not in _CONNECTORS]
    if len(words) < 2:
        return None
    return toks[0][0], toks[-1][1]


def _without_person_after_country(text: str, toks: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """"Customs Committee of Iran Hassan Ali": a complement ends with its country, and the
    capitalised words after it (two or more, none an organisation word) name a person."""
    if len(toks) < 3:
        return toks
    span_start, span_end = toks[0][0], toks[-1][1]
    mentions = [c for c in find_countries(text[span_start:span_end]) if c.form == "name"]
    if not mentions:
        return toks
    cut = span_start + mentions[-1].end
    rest = [t for t in toks if t[0] >= cut]
    heads, not_names = _config()["heads"], _not_names()
    if len(rest) >= 2 and all(t[2][0].isupper() and t[2] not in heads and t[2] not in not_names for t in rest):
        return [t for t in toks if t[1] <= cut]
    return toks


def _country_of(ctx: ArticleContext, start: int, end: int, owner: str | None, kind: str) -> str | None:
    if kind == "international":
        return None
    if owner:
        return owner
    name = ctx.text[start:end]
    inner = [c for c in ctx.countries if start <= c.start and c.end <= end and c.form != "bloc"]
    embassy = re.search(r"\b(?:Embassy|Consulate|embassy|consulate)\b", name)
    if embassy:
        inner = [c for c in inner if c.start < start + embassy.start()] or inner
    codes = {c.code for c in inner}
    if len(codes) == 1:
        return codes.pop()
    if len(codes) > 1:
        return None
    tail = re.match(r"\s+of\s+(?:the\s+)?", ctx.text[end:end + 12])
    if tail:
        nxt = [c for c in ctx.countries if c.start == end + tail.end()]
        if nxt:
            return nxt[0].code
    return context_country(ctx, start, end)


def context_country(ctx: ArticleContext, start: int, end: int) -> str | None:
    """The country a mention belongs to by its sentence: nearest actor before, else after, else home."""
    sent = ctx.sentence_at(start)
    if sent is not None:
        around = [c for c in ctx.countries_in(sent.start, sent.end)
                  if c.form != "bloc" and not is_destination(ctx.text, c)
                  and not (start <= c.start < end)]
        home = home_country(ctx)
        if home is not None and any(c.code == home for c in around):
            return home
        before = [c for c in around if c.end <= start]
        if before:
            return before[-1].code
        after = [c for c in around if c.start >= end]
        if after:
            return after[0].code
    return home_country(ctx)


def _lookup(surface: str, country: str | None) -> gazetteer.KnownAgency | None:
    entries = _known_index().get(_key(surface), [])
    own = codes_in(surface)
    for entry in entries:
        if entry.country == country or (own and entry.country in own) or (entry.country is None
                                                                          and not own):
            return entry
    return None


def _specific(ctx: ArticleContext, surface: str) -> gazetteer.KnownAgency | None:
    """A gazetteer entry a name can only mean here: it names its country, or its country is in the article."""
    entries = _known_index().get(_key(surface), [])
    if not entries:
        return None
    own = codes_in(surface)
    present = {c.code for c in ctx.countries}
    for entry in entries:
        if entry.country is None and not own:
            return entry
        if own and entry.country in own:
            return entry
    here = [e for e in entries if e.country in present]
    if len(here) == 1 and (surface.isupper() or len(entries) == 1):
        return here[0]
    return None


def _known_kind(known: gazetteer.KnownAgency, kind: str) -> str:
    # A customs bureau inside a ministry is listed as a ministry; the name says customs.
    if known.kind == "ministry" and kind == "customs" and "Ministry" not in known.name:
        return kind
    return known.kind or kind


def _canonical(surface: str, country: str | None, kind: str) -> tuple[str, str | None, str]:
    known = _lookup(surface, country)
    if known:
        return known.name, known.country, _known_kind(known, kind)
    name = re.sub(r"^(?:the|The)\s+", "", surface)
    if country and kind in ("ministry", "customs", "government") and not codes_in(name):
        name = f"{name} of {gazetteer.country_names().get(country, country)}"
    return name, country, kind


# ---------------------------------------------------------------- the stage

class _Registry:
    """Agencies found so far, merged by name, abbreviation and (for customs) by country."""

    def __init__(self) -> None:
        self.items: list[_Found] = []

    def find(self, name: str, country: str | None, kind: str | None) -> _Found | None:
        key = _key(name)
        for f in self.items:
            if key in {_key(n) for n in (f.name, *f.also)} and (f.country == country or not country
                                                               or not f.country):
                return f
        if kind == "customs" and country:
            for f in self.items:
                if f.kind == "customs" and f.country == country:
                    return f
        words = set(key.split())
        for f in self.items:
            if f.country == country and f.kind == kind and len(words) >= 2 and (
                    words <= set(_key(f.name).split()) or set(_key(f.name).split()) <= words):
                return f
        return None

    def add(self, name: str, country: str | None, kind: str | None, surface: str,
            span: tuple[int, int]) -> _Found:
        found = self.find(name, country, kind) or self.find(surface, country, kind)
        synthetic = _key(name) != _key(surface) and not _lookup(name, country)
        if found is None:
            found = _Found(name, country, kind, synthetic=synthetic)
            self.items.append(found)
        elif found.synthetic and not synthetic and kind == found.kind:
            found.also.append(found.name)
            found.name, found.synthetic = name, False
        elif len(_key(name)) > len(_key(found.name)) and _key(name) not in {_key(a) for a in found.also} \
                and kind == found.kind and not _lookup(found.name, found.country):
            found.also.append(found.name)
            found.name = name
        for alias in (surface, name):
            alias = re.sub(r"^(?:the|The)\s+", "", alias)
            if _key(alias) != _key(found.name) and _key(alias) not in {_key(a) for a in found.also}:
                found.also.append(alias)
        found.spans.append(span)
        return found


def _excluded(ctx: ArticleContext, surface: str) -> bool:
    key = surface.casefold()
    if key in _config()["news"]:
        return True
    publisher = (ctx.document.publisher or "").casefold()
    return bool(publisher) and (key == publisher or key == publisher.removeprefix("the "))


def extract_agencies(ctx: ArticleContext) -> list[Agency]:
    text = ctx.text
    reg = _Registry()
    blocs = gazetteer.blocs()
    abbreviations: dict[str, _Found] = {}

    def take(start: int, end: int, owner: str | None) -> None:
        surface = text[start:end]
        if surface in blocs or _excluded(ctx, surface):
            return
        existing = next((f for f in reg.items if _key(surface) in {_key(n) for n in (f.name, *f.also)}), None)
        if existing is not None and not owner:
            existing.spans.append((start, end))
            return
        kind = kind_of(surface)
        known = _specific(ctx, surface)
        if known:
            name, country, kind = known.name, known.country, _known_kind(known, kind)
        else:
            country = _country_of(ctx, start, end, owner, kind)
            name, country, kind = _canonical(surface, country, kind)
        found = reg.add(name, country, kind, surface if not owner else _possessive(ctx, start, surface),
                        (start, end))
        abbr = _ABBR_AFTER.match(text, end)
        if abbr and sum(ch.isupper() for ch in abbr.group(1)) >= 2:
            abbreviations[abbr.group(1)] = found
            if abbr.group(1) not in found.also:
                found.also.append(abbr.group(1))

    taken: list[tuple[int, int]] = []
    for run_start, run in _runs(text):
        # "the X Service and the Y Authority" names two organisations.
        for part in re.finditer(r"(?:(?!\s+and\s+the\s+).)+", run):
            for s, e, owner in _segments(part.group(), run_start + part.start()):
                span = _trim(text, s, e)
                if span is None:
                    continue
                end = span[1]
                embassy = re.match(r"\s+in\s+((?:[A-Z][\w'’-]+\s?)+)", text[end:end + 40])
                if re.search(r"(?:Embassy|Consulate)$", text[span[0]:end]) and embassy:
                    end += embassy.end(1) - (1 if embassy.group(1).endswith(" ") else 0)
                take(span[0], end, owner)
                taken.append((span[0], end))

    _take_known(ctx, reg, taken, take)
    _take_embassies(ctx, reg, taken)
    _take_companies(ctx, reg, taken)
    _take_descriptive(ctx, reg, taken)
    _take_abbreviations(ctx, reg, abbreviations)

    found_all = [f for f in reg.items if f.spans]
    mentions = mentions_of(ctx).agencies
    out: list[Agency] = []
    for f in found_all:
        for s, e in f.spans:
            mentions.append(AgencyMention(s, e, f.name))
        first = min(f.spans)
        sent = ctx.sentence_at(first[0])
        also = [a for a in dict.fromkeys(f.also) if _key(a) != _key(f.name)]
        out.append(Agency(name=f.name, also=also, country=f.country, kind=f.kind,
                          evidence=[ctx.evidence_for(sent)] if sent else []))
    mentions.sort(key=lambda m: m.start)
    return out


def _runs(text: str):
    """Capitalised runs, (start, run); a run whose head has a complement continues over a
    comma list of capitalised items ending in "and": "Authority for Identity, Citizenship,
    Customs and Port Security". Items naming a country end the name."""
    cfg = _config()
    matches = list(_RUN.finditer(text))
    i = 0
    while i < len(matches):
        m = matches[i]
        end = m.end()
        comp = _COMPLEMENT.search(m.group())
        if comp and any(w in cfg["heads"] for w in m.group()[:comp.start()].split()):
            tail = _LIST_TAIL.match(text, end)
            if tail and not codes_in(tail.group()):
                end = tail.end()
                while i + 1 < len(matches) and matches[i + 1].start() < end:
                    i += 1
                    end = max(end, matches[i].end())
        yield m.start(), text[m.start():end]
        i += 1


def _possessive(ctx: ArticleContext, start: int, surface: str) -> str:
    """"Ghana's Revenue Authority": the surface with its possessive owner, as the text has it."""
    m = re.search(r"([A-Z][\w.\- ]*?['’]s)\s+$", ctx.text[max(0, start - 40):start])
    return f"{m.group(1)} {surface}".replace("’", "'") if m else surface


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in taken)


def _take_known(ctx: ArticleContext, reg: _Registry, taken: list[tuple[int, int]], take) -> None:
    for start, end, _name in _known_matcher().finditer(ctx.text):
        if not _overlaps(taken, start, end):
            take(start, end, None)
            taken.append((start, end))


def _take_embassies(ctx: ArticleContext, reg: _Registry, taken: list[tuple[int, int]]) -> None:
    """"Russian embassy in Cairo", "the US embassy in London": lower-case embassies of a country."""
    for c in ctx.countries:
        m = re.match(r"\s+(?:embassy|consulate(?: general)?)(?:\s+in\s+[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)?",
                     ctx.text[c.end:c.end + 60])
        if not m or c.form == "bloc" or _overlaps(taken, c.start, c.end + m.end()):
            continue
        start, end = c.start, c.end + m.end()
        surface = ctx.text[start:end]
        reg.add(surface, c.code, "state_body", surface, (start, end))
        taken.append((start, end))


def _take_companies(ctx: ArticleContext, reg: _Registry, taken: list[tuple[int, int]]) -> None:
    not_names = frozenset(gazetteer.titles().get("not_names", []))
    for pattern in _companies():
        for m in pattern.finditer(ctx.text):
            s, e = m.span("name")
            name = m.group("name")
            if _overlaps(taken, s, e) or name.split()[0] in not_names or codes_in(name):
                continue
            before = [c for c in ctx.countries if c.end <= s and s - c.end <= 12 and c.form == "adjective"]
            country = before[-1].code if before else context_country(ctx, s, e)
            reg.add(name, country, "company", name, (s, e))
            taken.append((s, e))


def _take_descriptive(ctx: ArticleContext, reg: _Registry, taken: list[tuple[int, int]]) -> None:
    pattern = _descriptive()
    for c in ctx.countries:
        if c.form == "bloc":
            continue
        m = pattern.match(ctx.text, c.end)
        if m is None or _overlaps(taken, c.start, m.end()):
            continue
        org = m.group("org")
        if " " not in org and not _BARE_CUSTOMS_NEXT.match(ctx.text, m.end()):
            continue
        code = c.code
        span = (c.start, m.end())
        surface = ctx.text[c.start:m.end()].replace("’", "'")
        existing = next((f for f in reg.items if f.kind == "customs" and f.country == code), None)
        if existing:
            name = existing.name
        else:
            known = next((k for k in gazetteer.known_agencies() if k.country == code and k.kind == "customs"),
                         None)
            name = known.name if known else f"{org.title()} of {gazetteer.country_names().get(code, code)}"
        reg.add(name, code, "customs", surface, span)
        taken.append(span)


def _take_abbreviations(ctx: ArticleContext, reg: _Registry, abbreviations: dict[str, _Found]) -> None:
    for f in reg.items:
        for alias in f.also:
            if alias.isupper() or re.fullmatch(r"[A-Z][A-Za-z&]*[A-Z][A-Za-z&]*", alias):
                abbreviations.setdefault(alias, f)
    if not abbreviations:
        return
    spans = {sp for f in reg.items for sp in f.spans}
    for start, end, abbr in _abbreviation_matches(ctx.text, abbreviations):
        if any(s <= start < e for s, e in spans):
            continue
        abbreviations[abbr].spans.append((start, end))


def _abbreviation_matches(text: str, abbreviations: dict[str, _Found]) -> list[tuple[int, int, str]]:
    """Where the text uses the article's abbreviations, as whole tokens ("&" counts as a letter)."""
    if all(_LEADING_WORD.match(a) for a in abbreviations):
        return list(PhraseMatcher(abbreviations, not_before=r"\w&", not_after=r"\w&").finditer(text))
    pattern = re.compile(r"(?<![\w&])(?:" + "|".join(re.escape(a) for a in sorted(abbreviations, key=len,
                                                                                      reverse=True))
                         + r")(?![\w&])")
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


def sentence_agencies(ctx: ArticleContext, sent: Sentence) -> list[str]:
    """Names of the agencies mentioned in a sentence, in order, each once."""
    names = [m.name for m in mentions_of(ctx).agencies if sent.start <= m.start < sent.end]
    return list(dict.fromkeys(names))
