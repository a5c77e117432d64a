"""No module binds one top-level name twice: a later pattern of the same name silently replaces the earlier one for
every use, the earlier rule then never runs (three regexes of the extractor did so unnoticed)."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "kb"


def _bound_twice(path: Path) -> list[str]:
    counts: Counter[str] = Counter()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign):
            counts.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            counts[node.target.id] += 1
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            counts[node.name] += 1
    return sorted(name for name, n in counts.items() if n > 1)


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_top_level_name_is_bound_twice(path: Path) -> None:
    assert _bound_twice(path) == []


def test_a_name_bound_twice_is_found(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text('import re\n_A = re.compile("a")\n_B = 1\n_A = re.compile("b")\n', encoding="utf-8")
    assert _bound_twice(module) == ["_A"]
