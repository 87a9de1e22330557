"""Standard-library modules SQLAlchemy imports but the window never uses, loaded on first use.

``import sqlalchemy`` imports ``asyncio`` (for ``sqlalchemy.ext.asyncio``, through greenlet)
and ``importlib.metadata`` (for dialects and plugins named by entry points; the SQLite and
PostgreSQL dialects are found by name without them): ~50 ms of the window's start before the
first view has its data, ~20 ms of every command (docs/design.md §6). Both install
placeholders for them that import the real module the first time any of its names is used,
so nothing can tell the difference but the clock. greenlet is kept out of the process:
SQLAlchemy uses it for its asyncio extension only, which the program does not use.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types
from typing import Any

DEFERRED = ("asyncio", "importlib.metadata")
_lock = threading.RLock()


class DeferredModule(types.ModuleType):
    """Stands in ``sys.modules`` for a module until one of its names is asked for.

    ``import name`` finds it there and asks for nothing but ``__spec__``, which it has; any
    other name imports the real module, copies its namespace here (so references taken
    before stay valid) and answers from it.
    """

    def __getattr__(self, attr: str) -> Any:  # only for names not (yet) in the namespace
        return getattr(self._load(), attr)

    def _load(self) -> types.ModuleType:
        name = self.__name__
        with _lock:
            if sys.modules.get(name) is self:
                del sys.modules[name]
                try:
                    real = importlib.import_module(name)
                except BaseException:
                    sys.modules[name] = self
                    raise
                vars(self).update(vars(real))
                parent, _, child = name.rpartition(".")
                if parent:
                    setattr(sys.modules[parent], child, real)
            return sys.modules[name]


def defer(name: str) -> None:
    """Put a placeholder for ``name`` in ``sys.modules`` unless it is already imported."""
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None:
        return
    module = DeferredModule(name)
    module.__spec__ = spec
    module.__loader__ = spec.loader
    module.__file__ = spec.origin
    if spec.submodule_search_locations is not None:
        module.__path__ = list(spec.submodule_search_locations)
    sys.modules[name] = module
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)


def defer_unused_stdlib() -> None:
    """For the window's or a command's process, before SQLAlchemy is imported."""
    if "sqlalchemy" in sys.modules:
        return  # too late to matter, and the real modules may already be in use
    sys.modules.setdefault("greenlet", None)  # type: ignore[arg-type]  # SQLAlchemy's asyncio only
    for name in DEFERRED:
        defer(name)
