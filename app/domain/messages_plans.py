"""The plans' part of the refusal vocabulary (app.domain.messages merges it into MESSAGES).

Kept apart only for size: ``MESSAGES`` is still the one table every code is looked up in.
Groups: the plan's problems (``app.io.plan_check``: each names a field through its JSON
pointer, the words say what is wrong), the places and field names that render a pointer,
the changes between revisions (``app.domain.plan_diff``), the template workbook, the plan
services and the command line.
"""

from __future__ import annotations

from typing import Final

PLAN_MESSAGES: Final[dict[str, tuple[str, str]]] = {
    # -- a plan's problems (app.io.plan_check) -------------------------------------------
    "plan_not_object": ("工作方案应为 JSON 对象", "The plan must be a JSON object"),
    "plan_field_missing": ("缺少此项", "missing"),
    "plan_field_unknown": ("多余的字段：{field}", "unknown field: {field}"),
    "plan_field_empty": ("不能为空", "must not be empty"),
    "plan_field_too_long": ("不能超过 {limit} 个字", "longer than {limit} characters"),
    "plan_field_not_text": ("应为文字", "must be text"),
    "plan_field_not_integer": ("应为整数：{text}", "not a whole number: {text}"),
    "plan_field_not_number": ("不是数字：{text}", "not a number: {text}"),
    "plan_field_not_date": (
        "不是日期（应为 YYYY-MM-DD）：{text}",
        "not a date (YYYY-MM-DD): {text}",
    ),
    "plan_field_not_bool": ("应为“是”或“否”：{text}", "must be yes or no: {text}"),
    "plan_field_too_small": ("不能小于 {limit}：{text}", "below {limit}: {text}"),
    "plan_field_too_large": ("不能大于 {limit}：{text}", "above {limit}: {text}"),
    "plan_field_choice": ("只能是 {choices}：{text}", "must be one of {choices}: {text}"),
    "plan_field_not_list": ("应为列表", "must be a list"),
    "plan_field_not_object": ("应为对象", "must be an object"),
    "plan_field_invalid": ("无效：{detail}", "invalid: {detail}"),
    "plan_list_empty": ("至少要有一项", "needs at least one entry"),
    "plan_unit_id_pattern": (
        "单位代码只能由小写字母、数字和下划线组成，并以字母开头：{text}",
        "A unit id is lower-case letters, digits and _ , starting with a letter: {text}",
    ),
    "plan_period_code_pattern": (
        "报告期代码应为“2017”或“2017Q1”这样的形式：{text}",
        'A period code looks like "2017" or "2017Q1": {text}',
    ),
    "plan_schema_version": (
        "不支持的方案文件版本：{text}（应为 1）",
        "Unsupported plan file version: {text} (expected 1)",
    ),
    "plan_range_needs_max": (
        "比较方式为“区间”时必须填写上限，其他比较方式不能填写上限",
        "A range needs an upper value, and only a range has one",
    ),
    "plan_range_reversed": ("区间的上限小于下限", "The range's upper value is below its lower"),
    "plan_period_end_before_start": (
        "报告期 {period} 的结束日期早于开始日期",
        "Period {period} ends before it starts",
    ),
    "plan_period_due_before_end": (
        "报告期 {period} 的报送截止日期（{due}）早于报告期结束（{end}）",
        "Period {period} is due ({due}) before it ends ({end})",
    ),
    "plan_period_kind_code": (
        "报告期 {period}：季度报告期的代码应带 Q1–Q4，年度报告期的代码只写年份",
        "Period {period}: a quarter's code ends in Q1–Q4, a year's code is the year alone",
    ),
    "plan_duplicate": (
        "“{key}”重复（第 {first} 项已用过）",
        '"{key}" appears twice (already entry {first})',
    ),
    "plan_duplicate_name": (
        "名称“{name}”同时属于单位 {first} 和 {second}",
        'The name "{name}" belongs to both {first} and {second}',
    ),
    "plan_unknown_section": ("没有第 {section} 部分", "There is no section {section}"),
    "plan_unknown_assignee": (
        "“{unit}”既不是本方案的单位代码，也不是单位组名称",
        '"{unit}" is neither a unit id nor a group name of this plan',
    ),
    "plan_unknown_unit": ("本方案没有单位 {unit}", "The plan has no unit {unit}"),
    "plan_two_roles": (
        "任务 {task} 中 {unit} 既是{first}单位又是{second}单位",
        "On task {task}, {unit} has two roles: {first} and {second}",
    ),
    "plan_listed_twice": (
        "任务 {task} 中 {unit} 列了两次",
        "On task {task}, {unit} is listed twice",
    ),
    "plan_no_reporting_unit": (
        "没有需要填报的单位承担任务",
        "No reporting unit has a task",
    ),
    # -- where a pointer points (app.io.plan_check.describe_pointer) ---------------------
    "plan_place_task_no": ("任务 {task}", "task {task}"),
    "plan_place_item": ("第 {index} 项", "entry {index}"),
    "plan_place_unit_id": ("单位 {unit}", "unit {unit}"),
    "plan_place_period_code": ("报告期 {period}", "period {period}"),
    "plan_place_indicator_no": ("指标 {indicator}", "indicator {indicator}"),
    "plan_place_section_no": ("第 {section} 部分", "section {section}"),
    "plan_place_group_name": ("单位组“{group}”", 'group "{group}"'),
    "plan_place_target": ("目标 {index}", "target {index}"),
    "plan_place_assignment": ("责任单位 {index}", "assignee {index}"),
    "plan_place_member": ("成员 {index}", "member {index}"),
    "plan_place_alias": ("别名 {index}", "alias {index}"),
    "plan_place_key": ("{key}", "{key}"),
    # field names: plan_field_<key of the plan file>
    "plan_field_schema_version": ("文件版本", "schema version"),
    "plan_field_plan": ("方案", "plan"),
    "plan_field_code": ("代码", "code"),
    "plan_field_title": ("标题", "title"),
    "plan_field_year": ("年度", "year"),
    "plan_field_issuer": ("发文单位", "issuer"),
    "plan_field_published": ("发布日期", "publication date"),
    "plan_field_source": ("来源", "source"),
    "plan_field_sections": ("部分", "sections"),
    "plan_field_units": ("单位", "units"),
    "plan_field_groups": ("单位组", "groups"),
    "plan_field_tasks": ("任务", "tasks"),
    "plan_field_indicators": ("工作目标指标", "indicators"),
    "plan_field_periods": ("报告期", "periods"),
    "plan_field_no": ("编号", "number"),
    "plan_field_id": ("单位代码", "unit id"),
    "plan_field_name": ("名称", "name"),
    "plan_field_short_name": ("简称", "short name"),
    "plan_field_aliases": ("别名", "aliases"),
    "plan_field_reports": ("是否填报", "reports"),
    "plan_field_description": ("说明", "description"),
    "plan_field_members": ("成员", "members"),
    "plan_field_section": ("所属部分", "section"),
    "plan_field_text": ("任务内容", "text"),
    "plan_field_unit": ("单位", "unit"),
    "plan_field_role": ("职责", "role"),
    "plan_field_targets": ("目标", "targets"),
    "plan_field_comparator": ("比较方式", "comparator"),
    "plan_field_value": ("目标值", "value"),
    "plan_field_value_max": ("上限", "upper value"),
    "plan_field_owner": ("负责单位", "owner"),
    "plan_field_kind": ("类型", "kind"),
    "plan_field_start": ("开始日期", "start"),
    "plan_field_end": ("结束日期", "end"),
    "plan_field_due": ("报送截止日期", "due date"),
    "plan_field_unit_of_measure": ("计量单位", "unit of measure"),
    # -- what changed between revisions (app.domain.plan_diff) ----------------------------
    "change_plan_title": ("方案标题由“{old}”改为“{new}”", 'Plan title: "{old}" → "{new}"'),
    "change_section_added": ("新增第 {key} 部分“{name}”", 'Section {key} added: "{name}"'),
    "change_section_removed": ("删除第 {key} 部分“{name}”", 'Section {key} removed: "{name}"'),
    "change_section_title": (
        "第 {key} 部分标题由“{old}”改为“{new}”",
        'Section {key} title: "{old}" → "{new}"',
    ),
    "change_unit_added": ("新增单位 {name}（{key}）", "Unit added: {name} ({key})"),
    "change_unit_removed": ("删除单位 {name}（{key}）", "Unit removed: {name} ({key})"),
    "change_unit_name": ("单位 {key} 的名称由“{old}”改为“{new}”", 'Unit {key}: "{old}" → "{new}"'),
    "change_unit_aliases": ("单位 {name} 的别名有修改", "Unit {name}: aliases changed"),
    "change_unit_reports": ("单位 {name} 改为需要填报", "Unit {name} now reports"),
    "change_unit_silent": ("单位 {name} 改为不需要填报", "Unit {name} no longer reports"),
    "change_group_added": ("新增单位组“{key}”", 'Group added: "{key}"'),
    "change_group_removed": ("删除单位组“{key}”", 'Group removed: "{key}"'),
    "change_group_members": ("单位组“{key}”的成员有修改", 'Group "{key}": members changed'),
    "change_task_added": ("新增任务 {key}：{name}", "Task {key} added: {name}"),
    "change_task_removed": (
        "删除任务 {key}：{name}（已填报的内容保留在历史中）",
        "Task {key} removed: {name} (its reports stay in the history)",
    ),
    "change_task_title": (
        "任务 {key} 的标题由“{old}”改为“{new}”",
        'Task {key} title: "{old}" → "{new}"',
    ),
    "change_task_text": ("任务 {key} 的内容有修改", "Task {key}: text changed"),
    "change_task_section": (
        "任务 {key} 由第 {old} 部分移到第 {new} 部分",
        "Task {key} moved from section {old} to {new}",
    ),
    "change_task_units": (
        "任务 {key} 的责任单位由 {old} 改为 {new}",
        "Task {key} units: {old} → {new}",
    ),
    "change_target_added": (
        "任务 {task} 新增目标“{name}”{new}",
        'Task {task}: target "{name}" added, {new}',
    ),
    "change_target_removed": (
        "任务 {task} 删除目标“{name}”（原为 {old}）",
        'Task {task}: target "{name}" removed (was {old})',
    ),
    "change_target_changed": (
        "任务 {task} 的目标“{name}”由 {old} 改为 {new}",
        'Task {task}: target "{name}" {old} → {new}',
    ),
    "change_indicator_added": ("新增工作目标指标 {key}：{name}", "Indicator {key} added: {name}"),
    "change_indicator_removed": (
        "删除工作目标指标 {key}：{name}",
        "Indicator {key} removed: {name}",
    ),
    "change_indicator_changed": (
        "工作目标指标 {key}“{name}”由 {old} 改为 {new}",
        'Indicator {key} "{name}": {old} → {new}',
    ),
    "change_indicator_owner": (
        "工作目标指标 {key} 的负责单位由 {old} 改为 {new}",
        "Indicator {key} owner: {old} → {new}",
    ),
    "change_period_added": ("新增报告期 {key}", "Period {key} added"),
    "change_period_removed": ("删除报告期 {key}", "Period {key} removed"),
    "change_period_due": (
        "报告期 {key} 的报送截止日期由 {old} 改为 {new}",
        "Period {key} due date: {old} → {new}",
    ),
    "change_period_dates": (
        "报告期 {key} 的起止日期由 {old} 改为 {new}",
        "Period {key} dates: {old} → {new}",
    ),
    # -- the plan template workbook (app.io.plan_template*) -------------------------------
    "plan_xlsx_not_xlsx": (
        "不是有效的 Excel（.xlsx）工作簿",
        "Not a valid Excel (.xlsx) workbook",
    ),
    "plan_xlsx_old_excel": (
        "这是旧版 Excel（.xls）或加密的文件；请在 Excel 中另存为 .xlsx（不加密）后再导入",
        "This is an old Excel (.xls) or encrypted file; save it as .xlsx (unencrypted) first",
    ),
    "plan_xlsx_entries": (
        "工作簿内部条目过多（{count} 个），已拒收",
        "The workbook has too many parts ({count}); refused",
    ),
    "plan_xlsx_damaged": ("工作簿已损坏或结构异常：{part}", "The workbook is damaged: {part}"),
    "plan_xlsx_size": (
        "工作簿的部件过大或压缩比异常（疑似压缩炸弹）：{part}",
        "A part of the workbook is too large or too compressed (a zip bomb?): {part}",
    ),
    "plan_xlsx_dtd": (
        "工作簿的部件含有 DTD 或实体声明，已拒收：{part}",
        "A part of the workbook declares a DTD or entities; refused: {part}",
    ),
    "plan_xlsx_too_large": (
        "文件过大（超过 {limit}），不像是工作方案模板",
        "The file is too large (over {limit}); not a plan template",
    ),
    "plan_template_sheet_missing": (
        "缺少工作表“{sheet}”（工作方案模板应有：{sheets}）",
        'Sheet "{sheet}" is missing (a plan template has: {sheets})',
    ),
    "plan_template_sheet_extra": (
        "工作表“{sheet}”不属于工作方案模板（模板只有：{sheets}）",
        'Sheet "{sheet}" is not part of a plan template (it has: {sheets})',
    ),
    "plan_template_header": (
        "工作表“{sheet}”第 1 行 {column} 列应为“{expected}”，却是“{found}”",
        'Sheet "{sheet}", row 1, column {column}: expected "{expected}", found "{found}"',
    ),
    "plan_template_too_big": (
        "工作表“{sheet}”的单元格 {cell} 超出模板的范围（最多 {rows} 行、{columns} 列）",
        'Sheet "{sheet}": cell {cell} is beyond a template ({rows} rows, {columns} columns)',
    ),
    "plan_template_formula": (
        "工作表“{sheet}”第 {row} 行 {column} 列是公式；模板只接受数值和文字",
        'Sheet "{sheet}", row {row}, column {column} holds a formula; only values are accepted',
    ),
    "plan_template_cell": (
        "工作表“{sheet}”第 {row} 行 {column} 列无法读取：{detail}",
        'Sheet "{sheet}", row {row}, column {column} cannot be read: {detail}',
    ),
    "plan_template_no_task": (
        "工作表“{sheet}”第 {row} 行 {column} 列：任务 {task} 不在“任务”工作表中",
        'Sheet "{sheet}", row {row}, column {column}: task {task} is not on the sheet "任务"',
    ),
    "plan_template_problem": (
        "工作表“{sheet}”第 {row} 行 {column} 列（{where}）：{detail}",
        'Sheet "{sheet}", row {row}, column {column} ({where}): {detail}',
    ),
    # -- the plans services (app.services.plans) and the command line ------------------------
    "plan_unknown": ("本机数据中没有工作方案 {plan}", "No plan {plan} in this store"),
    "plan_unknown_code": (
        "没有编号为 {plan} 的工作方案（本机的方案：{plans}）",
        "No plan {plan} (the plans here: {plans})",
    ),
    "plan_not_published": ("工作方案 {plan} 尚未发布", "Plan {plan} has not been published"),
    "period_ambiguous": (
        "报告期 {period} 同时属于工作方案 {plans}，请用 --plan 指定",
        "Period {period} is in plans {plans}: name one with --plan",
    ),
    "plan_rejected": (
        "工作方案有 {count} 处问题，第一处在 {where}：{detail}",
        "The plan has {count} problem(s); the first at {where}: {detail}",
    ),
    "plan_code_invalid": (
        "方案代码不能为空、不能含空格、不能超过 64 个字符：{plan}",
        "A plan code is 1 to 64 characters without spaces: {plan}",
    ),
    "plan_exists": ("已有编号为 {plan} 的工作方案", "There is a plan {plan} already"),
    "plan_year_invalid": (
        "年度应在 2000 到 2100 之间：{year}",
        "The year must be 2000–2100: {year}",
    ),
    "plan_no_draft": (
        "工作方案 {plan} 没有草稿（先开始修订或导入）",
        "Plan {plan} has no draft (start a revision or import one first)",
    ),
    "plan_draft_exists": (
        "工作方案 {plan} 已有未发布的草稿；请先发布或放弃它，再导入",
        "Plan {plan} has an unpublished draft: publish or discard it before importing",
    ),
    "plan_code_changed": (
        "草稿中的方案代码（{draft}）与方案 {plan} 不一致",
        "The draft's plan code ({draft}) is not the plan's ({plan})",
    ),
    "plan_guesses_open": (
        "还有 {count} 处导入时推测的内容未确认，第一处在 {where}：{what}",
        "{count} guess(es) of the import are not confirmed; the first at {where}: {what}",
    ),
    "plan_unchanged": (
        "草稿与已发布的第 {revision} 版完全相同，无需发布",
        "The draft is the same as published revision {revision}: nothing to publish",
    ),
    "plan_file_type": (
        "不支持的方案文件类型：{suffix}（可导入 .txt、.docx、.xlsx 或 .json）",
        "Unsupported plan file type: {suffix} (use .txt, .docx, .xlsx or .json)",
    ),
    "plan_json_too_large": (
        "方案文件过大（超过 {limit}）",
        "The plan file is too large (over {limit})",
    ),
    "plan_json_invalid": (
        "不是 JSON 格式的方案文件：{detail}",
        "Not a JSON plan file: {detail}",
    ),
    # -- submissions and plans (app.domain.plan_book) --------------------------------------
    "submission_plan_unknown": (
        "文件所依据的工作方案 {plan} 不在本机（本机的方案：{plans}）",
        "The file was made for plan {plan}, which is not here (plans here: {plans})",
    ),
    "submission_plan_revision_unknown": (
        "文件所依据的是工作方案 {plan} 第 {revision} 版，本机没有该版本（最新为第 {newest} 版）",
        "The file was made for revision {revision} of plan {plan}, which is not here"
        " (the newest is {newest})",
    ),
    "submission_plan_hash": (
        "文件所依据的工作方案内容与本机的 {plan} 第 {revision} 版不一致（方案文件的哈希不同）",
        "The file's plan content is not revision {revision} of plan {plan} here (hash differs)",
    ),
    "submission_older_revision": (
        "已接收；该文件按工作方案 {plan} 第 {revision} 版填报，现行为第 {newest} 版",
        "Accepted; filled against revision {revision} of plan {plan}, the current one is {newest}",
    ),
}
