"""A package's names loaded at their first use (PEP 562): what a start-up does not use, it does
not import (docs/design.md §6)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_names(
    package: str, sources: Mapping[str, str], namespace: dict[str, Any]
) -> Callable[[str], Any]:
    """The ``__getattr__`` of ``package``: a name of ``sources`` (name -> module) is imported
    from its module at its first use and kept in ``namespace`` (the package's globals)."""

    def load(name: str) -> Any:
        module = sources.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value  # once
        return value

    return load
