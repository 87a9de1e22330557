"""导入报送文件: pick or drop files and folders, preview (dry run), then import.

Both runs go through ``ImportJob`` on the thread pool; the dialog only shows what comes back.
Files added are previewed at once; 导入 then applies every file not imported yet, each in its
own transaction, with progress, per-file results as they finish, and cancel.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.ui.common.colors import ERROR_COLOR
from app.ui.common.punctuation import colon
from app.ui.common.retranslate import Retranslating
from app.ui.office.change_list import ChangeTable
from app.ui.office.import_table import COL_FILE, COL_PREVIEW, COL_RESULT, ImportTableModel
from app.ui.office.import_worker import ImportJob
from app.ui.office.key_confirm import (
    KeyConfirmDialog,
    open_key_confirm,
    registration_from_submission,
)
from app.ui.office.outcome_text import reason_text

if TYPE_CHECKING:
    from app.domain.catalog import Catalog
    from app.models.store import Store

log = logging.getLogger(__name__)


PREVIEW, IMPORT = "preview", "import"


def local_paths(mime: Any) -> list[str]:
    """Local files and folders carried by a drag (URLs from elsewhere are ignored)."""
    if not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]


class DropZone(QFrame):
    """The dashed area that says files can be dropped; the dialog itself takes the drop."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dropZone")
        self.setStyleSheet(
            "#dropZone { border: 2px dashed #9aa4b2; border-radius: 6px; background: #f6f8fb; }"
        )
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.add_files = QPushButton()
        self.add_folder = QPushButton()
        self.clear = QPushButton()
        row = QHBoxLayout(self)
        row.addWidget(self.label, 1)
        row.addWidget(self.add_files)
        row.addWidget(self.add_folder)
        row.addWidget(self.clear)


class ImportDialog(Retranslating, QDialog):
    imported = Signal()  # a real import ran: the store (and its import log) changed
    key_registered = Signal(object)  # TrustInfo
    phase_finished = Signal(str)  # PREVIEW or IMPORT, after the job's last result

    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        parent: QWidget | None = None,
        *,
        in_process: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.store = store
        self.catalog = catalog
        self.in_process = in_process  # None: the Importer decides (worker processes for a batch)
        self.job: ImportJob | None = None
        self.phase = ""
        self.key_dialog: KeyConfirmDialog | None = None
        self._close_when_done = False
        self._pending_rerun: tuple[list[str], str] | None = None
        self.setAcceptDrops(True)
        self.model = ImportTableModel({u.id: u.short_name for u in catalog.units}, self)
        self._build()
        self.retranslate()
        self._update_buttons()
        self.resize(1100, 680)

    # -- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        """The drop zone; the files above the chosen file's differences; progress and buttons."""
        self.drop_zone = DropZone()
        self.drop_zone.add_files.clicked.connect(self.choose_files)
        self.drop_zone.add_folder.clicked.connect(self.choose_folder)
        self.drop_zone.clear.clicked.connect(self.clear)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self._build_table())
        split.addWidget(self._build_detail())
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.drop_zone)
        layout.addWidget(split, 1)
        layout.addWidget(self.summary)
        layout.addLayout(self._build_buttons())

    def _build_table(self) -> QTableView:
        self.table = QTableView()
        self.table.setObjectName("importTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_FILE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_PREVIEW, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_RESULT, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(COL_FILE, 240)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        return self.table

    def _build_detail(self) -> QWidget:
        """The chosen file in one line (and 登记密钥 for an unknown key), then its changes."""
        self.detail_title = QLabel()
        self.detail_title.setWordWrap(True)
        self.detail_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.register_button = QPushButton()
        self.register_button.setObjectName("registerKeyButton")
        self.register_button.clicked.connect(lambda: self.register_key())
        self.register_button.hide()
        self.changes = ChangeTable()
        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.detail_title, 1)
        top.addWidget(self.register_button)
        dl.addLayout(top)
        dl.addWidget(self.changes)
        return detail

    def _build_buttons(self) -> QHBoxLayout:
        self.progress = QProgressBar()
        self.progress.setFormat("%v / %m")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        self.import_button = QPushButton()
        self.import_button.setObjectName("importButton")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.import_button)
        bottom.addWidget(self.close_button)
        return bottom

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("导入报送文件"))
        self.drop_zone.label.setText(self.tr("把报送文件（.xlsx）或整个文件夹拖到这里，或者："))
        self.drop_zone.add_files.setText(self.tr("添加文件…"))
        self.drop_zone.add_folder.setText(self.tr("添加文件夹…"))
        self.drop_zone.clear.setText(self.tr("清空列表"))
        self.register_button.setText(self.tr("登记此密钥…"))
        self.cancel_button.setText(self.tr("取消"))
        self.import_button.setText(self.tr("导入"))
        self.close_button.setText(self.tr("关闭"))
        self.changes.retranslate()
        self.model.retranslate()
        self._show_detail()

    # -- adding files ----------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.job is not None

    def add_paths(self, paths: Iterable[str | Path]) -> int:
        """Files and folders (walked for .xlsx); the new ones are previewed at once.

        Returns how many files were added (0 while a run is in progress)."""
        from app.services.parse_pool import expand_paths

        if self.busy:
            self.summary.setText(self.tr("正在处理，请等当前的预览或导入结束后再添加文件。"))
            return 0
        new = self.model.add_files(expand_paths(paths))
        if not new:
            self.summary.setText(self.tr("没有找到新的报送文件（.xlsx）。"))
            return 0
        self._run(new, PREVIEW)
        return len(new)

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("选择报送文件"),
            "",
            self.tr("报送文件 (*.xlsx);;所有文件 (*)"),
        )
        if files:
            self.add_paths(files)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择包含报送文件的文件夹"))
        if folder:
            self.add_paths([folder])

    def clear(self) -> None:
        if self.busy:
            return
        self.model.clear()
        self.summary.clear()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self._show_detail()
        self._update_buttons()

    # -- drag and drop ---------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_paths(event.mimeData()) and not self.busy:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if local_paths(event.mimeData()) and not self.busy:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = local_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)
        else:
            event.ignore()

    # -- running ---------------------------------------------------------------------------
    def start_import(self) -> None:
        files = self.model.pending()
        if files and not self.busy:
            self._run(files, IMPORT)

    def cancel(self) -> None:
        if self.job is not None and not self.job.cancelled:
            self.job.cancel()
            self.summary.setText(self.tr("正在取消：已开始的文件处理完毕后停止…"))
            self.cancel_button.setEnabled(False)

    def _run(self, files: list[str], phase: str) -> None:
        from app.ui.office.actor import current_actor

        job = ImportJob(
            self.store,
            self.catalog,
            files,
            dry_run=phase == PREVIEW,
            in_process=self.in_process,
            actor=current_actor(self.store),
        )
        job.signals.result.connect(self._on_result)
        job.signals.finished.connect(self._on_finished)
        job.signals.failed.connect(self._on_failed)
        self.job, self.phase = job, phase
        self.progress.setRange(0, len(files))
        self.progress.setValue(0)
        if phase == PREVIEW:
            self.summary.setText(self.tr("正在预览 {0} 个文件（不会改动数据）…").format(len(files)))
        else:
            self.summary.setText(self.tr("正在导入 {0} 个文件…").format(len(files)))
        self._update_buttons()
        job.start()

    def _on_result(self, outcome: Any, done: int, total: int) -> None:
        if self.phase == PREVIEW:
            self.model.set_preview(outcome)
        else:
            self.model.set_result(outcome)
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        if self._selected_path() == outcome.file:
            self._show_detail()

    def _on_finished(self, outcomes: list[Any]) -> None:
        job, phase = self.job, self.phase
        self.job = None
        assert job is not None
        done = {o.file for o in outcomes}
        missed = [f for f in job.files if f not in done]
        if phase == IMPORT:
            self.model.mark_cancelled(missed)
        self.summary.setText(self._summary_text(phase, job.cancelled, len(missed)))
        self._update_buttons()
        self._show_detail()
        if phase == IMPORT:
            self.imported.emit()
        self.phase_finished.emit(phase)
        if self._close_when_done:
            self.reject()
            return
        if self._pending_rerun is not None:
            files, rerun_phase = self._pending_rerun
            self._pending_rerun = None
            self._run(files, rerun_phase)
        elif phase == PREVIEW and self.model.unpreviewed():
            self._run(self.model.unpreviewed(), PREVIEW)  # cancelled previews: finish later

    def _on_failed(self, reason: str) -> None:
        phase = self.phase
        self.job = None
        self.summary.setText(self.tr("无法完成：{0}").format(reason))
        self.summary.setStyleSheet(f"color: {ERROR_COLOR};")
        self._update_buttons()
        if phase == IMPORT:
            self.imported.emit()  # files before the failure may have been applied
        self.phase_finished.emit(phase)
        if self._close_when_done:
            self.reject()

    def _summary_text(self, phase: str, cancelled: bool, missed: int) -> str:
        self.summary.setStyleSheet("")
        n = self.model.tally("preview" if phase == PREVIEW else "result")
        if phase == PREVIEW:
            template = self.tr(
                "预览：新增 {0}，替换 {1}，无变化 {2}，存入历史 {3}，拒收 {4}。确认无误后点“导入”。"
            )
        else:
            template = self.tr("导入完成：新增 {0}，替换 {1}，无变化 {2}，存入历史 {3}，拒收 {4}。")
        text = template.format(n["new"], n["replaced"], n["duplicate"], n["history"], n["rejected"])
        if cancelled:
            text += " " + self.tr("已取消：{0} 个文件未处理，已处理的文件保持有效。").format(missed)
        return text

    def _update_buttons(self) -> None:
        busy = self.busy
        self.drop_zone.add_files.setEnabled(not busy)
        self.drop_zone.add_folder.setEnabled(not busy)
        self.drop_zone.clear.setEnabled(not busy and bool(self.model.rows))
        self.cancel_button.setEnabled(busy)
        self.import_button.setEnabled(not busy and bool(self.model.pending()))
        self.register_button.setEnabled(not busy)

    # -- the selected file -----------------------------------------------------------------
    def _selected_path(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()].path if rows else None

    def select_file(self, path: str) -> None:
        for i, r in enumerate(self.model.rows):
            if r.path == path:
                self.table.selectRow(i)
                return

    def _selection_changed(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        path = self._selected_path()
        row = self.model.row_of(path) if path else None
        if row is None or row.latest is None:
            self.detail_title.setText(self.tr("选中一个文件，可在此查看它与当前版本逐项的差异。"))
            self.changes.show_changes([], self.catalog)
            self.register_button.hide()
            return
        o = row.latest
        shown = reason_text(o.message)
        head = Path(row.path).name
        changes = row.preview.changes if row.preview is not None else ()
        if o.outcome == "rejected":
            text = self.tr("{0}：拒收。{1}").format(head, shown)
        elif o.outcome == "accepted" and o.code == "import_new":
            text = self.tr("{0}：本单位本期的第一份报送，没有可比较的当前版本。").format(head)
            changes = ()  # every field would read as changed: noise, not a difference
        elif changes:
            text = self.tr("{0}：与当前版本相比有 {1} 处改动。").format(head, len(changes))
        else:
            text = colon(head) + shown
        top = self.model.outranked_by(row) if row.result is None else None
        if top is not None:
            text += " " + self.tr("同一批中还有更新的 v{0}，导入后以它为当前版本。").format(top)
        self.detail_title.setText(text)
        self.changes.show_changes(changes, self.catalog)
        self.register_button.setVisible(row.needs_key)

    # -- registering the key of a rejected file --------------------------------------------
    def register_key(self, path: str | None = None) -> KeyConfirmDialog | None:
        """Open the fingerprint confirmation for the key that signed ``path``."""
        from app.services.office_trust import add_trusted_key

        path = path or self._selected_path()
        if path is None or self.busy:
            return None
        try:
            registration = registration_from_submission(path, self.catalog)
        except Exception as exc:  # the file changed since, or is not genuine after all
            log.warning("no key read from %s", path, exc_info=True)
            self.summary.setText(self.tr("无法从文件读取密钥：{0}").format(exc))
            return None

        def register(reg: Any) -> Any:
            return add_trusted_key(self.store, self.catalog, reg)

        self.key_dialog = open_key_confirm(
            self,
            registration,
            register,
            lambda info: self._key_registered(info),
            source=Path(path).name,
        )
        return self.key_dialog

    def _key_registered(self, info: Any) -> None:
        self.key_dialog = None
        self.key_registered.emit(info)
        same_key = [
            r
            for r in self.model.rows
            if r.needs_key and r.latest is not None and r.latest.fingerprint == info.fingerprint
        ]
        if not same_key:
            return
        imported = any(r.result is not None for r in same_key)
        files = [r.path for r in same_key]
        if not self.ask_rerun(len(files), imported):
            return
        phase = IMPORT if imported else PREVIEW
        if self.busy:
            self._pending_rerun = (files, phase)
        else:
            self._run(files, phase)

    def ask_rerun(self, count: int, imported: bool) -> bool:
        what = self.tr("重新导入") if imported else self.tr("重新预览")
        answer = QMessageBox.question(
            self,
            self.tr("密钥已登记"),
            self.tr("密钥已登记。是否立即{0}由该密钥签名的 {1} 个文件？").format(what, count),
        )
        return answer == QMessageBox.StandardButton.Yes

    # -- closing ---------------------------------------------------------------------------
    def _defer_close(self) -> bool:
        """While a run is on: stop handing out files, close once it ends (finished stay)."""
        if not self.busy:
            return False
        self._close_when_done = True
        self.cancel()
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._defer_close():
            event.ignore()
            return
        super().closeEvent(event)

    def reject(self) -> None:  # Esc and 关闭
        if not self._defer_close():
            super().reject()
