"""An official document as simple HTML, for a read-only preview (QTextBrowser's HTML subset).

The same words as the Word file, in the same order; the look only suggests the format (title
centred and large, "一、" headings bold, "（一）" headings in a Kai face, paragraphs indented two
characters, tables with borders, issuer and date at the right, each annex after a rule).
"""

from __future__ import annotations

from html import escape

from app.io.bulletin_model import (
    Block,
    Heading,
    OfficialDocument,
    Paragraph,
    Table,
    annex_label,
    annex_note,
    chinese_date,
)

BODY_FONT = "'仿宋_GB2312','仿宋','FangSong','Noto Serif CJK SC',serif"
KAI_FONT = "'楷体_GB2312','楷体','KaiTi','AR PL KaitiM GB',serif"
HEI_FONT = "'黑体','SimHei','Noto Sans CJK SC',sans-serif"
# A screen preview: the document's sizes (3号, 2号) scaled to 80 %; Qt's rich text takes
# indents in pixels, not em.
BODY, TITLE, INDENT = "13pt", "18pt", "36px"
TITLE_FONT = "'方正小标宋简体','宋体','SimSun','Noto Serif CJK SC',serif"


def to_html(document: OfficialDocument) -> str:
    parts = [f'<html><body style="font-family:{BODY_FONT}; font-size:{BODY};">']
    parts.append(_title(document.title_lines))
    if document.addressee:
        parts.append(f"<p>{escape(document.addressee)}</p>")
    parts.extend(_block(b) for b in document.body)
    for line in annex_note(document.annexes):
        parts.append(f'<p style="text-indent:{INDENT};">{escape(line)}</p>')
    parts.append(
        f'<p align="right" style="margin-top:{INDENT};">{escape(document.issuer)}<br>'
        f"{escape(chinese_date(document.issued_on))}</p>"
    )
    for i, annex in enumerate(document.annexes, 1):
        parts.append("<hr>")
        label = annex_label(i, len(document.annexes))
        parts.append(f'<p style="font-family:{HEI_FONT};">{escape(label)}</p>')
        parts.append(_title((annex.title,)))
        parts.extend(_block(b) for b in annex.blocks)
    parts.append("</body></html>")
    return "\n".join(parts)


def _title(lines: tuple[str, ...]) -> str:
    text = "<br>".join(escape(line) for line in lines)
    return (
        f'<p align="center" style="font-family:{TITLE_FONT}; font-size:{TITLE}; '
        f'font-weight:bold;">{text}</p>'
    )


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        font = HEI_FONT if block.level == 1 else KAI_FONT
        return f'<p style="text-indent:{INDENT}; font-family:{font};">{escape(block.text)}</p>'
    if isinstance(block, Paragraph):
        lead = f'<span style="font-family:{KAI_FONT};">{escape(block.lead)}</span>'
        text = (lead if block.lead else "") + escape(block.text)
        return f'<p style="text-indent:{INDENT};">{text}</p>'
    return _table(block)


def _cell(align: str, mono: bool, value: str) -> str:
    style = ' style="font-family:monospace; font-size:9pt;"' if mono else ""
    return f'<td align="{align}"{style}>{escape(value)}</td>'


def _table(table: Table) -> str:
    size = "9pt" if table.compact else "10pt"
    out = []
    if table.caption:
        out.append(f'<p align="center" style="font-family:{HEI_FONT};">{escape(table.caption)}</p>')
    out.append(
        f'<table border="1" cellspacing="0" cellpadding="3" width="100%" '
        f'style="border-collapse:collapse; font-size:{size};">'
    )
    heads = "".join(
        f'<th style="font-family:{HEI_FONT};">{escape(c.title).replace(chr(10), "<br>")}</th>'
        for c in table.columns
    )
    out.append(f"<tr>{heads}</tr>")
    for row in table.rows:
        if len(row) == 1 and len(table.columns) > 1:
            out.append(f'<tr><td colspan="{len(table.columns)}"><b>{escape(row[0])}</b></td></tr>')
            continue
        cells = "".join(_cell(c.align, c.mono, v) for c, v in zip(table.columns, row, strict=True))
        out.append(f"<tr>{cells}</tr>")
    out.append("</table>")
    if table.note:
        out.append(f'<p style="font-size:{size};">{escape(table.note)}</p>')
    return "\n".join(out)
