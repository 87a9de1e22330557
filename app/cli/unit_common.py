"""What the ``unit`` commands share: this install's unit and entry service, the passphrase
prompt and how a form error is printed."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from getpass import getpass
from typing import Any

from app.cli.common import CliError, CliRefusal, Context, period_catalog, plan_catalog_named
from app.domain.catalog import Catalog
from app.domain.entry_rules import FieldError
from app.domain.messages import Refusal
from app.io.keys import KeyFileError, WrongPassphrase, format_fingerprint
from app.services.entries import EntryError, EntryService
from app.services.stores import Store
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
            raise CliRefusal("passphrase_env_unset", 2, var=env_var)
        return value
    if not sys.stdin.isatty():
        raise CliRefusal("passphrase_not_given", 2)
    first = getpass(prompt)
    if confirm and getpass("再输入一次 again: ") != first:
        raise CliRefusal("passphrase_mismatch")
    return first


@dataclass
class UnitContext:
    store: Store
    catalog: Catalog
    profile: UnitProfileInfo
    service: EntryService


def unit_service(
    ctx: Context, period: str | None = None, plan_code: str | None = None
) -> UnitContext:
    """This install's unit and its entry service for one plan: the plan of ``period`` (and
    ``plan_code``) among those the unit reports in, else ``plan_code`` or the newest; refuses
    before ``unit init``."""
    store = ctx.unit_store()
    profile = get_profile(store)
    if profile is None:
        raise CliRefusal("unit_not_set_up")
    if period is not None:
        catalog = period_catalog(store, period, plan_code, profile.unit_id)
    else:
        catalog = plan_catalog_named(store, plan_code, profile.unit_id)
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


@contextmanager
def unit_refusals() -> Iterator[None]:
    """Inside: a unit service's refusal (one of ``REFUSALS``) becomes the command's."""
    try:
        yield
    except REFUSALS as exc:
        raise refused(exc) from exc


def print_fingerprint(fingerprint: str) -> None:
    """The sixteen groups of four on two lines, to be read aloud."""
    groups = format_fingerprint(fingerprint).split(" ")
    print("  " + " ".join(groups[:8]))
    print("  " + " ".join(groups[8:]))


def refused(exc: Exception) -> CliError:
    """A unit service's refusal (one of ``REFUSALS``) as the command's."""
    if isinstance(exc, Refusal):
        return CliError(exc.message)
    if isinstance(exc, WrongPassphrase):
        return CliRefusal("passphrase_wrong")
    if isinstance(exc, KeyFileError):
        return CliRefusal("key_file_refused", detail=exc)
    if isinstance(exc, EntryError):
        return CliRefusal("entry_refused", detail=exc)
    return CliRefusal("unit_setup_refused", detail=exc)
