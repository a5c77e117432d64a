"""The place of signing: a city after "in", the city of a dated sentence, the dateline city."""

from __future__ import annotations

import re

from kb.extract import gazetteer
from kb.extract.agreements.lexicon import not_names, place_words, region_nouns
from kb.extract.agreements.model import Reading
from kb.extract.context import ArticleContext, Sentence

_PLACE_AFTER_IN = re.compile(r"\bin\s+(?:the\s+(?:[A-Z][\w-]+\s+)?(?:city|capital|town|port|resort)\s+of\s+)?"
                             r"(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)")
_DATELINE = re.compile(r"^\s*(?P<place>[A-Z][A-Z]+(?:[ -][A-Z]+)*)(?:,\s*[A-Z][\w.]*)?\s*(?:[.:,–—-]|\()")


def place_in(ctx: ArticleContext, sent: Sentence) -> str | None:
    """The first city the sentence names after "in"."""
    for m in _PLACE_AFTER_IN.finditer(sent.text):
        place = m.group("place")
        if place.split()[-1] in region_nouns():
            continue
        after_of = re.search(r"\bof\s+$", m.group()[: m.start("place") - m.start()])
        if after_of and not gazetteer.country_forms().get(place):
            return place
        city = _city(ctx, place)
        if city:
            return city
    return None


def _city(ctx: ArticleContext, place: str) -> str | None:
    """The place itself or its first word, when it is a city."""
    city_states, not_cities = place_words()
    forms = gazetteer.country_forms()
    for candidate in (place, place.split()[0]):
        if candidate in not_cities or candidate.rstrip("'’s") in not_cities:
            continue
        form = forms.get(candidate)
        if candidate in city_states or (form is not None and form.form == "capital"):
            return candidate
        if form is not None:
            continue
        if candidate in gazetteer.capitals() or _looks_like_city(ctx, candidate):
            return candidate
    return None


def _looks_like_city(ctx: ArticleContext, word: str) -> bool:
    """An unknown capitalised word after "in": a city unless it names an organisation or a person."""
    if " " in word or not re.fullmatch(r"[A-Z][a-z'’-]+", word) or word in not_names():
        return False
    return not any(word in a.name.split() for a in ctx.agencies) and not any(
        word in o.name.split() for o in ctx.officials)


def place_by_date(reading: Reading, value: str) -> str | None:
    """The place of the first sentence that names one and carries the date of signature."""
    for sent in reading.ctx.sentences:
        place = place_in(reading.ctx, sent)
        if place and any(d.value == value for d in reading.dates.of(sent)):
            return place
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
    return place if form is None or form.form == "capital" or place in place_words()[0] else None
