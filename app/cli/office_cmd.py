"""``office`` sub-commands: set-up, key registry, import, status, report, assessment (the
rules: ``rules_cmd``; plans: ``office_plan_cmd``; bulletins: ``bulletin_cmd``)."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.cli import audit_cmd, bulletin_cmd, feedback_cmd, review_cmd, rules_cmd, supervise_cmd
from app.cli.common import (
    CliRefusal,
    Context,
    actor_of,
    add_actor_option,
    add_command,
    add_period_options,
    output_lang,
    period_catalog,
    plan_catalog_named,
    print_json,
)
from app.cli.office_key_cmd import create_key, register_key
from app.cli.office_plan_cmd import register_plan
from app.io.keys import format_fingerprint
from app.services import office_trust
from app.services.catalog import catalog_naming_unit
from app.services.office_import import Importer
from app.services.office_status import period_status
from app.services.review import state_words
from app.services.stores import store_catalog

STATE_ZH = {"submitted": "已报送", "late": "逾期报送", "missing": "未报送", "rejected": "被拒收"}
OUTCOME_ZH = {"accepted": "已接收", "superseded": "旧版本", "duplicate": "重复", "rejected": "拒收"}


def register(sub: Any) -> None:
    office = sub.add_parser("office", help="the office: keys, import, status, report")
    osub = office.add_subparsers(dest="office_command", metavar="COMMAND", required=True)
    p = add_command(osub, "init", "create the office store (and, given, its key)", cmd_init)
    p.add_argument(
        "--passphrase-env", metavar="VAR", help="also create the office's key, sealed by $VAR"
    )
    add_actor_option(p)
    register_key(osub)
    _register_trust(osub)

    text = "import submission files or folders"
    p = add_command(osub, "import", text, cmd_import, json=True)
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--dry-run", action="store_true", help="show what would change; change nothing")
    add_actor_option(p)

    p = add_command(osub, "status", "who has reported for a period", cmd_status, json=True)
    add_period_options(p)

    text = "the consolidated report workbook of a period"
    p = add_command(osub, "report", text, cmd_report, json=True)
    add_period_options(p)
    p.add_argument("--out", required=True, type=Path, metavar="FILE.xlsx")

    text = "the annual assessment: every unit's score, explained"
    p = add_command(osub, "assess", text, cmd_assess, json=True)
    add_period_options(p, required=False, help="the annual period (default: the plan's)")
    p.add_argument("--as-of", dest="as_of", help="count periods due by this date (default: today)")
    rules_cmd.register(osub)
    register_plan(osub)
    bulletin_cmd.register(osub)
    review_cmd.register(osub)
    supervise_cmd.register(osub)
    audit_cmd.register(osub)
    feedback_cmd.register(osub)


def _register_trust(osub: Any) -> None:
    trust = osub.add_parser("trust", help="the registry of units' signing keys")
    tsub = trust.add_subparsers(dest="trust_command", metavar="COMMAND", required=True)
    p = add_command(tsub, "add", "register a unit's key registration file", cmd_trust_add)
    p.add_argument("file", type=Path)
    p.add_argument("--yes", action="store_true", help="the fingerprint was confirmed already")
    add_actor_option(p)
    add_command(tsub, "list", "registered keys", cmd_trust_list, json=True)
    text = "refuse every file signed by a key that arrives from now on (design §3)"
    p = add_command(tsub, "revoke", text, cmd_trust_revoke)
    p.add_argument("fingerprint")
    p.add_argument(
        "--from", dest="since", help="ISO date or time the revocation takes effect (default: now)"
    )
    add_actor_option(p)
    text = "accept a key rotation statement signed by the old key"
    p = add_command(tsub, "rotate", text, cmd_trust_rotate)
    p.add_argument("file", type=Path)
    add_actor_option(p)


def cmd_init(ctx: Context, args: argparse.Namespace) -> int:
    store = ctx.office_store()
    catalog = store_catalog(store)
    where = ctx.settings.db_url or str(ctx.settings.office_store_path)
    print(f"office store ready: {where} ({catalog.title}, {len(catalog.units)} units)")
    if args.passphrase_env:
        from app.services.office_key import office_key

        if office_key(store) is None:
            create_key(ctx, args, args.passphrase_env)
    return 0


def cmd_trust_add(ctx: Context, args: argparse.Namespace) -> int:
    store = ctx.office_store()
    try:
        reg = office_trust.read_registration_file(args.file)
    except office_trust.TrustError as exc:
        raise CliRefusal("trust_file_refused", file=args.file, detail=exc) from exc
    catalog = catalog_naming_unit(store, reg.unit) or store_catalog(store)
    unit = catalog.find_unit(reg.unit)
    print(f"单位 unit: {unit.name if unit else reg.unit}  填报人 clerk: {reg.clerk}")
    print(f"指纹 fingerprint: {format_fingerprint(reg.fingerprint)}")
    if not args.yes and sys.stdin.isatty():
        answer = input("已与该单位电话或盖章回执核对指纹？Confirmed out of band? [y/N] ")
        if answer.strip().lower() not in {"y", "yes", "是"}:
            raise CliRefusal("trust_not_confirmed")
    try:
        info = office_trust.add_trusted_key(store, catalog, reg, actor=actor_of(ctx, args))
    except office_trust.TrustError as exc:
        raise CliRefusal("trust_refused", detail=exc) from exc
    print(f"registered key for {info.unit_id} ({info.status})")
    return 0


def cmd_trust_list(ctx: Context, args: argparse.Namespace) -> int:
    keys = office_trust.list_trusted_keys(ctx.office_store())
    if args.json:
        print_json(
            [
                {
                    "unit": k.unit_id,
                    "fingerprint": k.fingerprint,
                    "status": k.status,
                    "clerk": k.clerk,
                    "registered_at": k.registered_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "revoked_from": None
                    if k.revoked_from is None
                    else k.revoked_from.strftime("%Y-%m-%dT%H:%M:%SZ"),
                }
                for k in keys
            ]
        )
        return 0
    if not keys:
        print("no keys registered yet")
    for k in keys:
        print(f"{k.unit_id:<8} {k.status:<8} {k.fingerprint_display}  {k.unit_name}")
    return 0


def _parse_when(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        at = datetime.fromisoformat(text)
    except ValueError as exc:
        raise CliRefusal("option_not_iso_time", 2, option="--from", text=text) from exc
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def cmd_trust_revoke(ctx: Context, args: argparse.Namespace) -> int:
    try:
        info = office_trust.revoke_key(
            ctx.office_store(), args.fingerprint, _parse_when(args.since), actor=actor_of(ctx, args)
        )
    except office_trust.TrustError as exc:
        raise CliRefusal("trust_refused", detail=exc) from exc
    print(f"revoked {info.fingerprint_display} of {info.unit_id} from {info.revoked_from}")
    return 0


def cmd_trust_rotate(ctx: Context, args: argparse.Namespace) -> int:
    import json

    store = ctx.office_store()
    try:
        doc = json.loads(args.file.read_bytes())
    except (OSError, ValueError) as exc:
        raise CliRefusal("rotation_file_unreadable", file=args.file, detail=exc) from exc
    try:
        info = office_trust.rotate_key(store, store_catalog(store), doc, actor=actor_of(ctx, args))
    except office_trust.TrustError as exc:
        raise CliRefusal("trust_refused", detail=exc) from exc
    print(f"new key for {info.unit_id}: {info.fingerprint_display}")
    return 0


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        raise CliRefusal("path_missing", 2, path=missing[0])
    store = ctx.office_store()
    # every revision of every plan: a file names its own
    importer = Importer(store, actor=actor_of(ctx, args))
    outcomes = importer.run(args.paths, dry_run=args.dry_run)
    lang = output_lang(args)
    if args.json:
        print_json([o.to_json(lang) for o in outcomes])
    else:
        for o in outcomes:
            what = f"{o.unit} {o.period} v{o.version}" if o.unit else ""
            mark = " [冲突 conflict]" if o.conflict else ""
            reason = o.message.render(lang)
            print(f"{o.outcome:<10} {Path(o.file).name}  {what}{mark}  {reason}".rstrip())
            for c in o.changes:
                where = f"task {c.task}" if c.task is not None else f"indicator {c.indicator}"
                print(f"    {where} {c.field}: {c.old!r} -> {c.new!r}")
        counts = {k: sum(1 for o in outcomes if o.outcome == k) for k in OUTCOME_ZH}
        print(", ".join(f"{v} {k}" for k, v in counts.items()) + (" (dry run)" * args.dry_run))
    return 1 if any(o.outcome == "rejected" for o in outcomes) else 0


def cmd_status(ctx: Context, args: argparse.Namespace) -> int:
    store = ctx.office_store()
    catalog = period_catalog(store, args.period, args.plan)
    status = period_status(store, catalog, args.period)
    if args.json:
        print_json(status.to_json())
        return 0
    print(f"{catalog.code} 第 {catalog.revision} 版  {args.period}  报送截止 due {status.due}")
    for u in status.units:
        when = "" if u.submitted_at is None else f"{u.submitted_at:%Y-%m-%d %H:%M}Z"
        ver = "" if u.version is None else f"v{u.version}"
        clash = ""
        if u.conflict:
            listed = ", ".join(f"v{v}" for v in u.conflict_versions)
            clash = f"  冲突 conflict: {listed} 各有两份以上不同的文件 (more than one file)"
        if u.older_revision:
            clash += f"  按第 {u.plan_revision} 版填报 (filled against revision {u.plan_revision})"
        if u.review is not None:
            clash += f"  审核 review: {state_words(u.review.state)}"
        print(f"  {u.unit_name:<14} {STATE_ZH[u.state]:<6} {ver:<4} {when}{clash}".rstrip())
    summary = ", ".join(f"{status.count(k)} {k}" for k in STATE_ZH)
    print(summary)
    return 0


def cmd_report(ctx: Context, args: argparse.Namespace) -> int:
    from app.services.report import write_report

    out: Path = args.out
    if out.suffix.lower() != ".xlsx":
        raise CliRefusal("out_not_xlsx", 2, path=out)
    if not out.parent.is_dir():
        raise CliRefusal("folder_missing", 2, path=out.parent)
    store = ctx.office_store()
    catalog = period_catalog(store, args.period, args.plan)
    try:
        summary = write_report(store, catalog, args.period, out)
    except OSError as exc:  # e.g. the file is open in Excel on Windows
        raise CliRefusal("file_unwritable", path=out, detail=exc.strerror or exc) from exc
    if args.json:
        print_json(
            {
                "path": str(summary.path),
                "period": args.period,
                "sheets": list(summary.sheets),
                "entries": summary.entries_written,
                "units": {
                    "expected": summary.units_expected,
                    "on_time": summary.units_on_time,
                    "late": summary.units_late,
                    "missing": summary.units_missing,
                },
                "sha256": summary.file_sha256,
            }
        )
        return 0
    print(summary.path)
    print(
        f"{args.period}: {summary.entries_written} entries, {len(summary.sheets)} sheets; "
        f"units {summary.units_expected} expected, {summary.units_on_time} on time, "
        f"{summary.units_late} late, {summary.units_missing} missing"
    )
    print(f"SHA-256 {summary.file_sha256}")
    return 0


def cmd_assess(ctx: Context, args: argparse.Namespace) -> int:
    from datetime import date

    from app.services.assessment import (
        annual_period,
        list_rules,
        score_units,
        scores_to_json,
        today_in_plan_tz,
    )
    from app.services.assessment.grades import load_grades

    store = ctx.office_store()
    if args.period:
        catalog = period_catalog(store, args.period, args.plan)
    else:
        catalog = plan_catalog_named(store, args.plan)
    try:
        annual = annual_period(catalog, args.period)
    except KeyError as exc:
        codes = ", ".join(p.code for p in catalog.periods if p.kind == "annual")
        raise CliRefusal("period_not_annual", 2, period=args.period, periods=codes) from exc
    try:
        as_of = date.fromisoformat(args.as_of) if args.as_of else today_in_plan_tz()
    except ValueError as exc:
        raise CliRefusal("option_not_iso_date", 2, option="--as-of", text=args.as_of) from exc
    scores = score_units(store, catalog, annual.code, as_of=as_of)
    rules = list_rules(store, catalog)
    grades = load_grades(store, catalog)
    if args.json:
        units = scores_to_json(scores)
        for unit, score in zip(units, scores, strict=True):  # 考核等次 by the office's bounds
            unit["grade"] = grades.grade(score.total)
        print_json(
            {
                "period": annual.code,
                "as_of": as_of.isoformat(),
                "rules": [
                    {
                        "rule": r.key,
                        "name": r.name,
                        "weight": str(r.weight),
                        "enabled": r.enabled,
                        "params": dict(r.params),
                    }
                    for r in rules
                ],
                "grades": grades.params(),
                "units": units,
            }
        )
        return 0
    weights = "，".join(f"{r.name} {r.weight}" for r in rules if r.enabled)
    print(f"{annual.title} 考核（截至 {as_of}）  权重：{weights}")
    for s in scores:
        print(f"{s.rank:>3}. {s.unit_name:<14} {s.total:>6} {grades.grade(s.total)}")
        for p in s.parts:
            pts = f"{p.points:>6}" if p.applicable else "  不计"
            print(f"       {p.rule_name:<6} {pts}  {p.explanation}")
    return 0
