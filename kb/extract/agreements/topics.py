"""Texts a list names by topic alone: "signed six memoranda of understanding … They cover: halal
certification; mutual recognition of AEO programmes; …" — one instrument per item, named after the
plural's kind and the item ("Memorandum of understanding on halal certification"), signed where and
when the plural was. The list may run on in one sentence: "… inked four documents on Monday. The documents
cover visa exemption for diplomats, mutual assistance in customs matters and an MoU on fisheries."
"""

from __future__ import annotations

import re
from itertools import pairwise

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


# "The documents cover A, B and C", "The agreements concern …": a counted plural's texts, listed by topic in a sentence
_COVER = re.compile(r"\b(?:[Tt]he|[Tt]hese|[Tt]hose|[Tt]heir)\s+(?!other\b|remaining\b|rest\b)(?:\w+\s+)?"
                    r"(?:documents|agreements|instruments|texts|"
                    r"deals|accords|memoranda(?:\s+of\s+understanding)?|MoUs)\s+(?:cover|covered|concern|concerned|"
                    r"deal\s+with|dealt\s+with|relate\s+to|related\s+to|are\s+on|were\s+on|address|addressed)\s+"
                    r"(?P<items>[^.;:]{10,400})")
# a new item after "and" opens with an article: "…, a cultural exchange programme and an MoU on fisheries"
_LAST_AND = re.compile(r"\s+and\s+(?=(?:a|an|the)\s)")
_PLAN_HEAD = re.compile(r"\b(?:programmes?|programs?|plans?|road\s?maps?)\b", re.I)
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.I)
_FIELDS = re.compile(r"[\w-]+\s+and\s+[\w-]+")


def inline_topic_items(reading: Reading, n: int) -> None:
    """Instruments for the items of sentence `n` when it lists a counted plural's texts by topic (added to the
    reading, each marked `counted`: the signing the plural counted dates them, whatever their kind). Read in turn
    with the sentences, so that a later "the visa agreement" finds its item."""
    ctx = reading.ctx
    sent = ctx.sentences[n]
    m = _COVER.search(sent.text)
    if m is None or not any(reading.collective.get(s.start) for s in ctx.sentences[max(0, n - 2):n + 1]):
        return
    named = reading.by_sentence.get(sent.start, [])
    base = sent.start + m.start("items")
    parts = [(p.start(), p.end()) for p in re.finditer(r"[^,]+", m["items"])]
    if parts:
        last_start, last_end = parts.pop()
        cuts = [last_start, *(x.end() for x in _LAST_AND.finditer(m["items"], last_start, last_end)), last_end]
        parts += list(pairwise(cuts))
    for a, b in parts:
        text = re.sub(r"\s+and\s*$", "", m["items"][a:b]).strip()
        start = base + a + len(m["items"][a:b]) - len(m["items"][a:b].lstrip())
        end = start + len(text)
        own = [i for s, e, i in named if s < end and start < e]
        for i in own:  # an item that names its own instrument ("an MoU on fisheries") is read as one
            reading.instruments[i].counted = True
        if own or len(text.split()) < 3 or _FIELDS.fullmatch(text):
            continue  # "energy, health, education and culture": fields of cooperation, no text named
        topic = _ARTICLE.sub("", text)
        inst = (Instrument("plan", topic, False) if _PLAN_HEAD.search(topic)
                else Instrument("agreement", f"agreement on {topic}", False))
        inst.counted = True
        inst.mentions.append((start, end))
        index = reading.add(inst)
        reading.by_sentence.setdefault(sent.start, []).append((start, end, index))
