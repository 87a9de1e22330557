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

from app.domain.messages_plans import PLAN_MESSAGES

# code -> (zh, en). Parameters are str.format fields; both texts use the same ones.
MESSAGES: Final[dict[str, tuple[str, str]]] = {
    # -- generic -------------------------------------------------------------------------
    "ok": ("通过", "OK"),
    "file_missing": ("找不到文件：{path}", "No such file: {path}"),
    "file_unreadable": ("无法读取文件：{detail}", "Cannot read the file: {detail}"),
    "internal_error": ("程序内部错误：{detail}", "Internal error: {detail}"),
    # -- plan documents (app.domain.plan_*, app.io.plan_document): refusals ---------------
    "plan_doc_type": (
        "不支持的方案文件类型：{suffix}（可导入 .txt 或 .docx）",
        "Unsupported plan document type: {suffix} (use .txt or .docx)",
    ),
    "plan_doc_too_large": (
        "方案文件过大（超过 {limit}），不像是工作方案",
        "The plan document is too large (over {limit}); not a plan document",
    ),
    "plan_doc_empty": ("方案文件是空的", "The plan document is empty"),
    "plan_doc_binary": (
        "方案文件不是文本文件（第 {line} 行含有控制字符）",
        "The plan document is not a text file (control characters on line {line})",
    ),
    "plan_doc_encoding": (
        "无法识别方案文件的文字编码（支持 UTF-8、GB18030 和带 BOM 的 UTF-16）",
        "Cannot tell the plan document's encoding (UTF-8, GB18030 or UTF-16 with a BOM)",
    ),
    "plan_doc_not_docx": (
        "不是有效的 Word（.docx）文件",
        "Not a valid Word (.docx) file",
    ),
    "plan_doc_old_word": (
        "这是旧版 Word（.doc）或加密的文件；请在 Word 中另存为 .docx（不加密）后再导入",
        "This is an old Word (.doc) or encrypted file; save it as .docx (unencrypted) first",
    ),
    "plan_doc_docx_entries": (
        "Word 文件内部条目过多（{count} 个），已拒收",
        "The Word file has too many parts ({count}); refused",
    ),
    "plan_doc_docx_damaged": (
        "Word 文件已损坏或结构异常：{part}",
        "The Word file is damaged or malformed: {part}",
    ),
    "plan_doc_docx_size": (
        "Word 文件的部件过大或压缩比异常（疑似压缩炸弹）：{part}",
        "A part of the Word file is too large or too compressed (a zip bomb?): {part}",
    ),
    "plan_doc_docx_dtd": (
        "Word 文件的部件含有 DTD 或实体声明，已拒收：{part}",
        "A part of the Word file declares a DTD or entities; refused: {part}",
    ),
    "plan_doc_no_tasks": (
        "没有找到编号的任务（应为“1.……（市××局负责）”这样的段落）",
        'No numbered tasks found (paragraphs like "1.……（市××局负责）")',
    ),
    "plan_doc_no_year": (
        "找不到方案的年度（标题中应有“××××年”）",
        'Cannot find the plan\'s year (the title should say "××××年")',
    ),
    "plan_doc_task_gap": (
        "第 {line} 行：任务编号应为 {expected}，却是 {found}（编号中断）",
        "Line {line}: task number {found} where {expected} was expected (a gap)",
    ),
    "plan_doc_task_duplicate": (
        "第 {line} 行：任务编号 {task} 重复（第 {first} 行已用过）",
        "Line {line}: task number {task} again (already used on line {first})",
    ),
    "plan_doc_section_gap": (
        "第 {line} 行：部分编号应为第 {expected} 部分，却是（{found}）",
        "Line {line}: section ({found}) where section {expected} was expected",
    ),
    "plan_doc_section_duplicate": (
        "第 {line} 行：部分编号（{section}）重复（第 {first} 行已用过）",
        "Line {line}: section ({section}) again (already used on line {first})",
    ),
    "plan_doc_task_outside_section": (
        "第 {line} 行：任务 {task} 不在任何部分（（一）（二）……）之下",
        "Line {line}: task {task} comes before the first section heading",
    ),
    "plan_doc_no_owner": (
        "第 {line} 行：任务 {task} 的结尾没有责任单位括注（如“（市××局负责）”）",
        'Line {line}: task {task} does not end with its owner clause (e.g. "（市××局负责）")',
    ),
    "plan_doc_owner_empty": (
        "第 {line} 行：任务 {task} 的责任单位括注中缺少单位名称：{clause}",
        "Line {line}: a unit name is missing in the owner clause of task {task}: {clause}",
    ),
    "plan_doc_role_conflict": (
        "第 {line} 行：任务 {task} 中“{unit}”既是{first}单位又是{second}单位",
        "Line {line}: on task {task}, {unit} has two roles: {first} and {second}",
    ),
    "plan_doc_bad_number": (
        "第 {line} 行：任务 {task} 的目标值不是数字：{text}",
        "Line {line}: a target of task {task} is not a number: {text}",
    ),
    "plan_doc_bad_goal": (
        "第 {line} 行：工作目标中的数值不是数字：{text}",
        "Line {line}: a goal's value is not a number: {text}",
    ),
    "plan_doc_too_many_numbers": (
        "第 {line} 行的一句话里数值过多（超过 {limit} 个），不像是工作方案",
        "Line {line}: more than {limit} numbers in one clause; not a plan document",
    ),
    "plan_doc_invalid": (
        "导入结果不是有效的工作方案：{detail}",
        "The imported plan is not valid: {detail}",
    ),
    # -- plan documents: where a guess is ----------------------------------------------------
    "plan_where_plan": ("方案", "plan"),
    "plan_where_periods": ("报告期", "periods"),
    "plan_where_line": ("第 {line} 行", "line {line}"),
    "plan_where_section": ("第 {section} 部分", "section {section}"),
    "plan_where_unit": ("单位 {unit}", "unit {unit}"),
    "plan_where_group": ("单位组 {group}", "group {group}"),
    "plan_where_task": ("任务 {task}", "task {task}"),
    "plan_where_task_title": ("任务 {task} / 标题", "task {task} / title"),
    "plan_where_task_units": ("任务 {task} / 责任单位", "task {task} / units"),
    "plan_where_target": ("任务 {task} / 目标 {target}", "task {task} / target {target}"),
    "plan_where_indicator": ("指标 {indicator}", "indicator {indicator}"),
    # -- plan documents: what was guessed ----------------------------------------------------
    "guess_plan_code": (
        "方案编号按年度拟定为 {plan_code}",
        "Plan code proposed from the year: {plan_code}",
    ),
    "guess_plan_title": (
        "没有找到方案标题，拟定为“{title}”",
        'No title found; proposed "{title}"',
    ),
    "guess_plan_issuer": (
        "发文单位取自“来源”：{issuer}",
        "Issuer taken from the source line: {issuer}",
    ),
    "guess_plan_published": (
        "发布日期取自文中的日期：{date}",
        "Publication date taken from the document: {date}",
    ),
    "guess_periods": (
        "按 {year} 年拟定四个季度和年度报告期；"
        "季度报告于季后次月 10 日前、年度报告于次年 1 月 20 日前报送",
        "Periods proposed for {year}: four quarters due on the 10th of the following month,"
        " the year due on 20 January",
    ),
    "guess_tasks_chapter": (
        "没有名为“主要任务”的一章，按编号任务最多的“{title}”导入",
        'No chapter named like the tasks; took "{title}", which has the most numbered tasks',
    ),
    "guess_section_default": (
        "任务不分部分，拟定一个部分“{title}”",
        'The tasks have no sections; proposed one section "{title}"',
    ),
    "guess_task_title": (
        "文件没有短标题，取首句拟定：{title}",
        "The document has no short titles; proposed from the first clause: {title}",
    ),
    "guess_task_renumbered": (
        "各部分分别编号：第 {section} 部分第 {written} 项编为任务 {task}",
        "Sections number their tasks afresh: item {written} of section {section} is task {task}",
    ),
    "guess_task_more_text": (
        "第 {line} 行在责任单位括注之后，已并入任务正文",
        "Line {line} follows the owner clause; added to the task's text",
    ),
    "guess_text_ignored": (
        "这一行不属于任何任务，没有导入：{text}",
        "This line belongs to no task and was left out: {text}",
    ),
    "guess_word_numbering": (
        "有 {count} 段的编号由 Word 自动生成（不在文字中），已按其编号格式还原，请核对任务编号",
        "{count} paragraphs are numbered by Word (not in their text); the numbers were"
        " rendered from the list format: check the task numbers",
    ),
    "guess_target_name": (
        "目标名称取自上下文：{name}",
        "Target name taken from the context: {name}",
    ),
    "guess_comparator_growth": (
        "“{name}”是新增或争创的数量，按“{comparator}”处理",
        '"{name}" counts what is to be added or won; taken as {comparator}',
    ),
    "guess_comparator_plus": (
        "“{name}”写作“……余/多”，按“{comparator}”处理",
        '"{name}" says "more than"; taken as {comparator}',
    ),
    "guess_comparator_about": (
        "“{name}”是约数，按“{comparator}”处理",
        '"{name}" is approximate; taken as {comparator}',
    ),
    "guess_comparator_default": (
        "“{name}”没有写“以上/以下”，按“{comparator}”处理",
        '"{name}" says neither at least nor at most; taken as {comparator}',
    ),
    "guess_indicator_owner": (
        "方案未写明“{name}”的负责单位，按相近任务拟定为 {unit}",
        'The plan names no owner for "{name}"; proposed {unit} from the closest task',
    ),
    "guess_indicator_no_owner": (
        "方案未写明“{name}”的负责单位，请指定",
        'The plan names no owner for "{name}"; please choose one',
    ),
    "guess_unit_new": (
        "“{name}”不在已知单位中，拟新增单位 {unit}（全称“{full_name}”）",
        '"{name}" is not a known unit; proposed new unit {unit} ("{full_name}")',
    ),
    "guess_unit_mentioned": (
        "{unit} 没有承担编号任务，但第 {line} 行提到，列为成员单位",
        "{unit} has no numbered task but is named on line {line}; listed as a member",
    ),
    "guess_unit_repeated": (
        "“{unit}”在同一任务中列了两次，只保留一次",
        '"{unit}" is listed twice on the task; kept once',
    ),
    "guess_unit_etc": (
        "原文为“{text}”，只列入写明的单位",
        'The document says "{text}"; only the units named are listed',
    ),
    "guess_role_missing": (
        "“{names}”后没有写牵头/负责/配合，按“负责”处理",
        'No role word after "{names}"; taken as responsible',
    ),
    "guess_group_all": (
        "按单位组处理，成员拟为全部成员单位",
        "Kept as a group; members proposed: all member units",
    ),
    "guess_group_outside": (
        "按单位组处理，成员不在本方案的单位中（不向本系统报送）",
        "Kept as a group of bodies outside this plan's units (they do not report here)",
    ),
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
