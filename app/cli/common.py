"""What every sub-command shares: the context (settings, stores) and output helpers."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from typing import Any

from app.config import Settings
from app.services.stores import Store, StoreError, open_office_store, open_unit_store


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
        if "unit" not in self._stores:
            try:
                self._stores["unit"] = open_unit_store(self.settings)
            except StoreError as exc:
                raise CliError(str(exc)) from exc
        return self._stores["unit"]

    def office_store(self) -> Store:
        if "office" not in self._stores:
            try:
                self._stores["office"] = open_office_store(self.settings)
            except StoreError as exc:
                raise CliError(str(exc)) from exc
        return self._stores["office"]


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
