"""``unit`` sub-commands: set-up, bulk load, status, export, the key registration file (key
care is in ``unit_key_cmd``).

The same services as the window (app.services.unit_setup, .entries, .unit_load). Human text
is Chinese unless ``--lang en``; ``--json`` prints machine-readable output.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.cli.common import (
    CliRefusal,
    Context,
    add_command,
    add_period_options,
    output_lang,
    plan_period,
    print_json,
    say,
)
from app.cli.unit_common import (
    REFUSALS,
    error_json,
    error_line,
    print_fingerprint,
    read_passphrase,
    refused,
    unit_refusals,
    unit_service,
)
from app.cli.unit_key_cmd import register_key
from app.cli.unit_office_cmd import answers_json, print_answers, register_office
from app.io.keys import format_fingerprint
from app.services.catalog import catalog_naming_unit
from app.services.feedback import unit_answers
from app.services.stores import store_catalog
from app.services.unit_load import load_json
from app.services.unit_setup import init_unit, write_registration_file, write_registration_sheet


def register(sub: Any) -> None:
    unit = sub.add_parser("unit", help="the unit clerk: set up, load, status, keys")
    usub = unit.add_subparsers(dest="unit_command", metavar="COMMAND")

    text = "make this install a unit's and create its signing key"
    p = add_command(usub, "init", text, run_init, json=True)
    p.add_argument("--unit", required=True, metavar="NAME", help="unit id, name or alias")
    p.add_argument("--clerk", required=True, metavar="NAME", help="the clerk's name")
    p.add_argument("--contact", default="", metavar="PHONE", help="the clerk's phone")
    p.add_argument("--passphrase-env", metavar="VAR", help="read the passphrase from $VAR")

    text = "bulk-enter progress from a JSON file (form rules)"
    p = add_command(usub, "load", text, run_load, json=True)
    p.add_argument("file", type=Path, metavar="FILE.json")
    p.add_argument(
        "--plan", metavar="CODE", help="the plan of the file's periods (default: the newest)"
    )

    text = "validate, sign and write the period's submission"
    p = add_command(usub, "export", text, run_export, json=True)
    add_period_options(p)
    p.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx")
    p.add_argument("--passphrase-env", metavar="VAR", help="read the passphrase from $VAR")

    p = add_command(usub, "pubkey", "write the key registration file for the office", run_pubkey)
    p.add_argument("--out", required=True, type=Path, metavar="FILE")
    p.add_argument("--sheet", type=Path, metavar="FILE.html", help="printable sheet to stamp")

    text = "a period: tasks filled, errors, export state"
    p = add_command(usub, "status", text, run_status, json=True)
    add_period_options(p)

    register_key(usub)
    register_office(usub)


def run_export(ctx: Context, args: argparse.Namespace) -> int:
    from app.services.export import ExportFailed, ExportRefused, export_period

    uc = unit_service(ctx, args.period, args.plan)
    lang = output_lang(args)
    errors = uc.service.summary(args.period).errors
    if errors:  # refuse before asking for the passphrase
        for e in errors:
            print(error_line(e, lang), file=sys.stderr)
        raise CliRefusal("export_has_errors", count=len(errors))
    passphrase = read_passphrase(args.passphrase_env, confirm=False)
    try:
        result = export_period(uc.store, uc.catalog, args.period, args.out, passphrase)
    except ExportRefused as exc:
        for e in exc.errors:
            print(error_line(e, lang), file=sys.stderr)
        raise CliRefusal("export_has_errors", count=len(exc.errors)) from exc
    except ExportFailed as exc:
        raise CliRefusal("export_failed", detail=exc) from exc
    except REFUSALS as exc:
        raise refused(exc) from exc
    if args.json:
        print_json(
            {
                "file": str(result.path),
                "period": result.period,
                "version": result.version,
                "sequence": result.sequence,
                "submission_id": result.submission_id,
                "sha256": result.file_sha256,
                "fingerprint": result.fingerprint,
            }
        )
    else:
        print(
            f"{result.path}  {result.period} v{result.version}  "
            f"SHA-256 {result.file_sha256[:16]}…  " + say(args, "已签名导出", "signed and written")
        )
    return 0


# -- commands ---------------------------------------------------------------------------
def run_init(ctx: Context, args: argparse.Namespace) -> int:
    passphrase = read_passphrase(args.passphrase_env, confirm=True)
    store = ctx.unit_store()
    with unit_refusals():
        catalog = catalog_naming_unit(store, args.unit) or store_catalog(store)
        info = init_unit(store, catalog, args.unit, args.clerk, args.contact, passphrase)
    if args.json:
        print_json(
            {
                "unit": info.unit_id,
                "unit_name": info.unit_name,
                "clerk": info.clerk,
                "contact": info.contact,
                "fingerprint": info.fingerprint,
                "created_at": info.created_at.isoformat(),
            }
        )
        return 0
    print(say(args, "已设置填报单位：", "set up for: ") + f"{info.unit_name} ({info.unit_id})")
    print(say(args, "填报人：", "clerk: ") + f"{info.clerk} {info.contact}".rstrip())
    print(say(args, "密钥指纹：", "key fingerprint:"))
    print_fingerprint(info.fingerprint)
    print(
        say(
            args,
            "下一步：运行 unit pubkey --out 文件 生成密钥登记文件，交市质量强市办，"
            "并通过电话或盖章的登记表核对上面的指纹。",
            "next: run unit pubkey --out FILE and send the file to the office; confirm the "
            "fingerprint above with them by phone or a stamped form.",
        )
    )
    return 0


def run_load(ctx: Context, args: argparse.Namespace) -> int:
    uc = unit_service(ctx, plan_code=args.plan)
    lang = output_lang(args)
    with unit_refusals():
        result = load_json(uc.service, args.file)
    if args.json:
        print_json(
            {
                "saved": result.saved,
                "changed": result.changed,
                "errors": [error_json(e, lang) for e in result.errors],
            }
        )
    else:
        print(
            say(
                args,
                f"已保存 {result.saved} 项（{result.changed} 项有改动），"
                f"{len(result.errors)} 个错误",
                f"saved {result.saved} ({result.changed} changed), {len(result.errors)} errors",
            )
        )
        for e in result.errors:
            print(error_line(e, lang))
    return 1 if result.errors else 0


def run_pubkey(ctx: Context, args: argparse.Namespace) -> int:
    uc = unit_service(ctx)
    with unit_refusals():
        path = write_registration_file(uc.store, uc.catalog, args.out)
        sheet = args.sheet and write_registration_sheet(uc.store, uc.catalog, args.sheet)
    print(say(args, "已写入密钥登记文件：", "registration file written: ") + str(path))
    if sheet:
        print(say(args, "登记表（打印、签字盖章后送达）：", "printable sheet: ") + str(sheet))
    print(say(args, "指纹：", "fingerprint: ") + format_fingerprint(uc.profile.fingerprint))
    return 0


STATE_TEXT = {
    "draft": ("草稿（未导出）", "draft (not exported)"),
    "exported": ("已导出 v{v}", "exported v{v}"),
    "changed": ("v{v} 导出后已修改", "changed since v{v}"),
}


def run_status(ctx: Context, args: argparse.Namespace) -> int:
    uc = unit_service(ctx, args.period, args.plan)
    lang = output_lang(args)
    period = plan_period(uc.catalog, args.period)
    summary = uc.service.summary(period.code)
    state = uc.service.period_state(period.code)
    answers = unit_answers(uc.store, period.code, uc.catalog.code)
    if args.json:
        print_json(
            {
                "unit": uc.profile.unit_id,
                "plan": {"code": uc.catalog.code, "revision": uc.catalog.revision},
                "period": period.code,
                "due": period.due.isoformat(),
                "filled": summary.filled,
                "total": summary.total,
                "indicators_filled": summary.indicators_filled,
                "indicators_total": summary.indicators_total,
                "state": state.kind,
                "version": state.version,
                "exported_at": state.exported_at.isoformat() if state.exported_at else None,
                "errors": [error_json(e, lang) for e in summary.errors],
                **answers_json(answers),
            }
        )
        return 0
    zh, en = STATE_TEXT[state.kind]
    print(f"{uc.profile.unit_name} {period.code} ({period.title}, due {period.due})")
    print(
        say(
            args,
            f"任务已填写 {summary.filled}/{summary.total}，"
            f"指标 {summary.indicators_filled}/{summary.indicators_total}，"
            f"错误 {len(summary.errors)} 个",
            f"tasks filled {summary.filled}/{summary.total}, "
            f"indicators {summary.indicators_filled}/{summary.indicators_total}, "
            f"{len(summary.errors)} errors",
        )
    )
    print(say(args, "状态：", "state: ") + say(args, zh, en).format(v=state.version))
    for e in summary.errors:
        print(error_line(e, lang))
    print_answers(args, answers)
    return 0
