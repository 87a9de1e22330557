"""``office supervise``: 督办 notices on a unit's task (design §4, §5).

office supervise add --unit U --task N --due DATE --text TEXT [--period P] [--plan CODE]
office supervise list [--unit U] [--state open|answered|closed|overdue] [--as-of DATE]
office supervise close ID
office supervise print ID --out NOTICE.docx
"""

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
    date_option,
    print_json,
    say,
)
from app.services import supervision as svc


def register(osub: Any) -> None:
    sup = osub.add_parser("supervise", help="督办: notices on a unit's task")
    ssub = sup.add_subparsers(dest="supervise_command", metavar="COMMAND", required=True)
    p = add_command(ssub, "add", "raise a notice", cmd_add, json=True)
    p.add_argument("--unit", required=True, metavar="U")
    p.add_argument("--task", required=True, metavar="N")
    p.add_argument("--due", required=True, metavar="DATE", help="ISO date, e.g. 2016-04-30")
    p.add_argument("--text", required=True, metavar="TEXT")
    p.add_argument("--period", metavar="P", help="the report period it concerns")
    p.add_argument("--plan", metavar="CODE", help="the plan (default: the newest with the unit)")
    add_actor_option(p)
    p = add_command(ssub, "list", "the notices", cmd_list, json=True)
    p.add_argument("--unit", metavar="U")
    p.add_argument("--state", choices=svc.STATES)
    p.add_argument("--plan", metavar="CODE")
    p.add_argument("--as-of", dest="as_of", metavar="DATE", help="overdue as of (default: today)")
    p = add_command(ssub, "close", "close a notice (办结)", cmd_close, json=True)
    p.add_argument("id", type=int, metavar="ID")
    add_actor_option(p)
    text = "the printable notice (督办通知, .docx)"
    p = add_command(ssub, "print", text, cmd_print, json=True)
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.docx")


def _show(args: argparse.Namespace, notices: list[svc.NoticeInfo]) -> None:
    for n in notices:
        state = svc.STATE_ZH[n.state] if say(args, "zh", "en") == "zh" else n.state
        late = say(args, " 已逾期", " overdue") if n.overdue else ""
        print(f"  #{n.id:<4} {n.unit_code:<8} {say(args, '任务', 'task')} {n.task:<3} "
              f"{n.due}  {state}{late}  {n.text}")  # fmt: skip
        if n.response:
            print(f"        {say(args, '答复', 'answer')}: {n.response}")


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    due = date_option(args.due, "--due")
    assert due is not None
    store = ctx.office_store()
    n = svc.add_notice(
        store,
        unit_code=args.unit,
        task=args.task,
        due=due,
        text=args.text,
        actor=actor_of(ctx, args),
        period_code=args.period,
        plan_code=args.plan,
    )
    if args.json:
        print_json(n.to_json())
    else:
        _show(args, [n])
    return 0


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    today = date_option(args.as_of, "--as-of")
    notices = svc.list_notices(
        ctx.office_store(), unit_code=args.unit, state=args.state, today=today, plan_code=args.plan
    )
    if args.json:
        print_json([n.to_json() for n in notices])
    elif not notices:
        print(say(args, "没有督办事项", "no notices"))
    else:
        _show(args, notices)
    return 0


def cmd_close(ctx: Context, args: argparse.Namespace) -> int:
    store = ctx.office_store()
    n = svc.close_notice(store, args.id, actor_of(ctx, args))
    if args.json:
        print_json(n.to_json())
    else:
        _show(args, [n])
    return 0


def cmd_print(ctx: Context, args: argparse.Namespace) -> int:
    out: Path = args.out
    if out.suffix.lower() != ".docx":
        raise CliRefusal("bulletin_out_not_docx", 2, path=out)
    if not out.parent.is_dir():
        raise CliRefusal("folder_missing", 2, path=out.parent)
    try:
        path = svc.write_notice_document(ctx.office_store(), args.id, out)
    except OSError as exc:
        raise CliRefusal("file_unwritable", path=out, detail=exc.strerror or exc) from exc
    if args.json:
        print_json({"id": args.id, "path": str(path)})
    else:
        print(path)
    return 0
