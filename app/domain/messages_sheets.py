"""The sheets' part of the refusal vocabulary (app.domain.messages merges it into MESSAGES):
what a signed file's workbook shows, its cells (app.io.submission_cells) and everything
around them (app.io.sheet_look)."""

from __future__ import annotations

from typing import Final

SHEET_MESSAGES: Final[dict[str, tuple[str, str]]] = {
    "sheets": ("工作表与报送格式不符：{names}", "The sheets differ from the submission's: {names}"),
    "hidden_sheet": ("工作表 {sheet} 被隐藏", "Sheet {sheet} is hidden"),
    "formula": ("单元格 {ref} 含有公式，已拒收", "Cell {ref} holds a formula; refused"),
    "cell_form": (
        "单元格 {ref} 的写法不是本程序导出的形式，已拒收",
        "Cell {ref} is not written the way this program writes cells; refused",
    ),
    "cell_position": (
        "单元格位置无效或超出报送格式的范围：{ref}",
        "A cell position is invalid or outside the submission's area: {ref}",
    ),
    "visible_cell": (
        "单元格 {ref} 与签名数据不一致（文件被改动过）",
        "Cell {ref} differs from the signed data (the file was changed)",
    ),
    "sheet_look": (
        "工作表 {sheet} 的显示设置不是本程序导出的形式（{what}），"
        "可能使打印或显示的内容与签名数据不符，已拒收",
        "Sheet {sheet} is not laid out the way this program writes it ({what}): what it shows or"
        " prints could differ from the signed data; refused",
    ),
    "book_look": (
        "工作簿定义了本程序不写的名称（{what}，例如打印区域），可能使打印的内容不全，已拒收",
        "The workbook defines a name this program never writes ({what}, such as a print area):"
        " its printout could leave rows out; refused",
    ),
    "style_look": (
        "文件的样式不是本程序导出的形式（{what}），可能使显示的内容与签名数据不符，已拒收",
        "The file's styles are not the ones this program writes ({what}): what it shows could"
        " differ from the signed data; refused",
    ),
}
