"""``office key …``: the office's own signing key (docs/design.md §3, §5): ``create``,
``show``, ``export --out F`` (the registration file units trust), ``rotate --out F`` (a new
key and the statement the old one signs), ``replace`` (a new key without one: the old key's
passphrase is lost or the key leaked; every unit registers the new key again)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.common import (
    CliRefusal,
    Context,
    actor_of,
    add_actor_option,
    add_command,
    print_json,
    say,
)
from app.cli.unit_common import print_fingerprint, read_passphrase, refused
from app.io.keys import KeyFileError, format_fingerprint


def register_key(osub: Any) -> None:
    key = osub.add_parser("key", help="the office's signing key: create, export, rotate")
    ksub = key.add_subparsers(dest="key_command", metavar="COMMAND", required=True)
    p = add_command(ksub, "create", "create the office's signing key", cmd_create, json=True)
    p.add_argument("--passphrase-env", metavar="VAR", help="read the passphrase from $VAR")
    add_actor_option(p)
    add_command(ksub, "show", "the office key in force", cmd_show, json=True)
    text = "write the office's key registration file for the units"
    p = add_command(ksub, "export", text, cmd_export, json=True)
    p.add_argument("--out", required=True, type=Path, metavar="FILE")
    text = "a new key, vouched for by the old one (statement file for the units)"
    p = add_command(ksub, "rotate", text, cmd_rotate, json=True)
    p.add_argument("--out", required=True, type=Path, metavar="FILE", help="rotation statement")
    p.add_argument("--old-passphrase-env", metavar="VAR")
    p.add_argument("--new-passphrase-env", metavar="VAR")
    add_actor_option(p)
    text = "a new key without the old one (its passphrase lost, or leaked): units register anew"
    p = add_command(ksub, "replace", text, cmd_replace, json=True)
    p.add_argument("--new-passphrase-env", metavar="VAR")
    add_actor_option(p)


def _key_json(info: Any) -> dict[str, Any]:
    return {
        "fingerprint": info.fingerprint,
        "status": info.status,
        "created_at": info.created_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def create_key(ctx: Context, args: argparse.Namespace, env: str | None) -> Any:
    """The office key from ``$env`` (``office init --passphrase-env`` and ``key create``)."""
    from app.services.office_key import create_office_key

    passphrase = read_passphrase(env, confirm=True)
    info = create_office_key(ctx.office_store(), passphrase, actor=actor_of(ctx, args))
    if not getattr(args, "json", False):
        print(say(args, "已创建市质量强市办签名密钥，指纹：", "office key created, fingerprint:"))
        print_fingerprint(info.fingerprint)
    return info


def cmd_create(ctx: Context, args: argparse.Namespace) -> int:
    info = create_key(ctx, args, args.passphrase_env)
    if args.json:
        print_json(_key_json(info))
    return 0


def cmd_show(ctx: Context, args: argparse.Namespace) -> int:
    from app.services.office_key import office_key

    info = office_key(ctx.office_store())
    if args.json:
        print_json(None if info is None else _key_json(info))
    elif info is None:
        print(say(args, "尚未创建签名密钥", "no office key yet"))
    else:
        print_fingerprint(info.fingerprint)
    return 0


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    from app.services.office_key import export_office_key, office_key

    store = ctx.office_store()
    path = export_office_key(store, args.out)
    info = office_key(store)
    assert info is not None
    if args.json:
        print_json({"file": str(path), **_key_json(info)})
        return 0
    print(say(args, "已写入密钥登记文件：", "registration file written: ") + str(path))
    print(say(args, "指纹：", "fingerprint: ") + format_fingerprint(info.fingerprint))
    return 0


def cmd_rotate(ctx: Context, args: argparse.Namespace) -> int:
    from app.services.office_key import rotate_office_key, write_rotation_file

    store = ctx.office_store()
    old = read_passphrase(args.old_passphrase_env, confirm=False, prompt="旧密码 old: ")
    new = read_passphrase(args.new_passphrase_env, confirm=True, prompt="新密码 new: ")
    try:
        info = rotate_office_key(store, old, new, actor=actor_of(ctx, args))
    except KeyFileError as exc:
        raise refused(exc) from exc
    write_rotation_file(store, args.out)
    if args.json:
        print_json({"statement": str(args.out), **_key_json(info)})
        return 0
    print(say(args, "已更换签名密钥，新指纹：", "new office key, fingerprint: "))
    print_fingerprint(info.fingerprint)
    print(say(args, f"密钥更换声明：{args.out}", f"rotation statement: {args.out}"))
    return 0


def cmd_replace(ctx: Context, args: argparse.Namespace) -> int:
    from app.services.office_key import office_key, replace_office_key

    store = ctx.office_store()
    old = office_key(store)
    if old is None:
        raise CliRefusal("office_key_missing")
    new = read_passphrase(args.new_passphrase_env, confirm=True, prompt="新密码 new: ")
    info = replace_office_key(store, new, actor=actor_of(ctx, args))
    if args.json:
        print_json({**_key_json(info), "old_fingerprint": old.fingerprint})
        return 0
    print(say(args, "已启用新签名密钥，指纹：", "new office key, fingerprint: "))
    print_fingerprint(info.fingerprint)
    print(
        say(
            args,
            "旧密钥已停用，且没有更换声明：请用 office key export 导出新的登记文件发给各单位，"
            "并请各单位核对上面的指纹后用 unit office-key replace 改信。",
            "The old key is retired without a statement: export the new registration file"
            " (office key export) for the units, who confirm the fingerprint above and run"
            " unit office-key replace.",
        )
    )
    return 0
