"""Which instrument a mention stands for: a new one, one named before, or one per listed partner.

Definite references ("the document", "the deal", "the MoU") resolve to an instrument
already named; a plural designation followed by a list ("two memoranda, one on X and
another on Y"; "similar agreements with A and B") opens one instrument per member.
"""

from __future__ import annotations

import re

from kb.extract import gazetteer
from kb.extract.agreements.lexicon import drop_words, nouns
from kb.extract.agreements.mentions import OF_DATE, right_end
from kb.extract.agreements.model import Instrument, Mention, Reading, countries, countries_in, name_words
from kb.extract.context import ArticleContext, Sentence, mentions_of
from kb.extract.dates import count_of, find_dates

_SPLIT = re.compile(r"(?i),?\s*one\s+(?P<a>(?:on|for|concerning)\s+[^,;]+?)\s+and\s+(?:the\s+other|another)\s+"
                    r"(?P<b>(?:on|for|concerning)\s+[^,;.]+)")
# "agreements with A and B", "similar agreements had already been signed with A and with B".
# (the list ends before a place or time set off by a comma: "…, at the Summit in Asunción earlier this month")
_EACH = re.compile(r"[^.;,]{0,40}?\b(?P<link>with|access\s+to)\s+(?P<list>.*?)"
                   r"(?:,\s+and\b|;|,\s+(?=(?:at|in|on|during|earlier|later|last|this|when|where)\b)|$)")
_WITH_COUNTRY = re.compile(r"\s+with\s+(?:the\s+)?")
_ANOTHER = re.compile(r"\s*,?\s*(?:and|as\s+well\s+as)\s+(?P<another>another|a\s+second|one\s+more)(?=\s+(?:on|for|"
                      r"concerning|regarding|to)\s)")
_TOPIC_LIST = re.compile(r"\s+(?P<prep>on|concerning|regarding|in\s+the\s+fields?\s+of)\s+(?P<items>.+)", re.S)
_ITEM_SPLIT = re.compile(r",\s+(?:and\s+)?|\s+and\s+")
_COUNT = re.compile(r"(?i)\b(two|three|four|five|six|2|3|4|5|6)\s+(?:[\w-]+\s+)?$")
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6}
# "after those with Japan in 2014 and with Hong Kong, South Korea and China": the list goes on over ", Name"
_THOSE = re.compile(r"\b(?:those|ones)\s+with\s+(?P<list>[A-Z][^.;]*?)(?=[.;]|,\s+(?!(?:and\s+)?[A-Z])|$)")
_YEAR_AFTER = re.compile(r"\s+in\s+((?:19|20)\d\d)\b")
_SUCH = re.compile(r"(?i)\bsuch\s+$")
# "(EPA)", and a defined short name: "(the `Protocol`)", "(“2026 Agreement”)"
_ABBREVIATION = re.compile(r"\s*\((?:([A-Z][A-Za-z-]{1,9})|"
                           r"(?:the\s+)?[`'\"“‘]((?:\d{4}\s+)?[A-Z][\w -]{1,30}?)[`'\"”’])\)")
# Words that make an anaphoric noun name an instrument: "a free trade deal", "the customs pact".
_TOPICS = frozenset({"trade", "free", "customs", "transit", "investment", "partnership", "economic", "cooperation",
                     "tax", "taxation", "visa", "tariff", "border", "security", "services", "transport", "aviation",
                     "air", "road", "rail", "railway", "grain", "energy", "gas", "oil", "fisheries", "fishing",
                     "migration", "labour", "labor", "defence", "defense", "nuclear", "climate", "debt", "loan",
                     "credit", "currency", "swap", "payment", "digital", "data", "supply", "purchase", "sales",
                     "export", "import", "preferential", "phytosanitary", "veterinary", "sanitary", "health",
                     "framework", "technology", "high-technology", "agricultural", "industrial", "commercial"})
# Modifiers that do not tell one instrument from another.
_OF_YEAR = re.compile(r"\s+of\s+((?:19|20)\d\d)$")
_TALKS_TO_OPEN = re.compile(r"\b(?:on\s+(?:the\s+)?(?:launching|opening|starting|launch\s+of|opening\s+of|start\s+of)|"
                            r"to\s+(?:launch|open|start|begin))\s+(?:the\s+|an?\s+)?$", re.I)
_GENERIC = frozenset({"trade", "free", "bilateral", "agreement", "deal", "pact", "accord", "document", "text", "new",
                      "updated", "upgraded", "modernized", "modernised", "revised", "amended", "signed", "relevant",
                      "intergovernmental", "international", "whole", "entire", "full", "final", "s"})
_DURATION = re.compile(r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|years?|months?")
_PLAIN = re.compile(r"(?i)(?:the\s+)?(?:document|text|deal|pact|accord)")
_SINGULAR = {"memoranda": "memorandum", "memorandums": "memorandum", "treaties": "treaty"}
_S_PLURALS = ("agreement", "protocol", "arrangement", "convention", "accord", "pact", "deal", "plan", "roadmap", "mou")


# "once a regional arrangement is in place", "if an agreement is reached": a conditional's instrument names none
# ("when a memorandum was signed in 2018" tells of one)
_HYPOTHETICAL = re.compile(r"(?i)\b(?:once|if|until|unless|whether)\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}$")

def resolve(reading: Reading, m: Mention) -> list[int]:
    """The instruments a mention stands for, creating new ones for new instruments (none for a denied
    one: "has no free trade agreement with"); an abbreviation in brackets after it names the one it stands for."""
    found = _resolve(reading, m)
    if len(found) == 1:  # "work on a Customs Mutual Assistance Agreement (CMAA)" told before: its alias too
        _add_alias(reading, reading.instruments[found[0]], _ABBREVIATION.match(reading.text, m.end, m.sent.end))
    return found


def _add_alias(reading: Reading, inst: Instrument, abbr: re.Match[str] | None) -> None:
    """An abbreviation, or a defined short name ("(`2026 Agreement`)": named "Agreement"), the instrument goes by."""
    if abbr is None:
        return
    alias = abbr.group(1) or re.sub(r"^\d{4}\s+", "", abbr.group(2))
    if alias not in inst.aliases:
        inst.aliases.append(alias)
        reading.aliases.add(alias)


def _resolve(reading: Reading, m: Mention) -> list[int]:
    if m.negated or (m.indefinite and _HYPOTHETICAL.search(reading.text, max(0, m.start - 40), m.start)):
        return []  # "once a regional arrangement is in place": an instrument that may come, none named
    # (not "A second MoU" after "the Memorandum of Understanding (MoU)": another one)
    named = next((i for i, inst in enumerate(reading.instruments) if m.name in inst.aliases), None) \
        if m.name in reading.aliases and not m.other else None
    if named is not None:  # "the Regional Comprehensive Economic Partnership (RCEP)", then "RCEP"
        reading.instruments[named].mentions.append((m.start, m.end))
        return [named]
    # "a deal", "the document" point back; "a free trade deal with China" names an instrument.
    anaphor = bool(m.info.get("anaphor")) and not _contentful(reading.text, m)
    if m.info["plural"]:
        found = _plural(reading, m, anaphor)
        if found or not m.info.get("as"):
            return found
        # "the third round of FTA negotiations": talks on one agreement
    if anaphor or m.predicate:
        return _anaphor(reading, m)
    if m.definite or m.proper:
        found = _definite(reading, m)
        if found is not None:
            return [found]
    if not m.generic:
        target = _same_name(reading, m) if m.indefinite else _match(
            reading.instruments, m, m.name, False, threshold=0.95)
        if target is not None and not _other_partner(reading, m, target):
            reading.instruments[target].mentions.append((m.start, m.end))
            return [target]
    announced = _announced_just_before(reading, m) if m.other or m.indefinite else None
    if announced is not None:  # "2. MoU between MRA and Island Bottlers Ltd" then "A second MoU was signed …"
        reading.instruments[announced].mentions.append((m.start, m.end))
        return [announced]
    status = m.info.get("status")
    if status == "negotiating" and _TALKS_TO_OPEN.search(reading.text, max(0, m.start - 30), m.start):
        status = "proposed"  # "an MoU on launching FTA talks": talks still to open
    inst = Instrument(m.kind, as_named(m, m.noun if m.generic else m.name), m.generic, older=m.older,
                      named=bool(m.info.get("named")), distinct=m.other, status=status)
    inst.mentions.append((m.start, m.end))
    # "Agreement … of 27 May 1996": the date of the innermost title (not of a protocol that amends it)
    inner = nouns()[0].pattern.search(reading.text, m.ne, m.end) is None
    dated = OF_DATE.match(reading.text, m.end, m.sent.end) if inner else None
    days = find_dates(dated.group(0), reading.ctx.published) if dated else []
    if days:
        inst.signed = days[0].value
    elif inner and (year := _OF_YEAR.search(inst.name)) is not None:
        inst.signed = year.group(1)  # "the EFTA-Ukraine Free Trade Agreement of 2010"
    # "a mutual recognition arrangement (MRA) on…", "the Partnership Agreement (EPA)": its abbreviation.
    _add_alias(reading, inst, _ABBREVIATION.match(reading.text, m.ne, m.end)
               or _ABBREVIATION.match(reading.text, m.end, m.sent.end))
    return [reading.add(inst), *_another(reading, m)]


_INDEFINITE_ITEM = re.compile(r"\W*(?:A|An)\s")  # "A draft agreement on …": an item of a list, no heading


def _announced_just_before(reading: Reading, m: Mention) -> int | None:
    """The instrument of the same kind the heading right before named, and nothing since."""
    before = next((s for s in reversed(reading.ctx.sentences) if s.end <= m.sent.start), None)
    if before is None or before.text.rstrip().endswith((".", "!", "?", ":", ";", ",")) \
            or before.text.lstrip().startswith(("•", "-", "*", "▪", "·", "–")) or len(before.text.split()) > 12 \
            or _INDEFINITE_ITEM.match(before.text) or not m.sent.text.rstrip().endswith("."):
        return None  # (a heading: a short line, no sentence; "It follows a similar MoU" after a sentence is another)
    found = [i for i, inst in enumerate(reading.instruments) if inst.kind == m.kind and len(inst.mentions) == 1
             and before.start <= inst.mentions[0][0] < before.end]
    return found[-1] if len(found) == 1 else None


def as_named(m: Mention, name: str) -> str:
    """"free trade talks with India" names the free trade agreement under negotiation."""
    named = m.info.get("as")
    if not named:
        return name
    return re.sub(rf"(?i){re.escape(m.noun)}|{re.escape(singular(m.noun))}", named, name, count=1)


def _contentful(text: str, m: Mention) -> bool:
    """An anaphoric noun with modifiers of its own ("free trade deal", "customs pact"), not in a title-case
    heading ("Kenya And Uganda Sign Trade Pact")."""
    modifiers = re.findall(r"[\w-]+", text[m.start:m.ns])
    if m.noun[0].isupper():
        # "their Corozal Accord", "the Andean Pact": a proper name in running text (a lower-case word before it)
        before = re.search(r"([\w-]+)\W*$", text[max(0, m.start - 30):m.start])
        return bool(modifiers) and all(w[0].isupper() for w in modifiers) and before is not None \
            and before.group(1)[0].islower()
    return any(w[0].isupper() or w.lower() in _TOPICS for w in modifiers)


def _another(reading: Reading, m: Mention) -> list[int]:
    """"a memorandum on water and another on markets": a second instrument of the same kind."""
    found = _ANOTHER.match(reading.text, m.end, m.sent.end)
    if not found:
        return []
    end = right_end(reading.text, found.end(), m.sent.end)
    if end == found.end():
        return []
    inst = Instrument(m.kind, f"{singular(m.noun)}{reading.text[found.end():end]}", False)
    inst.mentions.append((found.start("another"), end))
    return [reading.add(inst)]


def _plural(reading: Reading, m: Mention, anaphor: bool) -> list[int]:
    """"two memoranda, one on X and another on Y"; "agreements on X, Y and Z"; "similar agreements
    with A and B"; "its deals with A and B"."""
    after = reading.text[m.ne:m.sent.end]
    if _SUCH.search(reading.text, max(m.sent.start, m.start - 8), m.start):  # "such agreements": a class
        return []
    if not anaphor:
        split = _SPLIT.search(after)
        if split:
            return _one_and_another(reading, m, split)
        topics = _topics(reading, m)
        if topics:
            return topics
    each = _EACH.match(after)
    if each:
        return _one_per_partner(reading, m, each, anaphor)
    if anaphor:
        return _the_ones_just_named(reading, m)
    return []


_BOTH = re.compile(r"\b(?P<n>[Bb]oth|(?:[Tt]he|[Tt]hese|[Aa]ll)\s+(?:two|three|four))\s+(?:[\w-]+\s+)?$")


def _the_ones_just_named(reading: Reading, m: Mention) -> list[int]:
    """"Both documents were signed in Tashkent on 14 November 2025": the instruments the sentences just before
    named (not one named inside another's name, "the 1995 agreement" a protocol amends), as many as it counts."""
    both = _BOTH.search(reading.text, max(m.sent.start, m.start - 20), m.start)
    if both is None:
        return []
    word = both["n"].split()[-1].lower()
    n = 2 if word == "both" else count_of(word)
    spans = [(i, inst.mentions[0]) for i, inst in enumerate(reading.instruments) if inst.mentions]
    own = [i for i, (a, b) in spans if a < m.start
           and not any(j != i and c <= a and b <= d and (c, d) != (a, b) for j, (c, d) in spans)]
    # all the article has named so far, else those named in the sentences just before
    named = own if len(own) == n else [i for i in own if max(a for a, _ in reading.instruments[i].mentions)
                                       >= m.sent.start - _JUST_BEFORE]
    if len(named) != n:
        return []
    for i in named:
        reading.instruments[i].mentions.append((m.start, m.end))
    return named


_JUST_BEFORE = 600  # characters: the two or three sentences before


def _topics(reading: Reading, m: Mention) -> list[int]:
    """"agreements on electricity, rail links and quarantine", "memoranda on tourism and on training":
    one instrument per topic, when the list is clearly one of several instruments."""
    text = reading.text
    found = _TOPIC_LIST.fullmatch(text, m.ne, m.end)
    if not found:
        return []
    items = [i for i in _ITEM_SPLIT.split(found.group("items")) if i.strip()]
    repeated = len(items) >= 2 and all(i.startswith(found.group("prep") + " ") for i in items[1:])
    count = _COUNT.search(text, max(m.sent.start, m.start - 12), m.start)
    counted = count is not None and _NUMBERS.get(count.group(1).lower()) == len(items)
    if not (repeated or counted or len(items) >= 3):
        return []
    prep = found.group("prep")
    stem = singular(text[m.start:m.ne])
    out = []
    for item in items:
        topic = item[len(prep) + 1:] if item.startswith(prep + " ") else item
        inst = Instrument(m.kind, f"{stem} {prep} {topic.strip()}", False)
        inst.mentions.append((m.start, m.end))
        out.append(reading.add(inst))
    return out


def those_with(reading: Reading, sent: Sentence) -> list[int]:
    """"its 17th deal, after those with Chile and Korea": one older instrument per partner."""
    found = _THOSE.search(sent.text) if "with" in sent.text else None
    recs = [i for i, r in enumerate(reading.instruments)
            if any(sent.start <= s < sent.start + found.start() for s, _ in r.mentions)] if found else []
    if not recs:
        return []
    model = reading.instruments[recs[-1]]
    out = []
    start = sent.start + found.start("list")
    partners = _partners(reading.ctx, start, sent.start + found.end("list"))
    for code, surface in partners.items():
        inst = Instrument(model.kind, f"{model.kind} with {surface}", False, older=True, split=True)
        inst.mentions.append((sent.start + found.start(), sent.start + found.end()))
        inst.parties_hint, inst.partners = [code], list(partners)
        inst.status = "signed"  # one of those the country already has
        at = reading.ctx.text.find(surface, start)
        year = _YEAR_AFTER.match(reading.ctx.text, at + len(surface)) if at >= 0 else None
        inst.signed = year.group(1) if year else None  # "with Japan in 2014"
        out.append(reading.add(inst))
    return out


def _partners(ctx: ArticleContext, start: int, end: int) -> dict[str, str]:
    """Country code → the way the text names it, for the countries (not blocs) of a list."""
    agencies = [(a.start, a.end) for a in mentions_of(ctx).agencies]
    found = [c for c in countries_in(ctx, start, end)
             if c.form != "bloc" and not any(s <= c.start < e for s, e in agencies)]
    surfaces = {c.code: c.surface for c in reversed(found)}
    return {code: surfaces[code] for code in dict.fromkeys(c.code for c in found)}


def _item_of(text: str, lo: int, hi: int, surface: str) -> str:
    """How a list names one partner: "the Philippines" in "to the Philippines and Vietnam"."""
    m = re.search(rf"(?:\bthe\s+)?{re.escape(surface)}", text[lo:hi])
    return m.group() if m else surface


def _one_and_another(reading: Reading, m: Mention, split: re.Match[str]) -> list[int]:
    base = singular(m.noun)
    out = []
    for part in ("a", "b"):
        inst = Instrument(m.kind, f"{base} {split.group(part)}".strip(), False)
        inst.mentions.append((m.start, m.end))
        offset = m.ns + len(m.noun)
        inst.parties_hint = countries(reading.ctx, offset + split.start(part), offset + split.end(part))
        out.append(reading.add(inst))
    return out


def _one_per_partner(reading: Reading, m: Mention, each: re.Match[str], anaphor: bool) -> list[int]:
    """"similar agreements with A and B", "protocols for access to A and B": one instrument per partner,
    named by the designation with that partner alone."""
    lo, hi = m.ne + each.start("list"), m.ne + each.end("list")
    partners = _partners(reading.ctx, lo, hi)
    items = {code: _item_of(reading.text, lo, hi, surface) for code, surface in partners.items()}
    stem = as_named(m, singular(reading.text[m.start:min(m.end, m.ne + each.start("link"))]).strip())
    if anaphor and stem.lower() == singular(m.noun).lower():  # "its deals with A and B": agreements
        stem = m.kind
    link = re.sub(r"\s+", " ", each.group("link"))
    out = []
    for code, item in items.items():
        inst = Instrument(m.kind, f"{stem} {link} {item}", False, older=anaphor, status=m.info.get("status"))
        inst.mentions.append((m.start, m.end))
        inst.parties_hint, inst.partners = [code], list(partners)
        inst.split = len(partners) > 1
        out.append(reading.add(inst))
    return out


def _anaphor(reading: Reading, m: Mention) -> list[int]:
    """"the deal", "the document": an instrument named before; "a deal with Peru": a new one."""
    recs = reading.instruments
    with_country = _WITH_COUNTRY.match(reading.text, m.ne, m.sent.end)
    if not m.definite and with_country and recs:
        codes = countries(reading.ctx, with_country.end(), with_country.end() + 40)[:1]
        if codes:
            prev = recs[-1]
            stem = prev.kind if prev.generic else re.sub(r"\s+with\s+.*$", "", prev.name)
            inst = Instrument(prev.kind, f"{stem} with {gazetteer.country_names().get(codes[0], codes[0])}", False)
            inst.mentions.append((m.start, m.end))
            inst.parties_hint = codes
            return [reading.add(inst)]
    similar = _similar_between(reading, m) if m.other and not m.definite and not m.predicate and recs else None
    if similar is not None:
        return [similar]
    if not m.definite or not recs:
        return []
    target = _latest(recs, m, m.kind if m.noun.lower() in ("minutes",) else None)
    if target is None:
        return []
    recs[target].mentions.append((m.start, m.end))
    return [target]


_IN_TALKS = re.compile(r"\b(?:talks|negotiat\w*|discussions)\b", re.I)


def _similar_between(reading: Reading, m: Mention) -> int | None:
    """"The Maldives and Indonesia are also in talks on a similar deal": the instrument named before, of another
    pair of countries, the two the sentence names before it."""
    prev = reading.instruments[-1]
    codes = list(dict.fromkeys(countries(reading.ctx, m.sent.start, m.start)))
    told = next((s for s in reading.ctx.sentences if prev.mentions and s.start <= prev.mentions[0][0] < s.end), None)
    before = set(prev.parties_hint) or (set(countries(reading.ctx, told.start, told.end)) if told else set())
    if len(codes) != 2 or set(codes) <= before:
        return None
    names = [gazetteer.country_names().get(c, c) for c in codes]
    stem = re.sub(r"^(?:bilateral|the|a|an)\s+", "", prev.name, flags=re.I)
    stem = prev.kind if prev.generic else stem[:1].lower() + stem[1:] if stem[:1].isupper() and " " in stem else stem
    inst = Instrument(prev.kind, f"{names[0]}-{names[1]} {stem}", False, distinct=True,
                      status="negotiating" if _IN_TALKS.search(m.sent.text) else None)
    inst.mentions.append((m.start, m.end))
    inst.parties_hint = codes
    return reading.add(inst)


def _definite(reading: Reading, m: Mention) -> int | None:
    """"the protocol", "the Agreement on X": the instrument of that kind or name named before."""
    recs = reading.instruments
    target = _by_modifier(reading, m) if m.generic else None
    target = target if target is not None else _by_partner_after(reading, m)
    target = target if target is not None else _match(recs, m, m.name, m.generic)
    target = target if target is not None else _by_year(reading, m)
    if target is not None and m.generic and _only_inside_another(reading, target):
        # "the agreement" after "the agreement on X, together with the Protocol amending the 1995 agreement": the
        # one named in its own right, not the one only named inside the protocol's name
        own = [i for i, r in enumerate(recs) if r.kind == m.kind and not _only_inside_another(reading, i)]
        target = own[-1] if len(own) == 1 else target
    if target is not None and _other_partner(reading, m, target):
        return None  # "the free trade agreement with Belarus" after talks on one with Egypt: another agreement
    if target is not None:
        inst = recs[target]
        if not m.generic and (inst.generic or len(m.name) > len(inst.name)) and not _PLAIN.fullmatch(m.name):
            reading.rename(target, m.name)
    elif m.definite and not m.proper and _only_with(m.name, m.noun):
        target = _match(recs, m, m.noun, True)
    elif m.definite and not m.proper and not countries(reading.ctx, m.start, m.end):
        same = [i for i, r in enumerate(recs) if r.kind == m.kind and _same_time(r, m)]
        same = [i for i in same if not _only_inside_another(reading, i)] or same  # (as above)
        target = same[-1] if same and not _distinct(m.name, _context(reading, same[-1]), m.noun) else None
    if target is not None and _other_partner(reading, m, target):
        return None  # "the comprehensive economic partnership agreement with Indonesia" after one with Belarus
    if target is not None:
        recs[target].mentions.append((m.start, m.end))
    return target


def _only_inside_another(reading: Reading, i: int) -> bool:
    spans = [inst.mentions[0] for j, inst in enumerate(reading.instruments) if j != i and inst.mentions]
    return all(any(c <= a and b <= d for c, d in spans) for a, b in reading.instruments[i].mentions)


def _year_before(text: str, start: int) -> str | None:
    year = _YEAR_BEFORE.search(text, max(0, start - 16), start)  # "the 2021 memorandum"
    return year.group("year") if year else None


def _by_year(reading: Reading, m: Mention) -> int | None:
    """"a protocol to the 2021 memorandum on …" after "the 2021 memorandum of understanding on mutual assistance":
    the one instrument of that kind told with that year."""
    year = _year_before(reading.text, m.start) if m.definite else None
    if year is None:
        return None
    same = [i for i, r in enumerate(reading.instruments) if r.kind == m.kind and r.mentions
            and _year_before(reading.text, min(r.mentions)[0]) == year]
    return same[0] if len(same) == 1 else None


_WITH_AFTER = re.compile(r"\s+(?:(?:it\s+)?(?:signed|concluded|agreed|reached|struck)\s+)?with\s+(?:the\s+)?")


def _by_partner_after(reading: Reading, m: Mention) -> int | None:
    """"the free trade agreement signed with Ecuador" after agreements with Ecuador and with the Dominican Republic:
    the one whose partner the words after it name."""
    after = _WITH_AFTER.match(reading.text, m.end, m.sent.end)
    if not m.definite or after is None:
        return None
    named = countries(reading.ctx, after.end(), min(m.sent.end, after.end() + 40))[:1]
    if not named:
        return None
    hits = [i for i, r in enumerate(reading.instruments) if r.kind == m.kind and named[0] in r.parties_hint]
    return hits[0] if len(hits) == 1 else None


def _partner_apart(reading: Reading, generic: Instrument, named: Instrument) -> bool:
    """Whether a named instrument's partner ("the free trade agreement with Belarus") goes unnamed in the sentences
    of a generic one ("talks on a free trade agreement" with Egypt): two instruments."""
    if named.generic:
        # two bare "a free trade agreement" told with Egypt and with Viet Nam: each names a country the other does not
        one, other = set(_first_countries(reading, generic)), set(_first_countries(reading, named))
        return bool(one - other) and bool(other - one)
    inside = _WITH_COUNTRY.search(named.name)
    partner = gazetteer.country_forms().get(named.name[inside.end():].strip()) if inside else None
    if partner is None or not generic.mentions:
        return False
    sentences = {reading.sentence_at(start) for start, _ in generic.mentions}
    return not any(partner.code in countries(reading.ctx, sent.start, sent.end) for sent in sentences if sent)


def _first_countries(reading: Reading, inst: Instrument) -> list[str]:
    first = reading.sentence_at(min(inst.mentions)[0]) if inst.mentions else None
    return countries(reading.ctx, first.start, first.end) if first else []


def _other_partner(reading: Reading, m: Mention, target: int) -> bool:
    """Whether the words after a mention name a partner ("… with Belarus") that the sentence first naming the
    instrument it would resolve to does not name."""
    after = _WITH_AFTER.match(reading.text, m.end, m.sent.end)
    inside = _WITH_COUNTRY.search(reading.text, m.start, m.end)  # "the free trade agreement with Belarus"
    named = countries(reading.ctx, after.end(), min(m.sent.end, after.end() + 40))[:1] if after else \
        countries(reading.ctx, inside.end(), m.end)[:1] if inside else []
    inst = reading.instruments[target]
    if not inst.mentions:
        return False
    first = reading.sentence_at(min(inst.mentions)[0])
    if not named:
        return first is not None and _other_body(reading, m, first)
    if named[0] in inst.parties_hint:
        return False
    return first is not None and named[0] not in countries(reading.ctx, first.start, first.end)


_BETWEEN_BODIES = re.compile(r"\bbetween\s+(?:the\s+)?(?P<a>[A-Z][^,;]*?)\s+and\s+(?:the\s+)?(?P<b>[A-Z][^,;]*)$")


def _other_body(reading: Reading, m: Mention, first: Sentence) -> bool:
    """"MoU between MRA and Island Bottlers Ltd" after an MoU signed with the Seychelles Revenue Commission: a
    body its name binds that the sentence first naming the other does not name."""
    sides = _BETWEEN_BODIES.search(m.name)
    if sides is None:
        return False
    base = m.start + sides.start()
    if countries(reading.ctx, base, m.end):
        return False  # the sides are countries: `_other_partner` compares those
    told = reading.text[first.start:first.end].casefold()
    return any(side.strip().casefold() not in told for side in (sides["a"], sides["b"]))


_MODIFIERS_BEFORE = re.compile(r"\bthe\s+((?:[a-z][\w-]*\s+){1,2})$")


def _by_modifier(reading: Reading, m: Mention) -> int | None:
    """"the training memorandum" after memoranda "on training customs personnel" and "on combating smuggling":
    the one whose name holds the word set before the noun."""
    before = _MODIFIERS_BEFORE.search(reading.text, max(0, m.start - 40), m.start)
    if before is None:
        return None
    words = {w for w in before.group(1).split() if w not in _GENERIC}
    hits = [i for i, r in enumerate(reading.instruments)
            if r.kind == m.kind and _same_time(r, m) and words & name_words(r.name)]
    return hits[-1] if len(hits) == 1 else None


def singular(name: str) -> str:
    out = []
    for w in name.split():
        low = w.lower()
        if low in _SINGULAR:
            w = _SINGULAR[low]
        elif low.endswith("s") and low.rstrip("s") in _S_PLURALS:
            w = w[:-1]
        out.append(w)
    return " ".join(w for w in out if w.lower() not in drop_words())


def _latest(recs: list[Instrument], m: Mention, kind: str | None) -> int | None:
    """The instrument named last (of a kind), of the mention's time."""
    fits = [i for i, r in enumerate(recs) if _same_time(r, m)]
    return next((i for i in reversed(fits) if kind is None or recs[i].kind == kind), fits[-1] if fits else None)


def _only_with(name: str, noun: str) -> bool:
    """"the agreement with Ukraine": a reference by partner, not a new designation."""
    return bool(re.fullmatch(rf"(?i)(?:\S+\s+)*?{re.escape(noun)}\s+with\s+.*", name))


_SPECIFIC_KINDS = frozenset(("protocol", "memorandum"))
_OWN_CONTENT = re.compile(r"\s+(?:widening|extending|expanding|amending|updating|on|concerning|regarding|"
                          r"covering|"
                          # "the memorandum of understanding concluded in 2024 by …": a signing of its own
                          r"(?:signed|concluded|inked|agreed)\s+(?:in|on|last|earlier|by)\b)\s")


def _match(recs: list[Instrument], m: Mention, name: str, generic: bool, threshold: float = 0.7) -> int | None:
    """An instrument already named, of the mention's kind and time, that a mention refers to: the latest
    for a bare noun, else the best by shared words or abbreviation."""
    same = [i for i, r in enumerate(recs) if r.kind == m.kind and _same_time(r, m)]
    if generic:
        if same:
            return same[-1]
        # "the arrangement" after a protocol: the instrument just named, whatever its noun (but "the protocol
        # widening the list of goods covered by the free trade agreement" is a protocol of its own)
        if m.kind in _SPECIFIC_KINDS and _OWN_CONTENT.match(m.sent.text, m.ne - m.sent.start):
            return None
        return len(recs) - 1 if recs and _same_time(recs[-1], m) else None
    for i in same:
        if recs[i].aliases and (name in recs[i].aliases or any(_has_word(name, a) for a in recs[i].aliases)):
            return i
    words = name_words(name)
    best, best_score = None, 0.0
    for i in same:
        other = name_words(recs[i].name)
        if not words or not other:
            continue
        overlap = len(words & other) / min(len(words), len(other))
        if recs[i].generic and _other_modifiers(name, recs[i].name):
            continue  # "the partial scope agreement" is no "free trade agreement" named before
        if recs[i].generic or overlap > best_score:
            score = 0.7 if recs[i].generic else overlap
            if score > best_score:
                best, best_score = i, score
    return best if best_score >= threshold else None


def _other_modifiers(name: str, other: str) -> bool:
    """Both names qualify their noun with common nouns before it, none in common ("partial scope" against "free
    trade"); names of countries, abbreviations and general words ("the bilateral agreement") do not count."""
    own, theirs = _pre_modifiers(name) - _GENERIC, _pre_modifiers(other)
    return bool(own) and bool(theirs) and not own & theirs


def _pre_modifiers(name: str) -> set[str]:
    head = nouns()[0].pattern.search(name)  # "free trade agreement" is a noun of the lexicon: its head is the last
    end = head.start() + head.group().rfind(" ") + 1 if head else 0
    return {w for w in re.findall(r"\b[a-z][a-z-]+\b", name[:end]) if not _ORDINAL.fullmatch(w)}


_ORDINAL = re.compile(r"first|second|third|[a-z]+th|latest|new|last|next|previous|earlier|current|existing|original")


def _has_word(name: str, word: str) -> bool:
    return word in name and re.search(rf"\b{re.escape(word)}\b", name) is not None


def _same_name(reading: Reading, m: Mention) -> int | None:
    """"a protocol amending X" said twice (caption and text) is one protocol; "a separate EPA" is not "the EPA"."""
    words = name_words(m.name)
    return next((i for i in reading.named_as.get((m.kind, words), [])
                 if name_words(reading.instruments[i].name) == words), None)


def _same_time(inst: Instrument, m: Mention) -> bool:
    """"the original agreement" is not the one just updated; "the modernized agreement" not the original."""
    return not (m.older and not inst.older) and not (m.newer and inst.older)


def _context(reading: Reading, i: int) -> str:
    """An instrument's name and the sentence that first names it: what a later reference may repeat."""
    inst = reading.instruments[i]
    sent = reading.sentence_at(min(inst.mentions)[0]) if inst.mentions else None
    return f"{inst.name} {sent.text if sent else ''}"


def _distinct(name: str, other: str, noun: str) -> set[str]:
    """Words that tell a designation from another ("political" in "the political agreement")."""
    return {w for w in name_words(name) - name_words(other) - name_words(noun) - _GENERIC if not _DURATION.fullmatch(w)}


def merge_generic(reading: Reading) -> None:
    """A bare "the protocol" / "a protocol" beside a named protocol of the article is that protocol; a description
    set beside a name ("the country's oldest trade pact, the X-Y trade agreement,") is the named one."""
    recs = reading.instruments
    target: dict[int, int] = {}
    for i, rec in enumerate(recs):
        if not rec.generic or rec.parties_hint or rec.distinct:
            continue
        # … not a named one that qualifies its noun otherwise ("the partial scope agreement" beside an FTA)
        named = [j for j, r in enumerate(recs) if j != i and r.kind == rec.kind and j not in target
                 and (not r.generic or j < i) and r.older == rec.older
                 and not _other_modifiers(r.name, rec.name) and not _partner_apart(reading, rec, r)]
        if named:
            target[i] = named[0]
    for i, rec in enumerate(recs):
        if i in target:
            continue
        apposed = next((j for j, r in enumerate(recs) if j != i and j not in target and r.kind == rec.kind
                        and not (rec.counted and r.counted)  # items of one list, not a name and its description
                        and any(_APPOSED.fullmatch(reading.text, e, s2) for _s, e in rec.mentions
                                for s2, _e2 in r.mentions)), None)
        if apposed is not None and not rec.named:
            target[i] = apposed
    if not target:
        return
    for i, j in target.items():
        recs[j].mentions.extend(recs[i].mentions)
        recs[j].aliases.extend(recs[i].aliases)
    keep = [i for i in range(len(recs)) if i not in target]
    renumber = {old: new for new, old in enumerate(keep)}
    for key, mentions in reading.by_sentence.items():
        reading.by_sentence[key] = [(s, e, renumber[target.get(i, i)]) for s, e, i in mentions]
    recs[:] = [recs[i] for i in keep]


_APPOSED = re.compile(r"\s*,\s+(?:the\s+)?")
_AMENDING = re.compile(r"amend|amendments?\s+to|revis|replac|upgrad")
_PROTOCOL_TO = re.compile(r"\bprotocol\s+to\s+(?:the|their|its)?\s*(?:(?:19|20)\d\d\s+)?$")
# "a protocol [on Monday] [to] amend / update / upgrade [their] [2006] X agreement".
_AMENDS_NEXT = re.compile(r"(?:\s+(?:on|in)\s+[\w ]{2,30}?)?,?\s+(?:to\s+)?(?:amend(?:s|ing)?|updat(?:e|es|ing)|"
                          r"upgrad(?:e|es|ing)|revis(?:e|es|ing)|moderni[sz](?:e|es|ing))\s+(?:(?:the|their|its)\s+)?"
                          r"(?:(?:19|20)\d\d\s+)?")


def nesting(reading: Reading) -> None:
    """An instrument named inside another's name ("a protocol amending the X agreement") is amended by
    it, and so is one named just after an amending verb ("a protocol on Monday to update their FTA")."""
    recs = reading.instruments
    for mentions in reading.by_sentence.values():
        for s1, e1, i in mentions:
            for s2, e2, j in mentions:
                if i == j or (s1, e1) == (s2, e2):
                    continue
                # The inner name starts inside the outer one; it may run on past where the outer was cut.
                if s1 <= s2 < e1 and not (s1 == s2 and e2 > e1):
                    recs[j].nested_in = i
                    between = reading.text[s1:s2].lower()
                    # "a protocol to the 2021 memorandum": a protocol to a text amends it
                    if _AMENDING.search(between) or (recs[i].kind == "protocol" and _PROTOCOL_TO.search(between)):
                        recs[i].amends = j
                elif e1 <= s2 and recs[i].amends is None and _AMENDS_NEXT.fullmatch(reading.text, e1, s2):
                    recs[i].amends = j
                elif e1 <= s2 and recs[j].amends is None and recs[j].kind == "protocol" \
                        and _AMENDED_THROUGH.fullmatch(reading.text, e1, s2):
                    recs[j].amends = i  # "the Treaty of Transit had been amended in between, through a protocol"


# … "the scope of the 2026 Agreement was widened by a protocol signed in New Delhi"
_AMENDED_THROUGH = re.compile(r"\s+(?:\w+\s+){0,3}?(?:had|has|have|was|were)\s+(?:been\s+)?(?:amended|revised|updated|"
                              r"upgraded|widened|extended|expanded|broadened)\b[^.;]{0,40}?\b(?:through|by|with|under)\s+"
                              r"(?:a|an|the|its|their)\s+"
                              r"(?:[\w-]+\s+){0,3}?")
_YEAR_BEFORE = re.compile(r"(?i)\b(?:the|a|an|its|their)\s+(?P<year>(?:19|20)\d\d)\s+$")


def year_before(reading: Reading) -> None:
    """"the 2002 transit agreement": the year it was signed."""
    for rec in reading.instruments:
        if rec.signed:
            continue
        for start, _ in rec.mentions:
            m = _YEAR_BEFORE.search(reading.text, max(0, start - 20), start)
            if m:
                rec.signed = m.group("year")
                break
