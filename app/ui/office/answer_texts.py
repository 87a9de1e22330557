"""The office's answers in the interface language: review states, 督办 states, audit actions,
and a refusal from the services in words.

The services name states and actions by code (docs/design.md §4, ANSWERS contract); the words
are the window's, through Qt's translation, so a language switch re-asks them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.ui.common.colors import ERROR_COLOR, HINT_COLOR, OK_COLOR, WARN_COLOR
from app.ui.common.i18n import EN, current_language

translate = QCoreApplication.translate  # lupdate reads translate("AnswerTexts", "…")

REVIEW_STATES = ("pending", "accepted", "returned")
REVIEW_COLORS = {"pending": HINT_COLOR, "accepted": OK_COLOR, "returned": ERROR_COLOR}
REVIEW_BACKGROUNDS = {"pending": "#eef1f5", "accepted": "#d8f0dc", "returned": "#fbd9d3"}
# One character above a unit's column in the matrix: the column headers are vertical text.
REVIEW_MARKS = {"pending": "…", "accepted": "✓", "returned": "↩"}

NOTICE_STATES = ("open", "answered", "closed")
NOTICE_BACKGROUNDS = {"open": "#fff4d6", "answered": "#dbe9fb", "closed": "#eef1f5"}
OVERDUE_BACKGROUND = "#fbd9d3"
NOTICE_COLORS = {"open": WARN_COLOR, "answered": "#1e6fd9", "closed": HINT_COLOR}


def review_label(state: str) -> str:
    labels = {
        "pending": translate("AnswerTexts", "待审核"),
        "accepted": translate("AnswerTexts", "已受理"),
        "returned": translate("AnswerTexts", "退回修改"),
    }
    return labels.get(state, state)


def notice_label(state: str, overdue: bool = False) -> str:
    labels = {
        "open": translate("AnswerTexts", "待答复"),
        "answered": translate("AnswerTexts", "已答复"),
        "closed": translate("AnswerTexts", "已办结"),
    }
    text = labels.get(state, state)
    return (
        translate("AnswerTexts", "{0}（已逾期）").format(text)
        if overdue and state != "closed"
        else text
    )


def audit_action_label(action: str) -> str:
    labels = {
        "import": translate("AnswerTexts", "导入报送文件"),
        "review_accept": translate("AnswerTexts", "受理"),
        "review_return": translate("AnswerTexts", "退回"),
        "notice_add": translate("AnswerTexts", "发出督办"),
        "notice_close": translate("AnswerTexts", "办结督办"),
        "notice_answered": translate("AnswerTexts", "收到督办答复"),
        "trust_add": translate("AnswerTexts", "登记单位密钥"),
        "trust_revoke": translate("AnswerTexts", "吊销单位密钥"),
        "trust_rotate": translate("AnswerTexts", "更换单位密钥"),
        "office_key_create": translate("AnswerTexts", "创建本办密钥"),
        "office_key_rotate": translate("AnswerTexts", "更换本办密钥"),
        "office_key_replace": translate("AnswerTexts", "重建本办密钥"),
        "rules_change": translate("AnswerTexts", "修改考核规则"),
        "plan_publish": translate("AnswerTexts", "发布工作方案"),
        "plan_package": translate("AnswerTexts", "生成方案包"),
        "feedback_issue": translate("AnswerTexts", "生成反馈文件"),
    }
    return labels.get(action, action)


def problem_label(code: str) -> str:
    """Why a version is not among "accept all without errors" (``ReviewState.problems``)."""
    labels = {
        "conflict": translate("AnswerTexts", "同一版本有两个不同的文件"),
        "older_revision": translate("AnswerTexts", "按旧版工作方案填报"),
        "tasks_missing": translate("AnswerTexts", "有任务未填报"),
    }
    return labels.get(code, code)


def news_label(news: str) -> str:
    """What a feedback file tells a unit (``FeedbackWritten.news``)."""
    labels = {
        "receipt": translate("AnswerTexts", "受理回执"),
        "review": translate("AnswerTexts", "审核意见"),
        "notices": translate("AnswerTexts", "督办事项"),
        "plan": translate("AnswerTexts", "工作方案修订"),
    }
    return labels.get(news, news)


def error_text(exc: BaseException) -> str:
    """A refusal's words in the interface language (a service's Message), else the error's."""
    from app.io.keys import WrongPassphrase

    if isinstance(exc, WrongPassphrase):
        return translate("AnswerTexts", "密钥密码不正确，请重新输入。")
    message = getattr(exc, "message", None)
    render = getattr(message, "render", None)
    if callable(render):
        return str(render("en" if current_language() == EN else "zh"))
    return str(exc) or type(exc).__name__
