"""The verbs that report speech ("…, the ministry said."), shared by the stages that read who speaks."""

from __future__ import annotations

# One list for agencies and officials alike: a new verb should not make one stage see a speaker the other misses.
SPEECH_VERBS = ("said", "says", "told", "added", "noted", "explained", "stressed", "warned", "announced", "reported",
                "reports", "stated")
SAID = "(?:" + "|".join(SPEECH_VERBS) + ")"
