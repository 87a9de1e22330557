"""PySide6's check of every module imported after it, answered without ``inspect``.

Once ``PySide6.QtCore`` is imported, PySide6 calls ``shibokensupport.feature.feature_imported``
after every import, which asks ``_mod_uses_pyside(module)``: ``inspect.getsource(module)``
and a search for "PySide6" (for its ``from __feature__ import …``, which the program does not
use). For the ~260 modules of SQLAlchemy and the models imported after the window's first
paint that cost ~0.4 ms each through ``inspect`` and ``linecache`` (docs/design.md §6). The
same answer comes from reading a plain source file with ``tokenize.open`` (what ``linecache``
does for ``inspect``); anything else (no file, extension modules, zipped or frozen modules)
still goes to PySide6's own check.
"""

from __future__ import annotations

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


def faster_check(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    """``original``'s answer; for a plain source file, read directly."""

    def uses_pyside(module: ModuleType) -> bool:
        path = _plain_source(module)
        if path is None:
            return original(module)
        try:
            with tokenize.open(path) as source:
                return "PySide6" in source.read()
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
