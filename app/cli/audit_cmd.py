"""``office audit``: the audit log, filtered, and the check of its hash chain (design §4, §5).

office audit [--action A] [--actor NAME] [--since DATE] [--until DATE] [--text T]
             [--limit N] [--json]
office audit verify [--json]                          exit 1 when the chain is broken
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.cli.common import Context, add_command, date_option, output_lang, print_json, say
from app.domain.audit_actions import AUDIT_ACTIONS
from app.domain.plan_time import PLAN_TZ
from app.services import audit


def register(osub: Any) -> None:
    text = "the audit log: who did what, when (newest first)"
    p = add_command(osub, "audit", text, cmd_audit, json=True)
    p.add_argument("--action", choices=AUDIT_ACTIONS, metavar="ACTION",
                   help=", ".join(AUDIT_ACTIONS))  # fmt: skip
    p.add_argument("--actor", metavar="NAME", help="only this staff member's")
    p.add_argument("--since", metavar="DATE", help="from this day (ISO date, Beijing time)")
    p.add_argument("--until", metavar="DATE", help="up to and including this day")
    p.add_argument("--text", metavar="T", help="only rows whose subject or details contain T")
    p.add_argument("--limit", type=int, metavar="N", help="the newest N rows")
    vsub = p.add_subparsers(dest="audit_command", metavar="COMMAND")
    add_command(vsub, "verify", "check the hash chain (exit 1 if broken)", cmd_verify, json=True)


def cmd_audit(ctx: Context, args: argparse.Namespace) -> int:
    rows = audit.list_audit(
        ctx.office_store(),
        action=args.action,
        actor=args.actor,
        since=date_option(args.since, "--since"),
        until=date_option(args.until, "--until"),
        text=args.text,
        limit=args.limit,
    )
    if args.json:
        print_json([r.to_json() for r in rows])
        return 0
    if not rows:
        print(say(args, "审计日志中没有符合条件的记录", "no audit rows match"))
    for r in rows:
        at = r.at.astimezone(PLAN_TZ).strftime("%Y-%m-%d %H:%M:%S")
        print(f"{r.id:>6} {at} {r.actor or '-':<10} {r.action:<16} {r.subject}")
    return 0


def cmd_verify(ctx: Context, args: argparse.Namespace) -> int:
    verdict = audit.verify_audit(ctx.office_store())
    lang = output_lang(args)
    if args.json:
        print_json(verdict.to_json(lang))
    elif verdict.ok:
        print(say(args, f"审计日志完好：{verdict.rows} 条，链头 {verdict.head}",
                  f"audit log intact: {verdict.rows} rows, head {verdict.head}"))  # fmt: skip
    if verdict.problem is not None:
        print(f"error: {verdict.problem.render(lang)}", file=sys.stderr)
        return 1
    return 0
