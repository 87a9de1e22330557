"""PySide6's check of every module imported after it, answered without ``inspect``.

Once ``PySide6.QtCore`` is imported, PySide6 calls ``shibokensupport.feature.feature_imported``
after every import, which asks ``_mod_uses_pyside(module)``: ``inspect.getsource(module)``
and a search for "PySide6" (for its ``from __feature__ import …``, which the program does not
use). For the ~260 modules of SQLAlchemy and the models imported after the window's first
paint that cost ~0.4 ms each through ``inspect`` and ``linecache`` (docs/design.md §6). The
same answer comes from reading a plain source file with ``tokenize.open`` (what ``linecache``
does for ``inspect``), or, for a ``.py`` path not on disk (the frozen bundle), from the loader's
``get_source`` (what ``linecache`` falls back to); anything else (extension and built-in
modules) still goes to PySide6's own check.
"""

from __future__ import annotations

import os
import sys
import tokenize
from collections.abc import Callable
from importlib.machinery import SourceFileLoader
from types import ModuleType

_FEATURE = "shibokensupport.feature"


def _plain_source(module: ModuleType) -> str | None:
    """``module``'s file when it is an ordinary ``.py`` file read by the source loader."""
    spec = getattr(module, "__spec__", None)
    origin = getattr(spec, "origin", None)
    if not isinstance(getattr(spec, "loader", None), SourceFileLoader):
        return None
    if not isinstance(origin, str) or not origin.endswith(".py"):
        return None
    return origin if getattr(module, "__file__", None) == origin else None


def _loader_source(module: ModuleType) -> str | None:
    """For a module whose ``.py`` file is not on disk but whose loader serves its source (the
    frozen bundle's modules): what ``inspect`` would read through ``linecache`` ("" for none);
    None when that is not the case."""
    path = getattr(module, "__file__", None)
    get_source = getattr(getattr(module, "__loader__", None), "get_source", None)
    if not isinstance(path, str) or not path.endswith(".py") or get_source is None:
        return None
    if os.path.exists(path):
        return None
    try:
        return get_source(module.__name__) or ""
    except (ImportError, OSError):  # linecache gives no lines: inspect raises, the check False
        return ""


def faster_check(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    """``original``'s answer; for a plain source file, read directly."""

    def uses_pyside(module: ModuleType) -> bool:
        path = _plain_source(module)
        if path is None:
            source = _loader_source(module)
            return original(module) if source is None else "PySide6" in source
        try:
            with tokenize.open(path) as text:
                return "PySide6" in text.read()
        except (OSError, UnicodeDecodeError, SyntaxError):  # inspect finds no source: False
            return False

    uses_pyside.original = original  # type: ignore[attr-defined]
    return uses_pyside


def install() -> bool:
    """Replace PySide6's check (once) if this PySide6 has it; True when installed."""
    feature = sys.modules.get(_FEATURE)
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original):
        return False
    if getattr(original, "original", None) is None:
        feature._mod_uses_pyside = faster_check(original)  # type: ignore[attr-defined]
    return True
