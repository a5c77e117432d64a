"""The phrase matcher and the case-insensitive prefilter give what the plain regexes give."""

from __future__ import annotations

import re

import pytest

from kb.extract.phrases import Caseless, PhraseMatcher, alternation

PHRASES = ["Korea", "South Korea", "South Korean", "U.S.", "Côte d'Ivoire", "Republic of Korea",
           "Republic of Chile", "Guinea", "Guinea-Bissau", "Papua New Guinea", "the Gambia"]

TEXTS = [
    "South Korea and the U.S. met; South Korean firms and Korea's customs.",
    "Koreans in Guinea-Bissau, Guinea and Papua New Guinea; the Gambia.",
    "x.Korea U.S.A. US. Republic of Korea, Republic of Chile and Republic of Peru.",
    "Côte d'Ivoire exports; Côte d'Ivoirean; North Korea.",
    "",
]


def regex_matches(text: str) -> list[tuple[int, int, str]]:
    pattern = re.compile(rf"(?<![\w.])(?:{alternation(PHRASES)})(?!\w)")
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("text", TEXTS)
def test_phrase_matcher_equals_the_alternation(text: str) -> None:
    assert list(PhraseMatcher(PHRASES).finditer(text)) == regex_matches(text)


def test_phrase_matcher_with_other_boundaries() -> None:
    text = "GRA&Co, GRA. the GRA said; AGRA; GRA-X"
    pattern = re.compile(r"(?<![\w&])(?:GRA)(?![\w&])")
    expected = [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]
    assert list(PhraseMatcher(["GRA"], not_before=r"\w&", not_after=r"\w&").finditer(text)) == expected


@pytest.mark.parametrize("text", ["The MoU was SIGNED on Monday.", "No cue here.", "İstanbul signing ſigned",
                                  "They resigned; signature follows."])
def test_caseless_equals_the_ignorecase_pattern(text: str) -> None:
    words = ["signed", "signing", "signature", "sign"]
    plain = re.compile(rf"(?i)\b(?:{alternation(words)})\b")
    fast = Caseless(plain, re.compile(rf"\b(?:{alternation(words, lower=True)})\b"))
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_phrase_must_start_with_a_word_character() -> None:
    with pytest.raises(ValueError):
        PhraseMatcher(["(KCS)"])
