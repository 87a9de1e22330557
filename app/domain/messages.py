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

from app.domain.messages_answer_files import ANSWER_FILE_MESSAGES
from app.domain.messages_assessment import ASSESSMENT_MESSAGES
from app.domain.messages_plan_documents import PLAN_DOCUMENT_MESSAGES
from app.domain.messages_plans import PLAN_MESSAGES
from app.domain.messages_review import REVIEW_MESSAGES, shown_word
from app.domain.messages_sheets import SHEET_MESSAGES

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
    # backups
    "backup_refused": ("{detail}", "Backup refused: {detail}"),
    "backup_store_unknown": (
        "无法判断 {name} 是哪个数据的备份：请用 --store unit|office 指定",
        "cannot tell which store {name} is: give --store unit|office",
    ),
    # -- signed files: the zip (app.io.package_zip) ----------------------------------------
    "too_large": ("文件过大（超过 {mb} MB）", "The file is too large (over {mb} MB)"),
    "not_xlsx": ("不是有效的 Excel（.xlsx）文件", "Not a valid Excel (.xlsx) file"),
    "zip_prefix": (
        "文件开头有不属于工作簿的数据（可能被拼接了其他内容），已拒收",
        "The file has data in front of the workbook (something was joined to it); refused",
    ),
    "zip_trailer": (
        "文件末尾有不属于工作簿的数据，已拒收",
        "The file has data after the end of the workbook; refused",
    ),
    "zip_gap": (
        "文件内部条目之间有多余的数据，已拒收",
        "The file has data between its entries; refused",
    ),
    "zip_header_mismatch": (
        "文件内部条目的两处记录不一致：{name}",
        "The two headers of an entry disagree: {name}",
    ),
    "zip_entries": ("文件内部条目过多（{count} 个）", "Too many entries in the file ({count})"),
    "zip_duplicate": ("文件内部有重复的条目：{name}", "The file holds an entry twice: {name}"),
    "zip_name": ("文件内部条目的名称不允许：{name}", "Entry name not allowed: {name}"),
    "zip_encrypted": ("文件内部条目已加密", "An entry of the file is encrypted"),
    "zip_compression": (
        "文件使用了不支持的压缩方式：{name}",
        "An entry uses an unsupported compression method: {name}",
    ),
    "zip_feature": (
        "文件内部条目使用了不接受的 ZIP 功能（扩展字段、注释、数据描述符、分卷或 ZIP64）：{name}",
        "An entry uses a ZIP feature that is not accepted (extra fields, comments, data "
        "descriptors, split archives or ZIP64): {name}",
    ),
    "zip_size": ("文件内部条目过大：{name}", "An entry is too large: {name}"),
    "zip_ratio": (
        "压缩比异常（疑似压缩炸弹）：{name}",
        "Abnormal compression ratio (a decompression bomb?): {name}",
    ),
    "zip_damaged": ("文件已损坏：{name}", "The file is damaged: {name}"),
    "macro": ("文件含有宏，已拒收：{name}", "The file holds a macro; refused: {name}"),
    "external_link": (
        "文件含有外部链接或外部数据连接，已拒收：{name}",
        "The file holds an external link or data connection; refused: {name}",
    ),
    "embedded_object": (
        "文件含有嵌入对象，已拒收：{name}",
        "The file holds an embedded object; refused: {name}",
    ),
    "activex": (
        "文件含有 ActiveX 控件，已拒收：{name}",
        "The file holds ActiveX controls; refused: {name}",
    ),
    "drawing": (
        "文件含有图形、图片或文本框（可能遮盖单元格），已拒收：{name}",
        "The file holds drawings, pictures or text boxes (they may cover cells); refused: {name}",
    ),
    "unknown_part": (
        "文件含有本程序不写的部件，已拒收：{name}",
        "The file holds a part this program never writes; refused: {name}",
    ),
    "unknown_relationship": (
        "文件的部件关系不是本程序所写，已拒收：{name}（{type}）",
        "The file relates its parts in a way this program never writes; refused: {name} ({type})",
    ),
    # -- signed files: XML (app.io.package_xml) --------------------------------------------
    "xml_encoding": ("XML 编码不受支持（只接受 UTF-8）：{name}", "XML not in UTF-8: {name}"),
    "xml_entities": (
        "XML 含有 DTD 或实体声明（已拒收）：{name}",
        "XML with a DTD or entity declarations (refused): {name}",
    ),
    "xml_malformed": ("文件部件损坏：{name}", "A part of the file is damaged: {name}"),
    # -- signed files: the signature (app.io.signed_package) --------------------------------
    "no_payload": (
        "文件不含签名数据（不是本程序导出的文件）",
        "The file carries no signed data (it was not exported by this program)",
    ),
    "old_format": (
        "这是旧版程序导出的文件（{format}），它的各部件没有全部签名，已不再接收："
        "请填报单位用新版程序重新导出后再报送",
        "This file was exported by an older version of the program ({format}) that did not "
        "sign every part; it is no longer accepted: ask the unit to export it again with the "
        "current version",
    ),
    "unsupported_format": (
        "不支持的文件格式：{format}（请升级程序）",
        "Unsupported file format: {format} (update the program)",
    ),
    "bad_properties": (
        "签名属性（docProps/custom.xml）不符合格式：{name}",
        "The signature part (docProps/custom.xml) is not in the expected form: {name}",
    ),
    "bad_algorithm": (
        "不支持的签名算法：{algorithm}",
        "Unsupported signature algorithm: {algorithm}",
    ),
    "fingerprint_mismatch": (
        "签名密钥指纹与公钥不符",
        "The signing key's fingerprint does not match the key",
    ),
    "bad_signature": (
        "签名无效：签名后的内容被修改过，或签名不是由文件中的密钥生成",
        "Invalid signature: the signed content was changed, or the signature was not made "
        "with the key in the file",
    ),
    "bad_payload": ("签名数据无效：{detail}", "The signed data is invalid: {detail}"),
    "not_canonical": (
        "签名数据不是规范格式（重新规范化后与签名内容不同）",
        "The signed data is not in canonical form",
    ),
    "wrong_kind": (
        "文件类型为 {kind}，这里需要 {expected}",
        "The file is a {kind} file; a {expected} file is needed here",
    ),
    "manifest_missing": (
        "文件缺少签名清单中的部件：{name}",
        "A part the signed manifest lists is missing: {name}",
    ),
    "manifest_extra": (
        "文件含有签名清单之外的部件：{name}",
        "The file holds a part the signed manifest does not list: {name}",
    ),
    "manifest_order": (
        "文件部件的顺序与签名清单不一致：{name}",
        "The parts are not in the order of the signed manifest: {name}",
    ),
    "manifest_digest": (
        "部件 {name} 与签名时的内容不一致（文件被改动过）",
        "Part {name} is not what was signed (the file was changed)",
    ),
    "wrong_key": (
        "签名密钥与指定的公钥不符：文件由 {fingerprint} 签名",
        "Not signed with the given public key: the file was signed by {fingerprint}",
    ),
    "unregistered_key": (
        "签名密钥未登记：{fingerprint}",
        "Signed by an unregistered key: {fingerprint}",
    ),
    "registered_key_differs": (
        "签名密钥与登记的公钥不一致：{fingerprint}",
        "The signing key differs from the registered one: {fingerprint}",
    ),
    "signer_unverified": (
        "文件完整，但签名者未经核实（签名密钥 {fingerprint}）：请用 --pubkey 指定该单位的公钥，"
        "或用 --integrity-only 只检查完整性",
        "The file is intact but its signer is not verified (key {fingerprint}): give the "
        "unit's public key with --pubkey, or check integrity only with --integrity-only",
    ),
    # -- submissions against the plan (app.domain.payload) ----------------------------------
    "plan_other": (
        "工作方案不符：文件为 {file_plan}，本机为 {plan}",
        "Another plan: the file is for {file_plan}, this computer has {plan}",
    ),
    "plan_hash": (
        "工作方案内容与本机不一致（方案文件的哈希不同）",
        "The plan's content differs from this computer's (another plan file hash)",
    ),
    "unit_unknown": ("单位 {unit} 不在工作方案中", "Unit {unit} is not in the plan"),
    "unit_name": ("单位名称不符：{name}", "The unit's name does not match: {name}"),
    "period_not_in_plan": ("报告期 {period} 不在工作方案中", "Period {period} is not in the plan"),
    "task_not_assigned": ("任务 {task} 不属于 {unit}", "Task {task} is not assigned to {unit}"),
    "target_unknown": ("任务 {task} 没有目标「{target}」", "Task {task} has no target “{target}”"),
    "target_order": (
        "任务 {task} 的目标顺序与工作方案不一致",
        "The targets of task {task} are not in the plan's order",
    ),
    "indicator_not_owned": (
        "工作目标指标 {no} 不由本单位填报",
        "Indicator {no} is not reported by this unit",
    ),
    # -- the office import (app.services.office_import, office_trust, parse_pool) ----------
    "import_new": ("新增", "New"),
    "import_replaces": ("替换 v{version}", "Replaces v{version}"),
    "import_older": (
        "比当前的 v{version} 旧，仅存入历史",
        "Older than the current v{version}; kept in the history",
    ),
    "import_duplicate": (
        "已于 {at}（UTC）导入过，没有变化",
        "Already imported on {at} UTC; nothing changed",
    ),
    "import_conflict_current": (
        "冲突：本单位本期另有一份不同的第 {version} 版；两份都保留，按规则以本文件为当前版本",
        "Conflict: another, different file of version {version} exists; both are kept and "
        "this one is current by the rule",
    ),
    "import_conflict_kept": (
        "冲突：本单位本期另有一份不同的第 {version} 版；两份都保留，当前版本不变",
        "Conflict: another, different file of version {version} exists; both are kept and "
        "the current version stays",
    ),
    "import_note": ("{text}", "{text}"),
    "key_other_unit": (
        "由其他单位的密钥签名：{fingerprint}",
        "Signed by another unit's key: {fingerprint}",
    ),
    "key_revoked": (
        "签名密钥已于 {since} 吊销，吊销后到达的文件一律拒收：{fingerprint}",
        "The signing key was revoked on {since}; files arriving after that are refused: "
        "{fingerprint}",
    ),
    "key_rotated": (
        "签名密钥已于 {since} 更换，旧密钥签名的文件不再接收："
        "请填报单位用新密钥重新导出（{fingerprint}）",
        "The signing key was replaced on {since}; files signed with the old key are no longer "
        "accepted: ask the unit to export again with its new key ({fingerprint})",
    ),
    "signed_in_future": (
        "签名时间 {signed_at}（UTC）比本机时钟晚一天以上，已拒收",
        "The signing time {signed_at} UTC is more than a day ahead of this computer's clock; "
        "refused",
    ),
    "reader_memory": ("文件读取所需内存过多", "Reading the file needs too much memory"),
    "reader_error": ("无法解析的文件（{error}）", "Unreadable file ({error})"),
    "reader_crashed": ("文件导致读取程序崩溃", "The file crashed the reader"),
    "reader_timeout": (
        "读取超过 {seconds} 秒，已中止",
        "Reading took longer than {seconds} s; stopped",
    ),
    # -- verify (app.cli.verify_cmd) --------------------------------------------------------
    "pubkey_unreadable": (
        "无法读取公钥文件 {path}：{detail}",
        "Cannot read the public key file {path}: {detail}",
    ),
    "pubkey_invalid": (
        "{path}：不是公钥文件（应为登记文件、PEM 或 base64 编码的 32 字节 Ed25519 公钥）",
        "{path}: not a public key file (a registration file, PEM, or a base64 32-byte Ed25519 key)",
    ),
    "pubkey_fingerprint": (
        "{path}：登记文件中的指纹与公钥不符",
        "{path}: the registration file's fingerprint does not match its key",
    ),
    **PLAN_DOCUMENT_MESSAGES,
    **PLAN_MESSAGES,
    **ASSESSMENT_MESSAGES,
    **ANSWER_FILE_MESSAGES,
    **SHEET_MESSAGES,
    **REVIEW_MESSAGES,
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
        words = {k: shown_word(k, v, lang) for k, v in self.param_dict.items()}
        values: Mapping[str, str] = {"code": self.code, **words}
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
