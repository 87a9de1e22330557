"""``app.ui.common.pyside_imports``: PySide6's per-import check, the same answers faster."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import PySide6.QtCore  # noqa: F401  (installs PySide6's import hook and its feature module)

from app.ui.common import pyside_imports


def original_check() -> types.FunctionType:
    feature = sys.modules["shibokensupport.feature"]
    check = feature._mod_uses_pyside
    return getattr(check, "original", check)


def test_every_loaded_module_gets_the_answer_pyside_gives() -> None:
    original = original_check()
    fast = pyside_imports.faster_check(original)
    modules = [m for m in list(sys.modules.values()) if isinstance(m, types.ModuleType)]
    assert len(modules) > 200
    answers = {m.__name__: fast(m) for m in modules}
    assert answers == {m.__name__: bool(original(m)) for m in modules}
    assert answers["app.ui.common.pyside_imports"] is True  # its text names PySide6
    assert answers["json"] is False


def test_files_without_readable_source(tmp_path: Path) -> None:
    original = original_check()
    fast = pyside_imports.faster_check(original)
    bad = tmp_path / "latin.py"
    bad.write_bytes(b"# -*- coding: utf-8 -*-\nx = '\xff PySide6'\n")  # not UTF-8
    gone = tmp_path / "gone.py"
    gone.write_text("import PySide6\n", encoding="utf-8")
    for path in (bad, gone):
        from importlib.machinery import SourceFileLoader
        from importlib.util import module_from_spec, spec_from_file_location

        spec = spec_from_file_location(
            path.stem, path, loader=SourceFileLoader(path.stem, str(path))
        )
        assert spec is not None
        module = module_from_spec(spec)
        module.__file__ = str(path)
        if path is gone:
            path.unlink()
        assert fast(module) is bool(original(module)) is False


def test_installed_once_by_the_window_start() -> None:
    assert pyside_imports.install()
    feature = sys.modules["shibokensupport.feature"]
    installed = feature._mod_uses_pyside
    assert pyside_imports.install()
    assert feature._mod_uses_pyside is installed
    assert getattr(installed, "original", None) is original_check()


class _Loader:
    """A loader serving sources of files not on disk (as the frozen bundle's does)."""

    def __init__(self, source: str | None, fail: bool = False) -> None:
        self.source, self.fail = source, fail

    def get_source(self, name: str) -> str | None:
        if self.fail:
            raise ImportError(name)
        return self.source


def test_sources_served_by_the_loader(tmp_path: Path) -> None:
    from importlib.machinery import ModuleSpec

    original = original_check()
    fast = pyside_imports.faster_check(original)
    cases = [("import PySide6\n", False), ("x = 1\n", False), (None, False), (None, True)]
    for i, (source, fail) in enumerate(cases):
        name = f"frozen_like_{i}"
        module = types.ModuleType(name)
        module.__file__ = str(tmp_path / f"{name}.py")  # not on disk
        module.__loader__ = _Loader(source, fail)
        module.__spec__ = ModuleSpec(name, module.__loader__, origin=module.__file__)
        assert fast(module) is bool(original(module)) is (i == 0)
