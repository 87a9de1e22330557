"""``office bulletin``: the office's Word bulletins (通报) of a period or a year.

    office bulletin --period 2016Q3 --kind progress --out 通报.docx [--date 2016-10-15] [--json]
    office bulletin --period 2016 --kind assessment --out 考核通报.docx [--plan CODE]

The plan is the one ``--plan`` names, else the only (or newest) published plan having the
period. Exit 0 written; 1 refused (the file cannot be written); 2 bad usage (an unknown
period or plan, a period two plans of one year share, a quarter for an assessment, --out not
a .docx or in a missing folder, a bad date). A refusal
with --json prints {"code", "params", "reason"} on stdout as well, as every command does.
"""

from __future__ import annotations

import argparse
import logging
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli.common import CliRefusal, Context, add_command, add_period_options, print_json
from app.domain.messages import Refusal

if TYPE_CHECKING:
    from app.domain.catalog import Catalog
    from app.services.stores import Store

log = logging.getLogger(__name__)

USAGE_CODES = {
    "bulletin_unknown_period",
    "bulletin_not_annual",
    "bulletin_out_not_docx",
    "bulletin_folder_missing",
    "bulletin_bad_date",
    "plan_unknown_code",
    "period_ambiguous",
    "period_unknown",  # only when the store has no published plan at all
}


def register(osub: Any) -> None:
    text = "the office's Word bulletin (通报) of a period's progress or a year's assessment"
    epilog = "example: office bulletin --period 2016Q3 --kind progress --out 通报.docx"
    p = add_command(osub, "bulletin", text, cmd_bulletin, json=True, epilog=epilog)
    add_period_options(p, help="e.g. 2016Q3 (progress) or 2016 (assessment)")
    p.add_argument("--kind", required=True, choices=["progress", "assessment"])
    p.add_argument("--out", required=True, type=Path, metavar="FILE.docx")
    p.add_argument("--date", help="成文日期 YYYY-MM-DD (default: today, Beijing time)")
    p.add_argument(
        "--fonts",
        choices=["standard", "system"],
        default="standard",
        help="standard: the GB fonts (仿宋_GB2312 …) with Windows fonts as fallback; "
        "system: the Windows fonts (仿宋, 楷体, 宋体 bold title) named directly",
    )


def _refused(exc: Refusal) -> CliRefusal:
    """The service's refusal as the command's: bad usage (2) or refused (1)."""
    exit_code = 2 if exc.code in USAGE_CODES else 1
    return CliRefusal(exc.code, exit_code, **exc.message.param_dict)


def _issued_on(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise Refusal("bulletin_bad_date", value=text) from exc


def _plan_catalog(store: Store, period: str, plan_code: str | None) -> Catalog:
    """The plan the period means (as every ``--period`` command finds it); a period in no
    plan is left to ``check_period`` against the newest plan (``bulletin_unknown_period``)."""
    from app.services.catalog import store_catalogs
    from app.services.plans.listing import plan_for_period

    catalogs = store_catalogs(store)
    try:
        return plan_for_period(catalogs, period, plan_code)
    except Refusal as exc:
        if exc.code != "period_unknown" or not catalogs:
            raise
    return catalogs[0]


def cmd_bulletin(ctx: Context, args: argparse.Namespace) -> int:
    from app.services.bulletin import check_period, write_bulletin

    out: Path = args.out
    try:
        if out.suffix.lower() != ".docx":
            raise Refusal("bulletin_out_not_docx", path=out)
        if not out.parent.is_dir():
            raise Refusal("bulletin_folder_missing", path=out.parent)
        issued_on = _issued_on(args.date)
        store = ctx.office_store()
        catalog = _plan_catalog(store, args.period, args.plan)
        check_period(catalog, args.kind, args.period)
        try:
            summary = write_bulletin(
                store, catalog, args.kind, args.period, out, issued_on=issued_on, fonts=args.fonts
            )
        except OSError as exc:  # e.g. the file is open in Word on Windows
            log.warning("cannot write %s", out, exc_info=True)
            raise Refusal("bulletin_write_failed", path=out, detail=exc.strerror or exc) from exc
    except Refusal as exc:
        raise _refused(exc) from exc
    if args.json:
        print_json(
            {
                "ok": True,
                "code": "ok",
                "path": str(summary.path),
                "kind": summary.kind,
                "period": summary.period,
                "title": summary.title,
                "issued_on": summary.issued_on.isoformat(),
                "sources": summary.sources,
                "sha256": summary.sha256,
            }
        )
        return 0
    print(summary.path)
    print(f"{summary.title}（{summary.issued_on:%Y-%m-%d}），依据 {summary.sources} 份现行报送文件")
    print(f"SHA-256 {summary.sha256}")
    return 0
