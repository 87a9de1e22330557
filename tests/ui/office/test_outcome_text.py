"""Every reason the importer and the reader give reads in the window's language: it is a
Message (code + parameters) rendered from the one table, never a phrase matched by a regular
expression; the four outcome labels are the window's own and go through Qt's translation.
Import-log rows from before codes were kept show their words as they were."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app.domain.catalog import Catalog
from app.domain.messages import MESSAGES, Message
from app.io import keys
from app.models import Unit
from app.services.office_import import FileOutcome, logged_message
from app.services.office_trust import check_signing_key, revoke_key
from app.services.parse_pool import MAX_FILE_BYTES, verify_path
from app.services.stores import Store
from app.ui.common.i18n import EN, ZH, apply_language
from app.ui.office.import_table import COL_RESULT, ImportTableModel
from app.ui.office.outcome_text import (
    conflict_mark,
    is_unregistered_key,
    preview_text,
    reason_text,
    result_text,
)
from tests.kit.keys import Key, trust

CJK = re.compile(r"[\u4e00-\u9fff]")
FP = keys.format_fingerprint("3f2a9c01" * 8)
IMPORT_CODES = (  # one realistic message of every reason the importer adds to the reader's
    Message.of("import_new"),
    Message.of("import_replaces", version=2),
    Message.of("import_older", version=3),
    Message.of("import_duplicate", at="2016-04-12 09:30"),
    Message.of("import_conflict_current", version=2),
    Message.of("import_conflict_kept", version=2),
    Message.of("unregistered_key", fingerprint=FP),
    Message.of("key_other_unit", fingerprint=FP),
    Message.of("key_revoked", fingerprint=FP, since="2016-05-01"),
    Message.of("key_rotated", fingerprint=FP, since="2016-05-01"),
    Message.of("signed_in_future", signed_at="2016-05-03 10:00:00"),
    Message.of("unit_unknown", unit="xyz"),
    Message.of("period_not_in_plan", period="2017Q1"),
    Message.of("too_large", mb=20),
    Message.of("file_unreadable", detail="Permission denied"),
    Message.of("reader_memory"),
    Message.of("reader_error", error="KeyError"),
    Message.of("reader_crashed"),
    Message.of("reader_timeout", seconds="10"),
)


def test_every_reason_reads_in_chinese_and_in_english_when_english_is_chosen() -> None:
    for m in IMPORT_CODES:
        assert CJK.search(reason_text(m)), m
        assert CJK.search(result_text("rejected", m)) and CJK.search(preview_text("superseded", m))
    try:
        apply_language(EN)
        QApplication.processEvents()
        still_chinese = {m.code: reason_text(m) for m in IMPORT_CODES if CJK.search(reason_text(m))}
        assert still_chinese == {}
        assert result_text("rejected", Message.of("reader_crashed")).startswith("Refused: ")
    finally:
        apply_language(ZH)


def test_the_values_in_a_reason_are_kept() -> None:
    assert "v2" in reason_text(Message.of("import_replaces", version=2))
    revoked = reason_text(Message.of("key_revoked", fingerprint=FP, since="2016-05-01"))
    assert FP in revoked and "2016-05-01" in revoked
    assert "10" in reason_text(Message.of("reader_timeout", seconds="10"))


def test_log_rows_from_before_codes_show_their_words() -> None:
    old = logged_message(None, None, "signed by an unregistered key 3F2A …")
    assert reason_text(old) == "signed by an unregistered key 3F2A …"
    unknown = logged_message("a_code_of_a_later_version", "{}", "它的原话")
    assert reason_text(unknown) == "它的原话"
    known = logged_message("import_replaces", '{"version": "4"}', "替换 v4")
    assert known == Message.of("import_replaces", version=4)


def test_reasons_made_by_the_real_reader_and_key_check_are_in_the_table(
    tmp_path: Path, office_store: Store, catalog: Catalog
) -> None:
    made: list[Message | None] = []
    made.append(verify_path(str(tmp_path / "gone.xlsx"), catalog).message)
    big = tmp_path / "big.xlsx"
    with big.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: no 20 MB written
    made.append(verify_path(str(big), catalog).message)
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 not a workbook")
    made.append(verify_path(str(junk), catalog).message)
    mine, theirs = Key(), Key()
    trust(office_store, catalog, "zjj", mine)
    trust(office_store, catalog, "jtys", theirs)
    revoke_key(office_store, keys.fingerprint(mine.public), datetime(2016, 5, 1, tzinfo=UTC))
    arrived = datetime(2016, 6, 1, tzinfo=UTC)
    with office_store.factory() as s:
        zjj = s.scalars(select(Unit.id).where(Unit.code == "zjj")).one()
        for fp in ("3f2a9c01" * 8, keys.fingerprint(theirs.public), keys.fingerprint(mine.public)):
            verdict = check_signing_key(s, zjj, fp, arrived)
            assert not verdict.ok
            made.append(verdict.message)
    codes = [m.code for m in made if m is not None]
    assert codes == ["file_unreadable", "too_large", "not_xlsx", "unregistered_key",
                     "key_other_unit", "key_revoked"]  # fmt: skip
    assert all(c in MESSAGES for c in codes)
    assert all(CJK.search(reason_text(m)) for m in made)
    assert is_unregistered_key("rejected", Message.of("unregistered_key", fingerprint=FP))


def test_a_conflict_carries_its_mark_in_the_import_table(qtbot: object) -> None:
    model = ImportTableModel()
    model.add_files(["/in/a.xlsx", "/in/b.xlsx"])
    kept = FileOutcome(
        "/in/a.xlsx", "superseded", Message.of("import_conflict_kept", version=1), "zjj",
        "2016Q1", 1, conflict=True,
    )  # fmt: skip
    plain = FileOutcome("/in/b.xlsx", "accepted", Message.of("import_new"), "jtys", "2016Q1", 1)
    model.set_result(kept)
    model.set_result(plain)
    shown = [model.index(i, COL_RESULT).data() for i in range(2)]
    assert shown[0].startswith(conflict_mark()) and "冲突" in shown[0]
    assert conflict_mark() not in shown[1]


def test_a_conflict_carries_its_mark_in_the_tracker(qtbot: object) -> None:
    from app.services.consolidation import TrackerRow
    from app.ui.office.tracker_page import COL_REASON, COL_VERSION, TrackerModel

    def row(unit: str, conflicts: tuple[int, ...]) -> TrackerRow:
        return TrackerRow(
            unit, unit, "submitted", 2, None, None, 3, 1, Message.of("key_revoked",
            fingerprint=FP, since="2016-05-01"), None, conflicts,
        )  # fmt: skip

    model = TrackerModel()
    model.set_rows([row("zjj", (2,)), row("jtys", ())])
    marked, plain = (model.index(i, COL_VERSION).data() for i in range(2))
    assert marked == f"v2 {conflict_mark()} (v2)" and plain == "v2"
    assert "吊销" in model.index(0, COL_REASON).data()
