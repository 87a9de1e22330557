"""The assessment's and the bulletins' part of the refusal vocabulary (merged into MESSAGES).

Kept apart only for size, as ``messages_plans`` is: ``app.domain.messages.MESSAGES`` is still
the one table every code is looked up in. Groups: the rules (``office rules``), the grade
thresholds (``app.services.assessment.grades``), the bulletins (``app.services.bulletin``,
``office bulletin``).
"""

from __future__ import annotations

from typing import Final

ASSESSMENT_MESSAGES: Final[dict[str, tuple[str, str]]] = {
    # -- the assessment rules (office rules) ------------------------------------------------
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
    # -- assessment grades (考核等次) ------------------------------------------------------
    "grades_out_of_range": (
        "等次分数线必须在 0 到 100 之间：优秀 {excellent}，良好 {good}，一般 {fair}",
        "Grade thresholds must lie between 0 and 100: excellent {excellent}, good {good}, "
        "fair {fair}",
    ),
    "grades_not_descending": (
        "等次分数线必须依次降低（优秀 > 良好 > 一般）：优秀 {excellent}，良好 {good}，一般 {fair}",
        "Grade thresholds must descend (excellent > good > fair): excellent {excellent}, "
        "good {good}, fair {fair}",
    ),
    "grades_unknown_param": (
        "考核等次没有参数 {param}（可设 excellent、good、fair）",
        "The grades have no parameter {param} (excellent, good or fair)",
    ),
    "grades_not_a_number": ("{param}必须是数字：{value}", "{param} must be a number: {value}"),
    "grades_nothing_to_change": (
        "没有要更改的内容：请给出 --param excellent=…、good=… 或 fair=…",
        "nothing to change: give --param excellent=…, good=… or fair=…",
    ),
    "grades_fixed": (
        "考核等次只有分数线参数，没有权重，也不能停用",
        "The grades have thresholds only: no weight, and they cannot be switched off",
    ),
    # -- bulletins (通报) -------------------------------------------------------------------
    "bulletin_unknown_period": (
        "工作方案中没有报告期 {period}（可选：{periods}）",
        "No period {period} in the plan (periods: {periods})",
    ),
    "bulletin_not_annual": (
        "考核通报须指定年度报告期，{period} 不是（年度报告期：{periods}）",
        "An assessment bulletin needs an annual period; {period} is not one (annual: {periods})",
    ),
    "bulletin_out_not_docx": (
        "--out 须为 .docx 文件：{path}",
        "--out must name a .docx file: {path}",
    ),
    "bulletin_folder_missing": ("文件夹不存在：{path}", "No such folder: {path}"),
    "bulletin_write_failed": (
        "无法写入 {path}：{detail}（文件是否正在 Word 中打开？）",
        "Cannot write {path}: {detail} (is the file open in Word?)",
    ),
    "docx_build_failed": (
        "无法生成 Word 文件：{detail}（程序文件可能不完整，请重新安装）",
        "Cannot make the Word file: {detail} (the program's files may be incomplete: reinstall it)",
    ),
    "bulletin_bad_date": (
        "成文日期须为 YYYY-MM-DD：{value}",
        "The date must be YYYY-MM-DD: {value}",
    ),
}
