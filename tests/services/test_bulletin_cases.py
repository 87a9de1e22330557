"""The bulletins' sentences in chosen situations: nothing lagging, one unit or several, an
empty period, the office's grade thresholds, the 督办 extension point."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from app.domain.catalog import Catalog
from app.domain.messages import Refusal
from app.services.assessment import grades as assessment_grades
from app.services.assessment import list_rules
from app.services.bulletin import build_bulletin, progress_facts
from app.services.bulletin.notices import OverdueNotice, overdue_notices
from app.services.bulletin.progress import ALL_CLEAR
from app.services.stores import Store
from tests.kit.bulletin import Kit

DAY = date(2016, 4, 20)


def lines_after(doc_text: str, heading: str) -> list[str]:
    lines = doc_text.split("\n")
    return lines[lines.index(heading) + 1 :]


def test_an_empty_period_reads_sensibly(office_store: Store, catalog: Catalog) -> None:
    doc = build_bulletin(office_store, catalog, "progress", "2016Q1", issued_on=DAY)
    text = doc.plain_text()
    n = len(catalog.reporting_units())
    assert "截至2016年4月20日，市质量强市办尚未收到成员单位的报送文件。" in text
    assert f"本期应报送单位{n}个，均未报送。" in text
    assert "尚未收到。" in text
    for s in catalog.sections:
        heading = f"（{'一二三四五'[s.no - 1]}）{s.title}"
        assert "本期尚未收到进展报告。" in lines_after(text, heading)[0]
    assert "9项工作目标指标本期均尚无数据。" in text
    assert "本期尚未收到报送文件。" in text  # the sources annex
    for bad in ("None", "{", "}", "0条，", "等0", "、等", "（）", "：。", "，。"):
        assert bad not in text, bad
    assert "没有进展滞后的任务" not in text  # nothing reported is not "nothing lagging"
    year = build_bulletin(office_store, catalog, "assessment", "2016", issued_on=DAY).plain_text()
    assert "本年度尚无已到报送截止日的报告期" not in year  # Q1 is due by 2016-04-20
    assert "评为较差的有" in year
    for bad in ("None", "{", "}", "、等", "（）"):
        assert bad not in year, bad


def test_nothing_lagging_one_unit_and_one_late(
    office_store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    kit = Kit(office_store, catalog, tmp_path)
    kit.report("scjg", "2016Q1", {3: "delayed"}, problems={3: "认证规则尚待国家认监委批复。"})
    kit.report("zjj", "2016Q1", late=True)
    text = build_bulletin(office_store, catalog, "progress", "2016Q1", issued_on=DAY).plain_text()
    overview = lines_after(text, "一、总体情况")[0]
    assert "市市场和质量监管委按时报送；市住房建设局逾期报送；" in overview  # one each: no 等
    first = lines_after(text, "（一）大力推进重点项目建设")[0]
    assert "第3项“建立深圳标准认证制度”（市市场和质量监管委）进展滞后。" in first
    assert not re.search(r"等1[个项]", text)  # one is named, never counted
    for s in catalog.sections[1:]:
        body = lines_after(text, f"（{'一二三四五'[s.no - 1]}）{s.title}")[0]
        if "本期尚未收到进展报告" not in body:
            assert "本板块没有进展滞后的任务。" in body
    problems = lines_after(text, "（二）部分任务进展滞后")[0]
    assert problems == (
        "本期共有1项任务的1条进展报告为滞后，涉及市市场和质量监管委。"
        "有关单位反映的主要困难有：“认证规则尚待国家认监委批复”（市市场和质量监管委）。"
    )
    steps = lines_after(text, "四、下一步工作")
    assert steps[1] == (
        "请市市场和质量监管委针对进展滞后的任务分析原因，制定整改措施，加快工作进度。"
    )


def test_a_corrected_version_replaces_the_old_words(
    office_store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    kit = Kit(office_store, catalog, tmp_path)
    kit.report("scjg", "2016Q1", {3: "delayed"}, problems={3: "旧版本的困难说明。"})
    kit.report("scjg", "2016Q1", {3: "completed"})  # v2: done after all
    text = build_bulletin(office_store, catalog, "progress", "2016Q1", issued_on=DAY).plain_text()
    assert "旧版本的困难说明" not in text
    assert "部分任务进展滞后" not in text
    assert "第3项“建立深圳标准认证制度”" in lines_after(text, "（一）大力推进重点项目建设")[0]
    annex = text[text.rindex("数据来源") :]
    assert "\tv2\t" in annex and "\tv1\t" not in annex


def test_all_clear_says_so_in_one_sentence(
    office_store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    kit = Kit(office_store, catalog, tmp_path)
    for unit in catalog.reporting_units():
        kit.report(unit.id, "2016Q1", all_met=True)
    text = build_bulletin(office_store, catalog, "progress", "2016Q1", issued_on=DAY).plain_text()
    n = len(catalog.reporting_units())
    assert f"本期应报送单位{n}个，均已按时报送。" in text
    assert "9项工作目标指标均已达到年度目标。" in text
    assert lines_after(text, "三、存在问题")[:2] == [ALL_CLEAR, "四、下一步工作"]
    assert lines_after(text, "四、下一步工作")[0].startswith("请各成员单位继续对照《")


def test_overdue_notices_extension_point(
    office_store: Store, catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert overdue_notices(office_store, catalog, DAY) == []  # nothing is stored yet
    notice = OverdueNotice("zjj", "市住房建设局", 26, "报送优质工程申报进展", date(2016, 4, 15))
    monkeypatch.setattr(progress_facts, "overdue_notices", lambda *a: [notice])
    text = build_bulletin(office_store, catalog, "progress", "2016Q1", issued_on=DAY).plain_text()
    assert "督办事项逾期未办结" in text
    told = "市住房建设局承办的第26项任务督办事项（要求2016年4月15日前办结）已逾期，尚未办结。"
    assert told in text
    assert "请市住房建设局抓紧办理逾期的督办事项" in text


def test_grade_thresholds_are_stored_validated_and_used(
    office_store: Store, catalog: Catalog, tmp_path: Path
) -> None:
    assert assessment_grades.load_grades(office_store, catalog) == assessment_grades.DEFAULT_GRADES
    kit = Kit(office_store, catalog, tmp_path)
    kit.report("scjg", "2016Q1", {t.no: "completed" for t, _ in catalog.tasks_for_unit("scjg")})
    grades = assessment_grades.update_grades(office_store, catalog, {"优秀分数线": "99.5"})
    assert grades.params() == {"excellent": "99.5", "good": "80", "fair": "60"}
    assert [r.key for r in list_rules(office_store, catalog)] == [
        "on_time", "completion", "targets", "indicators",
    ]  # fmt: skip
    for bad, code in (
        ({"good": "95", "excellent": "90"}, "grades_not_descending"),
        ({"fair": "-1"}, "grades_out_of_range"),
        ({"excellent": "101"}, "grades_out_of_range"),
        ({"fair": "abc"}, "grades_not_a_number"),
        ({"poor": "10"}, "grades_unknown_param"),
        ({"good": "60"}, "grades_not_descending"),  # equal bounds leave a grade empty
    ):
        with pytest.raises(Refusal) as caught:
            assessment_grades.update_grades(office_store, catalog, bad)
        assert caught.value.code == code, bad
    assert assessment_grades.load_grades(office_store, catalog).params()["excellent"] == "99.5"
    text = build_bulletin(
        office_store, catalog, "assessment", "2016", issued_on=date(2017, 2, 10)
    ).plain_text()
    assert "总分99.5分及以上为优秀，80分及以上、不足99.5分为良好" in text
    assert "没有单位被评为优秀" in text
