"""Texts a list names by topic alone: "signed six memoranda of understanding … They cover: halal
certification; mutual recognition of AEO programmes; …" — one instrument per item, named after the
plural's kind and the item ("Memorandum of understanding on halal certification"), signed where and
when the plural was.
"""

from __future__ import annotations

import re

from kb.extract.agreements.lexicon import nouns
from kb.extract.agreements.model import Instrument, Reading
from kb.extract.agreements.resolve import singular
from kb.extract.context import Sentence

_MAX_ITEMS = 12
_ITEM_CHARS = 250
_LIST_MARK = re.compile(r"^\s*(?:[-–—•*·▪●]|\(?\d{1,2}[.)]|\(?[a-h][.)])\s*")
_ITEM_END = re.compile(r"[;,.]\s*(?:and|or)?\s*$")


def topic_items(reading: Reading) -> dict[int, int]:
    """Instruments for the items of a colon list that follows a plural naming no instrument (added to the
    reading); the item sentences' starts → the colon sentence's index, for the frames to date them."""
    ctx = reading.ctx
    out: dict[int, int] = {}
    for n, sent in enumerate(ctx.sentences):
        if not sent.text.rstrip().endswith(":"):
            continue
        kind = _plural_kind(reading, ctx.sentences[max(0, n - 2):n + 1])
        if kind is None:
            continue
        for item in _items(reading, ctx.sentences[n + 1:n + 1 + _MAX_ITEMS]):
            topic = _LIST_MARK.sub("", item.text).strip().rstrip(";,. ")
            topic = re.sub(r"\s+(?:and|or)$", "", topic)
            inst = Instrument(kind[0], f"{kind[1]} on {topic}", False)
            inst.mentions.append((item.start, item.end))
            index = reading.add(inst)
            reading.by_sentence.setdefault(item.start, []).append((item.start, item.end, index))
            out[item.start] = n
    return out


def _plural_kind(reading: Reading, sentences: list[Sentence]) -> tuple[str, str] | None:
    """(kind, singular name) of the latest plural naming no instrument in these sentences ("six memoranda")."""
    _pattern, spec = nouns()
    found: list[tuple[str, str]] = []
    for sent in sentences:
        for start, end in reading.collective.get(sent.start, []):
            surface = reading.text[start:end]
            info = spec.get(surface) or spec.get(surface.lower())
            if info and info.get("kind") and not info.get("anaphor"):
                found.append((info["kind"], surface))
    if not found:
        return None
    kind, surface = max(found, key=lambda f: len(f[1]))  # "memoranda of understanding" over "the memoranda"
    one = singular(surface)
    return kind, one[:1].upper() + one[1:]


def _items(reading: Reading, following: list[Sentence]) -> list[Sentence]:
    """The short lines right after the colon, each a topic (no instrument of its own), up to the one that ends
    with a period."""
    out: list[Sentence] = []
    for sent in following:
        text = sent.text.strip()
        if not text or len(text) > _ITEM_CHARS or sent.start in reading.by_sentence or (not text[0].isalpha() \
                and not _LIST_MARK.match(text)):
            break
        if not _ITEM_END.search(text) and out:
            break
        out.append(sent)
        if text.endswith("."):
            break
    return out if len(out) >= 2 else []
