"""The sheet check's one-pass path (``shows_layout``) never accepts what the general check
(``_cells`` then ``compare_sheet``) refuses, and it is the path real files take.

Every mutant below is a genuine sheet changed the way a hostile signer could change it (cells
moved, dropped, doubled, retyped, commented, given formulas or new text); each one is judged
by both paths, with and without the plan (UNKNOWN cells).
"""

from __future__ import annotations

import copy
import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from app.domain.catalog import Catalog
from app.io import submission_cells as cells
from app.io.package_errors import PackageRejected
from app.io.package_xml import NS_MAIN, parse_xml
from app.io.submission_layout import SheetLayout, submission_layout
from app.io.submission_reader import read_submission
from tests.kit.keys import Key
from tests.kit.submissions import make_payload, write

NS = {"s": NS_MAIN}
C = f"{{{NS_MAIN}}}c"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
Sheet = tuple[SheetLayout, bytes]


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Sheet]]:
    """(layout, sheet XML) of a real file's sheets, by plan knowledge ("plan" / "none")."""
    from app.services.catalog import default_catalog

    catalog = default_catalog()
    texts = ("进展" * 40 + " _x0041_ & <b>", "", "多行\n文本\r\n第三行\t制表")
    p = make_payload(catalog, "scjg", texts=texts)
    package = read_submission(write(tmp_path_factory.mktemp("f"), catalog, Key(), p).read_bytes())
    out: dict[str, list[Sheet]] = {}
    for name, plan in (("plan", catalog), ("none", None)):
        layout = submission_layout(package.payload, plan, package.fingerprint)
        parts = [f"xl/worksheets/sheet{i}.xml" for i in range(1, len(layout) + 1)]
        out[name] = [
            (sheet, package.parts[part]) for sheet, part in zip(layout, parts, strict=True)
        ]
    return out


def _sheet_data(xml: bytes) -> Any:
    return cells._sheet_data("s", "part", xml)


def general_accepts(sheet: SheetLayout, xml: bytes) -> bool:
    data = _sheet_data(xml)
    width = max(len(r) for r in sheet.rows)
    try:
        cells.compare_sheet(sheet, cells._cells(sheet.name, data, len(sheet.rows), width))
    except PackageRejected:
        return False
    return True


def test_real_sheets_take_the_one_pass_path(sheets: dict[str, list[Sheet]]) -> None:
    for layouts in sheets.values():
        for sheet, xml in layouts:
            assert cells.shows_layout(_sheet_data(xml), sheet), sheet.name
            assert general_accepts(sheet, xml)


# -- mutations of one sheet's tree ------------------------------------------------------------
def _all_cells(root: Any) -> list[Any]:
    return list(root.iterfind(".//s:c", NS))


def _move(rng: random.Random, root: Any) -> None:
    c = rng.choice(_all_cells(root))
    c.set("r", rng.choice(["A1", "B2", "C3", "L40", "Z1", "A0", "a1", "B02", "AAAA1", ""]))


def _swap_cells(rng: random.Random, root: Any) -> None:
    row = rng.choice([r for r in root.iterfind(".//s:row", NS) if len(r) > 1])
    i = rng.randrange(len(row) - 1)
    a, b = row[i], row[i + 1]
    row.remove(b)
    a.addprevious(b)


def _swap_refs(rng: random.Random, root: Any) -> None:
    a, b = rng.sample(_all_cells(root), 2)
    ra, rb = a.get("r"), b.get("r")
    a.set("r", rb)
    b.set("r", ra)


def _drop(rng: random.Random, root: Any) -> None:
    c = rng.choice(_all_cells(root))
    c.getparent().remove(c)


def _double(rng: random.Random, root: Any) -> None:
    c = rng.choice(_all_cells(root))
    c.addnext(copy.deepcopy(c))


def _retype(rng: random.Random, root: Any) -> None:
    c = rng.choice(_all_cells(root))
    t = rng.choice([None, "n", "s", "str", "b", "e", "inlineStr", "d"])
    if t is None:
        c.attrib.pop("t", None)
    else:
        c.set("t", t)


def _new_text(rng: random.Random, root: Any) -> None:
    texts = list(root.iterfind(".//s:t", NS))
    t = rng.choice(texts)
    t.text = rng.choice(["", "x", t.text + "!" if t.text else "y", "1", " ", "_x0041_"])


def _new_number(rng: random.Random, root: Any) -> None:
    values = list(root.iterfind(".//s:v", NS))
    if values:
        v = rng.choice(values)
        v.text = rng.choice(["", "0", "1e3", "abc", "58.0", "-1", (v.text or "") + "0"])


def _comment(rng: random.Random, root: Any) -> None:
    node = rng.choice(
        [*root.iterfind(".//s:row", NS), *_all_cells(root), *root.iterfind(".//s:is", NS)]
    )
    node.insert(rng.randrange(len(node) + 1), etree.Comment("x"))


def _formula(rng: random.Random, root: Any) -> None:
    c = rng.choice(_all_cells(root))
    f = etree.SubElement(c, f"{{{NS_MAIN}}}f")
    f.text = "1+1"
    if rng.random() < 0.5:
        for child in list(c):
            if child is not f:
                c.remove(child)


def _attribute(rng: random.Random, root: Any) -> None:
    t = rng.choice(list(root.iterfind(".//s:t", NS)))
    t.set(rng.choice([XML_SPACE, "foo", f"{{{NS_MAIN}}}space"]), "preserve")


def _empty_cell(rng: random.Random, root: Any) -> None:
    c = rng.choice(_all_cells(root))
    for child in list(c):
        c.remove(child)


def _extra_cell(rng: random.Random, root: Any) -> None:
    row = rng.choice(list(root.iterfind(".//s:row", NS)))
    c = etree.SubElement(row, C, r=rng.choice(["M1", "Z3", "A99", "C2", "L3"]))
    if rng.random() < 0.5:
        c.set("t", "inlineStr")
        etree.SubElement(etree.SubElement(c, f"{{{NS_MAIN}}}is"), f"{{{NS_MAIN}}}t").text = "x"


def _rows(rng: random.Random, root: Any) -> None:
    data = root.find("s:sheetData", NS)
    i = rng.randrange(len(data) - 1)
    a, b = data[i], data[i + 1]
    data.remove(b)
    a.addprevious(b)


def _foreign(rng: random.Random, root: Any) -> None:
    c = rng.choice(_all_cells(root))
    c.tag = "{urn:other}c" if rng.random() < 0.5 else f"{{{NS_MAIN}}}row"


MUTATIONS: list[Callable[[random.Random, Any], None]] = [
    _move, _swap_cells, _swap_refs, _drop, _double, _retype, _new_text, _new_number,
    _comment, _formula, _attribute, _empty_cell, _extra_cell, _rows, _foreign,
]  # fmt: skip


@pytest.mark.parametrize("plan", ["plan", "none"])
def test_the_one_pass_path_never_accepts_what_the_general_check_refuses(
    sheets: dict[str, list[Sheet]], plan: str
) -> None:
    rng = random.Random(17)
    verdicts: Counter[tuple[bool, bool]] = Counter()
    for n in range(900):
        sheet, xml = sheets[plan][n % len(sheets[plan])]
        root = parse_xml("part", xml)
        for _ in range(rng.choice((1, 1, 2, 3))):
            rng.choice(MUTATIONS)(rng, root)
        mutant = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
        try:
            data = _sheet_data(mutant)
        except PackageRejected:
            continue
        fast = cells.shows_layout(data, sheet)
        general = general_accepts(sheet, mutant)
        assert general or not fast, (sheet.name, mutant[:2000])
        verdicts[fast, general] += 1
    # Both ways of judging met every case: refused, accepted by both (harmless edits such as
    # an empty text where the layout means empty), and accepted by the general check only.
    assert verdicts[False, False] > 300, verdicts
    assert verdicts[True, True] > 10, verdicts
    assert verdicts[False, True] > 0, verdicts


def test_refusals_still_name_the_cell(tmp_path: Path, catalog: Catalog) -> None:
    """A changed cell falls through the one-pass path and is named by the general check."""
    p = make_payload(catalog, "scjg", texts=("原文", "", ""))
    package = read_submission(write(tmp_path, catalog, Key(), p).read_bytes())
    layout = submission_layout(package.payload, catalog, package.fingerprint)
    parts = dict(package.parts)
    part = "xl/worksheets/sheet2.xml"
    parts[part] = parts[part].replace("原文".encode(), "改文".encode())
    with pytest.raises(PackageRejected) as info:
        cells.check_sheets(parts, layout)
    assert info.value.code == "visible_cell"
    assert info.value.message.param_dict["ref"] == "任务进展!F3"
