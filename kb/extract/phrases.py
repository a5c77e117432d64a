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
        self._not_after = not_after
        self._patterns: dict[str, re.Pattern[str]] = {}

    def __bool__(self) -> bool:
        return bool(self._index)

    def _at(self, lead: str) -> re.Pattern[str] | list[str]:
        """The phrases opened by `lead`: a list when few, else one pattern (compiled on first use)."""
        forms = self._index[lead]
        if len(forms) <= 4:
            return forms
        pattern = self._patterns.get(lead)
        if pattern is None:
            pattern = re.compile(rf"(?:{alternation(forms)})(?![{self._not_after}])")
            self._patterns[lead] = pattern
        return pattern

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
            lead = word.group()
            if lead not in index:
                continue
            forms = self._at(lead)
            if isinstance(forms, list):
                for form in forms:
                    end = start + len(form)
                    if end <= stop and text.startswith(form, start) and not after.match(text, end, stop):
                        yield start, end, form
                        resume = end
                        break
            else:
                m = forms.match(text, start, stop)
                if m is not None:
                    yield start, m.end(), m.group()
                    resume = m.end()


# Characters that a case-insensitive ASCII pattern matches although their lower case is not ASCII
# ("ſ" matches "s", the Kelvin sign "k", the Turkish dotted and dotless i "i"): text holding one
# is searched the slow way.
_ODD_CASE = re.compile("[\u017f\u212a\u0130\u0131]")


class Caseless:
    """A case-insensitive pattern, searched fast: a case-sensitive scan of the lower-cased text
    finds where the first match can start, and the real pattern runs only from there.

    `lowered` must match, in lower-cased text, wherever `pattern` matches in the text (the same
    phrases in lower case with the same boundaries); it only serves to skip text.
    """

    def __init__(self, pattern: re.Pattern[str], lowered: re.Pattern[str]) -> None:
        self.pattern, self._lowered = pattern, lowered

    def _first(self, text: str, pos: int, low: str | None) -> int | None:
        low = text.lower() if low is None else low
        if len(low) != len(text) or _ODD_CASE.search(text):
            return pos
        m = self._lowered.search(low, pos)
        return m.start() if m else None

    def finditer(self, text: str, pos: int = 0, *, low: str | None = None) -> Iterator[re.Match[str]]:
        """Matches of the pattern; `low` is `text.lower()` when the caller has it already."""
        first = self._first(text, pos, low)
        return iter(()) if first is None else self.pattern.finditer(text, first)

    def search(self, text: str, pos: int = 0, *, low: str | None = None) -> re.Match[str] | None:
        first = self._first(text, pos, low)
        return None if first is None else self.pattern.search(text, first)


def alternation(phrases: Iterable[str], *, lower: bool = False) -> str:
    """A regex alternation of literal phrases, longest first (so the longest phrase wins)."""
    words = {p.lower() if lower else p for p in phrases}
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
