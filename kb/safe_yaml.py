"""YAML from files kb did not write: safe tags only, and no aliases.

An alias (`*name`) repeats a node; nested aliases repeat it exponentially (a
7 KB "billion laughs" file expands to gigabytes once validated, printed or
stored). Facts files and front matter have no use for them, so a document
that holds one is refused before anything is built from it. Dates stay text:
the caller validates them, so an impossible `2023-02-30` is a message about
that field rather than an exception from the YAML library.
"""

from __future__ import annotations

from typing import Any

import yaml


class AliasRefused(yaml.YAMLError):
    """The document repeats a node through an alias."""

    def __init__(self, line: int) -> None:
        super().__init__(f"YAML aliases (*name) are not allowed: the node at line {line} is repeated")
        self.line = line


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The C loader when libyaml is there; timestamps are kept as the text written."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def load(text: str) -> Any:
    """The one YAML document in `text`, built only if no node is reached twice (an alias)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _refuse_aliases(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _refuse_aliases(root: yaml.Node) -> None:
    """An alias makes the composer hand back the anchored node again: a node seen twice is one."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise AliasRefused(node.start_mark.line + 1)
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
