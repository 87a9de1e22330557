"""The shape the code keeps (issue 13): no module in app/ over 500 lines, no function over 60
(migrations aside: they are history, written once). Read with ast, so a decorator or a
docstring counts as the reader sees it."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.kit.paths import ROOT

MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60


def _sources() -> list[Path]:
    return sorted(p for p in (ROOT / "app").rglob("*.py") if "migrations" not in p.parts)


def test_no_module_is_over_500_lines() -> None:
    long = {}
    for path in _sources():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            long[str(path.relative_to(ROOT))] = lines
    assert long == {}


def test_no_function_is_over_60_lines() -> None:
    long = {}
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.end_lineno is not None
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"] = lines
    assert long == {}


def test_the_checks_can_fail(tmp_path: Path) -> None:
    """The walk sees a long function where one is (a check that can never fail checks nothing)."""
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    tree = ast.parse(f"def long():\n{body}\n")
    node = tree.body[0]
    assert isinstance(node, ast.FunctionDef) and node.end_lineno is not None
    assert node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
