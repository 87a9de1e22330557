"""The plan document importer's part of the refusal vocabulary (merged into MESSAGES).

Kept apart only for size: ``app.domain.messages.MESSAGES`` is still the one table every code
is looked up in. Groups: refusals of a malformed or hostile document, where a guess is, what
was guessed (``app.domain.plan_*``, ``app.io.plan_document``; docs/design.md §1.1).
"""

from __future__ import annotations

from typing import Final

PLAN_DOCUMENT_MESSAGES: Final[dict[str, tuple[str, str]]] = {
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
}
