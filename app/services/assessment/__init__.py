"""The annual assessment of member units (plan 三(三)), by rules the office sees and changes.

Rules live in ``AssessmentRule`` rows of the plan (installed with their defaults on first use);
each has a weight and may be switched off. Every part of a score keeps its raw share (0..1) and
a Chinese sentence that explains it, so any total can be recomputed by hand:

- ``on_time``    按时报送: of the year's periods whose due date has passed (as of ``as_of``), the
                 share with a current version signed by the due day; a late one counts
                 ``late_credit`` (逾期折算系数, default 0), a missing or only-rejected one 0.
- ``completion`` 任务完成度: the mean percent over the unit's tasks in its basis report, the
                 annual summary or, without one, its latest report of the year; a task not
                 reported, or in progress without a percent, counts 0, 已完成 100, 未启动 0.
- ``targets``    目标值达成: the share of the targets of its lead/responsible tasks that its basis
                 report shows met (a figure not reported is not met).
- ``indicators`` 工作目标指标: the share of the goal indicators it owns that its basis report
                 shows met.

points = raw x weight x 100 / (sum of the weights of the enabled rules that apply to the unit);
the total is their exact sum, so it is out of 100 whatever the weights. Both are shown rounded
to 0.01 (half up).
A rule does not apply to a unit with nothing to judge (no targets, no indicators, no period
due yet): it scores no points and its weight leaves the sum, so no unit gains or loses by it.
"""

from app.services.assessment.rules import (
    DEFAULT_RULES,
    PARAMS,
    AssessmentError,
    ParamSpec,
    RuleInfo,
    RuleSpec,
    list_rules,
    param_spec,
    reset_rules,
    update_rule,
)
from app.services.assessment.scoring import (
    ScorePart,
    UnitScore,
    annual_period,
    score_units,
    scores_to_json,
    today_in_plan_tz,
    year_periods,
)

__all__ = [
    "DEFAULT_RULES",
    "PARAMS",
    "AssessmentError",
    "ParamSpec",
    "RuleInfo",
    "RuleSpec",
    "ScorePart",
    "UnitScore",
    "annual_period",
    "list_rules",
    "param_spec",
    "reset_rules",
    "score_units",
    "scores_to_json",
    "today_in_plan_tz",
    "update_rule",
    "year_periods",
]
