"""Writing articles' facts into the shared rows, idempotently, in one transaction (or savepoint).

The parts, each importing only those listed before it:

- `tables`:  the tables and the statements every part runs, built once;
- `held`:    a load's claims, evidence, decisions and new rows, held and written once per table for a batch;
- `derive`:  entity rows re-derived from the claims of every article;
- `fold`:    two rows of a kind joined into one;
- `write`:   one article's claims and evidence, each record resolved to a row;
- `settle`:  descriptors and weakly joined names settled over the whole base;
- `article`: storing one article: all of the above, in order.
"""

from kb.store.article import (
    ArticleSource,
    Stored,
    facts_count,
    find_article,
    read_ahead,
    store_article,
    stored_hashes,
)
from kb.store.derive import best_values, rederive
from kb.store.fold import fold_row
from kb.store.tables import T, Touched
from kb.store.write import apply_facts, remove_contributions, restore_articles

__all__ = [
    "ArticleSource",
    "Stored",
    "T",
    "Touched",
    "apply_facts",
    "best_values",
    "facts_count",
    "find_article",
    "fold_row",
    "read_ahead",
    "rederive",
    "remove_contributions",
    "restore_articles",
    "store_article",
    "stored_hashes",
]
