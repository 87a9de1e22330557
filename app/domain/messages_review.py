"""The office's answers, its part of the refusal vocabulary (merged into MESSAGES): review
decisions (``office review``), 督办 notices (``office supervise``) and the audit log
(``office audit``). Kept apart only for size, as ``messages_plans`` is.
"""

from __future__ import annotations

from typing import Final

REVIEW_MESSAGES: Final[dict[str, tuple[str, str]]] = {
    # -- review (app.services.review) --------------------------------------------------------
    "review_no_submission": (
        "{unit} 在 {period} 还没有报送，无可审核的版本",
        "{unit} has not reported for {period}: there is no version to review",
    ),
    "review_conflict": (
        "{unit} {period} 的审核已有变化：现行 v{version} 现为“{state_word}”（{actor}）；"
        "请查看后再决定",
        "The review of {unit} {period} changed meanwhile: v{version} is now {state_word} ({actor});"
        " look at it and decide again",
    ),
    "review_state_invalid": (
        "审核结论应为 accepted（受理）或 returned（退回），收到 {state}",
        "A decision is accepted or returned, not {state}",
    ),
    "review_return_needs_comment": (
        "退回修改须写明意见（总体意见或任务意见）",
        "Returning a report needs a comment (general or on a task)",
    ),
    "review_task_unknown": (
        "工作方案 {plan} 中没有第 {task} 项任务",
        "Plan {plan} has no task {task}",
    ),
    "text_too_long": (
        "{what}过长：最多 {limit} 字",
        "{what} is too long: at most {limit} characters",
    ),
    "review_choose": (
        "请给出 --accept、--return 或 --accept-all-clean 之一",
        "give one of --accept, --return or --accept-all-clean",
    ),
    "review_needs_unit": ("--accept / --return 需要 --unit", "--accept / --return need --unit"),
    "review_task_comment_syntax": (
        "每个 --task 之后须紧跟一个 --comment",
        "each --task must be followed by its --comment",
    ),
    # -- 督办 notices (app.services.supervision) ---------------------------------------------
    "notice_unknown": ("没有编号为 {id} 的督办事项", "No supervision notice {id}"),
    "notice_closed_already": (
        "督办事项 {id} 已于 {at} 办结（{actor}）",
        "Supervision notice {id} was closed on {at} ({actor})",
    ),
    "notice_task_not_units": (
        "{unit} 不承担工作方案 {plan} 第 {task} 项任务，不能就此督办",
        "{unit} has no role on task {task} of plan {plan}: no notice can be raised on it",
    ),
    "notice_text_empty": ("请填写督办事项的内容", "The notice needs a text"),
    "notice_state_invalid": (
        "督办状态应为 {states} 之一，收到 {state}",
        "A notice state is one of {states}, not {state}",
    ),
    # -- the audit log (app.services.audit) ------------------------------------------------
    "audit_action_unknown": (
        "没有名为 {action} 的审计事项（事项：{actions}）",
        "No audit action {action} (actions: {actions})",
    ),
    "audit_chain_broken": (
        "审计日志在第 {id} 条处断链：其前一条被删除、插入或改动",
        "The audit log's chain breaks at row {id}: a row before it was deleted, inserted or"
        " changed",
    ),
    "audit_row_altered": (
        "审计日志第 {id} 条的内容与其哈希不符：该条已被改动",
        "Audit row {id} does not match its hash: it was changed",
    ),
    "audit_head_mismatch": (
        "审计日志末尾与记录的链头不符（现有 {rows} 条）：末尾有条目被删除或添加",
        "The audit log's end does not match its recorded head ({rows} rows): rows were"
        " deleted or added at the end",
    ),
}

# A parameter named ``*_word`` holding one of these codes is shown in the reader's language.
WORDS: Final[dict[str, tuple[str, str]]] = {
    "pending": ("待审核", "pending"),
    "accepted": ("已受理", "accepted"),
    "returned": ("退回修改", "returned"),
}


def shown_word(key: str, value: str, lang: str) -> str:
    return WORDS[value][lang == "en"] if key.endswith("_word") and value in WORDS else value
