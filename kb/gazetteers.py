"""Reading the gazetteers, kb's data files (`kb/extract/data/*.yaml`): once per process, for every layer.

The extractor finds countries and agencies with them; the read side (a
country typed into `kb query`, a country's name in an agency's name when
records are matched) needs the same country names. So the loader sits at the
bottom, beside `kb.normalize`: importing it loads no extractor and no database.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent / "extract" / "data"

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load(name: str) -> Any:
    """The parsed content of `data/<name>.yaml`, or None when the file is absent."""
    path = DATA / f"{name}.yaml"
    if not path.exists():
        return None
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


@cache
def countries() -> dict[str, dict]:
    """ISO code → its entry of countries.yaml (names, adjectives, capitals), never None."""
    return {str(code): entry or {} for code, entry in (load("countries") or {}).items()}
