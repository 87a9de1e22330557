"""What every sub-command shares: the context (settings, stores) and output helpers."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.config import Settings
from app.services.stores import Store, StoreError, open_office_store, open_unit_store

Handler = Callable[["Context", argparse.Namespace], int]


class CliError(Exception):
    """A one-line reason for the user; ``code`` 1 = refused, 2 = bad usage."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Context:
    settings: Settings
    _stores: dict[str, Store] = field(default_factory=dict)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Context:
        return cls(Settings.make(args.data_dir, args.db))

    def unit_store(self) -> Store:
        return self._store("unit", open_unit_store)

    def office_store(self) -> Store:
        return self._store("office", open_office_store)

    def _store(self, role: str, opener: Callable[[Settings], Store]) -> Store:
        if role not in self._stores:
            try:
                self._stores[role] = opener(self.settings)
            except StoreError as exc:
                raise CliError(str(exc)) from exc
        return self._stores[role]


def add_command(
    sub: Any, name: str, help_text: str, handler: Handler, *, json: bool = False, **kw: Any
) -> argparse.ArgumentParser:
    """A sub-command that runs ``handler``; ``json`` gives it the ``--json`` option."""
    p: argparse.ArgumentParser = sub.add_parser(name, help=help_text, **kw)
    if json:
        p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=handler)
    return p


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


# What an I/O fault looks like to the clerk: one Chinese line, then the English (issue 7).
_SQLITE_FAULTS = (
    ("database or disk is full", "磁盘已满，未能保存；已保存的内容不受影响。请腾出空间后重试"),
    ("readonly database", "数据文件只读，无法保存；请检查数据文件夹的权限"),
    ("unable to open database file", "无法打开数据文件；请检查数据文件夹是否存在、是否可写"),
    ("database is locked", "数据文件正被另一个程序使用，请稍后重试"),
    ("disk i/o error", "读写磁盘出错，未能保存；请检查磁盘"),
)


def describe_failure(exc: BaseException) -> str:
    """One line for an unexpected failure: a known storage fault in plain words, anything
    else as its type and the first line of its message (never a traceback)."""
    text = str(getattr(exc, "orig", None) or exc)
    low = text.lower()
    for needle, zh in _SQLITE_FAULTS:
        if needle in low:
            return f"{zh} ({needle})"
    if isinstance(exc, OSError):
        where = f" {exc.filename}" if exc.filename else ""
        return f"无法读写文件{where}：{exc.strerror or exc}"
    first = text.strip().splitlines()[0] if text.strip() else ""
    return f"{type(exc).__name__}: {first[:300]}"


def output_lang(args: argparse.Namespace) -> str:
    """The language of the command's human output: ``--lang en`` gives English, else Chinese."""
    return "en" if getattr(args, "lang", None) == "en" else "zh"


def say(args: argparse.Namespace, zh: str, en: str) -> str:
    return en if output_lang(args) == "en" else zh
