"""The refusal vocabulary: one table, both languages, every raised code known."""

from __future__ import annotations

import ast
import pickle

import pytest

from app.domain.messages import MESSAGES, Message, Refusal, template_fields
from tests.kit.paths import ROOT

APP = ROOT / "app"


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_both_languages_take_the_same_parameters(code: str) -> None:
    zh, en = MESSAGES[code]
    assert zh.strip() and en.strip()
    assert template_fields(zh) == template_fields(en), code
    params = {name: f"<{name}>" for name in template_fields(zh)}
    for lang in ("zh", "en"):
        text = Message.of(code, **params).render(lang)
        assert "{" not in text and "}" not in text.replace("{}", ""), (code, lang, text)
        for value in params.values():
            assert value in text


def test_unknown_code_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        Message.of("no_such_code_anywhere")


def test_render_and_json() -> None:
    m = Message.of("file_missing", path="a.xlsx")
    assert m.render("zh") == "找不到文件：a.xlsx"
    assert m.render("en") == "No such file: a.xlsx"
    assert m.to_json() == {
        "code": "file_missing",
        "params": {"path": "a.xlsx"},
        "reason": "找不到文件：a.xlsx",
    }


def test_a_stored_message_with_missing_parameters_still_renders() -> None:
    assert "file_missing" in Message("file_missing", ()).render("en")


def test_refusal_survives_pickling() -> None:
    exc = Refusal("file_unreadable", detail="权限不足")
    back = pickle.loads(pickle.dumps(exc))
    assert isinstance(back, Refusal)
    assert back.message == exc.message
    assert str(back) == "无法读取文件：权限不足"


def _raised_codes() -> set[tuple[str, str]]:
    """Every literal code given to Refusal(...) / Message.of(...) / a subclass in app/."""
    found: set[tuple[str, str]] = set()
    for path in APP.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            is_of = name == "of" and getattr(func, "value", None) is not None
            if not (is_of or name.endswith(("Refusal", "Rejected", "Refused"))):
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.add((str(path.relative_to(APP)), first.value))
    return found


def test_every_code_raised_in_app_is_in_the_table() -> None:
    missing = sorted((where, code) for where, code in _raised_codes() if code not in MESSAGES)
    assert not missing
