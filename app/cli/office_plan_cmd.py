"""``office plan …``: the office's plans without the window (docs/design.md §1, §5).

``list``, ``import FILE`` (a plan document, the template workbook or a plan file → a draft),
``export CODE --out F.xlsx`` (the template), ``publish CODE`` (the draft becomes the next
revision), ``new``, ``copy``, ``discard``. A plan with problems is refused as a whole (exit 1)
with every problem named: its place in the plan, and for a workbook its sheet, row and column.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.cli.common import (
    CliError,
    CliRefusal,
    Context,
    actor_of,
    add_actor_option,
    add_command,
    output_lang,
    print_json,
    say,
)
from app.domain.plan_catalog import catalog_from_plan, plan_content_hash
from app.domain.plan_problems import describe_pointer

MAX_SHOWN = 50  # problems printed on stderr; --json lists them all


def register_plan(osub: Any) -> None:
    plan = osub.add_parser("plan", help="the office's plans: list, import, export, publish")
    psub = plan.add_subparsers(dest="plan_command", metavar="COMMAND", required=True)
    add_command(psub, "list", "the plans of the store", cmd_list, json=True)
    text = "a plan document (.txt/.docx), the template (.xlsx) or a plan file (.json) → a draft"
    p = add_command(psub, "import", text, cmd_import, json=True)
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--code", metavar="CODE", help="the plan's code (default: from the file)")
    p.add_argument("--dry-run", action="store_true", help="check and show; save nothing")
    p = add_command(psub, "export", "the plan as the template workbook", cmd_export)
    p.add_argument("code", metavar="CODE")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx")
    text = "the draft becomes the next revision; --out: the signed plan package for the units"
    p = add_command(psub, "publish", text, cmd_publish, json=True)
    p.add_argument("code", metavar="CODE")
    add_actor_option(p)
    p.add_argument("--out", type=Path, metavar="FILE.xlsx", help="write the signed plan package")
    p.add_argument("--passphrase-env", metavar="VAR", help="the office key's passphrase from $VAR")
    p = add_command(psub, "new", "an empty plan to fill in", cmd_new, json=True)
    p.add_argument("code", metavar="CODE")
    p.add_argument("--title", required=True)
    p.add_argument("--year", required=True, type=int)
    text = "a new plan from a published one, periods moved to the new year"
    p = add_command(psub, "copy", text, cmd_copy, json=True)
    p.add_argument("source", metavar="SOURCE")
    p.add_argument("code", metavar="CODE")
    p.add_argument("--year", required=True, type=int)
    p = add_command(psub, "discard", "throw a plan's draft away", cmd_discard)
    p.add_argument("code", metavar="CODE")


def _summary_json(s: Any) -> dict[str, Any]:
    return {
        "code": s.code,
        "title": s.title,
        "year": s.year,
        "revision": s.revision,
        "published": s.published,
    }


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    from app.services.plans import list_plans

    plans = list_plans(ctx.office_store())
    if args.json:
        print_json([_summary_json(p) for p in plans])
        return 0
    for p in plans:
        state = f"第 {p.revision} 版" if p.published else "未发布"
        draft = "（有草稿）" if p.has_draft else ""
        print(f"{p.code:<20} {p.year}  {state}{draft}  {p.title}")
    return 0


def _problems(exc: Any, lang: str) -> list[dict[str, Any]]:
    places = getattr(exc, "places", ())
    out = []
    for i, p in enumerate(exc.problems):
        place = places[i] if i < len(places) else None
        item = {
            "pointer": p.pointer,
            "where": describe_pointer(exc.plan, p.pointer, lang),
            "code": p.message.code,
            "params": p.message.param_dict,
            "reason": p.message.render(lang),
        }
        out.append(item | (place.to_json() if place is not None else {}))
    return out


def _refuse_plan(exc: Any, args: argparse.Namespace) -> CliError:
    """A refused plan: every problem on stderr (at most ``MAX_SHOWN``) and in ``--json``."""
    lang = output_lang(args)
    problems = _problems(exc, lang)
    sep = ": " if lang == "en" else "："
    for p in problems[:MAX_SHOWN]:
        cell = f"{p['sheet']}!{p['column']}{p['row']} " if "sheet" in p else ""
        print(f"  {cell}{p['where']}{sep}{p['reason']}", file=sys.stderr)
    return CliError(exc.message, 1, {"problems": problems})


def _plan_json(result: Any, lang: str) -> dict[str, Any]:
    """The imported plan in ``catalog --json``'s shape, plus the guesses and the draft."""
    from app.io.plan_file import normal_plan, validate_plan

    normal = normal_plan(validate_plan(result.plan))
    catalog = catalog_from_plan(normal, plan_content_hash(normal), revision=0)
    shown = catalog.to_json()
    shown["plan"].pop("revision")
    return {
        **shown,
        "guesses": [
            {"where": g.where.render(lang), "what": g.what.render(lang), "field": g.pointer}
            for g in result.guesses
        ],
        "saved": result.saved,
    }


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    from app.services.plans import PlanRejected, import_plan_file

    lang = output_lang(args)
    try:
        result = import_plan_file(ctx.office_store(), args.file, args.code, args.dry_run)
    except PlanRejected as exc:
        raise _refuse_plan(exc, args) from exc
    if args.json:
        print_json(_plan_json(result, lang))
        return 0
    plan = result.plan
    verb = say(args, "（试导入，未保存）", " (dry run, nothing saved)") if args.dry_run else ""
    print(f"{result.code}  {plan['plan']['title']}{verb}")
    print(
        say(
            args,
            f"{len(plan['sections'])} 个部分，{len(plan['tasks'])} 项任务，"
            f"{len(plan['units'])} 个单位，{len(plan['periods'])} 个报告期",
            f"{len(plan['sections'])} sections, {len(plan['tasks'])} tasks, "
            f"{len(plan['units'])} units, {len(plan['periods'])} periods",
        )
    )
    sep = ": " if lang == "en" else "："
    for g in result.guesses:
        print(f"  ? {g.where.render(lang)}{sep}{g.what.render(lang)}")
    return 0


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    from app.services.plans import export_plan_template

    export_plan_template(ctx.office_store(), args.code, args.out)
    print(args.out)
    return 0


def cmd_publish(ctx: Context, args: argparse.Namespace) -> int:
    """Publish the draft; with ``--out`` (a draft or not) also write the signed package of
    the newest revision."""
    from app.domain.messages import Refusal
    from app.services.plans import PlanRejected, list_plans, publish_plan

    store = ctx.office_store()
    if args.out is not None and args.out.suffix.lower() != ".xlsx":
        raise CliRefusal("out_not_xlsx", 2, path=args.out)
    try:
        summary = publish_plan(store, args.code, actor=actor_of(ctx, args))
        published = True
    except PlanRejected as exc:
        raise _refuse_plan(exc, args) from exc
    except Refusal as exc:  # nothing to publish: with --out, package the newest revision
        if args.out is None or exc.code != "plan_no_draft":
            raise
        summary = next(p for p in list_plans(store) if p.code == args.code)
        published = False
    out = _write_package(ctx, args) if args.out is not None else None
    if args.json:
        package = None if out is None else {"file": str(out.path), "sha256": out.sha256}
        print_json({**_summary_json(summary), "published_now": published, "package": package})
        return 0
    if published:
        print(say(args, f"已发布 {summary.code} 第 {summary.revision} 版",
                  f"published {summary.code} revision {summary.revision}"))  # fmt: skip
    if out is not None:
        print(say(args, f"已写入工作方案包 {out.path}（第 {out.revision} 版）",
                  f"plan package written: {out.path} (revision {out.revision})"))  # fmt: skip
    return 0


def _write_package(ctx: Context, args: argparse.Namespace) -> Any:
    from app.cli.unit_common import read_passphrase, refused
    from app.io.keys import KeyFileError
    from app.services.plans.package import write_plan_package

    passphrase = read_passphrase(args.passphrase_env, confirm=False)
    try:
        return write_plan_package(
            ctx.office_store(), args.code, args.out, passphrase, actor=actor_of(ctx, args)
        )
    except KeyFileError as exc:
        raise refused(exc) from exc


def _draft_json(draft: Any) -> dict[str, Any]:
    return {"code": draft.code, "revision": draft.revision, "based_on": draft.based_on}


def cmd_new(ctx: Context, args: argparse.Namespace) -> int:
    from app.services.plans import new_plan

    draft = new_plan(ctx.office_store(), args.code, args.title, args.year)
    print_json(_draft_json(draft)) if args.json else print(draft.code)
    return 0


def cmd_copy(ctx: Context, args: argparse.Namespace) -> int:
    from app.services.plans import copy_plan

    draft = copy_plan(ctx.office_store(), args.source, args.code, args.year)
    print_json(_draft_json(draft)) if args.json else print(draft.code)
    return 0


def cmd_discard(ctx: Context, args: argparse.Namespace) -> int:
    from app.services.plans import discard_draft

    discard_draft(ctx.office_store(), args.code)
    print(args.code)
    return 0
