"""kb — a knowledge base of international trade and customs cooperation, built from news articles.

From Python (docs/python.md):

    import kb
    db = kb.open("sqlite:///kb.db")
    db.load(["seed/"])
    for agreement in db.agreements(country="KR"):
        print(agreement.signed, agreement.name)

`import kb` loads nothing else: the database stack comes with `kb.open`, the records on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from kb.api import KnowledgeBase
    from kb.errors import KbError
    from kb.records import Agency, Agreement, Article, Flow, Hit, Official

__all__ = ["Agency", "Agreement", "Article", "Flow", "Hit", "KbError", "KnowledgeBase", "Official", "open"]

_LAZY = {"KnowledgeBase": "kb.api", "KbError": "kb.errors", "Agency": "kb.records", "Agreement": "kb.records",
         "Article": "kb.records", "Flow": "kb.records", "Hit": "kb.records", "Official": "kb.records"}


def open(url: str | None = None) -> KnowledgeBase:  # shadows the builtin here only, as dbm.open does
    """The kb database at `url` (default: $KB_DATABASE_URL, else sqlite:///kb.db), created and migrated if
    it is new. Raises kb.KbError with a one-line message when it cannot be opened."""
    from kb.api import KnowledgeBase

    return KnowledgeBase(url)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kb' has no attribute {name!r}")
