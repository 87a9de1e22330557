"""What every sub-command shares: the context (settings, stores) and output helpers."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.config import Settings
from app.domain.catalog import Catalog, PeriodInfo
from app.domain.messages import Message, Refusal
from app.services.install_role import OFFICE, UNIT, Role, RoleRefused, require_role
from app.services.stores import Store, StoreError, open_office_store, open_unit_store

Handler = Callable[["Context", argparse.Namespace], int]


class CliError(Exception):
    """A refused command: a ``Message`` (a code of app.domain.messages and its parameters) and
    the exit status ``code``: 1 refused, 2 bad usage. Raise ``CliRefusal(code, **params)``;
    plain words are still accepted (``verify``) and carry the code ``cli_refused``."""

    def __init__(
        self, message: Message | str, code: int = 1, details: dict[str, Any] | None = None
    ) -> None:
        if isinstance(message, str):
            message = Message.of("cli_refused", detail=message)
        super().__init__(message.render("zh"))
        self.message = message
        self.code = code
        self.details = details or {}  # more of the refusal for --json (e.g. "problems")


class CliRefusal(CliError):
    """``CliRefusal("period_unknown", 2, period=…, periods=…)``."""

    def __init__(self, message_code: str, /, exit_code: int = 1, **params: object) -> None:
        super().__init__(Message.of(message_code, **params), exit_code)


@dataclass
class Context:
    settings: Settings
    _stores: dict[str, Store] = field(default_factory=dict)

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Context:
        return cls(Settings.make(args.data_dir, args.db))

    def unit_store(self) -> Store:
        return self._store(UNIT, open_unit_store)

    def office_store(self) -> Store:
        return self._store(OFFICE, open_office_store)

    def _store(self, role: Role, opener: Callable[[Settings], Store]) -> Store:
        """The role's store, opened (and in a fresh folder created) once; refused in a folder
        of the other role, before anything is created there."""
        if role not in self._stores:
            try:
                require_role(self.settings, role)
                self._stores[role] = opener(self.settings)
            except RoleRefused as exc:
                raise CliError(exc.message) from exc
            except StoreError as exc:
                raise CliRefusal("store_unavailable", detail=exc) from exc
        return self._stores[role]

    def close(self) -> None:
        """Every store the command opened, closed: its connections go, and SQLite folds the
        write-ahead log back into the file. A failure here is logged, never shown: the
        command's work was committed before."""
        for store in self._stores.values():
            try:
                store.close()
            except Exception:
                logging.getLogger("app.cli").exception("closing a store failed")
        self._stores.clear()


def add_period_options(
    p: argparse.ArgumentParser, *, required: bool = True, help: str = ""
) -> None:
    """``--period P`` and ``--plan CODE`` (period codes are unique only within a plan)."""
    p.add_argument("--period", required=required, metavar="P", help=help or None)
    p.add_argument(
        "--plan",
        metavar="CODE",
        help="the plan of the period (default: the only plan having it, else the newest)",
    )


def period_catalog(
    store: Store, period: str, plan_code: str | None, unit_code: str | None = None
) -> Catalog:
    """The published plan a ``--period`` (and ``--plan``) means; bad usage (exit 2) when the
    plan is unknown, the period in none of them, or in two plans of the newest year."""
    from app.services.catalog import store_catalogs
    from app.services.plans.listing import plan_for_period

    try:
        catalog = plan_for_period(store_catalogs(store, unit_code), period, plan_code)
    except Refusal as exc:
        raise CliError(exc.message, 2) from exc
    plan_period(catalog, period)
    return catalog


def plan_catalog_named(
    store: Store, plan_code: str | None, unit_code: str | None = None
) -> Catalog:
    """The plan ``--plan`` names (exit 2 if none such), else the newest published one (for a
    unit: the newest listing it)."""
    from app.services.catalog import store_catalogs

    catalogs = store_catalogs(store, unit_code) or store_catalogs(store)
    if plan_code is None:
        if not catalogs:
            raise CliRefusal("plan_unknown", plan="-")
        return catalogs[0]
    for catalog in catalogs:
        if catalog.code == plan_code:
            return catalog
    known = "、".join(c.code for c in catalogs) or "-"
    raise CliRefusal("plan_unknown_code", 2, plan=plan_code, plans=known)


def plan_period(catalog: Catalog, code: str) -> PeriodInfo:
    """The plan's period ``code``; bad usage (exit 2) naming the plan's periods otherwise."""
    try:
        return catalog.period(code)
    except KeyError:
        periods = ", ".join(p.code for p in catalog.periods)
        raise CliRefusal("period_unknown", 2, period=code, periods=periods) from None


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


# What an I/O fault looks like to the clerk: one line in plain words (issue 7).
_SQLITE_FAULTS = (
    ("database or disk is full", "storage_disk_full"),
    ("readonly database", "storage_read_only"),
    ("unable to open database file", "storage_cannot_open"),
    ("database is locked", "storage_locked"),
    ("disk i/o error", "storage_io_error"),
)


def describe_failure(exc: BaseException) -> Message:
    """One line for an unexpected failure: a known storage fault in plain words, anything
    else as its type and the first line of its message (never a traceback)."""
    text = str(getattr(exc, "orig", None) or exc)
    low = text.lower()
    for needle, code in _SQLITE_FAULTS:
        if needle in low:
            return Message.of(code)
    if isinstance(exc, OSError):
        where = f" {exc.filename}" if exc.filename else ""
        return Message.of("file_io_failed", where=where, detail=exc.strerror or exc)
    first = text.strip().splitlines()[0] if text.strip() else ""
    return Message.of("failure", kind=type(exc).__name__, detail=first[:300])


def print_refusal(
    message: Message, args: argparse.Namespace, details: dict[str, Any] | None = None
) -> None:
    """The one line on stderr; with ``--json`` also ``{"code", "params", "reason"}`` (and the
    refusal's ``details``) on stdout."""
    lang = output_lang(args)
    if getattr(args, "json", False):
        print_json({**message.to_json(), "reason": message.render(lang), **(details or {})})
    print(f"error: {message.render(lang)}", file=sys.stderr)


def output_lang(args: argparse.Namespace) -> str:
    """The language of the command's human output: ``--lang en`` gives English, else Chinese."""
    return "en" if getattr(args, "lang", None) == "en" else "zh"


def say(args: argparse.Namespace, zh: str, en: str) -> str:
    return en if output_lang(args) == "en" else zh


def add_actor_option(p: argparse.ArgumentParser) -> None:
    """``--actor NAME``: the staff member the audit log names (docs/design.md §4)."""
    p.add_argument(
        "--actor",
        metavar="NAME",
        help="who does it, for the audit log (default: the office's setting office.actor, "
        "else the login name)",
    )


def actor_of(ctx: Context, args: argparse.Namespace) -> str:
    from app.services.audit import resolve_actor

    return resolve_actor(ctx.office_store(), getattr(args, "actor", None))


def date_option(text: str | None, option: str) -> date | None:
    """An ISO date option (exit 2 otherwise)."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliRefusal("option_not_iso_date", 2, option=option, text=text) from None
