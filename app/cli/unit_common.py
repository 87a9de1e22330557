"""What the ``unit`` commands share: this install's unit and entry service, the passphrase
prompt and how a form error is printed."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from getpass import getpass
from typing import Any

from app.cli.common import CliError, Context, output_lang
from app.domain.catalog import Catalog
from app.domain.entry_rules import FieldError
from app.io.keys import KeyFileError
from app.services.entries import EntryError, EntryService
from app.services.stores import Store, store_catalog
from app.services.unit_load import LoadError
from app.services.unit_setup import UnitProfileInfo, UnitSetupError, get_profile

REFUSALS = (UnitSetupError, KeyFileError, LoadError, EntryError)  # KeyFileError: wrong passphrase


def read_passphrase(
    env_var: str | None, *, confirm: bool, prompt: str = "密码 passphrase: "
) -> str:
    """From ``$env_var``, or typed twice on a terminal; never from the command line itself."""
    if env_var:
        value = os.environ.get(env_var)
        if value is None:
            raise CliError(f"environment variable {env_var} is not set", 2)
        return value
    if not sys.stdin.isatty():
        raise CliError("no passphrase: use --passphrase-env VAR", 2)
    first = getpass(prompt)
    if confirm and getpass("再输入一次 again: ") != first:
        raise CliError("两次输入的密码不一致 (the passphrases differ)", 1)
    return first


@dataclass
class UnitContext:
    store: Store
    catalog: Catalog
    profile: UnitProfileInfo
    service: EntryService


def unit_service(ctx: Context) -> UnitContext:
    """This install's unit and its entry service; refuses before ``unit init``."""
    store = ctx.unit_store()
    profile = get_profile(store)
    if profile is None:
        raise CliError("本机尚未设置填报单位，请先运行 unit init (this install is not set up)")
    catalog = store_catalog(store)
    return UnitContext(store, catalog, profile, EntryService(store, catalog, profile.unit_id))


def error_line(e: FieldError, lang: str = "zh") -> str:
    """'task 23 2016Q1 percent: 完成度必须是0-100的整数'."""
    return f"{e.where()} {e.field}: {e.render(lang)}"


def error_json(e: FieldError, lang: str = "zh") -> dict[str, Any]:
    return {
        "task": e.task_no,
        "indicator": e.indicator_no,
        "period": e.period,
        "field": e.field,
        "code": e.code,
        "message": e.render(lang),
    }


def refused(exc: Exception, args: argparse.Namespace) -> CliError:
    if isinstance(exc, LoadError) and output_lang(args) == "en":
        return CliError(exc.en)
    return CliError(str(exc))
