"""The place of signing: a city after "in", the city of a dated sentence, the dateline city."""

from __future__ import annotations

import re

from kb.extract import gazetteer
from kb.extract.agreements.lexicon import not_names, place_words, region_nouns
from kb.extract.agreements.model import Reading
from kb.extract.context import ArticleContext, Sentence

# "in Lima", "in the Turkish city of Izmir", "in Rio de Janeiro", "in St. Petersburg"; "during the visit to Hanoi"
# after them.
_PLACE_AFTER_IN = re.compile(r"\b(?P<prep>in|at|visit\s+to)\s+"
                             r"(?:the\s+(?:[A-Z][\w-]+\s+|[a-z][\w-]+\s+)?(?:city|capital|town|port|resort|village)\s+of\s+)?(?P<place>(?:St\.\s*|Ste\.\s*)?[A-Z][\w'’-]+(?:\s+(?:(?:de|da|do|del|dos|es|el|al)\s+)?"
                             r"[A-Z][\w'’-]+)?)")
_PARTICLE_CITY = re.compile(r"[A-Z][a-z'’-]+\s+(?:de|da|do|del|dos|es|el|al)\s+[A-Z][a-z'’-]+")
# "speaking in Beijing", "talks in Washington": where someone spoke or met, not where a text was signed.
# (a named event's "Ministerial Meeting in Geneva" is where the signing took place)
_NOT_SIGNING_PLACE = re.compile(r"(?i)\b(?:speaking|spoke|said|says|told\s+\w+|talks|(?-i:meeting)|based|"
                                r"headquartered|born|visit|visiting|trip)\s+$")
# A headline-like sentence: five capitalised words in a row after its first.
_TITLE_CASE = re.compile(r"\s(?:[A-Z][\w'’-]*\s+){4}[A-Z]")
_DATELINE = re.compile(r"^\s*(?P<place>[A-Z][A-Z]+(?:[ -][A-Z]+)*)(?:,\s*[A-Z][\w.]*)?\s*(?:[.:,–—-]|\()")


def place_in(ctx: ArticleContext, sent: Sentence, lo: int | None = None, hi: int | None = None,
             after: int | None = None, meeting: bool = False) -> str | None:
    """The city a sentence (or its part from `lo` to `hi`) names after "in": the first one after `after`
    (a cue), else the first one. With `meeting`, where talks were held counts too."""
    lo = sent.start if lo is None else lo
    hi = sent.end if hi is None else hi
    found = [(m.group("prep") != "in", m.start(), city) for m in _PLACE_AFTER_IN.finditer(ctx.text, lo, hi)
             if meeting or not _NOT_SIGNING_PLACE.search(ctx.text, max(lo, m.start() - 30), m.start())
             for city in [_candidate(ctx, sent, m)] if city]
    if not found:
        return None
    later = sorted(f for f in found if after is not None and f[1] >= after)
    # "…, signed in Quito in March 2024, replaces the agreement the two countries signed in 1998": a place
    # another signing before the cue names is that signing's
    earlier = sorted(f for f in found if after is None or f[1] >= after
                     or not _OTHER_SIGNING.search(ctx.text, max(lo, f[1] - 30), f[1]))
    return (later or earlier or [(0, 0, None)])[0][2]


_TITLE_NOUN_AFTER = re.compile(r"\s+(?:Agreement|Treaty|Convention|Protocol|Accord|Pact|Arrangement|Memorandum)\b")
_OTHER_SIGNING = re.compile(r"\b(?:signed|inked|concluded)\s+(?:\w+\s+){0,3}$")


def _candidate(ctx: ArticleContext, sent: Sentence, m: re.Match[str]) -> str | None:
    place = m.group("place")
    if place.split()[-1] in region_nouns() or _TITLE_NOUN_AFTER.match(ctx.text, m.end("place")) \
            or _TITLE_NOUN_AFTER.search(" " + place):
        return None  # … nor "Traffic in Transit Agreement": a word of an instrument's title
    after_of = re.search(r"\bof\s+$", m.group()[: m.start("place") - m.start()])
    if (after_of or _PARTICLE_CITY.fullmatch(place)) and not gazetteer.country_forms().get(place):
        return place
    return _city(ctx, sent, place)


_CITY_PREFIX = re.compile(r"(?:St\.?|Saint|San|Santa|Santo|Sao|São|New|Port|Porto|Puerto|Kuala|Phnom|Abu|Addis|"
                          r"Dar|Ho|Nur|Bandar|Sri|Kota|Cape|Le|La|Los|Las|El|Al|Buenos|Rio|Hong|Tel|Mexico|Panama|"
                          r"Guatemala|Kuwait|Djibouti|Singapore)\s+[A-Z][\w'’-]+$")


def _city(ctx: ArticleContext, sent: Sentence, place: str) -> str | None:
    """The place itself or its first word, when it is a city."""
    city_states, not_cities = place_words()
    forms = gazetteer.country_forms()
    if _CITY_PREFIX.match(place) and place not in forms:
        return place  # "St Petersburg", "Kuala Lumpur", "Port Louis"
    for candidate in (place, place.split()[0]):
        if candidate in not_cities or candidate.rstrip("'’s") in not_cities:
            continue
        form = forms.get(candidate)
        if candidate in city_states or (form is not None and form.form == "capital"):
            return candidate
        if form is not None:
            continue
        # (an unknown word is a city only standing alone: "in Fresh Agricultural Produce" is a text's subject)
        if candidate in gazetteer.capitals() or (candidate == place and _looks_like_city(ctx, sent, candidate)):
            return candidate
    return None


def _looks_like_city(ctx: ArticleContext, sent: Sentence, word: str) -> bool:
    """An unknown capitalised word after "in": a city unless it names an organisation or a person, is
    written in lower case elsewhere (a common noun), or stands in a title-case headline."""
    if " " in word or not re.fullmatch(r"[A-Z][a-z'’-]+", word) or word in not_names():
        return False
    if _TITLE_CASE.search(sent.text) or re.search(rf"\b{word.lower()}\b", ctx.text):
        return False
    return not any(word in a.name.split() for a in ctx.agencies) and not any(
        word in o.name.split() for o in ctx.officials)


def place_by_date(reading: Reading, value: str) -> str | None:
    """The place of the first sentence that names one and carries the date of signature."""
    if reading.places is None:  # the place each sentence names, found once
        reading.places = [(sent, place_in(reading.ctx, sent)) for sent in reading.ctx.sentences]
    for sent, place in reading.places:
        dates = reading.dates.of(sent)
        if not place or not any(d.value == value for d in dates):
            continue
        if len({d.value for d in dates}) == 1:
            return place
        # "…, signed in Quito in March 2024, replaces the agreement signed in 1998": with two dates, the place
        # must be told beside this one
        own = next(d for d in dates if d.value == value)
        near = place_in(reading.ctx, sent, max(sent.start, own.start - 40), min(sent.end, own.end + 40))
        if near:
            return near
    return None


def dateline_place(ctx: ArticleContext, signed: str) -> str | None:
    """The dateline city ("LIMA –"), for an instrument signed in the days before publication."""
    if not ctx.published or len(signed) < 10 or signed[:7] != ctx.published[:7]:
        return None
    m = _DATELINE.match(ctx.text)
    if not m:
        return None
    place = m.group("place").title()
    if place.upper() == place:
        return None
    form = gazetteer.country_forms().get(place)
    if form is None and len(place) <= 4 and place not in place_words()[0]:
        return None  # "VCN -", "AKP –": an outlet's initials, not a city the gazetteer would know
    return place if form is None or form.form == "capital" or place in place_words()[0] else None
