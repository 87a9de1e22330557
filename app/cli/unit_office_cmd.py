"""The unit's side of the office's answers (docs/design.md §5): ``unit office-key add FILE
[--yes]`` / ``show`` / ``rotate FILE`` / ``replace FILE [--yes]`` (the office key the clerk
trusts), ``unit plan import
FILE`` / ``list`` (signed plan packages), ``unit feedback import FILE`` (feedback files)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.cli.common import CliRefusal, Context, add_command, output_lang, print_json, say
from app.cli.unit_common import print_fingerprint
from app.domain.plan_diff import PlanChange


def register_office(usub: Any) -> None:
    key = usub.add_parser("office-key", help="the office's key this install trusts")
    ksub = key.add_subparsers(dest="office_key_command", metavar="COMMAND", required=True)
    text = "trust the office's key registration file (after confirming its fingerprint)"
    p = add_command(ksub, "add", text, run_key_add, json=True)
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--yes", action="store_true", help="the fingerprint was confirmed already")
    add_command(ksub, "show", "the office key trusted here", run_key_show, json=True)
    text = "follow the office's key rotation statement (signed by the trusted key)"
    p = add_command(ksub, "rotate", text, run_key_rotate, json=True)
    p.add_argument("file", type=Path, metavar="FILE")
    text = (
        "trust the office's new key instead (its old key was lost or leaked; after the phone check)"
    )
    p = add_command(ksub, "replace", text, run_key_replace, json=True)
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--yes", action="store_true", help="the fingerprint was confirmed already")

    plan = usub.add_parser("plan", help="the plans: import a signed plan package, list")
    psub = plan.add_subparsers(dest="plan_command", metavar="COMMAND", required=True)
    p = add_command(psub, "import", "install a signed plan package", run_plan_import, json=True)
    p.add_argument("file", type=Path, metavar="FILE.xlsx")
    p.add_argument("--dry-run", action="store_true", help="check and list the changes only")
    add_command(psub, "list", "the plans this install holds", run_plan_list, json=True)

    feedback = usub.add_parser("feedback", help="the office's feedback files")
    fsub = feedback.add_subparsers(dest="feedback_command", metavar="COMMAND", required=True)
    text = "verify and apply a signed feedback file"
    p = add_command(fsub, "import", text, run_feedback_import, json=True)
    p.add_argument("file", type=Path, metavar="FILE.xlsx")


def _trust_json(info: Any) -> dict[str, Any]:
    return {
        "fingerprint": info.fingerprint,
        "status": info.status,
        "added_at": info.added_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def _confirmed_key_file(args: argparse.Namespace) -> Any:
    """The registration file, its fingerprint shown and confirmed (``--yes``: already)."""
    from app.services.unit_office_key import read_office_key_file

    found = read_office_key_file(args.file)
    if not args.json:
        print(say(args, "市质量强市办密钥：", "office key: ") + found.office)
        print(say(args, "指纹：", "fingerprint:"))
        print_fingerprint(found.fingerprint)
    if not args.yes:
        if not sys.stdin.isatty():
            raise CliRefusal("office_key_not_confirmed")
        answer = input("已与市质量强市办电话或盖章文件核对指纹？Confirmed? [y/N] ")
        if answer.strip().lower() not in {"y", "yes", "是"}:
            raise CliRefusal("office_key_not_confirmed")
    return found


def run_key_add(ctx: Context, args: argparse.Namespace) -> int:
    from app.services.unit_office_key import trust_office_key

    store = ctx.unit_store()
    info = trust_office_key(store, _confirmed_key_file(args))
    if args.json:
        print_json(_trust_json(info))
    else:
        print(say(args, "已信任该密钥", "trusted"))
    return 0


def run_key_replace(ctx: Context, args: argparse.Namespace) -> int:
    from app.services.unit_office_key import replace_office_trust

    store = ctx.unit_store()
    info = replace_office_trust(store, _confirmed_key_file(args))
    if args.json:
        print_json(_trust_json(info))
    else:
        print(say(args, "已改为信任新密钥：", "now trusting: ") + info.fingerprint_display)
    return 0


def run_key_show(ctx: Context, args: argparse.Namespace) -> int:
    from app.services.unit_office_key import trusted_office_key

    info = trusted_office_key(ctx.unit_store())
    if args.json:
        print_json(None if info is None else _trust_json(info))
    elif info is None:
        print(say(args, "尚未信任市质量强市办的密钥", "no office key trusted"))
    else:
        print_fingerprint(info.fingerprint)
    return 0


def run_key_rotate(ctx: Context, args: argparse.Namespace) -> int:
    from app.services.unit_office_key import follow_rotation

    info = follow_rotation(ctx.unit_store(), args.file)
    if args.json:
        print_json(_trust_json(info))
    else:
        print(say(args, "已改为信任新密钥：", "now trusting: ") + info.fingerprint_display)
    return 0


def change_json(change: PlanChange, lang: str) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "pointer": change.pointer,
        "code": change.message.code,
        "text": change.message.render(lang),
    }


def run_plan_import(ctx: Context, args: argparse.Namespace) -> int:
    from app.services.plans.package import import_plan_package

    result = import_plan_package(ctx.unit_store(), args.file, dry_run=args.dry_run)
    lang = output_lang(args)
    if args.json:
        print_json(
            {
                "code": result.code,
                "title": result.title,
                "revision": result.revision,
                "previous": result.previous,
                "already_installed": result.already_installed,
                "changes": [change_json(c, lang) for c in result.changes],
                "new_periods": list(result.new_periods),
                "moved_due_dates": list(result.moved_due_dates),
                "sha256": result.sha256,
                "dry_run": args.dry_run,
            }
        )
        return 0
    if result.already_installed:
        print(say(args, f"{result.code} 第 {result.revision} 版已在本机，未作改动",
                  f"{result.code} revision {result.revision} is installed already"))  # fmt: skip
        return 0
    print(say(args, f"已导入 {result.title}（{result.code}）第 {result.revision} 版",
              f"installed {result.title} ({result.code}) revision {result.revision}"))  # fmt: skip
    for c in result.changes:
        print("  " + c.message.render(lang))
    return 0


def run_plan_list(ctx: Context, args: argparse.Namespace) -> int:
    from app.services.plans import list_plans

    plans = list_plans(ctx.unit_store())
    if args.json:
        print_json(
            [
                {"code": p.code, "title": p.title, "year": p.year, "revision": p.revision,
                 "published": p.published}
                for p in plans
            ]
        )  # fmt: skip
        return 0
    for p in plans:
        print(f"{p.code:<20} {p.year}  第 {p.revision} 版  {p.title}")
    return 0


def run_feedback_import(ctx: Context, args: argparse.Namespace) -> int:
    from app.services.feedback import import_feedback

    result = import_feedback(ctx.unit_store(), args.file)
    if args.json:
        print_json(
            {
                "unit": result.unit,
                "sequence": result.sequence,
                "already_applied": result.already_applied,
                "older": result.older,
                "periods": list(result.periods),
                "notices": list(result.notices),
                "sha256": result.sha256,
                "plan": {
                    "code": result.plan,
                    "revision": result.plan_revision,
                    "installed": result.installed_revision,
                },
            }
        )
        return 0
    if result.plan_revision > result.installed_revision:
        print(say(args, f"工作方案 {result.plan} 已有第 {result.plan_revision} 版（本机为第 "
                        f"{result.installed_revision} 版）：请导入市质量强市办的工作方案包",
                  f"plan {result.plan} is at revision {result.plan_revision} (here "
                  f"{result.installed_revision}): import the office's plan package"))  # fmt: skip
    if result.already_applied:
        print(say(args, f"反馈文件第 {result.sequence} 号已导入过，未作改动",
                  f"feedback #{result.sequence} was applied already"))  # fmt: skip
    else:
        print(
            say(
                args,
                f"已导入反馈文件第 {result.sequence} 号",
                f"applied feedback #{result.sequence}",
            )
        )
    return 0


REVIEW_TEXT = {
    "pending": ("待审核", "pending"),
    "accepted": ("已受理", "accepted"),
    "returned": ("退回修改", "returned"),
}


def answers_json(answers: Any) -> dict[str, Any]:
    """What ``unit status --json`` adds: the office's decision, its receipts and notices."""
    r = answers.review
    review = None
    if r is not None:
        review = {
            "state": r.state,
            "version": r.version,
            "comment": r.comment,
            "comments": [{"task": t, "text": x} for t, x in r.comments.items()],
        }
    return {
        "review": review,
        "receipts": [
            {"version": x.version, "sha256": x.sha256, "accepted_at": x.accepted_at.isoformat()}
            for x in answers.receipts
        ],
        "notices": [
            {"id": n.id, "task": n.task, "text": n.text, "due": n.due.isoformat(),
             "state": n.state, "overdue": n.overdue, "response": n.response}
            for n in answers.notices
        ],
    }  # fmt: skip


def print_answers(args: argparse.Namespace, answers: Any) -> None:
    r = answers.review
    if r is not None:
        zh, en = REVIEW_TEXT[r.state]
        print(
            say(
                args,
                f"审核：v{r.version} {zh} {r.comment}",
                f"review: v{r.version} {en} {r.comment}",
            ).rstrip()
        )
        for task, text in r.comments.items():
            print(say(args, f"  任务 {task}：{text}", f"  task {task}: {text}"))
    for n in answers.notices:
        late = say(args, "（已逾期）", " (overdue)") if n.overdue else ""
        print(say(args, f"督办 #{n.id} 任务 {n.task}，{n.due} 前答复{late}：{n.text}",
                  f"notice #{n.id} task {n.task}, due {n.due}{late}: {n.text}"))  # fmt: skip
