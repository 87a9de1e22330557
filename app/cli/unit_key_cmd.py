"""``unit key`` sub-commands: rotate, passwd, backup, restore, reset (the signing key's care)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.common import CliRefusal, Context, add_command, say
from app.cli.unit_common import (
    REFUSALS,
    print_fingerprint,
    read_passphrase,
    refused,
    unit_refusals,
    unit_service,
)
from app.io.key_backup import ExportCounters
from app.io.keys import format_fingerprint
from app.services import unit_keys
from app.services.export_numbering import catch_up_counters


def register_key(usub: Any) -> None:
    key = usub.add_parser("key", help="signing key: rotate, backup, restore, reset, passwd")
    ksub = key.add_subparsers(dest="key_command", metavar="COMMAND")
    p = add_command(ksub, "rotate", "a new key, vouched for by the old one", run_key_rotate)
    p.add_argument("--out", required=True, type=Path, metavar="FILE", help="rotation statement")
    p.add_argument("--old-passphrase-env", metavar="VAR")
    p.add_argument("--new-passphrase-env", metavar="VAR")
    p = add_command(ksub, "passwd", "change the passphrase (same key)", run_key_passwd)
    p.add_argument("--old-passphrase-env", metavar="VAR")
    p.add_argument("--new-passphrase-env", metavar="VAR")
    text = "save the key (still passphrase-sealed) to a file"
    p = add_command(ksub, "backup", text, run_key_backup)
    p.add_argument("--out", required=True, type=Path, metavar="FILE")
    text = "bring a backed-up key back onto this install"
    p = add_command(ksub, "restore", text, run_key_restore)
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
    text = "forgot the passphrase: a new key (register it again)"
    p = add_command(ksub, "reset", text, run_key_reset)
    p.add_argument("--passphrase-env", metavar="VAR", help="read the new passphrase from $VAR")


def run_key_rotate(ctx: Context, args: argparse.Namespace) -> int:
    uc = unit_service(ctx)
    old = read_passphrase(args.old_passphrase_env, confirm=False, prompt="旧密码 old: ")
    new = read_passphrase(args.new_passphrase_env, confirm=True, prompt="新密码 new: ")
    with unit_refusals():
        info = unit_keys.rotate_key(uc.store, old, new)
        unit_keys.write_rotation_file(uc.store, args.out)
    print(say(args, "已更换密钥，新指纹：", "new key, fingerprint: "))
    print("  " + format_fingerprint(info.fingerprint))
    print(
        say(
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
    with unit_refusals():
        unit_keys.change_passphrase(uc.store, old, new)
    print(say(args, "密码已更改（密钥和指纹不变）", "passphrase changed (same key)"))
    return 0


def run_key_backup(ctx: Context, args: argparse.Namespace) -> int:
    uc = unit_service(ctx)
    with unit_refusals():
        path = unit_keys.backup_key(uc.store, args.out)
    print(
        say(
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
        say(
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


def _restore_notes(args: argparse.Namespace, r: unit_keys.RestoreResult) -> list[str]:
    notes = []
    if r.action == "replaced":
        notes.append(
            say(
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
            say(
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
            say(
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
        result = unit_keys.restore_key(
            store,
            args.file,
            passphrase=passphrase,
            clerk=args.clerk,
            contact=args.contact,
            replace=args.replace,
        )
    except unit_keys.KeyMismatch as exc:
        raise CliRefusal("key_mismatch", detail=exc) from exc
    except REFUSALS as exc:
        raise refused(exc) from exc
    counters = result.counters
    if args.exports:
        try:
            counters = catch_up_counters(store, args.exports)
        except REFUSALS as exc:  # the key is restored all the same: say so
            raise CliRefusal("key_restored_numbering_not", detail=exc) from exc
    info = result.profile
    zh, en = RESTORE_TEXT[result.action]
    print(say(args, zh, en) + f"{info.unit_name} ({info.unit_id})")
    print("  " + format_fingerprint(info.fingerprint))
    for line in _restore_notes(args, result) + _counters_lines(args, counters):
        print(line)
    return 0


def run_key_reset(ctx: Context, args: argparse.Namespace) -> int:
    uc = unit_service(ctx)
    new = read_passphrase(args.passphrase_env, confirm=True, prompt="新密码 new: ")
    with unit_refusals():
        info = unit_keys.reset_key(uc.store, new)
    print(
        say(
            args,
            "已生成新的签名密钥，原密钥已停用；已填写的内容和报送编号都保留。新指纹：",
            "a new signing key was made and the old one retired; entries and numbering kept. "
            "New fingerprint:",
        )
    )
    print_fingerprint(info.fingerprint)
    print(
        say(
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
