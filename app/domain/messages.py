"""One refusal vocabulary: a stable code with parameters, rendered in zh or en from one table.

Every refusal the product gives (the signed-file reader, the importer, the command line, the
plan and feedback readers) is a ``Message``: a code that programs can rely on (it is the
``"code"`` of every JSON output) and named parameters. The words live only in ``MESSAGES``;
a reworded sentence can never leave one language behind, and the window, the command line
and the logs all say the same thing. ``FieldError`` (entry_rules) is the same idea for form
fields, with its own table because its messages also name the field.

Add a code here first, then raise it: ``tests/domain/test_messages.py`` checks that every
template formats with the same parameters in both languages and that every code raised in
``app/`` is in the table.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from app.domain.messages_plan_documents import PLAN_DOCUMENT_MESSAGES
from app.domain.messages_plans import PLAN_MESSAGES

# code -> (zh, en). Parameters are str.format fields; both texts use the same ones.
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    # -- generic -------------------------------------------------------------------------
    "ok": ("通过", "OK"),
    "file_missing": ("找不到文件：{path}", "No such file: {path}"),
    "file_unreadable": ("无法读取文件：{detail}", "Cannot read the file: {detail}"),
    "internal_error": ("程序内部错误：{detail}", "Internal error: {detail}"),
    "failure": ("{kind}: {detail}", "{kind}: {detail}"),
    "file_io_failed": (
        "无法读写文件{where}：{detail}",
        "Cannot read or write the file{where}: {detail}",
    ),
    "file_unwritable": ("无法写入 {path}：{detail}", "Cannot write {path}: {detail}"),
    "path_missing": ("找不到文件或文件夹：{path}", "No such file or folder: {path}"),
    "folder_missing": ("找不到文件夹：{path}", "No such folder: {path}"),
    # -- the stores: a fault in plain words, the SQLite phrase kept for support -------------
    "storage_disk_full": (
        "磁盘已满，未能保存；已保存的内容不受影响。请腾出空间后重试 (database or disk is full)",
        "The disk is full: nothing more was saved, what was saved is intact. Free some space"
        " and try again (database or disk is full)",
    ),
    "storage_read_only": (
        "数据文件只读，无法保存；请检查数据文件夹的权限 (readonly database)",
        "The data file is read-only: nothing was saved. Check the data folder's permissions"
        " (readonly database)",
    ),
    "storage_cannot_open": (
        "无法打开数据文件；请检查数据文件夹是否存在、是否可写 (unable to open database file)",
        "Cannot open the data file: check that the data folder exists and can be written"
        " (unable to open database file)",
    ),
    "storage_locked": (
        "数据文件正被另一个程序使用，请稍后重试 (database is locked)",
        "Another program is using the data file: try again later (database is locked)",
    ),
    "storage_io_error": (
        "读写磁盘出错，未能保存；请检查磁盘 (disk i/o error)",
        "The disk could not be read or written: nothing was saved. Check the disk (disk i/o error)",
    ),
    "store_unavailable": ("{detail}", "Cannot open the store: {detail}"),
    # -- whose data folder (app.services.install_role) ------------------------------------
    "role_is_unit": (
        "{folder} 是填报单位的数据文件夹，不能在此运行市质量强市办的命令",
        "{folder} holds a unit's data: office commands cannot run here",
    ),
    "role_is_office": (
        "{folder} 是市质量强市办的数据文件夹，不能在此运行填报单位的命令",
        "{folder} holds the office's data: unit commands cannot run here",
    ),
    # -- the command line ------------------------------------------------------------------
    "cli_refused": ("{detail}", "{detail}"),
    "period_unknown": (
        "没有报告期 {period}（工作方案中的报告期：{periods}）",
        "unknown period {period} (plan periods: {periods})",
    ),
    "period_not_annual": (
        "{period} 不是年度报告期（年度报告期：{periods}）",
        "not an annual period: {period} (annual periods: {periods})",
    ),
    "option_not_iso_time": (
        "{option}：不是 ISO 格式的日期或时间：{text}",
        "{option}: not an ISO date or time: {text}",
    ),
    "option_not_iso_date": (
        "{option}：不是 ISO 格式的日期：{text}",
        "{option}: not an ISO date: {text}",
    ),
    "out_not_xlsx": ("--out 必须是 .xlsx 文件：{path}", "--out must name an .xlsx file: {path}"),
    "plan_file_invalid": ("{detail}", "The plan file is invalid: {detail}"),
    # unit
    "unit_not_set_up": (
        "本机尚未设置填报单位，请先运行 unit init",
        "this install is not set up for a unit: run unit init first",
    ),
    "unit_setup_refused": ("{detail}", "Refused: {detail}"),
    "entry_refused": ("{detail}", "Refused: {detail}"),
    "passphrase_env_unset": ("环境变量 {var} 未设置", "environment variable {var} is not set"),
    "passphrase_not_given": (
        "没有密码：请用 --passphrase-env VAR 给出",
        "no passphrase: use --passphrase-env VAR",
    ),
    "passphrase_mismatch": ("两次输入的密码不一致", "the passphrases differ"),
    "passphrase_wrong": ("密码不正确", "wrong passphrase"),
    "key_file_refused": ("{detail}", "The key file is refused: {detail}"),
    "key_mismatch": (
        "{detail}。确要改用备份中的密钥，请加 --replace（本机当前的密钥将停用）",
        "{detail} (add --replace to use the backup's key; the current one is retired)",
    ),
    "key_restored_numbering_not": (
        "密钥已恢复，但报送编号未能接续：{detail}",
        "key restored, numbering not: {detail}",
    ),
    "export_has_errors": (
        "未导出：{count} 个错误需要先修正",
        "not exported: {count} errors to fix first",
    ),
    "export_failed": ("{detail}", "Export failed: {detail}"),
    # unit load: the whole file is refused (a bad value in a field is a FieldError instead)
    "load_unreadable": ("无法读取 {path}：{detail}", "cannot read {path}: {detail}"),
    "load_too_large": ("{path} 过大", "{path} is too large"),
    "load_not_json": ("不是有效的JSON：{detail}", "not valid JSON: {detail}"),
    "load_top_not_object": ("文件顶层必须是对象", "the top level must be an object"),
    "load_top_unknown_field": ("未知字段 {name}", "unknown field {name}"),
    "load_not_list": ("“{key}”必须是列表", "{key} must be a list"),
    "load_not_object": ("{where}: 必须是对象", "{where}: must be an object"),
    "load_unknown_field": ("{where}: 未知字段 {name}", "{where}: unknown field {name}"),
    "load_missing_field": ("{where}: 缺少“{key}”", "{where}: missing '{key}'"),
    "load_not_text": ("{where}: “{key}”必须是文本", "{where}: {key} must be text"),
    "load_not_number": ("{where}: “{key}”必须是数字", "{where}: {key} must be a number"),
    "load_unknown_period": (
        "{where}: 没有报告期 {period}（可用：{periods}）",
        "{where}: unknown period {period} (periods: {periods})",
    ),
    "load_no_task": ("{where}: 本单位没有任务 {task}", "{where}: no task {task} for this unit"),
    "load_bad_status": (
        "{where}: 状态 {status} 无效（可用：{statuses}）",
        "{where}: unknown status {status} (statuses: {statuses})",
    ),
    "load_targets_not_object": (
        "{where}: “targets”必须是对象",
        "{where}: targets must be an object",
    ),
    "load_no_target": (
        "{where}: 任务 {task} 没有目标“{name}”",
        "{where}: task {task} has no target '{name}'",
    ),
    "load_not_unit_indicator": (
        "{where}: 本单位不负责指标 {no}",
        "{where}: indicator {no} is not this unit's",
    ),
    "load_entry_repeats": (
        "entries[{i}]: 任务 {task} {period} 重复（与 entries[{first}]）",
        "entries[{i}]: task {task} {period} repeats entries[{first}]",
    ),
    "load_indicator_repeats": (
        "indicators[{i}]: 指标 {no} {period} 重复",
        "indicators[{i}]: indicator {no} {period} repeats",
    ),
    # office
    "trust_refused": ("{detail}", "The key registry refused: {detail}"),
    "trust_file_refused": ("{file}: {detail}", "{file}: {detail}"),
    "trust_not_confirmed": (
        "未登记：指纹未经核对",
        "not registered: the fingerprint was not confirmed",
    ),
    "rotation_file_unreadable": (
        "{file}：不是密钥更换声明（{detail}）",
        "{file}: not a rotation statement ({detail})",
    ),
    "rule_unknown": (
        "没有名为 {key} 的考核规则（规则：{rules}）",
        "no assessment rule named {key} (rules: {rules})",
    ),
    "rule_param_syntax": (
        "--param 应为 NAME=VALUE，收到 {item}",
        "--param: expected NAME=VALUE, got {item}",
    ),
    "rule_nothing_to_change": (
        "没有要更改的内容：请给出 --weight、--enabled/--disabled 或 --param",
        "nothing to change: give --weight, --enabled/--disabled or --param",
    ),
    "assessment_refused": ("{detail}", "The assessment rule change is refused: {detail}"),
    # backups
    "backup_refused": ("{detail}", "Backup refused: {detail}"),
    "backup_store_unknown": (
        "无法判断 {name} 是哪个数据的备份：请用 --store unit|office 指定",
        "cannot tell which store {name} is: give --store unit|office",
    ),
    **PLAN_DOCUMENT_MESSAGES,
    **PLAN_MESSAGES,
}

_FORMATTER = string.Formatter()


def template_fields(template: str) -> frozenset[str]:
    """The named parameters a template uses."""
    return frozenset(name for _t, name, _s, _c in _FORMATTER.parse(template) if name)


@dataclass(frozen=True)
class Message:
    """A code and its parameters; ``render()`` gives the words."""

    code: str
    params: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, code: str, **params: object) -> Message:
        if code not in MESSAGES:
            raise KeyError(f"message code not in app.domain.messages.MESSAGES: {code}")
        return cls(code, tuple((k, str(v)) for k, v in sorted(params.items())))

    @property
    def param_dict(self) -> dict[str, str]:
        return dict(self.params)

    def render(self, lang: str = "zh") -> str:
        zh, en = MESSAGES.get(self.code, ("{code}", "{code}"))
        template = en if lang == "en" else zh
        values: Mapping[str, str] = {"code": self.code, **self.param_dict}
        try:
            return template.format_map(values)
        except (KeyError, IndexError, ValueError):  # a stored message from an older version
            return f"{self.code} {self.param_dict}"

    def to_json(self) -> dict[str, Any]:
        """What a ``--json`` output carries: the stable code, its parameters, and the words."""
        return {"code": self.code, "params": self.param_dict, "reason": self.render("zh")}

    def __str__(self) -> str:
        return self.render("zh")


class Refusal(Exception):
    """An exception that carries a ``Message``: refusing a file, a command or an input."""

    def __init__(self, code: str, /, **params: object) -> None:
        self.message = Message.of(code, **params)
        super().__init__(self.message.render("zh"))

    @property
    def code(self) -> str:
        return self.message.code

    def render(self, lang: str = "zh") -> str:
        return self.message.render(lang)

    def __reduce__(self) -> tuple[Any, ...]:  # crosses process boundaries intact
        return (_rebuild, (type(self), self.message))


def _rebuild(cls: type[Refusal], message: Message) -> Refusal:
    exc = cls.__new__(cls)
    Exception.__init__(exc, message.render("zh"))
    exc.message = message
    return exc
