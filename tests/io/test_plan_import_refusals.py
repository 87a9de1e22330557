"""Bad plan documents are refused with a code and the place (line, task), never a traceback.

Text problems (no tasks, a numbering gap or repeat, a unit in two roles, a target that is
not a number …) and hostile files (empty, binary, huge, a .docx that is no zip, an old .doc,
a zip bomb, a DTD, a damaged or path-traversing zip) each give their own ``Refusal``. A
property test feeds mutilated documents and random bytes: the importer either returns a
valid draft or refuses, and nothing else.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.config import resource_path
from app.domain.messages import Refusal, template_fields
from app.io import docx_text
from app.io.plan_document import MAX_TEXT_BYTES, import_plan_document
from app.io.plan_file import parse_plan

UNITS: list[dict[str, Any]] = json.loads(resource_path("plans/sz-2016.json").read_text("utf-8"))[
    "units"
]

BASE = """深圳市2019年质量工作方案

一、工作目标

2019年，全市制造业产品质量合格率稳定在94%以上。

二、主要任务

（一）完善机制

1．修订考核办法。（市质量强市办牵头，各成员单位配合）

2．开展监督抽查1000批次以上。（市市场和质量监管委负责）

（二）夯实基础

3．新增绿色建筑面积500万平方米。（市住房建设局负责，市水务局配合）

三、保障措施

市财政委要保障经费。
"""


def refusal(path: Path) -> Refusal:
    with pytest.raises(Refusal) as caught:
        import_plan_document(path, UNITS)
    for lang in ("zh", "en"):  # the words render completely in both languages
        text = caught.value.render(lang)
        assert "{" not in text and text.strip()
    return caught.value


def write(tmp_path: Path, text: str, name: str = "plan.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_the_base_document_imports(tmp_path: Path) -> None:
    result = import_plan_document(write(tmp_path, BASE), UNITS)
    assert [t["no"] for t in result.plan["tasks"]] == [1, 2, 3]


TEXT_CASES = [
    (
        "no tasks",
        [("1．修订", "修订"), ("2．开展", "开展"), ("3．新增", "新增")],
        "plan_doc_no_tasks",
        {},
    ),
    (
        "gap",
        [("3．新增", "4．新增")],
        "plan_doc_task_gap",
        {"line": "17", "expected": "3", "found": "4"},
    ),
    (
        "repeat",
        [("3．新增", "2．新增")],
        "plan_doc_task_duplicate",
        {"line": "17", "task": "2", "first": "13"},
    ),
    ("first is not 1", [("1．修订", "2．修订")], "plan_doc_task_gap", {"line": "11", "found": "2"}),
    (
        "section gap",
        [("（二）夯实", "（三）夯实")],
        "plan_doc_section_gap",
        {"line": "15", "found": "三"},
    ),
    (
        "section again",
        [("（二）夯实", "（一）夯实")],
        "plan_doc_section_duplicate",
        {"line": "15", "first": "9"},
    ),
    (
        "two roles",
        [("市水务局配合", "住房建设局配合")],
        "plan_doc_role_conflict",
        {"task": "3", "line": "17", "unit": "住房建设局", "first": "负责", "second": "配合"},
    ),
    ("placeholder", [("1000批次", "XX批次")], "plan_doc_bad_number", {"task": "2", "line": "13"}),
    ("broken number", [("500万", "5.0.0万")], "plan_doc_bad_number", {"task": "3", "line": "17"}),
    ("open range", [("500万平方米", "500-万平方米")], "plan_doc_bad_number", {"task": "3"}),
    ("goal placeholder", [("94%以上", "××%以上")], "plan_doc_bad_goal", {"line": "5"}),
    (
        "no owner",
        [("（市市场和质量监管委负责）", "")],
        "plan_doc_no_owner",
        {"task": "2", "line": "13"},
    ),
    (
        "empty name",
        [("（市住房建设局负责", "（、市住房建设局负责")],
        "plan_doc_owner_empty",
        {"task": "3"},
    ),
    (
        "task before sections",
        [("（一）完善机制", ""), ("（二）夯实", "（一）夯实")],
        "plan_doc_task_outside_section",
        {"task": "1", "line": "11"},
    ),
    ("no year", [("2019年", "本年度")] * 2, "plan_doc_no_year", {}),
]


@pytest.mark.parametrize(
    ("case", "edits", "code", "params"), TEXT_CASES, ids=[c[0] for c in TEXT_CASES]
)
def test_malformed_documents(
    tmp_path: Path, case: str, edits: list[tuple[str, str]], code: str, params: dict[str, str]
) -> None:
    text = BASE
    for old, new in edits:
        assert old in text, case
        text = text.replace(old, new, 1)
    exc = refusal(write(tmp_path, text))
    assert exc.code == code
    assert {k: exc.message.param_dict[k] for k in params} == params


def test_the_refusal_names_the_place_in_both_languages(tmp_path: Path) -> None:
    exc = refusal(write(tmp_path, BASE.replace("3．新增", "4．新增")))
    assert exc.render("zh") == "第 17 行：任务编号应为 3，却是 4（编号中断）"
    assert exc.render("en") == "Line 17: task number 4 where 3 was expected (a gap)"
    assert exc.message.to_json()["code"] == "plan_doc_task_gap"


# -- hostile files -------------------------------------------------------------------------
def test_empty_and_blank_files(tmp_path: Path) -> None:
    for data in (b"", b"   \n\r\n", "\ufeff\n  \n".encode("utf-8-sig"), "\n".encode("utf-16")):
        path = tmp_path / "plan.txt"
        path.write_bytes(data)
        assert refusal(path).code == "plan_doc_empty", data


def test_binary_files(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    assert refusal(path).code == "plan_doc_binary"
    noise = random.Random(7).randbytes(4096).replace(b"\x00", b"\x01")
    path.write_bytes(noise)
    assert refusal(path).code in ("plan_doc_binary", "plan_doc_encoding")
    path.write_bytes(BASE.encode("utf-8") + b"\x1b[31m")
    exc = refusal(path)
    assert exc.code == "plan_doc_binary"
    assert exc.message.param_dict["line"] == str(BASE.count("\n") + 1)


def test_huge_files(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(BASE.encode("utf-8") + b" " * MAX_TEXT_BYTES)
    assert refusal(path).code == "plan_doc_too_large"
    big = tmp_path / "plan.docx"
    with big.open("wb") as f:  # sparse: the reader must stop at the limit, not load it all
        f.truncate(docx_text.MAX_DOCX_BYTES + 1)
    assert refusal(big).code == "plan_doc_too_large"


def test_missing_and_unsupported_files(tmp_path: Path) -> None:
    assert refusal(tmp_path / "nowhere.txt").code == "file_missing"
    exc = refusal(write(tmp_path, BASE, "plan.pdf"))
    assert exc.code == "plan_doc_type" and exc.message.param_dict["suffix"] == ".pdf"


def base_docx() -> bytes:
    d = docx.Document()
    for line in BASE.splitlines():
        d.add_paragraph(line)
    buffer = io.BytesIO()
    d.save(buffer)
    return buffer.getvalue()


def rezip(data: bytes, change: dict[str, bytes | None], stored: bool = False) -> bytes:
    """The zip with parts replaced, added (bytes) or dropped (None)."""
    out = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", method) as dst:
        for name in src.namelist():
            if name not in change:
                dst.writestr(name, src.read(name))
        for name, content in change.items():
            if content is not None:
                dst.writestr(name, content)
    return out.getvalue()


def test_a_sound_docx_imports(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(base_docx())
    assert len(import_plan_document(path, UNITS).plan["tasks"]) == 3


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>'
)


def _ooxml_sheet() -> bytes:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


DOCX_CASES: list[tuple[str, Any, str, dict[str, str]]] = [
    ("not a zip", lambda d: b"PK\x03\x04 this is not really a zip" * 10, "plan_doc_not_docx", {}),
    ("text renamed", lambda d: BASE.encode("utf-8"), "plan_doc_not_docx", {}),
    (
        "old .doc",
        lambda d: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
        "plan_doc_old_word",
        {},
    ),
    (
        "plain zip",
        lambda d: rezip(
            d, {n: None for n in zipfile.ZipFile(io.BytesIO(d)).namelist()} | {"a.txt": b"x"}
        ),
        "plan_doc_not_docx",
        {},
    ),
    ("a workbook", lambda d: _ooxml_sheet(), "plan_doc_not_docx", {}),
    (
        "billion laughs",
        lambda d: rezip(d, {"word/document.xml": LAUGHS}),
        "plan_doc_docx_dtd",
        {"part": "word/document.xml"},
    ),
    (
        "zip bomb",
        lambda d: rezip(d, {"word/media/a.bin": bytes(2 * 1024 * 1024)}),
        "plan_doc_docx_size",
        {"part": "word/media/a.bin"},
    ),
    (
        "too many parts",
        lambda d: rezip(d, {f"x/{i}.txt": b"" for i in range(1001)}),
        "plan_doc_docx_entries",
        {},
    ),
    (
        "utf-16 xml",
        lambda d: rezip(d, {"word/styles.xml": '<?xml version="1.0"?><a/>'.encode("utf-16")}),
        "plan_doc_docx_damaged",
        {"part": "word/styles.xml"},
    ),
    (
        "path traversal",
        lambda d: rezip(d, {"../evil.xml": b"<a/>"}),
        "plan_doc_docx_damaged",
        {"part": "../evil.xml"},
    ),
    (
        "bad crc",
        lambda d: _flip(rezip(d, {}, stored=True), b"<w:body>"),
        "plan_doc_docx_damaged",
        {"part": "word/document.xml"},
    ),
]


def _flip(data: bytes, marker: bytes) -> bytes:
    at = data.index(marker) + 1
    return data[:at] + b"x" + data[at + 1 :]


@pytest.mark.parametrize(
    ("case", "make", "code", "params"), DOCX_CASES, ids=[c[0] for c in DOCX_CASES]
)
def test_hostile_docx(
    tmp_path: Path, case: str, make: Any, code: str, params: dict[str, str]
) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(make(base_docx()))
    exc = refusal(path)
    assert exc.code == code, case
    assert {k: exc.message.param_dict[k] for k in params} == params


def test_every_plan_doc_code_has_both_languages() -> None:
    from app.domain.messages import MESSAGES

    codes = [c for c in MESSAGES if c.startswith(("plan_doc_", "plan_where_", "guess_"))]
    assert len(codes) > 40
    for code in codes:
        zh, en = MESSAGES[code]
        assert template_fields(zh) == template_fields(en), code


# -- anything else is a draft or a refusal -------------------------------------------------
LINES = BASE.splitlines()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.sampled_from(range(len(LINES))), max_size=40),
    st.lists(
        st.tuples(
            st.integers(0, 2000), st.sampled_from("1０。，、（）()-~至%万XＸ以上下牵头负责配合\n")
        ),
        max_size=8,
    ),
)
def test_mutilated_documents_are_drafts_or_refusals(
    tmp_path: Path, order: list[int], inserts: list[tuple[int, str]]
) -> None:
    text = "\n".join(LINES[i] for i in order) or BASE
    for at, char in inserts:
        at %= len(text) + 1
        text = text[:at] + char + text[at:]
    path = tmp_path / "fuzz.txt"
    path.write_text(text, "utf-8")
    try:
        result = import_plan_document(path, UNITS)
    except Refusal:
        return
    parse_plan(json.dumps(result.plan, ensure_ascii=False).encode("utf-8"), "fuzz")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=3000), st.sampled_from([".txt", ".docx"]))
def test_random_bytes_are_refused(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    with pytest.raises(Refusal):
        import_plan_document(path, UNITS)


# -- time grows with the document, not with its square --------------------------------------
HEAD = "深圳市2019年质量工作方案\n一、工作目标\n合格率达到90%。\n二、主要任务\n（一）部分\n"
GROWING = {
    "a task that never closes": lambda n: HEAD + "1．开始" + "\n继续)" * n,
    "sub-items": lambda n: HEAD + "1．开始（市水务局负责）\n" + "（1）子项\n" * n,
    "tasks": lambda n: (
        HEAD + "".join(f"{i % 9000 + 1}．新增{i}家。（市水务局负责）\n" for i in range(n))
    ),
    "one long task": lambda n: HEAD + "1．" + "新增5家，" * n + "（市水务局负责）",
    "goals": lambda n: (
        HEAD.replace("合格率达到90%。", "合格率达到90%，" * n) + "1．x（市水务局负责）"
    ),
}


@pytest.mark.parametrize("case", list(GROWING))
def test_hostile_documents_take_linear_time(tmp_path: Path, case: str) -> None:
    import time

    def seconds(n: int) -> float:
        path = tmp_path / f"{n}.txt"
        path.write_text(GROWING[case](n), "utf-8")
        start = time.perf_counter()
        with contextlib.suppress(Refusal):
            import_plan_document(path, UNITS)
        return time.perf_counter() - start

    # the best of three for each size: a shared machine's pauses are not the algorithm's
    small, large = min(seconds(5_000) for _ in range(3)), min(seconds(20_000) for _ in range(3))
    assert large < 10 * max(small, 0.02), (small, large)  # 4× the text: ~4× linear, 16× square


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.sampled_from(
        ["word/document.xml", "word/numbering.xml", "word/styles.xml", "[Content_Types].xml"]
    ),
    st.lists(
        st.tuples(st.integers(0, 10**6), st.binary(min_size=0, max_size=3)), min_size=1, max_size=6
    ),
)
def test_mutilated_docx_parts_are_drafts_or_refusals(
    tmp_path: Path, part: str, edits: list[tuple[int, bytes]]
) -> None:
    from tests.kit.documents import write_docx

    source = tmp_path / "source.docx"
    write_docx(source)
    data = source.read_bytes()
    content = bytearray(zipfile.ZipFile(io.BytesIO(data)).read(part))
    for at, new in edits:
        at %= len(content) + 1
        content[at : at + len(new)] = new
    path = tmp_path / "fuzz.docx"
    path.write_bytes(rezip(data, {part: bytes(content)}))
    try:
        result = import_plan_document(path, UNITS)
    except Refusal:
        return
    parse_plan(json.dumps(result.plan, ensure_ascii=False).encode("utf-8"), "fuzz")
