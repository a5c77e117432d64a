"""The layers stay apart: no import cycles, the extractor never reaches the database stack, and the read side
(resolution, queries) never reaches the extractor.

Imports are read from the source with `ast`, so nothing is imported to check them; an import inside a
function counts like any other (a lazy import still runs, only later). The parent package a module sits in
is not counted as an import of it: `kb.store.write` does not depend on `kb.store`'s re-exports.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATABASE_STACK = frozenset({"sqlalchemy", "alembic", "sqlmodel", "psycopg"})

Graph = Mapping[str, frozenset[str]]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(tree: ast.AST, modules: Iterable[str]) -> frozenset[str]:
    """The kb modules and the top-level outside packages a module's source imports."""
    known = set(modules)
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            # `from kb import models` imports the module kb.models; `from kb.store import T`, the package.
            names = [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in known else node.module
                     for a in node.names]
        else:
            continue
        for name in names:
            found.add(name if name.split(".")[0] == "kb" else name.split(".")[0])
    return frozenset(found)


def kb_graph() -> dict[str, frozenset[str]]:
    paths = [p for p in (ROOT / "kb").rglob("*.py") if "migrations" not in p.parts]
    modules = {module_name(p): p for p in paths}
    return {name: imports_of(ast.parse(path.read_text(encoding="utf-8")), modules)
            for name, path in modules.items()}


def reach(graph: Graph, start: str) -> set[str]:
    """Every module and package `start` imports, directly or through other kb modules."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        for name in graph.get(todo.pop(), frozenset()):
            if name not in seen:
                seen.add(name)
                todo.append(name)
    return seen


def cycles(graph: Graph) -> list[list[str]]:
    """One path per module that imports itself through others."""
    found = []
    for start in sorted(graph):
        path = _path_back(graph, start)
        if path:
            found.append(path)
    return found


def _path_back(graph: Graph, start: str) -> list[str] | None:
    parents: dict[str, str] = {}
    todo = [start]
    while todo:
        here = todo.pop()
        for name in sorted(graph.get(here, frozenset())):
            if name == start:
                path = [here]
                while path[-1] != start:
                    path.append(parents[path[-1]])
                return [start, *reversed(path[:-1]), start]
            if name in graph and name not in parents:
                parents[name] = here
                todo.append(name)
    return None


def in_layer(name: str, layer: str) -> bool:
    return name == layer or name.startswith(layer + ".")


def arrows_into(graph: Graph, sources: Iterable[str], forbidden: Iterable[str]) -> list[str]:
    """'a → b' for every module of `sources` that reaches a module or package of `forbidden`."""
    return [f"{src} → {name}" for src in sorted(graph) if any(in_layer(src, s) for s in sources)
            for name in sorted(reach(graph, src)) if any(in_layer(name, f) for f in forbidden)]


@pytest.fixture(scope="module")
def graph() -> dict[str, frozenset[str]]:
    return kb_graph()


def test_no_module_imports_itself_through_others(graph: Graph) -> None:
    found = cycles(graph)
    assert not found, "\n".join(" → ".join(path) for path in found)


def test_the_extractor_readers_and_facts_never_reach_the_database_stack(graph: Graph) -> None:
    """`kb extract` reads files and writes facts files: it needs no database."""
    low = ["kb.extract", "kb.readers", "kb.facts", "kb.kinds", "kb.gazetteers", "kb.countries"]
    found = arrows_into(graph, low, DATABASE_STACK)
    assert not found, "\n".join(found)


def test_the_read_side_and_the_store_never_reach_the_extractor(graph: Graph) -> None:
    """Resolution, queries and the store read gazetteers through kb.gazetteers, not through kb.extract."""
    read_side = ["kb.resolve", "kb.queries", "kb.search", "kb.store", "kb.curate", "kb.review", "kb.dossier",
                 "kb.export", "kb.countries", "kb.descriptors", "kb.names"]
    found = arrows_into(graph, read_side, ["kb.extract"])
    assert not found, "\n".join(found)


def test_the_registry_of_kinds_and_the_data_loaders_are_at_the_bottom(graph: Graph) -> None:
    for bottom in ("kb.kinds", "kb.gazetteers"):
        assert {m for m in reach(graph, bottom) if m.startswith("kb")} == set(), bottom


# The store's parts in order: each imports only parts listed before it (no arrow running back up).
STORE_ORDER = ["kb.store.tables", "kb.store.held", "kb.store.derive", "kb.store.fold", "kb.store.write",
               "kb.store.settle", "kb.store.article"]


def test_the_stores_parts_import_only_the_parts_below_them(graph: Graph) -> None:
    for i, part in enumerate(STORE_ORDER):
        above = {*STORE_ORDER[i + 1:], "kb.store"}
        assert graph[part] & above == set(), part
    assert set(STORE_ORDER) == {m for m in graph if m.startswith("kb.store.")}, "a new part of the store: place it"


# ---------------------------------------------------------------- the checks can fail

def test_a_cycle_and_an_arrow_up_are_found() -> None:
    planted = {"kb.a": frozenset({"kb.b"}), "kb.b": frozenset({"kb.c"}), "kb.c": frozenset({"kb.a", "sqlalchemy"}),
               "kb.d": frozenset()}
    assert cycles(planted)[0] == ["kb.a", "kb.b", "kb.c", "kb.a"]
    assert arrows_into(planted, ["kb.a"], DATABASE_STACK) == ["kb.a → sqlalchemy"]
    assert arrows_into(planted, ["kb.d"], DATABASE_STACK) == []


def test_imports_are_read_from_every_kind_of_import_statement() -> None:
    tree = ast.parse("import sqlalchemy.orm\nfrom kb import models\nfrom kb.store import T\n"
                     "def f():\n    from kb.extract.gazetteer import load\n")
    assert imports_of(tree, ["kb.models", "kb.store", "kb.extract.gazetteer"]) == {
        "sqlalchemy", "kb.models", "kb.store", "kb.extract.gazetteer"}
