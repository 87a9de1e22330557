"""Plan documents written as Word would: paragraphs, a soft line break, a task table."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.document import Document as DocxDocument


# -- a .docx: paragraphs, a soft line break, a task table with a merged section row --------
def write_docx(path: Path) -> None:
    d: DocxDocument = docx.Document()
    for text in (
        "深圳市2018年质量工作方案",
        "一、工作目标",
        "2018年，全市制造业产品质量合格率稳定在94%以上，主要农产品质量安全监测合格率达到96%以上。",
        "二、主要任务",
        "（一）深化质量强市建设",
        "1．推进质量强市示范城市创建，新增质量强市示范街道5个。（市质量强市办牵头，各区政府配合）",
    ):
        d.add_paragraph(text)
    p = d.add_paragraph("2．开展质量提升行动，")
    p.add_run().add_break()
    p.add_run("培育卓越绩效企业不少于30家。（市市场和质量监管委负责）")
    table = d.add_table(rows=4, cols=4)
    for cell, text in zip(
        table.rows[0].cells, ["序号", "工作任务", "牵头单位", "配合单位"], strict=True
    ):
        cell.text = text
    merged = table.cell(1, 0).merge(table.cell(1, 3))
    merged.text = "（二）加强质量基础"
    rows = [
        [
            "3",
            "建设国家级质量检验检测中心2个。",
            "市市场和质量监管委",
            "市科技创新委、市发展改革委",
        ],
        ["4", "新增公交专用道30公里以上。", "市交通运输委", ""],
    ]
    for r, values in enumerate(rows, start=2):
        for c, text in enumerate(values):
            table.cell(r, c).text = text
    d.add_paragraph("三、保障措施")
    d.add_paragraph("市财政委要保障质量强市工作经费。")
    d.save(str(path))
