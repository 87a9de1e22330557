# ruff: noqa: E501  (the hostile edits are XML snippets, each on one line)
"""What a file shows beyond its cells (app.io.sheet_look): files their own signer made by hand
to show or print something the signed payload does not say, each refused with its code; the
writer's own files pass."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import pytest

from app.domain.catalog import Catalog
from app.io.sheet_look import THEME_SHA256
from app.io.submission_reader import verify_submission
from tests.kit.keys import Key
from tests.kit.submissions import entries, rejected, resigned

STYLES, THEME, BOOK = "xl/styles.xml", "xl/theme/theme1.xml", "xl/workbook.xml"
COVER, TASKS = "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"
Edit = Callable[[str], str]


def _edited(written: bytes, key: Key, part: str, edit: Edit) -> bytes:
    """The file with one part edited and signed again by its own key."""
    text = entries(written)[part].decode("utf-8")
    changed = edit(text)
    assert changed != text, "the edit found nothing to change"
    return resigned(written, key, replace={part: changed.encode("utf-8")})


def _replace(old: str, new: str, count: int = 1) -> Edit:
    return lambda text: text.replace(old, new, count)


def _before(anchor: str, insert: str) -> Edit:
    return lambda text: text.replace(anchor, insert + anchor, 1)


def test_the_writers_own_file_passes(written: bytes, catalog: Catalog) -> None:
    assert verify_submission(written, catalog).payload.unit_id == "zjj"


def test_the_theme_digest_is_the_one_the_writer_writes() -> None:
    """An openpyxl upgrade that writes another theme fails here, not in the units' files."""
    from app.io.printable_book import BookLook, book_parts, table_layout
    from app.io.submission_layout import Cell

    sheet = table_layout(
        "表", "标题", ("甲", "乙"), (10.0, 20.0), [(Cell("1", "text"), Cell("2", "text"))]
    )
    parts = dict(book_parts((sheet,), BookLook("标题", "页脚")))
    assert hashlib.sha256(parts[THEME]).hexdigest() in THEME_SHA256


STYLE_EDITS: dict[str, tuple[str, Edit]] = {
    # a number format printing "100" whatever the value, and one hiding it
    "custom number format": (
        STYLES,
        lambda t: t.replace(
            '<numFmts count="0"/>',
            '<numFmts count="1"><numFmt numFmtId="164" formatCode="&quot;100&quot;"/></numFmts>',
        ).replace('<xf numFmtId="0" fontId="5"', '<xf numFmtId="164" fontId="5"'),
    ),
    "hiding number format": (
        STYLES,
        lambda t: t.replace(
            '<numFmts count="0"/>',
            '<numFmts count="1"><numFmt numFmtId="164" formatCode=";;;"/></numFmts>',
        ),
    ),
    "built-in date format": (STYLES, _replace('<xf numFmtId="0" fontId="5"', '<xf numFmtId="14" fontId="5"')),
    "white text": (STYLES, _replace('<sz val="11"/></font>', '<color rgb="FFFFFFFF"/><sz val="11"/></font>')),
    "very light text": (STYLES, _replace('<sz val="11"/></font>', '<color rgb="00F4F4F4"/><sz val="11"/></font>')),
    "theme background colour": (STYLES, _replace('<color theme="1"/>', '<color theme="0"/>')),
    "palette colour": (STYLES, _replace('<sz val="11"/></font>', '<color indexed="9"/><sz val="11"/></font>')),
    "tiny text": (STYLES, _replace('<sz val="11"/>', '<sz val="1"/>')),
    "conditional format style": (
        STYLES,
        _before("</styleSheet>", '<dxfs count="1"><dxf><numFmt numFmtId="164" formatCode="&quot;100&quot;"/></dxf></dxfs>'),
    ),
    "recoloured theme": (THEME, _replace('<a:srgbClr val="1F497D"/>', '<a:srgbClr val="FFFFFF"/>')),
    "dark fill under dark text": (STYLES, _replace('<fgColor rgb="00F2F2F2"/>', '<fgColor rgb="00202020"/>')),
    "gradient fill": (STYLES, _replace('<fill><patternFill/></fill>', '<fill><gradientFill degree="90"><stop position="0"><color rgb="FF000000"/></stop></gradientFill></fill>')),
    "indent pushing text out": (STYLES, _replace('<alignment horizontal="left" vertical="top" wrapText="1"/>', '<alignment horizontal="left" vertical="top" wrapText="1" indent="250"/>')),
    "mid-grey text": (STYLES, _replace('<color rgb="00595959"/>', '<color rgb="00A0A0A0"/>')),
}  # fmt: skip


@pytest.mark.parametrize("name", list(STYLE_EDITS))
def test_styles_that_change_what_is_seen_are_refused(
    name: str, written: bytes, catalog: Catalog, key: Key
) -> None:
    part, edit = STYLE_EDITS[name]
    assert rejected(_edited(written, key, part, edit), catalog).code == "style_look"


SHEET_EDITS: dict[str, tuple[str, Edit]] = {
    "conditional format": (
        TASKS,
        _before("<printOptions", '<conditionalFormatting sqref="D3"><cfRule type="expression" dxfId="0" priority="1"><formula>TRUE</formula></cfRule></conditionalFormatting>'),
    ),
    "hidden row": (TASKS, _replace('<row r="3" ht="', '<row r="3" hidden="1" ht="')),
    "zero-height row": (TASKS, lambda t: t.replace('<row r="3" ht="', '<row r="3" ht="0" x="', 1)),
    "rows hidden by default": (TASKS, _replace('<sheetFormatPr baseColWidth="8"', '<sheetFormatPr zeroHeight="1" baseColWidth="8"')),
    "hidden column": (TASKS, _replace('<col width="38" customWidth="1"', '<col hidden="1" width="38" customWidth="1"')),
    "narrowed column": (TASKS, _replace('<col width="38" customWidth="1"', '<col width="0.5" customWidth="1"')),
    "merge over a value": (TASKS, _replace('<mergeCells count="1">', '<mergeCells count="2"><mergeCell ref="F3:G3"/>')),
    "merge taken away": (COVER, _replace('<mergeCell ref="A1:B1"/>', "")),
    "words in the header": (TASKS, _replace("<oddHeader/>", "<oddHeader>&amp;C已受理，全部完成</oddHeader>")),
    "other words in the footer": (TASKS, _replace("第 1 版&amp;R", "第 9 版&amp;R")),
    "a first-page footer": (TASKS, _replace("<firstFooter/>", "<firstFooter>&amp;C全部完成</firstFooter>")),
    "zeros shown blank": (TASKS, _replace('<sheetView workbookViewId="0"', '<sheetView showZeros="0" workbookViewId="0"')),
    "a comment in the sheet": (TASKS, _before("<printOptions", "<!-- x -->")),
    "data validation message": (
        TASKS,
        _before("<printOptions", '<dataValidations count="1"><dataValidation sqref="D3" showInputMessage="1" prompt="已完成"/></dataValidations>'),
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", list(SHEET_EDITS))
def test_sheet_settings_that_change_what_is_seen_are_refused(
    name: str, written: bytes, catalog: Catalog, key: Key
) -> None:
    part, edit = SHEET_EDITS[name]
    refusal = rejected(_edited(written, key, part, edit), catalog)
    assert refusal.code == "sheet_look", refusal.reason
    assert ("封面" if part == COVER else "任务进展") in refusal.reason


def test_a_print_area_is_refused(written: bytes, catalog: Catalog, key: Key) -> None:
    area = (
        '<definedName name="_xlnm.Print_Area" localSheetId="1">\'任务进展\'!$A$1:$L$2</definedName>'
    )
    edited = _edited(written, key, BOOK, _replace("<definedNames>", "<definedNames>" + area))
    refusal = rejected(edited, catalog)
    assert refusal.code == "book_look" and "Print_Area" in refusal.reason


def test_a_taller_row_is_harmless(written: bytes, catalog: Catalog, key: Key) -> None:
    """A reader may make a row taller to read it: that hides nothing."""
    taller = _edited(written, key, TASKS, lambda t: t.replace('ht="33"', 'ht="60"', 1))
    assert verify_submission(taller, catalog).payload.unit_id == "zjj"
