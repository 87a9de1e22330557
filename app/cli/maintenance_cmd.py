"""``backup`` sub-commands: list, create and restore backups of this install's stores."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.common import CliError, CliRefusal, Context, add_command, print_json
from app.services import backups
from app.services.install_role import RoleRefused, require_role


def register(sub: Any) -> None:
    backup = sub.add_parser("backup", help="backups of the stores: list, create, restore")
    bsub = backup.add_subparsers(dest="backup_command", metavar="COMMAND", required=True)
    add_command(bsub, "list", "every backup, newest first", cmd_list, json=True)
    p = add_command(bsub, "create", "back a store up now", cmd_create)
    p.add_argument("--store", choices=backups.STORES, default="unit")
    text = "bring a backup back (the current data is kept too)"
    p = add_command(bsub, "restore", text, cmd_restore)
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--store", choices=backups.STORES, help="default: from the file's name")


def _json(info: backups.BackupInfo) -> dict[str, Any]:
    return {
        "file": str(info.path),
        "store": info.store,
        "label": info.label,
        "created_at": info.created_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "size": info.size,
        "revision": info.revision,
    }


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    found = backups.list_backups(ctx.settings)
    if args.json:
        print_json([_json(i) for i in found])
        return 0
    if not found:
        print(f"没有备份 no backups in {ctx.settings.backup_dir}")
    for i in found:
        print(f"{i.created_at:%Y-%m-%d %H:%M:%S}Z  {i.store:<6} {i.label:<16} {i.path}")
    return 0


def cmd_create(ctx: Context, args: argparse.Namespace) -> int:
    try:
        info = backups.create_backup(ctx.settings, args.store)
    except backups.BackupError as exc:
        raise CliRefusal("backup_refused", detail=exc) from exc
    print(f"已备份 backed up: {info.path}")
    return 0


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    which = args.store or backups.store_of_backup(args.file)
    if which is None:
        raise CliRefusal("backup_store_unknown", 2, name=args.file.name)
    try:
        require_role(ctx.settings, which)  # an office backup never lands in a unit's folder
        result = backups.restore_backup(ctx.settings, which, args.file)
    except RoleRefused as exc:
        raise CliError(exc.message) from exc
    except backups.BackupError as exc:
        raise CliRefusal("backup_refused", detail=exc) from exc
    print(f"已恢复 restored: {result.restored.path.name}")
    if result.safety_copy is not None:
        print(f"恢复前的数据已另存 the data before: {result.safety_copy.path}")
    return 0
