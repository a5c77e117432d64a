"""Typer's help formatter without the two rich modules kb never uses: 40 ms of `kb --help`.

Typer formats help and usage errors in `typer.rich_utils`, which imports at
its top `rich.markdown` (markdown-it; used for `rich_markup_mode="markdown"`)
and `rich.traceback` (pygments; used for pretty tracebacks). kb uses neither:
its markup mode is Typer's default "rich" and pretty exceptions are off. While
`typer.rich_utils` is imported, and only then, those two modules are stood in
for by modules whose classes import the real class when first called or read,
so the help looks the same and anything that does use them still works. Any
other import of them gets the real module.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import types
from collections.abc import Sequence
from typing import Any

FORMATTER = "typer.rich_utils"
DEFERRED = ("rich.markdown", "rich.traceback")


class _Later(type):
    """A stand-in class: calling it or reading one of its attributes imports the real class and hands over."""

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        return cls.real()(*args, **kwargs)

    def __getattr__(cls, name: str) -> Any:
        return getattr(cls.real(), name)


def _stand_in_module(module_name: str) -> types.ModuleType:
    module = types.ModuleType(module_name)

    def stand_in(name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)

        def real() -> Any:
            return getattr(importlib.import_module(module_name), name)

        return _Later(name, (), {"real": staticmethod(real), "__module__": module_name})

    module.__getattr__ = stand_in  # type: ignore[method-assign]
    return module


class _Loader(importlib.abc.Loader):
    """Runs the formatter's module with the stand-ins in sys.modules, then takes them out again."""

    def __init__(self, loader: importlib.abc.Loader) -> None:
        self.loader = loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        return self.loader.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        placed = {name: _stand_in_module(name) for name in DEFERRED if name not in sys.modules}
        sys.modules.update(placed)
        try:
            self.loader.exec_module(module)
        finally:
            for name, stand_in in placed.items():
                if sys.modules.get(name) is stand_in:
                    del sys.modules[name]

    def __getattr__(self, name: str) -> Any:  # get_source, get_code… of the real loader
        return getattr(self.loader, name)


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: types.ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != FORMATTER:
            return None
        sys.meta_path.remove(self)  # once is enough
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _Loader(spec.loader)
        return spec


def install() -> None:
    """Defer the two modules when Typer first formats help or an error (nothing happens until then)."""
    if FORMATTER not in sys.modules and not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
