"""Adverbs that narrow how much of a trade a statement covers, not who trades what.

"exported mainly to Pakistan", "were mostly shipped by sea", "…, chiefly frozen fish": the readers' patterns
allow one of these between their words. They take the words from here, so a synonym added once is read by
every pattern.
"""

from __future__ import annotations

MOSTLY_WORDS = ("mainly", "mostly", "largely", "chiefly", "primarily", "principally", "predominantly")
# a regex group of the words, for patterns built by concatenation
MOSTLY = "(?:" + "|".join(MOSTLY_WORDS) + ")"
