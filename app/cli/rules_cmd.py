"""``office rules``: the assessment's rules, seen and changed without the window, and the
grade thresholds (``office rules set grades --param excellent=92``) beside them.

    office rules list [--plan CODE] [--json]
    office rules set KEY [--weight W] [--enabled|--disabled] [--param NAME=VALUE]... [--plan CODE]
    office rules reset [--plan CODE]
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from app.cli.common import (
    CliRefusal,
    Context,
    actor_of,
    add_actor_option,
    add_command,
    plan_catalog_named,
    print_json,
)

if TYPE_CHECKING:
    from app.services.assessment.grades import Grades


def register(osub: Any) -> None:
    rules = osub.add_parser("rules", help="the assessment rules: weights, on/off, parameters")
    rsub = rules.add_subparsers(dest="rules_command", metavar="COMMAND", required=True)
    text = "the rules with their weights and parameters"
    p = add_command(rsub, "list", text, cmd_rules_list, json=True)
    _plan_option(p)
    epilog = "example: office rules set on_time --weight 30 --param late_credit=0.5"
    p = add_command(rsub, "set", "change a rule", cmd_rules_set, json=True, epilog=epilog)
    p.add_argument("key", metavar="KEY", help="on_time, completion, targets, indicators or grades")
    p.add_argument("--weight", help="0 to 1000")
    on_off = p.add_mutually_exclusive_group()
    on_off.add_argument("--enabled", dest="enabled", action="store_true", default=None)
    on_off.add_argument("--disabled", dest="enabled", action="store_false")
    p.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a parameter, e.g. late_credit=0.5 (逾期折算系数, 0 to 1) or, for grades, "
        "excellent=90 good=80 fair=60 (等次分数线, descending); may repeat",
    )
    p.set_defaults(enabled=None)
    _plan_option(p)
    add_actor_option(p)
    p = add_command(rsub, "reset", "back to the default rules", cmd_rules_reset, json=True)
    _plan_option(p)
    add_actor_option(p)


def _plan_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--plan", metavar="CODE", help="the plan (default: the newest)")


def _rule_json(r: Any) -> dict[str, Any]:
    """The same shape as the rules of ``office assess --json``."""
    return {
        "rule": r.key,
        "name": r.name,
        "weight": str(r.weight),
        "enabled": r.enabled,
        "params": dict(r.params),
    }


def _rule_line(r: Any) -> str:
    from app.services.assessment import param_spec

    state = "启用 enabled" if r.enabled else "停用 disabled"
    params = "，".join(
        f"{spec.label if (spec := param_spec(k)) else k} {k}={v}" for k, v in r.params.items()
    )
    return f"{r.key:<11} {r.name:<6} 权重 weight {r.weight:<5} {state}  {params}".rstrip()


def _print_rules(rules: list[Any], as_json: bool) -> None:
    if as_json:
        print_json([_rule_json(r) for r in rules])
        return
    for r in rules:
        print(_rule_line(r))


def cmd_rules_list(ctx: Context, args: argparse.Namespace) -> int:
    from app.services.assessment import list_rules
    from app.services.assessment.grades import load_grades

    store = ctx.office_store()
    catalog = plan_catalog_named(store, args.plan)
    _print_rules(list_rules(store, catalog), args.json)
    if not args.json:  # the JSON list stays the scoring rules; grades: office assess --json
        print(_grades_line(load_grades(store, catalog)))
    return 0


def _param_args(args: argparse.Namespace) -> dict[str, str]:
    """``--param NAME=VALUE`` options as a dict; bad usage for anything else."""
    params: dict[str, str] = {}
    for item in args.param:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise CliRefusal("rule_param_syntax", 2, item=repr(item))
        params[name.strip()] = value.strip()
    return params


def cmd_rules_set(ctx: Context, args: argparse.Namespace) -> int:
    from app.services.assessment import DEFAULT_RULES, AssessmentError, update_rule
    from app.services.assessment.rules import GRADES_KEY

    keys = [r.key for r in DEFAULT_RULES]
    if args.key == GRADES_KEY:
        return _set_grades(ctx, args)
    if args.key not in keys:
        raise CliRefusal("rule_unknown", 2, key=args.key, rules=", ".join(keys))
    params = _param_args(args)
    if args.weight is None and args.enabled is None and not params:
        raise CliRefusal("rule_nothing_to_change", 2)
    store = ctx.office_store()
    catalog = plan_catalog_named(store, args.plan)
    try:
        info = update_rule(
            store,
            args.key,
            weight=args.weight,
            enabled=args.enabled,
            params=params or None,
            plan_code=catalog.code,
            actor=actor_of(ctx, args),
        )
    except AssessmentError as exc:
        raise CliRefusal("assessment_refused", detail=exc) from exc
    _print_rules([info], args.json)
    return 0


def cmd_rules_reset(ctx: Context, args: argparse.Namespace) -> int:
    from app.services.assessment import reset_rules
    from app.services.assessment.grades import reset_grades

    store = ctx.office_store()
    catalog = plan_catalog_named(store, args.plan)
    actor = actor_of(ctx, args)
    _print_rules(reset_rules(store, catalog, actor=actor), args.json)
    grades = reset_grades(store, catalog, actor=actor)
    if not args.json:
        print(_grades_line(grades))
    return 0


# -- the grade thresholds (考核等次): a `grades` row beside the rules, set like a rule --------
def _grades_line(grades: Grades) -> str:
    from app.services.assessment.grades import GRADE_SPECS, GRADES_NAME
    from app.services.assessment.rules import GRADES_KEY

    bounds = "，".join(f"{g.label} {g.key}={grades.params()[g.key]}" for g in GRADE_SPECS)
    return f"{GRADES_KEY:<11} {GRADES_NAME}  {bounds}"


def _set_grades(ctx: Context, args: argparse.Namespace) -> int:
    """``office rules set grades --param excellent=92``: only thresholds, no weight or switch."""
    from app.domain.messages import Refusal
    from app.services.assessment.grades import GRADES_NAME, update_grades
    from app.services.assessment.rules import GRADES_KEY

    if args.weight is not None or args.enabled is not None:
        raise CliRefusal("grades_fixed", 2)
    params = _param_args(args)
    if not params:
        raise CliRefusal("grades_nothing_to_change", 2)
    store = ctx.office_store()
    try:
        grades = update_grades(
            store, plan_catalog_named(store, args.plan), params, actor=actor_of(ctx, args)
        )
    except Refusal as exc:
        raise CliRefusal(exc.code, 1, **exc.message.param_dict) from exc
    if args.json:
        print_json([{"rule": GRADES_KEY, "name": GRADES_NAME, "params": grades.params()}])
    else:
        print(_grades_line(grades))
    return 0
