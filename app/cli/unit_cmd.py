"""``unit`` sub-commands: set-up, bulk load, status, the key registration file, key care.

The same services as the window (app.services.unit_setup, .entries, .unit_load). Human text
is Chinese unless ``--lang en``; ``--json`` prints machine-readable output.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from getpass import getpass
from pathlib import Path
from typing import Any

from app.cli.common import CliError, Context, print_json
from app.domain.catalog import Catalog
from app.domain.entry_rules import FieldError
from app.io.key_backup import ExportCounters
from app.io.keys import KeyFileError, format_fingerprint
from app.services.entries import EntryError, EntryService
from app.services.export_numbering import catch_up_counters
from app.services.stores import Store, store_catalog
from app.services.unit_keys import (
    KeyMismatch,
    RestoreResult,
    backup_key,
    change_passphrase,
    reset_key,
    restore_key,
    rotate_key,
    write_rotation_file,
)
from app.services.unit_load import LoadError, load_json
from app.services.unit_setup import (
    UnitProfileInfo,
    UnitSetupError,
    get_profile,
    init_unit,
    write_registration_file,
    write_registration_sheet,
)

REFUSALS = (UnitSetupError, KeyFileError, LoadError, EntryError)  # KeyFileError: wrong passphrase


def register(sub: Any) -> None:
    unit = sub.add_parser("unit", help="the unit clerk: set up, load, status, keys")
    usub = unit.add_subparsers(dest="unit_command", metavar="COMMAND")

    p = usub.add_parser("init", help="make this install a unit's and create its signing key")
    p.add_argument("--unit", required=True, metavar="NAME", help="unit id, name or alias")
    p.add_argument("--clerk", required=True, metavar="NAME", help="the clerk's name")
    p.add_argument("--contact", default="", metavar="PHONE", help="the clerk's phone")
    p.add_argument("--passphrase-env", metavar="VAR", help="read the passphrase from $VAR")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=run_init)

    p = usub.add_parser("load", help="bulk-enter progress from a JSON file (form rules)")
    p.add_argument("file", type=Path, metavar="FILE.json")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=run_load)

    # ``unit export --period P --out FILE.xlsx`` registers itself here (the submission
    # feature): add its parser to ``usub`` and use ``unit_service`` and ``read_passphrase``.
    register_export(usub)

    p = usub.add_parser("pubkey", help="write the key registration file for the office")
    p.add_argument("--out", required=True, type=Path, metavar="FILE")
    p.add_argument("--sheet", type=Path, metavar="FILE.html", help="printable sheet to stamp")
    p.set_defaults(handler=run_pubkey)

    p = usub.add_parser("status", help="a period: tasks filled, errors, export state")
    p.add_argument("--period", required=True, metavar="P")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=run_status)

    key = usub.add_parser("key", help="signing key: rotate, backup, restore, reset, passwd")
    ksub = key.add_subparsers(dest="key_command", metavar="COMMAND")
    p = ksub.add_parser("rotate", help="a new key, vouched for by the old one")
    p.add_argument("--out", required=True, type=Path, metavar="FILE", help="rotation statement")
    p.add_argument("--old-passphrase-env", metavar="VAR")
    p.add_argument("--new-passphrase-env", metavar="VAR")
    p.set_defaults(handler=run_key_rotate)
    p = ksub.add_parser("passwd", help="change the passphrase (same key)")
    p.add_argument("--old-passphrase-env", metavar="VAR")
    p.add_argument("--new-passphrase-env", metavar="VAR")
    p.set_defaults(handler=run_key_passwd)
    p = ksub.add_parser("backup", help="save the key (still passphrase-sealed) to a file")
    p.add_argument("--out", required=True, type=Path, metavar="FILE")
    p.set_defaults(handler=run_key_backup)
    p = ksub.add_parser("restore", help="bring a backed-up key back onto this install")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--passphrase-env", metavar="VAR", help="check the backup opens")
    p.add_argument("--clerk", metavar="NAME", help="clerk on a fresh install")
    p.add_argument("--contact", metavar="PHONE")
    p.add_argument(
        "--replace",
        action="store_true",
        help="use the backup's key even though another key of the unit is in force",
    )
    p.add_argument(
        "--exports",
        nargs="+",
        action="extend",
        type=Path,
        metavar="PATH",
        help="earlier exported submission files or folders: continue their numbering",
    )
    p.set_defaults(handler=run_key_restore)
    p = ksub.add_parser("reset", help="forgot the passphrase: a new key (register it again)")
    p.add_argument("--passphrase-env", metavar="VAR", help="read the new passphrase from $VAR")
    p.set_defaults(handler=run_key_reset)


def register_export(usub: Any) -> None:
    p = usub.add_parser("export", help="validate, sign and write the period's submission")
    p.add_argument("--period", required=True, metavar="P")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx")
    p.add_argument("--passphrase-env", metavar="VAR", help="read the passphrase from $VAR")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=run_export)


def run_export(ctx: Context, args: argparse.Namespace) -> int:
    from app.services.export import ExportFailed, ExportRefused, export_period

    uc = unit_service(ctx)
    codes = [p.code for p in uc.catalog.periods]
    if args.period not in codes:
        raise CliError(f"unknown period {args.period} (plan periods: {', '.join(codes)})", 2)
    lang = _lang(args)
    errors = uc.service.summary(args.period).errors
    if errors:  # refuse before asking for the passphrase
        for e in errors:
            print(error_line(e, lang), file=sys.stderr)
        raise CliError(
            _say(
                args,
                f"未导出：{len(errors)} 个错误需要先修正",
                f"not exported: {len(errors)} errors to fix first",
            )
        )
    passphrase = read_passphrase(args.passphrase_env, confirm=False)
    try:
        result = export_period(uc.store, uc.catalog, args.period, args.out, passphrase)
    except ExportRefused as exc:
        for e in exc.errors:
            print(error_line(e, lang), file=sys.stderr)
        raise CliError(str(exc)) from exc
    except (ExportFailed, KeyFileError) as exc:
        raise CliError(str(exc)) from exc
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
            f"SHA-256 {result.file_sha256[:16]}…  " + _say(args, "已签名导出", "signed and written")
        )
    return 0


# -- shared helpers -----------------------------------------------------------------------
def _lang(args: argparse.Namespace) -> str:
    return "en" if getattr(args, "lang", None) == "en" else "zh"


def _say(args: argparse.Namespace, zh: str, en: str) -> str:
    return en if _lang(args) == "en" else zh


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


def _refused(exc: Exception, args: argparse.Namespace) -> CliError:
    if isinstance(exc, LoadError) and _lang(args) == "en":
        return CliError(exc.en)
    return CliError(str(exc))


# -- commands -----------------------------------------------------------------------------
def run_init(ctx: Context, args: argparse.Namespace) -> int:
    passphrase = read_passphrase(args.passphrase_env, confirm=True)
    store = ctx.unit_store()
    try:
        info = init_unit(
            store, store_catalog(store), args.unit, args.clerk, args.contact, passphrase
        )
    except REFUSALS as exc:
        raise _refused(exc, args) from exc
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
    groups = format_fingerprint(info.fingerprint).split(" ")
    print(_say(args, "已设置填报单位：", "set up for: ") + f"{info.unit_name} ({info.unit_id})")
    print(_say(args, "填报人：", "clerk: ") + f"{info.clerk} {info.contact}".rstrip())
    print(_say(args, "密钥指纹：", "key fingerprint:"))
    print("  " + " ".join(groups[:8]))
    print("  " + " ".join(groups[8:]))
    print(
        _say(
            args,
            "下一步：运行 unit pubkey --out 文件 生成密钥登记文件，交市质量强市办，"
            "并通过电话或盖章的登记表核对上面的指纹。",
            "next: run unit pubkey --out FILE and send the file to the office; confirm the "
            "fingerprint above with them by phone or a stamped form.",
        )
    )
    return 0


def run_load(ctx: Context, args: argparse.Namespace) -> int:
    uc = unit_service(ctx)
    lang = _lang(args)
    try:
        result = load_json(uc.service, args.file)
    except REFUSALS as exc:
        raise _refused(exc, args) from exc
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
            _say(
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
    try:
        path = write_registration_file(uc.store, uc.catalog, args.out)
        sheet = args.sheet and write_registration_sheet(uc.store, uc.catalog, args.sheet)
    except REFUSALS as exc:
        raise _refused(exc, args) from exc
    print(_say(args, "已写入密钥登记文件：", "registration file written: ") + str(path))
    if sheet:
        print(_say(args, "登记表（打印、签字盖章后送达）：", "printable sheet: ") + str(sheet))
    print(_say(args, "指纹：", "fingerprint: ") + format_fingerprint(uc.profile.fingerprint))
    return 0


STATE_TEXT = {
    "draft": ("草稿（未导出）", "draft (not exported)"),
    "exported": ("已导出 v{v}", "exported v{v}"),
    "changed": ("v{v} 导出后已修改", "changed since v{v}"),
}


def run_status(ctx: Context, args: argparse.Namespace) -> int:
    uc = unit_service(ctx)
    lang = _lang(args)
    try:
        period = uc.catalog.period(args.period)
    except KeyError:
        codes = ", ".join(p.code for p in uc.catalog.periods)
        raise CliError(f"unknown period {args.period!r} (periods: {codes})", 2) from None
    summary = uc.service.summary(period.code)
    state = uc.service.period_state(period.code)
    if args.json:
        print_json(
            {
                "unit": uc.profile.unit_id,
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
            }
        )
        return 0
    zh, en = STATE_TEXT[state.kind]
    print(f"{uc.profile.unit_name} {period.code} ({period.title}, due {period.due})")
    print(
        _say(
            args,
            f"任务已填写 {summary.filled}/{summary.total}，"
            f"指标 {summary.indicators_filled}/{summary.indicators_total}，"
            f"错误 {len(summary.errors)} 个",
            f"tasks filled {summary.filled}/{summary.total}, "
            f"indicators {summary.indicators_filled}/{summary.indicators_total}, "
            f"{len(summary.errors)} errors",
        )
    )
    print(_say(args, "状态：", "state: ") + _say(args, zh, en).format(v=state.version))
    for e in summary.errors:
        print(error_line(e, lang))
    return 0


def run_key_rotate(ctx: Context, args: argparse.Namespace) -> int:
    uc = unit_service(ctx)
    old = read_passphrase(args.old_passphrase_env, confirm=False, prompt="旧密码 old: ")
    new = read_passphrase(args.new_passphrase_env, confirm=True, prompt="新密码 new: ")
    try:
        info = rotate_key(uc.store, old, new)
        write_rotation_file(uc.store, args.out)
    except REFUSALS as exc:
        raise _refused(exc, args) from exc
    print(_say(args, "已更换密钥，新指纹：", "new key, fingerprint: "))
    print("  " + format_fingerprint(info.fingerprint))
    print(
        _say(
            args,
            f"密钥更换声明已写入 {args.out}；"
            "请运行 unit pubkey 生成新的登记文件，一并交市质量强市办。",
            f"rotation statement written to {args.out}; run unit pubkey and send both files "
            "to the office.",
        )
    )
    return 0


def run_key_passwd(ctx: Context, args: argparse.Namespace) -> int:
    uc = unit_service(ctx)
    old = read_passphrase(args.old_passphrase_env, confirm=False, prompt="旧密码 old: ")
    new = read_passphrase(args.new_passphrase_env, confirm=True, prompt="新密码 new: ")
    try:
        change_passphrase(uc.store, old, new)
    except REFUSALS as exc:
        raise _refused(exc, args) from exc
    print(_say(args, "密码已更改（密钥和指纹不变）", "passphrase changed (same key)"))
    return 0


def run_key_backup(ctx: Context, args: argparse.Namespace) -> int:
    uc = unit_service(ctx)
    try:
        path = backup_key(uc.store, args.out)
    except REFUSALS as exc:
        raise _refused(exc, args) from exc
    print(
        _say(
            args,
            f"密钥已备份到 {path}（仍由密码保护，请妥善保管，恢复时需要原密码）。"
            "备份中记有报送编号，每次导出后请重新备份",
            f"key backed up to {path} (still sealed by the passphrase); it records the export "
            "numbering: back up again after every export",
        )
    )
    return 0


def _counters_lines(args: argparse.Namespace, counters: ExportCounters) -> list[str]:
    used = "，".join(f"{p} v{v}" for p, v in counters.versions.items() if v > 0)
    used_en = ", ".join(f"{p} v{v}" for p, v in counters.versions.items() if v > 0)
    return [
        _say(
            args,
            f"下一次导出的报送序号：{counters.next_sequence}"
            + (f"；已用版本：{used}" if used else "；尚无已用版本"),
            f"next sequence number: {counters.next_sequence}"
            + (f"; versions used: {used_en}" if used_en else "; no versions used yet"),
        )
    ]


RESTORE_TEXT = {
    "installed": ("已恢复密钥：", "key restored: "),
    "replaced": ("已改用备份中的密钥：", "now using the backup's key: "),
    "resealed": ("已恢复备份中的密码保护：", "the backup's passphrase now protects the key: "),
    "unchanged": ("密钥与备份相同，未改动：", "the key is the backup's already, unchanged: "),
}


def _restore_notes(args: argparse.Namespace, r: RestoreResult) -> list[str]:
    notes = []
    if r.action == "replaced":
        notes.append(
            _say(
                args,
                f"本机原来的密钥（{format_fingerprint(r.retired_fingerprint)}）已停用。"
                "如市质量强市办尚未登记备份中的这个密钥，"
                "请运行 unit pubkey 生成登记文件，交市质量强市办登记。",
                f"the key in force before ({format_fingerprint(r.retired_fingerprint)}) is "
                "retired; if the office has not registered the backup's key, run unit pubkey.",
            )
        )
    if r.action == "resealed":
        checked = r.passphrase_checked
        notes.append(
            _say(
                args,
                "这就是本机正在使用的密钥（指纹不变，无需重新登记），但它在备份中由做备份时的密码保护："
                "今后导出请输入做备份时的密码，本机原来的密码不再有效"
                + ("（已核对该密码）。" if checked else "（本次未核对该密码）。"),
                "this is the key in force (same fingerprint, no new registration), sealed in "
                "the backup under the passphrase of that time: from now on export with that "
                "passphrase; the one used here before no longer works"
                + (" (checked)." if checked else " (not checked now)."),
            )
        )
    if not r.backup_had_counters and not args.exports:
        notes.append(
            _say(
                args,
                "这份备份由旧版本程序制作，不含报送编号：如本单位以前报送过，"
                "请用 --exports 提供以前导出的报送文件，否则下一次导出可能被拒收。",
                "this backup predates export numbering: if the unit exported before, give the "
                "earlier submission files with --exports, or the next export may be refused.",
            )
        )
    return notes


def run_key_restore(ctx: Context, args: argparse.Namespace) -> int:
    store = ctx.unit_store()
    passphrase = None
    if args.passphrase_env:
        passphrase = read_passphrase(args.passphrase_env, confirm=False)
    try:
        result = restore_key(
            store,
            args.file,
            passphrase=passphrase,
            clerk=args.clerk,
            contact=args.contact,
            replace=args.replace,
        )
    except KeyMismatch as exc:
        raise CliError(
            _say(
                args,
                f"{exc}。确要改用备份中的密钥，请加 --replace（本机当前的密钥将停用）",
                f"{exc} (add --replace to use the backup's key; the current one is retired)",
            )
        ) from exc
    except REFUSALS as exc:
        raise _refused(exc, args) from exc
    counters = result.counters
    if args.exports:
        try:
            counters = catch_up_counters(store, args.exports)
        except REFUSALS as exc:  # the key is restored all the same: say so
            raise CliError(
                _say(args, "密钥已恢复，但报送编号未能接续：", "key restored, numbering not: ")
                + str(exc)
            ) from exc
    info = result.profile
    zh, en = RESTORE_TEXT[result.action]
    print(_say(args, zh, en) + f"{info.unit_name} ({info.unit_id})")
    print("  " + format_fingerprint(info.fingerprint))
    for line in _restore_notes(args, result) + _counters_lines(args, counters):
        print(line)
    return 0


def run_key_reset(ctx: Context, args: argparse.Namespace) -> int:
    uc = unit_service(ctx)
    new = read_passphrase(args.passphrase_env, confirm=True, prompt="新密码 new: ")
    try:
        info = reset_key(uc.store, new)
    except REFUSALS as exc:
        raise _refused(exc, args) from exc
    print(
        _say(
            args,
            "已生成新的签名密钥，原密钥已停用；已填写的内容和报送编号都保留。新指纹：",
            "a new signing key was made and the old one retired; entries and numbering kept. "
            "New fingerprint:",
        )
    )
    groups = format_fingerprint(info.fingerprint).split(" ")
    print("  " + " ".join(groups[:8]))
    print("  " + " ".join(groups[8:]))
    print(
        _say(
            args,
            "下一步：运行 unit pubkey --out 文件 生成新的密钥登记文件，交市质量强市办，"
            "并通过电话或盖章的登记表核对上面的新指纹；市质量强市办登记新密钥后，"
            "新导出的报送文件才会被接收。以前报送的文件仍然有效。",
            "next: run unit pubkey --out FILE, send the new registration file to the office and "
            "confirm the new fingerprint by phone or a stamped form; exports are accepted once "
            "the office registers the new key. Earlier submissions stay valid.",
        )
    )
    return 0
