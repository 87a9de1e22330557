"""``office feedback --period P --out DIR``: one signed feedback file per unit with news
(docs/design.md §4, §5)."""

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
    add_period_options,
    period_catalog,
    print_json,
    say,
)


def register(osub: Any) -> None:
    text = "one signed feedback file per unit with news for a period"
    p = add_command(osub, "feedback", text, cmd_feedback, json=True)
    add_period_options(p)
    p.add_argument("--out", required=True, type=Path, metavar="DIR")
    p.add_argument("--passphrase-env", metavar="VAR", help="the office key's passphrase from $VAR")
    add_actor_option(p)


def cmd_feedback(ctx: Context, args: argparse.Namespace) -> int:
    from app.cli.unit_common import read_passphrase, refused
    from app.io.keys import KeyFileError
    from app.services.feedback import write_feedback

    if not args.out.is_dir():
        raise CliRefusal("folder_missing", 2, path=args.out)
    store = ctx.office_store()
    catalog = period_catalog(store, args.period, args.plan)
    passphrase = read_passphrase(args.passphrase_env, confirm=False)
    try:
        written = write_feedback(
            store,
            args.period,
            args.out,
            passphrase,
            actor=actor_of(ctx, args),
            plan_code=catalog.code,
        )
    except KeyFileError as exc:
        raise refused(exc) from exc
    if args.json:
        print_json(
            [
                {
                    "unit": w.unit_code,
                    "file": str(w.path),
                    "sha256": w.sha256,
                    "sequence": w.sequence,
                    "news": list(w.news),
                }
                for w in written
            ]
        )
        return 0
    if not written:
        print(say(args, f"{args.period} 没有需要反馈的单位", f"nothing to send for {args.period}"))
    for w in written:
        print(f"{w.unit_code:<8} #{w.sequence}  {w.path}  ({', '.join(w.news)})")
    return 0
