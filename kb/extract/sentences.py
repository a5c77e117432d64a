"""Split an article body into paragraphs and sentences, with offsets into the text.

A period ends a sentence unless it belongs to an abbreviation ("U.S.", "Mr.",
"Jan.", "No. 12.7") or an initial ("J. Smith"). Line breaks end
paragraphs, so a heading or a caption is its own sentence.
"""

from __future__ import annotations

import re
from functools import cache

from kb.extract import gazetteer
from kb.extract.context import Sentence

# Words that end with a period without ending the sentence.

_PARAGRAPH = re.compile(r"[^\n]+")
# A candidate end: terminal punctuation, optional closing quotes/brackets, then space.
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+)")
_NEXT_START = re.compile(r"\s+([\"'“‘(\[]?[A-Z0-9])")
_DATELINE = re.compile(r"[A-Z][A-Z '-]+")  # "LIMA. May 24 –" opens a paragraph, not a sentence
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)$")


@cache
def _abbreviations() -> frozenset[str]:
    """Words that end with a period without ending the sentence."""
    return frozenset(str(w) for w in (gazetteer.load("sentences") or {}).get("abbreviations", []))


def _is_abbreviation(before: str) -> bool:
    m = _WORD_BEFORE.search(before)
    if not m:
        return False
    written = m.group(1).rstrip(".")
    word = written.lower()
    if word in _abbreviations():
        return True
    if m.start() and before[m.start() - 1].isdigit():
        return False  # "$71.8m.", "5bn.": a figure's suffix ends the sentence
    # A single capital letter before the period is an initial ("R. Gil"); "U.S."-like dotted forms too.
    return (len(word) == 1 and written.isupper()) or bool(re.fullmatch(r"(?:[a-z]\.)+[a-z]", word))


_SCALE_THEN_UNIT = re.compile(r"\b(?:thousand|million|mln)\.\s(?:Tons|Tonnes|Tonne|Ton|Kg|Litres|Liters|Heads?)\b")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text`, each with its span and the index of its paragraph."""
    out: list[Sentence] = []
    for para_no, para in enumerate(_PARAGRAPH.finditer(text)):
        start, stop = para.start(), para.end()
        while start < stop and text[start].isspace():
            start += 1
        pos = start
        for m in _END.finditer(text, start, stop):
            if m.end() <= pos:
                continue
            if m.group().startswith(".") and len(m.group().rstrip("\"'”’)]")) == 1 \
                    and (_is_abbreviation(text[pos:m.start()]) or _DATELINE.fullmatch(text[pos:m.start()])):
                continue
            nxt = _NEXT_START.match(text, m.end(), stop)
            if not nxt or (m.group() == "." and _SCALE_THEN_UNIT.search(text, max(pos, m.start() - 12), m.end() + 8)):
                continue  # (nor "15.6 thousand. Tons": a translation's stray point between a scale and its unit)
            out.append(Sentence(pos, m.end(), text[pos:m.end()], para_no))
            pos = nxt.start(1)
        end = stop
        while end > pos and text[end - 1].isspace():
            end -= 1
        if end > pos:
            out.append(Sentence(pos, end, text[pos:end], para_no))
    return out
