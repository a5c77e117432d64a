"""Sentences of a story's partners that carry no trade word: the story's trade, told partner by partner.

A story of one country's exports goes on "Poland rose 12 per cent to 21,400 tonnes" or "Canada: down 19% to
2,115 tonnes": the partner is the subject and the figure its level, the trade and its goods the story's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.extract.commodities import Commodity
from kb.extract.context import CountryMention
from kb.extract.quantities import APPROX

# the verb of a change and its size, then the level reached: "rose 12 per cent to", "was down 3.1% by volume at",
# "fell by a fifth to"
_CHANGE_VERB = (r"(?:rose|fell|grew|increased|decreased|declined|dropped|climbed|jumped|slipped|surged|soared|"
                r"plunged|slumped|tumbled|gained|eased|edged\s+(?:up|down|higher|lower)|(?:was|were|is|are)\s+"
                r"(?:up|down|higher|lower))")
_CHANGED_TO = _CHANGE_VERB + r"(?:\s+(?:by\s+)?(?:[^,;:()]|\([^()]{0,30}\)){1,50}?)?,?\s+(?:to|at)"

CHANGED_TO = re.compile(r",?\s+(?:(?:also|then|meanwhile)\s+)?" + _CHANGED_TO + r"\s+" + APPROX, re.I)


# The verb that gives a level, and the words up to its figure: "reached", "totalled", "came in at", "rose 21% to",
# "remained the bulk of the trade at"
_LEVEL = re.compile(r"(?:\s*\([^()]{0,30}\))?,?\s+(?:(?:also|alone|together)\s+)?"
                    r"(?:reached|totall?ed|amounted\s+to|came\s+(?:in\s+)?(?:to|at)|hit|topped|stood\s+at|"
                    r"(?:remained|was|were|stood|stayed)\s+(?:[\w'’-]+\s+){0,6}?at|"
                    + _CHANGED_TO + r")\s+" + APPROX + "$", re.I)
def may_tell_level(text: str) -> bool:
    """Whether a sentence without a trade word may still give goods a level: a figure and a verb of level."""
    return _DIGIT.search(text) is not None and _LEVEL_VERB.search(text) is not None


_DIGIT = re.compile(r"\d")
_LEVEL_VERB = re.compile(r"\b(?:reached|totall?ed|amounted|came|hit|topped|stood|remained|stayed|was|were|rose|fell|"
                        r"grew|increased|decreased|declined|dropped|climbed|jumped|slipped|surged|soared|plunged|"
                        r"slumped|tumbled|gained|eased|edged)\b", re.I)
# what may open the clause before its subject: "while", "and", "Meanwhile,", "In July,"
OPENING = re.compile(r"\W*(?:(?:while|whereas|and|but|meanwhile|also|however|in\s+(?:[A-Z][a-z]+|the\s+[\w\s]{1,30}?)"
                      r"|(?:19|20)\d\d),?\s+)*(?:the\s+)?", re.I)
_POSSESSIVE = re.compile(r"['’]s?\s+")
_ROUTE = re.compile(r"\s+(?P<prep>from|to|into|for)\s+(?:the\s+)?$", re.I)


@dataclass(frozen=True)
class GoodsSubject:
    """A clause whose subject is goods of a named origin or bound for a named place, and whose verb gives their
    level: "Indian shrimp reached 48,215 tonnes", "Pork to Chile totalled 9.2m pounds"."""

    goods_start: int
    goods_end: int
    exporter: str | None
    importer: str | None
    figure_at: int  # where the level figure starts


def goods_subject(text: str, clause: tuple[int, int], countries: list[CountryMention], terms: list[Commodity],
                  figures: list[int]) -> GoodsSubject | None:
    """The goods subject of a clause without a trade word, and the level figure its verb gives, if any."""
    opening = OPENING.match(text, clause[0], clause[1])
    pos = opening.end() if opening else clause[0]
    exporter = None
    origin = next((c for c in countries if c.start == pos and c.form in ("name", "adjective")), None)
    if origin is not None:
        after = _POSSESSIVE.match(text, origin.end) if origin.form == "name" else None
        pos = after.end() if after else origin.end
        pos = pos + len(text[pos:]) - len(text[pos:].lstrip())
        # "Canada fell 19%": a partner as subject, read with the story's trade elsewhere; "US pork" names goods
        if origin.form == "name" and after is None and not any(t.start == pos for t in terms):
            return None
        exporter = origin.code
    term = next((t for t in terms if pos <= t.start <= pos + 30 and clause[0] <= t.start < clause[1]), None)
    if term is None or not re.fullmatch(r"(?:[a-z-]+\s+){0,3}", text[pos:term.start]):
        return None  # the goods must be the subject: "white shrimp", "frozen pork"
    end = term.end
    importer = None
    place = next((c for c in countries if c.start > end and c.form == "name"
                  and _ROUTE.fullmatch(text, end, c.start)), None)
    if place is not None:
        prep = _ROUTE.fullmatch(text, end, place.start)["prep"].lower()
        if prep == "from":
            if exporter is not None:
                return None
            exporter = place.code
        else:
            importer = place.code
        end = place.end
    if exporter is None and importer is None:
        return None
    at = next((f for f in figures if end < f < clause[1]), None)
    if at is None or not _LEVEL.fullmatch(text, end, at):
        return None
    return GoodsSubject(term.start, term.end, exporter, importer, at)
