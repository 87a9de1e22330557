"""``office review``: accept or return a unit's current version for a period (design §4, §5).

    office review --period P                                     the review state of every unit
    office review --period P --unit U --accept [--comment T] [--version N]
    office review --period P --unit U --return --comment T [--task N --comment T]...
    office review --period P --accept-all-clean

``--comment`` right after ``--task N`` is that task's comment; otherwise the general one.
``--version N``: the version the staff member looked at; refused (with the decision as it is
now) if the unit's current version or its decision is another by then.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from app.cli.common import (
    CliError,
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
from app.services import review as svc

_PENDING = "_review_task"  # the --task waiting for its --comment


class _Task(argparse.Action):
    def __call__(
        self, parser: Any, ns: argparse.Namespace, value: Any, option: str | None = None
    ) -> None:
        if getattr(ns, _PENDING, None) is not None:  # refused by the command (no traceback)
            ns.review_bad_pairs = True
        setattr(ns, _PENDING, str(value))


class _Comment(argparse.Action):
    def __call__(
        self, parser: Any, ns: argparse.Namespace, value: Any, option: str | None = None
    ) -> None:
        task = getattr(ns, _PENDING, None)
        if task is None:
            ns.comment = str(value)
        else:
            ns.task_comments = {**(ns.task_comments or {}), task: str(value)}
            setattr(ns, _PENDING, None)


def register(osub: Any) -> None:
    text = "review a period: accept or return each unit's current version"
    p = add_command(osub, "review", text, cmd_review, json=True)
    add_period_options(p)
    p.add_argument("--unit", metavar="U", help="the unit (its code)")
    choice = p.add_mutually_exclusive_group()
    choice.add_argument("--accept", dest="decision", action="store_const", const="accepted")
    choice.add_argument("--return", dest="decision", action="store_const", const="returned")
    choice.add_argument(
        "--accept-all-clean",
        dest="decision",
        action="store_const",
        const="all_clean",
        help="accept every pending version without problems",
    )
    p.add_argument("--comment", action=_Comment, metavar="TEXT", default="",
                   help="the general comment, or (right after --task N) that task's")  # fmt: skip
    p.add_argument("--task", action=_Task, metavar="N", help="a task; its --comment follows")
    p.add_argument("--version", type=int, metavar="N", help="the version you looked at")
    p.set_defaults(task_comments={}, review_bad_pairs=False)
    add_actor_option(p)


def state_json(st: svc.ReviewState) -> dict[str, Any]:
    return {
        "unit": st.unit_code,
        "unit_name": st.unit_name,
        "period": st.period_code,
        "plan": st.plan_code,
        "row_version": st.row_version,
        **st.to_json(),
    }


def cmd_review(ctx: Context, args: argparse.Namespace) -> int:
    if args.review_bad_pairs or getattr(args, _PENDING, None) is not None:
        raise CliRefusal("review_task_comment_syntax", 2)
    store = ctx.office_store()
    catalog = period_catalog(store, args.period, args.plan)
    if args.decision is None:
        if args.unit is not None or args.comment or args.task_comments:
            raise CliRefusal("review_choose", 2)
        return _show(args, svc.review_states(store, args.period, catalog.code))
    actor = actor_of(ctx, args)
    if args.decision == "all_clean":
        done = svc.accept_all_clean(store, args.period, actor, catalog.code)
        return _show(args, done, accepted=True)
    if args.unit is None:
        raise CliRefusal("review_needs_unit", 2)
    try:
        seen = _seen(store, args, catalog.code)
        st = svc.decide(
            store,
            unit_code=args.unit,
            period_code=args.period,
            state=args.decision,
            comment=args.comment,
            task_comments=args.task_comments,
            actor=actor,
            seen=seen,
            plan_code=catalog.code,
        )
    except svc.ReviewConflict as exc:
        raise CliError(exc.message, 1, {"current": state_json(exc.current)}) from exc
    return _show(args, [st])


def _seen(store: Any, args: argparse.Namespace, plan: str) -> svc.ReviewState | None:
    """What ``--version N`` says the staff member looked at (None: no claim)."""
    if args.version is None:
        return None
    now = svc.review_state(store, args.unit, args.period, plan)
    if now is not None and now.version != args.version:
        raise svc.ReviewConflict(now)
    return now


def _show(
    args: argparse.Namespace, states: Sequence[svc.ReviewState], accepted: bool = False
) -> int:
    if args.json:
        key = "accepted" if accepted else "units"
        print_json({"period": args.period, key: [state_json(s) for s in states]})
        return 0
    if accepted:
        print(say(args, f"已受理 {len(states)} 个单位", f"accepted {len(states)} units"))
    for s in states:
        state = svc.state_words(s.state) if say(args, "zh", "en") == "zh" else s.state
        who = f"  {s.actor}" if s.actor else ""
        flags = f"  [{', '.join(s.problems)}]" if s.problems else ""
        print(f"  {s.unit_code:<8} {s.unit_name:<12} v{s.version:<3} {state}{who}{flags}")
        if s.comment:
            print(f"      {s.comment}")
        for c in s.comments:
            print(f"      {say(args, '任务', 'task')} {c.task}: {c.text}")
    return 0
