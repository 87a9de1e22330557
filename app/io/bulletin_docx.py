"""An official document (``bulletin_model``) as an editable Word file in the GB/T 9704-2012
format (公文格式), written with python-docx.

- Page: A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm, so the type area is
  156 x 225 mm.
- 22 lines x 28 characters: a document grid of type ``linesAndChars`` whose line pitch is
  579 twips (28.95 pt; 22 x 579 = 12,738 twips fits the 12,756 of 225 mm) and whose character
  pitch is the type width / 28 (15.79 pt for 16 pt text: ``charSpace`` = (pitch - 16) x 4096,
  rounded down so Word counts 28, not 27). Body paragraphs also carry an exact line spacing of
  28.95 pt, so the 22 lines hold in programs that ignore the grid.
- Fonts: title 2号 (22 pt) 方正小标宋简体; body 3号 (16 pt) 仿宋_GB2312; "一、" headings 黑体;
  "（一）" headings 楷体_GB2312; page numbers 4号 (14 pt) 宋体. Each style names its font for
  East-Asian text, Latin text and digits alike.
- Fallbacks (``FONTS_STANDARD``): the runs name the GB fonts the standard asks for, which an
  office's PCs have installed for 公文 as a matter of course; the font table lists each with
  ``w:altName`` (仿宋_GB2312 → 仿宋, FangSong; 楷体_GB2312 → 楷体, KaiTi; 方正小标宋简体 → 宋体,
  SimSun) and its PANOSE and GB2312 charset, which Word tries before substituting by metrics
  (ECMA-376 17.8.3.1). So a PC without them shows the ordinary Windows fonts, and the file
  still says what the standard asks when it reaches one that has them. ``FONTS_SYSTEM`` names
  the Windows fonts directly (title 宋体 bold) for an office that wants that instead; bold
  cannot be a fallback, since it would also thicken 方正小标宋 where that font exists.
- Page numbers "— 1 —": a ``PAGE`` field between em dashes, 宋体 14 pt, odd pages at the right
  and even pages at the left, one character in from the edge (different odd and even footers);
  the footer sits 25 mm from the page bottom, about 7 mm under the type area.
- Tables are Word tables with the header row marked to repeat on every page (``w:tblHeader``)
  and rows that do not split across pages; their text is off the grid (smaller type).
- Issuer and date as for a sealed document (7.3.5.1): the date four characters in from the
  right, the issuer centred over it; two blank lines above for the seal.
- Each annex starts a new page with "附件" at the top left and its title centred on line 3.

The file is written through a temporary file and renamed over its destination.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from docx import Document as new_document
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Twips
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from app.domain.messages import Refusal
from app.io.atomic_file import write_atomic
from app.io.bulletin_model import (
    Annex,
    Block,
    Heading,
    OfficialDocument,
    Paragraph,
    Properties,
    Table,
    annex_label,
    annex_note,
    chinese_date,
)
from app.io.docx_ooxml import (
    FontSpec,
    add_custom_properties,
    add_fonts_to_table,
    child,
    doc_grid,
    drop_package_rel,
    el,
    field_runs,
    replace_blob,
    set_flag,
    set_fonts,
    set_indent,
    set_size,
    set_spacing,
    set_spacing_run,
    set_value,
)
from app.io.gongwen_format import (
    BODY_PT,
    CHAR_PITCH,
    CHAR_SPACE,
    COMPACT_PT,
    CONDENSE,
    DIGEST_PT,
    FONT_SETS,
    FOOTER_MM,
    HEADER_MM,
    LEAD_NAME,
    LEAD_STYLE,
    LINE_PITCH,
    MARGINS_MM,
    PAGE_MM,
    PAGE_NUMBER_PT,
    STYLE_NAMES,
    TABLE_NOTE_PT,
    TABLE_PT,
    TEXT_WIDTH,
    TITLE_PT,
    FontSet,
    column_widths,
    text_units,
)


@dataclass(frozen=True)
class DocxResult:
    path: Path
    sha256: str
    size: int


def write_docx(
    path: Path, document: OfficialDocument, fonts: str | FontSet = "standard"
) -> DocxResult:
    """Write ``document`` to ``path`` atomically; returns its SHA-256. An OSError is about
    ``path``; a document python-docx cannot make (its own templates unreadable: a damaged
    installation) is the Refusal ``docx_build_failed``, never mistaken for a write failure."""
    try:
        data = docx_bytes(document, fonts)
    except OSError as exc:
        raise Refusal("docx_build_failed", detail=exc.strerror or exc) from exc
    write_atomic(Path(path), data)
    return DocxResult(Path(path), hashlib.sha256(data).hexdigest(), len(data))


def docx_bytes(document: OfficialDocument, fonts: str | FontSet = "standard") -> bytes:
    font_set = FONT_SETS[fonts] if isinstance(fonts, str) else fonts
    doc = new_document()
    _Layout(doc, font_set).build(document)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


class _Layout:
    def __init__(self, doc: Document, fonts: FontSet) -> None:
        self.doc = doc
        self.fonts = fonts

    def build(self, document: OfficialDocument) -> None:
        self._package(document.properties)
        self._styles()
        self._page()
        self._title(document.title_lines)
        self._para("", "GwBody")  # 标题下空一行
        if document.addressee:
            self._para(document.addressee, "GwAddressee")
        for block in document.body:
            self._block(block)
        # The last body paragraph, the annex note and the signature stay on one page: a
        # signature alone on a page is what GB/T 9704 7.3.5.4 forbids.
        self._keep_with_next(self.doc.paragraphs[-1])
        notes = annex_note(document.annexes)
        if notes:
            self._keep_with_next(self._para("", "GwBody"))  # 正文下空一行
            for i, line in enumerate(notes):
                p = self._para(line, "GwAnnexNote")
                self._keep_with_next(p)
                if i:  # later lines align with the first annex's name, after "附件："
                    set_indent(_ppr(p), left=round(5 * CHAR_PITCH), leftChars=500)
        self._signature(document.issuer, chinese_date(document.issued_on))
        for i, annex in enumerate(document.annexes, 1):
            self._annex(annex, annex_label(i, len(document.annexes)))

    # -- package: properties, font table, settings ----------------------------------------
    def _package(self, props: Properties) -> None:
        core = self.doc.core_properties
        core.title = props.title
        core.subject = props.subject
        core.author = props.author
        core.last_modified_by = props.author
        core.keywords = props.keywords
        core.category = props.category
        core.comments = props.comments
        core.language = "zh-CN"
        core.created = props.created
        core.modified = props.created
        core.revision = 1
        package = self.doc.part.package
        drop_package_rel(package, RT.THUMBNAIL)  # the template's preview of a blank page
        if props.custom:
            add_custom_properties(package, props.custom)
        f = self.fonts
        wanted = {s.name: s for s in (f.title, f.body, f.heading1, f.heading2, f.page_number)}
        font_table = self.doc.part.part_related_by(RT.FONT_TABLE)
        replace_blob(font_table, add_fonts_to_table(font_table.blob, wanted.values()))
        settings = self.doc.settings
        settings.odd_and_even_pages_header_footer = True
        lang = child(settings.element, "w:themeFontLang")
        lang.set(_wq("eastAsia"), "zh-CN")

    # -- styles ---------------------------------------------------------------------------
    def _styles(self) -> None:
        styles = self.doc.styles
        defaults = styles.element.find(_w("docDefaults"))
        if defaults is not None:  # the template's theme fonts (Japanese) must not show through
            rpr = defaults.find(f"{_w('rPrDefault')}/{_w('rPr')}")
            if rpr is not None:
                set_fonts(rpr, self.fonts.body.name)
                set_size(rpr, BODY_PT)
                lang = child(rpr, "w:lang")
                lang.set(_wq("val"), "en-US")
                lang.set(_wq("eastAsia"), "zh-CN")
            ppr_default = defaults.find(f"{_w('pPrDefault')}/{_w('pPr')}")
            if ppr_default is not None:
                set_spacing(ppr_default, 240, "auto")
                # No automatic gap between Chinese and digits or letters (公文 spaces
                # nothing by itself); said here too, where LibreOffice reads it.
                set_flag(ppr_default, "w:autoSpaceDE", False)
                set_flag(ppr_default, "w:autoSpaceDN", False)
        normal = styles["Normal"].element
        self._para_props(normal, self.fonts.body, BODY_PT)
        ppr = normal.get_or_add_pPr()
        set_value(ppr, "w:jc", "both")
        set_flag(ppr, "w:widowControl", False)
        # No automatic gap between Chinese and digits/letters: 公文 spaces nothing by itself.
        set_flag(ppr, "w:autoSpaceDE", False)
        set_flag(ppr, "w:autoSpaceDN", False)
        # 16 pt characters on a 15.79 pt pitch: condensed by 0.3 pt, 28 fit on a line even
        # where the grid is not applied cell by cell as Word does (LibreOffice gives a
        # character wider than the pitch two cells).
        set_spacing_run(normal.get_or_add_rPr(), CONDENSE)
        f = self.fonts
        two = {"firstLine": round(2 * CHAR_PITCH), "firstLineChars": 200}
        self._style("GwBody", f.body, BODY_PT, indent=two)
        self._style("GwAddressee", f.body, BODY_PT, indent={"firstLine": 0, "firstLineChars": 0})
        title = self._style("GwTitle", f.title, TITLE_PT, jc="center", bold=f.title_bold)
        set_flag(_style_ppr(title), "w:keepNext")
        # 22 pt characters would take two grid cells each: the title keeps its own spacing.
        set_flag(title.get_or_add_rPr(), "w:snapToGrid", False)
        set_flag(_style_ppr(title), "w:snapToGrid", False)
        set_spacing_run(title.get_or_add_rPr(), 0)
        for sid, font, level in (("GwHeading1", f.heading1, 0), ("GwHeading2", f.heading2, 1)):
            h = self._style(sid, font, BODY_PT, indent=two)
            set_flag(_style_ppr(h), "w:keepNext")
            set_value(_style_ppr(h), "w:outlineLvl", str(level))
        self._style("GwSignature", f.body, BODY_PT, jc="right")
        self._style("GwDate", f.body, BODY_PT, jc="right")
        self._style("GwAnnexNote", f.body, BODY_PT, indent=two)
        self._style("GwAnnexLabel", f.heading1, BODY_PT, indent={"firstLine": 0})
        cap = self._style("GwCaption", f.heading1, PAGE_NUMBER_PT, jc="center", grid=False)
        set_flag(_style_ppr(cap), "w:keepNext")
        for sid, font in (("GwTable", f.body), ("GwTableHead", f.heading1)):
            cell = self._style(sid, font, TABLE_PT, jc="center", grid=False)
            spacing = child(_style_ppr(cell), "w:spacing")  # a little air above and below
            spacing.set(_wq("before"), "40")
            spacing.set(_wq("after"), "40")
        self._style("GwTableNote", f.body, TABLE_NOTE_PT, grid=False)
        self._style("GwPageNumber", f.page_number, PAGE_NUMBER_PT, grid=False)
        lead = styles.add_style(LEAD_NAME, WD_STYLE_TYPE.CHARACTER)
        lead.style_id = LEAD_STYLE
        set_fonts(lead.element.get_or_add_rPr(), f.heading2.name)

    def _style(
        self,
        style_id: str,
        font: FontSpec,
        points: float,
        *,
        jc: str | None = None,
        indent: Mapping[str, int] | None = None,
        bold: bool = False,
        grid: bool = True,
    ) -> BaseOxmlElement:
        style = self.doc.styles.add_style(STYLE_NAMES[style_id], WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = style_id
        style.base_style = self.doc.styles["Normal"]
        element = style.element
        self._para_props(element, font, points, grid=grid)
        ppr = _style_ppr(element)
        if jc is not None:
            set_value(ppr, "w:jc", jc)
        set_indent(ppr, **(indent or {"firstLine": 0, "firstLineChars": 0}))
        if bold:
            rpr = element.get_or_add_rPr()
            set_flag(rpr, "w:b")
            set_flag(rpr, "w:bCs")
        return element  # type: ignore[no-any-return]

    @staticmethod
    def _para_props(
        style: BaseOxmlElement, font: FontSpec, points: float, grid: bool = True
    ) -> None:
        rpr = style.get_or_add_rPr()
        set_fonts(rpr, font.name, latin=None)
        set_size(rpr, points)
        ppr = style.get_or_add_pPr()
        if grid:
            set_spacing(ppr, LINE_PITCH)
        else:  # smaller type in tables and footers: single spacing, no grid snapping
            set_flag(ppr, "w:snapToGrid", False)
            set_flag(rpr, "w:snapToGrid", False)
            set_spacing(ppr, 240, "auto")

    # -- page -----------------------------------------------------------------------------
    def _page(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
        section.top_margin = Mm(MARGINS_MM["top"])
        section.bottom_margin = Mm(MARGINS_MM["bottom"])
        section.left_margin = Mm(MARGINS_MM["left"])
        section.right_margin = Mm(MARGINS_MM["right"])
        section.header_distance = Mm(HEADER_MM)
        section.footer_distance = Mm(FOOTER_MM)
        section.gutter = Twips(0)
        doc_grid(section._sectPr, LINE_PITCH, CHAR_SPACE)
        self._page_number(section.footer.paragraphs[0], odd=True)
        self._page_number(section.even_page_footer.paragraphs[0], odd=False)

    def _page_number(self, p: DocxParagraph, *, odd: bool) -> None:
        """'— 7 —', 宋体 4号, one character in from the outside edge (空一字)."""
        _set_style(p, "GwPageNumber")
        ppr = _ppr(p)
        one = round(PAGE_NUMBER_PT * 20)
        if odd:
            set_value(ppr, "w:jc", "right")
            set_indent(ppr, right=one)
        else:
            set_value(ppr, "w:jc", "left")
            set_indent(ppr, left=one)
        p.add_run("— ")
        field_runs(p._p, " PAGE ", "1")
        p.add_run(" —")

    # -- content --------------------------------------------------------------------------
    def _para(self, text: str, style_id: str) -> DocxParagraph:
        p = self.doc.add_paragraph(text)
        _set_style(p, style_id)
        return p

    @staticmethod
    def _keep_with_next(p: DocxParagraph) -> None:
        set_flag(_ppr(p), "w:keepNext")

    def _title(self, lines: tuple[str, ...]) -> None:
        p = self._para("", "GwTitle")
        for i, line in enumerate(lines):
            run = p.add_run(line)
            if i < len(lines) - 1:
                run.add_break()

    def _block(self, block: Block) -> None:
        if isinstance(block, Heading):
            self._para(block.text, "GwHeading1" if block.level == 1 else "GwHeading2")
        elif isinstance(block, Paragraph):
            p = self._para("", "GwBody")
            if block.lead:
                lead = p.add_run(block.lead)
                lead._r.get_or_add_rPr().style = LEAD_STYLE
            p.add_run(block.text)
        else:
            self._table(block)

    def _signature(self, issuer: str, date_text: str) -> None:
        """Sealed layout: date 4 characters in from the right, issuer centred over it (a
        longer issuer keeps 2 characters and the date centres under it)."""
        self._keep_with_next(self._para("", "GwBody"))
        self._keep_with_next(self._para("", "GwBody"))
        issuer_w, date_w = text_units(issuer), text_units(date_text)
        date_right = 4.0
        issuer_right = date_right + (date_w - issuer_w) / 2
        if issuer_right < 2:
            issuer_right = 2.0
            date_right = issuer_right + (issuer_w - date_w) / 2
        for text, style_id, right in (
            (issuer, "GwSignature", issuer_right),
            (date_text, "GwDate", date_right),
        ):
            p = self._para(text, style_id)
            set_indent(_ppr(p), right=round(right * CHAR_PITCH), rightChars=round(right * 100))
            if style_id == "GwSignature":
                self._keep_with_next(p)

    def _annex(self, annex: Annex, label: str) -> None:
        p = self._para(label, "GwAnnexLabel")
        set_flag(_ppr(p), "w:pageBreakBefore")
        self._para("", "GwBody")
        self._title((annex.title,))
        self._para("", "GwBody")
        for block in annex.blocks:
            self._block(block)

    # -- tables ---------------------------------------------------------------------------
    def _table(self, table: Table) -> None:
        if table.caption:
            self._para(table.caption, "GwCaption")
        widths = column_widths(table.columns, TEXT_WIDTH)
        t = self.doc.add_table(rows=1 + len(table.rows), cols=len(table.columns))
        _table_frame(t, widths)
        size = COMPACT_PT if table.compact else None
        for r, row in enumerate(t.rows):
            tr_pr = row._tr.get_or_add_trPr()
            set_flag(tr_pr, "w:cantSplit")
            if r == 0:
                set_flag(tr_pr, "w:tblHeader")  # repeats at the top of every page
                for cell, column, width in zip(row.cells, table.columns, widths, strict=True):
                    self._cell(cell, width, column.title.split("\n"), "GwTableHead", size=size)
                continue
            values = table.rows[r - 1]
            if len(values) == 1 and len(widths) > 1:  # a band across the table
                band = row.cells[0].merge(row.cells[-1])
                self._cell(band, sum(widths), values, "GwTableHead", size=size, align="left")
                continue
            for cell, column, value, width in zip(
                row.cells, table.columns, values, widths, strict=True
            ):
                self._cell(
                    cell, width, (value,), "GwTable", size=size, align=column.align,
                    mono=column.mono,
                )  # fmt: skip
        if table.note:
            self._para(table.note, "GwTableNote")

    def _cell(
        self,
        cell: _Cell,
        width: int,
        lines: Sequence[str],
        style_id: str,
        *,
        size: float | None = None,
        align: str = "center",
        mono: bool = False,
    ) -> None:
        tc_pr = cell._tc.get_or_add_tcPr()
        tcw = child(tc_pr, "w:tcW")
        tcw.set(_wq("w"), str(width))
        tcw.set(_wq("type"), "dxa")
        set_value(tc_pr, "w:vAlign", "center")
        p = cell.paragraphs[0]
        _set_style(p, style_id)
        # Text justified within its column; digests flush left, never stretched.
        jc = "left" if mono else {"left": "both", "right": "right"}.get(align)
        if jc is not None:
            set_value(_ppr(p), "w:jc", jc)
        for i, line in enumerate(lines):
            run = p.add_run(line)
            if i < len(lines) - 1:
                run.add_break()
            rpr = run._r.get_or_add_rPr()
            if mono:
                set_fonts(rpr, self.fonts.body.name, latin=self.fonts.digest.name)
                set_size(rpr, DIGEST_PT)
            elif size is not None:
                set_size(rpr, size)


def _table_frame(t: DocxTable, widths: list[int]) -> None:
    """Fixed layout at the type width, centred, single 0.5 pt black borders."""
    tbl_pr = t._tbl.tblPr
    for tag in ("w:tblStyle", "w:tblW", "w:tblLook"):
        old = tbl_pr.find(_w(tag[2:]))
        if old is not None:
            tbl_pr.remove(old)
    tbl_pr.append(el("w:tblW", w=str(sum(widths)), type="dxa"))
    tbl_pr.append(el("w:jc", val="center"))
    borders = el("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(el(f"w:{side}", val="single", sz="4", space="0", color="000000"))
    tbl_pr.append(borders)
    tbl_pr.append(el("w:tblLayout", type="fixed"))
    margins = el("w:tblCellMar")
    margins.append(el("w:left", w="57", type="dxa"))
    margins.append(el("w:right", w="57", type="dxa"))
    tbl_pr.append(margins)
    for col, width in zip(t._tbl.tblGrid.findall(_w("gridCol")), widths, strict=True):
        col.set(_wq("w"), str(width))


def _set_style(p: DocxParagraph, style_id: str) -> None:
    # By id: python-docx's ``p.style = …`` scans every style of the template for the default
    # one on each call (1.8 s of 2.8 for the assessment bulletin's 700 table cells).
    p._p.get_or_add_pPr().style = style_id


def _ppr(p: DocxParagraph) -> BaseOxmlElement:
    return p._p.get_or_add_pPr()


def _style_ppr(style: BaseOxmlElement) -> BaseOxmlElement:
    return style.get_or_add_pPr()  # type: ignore[no-any-return]


def _w(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag


def _wq(attr: str) -> str:
    return _w(attr)
