"""The WordprocessingML python-docx has no API for, written as XML elements.

python-docx 1.2 covers paragraphs, runs, styles, sections, margins, odd/even footers and the
core properties. It cannot set: the East-Asian font of a run or style (``w:eastAsia``), the
document grid (``w:docGrid``), character-unit indents (``w:firstLineChars``), outline levels,
a repeated table header row (``w:tblHeader``), fields (``PAGE``), the font table
(``w:altName`` fallbacks) or custom document properties (``docProps/custom.xml``). Those are
built here from elements of the right namespace, in the schema's child order where Word
insists on it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.package import Package
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
CUSTOM_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the "user defined" property set


@dataclass(frozen=True)
class FontSpec:
    """A font as the document names it, and what Word may use where it is not installed."""

    name: str
    alt_names: tuple[str, ...] = ()  # w:altName: tried in order before metric substitution
    panose: str = "02010600030101010101"
    family: str = "auto"  # roman | swiss | modern | script | decorative | auto
    pitch: str = "variable"  # fixed | variable
    charset: str = "86"  # GB2312


def el(tag: str, **attrs: str) -> BaseOxmlElement:
    """A ``w:`` element with ``w:`` attributes (``el("w:ind", firstLine="640")``)."""
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


_PPR = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
)
_RPR = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
)
_TRPR = "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader"
_TCPR = (
    "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign"
)
# Child order of the elements this module edits (ECMA-376 Part 1, the CT_* sequences).
SEQUENCES = {
    "w:pPr": tuple(f"w:{t}" for t in _PPR.split()),
    "w:rPr": tuple(f"w:{t}" for t in _RPR.split()),
    "w:trPr": tuple(f"w:{t}" for t in _TRPR.split()),
    "w:tcPr": tuple(f"w:{t}" for t in _TCPR.split()),
}


def child(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    """The parent's ``tag`` child, added in schema order when missing."""
    found = parent.find(qn(tag))
    if found is not None:
        return found  # type: ignore[no-any-return]
    new = OxmlElement(tag)
    prefix = parent.prefix or "w"
    order = SEQUENCES.get(f"{prefix}:{etree.QName(parent).localname}", ())
    if tag in order:
        for successor in order[order.index(tag) + 1 :]:
            after = parent.find(qn(successor))
            if after is not None:
                after.addprevious(new)
                return new
    parent.append(new)
    return new


def set_fonts(rpr: BaseOxmlElement, font: str, *, latin: str | None = None) -> None:
    """All four font slots of a run or style: Chinese text, Latin letters and digits (the
    same font unless ``latin`` says otherwise, so digits match the text around them) and
    complex script; the hint makes Word draw ambiguous marks (“”—…) in the Chinese font."""
    fonts = child(rpr, "w:rFonts")
    for key in list(fonts.attrib):
        del fonts.attrib[key]  # theme fonts would override the names
    western = latin or font
    fonts.set(qn("w:ascii"), western)
    fonts.set(qn("w:hAnsi"), western)
    fonts.set(qn("w:eastAsia"), font)
    fonts.set(qn("w:cs"), western)
    fonts.set(qn("w:hint"), "eastAsia")


def set_size(rpr: BaseOxmlElement, points: float) -> None:
    half = str(round(points * 2))
    child(rpr, "w:sz").set(qn("w:val"), half)
    child(rpr, "w:szCs").set(qn("w:val"), half)


def set_flag(parent: BaseOxmlElement, tag: str, on: bool = True) -> None:
    """keepNext, snapToGrid, widowControl, b, tblHeader …: on, or explicitly off."""
    child(parent, tag).set(qn("w:val"), "1" if on else "0")


def set_spacing(ppr: BaseOxmlElement, line_twips: int, rule: str = "exact") -> None:
    spacing = child(ppr, "w:spacing")
    spacing.set(qn("w:before"), "0")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), str(line_twips))
    spacing.set(qn("w:lineRule"), rule)


def set_spacing_run(rpr: BaseOxmlElement, twentieths: int) -> None:
    """Character spacing of a run or style: negative condenses."""
    child(rpr, "w:spacing").set(qn("w:val"), str(twentieths))


def set_indent(ppr: BaseOxmlElement, **values: int) -> None:
    """``firstLine``/``left``/``right`` in twips and ``firstLineChars``/``leftChars``/
    ``rightChars`` in hundredths of a character (Word prefers the character units)."""
    ind = child(ppr, "w:ind")
    for key, value in values.items():
        ind.set(qn(f"w:{key}"), str(value))


def set_value(parent: BaseOxmlElement, tag: str, value: str) -> None:
    """A ``w:val`` child such as ``w:jc``, ``w:outlineLvl`` or ``w:lang``."""
    child(parent, tag).set(qn("w:val"), value)


def doc_grid(sect_pr: BaseOxmlElement, line_pitch: int, char_space: int) -> None:
    """Lines and characters per page (Word: 页面设置 → 文档网格 → 指定行和字符网格)."""
    grid = child(sect_pr, "w:docGrid")
    for key in list(grid.attrib):
        del grid.attrib[key]
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(line_pitch))
    grid.set(qn("w:charSpace"), str(char_space))


def field_runs(paragraph: BaseOxmlElement, instruction: str, shown: str) -> list[BaseOxmlElement]:
    """Append a complex field (begin, instruction, separate, result, end) to a ``w:p``;
    returns the runs so the caller can format them."""
    runs = []
    for kind, text in (("begin", ""), ("instr", instruction), ("separate", ""), ("text", shown)):
        run = el("w:r")
        if kind == "instr":
            instr = el("w:instrText")
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            instr.text = text
            run.append(instr)
        elif kind == "text":
            t = el("w:t")
            t.text = text
            run.append(t)
        else:
            run.append(el("w:fldChar", fldCharType=kind))
        paragraph.append(run)
        runs.append(run)
    end = el("w:r")
    end.append(el("w:fldChar", fldCharType="end"))
    paragraph.append(end)
    runs.append(end)
    return runs


def add_fonts_to_table(blob: bytes, fonts: Iterable[FontSpec]) -> bytes:
    """The font table with an entry per font the document names, each with its fallbacks in
    ``w:altName`` and its PANOSE/charset, which Word uses to substitute a missing font."""
    root = etree.fromstring(blob)  # the package's own template part, not outside input
    for spec in fonts:
        for old in root.findall(f"{{{W_NS}}}font"):
            if old.get(qn("w:name")) == spec.name:
                root.remove(old)
        font = el("w:font")
        font.set(qn("w:name"), spec.name)
        if spec.alt_names:
            font.append(el("w:altName", val=",".join(spec.alt_names)))
        font.append(el("w:panose1", val=spec.panose))
        font.append(el("w:charset", val=spec.charset))
        font.append(el("w:family", val=spec.family))
        font.append(el("w:pitch", val=spec.pitch))
        root.insert(0, font)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def custom_properties_xml(properties: Iterable[tuple[str, str]]) -> bytes:
    root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})
    for pid, (name, value) in enumerate(properties, 2):  # pid 0 and 1 are reserved
        prop = etree.SubElement(
            root, f"{{{CUSTOM_NS}}}property", fmtid=CUSTOM_FMTID, pid=str(pid), name=name
        )
        etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = value
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def add_custom_properties(package: Package, properties: Iterable[tuple[str, str]]) -> None:
    part = Part(
        PackURI("/docProps/custom.xml"),
        CT.OFC_CUSTOM_PROPERTIES,
        custom_properties_xml(properties),
        package,
    )
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def drop_package_rel(package: Package, reltype: str) -> None:
    """Remove a package-level relationship (and so its part) the template carries."""
    for rid, rel in list(package.rels.items()):
        if rel.reltype == reltype:
            del package.rels[rid]


def replace_blob(part: Part, blob: bytes) -> None:
    # Part has no blob setter; a generic (non-XML) part serialises its _blob as it is.
    part._blob = blob
