"""The office answers' part of the refusal vocabulary, files side (app.domain.messages merges it
into MESSAGES): the office's key and the unit's trust in it, plan packages, feedback files,
responses to 督办 notices."""

from __future__ import annotations

from typing import Final

ANSWER_FILE_MESSAGES: Final[dict[str, tuple[str, str]]] = {
    # -- the office's key (app.services.office_key) --------------------------------------
    "office_key_exists": (
        "市质量强市办已有签名密钥（指纹 {fingerprint}）；更换请用 office key rotate"
        "（密码遗失或密钥泄露时用 office key replace）",
        "The office already has a signing key ({fingerprint}); use office key rotate"
        " (office key replace when its passphrase is lost or the key leaked)",
    ),
    "office_key_missing": (
        "市质量强市办尚未创建签名密钥：请先运行 office key create",
        "The office has no signing key yet: run office key create first",
    ),
    "office_key_no_statement": (
        "本办现用的密钥不是由旧密钥更换而来，没有密钥更换声明；请把新的密钥登记文件发给各单位重新登记",
        "The office key in force was not made by a rotation, so no statement vouches for it;"
        " send the units the new registration file to register again",
    ),
    "office_key_changed": (
        "签名密钥在此期间已变更，请重试",
        "The signing key changed meanwhile; try again",
    ),
    # -- the unit's trust in it (app.services.unit_office_key) ---------------------------
    "office_key_file_bad": (
        "不是市质量强市办的密钥登记文件（{detail}）",
        "Not the office's key registration file ({detail})",
    ),
    "office_key_file_too_large": (
        "密钥登记文件过大（超过 {limit}）",
        "The key registration file is too large (over {limit})",
    ),
    "office_key_not_confirmed": (
        "未信任：指纹未经核对",
        "Not trusted: the fingerprint was not confirmed",
    ),
    "office_key_not_trusted": (
        "本机尚未信任市质量强市办的密钥：请先用 unit office-key add 导入其登记文件并核对指纹",
        "This install trusts no office key yet: add the office's registration file first"
        " (unit office-key add) and confirm its fingerprint",
    ),
    "office_key_other_trusted": (
        "本机已信任另一把市质量强市办密钥（{fingerprint}）；更换须有旧密钥签署的密钥更换声明，"
        "或在市质量强市办通知旧密钥遗失、泄露并电话核对新指纹后改信（unit office-key replace）",
        "This install trusts another office key ({fingerprint}); replacing it needs a"
        " rotation statement signed by that key, or, once the office has said the old key was"
        " lost or leaked and you confirmed the new fingerprint by phone, unit office-key replace",
    ),
    "office_key_trusted_before": (
        "本机以前信任过这把市质量强市办密钥，它已被更换，不能再次信任（指纹 {fingerprint}）",
        "This install trusted this office key before and moved away from it; it cannot be"
        " trusted again ({fingerprint})",
    ),
    "office_key_untrusted": (
        "文件不是由本机信任的市质量强市办密钥签名的（签名密钥指纹 {fingerprint}）",
        "The file is not signed by the office key this install trusts (signed by {fingerprint})",
    ),
    "office_rotation_bad": (
        "密钥更换声明无效：{detail}",
        "The key rotation statement is invalid: {detail}",
    ),
    # -- plan packages (app.services.plans.package) --------------------------------------
    "plan_package_not_for_unit": (
        "工作方案 {plan} 不要求本单位（{unit}）填报，未导入",
        "Plan {plan} does not ask this unit ({unit}) to report; not imported",
    ),
    "plan_package_older": (
        "文件是工作方案 {plan} 第 {revision} 版，本机已有更新的第 {installed} 版，未导入",
        "The file is revision {revision} of plan {plan}; this install already has revision"
        " {installed}; not imported",
    ),
    "plan_package_differs": (
        "文件中的工作方案 {plan} 第 {revision} 版与本机已有的第 {revision} 版内容不同，未导入",
        "The file's revision {revision} of plan {plan} differs from the one installed here;"
        " not imported",
    ),
    "plan_package_bad_plan": (
        "工作方案包中的方案无效：{detail}",
        "The plan package's plan is invalid: {detail}",
    ),
    # -- feedback files (app.services.feedback) ------------------------------------------
    "feedback_other_unit": (
        "这是发给{unit}的反馈文件，不是本单位的，未导入",
        "This feedback file is for {unit}, not this unit; not imported",
    ),
    "feedback_plan_unknown": (
        "反馈文件涉及的工作方案 {plan} 本机没有：请先导入该工作方案包",
        "The feedback names plan {plan}, which this install does not hold: import its plan"
        " package first",
    ),
    "feedback_plan_item_unknown": (
        "反馈文件提到的{what}在本机的工作方案 {plan} 中没有：请先导入最新的工作方案包",
        "The feedback names {what}, which plan {plan} here does not have: import the newest"
        " plan package first",
    ),
    "feedback_nothing": (
        "{period} 没有需要反馈的单位（无回执、审核意见、督办事项或方案修订）",
        "Nothing to send for {period} (no receipt, decision, notice or plan revision)",
    ),
    # -- responses to 督办 notices -------------------------------------------------------
    "notice_closed": (
        "督办事项 {notice} 已办结，不再需要答复",
        "Supervision notice {notice} is closed; no response is needed",
    ),
    "response_too_long": (
        "答复不能超过 {limit} 个字",
        "A response may not be longer than {limit} characters",
    ),
    "response_bad_text": (
        "答复含有控制字符",
        "The response holds control characters",
    ),
}
