"""Find known phrases (country forms, gazetteer names) in a text by dictionary lookup.

One huge regex alternation over every phrase is slow to build and slow to run:
the engine tries the alternation at every position. Here a phrase can only start
where a word starts, so the text's words are visited once and each is looked up
by its leading run of word characters in a dict of candidate phrases, longest
first. Matching is case-sensitive and left to right without overlaps, like
`re.finditer` over `(?<![\\w.])(?:phrase|…)(?!\\w)` with the longest phrase first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_LEAD = re.compile(r"\w+")


class PhraseMatcher:
    """Case-sensitive matcher of a fixed set of phrases that start with a word character.

    A phrase matches where the character before it is not in `not_before` (by
    default a word character or a period, so "S." in "U.S." starts nothing) and
    the character after it is not in `not_after` (a regex character class body).
    """

    def __init__(self, phrases: Iterable[str], *, not_before: str = r"\w.", not_after: str = r"\w") -> None:
        index: dict[str, list[str]] = {}
        for phrase in set(phrases):
            lead = _LEAD.match(phrase)
            if lead is None:
                raise ValueError(f"phrase does not start with a word character: {phrase!r}")
            index.setdefault(lead.group(), []).append(phrase)
        for forms in index.values():
            forms.sort(key=len, reverse=True)
        self._index = index
        # A word start that a phrase may begin at: only words whose first character opens some
        # phrase are visited (capitalised words, for names), which skips most of a text.
        firsts = "".join(sorted({re.escape(lead[0]) for lead in index}))
        self._starts = re.compile(rf"(?<![{not_before}])[{firsts or 'a-z'}]\w*") if index else None
        self._after = re.compile(rf"[{not_after}]")

    def __bool__(self) -> bool:
        return bool(self._index)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[tuple[int, int, str]]:
        """(start, end, phrase) of each match, left to right, without overlaps."""
        index, after = self._index, self._after
        if self._starts is None:
            return
        stop = len(text) if endpos is None else endpos
        resume = pos
        for word in self._starts.finditer(text, pos, stop):
            start = word.start()
            if start < resume:
                continue
            forms = index.get(word.group())
            if forms is None:
                continue
            for form in forms:
                end = start + len(form)
                if end <= stop and text.startswith(form, start) and not after.match(text, end, stop):
                    yield start, end, form
                    resume = end
                    break
